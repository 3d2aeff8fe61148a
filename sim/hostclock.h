/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hostclock.h - what the host spends: the calling thread's CPU time and,
 * where the host has a PMU that lets us count, its retired instructions.
 *
 * These figures are about the machine damonsim runs on, never about the
 * simulated one, so they only ever go to host-dependent outputs.
 */
#ifndef DAMONSIM_SIM_HOSTCLOCK_H
#define DAMONSIM_SIM_HOSTCLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* A perf counter of one thread; fd < 0 when not open. */
struct host_counter {
	int fd;
	int err;		/* negative errno of the failed open, or 0 */
	const char *what;	/* what it counts, for messages */
};

/**
 * hostclock_thread_cpu_ns() - CPU time the calling thread has used
 *
 * Return: nanoseconds, or 0 if the clock cannot be read.
 */
uint64_t hostclock_thread_cpu_ns(void);

/**
 * hostclock_mono_ns() - the host's monotonic clock, for wall-time splits
 *
 * Return: nanoseconds since an arbitrary point, or 0 if unreadable.
 */
uint64_t hostclock_mono_ns(void);

/**
 * host_counter_open() - count a perf event for the calling thread
 * @c: counter, filled in either way
 * @type: PERF_TYPE_*
 * @config: event of that type
 * @what: what it counts ("instructions"), for host_counter_why()
 *
 * User space only (exclude_kernel), so it works at perf_event_paranoid 2.
 *
 * Return: 0, or the negative errno of perf_event_open() (-ENOENT when the
 * host has no such hardware event, as in VMs without a virtual PMU).
 */
int host_counter_open(struct host_counter *c, uint32_t type, uint64_t config,
		      const char *what);

/**
 * host_counter_open_insns() - count retired instructions of this thread
 * @c: counter
 *
 * Return: as host_counter_open().
 */
int host_counter_open_insns(struct host_counter *c);

/**
 * host_counter_read() - current value of an open counter
 * @c: counter
 * @val: the count since it was opened
 *
 * Return: true if @val was read.
 */
bool host_counter_read(const struct host_counter *c, uint64_t *val);

/**
 * host_counter_why() - one line saying why a counter has no value
 * @c: counter whose open failed (or was never attempted)
 * @buf: where to write it
 * @size: size of @buf
 *
 * Return: @buf.
 */
const char *host_counter_why(const struct host_counter *c, char *buf,
			     unsigned long size);

/**
 * host_counter_close() - release the counter
 * @c: counter (may be closed already)
 */
void host_counter_close(struct host_counter *c);

#endif
