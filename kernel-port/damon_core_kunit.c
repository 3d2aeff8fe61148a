// SPDX-License-Identifier: GPL-2.0
/*
 * The KUnit build of the DAMON core: the same unmodified core.c with
 * CONFIG_DAMON_KUNIT_TEST, which pulls in the tree's tests/core-kunit.h and
 * changes DAMON_MIN_REGION in older trees, hence a separate object.
 */
#define CONFIG_DAMON_KUNIT_TEST 1
#include "mm/damon/core.c"
