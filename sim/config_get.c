// SPDX-License-Identifier: GPL-2.0
/*
 * config_get: typed access to a loaded configuration, and the dump of the
 * effective configuration written into every run directory.
 *
 * Values were validated at load time, so getters cannot fail for a
 * declared key of the right type.  Asking for an undeclared key or the
 * wrong type is a programming error: it is reported with g_critical()
 * and a zero value is returned rather than crashing a run.
 */
#include <errno.h>
#include <string.h>

#include "sim/config_priv.h"

struct cfg_inst *cfg_find_inst(const struct cfg *cfg, const char *name)
{
	guint i;

	for (i = 0; i < cfg->insts->len; i++) {
		struct cfg_inst *inst = g_ptr_array_index(cfg->insts, i);

		if (!strcmp(inst->name, name))
			return inst;
	}
	return NULL;
}

struct cfg_value *cfg_inst_find(const struct cfg_inst *inst, const char *key)
{
	guint i;

	for (i = 0; i < inst->values->len; i++) {
		struct cfg_value *val = g_ptr_array_index(inst->values, i);

		if (!strcmp(val->name, key))
			return val;
	}
	return NULL;
}

static const struct cfg_value *cfg_lookup(const struct cfg *cfg,
					  const char *section, const char *key,
					  enum cfg_type type, bool list)
{
	const struct cfg_inst *inst = cfg_find_inst(cfg, section);
	const struct cfg_value *val = inst ? cfg_inst_find(inst, key) : NULL;

	if (!val || !val->key) {
		g_critical("config: [%s] %s is not a declared key", section,
			   key);
		return NULL;
	}
	if (val->key->type != type || !!(val->key->flags & CFG_LIST) != list) {
		g_critical("config: [%s] %s read as the wrong type", section,
			   key);
		return NULL;
	}
	return val->text ? val : NULL;
}

/**
 * cfg_has_section() - is a section instance present?
 * @cfg:     configuration
 * @section: instance name, e.g. "damon" or "scheme.0"
 *
 * Plain sections are always present (with defaults) unless a typed
 * section's default type is not registered.
 *
 * Return: true if present.
 */
bool cfg_has_section(const struct cfg *cfg, const char *section)
{
	return cfg_find_inst(cfg, section) != NULL;
}

/**
 * cfg_is_set() - was a key given (in the file or by --set)?
 * @cfg:     configuration
 * @section: instance name
 * @key:     key name
 *
 * Return: true if given, false if it has its default or is absent.
 */
bool cfg_is_set(const struct cfg *cfg, const char *section, const char *key)
{
	const struct cfg_inst *inst = cfg_find_inst(cfg, section);
	const struct cfg_value *val = inst ? cfg_inst_find(inst, key) : NULL;

	return val && val->set;
}

/**
 * cfg_instances() - the instances of a section, in dump order
 * @cfg:  configuration
 * @base: section name: "scheme" gives "scheme.0", "scheme.1", ...;
 *        "primitive" gives "primitive" (if present) then "primitive.NAME"
 *
 * Numbered instances are in numeric order, named ones in file order.
 *
 * Return: new array of borrowed instance names (free the array only).
 */
GPtrArray *cfg_instances(const struct cfg *cfg, const char *base)
{
	GPtrArray *out = g_ptr_array_new();
	guint i;

	for (i = 0; i < cfg->insts->len; i++) {
		struct cfg_inst *inst = g_ptr_array_index(cfg->insts, i);

		if (!strcmp(inst->sec->name, base))
			g_ptr_array_add(out, inst->name);
	}
	return out;
}

/**
 * cfg_section_type() - the type of a typed section instance
 * @cfg:     configuration
 * @section: instance name, e.g. "primitive.fast"
 *
 * Return: the type name ("perf"), or NULL for an untyped section.
 */
