// SPDX-License-Identifier: GPL-2.0
/*
 * Bodies of the libsimio fuzz targets (see fuzz_simio.h).  Besides "does
 * not crash", each checks a property: what the units parser accepts, the
 * formatter prints and the parser reads back to the same value; what the
 * config loader accepts, it dumps, and the dump loads and dumps again to
 * the same text.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "sim/config_scenario.h"
#include "sim/damo_record.h"
#include "sim/json_read.h"
#include "sim/units.h"
#include "tests/fuzz/fuzz_simio.h"

#define FUZZ_MAX_INPUT 65536

static void fuzz_check(bool ok)
{
	if (!ok)
		abort();
}

/*
 * A g_critical() in a getter means the loader let bad state in, and a
 * GLib warning means an API was misused: both are findings.  abort()
 * rather than GLib's fatal breakpoint, which libFuzzer does not catch.
 */
static void fuzz_log(const gchar *domain, GLogLevelFlags level,
		     const gchar *message, gpointer data)
{
	g_log_default_handler(domain, level, message, data);
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
		     G_LOG_LEVEL_WARNING))
		abort();
}

static void fuzz_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	g_log_set_default_handler(fuzz_log, NULL);
}

static void fuzz_units_time(const char *s)
{
	char buf[UNITS_FMT_LEN];
	uint64_t v, w;

	if (units_parse_time_ns(s, UNITS_NS_PER_US, &v, NULL))
		return;
	units_format_time_exact(v, buf);
	fuzz_check(!units_parse_time_ns(buf, 0, &w, NULL) && v == w);
	units_format_time(v, buf);
}

static void fuzz_units_size(const char *s)
{
	char buf[UNITS_FMT_LEN];
	uint64_t v, w;

	if (units_parse_size(s, &v, NULL))
		return;
	units_format_size_exact(v, buf);
	fuzz_check(!units_parse_size(buf, &w, NULL) && v == w);
	units_format_size(v, buf);
}

static void fuzz_units_other(const char *s)
{
	struct units_count c, d;
	char buf[UNITS_FMT_LEN];
	uint32_t bp, bq;
	uint64_t u, v;
	int64_t i;
	bool b;

	if (!units_parse_uint(s, &u, NULL)) {
		units_format_uint_grouped(u, buf);
		fuzz_check(!units_parse_uint(buf, &v, NULL) && u == v);
	}
	if (!units_parse_percent_bp(s, &bp, NULL)) {
		fuzz_check(bp <= UNITS_BP_MAX);
		units_format_percent_bp(bp, buf);
		fuzz_check(!units_parse_percent_bp(buf, &bq, NULL) &&
			   bp == bq);
	}
	if (!units_parse_count(s, 0xf, &c, NULL)) {
		units_format_count(&c, buf);
		fuzz_check(!units_parse_count(buf, 0xf, &d, NULL) &&
			   c.kind == d.kind && c.value == d.value);
	}
	units_parse_int(s, &i, NULL);
	units_parse_bool(s, &b, NULL);
}

/**
 * fuzz_units_input() - every units parser on one string
 * @data: bytes (a NUL ends the string early)
 * @size: length
 *
 * Return: 0.
 */
int fuzz_units_input(const uint8_t *data, size_t size)
{
	char *s;

	fuzz_init();
	if (size > 256)
		return 0;
	s = g_strndup((const char *)data, size);
	fuzz_units_time(s);
	fuzz_units_size(s);
	fuzz_units_other(s);
	g_free(s);
	return 0;
}

static const struct cfg_key fuzz_perf_keys[] = {
	{ .name = "period", .type = CFG_UINT, .def = "10007",
	  .desc = "sampling period" },
	{ .name = "events", .type = CFG_STRING, .flags = CFG_LIST,
	  .def = "loads, stores", .desc = "events sampled" },
};

static const struct cfg_key fuzz_pte_keys[] = {
	{ .name = "rmap_walk", .type = CFG_BOOL, .def = "yes",
	  .desc = "walk the reverse map" },
};

static struct cfg_schema *fuzz_schema(void)
{
	static struct cfg_schema *schema;

	if (schema)
		return schema;
	schema = cfg_schema_new_damonsim();
	cfg_schema_add_type(schema, "primitive", "pte", "accessed bit",
			    fuzz_pte_keys, G_N_ELEMENTS(fuzz_pte_keys));
	cfg_schema_add_type(schema, "primitive", "perf", "PMU sampling",
			    fuzz_perf_keys, G_N_ELEMENTS(fuzz_perf_keys));
	return schema;
}

/**
 * fuzz_config_input() - load a scenario text, dump it, reload the dump
 * @data: ini text
 * @size: length
 *
 * Return: 0.
 */
int fuzz_config_input(const uint8_t *data, size_t size)
{
	struct cfg_schema *schema;
	struct cfg *a, *b;
	GError *err = NULL;
	char *da, *db;

	fuzz_init();
	if (size > FUZZ_MAX_INPUT)
		return 0;
	schema = fuzz_schema();
	a = cfg_load_data(schema, (const char *)data, size, "fuzz", NULL,
			  &err);
	if (!a) {
		/* Errors are one line that names the input. */
		fuzz_check(err && !strchr(err->message, '\n'));
		g_error_free(err);
		/* Callers may pass no GError location at all. */
		fuzz_check(!cfg_load_data(schema, (const char *)data, size,
					  "fuzz", NULL, NULL));
		return 0;
	}
	da = cfg_dump(a);
	b = cfg_load_data(schema, da, strlen(da), "dump", NULL, NULL);
	fuzz_check(b != NULL);
	db = cfg_dump(b);
	fuzz_check(!strcmp(da, db));
	g_free(da);
	g_free(db);
	cfg_free(a);
	cfg_free(b);
	return 0;
}

/**
 * fuzz_damo_input() - parse a damo record (any of its formats)
 * @data: file contents
 * @size: length
 *
 * Return: 0.
 */
int fuzz_damo_input(const uint8_t *data, size_t size)
{
	struct damo_record *rec;
	struct json_node *node;
	GError *err = NULL;

	fuzz_init();
	if (size > FUZZ_MAX_INPUT)
		return 0;
	rec = damo_record_parse(data, size, "fuzz", &err);
	if (rec)
		fuzz_check(damo_record_equal(rec, rec, NULL));
	else
		fuzz_check(err && !strchr(err->message, '\n'));
	g_clear_error(&err);
	damo_record_free(rec);
	node = json_parse((const char *)data, size, NULL);
	json_node_free(node);
	return 0;
}
