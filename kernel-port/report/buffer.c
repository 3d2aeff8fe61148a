// SPDX-License-Identifier: GPL-2.0
/*
 * Access report buffers: the simple mutex-protected array and the per-CPU
 * lockless rings.  See report.h.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <asm/barrier.h>

#include "report/report.h"

static int damon_report_buf_init_simple(struct damon_report_buf *buf)
{
	mutex_init(&buf->lock);
	buf->reports = kmalloc_array(buf->capacity, sizeof(*buf->reports),
				     GFP_KERNEL);
	if (!buf->reports)
		return -ENOMEM;
	buf->scratch_len = buf->capacity;
	return 0;
}

static int damon_report_buf_init_percpu(struct damon_report_buf *buf)
{
	unsigned int cpu, cap = 1;

	/*
	 * A power of two, so that slot indices taken from the free-running
	 * head and tail stay continuous when those wrap around.
	 */
	while (cap < buf->capacity) {
		if (cap > UINT_MAX / 2)
			return -EINVAL;
		cap *= 2;
	}
	buf->capacity = cap;
	buf->nr_rings = nr_cpu_ids;
	buf->rings = alloc_percpu(struct damon_report_ring);
	if (!buf->rings)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct damon_report_ring *ring = per_cpu_ptr(buf->rings, cpu);

		ring->slots = kmalloc_array(buf->capacity,
					    sizeof(*ring->slots), GFP_KERNEL);
		if (!ring->slots)
			return -ENOMEM;
	}
	/* Every ring full at once must fit one drain. */
	if (buf->capacity > UINT_MAX / buf->nr_rings)
		return -EINVAL;
	buf->scratch_len = buf->capacity * buf->nr_rings;
	return 0;
}

/**
 * damon_report_buf_init() - set up an empty report buffer
 * @buf:	The buffer; its previous contents are ignored.
 * @type:	Simple or per-CPU.
 * @capacity:	Reports the array (simple) or each CPU's ring (percpu)
 *		holds; more pushed between two drains are dropped.  Rounded
 *		up to a power of two for the per-CPU rings.
 *
 * For the per-CPU buffer, one ring is set up for each of the nr_cpu_ids
 * possible CPUs.  On failure everything allocated is freed again.
 *
 * Context: Process context; may sleep.
 * Return: 0, -EINVAL for a zero capacity, an unknown type or a scratch
 * array that would not fit an unsigned int, or -ENOMEM.
 */
int damon_report_buf_init(struct damon_report_buf *buf,
			  enum damon_report_buf_type type,
			  unsigned int capacity)
{
	int err;

	memset(buf, 0, sizeof(*buf));
	if (!capacity)
		return -EINVAL;
	buf->type = type;
	buf->capacity = capacity;
	atomic_long_set(&buf->nr_dropped_busy, 0);
	switch (type) {
	case DAMON_REPORT_BUF_SIMPLE:
		err = damon_report_buf_init_simple(buf);
		break;
	case DAMON_REPORT_BUF_PERCPU:
		err = damon_report_buf_init_percpu(buf);
		break;
	default:
		return -EINVAL;
	}
	if (!err) {
		buf->scratch = kmalloc_array(buf->scratch_len,
					     sizeof(*buf->scratch),
					     GFP_KERNEL);
		if (!buf->scratch)
			err = -ENOMEM;
	}
	if (err)
		damon_report_buf_destroy(buf);
	return err;
}

/**
 * damon_report_buf_destroy() - free a report buffer's memory
 * @buf:	A buffer set up by damon_report_buf_init(), even partly.
 *
 * Reports still stored are discarded.  No one may push or drain any more.
 */
void damon_report_buf_destroy(struct damon_report_buf *buf)
{
	unsigned int cpu;

	if (buf->type == DAMON_REPORT_BUF_SIMPLE) {
		if (buf->reports)
			mutex_destroy(&buf->lock);
		kfree(buf->reports);
	}
	if (buf->rings) {
		for (cpu = 0; cpu < buf->nr_rings; cpu++)
			kfree(per_cpu_ptr(buf->rings, cpu)->slots);
		free_percpu(buf->rings);
	}
	kfree(buf->scratch);
	memset(buf, 0, sizeof(*buf));
}

static int damon_report_push_simple(struct damon_report_buf *buf,
				    const struct damon_access_report *report)
{
	int err = 0;

	/*
	 * Never wait: a pusher must not sleep, and waiting for kdamond's
	 * drain would stall the faulting task.  A lost report only makes
	 * one region look a little colder for one sampling interval.
	 */
	if (!mutex_trylock(&buf->lock)) {
		atomic_long_inc(&buf->nr_dropped_busy);
		return -EBUSY;
	}
	if (buf->nr_reports < buf->capacity) {
		buf->reports[buf->nr_reports++] = *report;
		buf->nr_pushed++;
	} else {
		buf->nr_dropped_full++;
		err = -ENOSPC;
	}
	mutex_unlock(&buf->lock);
	return err;
}

