// SPDX-License-Identifier: GPL-2.0
/*
 * config_load: read a scenario into a struct cfg.
 *
 * GKeyFile parses the values (with its escapes), but it forgets where
 * things were, and it silently merges a repeated section or keeps the
 * last of a repeated key.  So the text is scanned first, here: that gives
 * every section and key its line number for messages, and turns the
 * silent merges into errors.  --set overrides are applied to the key file
 * before validation, remembering which argument set what, so a bad
 * override is blamed on the argument rather than on the file.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "sim/config_priv.h"

static char *cfg_hkey(const char *section, const char *key)
{
	return key ? g_strconcat(section, "\037", key, NULL) :
		     g_strdup(section);
}

/* "FILE:LINE: [section] key" for the place a value came from. */
static char *cfg_where(const struct cfg *cfg, const char *section,
		       const char *key)
{
	char *hkey = cfg_hkey(section, key);
	const char *origin = g_hash_table_lookup(cfg->origins, hkey);
	int line = GPOINTER_TO_INT(g_hash_table_lookup(cfg->lines, hkey));
	GString *out = g_string_new(NULL);

	/* A key that was never written is blamed on its section header. */
	if (!origin && !line && key) {
		origin = g_hash_table_lookup(cfg->origins, section);
		line = GPOINTER_TO_INT(g_hash_table_lookup(cfg->lines,
							   section));
	}
	if (origin)
		g_string_append_printf(out, "--set %s", origin);
	else if (line)
		g_string_append_printf(out, "%s:%d", cfg->name, line);
	else
		g_string_append(out, cfg->name);
	g_string_append_printf(out, ": [%s]", section);
	if (key)
		g_string_append_printf(out, " %s", key);
	g_free(hkey);
	return g_string_free(out, FALSE);
}

/**
 * cfg_blame() - the key to report a problem between keys on
 * @cfg:     configuration being loaded
 * @section: instance name
 * @key:     the key the problem is phrased for, then the others involved,
 *	     NULL-terminated
 *
 * A check between keys (max below min) has to name one of them; the user
 * wants the one they just changed.  So @key, unless only another of the
 * keys was written by a --set: then the first such other.
 *
 * Return: one of the keys.
 */
const char *cfg_blame(const struct cfg *cfg, const char *section,
		      const char *key, ...)
{
	const char *blamed = key, *k;
	char *hkey = cfg_hkey(section, key);
	va_list ap;

	if (!g_hash_table_contains(cfg->origins, hkey)) {
		va_start(ap, key);
		while ((k = va_arg(ap, const char *))) {
			g_free(hkey);
			hkey = cfg_hkey(section, k);
			if (g_hash_table_contains(cfg->origins, hkey)) {
				blamed = k;
				break;
			}
		}
		va_end(ap);
	}
	g_free(hkey);
	return blamed;
}

/**
 * cfg_blame_given() - the key to report a problem between keys on, when
 * the keys may all have defaults
 * @cfg:      configuration being loaded
 * @section:  instance name
 * @keys:     the keys involved, the one the problem is phrased for first,
 *	      NULL-terminated
 * @fallback: the key to name when none of @keys was given
 *
 * Like cfg_blame(), a key written by a --set wins; failing that, the first
 * key given in the file; failing that, @fallback (for generator
 * parameters, the source that chose the generator and so its defaults).
 *
 * Return: one of @keys, or @fallback.
 */
const char *cfg_blame_given(const struct cfg *cfg, const char *section,
			    const char *const *keys, const char *fallback)
{
	const char *const *k;
	char *hkey;
	bool by_set;

	for (k = keys; *k; k++) {
		hkey = cfg_hkey(section, *k);
		by_set = g_hash_table_contains(cfg->origins, hkey);
		g_free(hkey);
		if (by_set)
			return *k;
	}
	for (k = keys; *k; k++)
		if (cfg_is_set(cfg, section, *k))
			return *k;
	return fallback;
}

/**
 * cfg_fail() - report a problem with one key, located where it was set
 * @cfg:     configuration being loaded
 * @section: instance name ("damon", "scheme.1")
 * @key:     key name, or NULL for the section itself
 * @err:     error location
 * @fmt:     printf format of the problem
 *
 * The message is "FILE:LINE: [section] key: problem", or "--set ARG:
 * [section] key: problem" when a command-line override set the key, or
 * points at the section header when the key has its default.  For use by
 * cfg_check_fn implementations.
 *
 * Return: -EINVAL, so checks can "return cfg_fail(...)".
 */
