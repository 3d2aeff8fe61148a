// SPDX-License-Identifier: GPL-2.0
/* The primitive table and the context -> instance binding. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <linux/damon.h>

#include "primitives/primitive.h"

extern const struct prim_desc prim_pte;
extern const struct prim_desc prim_fault;
extern const struct prim_desc prim_perf;
extern const struct prim_desc prim_ibs;

const struct prim_desc *const prim_table[] = {
	&prim_pte,
	&prim_fault,
	&prim_perf,
	&prim_ibs,
	NULL,
};

#define PRIM_MAX_BOUND 16

static struct {
	struct damon_ctx *ctx;
	struct prim_instance *inst;
} bound[PRIM_MAX_BOUND];
static unsigned int nr_bound;

const struct prim_desc *prim_find(const char *name)
{
	unsigned int i;

	for (i = 0; prim_table[i]; i++)
		if (!strcmp(prim_table[i]->name, name))
			return prim_table[i];
	return NULL;
}

int prim_param_enum_index(const struct prim_param *p, const char *word)
{
	unsigned int i;

	if (!p->words)
		return -EINVAL;
	for (i = 0; p->words[i]; i++)
		if (!strcmp(p->words[i], word))
			return (int)i;
	return -EINVAL;
}

int prim_instance_start(struct prim_instance *inst)
{
	/*
	 * The core keeps one registered ops set per ops id, the first one
	 * registered, and damon_select_ops() copies that one: a second
	 * primitive of the same id in the process would run the first's
	 * callbacks.  Give the context this instance's own ops again.
	 */
	if (inst->ctx)
		inst->ctx->ops = *inst->desc->ops(inst);
	return inst->desc->start ? inst->desc->start(inst) : 0;
}

void prim_instance_stop(struct prim_instance *inst)
{
	if (inst->desc->stop)
		inst->desc->stop(inst);
}

int prim_bind_ctx(struct prim_instance *inst, struct damon_ctx *ctx)
{
	if (nr_bound == PRIM_MAX_BOUND)
		return -ENOSPC;
	bound[nr_bound].ctx = ctx;
	bound[nr_bound].inst = inst;
	nr_bound++;
	inst->ctx = ctx;
	return 0;
}

struct prim_instance *prim_of_ctx(struct damon_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < nr_bound; i++)
		if (bound[i].ctx == ctx)
			return bound[i].inst;
	return NULL;
}

void prim_unbind_all(void)
{
	nr_bound = 0;
}
