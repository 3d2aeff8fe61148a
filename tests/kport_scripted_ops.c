// SPDX-License-Identifier: GPL-2.0
#include "config.h"

#include "driver.h"
#include "tests/kport_scripted_ops.h"

static const struct scripted_phase *script;
static unsigned int nr_phases;
static struct scripted_ops_stats stats;

void scripted_ops_set_script(const struct scripted_phase *phases,
			     unsigned int nr)
{
	script = phases;
	nr_phases = nr;
}

const struct scripted_ops_stats *scripted_ops_stats(void)
{
	return &stats;
}

static bool scripted_accessed(unsigned long addr)
{
	uint64_t now = kport_clock_ns();
	unsigned int i;

	for (i = 0; i < nr_phases; i++)
		if (now <= script[i].until_ns)
			return addr >= script[i].hot_start &&
			       addr < script[i].hot_end;
	return false;
}

static void scripted_prepare(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	stats.prepares++;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t)
			r->sampling_addr = kdrv_random(ctx, r->ar.start,
						       r->ar.end);
	}
}

static unsigned int scripted_check(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;
	unsigned int max_nr = 0;

	stats.checks++;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			kdrv_update_access(ctx, r,
					   scripted_accessed(r->sampling_addr));
			stats.regions_checked++;
			max_nr = max(max_nr, r->nr_accesses);
		}
	}
	return max_nr;
}

static bool scripted_target_valid(struct damon_target *t)
{
	return true;
}

struct damon_operations *scripted_ops(void)
{
	static struct damon_operations ops = {
		.id = DAMON_OPS_PADDR,
		.prepare_access_checks = scripted_prepare,
		.check_accesses = scripted_check,
		.target_valid = scripted_target_valid,
	};

	return &ops;
}
