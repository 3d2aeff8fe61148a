// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_genparams.c - libFuzzer target: generator parameters, one
 * "key=value" per line as a scenario's [workload] or `trace gen` gives
 * them.  Whatever the checks accept must describe itself in text that
 * reads back to the same parameters, and must generate without trouble.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "traces/gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* trace_gen_params_describe() output, read back, describes the same. */
static void genparams_round_trip(const struct trace_gen_params *p)
{
	char *text = trace_gen_params_describe(p), *again;
	char **kv = g_strsplit(text, " ", -1);
	struct trace_gen_params q;
	int i;

	trace_gen_params_init(&q);
	for (i = 0; kv[i]; i++)
		if (trace_gen_params_set(&q, kv[i], NULL))
			abort();
	again = trace_gen_params_describe(&q);
	if (strcmp(text, again))
		abort();
	g_free(again);
	g_strfreev(kv);
	g_free(text);
	trace_gen_params_clear(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_strndup((const char *)data, size);
	char **lines = g_strsplit(text, "\n", -1);
	struct trace_gen_params p;
	struct trace_event ev;
	struct trace_gen *g;
	const char *keys;
	int i;

	trace_gen_params_init(&p);
	for (i = 0; lines[i]; i++)
		trace_gen_params_set(&p, lines[i], NULL);
	/* masim configs are fuzzed by fuzz_masim; a path here names nothing */
	if (p.kind == TRACE_GEN_MASIM || trace_gen_params_problem(&p, &keys))
		goto out;
	genparams_round_trip(&p);
	p.nr_accesses = 2000;
	p.duration_ns = 0;
	g = trace_gen_new(&p, NULL);
	if (!g)
		abort();
	while (trace_gen_next(g, &ev) > 0)
		;
	trace_gen_free(g);
out:
	trace_gen_params_clear(&p);
	g_strfreev(lines);
	g_free(text);
	return 0;
}
