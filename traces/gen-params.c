// SPDX-License-Identifier: GPL-2.0
/*
 * gen-params.c - generator parameters: defaults, "key=value" parsing and
 * the canonical description recorded in trace headers.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "traces/gen.h"
#include "traces/units.h"

static const char *const gen_kind_names[] = {
	[TRACE_GEN_UNIFORM] = "uniform",
	[TRACE_GEN_ZIPF] = "zipf",
	[TRACE_GEN_HOTCOLD] = "hotcold",
	[TRACE_GEN_SEQ] = "seq",
	[TRACE_GEN_STRIDE] = "stride",
	[TRACE_GEN_PHASES] = "phases",
	[TRACE_GEN_MASIM] = "masim",
};

const char *trace_gen_kind_name(enum trace_gen_kind kind)
{
	return (unsigned int)kind < G_N_ELEMENTS(gen_kind_names) ?
	       gen_kind_names[kind] : "unknown";
}

static int gen_kind_parse(const char *s, enum trace_gen_kind *out)
{
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(gen_kind_names); i++) {
		if (!strcmp(s, gen_kind_names[i])) {
			*out = i;
			return 0;
		}
	}
	return -EINVAL;
}

void trace_gen_params_init(struct trace_gen_params *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = TRACE_GEN_UNIFORM;
	p->size = 1ull << 30;
	p->base = 0x7f0000000000ull;
	p->nr_cpus = 1;
	p->rate = 10000000;
	p->seed = 1;
	p->align = 64;
	p->access_size = 8;
	p->write_frac = 0.3;
	p->zipf_s = 1.0;
	p->zipf_obj = 4096;
	p->hot_frac = 0.1;
	p->hot_prob = 0.9;
	p->hot_move_ns = 1000000000ull;
	p->hot_shift = 0.1;
	p->stride = 4096;
	p->page_size = 4096;
}

void trace_gen_params_clear(struct trace_gen_params *p)
{
	g_free(p->masim);
	p->masim = NULL;
}

static int gen_parse_double(const char *s, double *out)
{
	char *end;
	double v = g_ascii_strtod(s, &end);

	if (end == s || *end || !isfinite(v))
		return -EINVAL;
	*out = v;
	return 0;
}

/* "uniform:100ms,zipf:1s"; @p changes only if the whole list is good. */
static int gen_parse_phases(struct trace_gen_params *p, const char *s)
{
	enum trace_gen_kind kind[TRACE_GEN_MAX_PHASES];
	uint64_t ns[TRACE_GEN_MAX_PHASES];
	char **items = g_strsplit(s, ",", -1);
	unsigned int n = 0;
	int ret = 0;

	for (; items[n] && !ret; n++) {
		char *colon = strchr(items[n], ':');

		if (n >= TRACE_GEN_MAX_PHASES || !colon) {
			ret = -EINVAL;
			break;
		}
		*colon = '\0';
		if (gen_kind_parse(g_strstrip(items[n]), &kind[n]) ||
		    kind[n] >= TRACE_GEN_PHASES ||
		    trace_parse_time_ns(colon + 1, &ns[n]) || !ns[n])
			ret = -EINVAL;
	}
	g_strfreev(items);
	if (!ret && !n)
		ret = -EINVAL;
	if (ret)
		return ret;
	memcpy(p->phase_kind, kind, n * sizeof(kind[0]));
	memcpy(p->phase_ns, ns, n * sizeof(ns[0]));
	p->nr_phases = n;
	return 0;
}

