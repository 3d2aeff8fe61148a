/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver.h - drive a real kdamond in virtual time.
 *
 * A thin, version-neutral layer over the tree's DAMON API: build a context
 * with given attributes, targets and ops, start it, let the host run it
 * with kport_run_until(), collect every aggregated snapshot from the
 * damon_aggregated tracepoint, and stop it.  Differences between kernel
 * trees (found by configure's probes) are absorbed here, so the simulator
 * and the tests never test a kernel version.
 */
#ifndef DAMONSIM_KPORT_DRIVER_H
#define DAMONSIM_KPORT_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "hostops.h"

struct damon_ctx;
struct damon_target;
struct damon_operations;
struct damon_region;
struct pid;

struct kdrv_attrs {
	uint64_t sample_us;
	uint64_t aggr_us;
	uint64_t update_us;
	unsigned long min_nr_regions;
	unsigned long max_nr_regions;
};

struct kdrv_region {
	unsigned long start;
	unsigned long end;
	unsigned int nr_accesses;
	unsigned int age;
};

/* The regions of one target at the end of one aggregation interval. */
struct kdrv_snapshot {
	uint64_t time_ns;		/* virtual time of the aggregation */
	unsigned int ctx_index;		/* order of kdrv_new_ctx() calls */
	unsigned int target_index;
	unsigned int nr_regions;
	const struct kdrv_region *regions;
};

typedef void (*kdrv_snapshot_fn)(void *arg, const struct kdrv_snapshot *snap);

/**
 * kdrv_new_ctx() - create a DAMON context with the given attributes
 * @attrs:  monitoring intervals and region limits
 * @ops:    the operations set; registered under its id when not yet
 * @err:    where to store a negative errno on failure
 *
 * Return: the context, or NULL with *@err set.
 */
struct damon_ctx *kdrv_new_ctx(const struct kdrv_attrs *attrs,
			       struct damon_operations *ops, int *err);

/**
 * kdrv_add_target() - add a monitoring target to a context
 * @ctx:  context from kdrv_new_ctx()
 * @pid:  pid of the target's process (NULL for physical address targets)
 * @ranges: optional initial regions as start/end pairs; NULL lets the ops
 *          set choose (its init callback)
 * @nr_ranges: number of pairs in @ranges
 *
 * Return: the target, or NULL when out of memory or the ranges are bad.
 */
struct damon_target *kdrv_add_target(struct damon_ctx *ctx, struct pid *pid,
				     const unsigned long *ranges,
				     unsigned int nr_ranges);

/**
 * kdrv_new_pid() - a struct pid naming a simulated process
 * @nr:   its pid number
 * @host: the simulator's handle for its address space (pid->host)
 *
 * Return: the pid with one reference, or NULL when out of memory.
 */
struct pid *kdrv_new_pid(int nr, void *host);

/**
 * kdrv_set_regions() - make a target's regions fit given address ranges
 * @ctx:    the target's context
 * @t:      the target
 * @ranges: sorted, non-overlapping ranges (struct damon_addr_range)
 * @nr:     number of ranges
 *
 * damon_set_regions() with whatever minimum region size the tree uses.
 *
 * Return: 0 or a negative errno.
 */
struct damon_addr_range;
int kdrv_set_regions(struct damon_ctx *ctx, struct damon_target *t,
		     struct damon_addr_range *ranges, unsigned int nr);

/**
 * kdrv_set_snapshot_sink() - receive every aggregated snapshot
 * @fn:  called once per target per aggregation interval, in kdamond context
 * @arg: passed to @fn
 */
void kdrv_set_snapshot_sink(kdrv_snapshot_fn fn, void *arg);

/**
 * kdrv_trace() - feed a tracepoint event to the driver
 * @ev: event from the host's kport_hostops.trace callback
 *
 * The host calls this for every event it receives; the driver keeps
 * damon_aggregated events and passes completed snapshots to the sink.
 */
void kdrv_trace(const struct kport_trace_event *ev);

/**
 * struct kdrv_scheme - a DAMOS scheme in DAMON's units
 * @action:             the action's name as DAMON's sysfs writes it
 *                      ("stat", "pageout", "migrate_hot", ...)
 * @sz_min:             access pattern: region size bounds, bytes
 * @sz_max:
 * @nr_accesses_min:    nr_accesses bounds, in sampling intervals
 * @nr_accesses_max:
 * @age_min:            age bounds, in aggregation intervals
 * @age_max:
 * @apply_interval_us:  time between applications (0: aggregation interval)
 * @quota_ms:           time quota per reset interval (0: none)
 * @quota_sz:           size quota per reset interval (0: none)
 * @quota_reset_ms:     quota charge reset interval
 * @weight_sz:          prioritisation weights (permil)
 * @weight_nr_accesses:
 * @weight_age:
 * @wmarks_free_mem:    watermarks on the free memory rate (else none)
 * @wmarks_interval_us: time between watermark checks
 * @wmarks_high:        watermarks, permil of free memory
 * @wmarks_mid:
 * @wmarks_low:
 * @target_nid:         destination node of migrate_hot/migrate_cold
 */
struct kdrv_scheme {
	const char *action;
	unsigned long sz_min, sz_max;
	unsigned int nr_accesses_min, nr_accesses_max;
	unsigned int age_min, age_max;
	unsigned long apply_interval_us;
	unsigned long quota_ms, quota_sz, quota_reset_ms;
	unsigned int weight_sz, weight_nr_accesses, weight_age;
	bool wmarks_free_mem;
	unsigned long wmarks_interval_us;
	unsigned long wmarks_high, wmarks_mid, wmarks_low;
	int target_nid;
};

/* struct damos_stat: what a scheme tried and applied so far. */
struct kdrv_scheme_stat {
	uint64_t nr_tried;
	uint64_t sz_tried;
	uint64_t nr_applied;
	uint64_t sz_applied;
	uint64_t qt_exceeds;
};

/**
 * kdrv_add_scheme() - give a context a DAMOS scheme, before it starts
 * @ctx: context from kdrv_new_ctx()
 * @s:   the scheme
 *
 * Return: 0; -EINVAL if this tree has no action of that name; -ENOMEM.
 */
int kdrv_add_scheme(struct damon_ctx *ctx, const struct kdrv_scheme *s);

/**
 * kdrv_scheme_stat() - the statistics of a context's scheme
 * @ctx: the context
 * @idx: the scheme, in kdrv_add_scheme() order
 * @st:  filled in
 *
 * Return: 0, or -ENOENT if the context has no such scheme.
 */
int kdrv_scheme_stat(struct damon_ctx *ctx, unsigned int idx,
		     struct kdrv_scheme_stat *st);

/**
 * kdrv_start() - start kdamonds for contexts
 * @ctxs: contexts created by kdrv_new_ctx()
 * @nr:   how many
 *
 * Returns when each kdamond has started and first gone to sleep.
 *
 * Return: 0 or the negative errno damon_start() gave.
 */
int kdrv_start(struct damon_ctx **ctxs, int nr);

/**
 * kdrv_stop() - stop the kdamonds and wait for them to exit
 * @ctxs: contexts passed to kdrv_start()
 * @nr:   how many
 *
 * Return: 0 or the negative errno damon_stop() gave.
 */
int kdrv_stop(struct damon_ctx **ctxs, int nr);

/**
 * kdrv_destroy_ctx() - free a stopped context and everything it holds
 * @ctx: the context
 */
void kdrv_destroy_ctx(struct damon_ctx *ctx);

/**
 * kdrv_update_access() - fold one access check result into a region
 * @ctx:      the region's context
 * @r:        the region
 * @accessed: whether the sampled address was found accessed
 *
 * What ops' check_accesses calls for each region, whatever the tree's
 * signature of damon_update_region_access_rate() is.
 */
void kdrv_update_access(struct damon_ctx *ctx, struct damon_region *r,
			bool accessed);

/**
 * kdrv_kdamond_cpu_ns() - host CPU time the context's kdamond used so far
 * @ctx: a running context
 *
 * Return: nanoseconds (host-dependent; for host.json only), 0 if stopped.
 */
uint64_t kdrv_kdamond_cpu_ns(struct damon_ctx *ctx);

/**
 * kdrv_random() - a random address in [l, r) as the tree's damon_rand() does
 * @ctx: context whose random state to use (trees with per-context state)
 * @l:   lower bound
 * @r:   upper bound, exclusive
 */
unsigned long kdrv_random(struct damon_ctx *ctx, unsigned long l,
			  unsigned long r);

#endif /* DAMONSIM_KPORT_DRIVER_H */
