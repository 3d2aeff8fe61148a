// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_lackey.c - libFuzzer target: the valgrind lackey importer.
 */
#include <stdint.h>

#include "traces/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace_source *s;
	struct trace_event ev;

	s = trace_source_new_lackey_mem((const char *)data, size, "fuzz",
					NULL, NULL);
	if (!s)
		return 0;
	while (trace_source_next(s, &ev, NULL) > 0)
		;
	trace_source_free(s);
	return 0;
}
