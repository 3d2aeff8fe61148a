# traces: the trace library (no dependency on sim/ or kernel-port/) and
# the `damonsim trace` tool code.  See docs/trace-format.md.
noinst_LIBRARIES += traces/libtraces.a
traces_libtraces_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(ZSTD_CFLAGS)
traces_libtraces_a_SOURCES = \
	traces/trace.h traces/codec.h traces/rng.h \
	traces/common.c \
	traces/units.h traces/units.c \
	traces/writer.h traces/writer.c \
	traces/reader.h traces/reader.c \
	traces/zipf.h traces/zipf.c \
	traces/gen.h traces/gen-params.c traces/gen.c \
	traces/masim.c \
	traces/lines.h traces/lines.c \
	traces/source.h traces/source.c traces/concat.c \
	traces/lackey.c \
	traces/text.h traces/text.c \
	traces/stats.h traces/stats.c \
	traces/tool.h traces/tool.c traces/tool-gen.c traces/tool-record.c \
	traces/tool-import.c traces/tool-info.c traces/tool-cat.c \
	traces/tool-validate.c traces/tool-concat.c

TRACES_LIBS = traces/libtraces.a $(ZSTD_LIBS) $(GLIB_LIBS) -lm

check_PROGRAMS += tests/check_traces
TESTS += tests/check_traces
tests_check_traces_SOURCES = tests/check_traces.c tests/traces_util.h \
	tests/traces_util.c tests/traces_format.c tests/traces_bad.c \
	tests/traces_gen.c tests/traces_masim.c tests/traces_import.c \
	tests/traces_cli.c
tests_check_traces_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(ZSTD_CFLAGS) \
	$(CHECK_CFLAGS)
tests_check_traces_LDADD = tests/libcheckmain.a $(TRACES_LIBS) $(CHECK_LIBS)
EXTRA_DIST += tests/fixtures/traces

# Fuzz targets (one per parser): replayed over the committed corpus with a
# tiny driver every `make check`, and fuzzed briefly when clang's libFuzzer
# works (tests/fuzz/fuzz-check.sh).
FUZZ_REPLAY_LDADD = $(TRACES_LIBS)
FUZZ_REPLAY_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
check_PROGRAMS += tests/fuzz/replay_reader tests/fuzz/replay_masim \
	tests/fuzz/replay_lackey tests/fuzz/replay_text \
	tests/fuzz/replay_genparams
tests_fuzz_replay_reader_SOURCES = tests/fuzz/fuzz_driver.c \
	tests/fuzz/fuzz_reader.c
tests_fuzz_replay_reader_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
tests_fuzz_replay_reader_LDADD = $(FUZZ_REPLAY_LDADD)
tests_fuzz_replay_masim_SOURCES = tests/fuzz/fuzz_driver.c \
	tests/fuzz/fuzz_masim.c
tests_fuzz_replay_masim_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
tests_fuzz_replay_masim_LDADD = $(FUZZ_REPLAY_LDADD)
tests_fuzz_replay_lackey_SOURCES = tests/fuzz/fuzz_driver.c \
	tests/fuzz/fuzz_lackey.c
tests_fuzz_replay_lackey_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
tests_fuzz_replay_lackey_LDADD = $(FUZZ_REPLAY_LDADD)
tests_fuzz_replay_text_SOURCES = tests/fuzz/fuzz_driver.c \
	tests/fuzz/fuzz_text.c
tests_fuzz_replay_text_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
tests_fuzz_replay_text_LDADD = $(FUZZ_REPLAY_LDADD)
tests_fuzz_replay_genparams_SOURCES = tests/fuzz/fuzz_driver.c \
	tests/fuzz/fuzz_genparams.c
tests_fuzz_replay_genparams_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
tests_fuzz_replay_genparams_LDADD = $(FUZZ_REPLAY_LDADD)
TESTS += tests/fuzz/fuzz-check.sh
EXTRA_DIST += tests/fuzz/fuzz-check.sh tests/fuzz/corpus
EXTRA_DIST += docs/trace-format.md docs/trace-tools.md
