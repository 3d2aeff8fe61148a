// SPDX-License-Identifier: GPL-2.0
/*
 * damo record: write then read back, check the decompressed JSON has the
 * keys damo needs, byte-identical output, perf_script lines.
 */
#include <string.h>

#include <glib/gstdio.h>
#include <zlib.h>

#include "sim/damo_record.h"
#include "sim/json_read.h"
#include "tests/config_suites.h"

static char *tmpdir;

static void setup(void)
{
	tmpdir = g_dir_make_tmp("damo-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
}

static void rm_rf(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, name, NULL);

		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
}

static void teardown(void)
{
	rm_rf(tmpdir);
	g_free(tmpdir);
}

/* Deterministic pseudo-regions for snapshot @s of target @t. */
static size_t make_regions(int t, int s, struct damo_region *r, size_t max)
{
	size_t n = 3 + (size_t)((s * 7 + t) % 5), i;
	uint64_t addr = 0x7f0000000000ULL + (uint64_t)t * 0x100000000ULL;

	ck_assert_uint_le(n, max);
	for (i = 0; i < n; i++) {
		uint64_t sz = 4096ULL * (1 + (i * 13 + (size_t)s) % 97);

		r[i].start = addr;
		r[i].end = addr + sz;
		r[i].nr_accesses = (uint32_t)((i + (size_t)s) % 21);
		r[i].age = (uint32_t)(s + (int)i);
		addr += sz;
	}
	return n;
}

static const struct damo_target_info infos[] = {
	{ .kdamond_idx = 0, .context_idx = 0, .target_id = 0,
	  .intervals = { 5000, 100000, 1000000 } },
	{ .kdamond_idx = 1, .context_idx = 0, .target_id = 0,
	  .intervals = { 5000, 100000, 1000000 } },
	{ .kdamond_idx = 1, .context_idx = 0, .target_id = 7,
	  .intervals = { 10000, 200000, 60000000 } },
};

/* Write @nt targets x @ns snapshots, interleaved as a run produces them. */
static char *write_record(const char *name, enum damo_format fmt, int nt,
			  int ns)
{
	char *path = g_build_filename(tmpdir, name, NULL);
	struct damo_region r[16];
	GError *err = NULL;
	struct damo_writer *w = damo_writer_open(path, fmt, &err);
	int t, s;

	ck_assert_msg(w, "%s", err ? err->message : "");
	for (t = 0; t < nt; t++)
		ck_assert_int_eq(damo_writer_add_target(w, &infos[t], NULL), t);
	for (s = 0; s < ns; s++)
		for (t = 0; t < nt; t++) {
			size_t n = make_regions(t, s, r, 16);

			ck_assert_int_eq(damo_writer_add_snapshot(w, t,
				(uint64_t)s * 100000000ULL,
				(uint64_t)(s + 1) * 100000000ULL, r, n, NULL),
				0);
		}
	ck_assert_int_eq(damo_writer_finish(w, &err), 0);
	return path;
}

static void check_read_back(const struct damo_record *rec, int nt, int ns,
			    bool intervals)
{
	struct damo_region r[16];
	int t, s;

	ck_assert_uint_eq(rec->targets->len, (guint)nt);
	for (t = 0; t < nt; t++) {
		const struct damo_target_record *tr =
			g_ptr_array_index(rec->targets, t);

		ck_assert_uint_eq(tr->info.target_id, infos[t].target_id);
		if (intervals) {
			ck_assert_uint_eq(tr->info.kdamond_idx,
					  infos[t].kdamond_idx);
			ck_assert_uint_eq(tr->info.intervals.aggr_us,
					  infos[t].intervals.aggr_us);
			ck_assert_uint_eq(tr->info.intervals.ops_update_us,
					  infos[t].intervals.ops_update_us);
		}
		ck_assert_uint_eq(tr->snapshots->len, (guint)ns);
		for (s = 0; s < ns; s++) {
			const struct damo_snapshot *sn =
				g_ptr_array_index(tr->snapshots, s);
			size_t n = make_regions(t, s, r, 16);

			ck_assert_uint_eq(sn->end_ns,
					  (uint64_t)(s + 1) * 100000000ULL);
			ck_assert_uint_eq(sn->start_ns,
					  (uint64_t)s * 100000000ULL);
			ck_assert_uint_eq(sn->regions->len, n);
			ck_assert_mem_eq(sn->regions->data, r,
					 n * sizeof(struct damo_region));
		}
	}
}

