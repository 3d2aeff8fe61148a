// SPDX-License-Identifier: GPL-2.0
/*
 * The replay loop.  One logical thread of control: the host replays trace
 * events in time order and, whenever the next event is at or after
 * kdamond's next wake-up, lets the kernel threads run up to that time
 * (kport_run_until()).  kdamond runs first at equal times, so the accesses
 * stamped with a sampling boundary count in the interval that starts there,
 * for DAMON and for the ground truth alike.
 */
#include <errno.h>
#include <stdio.h>

#include "sim/run.h"
#include "sim/run_state.h"

/* Per-aggregation columns of metrics.csv/json: declared once, here. */
static const struct report_stat run_metric_stats[] = {
	{ "nr_regions", "", "DAMON regions of the target", 0 },
	{ "freq_error", "ratio", "size-weighted mean |d-g|/S", 4 },
	{ "precision", "ratio", "hot-set precision at the threshold", 4 },
	{ "recall", "ratio", "hot-set recall at the threshold", 4 },
	{ "f1", "ratio", "hot-set F1", 4 },
	{ "wss_true", "bytes", "bytes accessed in the aggregation (g > 0)", 0 },
	{ "wss_damon", "bytes", "bytes in regions with nr_accesses > 0", 0 },
	{ "wss_rel_error", "ratio", "(wss_damon - wss_true) / wss_true", 4 },
};

const struct report_stat *run_metrics_stats(size_t *n)
{
	*n = G_N_ELEMENTS(run_metric_stats);
	return run_metric_stats;
}

/*
 * Average ground truth g per page, per plot row.  Pages come in address
 * order, so the row is found by division only when a page leaves the
 * current one.
 */
struct heat_acc {
	uint64_t y0, dy;
	double *rows;
	uint64_t row, row_start, row_end;
};

static void heat_add_page(void *arg, uint64_t addr, uint32_t g)
{
	struct heat_acc *h = arg;

	if (addr < h->row_start || addr >= h->row_end) {
		if (addr < h->y0)
			return;
		h->row = (addr - h->y0) / h->dy;
		h->row_start = h->y0 + h->row * h->dy;
		h->row_end = h->row_start + h->dy;
	}
	if (h->row < RUN_PLOT_ROWS)
		h->rows[h->row] += (double)g * MACH_PAGE_SIZE / (double)h->dy;
}

static void run_record_heat(struct run *r, struct run_prim *p,
			    const struct acc_region *regs, size_t n)
{
	double damon_rows[RUN_PLOT_ROWS] = { 0 }, true_rows[RUN_PLOT_ROWS] = { 0 };
	struct heat_acc h = { r->plot_y0, r->plot_dy, true_rows, 0, 0, 0 };
	uint64_t row_start, row_end, lo, hi;
	size_t i, row;

	if (!r->plot_dy)
		return;
	for (row = 0; row < RUN_PLOT_ROWS; row++) {
		row_start = r->plot_y0 + row * r->plot_dy;
		row_end = row_start + r->plot_dy;
		for (i = 0; i < n; i++) {
			lo = MAX(regs[i].start, row_start);
			hi = MIN(regs[i].end, row_end);
			if (lo < hi)
				damon_rows[row] += (double)regs[i].nr_accesses *
						   (double)(hi - lo) /
						   (double)r->plot_dy;
		}
	}
	if (r->paddr)
		machine_gt_for_each_frame(r->machine, r->plot_y0,
					  r->plot_y0 + RUN_PLOT_ROWS * r->plot_dy,
					  heat_add_page, &h);
	else
		machine_gt_for_each_page(r->as, r->plot_y0,
					 r->plot_y0 + RUN_PLOT_ROWS * r->plot_dy,
					 heat_add_page, &h);
	/* The heatmap template's scale is % of the aggregation's samples. */
	for (row = 0; row < RUN_PLOT_ROWS; row++) {
		damon_rows[row] *= 100.0 / r->nr_samples;
		true_rows[row] *= 100.0 / r->nr_samples;
	}
	g_array_append_vals(p->heat_damon, damon_rows, RUN_PLOT_ROWS);
	g_array_append_vals(p->heat_true, true_rows, RUN_PLOT_ROWS);
}

