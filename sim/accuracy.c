// SPDX-License-Identifier: GPL-2.0
/*
 * accuracy.c - frequency error, hot-set precision/recall/F1 and WSS error
 *
 * The target space is cut into pieces of constant d (inside one region,
 * or in no region: d = 0).  Each piece is first charged as if all its
 * pages had g = 0, then corrected by visiting only the pages whose g > 0.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "sim/accuracy.h"

#define ACC_PAGE MACH_PAGE_SIZE

typedef void (*acc_visit_fn)(const void *target, uint64_t start, uint64_t end,
			     mach_gt_fn fn, void *ctx);

struct acc_work {
	uint32_t s;
	uint32_t t;
	uint32_t d;	   /* of the piece being visited */
	int64_t err_pages; /* sum over pages of |d - g|, in pages */
	uint64_t total, hot_true, hot_damon, hot_both, wss_true, wss_damon;
};

static void acc_visit_vaddr(const void *target, uint64_t start, uint64_t end,
			    mach_gt_fn fn, void *ctx)
{
	machine_gt_for_each_page(target, start, end, fn, ctx);
}

static void acc_visit_paddr(const void *target, uint64_t start, uint64_t end,
			    mach_gt_fn fn, void *ctx)
{
	machine_gt_for_each_frame(target, start, end, fn, ctx);
}

static void acc_page(void *ctx, uint64_t addr, uint32_t g)
{
	struct acc_work *w = ctx;

	if (g > w->s)
		g = w->s;
	/* Undo the g = 0 charge of the piece and charge the real g. */
	w->err_pages += (int64_t)(w->d > g ? w->d - g : g - w->d) - w->d;
	w->wss_true += ACC_PAGE;
	if (g >= w->t) {
		w->hot_true += ACC_PAGE;
		if (w->d >= w->t)
			w->hot_both += ACC_PAGE;
	}
}

static void acc_piece(struct acc_work *w, const void *target,
		      acc_visit_fn visit, uint64_t a, uint64_t b, uint32_t d)
{
	uint64_t len = b - a;

	if (a >= b)
		return;
	w->d = d > w->s ? w->s : d;
	w->total += len;
	w->err_pages += (int64_t)(len / ACC_PAGE) * w->d;
	if (w->d > 0)
		w->wss_damon += len;
	if (w->d >= w->t)
		w->hot_damon += len;
	visit(target, a, b, acc_page, w);
}

static inline uint64_t acc_rdown(uint64_t x)
{
	return x & ~(ACC_PAGE - 1);
}

static int acc_check(const struct acc_region *r, size_t n, uint32_t s,
		     double theta)
{
	size_t i;

	if (!s || !(theta > 0.0 && theta <= 1.0))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (r[i].start > r[i].end)
			return -EINVAL;
		if (i && acc_rdown(r[i].start) < acc_rdown(r[i - 1].end))
			return -EINVAL;
	}
	return 0;
}

/* Pieces of one target range [ts, te); *ri is the first region to try. */
static void acc_range(struct acc_work *w, const void *target,
		      acc_visit_fn visit, uint64_t ts, uint64_t te,
		      const struct acc_region *r, size_t n, size_t *ri)
{
	uint64_t pos = ts, rs, re;
	size_t i = *ri;

	while (i < n && acc_rdown(r[i].end) <= ts)
		i++;
	*ri = i;
	for (; i < n && pos < te; i++) {
		rs = acc_rdown(r[i].start);
		re = acc_rdown(r[i].end);
		if (rs >= te)
			break;
		if (rs > pos) {
			acc_piece(w, target, visit, pos, rs, 0);
			pos = rs;
		}
		if (re > pos) {
			acc_piece(w, target, visit, pos, re < te ? re : te,
				  r[i].nr_accesses);
			pos = re < te ? re : te;
		}
	}
	acc_piece(w, target, visit, pos, te, 0);
}

static double acc_ratio(uint64_t num, uint64_t den)
{
	return den ? (double)num / (double)den : 1.0;
}

