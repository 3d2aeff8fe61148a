// SPDX-License-Identifier: GPL-2.0
/*
 * Drive a real kdamond in virtual time; see driver.h.  Everything that
 * differs between kernel trees is decided by configure's probes (config.h
 * HAVE_*), never by a version number.
 */
#include "config.h"

#include <linux/damon.h>
#include <linux/slab.h>

#include "driver.h"

#define KDRV_MAX_CTXS 16

struct kdrv_pending {
	unsigned int target_index;
	unsigned int expected;
	unsigned int nr;
	unsigned int cap;
	struct kdrv_region *regions;
};

struct kdrv_ctx_state {
	struct damon_ctx *ctx;
	struct kdrv_pending pending;
};

static struct kdrv_ctx_state ctxs[KDRV_MAX_CTXS];
static unsigned int nr_ctxs;
static kdrv_snapshot_fn sink;
static void *sink_arg;

void kdrv_set_snapshot_sink(kdrv_snapshot_fn fn, void *arg)
{
	sink = fn;
	sink_arg = arg;
}

struct damon_ctx *kdrv_new_ctx(const struct kdrv_attrs *a,
			       struct damon_operations *ops, int *err)
{
	struct damon_attrs attrs = {
		.sample_interval = a->sample_us,
		.aggr_interval = a->aggr_us,
		.ops_update_interval = a->update_us,
		.min_nr_regions = a->min_nr_regions,
		.max_nr_regions = a->max_nr_regions,
	};
	struct damon_ctx *ctx;

	*err = -ENOSPC;
	if (nr_ctxs == KDRV_MAX_CTXS)
		return NULL;
	*err = -ENOMEM;
	ctx = damon_new_ctx();
	if (!ctx)
		return NULL;
	*err = damon_set_attrs(ctx, &attrs);
	if (*err)
		goto fail;
	if (!damon_is_registered_ops(ops->id)) {
		*err = damon_register_ops(ops);
		if (*err)
			goto fail;
	}
	*err = damon_select_ops(ctx, ops->id);
	if (*err)
		goto fail;
	/*
	 * damon_select_ops() copies the ops registered first under this id;
	 * several primitives share an id (vaddr or paddr), so give each
	 * context its own.
	 */
	ctx->ops = *ops;
	ctxs[nr_ctxs++].ctx = ctx;
	return ctx;
fail:
	damon_destroy_ctx(ctx);
	return NULL;
}

struct damon_target *kdrv_add_target(struct damon_ctx *ctx, struct pid *pid,
				     const unsigned long *ranges,
				     unsigned int nr_ranges)
{
	struct damon_addr_range *ar;
	struct damon_target *t;
	unsigned int i;
	int err;

	t = damon_new_target();
	if (!t)
		return NULL;
	t->pid = pid;
	damon_add_target(ctx, t);
	if (!nr_ranges)
		return t;
	ar = kcalloc(nr_ranges, sizeof(*ar), GFP_KERNEL);
	if (!ar)
		return NULL;
	for (i = 0; i < nr_ranges; i++) {
		ar[i].start = ranges[2 * i];
		ar[i].end = ranges[2 * i + 1];
	}
	err = kdrv_set_regions(ctx, t, ar, nr_ranges);
	kfree(ar);
	return err ? NULL : t;
}

struct pid *kdrv_new_pid(int nr, void *host)
{
	return kport_pid_new(nr, host);
}

int kdrv_set_regions(struct damon_ctx *ctx, struct damon_target *t,
		     struct damon_addr_range *ranges, unsigned int nr)
{
#if defined(HAVE_DAMON_SET_REGIONS_MIN_SZ) && defined(HAVE_CTX_MIN_REGION_SZ)
	return damon_set_regions(t, ranges, nr, ctx->min_region_sz);
#elif defined(HAVE_DAMON_SET_REGIONS_MIN_SZ)
	return damon_set_regions(t, ranges, nr, DAMON_MIN_REGION);
#else
	return damon_set_regions(t, ranges, nr);
#endif
}

static struct kdrv_ctx_state *state_of_current(void)
{
	unsigned int i;

	for (i = 0; i < nr_ctxs; i++)
		if (ctxs[i].ctx->kdamond == current)
			return &ctxs[i];
	return NULL;
}

static bool pending_push(struct kdrv_pending *p, const struct kdrv_region *r)
{
	if (p->nr == p->cap) {
		unsigned int cap = p->cap ? p->cap * 2 : 64;
		struct kdrv_region *grown =
			realloc(p->regions, cap * sizeof(*grown));

		if (!grown)
			return false;
		p->regions = grown;
		p->cap = cap;
	}
	p->regions[p->nr++] = *r;
	return true;
}

void kdrv_trace(const struct kport_trace_event *ev)
{
	struct kdrv_ctx_state *st;
	struct kdrv_pending *p;
	struct kdrv_snapshot snap;
	struct kdrv_region r;
	uint64_t tid, nr, start, end, acc, age;

	if (strcmp(ev->name, "damon_aggregated"))
		return;
	st = state_of_current();
	if (!st ||
	    !kport_trace_u64(ev, "target_id", &tid) ||
	    !kport_trace_u64(ev, "nr_regions", &nr) ||
	    !kport_trace_u64(ev, "start", &start) ||
	    !kport_trace_u64(ev, "end", &end) ||
	    !kport_trace_u64(ev, "nr_accesses", &acc) ||
	    !kport_trace_u64(ev, "age", &age)) {
		WARN_ON(1);
		return;
	}
	p = &st->pending;
	if (p->nr && p->target_index != tid)
		WARN_ON(p->nr != p->expected);
	if (!p->nr) {
		p->target_index = (unsigned int)tid;
		p->expected = (unsigned int)nr;
	}
	r.start = start;
	r.end = end;
	r.nr_accesses = (unsigned int)acc;
	r.age = (unsigned int)age;
	if (!pending_push(p, &r)) {
		WARN_ON(1);
		return;
	}
	if (p->nr < p->expected)
		return;
	snap.time_ns = kport_clock_ns();
	snap.ctx_index = (unsigned int)(st - ctxs);
	snap.target_index = p->target_index;
	snap.nr_regions = p->nr;
	snap.regions = p->regions;
	if (sink)
		sink(sink_arg, &snap);
	p->nr = 0;
}

