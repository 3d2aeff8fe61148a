/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json_read: a small strict JSON (RFC 8259) reader building a tree.
 *
 * Enough to read damo records and our own metrics back; integers are kept
 * exact in 64 bits, objects keep their member order.  Nesting is limited
 * to JSON_READ_MAX_DEPTH so hostile input cannot exhaust the stack.
 */
#ifndef DAMONSIM_SIM_JSON_READ_H
#define DAMONSIM_SIM_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define JSON_READ_MAX_DEPTH 128

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

/**
 * struct json_node - one parsed value
 * @type:    what it is
 * @boolean: JSON_BOOL value
 * @num:     JSON_NUMBER value as a double
 * @is_uint: the number is a non-negative integer that fits in @u
 * @u:       exact value when @is_uint
 * @str:     JSON_STRING value (NUL-terminated, may not contain NUL)
 * @items:   JSON_ARRAY elements, or JSON_OBJECT member values
 * @keys:    JSON_OBJECT member names, parallel to @items
 */
struct json_node {
	enum json_type type;
	bool boolean;
	double num;
	bool is_uint;
	uint64_t u;
	char *str;
	GPtrArray *items;
	GPtrArray *keys;
};

struct json_node *json_parse(const char *text, size_t len, GError **err);
void json_node_free(struct json_node *node);
const struct json_node *json_get(const struct json_node *obj,
				 const char *key);
size_t json_len(const struct json_node *node);
const struct json_node *json_at(const struct json_node *arr, size_t i);
bool json_get_uint(const struct json_node *obj, const char *key,
		   uint64_t *out);

#endif
