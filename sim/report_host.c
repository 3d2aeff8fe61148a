// SPDX-License-Identifier: GPL-2.0
/*
 * report_host: host.json, the one file allowed to differ between two runs
 * of the same scenario (host seconds, events per second, measured CPU
 * time and instructions of the DAMON core).  Keeping these out of every
 * other file is what makes the rest of a run directory comparable byte
 * for byte.
 */
#include "sim/json_write.h"
#include "sim/report.h"

/**
 * report_host_json() - host-dependent values as JSON
 * @stats:  declared stats (name, unit, description, precision)
 * @values: one value each; NaN (e.g. no perf counters) is written null
 * @n:      number of stats
 *
 * {NAME: value, ..., "stats": [{"name", "unit", "description"}, ...]}
 *
 * Return: new string (free with g_string_free()).
 */
GString *report_host_json(const struct report_stat *stats,
			  const double *values, size_t n)
{
	GString *out = g_string_new(NULL);
	struct json_w w;
	size_t i;

	json_w_init(&w, out, true);
	json_w_begin_object(&w);
	for (i = 0; i < n; i++) {
		json_w_key(&w, stats[i].name);
		json_w_double(&w, values[i], stats[i].precision);
	}
	json_w_key(&w, "stats");
	json_w_begin_array(&w);
	for (i = 0; i < n; i++) {
		json_w_begin_object(&w);
		json_w_key(&w, "name");
		json_w_string(&w, stats[i].name);
		json_w_key(&w, "unit");
		json_w_string(&w, stats[i].unit ? stats[i].unit : "");
		json_w_key(&w, "description");
		json_w_string(&w, stats[i].desc);
		json_w_end_object(&w);
	}
	json_w_end_array(&w);
	json_w_end_object(&w);
	g_string_append_c(out, '\n');
	return out;
}

/**
 * report_host_write() - write host.json (atomically)
 * @path:   usually RUNDIR/host.json
 * @stats:  declared stats
 * @values: one value each
 * @n:      number of stats
 * @err:    error location
 *
 * Return: 0 or a negative errno.
 */
int report_host_write(const char *path, const struct report_stat *stats,
		      const double *values, size_t n, GError **err)
{
	GString *s = report_host_json(stats, values, n);
	int ret = report_write_file(path, s->str, s->len, err);

	g_string_free(s, TRUE);
	return ret;
}