static int cfg_failv(const struct cfg *cfg, int code, const char *section,
		     const char *key, GError **err, const char *fmt,
		     va_list ap)
{
	char *where = cfg_where(cfg, section, key);
	char *why = g_strdup_vprintf(fmt, ap);
	/* Problems quote values; a value must not break the line. */
	char *safe = units_escape(why);

	g_set_error(err, CFG_ERROR, code, "%s: %s", where, safe);
	g_free(where);
	g_free(safe);
	g_free(why);
	return -EINVAL;
}

int cfg_fail(const struct cfg *cfg, const char *section, const char *key,
	     GError **err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = cfg_failv(cfg, CFG_ERROR_VALUE, section, key, err, fmt, ap);
	va_end(ap);
	return ret;
}

/* Like cfg_fail() but with another error code (@err may be NULL). */
static int cfg_fail_code(const struct cfg *cfg, int code, const char *section,
			 const char *key, GError **err, const char *fmt, ...)
	G_GNUC_PRINTF(6, 7);

static int cfg_fail_code(const struct cfg *cfg, int code, const char *section,
			 const char *key, GError **err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = cfg_failv(cfg, code, section, key, err, fmt, ap);
	va_end(ap);
	return ret;
}

static int cfg_syntax(const struct cfg *cfg, int line, GError **err,
		      const char *fmt, ...) G_GNUC_PRINTF(4, 5);

static int cfg_syntax(const struct cfg *cfg, int line, GError **err,
		      const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	why = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(err, CFG_ERROR, CFG_ERROR_SYNTAX, "%s:%d: %s", cfg->name,
		    line, why);
	g_free(why);
	return -EINVAL;
}

/* ---- scanning ---------------------------------------------------------- */

static bool cfg_has_ctrl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return true;
	return false;
}

static int cfg_scan_group(struct cfg *cfg, char *t, int line, char **group,
			  GError **err)
{
	size_t n = strlen(t);
	gpointer first;
	char *name;

	if (t[n - 1] != ']')
		return cfg_syntax(cfg, line, err,
				  "section header must end with ']'");
	name = g_strndup(t + 1, n - 2);
	if (!*name || strpbrk(name, "[]") || cfg_has_ctrl(name)) {
		g_free(name);
		return cfg_syntax(cfg, line, err, "bad section name");
	}
	first = g_hash_table_lookup(cfg->lines, name);
	if (first) {
		cfg_syntax(cfg, line, err,
			   "[%s]: section appears twice (first at line %d)",
			   name, GPOINTER_TO_INT(first));
		g_free(name);
		return -EINVAL;
	}
	g_hash_table_insert(cfg->lines, g_strdup(name), GINT_TO_POINTER(line));
	g_free(*group);
	*group = name;
	return 0;
}

static int cfg_scan_key(struct cfg *cfg, char *t, int line,
			const char *group, GError **err)
{
	char *eq = strchr(t, '=');
	char *key, *hkey;
	gpointer first;
	int ret = 0;

	if (!eq)
		return cfg_syntax(cfg, line, err,
				  "expected [section], key = value or # comment");
	if (!group)
		return cfg_syntax(cfg, line, err,
				  "key before the first [section]");
	key = g_strstrip(g_strndup(t, (gsize)(eq - t)));
	if (!*key || strpbrk(key, "[] \t")) {
		g_free(key);
		return cfg_syntax(cfg, line, err, "[%s]: bad key name", group);
	}
	hkey = cfg_hkey(group, key);
	first = g_hash_table_lookup(cfg->lines, hkey);
	if (first) {
		ret = cfg_syntax(cfg, line, err,
				 "[%s] %s: set twice (first at line %d)",
				 group, key, GPOINTER_TO_INT(first));
		g_free(hkey);
	} else {
		g_hash_table_insert(cfg->lines, hkey, GINT_TO_POINTER(line));
	}
	g_free(key);
	return ret;
}

