// SPDX-License-Identifier: GPL-2.0
/*
 * Random operation scripts: never crash (also under ASan), keep internal
 * invariants, and give identical results for identical seeds.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/accuracy.h"
#include "sim/rng.h"
#include "tests/machine_tests.h"

#define PG MACH_PAGE_SIZE
#define SPAN (64ULL << 20) /* scripts play in 64 MiB */
#define BASE 0x7f0000000000ULL

struct script_out {
	struct mach_counters ctr;
	struct acc_result acc;
	uint64_t used;
	uint64_t mapped;
};

static uint64_t rnd_addr(struct sim_rng *r)
{
	return BASE + sim_rng_below(r, SPAN);
}

static void run_random(uint64_t seed, struct script_out *out)
{
	struct mach_config cfg;
	struct machine *m;
	struct mach_as *as[2];
	struct acc_region reg[4];
	struct sim_rng r;
	uint64_t t = 0, a;
	unsigned int i, k, op;

	machine_config_default(&cfg);
	cfg.nr_cpus = 3;
	cfg.nr_nodes = 2;
	cfg.node_capacity[0] = 8ULL << 20;
	cfg.node_capacity[1] = 16ULL << 20;
	cfg.tlb_entries = 32;
	cfg.tlb_ways = 4;
	cfg.gt_paddr = true;
	cfg.unmapped = seed & 1 ? MACH_UNMAPPED_AUTOMAP : MACH_UNMAPPED_IGNORE;
	ck_assert_int_eq(machine_create(&cfg, &m), 0);
	as[0] = machine_as_create(m, 10);
	as[1] = machine_as_create(m, 11);
	sim_rng_seed(&r, seed);
	machine_gt_set_sample_interval(m, 1000);
	machine_gt_aggr_begin(m, 0);
	for (i = 0; i < 20000; i++) {
		struct mach_as *s = as[sim_rng_below(&r, 2)];

		t += sim_rng_below(&r, 50);
		op = sim_rng_below(&r, 100);
		a = rnd_addr(&r);
		if (op < 3)
			machine_map(s, a, sim_rng_below(&r, 4 << 20) + 1,
				    sim_rng_below(&r, 4) == 0 ? MACH_MAP_HUGE
							      : 0,
				    0);
		else if (op < 5)
			machine_unmap(s, a, sim_rng_below(&r, 1 << 20) + 1);
		else if (op < 10)
			machine_pte_test_and_clear_young(m, s, a, op & 1);
		else if (op < 12)
			machine_frame_mkold(m, sim_rng_below(&r, 8192), op & 1);
		else if (op < 13)
			machine_arm_page(m, s, a, true);
		else
			machine_access(m, sim_rng_below(&r, 4), s, a,
				       sim_rng_below(&r, 9000), op & 1, t);
	}
	machine_gt_aggr_end(m, t);
	for (k = 0; k < 4; k++) {
		reg[k].start = BASE + k * (SPAN / 4);
		reg[k].end = reg[k].start + SPAN / 4;
		reg[k].nr_accesses = k * 3;
	}
	ck_assert_int_eq(accuracy_vaddr(as[0], reg, 4, 10, 0.5, &out->acc), 0);
	ck_assert(out->acc.freq_error >= 0.0 && out->acc.freq_error <= 1.0);
	ck_assert_uint_le(out->acc.hot_both_bytes, out->acc.hot_true_bytes);
	ck_assert_uint_le(out->acc.wss_true_bytes, out->acc.total_bytes);
	out->ctr = *machine_counters(m);
	out->used = machine_node_used(m, 0) + machine_node_used(m, 1);
	out->mapped = machine_as_mapped_bytes(as[0]);
	/* Every allocated frame is mapped by a present page. */
	ck_assert_uint_le(out->used, 24ULL << 20);
	ck_assert_uint_eq(out->ctr.accesses,
			  out->ctr.tlb_hits + out->ctr.tlb_misses);
	machine_destroy(m);
}

START_TEST(test_random_scripts_deterministic)
{
	struct script_out a, b;

	run_random(1000 + _i, &a);
	run_random(1000 + _i, &b);
	ck_assert_mem_eq(&a.ctr, &b.ctr, sizeof(a.ctr));
	ck_assert_mem_eq(&a.acc, &b.acc, sizeof(a.acc));
	ck_assert_uint_eq(a.used, b.used);
	ck_assert_uint_gt(a.ctr.accesses, 0);
}
END_TEST

