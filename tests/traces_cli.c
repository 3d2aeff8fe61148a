// SPDX-License-Identifier: GPL-2.0
/*
 * traces_cli.c - the `damonsim` binary and `damonsim trace` subcommands
 * end to end: help and version, gen -> validate -> cat -> import text ->
 * identical events, and a bad file making validate fail.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "config.h"
#include "tests/traces_util.h"

/* Run the built damonsim with @args; return its exit status. */
static int cli_run(const char *const *args, char **out)
{
	const char *top = getenv("top_builddir");
	char *bin = g_build_filename(top ? top : ".", "damonsim", NULL);
	GPtrArray *argv = g_ptr_array_new();
	GError *err = NULL;
	int status = -1;

	g_ptr_array_add(argv, bin);
	for (; *args; args++)
		g_ptr_array_add(argv, (char *)*args);
	g_ptr_array_add(argv, NULL);
	ck_assert_msg(g_spawn_sync(NULL, (char **)argv->pdata, NULL, 0, NULL,
				   NULL, out, NULL, &status, &err),
		      "spawn %s: %s", bin, err ? err->message : "");
	g_ptr_array_free(argv, TRUE);
	g_free(bin);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(test_cli_help_version)
{
	static const char *const subs[] = {
		"gen", "record", "import", "info", "cat", "validate",
		"concat",
	};
	const char *help[] = { "--help", NULL };
	const char *ver[] = { "--version", NULL };
	const char *bad[] = { "frobnicate", NULL };
	const char *tbad[] = { "trace", "frobnicate", NULL };
	const char *run_help[] = { "run", "--help", NULL };
	char *out;
	unsigned int i;

	ck_assert_int_eq(cli_run(help, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "trace"));
	g_free(out);
	ck_assert_int_eq(cli_run(ver, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "damonsim " PACKAGE_VERSION));
	g_free(out);
	ck_assert_int_eq(cli_run(bad, &out), 2);
	g_free(out);
	ck_assert_int_eq(cli_run(tbad, &out), 2);
	g_free(out);
	for (i = 0; i < G_N_ELEMENTS(subs); i++) {
		const char *a[] = { "trace", subs[i], "--help", NULL };
		char *usage = g_strdup_printf("damonsim trace %s [", subs[i]);

		ck_assert_int_eq(cli_run(a, &out), 0);
		ck_assert_msg(strstr(out, "Usage:") && strstr(out, usage),
			      "%s --help: %s", subs[i], out);
		g_free(usage);
		g_free(out);
	}
	/* usage lines name the command as it is typed */
	ck_assert_int_eq(cli_run(run_help, &out), 0);
	ck_assert_msg(strstr(out, "damonsim run [OPTION"), "%s", out);
	g_free(out);
}
END_TEST

START_TEST(test_cli_pipeline)
{
	char *dir = tt_tmpdir();
	char *a = g_build_filename(dir, "a.dst", NULL);
	char *t = g_build_filename(dir, "a.txt", NULL);
	char *b = g_build_filename(dir, "b.dst", NULL);
	char *cut = g_build_filename(dir, "cut.dst", NULL);
	const char *gen[] = { "trace", "gen", "-o", a, "pattern=hotcold",
			      "cpus=2", "accesses=20000", NULL };
	const char *unused[] = { "trace", "gen", "-o", a, "pattern=hotcold",
				 "zipf_s=1.2", NULL };
	const char *val[] = { "trace", "validate", a, NULL };
	const char *info[] = { "trace", "info", a, NULL };
	const char *cat[] = { "trace", "cat", "-o", t, a, NULL };
	const char *imp[] = { "trace", "import", "text", "-o", b, t, NULL };
	const char *vcut[] = { "trace", "validate", cut, NULL };
	struct tt_events x, y;
	gsize len;
	uint8_t *data;
	char *out;
	guint i;

	/* a parameter the pattern ignores is refused, and writes nothing */
	ck_assert_int_eq(cli_run(unused, &out), 1);
	g_free(out);
	ck_assert(!g_file_test(a, G_FILE_TEST_EXISTS));
	ck_assert_int_eq(cli_run(gen, &out), 0);
	g_free(out);
	ck_assert_int_eq(cli_run(val, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "OK, 20007 events"));
	g_free(out);
	ck_assert_int_eq(cli_run(info, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "access         20000"));
	ck_assert_ptr_nonnull(strstr(out, "footprint:"));
	ck_assert_ptr_nonnull(strstr(out, "bytes/event:"));
	g_free(out);
	ck_assert_int_eq(cli_run(cat, &out), 0);
	g_free(out);
	ck_assert_int_eq(cli_run(imp, &out), 0);
	g_free(out);
	tt_read_file(a, &x);
	tt_read_file(b, &y);
	ck_assert_uint_eq(x.evs->len, y.evs->len);
	for (i = 0; i < x.evs->len; i++)
		tt_assert_same(tt_ev(&x, i), tt_ev(&y, i), i);
	tt_events_free(&x);
	tt_events_free(&y);
	data = tt_slurp(a, &len);
	ck_assert(g_file_set_contents(cut, (char *)data, len / 2, NULL));
	ck_assert_int_eq(cli_run(vcut, &out), 1);
	g_free(out);
	g_free(data);
	g_free(a);
	g_free(t);
	g_free(b);
	g_free(cut);
	tt_rmtree(dir);
}
END_TEST

/*
 * concat: A then B then (--repeat 2) A and B again; every event is the
 * input's, shifted to start 1 ns after the previous file's last event;
 * mismatched page sizes, missing files and a zero count are errors.
 */
START_TEST(test_cli_concat)
{
	char *dir = tt_tmpdir();
	char *a = g_build_filename(dir, "a.dst", NULL);
	char *b = g_build_filename(dir, "b.dst", NULL);
	char *p8 = g_build_filename(dir, "p8.dst", NULL);
	char *c = g_build_filename(dir, "c.dst", NULL);
	const char *gen_a[] = { "trace", "gen", "-o", a, "pattern=zipf",
				"cpus=2", "accesses=3000", NULL };
	const char *gen_b[] = { "trace", "gen", "-o", b, "pattern=seq",
				"accesses=2000", "seed=3", NULL };
	const char *gen_p8[] = { "trace", "gen", "-o", p8, "pattern=seq",
				 "accesses=10", "page_size=8192", NULL };
	const char *cat2[] = { "trace", "concat", "-o", c, "--repeat", "2",
			       a, b, NULL };
	const char *badpage[] = { "trace", "concat", "-o", c, a, p8, NULL };
	const char *missing[] = { "trace", "concat", "-o", c, a, "nope.dst",
				  NULL };
	const char *zero[] = { "trace", "concat", "-o", c, "-r", "0", a,
			       NULL };
	const char *noin[] = { "trace", "concat", "-o", c, NULL };
	struct tt_events x, y, z;
	struct trace_event want;
	struct trace_reader *r;
	uint64_t shift = 0, last = 0;
	guint i, k = 0, part;
	char *out;

	ck_assert_int_eq(cli_run(gen_a, &out), 0);
	g_free(out);
	ck_assert_int_eq(cli_run(gen_b, &out), 0);
	g_free(out);
	ck_assert_int_eq(cli_run(gen_p8, &out), 0);
	g_free(out);
	ck_assert_int_eq(cli_run(cat2, &out), 0);
	g_free(out);
	tt_read_file(a, &x);
	tt_read_file(b, &y);
	tt_read_file(c, &z);
	ck_assert_uint_eq(z.evs->len, 2 * (x.evs->len + y.evs->len));
	for (part = 0; part < 4; part++) {
		struct tt_events *in = part % 2 ? &y : &x;

		if (part)
			shift = last + 1 - tt_ev(in, 0)->time_ns;
		for (i = 0; i < in->evs->len; i++, k++) {
			want = *tt_ev(in, i);
			want.time_ns += shift;
			want.insns = tt_ev(&z, k)->insns;
			tt_assert_same(tt_ev(&z, k), &want, k);
		}
		last = tt_ev(&z, k - 1)->time_ns;
	}
	r = trace_reader_open(c, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(trace_reader_header(r)->nr_cpus, 2);
	ck_assert_ptr_nonnull(strstr(trace_reader_header(r)->description,
				     ", 2 times"));
	trace_reader_close(r);
	tt_events_free(&x);
	tt_events_free(&y);
	tt_events_free(&z);
	ck_assert_int_eq(cli_run(badpage, &out), 1);
	g_free(out);
	ck_assert_int_eq(cli_run(missing, &out), 1);
	g_free(out);
	ck_assert_int_eq(cli_run(zero, &out), 2);
	g_free(out);
	ck_assert_int_eq(cli_run(noin, &out), 2);
	g_free(out);
	g_free(a);
	g_free(b);
	g_free(p8);
	g_free(c);
	tt_rmtree(dir);
}
END_TEST

Suite *suite_traces_cli(void)
{
	Suite *s = suite_create("traces_cli");
	TCase *tc = tcase_create("cli");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cli_help_version);
	tcase_add_test(tc, test_cli_pipeline);
	tcase_add_test(tc, test_cli_concat);
	suite_add_tcase(s, tc);
	return s;
}