const char *cfg_section_type(const struct cfg *cfg, const char *section)
{
	const struct cfg_inst *inst = cfg_find_inst(cfg, section);

	return inst && inst->type ? inst->type->name : NULL;
}

/**
 * cfg_extra_keys() - keys passed through to a section's validator
 * @cfg:     configuration
 * @section: instance name, e.g. "workload"
 *
 * Read the values with cfg_get_text().
 *
 * Return: new array of borrowed key names in file order (free the array
 * only).
 */
GPtrArray *cfg_extra_keys(const struct cfg *cfg, const char *section)
{
	const struct cfg_inst *inst = cfg_find_inst(cfg, section);
	GPtrArray *out = g_ptr_array_new();
	guint i;

	for (i = 0; inst && i < inst->values->len; i++) {
		const struct cfg_value *val =
			g_ptr_array_index(inst->values, i);

		if (!val->key)
			g_ptr_array_add(out, val->name);
	}
	return out;
}

/**
 * cfg_get_text() - a value's text as written (or its default)
 * @cfg:     configuration
 * @section: instance name
 * @key:     any key, declared or passed through
 *
 * Return: the text, or NULL if absent or unset.
 */
const char *cfg_get_text(const struct cfg *cfg, const char *section,
			 const char *key)
{
	const struct cfg_inst *inst = cfg_find_inst(cfg, section);
	const struct cfg_value *val = inst ? cfg_inst_find(inst, key) : NULL;

	return val ? val->text : NULL;
}

/**
 * cfg_get_int() - value of a CFG_INT key
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the value (0 if unset).
 */
int64_t cfg_get_int(const struct cfg *cfg, const char *section,
		    const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_INT,
					       false);

	return v ? v->v.i : 0;
}

/**
 * cfg_get_uint() - value of a CFG_UINT key
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the value ("max" is UINT64_MAX; 0 if unset).
 */
uint64_t cfg_get_uint(const struct cfg *cfg, const char *section,
		      const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_UINT,
					       false);

	return v ? v->v.u : 0;
}

/**
 * cfg_get_bool() - value of a CFG_BOOL key
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the value (false if unset).
 */
bool cfg_get_bool(const struct cfg *cfg, const char *section,
		  const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_BOOL,
					       false);

	return v ? v->v.b : false;
}

/**
 * cfg_get_string() - value of a CFG_STRING key
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the text (GKeyFile escapes resolved), or NULL if unset.
 */
const char *cfg_get_string(const struct cfg *cfg, const char *section,
			   const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_STRING,
					       false);

	return v ? v->text : NULL;
}

/**
 * cfg_get_time_ns() - value of a CFG_TIME key in nanoseconds
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the duration ("max" is UINT64_MAX; 0 if unset).
 */
uint64_t cfg_get_time_ns(const struct cfg *cfg, const char *section,
			 const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_TIME,
					       false);

	return v ? v->v.u : 0;
}

/**
 * cfg_get_time_us() - value of a CFG_TIME key in microseconds
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Truncates; DAMON's own intervals are checked at load time to be whole
 * microseconds.
 *
 * Return: the duration ("max" stays UINT64_MAX; 0 if unset).
 */
uint64_t cfg_get_time_us(const struct cfg *cfg, const char *section,
			 const char *key)
{
	uint64_t ns = cfg_get_time_ns(cfg, section, key);

	return ns == UINT64_MAX ? ns : ns / UNITS_NS_PER_US;
}

/**
 * cfg_get_size() - value of a CFG_SIZE key in bytes
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the size ("max" is UINT64_MAX; 0 if unset).
 */
uint64_t cfg_get_size(const struct cfg *cfg, const char *section,
		      const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_SIZE,
					       false);

	return v ? v->v.u : 0;
}

/**
 * cfg_get_percent_bp() - value of a CFG_PERCENT key in basis points
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: 0..10000 (0 if unset).
 */
