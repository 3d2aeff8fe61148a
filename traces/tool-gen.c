// SPDX-License-Identifier: GPL-2.0
/*
 * tool-gen.c - `damonsim trace gen`: write a generated workload.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "traces/text.h"
#include "traces/tool.h"

static const char gen_help[] =
	"Parameters (KEY=VALUE; see docs/trace-tools.md):\n"
	"  pattern=uniform|zipf|hotcold|seq|stride|phases|masim\n"
	"  size=1GiB base=0x7f0000000000 cpus=1 threads=CPUS rate=10M (per "
	"CPU per s)\n"
	"  accesses=N duration=TIME (default 1M accesses) seed=1 align=64\n"
	"  access_size=8 write_frac=0.3 zipf_s=1.0 zipf_obj=4096\n"
	"  hot_frac=0.1 hot_prob=0.9 hot_move=1s hot_shift=0.1 stride=4096\n"
	"  page_size=4096 phases=KIND:TIME,... masim=CONFIG\n"
	"zipf_* belong to zipf, hot_* to hotcold, stride to stride and size\n"
	"to the built-in patterns; giving one the pattern does not use is an\n"
	"error.\n"
	"\nExample:\n"
	"  damonsim trace gen -o z.dst pattern=zipf size=4GiB cpus=4 "
	"accesses=1e8\n";

static int gen_write_text(struct trace_source *src, const char *out)
{
	struct trace_event ev;
	GError *err = NULL;
	char *tmp = NULL;
	FILE *f = stdout;
	int ret;

	if (out) {
		tmp = g_strdup_printf("%s.tmp", out);
		f = fopen(tmp, "w");
		if (!f) {
			fprintf(stderr, "%s: %s\n", tmp, g_strerror(errno));
			g_free(tmp);
			return 1;
		}
	}
	trace_text_put_header(f, trace_source_header(src));
	while ((ret = trace_source_next(src, &ev, &err)) > 0)
		trace_text_put_event(f, &ev);
	if (out) {
		if (fclose(f) != 0 && ret >= 0)
			ret = -EIO;
		if (ret >= 0 && rename(tmp, out) != 0)
			ret = -errno;
		if (ret < 0)
			remove(tmp);
		g_free(tmp);
	}
	if (ret < 0) {
		fprintf(stderr, "damonsim trace gen: %s\n",
			err ? err->message : "write failed");
		g_clear_error(&err);
		return 1;
	}
	return 0;
}

/* Refuse a parameter the pattern ignores, once all are known. */
static int gen_check_used(const struct trace_gen_params *p, int argc,
			  char **argv, GError **err)
{
	const char *users;
	char *key;
	int i;

	for (i = 1; i < argc; i++) {
		key = g_strstrip(g_strndup(argv[i], strcspn(argv[i], "=")));
		users = trace_gen_param_unused(p, key);
		if (users)
			g_set_error(err, TRACE_ERROR, EINVAL,
				    "generator parameter '%s': not used by "
				    "pattern=%s (only by %s)", key,
				    trace_gen_kind_name(p->kind), users);
		g_free(key);
		if (users)
			return -EINVAL;
	}
	return 0;
}

int trace_tool_gen(int argc, char **argv)
{
	char *out = NULL, *masim = NULL;
	gboolean text = FALSE;
	int level = 0, fe = 0, i, ret = 1;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write the trace to FILE", "FILE" },
		{ "masim", 'm', 0, G_OPTION_ARG_FILENAME, &masim,
		  "run a masim config (same as masim=CONFIG)", "CONFIG" },
		{ "text", 't', 0, G_OPTION_ARG_NONE, &text,
		  "write the text format instead (stdout without -o)", NULL },
		{ "level", 0, 0, G_OPTION_ARG_INT, &level,
		  "zstd level (default 3)", "N" },
		{ "frame-events", 0, 0, G_OPTION_ARG_INT, &fe,
		  "events per frame (default 131072)", "N" },
		{ NULL },
	};
	GOptionContext *ctx = g_option_context_new("[KEY=VALUE...]");
	struct trace_writer_opts wo = { 0 };
	struct trace_gen_params p;
	struct trace_source *src;
	GError *err = NULL;

	g_option_context_set_summary(ctx, "Generate a synthetic or masim "
				     "workload trace.");
	g_option_context_set_description(ctx, gen_help);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (trace_tool_parse(ctx, &argc, &argv))
		return 2;
	trace_gen_params_init(&p);
	if (masim) {
		char *kv = g_strdup_printf("masim=%s", masim);

		trace_gen_params_set(&p, kv, NULL);
		g_free(kv);
	}
	for (i = 1; i < argc; i++) {
		if (trace_gen_params_set(&p, argv[i], &err) < 0)
			goto out;
	}
	if (gen_check_used(&p, argc, argv, &err))
		goto out;
	if (!out && !text) {
		fprintf(stderr, "damonsim trace gen: -o FILE is required "
			"(or --text)\n");
		ret = 2;
		goto out;
	}
	src = trace_source_new_gen(&p, &err);
	if (!src)
		goto out;
	if (text) {
		ret = gen_write_text(src, out);
		trace_source_free(src);
		goto out;
	}
	wo.level = level;
	wo.frame_events = fe > 0 ? fe : 0;
	ret = trace_tool_save("gen", src, out, &wo, NULL);
out:
	if (err) {
		fprintf(stderr, "damonsim trace gen: %s\n", err->message);
		g_error_free(err);
	}
	trace_gen_params_clear(&p);
	g_free(out);
	g_free(masim);
	return ret;
}