START_TEST(test_json_round_trip)
{
	char *path = write_record("damon.data", DAMO_FMT_JSON_COMPRESSED, 3,
				  25);
	GError *err = NULL;
	struct damo_record *rec = damo_record_read(path, &err);
	char *tmp = g_strdup_printf("%s.tmp", path);

	ck_assert_msg(rec, "%s", err ? err->message : "");
	ck_assert_int_eq(rec->format, DAMO_FMT_JSON_COMPRESSED);
	check_read_back(rec, 3, 25, true);
	/* No temporary or spool file is left behind. */
	ck_assert(!g_file_test(tmp, G_FILE_TEST_EXISTS));
	damo_record_free(rec);
	g_free(tmp);
	g_free(path);
}
END_TEST

static const struct json_node *expect_key(const struct json_node *obj,
					  const char *key,
					  enum json_type type)
{
	const struct json_node *n = json_get(obj, key);

	ck_assert_msg(n, "missing key %s", key);
	ck_assert_msg(n->type == type, "key %s has type %d", key, n->type);
	return n;
}

/* Decompress with plain zlib, as damo does, and check damo's keys. */
START_TEST(test_json_keys_for_damo)
{
	char *path = write_record("damon.data", DAMO_FMT_JSON_COMPRESSED, 2,
				  2);
	const struct json_node *rec, *snap, *reg, *iv;
	struct json_node *root;
	uLongf len = 1 << 20;
	Bytef *out = g_malloc(len);
	gchar *data;
	gsize dlen;

	ck_assert(g_file_get_contents(path, &data, &dlen, NULL));
	/* zlib header (what `file` reports as zlib compressed data). */
	ck_assert_uint_eq((unsigned char)data[0], 0x78);
	ck_assert_uint_eq((((unsigned char)data[0] << 8) |
			   (unsigned char)data[1]) % 31, 0);
	ck_assert_int_eq(uncompress(out, &len, (Bytef *)data, dlen), Z_OK);
	root = json_parse((const char *)out, len, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(root->type, JSON_ARRAY);
	ck_assert_uint_eq(json_len(root), 2);
	rec = json_at(root, 1);
	ck_assert_uint_eq(expect_key(rec, "kdamond_idx", JSON_NUMBER)->u, 1);
	expect_key(rec, "context_idx", JSON_NUMBER);
	iv = expect_key(rec, "intervals", JSON_OBJECT);
	ck_assert_uint_eq(expect_key(iv, "sample_us", JSON_NUMBER)->u, 5000);
	ck_assert_uint_eq(expect_key(iv, "aggr_us", JSON_NUMBER)->u, 100000);
	expect_key(iv, "ops_update_us", JSON_NUMBER);
	expect_key(rec, "scheme_idx", JSON_NULL);
	expect_key(rec, "target_id", JSON_NUMBER);
	ck_assert_uint_eq(json_len(expect_key(rec, "scheme_filters",
					      JSON_ARRAY)), 0);
	expect_key(rec, "data_source", JSON_STRING);
	snap = json_at(expect_key(rec, "snapshots", JSON_ARRAY), 1);
	ck_assert_uint_eq(expect_key(snap, "start_time", JSON_NUMBER)->u,
			  100000000);
	ck_assert_uint_eq(expect_key(snap, "end_time", JSON_NUMBER)->u,
			  200000000);
	expect_key(snap, "total_bytes", JSON_NULL);
	expect_key(snap, "damos_stats", JSON_NULL);
	expect_key(snap, "sample_interval_us", JSON_NULL);
	reg = json_at(expect_key(snap, "regions", JSON_ARRAY), 0);
	expect_key(reg, "start", JSON_NUMBER);
	expect_key(reg, "end", JSON_NUMBER);
	expect_key(expect_key(reg, "nr_accesses", JSON_OBJECT), "samples",
		   JSON_NUMBER);
	expect_key(expect_key(reg, "nr_accesses", JSON_OBJECT), "percent",
		   JSON_NULL);
	expect_key(expect_key(reg, "age", JSON_OBJECT), "usec", JSON_NULL);
	expect_key(expect_key(reg, "age", JSON_OBJECT), "aggr_intervals",
		   JSON_NUMBER);
	ck_assert_uint_eq(json_len(expect_key(reg, "probe_hits", JSON_ARRAY)),
			  0);
	ck_assert_uint_eq(expect_key(reg, "sz_filter_passed", JSON_NUMBER)->u,
			  0);
	json_node_free(root);
	g_free(out);
	g_free(data);
	g_free(path);
}
END_TEST

START_TEST(test_byte_identical)
{
	char *a = write_record("a.data", DAMO_FMT_JSON_COMPRESSED, 3, 40);
	char *b = write_record("b.data", DAMO_FMT_JSON_COMPRESSED, 3, 40);
	char *c = write_record("c.data", DAMO_FMT_JSON_COMPRESSED, 3, 39);
	gchar *da, *db, *dc;
	gsize la, lb, lc;

	ck_assert(g_file_get_contents(a, &da, &la, NULL));
	ck_assert(g_file_get_contents(b, &db, &lb, NULL));
	ck_assert(g_file_get_contents(c, &dc, &lc, NULL));
	ck_assert_uint_eq(la, lb);
	ck_assert_mem_eq(da, db, la);
	/* ...and a different run really gives a different file. */
	ck_assert(lc != la || memcmp(da, dc, la));
	g_free(da);
	g_free(db);
	g_free(dc);
	g_free(a);
	g_free(b);
	g_free(c);
}
END_TEST

START_TEST(test_perf_script)
{
	char *path = write_record("perf.data", DAMO_FMT_PERF_SCRIPT, 2, 6);
	struct damo_record *rec;
	GError *err = NULL;
	gchar *text, *first_nl;

	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	first_nl = strchr(text, '\n');
	ck_assert_ptr_nonnull(first_nl);
	*first_nl = '\0';
	/* The line damo parses: 10 blank-separated fields. */
	ck_assert_str_eq(text, "kdamond.0 0 [000] 0.100000: "
			       "damon:damon_aggregated: target_id=0 "
			       "nr_regions=3 139637976727552-139637976731648: "
			       "0 0");
	g_free(text);
	rec = damo_record_read(path, &err);
	ck_assert_msg(rec, "%s", err ? err->message : "");
	ck_assert_int_eq(rec->format, DAMO_FMT_PERF_SCRIPT);
	/* perf script has no kdamond index: both targets have id 0, so
	 * they merge into one, as damo merges them (docs/outputs.md). */
	ck_assert_uint_eq(rec->targets->len, 1);
	ck_assert_uint_eq(((struct damo_target_record *)g_ptr_array_index(
				  rec->targets, 0))->snapshots->len, 12);
	damo_record_free(rec);
	g_free(path);
}
END_TEST

START_TEST(test_perf_script_round_trip)
{
	static const struct damo_target_info solo = {
		.target_id = 42, .intervals = { 5000, 100000, 1000000 } };
	char *path = g_build_filename(tmpdir, "solo.txt", NULL);
	struct damo_writer *w = damo_writer_open(path, DAMO_FMT_PERF_SCRIPT,
						 NULL);
	struct damo_region r[16];
	struct damo_record *rec;
	int s;

	ck_assert_int_eq(damo_writer_add_target(w, &solo, NULL), 0);
	for (s = 0; s < 5; s++) {
		size_t n = make_regions(0, s, r, 16);

		ck_assert_int_eq(damo_writer_add_snapshot(w, 0,
			(uint64_t)s * 100000000ULL + 1000,
			(uint64_t)(s + 1) * 100000000ULL + 1000, r, n, NULL),
			0);
	}
	ck_assert_int_eq(damo_writer_finish(w, NULL), 0);
	rec = damo_record_read(path, NULL);
	ck_assert_ptr_nonnull(rec);
	ck_assert_uint_eq(rec->targets->len, 1);
	for (s = 0; s < 5; s++) {
		const struct damo_snapshot *sn = g_ptr_array_index(
			((struct damo_target_record *)
				 g_ptr_array_index(rec->targets, 0))->snapshots,
			s);
		size_t n = make_regions(0, s, r, 16);

		/* Microsecond times survive; starts are the previous end. */
		ck_assert_uint_eq(sn->end_ns,
				  (uint64_t)(s + 1) * 100000000ULL + 1000);
		ck_assert_uint_eq(sn->start_ns,
				  (uint64_t)s * 100000000ULL + 1000);
		ck_assert_uint_eq(sn->regions->len, n);
		ck_assert_mem_eq(sn->regions->data, r,
				 n * sizeof(struct damo_region));
	}
	damo_record_free(rec);
	g_free(path);
}
END_TEST

START_TEST(test_equal_and_errors)
{
	char *a = write_record("a.data", DAMO_FMT_JSON_COMPRESSED, 2, 5);
	char *b = write_record("b.data", DAMO_FMT_JSON_COMPRESSED, 2, 4);
	struct damo_record *ra = damo_record_read(a, NULL);
	struct damo_record *rb = damo_record_read(b, NULL);
	struct damo_record *ra2 = damo_record_read(a, NULL);
	GString *why = g_string_new(NULL);
	GError *err = NULL;
	gchar *data;
	gsize len;

	ck_assert(damo_record_equal(ra, ra2, why));
	ck_assert(!damo_record_equal(ra, rb, why));
	ck_assert_str_eq(why->str, "target 0 differs");
	/* A truncated file is an error naming the file, not a crash. */
	ck_assert(g_file_get_contents(a, &data, &len, NULL));
	ck_assert_ptr_null(damo_record_parse(data, len / 2, "cut", &err));
	ck_assert_str_eq(err->message, "cut: corrupt or truncated zlib data");
	g_clear_error(&err);
	ck_assert_ptr_null(damo_record_parse("[{\"snapshots\":[]}]", 18, "j",
					     &err));
	ck_assert_str_eq(err->message,
			 "j: record without target_id or snapshots");
	g_clear_error(&err);
	ck_assert_ptr_null(damo_record_parse("[1,", 3, "k", &err));
	ck_assert_str_eq(err->message, "k: offset 3: unexpected end of input");
	g_clear_error(&err);
	g_free(data);
	g_string_free(why, TRUE);
	damo_record_free(ra);
	damo_record_free(ra2);
	damo_record_free(rb);
	g_free(a);
	g_free(b);
}
END_TEST

Suite *suite_config_damo(void)
{
	Suite *s = suite_create("config_damo");
	TCase *tc = tcase_create("damo_record");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_json_round_trip);
	tcase_add_test(tc, test_json_keys_for_damo);
	tcase_add_test(tc, test_byte_identical);
	tcase_add_test(tc, test_perf_script);
	tcase_add_test(tc, test_perf_script_round_trip);
	tcase_add_test(tc, test_equal_and_errors);
	suite_add_tcase(s, tc);
	return s;
}
