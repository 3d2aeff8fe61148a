// SPDX-License-Identifier: GPL-2.0
/*
 * units: damo's value grammar (see units.h and docs/config.md).
 *
 * Grammar, after trimming blanks at both ends:
 *   value   := "min" | "max" | part (blank* part)*
 *   part    := number blank* unit?
 *   number  := digit (digit | "," digit)* ("." digit+)?
 *   unit    := letters, "_" or "%"
 * Only times take more than one part.  Every value is computed in integer
 * arithmetic (128-bit intermediates) so "1.1 GiB" gives the exact byte
 * count a reader expects, and anything that does not fit in 64 bits is an
 * error rather than a wrapped number.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim/units.h"

G_DEFINE_QUARK(damonsim-units-error-quark, units_error)

/* A decimal number split so that no precision is lost: ip + fnum / fden. */
struct units_num {
	uint64_t ip;
	uint64_t fnum;
	uint64_t fden;
};

struct units_name {
	const char *name;
	uint64_t mult;
};

static const struct units_name units_time_names[] = {
	{ "ns", 1 },
	{ "us", UNITS_NS_PER_US },
	{ "ms", UNITS_NS_PER_MS },
	{ "s", UNITS_NS_PER_S },
	{ "m", 60 * UNITS_NS_PER_S },
	{ "h", 3600 * UNITS_NS_PER_S },
	{ "d", 86400 * UNITS_NS_PER_S },
	{ NULL, 0 },
};

/* damo's unit_to_bytes: all binary, whatever the spelling. */
static const struct units_name units_size_names[] = {
	{ "B", 1 },
	{ "K", 1ULL << 10 }, { "KB", 1ULL << 10 }, { "KiB", 1ULL << 10 },
	{ "M", 1ULL << 20 }, { "MB", 1ULL << 20 }, { "MiB", 1ULL << 20 },
	{ "G", 1ULL << 30 }, { "GB", 1ULL << 30 }, { "GiB", 1ULL << 30 },
	{ "T", 1ULL << 40 }, { "TB", 1ULL << 40 }, { "TiB", 1ULL << 40 },
	{ "P", 1ULL << 50 }, { "PB", 1ULL << 50 }, { "PiB", 1ULL << 50 },
	{ "E", 1ULL << 60 }, { "EB", 1ULL << 60 }, { "EiB", 1ULL << 60 },
	{ NULL, 0 },
};

static bool units_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool units_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool units_is_unit_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '%';
}

static const char *units_skip_blanks(const char *p)
{
	while (units_is_blank(*p))
		p++;
	return p;
}

/* Is the trimmed text exactly @word? */
static bool units_is_word(const char *text, const char *word)
{
	const char *p = units_skip_blanks(text);
	size_t n = strlen(word);

	if (strncmp(p, word, n))
		return false;
	return *units_skip_blanks(p + n) == '\0';
}

/**
 * units_escape() - make text safe to quote in a one-line message
 * @text: any text
 *
 * Control characters become \n, \t, \r or \xNN, so an error message that
 * quotes a user's value stays one line.
 *
 * Return: new string (free with g_free()).
 */
char *units_escape(const char *text)
{
	GString *out = g_string_new(NULL);
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p; p++) {
		if (*p == '\n')
			g_string_append(out, "\\n");
		else if (*p == '\t')
			g_string_append(out, "\\t");
		else if (*p == '\r')
			g_string_append(out, "\\r");
		else if (*p < 0x20 || *p == 0x7f)
			g_string_append_printf(out, "\\x%02x", *p);
		else
			g_string_append_c(out, (char)*p);
	}
	return g_string_free(out, FALSE);
}

static int units_fail(GError **err, int code, const char *text,
		      const char *why)
{
	char *safe = units_escape(text);

	g_set_error(err, UNITS_ERROR, code, "\"%s\": %s", safe, why);
	g_free(safe);
	return code == UNITS_ERROR_RANGE ? -ERANGE : -EINVAL;
}