/* The plot shows the largest mapping (vaddr) or all of memory (paddr). */
static void run_choose_plot_range(struct run *r, const struct acc_region *regs,
				  size_t n)
{
	uint64_t start = 0, end = 0;
	size_t i;

	if (r->paddr) {
		start = regs[0].start;
		end = regs[n - 1].end;
	} else {
		for (i = 0; i < machine_as_nr_vmas(r->as); i++) {
			const struct mach_vma *v = machine_as_vma(r->as, i);

			if (v->end - v->start > end - start) {
				start = v->start;
				end = v->end;
			}
		}
	}
	r->plot_y0 = start;
	r->plot_dy = MAX((end - start + RUN_PLOT_ROWS - 1) / RUN_PLOT_ROWS,
			 (uint64_t)MACH_PAGE_SIZE);
}

/*
 * Called in kdamond context at the end of each aggregation interval, with
 * the regions the damon_aggregated tracepoint reported.  Every context has
 * the same intervals and started together, so all of them report at the
 * same virtual time and all read the ground truth of the interval that just
 * ended; the last of them begins the next one.
 */
void run_on_snapshot(void *arg, const struct kdrv_snapshot *snap)
{
	struct run *r = arg;
	struct run_prim *p;
	struct acc_region *regs;
	struct damo_region *dregs;
	struct acc_result res;
	double row[G_N_ELEMENTS(run_metric_stats)];
	double t_s = (double)(snap->time_ns - r->start_ns) / 1e9;
	char label[32];
	unsigned int i;
	int ret;

	if (snap->ctx_index >= r->nr_prims)
		return;
	p = &r->prims[snap->ctx_index];
	run_hostcost_enter(&p->hostcost, &p->inst, t_s);
	snprintf(label, sizeof(label), "%.3f", t_s);
	run_schemes_snapshot(r, p, label);
	regs = g_new(struct acc_region, snap->nr_regions);
	dregs = g_new(struct damo_region, snap->nr_regions);
	for (i = 0; i < snap->nr_regions; i++) {
		regs[i].start = snap->regions[i].start;
		regs[i].end = snap->regions[i].end;
		regs[i].nr_accesses = snap->regions[i].nr_accesses;
		dregs[i].start = snap->regions[i].start;
		dregs[i].end = snap->regions[i].end;
		dregs[i].nr_accesses = snap->regions[i].nr_accesses;
		dregs[i].age = snap->regions[i].age;
	}
	if (r->paddr)
		ret = accuracy_paddr(r->machine, regs, snap->nr_regions,
				     r->nr_samples, r->theta, &res);
	else
		ret = accuracy_vaddr(r->as, regs, snap->nr_regions,
				     r->nr_samples, r->theta, &res);
	if (ret && !r->sink_error)
		g_set_error(&r->sink_error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "%s: snapshot at %.3f s: bad regions for accuracy",
			    p->name, t_s);
	if (!ret) {
		accuracy_cumulative_add(&p->cum, &res);
		row[0] = snap->nr_regions;
		row[1] = res.freq_error;
		row[2] = res.precision;
		row[3] = res.recall;
		row[4] = res.f1;
		row[5] = (double)res.wss_true_bytes;
		row[6] = (double)res.wss_damon_bytes;
		row[7] = res.wss_rel_error;
		report_table_add_row(p->table, label, row);
		g_array_append_val(p->wss_t, t_s);
		row[0] = (double)res.wss_damon_bytes;
		row[1] = (double)res.wss_true_bytes;
		g_array_append_val(p->wss_damon, row[0]);
		g_array_append_val(p->wss_true, row[1]);
	}
	/* A ground-truth pass per aggregation: only when plots are wanted. */
	if (r->plots) {
		if (!r->plot_dy && snap->nr_regions)
			run_choose_plot_range(r, regs, snap->nr_regions);
		run_record_heat(r, p, regs, snap->nr_regions);
	}
	if (r->damo && !r->sink_error &&
	    damo_writer_add_snapshot(r->damo, (int)snap->ctx_index,
				     p->last_snapshot_ns, snap->time_ns, dregs,
				     snap->nr_regions, &r->sink_error))
		r->damo = NULL;
	p->last_snapshot_ns = snap->time_ns;
	p->nr_snapshots++;
	if (snap->time_ns != r->gt_time_ns) {
		r->gt_time_ns = snap->time_ns;
		r->gt_reported = 0;
	}
	if (++r->gt_reported == r->nr_prims)
		machine_gt_aggr_begin(r->machine, snap->time_ns);
	g_free(regs);
	g_free(dregs);
	run_hostcost_leave(&p->hostcost, &p->inst);
}

