// SPDX-License-Identifier: GPL-2.0
/*
 * The cooperative scheduler behind kthread, mutex, completion and sleeps.
 *
 * Every simulated kernel thread is a host pthread, but only the holder of
 * the baton runs; the others wait on their own condition variable.  A
 * thread gives the baton away only when it sleeps, blocks on a predicate
 * (a mutex to be free, a completion to be done, a thread to exit) or exits.
 * The next holder is the first ready thread in creation order, the host
 * last; when none is ready, the virtual clock jumps to the earliest wake-up
 * (ties again by creation order, host last).  That single rule makes every
 * run with the same inputs take the same path, whatever the host OS does.
 *
 * The host (the thread that drives the simulation) is a task too: while it
 * is inside kport_run_until(t) it is simply a sleeper that wakes at t.
 */
#include <pthread.h>
#include <time.h>
#include <stdarg.h>

#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/completion.h>
#include <linux/delay.h>

#include "hostops.h"

enum kport_task_state {
	KT_CREATED,	/* kthread_create()d, not yet woken */
	KT_READY,
	KT_RUNNING,
	KT_SLEEPING,
	KT_BLOCKED,
	KT_EXITED,
};

struct kport_task {
	struct task_struct task;
	enum kport_task_state state;
	bool is_host;
	bool wakeable;		/* sleep ends early on wake_up_process() */
	bool should_stop;
	bool joined;
	int refs;
	int exit_code;
	uint64_t wake_ns;
	bool (*cond)(void *arg);
	void *cond_arg;
	int (*fn)(void *data);
	void *data;
	pthread_t thread;
	pthread_cond_t turn;
};

#define KPORT_MAX_TASKS 256

static pthread_mutex_t baton = PTHREAD_MUTEX_INITIALIZER;
static struct kport_task host_task;
static struct kport_task *tasks[KPORT_MAX_TASKS];	/* creation order */
static unsigned int nr_tasks;
static struct kport_task *running = &host_task;
static __thread struct kport_task *self;
static uint64_t clock_ns;
static uint64_t next_wakeup = UINT64_MAX;
static uint64_t nr_switches;
static pid_t next_pid = 2;

static struct kport_task *host(void)
{
	if (!host_task.task.sim) {
		host_task.task.sim = &host_task;
		host_task.task.pid = 1;
		strcpy(host_task.task.comm, "host");
		host_task.is_host = true;
		host_task.state = KT_RUNNING;
		host_task.refs = 1;
		pthread_cond_init(&host_task.turn, NULL);
	}
	return &host_task;
}

/*
 * The calling thread's task.  The first thread to ask without being a
 * kthread is the host; kernel code must never see a NULL current.
 */
static struct kport_task *me(void)
{
	if (!self)
		self = host();
	return self;
}

struct task_struct *kport_current(void)
{
	return &me()->task;
}

uint64_t kport_clock_ns(void)
{
	return clock_ns;
}

uint64_t kport_next_wakeup_ns(void)
{
	return next_wakeup;
}

uint64_t kport_task_cpu_ns(const void *task)
{
	const struct task_struct *ts = task;
	struct timespec cpu;
	clockid_t clock;

	if (!ts || ts->sim->is_host || ts->sim->state == KT_EXITED)
		return 0;
	if (pthread_getcpuclockid(ts->sim->thread, &clock) ||
	    clock_gettime(clock, &cpu))
		return 0;
	return (uint64_t)cpu.tv_sec * NSEC_PER_SEC + (uint64_t)cpu.tv_nsec;
}

uint64_t kport_context_switches(void)
{
	return nr_switches;
}

unsigned int kport_nr_threads(void)
{
	return nr_tasks;
}

static bool task_ready(struct kport_task *t)
{
	if (t->state == KT_READY)
		return true;
	return t->state == KT_BLOCKED && t->cond(t->cond_arg);
}

static void update_next_wakeup(void)
{
	unsigned int i;

	next_wakeup = UINT64_MAX;
	for (i = 0; i < nr_tasks; i++)
		if (tasks[i]->state == KT_SLEEPING &&
		    tasks[i]->wake_ns < next_wakeup)
			next_wakeup = tasks[i]->wake_ns;
}

static void report_deadlock(void) __attribute__((__noreturn__));
static void reap_orphans(void);

static void report_deadlock(void)
{
	unsigned int i;

	fprintf(stderr, "kport: deadlock at %llu ns: every simulated thread "
		"is blocked:", (unsigned long long)clock_ns);
	for (i = 0; i < nr_tasks; i++)
		fprintf(stderr, " %s(state %d)", tasks[i]->task.comm,
			tasks[i]->state);
	fprintf(stderr, " host(state %d)\n", host_task.state);
	abort();
}

