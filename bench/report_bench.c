// SPDX-License-Identifier: GPL-2.0
/*
 * report_bench.c - cost of damon_report_access()'s buffers and drains
 *
 * Uses the real-thread build of kernel-port/report (pthread mutex), so
 * the figures are those of real locks and atomics on this host.
 *
 * Figures are medians over the sampling intervals of a cell.
 *
 * Table 1, one thread: for offered rates of 1e3..1e7 reports/s, modelled
 * as the batch of reports one 5 ms sampling interval collects (5..50000),
 * and 10..10000 regions: ns per push for the simple and percpu buffers,
 * and ns per drained report for each buffer with each lookup.  A bsearch
 * drain includes building the flat sorted snapshot from a linked list of
 * regions (as damon_report_snapshot_target() does) every interval; a
 * linear drain walks the flat array (optimistic: the kernel's walk would
 * chase the region list's pointers).  Report addresses are uniform over
 * the regions.
 *
 * Table 2, contention: 1..4 pusher threads (one "CPU" each) push as fast
 * as they can while one drainer collects every 50 us: ns per push per
 * thread and the share of reports dropped because the buffer was busy or
 * full.  Back-to-back pushers outrun any drainer, so full drops are
 * expected; the busy drops are what the simple buffer's one lock costs,
 * against other pushers and against the drainer.  On a loaded host the
 * drainer is scheduled late and the figures move a lot.
 *
 * Host-dependent by nature: the output goes to bench/results/.
 *
 * Usage: report_bench [--quick]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/smp.h>

#include "report/report.h"
#include "tests/report_rng.h"

#define SAMPLE_S 0.005

static const double rates[] = { 1e3, 1e4, 1e5, 1e6, 1e7 };
static const unsigned int nr_regions[] = { 10, 100, 1000, 10000 };

/* A region as kdamond holds it: a list node, not an array element. */
struct bench_region {
	unsigned long start, end;
	struct list_head list;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void make_regions(uint64_t *rng, unsigned int nr,
			 struct bench_region *regions, struct list_head *head)
{
	unsigned long addr = 0x7f0000000000UL;
	unsigned int i;

	INIT_LIST_HEAD(head);
	for (i = 0; i < nr; i++) {
		regions[i].start = addr;
		addr += 4096 * (1 + report_rng_below(rng, 256));
		regions[i].end = addr;
		list_add_tail(&regions[i].list, head);
	}
}

static unsigned int snapshot(struct list_head *head,
			     struct damon_report_range *ranges)
{
	struct bench_region *r;
	unsigned int i = 0;

