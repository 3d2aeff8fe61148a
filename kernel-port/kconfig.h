/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel configuration the port is built with, force-included into
 * every kernel translation unit (as the kernel build does with autoconf.h).
 */
#ifndef DAMONSIM_KPORT_KCONFIG_H
#define DAMONSIM_KPORT_KCONFIG_H

#define CONFIG_DAMON 1
#define CONFIG_DAMON_VADDR 1
#define CONFIG_DAMON_PADDR 1
#define CONFIG_PSI 1
#define CONFIG_MMU 1
#define CONFIG_64BIT 1
#define CONFIG_NR_CPUS 256

/*
 * IS_ENABLED(CONFIG_FOO) is 1 when CONFIG_FOO is defined to 1, else 0, and
 * works both in #if and in C expressions: a defined option pastes into a
 * placeholder that inserts an extra argument, shifting 1 into place.
 */
#define KPORT_PLACEHOLDER_1 0,
#define KPORT_SECOND_ARG(ignored, val, ...) val
#define KPORT_IS_DEFINED3(arg1_or_junk) KPORT_SECOND_ARG(arg1_or_junk 1, 0)
#define KPORT_IS_DEFINED2(val) KPORT_IS_DEFINED3(KPORT_PLACEHOLDER_##val)
#define KPORT_IS_DEFINED(x) KPORT_IS_DEFINED2(x)
#define IS_ENABLED(option) KPORT_IS_DEFINED(option)
#define IS_BUILTIN(option) KPORT_IS_DEFINED(option)

#endif
