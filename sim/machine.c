// SPDX-License-Identifier: GPL-2.0
/*
 * machine.c - machine construction, node layout, counters and hooks
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine_int.h"

void machine_config_default(struct mach_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->nr_cpus = 1;
	cfg->nr_nodes = 1;
	cfg->node_capacity[0] = 16ULL << 30;
	cfg->phys_base = 0;
	cfg->policy = MACH_POLICY_LOCAL;
	cfg->unmapped = MACH_UNMAPPED_IGNORE;
	cfg->tlb_enabled = true;
	cfg->tlb_entries = 1536;
	cfg->tlb_ways = 12;
	cfg->gt_paddr = false;
}

static int machine_check_config(const struct mach_config *cfg)
{
	uint64_t total = 0;
	unsigned int i, sets;

	if (!cfg->nr_cpus || cfg->nr_cpus > MACH_MAX_CPUS)
		return -EINVAL;
	if (!cfg->nr_nodes || cfg->nr_nodes > MACH_MAX_NODES)
		return -EINVAL;
	if (cfg->phys_base % MACH_PAGE_SIZE)
		return -EINVAL;
	for (i = 0; i < cfg->nr_nodes; i++) {
		if (cfg->node_capacity[i] % MACH_PAGE_SIZE)
			return -EINVAL;
		total += cfg->node_capacity[i] >> MACH_PAGE_SHIFT;
	}
	/* Leaf entries hold 32-bit frame numbers (16 TiB of memory). */
	if ((cfg->phys_base >> MACH_PAGE_SHIFT) + total >= PT_PFN_NONE)
		return -EINVAL;
	if (cfg->policy != MACH_POLICY_LOCAL &&
	    cfg->policy != MACH_POLICY_FIRST_FIT)
		return -EINVAL;
	if (cfg->unmapped != MACH_UNMAPPED_IGNORE &&
	    cfg->unmapped != MACH_UNMAPPED_AUTOMAP)
		return -EINVAL;
	if (cfg->tlb_enabled) {
		if (!cfg->tlb_ways || cfg->tlb_ways > 64 || !cfg->tlb_entries ||
		    cfg->tlb_entries % cfg->tlb_ways)
			return -EINVAL;
		sets = cfg->tlb_entries / cfg->tlb_ways;
		if (sets & (sets - 1))
			return -EINVAL;
	}
	return 0;
}

int machine_create(const struct mach_config *cfg, struct machine **out)
{
	uint64_t cap[MACH_MAX_NODES];
	struct machine *m;
	unsigned int i;
	int err;

	*out = NULL;
	err = machine_check_config(cfg);
	if (err)
		return err;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->cfg = *cfg;
	m->next_asid = 1;
	pt_pool_init(&m->pt_pool);
	for (i = 0; i < cfg->nr_nodes; i++)
		cap[i] = cfg->node_capacity[i] >> MACH_PAGE_SHIFT;
	err = frames_init(&m->frames, cfg->nr_nodes, cap,
			  cfg->phys_base >> MACH_PAGE_SHIFT,
			  &m->mem.frame_table_bytes);
	if (err)
		goto fail;
	m->cpus = calloc(cfg->nr_cpus, sizeof(*m->cpus));
	if (!m->cpus) {
		err = -ENOMEM;
		goto fail;
	}
	for (i = 0; i < cfg->nr_cpus; i++) {
		m->cpus[i].node = (uint64_t)i * cfg->nr_nodes / cfg->nr_cpus;
		if (!cfg->tlb_enabled)
			continue;
		err = tlb_init(&m->cpus[i].tlb, cfg->tlb_entries,
			       cfg->tlb_ways);
		if (err)
			goto fail;
	}
	*out = m;
	return 0;
fail:
	machine_destroy(m);
	return err;
}

