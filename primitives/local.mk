# primitives: access-check primitives, each a struct damon_operations.
# The push-style ones (fault, perf, ibs) report through the
# damon_report_access() buffers, whose simulation-build objects are put
# into this library so every program linking it links them too.
noinst_LIBRARIES += primitives/libprimitives.a
primitives_libprimitives_a_SOURCES = primitives/primitive.h \
	primitives/registry.c primitives/pte.c primitives/push.h \
	primitives/push.c primitives/fault.c primitives/perf.c \
	primitives/ibs.c
primitives_libprimitives_a_CPPFLAGS = $(REPORT_INCLUDES)
primitives_libprimitives_a_CFLAGS = $(KPORT_CFLAGS)
primitives_libprimitives_a_LIBADD = \
	$(kernel_port_report_libdamonreport_a_OBJECTS)

# Primitive models driving a real kdamond on a simulated machine.
check_PROGRAMS += tests/check_prim
TESTS += tests/check_prim
tests_check_prim_SOURCES = tests/check_prim.c tests/prim_util.c \
	tests/prim_util.h tests/prim_fault.c tests/prim_perf.c \
	tests/prim_ibs.c tests/prim_buffers.c
tests_check_prim_CPPFLAGS = $(REPORT_INCLUDES)
tests_check_prim_CFLAGS = $(KPORT_CFLAGS) $(CHECK_CFLAGS)
tests_check_prim_LDADD = primitives/libprimitives.a sim/libmachine.a \
	kernel-port/libkdrv.a kernel-port/libdamon.a kernel-port/libkport.a \
	tests/libcheckmain.a $(CHECK_LIBS) -lpthread -lm
EXTRA_DIST += docs/primitives.md
