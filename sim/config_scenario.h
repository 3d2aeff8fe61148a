/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config: scenario .ini files (GLib GKeyFile) checked against a declared
 * schema.
 *
 * Every key is declared once (section, name, type, default, one-line
 * description).  Loading reports the first problem as one line
 * "FILE:LINE: [section] key: problem" (or "--set ARG: [section] key:
 * problem" for a command-line override).  After loading, typed getters
 * return the effective value (set or default); they never fail for a
 * declared key.  The schema is open: primitives register per-type key
 * tables for [primitive] / [primitive.NAME], the cost model registers
 * [cost] keys, and the trace library validates [workload] generator
 * parameters through a callback.  See docs/config.md.
 */
#ifndef DAMONSIM_SIM_CONFIG_SCENARIO_H
#define DAMONSIM_SIM_CONFIG_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "sim/units.h"

#define CFG_ERROR (cfg_error_quark())
GQuark cfg_error_quark(void);

enum cfg_error_code {
	CFG_ERROR_SYNTAX,	/* not ini syntax, duplicate section/key */
	CFG_ERROR_UNKNOWN,	/* unknown section, key or type */
	CFG_ERROR_VALUE,	/* a value that does not parse or is invalid */
	CFG_ERROR_MISSING,	/* a required key is not set */
	CFG_ERROR_IO,		/* the file cannot be read */
};

enum cfg_type {
	CFG_INT,	/* int64_t: "-3", "1,000" */
	CFG_UINT,	/* uint64_t: "42", "max" */
	CFG_BOOL,	/* yes/no, on/off, true/false */
	CFG_STRING,	/* any text */
	CFG_TIME,	/* uint64_t ns: "5 ms", "1m 30s" */
	CFG_SIZE,	/* uint64_t bytes: "4 KiB" (K = KB = KiB = 1024) */
	CFG_PERCENT,	/* uint32_t basis points: "4 %" */
	CFG_ENUM,	/* one word out of cfg_key.words */
	CFG_COUNT,	/* struct units_count: "5 samples", "4 %", ... */
};

/* cfg_key.flags */
#define CFG_LIST	(1U << 0)	/* comma-separated list of the type */
#define CFG_REQUIRED	(1U << 1)	/* no default: must be set */

/**
 * struct cfg_key - one declared key
 * @name:        key name
 * @type:        value type
 * @def:         default, written as in a file; NULL: unset unless given
 * @desc:        one-line description (shown in dumps and docs)
 * @words:       CFG_ENUM: NULL-terminated allowed words
 * @flags:       CFG_LIST, CFG_REQUIRED
 * @bare_unit_ns: CFG_TIME: what a number without a unit means, 0 to
 *                require a unit
 * @count_kinds: CFG_COUNT: UNITS_COUNT_ALLOW() bits accepted
 */
struct cfg_key {
	const char *name;
	enum cfg_type type;
	const char *def;
	const char *desc;
	const char *const *words;
	unsigned int flags;
	uint64_t bare_unit_ns;
	unsigned int count_kinds;
};

/* cfg_schema_add_section() flags */
#define CFG_SECTION_PLAIN	(1U << 0)	/* [name] is accepted */
#define CFG_SECTION_REPEATED	(1U << 1)	/* [name.ID] are accepted */
#define CFG_SECTION_NUMBERED	(1U << 2)	/* ID must be a number */
#define CFG_SECTION_TYPED	(1U << 3)	/* extra keys per "type" */

struct cfg;
struct cfg_schema;

/**
 * typedef cfg_check_fn - cross-key check of one section instance
 * @cfg:     the loaded configuration (typed getters work)
 * @section: instance name, e.g. "damon" or "scheme.2"
 * @err:     set with cfg_fail() to blame the right key and line
 *
 * Return: 0 or a negative errno.
 */
typedef int (*cfg_check_fn)(const struct cfg *cfg, const char *section,
			    GError **err);

/**
 * typedef cfg_passthrough_fn - validate a key the schema does not declare
 * @data:    pointer given at registration
 * @cfg:     the configuration; declared keys are already parsed
 * @section: instance name
 * @key:     key name
 * @value:   value text
 * @err:     set a one-line problem; the loader prefixes FILE:LINE etc.
 *
 * Return: 0 to accept, a negative errno to reject.
 */
typedef int (*cfg_passthrough_fn)(void *data, const struct cfg *cfg,
				  const char *section, const char *key,
				  const char *value, GError **err);

/* schema (config_schema.c) */
struct cfg_schema *cfg_schema_new(void);
void cfg_schema_free(struct cfg_schema *schema);
int cfg_schema_add_section(struct cfg_schema *schema, const char *name,
			   unsigned int flags, const char *desc);
int cfg_schema_add_keys(struct cfg_schema *schema, const char *section,
			const struct cfg_key *keys, size_t n);
int cfg_schema_add_type(struct cfg_schema *schema, const char *section,
			const char *type, const char *desc,
			const struct cfg_key *keys, size_t n);
int cfg_schema_set_default_type(struct cfg_schema *schema,
				const char *section, const char *type);
int cfg_schema_set_check(struct cfg_schema *schema, const char *section,
			 cfg_check_fn check);
int cfg_schema_set_passthrough(struct cfg_schema *schema,
			       const char *section, cfg_passthrough_fn fn,
			       void *data);
int cfg_schema_validate(const struct cfg_schema *schema, GError **err);
GString *cfg_schema_describe(const struct cfg_schema *schema);

/* damonsim's own sections and keys (config_damonsim.c) */
struct cfg_schema *cfg_schema_new_damonsim(void);
extern const char cfg_default_scenario[];

/* loading (config_load.c) */
struct cfg *cfg_load_file(const struct cfg_schema *schema, const char *path,
			  const char *const *sets, GError **err);
struct cfg *cfg_load_data(const struct cfg_schema *schema, const char *data,
			  size_t len, const char *name,
			  const char *const *sets, GError **err);
void cfg_free(struct cfg *cfg);
int cfg_fail(const struct cfg *cfg, const char *section, const char *key,
	     GError **err, const char *fmt, ...) G_GNUC_PRINTF(5, 6);
const char *cfg_blame(const struct cfg *cfg, const char *section,
		      const char *key, ...) G_GNUC_NULL_TERMINATED;
const char *cfg_blame_given(const struct cfg *cfg, const char *section,
			    const char *const *keys, const char *fallback);

/* queries and typed getters (config_get.c) */
bool cfg_has_section(const struct cfg *cfg, const char *section);
bool cfg_is_set(const struct cfg *cfg, const char *section, const char *key);
GPtrArray *cfg_instances(const struct cfg *cfg, const char *base);
const char *cfg_section_type(const struct cfg *cfg, const char *section);
GPtrArray *cfg_extra_keys(const struct cfg *cfg, const char *section);
const char *cfg_get_text(const struct cfg *cfg, const char *section,
			 const char *key);
int64_t cfg_get_int(const struct cfg *cfg, const char *section,
		    const char *key);
uint64_t cfg_get_uint(const struct cfg *cfg, const char *section,
		      const char *key);
bool cfg_get_bool(const struct cfg *cfg, const char *section,
		  const char *key);
const char *cfg_get_string(const struct cfg *cfg, const char *section,
			   const char *key);
uint64_t cfg_get_time_ns(const struct cfg *cfg, const char *section,
			 const char *key);
uint64_t cfg_get_time_us(const struct cfg *cfg, const char *section,
			 const char *key);
uint64_t cfg_get_size(const struct cfg *cfg, const char *section,
		      const char *key);
uint32_t cfg_get_percent_bp(const struct cfg *cfg, const char *section,
			    const char *key);
const char *cfg_get_enum(const struct cfg *cfg, const char *section,
			 const char *key);
struct units_count cfg_get_count(const struct cfg *cfg, const char *section,
				 const char *key);
const uint64_t *cfg_get_u64_list(const struct cfg *cfg, const char *section,
				 const char *key, size_t *n);
const char *const *cfg_get_str_list(const struct cfg *cfg,
				    const char *section, const char *key,
				    size_t *n);
char *cfg_resolve_path(const struct cfg *cfg, const char *path);
char *cfg_dump(const struct cfg *cfg);

/* [workload] source = trace:PATH | masim:PATH | gen:NAME (or a guess) */
enum cfg_source_kind {
	CFG_SOURCE_TRACE,
	CFG_SOURCE_MASIM,
	CFG_SOURCE_GENERATOR,
};

int cfg_parse_source(const char *text, enum cfg_source_kind *kind,
		     char **value, GError **err);

#endif
