// SPDX-License-Identifier: GPL-2.0
/*
 * traces_gen.c - statistics of every built-in generator, the time model,
 * threads on CPUs, parameters and determinism.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "tests/traces_util.h"

#define GEN_BASE 0x7f0000000000ull

static guint gen_count(const struct tt_events *e, uint8_t type)
{
	guint i, n = 0;

	for (i = 0; i < e->evs->len; i++)
		n += tt_ev(e, i)->type == type;
	return n;
}

START_TEST(test_uniform)
{
	const char *kv[] = { "pattern=uniform", "size=1MiB",
			     "accesses=160000", NULL };
	struct tt_events e;
	guint i, buckets[16] = { 0 }, writes = 0, n = 0;

	tt_gen(&e, kv);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type != TRACE_EV_ACCESS)
			continue;
		ck_assert_uint_ge(ev->addr, GEN_BASE);
		ck_assert_uint_lt(ev->addr, GEN_BASE + (1 << 20));
		ck_assert_uint_eq(ev->addr % 64, 0);
		ck_assert_uint_eq(ev->size, 8);
		buckets[(ev->addr - GEN_BASE) >> 16]++;
		writes += ev->write;
		n++;
	}
	ck_assert_uint_eq(n, 160000);
	for (i = 0; i < 16; i++)	/* expected 10000, sd ~97 */
		ck_assert_msg(buckets[i] > 9500 && buckets[i] < 10500,
			      "bucket %u: %u", i, buckets[i]);
	ck_assert_msg(fabs(writes / 160000.0 - 0.3) < 0.01, "writes %u",
		      writes);
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_MAP), 1);
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_UNMAP), 1);
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_THREAD_START), 1);
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_THREAD_EXIT), 1);
	tt_events_free(&e);
}
END_TEST

/* Rank frequencies of Zipf(s) over n pages: f(k) ~ k^-s / H(n, s). */
static void gen_zipf_check(const char *s_kv, double s)
{
	const char *kv[] = { "pattern=zipf", "size=4000KiB", s_kv,
			     "accesses=400000", NULL };
	struct tt_events e;
	guint i, *cnt = g_new0(guint, 1000), n = 0;
	double h = 0, p;
	int k;

	tt_gen(&e, kv);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type != TRACE_EV_ACCESS)
			continue;
		cnt[(ev->addr - GEN_BASE) / 4096]++;
		n++;
	}
	for (k = 1; k <= 1000; k++)
		h += pow(k, -s);
	for (k = 1; k <= 20; k++) {
		p = pow(k, -s) / h;
		ck_assert_msg(fabs(cnt[k - 1] / (double)n - p) <
			      4 * sqrt(p * (1 - p) / n) + 1e-4,
			      "s=%g rank %d: %u of %u, want %.5f", s, k,
			      cnt[k - 1], n, p);
	}
	/* the tail too: ranks 501..1000 together */
	p = 0;
	for (k = 501; k <= 1000; k++)
		p += pow(k, -s) / h;
	for (n = 0, k = 500, i = 0; k < 1000; k++)
		i += cnt[k];
	ck_assert_msg(fabs(i / 400000.0 - p) < 4 * sqrt(p / 400000) + 1e-4,
		      "tail %u want %.5f", i, p);
	g_free(cnt);
	tt_events_free(&e);
}

START_TEST(test_zipf)
{
	gen_zipf_check("zipf_s=1", 1.0);
	gen_zipf_check("zipf_s=0.8", 0.8);
	gen_zipf_check("zipf_s=1.5", 1.5);
}
END_TEST