static int gen_set(struct trace_gen_params *p, const char *k, const char *v)
{
	uint64_t u;
	int ret;

	if (!strcmp(k, "pattern"))
		return gen_kind_parse(v, &p->kind);
	if (!strcmp(k, "size"))
		return trace_parse_size(v, &p->size);
	if (!strcmp(k, "base"))
		return trace_parse_u64(v, &p->base);
	if (!strcmp(k, "cpus") || !strcmp(k, "threads")) {
		ret = trace_parse_count(v, &u);
		if (!ret && u > TRACE_MAX_CPUS)
			ret = -ERANGE;
		if (!ret && k[0] == 'c')
			p->nr_cpus = u;
		else if (!ret)
			p->nr_threads = u;
		return ret;
	}
	if (!strcmp(k, "rate"))
		return trace_parse_count(v, &p->rate);
	if (!strcmp(k, "accesses"))
		return trace_parse_count(v, &p->nr_accesses);
	if (!strcmp(k, "duration"))
		return trace_parse_time_ns(v, &p->duration_ns);
	if (!strcmp(k, "seed"))
		return trace_parse_u64(v, &p->seed);
	if (!strcmp(k, "align"))
		return trace_parse_size(v, &p->align);
	if (!strcmp(k, "access_size"))
		return trace_parse_size(v, &p->access_size);
	if (!strcmp(k, "write_frac"))
		return gen_parse_double(v, &p->write_frac);
	if (!strcmp(k, "zipf_s"))
		return gen_parse_double(v, &p->zipf_s);
	if (!strcmp(k, "zipf_obj"))
		return trace_parse_size(v, &p->zipf_obj);
	if (!strcmp(k, "hot_frac"))
		return gen_parse_double(v, &p->hot_frac);
	if (!strcmp(k, "hot_prob"))
		return gen_parse_double(v, &p->hot_prob);
	if (!strcmp(k, "hot_move"))
		return trace_parse_time_ns(v, &p->hot_move_ns);
	if (!strcmp(k, "hot_shift"))
		return gen_parse_double(v, &p->hot_shift);
	if (!strcmp(k, "stride"))
		return trace_parse_size(v, &p->stride);
	if (!strcmp(k, "page_size")) {
		ret = trace_parse_size(v, &u);
		if (!ret && (u > (1u << 30) || !u))
			ret = -ERANGE;
		if (!ret)
			p->page_size = u;
		return ret;
	}
	if (!strcmp(k, "phases")) {
		ret = gen_parse_phases(p, v);
		if (!ret)
			p->kind = TRACE_GEN_PHASES;
		return ret;
	}
	if (!strcmp(k, "masim")) {
		g_free(p->masim);
		p->masim = g_strdup(v);
		p->kind = TRACE_GEN_MASIM;
		return 0;
	}
	return -ENOENT;
}

int trace_gen_params_set_key(struct trace_gen_params *p, const char *key,
			     const char *value, GError **err)
{
	int ret = gen_set(p, key, value);

	if (ret == -ENOENT)
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "generator parameter '%s': unknown key", key);
	else if (ret)
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "generator parameter '%s': bad value '%s'", key,
			    value);
	if (ret == -ENOENT)
		return ret;
	return ret ? -EINVAL : 0;
}

int trace_gen_params_set(struct trace_gen_params *p, const char *kv,
			 GError **err)
{
	const char *eq = strchr(kv, '=');
	char *key;
	int ret;

	if (!eq) {
		g_set_error(err, TRACE_ERROR, EINVAL,
			    "generator parameter '%s': expected key=value", kv);
		return -EINVAL;
	}
	key = g_strstrip(g_strndup(kv, eq - kv));
	ret = trace_gen_params_set_key(p, key, eq + 1, err);
	g_free(key);
	return ret;
}

/* Does the pattern, or one of its phases, draw addresses with @kind? */
static bool gen_uses(const struct trace_gen_params *p,
		     enum trace_gen_kind kind)
{
	unsigned int i;

	if (p->kind == kind)
		return true;
	for (i = 0; p->kind == TRACE_GEN_PHASES && i < p->nr_phases; i++)
		if (p->phase_kind[i] == kind)
			return true;
	return false;
}

/* Report a failed check: its message and the parameters it involves. */
static const char *gen_bad(const char **keys, const char *involved,
			   const char *msg)
{
	if (keys)
		*keys = involved;
	return msg;
}

