// SPDX-License-Identifier: GPL-2.0
/*
 * The simulation build of the DAMON core: the tree's mm/damon/core.c,
 * compiled unmodified against the shim (kernel-port/include) in one
 * translation unit, so its static functions and state live here.
 */
#include "mm/damon/core.c"