START_TEST(test_hotcold)
{
	/* 1 us per access; the window (10%) moves by 10% every 10 ms */
	const char *kv[] = { "pattern=hotcold", "size=10MiB", "rate=1M",
			     "hot_frac=0.1", "hot_prob=0.9", "hot_move=10ms",
			     "hot_shift=0.1", "duration=40ms", NULL };
	struct tt_events e;
	guint in[4] = { 0 }, all[4] = { 0 }, i;
	uint64_t win = 1 << 20;

	tt_gen(&e, kv);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);
		unsigned int w;
		uint64_t off;

		if (ev->type != TRACE_EV_ACCESS)
			continue;
		w = ev->time_ns / 10000000;
		off = ev->addr - GEN_BASE;
		all[w]++;
		in[w] += off >= w * win && off < (w + 1) * win;
	}
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(all[i], 10000);
		ck_assert_msg(fabs(in[i] / 10000.0 - 0.9) < 0.015,
			      "window %u: %u of %u hot", i, in[i], all[i]);
	}
	tt_events_free(&e);
}
END_TEST

START_TEST(test_seq_and_stride)
{
	const char *seq[] = { "pattern=seq", "size=64KiB", "cpus=2",
			      "accesses=4096", NULL };
	const char *str[] = { "pattern=stride", "size=64KiB", "stride=12KiB",
			      "accesses=20", NULL };
	uint64_t next[2] = { 0, 32768 }, off = 0;
	struct tt_events e;
	guint i;

	tt_gen(&e, seq);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type != TRACE_EV_ACCESS)
			continue;
		/* each thread scans its half onwards, wrapping at the end */
		ck_assert_uint_eq(ev->addr - GEN_BASE, next[ev->cpu]);
		ck_assert_uint_eq(ev->tid, 1000 + ev->cpu);
		next[ev->cpu] = (next[ev->cpu] + 64) % 65536;
	}
	tt_events_free(&e);
	tt_gen(&e, str);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type != TRACE_EV_ACCESS)
			continue;
		ck_assert_uint_eq(ev->addr - GEN_BASE, off);
		off += 12288;
		if (off >= 65536)
			off = 0;
	}
	tt_events_free(&e);
}
END_TEST

START_TEST(test_phases)
{
	const char *kv[] = { "phases=seq:1ms,uniform:2ms", "rate=1M",
			     "size=1MiB", "duration=7ms", NULL };
	static const struct {
		uint64_t t;
		const char *name;
	} want[] = {
		{ 0, "seq" }, { 1000000, "uniform" }, { 3000000, "seq" },
		{ 4000000, "uniform" }, { 6000000, "seq" },
	};
	struct tt_events e;
	guint i, np = 0, acc = 0;
	uint64_t last_seq = UINT64_MAX;
	const char *cur = NULL;

	tt_gen(&e, kv);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type == TRACE_EV_PHASE) {
			ck_assert_uint_lt(np, G_N_ELEMENTS(want));
			ck_assert_uint_eq(ev->time_ns, want[np].t);
			ck_assert_str_eq(ev->name, want[np].name);
			cur = want[np++].name;
			last_seq = UINT64_MAX;
		} else if (ev->type == TRACE_EV_ACCESS) {
			acc++;
			if (!strcmp(cur, "seq")) {
				if (last_seq != UINT64_MAX)
					ck_assert_uint_eq(ev->addr,
							  last_seq + 64);
				last_seq = ev->addr;
			}
		}
	}
	ck_assert_uint_eq(np, G_N_ELEMENTS(want));
	ck_assert_uint_eq(acc, 7000);
	tt_events_free(&e);
}
END_TEST

START_TEST(test_threads_on_cpus)
{
	const char *kv[] = { "pattern=uniform", "cpus=2", "threads=4",
			     "rate=1000", "accesses=400", NULL };
	struct tt_events e;
	guint i, n = 0, per_tid[4] = { 0 };
	uint64_t t = 0;

	tt_gen(&e, kv);
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_THREAD_START), 4);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		ck_assert_uint_ge(ev->time_ns, t);
		t = ev->time_ns;
		if (ev->type != TRACE_EV_ACCESS)
			continue;
		/* step k at k ms; CPU c runs threads c and c + 2 in turn */
		ck_assert_uint_eq(ev->cpu, n % 2);
		ck_assert_uint_eq(ev->time_ns, (uint64_t)(n / 2) * 1000000);
		ck_assert_uint_eq(ev->tid, 1000 + ev->cpu +
				  2 * ((n / 2) % 2));
		per_tid[ev->tid - 1000]++;
		n++;
	}
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(per_tid[i], 100);
	tt_events_free(&e);
}
END_TEST