const char *trace_gen_params_problem(const struct trace_gen_params *p,
				     const char **keys)
{
	if (!p->nr_cpus)
		return gen_bad(keys, "cpus", "cpus must be at least 1");
	if (!p->rate || p->rate > 1000000000000ull)
		return gen_bad(keys, "rate",
			       "rate must be 1..1e12 accesses/s per CPU");
	/* size first: align is checked against it. */
	if (!p->size || p->base + p->size < p->base)
		return gen_bad(keys, "size base",
			       "size must be > 0 and base+size must fit");
	if (!p->align || (p->align & (p->align - 1)) || p->align > p->size)
		return gen_bad(keys, "align size",
			       "align must be a power of 2 of at most size");
	if (!p->access_size || p->access_size > (1u << 20))
		return gen_bad(keys, "access_size",
			       "access_size must be 1..1MiB");
	if (!(p->write_frac >= 0 && p->write_frac <= 1))
		return gen_bad(keys, "write_frac",
			       "write_frac must be in [0, 1]");
	if (!(p->zipf_s > 0 && p->zipf_s <= 10))
		return gen_bad(keys, "zipf_s", "zipf_s must be in (0, 10]");
	/* Only a zipf pattern divides the region into objects. */
	if (!p->zipf_obj ||
	    (gen_uses(p, TRACE_GEN_ZIPF) && p->zipf_obj > p->size))
		return gen_bad(keys, "zipf_obj size",
			       "zipf_obj must be 1..size");
	if (!(p->hot_frac > 0 && p->hot_frac <= 1))
		return gen_bad(keys, "hot_frac", "hot_frac must be in (0, 1]");
	if (!(p->hot_prob >= 0 && p->hot_prob <= 1))
		return gen_bad(keys, "hot_prob", "hot_prob must be in [0, 1]");
	if (!(p->hot_shift >= 0 && p->hot_shift <= 1))
		return gen_bad(keys, "hot_shift",
			       "hot_shift must be in [0, 1]");
	/* Every pattern's cursor is stride-aligned; only stride steps by it. */
	if (!p->stride || (gen_uses(p, TRACE_GEN_STRIDE) &&
			   p->stride > p->size))
		return gen_bad(keys, "stride size", "stride must be 1..size");
	if (p->page_size & (p->page_size - 1))
		return gen_bad(keys, "page_size",
			       "page_size must be a power of 2");
	if (p->kind == TRACE_GEN_PHASES && !p->nr_phases)
		return gen_bad(keys, "phases pattern",
			       "pattern=phases needs phases=KIND:TIME,...");
	if (p->kind == TRACE_GEN_MASIM && !p->masim)
		return gen_bad(keys, "masim pattern",
			       "pattern=masim needs masim=CONFIG");
	return NULL;
}

int trace_gen_params_check(const struct trace_gen_params *p, GError **err)
{
	const char *msg = trace_gen_params_problem(p, NULL);

	if (!msg)
		return 0;
	g_set_error(err, TRACE_ERROR, EINVAL, "generator parameters: %s", msg);
	return -EINVAL;
}

#define GEN_BIT(kind) (1u << (kind))
#define GEN_BUILTINS (GEN_BIT(TRACE_GEN_MASIM) - 1)

/* The parameters only some patterns draw on, and who they are for. */
static const struct {
	const char *key;
	unsigned int kinds;	/* GEN_BIT()s of the patterns using it */
	const char *users;
} gen_param_users[] = {
	{ "zipf_s", GEN_BIT(TRACE_GEN_ZIPF), "zipf" },
	{ "zipf_obj", GEN_BIT(TRACE_GEN_ZIPF), "zipf" },
	{ "hot_frac", GEN_BIT(TRACE_GEN_HOTCOLD), "hotcold" },
	{ "hot_prob", GEN_BIT(TRACE_GEN_HOTCOLD), "hotcold" },
	{ "hot_move", GEN_BIT(TRACE_GEN_HOTCOLD), "hotcold" },
	{ "hot_shift", GEN_BIT(TRACE_GEN_HOTCOLD), "hotcold" },
	{ "stride", GEN_BIT(TRACE_GEN_STRIDE), "stride" },
	{ "size", GEN_BUILTINS,
	  "the built-in generators; a masim config sizes its own regions" },
};

