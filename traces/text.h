/* SPDX-License-Identifier: GPL-2.0 */
/*
 * text.h - the plain-text event format (one event per line), written by
 * `damonsim trace cat` and read by `damonsim trace import text`.  The
 * grammar is in docs/trace-format.md and above the parser in text.c.
 */
#ifndef DAMONSIM_TRACES_TEXT_H
#define DAMONSIM_TRACES_TEXT_H

#include <stdio.h>

#include "traces/trace.h"

/**
 * trace_text_put_header() - write the '%' header lines.
 * @f: output.
 * @h: header.
 */
void trace_text_put_header(FILE *f, const struct trace_header *h);

/**
 * trace_text_put_event() - write one event line.
 * @f: output.
 * @ev: event.
 */
void trace_text_put_event(FILE *f, const struct trace_event *ev);

#endif /* DAMONSIM_TRACES_TEXT_H */
