// SPDX-License-Identifier: GPL-2.0
/*
 * A real kdamond in virtual time, driven by the scripted ops: timing,
 * region-count bounds, exact access counts, determinism, clean stop.
 */
#include "config.h"

#include <check.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.h"
#include "tests/kport_scripted_ops.h"

#define SAMPLE_US 5000
#define AGGR_US 100000
#define NR_SAMPLES (AGGR_US / SAMPLE_US)
#define SPACE_END (100UL * 4096)
#define MAX_SNAPS 256

struct recorded {
	unsigned int nr;
	uint64_t time_ns[MAX_SNAPS];
	unsigned int nr_regions[MAX_SNAPS];
	/* per snapshot: bytes fully inside/outside hot with wrong counts */
	unsigned long wrong[MAX_SNAPS];
	unsigned long hot_exact_bytes[MAX_SNAPS];
	unsigned long covered[MAX_SNAPS];
	char dump[1 << 16];
	size_t dump_len;
};

static struct recorded rec;
static unsigned long hot_start, hot_end;

static void host_trace(void *data, const struct kport_trace_event *ev)
{
	kdrv_trace(ev);
}

static void record_snapshot(void *arg, const struct kdrv_snapshot *snap)
{
	struct recorded *r = arg;
	unsigned int i;

	if (r->nr == MAX_SNAPS)
		return;
	r->time_ns[r->nr] = snap->time_ns;
	r->nr_regions[r->nr] = snap->nr_regions;
	for (i = 0; i < snap->nr_regions; i++) {
		const struct kdrv_region *reg = &snap->regions[i];
		bool inside = reg->start >= hot_start && reg->end <= hot_end;
		bool outside = reg->end <= hot_start || reg->start >= hot_end;

		r->covered[r->nr] += reg->end - reg->start;
		if ((inside && reg->nr_accesses != NR_SAMPLES) ||
		    (outside && reg->nr_accesses != 0))
			r->wrong[r->nr] += reg->end - reg->start;
		if (inside)
			r->hot_exact_bytes[r->nr] += reg->end - reg->start;
		if (r->dump_len + 64 < sizeof(r->dump))
			r->dump_len += snprintf(r->dump + r->dump_len, 64,
						"%lu-%lu:%u:%u\n", reg->start,
						reg->end, reg->nr_accesses,
						reg->age);
	}
	r->nr++;
}

/* Run one kdamond for @nr_aggr aggregation intervals from time @t0. */
static void run_kdamond(uint64_t seed, unsigned long min_nr,
			unsigned long max_nr, unsigned int nr_aggr)
{
	struct kdrv_attrs attrs = {
		.sample_us = SAMPLE_US,
		.aggr_us = AGGR_US,
		.update_us = 1000000,
		.min_nr_regions = min_nr,
		.max_nr_regions = max_nr,
	};
	struct kport_hostops hostops = {
		.trace = host_trace,
		.trace_all = true,
	};
	unsigned long ranges[2 * 10];
	unsigned int i;
	struct damon_ctx *ctx;
	uint64_t t0;
	int err;

	kport_set_hostops(&hostops);
	kport_seed(seed);
	kdrv_set_snapshot_sink(record_snapshot, &rec);
	ctx = kdrv_new_ctx(&attrs, scripted_ops(), &err);
	ck_assert_msg(ctx, "kdrv_new_ctx: %d", err);
	/*
	 * Start from ten equal regions, as vaddr's init would split the
	 * space into min_nr_regions: merging never goes below the minimum,
	 * but nothing in the core raises a smaller initial count to it.
	 */
	for (i = 0; i < 10; i++) {
		ranges[2 * i] = i * (SPACE_END / 10);
		ranges[2 * i + 1] = (i + 1) * (SPACE_END / 10);
	}
	ck_assert_ptr_nonnull(kdrv_add_target(ctx, NULL, ranges, 10));
	t0 = kport_clock_ns();
	ck_assert_int_eq(kdrv_start(&ctx, 1), 0);
	ck_assert_uint_eq(kport_nr_threads(), 1);
	/* Stop half a sampling interval after the last aggregation. */
	kport_run_until(t0 + (uint64_t)nr_aggr * AGGR_US * 1000 +
			SAMPLE_US * 500);
	ck_assert_int_eq(kdrv_stop(&ctx, 1), 0);
	ck_assert_uint_eq(kport_nr_threads(), 0);
	kdrv_destroy_ctx(ctx);
}

static const struct scripted_phase quarter_hot[] = {
	{ UINT64_MAX, 20 * 4096, 45 * 4096 },
};

