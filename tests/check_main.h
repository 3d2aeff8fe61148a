/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DAMONSIM_TESTS_CHECK_MAIN_H
#define DAMONSIM_TESTS_CHECK_MAIN_H

#include <check.h>

typedef Suite *(*suite_fn)(void);

/**
 * check_run_suites() - run Check suites and return an exit status
 * @suites: NULL-terminated list of suite constructors (suite_<area>())
 *
 * Every test program of the project ends its main() with this, so all of
 * them report the same way and honour CK_RUN_SUITE/CK_RUN_CASE.
 *
 * Return: EXIT_SUCCESS when every test passed, EXIT_FAILURE otherwise.
 */
int check_run_suites(const suite_fn *suites);

/**
 * test_srcdir() - directory holding committed test fixtures
 *
 * Return: $top_srcdir/tests when run by make check, "tests" otherwise.
 */
const char *test_srcdir(void);

#endif