static void run_host_trace(void *data, const struct kport_trace_event *ev)
{
	kdrv_trace(ev);
}

static bool run_trace_enabled(void *data, const char *event)
{
	return !strcmp(event, "damon_aggregated");
}

static unsigned long run_totalram(void *data)
{
	struct run *r = data;
	uint64_t total = 0, start, end;
	unsigned int n;

	for (n = 0; n < machine_nr_nodes(r->machine); n++)
		if (!machine_node_range(r->machine, n, &start, &end))
			total += end - start;
	return (unsigned long)(total / MACH_PAGE_SIZE);
}

static unsigned long run_free_pages(void *data)
{
	struct run *r = data;
	uint64_t used = 0;
	unsigned int n;

	for (n = 0; n < machine_nr_nodes(r->machine); n++)
		used += machine_node_used(r->machine, n);
	return run_totalram(data) - (unsigned long)(used / MACH_PAGE_SIZE);
}

/*
 * The machine's memory as [start, end) pairs, one per node: System RAM for
 * the kernel, and the regions of a paddr target.
 */
static unsigned int run_node_ranges(struct run *r, unsigned long *pairs,
				    unsigned int max)
{
	uint64_t start, end;
	unsigned int n, nr = 0;

	for (n = 0; n < machine_nr_nodes(r->machine) && nr < max; n++) {
		if (machine_node_range(r->machine, n, &start, &end))
			continue;
		pairs[2 * nr] = start;
		pairs[2 * nr + 1] = end;
		nr++;
	}
	return nr;
}

static int run_ram_ranges(void *data, struct kport_ram_range *ranges, int max)
{
	unsigned long pairs[2 * MACH_MAX_NODES];
	unsigned int nr, i;

	nr = run_node_ranges(data, pairs, MIN((unsigned int)max,
					       MACH_MAX_NODES));
	for (i = 0; i < nr; i++) {
		ranges[i].start = pairs[2 * i];
		ranges[i].end = pairs[2 * i + 1] - 1;	/* inclusive */
	}
	return (int)nr;
}

/* Start the kdamonds at @now, once the workload's first mappings exist. */
static int run_start_damon(struct run *r, uint64_t now, GError **err)
{
	unsigned long ranges[2 * MACH_MAX_NODES];
	struct damon_ctx **ctxs = g_new(struct damon_ctx *, r->nr_prims);
	unsigned int nr = 0, i;
	int ret = 0;

	kport_run_until(now);
	if (r->paddr)
		nr = run_node_ranges(r, ranges, MACH_MAX_NODES);
	for (i = 0; i < r->nr_prims && !ret; i++) {
		struct run_prim *p = &r->prims[i];
		struct damo_target_info info = {
			.kdamond_idx = i,
			.intervals = {
				.sample_us = r->attrs.sample_us,
				.aggr_us = r->attrs.aggr_us,
				.ops_update_us = r->attrs.update_us,
			},
		};
		struct pid *pid = r->paddr ? NULL : kdrv_new_pid(1, r->as);

		if (!kdrv_add_target(p->ctx, pid, nr ? ranges : NULL, nr)) {
			g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
				    "%s: cannot add the DAMON target", p->name);
			ret = -ENOMEM;
		} else if (r->damo &&
			   damo_writer_add_target(r->damo, &info, err) < 0) {
			ret = -EIO;
		}
		p->last_snapshot_ns = now;
		ctxs[i] = p->ctx;
	}
	if (!ret) {
		machine_gt_set_sample_interval(r->machine,
					       r->attrs.sample_us * 1000);
		machine_gt_aggr_begin(r->machine, now);
		r->start_ns = now;
		ret = kdrv_start(ctxs, (int)r->nr_prims);
		if (ret)
			g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
				    "damon_start() failed: %s",
				    g_strerror(-ret));
	}
	g_free(ctxs);
	r->started = !ret;
	return ret;
}

static void run_stop_damon(struct run *r)
{
	struct damon_ctx **ctxs = g_new(struct damon_ctx *, r->nr_prims);
	unsigned int i;

	for (i = 0; i < r->nr_prims; i++) {
		r->prims[i].kdamond_cpu_seconds =
			kdrv_kdamond_cpu_ns(r->prims[i].ctx) / 1e9;
		ctxs[i] = r->prims[i].ctx;
	}
	kdrv_stop(ctxs, (int)r->nr_prims);
	g_free(ctxs);
}