START_TEST(test_terabyte_space)
{
	const char *kv[] = { "pattern=uniform", "size=1TiB", "accesses=20000",
			     NULL };
	const char *zkv[] = { "pattern=zipf", "size=1TiB", "accesses=20000",
			      NULL };
	struct tt_events e;
	uint64_t lo = UINT64_MAX, hi = 0;
	guint i;

	tt_gen(&e, kv);
	for (i = 0; i < e.evs->len; i++) {
		if (tt_ev(&e, i)->type != TRACE_EV_ACCESS)
			continue;
		lo = MIN(lo, tt_ev(&e, i)->addr);
		hi = MAX(hi, tt_ev(&e, i)->addr);
	}
	ck_assert_uint_gt(hi - lo, 1ull << 39);
	ck_assert_uint_lt(hi, GEN_BASE + (1ull << 40));
	tt_events_free(&e);
	tt_gen(&e, zkv);	/* 2^28 ranks, no table */
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_ACCESS), 20000);
	tt_events_free(&e);
}
END_TEST

START_TEST(test_deterministic_events)
{
	const char *a[] = { "pattern=hotcold", "cpus=3", "accesses=5000",
			    "seed=42", NULL };
	const char *b[] = { "pattern=hotcold", "cpus=3", "accesses=5000",
			    "seed=43", NULL };
	struct tt_events x, y, z;
	guint i, diff = 0;

	tt_gen(&x, a);
	tt_gen(&y, a);
	tt_gen(&z, b);
	ck_assert_uint_eq(x.evs->len, y.evs->len);
	for (i = 0; i < x.evs->len; i++) {
		tt_assert_same(tt_ev(&x, i), tt_ev(&y, i), i);
		diff += tt_ev(&x, i)->addr != tt_ev(&z, i)->addr;
	}
	ck_assert_uint_gt(diff, 4000);
	tt_events_free(&x);
	tt_events_free(&y);
	tt_events_free(&z);
}
END_TEST

START_TEST(test_params)
{
	struct trace_gen_params p, q;
	GError *err = NULL;
	char *d1, *d2, **kv;
	int i;

	trace_gen_params_init(&p);
	ck_assert_int_eq(trace_gen_params_set(&p, "size=4 KiB", NULL), 0);
	ck_assert_uint_eq(p.size, 4096);
	ck_assert_int_eq(trace_gen_params_set(&p, "size=1.5GiB", NULL), 0);
	ck_assert_uint_eq(p.size, 3ull << 29);
	ck_assert_int_eq(trace_gen_params_set(&p, "duration=5ms", NULL), 0);
	ck_assert_uint_eq(p.duration_ns, 5000000);
	ck_assert_int_eq(trace_gen_params_set(&p, "accesses=1e9", NULL), 0);
	ck_assert_uint_eq(p.nr_accesses, 1000000000);
	ck_assert_int_eq(trace_gen_params_set(&p, "rate=2,500", NULL), 0);
	ck_assert_uint_eq(p.rate, 2500);
	ck_assert_int_eq(trace_gen_params_set(&p, "write_frac=0.25", NULL),
			 0);
	ck_assert_int_eq(trace_gen_params_set(&p, "phases=zipf:1s,seq:5ms",
					      NULL), 0);
	ck_assert_int_eq(p.kind, TRACE_GEN_PHASES);
	ck_assert_uint_eq(p.phase_ns[1], 5000000);
	ck_assert_int_lt(trace_gen_params_set(&p, "colour=blue", &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "'colour': unknown key"));
	g_clear_error(&err);
	ck_assert_int_lt(trace_gen_params_set(&p, "size=big", &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "bad value 'big'"));
	g_clear_error(&err);
	ck_assert_int_lt(trace_gen_params_set(&p, "noequals", &err), 0);
	g_clear_error(&err);
	ck_assert_int_lt(trace_gen_params_set(&p, "phases=seq", &err), 0);
	g_clear_error(&err);
	/* a bad list leaves the phases as they were (found by fuzzing) */
	ck_assert_int_lt(trace_gen_params_set(&p, "phases=uniform:1ms,seq:0",
					      NULL), 0);
	ck_assert_uint_eq(p.nr_phases, 2);
	ck_assert_int_eq(p.phase_kind[0], TRACE_GEN_ZIPF);
	ck_assert_uint_eq(p.phase_ns[1], 5000000);
	/* the description reads back into the same parameters */
	d1 = trace_gen_params_describe(&p);
	trace_gen_params_init(&q);
	kv = g_strsplit(d1, " ", -1);
	for (i = 0; kv[i]; i++)
		ck_assert_msg(trace_gen_params_set(&q, kv[i], NULL) == 0, "%s",
			      kv[i]);
	d2 = trace_gen_params_describe(&q);
	ck_assert_str_eq(d1, d2);
	g_strfreev(kv);
	g_free(d1);
	g_free(d2);
	/* inconsistent values are refused by check */
	p.write_frac = 2;
	ck_assert_int_lt(trace_gen_params_check(&p, &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "write_frac"));
	g_clear_error(&err);
	p.write_frac = 0.3;
	/* size 0 is named as such, not as an align problem */
	p.size = 0;
	ck_assert_int_lt(trace_gen_params_check(&p, &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "size must be > 0"));
	g_clear_error(&err);
	p.size = 32;
	ck_assert_int_lt(trace_gen_params_check(&p, &err), 0);
	ck_assert_ptr_nonnull(strstr(err->message, "align must be"));
	g_clear_error(&err);
	trace_gen_params_clear(&p);
	trace_gen_params_clear(&q);
}
END_TEST