/* Record the line of every section and key; reject what GKeyFile hides. */
static int cfg_scan(struct cfg *cfg, const char *data, size_t len,
		    GError **err)
{
	const char *bad, *p = data, *end = data + len;
	char *group = NULL;
	int line = 0, ret = 0;
	bool bad_ctrl;

	if (!g_utf8_validate(data, (gssize)len, &bad)) {
		for (p = data; p < bad; p++)
			line += *p == '\n';
		return cfg_syntax(cfg, line + 1, err,
				  "not valid UTF-8 (or a NUL byte)");
	}
	while (p < end && !ret) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *t;

		if (!nl)
			nl = end;
		line++;
		t = g_strndup(p, (gsize)(nl - p));
		/* Check before trimming: GKeyFile keeps some of what
		 * g_strstrip() drops (a trailing form feed, found by
		 * fuzzing).  A CR of a CRLF line end is fine. */
		if (nl > p && nl[-1] == '\r')
			t[nl - p - 1] = '\0';
		bad_ctrl = cfg_has_ctrl(t);
		g_strstrip(t);
		if (bad_ctrl)
			ret = cfg_syntax(cfg, line, err, "control character");
		else if (!*t || *t == '#')
			;
		else if (*t == '[')
			ret = cfg_scan_group(cfg, t, line, &group, err);
		else
			ret = cfg_scan_key(cfg, t, line, group, err);
		g_free(t);
		p = nl + 1;
	}
	g_free(group);
	return ret;
}

/* ---- --set ------------------------------------------------------------ */

static bool cfg_set_name_ok(const char *s, bool dots)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && *s != '_' && *s != '-' &&
		    !(dots && *s == '.'))
			return false;
	return true;
}

static int cfg_apply_set(struct cfg *cfg, GKeyFile *kf, const char *arg,
			 GError **err)
{
	const char *eq = strchr(arg, '=');
	char *lhs = NULL, *dot = NULL, *value, *safe;
	int ret = 0;

	if (eq) {
		/* "damon.ops = paddr" (quoted with blanks) means the same. */
		lhs = g_strstrip(g_strndup(arg, (gsize)(eq - arg)));
		dot = strrchr(lhs, '.');
	}
	if (!dot || dot == lhs || !cfg_set_name_ok(dot + 1, false)) {
		ret = -EINVAL;
	} else {
		*dot = '\0';
		if (!cfg_set_name_ok(lhs, true))
			ret = -EINVAL;
	}
	safe = units_escape(arg);
	if (ret) {
		g_set_error(err, CFG_ERROR, CFG_ERROR_SYNTAX,
			    "--set %s: expected section.key=value", safe);
	} else if (cfg_has_ctrl(eq + 1)) {
		g_set_error(err, CFG_ERROR, CFG_ERROR_SYNTAX,
			    "--set %s: control character in the value", safe);
		ret = -EINVAL;
	} else {
		if (!g_key_file_has_group(kf, lhs))
			g_hash_table_insert(cfg->origins, g_strdup(lhs),
					    g_strdup(arg));
		value = g_strchug(g_strdup(eq + 1));
		g_key_file_set_value(kf, lhs, dot + 1, value);
		g_hash_table_insert(cfg->origins, cfg_hkey(lhs, dot + 1),
				    g_strdup(arg));
		g_free(value);
	}
	g_free(safe);
	g_free(lhs);
	return ret;
}

/* ---- building instances ----------------------------------------------- */

/*
 * GKeyFile's value escapes (\s \n \t \r \\), undone here rather than
 * with g_key_file_get_string(), which in GLib 2.74 sets its GError twice
 * for a value ending in a backslash (found by fuzzing).
 */
static char *cfg_unescape(const char *raw, GError **err)
{
	GString *out = g_string_new(NULL);
	const char *p;

	for (p = raw; *p; p++) {
		if (*p != '\\') {
			g_string_append_c(out, *p);
			continue;
		}
		switch (*++p) {
		case 's': g_string_append_c(out, ' '); break;
		case 'n': g_string_append_c(out, '\n'); break;
		case 't': g_string_append_c(out, '\t'); break;
		case 'r': g_string_append_c(out, '\r'); break;
		case '\\': g_string_append_c(out, '\\'); break;
		default:
			g_set_error(err, CFG_ERROR, CFG_ERROR_VALUE,
				    *p ? "invalid escape \"\\%c\"" :
					 "backslash at the end of the value",
				    *p);
			g_string_free(out, TRUE);
			return NULL;
		}
	}
	return g_string_free(out, FALSE);
}

