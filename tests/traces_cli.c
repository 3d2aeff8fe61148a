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
	};
	const char *help[] = { "--help", NULL };
	const char *ver[] = { "--version", NULL };
	const char *bad[] = { "frobnicate", NULL };
	const char *tbad[] = { "trace", "frobnicate", NULL };
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

		ck_assert_int_eq(cli_run(a, &out), 0);
		ck_assert_msg(strstr(out, "Usage:") &&
			      strstr(out, subs[i]), "%s --help: %s", subs[i],
			      out);
		g_free(out);
	}
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

Suite *suite_traces_cli(void)
{
	Suite *s = suite_create("traces_cli");
	TCase *tc = tcase_create("cli");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cli_help_version);
	tcase_add_test(tc, test_cli_pipeline);
	suite_add_tcase(s, tc);
	return s;
}
