// SPDX-License-Identifier: GPL-2.0
/*
 * damo_record_read: read a damo record file back (json_compressed, plain
 * json or perf_script), for tests and for comparing two runs.  The file
 * type is decided from the content, as damo does with `file`: a zlib
 * header means json_compressed, '[' means plain JSON, anything else is
 * taken as perf script text.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "sim/damo_record.h"
#include "sim/json_read.h"

/* Refuse to inflate beyond this: a corrupt or hostile file is not a run. */
#define DAMO_MAX_INFLATED (1U << 31)

static void damo_snapshot_free(gpointer p)
{
	struct damo_snapshot *s = p;

	g_array_free(s->regions, TRUE);
	g_free(s);
}

static void damo_target_free(gpointer p)
{
	struct damo_target_record *t = p;

	g_ptr_array_free(t->snapshots, TRUE);
	g_free(t);
}

static struct damo_record *damo_record_new(enum damo_format fmt)
{
	struct damo_record *rec = g_new0(struct damo_record, 1);

	rec->format = fmt;
	rec->targets = g_ptr_array_new_with_free_func(damo_target_free);
	return rec;
}

static struct damo_target_record *damo_target_new(void)
{
	struct damo_target_record *t = g_new0(struct damo_target_record, 1);

	t->snapshots = g_ptr_array_new_with_free_func(damo_snapshot_free);
	return t;
}

static struct damo_snapshot *damo_snapshot_new(void)
{
	struct damo_snapshot *s = g_new0(struct damo_snapshot, 1);

	s->regions = g_array_new(FALSE, FALSE, sizeof(struct damo_region));
	return s;
}

/**
 * damo_record_free() - free a record read by damo_record_read()
 * @rec: record, or NULL
 */
void damo_record_free(struct damo_record *rec)
{
	if (!rec)
		return;
	g_ptr_array_free(rec->targets, TRUE);
	g_free(rec);
}

static int damo_bad(const char *name, GError **err, const char *why)
{
	g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", name,
		    why);
	return -EINVAL;
}

/* ---- JSON --------------------------------------------------------------- */

static bool damo_get_u32(const struct json_node *obj, const char *k,
			 uint32_t *out)
{
	uint64_t v;

	if (!json_get_uint(obj, k, &v) || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

static int damo_json_region(const struct json_node *r, struct damo_region *o,
			    const char *name, GError **err)
{
	if (!json_get_uint(r, "start", &o->start) ||
	    !json_get_uint(r, "end", &o->end) ||
	    !damo_get_u32(json_get(r, "nr_accesses"), "samples",
			  &o->nr_accesses) ||
	    !damo_get_u32(json_get(r, "age"), "aggr_intervals", &o->age))
		return damo_bad(name, err,
				"region without start, end, "
				"nr_accesses.samples or age.aggr_intervals");
	return 0;
}

static int damo_json_snapshot(const struct json_node *s,
			      struct damo_target_record *t, const char *name,
			      GError **err)
{
	const struct json_node *regions = json_get(s, "regions");
	struct damo_snapshot *snap = damo_snapshot_new();
	size_t i;

	g_ptr_array_add(t->snapshots, snap);
	if (!json_get_uint(s, "start_time", &snap->start_ns) ||
	    !json_get_uint(s, "end_time", &snap->end_ns) || !regions ||
	    regions->type != JSON_ARRAY)
		return damo_bad(name, err,
				"snapshot without start_time, end_time or "
				"regions");
	for (i = 0; i < json_len(regions); i++) {
		struct damo_region r;

		if (damo_json_region(json_at(regions, i), &r, name, err))
			return -EINVAL;
		g_array_append_val(snap->regions, r);
	}
	return 0;
}

static int damo_json_target(const struct json_node *o,
			    struct damo_record *rec, const char *name,
			    GError **err)
{
	const struct json_node *iv = json_get(o, "intervals");
	const struct json_node *snaps = json_get(o, "snapshots");
	struct damo_target_record *t = damo_target_new();
	uint64_t kd = 0, ctx = 0;
	size_t i;

	g_ptr_array_add(rec->targets, t);
	if (!json_get_uint(o, "target_id", &t->info.target_id) || !snaps ||
	    snaps->type != JSON_ARRAY)
		return damo_bad(name, err,
				"record without target_id or snapshots");
	/* damo allows null indexes and intervals; they read as 0. */
	json_get_uint(o, "kdamond_idx", &kd);
	json_get_uint(o, "context_idx", &ctx);
	t->info.kdamond_idx = (unsigned int)MIN(kd, UINT32_MAX);
	t->info.context_idx = (unsigned int)MIN(ctx, UINT32_MAX);
	json_get_uint(iv, "sample_us", &t->info.intervals.sample_us);
	json_get_uint(iv, "aggr_us", &t->info.intervals.aggr_us);
	json_get_uint(iv, "ops_update_us", &t->info.intervals.ops_update_us);
	for (i = 0; i < json_len(snaps); i++)
		if (damo_json_snapshot(json_at(snaps, i), t, name, err))
			return -EINVAL;
	return 0;
}

static struct damo_record *damo_parse_json(const char *text, size_t len,
					   enum damo_format fmt,
					   const char *name, GError **err)
{
	GError *local = NULL;
	struct json_node *root = json_parse(text, len, &local);
	struct damo_record *rec;
	size_t i;

	if (!root) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s",
			    name, local->message);
		g_error_free(local);
		return NULL;
	}
	rec = damo_record_new(fmt);
	if (root->type != JSON_ARRAY) {
		damo_bad(name, err, "not a list of records");
		goto fail;
	}
	for (i = 0; i < json_len(root); i++)
		if (damo_json_target(json_at(root, i), rec, name, err))
			goto fail;
	json_node_free(root);
	return rec;
fail:
	json_node_free(root);
	damo_record_free(rec);
	return NULL;
}