static char *cfg_get_unescaped(GKeyFile *kf, const char *group,
			       const char *key, GError **err)
{
	char *raw = g_key_file_get_value(kf, group, key, NULL);
	char *text;

	if (!raw)
		return NULL;
	text = cfg_unescape(raw, err);
	g_free(raw);
	return text;
}

static void cfg_inst_free(gpointer p)
{
	struct cfg_inst *inst = p;

	g_ptr_array_free(inst->values, TRUE);
	g_free(inst->name);
	g_free(inst->id);
	g_free(inst);
}

static char *cfg_known_sections(const struct cfg_schema *schema)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < schema->sections->len; i++) {
		const struct cfg_section *sec =
			g_ptr_array_index(schema->sections, i);

		if (sec->flags & CFG_SECTION_PLAIN)
			g_string_append_printf(s, "%s%s", s->len ? ", " : "",
					       sec->name);
		if (sec->flags & CFG_SECTION_REPEATED)
			g_string_append_printf(
				s, "%s%s.%s", s->len ? ", " : "", sec->name,
				sec->flags & CFG_SECTION_NUMBERED ? "N" :
								    "NAME");
	}
	return g_string_free(s, FALSE);
}

static void cfg_known_keyset(GString *s, const struct cfg_key *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		g_string_append_printf(s, "%s%s", s->len ? ", " : "",
				       keys[i].name);
}

static char *cfg_known_keys(const struct cfg_inst *inst)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < inst->sec->keysets->len; i++) {
		const struct cfg_keyset *set = &g_array_index(
			inst->sec->keysets, struct cfg_keyset, i);

		cfg_known_keyset(s, set->keys, set->n);
	}
	if (inst->type)
		cfg_known_keyset(s, inst->type->keys.keys,
				 inst->type->keys.n);
	if (!s->len)
		g_string_append(s, "none");
	return g_string_free(s, FALSE);
}

static char *cfg_known_types(const struct cfg_section *sec)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < sec->types->len; i++) {
		const struct cfg_type_entry *t = g_ptr_array_index(sec->types,
								   i);

		g_string_append_printf(s, "%s%s", i ? ", " : "", t->name);
	}
	if (!s->len)
		g_string_append(s, "none registered");
	return g_string_free(s, FALSE);
}

/* Decide the type of an instance of a typed section. */
static int cfg_inst_type(struct cfg *cfg, struct cfg_inst *inst,
			 GKeyFile *kf, GError **err)
{
	const struct cfg_section *sec = inst->sec;
	char *name = cfg_get_unescaped(kf, inst->name, "type", NULL);
	char *known;
	int ret = 0;

	if (name)
		g_strstrip(name);
	else if (inst->id && cfg_section_find_type(sec, inst->id))
		name = g_strdup(inst->id);
	else if (sec->default_type)
		name = g_strdup(sec->default_type);
	if (!name) {
		known = cfg_known_types(sec);
		ret = cfg_fail_code(cfg, CFG_ERROR_MISSING, inst->name, "type",
				    err,
				    "required key not set (known types: %s)",
				    known);
		g_free(known);
		return ret;
	}
	inst->type = cfg_section_find_type(sec, name);
	if (!inst->type) {
		known = cfg_known_types(sec);
		ret = cfg_fail_code(cfg, CFG_ERROR_UNKNOWN, inst->name, "type",
				    err, "unknown type \"%s\" (known: %s)",
				    name, known);
		g_free(known);
	}
	g_free(name);
	return ret;
}

static struct cfg_value *cfg_value_new(const struct cfg_key *key,
				       const char *name)
{
	struct cfg_value *val = g_new0(struct cfg_value, 1);

	val->key = key;
	val->name = g_strdup(name);
	return val;
}

static int cfg_inst_parse(struct cfg *cfg, struct cfg_inst *inst,
			  struct cfg_value *val, const char *text,
			  GError **err)
{
	GError *local = NULL;

	g_free(val->text);
	val->text = g_strdup(text);
	if (!val->key || !cfg_parse_value(val->key, text, val, &local))
		return 0;
	cfg_fail(cfg, inst->name, val->name, err, "%s", local->message);
	g_error_free(local);
	return -EINVAL;
}

