// SPDX-License-Identifier: GPL-2.0
/*
 * traces_masim.c - masim configs: layout, init pass, phase durations,
 * region probabilities and access modes.
 */
#include <math.h>
#include <string.h>

#include "tests/traces_util.h"

#define MB (1ull << 20)
#define BASE 0x7f0000000000ull

static void masim_run(struct tt_events *e, const char *rate)
{
	char *cfg = tt_fixture("two_phases.masim");
	char *m = g_strdup_printf("masim=%s", cfg);
	const char *kv[] = { m, rate, NULL };

	tt_gen(e, kv);
	g_free(m);
	g_free(cfg);
}

START_TEST(test_masim_layout_and_init)
{
	struct tt_events e;
	const uint64_t start[3] = { BASE, BASE + 5 * MB, BASE + 14 * MB };
	const uint64_t size[3] = { 4 * MB, 8 * MB, MB };
	guint i, maps = 0, init = 0;
	bool in_init = false;

	masim_run(&e, "rate=100k");
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type == TRACE_EV_MAP) {
			ck_assert_uint_eq(ev->addr, start[maps]);
			ck_assert_uint_eq(ev->size, size[maps]);
			ck_assert_uint_eq(ev->map_flags, 0);
			maps++;
		} else if (ev->type == TRACE_EV_PHASE) {
			in_init = !strcmp(ev->name, "init");
		} else if (ev->type == TRACE_EV_ACCESS && in_init) {
			/* region c, page by page, written */
			ck_assert_uint_eq(ev->addr, start[2] + init * 4096ull);
			ck_assert(ev->write);
			init++;
		}
	}
	ck_assert_uint_eq(maps, 3);
	ck_assert_uint_eq(init, 256);
	tt_events_free(&e);
}
END_TEST

START_TEST(test_masim_phases)
{
	struct tt_events e;
	const uint64_t t0 = 256 * 10000ull;	/* init: 256 steps of 10 us */
	guint i, n[2] = { 0 }, to_a = 0, np = 0;
	uint64_t b_start = BASE + 5 * MB, last_b = UINT64_MAX, exit_t = 0;
	int phase = -1;
	bool last_w = true;

	masim_run(&e, "rate=100k");
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type == TRACE_EV_THREAD_EXIT)
			exit_t = ev->time_ns;
		if (ev->type == TRACE_EV_PHASE) {
			np++;
			if (!strcmp(ev->name, "hot_a")) {
				phase = 0;
				ck_assert_uint_eq(ev->time_ns, t0);
			} else if (!strcmp(ev->name, "scan_b")) {
				phase = 1;
				ck_assert_uint_eq(ev->time_ns,
						  t0 + 100000000ull);
				last_b = UINT64_MAX;
			}
			continue;
		}
		if (ev->type != TRACE_EV_ACCESS || phase < 0)
			continue;
		n[phase]++;
		if (ev->addr < b_start) {
			/* a: random, default mode wo */
			ck_assert_int_eq(phase, 0);
			ck_assert(ev->write);
			to_a++;
			continue;
		}
		/* b: sequential with stride 4096 */
		if (last_b != UINT64_MAX)
			ck_assert_uint_eq(ev->addr, b_start +
					  (last_b - b_start + 4096) % (8 * MB));
		last_b = ev->addr;
		if (phase == 0) {
			ck_assert(!ev->write);	/* ro */
		} else {
			ck_assert(ev->write != last_w);	/* rw alternates */
			last_w = ev->write;
		}
	}
	ck_assert_uint_eq(np, 3);
	ck_assert_uint_eq(n[0], 10000);	/* 100 ms at 100k/s */
	ck_assert_uint_eq(n[1], 5000);	/* 50 ms */
	ck_assert_msg(fabs(to_a / 10000.0 - 0.8) < 0.02, "to a: %u", to_a);
	ck_assert_uint_eq(exit_t, t0 + 150000000ull);
	tt_events_free(&e);
}
END_TEST

START_TEST(test_masim_comments_crlf)
{
	static const char cfg[] = "# c\r\nr, 8K\r\n\r\n# phase\r\np1\r\n5\r\n"
				  "r, 1, 64, 3, ro\r\nr, 0, 64, 1\r\n";
	struct trace_gen_program *p;
	GError *err = NULL;

	p = trace_masim_parse(cfg, strlen(cfg), "c.cfg", 4096, &err);
	ck_assert_msg(p, "%s", err ? err->message : "");
	ck_assert_uint_eq(p->nr_regions, 1);
	ck_assert_uint_eq(p->regions[0].size, 8192);
	ck_assert_uint_eq(p->regions[0].start, 4096);
	ck_assert_uint_eq(p->nr_phases, 1);
	ck_assert_str_eq(p->phases[0].name, "p1");
	ck_assert_uint_eq(p->phases[0].duration_ns, 5000000);
	ck_assert_uint_eq(p->phases[0].nr_patterns, 2);
	ck_assert_int_eq(p->phases[0].patterns[0].mode, TRACE_GEN_MODE_RO);
	ck_assert_int_eq(p->phases[0].patterns[1].mode, TRACE_GEN_MODE_WO);
	ck_assert(p->phases[0].patterns[0].prob == 3);
	trace_gen_program_free(p);
}
END_TEST

/*
 * masim's own config style: comment lines inside paragraphs, a data-file
 * field of "none", phase names with spaces, regions smaller than a page,
 * a stride larger than its region.
 */
START_TEST(test_masim_style_config)
{
	char *cfg = tt_fixture("masim_style.cfg");
	char *m = g_strdup_printf("masim=%s", cfg);
	const char *kv[] = { m, "rate=100k", NULL };
	const uint64_t tiny = BASE + 4096 + MB, big = tiny + 4096 + MB;
	struct tt_events e;
	guint i, second = 0, to_tiny = 0, small = 0;
	const char *phase = "";

	tt_gen(&e, kv);
	for (i = 0; i < e.evs->len; i++) {
		const struct trace_event *ev = tt_ev(&e, i);

		if (ev->type == TRACE_EV_PHASE)
			phase = ev->name;
		if (ev->type != TRACE_EV_ACCESS)
			continue;
		ck_assert_str_ne(phase, "init");
		if (ev->addr < tiny) {
			ck_assert_uint_lt(ev->addr, BASE + 320);
			ck_assert_str_eq(phase, "first phase");
			small++;
		} else if (ev->addr < big) {
			/* stride 4096 over 64 bytes: always offset 0 */
			ck_assert_uint_eq(ev->addr, tiny);
			to_tiny++;
		}
		second += !strcmp(phase, "second phase");
	}
	ck_assert_uint_eq(second, 1000);
	ck_assert_msg(fabs(small / 2000.0 - 0.8) < 0.04, "small %u", small);
	ck_assert_msg(fabs(to_tiny / 1000.0 - 0.5) < 0.06, "tiny %u",
		      to_tiny);
	tt_events_free(&e);
	g_free(m);
	g_free(cfg);
}
END_TEST

Suite *suite_traces_masim(void)
{
	Suite *s = suite_create("traces_masim");
	TCase *tc = tcase_create("masim");

	tcase_add_test(tc, test_masim_layout_and_init);
	tcase_add_test(tc, test_masim_phases);
	tcase_add_test(tc, test_masim_comments_crlf);
	tcase_add_test(tc, test_masim_style_config);
	suite_add_tcase(s, tc);
	return s;
}
