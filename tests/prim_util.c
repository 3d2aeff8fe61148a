// SPDX-License-Identifier: GPL-2.0
/* The scripted kdamond runs of the primitive tests; see prim_util.h. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "driver.h"
#include "primitives/push.h"
#include "tests/prim_util.h"

static struct machine *cur_machine;
static struct mach_as *cur_as;
static struct pu_result *cur_res;
static const struct pu_script *cur_script;
static uint64_t node_start;

struct machine *pu_machine(void)
{
	return cur_machine;
}

struct mach_as *pu_as(void)
{
	return cur_as;
}

static struct prim_instance *cur_inst;

struct prim_instance *pu_inst(unsigned int k)
{
	return cur_inst ? &cur_inst[k] : NULL;
}

static void pu_trace(void *data, const struct kport_trace_event *ev)
{
	kdrv_trace(ev);
}

/* Region bounds of the script in the target's address type. */
static unsigned long pu_page_addr(unsigned int page)
{
	uint64_t va = PU_BASE + (uint64_t)page * 4096;
	struct mach_pte_info pi;

	if (!cur_script->paddr)
		return va;
	if (machine_pte_get(cur_as, va, &pi) || pi.pfn == MACH_PFN_NONE)
		return 0;
	return pi.pfn << MACH_PAGE_SHIFT;
}

static void pu_snapshot(void *arg, const struct kdrv_snapshot *snap)
{
	struct pu_result *r = cur_res;
	unsigned long hot_start, hot_end;
	unsigned int i, k = r->nr_snaps;

	if (k == 64)
		return;
	hot_start = pu_page_addr(cur_script->hot_first * PU_PAGES_PER_REGION);
	hot_end = pu_page_addr(cur_script->hot_last * PU_PAGES_PER_REGION +
			       PU_PAGES_PER_REGION - 1) + 4096;
	for (i = 0; i < snap->nr_regions; i++) {
		const struct kdrv_region *reg = &snap->regions[i];
		bool inside = reg->start >= hot_start && reg->end <= hot_end;
		bool outside = reg->end <= hot_start || reg->start >= hot_end;

		if ((inside && reg->nr_accesses != PU_NR_SAMPLES) ||
		    (outside && reg->nr_accesses != 0))
			r->wrong[k] += reg->end - reg->start;
		if (inside)
			r->hot_exact_bytes[k] += reg->end - reg->start;
		if (r->dump_len + 80 < sizeof(r->dump))
			r->dump_len += snprintf(r->dump + r->dump_len, 80,
						"%u:%u %lx-%lx:%u:%u\n",
						snap->ctx_index, k, reg->start,
						reg->end, reg->nr_accesses,
						reg->age);
	}
	if (snap->ctx_index == 0)
		r->nr_snaps++;
}

int pu_set_param(struct prim_instance *inst, const char *spec)
{
	const struct prim_desc *d = inst->desc;
	const char *eq = strchr(spec, '=');
	unsigned int k;
	int idx;

	if (!eq)
		return -EINVAL;
	for (k = 0; k < d->nr_params; k++) {
		const struct prim_param *p = &d->params[k];

		if (strncmp(p->name, spec, eq - spec) || p->name[eq - spec])
			continue;
		if (!strcmp(p->type, "enum")) {
			idx = prim_param_enum_index(p, eq + 1);
			if (idx < 0)
				return idx;
			inst->params[k] = idx;
		} else if (!strcmp(p->type, "bool")) {
			inst->params[k] = !strcmp(eq + 1, "on");
		} else {
			inst->params[k] = strtoull(eq + 1, NULL, 0);
		}
		return 0;
	}
	return -ENOENT;
}

static void pu_defaults(struct prim_instance *inst)
{
	const struct prim_desc *d = inst->desc;
	char spec[128];
	unsigned int k;

	for (k = 0; k < d->nr_params; k++) {
		snprintf(spec, sizeof(spec), "%s=%s", d->params[k].name,
			 d->params[k].def);
		ck_assert_int_eq(pu_set_param(inst, spec), 0);
	}
}

static void pu_inband(void *arg, unsigned int cpu, uint32_t tid,
		      enum prim_event ev)
{
	struct pu_result *r = arg;

	if (tid >= 100 && tid < 100 + PU_NR_REGIONS && ev < PRIM_EV_NR &&
	    cpu == (tid - 100) % PU_NR_CPUS)
		r->inband[ev][tid - 100]++;
	else
		r->inband_other++;
}