/* Add every declared key of a key table, in declaration order. */
static int cfg_inst_declared(struct cfg *cfg, struct cfg_inst *inst,
			     GHashTable *given, const struct cfg_key *keys,
			     size_t n, GError **err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct cfg_key *k = &keys[i];
		struct cfg_value *val = cfg_value_new(k, k->name);
		const char *text = k->def;
		gpointer owned = NULL;
		int ret = 0;

		g_ptr_array_add(inst->values, val);
		if (g_hash_table_steal_extended(given, k->name, NULL, &owned)) {
			val->set = true;
			text = owned;
		} else if (k->flags & CFG_REQUIRED) {
			return cfg_fail_code(cfg, CFG_ERROR_MISSING,
					     inst->name, k->name, err, "%s",
					     "required key not set");
		}
		if (text)
			ret = cfg_inst_parse(cfg, inst, val, text, err);
		g_free(owned);
		if (ret)
			return ret;
	}
	return 0;
}

/* Read the group's keys; check each is known; build the value list. */
static int cfg_inst_fill(struct cfg *cfg, struct cfg_inst *inst,
			 GKeyFile *kf, GError **err)
{
	GHashTable *given = g_hash_table_new_full(g_str_hash, g_str_equal,
						  NULL, g_free);
	gchar **keys = g_key_file_get_keys(kf, inst->name, NULL, NULL);
	GPtrArray *extras = g_ptr_array_new();
	int ret = 0;
	guint i;

	for (i = 0; keys && keys[i] && !ret; i++) {
		GError *local = NULL;
		char *text = cfg_get_unescaped(kf, inst->name, keys[i],
						&local);
		char *known;

		if (!text) {
			ret = cfg_fail(cfg, inst->name, keys[i], err, "%s",
				       local->message);
			g_error_free(local);
		} else if (cfg_section_find_key(inst->sec, inst->type,
						keys[i])) {
			g_hash_table_insert(given, keys[i], text);
		} else if (inst->sec->passthrough) {
			struct cfg_value *val = cfg_value_new(NULL, keys[i]);

			val->text = text;
			val->set = true;
			g_ptr_array_add(extras, val);
		} else {
			known = cfg_known_keys(inst);
			ret = cfg_fail_code(cfg, CFG_ERROR_UNKNOWN,
					    inst->name, keys[i], err,
					    "unknown key (known: %s)", known);
			g_free(known);
			g_free(text);
		}
	}
	for (i = 0; !ret && i < inst->sec->keysets->len; i++) {
		const struct cfg_keyset *set = &g_array_index(
			inst->sec->keysets, struct cfg_keyset, i);

		ret = cfg_inst_declared(cfg, inst, given, set->keys, set->n,
					err);
	}
	if (!ret && inst->type)
		ret = cfg_inst_declared(cfg, inst, given,
					inst->type->keys.keys,
					inst->type->keys.n, err);
	if (!ret && inst->type) {
		/* Record the type chosen by default, so dumps name it. */
		struct cfg_value *tv = cfg_inst_find(inst, "type");

		if (tv && !tv->text)
			tv->text = g_strdup(inst->type->name);
	}
	for (i = 0; i < extras->len; i++)
		g_ptr_array_add(inst->values, g_ptr_array_index(extras, i));
	g_ptr_array_free(extras, TRUE);
	g_hash_table_destroy(given);
	g_strfreev(keys);
	return ret;
}

static struct cfg_inst *cfg_inst_new(const struct cfg_section *sec,
				     const char *name, const char *id)
{
	struct cfg_inst *inst = g_new0(struct cfg_inst, 1);

	inst->sec = sec;
	inst->name = g_strdup(name);
	inst->id = g_strdup(id);
	inst->values = g_ptr_array_new_with_free_func(
		(GDestroyNotify)cfg_value_free);
	return inst;
}

static int cfg_inst_build(struct cfg *cfg, struct cfg_inst *inst,
			  GKeyFile *kf, GError **err)
{
	if ((inst->sec->flags & CFG_SECTION_TYPED) &&
	    cfg_inst_type(cfg, inst, kf, err))
		return -EINVAL;
	return cfg_inst_fill(cfg, inst, kf, err);
}

/* Numeric order of IDs of any length: skip leading zeros, then compare
 * lengths, then digits. */
