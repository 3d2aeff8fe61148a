/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gen.h - synthetic workload generators: built-in patterns and masim
 * configs, producing events in time order without a file.
 *
 * The parameters and their defaults are documented in
 * docs/trace-tools.md.
 */
#ifndef DAMONSIM_TRACES_GEN_H
#define DAMONSIM_TRACES_GEN_H

#include "traces/trace.h"

/**
 * enum trace_gen_kind - access patterns.
 * @TRACE_GEN_UNIFORM: uniform random over the region.
 * @TRACE_GEN_ZIPF: Zipf-distributed page ranks (rank 1 = first page).
 * @TRACE_GEN_HOTCOLD: a hot window that takes hot_prob of the accesses and
 *	moves through the region every hot_move.
 * @TRACE_GEN_SEQ: sequential scan with step align, wrapping.
 * @TRACE_GEN_STRIDE: scan with step stride, wrapping.
 * @TRACE_GEN_PHASES: a cyclic sequence of the patterns above.
 * @TRACE_GEN_MASIM: a masim config file.
 */
enum trace_gen_kind {
	TRACE_GEN_UNIFORM,
	TRACE_GEN_ZIPF,
	TRACE_GEN_HOTCOLD,
	TRACE_GEN_SEQ,
	TRACE_GEN_STRIDE,
	TRACE_GEN_PHASES,
	TRACE_GEN_MASIM,
};

/* Access modes of one pattern: by write_frac, or masim's ro/wo/rw. */
enum trace_gen_mode {
	TRACE_GEN_MODE_MIX,
	TRACE_GEN_MODE_RO,
	TRACE_GEN_MODE_WO,
	TRACE_GEN_MODE_RW,
};

#define TRACE_GEN_MAX_PHASES	64
#define TRACE_GEN_NAME_LEN	64

/**
 * struct trace_gen_params - knobs of a generator; see docs/trace-tools.md.
 * @kind: pattern.
 * @size: bytes of address space the pattern spans.
 * @base: first address of the region.
 * @nr_cpus: CPUs; each runs its threads round-robin.
 * @nr_threads: threads; thread i runs on CPU i % nr_cpus.
 * @rate: accesses per second per CPU.
 * @nr_accesses: stop after this many accesses (0: no limit).
 * @duration_ns: stop at this time (0: no limit; if both are 0, 1M
 *	accesses for built-ins, all phases once for masim).
 * @seed: seed of all randomness.
 * @align: address granularity of generated accesses (power of 2).
 * @access_size: size of each access in bytes.
 * @write_frac: fraction of accesses that are writes.
 * @zipf_s: Zipf exponent (> 0).
 * @zipf_obj: Zipf object size in bytes (ranks are objects).
 * @hot_frac: hot window size as a fraction of the region.
 * @hot_prob: probability that an access goes to the hot window.
 * @hot_move_ns: the window moves every this long (0: never).
 * @hot_shift: how far it moves each time, as a fraction of the region.
 * @stride: step of the stride pattern in bytes.
 * @page_size: page size recorded in the header.
 * @nr_phases: number of entries in @phase_kind/@phase_ns.
 * @phase_kind: patterns of a phases sequence.
 * @phase_ns: durations of a phases sequence.
 * @masim: path of a masim config (for TRACE_GEN_MASIM); owned.
 */
struct trace_gen_params {
	enum trace_gen_kind kind;
	uint64_t size;
	uint64_t base;
	uint32_t nr_cpus;
	uint32_t nr_threads;
	uint64_t rate;
	uint64_t nr_accesses;
	uint64_t duration_ns;
	uint64_t seed;
	uint64_t align;
	uint64_t access_size;
	double write_frac;
	double zipf_s;
	uint64_t zipf_obj;
	double hot_frac;
	double hot_prob;
	uint64_t hot_move_ns;
	double hot_shift;
	uint64_t stride;
	uint32_t page_size;
	uint32_t nr_phases;
	enum trace_gen_kind phase_kind[TRACE_GEN_MAX_PHASES];
	uint64_t phase_ns[TRACE_GEN_MAX_PHASES];
	char *masim;
};

/**
 * trace_gen_params_init() - set every parameter to its default.
 * @p: parameters (old contents not freed).
 */
void trace_gen_params_init(struct trace_gen_params *p);

/**
 * trace_gen_params_clear() - free what @p owns.
 * @p: parameters.
 */
void trace_gen_params_clear(struct trace_gen_params *p);

/**
 * trace_gen_params_set() - set one parameter from "key=value".
 * @p: parameters.
 * @kv: the assignment, e.g. "size=1GiB" or "pattern=zipf".
 * @err: error location; the message names the key and the value.
 *
 * Return: 0, -ENOENT with @err set if there is no parameter of that name,
 * or -EINVAL with @err set.
 */
int trace_gen_params_set(struct trace_gen_params *p, const char *kv,
			 GError **err);

/**
 * trace_gen_params_set_key() - trace_gen_params_set() for a key and value
 * held apart (a scenario's [workload] keys), with no "key=value" to build
 * @p: parameters.
 * @key: the parameter's name, e.g. "size".
 * @value: its value text, e.g. "1GiB".
 * @err: error location; the message names the key and the value.
 *
 * Return: as trace_gen_params_set().
 */
int trace_gen_params_set_key(struct trace_gen_params *p, const char *key,
			     const char *value, GError **err);

/**
 * trace_gen_params_check() - check the parameters are consistent.
 * @p: parameters.
 * @err: error location.
 *
 * Return: 0, or -EINVAL with @err set.
 */
