// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_text.c - libFuzzer target: the plain-text event format parser.
 */
#include <stdint.h>

#include "traces/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace_source *s;
	struct trace_event ev;

	s = trace_source_new_text_mem((const char *)data, size, "fuzz", NULL);
	if (!s)
		return 0;
	while (trace_source_next(s, &ev, NULL) > 0)
		;
	trace_source_free(s);
	return 0;
}