START_TEST(test_virtual_time_follows_intervals)
{
	unsigned int k;

	hot_start = 20 * 4096;
	hot_end = 45 * 4096;
	scripted_ops_set_script(quarter_hot, 1);
	run_kdamond(1, 10, 1000, 20);
	ck_assert_uint_eq(rec.nr, 20);
	for (k = 0; k < rec.nr; k++)
		ck_assert_uint_eq(rec.time_ns[k],
				  (uint64_t)(k + 1) * AGGR_US * 1000);
	/*
	 * One check per sampling interval, plus one: kthread_stop() does not
	 * cut kdamond's usleep short, so it finishes the interval it was in.
	 */
	ck_assert_uint_eq(scripted_ops_stats()->checks, 20 * NR_SAMPLES + 1);
	ck_assert_uint_eq(kport_warn_count(), 0);
}
END_TEST

START_TEST(test_region_count_stays_in_bounds)
{
	unsigned int k;

	hot_start = 20 * 4096;
	hot_end = 45 * 4096;
	scripted_ops_set_script(quarter_hot, 1);
	run_kdamond(7, 10, 30, 30);
	ck_assert_uint_eq(rec.nr, 30);
	for (k = 0; k < rec.nr; k++) {
		ck_assert_uint_ge(rec.nr_regions[k], 10);
		ck_assert_uint_le(rec.nr_regions[k], 30);
		ck_assert_uint_eq(rec.covered[k], SPACE_END);
	}
}
END_TEST

/*
 * Hand-computed: a region wholly inside the hot range is accessed at every
 * sample (nr_accesses == aggr/sample); one wholly outside never is (0).
 * Only regions straddling a boundary may hold anything in between.
 */
START_TEST(test_snapshots_match_script)
{
	unsigned int k;

	hot_start = 20 * 4096;
	hot_end = 45 * 4096;
	scripted_ops_set_script(quarter_hot, 1);
	run_kdamond(3, 10, 1000, 30);
	ck_assert_uint_eq(rec.nr, 30);
	for (k = 0; k < rec.nr; k++)
		ck_assert_msg(rec.wrong[k] == 0,
			      "snapshot %u: %lu bytes with wrong counts", k,
			      rec.wrong[k]);
	/* After a few aggregations the hot range is found, mostly exactly. */
	ck_assert_uint_ge(rec.hot_exact_bytes[rec.nr - 1], 15 * 4096);
}
END_TEST

static const struct scripted_phase all_hot[] = {
	{ UINT64_MAX, 0, SPACE_END },
};

START_TEST(test_all_hot_counts_every_sample)
{
	unsigned int k;

	hot_start = 0;
	hot_end = SPACE_END;
	scripted_ops_set_script(all_hot, 1);
	run_kdamond(5, 10, 1000, 10);
	for (k = 0; k < rec.nr; k++)
		ck_assert_uint_eq(rec.wrong[k], 0);
	ck_assert_uint_eq(rec.hot_exact_bytes[rec.nr - 1], SPACE_END);
}
END_TEST

/* Run a scenario in a child process; return its snapshot dump. */
static char *dump_in_child(uint64_t seed)
{
	int fds[2];
	pid_t pid;
	char *buf = calloc(1, sizeof(rec.dump) + 1);
	size_t len = 0;
	ssize_t n;
	int status;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		close(fds[0]);
		hot_start = 20 * 4096;
		hot_end = 45 * 4096;
		scripted_ops_set_script(quarter_hot, 1);
		run_kdamond(seed, 10, 1000, 15);
		if (write(fds[1], rec.dump, rec.dump_len) !=
		    (ssize_t)rec.dump_len)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf + len, sizeof(rec.dump) - len)) > 0)
		len += n;
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_uint_gt(len, 0);
	return buf;
}

START_TEST(test_same_seed_same_snapshots)
{
	char *a = dump_in_child(42), *b = dump_in_child(42);
	char *c = dump_in_child(43);

	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	free(a);
	free(b);
	free(c);
}
END_TEST

Suite *suite_kport_driver(void)
{
	Suite *s = suite_create("kport_driver");
	TCase *tc = tcase_create("kdamond");

	tcase_add_test(tc, test_virtual_time_follows_intervals);
	tcase_add_test(tc, test_region_count_stays_in_bounds);
	tcase_add_test(tc, test_snapshots_match_script);
	tcase_add_test(tc, test_all_hot_counts_every_sample);
	tcase_add_test(tc, test_same_seed_same_snapshots);
	suite_add_tcase(s, tc);
	return s;
}
