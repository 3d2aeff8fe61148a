/* SPDX-License-Identifier: GPL-2.0 */
/*
 * traces_util.h - helpers shared by the traces Check suites.
 */
#ifndef DAMONSIM_TESTS_TRACES_UTIL_H
#define DAMONSIM_TESTS_TRACES_UTIL_H

#include <check.h>

#include "traces/gen.h"
#include "traces/reader.h"
#include "traces/source.h"
#include "traces/tool.h"
#include "traces/writer.h"

/* Events with their phase names kept alive. */
struct tt_events {
	GArray *evs;
	GStringChunk *names;
};

char *tt_tmpdir(void);
void tt_rmtree(char *dir);
char *tt_fixture(const char *name);
void tt_events_init(struct tt_events *e);
void tt_events_add(struct tt_events *e, const struct trace_event *ev);
void tt_events_free(struct tt_events *e);
#define tt_ev(e, i) (&g_array_index((e)->evs, struct trace_event, (i)))
void tt_read_file(const char *path, struct tt_events *out);
void tt_drain(struct trace_source *s, struct tt_events *out);
void tt_gen(struct tt_events *out, const char *const *kv);
void tt_write(const char *path, const struct trace_header *h,
	      const struct tt_events *e, uint32_t frame_events);
void tt_assert_same(const struct trace_event *a, const struct trace_event *b,
		    guint i);
uint8_t *tt_slurp(const char *path, gsize *len);

Suite *suite_traces_format(void);
Suite *suite_traces_bad(void);
Suite *suite_traces_gen(void);
Suite *suite_traces_masim(void);
Suite *suite_traces_import(void);
Suite *suite_traces_cli(void);

#endif /* DAMONSIM_TESTS_TRACES_UTIL_H */
