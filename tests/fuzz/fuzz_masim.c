// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_masim.c - libFuzzer target: the masim config parser, then a short
 * run of the generator on what it parsed.
 */
#include <stdint.h>

#include "traces/gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace_gen_program *prog;
	struct trace_gen_params p;
	struct trace_event ev;
	struct trace_gen *g;

	prog = trace_masim_parse((const char *)data, size, "fuzz.cfg",
				 0x10000, NULL);
	if (!prog)
		return 0;
	trace_gen_params_init(&p);
	p.nr_accesses = 3000;
	p.rate = 1000;
	g = trace_gen_new_program(&p, prog);
	while (trace_gen_next(g, &ev) > 0)
		;
	trace_gen_free(g);
	return 0;
}
