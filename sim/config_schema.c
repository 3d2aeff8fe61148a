// SPDX-License-Identifier: GPL-2.0
/*
 * config_schema: the registry of sections and keys, and the typed parsing
 * and canonical formatting of one value.  The registry is open so that
 * each component declares its own keys where it is implemented (the
 * primitives their parameters, the cost model its costs); the loader only
 * ever consults the registry.
 */
#include <errno.h>
#include <string.h>

#include "sim/config_priv.h"

G_DEFINE_QUARK(damonsim-config-error-quark, cfg_error)

static void cfg_section_free(gpointer p)
{
	struct cfg_section *sec = p;
	guint i;

	for (i = 0; i < sec->types->len; i++) {
		struct cfg_type_entry *t = g_ptr_array_index(sec->types, i);

		g_free(t->name);
		g_free(t->desc);
		g_free(t);
	}
	g_ptr_array_free(sec->types, TRUE);
	g_array_free(sec->keysets, TRUE);
	g_free(sec->default_type);
	g_free(sec->name);
	g_free(sec->desc);
	g_free(sec);
}

/**
 * cfg_schema_new() - create an empty schema
 *
 * Return: a schema with no sections; free with cfg_schema_free().
 */
struct cfg_schema *cfg_schema_new(void)
{
	struct cfg_schema *schema = g_new0(struct cfg_schema, 1);

	schema->sections = g_ptr_array_new_with_free_func(cfg_section_free);
	return schema;
}

/**
 * cfg_schema_free() - free a schema
 * @schema: schema, or NULL
 *
 * Configurations loaded with it must be freed first.
 */
void cfg_schema_free(struct cfg_schema *schema)
{
	if (!schema)
		return;
	g_ptr_array_free(schema->sections, TRUE);
	g_free(schema);
}

static struct cfg_section *cfg_schema_section(const struct cfg_schema *schema,
					      const char *name)
{
	guint i;

	for (i = 0; i < schema->sections->len; i++) {
		struct cfg_section *sec = g_ptr_array_index(schema->sections,
							    i);

		if (!strcmp(sec->name, name))
			return sec;
	}
	return NULL;
}

static bool cfg_is_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && *s != '_' && *s != '-')
			return false;
	return true;
}

/**
 * cfg_schema_add_section() - declare a section
 * @schema: schema
 * @name:   section name ([name], or the prefix of [name.ID])
 * @flags:  CFG_SECTION_PLAIN and/or CFG_SECTION_REPEATED, optionally
 *          CFG_SECTION_NUMBERED (IDs are numbers) and CFG_SECTION_TYPED
 *          (a "type" key selects extra keys registered per type)
 * @desc:   one-line description
 *
 * Sections are dumped in the order they are declared.
 *
 * Return: 0, -EEXIST if already declared, -EINVAL for a bad name/flags.
 */
int cfg_schema_add_section(struct cfg_schema *schema, const char *name,
			   unsigned int flags, const char *desc)
{
	struct cfg_section *sec;

	if (!cfg_is_name(name) ||
	    !(flags & (CFG_SECTION_PLAIN | CFG_SECTION_REPEATED)))
		return -EINVAL;
	if (cfg_schema_section(schema, name))
		return -EEXIST;
	sec = g_new0(struct cfg_section, 1);
	sec->name = g_strdup(name);
	sec->desc = g_strdup(desc ? desc : "");
	sec->flags = flags;
	sec->keysets = g_array_new(FALSE, FALSE, sizeof(struct cfg_keyset));
	sec->types = g_ptr_array_new();
	g_ptr_array_add(schema->sections, sec);
	return 0;
}

static bool cfg_keys_clash(const struct cfg_section *sec,
			   const struct cfg_key *keys, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!cfg_is_name(keys[i].name))
			return true;
		if (cfg_section_find_key(sec, NULL, keys[i].name))
			return true;
		for (j = 0; j < i; j++)
			if (!strcmp(keys[i].name, keys[j].name))
				return true;
	}
	return false;
}

/**
 * cfg_schema_add_keys() - declare keys of a section
 * @schema:  schema
 * @section: a declared section
 * @keys:    key table; must stay valid while the schema is used
 * @n:       number of keys
 *
 * May be called several times for one section (e.g. [cost] gets keys from
 * each cost-model component).
 *
 * Return: 0, -ENOENT for an unknown section, -EEXIST if a key is already
 * declared there, -EINVAL for a bad key name.
 */
