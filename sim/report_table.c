// SPDX-License-Identifier: GPL-2.0
/*
 * report_table: per-aggregation-interval metrics, written as metrics.csv
 * and metrics.json from one table so the two never disagree.
 */
#include <errno.h>

#include "sim/json_write.h"
#include "sim/report.h"
#include "sim/units.h"

struct report_table {
	char *label_name;		/* NULL: no label column */
	const struct report_stat *stats;
	size_t n;
	GArray *values;			/* double, n per row */
	GPtrArray *labels;		/* char *, one per row */
};

/**
 * report_table_new() - create an empty table
 * @label_name: name of a leading text column (e.g. "primitive", so rows
 *              of side-by-side primitives share one table), or NULL
 * @stats:      the columns; must stay valid while the table is used
 * @n:          number of columns
 *
 * Return: the table (free with report_table_free()).
 */
struct report_table *report_table_new(const char *label_name,
				      const struct report_stat *stats,
				      size_t n)
{
	struct report_table *t = g_new0(struct report_table, 1);

	t->label_name = g_strdup(label_name);
	t->stats = stats;
	t->n = n;
	t->values = g_array_new(FALSE, FALSE, sizeof(double));
	t->labels = g_ptr_array_new_with_free_func(g_free);
	return t;
}

/**
 * report_table_free() - free a table
 * @t: table, or NULL
 */
void report_table_free(struct report_table *t)
{
	if (!t)
		return;
	g_array_free(t->values, TRUE);
	g_ptr_array_free(t->labels, TRUE);
	g_free(t->label_name);
	g_free(t);
}

/**
 * report_table_add_row() - append one row
 * @t:      table
 * @label:  text of the label column (ignored without one; NULL as "")
 * @values: one value per stat, in declaration order; NaN for "not
 *          available" (written as nan in CSV and null in JSON)
 */
void report_table_add_row(struct report_table *t, const char *label,
			  const double *values)
{
	g_array_append_vals(t->values, values, (guint)t->n);
	g_ptr_array_add(t->labels, g_strdup(label ? label : ""));
}

/**
 * report_table_rows() - number of rows
 * @t: table
 *
 * Return: rows added so far.
 */
size_t report_table_rows(const struct report_table *t)
{
	return t->labels->len;
}

/* A CSV field: quoted only when it has to be. */
static void report_csv_field(GString *out, const char *s)
{
	const char *p;

	if (!strpbrk(s, ",\"\n\r")) {
		g_string_append(out, s);
		return;
	}
	g_string_append_c(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

/**
 * report_table_csv() - the table as CSV
 * @t: table
 *
 * One header line of stat names (units and descriptions are in
 * metrics.json), then one line per row, "\n" line ends.
 *
 * Return: new string (free with g_string_free()).
 */
GString *report_table_csv(const struct report_table *t)
{
	GString *out = g_string_new(NULL);
	char buf[UNITS_FMT_LEN];
	size_t r, i;

	if (t->label_name)
		report_csv_field(out, t->label_name);
	for (i = 0; i < t->n; i++) {
		if (i || t->label_name)
			g_string_append_c(out, ',');
		report_csv_field(out, t->stats[i].name);
	}
	g_string_append_c(out, '\n');
	for (r = 0; r < t->labels->len; r++) {
		const double *v = &g_array_index(t->values, double, r * t->n);

		if (t->label_name)
			report_csv_field(out, g_ptr_array_index(t->labels, r));
		for (i = 0; i < t->n; i++) {
			if (i || t->label_name)
				g_string_append_c(out, ',');
			g_string_append(out,
					report_format_value(&t->stats[i], v[i],
							    false, buf,
							    sizeof(buf)));
		}
		g_string_append_c(out, '\n');
	}
	return out;
}

static void report_json_stats(struct json_w *w,
			      const struct report_stat *stats, size_t n)
{
	size_t i;

	json_w_begin_array(w);
	for (i = 0; i < n; i++) {
		json_w_begin_object(w);
		json_w_key(w, "name");
		json_w_string(w, stats[i].name);
		json_w_key(w, "unit");
		json_w_string(w, stats[i].unit ? stats[i].unit : "");
		json_w_key(w, "description");
		json_w_string(w, stats[i].desc);
		json_w_end_object(w);
	}
	json_w_end_array(w);
}

/**
 * report_table_json() - the table as JSON
 * @t: table
 *
 * {"stats": [{"name", "unit", "description"}...], "label": NAME|null,
 *  "rows": [{LABEL: "...", NAME: value, ...}, ...]} with one row per line.
 *
 * Return: new string (free with g_string_free()).
 */
GString *report_table_json(const struct report_table *t)
{
	GString *out = g_string_new(NULL);
	struct json_w w;
	size_t r, i;

	json_w_init(&w, out, true);
	json_w_begin_object(&w);
	json_w_key(&w, "stats");
	report_json_stats(&w, t->stats, t->n);
	json_w_key(&w, "label");
	json_w_string(&w, t->label_name);
	json_w_key(&w, "rows");
	/* Rows one per line: readable, and a fraction of the size. */
	g_string_append(out, "[");
	for (r = 0; r < t->labels->len; r++) {
		const double *v = &g_array_index(t->values, double, r * t->n);
		struct json_w rw;

		g_string_append(out, r ? ",\n    " : "\n    ");
		json_w_init(&rw, out, false);
		json_w_begin_object(&rw);
		if (t->label_name) {
			json_w_key(&rw, t->label_name);
			json_w_string(&rw, g_ptr_array_index(t->labels, r));
		}
		for (i = 0; i < t->n; i++) {
			json_w_key(&rw, t->stats[i].name);
			json_w_double(&rw, v[i], t->stats[i].precision);
		}
		json_w_end_object(&rw);
	}
	g_string_append(out, r ? "\n  ]\n}\n" : "]\n}\n");
	return out;
}

/**
 * report_table_write() - write BASENAME.csv and BASENAME.json
 * @t:        table
 * @dir:      run directory
 * @basename: "metrics" for the run's per-interval metrics
 * @err:      error location
 *
 * Return: 0 or a negative errno.
 */
int report_table_write(const struct report_table *t, const char *dir,
		       const char *basename, GError **err)
{
	char *name = g_strconcat(basename, ".csv", NULL);
	char *path = g_build_filename(dir, name, NULL);
	GString *s = report_table_csv(t);
	int ret = report_write_file(path, s->str, s->len, err);

	g_string_free(s, TRUE);
	g_free(path);
	g_free(name);
	if (ret)
		return ret;
	name = g_strconcat(basename, ".json", NULL);
	path = g_build_filename(dir, name, NULL);
	s = report_table_json(t);
	ret = report_write_file(path, s->str, s->len, err);
	g_string_free(s, TRUE);
	g_free(path);
	g_free(name);
	return ret;
}