	list_for_each_entry(r, head, list) {
		ranges[i].start = r->start;
		ranges[i].end = r->end;
		i++;
	}
	return i;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of per-interval figures: robust to other load on the host. */
static double median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

struct cell {
	double push_ns[2];
	double drain_ns[2][2];
};

static unsigned long sink;

static void bench_cell(uint64_t seed, unsigned int batch, unsigned int nr,
		       unsigned int min_reports, struct cell *cell)
{
	struct bench_region *regions = calloc(nr, sizeof(*regions));
	struct damon_report_range *ranges = calloc(nr, sizeof(*ranges));
	struct damon_access_report *reports = calloc(batch, sizeof(*reports));
	unsigned int *hits = calloc(nr, sizeof(*hits));
	unsigned int reps = min_reports / batch, rep, i, t, l;
	double *push, *drain[2];
	struct list_head head;
	unsigned long span;

	if (!regions || !ranges || !reports || !hits) {
		fprintf(stderr, "report_bench: out of memory\n");
		exit(1);
	}
	if (reps < 5)
		reps = 5;
	make_regions(&seed, nr, regions, &head);
	span = regions[nr - 1].end - regions[0].start;
	for (i = 0; i < batch; i++) {
		reports[i].addr = regions[0].start +
				  report_rng_below(&seed, span);
		reports[i].size = 8;
	}
	snapshot(&head, ranges);
	push = calloc(reps, sizeof(*push));
	drain[0] = calloc(reps, sizeof(*drain[0]));
	drain[1] = calloc(reps, sizeof(*drain[1]));
	if (!push || !drain[0] || !drain[1]) {
		fprintf(stderr, "report_bench: out of memory\n");
		exit(1);
	}
	for (t = 0; t < 2; t++) {
		struct damon_report_buf buf;

		if (damon_report_buf_init(&buf, t, batch)) {
			fprintf(stderr, "report_bench: buffer init failed\n");
			exit(1);
		}
		for (rep = 0; rep < reps; rep++) {
			for (l = 0; l < 2; l++) {
				struct damon_report_drain_stats st = { 0 };
				unsigned int n = nr;
				double t0 = now_ns();

				for (i = 0; i < batch; i++)
					damon_report_buf_push(&buf,
							      &reports[i]);
				if (l == 0)
					push[rep] = (now_ns() - t0) / batch;
				t0 = now_ns();
				if (l == DAMON_REPORT_LOOKUP_BSEARCH)
					n = snapshot(&head, ranges);
				sink += damon_report_drain(&buf, ranges, n, l,
						NULL, NULL, hits, &st);
				drain[l][rep] = (now_ns() - t0) / batch;
				if (st.nr_attributed != batch) {
					fprintf(stderr,
						"report_bench: lost reports\n");
					exit(1);
				}
			}
		}
		cell->push_ns[t] = median(push, reps);
		for (l = 0; l < 2; l++)
			cell->drain_ns[t][l] = median(drain[l], reps);
		damon_report_buf_destroy(&buf);
	}
	free(push);
	free(drain[0]);
	free(drain[1]);
	free(regions);
	free(ranges);
	free(reports);
	free(hits);
}

struct pusher {
	pthread_t thread;
	struct damon_report_buf *buf;
	unsigned int cpu;
	unsigned long nr;
	double ns;
};

static void *pusher_fn(void *arg)
{
	struct pusher *p = arg;
	struct damon_access_report r = { .size = 8 };
	unsigned long i;
	double t0;

	damon_report_thread_set_cpu(p->cpu);
	r.cpu = p->cpu;
	t0 = now_ns();
	for (i = 0; i < p->nr; i++) {
		r.addr = i;
		damon_report_buf_push(p->buf, &r);
	}
	p->ns = now_ns() - t0;
	return NULL;
}

struct drainer {
	pthread_t thread;
	struct damon_report_buf *buf;
	int done;
	unsigned long drained;
};

static void *drainer_fn(void *arg)
{
	struct drainer *d = arg;

	const struct timespec gap = { 0, 50000 };

	while (!__atomic_load_n(&d->done, __ATOMIC_ACQUIRE)) {
		d->drained += damon_report_buf_collect(d->buf,
				d->buf->scratch, d->buf->scratch_len);
		nanosleep(&gap, NULL);
	}
	while (damon_report_buf_collect(d->buf, d->buf->scratch,
					d->buf->scratch_len))
		;
	return NULL;
}

static void bench_contention(unsigned int nr_threads, unsigned long per,
			     int type, double *ns, double *busy, double *full)
{
	static struct drainer d;
	struct pusher p[4];
	struct damon_report_buf buf;
	struct damon_report_buf_stats st;
	unsigned int i;

	if (damon_report_buf_init(&buf, type, 65536)) {
		fprintf(stderr, "report_bench: buffer init failed\n");
		exit(1);
	}
	memset(&d, 0, sizeof(d));
	d.buf = &buf;
	pthread_create(&d.thread, NULL, drainer_fn, &d);
	for (i = 0; i < nr_threads; i++) {
		p[i] = (struct pusher){ .buf = &buf, .cpu = i, .nr = per };
		pthread_create(&p[i].thread, NULL, pusher_fn, &p[i]);
	}
	*ns = 0;
	for (i = 0; i < nr_threads; i++) {
		pthread_join(p[i].thread, NULL);
		*ns += p[i].ns / per / nr_threads;
	}
	__atomic_store_n(&d.done, 1, __ATOMIC_RELEASE);
	pthread_join(d.thread, NULL);
	damon_report_buf_stats(&buf, -1, &st);
	*busy = 100.0 * st.nr_dropped_busy / (per * nr_threads);
	*full = 100.0 * st.nr_dropped_full / (per * nr_threads);
	damon_report_buf_destroy(&buf);
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && !strcmp(argv[1], "--quick");
	unsigned int min_reports = quick ? 20000 : 200000;
	unsigned int r, g, n;

	nr_cpu_ids = 4;
	printf("Table 1: one thread; ns per push, and ns per drained report "
	       "(collect + attribute; bsearch includes the snapshot)\n\n");
	printf("| reports/s | per 5 ms | regions | push simple | push percpu "
	       "| simple+linear | simple+bsearch | percpu+linear "
	       "| percpu+bsearch |\n");
	printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (r = 0; r < ARRAY_SIZE(rates); r++) {
		unsigned int batch = (unsigned int)(rates[r] * SAMPLE_S);

		for (g = 0; g < ARRAY_SIZE(nr_regions); g++) {
			struct cell c;

			bench_cell(1000 * r + g, batch, nr_regions[g],
				   min_reports, &c);
			printf("| %.0e | %u | %u | %.1f | %.1f | %.1f | %.1f "
			       "| %.1f | %.1f |\n", rates[r], batch,
			       nr_regions[g], c.push_ns[0], c.push_ns[1],
			       c.drain_ns[0][0], c.drain_ns[0][1],
			       c.drain_ns[1][0], c.drain_ns[1][1]);
			fflush(stdout);
		}
	}
	printf("\nTable 2: N pushers (one CPU each) and one drainer "
	       "(collecting everything every 50 us; 65536 reports per "
	       "buffer or ring), all pushing back to back\n\n");
	printf("| pushers | simple ns/push | simple busy-dropped %% "
	       "| simple full-dropped %% | percpu ns/push "
	       "| percpu full-dropped %% |\n");
	printf("|---:|---:|---:|---:|---:|---:|\n");
	for (n = 1; n <= 4; n *= 2) {
		double ns[2], busy[2], full[2];
		unsigned long per = quick ? 100000 : 2000000;
		int t;

		for (t = 0; t < 2; t++)
			bench_contention(n, per, t, &ns[t], &busy[t],
					 &full[t]);
		printf("| %u | %.1f | %.2f | %.2f | %.1f | %.2f |\n", n,
		       ns[0], busy[0], full[0], ns[1], full[1]);
		fflush(stdout);
	}
	return sink == 0;
}
