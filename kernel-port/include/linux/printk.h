/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: pr_*() go to the host's log sink with their level; pr_debug()
 * compiles away but still type-checks its arguments, as with dynamic debug
 * off in the kernel.
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <linux/compiler.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

int kport_printk(int level, const char *fmt, ...) __printf(2, 3);

#define printk(fmt, ...) kport_printk(6, fmt, ##__VA_ARGS__)
#define pr_emerg(fmt, ...) kport_printk(0, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) kport_printk(1, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) kport_printk(2, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) kport_printk(3, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) kport_printk(4, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) kport_printk(5, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) kport_printk(6, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once pr_err
#define pr_warn_once pr_warn
#define pr_info_once pr_info
#define pr_warn_ratelimited pr_warn
#define pr_debug(fmt, ...) do {						\
	if (0)								\
		printf(pr_fmt(fmt), ##__VA_ARGS__);			\
} while (0)

#endif /* _LINUX_PRINTK_H */
