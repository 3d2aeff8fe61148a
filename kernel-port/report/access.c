// SPDX-License-Identifier: GPL-2.0
/*
 * The global report buffer behind damon_report_access().  See report.h.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/atomic.h>

#include "report/report.h"

static struct damon_report_buf damon_report_global_buf;
static struct damon_report_buf *damon_report_global;
static atomic_long_t damon_report_unbuffered;

/**
 * damon_report_init() - set up the buffer damon_report_access() fills
 * @type:	Simple or per-CPU.
 * @capacity:	Reports the array (simple) or each CPU's ring holds.
 *
 * Context: Process context, before any reporter is enabled.
 * Return: 0, -EBUSY if already set up, or damon_report_buf_init()'s error.
 */
int damon_report_init(enum damon_report_buf_type type,
		      unsigned int capacity)
{
	int err;

	if (damon_report_global)
		return -EBUSY;
	err = damon_report_buf_init(&damon_report_global_buf, type, capacity);
	if (err)
		return err;
	atomic_long_set(&damon_report_unbuffered, 0);
	/* Pairs with damon_report_access(): publish a set-up buffer. */
	smp_store_release(&damon_report_global, &damon_report_global_buf);
	return 0;
}

/**
 * damon_report_exit() - tear down the buffer set up by damon_report_init()
 *
 * Context: Process context, after every reporter is disabled (a kernel
 * would also wait for running reporters, e.g. with synchronize_rcu()).
 */
void damon_report_exit(void)
{
	if (!damon_report_global)
		return;
	WRITE_ONCE(damon_report_global, NULL);
	damon_report_buf_destroy(&damon_report_global_buf);
}

/**
 * damon_report_buffer() - the buffer damon_report_access() fills
 *
 * Return: the buffer for kdamond to drain, or NULL when not set up.
 */
struct damon_report_buf *damon_report_buffer(void)
{
	return READ_ONCE(damon_report_global);
}

/**
 * damon_report_nr_unbuffered() - reports dropped because no buffer was set up
 *
 * Return: how many since the last damon_report_init().
 */
unsigned long damon_report_nr_unbuffered(void)
{
	return atomic_long_read(&damon_report_unbuffered);
}

#ifndef HAVE_DAMON_REPORT_ACCESS
void damon_report_access(struct damon_access_report *report)
{
	/* Pairs with damon_report_init(): see the buffer set up. */
	struct damon_report_buf *buf = smp_load_acquire(&damon_report_global);

	if (!buf) {
		atomic_long_inc(&damon_report_unbuffered);
		return;
	}
	damon_report_buf_push(buf, report);
}
#endif /* HAVE_DAMON_REPORT_ACCESS */