/*
 * Scan a number at *pp.  Commas are accepted only between digits of the
 * integer part (damo's grouping); fraction digits beyond 18 are dropped
 * because they cannot change a 64-bit result of any unit here.
 */
static int units_scan_number(const char **pp, struct units_num *n,
			     const char *text, GError **err)
{
	const char *p = *pp;

	n->ip = 0;
	n->fnum = 0;
	n->fden = 1;
	if (!units_is_digit(*p))
		return units_fail(err, UNITS_ERROR_INVALID, text,
				  "expected a number");
	while (units_is_digit(*p) || *p == ',') {
		if (*p == ',') {
			if (!units_is_digit(p[1]))
				return units_fail(err, UNITS_ERROR_INVALID,
						  text, "misplaced comma");
			p++;
			continue;
		}
		if (n->ip > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return units_fail(err, UNITS_ERROR_RANGE, text,
					  "number too large");
		n->ip = n->ip * 10 + (uint64_t)(*p - '0');
		p++;
	}
	if (*p == '.') {
		p++;
		if (!units_is_digit(*p))
			return units_fail(err, UNITS_ERROR_INVALID, text,
					  "expected digits after '.'");
		while (units_is_digit(*p)) {
			if (n->fden < 1000000000000000000ULL) {
				n->fnum = n->fnum * 10 + (uint64_t)(*p - '0');
				n->fden *= 10;
			}
			p++;
		}
	}
	*pp = p;
	return 0;
}

/* Scan an optional unit word at *pp into buf (empty when absent). */
static int units_scan_unit(const char **pp, char *buf, size_t len,
			   const char *text, GError **err)
{
	const char *p = units_skip_blanks(*pp);
	size_t i = 0;

	while (units_is_unit_char(*p)) {
		if (i + 1 >= len)
			return units_fail(err, UNITS_ERROR_INVALID, text,
					  "unknown unit");
		buf[i++] = *p++;
	}
	buf[i] = '\0';
	*pp = p;
	return 0;
}

static const struct units_name *units_lookup(const struct units_name *t,
					     const char *name)
{
	for (; t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* n * mult, exactly; fails on overflow or a fractional result. */
static int units_scale(const struct units_num *n, uint64_t mult,
		       uint64_t *out, const char *text, const char *base,
		       GError **err)
{
	unsigned __int128 whole = (unsigned __int128)n->ip * mult;
	unsigned __int128 frac = (unsigned __int128)n->fnum * mult;
	char why[64];

	if (frac % n->fden) {
		snprintf(why, sizeof(why), "not a whole number of %s", base);
		return units_fail(err, UNITS_ERROR_INVALID, text, why);
	}
	whole += frac / n->fden;
	if (whole > UINT64_MAX)
		return units_fail(err, UNITS_ERROR_RANGE, text,
				  "value too large");
	*out = (uint64_t)whole;
	return 0;
}

static int units_expect_end(const char *p, const char *text, GError **err)
{
	if (*units_skip_blanks(p) != '\0')
		return units_fail(err, UNITS_ERROR_INVALID, text,
				  "unexpected text after the value");
	return 0;
}

/**
 * units_parse_uint() - parse an unsigned integer
 * @text: "123", "1,000,000", "min" (0) or "max" (UINT64_MAX)
 * @out:  result
 * @err:  error location (message names the text and the problem)
 *
 * Return: 0, or -EINVAL for garbage and -ERANGE for overflow.
 */
int units_parse_uint(const char *text, uint64_t *out, GError **err)
{
	const char *p = units_skip_blanks(text);
	struct units_num n;
	int ret;

	if (units_is_word(text, "min")) {
		*out = 0;
		return 0;
	}
	if (units_is_word(text, "max")) {
		*out = UINT64_MAX;
		return 0;
	}
	ret = units_scan_number(&p, &n, text, err);
	if (ret)
		return ret;
	if (n.fden != 1 || *p == '.')
		return units_fail(err, UNITS_ERROR_INVALID, text,
				  "expected a whole number");
	ret = units_expect_end(p, text, err);
	if (ret)
		return ret;
	*out = n.ip;
	return 0;
}

/**
 * units_parse_int() - parse a signed integer
 * @text: "-12", "1,000", "min" (INT64_MIN) or "max" (INT64_MAX)
 * @out:  result
 * @err:  error location
 *
 * Return: 0, or -EINVAL for garbage and -ERANGE for overflow.
 */
int units_parse_int(const char *text, int64_t *out, GError **err)
{
	const char *p = units_skip_blanks(text);
	bool neg = false;
	uint64_t mag;
	int ret;

	if (units_is_word(text, "min")) {
		*out = INT64_MIN;
		return 0;
	}
	if (units_is_word(text, "max")) {
		*out = INT64_MAX;
		return 0;
	}
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	/* The sign must touch the digits: "- 5" is a typo, not -5. */
	if (!units_is_digit(*p))
		return units_fail(err, UNITS_ERROR_INVALID, text,
				  "expected an integer");
	ret = units_parse_uint(p, &mag, err);
	if (ret)
		return ret;
	if (mag > (uint64_t)INT64_MAX + (neg ? 1 : 0))
		return units_fail(err, UNITS_ERROR_RANGE, text,
				  "integer out of range");
	*out = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	return 0;
}

/**
 * units_parse_bool() - parse a yes/no switch
 * @text: yes no on off true false y n 1 0 (any case)
 * @out:  result
 * @err:  error location
 *
 * Return: 0 or -EINVAL.
 */
int units_parse_bool(const char *text, bool *out, GError **err)
{
	static const char *const yes[] = { "yes", "y", "on", "true", "1" };
	static const char *const no[] = { "no", "n", "off", "false", "0" };
	char *t = g_strstrip(g_ascii_strdown(text, -1));
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(yes); i++) {
		if (!strcmp(t, yes[i]) || !strcmp(t, no[i])) {
			*out = !strcmp(t, yes[i]);
			g_free(t);
			return 0;
		}
	}
	g_free(t);
	return units_fail(err, UNITS_ERROR_INVALID, text,
			  "expected yes/no, on/off or true/false");
}

/**
 * units_parse_time_ns() - parse a duration into nanoseconds
 * @text:        "5 ms", "100ms", "1m 30s", "1.5 s", "min", "max"
 * @bare_unit_ns: nanoseconds meant by a number without a unit, or 0 to
 *                require a unit (except for a plain "0")
 * @ns:          result
 * @err:         error location
 *
 * Units are ns us ms s m h d; parts are summed.  The total must be a whole
 * number of nanoseconds and fit in 64 bits.
 *
 * Return: 0, or -EINVAL for garbage and -ERANGE for overflow.
 */
int units_parse_time_ns(const char *text, uint64_t bare_unit_ns,
			uint64_t *ns, GError **err)
{
	const char *p = units_skip_blanks(text);
	uint64_t total = 0, part;
	struct units_num n;
	char unit[16];
	int nparts = 0, ret;

	if (units_is_word(text, "min")) {
		*ns = 0;
		return 0;
	}
	if (units_is_word(text, "max")) {
		*ns = UINT64_MAX;
		return 0;
	}
	do {
		const struct units_name *u;
		uint64_t mult;

		ret = units_scan_number(&p, &n, text, err);
		if (!ret)
			ret = units_scan_unit(&p, unit, sizeof(unit), text,
					      err);
		if (ret)
			return ret;
		nparts++;
		if (unit[0]) {
			u = units_lookup(units_time_names, unit);
			if (!u)
				return units_fail(err, UNITS_ERROR_INVALID,
						  text,
						  "unknown time unit (expected ns, us, ms, s, m, h or d)");
			mult = u->mult;
		} else if (nparts > 1 || *units_skip_blanks(p)) {
			return units_fail(err, UNITS_ERROR_INVALID, text,
					  "every part of a duration needs a unit");
		} else if (bare_unit_ns) {
			mult = bare_unit_ns;
		} else if (n.ip == 0 && n.fnum == 0) {
			mult = 1;
		} else {
			return units_fail(err, UNITS_ERROR_INVALID, text,
					  "a duration needs a unit (ns, us, ms, s, m, h or d)");
		}
		ret = units_scale(&n, mult, &part, text, "ns", err);
		if (ret)
			return ret;
		if (part > UINT64_MAX - total)
			return units_fail(err, UNITS_ERROR_RANGE, text,
					  "duration too long");
		total += part;
		p = units_skip_blanks(p);
	} while (*p);
	*ns = total;
	return 0;
}

/**
 * units_parse_size() - parse a size into bytes
 * @text:  "4096", "4 KiB", "4K", "1.5 GiB", "min", "max"
 * @bytes: result
 * @err:   error location
 *
 * As in damo, K, KB and KiB all mean 1024 (likewise M G T P E).  A bare
 * number is bytes.
 *
 * Return: 0, or -EINVAL for garbage and -ERANGE for overflow.
 */
int units_parse_size(const char *text, uint64_t *bytes, GError **err)
{
	const char *p = units_skip_blanks(text);
	const struct units_name *u;
	struct units_num n;
	char unit[16];
	int ret;

	if (units_is_word(text, "min")) {
		*bytes = 0;
		return 0;
	}
	if (units_is_word(text, "max")) {
		*bytes = UINT64_MAX;
		return 0;
	}
	ret = units_scan_number(&p, &n, text, err);
	if (!ret)
		ret = units_scan_unit(&p, unit, sizeof(unit), text, err);
	if (!ret)
		ret = units_expect_end(p, text, err);
	if (ret)
		return ret;
	u = units_lookup(units_size_names, unit[0] ? unit : "B");
	if (!u)
		return units_fail(err, UNITS_ERROR_INVALID, text,
				  "unknown size unit (expected B, K, KiB, M, MiB, G, GiB, T, TiB, P, PiB, E or EiB)");
	return units_scale(&n, u->mult, bytes, text, "bytes", err);
}

/**
 * units_parse_percent_bp() - parse a percentage into basis points
 * @text: "4 %", "4%", "0.25 %", "min" (0) or "max" (100 %)
 * @bp:   result, 0..10000 (1 bp = 0.01 %)
 * @err:  error location
 *
 * The '%' is required (damo reads a bare number as a ratio, which is easy
 * to get wrong by a factor of 100), except for a plain "0".
 *
 * Return: 0, -EINVAL for garbage or a finer resolution than 0.01 %,
 * -ERANGE above 100 %.
 */
int units_parse_percent_bp(const char *text, uint32_t *bp, GError **err)
{
	const char *p = units_skip_blanks(text);
	struct units_num n;
	uint64_t v;
	char unit[8];
	int ret;

	if (units_is_word(text, "min")) {
		*bp = 0;
		return 0;
	}
	if (units_is_word(text, "max")) {
		*bp = UNITS_BP_MAX;
		return 0;
	}
	ret = units_scan_number(&p, &n, text, err);
	if (!ret)
		ret = units_scan_unit(&p, unit, sizeof(unit), text, err);
	if (!ret)
		ret = units_expect_end(p, text, err);
	if (ret)
		return ret;
	if (strcmp(unit, "%") && !(unit[0] == '\0' && !n.ip && !n.fnum))
		return units_fail(err, UNITS_ERROR_INVALID, text,
				  "expected a percentage like \"4 %\"");
	ret = units_scale(&n, 100, &v, text, "0.01 %", err);
	if (ret)
		return ret;
	if (v > UNITS_BP_MAX)
		return units_fail(err, UNITS_ERROR_RANGE, text,
				  "percentage above 100 %");
	*bp = (uint32_t)v;
	return 0;
}

static const char *units_count_names[] = {
	[UNITS_COUNT_SAMPLES] = "N samples",
	[UNITS_COUNT_PERCENT] = "N %",
	[UNITS_COUNT_AGGR_INTERVALS] = "N aggr_intervals",
	[UNITS_COUNT_TIME] = "a duration",
};

static int units_count_unexpected(const char *text, unsigned int allowed,
				  GError **err)
{
	GString *why = g_string_new("expected ");
	bool first = true;
	int k, ret;

	for (k = 0; k <= UNITS_COUNT_TIME; k++) {
		if (!(allowed & UNITS_COUNT_ALLOW(k)))
			continue;
		g_string_append_printf(why, "%s%s", first ? "" : " or ",
				       units_count_names[k]);
		first = false;
	}
	ret = units_fail(err, UNITS_ERROR_INVALID, text, why->str);
	g_string_free(why, TRUE);
	return ret;
}

/* "min"/"max" are taken in the first allowed kind, percent preferred. */
static enum units_count_kind units_count_default_kind(unsigned int allowed)
{
	int k;

	if (allowed & UNITS_COUNT_ALLOW(UNITS_COUNT_PERCENT))
		return UNITS_COUNT_PERCENT;
	for (k = 0; k < UNITS_COUNT_TIME; k++)
		if (allowed & UNITS_COUNT_ALLOW(k))
			break;
	return k;
}

static int units_parse_count_word(const char *text, unsigned int allowed,
				  struct units_count *out, GError **err)
{
	const char *p = units_skip_blanks(text);
	struct units_num n;
	char unit[24];
	int ret;

	ret = units_scan_number(&p, &n, text, err);
	if (!ret)
		ret = units_scan_unit(&p, unit, sizeof(unit), text, err);
	if (!ret)
		ret = units_expect_end(p, text, err);
	if (ret)
		return ret;
	if (!strcmp(unit, "samples") &&
	    (allowed & UNITS_COUNT_ALLOW(UNITS_COUNT_SAMPLES)))
		out->kind = UNITS_COUNT_SAMPLES;
	else if (!strcmp(unit, "aggr_intervals") &&
		 (allowed & UNITS_COUNT_ALLOW(UNITS_COUNT_AGGR_INTERVALS)))
		out->kind = UNITS_COUNT_AGGR_INTERVALS;
	else if (!unit[0] && !n.ip && !n.fnum)
		out->kind = units_count_default_kind(allowed);
	else
		return units_count_unexpected(text, allowed, err);
	if (out->kind == UNITS_COUNT_PERCENT || out->kind == UNITS_COUNT_TIME) {
		out->value = 0;
		return 0;
	}
	return units_scale(&n, 1, &out->value, text, unit, err);
}

/**
 * units_parse_count() - parse an nr_accesses or age bound
 * @text:    "5 samples", "4 %", "10 aggr_intervals", "2 s", "min", "max"
 * @allowed: UNITS_COUNT_ALLOW() bits of the kinds accepted here
 * @out:     result (kind and value in that kind's unit)
 * @err:     error location
 *
 * A unit is required (a bare number would be ambiguous), except for "0",
 * "min" and "max", which take the percent kind when allowed and the first
 * allowed kind otherwise ("max" then means UINT64_MAX or 100 %).
 *
 * Return: 0, or -EINVAL for garbage or a kind not allowed, -ERANGE for
 * overflow.
 */
int units_parse_count(const char *text, unsigned int allowed,
		      struct units_count *out, GError **err)
{
	enum units_count_kind dflt = units_count_default_kind(allowed);
	GError *local = NULL;
	uint32_t bp;
	int ret;

	if (units_is_word(text, "min") || units_is_word(text, "max")) {
		bool max = units_is_word(text, "max");

		out->kind = dflt;
		out->value = !max ? 0 :
			     dflt == UNITS_COUNT_PERCENT ? UNITS_BP_MAX :
							   UINT64_MAX;
		return 0;
	}
	if (strchr(text, '%')) {
		if (!(allowed & UNITS_COUNT_ALLOW(UNITS_COUNT_PERCENT)))
			return units_count_unexpected(text, allowed, err);
		ret = units_parse_percent_bp(text, &bp, err);
		if (ret)
			return ret;
		out->kind = UNITS_COUNT_PERCENT;
		out->value = bp;
		return 0;
	}
	if ((allowed & UNITS_COUNT_ALLOW(UNITS_COUNT_TIME)) &&
	    !units_parse_time_ns(text, 0, &out->value, &local)) {
		/* "0" alone is a count, not a duration. */
		if (strpbrk(text, "nusmhd")) {
			out->kind = UNITS_COUNT_TIME;
			return 0;
		}
	}
	if (local && local->code == UNITS_ERROR_RANGE) {
		g_propagate_error(err, local);
		return -ERANGE;
	}
	g_clear_error(&local);
	return units_parse_count_word(text, allowed, out, err);
}

/**
 * units_count_to_samples() - an nr_accesses bound in sampling intervals
 * @c:         the bound (kind samples or percent)
 * @sample_us: DAMON's sampling interval
 * @aggr_us:   DAMON's aggregation interval
 *
 * As damo converts: N % of the maximum aggr_us / sample_us, rounded down;
 * "max" (UINT64_MAX samples or 100 %) gives the maximum.
 *
 * Return: samples, at most aggr_us / sample_us.
 */
uint64_t units_count_to_samples(const struct units_count *c,
				uint64_t sample_us, uint64_t aggr_us)
{
	uint64_t max = sample_us ? aggr_us / sample_us : 0;

	if (c->kind == UNITS_COUNT_PERCENT)
		return (uint64_t)((unsigned __int128)max * c->value /
				  UNITS_BP_MAX);
	return c->value < max ? c->value : max;
}

/**
 * units_count_to_aggr_intervals() - an age bound in aggregation intervals
 * @c:       the bound (kind aggr_intervals or time)
 * @aggr_us: DAMON's aggregation interval
 *
 * A time is divided by the aggregation interval, rounded down, as damo
 * does; "max" stays UINT64_MAX.
 *
 * Return: aggregation intervals.
 */
uint64_t units_count_to_aggr_intervals(const struct units_count *c,
				       uint64_t aggr_us)
{
	if (c->kind != UNITS_COUNT_TIME || c->value == UINT64_MAX)
		return c->value;
	return aggr_us ? c->value / (aggr_us * UNITS_NS_PER_US) : 0;
}

/* ---- formatting ------------------------------------------------------ */

/**
 * units_format_uint() - format an integer, "max" for UINT64_MAX
 * @v:   value
 * @buf: output buffer of UNITS_FMT_LEN bytes
 *
 * Return: @buf.
 */
const char *units_format_uint(uint64_t v, char buf[UNITS_FMT_LEN])
{
	if (v == UINT64_MAX)
		snprintf(buf, UNITS_FMT_LEN, "max");
	else
		snprintf(buf, UNITS_FMT_LEN, "%" G_GUINT64_FORMAT, v);
	return buf;
}

/**
 * units_format_uint_grouped() - format an integer with comma groups
 * @v:   value
 * @buf: output buffer of UNITS_FMT_LEN bytes
 *
 * "1,234,567", as damo prints numbers for people; the parser accepts it.
 *
 * Return: @buf.
 */
const char *units_format_uint_grouped(uint64_t v, char buf[UNITS_FMT_LEN])
{
	char digits[24];
	size_t n, i, o = 0;

	n = (size_t)snprintf(digits, sizeof(digits), "%" G_GUINT64_FORMAT, v);
	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/**
 * units_format_time_exact() - format a duration losslessly
 * @ns:  nanoseconds (UINT64_MAX prints as "max")
 * @buf: output buffer of UNITS_FMT_LEN bytes
 *
 * Largest units first, one part per non-zero unit: "1 m 30 s",
 * "5 ms", "1 s 500 us".  units_parse_time_ns() reads it back exactly.
 *
 * Return: @buf.
 */
const char *units_format_time_exact(uint64_t ns, char buf[UNITS_FMT_LEN])
{
	size_t o = 0;
	int i;

	if (ns == UINT64_MAX)
		return units_format_uint(ns, buf);
	if (!ns) {
		snprintf(buf, UNITS_FMT_LEN, "0 ns");
		return buf;
	}
	buf[0] = '\0';
	for (i = (int)G_N_ELEMENTS(units_time_names) - 2; i >= 0; i--) {
		uint64_t m = units_time_names[i].mult;

		if (ns < m)
			continue;
		o += (size_t)snprintf(buf + o, UNITS_FMT_LEN - o,
				      "%s%" G_GUINT64_FORMAT " %s",
				      o ? " " : "", ns / m,
				      units_time_names[i].name);
		ns %= m;
	}
	return buf;
}

/* Format v with up to three decimals, dropping trailing zeros. */
static void units_format_short(double v, const char *unit,
			       char buf[UNITS_FMT_LEN])
{
	char num[G_ASCII_DTOSTR_BUF_SIZE];
	size_t n;

	g_ascii_formatd(num, sizeof(num), "%.3f", v);
	n = strlen(num);
	while (n && num[n - 1] == '0')
		num[--n] = '\0';
	if (n && num[n - 1] == '.')
		num[--n] = '\0';
	snprintf(buf, UNITS_FMT_LEN, "%s %s", num, unit);
}

/**
 * units_format_time() - format a duration for people
 * @ns:  nanoseconds
 * @buf: output buffer of UNITS_FMT_LEN bytes
 *
 * One unit, at most three decimals: "5 ms", "1.5 s", "2.25 h".
 *
 * Return: @buf.
 */
const char *units_format_time(uint64_t ns, char buf[UNITS_FMT_LEN])
{
	int i;

	if (ns == UINT64_MAX)
		return units_format_uint(ns, buf);
	for (i = (int)G_N_ELEMENTS(units_time_names) - 2; i > 0; i--)
		if (ns >= units_time_names[i].mult)
			break;
	units_format_short((double)ns / (double)units_time_names[i].mult,
			   units_time_names[i].name, buf);
	return buf;
}

/* The binary units sizes print in, each 1024 times the one before. */
static const char *const units_binary_names[] = { "B", "KiB", "MiB", "GiB",
						  "TiB", "PiB", "EiB" };

/**
 * units_format_size_exact() - format a size losslessly
 * @bytes: size (UINT64_MAX prints as "max")
 * @buf:   output buffer of UNITS_FMT_LEN bytes
 *
 * The largest binary unit that divides the size: "4 KiB", "1536 MiB",
 * "4097 B".
 *
 * Return: @buf.
 */
const char *units_format_size_exact(uint64_t bytes, char buf[UNITS_FMT_LEN])
{
	int i = 0;

	if (bytes == UINT64_MAX)
		return units_format_uint(bytes, buf);
	while (bytes && i < 6 && !(bytes & 1023)) {
		bytes >>= 10;
		i++;
	}
	snprintf(buf, UNITS_FMT_LEN, "%" G_GUINT64_FORMAT " %s", bytes,
		 units_binary_names[i]);
	return buf;
}

/**
 * units_format_size() - format a size for people
 * @bytes: size
 * @buf:   output buffer of UNITS_FMT_LEN bytes
 *
 * One binary unit, at most three decimals: "1.5 GiB", "4 KiB", "17 B".
 *
 * Return: @buf.
 */
const char *units_format_size(uint64_t bytes, char buf[UNITS_FMT_LEN])
{
	int i = 0;

	if (bytes == UINT64_MAX)
		return units_format_uint(bytes, buf);
	while (i < 6 && bytes >> (10 * (i + 1)))
		i++;
	units_format_short((double)bytes / (double)(1ULL << (10 * i)),
			   units_binary_names[i], buf);
	return buf;
}

/**
 * units_format_percent_bp() - format basis points as a percentage
 * @bp:  basis points
 * @buf: output buffer of UNITS_FMT_LEN bytes
 *
 * "4 %", "0.25 %": exact, and read back by units_parse_percent_bp().
 *
 * Return: @buf.
 */
const char *units_format_percent_bp(uint32_t bp, char buf[UNITS_FMT_LEN])
{
	if (bp % 100 == 0)
		snprintf(buf, UNITS_FMT_LEN, "%u %%", bp / 100);
	else if (bp % 10 == 0)
		snprintf(buf, UNITS_FMT_LEN, "%u.%u %%", bp / 100,
			 (bp % 100) / 10);
	else
		snprintf(buf, UNITS_FMT_LEN, "%u.%02u %%", bp / 100, bp % 100);
	return buf;
}

/**
 * units_format_count() - format an nr_accesses or age bound
 * @c:   the bound
 * @buf: output buffer of UNITS_FMT_LEN bytes
 *
 * In the unit it was written in, so units_parse_count() reads it back.
 *
 * Return: @buf.
 */
const char *units_format_count(const struct units_count *c,
			       char buf[UNITS_FMT_LEN])
{
	switch (c->kind) {
	case UNITS_COUNT_PERCENT:
		return units_format_percent_bp((uint32_t)c->value, buf);
	case UNITS_COUNT_TIME:
		return units_format_time_exact(c->value, buf);
	case UNITS_COUNT_SAMPLES:
	case UNITS_COUNT_AGGR_INTERVALS:
		if (c->value == UINT64_MAX)
			return units_format_uint(c->value, buf);
		snprintf(buf, UNITS_FMT_LEN, "%" G_GUINT64_FORMAT " %s",
			 c->value,
			 c->kind == UNITS_COUNT_SAMPLES ? "samples" :
							  "aggr_intervals");
		return buf;
	}
	buf[0] = '\0';
	return buf;
}

/**
 * units_format_double() - locale-independent fixed-precision number
 * @v:         value; NaN prints "nan", infinities "inf"/"-inf"
 * @precision: digits after the point (0..17)
 * @buf:       output buffer of UNITS_FMT_LEN bytes
 *
 * Every output file formats reals through this, so a run under a locale
 * with a decimal comma writes the same bytes.  Negative zero prints as 0.
 *
 * Return: @buf.
 */
const char *units_format_double(double v, int precision,
				char buf[UNITS_FMT_LEN])
{
	char fmt[16];

	if (v != v) {
		snprintf(buf, UNITS_FMT_LEN, "nan");
		return buf;
	}
	if (v > 1e300 * 1e300 || v < -1e300 * 1e300) {
		snprintf(buf, UNITS_FMT_LEN, v > 0 ? "inf" : "-inf");
		return buf;
	}
	if (precision < 0)
		precision = 0;
	if (precision > 17)
		precision = 17;
	/* Keep huge values readable and inside the buffer. */
	if (v >= 1e18 || v <= -1e18)
		snprintf(fmt, sizeof(fmt), "%%.%de", precision);
	else
		snprintf(fmt, sizeof(fmt), "%%.%df", precision);
	g_ascii_formatd(buf, UNITS_FMT_LEN, fmt, v);
	/* "-0.000" would make two equal runs differ by the sign of zero. */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}