const char *trace_gen_param_unused(const struct trace_gen_params *p,
				   const char *key)
{
	unsigned int used = GEN_BIT(p->kind), i;

	for (i = 0; p->kind == TRACE_GEN_PHASES && i < p->nr_phases; i++)
		used |= GEN_BIT(p->phase_kind[i]);
	for (i = 0; i < G_N_ELEMENTS(gen_param_users); i++)
		if (!strcmp(key, gen_param_users[i].key))
			return used & gen_param_users[i].kinds ?
			       NULL : gen_param_users[i].users;
	return NULL;
}

/* Shortest decimal that reads back to exactly @v ("0.3", not 0.2999..). */
static const char *gen_dtostr(char *buf, size_t len, double v)
{
	int prec;

	char fmt[8];

	for (prec = 1; prec <= 17; prec++) {
		g_snprintf(fmt, sizeof(fmt), "%%.%dg", prec);
		g_ascii_formatd(buf, len, fmt, v);
		if (g_ascii_strtod(buf, NULL) == v)
			return buf;
	}
	return g_ascii_dtostr(buf, len, v);
}

char *trace_gen_params_describe(const struct trace_gen_params *p)
{
	GString *s = g_string_new(NULL);
	char d[G_ASCII_DTOSTR_BUF_SIZE];
	unsigned int i;

	g_string_append_printf(s, "pattern=%s", trace_gen_kind_name(p->kind));
	if (p->kind == TRACE_GEN_MASIM)
		g_string_append_printf(s, " masim=%s", p->masim);
	if (p->kind == TRACE_GEN_PHASES) {
		g_string_append(s, " phases=");
		for (i = 0; i < p->nr_phases; i++)
			g_string_append_printf(
				s, "%s%s:%" G_GUINT64_FORMAT "ns", i ? "," : "",
				trace_gen_kind_name(p->phase_kind[i]),
				p->phase_ns[i]);
	}
	g_string_append_printf(s, " size=%" G_GUINT64_FORMAT " base=0x%"
			       G_GINT64_MODIFIER "x cpus=%u threads=%u rate=%"
			       G_GUINT64_FORMAT " accesses=%" G_GUINT64_FORMAT
			       " duration=%" G_GUINT64_FORMAT "ns seed=%"
			       G_GUINT64_FORMAT " align=%" G_GUINT64_FORMAT
			       " access_size=%" G_GUINT64_FORMAT,
			       p->size, p->base, p->nr_cpus,
			       p->nr_threads ? p->nr_threads : p->nr_cpus,
			       p->rate, p->nr_accesses, p->duration_ns,
			       p->seed, p->align, p->access_size);
	g_string_append_printf(s, " write_frac=%s",
			       gen_dtostr(d, sizeof(d), p->write_frac));
	g_string_append_printf(s, " zipf_s=%s zipf_obj=%" G_GUINT64_FORMAT,
			       gen_dtostr(d, sizeof(d), p->zipf_s),
			       p->zipf_obj);
	g_string_append_printf(s, " hot_frac=%s",
			       gen_dtostr(d, sizeof(d), p->hot_frac));
	g_string_append_printf(s, " hot_prob=%s",
			       gen_dtostr(d, sizeof(d), p->hot_prob));
	g_string_append_printf(s, " hot_move=%" G_GUINT64_FORMAT "ns",
			       p->hot_move_ns);
	g_string_append_printf(s, " hot_shift=%s",
			       gen_dtostr(d, sizeof(d), p->hot_shift));
	g_string_append_printf(s, " stride=%" G_GUINT64_FORMAT
			       " page_size=%u", p->stride, p->page_size);
	return g_string_free(s, FALSE);
}