uint32_t cfg_get_percent_bp(const struct cfg *cfg, const char *section,
			    const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key,
					       CFG_PERCENT, false);

	return v ? v->v.bp : 0;
}

/**
 * cfg_get_enum() - value of a CFG_ENUM key
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the chosen word (a pointer into the key's word table, so it can
 * be compared by address or strcmp), or NULL if unset.
 */
const char *cfg_get_enum(const struct cfg *cfg, const char *section,
			 const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_ENUM,
					       false);
	const char *const *w;
	char *t;

	if (!v)
		return NULL;
	t = g_strstrip(g_strdup(v->text));
	for (w = v->key->words; *w && strcmp(*w, t); w++)
		;
	g_free(t);
	return *w;
}

/**
 * cfg_get_count() - value of a CFG_COUNT key
 * @cfg:     configuration
 * @section: instance name
 * @key:     key
 *
 * Return: the bound in the unit it was written in (zero samples if
 * unset); converting percent or time to samples needs the DAMON
 * intervals and is the caller's job.
 */
struct units_count cfg_get_count(const struct cfg *cfg, const char *section,
				 const char *key)
{
	const struct cfg_value *v = cfg_lookup(cfg, section, key, CFG_COUNT,
					       false);
	struct units_count zero = { UNITS_COUNT_SAMPLES, 0 };

	return v ? v->v.c : zero;
}

static const struct cfg_value *cfg_lookup_list(const struct cfg *cfg,
					       const char *section,
					       const char *key)
{
	const struct cfg_inst *inst = cfg_find_inst(cfg, section);
	const struct cfg_value *val = inst ? cfg_inst_find(inst, key) : NULL;

	if (!val || !val->key || !(val->key->flags & CFG_LIST)) {
		g_critical("config: [%s] %s is not a declared list", section,
			   key);
		return NULL;
	}
	return val->text ? val : NULL;
}

/**
 * cfg_get_u64_list() - value of a numeric list key
 * @cfg:     configuration
 * @section: instance name
 * @key:     a CFG_LIST key of type uint, int, time (ns), size or percent
 * @n:       number of elements
 *
 * Return: the elements (owned by @cfg), or NULL with *@n = 0 if unset or
 * not numeric.
 */
const uint64_t *cfg_get_u64_list(const struct cfg *cfg, const char *section,
				 const char *key, size_t *n)
{
	const struct cfg_value *v = cfg_lookup_list(cfg, section, key);

	*n = 0;
	if (!v || !v->u64s)
		return NULL;
	*n = v->nlist;
	return (const uint64_t *)(const void *)v->u64s->data;
}

/**
 * cfg_get_str_list() - value of a string or enum list key
 * @cfg:     configuration
 * @section: instance name
 * @key:     a CFG_LIST key of type string or enum
 * @n:       number of elements
 *
 * Return: NULL-terminated trimmed words (owned by @cfg), or NULL with
 * *@n = 0 if unset or not a word list.
 */
const char *const *cfg_get_str_list(const struct cfg *cfg,
				    const char *section, const char *key,
				    size_t *n)
{
	const struct cfg_value *v = cfg_lookup_list(cfg, section, key);

	*n = 0;
	if (!v || !v->strs)
		return NULL;
	*n = v->nlist;
	return (const char *const *)v->strs;
}

/**
 * cfg_resolve_path() - resolve a path written in the scenario
 * @cfg:  configuration
 * @path: path as written
 *
 * Return: @path unchanged if absolute or if the scenario came from memory,
 * otherwise @path relative to the scenario file's directory.  Free with
 * g_free().
 */
char *cfg_resolve_path(const struct cfg *cfg, const char *path)
{
	if (!cfg->dir || g_path_is_absolute(path))
		return g_strdup(path);
	return g_build_filename(cfg->dir, path, NULL);
}

