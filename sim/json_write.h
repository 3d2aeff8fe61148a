/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json_write: a small deterministic JSON emitter into a GString.
 *
 * Commas and indentation are handled here so callers only say what to
 * write.  Reals go through units_format_double() (fixed precision, no
 * locale); NaN and infinities are written as null because JSON has no
 * spelling for them.
 */
#ifndef DAMONSIM_SIM_JSON_WRITE_H
#define DAMONSIM_SIM_JSON_WRITE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#define JSON_W_MAX_DEPTH 32

/**
 * struct json_w - emitter state
 * @out:    text is appended here
 * @pretty: one value per line, indented by two spaces per level
 * @depth:  current nesting
 * @count:  values written so far at each level
 * @after_key: the next value follows a key on the same line
 */
struct json_w {
	GString *out;
	bool pretty;
	int depth;
	unsigned int count[JSON_W_MAX_DEPTH];
	bool after_key;
};

void json_w_init(struct json_w *w, GString *out, bool pretty);
void json_w_begin_object(struct json_w *w);
void json_w_end_object(struct json_w *w);
void json_w_begin_array(struct json_w *w);
void json_w_end_array(struct json_w *w);
void json_w_key(struct json_w *w, const char *key);
void json_w_string(struct json_w *w, const char *s);
void json_w_uint(struct json_w *w, uint64_t v);
void json_w_int(struct json_w *w, int64_t v);
void json_w_double(struct json_w *w, double v, int precision);
void json_w_bool(struct json_w *w, bool v);
void json_w_null(struct json_w *w);

#endif