int cfg_schema_add_keys(struct cfg_schema *schema, const char *section,
			const struct cfg_key *keys, size_t n)
{
	struct cfg_section *sec = cfg_schema_section(schema, section);
	struct cfg_keyset set = { keys, n };

	if (!sec)
		return -ENOENT;
	if (cfg_keys_clash(sec, keys, n))
		return -EEXIST;
	g_array_append_val(sec->keysets, set);
	return 0;
}

/**
 * cfg_schema_add_type() - register a type of a typed section
 * @schema:  schema
 * @section: a section declared with CFG_SECTION_TYPED
 * @type:    type name, the value of its "type" key (e.g. "perf")
 * @desc:    one-line description
 * @keys:    keys valid for this type only; must stay valid
 * @n:       number of keys
 *
 * This is how a primitive declares its parameters: one call from its own
 * file, no central list to edit.
 *
 * Return: 0, -ENOENT for an unknown or untyped section, -EEXIST for a
 * duplicate type, -EINVAL for a bad name.
 */
int cfg_schema_add_type(struct cfg_schema *schema, const char *section,
			const char *type, const char *desc,
			const struct cfg_key *keys, size_t n)
{
	struct cfg_section *sec = cfg_schema_section(schema, section);
	struct cfg_type_entry *t;
	size_t i;

	if (!sec || !(sec->flags & CFG_SECTION_TYPED))
		return -ENOENT;
	if (!cfg_is_name(type))
		return -EINVAL;
	if (cfg_section_find_type(sec, type))
		return -EEXIST;
	for (i = 0; i < n; i++)
		if (!cfg_is_name(keys[i].name) ||
		    cfg_section_find_key(sec, NULL, keys[i].name))
			return -EEXIST;
	t = g_new0(struct cfg_type_entry, 1);
	t->name = g_strdup(type);
	t->desc = g_strdup(desc ? desc : "");
	t->keys.keys = keys;
	t->keys.n = n;
	g_ptr_array_add(sec->types, t);
	return 0;
}

/**
 * cfg_schema_set_default_type() - type used when "type" is not given
 * @schema:  schema
 * @section: a typed section
 * @type:    type name; it need not be registered yet
 *
 * For [section.ID] instances, an ID naming a registered type wins over
 * this default ([primitive.perf] is of type perf).
 *
 * Return: 0 or -ENOENT.
 */
int cfg_schema_set_default_type(struct cfg_schema *schema,
				const char *section, const char *type)
{
	struct cfg_section *sec = cfg_schema_section(schema, section);

	if (!sec || !(sec->flags & CFG_SECTION_TYPED))
		return -ENOENT;
	g_free(sec->default_type);
	sec->default_type = g_strdup(type);
	return 0;
}

/**
 * cfg_schema_set_check() - install a cross-key check for a section
 * @schema:  schema
 * @section: section
 * @check:   called once per instance after all values are parsed
 *
 * Return: 0 or -ENOENT.
 */
int cfg_schema_set_check(struct cfg_schema *schema, const char *section,
			 cfg_check_fn check)
{
	struct cfg_section *sec = cfg_schema_section(schema, section);

	if (!sec)
		return -ENOENT;
	sec->check = check;
	return 0;
}

/**
 * cfg_schema_set_passthrough() - accept undeclared keys through a callback
 * @schema:  schema
 * @section: section (e.g. "workload", for generator parameters)
 * @fn:      validator called for each undeclared key, or NULL to accept
 *           them all unchecked
 * @data:    passed to @fn
 *
 * Without this, undeclared keys are errors.
 *
 * Return: 0 or -ENOENT.
 */
int cfg_schema_set_passthrough(struct cfg_schema *schema,
			       const char *section, cfg_passthrough_fn fn,
			       void *data)
{
	struct cfg_section *sec = cfg_schema_section(schema, section);

	if (!sec)
		return -ENOENT;
	/* A NULL fn still marks the section as passing keys through. */
	sec->passthrough = true;
	sec->pass = fn;
	sec->pass_data = data;
	return 0;
}

/* ---- lookups (internal) -------------------------------------------- */

/*
 * Find the section a group header names: [damon] exactly, or [scheme.3]
 * as an instance of a repeated section (@id then points into @group).
 */