int trace_gen_params_check(const struct trace_gen_params *p, GError **err);

/**
 * trace_gen_params_problem() - the first inconsistency in the parameters.
 * @p: parameters.
 * @keys: if not NULL, set on a problem to the names of the parameters it
 *	involves, space-separated, the one the message is about first
 *	("align size"), so a caller that took them from several places can
 *	point at the right one.
 *
 * Return: a static one-line message without a prefix, or NULL if @p is
 * consistent.
 */
const char *trace_gen_params_problem(const struct trace_gen_params *p,
				     const char **keys);

/**
 * trace_gen_param_unused() - does the pattern ignore a parameter?
 * @p: parameters, with their pattern (and phases) set.
 * @key: a parameter name, e.g. "hot_frac".
 *
 * A parameter the pattern ignores is most likely a mistake (hot_frac with
 * pattern=zipf), so callers refuse it rather than drop it silently.
 *
 * Return: NULL if @p's pattern, or one of its phases, uses @key (or @key
 * is not pattern-specific); else the patterns that do use it, e.g.
 * "hotcold".
 */
const char *trace_gen_param_unused(const struct trace_gen_params *p,
				   const char *key);

/**
 * trace_gen_params_describe() - the parameters as "key=value ..." text,
 * which trace_gen_params_set() reads back to the same generator.
 * @p: parameters.
 *
 * Return: a newly allocated string.
 */
char *trace_gen_params_describe(const struct trace_gen_params *p);

/**
 * trace_gen_kind_name() - name of a pattern as used by "pattern=".
 * @kind: pattern.
 *
 * Return: a static string.
 */
const char *trace_gen_kind_name(enum trace_gen_kind kind);

/**
 * struct trace_gen_region - one region of a generator program.
 * @name: region name (masim) or "region".
 * @start: first address.
 * @size: bytes.
 * @init: touch every page once before the first phase (masim "init").
 */
struct trace_gen_region {
	char name[TRACE_GEN_NAME_LEN];
	uint64_t start;
	uint64_t size;
	bool init;
};

/**
 * struct trace_gen_pattern - one weighted access pattern of a phase.
 * @kind: TRACE_GEN_UNIFORM .. TRACE_GEN_STRIDE.
 * @region: index into the program's regions.
 * @stride: step of sequential/stride patterns.
 * @prob: weight of this pattern among the phase's patterns.
 * @mode: read/write choice.
 */
struct trace_gen_pattern {
	enum trace_gen_kind kind;
	uint32_t region;
	uint64_t stride;
	double prob;
	enum trace_gen_mode mode;
};

/**
 * struct trace_gen_phase - a phase: a name, a duration and patterns.
 * @name: phase name (recorded as a phase event).
 * @duration_ns: length in virtual time (0: unbounded).
 * @nr_patterns: entries in @patterns.
 * @patterns: the weighted patterns.
 */
struct trace_gen_phase {
	char name[TRACE_GEN_NAME_LEN];
	uint64_t duration_ns;
	uint32_t nr_patterns;
	struct trace_gen_pattern *patterns;
};

/**
 * struct trace_gen_program - what a generator runs.
 * @nr_regions: entries in @regions.
 * @regions: memory regions, each mapped at start.
 * @nr_phases: entries in @phases.
 * @phases: phases, run in order.
 * @cycle: restart at the first phase after the last (built-ins) instead
 *	of ending (masim).
 */
struct trace_gen_program {
	uint32_t nr_regions;
	struct trace_gen_region *regions;
	uint32_t nr_phases;
	struct trace_gen_phase *phases;
	bool cycle;
};

/**
 * trace_gen_program_free() - free a program.
 * @prog: program, may be NULL.
 */
void trace_gen_program_free(struct trace_gen_program *prog);

/**
 * trace_masim_parse() - parse a masim config.
 * @text: the config's text.
 * @len: its length.
 * @name: file name for error messages.
 * @base: address of the first region.
 * @err: error location; messages name the file and line.
 *
 * The grammar is documented above the parser in masim.c.
 *
 * Return: a program, or NULL with @err set.
 */
struct trace_gen_program *trace_masim_parse(const char *text, size_t len,
					    const char *name, uint64_t base,
					    GError **err);

struct trace_gen;

/**
 * trace_gen_new() - create a generator.
 * @p: parameters (copied); for TRACE_GEN_MASIM the config is read now.
 * @err: error location.
 *
 * Return: a generator, or NULL with @err set.
 */
struct trace_gen *trace_gen_new(const struct trace_gen_params *p,
				GError **err);

/**
 * trace_gen_new_program() - create a generator running a given program.
 * @p: parameters for the time model, threads, seed and limits (copied).
 * @prog: program; the generator takes ownership.
 *
 * Return: the generator.
 */
struct trace_gen *trace_gen_new_program(const struct trace_gen_params *p,
					struct trace_gen_program *prog);

/**
 * trace_gen_header() - header describing the generated trace.
 * @g: generator.
 *
 * Return: the header, owned by @g.
 */
const struct trace_header *trace_gen_header(const struct trace_gen *g);

/**
 * trace_gen_next() - produce the next event.
 * @g: generator.
 * @ev: filled with the event.
 *
 * Return: 1 with @ev filled, or 0 when the workload has ended.
 */
int trace_gen_next(struct trace_gen *g, struct trace_event *ev);

/**
 * trace_gen_free() - free a generator.
 * @g: generator, may be NULL.
 */
void trace_gen_free(struct trace_gen *g);

#endif /* DAMONSIM_TRACES_GEN_H */