/* Choose who runs next; advances the clock if nobody is ready now. */
static struct kport_task *pick_next(void)
{
	struct kport_task *earliest = NULL;
	unsigned int i;

	for (i = 0; i < nr_tasks; i++)
		if (task_ready(tasks[i]))
			return tasks[i];
	if (task_ready(&host_task))
		return &host_task;

	for (i = 0; i < nr_tasks; i++)
		if (tasks[i]->state == KT_SLEEPING &&
		    (!earliest || tasks[i]->wake_ns < earliest->wake_ns))
			earliest = tasks[i];
	if (host_task.state == KT_SLEEPING &&
	    (!earliest || host_task.wake_ns < earliest->wake_ns))
		earliest = &host_task;
	if (!earliest)
		report_deadlock();
	if (earliest->wake_ns > clock_ns)
		clock_ns = earliest->wake_ns;
	return earliest;
}

/* Hand the baton to @next; called and returns with the baton lock held. */
static void switch_to(struct kport_task *from, struct kport_task *next)
{
	next->state = KT_RUNNING;
	update_next_wakeup();
	if (next == from)
		return;
	nr_switches++;
	running = next;
	pthread_cond_signal(&next->turn);
	if (from->state == KT_EXITED)
		return;
	while (running != from)
		pthread_cond_wait(&from->turn, &baton);
}

/* Block the caller until @cond(@arg) holds, letting others run meanwhile. */
static void block_until(bool (*cond)(void *arg), void *arg)
{
	struct kport_task *t = me();

	pthread_mutex_lock(&baton);
	while (!cond(arg)) {
		t->state = KT_BLOCKED;
		t->cond = cond;
		t->cond_arg = arg;
		switch_to(t, pick_next());
	}
	t->state = KT_RUNNING;
	pthread_mutex_unlock(&baton);
}

/* Sleep until @wake_ns; returns true if woken early by wake_up_process(). */
static bool sleep_until(uint64_t wake_ns, bool wakeable)
{
	struct kport_task *t = me();
	bool early;

	pthread_mutex_lock(&baton);
	t->state = KT_SLEEPING;
	t->wake_ns = wake_ns < clock_ns ? clock_ns : wake_ns;
	t->wakeable = wakeable;
	switch_to(t, pick_next());
	early = clock_ns < t->wake_ns;
	pthread_mutex_unlock(&baton);
	return early;
}

void kport_run_until(uint64_t ns)
{
	WARN_ON(!me()->is_host);
	reap_orphans();
	sleep_until(ns, false);
}

/* ---- sleeping ------------------------------------------------------- */

void kport_usleep(unsigned long min_us, unsigned long max_us)
{
	sleep_until(clock_ns + (uint64_t)min_us * NSEC_PER_USEC, false);
}

/*
 * As in the kernel, the timer fires on a tick boundary: @timeout jiffies
 * after the current jiffy, not after the current instant.
 */
static long schedule_timeout_common(long timeout)
{
	uint64_t now_jiffies = clock_ns / TICK_NSEC;
	uint64_t wake_ns;

	if (timeout == MAX_SCHEDULE_TIMEOUT)
		wake_ns = UINT64_MAX / 2;
	else
		wake_ns = (now_jiffies + (uint64_t)timeout) * TICK_NSEC;
	if (!sleep_until(wake_ns, true))
		return 0;
	return (long)DIV_ROUND_UP(wake_ns - clock_ns, TICK_NSEC);
}

long schedule_timeout_idle(long timeout)
{
	return schedule_timeout_common(timeout);
}