static int damon_report_push_percpu(struct damon_report_buf *buf,
				    const struct damon_access_report *report)
{
	struct damon_report_ring *ring;
	unsigned long head, tail;
	int err = 0;

	preempt_disable();
	ring = this_cpu_ptr(buf->rings);
	/*
	 * An NMI that hits this CPU's pusher between its reading of @head
	 * and its publishing of @head + 1 would write the same slot.  The
	 * nested push sees @nesting set and drops its report instead.  If the
	 * NMI comes before @nesting is set, it runs to completion first and
	 * the interrupted push then reads the new @head.
	 */
	if (ring->nesting) {
		WRITE_ONCE(ring->nr_dropped_busy, ring->nr_dropped_busy + 1);
		err = -EBUSY;
		goto out;
	}
	ring->nesting = 1;
	barrier();

	head = ring->head;
	/* Pairs with the drainer's release: slots before @tail are copied. */
	tail = smp_load_acquire(&ring->tail);
	if (head - tail >= buf->capacity) {
		WRITE_ONCE(ring->nr_dropped_full, ring->nr_dropped_full + 1);
		err = -ENOSPC;
	} else {
		ring->slots[head & (buf->capacity - 1)] = *report;
		/* Pairs with the drainer's acquire: the slot is written. */
		smp_store_release(&ring->head, head + 1);
		WRITE_ONCE(ring->nr_pushed, ring->nr_pushed + 1);
	}

	barrier();
	ring->nesting = 0;
out:
	preempt_enable();
	return err;
}

/**
 * damon_report_buf_push() - store one access report
 * @buf:	The buffer.
 * @report:	The report; copied.
 *
 * Context: Any context for a per-CPU buffer, including NMI; process
 * context for a simple one.  Never sleeps.
 * Return: 0 when stored; -ENOSPC when dropped for lack of room; -EBUSY
 * when dropped because the buffer was busy.  Drops are counted.
 */
int damon_report_buf_push(struct damon_report_buf *buf,
			  const struct damon_access_report *report)
{
	if (buf->type == DAMON_REPORT_BUF_PERCPU)
		return damon_report_push_percpu(buf, report);
	return damon_report_push_simple(buf, report);
}

static unsigned int damon_report_collect_simple(struct damon_report_buf *buf,
					struct damon_access_report *out,
					unsigned int max)
{
	unsigned int n;

	mutex_lock(&buf->lock);
	n = min(buf->nr_reports, max);
	memcpy(out, buf->reports, n * sizeof(*out));
	buf->nr_reports -= n;
	memmove(buf->reports, buf->reports + n,
		buf->nr_reports * sizeof(*buf->reports));
	mutex_unlock(&buf->lock);
	return n;
}

static unsigned int damon_report_collect_percpu(struct damon_report_buf *buf,
					struct damon_access_report *out,
					unsigned int max)
{
	unsigned int cpu, done = 0;

	for (cpu = 0; cpu < buf->nr_rings && done < max; cpu++) {
		struct damon_report_ring *ring = per_cpu_ptr(buf->rings, cpu);
		unsigned long head, tail, n, i;

		tail = ring->tail;
		/* Pairs with the pusher's release of @head. */
		head = smp_load_acquire(&ring->head);
		n = min(head - tail, (unsigned long)(max - done));
		for (i = 0; i < n; i++)
			out[done++] = ring->slots[(tail + i) &
						  (buf->capacity - 1)];
		/* Pairs with the pusher's acquire: these slots are free. */
		smp_store_release(&ring->tail, tail + n);
	}
	return done;
}

/**
 * damon_report_buf_collect() - take stored reports out of a buffer
 * @buf:	The buffer.
 * @out:	Where to copy the reports.
 * @max:	Room in @out.
 *
 * Takes up to @max reports, oldest first (per CPU, CPU by CPU, for a
 * per-CPU buffer); reports beyond @max stay for the next call.  Only one
 * drainer at a time: for a per-CPU buffer, the caller is the single
 * consumer of every ring.
 *
 * Context: Process context (kdamond); may sleep for a simple buffer.
 * Return: the number of reports copied to @out.
 */
unsigned int damon_report_buf_collect(struct damon_report_buf *buf,
				      struct damon_access_report *out,
				      unsigned int max)
{
	if (buf->type == DAMON_REPORT_BUF_PERCPU)
		return damon_report_collect_percpu(buf, out, max);
	return damon_report_collect_simple(buf, out, max);
}

/**
 * damon_report_buf_stats() - how many reports were stored and dropped
 * @buf:	The buffer.
 * @cpu:	For a per-CPU buffer, one CPU's counts; negative for the sum
 *		over all CPUs.  Ignored for a simple buffer.
 * @stats:	Where to store the counts.
 *
 * Counters only grow; stored plus dropped is every push so far.
 *
 * Context: Process context; may sleep for a simple buffer.
 */
void damon_report_buf_stats(struct damon_report_buf *buf, int cpu,
			    struct damon_report_buf_stats *stats)
{
	unsigned int c;

	memset(stats, 0, sizeof(*stats));
	if (buf->type == DAMON_REPORT_BUF_SIMPLE) {
		mutex_lock(&buf->lock);
		stats->nr_pushed = buf->nr_pushed;
		stats->nr_dropped_full = buf->nr_dropped_full;
		mutex_unlock(&buf->lock);
		stats->nr_dropped_busy = atomic_long_read(&buf->nr_dropped_busy);
		return;
	}
	for (c = 0; c < buf->nr_rings; c++) {
		struct damon_report_ring *ring = per_cpu_ptr(buf->rings, c);

		if (cpu >= 0 && c != (unsigned int)cpu)
			continue;
		stats->nr_pushed += READ_ONCE(ring->nr_pushed);
		stats->nr_dropped_full += READ_ONCE(ring->nr_dropped_full);
		stats->nr_dropped_busy += READ_ONCE(ring->nr_dropped_busy);
	}
}
