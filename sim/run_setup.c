// SPDX-License-Identifier: GPL-2.0
/*
 * Setting up a run: scenario, machine, workload source and the DAMON
 * context with its primitive.
 */
#include <errno.h>
#include <math.h>

#include "sim/run.h"
#include "sim/run_state.h"

static enum cfg_type prim_param_type(const char *type)
{
	if (!strcmp(type, "bool"))
		return CFG_BOOL;
	if (!strcmp(type, "time"))
		return CFG_TIME;
	if (!strcmp(type, "size"))
		return CFG_SIZE;
	if (!strcmp(type, "enum"))
		return CFG_ENUM;
	return CFG_UINT;
}

#define RUN_MAX_PRIMITIVES 16

/*
 * Let every primitive declare its [primitive] keys.  The schema keeps
 * pointers to the key tables, hence static storage.
 */
static int run_register_primitives(struct cfg_schema *schema)
{
	static struct cfg_key key_tables[RUN_MAX_PRIMITIVES][PRIM_MAX_PARAMS];
	unsigned int i, k;
	int ret;

	for (i = 0; prim_table[i] && i < RUN_MAX_PRIMITIVES; i++) {
		const struct prim_desc *d = prim_table[i];
		struct cfg_key *keys = key_tables[i];

		memset(keys, 0, sizeof(key_tables[i]));
		for (k = 0; k < d->nr_params; k++) {
			keys[k].name = d->params[k].name;
			keys[k].type = prim_param_type(d->params[k].type);
			keys[k].def = d->params[k].def;
			keys[k].desc = d->params[k].desc;
			keys[k].words = d->params[k].words;
		}
		ret = cfg_schema_add_type(schema, "primitive", d->name,
					  d->summary, keys, d->nr_params);
		if (ret)
			return ret;
	}
	return cfg_schema_set_default_type(schema, "primitive", "pte");
}

static struct cfg *run_load_config(struct run *r, GError **err)
{
	const struct run_options *opt = r->opt;

	r->schema = cfg_schema_new_damonsim();
	if (run_register_primitives(r->schema) ||
	    cost_register_keys(r->schema) ||
	    run_workload_register(r->schema)) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED,
			    "internal: cannot register primitive, cost or "
			    "workload keys");
		return NULL;
	}
	if (opt->scenario)
		return cfg_load_file(r->schema, opt->scenario, opt->sets, err);
	return cfg_load_data(r->schema, cfg_default_scenario,
			     strlen(cfg_default_scenario),
			     "(built-in quickstart scenario)", opt->sets, err);
}

static int run_make_machine(struct run *r, GError **err)
{
	struct mach_config mc;
	const uint64_t *nodes;
	size_t nr_nodes = 0, i;
	int ret;

	machine_config_default(&mc);
	mc.nr_cpus = (unsigned int)cfg_get_uint(r->cfg, "machine", "cpus");
	nodes = cfg_get_u64_list(r->cfg, "machine", "nodes", &nr_nodes);
	if (nodes && nr_nodes) {
		mc.nr_nodes = (unsigned int)nr_nodes;
		for (i = 0; i < nr_nodes; i++)
			mc.node_capacity[i] = nodes[i];
	}
	mc.tlb_enabled = cfg_get_bool(r->cfg, "machine", "tlb");
	mc.tlb_entries = (unsigned int)cfg_get_uint(r->cfg, "machine",
						     "tlb_entries");
	mc.tlb_ways = (unsigned int)cfg_get_uint(r->cfg, "machine", "tlb_ways");
	mc.unmapped = MACH_UNMAPPED_AUTOMAP;
	mc.gt_paddr = r->paddr;
	r->huge = cfg_get_bool(r->cfg, "machine", "huge_pages");
	ret = machine_create(&mc, &r->machine);
	if (ret) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "%s: [machine]: cannot build the machine: %s",
			    cfg_get_string(r->cfg, "scenario", "name"),
			    g_strerror(-ret));
		return ret;
	}
	r->as = machine_as_create(r->machine, 1);
	if (!r->as) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
			    "out of memory creating the address space");
		return -ENOMEM;
	}
	return 0;
}

const char *run_prim_label(const struct run_prim *p)
{
	const char *dot = strchr(p->name, '.');

	return dot ? dot + 1 : p->inst.desc->name;
}