/* A pattern-specific parameter is unused unless the pattern or a phase is. */
START_TEST(test_params_unused)
{
	struct trace_gen_params p;

	trace_gen_params_init(&p);
	p.kind = TRACE_GEN_ZIPF;
	ck_assert_ptr_null(trace_gen_param_unused(&p, "zipf_obj"));
	ck_assert_ptr_null(trace_gen_param_unused(&p, "size"));
	ck_assert_ptr_null(trace_gen_param_unused(&p, "write_frac"));
	ck_assert_str_eq(trace_gen_param_unused(&p, "hot_frac"), "hotcold");
	ck_assert_str_eq(trace_gen_param_unused(&p, "stride"), "stride");
	ck_assert_int_eq(trace_gen_params_set(&p, "phases=seq:1s,hotcold:1s",
					      NULL), 0);
	ck_assert_ptr_null(trace_gen_param_unused(&p, "hot_move"));
	ck_assert_str_eq(trace_gen_param_unused(&p, "zipf_s"), "zipf");
	ck_assert_int_eq(trace_gen_params_set(&p, "masim=x.cfg", NULL), 0);
	ck_assert_ptr_nonnull(trace_gen_param_unused(&p, "size"));
	ck_assert_ptr_nonnull(trace_gen_param_unused(&p, "hot_move"));
	ck_assert_ptr_null(trace_gen_param_unused(&p, "base"));
	trace_gen_params_clear(&p);
}
END_TEST

/*
 * A failed check names the parameters it involves, the one it is about
 * first; zipf_obj and stride are measured against size only by the
 * patterns that use them.
 */
