// SPDX-License-Identifier: GPL-2.0
/*
 * Replay the committed fuzz corpus (tests/fuzz/corpus/) through the fuzz
 * bodies, so every make check exercises them, including the inputs that
 * once found bugs.  A broken invariant aborts, which Check reports.
 */
#include <string.h>

#include <glib.h>

#include "tests/check_main.h"
#include "tests/config_suites.h"
#include "tests/fuzz/fuzz_simio.h"

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t replay(const char *corpus,
		     int (*body)(const uint8_t *, size_t))
{
	char *dir = g_build_filename(test_srcdir(), "fuzz", "corpus", corpus,
				     NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	size_t n = 0;
	guint i;

	ck_assert_msg(d, "no corpus at %s", dir);
	while ((name = g_dir_read_name(d)))
		g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	/* Directory order is not stable; replay in name order. */
	g_ptr_array_sort(names, cmp_names);
	for (i = 0; i < names->len; i++) {
		char *path = g_build_filename(dir, g_ptr_array_index(names, i),
					      NULL);
		gchar *data;
		gsize len;

		ck_assert(g_file_get_contents(path, &data, &len, NULL));
		ck_assert_int_eq(body((const uint8_t *)data, len), 0);
		n++;
		g_free(data);
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
	g_free(dir);
	return n;
}

START_TEST(test_units_corpus)
{
	ck_assert_uint_ge(replay("units", fuzz_units_input), 20);
}
END_TEST

START_TEST(test_config_corpus)
{
	ck_assert_uint_ge(replay("config", fuzz_config_input), 5);
}
END_TEST

START_TEST(test_damo_corpus)
{
	ck_assert_uint_ge(replay("damo", fuzz_damo_input), 3);
}
END_TEST

/* Cheap extra coverage: every prefix of each config seed. */
START_TEST(test_config_prefixes)
{
	char *path = g_build_filename(test_srcdir(), "fuzz", "corpus",
				      "config", "full.ini", NULL);
	gchar *data;
	gsize len, i;

	ck_assert(g_file_get_contents(path, &data, &len, NULL));
	for (i = 0; i <= len; i += 7)
		ck_assert_int_eq(fuzz_config_input((const uint8_t *)data, i),
				 0);
	g_free(data);
	g_free(path);
}
END_TEST

Suite *suite_config_fuzz(void)
{
	Suite *s = suite_create("config_fuzz");
	TCase *tc = tcase_create("corpus");

	tcase_add_test(tc, test_units_corpus);
	tcase_add_test(tc, test_config_corpus);
	tcase_add_test(tc, test_damo_corpus);
	tcase_add_test(tc, test_config_prefixes);
	suite_add_tcase(s, tc);
	return s;
}