static gint cfg_inst_cmp_num(gconstpointer a, gconstpointer b)
{
	const char *x = (*(struct cfg_inst *const *)a)->id;
	const char *y = (*(struct cfg_inst *const *)b)->id;
	size_t lx, ly;

	while (*x == '0' && x[1])
		x++;
	while (*y == '0' && y[1])
		y++;
	lx = strlen(x);
	ly = strlen(y);
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

/* Put instances in dump order: schema order, [x] before [x.ID]. */
static void cfg_order(struct cfg *cfg, GPtrArray *found)
{
	const struct cfg_schema *schema = cfg->schema;
	guint i, j;

	for (i = 0; i < schema->sections->len; i++) {
		const struct cfg_section *sec =
			g_ptr_array_index(schema->sections, i);
		GPtrArray *rep = g_ptr_array_new();

		for (j = 0; j < found->len; j++) {
			struct cfg_inst *inst = g_ptr_array_index(found, j);

			if (inst->sec != sec)
				continue;
			if (inst->id)
				g_ptr_array_add(rep, inst);
			else
				g_ptr_array_add(cfg->insts, inst);
		}
		if (sec->flags & CFG_SECTION_NUMBERED)
			g_ptr_array_sort(rep, cfg_inst_cmp_num);
		for (j = 0; j < rep->len; j++)
			g_ptr_array_add(cfg->insts, g_ptr_array_index(rep, j));
		g_ptr_array_free(rep, TRUE);
	}
}

/* Plain sections absent from the file still have their defaults. */
static int cfg_add_defaults(struct cfg *cfg, GPtrArray *found, GKeyFile *kf,
			    GError **err)
{
	const struct cfg_schema *schema = cfg->schema;
	guint i, j;

	for (i = 0; i < schema->sections->len; i++) {
		const struct cfg_section *sec =
			g_ptr_array_index(schema->sections, i);
		struct cfg_inst *inst;
		bool present = false;

		for (j = 0; j < found->len; j++)
			present |= ((struct cfg_inst *)
					    g_ptr_array_index(found, j))->sec ==
				   sec;
		if (present || !(sec->flags & CFG_SECTION_PLAIN))
			continue;
		/* A typed default needs its type registered to mean much. */
		if ((sec->flags & CFG_SECTION_TYPED) &&
		    (!sec->default_type ||
		     !cfg_section_find_type(sec, sec->default_type)))
			continue;
		inst = cfg_inst_new(sec, sec->name, NULL);
		g_ptr_array_add(found, inst);
		if (cfg_inst_build(cfg, inst, kf, err))
			return -EINVAL;
	}
	return 0;
}

static int cfg_run_hooks(struct cfg *cfg, GError **err)
{
	guint i, j;

	for (i = 0; i < cfg->insts->len; i++) {
		struct cfg_inst *inst = g_ptr_array_index(cfg->insts, i);
		const struct cfg_section *sec = inst->sec;

		for (j = 0; sec->pass && j < inst->values->len; j++) {
			struct cfg_value *val =
				g_ptr_array_index(inst->values, j);
			GError *local = NULL;

			if (val->key)
				continue;
			if (sec->pass(sec->pass_data, cfg, inst->name,
				      val->name, val->text, &local)) {
				cfg_fail(cfg, inst->name, val->name, err,
					 "%s", local ? local->message :
						       "rejected");
				g_clear_error(&local);
				return -EINVAL;
			}
		}
		if (sec->check && sec->check(cfg, inst->name, err))
			return -EINVAL;
	}
	return 0;
}

static int cfg_build(struct cfg *cfg, GKeyFile *kf, GError **err)
{
	gchar **groups = g_key_file_get_groups(kf, NULL);
	GPtrArray *found = g_ptr_array_new();
	int ret = 0;
	guint i;

	for (i = 0; groups[i] && !ret; i++) {
		const struct cfg_section *sec;
		const char *id;
		char *known;

		sec = cfg_schema_find(cfg->schema, groups[i], &id);
		if (!sec) {
			known = cfg_known_sections(cfg->schema);
			ret = cfg_fail_code(cfg, CFG_ERROR_UNKNOWN, groups[i],
					    NULL, err,
					    "unknown section (known: %s)",
					    known);
			g_free(known);
			break;
		}
		g_ptr_array_add(found, cfg_inst_new(sec, groups[i], id));
		ret = cfg_inst_build(cfg, g_ptr_array_index(found, i), kf,
				     err);
	}
	g_strfreev(groups);
	if (!ret)
		ret = cfg_add_defaults(cfg, found, kf, err);
	if (ret) {
		for (i = 0; i < found->len; i++)
			cfg_inst_free(g_ptr_array_index(found, i));
		g_ptr_array_free(found, TRUE);
		return ret;
	}
	cfg_order(cfg, found);
	g_ptr_array_free(found, TRUE);
	return cfg_run_hooks(cfg, err);
}

/* ---- entry points ----------------------------------------------------- */

static struct cfg *cfg_new(const struct cfg_schema *schema, const char *name,
			   const char *dir)
{
	struct cfg *cfg = g_new0(struct cfg, 1);

	cfg->schema = schema;
	cfg->name = g_strdup(name);
	cfg->dir = g_strdup(dir);
	cfg->insts = g_ptr_array_new_with_free_func(cfg_inst_free);
	cfg->lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   NULL);
	cfg->origins = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					     g_free);
	return cfg;
}

