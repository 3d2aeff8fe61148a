/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz entry points of libsimio's parsers.  Each fuzz_*.c file wraps one
 * in LLVMFuzzerTestOneInput for libFuzzer; tests/config_fuzz.c replays
 * the committed corpus through the same functions in make check.  They
 * abort() when an invariant breaks, so a crash is a finding.
 */
#ifndef DAMONSIM_TESTS_FUZZ_SIMIO_H
#define DAMONSIM_TESTS_FUZZ_SIMIO_H

#include <stddef.h>
#include <stdint.h>

int fuzz_units_input(const uint8_t *data, size_t size);
int fuzz_config_input(const uint8_t *data, size_t size);
int fuzz_damo_input(const uint8_t *data, size_t size);

#endif
