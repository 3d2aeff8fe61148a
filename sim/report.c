// SPDX-License-Identifier: GPL-2.0
/* report: shared helpers of the run-directory writers (see report.h). */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "sim/report.h"
#include "sim/units.h"

/**
 * report_write_file() - write a whole file atomically
 * @path: destination
 * @data: contents
 * @len:  length
 * @err:  error location ("PATH: problem")
 *
 * Writes a temporary file beside @path and renames it over @path, so
 * readers see either the old file or the complete new one.
 *
 * Return: 0 or -EIO.
 */
int report_write_file(const char *path, const char *data, size_t len,
		      GError **err)
{
	GError *local = NULL;

	if (g_file_set_contents(path, data, (gssize)len, &local))
		return 0;
	g_set_error(err, G_FILE_ERROR, local->code, "%s: %s", path,
		    local->message);
	g_error_free(local);
	return -EIO;
}

/**
 * report_format_value() - format one value of a stat
 * @st:    the stat (unit and precision)
 * @v:     value; NaN means "not available"
 * @human: false: a plain number ("1610612736", "0.125", "nan");
 *         true: for people ("1.5 GiB", "5 ms", "12.50 %", "1,234", "n/a")
 * @buf:   output buffer
 * @len:   its size (UNITS_FMT_LEN or more is always enough)
 *
 * Return: @buf.
 */
const char *report_format_value(const struct report_stat *st, double v,
				bool human, char *buf, size_t len)
{
	char num[UNITS_FMT_LEN], tmp[UNITS_FMT_LEN];
	const char *unit = st->unit ? st->unit : "";

	if (isnan(v)) {
		g_strlcpy(buf, human ? "n/a" : "nan", len);
		return buf;
	}
	units_format_double(v, st->precision, num);
	if (!human) {
		g_strlcpy(buf, num, len);
		return buf;
	}
	if (v >= 0 && v < 1.8e19 && !strcmp(unit, "bytes")) {
		g_strlcpy(buf, units_format_size((uint64_t)v, tmp), len);
	} else if (v >= 0 && v < 1.8e19 && !strcmp(unit, "ns")) {
		g_strlcpy(buf, units_format_time((uint64_t)v, tmp), len);
	} else if (st->precision == 0 && v >= 0 && v < 1.8e19 && !*unit) {
		g_strlcpy(buf, units_format_uint_grouped((uint64_t)llround(v),
							 tmp), len);
	} else if (*unit) {
		g_snprintf(buf, (gulong)len, "%s %s", num, unit);
	} else {
		g_strlcpy(buf, num, len);
	}
	return buf;
}
