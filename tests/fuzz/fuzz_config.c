// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: see tests/fuzz/fuzz_simio.h and docs/config.md. */
#include "tests/fuzz/fuzz_simio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_config_input(data, size);
}
