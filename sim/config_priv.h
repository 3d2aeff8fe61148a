/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config_priv: structures shared by the config_*.c files only.  Users go
 * through config.h.
 */
#ifndef DAMONSIM_SIM_CONFIG_PRIV_H
#define DAMONSIM_SIM_CONFIG_PRIV_H

#include "sim/config_scenario.h"

/* A registered table of keys; the table itself is owned by the caller. */
struct cfg_keyset {
	const struct cfg_key *keys;
	size_t n;
};

struct cfg_type_entry {
	char *name;
	char *desc;
	struct cfg_keyset keys;
};

struct cfg_section {
	char *name;
	char *desc;
	unsigned int flags;
	GArray *keysets;		/* struct cfg_keyset */
	GPtrArray *types;		/* struct cfg_type_entry * */
	char *default_type;
	cfg_check_fn check;
	bool passthrough;
	cfg_passthrough_fn pass;
	void *pass_data;
};

struct cfg_schema {
	GPtrArray *sections;		/* struct cfg_section *, in order */
};

/* One key of one section instance, as loaded. */
struct cfg_value {
	const struct cfg_key *key;	/* NULL: a passed-through key */
	char *name;
	char *text;			/* NULL: optional and unset */
	bool set;			/* given in the file or by --set */
	union {
		int64_t i;
		uint64_t u;
		bool b;
		uint32_t bp;
		struct units_count c;
	} v;
	GArray *u64s;			/* numeric lists */
	char **strs;			/* string and enum lists */
	size_t nlist;
};

struct cfg_inst {
	char *name;			/* "damon", "scheme.2" */
	const struct cfg_section *sec;
	char *id;			/* "2", or NULL for [damon] */
	const struct cfg_type_entry *type;
	GPtrArray *values;		/* struct cfg_value * */
};

struct cfg {
	const struct cfg_schema *schema;
	char *name;			/* file name used in messages */
	char *dir;			/* relative paths resolve here */
	GPtrArray *insts;		/* struct cfg_inst *, dump order */
	GHashTable *lines;		/* "sec\037key" or "sec" -> line */
	GHashTable *origins;		/* "sec\037key" or "sec" -> --set */
};

const struct cfg_section *cfg_schema_find(const struct cfg_schema *schema,
					  const char *group, const char **id);
const struct cfg_key *cfg_section_find_key(const struct cfg_section *sec,
					   const struct cfg_type_entry *type,
					   const char *key);
const struct cfg_type_entry *cfg_section_find_type(
	const struct cfg_section *sec, const char *type);
struct cfg_inst *cfg_find_inst(const struct cfg *cfg, const char *name);
struct cfg_value *cfg_inst_find(const struct cfg_inst *inst,
				const char *key);
int cfg_parse_value(const struct cfg_key *key, const char *text,
		    struct cfg_value *val, GError **err);
void cfg_value_free(struct cfg_value *val);
char *cfg_value_format(const struct cfg_value *val);

#endif
