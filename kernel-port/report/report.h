/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - push-style access reports for DAMON.
 *
 * Page table accessed bits are pulled by kdamond once per sampling
 * interval.  Other access sources (page faults, perf memory sampling, AMD
 * IBS) see accesses when they happen, often in NMI context, and push them
 * with damon_report_access().  Reports wait in a buffer until kdamond
 * drains it in the ops' check_accesses(), attributes each report to the
 * region holding its address and folds "this region was accessed" into the
 * region exactly as for an accessed-bit hit.
 *
 * Two buffers, chosen at run time:
 *
 *  - simple: one array of fixed capacity under a mutex.  Pushers only
 *    mutex_trylock(): a report that finds the lock taken or the array full
 *    is dropped and counted.  Valid for pushers in process context only
 *    (mutex_trylock() is not allowed in IRQ or NMI context).
 *  - percpu: one lockless single-producer/single-consumer ring per CPU.
 *    Only the CPU's own pusher writes the head, only the drainer writes the
 *    tail; NMI-safe.  A push nested in another push on the same CPU (an
 *    NMI hitting a pusher) is dropped and counted instead of corrupting
 *    the ring.
 *
 * Two ways to find a report's region, also chosen at run time: a linear
 * walk, or a binary search over a flat sorted snapshot of the regions.
 * The drain works on such flat arrays of address ranges, so it needs no
 * DAMON context; damon_report_snapshot_target() builds one from a target.
 */
#ifndef _DAMON_REPORT_H
#define _DAMON_REPORT_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/percpu.h>

#ifndef HAVE_DAMON_REPORT_ACCESS
/**
 * struct damon_access_report - one access seen by a push-style source
 * @addr:	Accessed address (virtual or physical, as the target's ops).
 * @size:	Accessed bytes; 0 means unknown (taken as one byte).
 * @report_jiffies: When the access was seen (jiffies is NMI-safe to read).
 * @nr_accesses: Accesses this report stands for (a sampling period);
 *		0 is taken as 1.
 * @pid:	Process the access belongs to (its tgid), so a drain can pick
 *		a virtual address target's reports; 0 for physical addresses.
 * @tid:	Thread that made the access, 0 when unknown.
 * @cpu:	CPU the access was seen on.
 * @is_write:	Whether the access was a write, when the source knows.
 */
struct damon_access_report {
	unsigned long addr;
	unsigned long size;
	unsigned long report_jiffies;
	unsigned int nr_accesses;
	int pid;
	int tid;
	unsigned int cpu;
	bool is_write;
};

/**
 * damon_report_access() - report an access to DAMON
 * @report:	The access.  Copied; the caller may reuse it on return.
 *
 * Pushes @report into the buffer set up by damon_report_init().  Never
 * sleeps.  A report that cannot be stored (no buffer, full, busy) is
 * dropped and counted, never half-stored.
 */
void damon_report_access(struct damon_access_report *report);
#else
#include <linux/damon.h>
#endif /* HAVE_DAMON_REPORT_ACCESS */

/**
 * enum damon_report_buf_type - how reports are buffered
 * @DAMON_REPORT_BUF_SIMPLE:	One mutex-protected array; trylock or drop.
 * @DAMON_REPORT_BUF_PERCPU:	Lockless SPSC ring per CPU; NMI-safe.
 */
enum damon_report_buf_type {
	DAMON_REPORT_BUF_SIMPLE,
	DAMON_REPORT_BUF_PERCPU,
};

/**
 * enum damon_report_lookup - how a drain finds a report's region
 * @DAMON_REPORT_LOOKUP_LINEAR:	Walk the ranges from the first.
 * @DAMON_REPORT_LOOKUP_BSEARCH: Binary search over the sorted ranges.
 */
enum damon_report_lookup {
	DAMON_REPORT_LOOKUP_LINEAR,
	DAMON_REPORT_LOOKUP_BSEARCH,
};

/*
 * One CPU's ring.  @head and the producer's fields come first and @tail
 * after a pad, so the pusher and the drainer do not write one cache line.
 */
struct damon_report_ring {
	unsigned long head;		/* written by this CPU's pusher only */
	unsigned long nr_pushed;	/* pusher only */
	unsigned long nr_dropped_full;	/* pusher only */
	unsigned long nr_dropped_busy;	/* pusher only */
	unsigned int nesting;		/* pusher only: a push is running */
	struct damon_access_report *slots;
	char __pad[64 - 5 * sizeof(unsigned long) - sizeof(void *)];
	unsigned long tail;		/* written by the drainer only */
};

