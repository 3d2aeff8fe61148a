// SPDX-License-Identifier: GPL-2.0
/*
 * gen.c - the generator engine: runs a program (regions + phases of
 * weighted patterns) on N CPUs in virtual time.
 *
 * Time model: virtual time advances in steps of 1/rate seconds; at each
 * step every CPU that has threads makes one access by the thread whose
 * turn it is (threads on a CPU take turns access by access), CPUs in
 * order.  Map, thread and phase events are queued and emitted between
 * steps.  All randomness comes from one xoshiro256** stream per CPU, so a
 * seed fixes the trace byte for byte.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "traces/gen.h"
#include "traces/rng.h"
#include "traces/zipf.h"

enum gen_stage {
	GEN_START,
	GEN_INIT,
	GEN_RUN,
	GEN_END,
	GEN_DONE,
};

struct trace_gen {
	struct trace_gen_params p;
	struct trace_gen_program *prog;
	struct trace_header hdr;
	struct trace_rng *rng;		/* per CPU */
	uint32_t nr_threads;
	uint32_t *cpu_nr_threads;
	uint32_t max_patterns;
	uint64_t *cursor;		/* [thread][pattern] */
	uint8_t *toggle;		/* [thread][pattern] for rw mode */
	struct trace_zipf *zipf;	/* [phase][pattern] */
	GArray *queue;
	guint qpos;
	enum gen_stage stage;
	uint64_t step;
	uint64_t begun;			/* step + 1 once its start ran */
	uint32_t cpu;
	uint64_t now;
	uint64_t emitted;
	uint32_t phase;
	uint64_t phase_end;
	uint32_t init_region;
	uint64_t init_off;
};

void trace_gen_program_free(struct trace_gen_program *prog)
{
	uint32_t i;

	if (!prog)
		return;
	for (i = 0; i < prog->nr_phases; i++)
		g_free(prog->phases[i].patterns);
	g_free(prog->phases);
	g_free(prog->regions);
	g_free(prog);
}

/* A built-in pattern: one region, one phase per entry, cycling. */
static struct trace_gen_program *gen_builtin(const struct trace_gen_params *p)
{
	struct trace_gen_program *prog = g_new0(struct trace_gen_program, 1);
	uint32_t i, n = p->kind == TRACE_GEN_PHASES ? p->nr_phases : 1;

	prog->nr_regions = 1;
	prog->regions = g_new0(struct trace_gen_region, 1);
	g_strlcpy(prog->regions[0].name, "region", TRACE_GEN_NAME_LEN);
	prog->regions[0].start = p->base;
	prog->regions[0].size = p->size;
	prog->nr_phases = n;
	prog->phases = g_new0(struct trace_gen_phase, n);
	prog->cycle = true;
	for (i = 0; i < n; i++) {
		struct trace_gen_phase *ph = &prog->phases[i];
		enum trace_gen_kind k = p->kind == TRACE_GEN_PHASES ?
					p->phase_kind[i] : p->kind;

		g_strlcpy(ph->name, trace_gen_kind_name(k), TRACE_GEN_NAME_LEN);
		ph->duration_ns = p->kind == TRACE_GEN_PHASES ?
				  p->phase_ns[i] : 0;
		ph->nr_patterns = 1;
		ph->patterns = g_new0(struct trace_gen_pattern, 1);
		ph->patterns[0].kind = k;
		ph->patterns[0].stride = k == TRACE_GEN_SEQ ? p->align
							    : p->stride;
		ph->patterns[0].prob = 1;
		ph->patterns[0].mode = TRACE_GEN_MODE_MIX;
	}
	return prog;
}

static void gen_queue(struct trace_gen *g, uint8_t type, uint32_t cpu,
		      uint32_t tid, uint64_t addr, uint64_t size,
		      const char *name)
{
	struct trace_event ev = {
		.type = type, .cpu = cpu, .tid = tid, .time_ns = g->now,
		.addr = addr, .size = size, .name = name,
	};

	g_array_append_val(g->queue, ev);
}

static uint32_t gen_tid(uint32_t thread)
{
	return 1000 + thread;
}