/**
 * cfg_parse_source() - split a [workload] source value
 * @text:  "trace:PATH", "masim:PATH", "gen:NAME" (or "generator:NAME"), or
 *         without a prefix: a *.dst path is a trace, a *.cfg or *.masim
 *         path a masim config, and a plain word a generator name
 * @kind:  result kind
 * @value: result path or name (free with g_free())
 * @err:   error location (one line naming the text)
 *
 * Return: 0 or -EINVAL.
 */
int cfg_parse_source(const char *text, enum cfg_source_kind *kind,
		     char **value, GError **err)
{
	static const struct {
		const char *prefix;
		enum cfg_source_kind kind;
	} prefixes[] = {
		{ "trace:", CFG_SOURCE_TRACE },
		{ "masim:", CFG_SOURCE_MASIM },
		{ "gen:", CFG_SOURCE_GENERATOR },
		{ "generator:", CFG_SOURCE_GENERATOR },
	};
	char *t = g_strstrip(g_strdup(text));
	const char *p;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(prefixes); i++) {
		if (g_str_has_prefix(t, prefixes[i].prefix)) {
			*kind = prefixes[i].kind;
			*value = g_strdup(g_strchug(t +
					  strlen(prefixes[i].prefix)));
			g_free(t);
			goto check;
		}
	}
	*value = t;
	if (g_str_has_suffix(t, ".dst")) {
		*kind = CFG_SOURCE_TRACE;
	} else if (g_str_has_suffix(t, ".cfg") ||
		   g_str_has_suffix(t, ".masim")) {
		*kind = CFG_SOURCE_MASIM;
	} else {
		for (p = t; *p; p++)
			if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-')
				break;
		if (*p || !*t) {
			g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
				    "\"%s\": expected trace:PATH, masim:PATH or gen:NAME",
				    text);
			g_clear_pointer(value, g_free);
			return -EINVAL;
		}
		*kind = CFG_SOURCE_GENERATOR;
	}
check:
	if (!**value) {
		g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
			    "\"%s\": empty path or name", text);
		g_clear_pointer(value, g_free);
		return -EINVAL;
	}
	return 0;
}

/* ---- dump ---------------------------------------------------------------- */

static void cfg_dump_value(GString *out, const struct cfg_value *val)
{
	char *text = cfg_value_format(val);
	const struct cfg_key *k = val->key;

	if (!k)
		g_string_append_printf(out, "# %s: passed through\n",
				       val->name);
	else
		g_string_append_printf(out, "# %s (default: %s)\n", k->desc,
				       k->flags & CFG_REQUIRED ? "required" :
				       !k->def ? "unset" :
				       *k->def ? k->def : "\"\"");
	if (text)
		g_string_append_printf(out, "%s =%s%s\n", val->name,
				       *text ? " " : "", text);
	else
		g_string_append_printf(out, "# %s is unset\n", val->name);
	g_free(text);
}

/**
 * cfg_dump() - the effective configuration as an ini text
 * @cfg: configuration
 *
 * Every section instance and every key, in schema order (numbered
 * instances in numeric order), each value in canonical form ("5 ms",
 * "4 KiB", "50 %") preceded by a comment with its description and
 * default.  The output depends only on the effective values, so equal
 * configurations dump byte-identically, and loading the dump gives the
 * same configuration again.  This is the run directory's config.ini.
 *
 * Return: new string (free with g_free()).
 */
char *cfg_dump(const struct cfg *cfg)
{
	GString *out = g_string_new(
		"# damonsim effective configuration: every key, with its\n"
		"# description and default in the comment above it.\n");
	guint i, j;

	for (i = 0; i < cfg->insts->len; i++) {
		const struct cfg_inst *inst = g_ptr_array_index(cfg->insts, i);

		g_string_append_printf(out, "\n[%s]\n", inst->name);
		for (j = 0; j < inst->values->len; j++)
			cfg_dump_value(out, g_ptr_array_index(inst->values,
							      j));
	}
	return g_string_free(out, FALSE);
}
