// SPDX-License-Identifier: GPL-2.0
/*
 * The workload of a run: [workload] source = trace:PATH | masim:PATH |
 * gen:NAME, and the section's other keys as the generator's parameters.
 *
 * Each parameter is checked on its own when the scenario loads, so a bad
 * one is reported on its own line; the checks between parameters (align
 * at most size, ...) run when the source opens and name the parameter the
 * user gave.  A parameter the pattern ignores (hot_frac for gen:zipf) is
 * refused, not dropped: it says the user expects a workload they would
 * not get.  Parameters go to the generator one key at a time, never
 * through a comma-separated spec, because values such as
 * phases = zipf:1s,seq:2s contain commas.
 */
#include <errno.h>

#include "sim/run.h"
#include "sim/run_state.h"

/* Keys that source = gen:NAME or masim:PATH gives; a second one would clash. */
static const char *const workload_source_keys[] = { "pattern", "masim", NULL };

static int workload_check_key(void *data, const struct cfg *cfg,
			      const char *section, const char *key,
			      const char *value, GError **err)
{
	enum cfg_source_kind kind;
	struct trace_gen_params p;
	char *name;
	int ret;

	/* A bad source is the section check's to report. */
	if (cfg_parse_source(cfg_get_string(cfg, section, "source"), &kind,
			     &name, NULL))
		return 0;
	g_free(name);
	if (kind == CFG_SOURCE_TRACE) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "unknown key (parameters apply to generators and "
			    "masim configs, not to trace files)");
		return -EINVAL;
	}
	if (g_strv_contains(workload_source_keys, key)) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "not a key of its own: source = gen:NAME or "
			    "masim:PATH gives it");
		return -EINVAL;
	}
	trace_gen_params_init(&p);
	ret = trace_gen_params_set_key(&p, key, value, NULL);
	if (ret == -ENOENT)
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "unknown key (not a generator parameter; "
			    "`damonsim trace gen --help` lists them)");
	else if (ret)
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "bad value '%s'", value);
	trace_gen_params_clear(&p);
	return ret;
}

/**
 * run_workload_register() - check [workload] parameters as they load
 * @schema: damonsim's schema
 *
 * Return: 0, or a negative errno if the schema has no [workload].
 */
int run_workload_register(struct cfg_schema *schema)
{
	return cfg_schema_set_passthrough(schema, "workload",
					  workload_check_key, NULL);
}

static int workload_set(struct run *r, struct trace_gen_params *p,
			const char *key, const char *value, GError **err)
{
	GError *local = NULL;
	int ret = 0;

	if (trace_gen_params_set_key(p, key, value, &local)) {
		ret = cfg_fail(r->cfg, "workload", key, err, "%s",
			       local->message);
		g_error_free(local);
	}
	return ret;
}

static int workload_unknown_generator(struct run *r, const char *name,
				      GError **err)
{
	GString *known = g_string_new(NULL);
	enum trace_gen_kind k;
	int ret;

	for (k = 0; k < TRACE_GEN_MASIM; k++)
		g_string_append_printf(known, "%s%s", k ? ", " : "",
				       trace_gen_kind_name(k));
	ret = cfg_fail(r->cfg, "workload", "source", err,
		       "no generator named '%s' (known: %s)", name, known->str);
	g_string_free(known, TRUE);
	return ret;
}

/* What source = gen:NAME or masim:PATH chose. */
static int workload_pattern(struct run *r, enum cfg_source_kind kind,
			    const char *value, struct trace_gen_params *p,
			    GError **err)
{
	if (kind == CFG_SOURCE_MASIM) {
		p->kind = TRACE_GEN_MASIM;
		p->masim = cfg_resolve_path(r->cfg, value);
		return 0;
	}
	if (trace_gen_params_set_key(p, "pattern", value, NULL) ||
	    p->kind == TRACE_GEN_MASIM)
		return workload_unknown_generator(r, value, err);
	return 0;
}

static int workload_check_used(struct run *r,
			       const struct trace_gen_params *p,
			       const GPtrArray *keys, GError **err)
{
	const char *users;
	guint i;

	for (i = 0; i < keys->len; i++) {
		users = trace_gen_param_unused(p, g_ptr_array_index(keys, i));
		if (users)
			return cfg_fail(r->cfg, "workload",
					g_ptr_array_index(keys, i), err,
					"not used by source = %s (only by %s)",
					cfg_get_string(r->cfg, "workload",
						       "source"),
					users);
	}
	return 0;
}

/* A check between parameters failed: report it on a key the user gave. */
static int workload_check_consistent(struct run *r,
				     const struct trace_gen_params *p,
				     GError **err)
{
	const char *involved, *msg = trace_gen_params_problem(p, &involved);
	char **keys;
	int ret;

	if (!msg)
		return 0;
	keys = g_strsplit(involved, " ", -1);
	ret = cfg_fail(r->cfg, "workload",
		       cfg_blame_given(r->cfg, "workload",
				       (const char *const *)keys, "source"),
		       err, "%s", msg);
	g_strfreev(keys);
	return ret;
}

/*
 * The generator's parameters: what source chose, the run's seed and
 * duration unless [workload] gives its own, then every other key in file
 * order.
 */
static int workload_params(struct run *r, enum cfg_source_kind kind,
			   const char *value, struct trace_gen_params *p,
			   GError **err)
{
	GPtrArray *extra = cfg_extra_keys(r->cfg, "workload");
	guint i;
	int ret;

	trace_gen_params_init(p);
	ret = workload_pattern(r, kind, value, p, err);
	p->seed = r->seed;
	p->duration_ns = r->duration_ns;
	for (i = 0; !ret && i < extra->len; i++) {
		const char *key = g_ptr_array_index(extra, i);

		ret = workload_set(r, p, key,
				   cfg_get_text(r->cfg, "workload", key), err);
	}
	if (!ret)
		ret = workload_check_used(r, p, extra, err);
	if (!ret)
		ret = workload_check_consistent(r, p, err);
	g_ptr_array_free(extra, TRUE);
	return ret;
}

/**
 * run_open_source() - open the run's workload
 * @r:   run with its configuration loaded
 * @err: error location; problems are reported on the [workload] key at
 *	 fault, located in the scenario
 *
 * Return: 0, or a negative errno.
 */
int run_open_source(struct run *r, GError **err)
{
	const char *text = cfg_get_string(r->cfg, "workload", "source");
	struct trace_gen_params p;
	enum cfg_source_kind kind;
	GError *local = NULL;
	char *value, *path;
	int ret;

	if (cfg_parse_source(text, &kind, &value, err))
		return -EINVAL;
	if (kind == CFG_SOURCE_TRACE) {
		path = cfg_resolve_path(r->cfg, value);
		r->src = trace_source_open_file(path, &local);
		g_free(path);
	} else {
		ret = workload_params(r, kind, value, &p, err);
		if (!ret)
			r->src = trace_source_new_gen(&p, &local);
		trace_gen_params_clear(&p);
		if (ret) {
			g_free(value);
			return ret;
		}
	}
	g_free(value);
	r->source_desc = g_strdup(text);
	if (!r->src) {
		ret = cfg_fail(r->cfg, "workload", "source", err, "%s",
			       local->message);
		g_error_free(local);
		return ret;
	}
	return 0;
}
