// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_reader.c - libFuzzer target: the .dst reader (open, iterate, seek).
 */
#include <stdint.h>

#include "traces/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace_reader *r;
	struct trace_event ev;
	uint64_t last = 0;
	int n = 0;

	r = trace_reader_open_mem(data, size, "fuzz.dst", NULL);
	if (!r)
		return 0;
	while (trace_reader_next(r, &ev, NULL) > 0 && n++ < 1000000)
		last = ev.time_ns;
	if (trace_reader_seek_time(r, last / 2, NULL) == 0)
		while (trace_reader_next(r, &ev, NULL) > 0 && n++ < 2000000)
			;
	if (trace_reader_seek_frame(r, 0, NULL) == 0)
		trace_reader_next(r, &ev, NULL);
	trace_reader_close(r);
	return 0;
}
