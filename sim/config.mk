# sim/config.mk: scenario config, units, damo record, run outputs, plots.
# Builds sim/libsimio.a and its tests (tests/check_config).
noinst_LIBRARIES += sim/libsimio.a
SIMIO_C = sim/units.c sim/json_write.c sim/json_read.c \
	sim/config_schema.c sim/config_load.c sim/config_get.c \
	sim/config_damonsim.c sim/damo_record.c sim/damo_record_read.c \
	sim/report.c sim/report_table.c sim/report_summary.c \
	sim/report_host.c sim/report_plot.c
SIMIO_H = sim/units.h sim/json_write.h sim/json_read.h \
	sim/config_scenario.h sim/config_priv.h sim/damo_record.h \
	sim/report.h sim/report_plot.h
sim_libsimio_a_SOURCES = $(SIMIO_C) $(SIMIO_H)
sim_libsimio_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(ZLIB_CFLAGS) \
	-DSIMIO_PLOT_DIR='"$(abs_top_srcdir)/bench/plots"'
SIMIO_LIBS = sim/libsimio.a $(GLIB_LIBS) $(ZLIB_LIBS) -lm

check_PROGRAMS += tests/check_config
TESTS += tests/check_config
tests_check_config_SOURCES = tests/check_config.c tests/config_suites.h \
	tests/config_units.c tests/config_load.c tests/config_damo.c \
	tests/config_report.c tests/config_plot.c \
	tests/config_fuzz.c tests/fuzz/fuzz_bodies.c tests/fuzz/fuzz_simio.h
tests_check_config_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(GLIB_CFLAGS) \
	$(ZLIB_CFLAGS)
tests_check_config_LDADD = tests/libcheckmain.a sim/libsimio.a \
	$(CHECK_LIBS) $(GLIB_LIBS) $(ZLIB_LIBS) -lm

# Fuzz corpus and the libFuzzer entry points travel with the sources.
EXTRA_DIST += tests/fixtures/config tests/fuzz/corpus docs/config.md \
	docs/outputs.md \
	tests/fuzz/fuzz_units.c tests/fuzz/fuzz_config.c tests/fuzz/fuzz_damo.c \
	bench/plots/heatmap.gp bench/plots/wss.gp

# `make fuzz-simio` builds libFuzzer binaries into fuzz/ with clang (not
# part of make check; the corpus replay in tests/check_config is).
# Run e.g.: fuzz/fuzz_config -max_total_time=60 $(top_srcdir)/tests/fuzz/corpus/config
SIMIO_FUZZ_CC = clang
.PHONY: fuzz-simio
fuzz-simio:
	$(MKDIR_P) fuzz
	srcs=; for f in $(SIMIO_C) tests/fuzz/fuzz_bodies.c; do \
		srcs="$$srcs $(top_srcdir)/$$f"; done; \
	for t in units config damo; do \
		$(SIMIO_FUZZ_CC) -std=gnu11 -g -O1 \
			-fsanitize=fuzzer,address,undefined \
			-I$(top_srcdir) -I$(top_builddir) \
			-DSIMIO_PLOT_DIR='"$(abs_top_srcdir)/bench/plots"' \
			$(GLIB_CFLAGS) $(ZLIB_CFLAGS) \
			$(top_srcdir)/tests/fuzz/fuzz_$$t.c \
			$$srcs \
			$(GLIB_LIBS) $(ZLIB_LIBS) -lm -o fuzz/fuzz_$$t || exit 1; \
	done
