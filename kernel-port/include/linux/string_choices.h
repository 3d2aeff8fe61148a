/* SPDX-License-Identifier: GPL-2.0 */
/* DUPLICATED: the kernel's str_<a>_<b>() helpers for readable messages. */
#ifndef _LINUX_STRING_CHOICES_H
#define _LINUX_STRING_CHOICES_H

#include <linux/types.h>

static inline const char *str_on_off(bool v)
{
	return v ? "on" : "off";
}

static inline const char *str_true_false(bool v)
{
	return v ? "true" : "false";
}

static inline const char *str_high_low(bool v)
{
	return v ? "high" : "low";
}

static inline const char *str_yes_no(bool v)
{
	return v ? "yes" : "no";
}

static inline const char *str_enabled_disabled(bool v)
{
	return v ? "enabled" : "disabled";
}

static inline const char *str_plural(size_t num)
{
	return num == 1 ? "" : "s";
}

#endif /* _LINUX_STRING_CHOICES_H */