static void acc_finish(const struct acc_work *w, struct acc_result *out)
{
	memset(out, 0, sizeof(*out));
	out->nr_samples = w->s;
	out->hot_threshold = w->t;
	out->total_bytes = w->total;
	out->err_weighted = (double)w->err_pages * ACC_PAGE / w->s;
	out->hot_true_bytes = w->hot_true;
	out->hot_damon_bytes = w->hot_damon;
	out->hot_both_bytes = w->hot_both;
	out->wss_true_bytes = w->wss_true;
	out->wss_damon_bytes = w->wss_damon;
	out->nr_aggregations = 1;
}

/* Derived ratios from the byte sums; shared with cumulative results. */
static void acc_derive(struct acc_result *r)
{
	uint64_t den;

	r->freq_error =
		r->total_bytes ? r->err_weighted / (double)r->total_bytes : 0.0;
	r->precision = acc_ratio(r->hot_both_bytes, r->hot_damon_bytes);
	r->recall = acc_ratio(r->hot_both_bytes, r->hot_true_bytes);
	r->f1 = r->precision + r->recall > 0.0
			? 2.0 * r->precision * r->recall /
				  (r->precision + r->recall)
			: 0.0;
	den = r->wss_true_bytes > ACC_PAGE ? r->wss_true_bytes : ACC_PAGE;
	r->wss_rel_error =
		((double)r->wss_damon_bytes - (double)r->wss_true_bytes) /
		(double)den;
}

static void acc_init_work(struct acc_work *w, uint32_t s, double theta)
{
	double t = ceil(theta * s - 1e-9);

	memset(w, 0, sizeof(*w));
	w->s = s;
	w->t = t < 1.0 ? 1 : (uint32_t)t;
}

int accuracy_vaddr(const struct mach_as *as, const struct acc_region *regions,
		   size_t nr_regions, uint32_t nr_samples, double theta,
		   struct acc_result *out)
{
	const struct mach_vma *v;
	struct acc_work w;
	size_t i, ri = 0;
	int err;

	err = acc_check(regions, nr_regions, nr_samples, theta);
	if (err)
		return err;
	acc_init_work(&w, nr_samples, theta);
	for (i = 0; (v = machine_as_vma(as, i)); i++)
		acc_range(&w, as, acc_visit_vaddr, v->start, v->end, regions,
			  nr_regions, &ri);
	acc_finish(&w, out);
	acc_derive(out);
	return 0;
}

int accuracy_paddr(const struct machine *m, const struct acc_region *regions,
		   size_t nr_regions, uint32_t nr_samples, double theta,
		   struct acc_result *out)
{
	uint64_t s, e;
	struct acc_work w;
	size_t ri = 0;
	unsigned int n;
	int err;

	err = acc_check(regions, nr_regions, nr_samples, theta);
	if (err)
		return err;
	acc_init_work(&w, nr_samples, theta);
	for (n = 0; n < machine_nr_nodes(m); n++) {
		machine_node_range(m, n, &s, &e);
		acc_range(&w, m, acc_visit_paddr, s, e, regions, nr_regions,
			  &ri);
	}
	acc_finish(&w, out);
	acc_derive(out);
	return 0;
}

void accuracy_cumulative_init(struct acc_cumulative *c)
{
	memset(c, 0, sizeof(*c));
}

void accuracy_cumulative_add(struct acc_cumulative *c,
			     const struct acc_result *r)
{
	struct acc_result *s = &c->sum;

	s->nr_samples = r->nr_samples;
	s->hot_threshold = r->hot_threshold;
	s->total_bytes += r->total_bytes;
	s->err_weighted += r->err_weighted;
	s->hot_true_bytes += r->hot_true_bytes;
	s->hot_damon_bytes += r->hot_damon_bytes;
	s->hot_both_bytes += r->hot_both_bytes;
	s->wss_true_bytes += r->wss_true_bytes;
	s->wss_damon_bytes += r->wss_damon_bytes;
	s->nr_aggregations += r->nr_aggregations;
	c->sum_abs_wss_rel_error += fabs(r->wss_rel_error);
}

void accuracy_cumulative_result(const struct acc_cumulative *c,
				struct acc_result *out,
				double *mean_abs_wss_rel_error)
{
	*out = c->sum;
	acc_derive(out);
	if (mean_abs_wss_rel_error)
		*mean_abs_wss_rel_error =
			c->sum.nr_aggregations ? c->sum_abs_wss_rel_error /
							 c->sum.nr_aggregations
					       : 0.0;
}
