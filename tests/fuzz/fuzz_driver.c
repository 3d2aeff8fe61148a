// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_driver.c - replays files (or every file in directories) through a
 * libFuzzer-style LLVMFuzzerTestOneInput built with the normal compiler,
 * so the seed corpus runs on every `make check` even without clang.
 */
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_replay_file(const char *path)
{
	gchar *data;
	gsize len;

	if (!g_file_get_contents(path, &data, &len, NULL)) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	g_free(data);
	return 1;
}

int main(int argc, char **argv)
{
	int i, n = 0, r;

	for (i = 1; i < argc; i++) {
		GDir *d = g_dir_open(argv[i], 0, NULL);
		const char *name;

		if (!d) {
			r = fuzz_replay_file(argv[i]);
			if (r < 0)
				return 1;
			n += r;
			continue;
		}
		while ((name = g_dir_read_name(d))) {
			char *p = g_build_filename(argv[i], name, NULL);

			r = fuzz_replay_file(p);
			g_free(p);
			if (r < 0)
				return 1;
			n += r;
		}
		g_dir_close(d);
	}
	printf("%s: replayed %d inputs\n", argv[0], n);
	return n ? 0 : 1;	/* an empty corpus is a broken test */
}
