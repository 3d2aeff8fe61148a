// SPDX-License-Identifier: GPL-2.0
/*
 * json_read: recursive-descent JSON parser (see json_read.h).  Errors are
 * one line naming the byte offset; the caller prefixes the file name.
 */
#include <errno.h>
#include <string.h>

#include "sim/json_read.h"

struct json_parser {
	const char *p;
	const char *start;
	const char *end;
	GError **err;
	bool failed;
};

static void json_fail(struct json_parser *ps, const char *why)
{
	if (ps->failed)
		return;
	ps->failed = true;
	g_set_error(ps->err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
		    "offset %td: %s", ps->p - ps->start, why);
}

static void json_skip_ws(struct json_parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
				   *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static bool json_eat(struct json_parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n))
		return false;
	ps->p += n;
	return true;
}

static struct json_node *json_new(enum json_type type)
{
	struct json_node *n = g_new0(struct json_node, 1);

	n->type = type;
	return n;
}

/**
 * json_node_free() - free a parsed tree
 * @node: root, or NULL
 */
void json_node_free(struct json_node *node)
{
	if (!node)
		return;
	g_free(node->str);
	if (node->items)
		g_ptr_array_free(node->items, TRUE);
	if (node->keys)
		g_ptr_array_free(node->keys, TRUE);
	g_free(node);
}

static int json_hex4(struct json_parser *ps, unsigned int *out)
{
	unsigned int v = 0;
	int i;

	if (ps->end - ps->p < 4) {
		json_fail(ps, "truncated \\u escape");
		return -EINVAL;
	}
	for (i = 0; i < 4; i++) {
		int d = g_ascii_xdigit_value(ps->p[i]);

		if (d < 0) {
			json_fail(ps, "bad \\u escape");
			return -EINVAL;
		}
		v = v * 16 + (unsigned int)d;
	}
	ps->p += 4;
	*out = v;
	return 0;
}

static int json_escape(struct json_parser *ps, GString *s)
{
	unsigned int cp, lo;
	char c = *ps->p++;

	switch (c) {
	case '"': case '\\': case '/':
		g_string_append_c(s, c);
		return 0;
	case 'b': g_string_append_c(s, '\b'); return 0;
	case 'f': g_string_append_c(s, '\f'); return 0;
	case 'n': g_string_append_c(s, '\n'); return 0;
	case 'r': g_string_append_c(s, '\r'); return 0;
	case 't': g_string_append_c(s, '\t'); return 0;
	case 'u':
		break;
	default:
		ps->p--;
		json_fail(ps, "bad escape in string");
		return -EINVAL;
	}
	if (json_hex4(ps, &cp))
		return -EINVAL;
	if (cp >= 0xd800 && cp < 0xdc00) {
		if (!json_eat(ps, "\\u") || json_hex4(ps, &lo) ||
		    lo < 0xdc00 || lo >= 0xe000) {
			json_fail(ps, "unpaired surrogate in string");
			return -EINVAL;
		}
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	} else if (cp >= 0xdc00 && cp < 0xe000) {
		json_fail(ps, "unpaired surrogate in string");
		return -EINVAL;
	}
	if (cp == 0) {
		json_fail(ps, "NUL in string");
		return -EINVAL;
	}
	g_string_append_unichar(s, cp);
	return 0;
}

static char *json_string(struct json_parser *ps)
{
	const char *q;
	GString *s;

	ps->p++;	/* opening quote */
	/* Most strings (all keys) have no escapes: copy them in one go. */
	for (q = ps->p; q < ps->end && *q != '"' && *q != '\\' &&
			(unsigned char)*q >= 0x20;
	     q++)
		;
	if (q < ps->end && *q == '"') {
		char *out = g_strndup(ps->p, (gsize)(q - ps->p));

		ps->p = q + 1;
		return out;
	}
	s = g_string_new(NULL);
	while (ps->p < ps->end && *ps->p != '"') {
		unsigned char c = (unsigned char)*ps->p;

		if (c < 0x20) {
			json_fail(ps, "control character in string");
			break;
		}
		ps->p++;
		if (c == '\\') {
			if (ps->p >= ps->end || json_escape(ps, s))
				break;
			continue;
		}
		g_string_append_c(s, (char)c);
	}
	if (!ps->failed && ps->p >= ps->end)
		json_fail(ps, "unterminated string");
	if (ps->failed) {
		g_string_free(s, TRUE);
		return NULL;
	}
	ps->p++;
	return g_string_free(s, FALSE);
}

static struct json_node *json_number(struct json_parser *ps)
{
	const char *b = ps->p;
	struct json_node *n;
	bool integer = true;
	char *text, *end;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || !g_ascii_isdigit(*ps->p)) {
		json_fail(ps, "bad number");
		return NULL;
	}
	if (*ps->p == '0' && ps->p + 1 < ps->end &&
	    g_ascii_isdigit(ps->p[1])) {
		json_fail(ps, "leading zero in number");
		return NULL;
	}
	while (ps->p < ps->end && g_ascii_isdigit(*ps->p))
		ps->p++;
	if (ps->p < ps->end && *ps->p == '.') {
		integer = false;
		ps->p++;
		if (ps->p >= ps->end || !g_ascii_isdigit(*ps->p)) {
			json_fail(ps, "bad fraction");
			return NULL;
		}
		while (ps->p < ps->end && g_ascii_isdigit(*ps->p))
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		integer = false;
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || !g_ascii_isdigit(*ps->p)) {
			json_fail(ps, "bad exponent");
			return NULL;
		}
		while (ps->p < ps->end && g_ascii_isdigit(*ps->p))
			ps->p++;
	}
	n = json_new(JSON_NUMBER);
	/* Records are mostly small non-negative integers: no copy, no strtod. */
	if (integer && *b != '-' && ps->p - b <= 19) {
		for (; b < ps->p; b++)
			n->u = n->u * 10 + (uint64_t)(*b - '0');
		n->is_uint = true;
		n->num = (double)n->u;
		return n;
	}
	text = g_strndup(b, (gsize)(ps->p - b));
	n->num = g_ascii_strtod(text, NULL);
	if (integer && text[0] != '-') {
		errno = 0;
		n->u = g_ascii_strtoull(text, &end, 10);
		n->is_uint = errno == 0 && *end == '\0';
	}
	g_free(text);
	return n;
}