static void gen_start_phase(struct trace_gen *g, uint32_t phase)
{
	const struct trace_gen_phase *ph = &g->prog->phases[phase];
	uint32_t t, i;

	g->phase = phase;
	g->phase_end = ph->duration_ns ? g->now + ph->duration_ns : UINT64_MAX;
	gen_queue(g, TRACE_EV_PHASE, 0, gen_tid(0), 0, 0, ph->name);
	/* sequential cursors start at each thread's share of the region */
	for (t = 0; t < g->nr_threads; t++) {
		for (i = 0; i < ph->nr_patterns; i++) {
			const struct trace_gen_pattern *pt = &ph->patterns[i];
			uint64_t rsize = g->prog->regions[pt->region].size;
			uint64_t off = rsize / g->nr_threads * t;

			g->cursor[t * g->max_patterns + i] =
				off - off % pt->stride;
			g->toggle[t * g->max_patterns + i] = 0;
		}
	}
}

static void gen_setup(struct trace_gen *g)
{
	const struct trace_gen_params *p = &g->p;
	uint32_t i, j, nz = 0;
	char *desc;

	g->nr_threads = p->nr_threads ? p->nr_threads : p->nr_cpus;
	g->rng = g_new(struct trace_rng, p->nr_cpus);
	g->cpu_nr_threads = g_new0(uint32_t, p->nr_cpus);
	for (i = 0; i < p->nr_cpus; i++)
		trace_rng_seed(&g->rng[i], p->seed, i);
	for (i = 0; i < g->nr_threads; i++)
		g->cpu_nr_threads[i % p->nr_cpus]++;
	for (i = 0; i < g->prog->nr_phases; i++) {
		g->max_patterns = MAX(g->max_patterns,
				      g->prog->phases[i].nr_patterns);
		nz += g->prog->phases[i].nr_patterns;
	}
	g->cursor = g_new0(uint64_t, (size_t)g->nr_threads * g->max_patterns);
	g->toggle = g_new0(uint8_t, (size_t)g->nr_threads * g->max_patterns);
	g->zipf = g_new0(struct trace_zipf, nz ? nz : 1);
	nz = 0;
	for (i = 0; i < g->prog->nr_phases; i++) {
		for (j = 0; j < g->prog->phases[i].nr_patterns; j++, nz++) {
			const struct trace_gen_pattern *pt =
				&g->prog->phases[i].patterns[j];
			uint64_t rsize = g->prog->regions[pt->region].size;

			trace_zipf_init(&g->zipf[nz], rsize / p->zipf_obj,
					p->zipf_s);
		}
	}
	g->queue = g_array_new(FALSE, FALSE, sizeof(struct trace_event));
	trace_header_init(&g->hdr);
	g->hdr.page_size = p->page_size;
	g->hdr.nr_cpus = p->nr_cpus;
	g->hdr.nr_threads = g->nr_threads;
	desc = trace_gen_params_describe(p);
	g->hdr.description = g_strdup_printf("damonsim trace gen %s", desc);
	g_free(desc);
	g->stage = GEN_START;
}

struct trace_gen *trace_gen_new_program(const struct trace_gen_params *p,
					struct trace_gen_program *prog)
{
	struct trace_gen *g = g_new0(struct trace_gen, 1);

	g->p = *p;
	g->p.masim = g_strdup(p->masim);
	g->prog = prog;
	gen_setup(g);
	return g;
}

struct trace_gen *trace_gen_new(const struct trace_gen_params *p,
				GError **err)
{
	struct trace_gen_program *prog;
	char *text;
	gsize len;
	GError *e = NULL;

	if (trace_gen_params_check(p, err) < 0)
		return NULL;
	if (p->kind != TRACE_GEN_MASIM)
		return trace_gen_new_program(p, gen_builtin(p));
	if (!g_file_get_contents(p->masim, &text, &len, &e)) {
		g_set_error(err, TRACE_ERROR, EIO, "%s", e->message);
		g_error_free(e);
		return NULL;
	}
	prog = trace_masim_parse(text, len, p->masim, p->base, err);
	g_free(text);
	if (!prog)
		return NULL;
	return trace_gen_new_program(p, prog);
}

const struct trace_header *trace_gen_header(const struct trace_gen *g)
{
	return &g->hdr;
}

void trace_gen_free(struct trace_gen *g)
{
	if (!g)
		return;
	trace_gen_program_free(g->prog);
	trace_header_clear(&g->hdr);
	g_free(g->rng);
	g_free(g->cpu_nr_threads);
	g_free(g->cursor);
	g_free(g->toggle);
	g_free(g->zipf);
	if (g->queue)
		g_array_unref(g->queue);
	g_free(g->p.masim);
	g_free(g);
}

static uint64_t gen_step_time(const struct trace_gen *g, uint64_t step)
{
	return (uint64_t)((unsigned __int128)step * 1000000000u / g->p.rate);
}

