/* SPDX-License-Identifier: GPL-2.0 */
/* DUPLICATED: min/max/clamp/abs with the kernel's type rules. */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/compiler.h>

#undef min
#undef max
#define min(x, y) ({ typeof(x) a_ = (x); typeof(y) b_ = (y); a_ < b_ ? a_ : b_; })
#define max(x, y) ({ typeof(x) a_ = (x); typeof(y) b_ = (y); a_ > b_ ? a_ : b_; })
#define min3(x, y, z) min((typeof(x))min(x, y), z)
#define max3(x, y, z) max((typeof(x))max(x, y), z)
#define min_t(type, x, y) ({ type a_ = (x); type b_ = (y); a_ < b_ ? a_ : b_; })
#define max_t(type, x, y) ({ type a_ = (x); type b_ = (y); a_ > b_ ? a_ : b_; })
/* |a - b| without overflow, in the wider of the two types. */
#define abs_diff(a, b)							\
	({ typeof(a) ad_a_ = (a); typeof(b) ad_b_ = (b);		\
	   ad_a_ > ad_b_ ? ad_a_ - ad_b_ : ad_b_ - ad_a_; })
#define clamp(val, lo, hi) min((typeof(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(typeof(val), val, lo, hi)
#define swap(a, b) do { typeof(a) t_ = (a); (a) = (b); (b) = t_; } while (0)

/*
 * The kernel's abs() converts its argument to the signed type of the same
 * width before negating.  core.c relies on it: abs() of a difference of two
 * unsigned ints must yield the small signed distance, not a huge value.
 */
#undef abs
#define abs(x) __builtin_choose_expr(sizeof(x) == sizeof(long long),	\
	({ long long v_ = (long long)(x); v_ < 0 ? -v_ : v_; }),	\
	__builtin_choose_expr(sizeof(x) == sizeof(int),		\
	({ int v_ = (int)(x); v_ < 0 ? -v_ : v_; }),			\
	__builtin_choose_expr(sizeof(x) == sizeof(short),		\
	({ short v_ = (short)(x); v_ < 0 ? -v_ : v_; }),		\
	({ signed char v_ = (signed char)(x); v_ < 0 ? -v_ : v_; }))))

#endif /* _LINUX_MINMAX_H */