START_TEST(test_vma_invariants)
{
	struct machine *m = mt_machine(1, 1 << 20, true, 64, 4);
	struct mach_as *as = machine_as_create(m, 1);
	const struct mach_vma *v, *p;
	struct sim_rng r;
	uint64_t sum;
	unsigned int i, bad;
	size_t k;

	sim_rng_seed(&r, 7);
	for (i = 0; i < 3000; i++) {
		uint64_t a = sim_rng_below(&r, 1 << 24);
		uint64_t l = sim_rng_below(&r, 1 << 18) + 1;

		if (sim_rng_below(&r, 3))
			machine_map(as, a, l, sim_rng_below(&r, 2),
				    sim_rng_below(&r, 2));
		else
			machine_unmap(as, a, l);
		/*
		 * Sorted, disjoint, page aligned, sizes add up.  One assert
		 * per step: Check logs every assert, which is slow in loops.
		 */
		sum = 0;
		bad = 0;
		for (k = 0, p = NULL; (v = machine_as_vma(as, k)); k++, p = v) {
			bad += v->start >= v->end || v->start % PG ||
			       v->end % PG || (p && p->end > v->start);
			sum += v->end - v->start;
		}
		ck_assert_uint_eq(bad, 0);
		ck_assert_uint_eq(sum, machine_as_mapped_bytes(as));
	}
	machine_destroy(m);
}
END_TEST

/*
 * A batch gives exactly what the same accesses one by one give, for every
 * path machine_access_batch() can take: TLBs of one, two and more
 * fingerprint words per set and none, 2 MiB mappings, first touches, runs
 * on one page (the per-CPU last translation) and sequential stretches
 * that cross into the next page, requests of another address space
 * inside a chunk (the lean path serves the first request's), armed pages
 * whose trap handler mkolds and arms other pages without a flush and now
 * and then unmaps a 2 MiB block, and an observer added by that handler in
 * the middle of a batch.
 */
struct batch_case {
	unsigned int entries, ways; /* 0 entries: TLB off */
	bool observer_midway;
};

static const struct batch_case batch_cases[] = {
	{ 64, 4, false },    { 1536, 12, false }, { 2048, 16, false },
	{ 64, 32, false },   { 0, 0, false },	  { 1536, 12, true },
};

struct batch_trap_ctx {
	struct machine *m;
	struct mach_as *as;
	struct sim_rng r;
	unsigned int traps;
	bool observer_midway;
	uint64_t observed;
};

static void batch_observe(void *ctx, const struct mach_access *acc)
{
	((struct batch_trap_ctx *)ctx)->observed += acc->vaddr + acc->tlb_hit;
}

static void batch_trap(void *ctx, const struct mach_access *acc)
{
	struct batch_trap_ctx *c = ctx;
	/* The test's own random stream: both runs see the same sequence. */
	machine_pte_mkold(c->m, c->as, BASE + sim_rng_below(&c->r, SPAN / 2),
			  false);
	machine_arm_page(c->m, c->as, BASE + sim_rng_below(&c->r, 64) * PG,
			 false);
	if (++c->traps == 40 && c->observer_midway)
		machine_add_observer(c->m, batch_observe, c);
	/* Now and then a 2 MiB block goes: leaves are freed mid-batch. */
	if (c->traps % 16 == 0)
		machine_unmap(c->as, BASE + (1 + sim_rng_below(&c->r, 7)) *
					     (2ULL << 20), 2ULL << 20);
}

static void batch_fill_reqs(struct mach_req *req, unsigned int n,
			    struct mach_as *as, struct mach_as *other)
{
	struct sim_rng r;
	unsigned int i;
	uint64_t t = 0, page = BASE, seq = BASE + 64 * PG;
	bool stretch;

	sim_rng_seed(&r, 99);
	for (i = 0; i < n; i++) {
		/*
		 * Stretches of sequential accesses from one CPU, past the
		 * armed pages: long runs on one page, and accesses that
		 * cross into the next.
		 */
		stretch = i / 400 % 3 == 2;
		/* Runs on one page, hot pages, and anything at all. */
		if (sim_rng_below(&r, 4) == 0)
			page = BASE + sim_rng_below(&r, 64) * PG;
		else if (sim_rng_below(&r, 3) == 0)
			page = rnd_addr(&r) & ~(PG - 1);
		seq += sim_rng_below(&r, 48);
		if (seq >= BASE + SPAN / 4)
			seq = BASE + 64 * PG;
		/* Another process on the same pages now and then. */
		req[i].as = i % 11 == 5 ? other : as;
		if (stretch)
			req[i].vaddr = seq;
		else if (i % 5)
			req[i].vaddr = page + sim_rng_below(&r, PG);
		else
			req[i].vaddr = rnd_addr(&r); /* half outside VMAs */
		req[i].now = t += sim_rng_below(&r, stretch ? 3 : 20);
		req[i].size = sim_rng_below(&r, 64);
		req[i].cpu = stretch ? 0 : sim_rng_below(&r, 3); /* 2: bad */
		req[i].write = sim_rng_below(&r, 3) == 0;
		req[i].tid = i;
	}
}

