// SPDX-License-Identifier: GPL-2.0
/*
 * machine_bench.c - speed and host memory of the machine model
 *
 * Prints ns per simulated access for random, sequential and Zipf-like
 * streams over several touched footprints, the host memory per touched
 * page, and the host memory of large mapped-but-barely-touched address
 * spaces.  Address streams are generated before timing, so the figures
 * are the cost of machine_access() alone (plus streaming the addresses
 * from memory, as a trace reader would), and of machine_access_batch(),
 * the replay's path.  Next to them, the memory floor of the same stream:
 * one 8-byte update per access in a flat table, with no model at all, so
 * a reader can tell what the host's memory charges from what the model's
 * work costs.  Host-dependent by nature: the output goes to
 * bench/results/, never into a run directory.
 *
 * Usage: machine_bench [--quick] [--footprint MIB]
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/machine.h"
#include "sim/rng.h"

#define BASE 0x10000000000ULL /* 1 TiB: well inside 48-bit space */
#define SAMPLE_NS 5000000ULL  /* DAMON's default 5 ms */
#define BENCH_REPS 3
#define PF_DIST 16

enum stream { ST_RANDOM, ST_SEQ, ST_ZIPF };
static const char *const stream_name[] = {"random", "sequential", "zipf"};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t rss_bytes(void)
{
	unsigned long size = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &res) != 2)
		res = 0;
	fclose(f);
	return (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* Spread ranks over the footprint so hot pages are not adjacent. */
static uint64_t scramble(uint64_t rank, uint64_t n)
{
	return (rank * 0x9e3779b97f4a7c15ULL >> 11) % n;
}

static void gen_stream(uint64_t *addr, size_t n, enum stream st, uint64_t pages,
		       uint64_t seed)
{
	struct sim_rng rng;
	double lnp = log((double)pages + 1.0);
	uint64_t pos = 0, rank;
	size_t i;

	sim_rng_seed(&rng, seed);
	for (i = 0; i < n; i++) {
		switch (st) {
		case ST_RANDOM:
			addr[i] = BASE + (sim_rng_below(&rng, pages << 6) << 6);
			break;
		case ST_SEQ:
			/* One 64-byte line after another, wrapping. */
			addr[i] = BASE + pos;
			pos += 64;
			if (pos >= pages << 12)
				pos = 0;
			break;
		case ST_ZIPF:
			/* Zipf s = 1: P(rank <= k) ~ ln(k + 1) / ln(n + 1). */
			rank = (uint64_t)exp(sim_rng_double(&rng) * lnp) - 1;
			if (rank >= pages)
				rank = pages - 1;
			addr[i] = BASE + (scramble(rank, pages) << 12) +
				  (sim_rng_below(&rng, 64) << 6);
			break;
		}
	}
}

struct run_opts {
	bool tlb;
	bool gt_paddr;
	unsigned int cpus;
};

static struct machine *bench_machine(const struct run_opts *o,
				     struct mach_as **as, uint64_t bytes)
{
	struct mach_config cfg;
	struct machine *m;

	machine_config_default(&cfg);
	cfg.nr_cpus = o->cpus;
	cfg.node_capacity[0] = 1ULL << 40;
	cfg.tlb_enabled = o->tlb;
	cfg.gt_paddr = o->gt_paddr;
	if (machine_create(&cfg, &m))
		return NULL;
	*as = machine_as_create(m, 1);
	if (!*as || machine_map(*as, BASE, bytes, 0, 0)) {
		machine_destroy(m);
		return NULL;
	}
	machine_gt_set_sample_interval(m, SAMPLE_NS);
	machine_gt_aggr_begin(m, 0);
	return m;
}

/* The fastest of the passes so far, @t being pass @rep's time. */
static double fastest(double best, double t, unsigned int rep)
{
	return !rep || t < best ? t : best;
}

/*
 * Best of BENCH_REPS passes over the stream (the host may be shared and
 * noisy), optionally prefetching the entry of the access PF_DIST ahead as
 * an event loop reading a trace in batches can.
 */
static double timed_passes(struct machine *m, struct mach_as *as,
			   const uint64_t *addr, size_t n,
			   const struct run_opts *o, bool prefetch)
{
	double best = 0, t;
	unsigned int rep, cpu = 0;
	size_t i;

	for (rep = 0; rep < BENCH_REPS; rep++) {
		t = now_s();
		for (i = 0; i < n; i++) {
			if (prefetch && i + PF_DIST < n)
				machine_prefetch(m, as, addr[i + PF_DIST]);
			/* Bursts of 4096 accesses per CPU, like time slices. */
			if (o->cpus > 1)
				cpu = (i >> 12) % o->cpus;
			machine_access(m, cpu, as, addr[i], 8, false,
				       rep * n + i);
		}
		best = fastest(best, now_s() - t, rep);
	}
	return best;
}

/*
 * Best of BENCH_REPS passes through machine_access_batch(), BENCH_BATCH
 * requests a call as the replay passes them: the replay's own path, with
 * the requests already in memory (no trace decoding).
 */
#define BENCH_BATCH 256

static double timed_batches(struct machine *m, struct mach_as *as,
			    const uint64_t *addr, size_t n,
			    const struct run_opts *o)
{
	struct mach_req *reqs = calloc(n, sizeof(*reqs));
	double best = 0, t;
	unsigned int rep;
	size_t i;

	if (!reqs)
		return 0;
	for (rep = 0; rep < BENCH_REPS; rep++) {
		for (i = 0; i < n; i++) {
			reqs[i] = (struct mach_req){
				.as = as,
				.vaddr = addr[i],
				.now = (BENCH_REPS + rep) * n + i,
				.size = 8,
				.cpu = o->cpus > 1 ? (i >> 12) % o->cpus : 0,
			};
		}
		t = now_s();
		for (i = 0; i < n; i += BENCH_BATCH)
			machine_access_batch(m, reqs + i,
					     n - i < BENCH_BATCH ? n - i
								  : BENCH_BATCH);
		best = fastest(best, now_s() - t, rep);
	}
	free(reqs);
	return best;
}

/*
 * The memory floor: best of BENCH_REPS passes doing only one
 * read-modify-write of an 8-byte word per access, in a table of one word
 * per page of the footprint, prefetched PF_DIST accesses ahead.  The
 * model keeps 8 bytes per page in the same pattern (its page entry), so
 * this is what the host's caches and memory charge any simulator of this
 * layout before it models anything: the part of the figures that no
 * amount of code tuning removes.
 */
static double timed_floor(const uint64_t *addr, size_t n, uint64_t pages)
{
	uint64_t *word = calloc(pages, sizeof(*word));
	double best = 0, t;
	unsigned int rep;
	size_t i;

	if (!word)
		return 0;
	for (rep = 0; rep < BENCH_REPS; rep++) {
		t = now_s();
		for (i = 0; i < n; i++) {
			if (i + PF_DIST < n)
				__builtin_prefetch(
					&word[(addr[i + PF_DIST] - BASE) >> 12],
					1);
			word[(addr[i] - BASE) >> 12] += 1 + (addr[i] & 1);
		}
		best = fastest(best, now_s() - t, rep);
	}
	free(word);
	return best;
}

static void run_child(const uint64_t *addr, size_t n, enum stream st,
		      uint64_t bytes, const struct run_opts *o, const char *tag)
{
	uint64_t pages = bytes >> 12, rss0, rss1, p;
	struct mach_mem_stats ms;
	struct mach_as *as;
	struct machine *m;
	double t0, t1, best, best_pf, best_batch, best_floor;

	rss0 = rss_bytes();
	m = bench_machine(o, &as, bytes);
	if (!m) {
		printf("| %s | %s | setup failed |\n", stream_name[st], tag);
		return;
	}
	/* Touch the whole footprint first: steady state, not first touch. */
	t0 = now_s();
	for (p = 0; p < pages; p++)
		machine_access(m, 0, as, BASE + (p << 12), 1, true, 0);
	t1 = now_s();
	best = timed_passes(m, as, addr, n, o, false);
	best_pf = timed_passes(m, as, addr, n, o, true);
	/* Before the passes below allocate their own arrays. */
	rss1 = rss_bytes();
	best_batch = timed_batches(m, as, addr, n, o);
	best_floor = timed_floor(addr, n, pages);
	machine_mem_stats(m, &ms);
	printf("| %-10s | %-8s | %7.0f | %6.1f | %6.1f | %6.1f | %6.1f |"
	       " %6.1f | %6.1f | %6.1f |\n",
	       stream_name[st], tag, (double)bytes / (1 << 20), best * 1e9 / n,
	       best_pf * 1e9 / n, best_batch * 1e9 / n, best_floor * 1e9 / n,
	       (t1 - t0) * 1e9 / pages,
	       (double)(rss1 - rss0) / pages,
	       (double)(ms.page_table_bytes + ms.frame_table_bytes) / pages);
	fflush(stdout);
	machine_destroy(m);
}

/* Each row in a fresh process, so RSS growth is not hidden by reuse. */
static void run_one(const uint64_t *addr, size_t n, enum stream st,
		    uint64_t bytes, const struct run_opts *o, const char *tag)
{
	pid_t pid;

	fflush(stdout);
	if (getenv("BENCH_NOFORK")) {
		run_child(addr, n, st, bytes, o, tag);
		return;
	}
	pid = fork();
	if (pid == 0) {
		run_child(addr, n, st, bytes, o, tag);
		fflush(stdout);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void mapped_space_rss(void)
{
	static const unsigned int gib[] = {1, 16, 256, 1024};
	struct run_opts o = {.tlb = true, .cpus = 1};
	struct mach_mem_stats ms;
	struct mach_as *as;
	struct machine *m;
	uint64_t rss0, bytes, i;
	unsigned int k;
	pid_t pid;

	printf("\n## Mapped address space with 1000 touched pages\n\n");
	printf("| mapped GiB | RSS delta KiB | model bytes (tables) |"
	       " leaf tables | dir nodes |\n");
	printf("|---:|---:|---:|---:|---:|\n");
	for (k = 0; k < sizeof(gib) / sizeof(gib[0]); k++) {
		fflush(stdout);
		pid = fork();
		if (pid < 0)
			return;
		if (pid > 0) {
			waitpid(pid, NULL, 0);
			continue;
		}
		bytes = (uint64_t)gib[k] << 30;
		rss0 = rss_bytes();
		m = bench_machine(&o, &as, bytes);
		if (!m)
			_exit(1);
		for (i = 0; i < 1000; i++)
			machine_access(m, 0, as, BASE + i * (bytes / 1000), 1,
				       false, 0);
		machine_mem_stats(m, &ms);
		printf("| %u | %.0f | %llu | %llu | %llu |\n", gib[k],
		       (double)(rss_bytes() - rss0) / 1024,
		       (unsigned long long)(ms.page_table_bytes +
					    ms.frame_table_bytes),
		       (unsigned long long)ms.leaf_tables,
		       (unsigned long long)ms.dir_nodes);
		fflush(stdout);
		_exit(0);
	}
}

static const char usage[] =
	"usage: machine_bench [--quick] [--footprint MIB]\n"
	"  --quick          2 M accesses per row and footprints up to 256 MiB\n"
	"  --footprint MIB  only the three streams over MIB MiB (1..1048576)\n";

int main(int argc, char **argv)
{
	static const uint64_t mib[] = {1, 16, 256, 4096, 65536};
	uint64_t footprint_mib = 0, *addr, bytes, sum = 0;
	bool quick = false;
	size_t n, k;
	unsigned int nfoot;
	struct run_opts def = {.tlb = true, .cpus = 1};
	struct run_opts v;
	double t0;
	enum stream st;
	char *end;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick = true;
		} else if (!strcmp(argv[i], "--footprint") && i + 1 < argc) {
			errno = 0;
			footprint_mib = strtoull(argv[++i], &end, 10);
			if (errno || end == argv[i] || *end ||
			    !footprint_mib || footprint_mib > (1u << 20)) {
				fprintf(stderr,
					"machine_bench: --footprint %s: "
					"expected MiB in 1..1048576\n",
					argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return 0;
		} else {
			fprintf(stderr, "machine_bench: %s: unknown option\n%s",
				argv[i], usage);
			return 2;
		}
	}
	n = quick ? 2000000 : 20000000;
	nfoot = quick ? 3 : 5;
	addr = malloc(n * sizeof(*addr));
	if (!addr)
		return 1;
	printf("# machine_bench: %zu accesses per row\n\n", n);
	printf("Columns: stream, variant, touched footprint (MiB), ns per "
	       "access in steady state (best of %d passes), the same with "
	       "machine_prefetch() %d accesses ahead, the same through "
	       "machine_access_batch() %d requests a call (the replay's "
	       "path), the memory floor (one prefetched 8-byte "
	       "read-modify-write per access in a table of a word per "
	       "page, no model), ns per first touch, host RSS bytes per "
	       "touched page, model's own table bytes per page.\n\n",
	       BENCH_REPS, PF_DIST, BENCH_BATCH);
	/* The cost of only streaming the addresses, for comparison. */
	gen_stream(addr, n, ST_RANDOM, 1 << 20, 1);
	t0 = now_s();
	for (k = 0; k < n; k++)
		sum += addr[k];
	printf("Streaming the addresses alone: %.2f ns/access (sum %llu)\n\n",
	       (now_s() - t0) * 1e9 / n, (unsigned long long)(sum & 0xff));
	printf("| stream | variant | MiB | ns/access | ns/access prefetch |"
	       " ns/access batch | ns/access floor | ns/first touch |"
	       " RSS B/page | model B/page |\n");
	printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	if (footprint_mib) {
		bytes = footprint_mib << 20;
		for (st = ST_RANDOM; st <= ST_ZIPF; st++) {
			gen_stream(addr, n, st, bytes >> 12, 42 + st);
			run_one(addr, n, st, bytes, &def, "default");
		}
		free(addr);
		return 0;
	}
	for (k = 0; k < nfoot; k++) {
		bytes = mib[k] << 20;
		for (st = ST_RANDOM; st <= ST_ZIPF; st++) {
			gen_stream(addr, n, st, bytes >> 12, 42 + st);
			run_one(addr, n, st, bytes, &def, "default");
		}
	}
	/* Variants at 256 MiB random. */
	bytes = 256ULL << 20;
	gen_stream(addr, n, ST_RANDOM, bytes >> 12, 42);
	v = def;
	v.tlb = false;
	run_one(addr, n, ST_RANDOM, bytes, &v, "no TLB");
	v = def;
	v.gt_paddr = true;
	run_one(addr, n, ST_RANDOM, bytes, &v, "gt_paddr");
	v = def;
	v.cpus = 4;
	run_one(addr, n, ST_RANDOM, bytes, &v, "4 CPUs");
	gen_stream(addr, n, ST_SEQ, bytes >> 12, 43);
	v = def;
	v.gt_paddr = true;
	run_one(addr, n, ST_SEQ, bytes, &v, "gt_paddr");
	free(addr);
	mapped_space_rss();
	return 0;
}
