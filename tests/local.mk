# tests: shared Check runner; each area's local.mk adds its own check_*
# program (the KUnit build must be a separate object from the simulation).
noinst_LIBRARIES += tests/libcheckmain.a
tests_libcheckmain_a_SOURCES = tests/check_main.c tests/check_main.h
tests_libcheckmain_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
