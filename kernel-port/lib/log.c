// SPDX-License-Identifier: GPL-2.0
/*
 * printk and WARN/BUG for the kernel code: lines go to the host's log sink;
 * warnings are counted so tests can assert that none fired.
 */
#include <stdarg.h>

#include <linux/kernel.h>

#include "hostops.h"
#include "kport_host.h"

static unsigned long nr_warnings;

unsigned long kport_warn_count(void)
{
	return nr_warnings;
}

static void emit(int level, const char *msg)
{
	const struct kport_hostops *ops = kport_hostops();

	if (ops->log)
		ops->log(ops->data, level, msg);
	else if (level <= 4)
		fprintf(stderr, "kernel: %s", msg);
}

int kport_printk(int level, const char *fmt, ...)
{
	char buf[512];
	va_list args;
	int len;

	/* printk() itself may carry a KERN_<LEVEL> prefix: "\001" "3". */
	if (fmt[0] == '\001' && fmt[1]) {
		level = fmt[1] - '0';
		fmt += 2;
	}
	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	emit(level, buf);
	return len;
}

void kport_warn(const char *file, int line, const char *cond)
{
	char buf[512];

	nr_warnings++;
	snprintf(buf, sizeof(buf), "WARNING: %s:%d: %s\n", file, line, cond);
	emit(4, buf);
}

void kport_bug(const char *file, int line, const char *cond)
{
	fprintf(stderr, "kernel BUG at %s:%d: %s\n", file, line, cond);
	abort();
}