/* Action names as DAMON's sysfs interface spells them. */
static const struct {
	const char *name;
	enum damos_action action;
} kdrv_actions[] = {
	{ "willneed", DAMOS_WILLNEED },
	{ "cold", DAMOS_COLD },
	{ "pageout", DAMOS_PAGEOUT },
	{ "hugepage", DAMOS_HUGEPAGE },
	{ "nohugepage", DAMOS_NOHUGEPAGE },
	{ "lru_prio", DAMOS_LRU_PRIO },
	{ "lru_deprio", DAMOS_LRU_DEPRIO },
	{ "migrate_hot", DAMOS_MIGRATE_HOT },
	{ "migrate_cold", DAMOS_MIGRATE_COLD },
	{ "stat", DAMOS_STAT },
};

int kdrv_add_scheme(struct damon_ctx *ctx, const struct kdrv_scheme *s)
{
	struct damos_access_pattern pattern = {
		.min_sz_region = s->sz_min,
		.max_sz_region = s->sz_max,
		.min_nr_accesses = s->nr_accesses_min,
		.max_nr_accesses = s->nr_accesses_max,
		.min_age_region = s->age_min,
		.max_age_region = s->age_max,
	};
	struct damos_quota quota = {
		.ms = s->quota_ms,
		.sz = s->quota_sz,
		.reset_interval = s->quota_reset_ms,
		.weight_sz = s->weight_sz,
		.weight_nr_accesses = s->weight_nr_accesses,
		.weight_age = s->weight_age,
	};
	struct damos_watermarks wmarks = {
		.metric = s->wmarks_free_mem ? DAMOS_WMARK_FREE_MEM_RATE :
					       DAMOS_WMARK_NONE,
		.interval = s->wmarks_interval_us,
		.high = s->wmarks_high,
		.mid = s->wmarks_mid,
		.low = s->wmarks_low,
	};
	struct damos *scheme;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kdrv_actions); i++)
		if (!strcmp(s->action, kdrv_actions[i].name))
			break;
	if (i == ARRAY_SIZE(kdrv_actions))
		return -EINVAL;
	scheme = damon_new_scheme(&pattern, kdrv_actions[i].action,
				  s->apply_interval_us, &quota, &wmarks,
				  s->target_nid);
	if (!scheme)
		return -ENOMEM;
	damon_add_scheme(ctx, scheme);
	return 0;
}

int kdrv_scheme_stat(struct damon_ctx *ctx, unsigned int idx,
		     struct kdrv_scheme_stat *st)
{
	struct damos *s;
	unsigned int i = 0;

	damon_for_each_scheme(s, ctx) {
		if (i++ != idx)
			continue;
		st->nr_tried = s->stat.nr_tried;
		st->sz_tried = s->stat.sz_tried;
		st->nr_applied = s->stat.nr_applied;
		st->sz_applied = s->stat.sz_applied;
		st->qt_exceeds = s->stat.qt_exceeds;
		return 0;
	}
	return -ENOENT;
}

int kdrv_start(struct damon_ctx **list, int nr)
{
	return damon_start(list, nr, false);
}

int kdrv_stop(struct damon_ctx **list, int nr)
{
#ifdef HAVE_DAMON_STOP_VOID
	/* Newer trees cannot fail to stop: they wait for every kdamond. */
	damon_stop(list, nr);
	return 0;
#else
	return damon_stop(list, nr);
#endif
}

void kdrv_destroy_ctx(struct damon_ctx *ctx)
{
#ifndef HAVE_OPS_CLEANUP_TARGET
	struct damon_target *t;
#endif
	unsigned int i;

	/*
	 * Targets hold a pid reference.  Trees with ops.cleanup_target let
	 * the ops drop it as the target goes; older trees leave it to the
	 * user of the API (the kernel's sysfs code), which is us.
	 */
#ifndef HAVE_OPS_CLEANUP_TARGET
	damon_for_each_target(t, ctx) {
		put_pid(t->pid);
		t->pid = NULL;
	}
#endif

	for (i = 0; i < nr_ctxs; i++) {
		if (ctxs[i].ctx != ctx)
			continue;
		free(ctxs[i].pending.regions);
		memmove(&ctxs[i], &ctxs[i + 1],
			(nr_ctxs - i - 1) * sizeof(ctxs[0]));
		nr_ctxs--;
		memset(&ctxs[nr_ctxs], 0, sizeof(ctxs[0]));
		break;
	}
	damon_destroy_ctx(ctx);
}

void kdrv_update_access(struct damon_ctx *ctx, struct damon_region *r,
			bool accessed)
{
#ifdef HAVE_UPDATE_ACCESS_RATE_NO_ATTRS
	damon_update_region_access_rate(r, accessed);
#else
	damon_update_region_access_rate(r, accessed, &ctx->attrs);
#endif
}

unsigned long kdrv_random(struct damon_ctx *ctx, unsigned long l,
			  unsigned long r)
{
#ifdef HAVE_DAMON_RAND_CTX
	return damon_rand(ctx, l, r);
#else
	return damon_rand(l, r);
#endif
}

uint64_t kdrv_kdamond_cpu_ns(struct damon_ctx *ctx)
{
	return kport_task_cpu_ns(ctx->kdamond);
}
