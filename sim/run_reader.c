// SPDX-License-Identifier: GPL-2.0
/*
 * run_reader.c - decode the workload ahead on a second host thread
 *
 * Decoding a trace file costs about a fifth of replaying it.  A reader
 * thread fills a small ring of event batches while the replay simulates
 * the previous ones, so on a host with two CPUs the decoding mostly leaves
 * the replay's critical path.  The events and their order are exactly
 * those of trace_source_next_batch(): results cannot change.  Phase names
 * in the events may be invalidated by reading ahead; the replay does not
 * use them.
 */
#include <errno.h>
#include <pthread.h>

#include "sim/hostclock.h"
#include "sim/run_state.h"

#define RUN_READER_SLOTS 8
#define RUN_READER_BATCH 4096

struct run_reader {
	struct trace_source *src;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct mach_as *as;
	unsigned int nr_cpus;
	struct trace_event *evs; /* RUN_READER_SLOTS * RUN_READER_BATCH */
	struct mach_req *reqs;	 /* one per event */
	int n[RUN_READER_SLOTS]; /* trace_source_next_batch() results */
	GError *error;		 /* of a negative n */
	/* Slots filled and slots given back, counting from 0. */
	unsigned int head, tail;
	bool held; /* the consumer holds slot tail */
	bool stop;
	/*
	 * Who sleeps on @cond.  A wake-up costs a system call, so the
	 * consumer wakes the reader only once half the ring is free, and
	 * nobody signals a thread that is not waiting.
	 */
	bool reader_waits;
	bool consumer_waits;
	/* What reading ahead cost: see struct run_reader_cost. */
	uint64_t wait_ns; /* consumer side */
	uint64_t cpu_ns;  /* the reader thread's, set as it exits */
};

static void *run_reader_main(void *arg)
{
	struct run_reader *rd = arg;
	GError *local = NULL;
	unsigned int slot;
	int n;

	pthread_mutex_lock(&rd->lock);
	for (;;) {
		while (!rd->stop && rd->head - rd->tail == RUN_READER_SLOTS) {
			rd->reader_waits = true;
			pthread_cond_wait(&rd->cond, &rd->lock);
		}
		rd->reader_waits = false;
		if (rd->stop)
			break;
		slot = rd->head % RUN_READER_SLOTS;
		/* Slot head is neither held nor unread: decode unlocked. */
		pthread_mutex_unlock(&rd->lock);
		n = trace_source_next_batch(rd->src,
					    rd->evs + slot * RUN_READER_BATCH,
					    RUN_READER_BATCH, &local);
		if (n > 0)
			run_feed_convert(rd->evs + slot * RUN_READER_BATCH, n,
					 rd->as, rd->nr_cpus,
					 rd->reqs + slot * RUN_READER_BATCH);
		pthread_mutex_lock(&rd->lock);
		rd->n[slot] = n;
		if (n < 0)
			rd->error = local;
		rd->head++;
		if (rd->consumer_waits)
			pthread_cond_broadcast(&rd->cond);
		if (n <= 0)
			break;
	}
	rd->cpu_ns = hostclock_thread_cpu_ns();
	pthread_mutex_unlock(&rd->lock);
	return NULL;
}

void run_feed_convert(const struct trace_event *evs, int n,
		      struct mach_as *as, unsigned int nr_cpus,
		      struct mach_req *reqs)
{
	const struct trace_event *ev;
	struct mach_req *req;
	int i;

	for (i = 0; i < n; i++) {
		ev = &evs[i];
		req = &reqs[i];
		req->as = ev->type == TRACE_EV_ACCESS ? as : NULL;
		req->vaddr = ev->addr;
		req->now = ev->time_ns;
		req->size = (uint32_t)ev->size;
		req->tid = ev->tid;
		req->cpu = (uint16_t)(ev->cpu < nr_cpus ? ev->cpu
							: ev->cpu % nr_cpus);
		req->write = ev->write;
	}
}

int run_reader_start(struct trace_source *src, struct mach_as *as,
		     unsigned int nr_cpus, struct run_reader **out)
{
	struct run_reader *rd = g_new0(struct run_reader, 1);
	int ret;

	rd->src = src;
	rd->as = as;
	rd->nr_cpus = nr_cpus;
	rd->evs = g_new(struct trace_event,
			RUN_READER_SLOTS * RUN_READER_BATCH);
	rd->reqs = g_new(struct mach_req, RUN_READER_SLOTS * RUN_READER_BATCH);
	pthread_mutex_init(&rd->lock, NULL);
	pthread_cond_init(&rd->cond, NULL);
	ret = pthread_create(&rd->thread, NULL, run_reader_main, rd);
	if (ret) {
		pthread_cond_destroy(&rd->cond);
		pthread_mutex_destroy(&rd->lock);
		g_free(rd->evs);
		g_free(rd->reqs);
		g_free(rd);
		return -ret;
	}
	*out = rd;
	return 0;
}

int run_reader_next(struct run_reader *rd, struct run_feed *feed,
		    GError **err)
{
	unsigned int slot;
	uint64_t t0 = 0;
	int n;

	pthread_mutex_lock(&rd->lock);
	if (rd->held) {
		rd->tail++;
		rd->held = false;
		if (rd->reader_waits &&
		    rd->head - rd->tail <= RUN_READER_SLOTS / 2)
			pthread_cond_broadcast(&rd->cond);
	}
	if (rd->head == rd->tail)
		t0 = hostclock_mono_ns();
	while (rd->head == rd->tail) {
		rd->consumer_waits = true;
		/* Cannot be needed (the reader waits on a full ring only). */
		if (rd->reader_waits)
			pthread_cond_broadcast(&rd->cond);
		pthread_cond_wait(&rd->cond, &rd->lock);
	}
	rd->consumer_waits = false;
	if (t0)
		rd->wait_ns += hostclock_mono_ns() - t0;
	slot = rd->tail % RUN_READER_SLOTS;
	n = rd->n[slot];
	if (n > 0) {
		rd->held = true;
	} else if (n < 0) {
		g_propagate_error(err, rd->error);
		rd->error = NULL;
	}
	pthread_mutex_unlock(&rd->lock);
	feed->evs = rd->evs + slot * RUN_READER_BATCH;
	feed->reqs = rd->reqs + slot * RUN_READER_BATCH;
	return n;
}

void run_reader_stop(struct run_reader *rd, struct run_reader_cost *cost)
{
	if (!rd)
		return;
	pthread_mutex_lock(&rd->lock);
	rd->stop = true;
	pthread_cond_broadcast(&rd->cond);
	pthread_mutex_unlock(&rd->lock);
	pthread_join(rd->thread, NULL);
	if (cost) {
		cost->wait_ns = rd->wait_ns;
		cost->cpu_ns = rd->cpu_ns;
	}
	pthread_cond_destroy(&rd->cond);
	pthread_mutex_destroy(&rd->lock);
	if (rd->error)
		g_error_free(rd->error);
	g_free(rd->evs);
	g_free(rd->reqs);
	g_free(rd);
}
