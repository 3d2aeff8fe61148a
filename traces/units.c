// SPDX-License-Identifier: GPL-2.0
/*
 * units.c - sizes, times and counts with units.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "traces/units.h"

/* Parse a non-negative number (commas allowed) and return the suffix. */
static int units_number(const char *s, double *val, const char **suffix)
{
	char buf[64], *end;
	size_t n = 0;

	while (g_ascii_isspace(*s))
		s++;
	for (; *s && n < sizeof(buf) - 1; s++) {
		if (*s == ',')
			continue;
		if (!g_ascii_isdigit(*s) && *s != '.' && *s != 'e' &&
		    *s != 'E' && !(n && (*s == '+' || *s == '-') &&
				   (buf[n - 1] == 'e' || buf[n - 1] == 'E')))
			break;
		/* "1E" alone is a size in exabytes, not an exponent */
		if ((*s == 'e' || *s == 'E') && !g_ascii_isdigit(s[1]) &&
		    s[1] != '+' && s[1] != '-')
			break;
		buf[n++] = *s;
	}
	buf[n] = '\0';
	if (!n || !g_ascii_isdigit(buf[0]))
		return -EINVAL;
	*val = g_ascii_strtod(buf, &end);
	if (*end || !isfinite(*val) || *val < 0)
		return -EINVAL;
	while (g_ascii_isspace(*s))
		s++;
	*suffix = s;
	return 0;
}

static int units_scale(double v, double mul, const char *rest, uint64_t *out)
{
	while (g_ascii_isspace(*rest))
		rest++;
	if (*rest)
		return -EINVAL;
	v *= mul;
	if (v >= 18446744073709551616.0)
		return -ERANGE;
	*out = (uint64_t)llround(v);
	return 0;
}

int trace_parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "KMGTPE";
	const char *suf, *u;
	double v, mul = 1;
	int ret = units_number(s, &v, &suf);

	if (ret)
		return ret;
	if (*suf && (u = strchr(units, g_ascii_toupper(*suf)))) {
		mul = ldexp(1.0, 10 * (int)(u - units + 1));
		suf++;
		if (*suf == 'i' || *suf == 'I')
			suf++;
		if (*suf == 'B' || *suf == 'b')
			suf++;
	} else if (*suf == 'B' || *suf == 'b') {
		suf++;
	}
	return units_scale(v, mul, suf, out);
}

int trace_parse_time_ns(const char *s, uint64_t *out)
{
	static const struct {
		const char *name;
		double mul;
	} units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 },
		{ "m", 60e9 }, { "h", 3600e9 }, { "d", 86400e9 },
	};
	const char *suf;
	double v;
	size_t i, len;
	int ret = units_number(s, &v, &suf);

	if (ret)
		return ret;
	if (!*suf)
		return units_scale(v, 1e6, suf, out);
	for (i = 0; i < G_N_ELEMENTS(units); i++) {
		len = strlen(units[i].name);
		if (!strncmp(suf, units[i].name, len) &&
		    !g_ascii_isalpha(suf[len]))
			return units_scale(v, units[i].mul, suf + len, out);
	}
	return -EINVAL;
}

int trace_parse_count(const char *s, uint64_t *out)
{
	static const char units[] = "KMGT";
	const char *suf, *u;
	double v, mul = 1;
	int ret = units_number(s, &v, &suf);

	if (ret)
		return ret;
	if (*suf && (u = strchr(units, g_ascii_toupper(*suf)))) {
		mul = pow(1000.0, (double)(u - units + 1));
		suf++;
	}
	return units_scale(v, mul, suf, out);
}

int trace_parse_u64(const char *s, uint64_t *out)
{
	char *end;
	guint64 v;

	if (!s || !*s || *s == '-' || *s == '+' || g_ascii_isspace(*s))
		return -EINVAL;
	errno = 0;
	v = g_ascii_strtoull(s, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (end == s || *end)
		return -EINVAL;
	*out = v;
	return 0;
}
