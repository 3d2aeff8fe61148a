// SPDX-License-Identifier: GPL-2.0
/*
 * text.c - the plain-text event format, both directions.
 *
 * Grammar (fields separated by one or more spaces or tabs; '#' lines and
 * empty lines are ignored anywhere):
 *
 *   file     := '%dst-text 1' NL header* event*
 *   header   := '%page_size' N | '%cpus' N | '%threads' N |
 *               '%time_base' N | '%description' TEXT
 *   event    := TIME CPU TID body
 *   body     := ('R' | 'W') ADDR SIZE [INSNS]
 *             | 'MAP' ADDR LEN ('anon' | 'file') MEMCG
 *             | 'UNMAP' ADDR LEN
 *             | 'START' | 'EXIT'
 *             | 'PHASE' NAME
 *
 * TIME is ns, ADDR hex with 0x, other numbers decimal (0x also accepted).
 * Times must not decrease; CPU must be below %cpus.  In TEXT, "\n" and "\\"
 * stand for a newline and a backslash.  Header lines must come before the
 * first event.
 */
#include <errno.h>
#include <string.h>

#include "traces/lines.h"
#include "traces/source.h"
#include "traces/text.h"
#include "traces/units.h"

static void text_put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\\')
			fputs("\\\\", f);
		else
			fputc(*s, f);
	}
}

void trace_text_put_header(FILE *f, const struct trace_header *h)
{
	fprintf(f, "%%dst-text 1\n%%page_size %u\n%%cpus %u\n%%threads %u\n"
		"%%time_base %" G_GUINT64_FORMAT "\n%%description ",
		h->page_size, h->nr_cpus, h->nr_threads, h->time_base_ns);
	text_put_escaped(f, h->description ? h->description : "");
	fputc('\n', f);
}

void trace_text_put_event(FILE *f, const struct trace_event *ev)
{
	fprintf(f, "%" G_GUINT64_FORMAT " %u %u ", ev->time_ns, ev->cpu,
		ev->tid);
	switch (ev->type) {
	case TRACE_EV_ACCESS:
		fprintf(f, "%c 0x%" G_GINT64_MODIFIER "x %" G_GUINT64_FORMAT,
			ev->write ? 'W' : 'R', ev->addr, ev->size);
		if (ev->insns)
			fprintf(f, " %" G_GUINT64_FORMAT, ev->insns);
		break;
	case TRACE_EV_MAP:
		fprintf(f, "MAP 0x%" G_GINT64_MODIFIER "x %" G_GUINT64_FORMAT
			" %s %u", ev->addr, ev->size,
			ev->map_flags & TRACE_MAP_FILE ? "file" : "anon",
			ev->memcg);
		break;
	case TRACE_EV_UNMAP:
		fprintf(f, "UNMAP 0x%" G_GINT64_MODIFIER "x %" G_GUINT64_FORMAT,
			ev->addr, ev->size);
		break;
	case TRACE_EV_THREAD_START:
		fputs("START", f);
		break;
	case TRACE_EV_THREAD_EXIT:
		fputs("EXIT", f);
		break;
	case TRACE_EV_PHASE:
		fputs("PHASE ", f);
		text_put_escaped(f, ev->name ? ev->name : "");
		break;
	}
	fputc('\n', f);
}

struct text_src {
	struct trace_lines lines;
	uint64_t last_time;
	char name[TRACE_MAX_NAME + 1];
	char *first;		/* first event line, read with the header */
};

static int text_bad(struct text_src *t, GError **err, const char *what)
{
	g_set_error(err, TRACE_ERROR, EINVAL, "%s:%" G_GUINT64_FORMAT ": %s",
		    t->lines.name, t->lines.lineno, what);
	return -EINVAL;
}

static void text_unescape(char *dst, const char *src, size_t max)
{
	size_t n = 0;

	for (; *src && n < max; src++) {
		if (*src == '\\' && src[1] == 'n') {
			dst[n++] = '\n';
			src++;
		} else if (*src == '\\' && src[1] == '\\') {
			dst[n++] = '\\';
			src++;
		} else {
			dst[n++] = *src;
		}
	}
	dst[n] = '\0';
}