START_TEST(test_params_problem_names_keys)
{
	struct trace_gen_params p;
	const char *keys = NULL;
	const char *msg;

	trace_gen_params_init(&p);
	ck_assert_ptr_null(trace_gen_params_problem(&p, &keys));
	p.kind = TRACE_GEN_HOTCOLD;
	p.size = 1024;
	ck_assert_ptr_null(trace_gen_params_problem(&p, &keys));
	ck_assert_int_eq(trace_gen_params_check(&p, NULL), 0);
	p.kind = TRACE_GEN_ZIPF;
	msg = trace_gen_params_problem(&p, &keys);
	ck_assert_str_eq(msg, "zipf_obj must be 1..size");
	ck_assert_str_eq(keys, "zipf_obj size");
	p.kind = TRACE_GEN_STRIDE;
	msg = trace_gen_params_problem(&p, &keys);
	ck_assert_str_eq(msg, "stride must be 1..size");
	ck_assert_str_eq(keys, "stride size");
	/* a phase of a phases pattern counts as its pattern */
	ck_assert_int_eq(trace_gen_params_set(&p, "phases=seq:1s,stride:1s",
					      NULL), 0);
	ck_assert_str_eq(trace_gen_params_problem(&p, &keys),
			 "stride must be 1..size");
	ck_assert_int_eq(trace_gen_params_set(&p, "phases=seq:1s,hotcold:1s",
					      NULL), 0);
	ck_assert_ptr_null(trace_gen_params_problem(&p, &keys));
	p.stride = 0;
	ck_assert_str_eq(trace_gen_params_problem(&p, &keys),
			 "stride must be 1..size");
	p.stride = 4096;
	p.align = 2048;
	ck_assert_str_eq(trace_gen_params_problem(&p, &keys),
			 "align must be a power of 2 of at most size");
	ck_assert_str_eq(keys, "align size");
	p.align = 64;
	p.hot_shift = 1.5;
	ck_assert_str_eq(trace_gen_params_problem(&p, &keys),
			 "hot_shift must be in [0, 1]");
	ck_assert_str_eq(keys, "hot_shift");
	/* an unknown key is told apart from a bad value */
	ck_assert_int_eq(trace_gen_params_set(&p, "colour=blue", NULL),
			 -ENOENT);
	ck_assert_int_eq(trace_gen_params_set(&p, "size=big", NULL), -EINVAL);
	trace_gen_params_clear(&p);
}
END_TEST

START_TEST(test_source_spec)
{
	struct trace_source *s;
	struct tt_events e;
	GError *err = NULL;
	char *cfg = tt_fixture("two_phases.masim"), *spec;

	s = trace_source_open_spec("gen:pattern=seq,accesses=100,cpus=2",
				   &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(trace_source_header(s)->nr_cpus, 2);
	tt_drain(s, &e);
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_ACCESS), 100);
	ck_assert_uint_eq(s->nr_events, e.evs->len);
	trace_source_free(s);
	tt_events_free(&e);
	spec = g_strdup_printf("masim:%s,rate=100k", cfg);
	s = trace_source_open_spec(spec, &err);
	ck_assert_msg(s, "%s", err ? err->message : "");
	tt_drain(s, &e);
	ck_assert_uint_eq(gen_count(&e, TRACE_EV_MAP), 3);
	trace_source_free(s);
	tt_events_free(&e);
	ck_assert_ptr_null(trace_source_open_spec("gen:pattern=nope", &err));
	ck_assert_ptr_nonnull(strstr(err->message, "pattern"));
	g_clear_error(&err);
	ck_assert_ptr_null(trace_source_open_spec("/nonexistent.dst", &err));
	ck_assert_ptr_nonnull(strstr(err->message, "/nonexistent.dst"));
	g_clear_error(&err);
	g_free(spec);
	g_free(cfg);
}
END_TEST

Suite *suite_traces_gen(void)
{
	Suite *s = suite_create("traces_gen");
	TCase *tc = tcase_create("gen");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_uniform);
	tcase_add_test(tc, test_zipf);
	tcase_add_test(tc, test_hotcold);
	tcase_add_test(tc, test_seq_and_stride);
	tcase_add_test(tc, test_phases);
	tcase_add_test(tc, test_threads_on_cpus);
	tcase_add_test(tc, test_terabyte_space);
	tcase_add_test(tc, test_deterministic_events);
	tcase_add_test(tc, test_params);
	tcase_add_test(tc, test_params_problem_names_keys);
	tcase_add_test(tc, test_params_unused);
	tcase_add_test(tc, test_source_spec);
	suite_add_tcase(s, tc);
	return s;
}
