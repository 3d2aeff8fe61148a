// SPDX-License-Identifier: GPL-2.0
/*
 * lines.c - bounded line reader.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "traces/lines.h"
#include "traces/trace.h"

#define LINES_BUF	(1u << 16)

void trace_lines_init_fd(struct trace_lines *l, int fd, const char *name)
{
	memset(l, 0, sizeof(*l));
	l->name = g_strdup(name);
	l->fd = fd;
	l->buf = g_malloc(LINES_BUF + 1);
}

void trace_lines_init_mem(struct trace_lines *l, const char *data, size_t len,
			  const char *name)
{
	memset(l, 0, sizeof(*l));
	l->name = g_strdup(name);
	l->fd = -1;
	l->mem = data;
	l->mem_len = len;
	l->buf = g_malloc(LINES_BUF + 1);
}

static int lines_fill(struct trace_lines *l, GError **err)
{
	size_t room;
	ssize_t n;

	memmove(l->buf, l->buf + l->pos, l->len - l->pos);
	l->len -= l->pos;
	l->pos = 0;
	room = LINES_BUF - l->len;
	if (l->fd < 0) {
		n = MIN(room, l->mem_len);
		memcpy(l->buf + l->len, l->mem, n);
		l->mem += n;
		l->mem_len -= n;
	} else {
		do {
			n = read(l->fd, l->buf + l->len, room);
		} while (n < 0 && errno == EINTR);
		if (n < 0) {
			g_set_error(err, TRACE_ERROR, errno, "%s: read: %s",
				    l->name, g_strerror(errno));
			return -errno;
		}
	}
	if (n == 0)
		l->eof = true;
	l->len += n;
	return 0;
}

int trace_lines_next(struct trace_lines *l, char **line, GError **err)
{
	char *start, *nl;
	size_t llen;
	int ret;

	for (;;) {
		start = l->buf + l->pos;
		nl = memchr(start, '\n', l->len - l->pos);
		if (nl || l->eof)
			break;
		if (l->len - l->pos >= TRACE_LINE_MAX) {
			g_set_error(err, TRACE_ERROR, EINVAL,
				    "%s:%" G_GUINT64_FORMAT ": line too long",
				    l->name, l->lineno + 1);
			return -EINVAL;
		}
		ret = lines_fill(l, err);
		if (ret)
			return ret;
	}
	if (!nl && l->pos == l->len)
		return 0;
	llen = nl ? (size_t)(nl - start) : l->len - l->pos;
	l->lineno++;
	l->offset = l->consumed;
	l->consumed += llen + (nl ? 1 : 0);
	l->pos += llen + (nl ? 1 : 0);
	if (llen >= TRACE_LINE_MAX) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "%s:%" G_GUINT64_FORMAT ": line too long", l->name,
			    l->lineno);
		return -EINVAL;
	}
	if (memchr(start, '\0', llen)) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "%s:%" G_GUINT64_FORMAT ": NUL byte in line",
			    l->name, l->lineno);
		return -EINVAL;
	}
	if (llen && start[llen - 1] == '\r')
		llen--;
	start[llen] = '\0';
	*line = start;
	return 1;
}

void trace_lines_clear(struct trace_lines *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	g_free(l->buf);
	g_free(l->name);
	l->buf = NULL;
	l->name = NULL;
}