static void run_progress(struct run *r, uint64_t now, bool done)
{
	double frac = r->duration_ns ?
		(double)(now - r->first_ns) / (double)r->duration_ns : 0;
	int width = 40, fill;

	if (frac > 1 || done)
		frac = 1;
	fill = (int)(frac * width);
	fprintf(stderr, "\r[%.*s%*s] %3d%%  %.2f s simulated, %" G_GUINT64_FORMAT
		" events%s", fill, "========================================",
		width - fill, "", (int)(frac * 100), (now - r->first_ns) / 1e9,
		r->events, done ? "\n" : "");
}

/*
 * Runs of accesses go to the machine straight from the feed, at most
 * RUN_BATCH at a time, so it can prefetch page table entries ahead; a run
 * never spans a kdamond wake-up or a mapping change, so the result is the
 * same as one access at a time.
 */
#define RUN_BATCH 256

/*
 * The next wake-up can only move when simulated threads ran or when the
 * machine ran (trap handlers and observers may wake threads), so it is
 * read again after each of those instead of once per event.
 */
static void run_accesses(struct run *r, const struct mach_req *reqs, int n,
			 uint64_t *next_wake)
{
	uint64_t t0 = hostclock_mono_ns();

	machine_access_batch(r->machine, reqs, (size_t)n);
	r->machine_ns += hostclock_mono_ns() - t0;
	*next_wake = kport_next_wakeup_ns();
	r->events += n;
	r->accesses += n;
	r->last_ns = reqs[n - 1].now;
}

static int run_map_event(struct run *r, const struct trace_event *ev)
{
	unsigned int flags;

	switch (ev->type) {
	case TRACE_EV_MAP:
		flags = (ev->map_flags & TRACE_MAP_FILE) ? MACH_MAP_FILE : 0;
		if (r->huge)
			flags |= MACH_MAP_HUGE;
		return machine_map(r->as, ev->addr, ev->size, flags,
				   ev->memcg);
	case TRACE_EV_UNMAP:
		return machine_unmap(r->as, ev->addr, ev->size);
	default:
		return 0;
	}
}

/*
 * Replay one event off the fast path: the first, one at or after the next
 * wake-up or the scenario's end, or one that is not an access (@req->as
 * is NULL).  Return: 0 to go on, 1 when the scenario's time is over, or a
 * negative errno with @err set.
 */
static int run_event(struct run *r, const struct trace_event *ev,
		     const struct mach_req *req, uint64_t *end_ns,
		     uint64_t *next_wake, GError **err)
{
	int ret;

	if (!r->events) {
		r->first_ns = ev->time_ns;
		*end_ns = r->first_ns + r->duration_ns;
	}
	if (ev->time_ns >= *end_ns)
		return 1;
	if (!r->started && req->as) {
		ret = run_start_damon(r, ev->time_ns, err);
		*next_wake = kport_next_wakeup_ns();
		if (ret)
			return ret;
	}
	if (r->started && ev->time_ns >= *next_wake) {
		kport_run_until(ev->time_ns);
		*next_wake = kport_next_wakeup_ns();
	}
	if (req->as) {
		run_accesses(r, req, 1, next_wake);
		return 0;
	}
	r->events++;
	if (run_map_event(r, ev) < 0) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "event %" G_GUINT64_FORMAT " at %" G_GUINT64_FORMAT
			    " ns: the machine rejected a map/unmap of %#"
			    G_GINT64_MODIFIER "x+%" G_GUINT64_FORMAT,
			    r->events, ev->time_ns, ev->addr, ev->size);
		return -EINVAL;
	}
	*next_wake = kport_next_wakeup_ns();
	r->last_ns = ev->time_ns;
	return 0;
}

/*
 * Replay a batch of events.  Most are accesses before the next wake-up:
 * they go to the machine in runs; anything else takes run_event().
 * Return: as run_event().
 */
