// SPDX-License-Identifier: GPL-2.0
/*
 * damo_record: streaming writer of damo record files (see damo_record.h).
 *
 * JSON layout, field order as damo writes it (FACTS.md, damo v3.3.0):
 *   [{"kdamond_idx":K,"context_idx":C,
 *     "intervals":{"sample_us":S,"aggr_us":A,"ops_update_us":U},
 *     "scheme_idx":null,"target_id":T,"scheme_filters":[],
 *     "data_source":"record",
 *     "snapshots":[{"start_time":NS,"end_time":NS,"total_bytes":null,
 *                   "damos_stats":null,"sample_interval_us":null,
 *                   "regions":[{"start":B,"end":E,
 *                               "nr_accesses":{"samples":N,"percent":null},
 *                               "age":{"usec":null,"aggr_intervals":G},
 *                               "probe_hits":[],"sz_filter_passed":0}]}]}]
 * compressed as one zlib stream (deflate with the zlib header, which
 * `file` calls "zlib compressed data" and damo then decompresses).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <zlib.h>

#include "sim/damo_record.h"
#include "sim/json_write.h"

struct damo_wtarget {
	struct damo_target_info info;
	FILE *spool;		/* NULL for target 0, which streams */
	char *spool_path;
	size_t nsnap;
};

struct damo_writer {
	enum damo_format fmt;
	char *path;
	char *tmp_path;
	FILE *out;
	z_stream zs;
	bool zs_live;
	GPtrArray *targets;	/* struct damo_wtarget * */
	GString *buf;		/* reused for each snapshot */
	unsigned char zbuf[65536];
};

static int damo_io_fail(struct damo_writer *w, const char *path, int e,
			const char *what, GError **err)
{
	g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(e),
		    "%s: %s: %s", path, what, g_strerror(e));
	return -e;
}

static int damo_fwrite(struct damo_writer *w, FILE *f, const char *path,
		       const void *p, size_t n, GError **err)
{
	if (n && fwrite(p, 1, n, f) != n)
		return damo_io_fail(w, path, errno ? errno : EIO,
				    "write failed", err);
	return 0;
}

/* Feed bytes to the compressor; @flush is Z_NO_FLUSH or Z_FINISH. */
static int damo_deflate(struct damo_writer *w, const void *p, size_t n,
			int flush, GError **err)
{
	int zret;

	w->zs.next_in = (Bytef *)p;
	w->zs.avail_in = (uInt)n;
	do {
		w->zs.next_out = w->zbuf;
		w->zs.avail_out = sizeof(w->zbuf);
		zret = deflate(&w->zs, flush);
		if (zret == Z_STREAM_ERROR) {
			g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED,
				    "%s: zlib deflate failed", w->path);
			return -EIO;
		}
		if (damo_fwrite(w, w->out, w->tmp_path, w->zbuf,
				sizeof(w->zbuf) - w->zs.avail_out, err))
			return -EIO;
	} while (w->zs.avail_out == 0 || (flush == Z_FINISH &&
					  zret != Z_STREAM_END));
	return 0;
}

/* Text for the main output: compressed for JSON, as is for perf_script. */
static int damo_emit(struct damo_writer *w, const char *p, size_t n,
		     GError **err)
{
	/* zlib counts in uInt; feed huge snapshots in slices. */
	while (w->fmt == DAMO_FMT_JSON_COMPRESSED && n > (1U << 30)) {
		if (damo_deflate(w, p, 1U << 30, Z_NO_FLUSH, err))
			return -EIO;
		p += 1U << 30;
		n -= 1U << 30;
	}
	if (w->fmt == DAMO_FMT_JSON_COMPRESSED)
		return damo_deflate(w, p, n, Z_NO_FLUSH, err);
	return damo_fwrite(w, w->out, w->tmp_path, p, n, err);
}

/**
 * damo_writer_open() - start writing a record file
 * @path: final file name (e.g. RUNDIR/damon.data); written as
 *        @path.tmp until damo_writer_finish()
 * @fmt:  DAMO_FMT_JSON_COMPRESSED (damo's default) or DAMO_FMT_PERF_SCRIPT
 * @err:  error location
 *
 * Return: the writer, or NULL if the file cannot be created.
 */
struct damo_writer *damo_writer_open(const char *path, enum damo_format fmt,
				     GError **err)
{
	struct damo_writer *w = g_new0(struct damo_writer, 1);

	w->fmt = fmt;
	w->path = g_strdup(path);
	w->tmp_path = g_strdup_printf("%s.tmp", path);
	w->targets = g_ptr_array_new();
	w->buf = g_string_sized_new(4096);
	w->out = fopen(w->tmp_path, "wb");
	if (!w->out) {
		damo_io_fail(w, w->tmp_path, errno, "cannot create", err);
		damo_writer_abort(w);
		return NULL;
	}
	if (fmt == DAMO_FMT_JSON_COMPRESSED) {
		/*
		 * Fastest level: 5x faster than the default for only ~30 %
		 * more bytes on region JSON.  Any level makes a zlib stream
		 * that `file` (and so damo) recognises.
		 */
		if (deflateInit(&w->zs, Z_BEST_SPEED) != Z_OK) {
			g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
				    "%s: zlib init failed", path);
			damo_writer_abort(w);
			return NULL;
		}
		w->zs_live = true;
		if (damo_emit(w, "[", 1, err)) {
			damo_writer_abort(w);
			return NULL;
		}
	}
	return w;
}

