// SPDX-License-Identifier: GPL-2.0
/* Units grammar: every accepted form, every rejected one, and formatting. */
#include <errno.h>
#include <string.h>

#include "sim/units.h"
#include "tests/config_suites.h"

static uint64_t time_ok(const char *s)
{
	GError *err = NULL;
	uint64_t ns = 12345;

	ck_assert_msg(!units_parse_time_ns(s, 0, &ns, &err), "%s: %s", s,
		      err ? err->message : "");
	return ns;
}

static uint64_t size_ok(const char *s)
{
	GError *err = NULL;
	uint64_t b = 12345;

	ck_assert_msg(!units_parse_size(s, &b, &err), "%s: %s", s,
		      err ? err->message : "");
	return b;
}

/* Parse must fail with @ret, and the message must quote the input. */
static void fails(int (*fn)(const char *, GError **), const char *s, int ret,
		  const char *needle)
{
	GError *err = NULL;

	ck_assert_int_eq(fn(s, &err), ret);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err->message, s), "%s", err->message);
	ck_assert_msg(!needle || strstr(err->message, needle), "%s",
		      err->message);
	ck_assert_ptr_null(strchr(err->message, '\n'));
	g_error_free(err);
}

static int try_time(const char *s, GError **err)
{
	uint64_t v;

	return units_parse_time_ns(s, 0, &v, err);
}

static int try_size(const char *s, GError **err)
{
	uint64_t v;

	return units_parse_size(s, &v, err);
}

static int try_uint(const char *s, GError **err)
{
	uint64_t v;

	return units_parse_uint(s, &v, err);
}

static int try_int(const char *s, GError **err)
{
	int64_t v;

	return units_parse_int(s, &v, err);
}

static int try_pct(const char *s, GError **err)
{
	uint32_t v;

	return units_parse_percent_bp(s, &v, err);
}

static int try_nr_acc(const char *s, GError **err)
{
	struct units_count c;

	return units_parse_count(s, UNITS_COUNT_ALLOW(UNITS_COUNT_SAMPLES) |
				 UNITS_COUNT_ALLOW(UNITS_COUNT_PERCENT), &c,
				 err);
}

START_TEST(test_integers)
{
	uint64_t u;
	int64_t i;

	ck_assert_int_eq(units_parse_uint("1,000,000", &u, NULL), 0);
	ck_assert_uint_eq(u, 1000000);
	ck_assert_int_eq(units_parse_uint(" 42 ", &u, NULL), 0);
	ck_assert_uint_eq(u, 42);
	ck_assert_int_eq(units_parse_uint("max", &u, NULL), 0);
	ck_assert_uint_eq(u, UINT64_MAX);
	ck_assert_int_eq(units_parse_uint("min", &u, NULL), 0);
	ck_assert_uint_eq(u, 0);
	ck_assert_int_eq(units_parse_uint("18446744073709551615", &u, NULL),
			 0);
	ck_assert_uint_eq(u, UINT64_MAX);
	ck_assert_int_eq(units_parse_int("-9,223,372,036,854,775,808", &i,
					 NULL), 0);
	ck_assert(i == INT64_MIN);
	ck_assert_int_eq(units_parse_int("+7", &i, NULL), 0);
	ck_assert_int_eq(i, 7);
	fails(try_uint, "18446744073709551616", -ERANGE, "too large");
	fails(try_int, "9223372036854775808", -ERANGE, "range");
	fails(try_uint, "12abc", -EINVAL, NULL);
	fails(try_uint, "1,,000", -EINVAL, "comma");
	fails(try_uint, ",1", -EINVAL, NULL);
	fails(try_uint, "1,", -EINVAL, "comma");
	fails(try_uint, "1.5", -EINVAL, "whole");
	fails(try_uint, "-1", -EINVAL, NULL);
	fails(try_uint, "", -EINVAL, NULL);
	fails(try_int, "- 5", -EINVAL, NULL);
}
END_TEST