static int run_events(struct run *r, const struct run_feed *feed, int n,
		      uint64_t *end_ns, uint64_t *next_wake, GError **err)
{
	const struct mach_req *reqs = feed->reqs;
	uint64_t limit;
	int i = 0, j, stop, ret;

	while (i < n) {
		limit = r->started ? MIN(*next_wake, *end_ns) : 0;
		stop = MIN(n, i + RUN_BATCH);
		for (j = i; j < stop && reqs[j].as && reqs[j].now < limit; j++)
			;
		if (j > i) {
			run_accesses(r, reqs + i, j - i, next_wake);
			i = j;
			continue;
		}
		ret = run_event(r, &feed->evs[i], &reqs[i], end_ns, next_wake,
				err);
		if (ret)
			return ret;
		i++;
	}
	return 0;
}

#define RUN_READ_BATCH 1024

/* Decoded here when the reader thread could not be started. */
struct run_own_feed {
	struct trace_event *evs;
	struct mach_req *reqs;
};

/*
 * Next batch of the workload: from the reader thread, or read here when
 * it could not be started.
 */
static int run_next_batch(struct run *r, struct run_reader *rd,
			  struct run_own_feed *own, struct run_feed *feed,
			  GError **err)
{
	uint64_t t0;
	int n;

	if (rd)
		return run_reader_next(rd, feed, err);
	t0 = hostclock_mono_ns();
	n = trace_source_next_batch(r->src, own->evs, RUN_READ_BATCH, err);
	if (n > 0)
		run_feed_convert(own->evs, n, r->as,
				 machine_nr_cpus(r->machine), own->reqs);
	feed->evs = own->evs;
	feed->reqs = own->reqs;
	r->feed_ns += hostclock_mono_ns() - t0;
	return n;
}

int run_replay(struct run *r, GError **err)
{
	struct kport_hostops hostops = {
		.data = r,
		.trace = run_host_trace,
		.trace_enabled = run_trace_enabled,
		.totalram_pages = run_totalram,
		.free_pages = run_free_pages,
		.ram_ranges = run_ram_ranges,
	};
	unsigned int nr_cpus = machine_nr_cpus(r->machine);
	struct run_own_feed own = { NULL, NULL };
	uint64_t end_ns = 0, next_progress = 0, next_wake;
	struct run_feed feed;
	struct run_reader_cost cost = { 0, 0 };
	struct run_reader *rd = NULL;
	uint64_t t0;
	GError *local = NULL;
	int ret, n;

	kport_set_hostops(&hostops);
	kdrv_set_snapshot_sink(run_on_snapshot, r);
	t0 = hostclock_mono_ns();
	if (run_reader_start(r->src, r->as, nr_cpus, &rd)) {
		own.evs = g_new(struct trace_event, RUN_READ_BATCH);
		own.reqs = g_new(struct mach_req, RUN_READ_BATCH);
	}
	ret = 0;
	next_wake = kport_next_wakeup_ns();
	while (!ret && (n = run_next_batch(r, rd, &own, &feed, &local)) > 0) {
		ret = run_events(r, &feed, n, &end_ns, &next_wake, err);
		if (r->opt->progress && r->last_ns >= next_progress) {
			run_progress(r, r->last_ns, false);
			next_progress = r->last_ns + r->duration_ns / 100;
		}
	}
	run_reader_stop(rd, &cost);
	r->feed_ns += cost.wait_ns;
	r->reader_cpu_ns = cost.cpu_ns;
	g_free(own.evs);
	g_free(own.reqs);
	if (ret < 0)
		return ret;
	/* ret: 1 when the scenario's time ran out, else n (0 or error) */
	if (!ret)
		ret = n;
	if (ret < 0) {
		g_propagate_prefixed_error(err, local, "workload: ");
		return ret;
	}
	if (!r->started) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "workload %s: no memory access before the end of "
			    "the scenario", r->source_desc);
		return -EINVAL;
	}
	/*
	 * Run to the scenario's end, or to the workload's last event when the
	 * trace ends first: an idle tail after the trace would only dilute
	 * the figures.
	 */
	if (ret == 0 && r->last_ns < end_ns)
		end_ns = r->last_ns;	/* the workload ended first */
	kport_run_until(end_ns);
	if (r->opt->progress)
		run_progress(r, end_ns, true);
	run_stop_damon(r);
	r->host_seconds = (hostclock_mono_ns() - t0) / 1e9;
	r->last_ns = end_ns;
	if (r->sink_error) {
		g_propagate_error(err, r->sink_error);
		r->sink_error = NULL;
		return -EIO;
	}
	return 0;
}