void pu_access(uint64_t now, unsigned int page, unsigned int cpu,
	       uint32_t tid, bool write)
{
	struct mach_req req = {
		.as = cur_as,
		.vaddr = PU_BASE + (uint64_t)page * 4096 + 64,
		.now = now,
		.size = 8,
		.tid = tid,
		.cpu = (uint16_t)cpu,
		.write = write,
	};

	ck_assert_int_eq(machine_access_batch(cur_machine, &req, 1), 0);
	cur_res->accesses[write]++;
}

/* The default workload of one step: every page of the hot regions. */
static void pu_workload(uint64_t now)
{
	unsigned int k, i, n = cur_script->hot_pages;

	if (!n || n > PU_PAGES_PER_REGION)
		n = PU_PAGES_PER_REGION;
	for (k = cur_script->hot_first; k <= cur_script->hot_last; k++)
		for (i = 0; i < n; i++)
			pu_access(now, k * PU_PAGES_PER_REGION + i,
				  k % PU_NR_CPUS, 100 + k, k & 1);
}

static void pu_run_here(const struct pu_script *s,
			const struct pu_prim *prims, unsigned int nr_prims,
			pu_step_fn step, void *arg, struct pu_result *res)
{
	struct kdrv_attrs attrs = {
		.sample_us = PU_SAMPLE_US,
		.aggr_us = PU_AGGR_US,
		.update_us = 1000000,
		.min_nr_regions = PU_NR_REGIONS,
		.max_nr_regions = 1000,
	};
	struct kport_hostops hostops = {
		.trace = pu_trace,
		.trace_all = true,
	};
	struct prim_instance inst[PU_MAX_INST];
	struct damon_ctx *ctx[PU_MAX_INST];
	struct mach_config cfg;
	unsigned long ranges[2 * PU_NR_REGIONS];
	uint64_t t0, end, now, node_end;
	unsigned int i, k, steps;
	int err;

	ck_assert_uint_le(nr_prims, PU_MAX_INST);
	memset(res, 0, sizeof(*res));
	cur_res = res;
	cur_script = s;
	machine_config_default(&cfg);
	cfg.nr_cpus = PU_NR_CPUS;
	cfg.node_capacity[0] = 64ULL << 20;
	cfg.phys_base = 1ULL << 30;
	ck_assert_int_eq(machine_create(&cfg, &cur_machine), 0);
	cur_as = machine_as_create(cur_machine, 42);
	ck_assert_ptr_nonnull(cur_as);
	ck_assert_int_eq(machine_map(cur_as, PU_BASE, PU_NR_PAGES * 4096, 0,
				     0), 0);
	/* First touches before monitoring: every page has a frame. */
	for (i = 0; i < PU_NR_PAGES; i++)
		ck_assert_int_eq(machine_access(cur_machine, 0, cur_as,
						PU_BASE + i * 4096ULL, 1,
						false, 0), 0);
	ck_assert_int_eq(machine_node_range(cur_machine, 0, &node_start,
					    &node_end), 0);

	kport_set_hostops(&hostops);
	kport_seed(s->seed);
	kdrv_set_snapshot_sink(pu_snapshot, res);
	for (k = 0; k < nr_prims; k++) {
		memset(&inst[k], 0, sizeof(inst[k]));
		inst[k].desc = prim_find(prims[k].name);
		ck_assert_ptr_nonnull(inst[k].desc);
		inst[k].machine = cur_machine;
		inst[k].paddr = s->paddr;
		if (!k) {
			inst[k].inband = pu_inband;
			inst[k].inband_arg = res;
		}
		pu_defaults(&inst[k]);
		for (i = 0; prims[k].params && prims[k].params[i]; i++)
			ck_assert_int_eq(pu_set_param(&inst[k],
						      prims[k].params[i]), 0);
		ctx[k] = kdrv_new_ctx(&attrs, inst[k].desc->ops(&inst[k]),
				      &err);
		ck_assert_msg(ctx[k], "kdrv_new_ctx: %d", err);
		if (s->paddr) {
			/* The frames of the first touches, split evenly. */
			uint64_t first = pu_page_addr(0);

			for (i = 0; i < PU_NR_REGIONS; i++) {
				ranges[2 * i] = first + i *
					PU_PAGES_PER_REGION * 4096UL;
				ranges[2 * i + 1] = ranges[2 * i] +
					PU_PAGES_PER_REGION * 4096UL;
			}
			ck_assert_ptr_nonnull(kdrv_add_target(ctx[k], NULL,
						ranges, PU_NR_REGIONS));
		} else {
			for (i = 0; i < PU_NR_REGIONS; i++) {
				ranges[2 * i] = PU_BASE + i *
					PU_PAGES_PER_REGION * 4096UL;
				ranges[2 * i + 1] = ranges[2 * i] +
					PU_PAGES_PER_REGION * 4096UL;
			}
			ck_assert_ptr_nonnull(kdrv_add_target(ctx[k],
				kdrv_new_pid(42, cur_as), ranges,
				PU_NR_REGIONS));
		}
		ck_assert_int_eq(prim_bind_ctx(&inst[k], ctx[k]), 0);
		ck_assert_int_eq(prim_instance_start(&inst[k]), 0);
	}
	cur_inst = inst;
	t0 = kport_clock_ns();
	ck_assert_int_eq(kdrv_start(ctx, (int)nr_prims), 0);
	end = t0 + (uint64_t)s->nr_aggr * PU_AGGR_US * 1000 +
	      PU_SAMPLE_US * 500;
	steps = (unsigned int)((end - t0) / 1000000);
	for (i = 0; i < steps; i++) {
		/* Half a millisecond into each step: clear of kdamond's. */
		now = t0 + (uint64_t)i * 1000000 + 500000;
		kport_run_until(now);
		pu_workload(now);
		if (step)
			step(arg, now, i);
	}
	kport_run_until(end);
	ck_assert_int_eq(kdrv_stop(ctx, (int)nr_prims), 0);
	for (k = 0; k < nr_prims; k++) {
		prim_instance_stop(&inst[k]);
		ck_assert_ptr_null(inst[k].priv);
		res->counters[k] = inst[k].counters;
		kdrv_destroy_ctx(ctx[k]);
	}
	cur_inst = NULL;
	prim_unbind_all();
	kdrv_set_snapshot_sink(NULL, NULL);
	ck_assert_uint_eq(kport_warn_count(), 0);
	machine_destroy(cur_machine);
	cur_machine = NULL;
	cur_as = NULL;
}