START_TEST(test_times)
{
	GError *err = NULL;
	uint64_t ns;

	ck_assert_uint_eq(time_ok("5ms"), 5000000);
	ck_assert_uint_eq(time_ok("100 ms"), 100000000);
	ck_assert_uint_eq(time_ok("1m 30s"), 90 * UNITS_NS_PER_S);
	ck_assert_uint_eq(time_ok("1 m 30 s"), 90 * UNITS_NS_PER_S);
	ck_assert_uint_eq(time_ok("1h"), 3600 * UNITS_NS_PER_S);
	ck_assert_uint_eq(time_ok("2 d"), 2 * 86400 * UNITS_NS_PER_S);
	ck_assert_uint_eq(time_ok("1.5 s"), 1500 * UNITS_NS_PER_MS);
	ck_assert_uint_eq(time_ok("7 ns"), 7);
	ck_assert_uint_eq(time_ok("3 us"), 3000);
	ck_assert_uint_eq(time_ok("1,000 us"), UNITS_NS_PER_MS);
	ck_assert_uint_eq(time_ok("0"), 0);
	ck_assert_uint_eq(time_ok("min"), 0);
	ck_assert_uint_eq(time_ok("max"), UINT64_MAX);
	/* A bare number takes the caller's unit when one is given. */
	ck_assert_int_eq(units_parse_time_ns("250", UNITS_NS_PER_US, &ns,
					     NULL), 0);
	ck_assert_uint_eq(ns, 250000);
	fails(try_time, "5", -EINVAL, "needs a unit");
	fails(try_time, "5 parsecs", -EINVAL, "unknown time unit");
	fails(try_time, "1m 30", -EINVAL, "every part");
	fails(try_time, "1.5 ns", -EINVAL, "whole");
	fails(try_time, "300000 d", -ERANGE, NULL);
	fails(try_time, "213503 d 1 d", -ERANGE, NULL);
	fails(try_time, "ms", -EINVAL, "number");
	fails(try_time, "5 ms!", -EINVAL, NULL);
	ck_assert_int_eq(units_parse_time_ns("1 x", 0, &ns, &err), -EINVAL);
	ck_assert(g_error_matches(err, UNITS_ERROR, UNITS_ERROR_INVALID));
	g_error_free(err);
}
END_TEST

START_TEST(test_sizes)
{
	ck_assert_uint_eq(size_ok("4096"), 4096);
	ck_assert_uint_eq(size_ok("4 K"), 4096);
	ck_assert_uint_eq(size_ok("4KB"), 4096);
	ck_assert_uint_eq(size_ok("4 KiB"), 4096);
	ck_assert_uint_eq(size_ok("1.5 GiB"), 3ULL << 29);
	ck_assert_uint_eq(size_ok("2 MB"), 2ULL << 20);
	ck_assert_uint_eq(size_ok("1 T"), 1ULL << 40);
	ck_assert_uint_eq(size_ok("1 PiB"), 1ULL << 50);
	ck_assert_uint_eq(size_ok("15 EiB"), 15ULL << 60);
	ck_assert_uint_eq(size_ok("12 B"), 12);
	ck_assert_uint_eq(size_ok("max"), UINT64_MAX);
	ck_assert_uint_eq(size_ok("1,024 KiB"), 1ULL << 20);
	fails(try_size, "16 EiB", -ERANGE, "too large");
	fails(try_size, "4 kb", -EINVAL, "unknown size unit");
	fails(try_size, "0.1 KiB", -EINVAL, "whole");
	fails(try_size, "4 KiB 2 B", -EINVAL, "after");
	fails(try_size, "GiB", -EINVAL, NULL);
}
END_TEST