static void damo_target_header(GString *out, const struct damo_target_info *t,
			       bool first)
{
	struct json_w jw;

	if (!first)
		g_string_append_c(out, ',');
	json_w_init(&jw, out, false);
	json_w_begin_object(&jw);
	json_w_key(&jw, "kdamond_idx");
	json_w_uint(&jw, t->kdamond_idx);
	json_w_key(&jw, "context_idx");
	json_w_uint(&jw, t->context_idx);
	json_w_key(&jw, "intervals");
	json_w_begin_object(&jw);
	json_w_key(&jw, "sample_us");
	json_w_uint(&jw, t->intervals.sample_us);
	json_w_key(&jw, "aggr_us");
	json_w_uint(&jw, t->intervals.aggr_us);
	json_w_key(&jw, "ops_update_us");
	json_w_uint(&jw, t->intervals.ops_update_us);
	json_w_end_object(&jw);
	json_w_key(&jw, "scheme_idx");
	json_w_null(&jw);
	json_w_key(&jw, "target_id");
	json_w_uint(&jw, t->target_id);
	json_w_key(&jw, "scheme_filters");
	json_w_begin_array(&jw);
	json_w_end_array(&jw);
	json_w_key(&jw, "data_source");
	json_w_string(&jw, "record");
	/* Left open: snapshots follow, then "]}" closes the record. */
	g_string_append(out, ",\"snapshots\":[");
}

/**
 * damo_writer_add_target() - declare a monitoring target
 * @w:    writer
 * @info: its identity and intervals (copied)
 * @err:  error location
 *
 * Each (kdamond_idx, context_idx, target_id) becomes one record of the
 * file, in the order declared; side-by-side primitives are best written
 * as different kdamond_idx.
 *
 * Return: the target's index for damo_writer_add_snapshot(), or a
 * negative errno.
 */
int damo_writer_add_target(struct damo_writer *w,
			   const struct damo_target_info *info, GError **err)
{
	struct damo_wtarget *t = g_new0(struct damo_wtarget, 1);
	int idx = (int)w->targets->len;

	t->info = *info;
	g_ptr_array_add(w->targets, t);
	if (w->fmt != DAMO_FMT_JSON_COMPRESSED)
		return idx;
	if (idx == 0) {
		g_string_truncate(w->buf, 0);
		damo_target_header(w->buf, info, true);
		if (damo_emit(w, w->buf->str, w->buf->len, err))
			return -EIO;
		return idx;
	}
	/* Later targets wait in spool files until the first one closes. */
	t->spool_path = g_strdup_printf("%s.%d.spool", w->tmp_path, idx);
	t->spool = fopen(t->spool_path, "w+b");
	if (!t->spool)
		return damo_io_fail(w, t->spool_path, errno, "cannot create",
				    err);
	return idx;
}

static void damo_snapshot_json(GString *out, uint64_t start_ns,
			       uint64_t end_ns,
			       const struct damo_region *r, size_t n)
{
	size_t i;

	g_string_append_printf(out,
			       "{\"start_time\":%" PRIu64
			       ",\"end_time\":%" PRIu64
			       ",\"total_bytes\":null,\"damos_stats\":null,"
			       "\"sample_interval_us\":null,\"regions\":[",
			       start_ns, end_ns);
	for (i = 0; i < n; i++)
		g_string_append_printf(out,
				       "%s{\"start\":%" PRIu64 ",\"end\":%" PRIu64
				       ",\"nr_accesses\":{\"samples\":%" PRIu32
				       ",\"percent\":null},\"age\":{\"usec\":null,"
				       "\"aggr_intervals\":%" PRIu32
				       "},\"probe_hits\":[],"
				       "\"sz_filter_passed\":0}",
				       i ? "," : "", r[i].start, r[i].end,
				       r[i].nr_accesses, r[i].age);
	g_string_append(out, "]}");
}

/* perf script prints seconds with six decimals; do it in integers. */
static void damo_snapshot_perf(GString *out, const struct damo_wtarget *t,
			       uint64_t end_ns, const struct damo_region *r,
			       size_t n)
{
	uint64_t us = end_ns / 1000;
	size_t i;

	for (i = 0; i < n; i++)
		g_string_append_printf(out,
				       "kdamond.%u %u [000] %" PRIu64 ".%06" PRIu64
				       ": damon:damon_aggregated: target_id=%" PRIu64
				       " nr_regions=%zu %" PRIu64 "-%" PRIu64
				       ": %" PRIu32 " %" PRIu32 "\n",
				       t->info.kdamond_idx, t->info.kdamond_idx,
				       us / 1000000, us % 1000000,
				       t->info.target_id, n, r[i].start,
				       r[i].end, r[i].nr_accesses, r[i].age);
}