void pu_run(const struct pu_script *s, const struct pu_prim *prims,
	    unsigned int nr_prims, pu_step_fn step, void *arg,
	    struct pu_result *res)
{
	size_t len = 0;
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		close(fds[0]);
		pu_run_here(s, prims, nr_prims, step, arg, res);
#ifdef __SANITIZE_ADDRESS__
		/* _exit() skips LeakSanitizer's exit check: run it now. */
		__lsan_do_leak_check();
#endif
		for (len = 0; len < sizeof(*res); len += n) {
			n = write(fds[1], (char *)res + len,
				  sizeof(*res) - len);
			if (n <= 0)
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	memset(res, 0, sizeof(*res));
	while (len < sizeof(*res) &&
	       (n = read(fds[0], (char *)res + len, sizeof(*res) - len)) > 0)
		len += n;
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "the run's child failed");
	ck_assert_uint_eq(len, sizeof(*res));
}

/* Run @s with one primitive in a child; return its dump (free() it). */
char *pu_run_in_child(const struct pu_script *s, const struct pu_prim *p)
{
	static struct pu_result res;

	pu_run(s, p, 1, NULL, NULL, &res);
	return strndup(res.dump, res.dump_len);
}

/*
 * Step hook: every 7th step, take the reports instance 0 holds and check
 * each against the script: the thread, CPU and read/write of the region
 * its page is in, counting them in the result's checked.
 */
void pu_check_attribution(void *arg, uint64_t now, unsigned int step)
{
	static struct damon_access_report out[4096];
	struct prim_push *p = pu_inst(0)->priv;
	unsigned int n, i, page, k;
	uint64_t first = pu_page_addr(0);

	if (step % 7)
		return;
	n = damon_report_buf_collect(&p->buf, out, 4096);
	for (i = 0; i < n; i++) {
		ck_assert_uint_ge(out[i].addr, first);
		page = (out[i].addr - first) / 4096;
		ck_assert_uint_lt(page, PU_NR_PAGES);
		k = page / PU_PAGES_PER_REGION;
		ck_assert_uint_ge(k, cur_script->hot_first);
		ck_assert_uint_le(k, cur_script->hot_last);
		ck_assert_int_eq(out[i].tid, 100 + k);
		ck_assert_uint_eq(out[i].cpu, k % PU_NR_CPUS);
		ck_assert_int_eq(out[i].is_write, k & 1);
		ck_assert_int_eq(out[i].pid, cur_script->paddr ? 0 : 42);
		cur_res->checked++;
	}
}
