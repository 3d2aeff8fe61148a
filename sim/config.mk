# sim/config.mk: scenario config, units, damo record, run outputs, plots.
# Builds sim/libsimio.a and its tests (tests/check_config).
noinst_LIBRARIES += sim/libsimio.a
sim_libsimio_a_SOURCES = \
	sim/units.c sim/units.h \
	sim/json_write.c sim/json_write.h \
	sim/json_read.c sim/json_read.h \
	sim/config_scenario.h sim/config_priv.h \
	sim/config_schema.c sim/config_load.c sim/config_get.c \
	sim/config_damonsim.c \
	sim/damo_record.c sim/damo_record.h sim/damo_record_read.c \
	sim/report.h sim/report.c sim/report_table.c sim/report_summary.c \
	sim/report_host.c sim/report_plot.c sim/report_plot.h
sim_libsimio_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(ZLIB_CFLAGS) \
	-DSIMIO_PLOT_DIR='"$(abs_top_srcdir)/bench/plots"'
SIMIO_LIBS = sim/libsimio.a $(GLIB_LIBS) $(ZLIB_LIBS) -lm

check_PROGRAMS += tests/check_config
TESTS += tests/check_config
tests_check_config_SOURCES = tests/check_config.c tests/config_suites.h \
	tests/config_units.c tests/config_load.c tests/config_damo.c \
	tests/config_report.c tests/config_plot.c
tests_check_config_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(GLIB_CFLAGS) \
	$(ZLIB_CFLAGS)
tests_check_config_LDADD = tests/libcheckmain.a sim/libsimio.a \
	$(CHECK_LIBS) $(GLIB_LIBS) $(ZLIB_LIBS) -lm