static void run_load_params(struct run *r, struct run_prim *p)
{
	const struct prim_desc *desc = p->inst.desc;
	unsigned int k;

	for (k = 0; k < desc->nr_params; k++) {
		const char *key = desc->params[k].name;
		const char *type = desc->params[k].type;

		if (!strcmp(type, "bool"))
			p->inst.params[k] = cfg_get_bool(r->cfg, p->name, key);
		else if (!strcmp(type, "time"))
			p->inst.params[k] = cfg_get_time_ns(r->cfg, p->name,
							    key);
		else if (!strcmp(type, "size"))
			p->inst.params[k] = cfg_get_size(r->cfg, p->name, key);
		else if (!strcmp(type, "enum"))
			p->inst.params[k] = (uint64_t)prim_param_enum_index(
				&desc->params[k],
				cfg_get_enum(r->cfg, p->name, key));
		else
			p->inst.params[k] = cfg_get_uint(r->cfg, p->name, key);
	}
}

/* One DAMON context per [primitive] / [primitive.NAME] section. */
static int run_make_prim(struct run *r, struct run_prim *p, GError **err)
{
	const char *type = cfg_section_type(r->cfg, p->name);
	const struct prim_desc *desc = prim_find(type ? type : "pte");
	int ret;

	if (!desc)
		return cfg_fail(r->cfg, p->name, "type", err,
				"unknown primitive '%s'", type);
	p->inst.desc = desc;
	p->inst.machine = r->machine;
	p->inst.paddr = r->paddr;
	run_load_params(r, p);
	accuracy_cumulative_init(&p->cum);
	p->ctx = kdrv_new_ctx(&r->attrs, desc->ops(&p->inst), &ret);
	if (!p->ctx)
		return cfg_fail(r->cfg, "damon", "sample_interval", err,
				"the DAMON core refused these attributes (%s)",
				g_strerror(-ret));
	ret = run_schemes_install(r, p, err);
	if (ret)
		return ret;
	if (prim_bind_ctx(&p->inst, p->ctx))
		return cfg_fail(r->cfg, p->name, "type", err,
				"too many primitives in one scenario");
	ret = prim_instance_start(&p->inst);
	if (ret)
		return cfg_fail(r->cfg, p->name, "type", err,
				"cannot start primitive '%s': %s", desc->name,
				g_strerror(-ret));
	p->started = true;
	return 0;
}

static int run_make_damon(struct run *r, GError **err)
{
	GPtrArray *names = cfg_instances(r->cfg, "primitive");
	unsigned int i;
	int ret = 0;

	r->attrs.sample_us = cfg_get_time_us(r->cfg, "damon",
					     "sample_interval");
	r->attrs.aggr_us = cfg_get_time_us(r->cfg, "damon", "aggr_interval");
	r->attrs.update_us = cfg_get_time_us(r->cfg, "damon",
					     "update_interval");
	r->attrs.min_nr_regions = cfg_get_uint(r->cfg, "damon",
					       "min_nr_regions");
	r->attrs.max_nr_regions = cfg_get_uint(r->cfg, "damon",
					       "max_nr_regions");
	r->nr_samples = (uint32_t)(r->attrs.aggr_us / r->attrs.sample_us);
	r->theta = cfg_get_percent_bp(r->cfg, "metrics", "hot_threshold") /
		   10000.0;
	ret = run_schemes_load(r, err);
	if (ret) {
		g_ptr_array_free(names, TRUE);
		return ret;
	}

	r->nr_prims = names->len;
	r->prims = g_new0(struct run_prim, MAX(names->len, 1));
	for (i = 0; i < names->len && !ret; i++) {
		r->prims[i].name = g_ptr_array_index(names, i);
		ret = run_make_prim(r, &r->prims[i], err);
	}
	g_ptr_array_free(names, TRUE);
	return ret;
}

int run_setup(struct run *r, GError **err)
{
	const struct run_options *opt = r->opt;
	int ret;

	r->cfg = run_load_config(r, err);
	if (!r->cfg)
		return -EINVAL;
	r->name = cfg_get_string(r->cfg, "scenario", "name");
	r->seed = cfg_get_uint(r->cfg, "scenario", "seed");
	r->duration_ns = cfg_get_time_ns(r->cfg, "scenario", "duration");
	r->paddr = !strcmp(cfg_get_enum(r->cfg, "damon", "ops"), "paddr");
	r->plots = cfg_get_bool(r->cfg, "output", "plots");
	r->out_dir = opt->out_dir ? g_strdup(opt->out_dir) :
		g_build_filename("runs", *r->name ? r->name : "scenario",
				 NULL);
	cost_model_load(r->cfg, &r->cost);
	kport_seed(r->seed);

	ret = run_make_machine(r, err);
	if (!ret)
		ret = run_open_source(r, err);
	if (!ret)
		ret = run_make_damon(r, err);
	return ret;
}
