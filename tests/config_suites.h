/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DAMONSIM_TESTS_CONFIG_SUITES_H
#define DAMONSIM_TESTS_CONFIG_SUITES_H

#include <check.h>

Suite *suite_config_units(void);
Suite *suite_config_load(void);
Suite *suite_config_damo(void);
Suite *suite_config_report(void);
Suite *suite_config_plot(void);
Suite *suite_config_fuzz(void);

#endif