START_TEST(test_percent_and_counts)
{
	struct units_count c;
	GError *err = NULL;
	uint32_t bp;

	ck_assert_int_eq(units_parse_percent_bp("4 %", &bp, NULL), 0);
	ck_assert_uint_eq(bp, 400);
	ck_assert_int_eq(units_parse_percent_bp("4%", &bp, NULL), 0);
	ck_assert_uint_eq(bp, 400);
	ck_assert_int_eq(units_parse_percent_bp("0.25 %", &bp, NULL), 0);
	ck_assert_uint_eq(bp, 25);
	ck_assert_int_eq(units_parse_percent_bp("max", &bp, NULL), 0);
	ck_assert_uint_eq(bp, 10000);
	ck_assert_int_eq(units_parse_percent_bp("0", &bp, NULL), 0);
	ck_assert_uint_eq(bp, 0);
	fails(try_pct, "50", -EINVAL, "percentage");
	fails(try_pct, "101 %", -ERANGE, "above 100");
	fails(try_pct, "0.001 %", -EINVAL, "whole");

	ck_assert_int_eq(try_nr_acc("5 samples", NULL), 0);
	ck_assert_int_eq(units_parse_count("5 samples",
					   UNITS_COUNT_ALLOW(UNITS_COUNT_SAMPLES),
					   &c, NULL), 0);
	ck_assert_int_eq(c.kind, UNITS_COUNT_SAMPLES);
	ck_assert_uint_eq(c.value, 5);
	ck_assert_int_eq(units_parse_count("80 %",
					   UNITS_COUNT_ALLOW(UNITS_COUNT_PERCENT),
					   &c, NULL), 0);
	ck_assert_int_eq(c.kind, UNITS_COUNT_PERCENT);
	ck_assert_uint_eq(c.value, 8000);
	ck_assert_int_eq(units_parse_count("3 aggr_intervals",
			 UNITS_COUNT_ALLOW(UNITS_COUNT_AGGR_INTERVALS) |
				 UNITS_COUNT_ALLOW(UNITS_COUNT_TIME),
			 &c, NULL), 0);
	ck_assert_int_eq(c.kind, UNITS_COUNT_AGGR_INTERVALS);
	ck_assert_uint_eq(c.value, 3);
	ck_assert_int_eq(units_parse_count("2 s",
			 UNITS_COUNT_ALLOW(UNITS_COUNT_AGGR_INTERVALS) |
				 UNITS_COUNT_ALLOW(UNITS_COUNT_TIME),
			 &c, NULL), 0);
	ck_assert_int_eq(c.kind, UNITS_COUNT_TIME);
	ck_assert_uint_eq(c.value, 2 * UNITS_NS_PER_S);
	ck_assert_int_eq(units_parse_count("max",
			 UNITS_COUNT_ALLOW(UNITS_COUNT_AGGR_INTERVALS) |
				 UNITS_COUNT_ALLOW(UNITS_COUNT_TIME),
			 &c, NULL), 0);
	ck_assert_int_eq(c.kind, UNITS_COUNT_AGGR_INTERVALS);
	ck_assert_uint_eq(c.value, UINT64_MAX);
	ck_assert_int_eq(try_nr_acc("max", NULL), 0);
	fails(try_nr_acc, "5", -EINVAL, "N samples or N %");
	fails(try_nr_acc, "3 aggr_intervals", -EINVAL, "expected");
	fails(try_nr_acc, "1.5 samples", -EINVAL, "whole");
	ck_assert_int_eq(units_parse_count("2 s",
					   UNITS_COUNT_ALLOW(UNITS_COUNT_SAMPLES),
					   &c, &err), -EINVAL);
	g_error_free(err);
}
END_TEST

/* A quoted value never breaks the one-line message. */
START_TEST(test_escaped_in_messages)
{
	GError *err = NULL;
	uint64_t v;

	ck_assert_int_eq(units_parse_time_ns("5\nm\x01s", 0, &v, &err),
			 -EINVAL);
	ck_assert_str_eq(err->message, "\"5\\nm\\x01s\": every part of a "
			 "duration needs a unit");
	g_error_free(err);
}
END_TEST

/* Scheme bounds become DAMON's units the way damo converts them. */
START_TEST(test_count_conversion)
{
	struct units_count pct = { UNITS_COUNT_PERCENT, 8000 };
	struct units_count smp = { UNITS_COUNT_SAMPLES, UINT64_MAX };
	struct units_count t = { UNITS_COUNT_TIME, 5 * UNITS_NS_PER_S };
	struct units_count ai = { UNITS_COUNT_AGGR_INTERVALS, 7 };

	/* 80 % of 100 ms / 5 ms = 16 samples. */
	ck_assert_uint_eq(units_count_to_samples(&pct, 5000, 100000), 16);
	pct.value = 2550;
	ck_assert_uint_eq(units_count_to_samples(&pct, 5000, 100000), 5);
	ck_assert_uint_eq(units_count_to_samples(&smp, 5000, 100000), 20);
	smp.value = 3;
	ck_assert_uint_eq(units_count_to_samples(&smp, 5000, 100000), 3);
	ck_assert_uint_eq(units_count_to_aggr_intervals(&t, 100000), 50);
	ck_assert_uint_eq(units_count_to_aggr_intervals(&ai, 100000), 7);
	t.value = UINT64_MAX;
	ck_assert_uint_eq(units_count_to_aggr_intervals(&t, 100000),
			  UINT64_MAX);
}
END_TEST