/**
 * damo_writer_add_snapshot() - append one aggregation's regions
 * @w:        writer
 * @target:   index returned by damo_writer_add_target()
 * @start_ns: start of the aggregation interval (virtual time)
 * @end_ns:   its end
 * @regions:  the target's regions, sorted by address
 * @n:        number of regions (at least 1)
 * @err:      error location
 *
 * Return: 0 or a negative errno.
 */
int damo_writer_add_snapshot(struct damo_writer *w, int target,
			     uint64_t start_ns, uint64_t end_ns,
			     const struct damo_region *regions, size_t n,
			     GError **err)
{
	struct damo_wtarget *t;

	if (target < 0 || (guint)target >= w->targets->len || !n ||
	    end_ns < start_ns) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "%s: bad snapshot (target %d, %zu regions)",
			    w->path, target, n);
		return -EINVAL;
	}
	t = g_ptr_array_index(w->targets, target);
	g_string_truncate(w->buf, 0);
	if (w->fmt == DAMO_FMT_PERF_SCRIPT) {
		damo_snapshot_perf(w->buf, t, end_ns, regions, n);
	} else {
		if (t->nsnap)
			g_string_append_c(w->buf, ',');
		damo_snapshot_json(w->buf, start_ns, end_ns, regions, n);
	}
	t->nsnap++;
	if (t->spool)
		return damo_fwrite(w, t->spool, t->spool_path, w->buf->str,
				   w->buf->len, err);
	return damo_emit(w, w->buf->str, w->buf->len, err);
}

/* Append a spooled target: its header, its snapshots, its closing. */
static int damo_unspool(struct damo_writer *w, struct damo_wtarget *t,
			GError **err)
{
	size_t got;

	g_string_truncate(w->buf, 0);
	damo_target_header(w->buf, &t->info, false);
	if (damo_emit(w, w->buf->str, w->buf->len, err))
		return -EIO;
	if (fflush(t->spool) || fseek(t->spool, 0, SEEK_SET))
		return damo_io_fail(w, t->spool_path, errno, "read back failed",
				    err);
	g_string_set_size(w->buf, 65536);
	while ((got = fread(w->buf->str, 1, 65536, t->spool)) > 0)
		if (damo_emit(w, w->buf->str, got, err))
			return -EIO;
	if (ferror(t->spool))
		return damo_io_fail(w, t->spool_path, EIO, "read back failed",
				    err);
	return damo_emit(w, "]}", 2, err);
}

/**
 * damo_writer_finish() - complete the file and move it into place
 * @w:   writer (freed, whatever the result)
 * @err: error location
 *
 * Return: 0, or a negative errno (the partial file is removed).
 */
int damo_writer_finish(struct damo_writer *w, GError **err)
{
	guint i;
	int ret = 0;

	if (w->fmt == DAMO_FMT_JSON_COMPRESSED) {
		if (w->targets->len)
			ret = damo_emit(w, "]}", 2, err);
		for (i = 1; !ret && i < w->targets->len; i++)
			ret = damo_unspool(w, g_ptr_array_index(w->targets, i),
					   err);
		if (!ret)
			ret = damo_emit(w, "]", 1, err);
		if (!ret)
			ret = damo_deflate(w, NULL, 0, Z_FINISH, err);
	}
	if (fclose(w->out) && !ret)
		ret = damo_io_fail(w, w->tmp_path, errno, "write failed", err);
	w->out = NULL;
	if (!ret && g_rename(w->tmp_path, w->path))
		ret = damo_io_fail(w, w->path, errno, "rename failed", err);
	if (ret)
		g_unlink(w->tmp_path);
	damo_writer_abort(w);
	return ret;
}

/**
 * damo_writer_abort() - drop a record being written
 * @w: writer (freed), or NULL
 *
 * Removes the temporary and spool files; a finished file stays.
 */
void damo_writer_abort(struct damo_writer *w)
{
	guint i;

	if (!w)
		return;
	for (i = 0; i < w->targets->len; i++) {
		struct damo_wtarget *t = g_ptr_array_index(w->targets, i);

		if (t->spool) {
			fclose(t->spool);
			g_unlink(t->spool_path);
		}
		g_free(t->spool_path);
		g_free(t);
	}
	g_ptr_array_free(w->targets, TRUE);
	if (w->zs_live)
		deflateEnd(&w->zs);
	if (w->out) {
		fclose(w->out);
		g_unlink(w->tmp_path);
	}
	g_string_free(w->buf, TRUE);
	g_free(w->tmp_path);
	g_free(w->path);
	g_free(w);
}
