// SPDX-License-Identifier: GPL-2.0
/*
 * masim.c - parser of masim (memory access simulator) configs, so existing
 * masim experiment configs replay unchanged.
 *
 * Grammar (line-oriented; '#' starts a comment line; blank lines separate
 * paragraphs; CR before LF is ignored):
 *
 *   config    := regions (BLANK phase)+
 *   regions   := region_line+
 *   region    := NAME ',' SIZE [',' ('init' | 'none' | FILE)]
 *   phase     := NAME NEWLINE DURATION_MS NEWLINE pattern_line+
 *   pattern   := REGION ',' RANDOM(0|1) ',' STRIDE ',' PROBABILITY
 *                [',' ('ro' | 'wo' | 'rw')]
 *
 * SIZE and STRIDE are bytes (units such as 4K or 1GiB are accepted too);
 * DURATION_MS is milliseconds; PROBABILITY is a relative weight; the access
 * mode defaults to wo, as in masim.  A third region field other than
 * "none" means the region is initialised (written page by page) before the
 * first phase (masim's field names a file of initial data).  Regions are
 * laid out from @base in order, page aligned,
 * with a 1 MiB gap between them.
 */
#include <errno.h>
#include <string.h>

#include "traces/gen.h"
#include "traces/units.h"

#define MASIM_MAX_ITEMS		4096
#define MASIM_GAP		(1ull << 20)

struct masim_ctx {
	const char *name;
	unsigned int line;
	GError **err;
	GArray *regions;
	GArray *phases;
	GArray *patterns;	/* of the phase being parsed */
};

static int masim_err(struct masim_ctx *c, const char *fmt, ...)
	G_GNUC_PRINTF(2, 3);

static int masim_err(struct masim_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(c->err, TRACE_ERROR, EINVAL, "%s:%u: %s", c->name,
		    c->line, msg);
	g_free(msg);
	return -EINVAL;
}

static int masim_fields(char *line, char **f, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(line, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (n == max)
			return max + 1;
		f[n++] = g_strstrip(tok);
	}
	return n;
}

static int masim_region(struct masim_ctx *c, char *line)
{
	struct trace_gen_region r = { 0 };
	char *f[4];
	int n = masim_fields(line, f, 3);

	if (n < 2 || n > 3)
		return masim_err(c, "region line needs 'name, size[, init]'");
	if (!*f[0] || strlen(f[0]) >= TRACE_GEN_NAME_LEN)
		return masim_err(c, "bad region name '%s'", f[0]);
	if (trace_parse_size(f[1], &r.size) || !r.size ||
	    r.size > (1ull << 50))
		return masim_err(c, "bad region size '%s'", f[1]);
	if (c->regions->len >= MASIM_MAX_ITEMS)
		return masim_err(c, "too many regions");
	g_strlcpy(r.name, f[0], sizeof(r.name));
	r.init = n == 3 && strcmp(f[2], "none") != 0;
	g_array_append_val(c->regions, r);
	return 0;
}

static int masim_find_region(struct masim_ctx *c, const char *name)
{
	guint i;

	for (i = 0; i < c->regions->len; i++)
		if (!strcmp(g_array_index(c->regions, struct trace_gen_region,
					  i).name, name))
			return i;
	return -1;
}

static int masim_pattern(struct masim_ctx *c, char *line)
{
	struct trace_gen_pattern p = { 0 };
	uint64_t rnd, prob;
	char *f[6];
	int n = masim_fields(line, f, 5), r;

	if (n < 4 || n > 5)
		return masim_err(c, "pattern line needs 'region, random, "
				 "stride, probability[, ro|wo|rw]'");
	r = masim_find_region(c, f[0]);
	if (r < 0)
		return masim_err(c, "unknown region '%s'", f[0]);
	if (trace_parse_u64(f[1], &rnd) || rnd > 1)
		return masim_err(c, "random must be 0 or 1, not '%s'", f[1]);
	/* a stride beyond the region is legal: the scan stays at offset 0 */
	if (trace_parse_size(f[2], &p.stride) || !p.stride ||
	    p.stride > (1ull << 50))
		return masim_err(c, "bad stride '%s'", f[2]);
	if (trace_parse_u64(f[3], &prob) || prob > 1000000000)
		return masim_err(c, "bad probability '%s'", f[3]);
	p.mode = TRACE_GEN_MODE_WO;
	if (n == 5) {
		if (!strcmp(f[4], "ro"))
			p.mode = TRACE_GEN_MODE_RO;
		else if (!strcmp(f[4], "rw"))
			p.mode = TRACE_GEN_MODE_RW;
		else if (strcmp(f[4], "wo"))
			return masim_err(c, "access mode must be ro, wo or "
					 "rw, not '%s'", f[4]);
	}
	if (c->patterns->len >= MASIM_MAX_ITEMS)
		return masim_err(c, "too many patterns");
	p.kind = rnd ? TRACE_GEN_UNIFORM : TRACE_GEN_STRIDE;
	p.region = r;
	p.prob = (double)prob;
	g_array_append_val(c->patterns, p);
	return 0;
}