/**
 * struct damon_report_buf - a buffer of access reports
 * @type:	Simple or per-CPU.
 * @capacity:	Reports the array (simple) or each ring (percpu, a power of
 *		two) holds.
 * @lock:	Simple: protects @reports, @nr_reports and the counters.
 * @reports:	Simple: the stored reports, oldest first.
 * @nr_reports:	Simple: how many are stored.
 * @nr_pushed:	Simple: reports stored so far.
 * @nr_dropped_full: Simple: reports dropped because the array was full.
 * @nr_dropped_busy: Simple: reports dropped because the lock was taken.
 * @rings:	Percpu: one ring per possible CPU.
 * @nr_rings:	Percpu: nr_cpu_ids when the buffer was set up.
 * @scratch:	Drainer only: where damon_report_drain() collects reports.
 * @scratch_len: Length of @scratch; every report the buffer can hold.
 */
struct damon_report_buf {
	enum damon_report_buf_type type;
	unsigned int capacity;
	struct mutex lock;
	struct damon_access_report *reports;
	unsigned int nr_reports;
	unsigned long nr_pushed;
	unsigned long nr_dropped_full;
	atomic_long_t nr_dropped_busy;
	struct damon_report_ring __percpu *rings;
	unsigned int nr_rings;
	struct damon_access_report *scratch;
	unsigned int scratch_len;
};

/**
 * struct damon_report_buf_stats - what happened to pushed reports
 * @nr_pushed:		Reports stored (drained or still waiting).
 * @nr_dropped_full:	Reports dropped for lack of room.
 * @nr_dropped_busy:	Reports dropped because the buffer was busy: the
 *			lock was taken (simple), or a push nested in another
 *			push on the same CPU (percpu).
 */
struct damon_report_buf_stats {
	unsigned long nr_pushed;
	unsigned long nr_dropped_full;
	unsigned long nr_dropped_busy;
};

/**
 * struct damon_report_range - one region's address range, [start, end)
 * @start:	First address.
 * @end:	One past the last address.
 */
struct damon_report_range {
	unsigned long start;
	unsigned long end;
};

/**
 * struct damon_report_drain_stats - where drained reports went
 * @nr_reports:		Reports looked at.
 * @nr_attributed:	Reports whose address lies in a range.
 * @nr_unattributed:	Reports whose address lies in no range (e.g. the
 *			region set changed, or the address is in a gap).
 * @nr_filtered:	Reports the caller's filter rejected (e.g. another
 *			target's).
 */
struct damon_report_drain_stats {
	unsigned long nr_reports;
	unsigned long nr_attributed;
	unsigned long nr_unattributed;
	unsigned long nr_filtered;
};

/*
 * Whether a report belongs to what is being drained (e.g. to one target),
 * for callers that attribute one batch of reports to several targets.
 */
typedef bool (*damon_report_filter_fn)(const struct damon_access_report *r,
				       void *arg);

int damon_report_buf_init(struct damon_report_buf *buf,
			  enum damon_report_buf_type type,
			  unsigned int capacity);
void damon_report_buf_destroy(struct damon_report_buf *buf);
int damon_report_buf_push(struct damon_report_buf *buf,
			  const struct damon_access_report *report);
unsigned int damon_report_buf_collect(struct damon_report_buf *buf,
				      struct damon_access_report *out,
				      unsigned int max);
void damon_report_buf_stats(struct damon_report_buf *buf, int cpu,
			    struct damon_report_buf_stats *stats);

bool damon_report_ranges_valid(const struct damon_report_range *ranges,
			       unsigned int nr);
long damon_report_find_range(const struct damon_report_range *ranges,
			     unsigned int nr, unsigned long addr,
			     enum damon_report_lookup lookup);
void damon_report_attribute(const struct damon_access_report *reports,
			    unsigned int nr_reports,
			    const struct damon_report_range *ranges,
			    unsigned int nr_ranges,
			    enum damon_report_lookup lookup,
			    damon_report_filter_fn filter, void *filter_arg,
			    unsigned int *hits,
			    struct damon_report_drain_stats *stats);
unsigned int damon_report_drain(struct damon_report_buf *buf,
				const struct damon_report_range *ranges,
				unsigned int nr_ranges,
				enum damon_report_lookup lookup,
				damon_report_filter_fn filter,
				void *filter_arg, unsigned int *hits,
				struct damon_report_drain_stats *stats);

/* The global buffer behind damon_report_access(). */
int damon_report_init(enum damon_report_buf_type type,
		      unsigned int capacity);
void damon_report_exit(void);
struct damon_report_buf *damon_report_buffer(void);
unsigned long damon_report_nr_unbuffered(void);

struct damon_target;
int damon_report_snapshot_target(struct damon_target *t,
				 struct damon_report_range **ranges);

#endif /* _DAMON_REPORT_H */
