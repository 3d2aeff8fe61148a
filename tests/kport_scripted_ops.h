/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scripted DAMON operations set for tests: an address counts as accessed
 * in a sampling interval iff it lies in the script's hot range for the
 * current virtual time.  Exactness of DAMON's answers can then be checked
 * by hand.
 */
#ifndef DAMONSIM_TESTS_KPORT_SCRIPTED_OPS_H
#define DAMONSIM_TESTS_KPORT_SCRIPTED_OPS_H

#include <linux/damon.h>

struct scripted_phase {
	uint64_t until_ns;	/* phase lasts until this virtual time */
	unsigned long hot_start;
	unsigned long hot_end;
};

struct scripted_ops_stats {
	unsigned long prepares;
	unsigned long checks;
	unsigned long regions_checked;
};

/* Phases are consulted in order; after the last one nothing is hot. */
void scripted_ops_set_script(const struct scripted_phase *phases,
			     unsigned int nr);
struct damon_operations *scripted_ops(void);
const struct scripted_ops_stats *scripted_ops_stats(void);

#endif
