// SPDX-License-Identifier: GPL-2.0
/*
 * trace_bench.c - throughput and size of the .dst format on the built-in
 * workloads, beside `zstd -d` of the same files timed in the same run.
 *
 * Usage: trace_bench [-n ACCESSES] [-d DIR] [-c CPUS] [-k] [WORKLOAD...]
 *        trace_bench -r FILE...   (batch read + zstd -d of existing files)
 *   ACCESSES  accesses per workload (default 1e7; e.g. 1e9 by hand)
 *   DIR       where the traces are written (default /tmp)
 *   -k        keep the trace files
 *   WORKLOAD  uniform zipf hotcold seq stride phases (default: all)
 *
 * Not run by make check: it measures the host, so its figures go to
 * bench/results/ with the machine they came from, never into tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "traces/reader.h"
#include "traces/source.h"
#include "traces/writer.h"

/*
 * CPU time of this process: the machine is shared, and wall time would
 * charge us for other processes' work.  zstd is charged its own CPU time
 * the same way (wait4's rusage).
 */
static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bench_die(GError *err)
{
	fprintf(stderr, "trace_bench: %s\n", err ? err->message : "failed");
	exit(1);
}

static struct trace_gen *bench_gen(const char *wl, const char *n,
				   const char *cpus)
{
	struct trace_gen_params p;
	struct trace_gen *g;
	GError *err = NULL;
	char *kv[3];
	int i;

	trace_gen_params_init(&p);
	if (!strcmp(wl, "phases"))
		kv[0] = g_strdup("phases=uniform:100ms,zipf:100ms,hotcold:"
				 "100ms,seq:100ms");
	else
		kv[0] = g_strdup_printf("pattern=%s", wl);
	kv[1] = g_strdup_printf("accesses=%s", n);
	kv[2] = g_strdup_printf("cpus=%s", cpus);
	for (i = 0; i < 3; i++) {
		if (trace_gen_params_set(&p, kv[i], &err) < 0)
			bench_die(err);
		g_free(kv[i]);
	}
	g = trace_gen_new(&p, &err);
	if (!g)
		bench_die(err);
	trace_gen_params_clear(&p);
	return g;
}

static double bench_zstd(const char *path)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(126);
		execlp("zstd", "zstd", "-q", "-d", "-c", path, (char *)NULL);
		_exit(127);
	}
	wait4(pid, &status, 0, &ru);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void bench_one(const char *wl, const char *n, const char *cpus,
		      const char *dir, bool keep)
{
	char *path = g_strdup_printf("%s/trace-bench-%s.dst", dir, wl);
	struct trace_event ev, *evs = g_new(struct trace_event, 256);
	struct trace_gen *g;
	struct trace_writer *w;
	struct trace_reader *r;
	GError *err = NULL;
	uint64_t cnt = 0, chk = 0, acc;
	double t, t_gen, t_write, t_read, t_batch, t_zstd;
	struct stat st;
	int k;

	/* generation alone, to separate it from encoding + compression */
	g = bench_gen(wl, n, cpus);
	t = bench_now();
	while (trace_gen_next(g, &ev) > 0)
		chk += ev.addr;
	t_gen = bench_now() - t;
	trace_gen_free(g);

	g = bench_gen(wl, n, cpus);
	w = trace_writer_open(path, trace_gen_header(g), NULL, &err);
	if (!w)
		bench_die(err);
	t = bench_now();
	while (trace_gen_next(g, &ev) > 0) {
		if (trace_writer_write(w, &ev, &err) < 0)
			bench_die(err);
		cnt++;
	}
	if (trace_writer_close(w, &err) < 0)
		bench_die(err);
	t_write = bench_now() - t;
	trace_gen_free(g);
	stat(path, &st);

	r = trace_reader_open(path, &err);
	if (!r)
		bench_die(err);
	acc = trace_reader_summary(r)->counts[TRACE_EV_ACCESS];
	t = bench_now();
	while ((k = trace_reader_next(r, &ev, &err)) > 0)
		chk ^= ev.addr;
	t_read = bench_now() - t;
	if (k < 0)
		bench_die(err);
	trace_reader_close(r);

	r = trace_reader_open(path, &err);
	t = bench_now();
	while ((k = trace_reader_next_batch(r, evs, 256, &err)) > 0)
		chk ^= evs[k - 1].addr;
	t_batch = bench_now() - t;
	if (k < 0)
		bench_die(err);
	trace_reader_close(r);

	t_zstd = bench_zstd(path);
	printf("%-8s %12" G_GUINT64_FORMAT " %6.3f %6.3f %9.1f %9.1f %9.1f "
	       "%9.1f %9.1f %6.2f\n", wl, cnt, (double)st.st_size / cnt,
	       (double)st.st_size / acc, cnt / t_gen / 1e6,
	       cnt / t_write / 1e6, cnt / t_read / 1e6, cnt / t_batch / 1e6,
	       t_zstd > 0 ? cnt / t_zstd / 1e6 : 0.0,
	       t_zstd > 0 ? t_batch / t_zstd : 0.0);
	fflush(stdout);
	if (chk == 42)
		fprintf(stderr, "(checksum)\n");
	if (!keep)
		unlink(path);
	g_free(path);
	g_free(evs);
}

