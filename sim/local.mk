# sim: the scenario runner behind `damonsim run`.
noinst_LIBRARIES += sim/libsimrun.a
sim_libsimrun_a_SOURCES = sim/run.h sim/run_state.h sim/run.c \
	sim/run_setup.c sim/run_workload.c sim/run_schemes.c \
	sim/run_replay.c sim/run_reader.c \
	sim/run_output.c sim/run_main.c \
	sim/cost.h sim/cost.c sim/run_hostcost.h sim/run_hostcost.c \
	sim/hostclock.h sim/hostclock.c
sim_libsimrun_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)

SIMRUN_LIBS = sim/libsimrun.a sim/libsimio.a sim/libmachine.a \
	primitives/libprimitives.a kernel-port/libkdrv.a \
	kernel-port/libdamon.a kernel-port/libkport.a \
	$(TRACES_LIBS) $(ZLIB_LIBS) $(GLIB_LIBS) -lpthread -lm

check_PROGRAMS += tests/check_run
TESTS += tests/check_run
tests_check_run_SOURCES = tests/check_run.c tests/run_scenarios.c \
	tests/run_hostcost.c tests/run_helpers.c tests/run_helpers.h
tests_check_run_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(CHECK_CFLAGS) \
	-DDAMONSIM_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_check_run_LDADD = tests/libcheckmain.a $(SIMRUN_LIBS) $(CHECK_LIBS)