void machine_destroy(struct machine *m)
{
	unsigned int i;

	if (!m)
		return;
	/*
	 * Frames and page-table nodes die with their pools below: dropping
	 * every page one by one first (as machine_as_destroy() must) would
	 * only cost time.
	 */
	while (m->nr_as) {
		struct mach_as *as = m->as[--m->nr_as];

		free(as->vmas);
		free(as);
	}
	free(m->as);
	if (m->cpus)
		for (i = 0; i < m->cfg.nr_cpus; i++)
			tlb_free(&m->cpus[i].tlb);
	free(m->cpus);
	frames_destroy(&m->frames);
	pt_pool_destroy(&m->pt_pool);
	free(m);
}

const struct mach_counters *machine_counters(const struct machine *m)
{
	return &m->ctr;
}

void machine_counters_reset(struct machine *m)
{
	memset(&m->ctr, 0, sizeof(m->ctr));
}

void machine_mem_stats(const struct machine *m, struct mach_mem_stats *out)
{
	unsigned int i;

	*out = m->mem;
	out->frames_allocated = 0;
	for (i = 0; i < m->frames.nr_nodes; i++)
		out->frames_allocated += m->frames.nodes[i].used;
	out->leaf_tables = m->pt_pool.nr_leaves;
	out->dir_nodes = m->pt_pool.nr_dirs;
	out->page_table_bytes = m->pt_pool.nr_leaves * sizeof(struct pt_leaf) +
				m->pt_pool.nr_dirs * sizeof(struct pt_dir);
	out->page_table_reserved_bytes = m->pt_pool.chunk_bytes;
}

unsigned int machine_nr_cpus(const struct machine *m)
{
	return m->cfg.nr_cpus;
}

int machine_cpu_node(const struct machine *m, unsigned int cpu)
{
	if (cpu >= m->cfg.nr_cpus)
		return -EINVAL;
	return m->cpus[cpu].node;
}

unsigned int machine_nr_nodes(const struct machine *m)
{
	return m->cfg.nr_nodes;
}

int machine_node_range(const struct machine *m, unsigned int node,
		       uint64_t *start, uint64_t *end)
{
	const struct frame_node *n;

	if (node >= m->frames.nr_nodes)
		return -EINVAL;
	n = &m->frames.nodes[node];
	*start = n->base_pfn << MACH_PAGE_SHIFT;
	*end = (n->base_pfn + n->nr_frames) << MACH_PAGE_SHIFT;
	return 0;
}

uint64_t machine_node_used(const struct machine *m, unsigned int node)
{
	if (node >= m->frames.nr_nodes)
		return 0;
	return m->frames.nodes[node].used << MACH_PAGE_SHIFT;
}

void mach_forget_leaves(struct machine *m, struct mach_as *as)
{
	unsigned int i;

	m->leaf_gen++;
	for (i = 0; i < m->cfg.nr_cpus; i++) {
		if (m->cpus[i].last_as != as)
			continue;
		m->cpus[i].last_as = NULL;
		m->cpus[i].last_leaf = NULL;
	}
}

void machine_set_trap_handler(struct machine *m, mach_trap_fn fn, void *ctx)
{
	m->trap_fn = fn;
	m->trap_ctx = ctx;
}

int machine_add_observer(struct machine *m, mach_observer_fn fn, void *ctx)
{
	if (!fn)
		return -EINVAL;
	if (m->nr_observers == MACH_MAX_OBSERVERS)
		return -ENOSPC;
	m->observers[m->nr_observers].fn = fn;
	m->observers[m->nr_observers].ctx = ctx;
	m->nr_observers++;
	return 0;
}

int machine_remove_observer(struct machine *m, mach_observer_fn fn, void *ctx)
{
	unsigned int i;

	for (i = 0; i < m->nr_observers; i++) {
		if (m->observers[i].fn != fn || m->observers[i].ctx != ctx)
			continue;
		/* Keep registration order: callbacks run in that order. */
		memmove(&m->observers[i], &m->observers[i + 1],
			(m->nr_observers - i - 1) * sizeof(m->observers[0]));
		m->nr_observers--;
		return 0;
	}
	return -ENOENT;
}