/* Index of the first pattern of @phase in g->zipf. */
static uint32_t gen_zipf_base(const struct trace_gen *g, uint32_t phase)
{
	uint32_t i, n = 0;

	for (i = 0; i < phase; i++)
		n += g->prog->phases[i].nr_patterns;
	return n;
}

static uint64_t gen_offset(struct trace_gen *g, struct trace_rng *rng,
			   uint32_t thread, uint32_t pi,
			   const struct trace_gen_pattern *pt, uint64_t rsize)
{
	uint64_t align = g->p.align, nslots = rsize / align, *cur, off;
	uint64_t hot, pos, shift;

	switch (pt->kind) {
	case TRACE_GEN_ZIPF: {
		const struct trace_zipf *z =
			&g->zipf[gen_zipf_base(g, g->phase) + pi];
		uint64_t obj = trace_zipf_sample(z, rng) - 1;
		uint64_t in = g->p.zipf_obj / align;

		off = obj * g->p.zipf_obj;
		if (in > 1)
			off += trace_rng_below(rng, in) * align;
		return off;
	}
	case TRACE_GEN_HOTCOLD:
		hot = MAX((uint64_t)1, (uint64_t)(g->p.hot_frac * nslots));
		shift = (uint64_t)llround(g->p.hot_shift * nslots);
		pos = 0;
		if (g->p.hot_move_ns)
			pos = (uint64_t)((unsigned __int128)(g->now /
							     g->p.hot_move_ns) *
					 shift % nslots);
		if (hot >= nslots || trace_rng_double(rng) < g->p.hot_prob)
			return (pos + trace_rng_below(rng, hot)) % nslots *
			       align;
		return (pos + hot + trace_rng_below(rng, nslots - hot)) %
		       nslots * align;
	case TRACE_GEN_SEQ:
	case TRACE_GEN_STRIDE:
		cur = &g->cursor[thread * g->max_patterns + pi];
		off = *cur;
		*cur += pt->stride;
		if (*cur >= rsize)
			*cur = 0;
		return off;
	default:
		return trace_rng_below(rng, nslots) * align;
	}
}

static bool gen_is_write(struct trace_gen *g, struct trace_rng *rng,
			 uint32_t thread, uint32_t pi,
			 const struct trace_gen_pattern *pt)
{
	uint8_t *t;

	switch (pt->mode) {
	case TRACE_GEN_MODE_RO:
		return false;
	case TRACE_GEN_MODE_WO:
		return true;
	case TRACE_GEN_MODE_RW:
		t = &g->toggle[thread * g->max_patterns + pi];
		*t ^= 1;
		return !*t;
	default:
		return trace_rng_double(rng) < g->p.write_frac;
	}
}

static void gen_access(struct trace_gen *g, uint32_t cpu, uint32_t thread,
		       struct trace_event *ev)
{
	const struct trace_gen_phase *ph = &g->prog->phases[g->phase];
	struct trace_rng *rng = &g->rng[cpu];
	const struct trace_gen_pattern *pt = &ph->patterns[0];
	const struct trace_gen_region *rg;
	uint32_t pi = 0;

	if (ph->nr_patterns > 1) {
		double total = 0, u;

		for (pi = 0; pi < ph->nr_patterns; pi++)
			total += ph->patterns[pi].prob;
		u = trace_rng_double(rng) * total;
		for (pi = 0; pi + 1 < ph->nr_patterns; pi++) {
			if (u < ph->patterns[pi].prob)
				break;
			u -= ph->patterns[pi].prob;
		}
		pt = &ph->patterns[pi];
	}
	rg = &g->prog->regions[pt->region];
	ev->addr = rg->start + gen_offset(g, rng, thread, pi, pt, rg->size);
	ev->write = gen_is_write(g, rng, thread, pi, pt);
}

static void gen_finish(struct trace_gen *g)
{
	uint32_t i;

	for (i = 0; i < g->nr_threads; i++)
		gen_queue(g, TRACE_EV_THREAD_EXIT, i % g->p.nr_cpus,
			  gen_tid(i), 0, 0, NULL);
	for (i = 0; i < g->prog->nr_regions; i++)
		gen_queue(g, TRACE_EV_UNMAP, 0, gen_tid(0),
			  g->prog->regions[i].start, g->prog->regions[i].size,
			  NULL);
	g->stage = GEN_END;
}