/**
 * cfg_free() - free a loaded configuration
 * @cfg: configuration, or NULL
 */
void cfg_free(struct cfg *cfg)
{
	if (!cfg)
		return;
	g_ptr_array_free(cfg->insts, TRUE);
	g_hash_table_destroy(cfg->lines);
	g_hash_table_destroy(cfg->origins);
	g_free(cfg->name);
	g_free(cfg->dir);
	g_free(cfg);
}

static struct cfg *cfg_load(struct cfg *cfg, const char *data, size_t len,
			    const char *const *sets, GError **err)
{
	GKeyFile *kf = g_key_file_new();
	GError *local = NULL;
	int ret;

	ret = cfg_scan(cfg, data, len, err);
	if (!ret && !g_key_file_load_from_data(kf, data, len, G_KEY_FILE_NONE,
					       &local)) {
		/* The scan should have caught it; never lose the reason. */
		char *safe = units_escape(local->message);

		g_set_error(err, CFG_ERROR, CFG_ERROR_SYNTAX, "%s: %s",
			    cfg->name, safe);
		g_free(safe);
		g_error_free(local);
		ret = -EINVAL;
	}
	for (; !ret && sets && *sets; sets++)
		ret = cfg_apply_set(cfg, kf, *sets, err);
	if (!ret)
		ret = cfg_build(cfg, kf, err);
	g_key_file_free(kf);
	if (ret) {
		cfg_free(cfg);
		return NULL;
	}
	return cfg;
}

/**
 * cfg_load_data() - load a scenario from memory
 * @schema: schema to validate against (must outlive the result)
 * @data:   ini text (need not be NUL-terminated)
 * @len:    its length
 * @name:   name used in messages, e.g. "<default scenario>"
 * @sets:   NULL-terminated "section.key=value" overrides, or NULL
 * @err:    error location: one line "NAME:LINE: [section] key: problem"
 *
 * Relative paths in the scenario resolve against the current directory.
 *
 * Return: the configuration, or NULL on error.
 */
struct cfg *cfg_load_data(const struct cfg_schema *schema, const char *data,
			  size_t len, const char *name,
			  const char *const *sets, GError **err)
{
	return cfg_load(cfg_new(schema, name, NULL), data, len, sets, err);
}

/**
 * cfg_load_file() - load a scenario file
 * @schema: schema to validate against (must outlive the result)
 * @path:   the .ini file
 * @sets:   NULL-terminated "section.key=value" overrides, or NULL
 * @err:    error location: one line "PATH:LINE: [section] key: problem"
 *
 * Relative paths in the scenario (traces, masim configs) resolve against
 * the directory of @path.
 *
 * Return: the configuration, or NULL on error.
 */
struct cfg *cfg_load_file(const struct cfg_schema *schema, const char *path,
			  const char *const *sets, GError **err)
{
	GError *local = NULL;
	struct cfg *cfg;
	char *data, *dir;
	gsize len;

	if (!g_file_get_contents(path, &data, &len, &local)) {
		g_set_error(err, CFG_ERROR, CFG_ERROR_IO, "%s: %s", path,
			    local->message);
		g_error_free(local);
		return NULL;
	}
	dir = g_path_get_dirname(path);
	cfg = cfg_load(cfg_new(schema, path, dir), data, len, sets, err);
	g_free(dir);
	g_free(data);
	return cfg;
}