START_TEST(test_batch_equals_single)
{
	const struct batch_case *bc = &batch_cases[_i];
	const unsigned int n = 20000;
	struct mach_req *req = calloc(n, sizeof(*req));
	uint8_t *bits[2];
	struct mach_counters c[2];
	struct acc_result res[2], one;
	struct acc_region reg = {BASE, BASE + SPAN, 2};
	struct batch_trap_ctx tc[2];
	struct mach_pte_info pi;
	struct machine *m;
	struct mach_as *as, *other;
	unsigned int k, i, done, seg, samples[2];
	int ret, first[2];
	uint64_t a;

	ck_assert_ptr_nonnull(req);
	for (k = 0; k < 2; k++) {
		m = mt_machine(2, 64 << 20, bc->entries, bc->entries ?: 64,
			       bc->ways ?: 4);
		as = machine_as_create(m, 1);
		machine_map(as, BASE, SPAN / 4, 0, 0);
		machine_map(as, BASE + SPAN / 4, SPAN / 4, MACH_MAP_HUGE, 0);
		other = machine_as_create(m, 2);
		machine_map(other, BASE, SPAN / 2, 0, 0);
		machine_gt_set_sample_interval(m, 100);
		machine_gt_aggr_begin(m, 0);
		tc[k] = (struct batch_trap_ctx){ .m = m, .as = as };
		tc[k].observer_midway = bc->observer_midway;
		sim_rng_seed(&tc[k].r, 5);
		machine_set_trap_handler(m, batch_trap, &tc[k]);
		batch_fill_reqs(req, n, as, other);
		/* Touch some pages, then arm every third of them. */
		for (i = 0; i < 64; i++)
			machine_access(m, 0, as, BASE + i * PG, 1, false, 0);
		for (i = 0; i < 64; i += 3)
			machine_arm_page(m, as, BASE + i * PG, false);
		/*
		 * Aggregations of 2500 requests (ground truth: first accesses
		 * of each); batches of uneven sizes, one above a chunk.
		 */
		first[k] = 0;
		samples[k] = 0;
		memset(&res[k], 0, sizeof(res[k]));
		for (seg = 0; seg < n; seg += 2500) {
			for (done = seg; done < seg + 2500; done += i) {
				i = k ? 1 + done % 700 : 1;
				if (i > seg + 2500 - done)
					i = seg + 2500 - done;
				ret = k ? machine_access_batch(m, req + done, i)
					: machine_access(m, req[done].cpu,
							 req[done].as,
							 req[done].vaddr,
							 req[done].size,
							 req[done].write,
							 req[done].now);
				if (ret && !first[k])
					first[k] = ret;
			}
			/* Cells so far: from the last access's time. */
			samples[k] += machine_gt_nr_samples(m);
			machine_gt_aggr_end(m, req[done - 1].now + 350);
			ck_assert_int_eq(accuracy_vaddr(as, &reg, 1, 50, 0.5,
							&one), 0);
			res[k].wss_true_bytes += one.wss_true_bytes;
			res[k].freq_error += one.freq_error;
			machine_gt_aggr_begin(m, req[done - 1].now);
		}
		c[k] = *machine_counters(m);
		/* Every page's present, A, D and armed bits. */
		bits[k] = calloc(SPAN / PG, 1);
		for (a = 0; a < SPAN; a += PG) {
			if (machine_pte_get(as, BASE + a, &pi))
				continue;
			bits[k][a / PG] = 1 | pi.young << 1 | pi.dirty << 2 |
					  pi.armed << 3 | pi.huge << 4;
		}
		machine_destroy(m);
	}
	ck_assert_mem_eq(&c[0], &c[1], sizeof(c[0]));
	ck_assert_mem_eq(&res[0], &res[1], sizeof(res[0]));
	ck_assert_mem_eq(bits[0], bits[1], SPAN / PG);
	ck_assert_int_eq(first[0], first[1]);
	ck_assert_uint_eq(samples[0], samples[1]);
	ck_assert_uint_eq(tc[0].observed, tc[1].observed);
	ck_assert_int_lt(first[0], 0);
	ck_assert_uint_gt(c[0].segv, 0);
	ck_assert_uint_gt(c[0].bad_accesses, 0);
	ck_assert_uint_gt(c[0].traps, 40);
	ck_assert_uint_gt(c[0].tlb_flush_pages, 0); /* from the unmaps */
	ck_assert_uint_gt(res[0].wss_true_bytes, 0);
	ck_assert_uint_gt(c[0].huge_first_touches, 0);
	if (bc->entries) {
		ck_assert_uint_gt(c[0].tlb_hits, n / 4);
		ck_assert_uint_gt(c[0].dirty_assists, 0);
	}
	if (bc->observer_midway)
		ck_assert_uint_gt(tc[0].observed, 0);
	free(bits[0]);
	free(bits[1]);
	free(req);
}
END_TEST

Suite *suite_machine_random(void)
{
	Suite *s = suite_create("machine_random");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_random_scripts_deterministic, 0, 4);
	tcase_add_test(tc, test_vma_invariants);
	tcase_add_loop_test(tc, test_batch_equals_single, 0,
			    sizeof(batch_cases) / sizeof(batch_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
