// SPDX-License-Identifier: GPL-2.0
/*
 * hostclock.c - thread CPU time and perf counters of the calling thread.
 *
 * The kdamond of a run is a host thread, so what it costs on the host is
 * that thread's CPU clock, and where a PMU exists, its instructions.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sim/hostclock.h"

static uint64_t hostclock_read_ns(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t hostclock_thread_cpu_ns(void)
{
	return hostclock_read_ns(CLOCK_THREAD_CPUTIME_ID);
}

uint64_t hostclock_mono_ns(void)
{
	return hostclock_read_ns(CLOCK_MONOTONIC);
}

int host_counter_open(struct host_counter *c, uint32_t type, uint64_t config,
		      const char *what)
{
	struct perf_event_attr attr;
	long fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = type;
	attr.config = config;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	c->what = what;
	/* pid 0, cpu -1: this thread, on whichever CPU it runs */
	fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0) {
		c->fd = -1;
		c->err = -errno;
		return c->err;
	}
	c->fd = (int)fd;
	c->err = 0;
	return 0;
}

int host_counter_open_insns(struct host_counter *c)
{
	return host_counter_open(c, PERF_TYPE_HARDWARE,
				 PERF_COUNT_HW_INSTRUCTIONS, "instructions");
}

bool host_counter_read(const struct host_counter *c, uint64_t *val)
{
	uint64_t v;

	if (c->fd < 0 || read(c->fd, &v, sizeof(v)) != (ssize_t)sizeof(v))
		return false;
	*val = v;
	return true;
}

const char *host_counter_why(const struct host_counter *c, char *buf,
			     unsigned long size)
{
	const char *what = c->what ? c->what : "counter", *reason = "";

	if (!c->err) {
		snprintf(buf, size, "%s: not measured", what);
		return buf;
	}
	if (c->err == -ENOENT || c->err == -EOPNOTSUPP)
		reason = "the host has no PMU event for it; ";
	else if (c->err == -EACCES || c->err == -EPERM)
		reason = "not permitted (see /proc/sys/kernel/perf_event_paranoid); ";
	snprintf(buf, size, "%s: not measured: %sperf_event_open: %s", what,
		 reason, strerror(-c->err));
	return buf;
}

void host_counter_close(struct host_counter *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}