const struct cfg_section *cfg_schema_find(const struct cfg_schema *schema,
					  const char *group, const char **id)
{
	const struct cfg_section *sec;
	const char *dot = strchr(group, '.');
	char *base;

	*id = NULL;
	if (!dot) {
		sec = cfg_schema_section(schema, group);
		return sec && (sec->flags & CFG_SECTION_PLAIN) ? sec : NULL;
	}
	base = g_strndup(group, (gsize)(dot - group));
	sec = cfg_schema_section(schema, base);
	g_free(base);
	if (!sec || !(sec->flags & CFG_SECTION_REPEATED) ||
	    !cfg_is_name(dot + 1))
		return NULL;
	if (sec->flags & CFG_SECTION_NUMBERED) {
		const char *p;

		for (p = dot + 1; *p; p++)
			if (!g_ascii_isdigit(*p))
				return NULL;
	}
	*id = dot + 1;
	return sec;
}

const struct cfg_type_entry *cfg_section_find_type(
	const struct cfg_section *sec, const char *type)
{
	guint i;

	for (i = 0; i < sec->types->len; i++) {
		const struct cfg_type_entry *t = g_ptr_array_index(sec->types,
								   i);

		if (!strcmp(t->name, type))
			return t;
	}
	return NULL;
}

static const struct cfg_key *cfg_keyset_find(const struct cfg_keyset *set,
					     const char *key)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->keys[i].name, key))
			return &set->keys[i];
	return NULL;
}

/* A key of the section itself, or of the given type (may be NULL). */
const struct cfg_key *cfg_section_find_key(const struct cfg_section *sec,
					   const struct cfg_type_entry *type,
					   const char *key)
{
	const struct cfg_key *k;
	guint i;

	for (i = 0; i < sec->keysets->len; i++) {
		k = cfg_keyset_find(
			&g_array_index(sec->keysets, struct cfg_keyset, i),
			key);
		if (k)
			return k;
	}
	return type ? cfg_keyset_find(&type->keys, key) : NULL;
}

/* ---- one value -------------------------------------------------------- */

static int cfg_parse_enum(const struct cfg_key *key, const char *text,
			  const char **word, GError **err)
{
	const char *const *w;
	char *t = g_strstrip(g_strdup(text));
	GString *all;

	for (w = key->words; w && *w; w++) {
		if (!strcmp(*w, t)) {
			*word = *w;
			g_free(t);
			return 0;
		}
	}
	g_free(t);
	all = g_string_new(NULL);
	for (w = key->words; w && *w; w++)
		g_string_append_printf(all, "%s%s", w == key->words ? "" : ", ",
				       *w);
	g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
		    "\"%s\": expected one of %s", text, all->str);
	g_string_free(all, TRUE);
	return -EINVAL;
}

/* Parse one scalar of @key's type into @val's union. */
static int cfg_parse_scalar(const struct cfg_key *key, const char *text,
			    struct cfg_value *val, GError **err)
{
	const char *word;

	switch (key->type) {
	case CFG_INT:
		return units_parse_int(text, &val->v.i, err);
	case CFG_UINT:
		return units_parse_uint(text, &val->v.u, err);
	case CFG_BOOL:
		return units_parse_bool(text, &val->v.b, err);
	case CFG_TIME:
		return units_parse_time_ns(text, key->bare_unit_ns, &val->v.u,
					   err);
	case CFG_SIZE:
		return units_parse_size(text, &val->v.u, err);
	case CFG_PERCENT:
		return units_parse_percent_bp(text, &val->v.bp, err);
	case CFG_COUNT:
		return units_parse_count(text, key->count_kinds, &val->v.c,
					 err);
	case CFG_ENUM:
		return cfg_parse_enum(key, text, &word, err);
	case CFG_STRING:
		return 0;
	}
	return -EINVAL;
}

static int cfg_parse_list(const struct cfg_key *key, const char *text,
			  struct cfg_value *val, GError **err)
{
	char **parts = g_strsplit(text, ",", -1);
	bool numeric = key->type != CFG_STRING && key->type != CFG_ENUM;
	guint n = g_strv_length(parts), i;
	int ret = 0;

	/* An empty value is an empty list; "a,,b" is a mistake. */
	if (n == 1 && !*g_strstrip(parts[0]))
		n = 0;
	val->u64s = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	for (i = 0; i < n && !ret; i++) {
		struct cfg_value tmp = { 0 };

		g_strstrip(parts[i]);
		if (!*parts[i]) {
			g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
				    "\"%s\": empty list element %u", text,
				    i + 1);
			ret = -EINVAL;
			break;
		}
		ret = cfg_parse_scalar(key, parts[i], &tmp, err);
		if (!ret && numeric)
			g_array_append_val(val->u64s, tmp.v.u);
	}
	if (ret) {
		g_strfreev(parts);
		return ret;
	}
	if (!numeric) {
		/* Keep only the n trimmed words. */
		for (i = n; parts[i]; i++)
			g_clear_pointer(&parts[i], g_free);
		val->strs = parts;
	} else {
		g_strfreev(parts);
	}
	val->nlist = n;
	return 0;
}