START_TEST(test_bools)
{
	bool b;

	ck_assert_int_eq(units_parse_bool("On", &b, NULL), 0);
	ck_assert(b);
	ck_assert_int_eq(units_parse_bool(" no ", &b, NULL), 0);
	ck_assert(!b);
	ck_assert_int_eq(units_parse_bool("yes please", &b, NULL), -EINVAL);
}
END_TEST

START_TEST(test_format)
{
	char buf[UNITS_FMT_LEN];
	struct units_count c = { UNITS_COUNT_AGGR_INTERVALS, 7 };

	ck_assert_str_eq(units_format_time_exact(5 * UNITS_NS_PER_MS, buf),
			 "5 ms");
	ck_assert_str_eq(units_format_time_exact(90 * UNITS_NS_PER_S, buf),
			 "1 m 30 s");
	ck_assert_str_eq(units_format_time_exact(UNITS_NS_PER_S + 500, buf),
			 "1 s 500 ns");
	ck_assert_str_eq(units_format_time_exact(0, buf), "0 ns");
	ck_assert_str_eq(units_format_time(1500 * UNITS_NS_PER_MS, buf),
			 "1.5 s");
	ck_assert_str_eq(units_format_time(5 * UNITS_NS_PER_MS, buf), "5 ms");
	ck_assert_str_eq(units_format_time(999, buf), "999 ns");
	ck_assert_str_eq(units_format_size(3ULL << 29, buf), "1.5 GiB");
	ck_assert_str_eq(units_format_size(4096, buf), "4 KiB");
	ck_assert_str_eq(units_format_size(17, buf), "17 B");
	ck_assert_str_eq(units_format_size_exact(1536ULL << 20, buf),
			 "1536 MiB");
	ck_assert_str_eq(units_format_size_exact(4097, buf), "4097 B");
	ck_assert_str_eq(units_format_size_exact(UINT64_MAX, buf), "max");
	ck_assert_str_eq(units_format_percent_bp(400, buf), "4 %");
	ck_assert_str_eq(units_format_percent_bp(25, buf), "0.25 %");
	ck_assert_str_eq(units_format_percent_bp(450, buf), "4.5 %");
	ck_assert_str_eq(units_format_count(&c, buf), "7 aggr_intervals");
	ck_assert_str_eq(units_format_uint_grouped(1234567, buf),
			 "1,234,567");
	ck_assert_str_eq(units_format_uint_grouped(123, buf), "123");
	ck_assert_str_eq(units_format_double(2.0 / 3, 3, buf), "0.667");
	ck_assert_str_eq(units_format_double(-0.0001, 2, buf), "0.00");
	ck_assert_str_eq(units_format_double(0.0 / 0.0, 2, buf), "nan");
}
END_TEST

/* What we print, we read back to the same value. */
START_TEST(test_round_trip)
{
	static const uint64_t times[] = { 1, 999, 5000000, 90000000000ULL,
					  86400000000001ULL, UINT64_MAX - 1 };
	static const uint64_t sizes[] = { 1, 4096, 4097, 3ULL << 29,
					  UINT64_MAX - 1 };
	char buf[UNITS_FMT_LEN];
	uint64_t v;
	uint32_t bp, i;
	size_t k;

	for (k = 0; k < G_N_ELEMENTS(times); k++) {
		units_format_time_exact(times[k], buf);
		ck_assert_int_eq(units_parse_time_ns(buf, 0, &v, NULL), 0);
		ck_assert_uint_eq(v, times[k]);
	}
	for (k = 0; k < G_N_ELEMENTS(sizes); k++) {
		units_format_size_exact(sizes[k], buf);
		ck_assert_int_eq(units_parse_size(buf, &v, NULL), 0);
		ck_assert_uint_eq(v, sizes[k]);
	}
	for (i = 0; i <= 10000; i += 7) {
		units_format_percent_bp(i, buf);
		ck_assert_int_eq(units_parse_percent_bp(buf, &bp, NULL), 0);
		ck_assert_uint_eq(bp, i);
	}
	units_format_uint_grouped(UINT64_MAX, buf);
	ck_assert_int_eq(units_parse_uint(buf, &v, NULL), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
}
END_TEST

Suite *suite_config_units(void)
{
	Suite *s = suite_create("config_units");
	TCase *tc = tcase_create("units");

	tcase_add_test(tc, test_integers);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_percent_and_counts);
	tcase_add_test(tc, test_bools);
	tcase_add_test(tc, test_count_conversion);
	tcase_add_test(tc, test_escaped_in_messages);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
