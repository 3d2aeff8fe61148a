/* SPDX-License-Identifier: GPL-2.0 */
/*
 * units.h - parsing of sizes, times and counts the way damo writes them.
 */
#ifndef DAMONSIM_TRACES_UNITS_H
#define DAMONSIM_TRACES_UNITS_H

#include <stdint.h>

/**
 * trace_parse_size() - parse a byte size: "4096", "4K", "4 KiB", "1GB",
 * "1 TiB" (K, M, G, T, P, E in any of the forms X, XB, XiB, all binary).
 * @s: text.
 * @out: result.
 *
 * Return: 0, or -EINVAL if @s is not a size or -ERANGE if it overflows.
 */
int trace_parse_size(const char *s, uint64_t *out);

/**
 * trace_parse_time_ns() - parse a duration into ns: "5ms", "1 s", "100us",
 * "2m", "1h"; a bare number is in ms (masim's unit).
 * @s: text.
 * @out: result.
 *
 * Return: 0, or -EINVAL / -ERANGE.
 */
int trace_parse_time_ns(const char *s, uint64_t *out);

/**
 * trace_parse_count() - parse a count: "1000", "1,000", "10M", "1e9"
 * (decimal suffixes K, M, G, T).
 * @s: text.
 * @out: result.
 *
 * Return: 0, or -EINVAL / -ERANGE.
 */
int trace_parse_count(const char *s, uint64_t *out);

/**
 * trace_parse_u64() - parse a plain decimal or 0x-hex unsigned integer.
 * @s: text.
 * @out: result.
 *
 * Return: 0, or -EINVAL / -ERANGE.
 */
int trace_parse_u64(const char *s, uint64_t *out);

#endif /* DAMONSIM_TRACES_UNITS_H */
