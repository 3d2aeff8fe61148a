/* SPDX-License-Identifier: GPL-2.0 */
/*
 * primitive.h - the table of access-check primitives.
 *
 * A primitive is a struct damon_operations (kernel style, in its own file
 * under primitives/) plus a descriptor: its name, its parameters with
 * defaults and units, and how to make an instance of it bound to the
 * simulated machine.  Adding a primitive is one file and one line in
 * prim_table (primitives/registry.c).
 *
 * This header is plain C so both the kernel-style primitives and the GLib
 * side of the simulator include it.
 */
#ifndef DAMONSIM_PRIMITIVES_PRIMITIVE_H
#define DAMONSIM_PRIMITIVES_PRIMITIVE_H

#include <stdbool.h>
#include <stdint.h>

struct machine;
struct damon_ctx;
struct damon_operations;

/*
 * One parameter; @type is a scenario value type: bool, uint, time, size,
 * or enum: one word of the NULL-terminated @words, stored as its index
 * (prim_param_enum_index()).
 */
struct prim_param {
	const char *name;
	const char *type;
	const char *def;
	const char *desc;
	const char *const *words;
};

#define PRIM_MAX_PARAMS 12

/* Per-instance counters a cost model turns into time. */
struct prim_counters {
	uint64_t samples;	/* sampled addresses prepared */
	uint64_t checks;	/* access checks (PTE reads) */
	uint64_t clears;	/* accessed bits cleared */
	uint64_t rmap_walks;	/* frame -> PTE lookups */
	uint64_t tlb_flushes;	/* single-page shootdowns issued */
	uint64_t ops_cpu_ns;	/* host CPU time inside the ops callbacks */
	/* push-style primitives (fault, perf, ibs) */
	uint64_t arms;		/* pages armed to fault (monitor) */
	uint64_t faults;	/* armed pages that trapped (workload) */
	uint64_t pmu_samples;	/* counter overflows: perf/IBS samples */
	uint64_t records;	/* PEBS records written (workload) */
	uint64_t interrupts;	/* PEBS buffer-full interrupts (monitor) */
	uint64_t nmis;		/* IBS NMIs, one per sample (workload) */
	uint64_t wasted_samples; /* IBS samples of ops without an address */
	uint64_t reports_pushed;  /* reports stored in the instance buffer */
	uint64_t reports_dropped; /* reports the buffer had no room for */
	uint64_t drain_lookups;	/* drained reports looked up */
	uint64_t unattributed;	/* drained reports in no region */
};

/*
 * In-band events: work done on the CPU of an access, which the accessing
 * thread pays for (priced by cost_event_ns()).
 */
enum prim_event {
	PRIM_EV_FAULT,		/* fault: one hinting fault */
	PRIM_EV_PEBS_RECORD,	/* perf: one PEBS record written */
	PRIM_EV_IBS_NMI,	/* ibs: one sample NMI */
	PRIM_EV_NR,
};

/* Called for each in-band event with the CPU and thread it stalls. */
typedef void (*prim_inband_fn)(void *arg, unsigned int cpu, uint32_t tid,
			       enum prim_event ev);

struct prim_instance {
	const struct prim_desc *desc;
	struct machine *machine;
	bool paddr;			/* physical (else virtual) targets */
	uint64_t params[PRIM_MAX_PARAMS];	/* in desc->params order */
	struct damon_ctx *ctx;		/* set once the context exists */
	struct prim_counters counters;
	void *priv;
	/* optional: per-thread charging of in-band events */
	prim_inband_fn inband;
	void *inband_arg;
};

struct prim_desc {
	const char *name;
	const char *summary;
	const struct prim_param *params;
	unsigned int nr_params;
	/* The ops set for this instance (vaddr or paddr flavour). */
	struct damon_operations *(*ops)(struct prim_instance *inst);
	/*
	 * Optional.  start() runs after prim_bind_ctx() and before
	 * kdrv_start(): it allocates inst->priv (report buffer, per-CPU
	 * state) and hooks the machine (trap handler, observer); it returns
	 * 0 or a negative errno.  stop() runs after kdrv_stop() and before
	 * kdrv_destroy_ctx(): it unhooks and frees.  stop() is safe after a
	 * failed or missing start().
	 */
	int (*start)(struct prim_instance *inst);
	void (*stop)(struct prim_instance *inst);
};

/* NULL-terminated, in presentation order. */
extern const struct prim_desc *const prim_table[];

/**
 * prim_find() - look up a primitive by name
 * @name: e.g. "pte"
 *
 * Return: its descriptor, or NULL.
 */
const struct prim_desc *prim_find(const char *name);

/**
 * prim_param_enum_index() - index of a word of an enum parameter
 * @p:    the parameter (type "enum")
 * @word: the word, e.g. "percpu"
 *
 * Return: the index into @p->words (the value to store in params[]), or
 * -EINVAL when @word is not one of them.
 */
int prim_param_enum_index(const struct prim_param *p, const char *word);

/**
 * prim_instance_start() - make a bound instance ready to run
 * @inst: a bound instance (prim_bind_ctx() done, kdrv_start() not yet)
 *
 * Sets the context's ops to this instance's own (the core's registry
 * keeps only the first ops set registered per id) and runs the
 * primitive's start(), if it has one.
 *
 * Return: 0 or a negative errno.
 */
int prim_instance_start(struct prim_instance *inst);

/**
 * prim_instance_stop() - run the primitive's stop(), if it has one
 * @inst: the instance
 */
void prim_instance_stop(struct prim_instance *inst);

/**
 * prim_bind_ctx() - tie a DAMON context to its primitive instance
 * @inst: the instance
 * @ctx:  the context created with the instance's ops
 *
 * Ops callbacks receive only the context; they find their instance (and so
 * the machine and their parameters) through this binding.
 *
 * Return: 0, or -ENOSPC when too many contexts are bound.
 */
int prim_bind_ctx(struct prim_instance *inst, struct damon_ctx *ctx);

/**
 * prim_of_ctx() - the instance bound to a context
 * @ctx: the context
 *
 * Return: the instance, or NULL when @ctx was never bound.
 */
struct prim_instance *prim_of_ctx(struct damon_ctx *ctx);

/* Forget every binding (between scenarios in one process). */
void prim_unbind_all(void);

#endif
