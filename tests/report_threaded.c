// SPDX-License-Identifier: GPL-2.0
/*
 * Report buffers with real threads (the real-thread build: pthread mutex,
 * thread-local CPU numbers).  Producers push unique sequence numbers while
 * a consumer collects; afterwards every report was either collected exactly
 * once or counted as dropped, each producer's reports came out in push
 * order, and the buffer's counters agree with what the pushers were told.
 * Run under --enable-tsan to check the ring's ordering as well.
 */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/smp.h>

#include "report/report.h"

#define NR_PRODUCERS 4
#define PER_PRODUCER 100000UL
#define CAPACITY 256
#define COLLECT_MAX 512

struct producer {
	pthread_t thread;
	struct damon_report_buf *buf;
	unsigned int cpu;
	unsigned long ok, full, busy, other;
};

struct consumer {
	pthread_t thread;
	struct damon_report_buf *buf;
	int done;
	unsigned char *seen;
	unsigned long drained, dups, bad, out_of_order;
	unsigned long seen_per[NR_PRODUCERS];
	long last[NR_PRODUCERS];
	struct damon_access_report out[COLLECT_MAX];
};

static void *producer_fn(void *arg)
{
	struct producer *p = arg;
	unsigned long seq;

	damon_report_thread_set_cpu(p->cpu);
	for (seq = 0; seq < PER_PRODUCER; seq++) {
		struct damon_access_report r = {
			.addr = seq, .size = 8, .tid = (int)p->cpu,
			.cpu = p->cpu, .is_write = seq & 1,
		};

		switch (damon_report_buf_push(p->buf, &r)) {
		case 0:
			p->ok++;
			break;
		case -ENOSPC:
			p->full++;
			break;
		case -EBUSY:
			p->busy++;
			break;
		default:
			p->other++;
		}
	}
	return NULL;
}

static unsigned int consume(struct consumer *c)
{
	unsigned int n, i;

	n = damon_report_buf_collect(c->buf, c->out, COLLECT_MAX);
	for (i = 0; i < n; i++) {
		const struct damon_access_report *r = &c->out[i];
		unsigned long p = (unsigned long)r->tid, seq = r->addr;

		if (p >= NR_PRODUCERS || seq >= PER_PRODUCER ||
		    r->cpu != p || r->is_write != (seq & 1)) {
			c->bad++;
			continue;
		}
		if (c->seen[p * PER_PRODUCER + seq]++) {
			c->dups++;
			continue;
		}
		if ((long)seq <= c->last[p])
			c->out_of_order++;
		c->last[p] = (long)seq;
		c->seen_per[p]++;
		c->drained++;
	}
	return n;
}

static void *consumer_fn(void *arg)
{
	const struct timespec gap = { 0, 10000 };
	struct consumer *c = arg;

	/*
	 * Drain periodically, as kdamond does: a drainer that retook the
	 * lock at once would starve the simple buffer's trylock pushers.
	 */
	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		consume(c);
		nanosleep(&gap, NULL);
	}
	/* Producers are done: take what is left. */
	while (consume(c))
		;
	return NULL;
}

static void run_threads(enum damon_report_buf_type type)
{
	static struct consumer c;
	struct producer p[NR_PRODUCERS];
	struct damon_report_buf buf;
	struct damon_report_buf_stats st;
	unsigned long ok = 0, full = 0, busy = 0;
	unsigned int i;

	nr_cpu_ids = NR_PRODUCERS;
	ck_assert_int_eq(damon_report_buf_init(&buf, type, CAPACITY), 0);
	memset(&c, 0, sizeof(c));
	c.buf = &buf;
	c.seen = calloc(NR_PRODUCERS * PER_PRODUCER, 1);
	ck_assert_ptr_nonnull(c.seen);
	for (i = 0; i < NR_PRODUCERS; i++)
		c.last[i] = -1;
	ck_assert_int_eq(pthread_create(&c.thread, NULL, consumer_fn, &c), 0);
	for (i = 0; i < NR_PRODUCERS; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		p[i].buf = &buf;
		p[i].cpu = i;
		ck_assert_int_eq(pthread_create(&p[i].thread, NULL,
						producer_fn, &p[i]), 0);
	}
	for (i = 0; i < NR_PRODUCERS; i++)
		ck_assert_int_eq(pthread_join(p[i].thread, NULL), 0);
	__atomic_store_n(&c.done, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(pthread_join(c.thread, NULL), 0);

	ck_assert_uint_eq(c.bad, 0);
	ck_assert_uint_eq(c.dups, 0);
	ck_assert_uint_eq(c.out_of_order, 0);
	for (i = 0; i < NR_PRODUCERS; i++) {
		ck_assert_uint_eq(p[i].other, 0);
		ck_assert_uint_eq(p[i].ok + p[i].full + p[i].busy,
				  PER_PRODUCER);
		ck_assert_uint_eq(c.seen_per[i], p[i].ok);
		if (type == DAMON_REPORT_BUF_PERCPU) {
			damon_report_buf_stats(&buf, i, &st);
			ck_assert_uint_eq(st.nr_pushed, p[i].ok);
			ck_assert_uint_eq(st.nr_dropped_full, p[i].full);
			ck_assert_uint_eq(st.nr_dropped_busy, p[i].busy);
			/* One pusher per CPU: nothing ever nests. */
			ck_assert_uint_eq(p[i].busy, 0);
		}
		ok += p[i].ok;
		full += p[i].full;
		busy += p[i].busy;
	}
	damon_report_buf_stats(&buf, -1, &st);
	ck_assert_uint_eq(c.drained, ok);
	ck_assert_uint_eq(st.nr_pushed, ok);
	ck_assert_uint_eq(st.nr_dropped_full, full);
	ck_assert_uint_eq(st.nr_dropped_busy, busy);
	ck_assert_uint_eq(c.drained + full + busy,
			  NR_PRODUCERS * PER_PRODUCER);
	ck_assert_uint_gt(c.drained, 0);
	free(c.seen);
	damon_report_buf_destroy(&buf);
}

START_TEST(test_threads_simple)
{
	run_threads(DAMON_REPORT_BUF_SIMPLE);
}
END_TEST

START_TEST(test_threads_percpu)
{
	run_threads(DAMON_REPORT_BUF_PERCPU);
}
END_TEST

Suite *suite_report_threaded(void)
{
	Suite *s = suite_create("report_threaded");
	TCase *tc = tcase_create("threaded");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_threads_simple);
	tcase_add_test(tc, test_threads_percpu);
	suite_add_tcase(s, tc);
	return s;
}
