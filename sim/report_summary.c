// SPDX-License-Identifier: GPL-2.0
/*
 * report_summary: summary.txt, the table a person reads after a run.
 *
 *   damonsim summary: quickstart
 *
 *                            pte        perf
 *   workload
 *     source         gen:hotcold gen:hotcold
 *     events replayed  1,234,567   1,234,567
 *
 * One value column per side-by-side primitive; labels left-aligned,
 * values right-aligned; widths come from the content only, so the same
 * values always give the same bytes.
 */
#include <string.h>

#include "sim/report.h"
#include "sim/units.h"

struct report_row {
	bool section;
	char *label;
	char **cells;			/* ncol strings; NULL for sections */
};

struct report_summary {
	char *title;
	char **columns;
	size_t ncol;
	GPtrArray *rows;		/* struct report_row * */
};

static void report_row_free(gpointer p)
{
	struct report_row *r = p;

	g_free(r->label);
	g_strfreev(r->cells);
	g_free(r);
}

/**
 * report_summary_new() - start a summary
 * @title:   scenario name shown on the first line
 * @columns: one name per value column (e.g. primitive names); copied
 * @ncol:    number of columns (1 for a single primitive)
 *
 * Return: the summary (free with report_summary_free()).
 */
struct report_summary *report_summary_new(const char *title,
					  const char *const *columns,
					  size_t ncol)
{
	struct report_summary *s = g_new0(struct report_summary, 1);
	size_t i;

	s->title = g_strdup(title);
	s->ncol = ncol;
	s->columns = g_new0(char *, ncol + 1);
	for (i = 0; i < ncol; i++)
		s->columns[i] = g_strdup(columns[i] ? columns[i] : "");
	s->rows = g_ptr_array_new_with_free_func(report_row_free);
	return s;
}

/**
 * report_summary_free() - free a summary
 * @s: summary, or NULL
 */
void report_summary_free(struct report_summary *s)
{
	if (!s)
		return;
	g_ptr_array_free(s->rows, TRUE);
	g_strfreev(s->columns);
	g_free(s->title);
	g_free(s);
}

/**
 * report_summary_section() - start a section ("workload", "accuracy", ...)
 * @s:    summary
 * @name: heading
 */
void report_summary_section(struct report_summary *s, const char *name)
{
	struct report_row *r = g_new0(struct report_row, 1);

	r->section = true;
	r->label = g_strdup(name);
	g_ptr_array_add(s->rows, r);
}

/**
 * report_summary_text() - add a row of preformatted cells
 * @s:     summary
 * @label: row label
 * @cells: one string per column (NULL cells print as "-")
 */
void report_summary_text(struct report_summary *s, const char *label,
			 const char *const *cells)
{
	struct report_row *r = g_new0(struct report_row, 1);
	size_t i;

	r->label = g_strdup(label);
	r->cells = g_new0(char *, s->ncol + 1);
	for (i = 0; i < s->ncol; i++)
		r->cells[i] = g_strdup(cells[i] ? cells[i] : "-");
	g_ptr_array_add(s->rows, r);
}

/**
 * report_summary_same() - add a row with the same text in every column
 * @s:     summary
 * @label: row label
 * @text:  cell text (e.g. the workload source, shared by all primitives)
 */
void report_summary_same(struct report_summary *s, const char *label,
			 const char *text)
{
	const char **cells = g_new0(const char *, s->ncol + 1);
	size_t i;

	for (i = 0; i < s->ncol; i++)
		cells[i] = text;
	report_summary_text(s, label, cells);
	g_free(cells);
}

/**
 * report_summary_stat() - add a row for a declared stat
 * @s:      summary
 * @st:     the stat; its name is the label, its unit picks the format
 * @values: one value per column (NaN prints as "n/a")
 */
void report_summary_stat(struct report_summary *s,
			 const struct report_stat *st, const double *values)
{
	char **cells = g_new0(char *, s->ncol + 1);
	char buf[UNITS_FMT_LEN];
	size_t i;

	for (i = 0; i < s->ncol; i++)
		cells[i] = g_strdup(report_format_value(st, values[i], true,
							buf, sizeof(buf)));
	report_summary_text(s, st->name, (const char *const *)cells);
	g_strfreev(cells);
}

static size_t report_width(const char *s)
{
	return (size_t)g_utf8_strlen(s, -1);
}

static void report_pad(GString *out, size_t n)
{
	while (n--)
		g_string_append_c(out, ' ');
}

/**
 * report_summary_render() - the summary as text
 * @s: summary
 *
 * Return: new string (free with g_string_free()).
 */
GString *report_summary_render(const struct report_summary *s)
{
	GString *out = g_string_new(NULL);
	size_t *w = g_new0(size_t, s->ncol + 1);
	size_t lw = 0, i, c;

	for (c = 0; c < s->ncol; c++)
		w[c] = report_width(s->columns[c]);
	for (i = 0; i < s->rows->len; i++) {
		const struct report_row *r = g_ptr_array_index(s->rows, i);

		lw = MAX(lw, report_width(r->label) + (r->section ? 0 : 2));
		for (c = 0; !r->section && c < s->ncol; c++)
			w[c] = MAX(w[c], report_width(r->cells[c]));
	}
	g_string_append_printf(out, "damonsim summary: %s\n\n", s->title);
	report_pad(out, lw);
	for (c = 0; c < s->ncol; c++) {
		report_pad(out, 2 + w[c] - report_width(s->columns[c]));
		g_string_append(out, s->columns[c]);
	}
	g_string_append_c(out, '\n');
	for (i = 0; i < s->rows->len; i++) {
		const struct report_row *r = g_ptr_array_index(s->rows, i);

		if (r->section) {
			g_string_append_printf(out, "%s%s\n", i ? "\n" : "",
					       r->label);
			continue;
		}
		g_string_append_printf(out, "  %s", r->label);
		report_pad(out, lw - 2 - report_width(r->label));
		for (c = 0; c < s->ncol; c++) {
			report_pad(out, 2 + w[c] - report_width(r->cells[c]));
			g_string_append(out, r->cells[c]);
		}
		g_string_append_c(out, '\n');
	}
	g_free(w);
	return out;
}

/**
 * report_summary_write() - write the summary to a file (atomically)
 * @s:    summary
 * @path: usually RUNDIR/summary.txt
 * @err:  error location
 *
 * Return: 0 or a negative errno.
 */
int report_summary_write(const struct report_summary *s, const char *path,
			 GError **err)
{
	GString *text = report_summary_render(s);
	int ret = report_write_file(path, text->str, text->len, err);

	g_string_free(text, TRUE);
	return ret;
}