long schedule_timeout_interruptible(long timeout)
{
	return schedule_timeout_common(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	return schedule_timeout_common(timeout);
}

void schedule(void)
{
	schedule_timeout_common(MAX_SCHEDULE_TIMEOUT);
}

/* ---- kthreads ------------------------------------------------------- */

static void *kthread_trampoline(void *arg)
{
	struct kport_task *t = arg;
	int ret;

	self = t;
	pthread_mutex_lock(&baton);
	while (running != t)
		pthread_cond_wait(&t->turn, &baton);
	pthread_mutex_unlock(&baton);

	ret = t->should_stop ? -EINTR : t->fn(t->data);

	pthread_mutex_lock(&baton);
	t->exit_code = ret;
	t->state = KT_EXITED;
	t->refs--;		/* the reference a live task holds on itself */
	switch_to(t, pick_next());
	pthread_mutex_unlock(&baton);
	return NULL;
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	struct kport_task *t;
	va_list args;

	me();
	if (nr_tasks == KPORT_MAX_TASKS)
		return ERR_PTR(-EAGAIN);
	t = calloc(1, sizeof(*t));
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->task.sim = t;
	t->task.pid = next_pid++;
	va_start(args, namefmt);
	vsnprintf(t->task.comm, sizeof(t->task.comm), namefmt, args);
	va_end(args);
	t->state = KT_CREATED;
	t->refs = 1;
	t->fn = threadfn;
	t->data = data;
	pthread_cond_init(&t->turn, NULL);
	if (pthread_create(&t->thread, NULL, kthread_trampoline, t)) {
		pthread_cond_destroy(&t->turn);
		free(t);
		return ERR_PTR(-EAGAIN);
	}
	tasks[nr_tasks++] = t;
	return &t->task;
}

int wake_up_process(struct task_struct *task)
{
	struct kport_task *t = task->sim;
	int woken = 0;

	pthread_mutex_lock(&baton);
	if (t->state == KT_CREATED ||
	    (t->state == KT_SLEEPING && t->wakeable)) {
		t->state = KT_READY;
		woken = 1;
		update_next_wakeup();
	}
	pthread_mutex_unlock(&baton);
	return woken;
}

bool kthread_should_stop(void)
{
	return me()->should_stop;
}

static bool task_exited(void *arg)
{
	return ((struct kport_task *)arg)->state == KT_EXITED;
}

/* Remove an exited task from the scheduler and free it. */
static void reap(struct kport_task *t)
{
	unsigned int i;

	if (!t->joined) {
		pthread_join(t->thread, NULL);
		t->joined = true;
	}
	pthread_mutex_lock(&baton);
	for (i = 0; i < nr_tasks; i++) {
		if (tasks[i] == t) {
			memmove(&tasks[i], &tasks[i + 1],
				(nr_tasks - i - 1) * sizeof(tasks[0]));
			nr_tasks--;
			break;
		}
	}
	pthread_mutex_unlock(&baton);
	pthread_cond_destroy(&t->turn);
	free(t);
}

/*
 * As in the kernel, a task holds one reference on itself while alive (from
 * kthread_create(), dropped when it exits) and kthread_stop() holds one
 * while it waits; the last put frees it.  A thread that exits on its own
 * with nobody holding it is reaped by the host at its next
 * kport_run_until().
 */
int kthread_stop(struct task_struct *task)
{
	struct kport_task *t = task->sim;
	int ret;

	get_task_struct(task);
	t->should_stop = true;
	wake_up_process(task);
	block_until(task_exited, t);
	ret = t->exit_code;
	put_task_struct(task);
	return ret;
}

int kthread_stop_put(struct task_struct *task)
{
	int ret = kthread_stop(task);

	put_task_struct(task);
	return ret;
}

void get_task_struct(struct task_struct *task)
{
	task->sim->refs++;
}

void put_task_struct(struct task_struct *task)
{
	struct kport_task *t = task->sim;

	if (t->is_host)
		return;
	WARN_ON(t->refs <= 0);
	if (--t->refs == 0 && t->state == KT_EXITED)
		reap(t);
}

/* Free exited threads nobody holds; called by the host only. */
static void reap_orphans(void)
{
	unsigned int i;

	for (i = 0; i < nr_tasks; i++) {
		if (tasks[i]->state == KT_EXITED && tasks[i]->refs == 0) {
			reap(tasks[i]);
			i--;
		}
	}
}

/* ---- mutex and completion ------------------------------------------ */

static bool mutex_free(void *arg)
{
	return !((struct mutex *)arg)->owner;
}

void mutex_lock(struct mutex *lock)
{
	WARN_ON(lock->owner == kport_current());
	if (lock->owner)
		block_until(mutex_free, lock);
	lock->owner = kport_current();
}

int mutex_trylock(struct mutex *lock)
{
	if (lock->owner)
		return 0;
	lock->owner = kport_current();
	return 1;
}

void mutex_unlock(struct mutex *lock)
{
	WARN_ON(lock->owner != kport_current());
	lock->owner = NULL;
}

bool mutex_is_locked(struct mutex *lock)
{
	return lock->owner != NULL;
}

static bool completion_ready(void *arg)
{
	return ((struct completion *)arg)->done > 0;
}

void wait_for_completion(struct completion *x)
{
	if (!x->done)
		block_until(completion_ready, x);
	if (x->done != UINT_MAX)
		x->done--;
}

void complete(struct completion *x)
{
	if (x->done != UINT_MAX)
		x->done++;
}

void complete_all(struct completion *x)
{
	x->done = UINT_MAX;
}

bool completion_done(struct completion *x)
{
	return x->done > 0;
}