static int masim_end_phase(struct masim_ctx *c)
{
	struct trace_gen_phase *ph;
	double total = 0;
	guint i;

	if (!c->phases->len)
		return 0;
	ph = &g_array_index(c->phases, struct trace_gen_phase,
			    c->phases->len - 1);
	if (ph->patterns)
		return 0;
	if (!c->patterns->len)
		return masim_err(c, "phase '%s' has no access pattern",
				 ph->name);
	for (i = 0; i < c->patterns->len; i++)
		total += g_array_index(c->patterns, struct trace_gen_pattern,
				       i).prob;
	if (total <= 0)
		return masim_err(c, "phase '%s' has zero total probability",
				 ph->name);
	ph->nr_patterns = c->patterns->len;
	ph->patterns = g_memdup2(c->patterns->data,
				 sizeof(struct trace_gen_pattern) *
				 c->patterns->len);
	g_array_set_size(c->patterns, 0);
	return 0;
}

static struct trace_gen_program *masim_build(struct masim_ctx *c,
					     uint64_t base)
{
	struct trace_gen_program *prog = g_new0(struct trace_gen_program, 1);
	uint64_t next = base;
	guint i;

	prog->nr_regions = c->regions->len;
	prog->regions = (struct trace_gen_region *)
		g_array_free(c->regions, FALSE);
	c->regions = NULL;
	for (i = 0; i < prog->nr_regions; i++) {
		prog->regions[i].start = next;
		next = (next + prog->regions[i].size + 4095) / 4096 * 4096 +
		       MASIM_GAP;
	}
	prog->nr_phases = c->phases->len;
	prog->phases = (struct trace_gen_phase *)
		g_array_free(c->phases, FALSE);
	c->phases = NULL;
	prog->cycle = false;
	return prog;
}

/*
 * Paragraph state: 0 = regions, then per phase 1 = expect name,
 * 2 = expect duration, 3 = patterns.
 */
static int masim_line(struct masim_ctx *c, char *line, int *state)
{
	struct trace_gen_phase ph = { 0 };
	uint64_t ms;

	switch (*state) {
	case 0:
		return masim_region(c, line);
	case 1:
		if (strlen(line) >= TRACE_GEN_NAME_LEN)
			return masim_err(c, "phase name too long");
		if (c->phases->len >= MASIM_MAX_ITEMS)
			return masim_err(c, "too many phases");
		g_strlcpy(ph.name, line, sizeof(ph.name));
		g_array_append_val(c->phases, ph);
		*state = 2;
		return 0;
	case 2:
		if (trace_parse_u64(line, &ms) || !ms || ms > 1000000000ull)
			return masim_err(c, "bad phase duration '%s' (ms)",
					 line);
		g_array_index(c->phases, struct trace_gen_phase,
			      c->phases->len - 1).duration_ns = ms * 1000000;
		*state = 3;
		return 0;
	default:
		return masim_pattern(c, line);
	}
}

static void masim_free_ctx(struct masim_ctx *c)
{
	guint i;

	if (c->phases) {
		for (i = 0; i < c->phases->len; i++)
			g_free(g_array_index(c->phases, struct trace_gen_phase,
					     i).patterns);
		g_array_free(c->phases, TRUE);
	}
	if (c->regions)
		g_array_free(c->regions, TRUE);
	g_array_free(c->patterns, TRUE);
}

struct trace_gen_program *trace_masim_parse(const char *text, size_t len,
					    const char *name, uint64_t base,
					    GError **err)
{
	struct masim_ctx c = { .name = name, .err = err };
	struct trace_gen_program *prog = NULL;
	const char *p = text, *end = text + len;
	int state = 0, ret = 0;
	bool in_para = false;

	c.regions = g_array_new(FALSE, TRUE, sizeof(struct trace_gen_region));
	c.phases = g_array_new(FALSE, TRUE, sizeof(struct trace_gen_phase));
	c.patterns = g_array_new(FALSE, TRUE,
				 sizeof(struct trace_gen_pattern));
	while (p < end && !ret) {
		const char *nl = memchr(p, '\n', end - p);
		size_t llen = (nl ? nl : end) - p;
		char *line;

		c.line++;
		if (memchr(p, '\0', llen)) {
			ret = masim_err(&c, "NUL byte in line");
			break;
		}
		line = g_strndup(p, llen);
		p = nl ? nl + 1 : end;
		g_strstrip(line);
		if (line[0] == '#') {
			g_free(line);
			continue;
		}
		if (!line[0]) {
			if (in_para) {
				if (state == 0 && !c.regions->len)
					ret = masim_err(&c, "no regions");
				else if (state == 1 || state == 2)
					ret = masim_err(&c, "incomplete phase");
				else
					ret = masim_end_phase(&c);
				state = 1;
			}
			in_para = false;
			g_free(line);
			continue;
		}
		in_para = true;
		ret = masim_line(&c, line, &state);
		g_free(line);
	}
	if (!ret && (state == 1 || state == 2) && in_para)
		ret = masim_err(&c, "incomplete phase at end of file");
	if (!ret)
		ret = masim_end_phase(&c);
	if (!ret && !c.regions->len)
		ret = masim_err(&c, "no regions");
	if (!ret && !c.phases->len)
		ret = masim_err(&c, "no phases");
	if (!ret)
		prog = masim_build(&c, base);
	masim_free_ctx(&c);
	return prog;
}
