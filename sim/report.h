/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report: the files of a run directory that people and programs read.
 *
 * Stats are declared once (name, unit, description, precision) and used
 * for every format: metrics.csv and metrics.json (one row per aggregation
 * interval), summary.txt (a human table with sections and one column per
 * side-by-side primitive), host.json (the only host-dependent values).
 * Numbers are formatted with fixed precision and without the locale, and
 * every file is written to a temporary name and renamed, so a reader never
 * sees half a file and two equal runs give byte-identical files.
 */
#ifndef DAMONSIM_SIM_REPORT_H
#define DAMONSIM_SIM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/**
 * struct report_stat - one declared statistic
 * @name:      identifier used as CSV column and JSON key ("freq_error")
 * @unit:      unit; "bytes", "ns" and "%" are shown in human form in the
 *             summary ("1.5 GiB", "5 ms", "12.50 %"), others as
 *             "VALUE UNIT"; "" for a plain count or ratio
 * @desc:      one-line description
 * @precision: digits after the decimal point; 0 writes an integer
 */
struct report_stat {
	const char *name;
	const char *unit;
	const char *desc;
	int precision;
};

int report_write_file(const char *path, const char *data, size_t len,
		      GError **err);
const char *report_format_value(const struct report_stat *st, double v,
				bool human, char *buf, size_t len);

/* per-aggregation tables (report_table.c) */
struct report_table;

struct report_table *report_table_new(const char *label_name,
				      const struct report_stat *stats,
				      size_t n);
void report_table_free(struct report_table *t);
void report_table_add_row(struct report_table *t, const char *label,
			  const double *values);
size_t report_table_rows(const struct report_table *t);
GString *report_table_csv(const struct report_table *t);
GString *report_table_json(const struct report_table *t);
int report_table_write(const struct report_table *t, const char *dir,
		       const char *basename, GError **err);

/* summary.txt (report_summary.c) */
struct report_summary;

struct report_summary *report_summary_new(const char *title,
					  const char *const *columns,
					  size_t ncol);
void report_summary_free(struct report_summary *s);
void report_summary_section(struct report_summary *s, const char *name);
void report_summary_text(struct report_summary *s, const char *label,
			 const char *const *cells);
void report_summary_same(struct report_summary *s, const char *label,
			 const char *text);
void report_summary_stat(struct report_summary *s,
			 const struct report_stat *st, const double *values);
GString *report_summary_render(const struct report_summary *s);
int report_summary_write(const struct report_summary *s, const char *path,
			 GError **err);

/* host.json (report_host.c) */
GString *report_host_json(const struct report_stat *stats,
			  const double *values, size_t n);
int report_host_write(const char *path, const struct report_stat *stats,
		      const double *values, size_t n, GError **err);

#endif
