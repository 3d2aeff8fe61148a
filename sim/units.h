/* SPDX-License-Identifier: GPL-2.0 */
/*
 * units: parse and format values the way damo writes them.
 *
 * Integers may be comma-grouped ("1,000,000") and "min"/"max" stand for the
 * smallest/largest value.  Times take ns us ms s m h d, also multi-part
 * ("1m 30s", "1 m 30 s").  Sizes take B K KB KiB M MB MiB ... E EB EiB and,
 * following damo, every size unit is binary: K = KB = KiB = 1024 bytes.
 * Percentages are "4 %" or "4%".  Counts of DAMON intervals are written
 * "N samples" or "N aggr_intervals".  A fraction ("1.5 GiB") is allowed as
 * long as the result is a whole number of the base unit.  The grammar is
 * documented in docs/config.md.
 */
#ifndef DAMONSIM_SIM_UNITS_H
#define DAMONSIM_SIM_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define UNITS_NS_PER_US 1000ULL
#define UNITS_NS_PER_MS 1000000ULL
#define UNITS_NS_PER_S 1000000000ULL

/* Basis points in 100 %: percentages are stored as bp (1 bp = 0.01 %). */
#define UNITS_BP_MAX 10000U

/* Large enough for every units_format_*() result. */
#define UNITS_FMT_LEN 64

#define UNITS_ERROR (units_error_quark())
GQuark units_error_quark(void);

enum units_error_code {
	UNITS_ERROR_INVALID,	/* not a value of the expected kind */
	UNITS_ERROR_RANGE,	/* a value of the right kind, out of range */
};

/* What a count of DAMON intervals is measured in. */
enum units_count_kind {
	UNITS_COUNT_SAMPLES,		/* "N samples": sampling intervals */
	UNITS_COUNT_PERCENT,		/* "N %": bp of the maximum */
	UNITS_COUNT_AGGR_INTERVALS,	/* "N aggr_intervals" */
	UNITS_COUNT_TIME,		/* "5 s": nanoseconds */
};

#define UNITS_COUNT_ALLOW(kind) (1U << (kind))

/**
 * struct units_count - an nr_accesses or age bound as written
 * @kind:  the unit it was written in
 * @value: samples, basis points, aggregation intervals or nanoseconds
 */
struct units_count {
	enum units_count_kind kind;
	uint64_t value;
};

char *units_escape(const char *text);
int units_parse_uint(const char *text, uint64_t *out, GError **err);
int units_parse_int(const char *text, int64_t *out, GError **err);
int units_parse_bool(const char *text, bool *out, GError **err);
int units_parse_time_ns(const char *text, uint64_t bare_unit_ns,
			uint64_t *ns, GError **err);
int units_parse_size(const char *text, uint64_t *bytes, GError **err);
int units_parse_percent_bp(const char *text, uint32_t *bp, GError **err);
int units_parse_count(const char *text, unsigned int allowed,
		      struct units_count *out, GError **err);

uint64_t units_count_to_samples(const struct units_count *c,
				uint64_t sample_us, uint64_t aggr_us);
uint64_t units_count_to_aggr_intervals(const struct units_count *c,
				       uint64_t aggr_us);

const char *units_format_uint(uint64_t v, char buf[UNITS_FMT_LEN]);
const char *units_format_uint_grouped(uint64_t v, char buf[UNITS_FMT_LEN]);
const char *units_format_time_exact(uint64_t ns, char buf[UNITS_FMT_LEN]);
const char *units_format_time(uint64_t ns, char buf[UNITS_FMT_LEN]);
const char *units_format_size_exact(uint64_t bytes, char buf[UNITS_FMT_LEN]);
const char *units_format_size(uint64_t bytes, char buf[UNITS_FMT_LEN]);
const char *units_format_percent_bp(uint32_t bp, char buf[UNITS_FMT_LEN]);
const char *units_format_count(const struct units_count *c,
			       char buf[UNITS_FMT_LEN]);
const char *units_format_double(double v, int precision,
				char buf[UNITS_FMT_LEN]);

#endif