/* Split off the next blank-separated field, or NULL at end of line. */
static char *text_tok(char **pp)
{
	char *p = *pp + strspn(*pp, " \t"), *e;

	if (!*p)
		return NULL;
	e = p + strcspn(p, " \t");
	if (*e)
		*e++ = '\0';
	*pp = e;
	return p;
}

static int text_num(const char *s, uint64_t *out, uint64_t max)
{
	return trace_parse_u64(s, out) || *out > max ? -1 : 0;
}

static int text_header_line(struct trace_source *s, char *line, GError **err)
{
	struct text_src *t = s->priv;
	char *sp = line + strcspn(line, " \t");
	uint64_t v;
	char *val;

	val = sp + strspn(sp, " \t");
	*sp = '\0';
	if (!strcmp(line, "%description")) {
		g_free(s->hdr.description);
		s->hdr.description = g_malloc(strlen(val) + 1);
		text_unescape(s->hdr.description, val, strlen(val));
		return 0;
	}
	if (text_num(val, &v, UINT32_MAX) &&
	    strcmp(line, "%time_base"))
		return text_bad(t, err, "bad header value");
	if (!strcmp(line, "%page_size")) {
		if (!v || (v & (v - 1)))
			return text_bad(t, err, "page size not a power of 2");
		s->hdr.page_size = v;
	} else if (!strcmp(line, "%cpus")) {
		if (!v || v > TRACE_MAX_CPUS)
			return text_bad(t, err, "cpus out of range");
		s->hdr.nr_cpus = v;
	} else if (!strcmp(line, "%threads")) {
		s->hdr.nr_threads = v;
	} else if (!strcmp(line, "%time_base")) {
		if (text_num(val, &v, UINT64_MAX))
			return text_bad(t, err, "bad header value");
		s->hdr.time_base_ns = v;
	} else {
		return text_bad(t, err, "unknown header line");
	}
	return 0;
}

static int text_access(struct text_src *t, char **f, int n,
		       struct trace_event *ev, GError **err)
{
	if (n < 6 || n > 7)
		return text_bad(t, err, "access needs ADDR SIZE [INSNS]");
	if (text_num(f[4], &ev->addr, UINT64_MAX) ||
	    text_num(f[5], &ev->size, 1u << 30) ||
	    (n == 7 && text_num(f[6], &ev->insns, UINT64_MAX)))
		return text_bad(t, err, "bad access address, size or count");
	ev->type = TRACE_EV_ACCESS;
	ev->write = f[3][0] == 'W';
	return 1;
}

static int text_event(struct trace_source *s, char *line,
		      struct trace_event *ev, GError **err)
{
	struct text_src *t = s->priv;
	char *f[9], *p = line, *tok;
	uint64_t v;
	int n = 0;