/*
 * Parse @text for @key into @val (its previous parsed contents are
 * released).  Returns 0 or a negative errno with a one-line @err that
 * names the value and the problem, but not where it came from.
 */
int cfg_parse_value(const struct cfg_key *key, const char *text,
		    struct cfg_value *val, GError **err)
{
	if (val->u64s)
		g_array_free(val->u64s, TRUE);
	val->u64s = NULL;
	g_clear_pointer(&val->strs, g_strfreev);
	val->nlist = 0;
	memset(&val->v, 0, sizeof(val->v));
	if (key->flags & CFG_LIST)
		return cfg_parse_list(key, text, val, err);
	return cfg_parse_scalar(key, text, val, err);
}

void cfg_value_free(struct cfg_value *val)
{
	if (!val)
		return;
	if (val->u64s)
		g_array_free(val->u64s, TRUE);
	g_strfreev(val->strs);
	g_free(val->name);
	g_free(val->text);
	g_free(val);
}

/* GKeyFile escapes, so a dumped string reads back as the same string. */
static void cfg_append_escaped(GString *out, const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		if (*p == '\\')
			g_string_append(out, "\\\\");
		else if (*p == '\n')
			g_string_append(out, "\\n");
		else if (*p == '\t')
			g_string_append(out, "\\t");
		else if (*p == '\r')
			g_string_append(out, "\\r");
		else if (*p == ' ' && p == s)
			g_string_append(out, "\\s");
		else
			g_string_append_c(out, *p);
	}
}

static void cfg_format_scalar(GString *out, const struct cfg_key *key,
			      uint64_t u, const struct cfg_value *val,
			      const char *word)
{
	char buf[UNITS_FMT_LEN];

	switch (key->type) {
	case CFG_INT:
		g_string_append_printf(out, "%" G_GINT64_FORMAT, (int64_t)u);
		return;
	case CFG_UINT:
		g_string_append(out, units_format_uint(u, buf));
		return;
	case CFG_BOOL:
		g_string_append(out, val->v.b ? "yes" : "no");
		return;
	case CFG_TIME:
		g_string_append(out, units_format_time_exact(u, buf));
		return;
	case CFG_SIZE:
		g_string_append(out, units_format_size_exact(u, buf));
		return;
	case CFG_PERCENT:
		g_string_append(out, units_format_percent_bp(val->v.bp, buf));
		return;
	case CFG_COUNT:
		g_string_append(out, units_format_count(&val->v.c, buf));
		return;
	case CFG_ENUM:
	case CFG_STRING:
		cfg_append_escaped(out, word);
		return;
	}
}

/*
 * The canonical text of a parsed value: what a dump writes, and what reads
 * back to the same value.  Returns NULL for an unset optional key.
 */
char *cfg_value_format(const struct cfg_value *val)
{
	GString *out;
	size_t i;

	if (!val->text)
		return NULL;
	out = g_string_new(NULL);
	if (!val->key) {
		cfg_append_escaped(out, val->text);
	} else if (val->key->flags & CFG_LIST) {
		for (i = 0; i < val->nlist; i++) {
			if (i)
				g_string_append(out, ", ");
			if (val->strs)
				cfg_format_scalar(out, val->key, 0, val,
						  val->strs[i]);
			else
				cfg_format_scalar(out, val->key,
						  g_array_index(val->u64s,
								uint64_t, i),
						  val, NULL);
		}
	} else {
		char *t = g_strstrip(g_strdup(val->text));
		bool is_int = val->key->type == CFG_INT;
		bool is_str = val->key->type == CFG_STRING;

		cfg_format_scalar(out, val->key,
				  is_int ? (uint64_t)val->v.i : val->v.u, val,
				  is_str ? val->text : t);
		g_free(t);
	}
	return g_string_free(out, FALSE);
}

/* ---- self-check and description -------------------------------------- */

static int cfg_validate_key(const char *where, const struct cfg_key *k,
			    GError **err)
{
	struct cfg_value tmp = { 0 };
	GError *local = NULL;
	int ret;

	if (!k->desc || !*k->desc) {
		g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
			    "[%s] %s: no description", where, k->name);
		return -EINVAL;
	}
	if (k->type == CFG_ENUM && (!k->words || !k->words[0])) {
		g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
			    "[%s] %s: enum without words", where, k->name);
		return -EINVAL;
	}
	if (!k->def)
		return 0;
	ret = cfg_parse_value(k, k->def, &tmp, &local);
	if (tmp.u64s)
		g_array_free(tmp.u64s, TRUE);
	g_strfreev(tmp.strs);
	if (ret) {
		g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
			    "[%s] %s: bad default: %s", where, k->name,
			    local->message);
		g_error_free(local);
	}
	return ret;
}