static struct json_node *json_value(struct json_parser *ps, int depth);

static struct json_node *json_container(struct json_parser *ps, int depth,
					bool object)
{
	struct json_node *n = json_new(object ? JSON_OBJECT : JSON_ARRAY);
	char close = object ? '}' : ']';

	n->items = g_ptr_array_new_with_free_func(
		(GDestroyNotify)json_node_free);
	if (object)
		n->keys = g_ptr_array_new_with_free_func(g_free);
	ps->p++;
	json_skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return n;
	}
	for (;;) {
		struct json_node *v;

		json_skip_ws(ps);
		if (object) {
			char *key;

			if (ps->p >= ps->end || *ps->p != '"') {
				json_fail(ps, "expected a member name");
				break;
			}
			key = json_string(ps);
			if (!key)
				break;
			g_ptr_array_add(n->keys, key);
			json_skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				json_fail(ps, "expected ':'");
				break;
			}
			ps->p++;
		}
		v = json_value(ps, depth + 1);
		if (!v)
			break;
		g_ptr_array_add(n->items, v);
		json_skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return n;
		}
		json_fail(ps, object ? "expected ',' or '}'" :
				       "expected ',' or ']'");
		break;
	}
	json_node_free(n);
	return NULL;
}

static struct json_node *json_value(struct json_parser *ps, int depth)
{
	struct json_node *n;

	if (depth > JSON_READ_MAX_DEPTH) {
		json_fail(ps, "nesting too deep");
		return NULL;
	}
	json_skip_ws(ps);
	if (ps->p >= ps->end) {
		json_fail(ps, "unexpected end of input");
		return NULL;
	}
	switch (*ps->p) {
	case '{':
		return json_container(ps, depth, true);
	case '[':
		return json_container(ps, depth, false);
	case '"':
		n = json_new(JSON_STRING);
		n->str = json_string(ps);
		if (!n->str) {
			json_node_free(n);
			return NULL;
		}
		return n;
	case 't':
	case 'f':
		if (json_eat(ps, "true") || json_eat(ps, "false")) {
			n = json_new(JSON_BOOL);
			n->boolean = ps->p[-1] == 'e' && ps->p[-2] == 'u';
			return n;
		}
		break;
	case 'n':
		if (json_eat(ps, "null"))
			return json_new(JSON_NULL);
		break;
	default:
		if (*ps->p == '-' || g_ascii_isdigit(*ps->p))
			return json_number(ps);
	}
	json_fail(ps, "unexpected character");
	return NULL;
}

/**
 * json_parse() - parse one JSON document
 * @text: the document (need not be NUL-terminated)
 * @len:  its length in bytes
 * @err:  error location: "offset N: problem"
 *
 * Return: the tree (free with json_node_free()), or NULL on error.
 */
struct json_node *json_parse(const char *text, size_t len, GError **err)
{
	struct json_parser ps = {
		.p = text, .start = text, .end = text + len, .err = err,
	};
	struct json_node *root;
	const char *bad;

	/*
	 * Valid UTF-8 as a whole means every string in it is (quotes are
	 * ASCII and cannot split a character), and escapes only produce
	 * valid characters: one check instead of one per string.
	 */
	if (!g_utf8_validate_len(text, len, &bad)) {
		ps.p = bad;
		json_fail(&ps, "not valid UTF-8 (or a NUL byte)");
		return NULL;
	}
	root = json_value(&ps, 0);
	if (!root)
		return NULL;
	json_skip_ws(&ps);
	if (ps.p != ps.end) {
		json_fail(&ps, "trailing data after the document");
		json_node_free(root);
		return NULL;
	}
	return root;
}

/**
 * json_get() - look up an object member
 * @obj: an object node (anything else gives NULL)
 * @key: member name
 *
 * Return: the first member of that name, or NULL.
 */
const struct json_node *json_get(const struct json_node *obj,
				 const char *key)
{
	guint i;

	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->keys->len; i++)
		if (!strcmp(g_ptr_array_index(obj->keys, i), key))
			return g_ptr_array_index(obj->items, i);
	return NULL;
}

/**
 * json_len() - number of elements of an array or members of an object
 * @node: node (anything else gives 0)
 *
 * Return: the count.
 */
size_t json_len(const struct json_node *node)
{
	if (!node || !node->items)
		return 0;
	return node->items->len;
}

/**
 * json_at() - an array element by index
 * @arr: array node
 * @i:   index
 *
 * Return: the element, or NULL when out of range or not an array.
 */
const struct json_node *json_at(const struct json_node *arr, size_t i)
{
	if (!arr || arr->type != JSON_ARRAY || i >= arr->items->len)
		return NULL;
	return g_ptr_array_index(arr->items, i);
}

/**
 * json_get_uint() - read an exact unsigned integer member
 * @obj: object node
 * @key: member name
 * @out: result
 *
 * Return: true if the member exists and is an integer in 0..UINT64_MAX.
 */
bool json_get_uint(const struct json_node *obj, const char *key,
		   uint64_t *out)
{
	const struct json_node *n = json_get(obj, key);

	if (!n || n->type != JSON_NUMBER || !n->is_uint)
		return false;
	*out = n->u;
	return true;
}