	memset(ev, 0, sizeof(*ev));
	while (n < 9 && (tok = text_tok(&p))) {
		f[n++] = tok;
		if (n == 4 && !strcmp(f[3], "PHASE")) {
			/* the name is the rest of the line */
			p += strspn(p, " \t");
			if (*p)
				f[n++] = p;
			break;
		}
	}
	if (n < 4 || n > 8)
		return text_bad(t, err, "expected TIME CPU TID KIND ...");
	if (text_num(f[0], &ev->time_ns, UINT64_MAX))
		return text_bad(t, err, "bad time");
	if (ev->time_ns < t->last_time)
		return text_bad(t, err, "time goes backwards");
	if (text_num(f[1], &v, s->hdr.nr_cpus - 1))
		return text_bad(t, err, "cpu missing or not below %cpus");
	ev->cpu = v;
	if (text_num(f[2], &v, UINT32_MAX))
		return text_bad(t, err, "bad thread id");
	ev->tid = v;
	t->last_time = ev->time_ns;
	if (!strcmp(f[3], "R") || !strcmp(f[3], "W"))
		return text_access(t, f, n, ev, err);
	if (!strcmp(f[3], "MAP")) {
		ev->type = TRACE_EV_MAP;
		if (n != 8 || text_num(f[4], &ev->addr, UINT64_MAX) ||
		    text_num(f[5], &ev->size, UINT64_MAX) ||
		    (strcmp(f[6], "anon") && strcmp(f[6], "file")) ||
		    text_num(f[7], &v, UINT32_MAX))
			return text_bad(t, err,
					"MAP needs ADDR LEN anon|file MEMCG");
		ev->map_flags = f[6][0] == 'f' ? TRACE_MAP_FILE : 0;
		ev->memcg = v;
		return 1;
	}
	if (!strcmp(f[3], "UNMAP")) {
		ev->type = TRACE_EV_UNMAP;
		if (n != 6 || text_num(f[4], &ev->addr, UINT64_MAX) ||
		    text_num(f[5], &ev->size, UINT64_MAX))
			return text_bad(t, err, "UNMAP needs ADDR LEN");
		return 1;
	}
	if (!strcmp(f[3], "START") || !strcmp(f[3], "EXIT")) {
		if (n != 4)
			return text_bad(t, err, "START/EXIT take no fields");
		ev->type = f[3][0] == 'S' ? TRACE_EV_THREAD_START
					  : TRACE_EV_THREAD_EXIT;
		return 1;
	}
	if (!strcmp(f[3], "PHASE")) {
		if (n < 5 || strlen(f[4]) > TRACE_MAX_NAME)
			return text_bad(t, err, "PHASE needs a short NAME");
		text_unescape(t->name, f[4], TRACE_MAX_NAME);
		ev->type = TRACE_EV_PHASE;
		ev->name = t->name;
		return 1;
	}
	return text_bad(t, err, "unknown event kind");
}

static int text_next(struct trace_source *s, struct trace_event *ev,
		     GError **err)
{
	struct text_src *t = s->priv;
	char *line;
	int ret;

	if (t->first) {
		ret = text_event(s, t->first, ev, err);
		g_free(t->first);
		t->first = NULL;
		return ret;
	}
	for (;;) {
		ret = trace_lines_next(&t->lines, &line, err);
		if (ret <= 0)
			return ret;
		line += strspn(line, " \t");
		if (!line[0] || line[0] == '#')
			continue;
		if (line[0] == '%')
			return text_bad(t, err, "header line after events");
		return text_event(s, line, ev, err);
	}
}

static void text_free(struct trace_source *s)
{
	struct text_src *t = s->priv;

	trace_lines_clear(&t->lines);
	g_free(t->first);
	g_free(t);
}

static const struct trace_source_ops text_ops = {
	.next = text_next,
	.free = text_free,
};

static struct trace_source *text_open(struct text_src *t, GError **err)
{
	struct trace_source *s = trace_source_alloc(&text_ops, t);
	bool magic = false;
	char *line;
	int ret;

	s->hdr.description = g_strdup("");
	for (;;) {
		ret = trace_lines_next(&t->lines, &line, err);
		if (ret <= 0)
			break;
		line += strspn(line, " \t");
		if (!line[0] || line[0] == '#')
			continue;
		if (!magic) {
			if (strcmp(g_strchomp(line), "%dst-text 1")) {
				ret = text_bad(t, err,
					       "not a damonsim text trace "
					       "(expected '%dst-text 1')");
				break;
			}
			magic = true;
			continue;
		}
		if (line[0] != '%') {
			t->first = g_strdup(line);
			break;
		}
		ret = text_header_line(s, line, err);
		if (ret < 0)
			break;
	}
	if (ret == 0 && !magic)
		ret = text_bad(t, err, "empty input: expected '%dst-text 1'");
	if (ret < 0) {
		trace_source_free(s);
		return NULL;
	}
	return s;
}

struct trace_source *trace_source_new_text(int fd, const char *name,
					   GError **err)
{
	struct text_src *t = g_new0(struct text_src, 1);

	trace_lines_init_fd(&t->lines, fd, name);
	return text_open(t, err);
}

struct trace_source *trace_source_new_text_mem(const char *data, size_t len,
					       const char *name, GError **err)
{
	struct text_src *t = g_new0(struct text_src, 1);

	trace_lines_init_mem(&t->lines, data, len, name);
	return text_open(t, err);
}