/**
 * cfg_schema_validate() - check a schema's own declarations
 * @schema: schema
 * @err:    error location
 *
 * Every key needs a description, every enum its words, and every default
 * must parse as its type.  Tests run this over the full damonsim schema
 * (with all registered types) so a bad default is caught at build time.
 *
 * Return: 0 or -EINVAL.
 */
int cfg_schema_validate(const struct cfg_schema *schema, GError **err)
{
	guint i, j;
	size_t k;

	for (i = 0; i < schema->sections->len; i++) {
		const struct cfg_section *sec =
			g_ptr_array_index(schema->sections, i);

		for (j = 0; j < sec->keysets->len; j++) {
			const struct cfg_keyset *set = &g_array_index(
				sec->keysets, struct cfg_keyset, j);

			for (k = 0; k < set->n; k++)
				if (cfg_validate_key(sec->name,
						     &set->keys[k], err))
					return -EINVAL;
		}
		for (j = 0; j < sec->types->len; j++) {
			const struct cfg_type_entry *t =
				g_ptr_array_index(sec->types, j);

			for (k = 0; k < t->keys.n; k++)
				if (cfg_validate_key(sec->name,
						     &t->keys.keys[k], err))
					return -EINVAL;
		}
	}
	return 0;
}

static const char *const cfg_type_names[] = {
	[CFG_INT] = "int", [CFG_UINT] = "uint", [CFG_BOOL] = "bool",
	[CFG_STRING] = "string", [CFG_TIME] = "time", [CFG_SIZE] = "size",
	[CFG_PERCENT] = "percent", [CFG_ENUM] = "enum", [CFG_COUNT] = "count",
};

static void cfg_describe_keys(GString *out, const struct cfg_key *keys,
			      size_t n)
{
	const char *const *w;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct cfg_key *k = &keys[i];

		g_string_append_printf(out, "| `%s` | %s%s", k->name,
				       cfg_type_names[k->type],
				       k->flags & CFG_LIST ? " list" : "");
		for (w = k->words; k->type == CFG_ENUM && w && *w; w++)
			g_string_append_printf(out, "%s%s",
					       w == k->words ? ": " : " \\| ",
					       *w);
		g_string_append_printf(out, " | %s | %s |\n",
				       k->flags & CFG_REQUIRED ? "(required)" :
				       k->def ? k->def : "(unset)",
				       k->desc);
	}
}

#define CFG_TABLE_HEAD                                                        \
	"| key | type | default | description |\n"                            \
	"|-----|------|---------|-------------|\n"

/**
 * cfg_schema_describe() - the key reference as Markdown tables
 * @schema: schema
 *
 * One table per section and per registered type, in declaration order;
 * docs/config.md embeds this output so the reference cannot drift from
 * the code.
 *
 * Return: new string (free with g_string_free()).
 */
GString *cfg_schema_describe(const struct cfg_schema *schema)
{
	GString *out = g_string_new(NULL);
	guint i, j;

	for (i = 0; i < schema->sections->len; i++) {
		const struct cfg_section *sec =
			g_ptr_array_index(schema->sections, i);

		g_string_append_printf(out, "### [%s%s]\n\n%s\n\n", sec->name,
				       sec->flags & CFG_SECTION_PLAIN ? "" :
				       sec->flags & CFG_SECTION_NUMBERED ?
							".N" : ".NAME",
				       sec->desc);
		g_string_append(out, CFG_TABLE_HEAD);
		for (j = 0; j < sec->keysets->len; j++) {
			const struct cfg_keyset *set = &g_array_index(
				sec->keysets, struct cfg_keyset, j);

			cfg_describe_keys(out, set->keys, set->n);
		}
		g_string_append_c(out, '\n');
		for (j = 0; j < sec->types->len; j++) {
			const struct cfg_type_entry *t =
				g_ptr_array_index(sec->types, j);

			g_string_append_printf(out,
					       "#### [%s] type = %s\n\n%s\n\n",
					       sec->name, t->name, t->desc);
			g_string_append(out, CFG_TABLE_HEAD);
			cfg_describe_keys(out, t->keys.keys, t->keys.n);
			g_string_append_c(out, '\n');
		}
	}
	return out;
}
