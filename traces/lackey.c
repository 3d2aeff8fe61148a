// SPDX-License-Identifier: GPL-2.0
/*
 * lackey.c - importer of valgrind lackey memory traces.
 *
 * Grammar (one record per line, as `valgrind --tool=lackey --trace-mem=yes`
 * prints it):
 *
 *   'I' SP+ HEXADDR ',' SIZE       an instruction fetch (the clock)
 *   SP ('L'|'S'|'M') SP+ HEXADDR ',' SIZE
 *                                   a load, store or modify (load+store)
 *   '==' PID '==' ...              a valgrind message; the first gives tid
 *   empty line                     ignored
 *
 * Time: each I line is one instruction; an access happens at
 * instructions / (ipc * freq) ns.  L is a read, S a write, and M one write
 * (it reads and writes the same bytes; DAMON sees one access).  Lackey runs
 * threads serialised and does not say which thread ran, so the trace has
 * one CPU and one thread.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "traces/lines.h"
#include "traces/source.h"

struct lackey {
	struct trace_lines lines;
	struct trace_lackey_opts o;
	double ns_per_insn;
	uint64_t insns;
	uint64_t insns_since;
	uint64_t last_time;
	uint32_t tid;
	bool started;
	bool ended;
	bool pending_valid;
	struct trace_event pending;
};

void trace_lackey_opts_init(struct trace_lackey_opts *o)
{
	o->ipc = 1.0;
	o->freq_ghz = 2.0;
	o->ifetch = false;
}

static int lk_bad(struct lackey *lk, GError **err, const char *what)
{
	g_set_error(err, TRACE_ERROR, EINVAL, "%s:%" G_GUINT64_FORMAT
		    ": malformed lackey line: %s", lk->lines.name,
		    lk->lines.lineno, what);
	return -EINVAL;
}

/* Parse "HEX,DEC" after the record letter and its spaces. */
static int lk_addr_size(char *p, uint64_t *addr, uint64_t *size)
{
	char *end;

	while (*p == ' ')
		p++;
	if (!g_ascii_isxdigit(*p))
		return -1;
	errno = 0;
	*addr = g_ascii_strtoull(p, &end, 16);
	if (errno || end == p || *end != ',' || end - p > 16)
		return -1;
	p = end + 1;
	if (!g_ascii_isdigit(*p))
		return -1;
	*size = g_ascii_strtoull(p, &end, 10);
	if (errno || end == p || end - p > 7)
		return -1;
	while (*end == ' ')
		end++;
	return *end ? -1 : 0;
}

static void lk_event(struct lackey *lk, struct trace_event *ev, uint8_t type)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->tid = lk->tid;
	ev->time_ns = (uint64_t)((double)lk->insns * lk->ns_per_insn);
	if (ev->time_ns < lk->last_time)
		ev->time_ns = lk->last_time;
	lk->last_time = ev->time_ns;
}

/* Returns 1 with an access, 0 for a line that makes no event, <0 error. */
static int lk_line(struct lackey *lk, char *line, struct trace_event *ev,
		   GError **err)
{
	uint64_t addr, size;
	char kind;
	unsigned long pid;

	if (!line[0])
		return 0;
	if (line[0] == '=' && line[1] == '=') {
		if (!lk->started && sscanf(line, "==%lu==", &pid) == 1 &&
		    pid <= UINT32_MAX)
			lk->tid = pid;
		return 0;
	}
	if (line[0] == 'I') {
		if (line[1] != ' ' || lk_addr_size(line + 1, &addr, &size) ||
		    size > 64)
			return lk_bad(lk, err, "bad instruction record");
		lk->insns++;
		lk->insns_since++;
		if (!lk->o.ifetch)
			return 0;
		kind = 'L';
	} else {
		if (line[0] != ' ' || !line[1] || !strchr("LSM", line[1]) ||
		    line[2] != ' ')
			return lk_bad(lk, err, "expected I, L, S or M record");
		kind = line[1];
		if (lk_addr_size(line + 2, &addr, &size) || !size ||
		    size > 65536)
			return lk_bad(lk, err, "bad address or size");
	}
	lk_event(lk, ev, TRACE_EV_ACCESS);
	ev->addr = addr;
	ev->size = size;
	ev->write = kind != 'L';
	ev->insns = lk->insns_since;
	lk->insns_since = 0;
	return 1;
}

static int lk_next(struct trace_source *s, struct trace_event *ev,
		   GError **err)
{
	struct lackey *lk = s->priv;
	char *line;
	int ret;

	if (lk->pending_valid) {
		*ev = lk->pending;
		lk->pending_valid = false;
		return 1;
	}
	for (;;) {
		ret = trace_lines_next(&lk->lines, &line, err);
		if (ret < 0)
			return ret;
		if (ret == 0)
			break;
		ret = lk_line(lk, line, ev, err);
		if (ret < 0)
			return ret;
		if (ret == 0)
			continue;
		if (!lk->started) {
			/* the thread starts right before its first access */
			lk->started = true;
			lk->pending = *ev;
			lk->pending_valid = true;
			lk_event(lk, ev, TRACE_EV_THREAD_START);
		}
		return 1;
	}
	if (lk->ended || !lk->started)
		return 0;
	lk->ended = true;
	lk_event(lk, ev, TRACE_EV_THREAD_EXIT);
	return 1;
}

static void lk_free(struct trace_source *s)
{
	struct lackey *lk = s->priv;

	trace_lines_clear(&lk->lines);
	g_free(lk);
}

static const struct trace_source_ops lk_ops = {
	.next = lk_next,
	.free = lk_free,
};

static struct trace_source *lk_new(struct lackey *lk,
				   const struct trace_lackey_opts *o,
				   GError **err)
{
	struct trace_source *s;
	char ipc[G_ASCII_DTOSTR_BUF_SIZE], f[G_ASCII_DTOSTR_BUF_SIZE];

	if (o)
		lk->o = *o;
	else
		trace_lackey_opts_init(&lk->o);
	if (!(lk->o.ipc > 0 && lk->o.ipc < 1000) ||
	    !(lk->o.freq_ghz > 0 && lk->o.freq_ghz < 1000)) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "%s: ipc and freq must be positive",
			    lk->lines.name);
		trace_lines_clear(&lk->lines);
		g_free(lk);
		return NULL;
	}
	lk->ns_per_insn = 1.0 / (lk->o.ipc * lk->o.freq_ghz);
	lk->tid = 1;
	s = trace_source_alloc(&lk_ops, lk);
	s->hdr.nr_threads = 1;
	s->hdr.description = g_strdup_printf(
		"valgrind lackey trace %s, clock ipc=%s freq=%sGHz%s",
		lk->lines.name,
		g_ascii_dtostr(ipc, sizeof(ipc), lk->o.ipc),
		g_ascii_dtostr(f, sizeof(f), lk->o.freq_ghz),
		lk->o.ifetch ? ", with instruction fetches" : "");
	return s;
}

struct trace_source *trace_source_new_lackey(int fd, const char *name,
					     const struct trace_lackey_opts *o,
					     GError **err)
{
	struct lackey *lk = g_new0(struct lackey, 1);

	trace_lines_init_fd(&lk->lines, fd, name);
	return lk_new(lk, o, err);
}

struct trace_source *
trace_source_new_lackey_mem(const char *data, size_t len, const char *name,
			    const struct trace_lackey_opts *o, GError **err)
{
	struct lackey *lk = g_new0(struct lackey, 1);

	trace_lines_init_mem(&lk->lines, data, len, name);
	return lk_new(lk, o, err);
}
