// SPDX-License-Identifier: GPL-2.0
/*
 * json_write: see json_write.h.  Output depends only on the calls made,
 * never on the host, so files built with it compare byte for byte.
 */
#include <inttypes.h>

#include "sim/json_write.h"
#include "sim/units.h"

/**
 * json_w_init() - start writing JSON into a string
 * @w:      emitter state to initialise
 * @out:    string the text is appended to (not cleared)
 * @pretty: true for indented output, false for the most compact form
 */
void json_w_init(struct json_w *w, GString *out, bool pretty)
{
	*w = (struct json_w){ .out = out, .pretty = pretty };
}

static void json_w_newline(struct json_w *w)
{
	int i;

	if (!w->pretty)
		return;
	g_string_append_c(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		g_string_append(w->out, "  ");
}

/* Separator before a value (or a key) at the current level. */
static void json_w_sep(struct json_w *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0 && w->depth <= JSON_W_MAX_DEPTH &&
	    w->count[w->depth - 1]++)
		g_string_append_c(w->out, ',');
	if (w->depth > 0)
		json_w_newline(w);
}

static void json_w_open(struct json_w *w, char c)
{
	json_w_sep(w);
	g_string_append_c(w->out, c);
	if (w->depth < JSON_W_MAX_DEPTH)
		w->count[w->depth] = 0;
	w->depth++;
}

static void json_w_close(struct json_w *w, char c)
{
	bool empty;

	w->depth--;
	empty = w->depth < JSON_W_MAX_DEPTH && !w->count[w->depth];
	if (!empty)
		json_w_newline(w);
	g_string_append_c(w->out, c);
}

/**
 * json_w_begin_object() - open an object ({)
 * @w: emitter
 */
void json_w_begin_object(struct json_w *w)
{
	json_w_open(w, '{');
}

/**
 * json_w_end_object() - close the innermost object (})
 * @w: emitter
 */
void json_w_end_object(struct json_w *w)
{
	json_w_close(w, '}');
}

/**
 * json_w_begin_array() - open an array ([)
 * @w: emitter
 */
void json_w_begin_array(struct json_w *w)
{
	json_w_open(w, '[');
}

/**
 * json_w_end_array() - close the innermost array (])
 * @w: emitter
 */
void json_w_end_array(struct json_w *w)
{
	json_w_close(w, ']');
}

static void json_w_quoted(GString *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	g_string_append_c(out, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"':
			g_string_append(out, "\\\"");
			break;
		case '\\':
			g_string_append(out, "\\\\");
			break;
		case '\n':
			g_string_append(out, "\\n");
			break;
		case '\t':
			g_string_append(out, "\\t");
			break;
		case '\r':
			g_string_append(out, "\\r");
			break;
		default:
			if (*p < 0x20)
				g_string_append_printf(out, "\\u%04x", *p);
			else
				g_string_append_c(out, (char)*p);
		}
	}
	g_string_append_c(out, '"');
}

/**
 * json_w_key() - write an object member's name; the next call writes its
 * value
 * @w:   emitter
 * @key: member name (escaped as needed)
 */
void json_w_key(struct json_w *w, const char *key)
{
	json_w_sep(w);
	json_w_quoted(w->out, key);
	g_string_append(w->out, w->pretty ? ": " : ":");
	w->after_key = true;
}

/**
 * json_w_string() - write a string value
 * @w: emitter
 * @s: UTF-8 text, or NULL for null
 */
void json_w_string(struct json_w *w, const char *s)
{
	if (!s) {
		json_w_null(w);
		return;
	}
	json_w_sep(w);
	json_w_quoted(w->out, s);
}

/**
 * json_w_uint() - write an unsigned integer exactly
 * @w: emitter
 * @v: value
 */
void json_w_uint(struct json_w *w, uint64_t v)
{
	json_w_sep(w);
	g_string_append_printf(w->out, "%" PRIu64, v);
}

/**
 * json_w_int() - write a signed integer exactly
 * @w: emitter
 * @v: value
 */
void json_w_int(struct json_w *w, int64_t v)
{
	json_w_sep(w);
	g_string_append_printf(w->out, "%" PRId64, v);
}

/**
 * json_w_double() - write a real with fixed precision
 * @w:         emitter
 * @v:         value; NaN and infinities are written as null
 * @precision: digits after the decimal point
 */
void json_w_double(struct json_w *w, double v, int precision)
{
	char buf[UNITS_FMT_LEN];

	if (v != v || v > 1e300 * 1e300 || v < -1e300 * 1e300) {
		json_w_null(w);
		return;
	}
	json_w_sep(w);
	g_string_append(w->out, units_format_double(v, precision, buf));
}

/**
 * json_w_bool() - write true or false
 * @w: emitter
 * @v: value
 */
void json_w_bool(struct json_w *w, bool v)
{
	json_w_sep(w);
	g_string_append(w->out, v ? "true" : "false");
}

/**
 * json_w_null() - write null
 * @w: emitter
 */
void json_w_null(struct json_w *w)
{
	json_w_sep(w);
	g_string_append(w->out, "null");
}