/* Read existing traces only: for profiling the reader with perf. */
static void bench_read_file(const char *path)
{
	struct trace_event *evs = g_new(struct trace_event, 256);
	struct trace_reader *r;
	GError *err = NULL;
	uint64_t cnt = 0, chk = 0;
	double t, t_batch, t_zstd;
	int k;

	r = trace_reader_open(path, &err);
	if (!r)
		bench_die(err);
	t = bench_now();
	while ((k = trace_reader_next_batch(r, evs, 256, &err)) > 0) {
		chk ^= evs[k - 1].addr;
		cnt += k;
	}
	t_batch = bench_now() - t;
	if (k < 0)
		bench_die(err);
	trace_reader_close(r);
	t_zstd = bench_zstd(path);
	printf("%s: %" G_GUINT64_FORMAT " events, batch %.1f M/s, zstd-d "
	       "%.1f M/s, ratio %.2f\n", path, cnt, cnt / t_batch / 1e6,
	       t_zstd > 0 ? cnt / t_zstd / 1e6 : 0.0,
	       t_zstd > 0 ? t_batch / t_zstd : 0.0);
	fflush(stdout);
	if (chk == 42)
		fprintf(stderr, "(checksum)\n");
	g_free(evs);
}

int main(int argc, char **argv)
{
	static const char *const all[] = {
		"uniform", "zipf", "hotcold", "seq", "stride", "phases", NULL,
	};
	const char *n = "1e7", *dir = "/tmp", *cpus = "1";
	bool keep = false, read_only = false;
	int opt, i;

	while ((opt = getopt(argc, argv, "n:d:c:krh")) != -1) {
		switch (opt) {
		case 'r':
			read_only = true;
			break;
		case 'n':
			n = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'c':
			cpus = optarg;
			break;
		case 'k':
			keep = true;
			break;
		default:
			fprintf(stderr, "usage: trace_bench [-n ACCESSES] "
				"[-d DIR] [-c CPUS] [-k] [WORKLOAD...]\n"
				"       trace_bench -r FILE...\n");
			return opt == 'h' ? 0 : 2;
		}
	}
	if (read_only) {
		for (i = optind; i < argc; i++)
			bench_read_file(argv[i]);
		return 0;
	}
	printf("# accesses=%s cpus=%s; rates in M events/s of CPU time; "
	       "read = "
	       "trace_reader_next(), batch = trace_reader_next_batch(),\n"
	       "# zstd = `zstd -d -c FILE >/dev/null` on the same file; "
	       "ratio = batch time / zstd time\n", n, cpus);
	printf("%-8s %12s %6s %6s %9s %9s %9s %9s %9s %6s\n", "workload",
	       "events", "B/ev", "B/acc", "gen", "write", "read", "batch",
	       "zstd-d", "ratio");
	fflush(stdout);	/* the zstd child must not inherit buffered text */
	if (optind == argc)
		for (i = 0; all[i]; i++)
			bench_one(all[i], n, cpus, dir, keep);
	for (i = optind; i < argc; i++)
		bench_one(argv[i], n, cpus, dir, keep);
	return 0;
}
