/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hostops.h - the one seam between the kernel port and its host.
 *
 * Kernel code compiled by damonsim (mm/damon/core.c and the shim under
 * kernel-port/) reaches the outside world only through this file:
 *
 *  - the host fills a struct kport_hostops (trace sinks, log sink, memory
 *    and pressure facts of the simulated machine) and installs it;
 *  - the host drives virtual time with kport_run_until(): simulated kernel
 *    threads (kdamond) run, one at a time, until every one of them sleeps
 *    past the given time, and the clock then stands at that time;
 *  - the host reads the shim's counters (WARNs, allocations) and sets the
 *    seed of the kernel's random numbers.
 *
 * Nothing here depends on the simulator or GLib, so any host (the sim, the
 * KUnit runner, a unit test) can drive the kernel code.
 */
#ifndef DAMONSIM_KPORT_HOSTOPS_H
#define DAMONSIM_KPORT_HOSTOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- trace events -------------------------------------------------- */

/* One field of a trace event entry, as declared in its TP_STRUCT__entry. */
struct kport_trace_field {
	const char *name;
	size_t offset;
	size_t size;
	bool is_signed;
	/*
	 * A __dynamic_array: the field is a u32 "data_loc", the array's
	 * offset in the entry (low 16 bits) and byte length (high 16 bits).
	 */
	bool is_dynamic;
};

/* A fired tracepoint: its entry after TP_fast_assign, and the field map. */
struct kport_trace_event {
	const char *name;
	const struct kport_trace_field *fields;
	unsigned int nr_fields;
	const void *entry;
	const char *text;	/* TP_printk output, when the host asked */
};

bool kport_trace_enabled(const char *event);
bool kport_trace_wants_text(void);
void kport_trace_emit(const struct kport_trace_event *ev);

/**
 * kport_trace_u64() - read a named integer field of a trace event
 * @ev:    the event handed to the host's trace sink
 * @field: field name as in the event's TP_STRUCT__entry
 * @val:   where to store the value, widened to 64 bits (sign-extended when
 *         the field is signed)
 *
 * Return: true if the event has an integer field of that name.
 */
bool kport_trace_u64(const struct kport_trace_event *ev, const char *field,
		     uint64_t *val);

/**
 * kport_trace_array() - bytes of a named dynamic-array field
 * @ev:    the event handed to the host's trace sink
 * @field: field name as in the event's TP_STRUCT__entry (__dynamic_array)
 * @len:   set to the array's length in bytes
 *
 * Return: pointer to the bytes inside the entry, or NULL if @ev has no
 * dynamic array of that name.
 */
const void *kport_trace_array(const struct kport_trace_event *ev,
			      const char *field, size_t *len);


/* ---- what the host provides --------------------------------------- */

/* Per-node page counters (summed over nodes) that quota goals may read. */
enum kport_node_stat {
	KPORT_NODE_INACTIVE_ANON,
	KPORT_NODE_ACTIVE_ANON,
	KPORT_NODE_INACTIVE_FILE,
	KPORT_NODE_ACTIVE_FILE,
	KPORT_NODE_UNEVICTABLE,
	KPORT_NODE_ANON_THPS,
	KPORT_NODE_SHMEM_THPS,
	KPORT_NODE_FILE_THPS,
};

/* A range of "System RAM" of the simulated machine, inclusive end. */
struct kport_ram_range {
	uint64_t start;
	uint64_t end;
};

struct kport_hostops {
	void *data;	/* passed back to every callback */
	/* Whether @event should fire; NULL means only trace_all decides. */
	bool (*trace_enabled)(void *data, const char *event);
	/* Receives every enabled event. */
	void (*trace)(void *data, const struct kport_trace_event *ev);
	bool trace_all;		/* fire every event when trace_enabled is NULL */
	bool trace_text;	/* format TP_printk text for each event */
	/* Kernel log lines (pr_*); NULL prints errors and warnings to stderr. */
	void (*log)(void *data, int level, const char *msg);
	/* Memory facts, in pages of 4 KiB.  NULL gives 1 GiB, all free. */
	unsigned long (*totalram_pages)(void *data);
	unsigned long (*free_pages)(void *data);
	/* System RAM ranges; NULL gives one range [0, 1 GiB). */
	int (*ram_ranges)(void *data, struct kport_ram_range *ranges, int max);
	/* A node counter in pages of 4 KiB; NULL gives 0 for all. */
	unsigned long (*node_page_state)(void *data,
					 enum kport_node_stat item);
	/* Cumulative "some" memory stall time in ns. */
	uint64_t (*psi_mem_some_ns)(void *data);
	/* CPU the calling simulated context runs on (smp_processor_id()). */
	unsigned int (*current_cpu)(void *data);
};

/**
 * kport_set_hostops() - install the host's callbacks
 * @ops: callbacks; copied.  NULL restores the defaults.
 */
void kport_set_hostops(const struct kport_hostops *ops);

/* ---- virtual time and the cooperative scheduler --------------------- */

/**
 * kport_clock_ns() - the virtual clock, in ns since the host's time zero
 */
uint64_t kport_clock_ns(void);

/**
 * kport_run_until() - let simulated kernel threads run up to a time
 * @ns: virtual time to advance to; must not be earlier than the clock
 *
 * Runs every simulated thread that is ready, in wake-time order (ties by
 * thread id), advancing the clock to each wake-up, until none is ready at
 * or before @ns.  The clock is then @ns and the caller continues.  Only one
 * thread (the caller or one simulated thread) runs at any moment.
 */
void kport_run_until(uint64_t ns);

/**
 * kport_next_wakeup_ns() - earliest time a sleeping simulated thread wakes
 *
 * Return: that time, or UINT64_MAX when no simulated thread is sleeping.
 */
uint64_t kport_next_wakeup_ns(void);

/**
 * kport_nr_threads() - simulated kernel threads created and not yet reaped
 */
unsigned int kport_nr_threads(void);

/**
 * kport_context_switches() - how often the baton passed between threads
 */
uint64_t kport_context_switches(void);

/**
 * kport_task_cpu_ns() - host CPU time a simulated thread has used so far
 * @task: the thread (struct task_struct *), or NULL for none
 *
 * Host-dependent by nature: for host.json, never for results.
 *
 * Return: nanoseconds of CPU time, or 0 when unavailable.
 */
uint64_t kport_task_cpu_ns(const void *task);

/* ---- seeded randomness --------------------------------------------- */

/**
 * kport_seed() - seed get_random_*() and every later prandom seeding
 * @seed: the scenario's seed
 */
void kport_seed(uint64_t seed);

/* ---- observability of the shim ------------------------------------- */

/* How many WARN*() fired since start (tests assert this stays 0). */
unsigned long kport_warn_count(void);

struct kport_slab_stats {
	unsigned long allocs;	/* successful allocations */
	unsigned long frees;
	unsigned long failed;	/* injected failures */
	unsigned long live;	/* allocations not yet freed */
};

void kport_slab_stats(struct kport_slab_stats *stats);

/**
 * kport_slab_fail_nth() - make the @nth allocation from now on fail
 * @nth: 1 for the next allocation; 0 disables injection
 */
void kport_slab_fail_nth(unsigned long nth);

#endif /* DAMONSIM_KPORT_HOSTOPS_H */