static GByteArray *damo_inflate(const void *data, size_t len,
				const char *name, GError **err)
{
	GByteArray *out = g_byte_array_new();
	unsigned char buf[65536];
	z_stream zs = { 0 };
	int zret;

	if (inflateInit(&zs) != Z_OK) {
		damo_bad(name, err, "zlib init failed");
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	zs.next_in = (Bytef *)data;
	zs.avail_in = (uInt)MIN(len, (size_t)UINT32_MAX);
	do {
		zs.next_out = buf;
		zs.avail_out = sizeof(buf);
		zret = inflate(&zs, Z_NO_FLUSH);
		if (zret != Z_OK && zret != Z_STREAM_END)
			break;
		g_byte_array_append(out, buf, sizeof(buf) - zs.avail_out);
		if (out->len > DAMO_MAX_INFLATED) {
			zret = Z_MEM_ERROR;
			break;
		}
	} while (zret != Z_STREAM_END);
	inflateEnd(&zs);
	if (zret != Z_STREAM_END) {
		damo_bad(name, err, zret == Z_MEM_ERROR ?
				"inflated data too large" :
				"corrupt or truncated zlib data");
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	return out;
}

/* ---- perf script -------------------------------------------------------- */

static struct damo_target_record *damo_target_of(struct damo_record *rec,
						 uint64_t id)
{
	struct damo_target_record *t;
	guint i;

	for (i = 0; i < rec->targets->len; i++) {
		t = g_ptr_array_index(rec->targets, i);
		if (t->info.target_id == id)
			return t;
	}
	t = damo_target_new();
	t->info.target_id = id;
	g_ptr_array_add(rec->targets, t);
	return t;
}

/* "123.456789:" to nanoseconds, exactly. */
static bool damo_perf_time(const char *s, uint64_t *ns)
{
	uint64_t sec = 0, frac = 0;
	int digits = 0;

	if (!g_ascii_isdigit(*s))
		return false;
	while (g_ascii_isdigit(*s)) {
		/* Beyond ~584 years the nanoseconds would not fit. */
		if (sec > 18446744072ULL)
			return false;
		sec = sec * 10 + (uint64_t)(*s++ - '0');
	}
	if (*s == '.')
		for (s++; g_ascii_isdigit(*s); s++, digits++)
			if (digits < 9)
				frac = frac * 10 + (uint64_t)(*s - '0');
	if (strcmp(s, ":") || sec > 18446744072ULL)
		return false;
	for (; digits < 9; digits++)
		frac *= 10;
	*ns = sec * 1000000000ULL + frac;
	return true;
}

static int damo_perf_line(char **f, int nf, struct damo_record *rec,
			  struct damo_snapshot **open_snap, size_t *want,
			  int line, const char *name, GError **err)
{
	uint64_t id, nr, ns, start, end, acc, age = 0;
	struct damo_target_record *t;
	struct damo_region r;
	char *why;

	if ((nf != 9 && nf != 10) || !damo_perf_time(f[3], &ns) ||
	    sscanf(f[5], "target_id=%" G_GUINT64_FORMAT, &id) != 1 ||
	    sscanf(f[6], "nr_regions=%" G_GUINT64_FORMAT, &nr) != 1 ||
	    sscanf(f[7], "%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT ":",
		   &start, &end) != 2 ||
	    sscanf(f[8], "%" G_GUINT64_FORMAT, &acc) != 1 ||
	    (nf == 10 && sscanf(f[9], "%" G_GUINT64_FORMAT, &age) != 1) ||
	    !nr || acc > UINT32_MAX || age > UINT32_MAX) {
		why = g_strdup_printf("line %d: bad damon_aggregated event",
				      line);
		damo_bad(name, err, why);
		g_free(why);
		return -EINVAL;
	}
	t = damo_target_of(rec, id);
	if (!*open_snap) {
		*open_snap = damo_snapshot_new();
		(*open_snap)->end_ns = ns;
		/* perf gives end times only: start where the last ended. */
		if (t->snapshots->len) {
			struct damo_snapshot *prev = g_ptr_array_index(
				t->snapshots, t->snapshots->len - 1);

			(*open_snap)->start_ns = prev->end_ns;
		} else {
			(*open_snap)->start_ns = ns;
		}
		g_ptr_array_add(t->snapshots, *open_snap);
		*want = nr;
	}
	r.start = start;
	r.end = end;
	r.nr_accesses = (uint32_t)acc;
	r.age = (uint32_t)age;
	g_array_append_val((*open_snap)->regions, r);
	if ((*open_snap)->regions->len >= *want)
		*open_snap = NULL;
	return 0;
}

/*
 * damo's rule for the first snapshot of each target, which has no
 * previous end: assume it was as long as the average of the others.
 */
static void damo_perf_first_starts(struct damo_record *rec)
{
	guint i;

	for (i = 0; i < rec->targets->len; i++) {
		struct damo_target_record *t = g_ptr_array_index(rec->targets,
								 i);
		struct damo_snapshot *first, *last;
		guint n = t->snapshots->len;

		if (n < 2)
			continue;
		first = g_ptr_array_index(t->snapshots, 0);
		last = g_ptr_array_index(t->snapshots, n - 1);
		first->start_ns = first->end_ns -
				  MIN(first->end_ns,
				      (last->end_ns - first->end_ns) / (n - 1));
	}
}

static struct damo_record *damo_parse_perf(const char *text, size_t len,
					   const char *name, GError **err)
{
	struct damo_record *rec = damo_record_new(DAMO_FMT_PERF_SCRIPT);
	char *copy = g_strndup(text, len);
	char **lines = g_strsplit(copy, "\n", -1);
	struct damo_snapshot *open_snap = NULL;
	size_t want = 0;
	int i, ret = 0;

	for (i = 0; lines[i] && !ret; i++) {
		char **f = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
		char **w = f, **o = f;
		int nf;

		/* Collapse the empty fields runs of blanks leave. */
		for (; *w; w++) {
			if (**w)
				*o++ = *w;
			else
				g_free(*w);
		}
		*o = NULL;
		nf = (int)(o - f);
		if (nf > 4 && !strcmp(f[4], "damon:damon_aggregated:"))
			ret = damo_perf_line(f, nf, rec, &open_snap, &want,
					     i + 1, name, err);
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(copy);
	if (!ret && open_snap)
		ret = damo_bad(name, err, "last snapshot is incomplete");
	if (ret) {
		damo_record_free(rec);
		return NULL;
	}
	damo_perf_first_starts(rec);
	return rec;
}

/**
 * damo_record_parse() - parse a record held in memory
 * @data: file contents
 * @len:  length
 * @name: name for messages
 * @err:  error location ("NAME: problem")
 *
 * Return: the record (free with damo_record_free()), or NULL.
 */
struct damo_record *damo_record_parse(const void *data, size_t len,
				      const char *name, GError **err)
{
	const unsigned char *b = data;
	struct damo_record *rec;
	GByteArray *raw;

	/* A zlib header: CMF 0x78 and a check byte making a multiple of 31. */
	if (len >= 2 && b[0] == 0x78 && ((b[0] << 8) | b[1]) % 31 == 0) {
		raw = damo_inflate(data, len, name, err);
		if (!raw)
			return NULL;
		rec = damo_parse_json((const char *)raw->data, raw->len,
				      DAMO_FMT_JSON_COMPRESSED, name, err);
		g_byte_array_free(raw, TRUE);
		return rec;
	}
	if (len && b[0] == '[')
		return damo_parse_json(data, len, DAMO_FMT_JSON_COMPRESSED,
				       name, err);
	return damo_parse_perf(data, len, name, err);
}

/**
 * damo_record_read() - read a record file
 * @path: the file (json_compressed, json or perf_script)
 * @err:  error location ("PATH: problem")
 *
 * Return: the record (free with damo_record_free()), or NULL.
 */
struct damo_record *damo_record_read(const char *path, GError **err)
{
	struct damo_record *rec;
	gchar *data;
	gsize len;

	if (!g_file_get_contents(path, &data, &len, err))
		return NULL;
	rec = damo_record_parse(data, len, path, err);
	g_free(data);
	return rec;
}

/**
 * damo_record_equal() - compare two records region by region
 * @a:   one record
 * @b:   the other
 * @why: if not NULL, receives where they first differ
 *
 * Compares targets (ids, indexes, intervals), snapshot times and every
 * region field.  The formats may differ, but perf_script carries no
 * intervals or first start time, so compare like with like.
 *
 * Return: true if equal.
 */
bool damo_record_equal(const struct damo_record *a,
		       const struct damo_record *b, GString *why)
{
	guint i, j;

	if (a->targets->len != b->targets->len) {
		if (why)
			g_string_printf(why, "%u vs %u targets",
					a->targets->len, b->targets->len);
		return false;
	}
	for (i = 0; i < a->targets->len; i++) {
		const struct damo_target_record *ta =
			g_ptr_array_index(a->targets, i);
		const struct damo_target_record *tb =
			g_ptr_array_index(b->targets, i);
		const struct damo_target_info *ia = &ta->info, *ib = &tb->info;

		if (ia->kdamond_idx != ib->kdamond_idx ||
		    ia->context_idx != ib->context_idx ||
		    ia->target_id != ib->target_id ||
		    ia->intervals.sample_us != ib->intervals.sample_us ||
		    ia->intervals.aggr_us != ib->intervals.aggr_us ||
		    ia->intervals.ops_update_us !=
			    ib->intervals.ops_update_us ||
		    ta->snapshots->len != tb->snapshots->len) {
			if (why)
				g_string_printf(why, "target %u differs", i);
			return false;
		}
		for (j = 0; j < ta->snapshots->len; j++) {
			const struct damo_snapshot *sa =
				g_ptr_array_index(ta->snapshots, j);
			const struct damo_snapshot *sb =
				g_ptr_array_index(tb->snapshots, j);
			bool same = sa->start_ns == sb->start_ns &&
				    sa->end_ns == sb->end_ns &&
				    sa->regions->len == sb->regions->len &&
				    (!sa->regions->len ||
				     !memcmp(sa->regions->data,
					    sb->regions->data,
					    sa->regions->len *
						    sizeof(struct damo_region)));

			if (!same) {
				if (why)
					g_string_printf(why, "target %u "
							"snapshot %u differs",
							i, j);
				return false;
			}
		}
	}
	return true;
}