static void gen_begin(struct trace_gen *g)
{
	uint32_t i;

	for (i = 0; i < g->prog->nr_regions; i++)
		gen_queue(g, TRACE_EV_MAP, 0, gen_tid(0),
			  g->prog->regions[i].start, g->prog->regions[i].size,
			  NULL);
	for (i = 0; i < g->nr_threads; i++)
		gen_queue(g, TRACE_EV_THREAD_START, i % g->p.nr_cpus,
			  gen_tid(i), 0, 0, NULL);
	for (i = 0; i < g->prog->nr_regions; i++)
		if (g->prog->regions[i].init)
			break;
	if (i < g->prog->nr_regions) {
		g->stage = GEN_INIT;
		g->init_region = i;
		g->init_off = 0;
		gen_queue(g, TRACE_EV_PHASE, 0, gen_tid(0), 0, 0, "init");
	} else {
		g->stage = GEN_RUN;
		if (g->prog->nr_phases)
			gen_start_phase(g, 0);
	}
}

/* Next page of the init pass, or false when every init region is done. */
static bool gen_init_next(struct trace_gen *g, uint64_t *addr)
{
	const struct trace_gen_program *prog = g->prog;

	while (g->init_region < prog->nr_regions &&
	       (!prog->regions[g->init_region].init ||
		g->init_off >= prog->regions[g->init_region].size)) {
		g->init_region++;
		g->init_off = 0;
	}
	if (g->init_region >= prog->nr_regions)
		return false;
	*addr = prog->regions[g->init_region].start + g->init_off;
	g->init_off += g->p.page_size;
	return true;
}

/* Advance to the next (step, cpu) slot that has a thread. */
static void gen_advance(struct trace_gen *g)
{
	do {
		if (++g->cpu == g->p.nr_cpus) {
			g->cpu = 0;
			g->step++;
		}
	} while (!g->cpu_nr_threads[g->cpu]);
}

/* Handle time limits and phase changes at the start of a step. */
static bool gen_step_begin(struct trace_gen *g)
{
	const struct trace_gen_program *prog = g->prog;

	g->now = gen_step_time(g, g->step);
	if (g->p.duration_ns && g->now >= g->p.duration_ns)
		return false;
	if (g->stage != GEN_RUN)
		return true;
	while (g->now >= g->phase_end) {
		if (g->phase + 1 < prog->nr_phases)
			gen_start_phase(g, g->phase + 1);
		else if (prog->cycle)
			gen_start_phase(g, 0);
		else
			return false;
	}
	return true;
}

static bool gen_limit_reached(const struct trace_gen *g)
{
	uint64_t limit = g->p.nr_accesses;

	if (!limit && !g->p.duration_ns && g->prog->cycle)
		limit = 1000000;
	return limit && g->emitted >= limit;
}

int trace_gen_next(struct trace_gen *g, struct trace_event *ev)
{
	uint32_t cpu, thread, n;
	uint64_t addr;

	for (;;) {
		if (g->qpos < g->queue->len) {
			*ev = g_array_index(g->queue, struct trace_event,
					    g->qpos++);
			return 1;
		}
		g->queue->len = 0;
		g->qpos = 0;
		switch (g->stage) {
		case GEN_START:
			if (!g->cpu_nr_threads[0])
				gen_advance(g);
			gen_begin(g);
			continue;
		case GEN_END:
			g->stage = GEN_DONE;
			continue;
		case GEN_DONE:
			return 0;
		default:
			break;
		}
		if (gen_limit_reached(g) || !g->prog->nr_phases) {
			gen_finish(g);
			continue;
		}
		if (g->begun != g->step + 1) {
			g->begun = g->step + 1;
			if (!gen_step_begin(g)) {
				gen_finish(g);
				continue;
			}
			if (g->queue->len)
				continue;
		}
		cpu = g->cpu;
		n = g->cpu_nr_threads[cpu];
		thread = cpu + (uint32_t)(g->step % n) * g->p.nr_cpus;
		memset(ev, 0, sizeof(*ev));
		ev->type = TRACE_EV_ACCESS;
		ev->cpu = cpu;
		ev->tid = gen_tid(thread);
		ev->time_ns = g->now;
		ev->size = g->p.access_size;
		if (g->stage == GEN_INIT) {
			if (!gen_init_next(g, &addr)) {
				g->stage = GEN_RUN;
				gen_start_phase(g, 0);
				continue;
			}
			ev->addr = addr;
			ev->write = true;
		} else {
			gen_access(g, cpu, thread, ev);
		}
		g->emitted++;
		gen_advance(g);
		return 1;
	}
}
