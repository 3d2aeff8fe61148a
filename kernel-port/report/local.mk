# kernel-port/report: damon_report_access() and its buffers and drain.
#
# Built twice from the same sources:
#  - libdamonreport.a, the simulation build: the port's cooperative mutex,
#    the host's current CPU; what primitives link.
#  - libdamonreport_thr.a, the real-thread build for the concurrency test
#    and the benchmark: kernel-port/report/threaded/ comes first on the
#    include path (pthread mutex, thread-local CPU, atomic READ_ONCE) and
#    threaded/rename.h gives its symbols their own names.
REPORT_INCLUDES = -I$(top_srcdir)/kernel-port/include \
	-I$(top_srcdir)/kernel-port/report/include \
	-I$(top_builddir)/kernel-src/include -I$(top_srcdir)/kernel-port \
	-I$(top_builddir)/kernel-src -I$(top_builddir) -I$(top_srcdir) \
	-include $(top_srcdir)/kernel-port/kconfig.h
REPORT_THR_INCLUDES = -I$(top_srcdir)/kernel-port/report/threaded \
	-I$(top_srcdir)/kernel-port/include \
	-I$(top_srcdir)/kernel-port/report/include \
	-I$(top_srcdir)/kernel-port -I$(top_builddir) -I$(top_srcdir) \
	-include $(top_srcdir)/kernel-port/kconfig.h \
	-include $(top_srcdir)/kernel-port/report/threaded/rename.h

REPORT_HDRS = kernel-port/report/report.h \
	kernel-port/report/include/asm/barrier.h \
	kernel-port/report/include/linux/atomic.h \
	kernel-port/report/include/linux/cpumask.h \
	kernel-port/report/include/linux/percpu.h \
	kernel-port/report/include/linux/preempt.h \
	kernel-port/report/include/linux/smp.h
REPORT_THR_HDRS = kernel-port/report/threaded/rename.h \
	kernel-port/report/threaded/linux/compiler.h \
	kernel-port/report/threaded/linux/mutex.h \
	kernel-port/report/threaded/linux/slab.h \
	kernel-port/report/threaded/linux/smp.h

noinst_LIBRARIES += kernel-port/report/libdamonreport.a
kernel_port_report_libdamonreport_a_SOURCES = \
	kernel-port/report/buffer.c kernel-port/report/drain.c \
	kernel-port/report/access.c kernel-port/report/target.c \
	kernel-port/report/kport_glue.c $(REPORT_HDRS)
kernel_port_report_libdamonreport_a_CPPFLAGS = $(REPORT_INCLUDES)
kernel_port_report_libdamonreport_a_CFLAGS = $(KPORT_CFLAGS)

noinst_LIBRARIES += kernel-port/report/libdamonreport_thr.a
kernel_port_report_libdamonreport_thr_a_SOURCES = \
	kernel-port/report/buffer.c kernel-port/report/drain.c \
	kernel-port/report/threaded/glue.c $(REPORT_HDRS) $(REPORT_THR_HDRS)
kernel_port_report_libdamonreport_thr_a_CPPFLAGS = $(REPORT_THR_INCLUDES)
kernel_port_report_libdamonreport_thr_a_CFLAGS = $(KPORT_CFLAGS)

# The threaded test cases see the real-thread build's headers.
noinst_LIBRARIES += tests/libreport_thr.a
tests_libreport_thr_a_SOURCES = tests/report_threaded.c tests/report_rng.h
tests_libreport_thr_a_CPPFLAGS = $(REPORT_THR_INCLUDES)
tests_libreport_thr_a_CFLAGS = $(KPORT_CFLAGS) $(CHECK_CFLAGS)

check_PROGRAMS += tests/check_report
TESTS += tests/check_report
tests_check_report_SOURCES = tests/check_report.c tests/report_buffer.c \
	tests/report_drain.c tests/report_target.c tests/report_rng.h
tests_check_report_CPPFLAGS = $(REPORT_INCLUDES)
tests_check_report_CFLAGS = $(KPORT_CFLAGS) $(CHECK_CFLAGS)
tests_check_report_LDADD = tests/libreport_thr.a \
	kernel-port/report/libdamonreport.a \
	kernel-port/report/libdamonreport_thr.a \
	kernel-port/libdamon.a kernel-port/libkport.a \
	tests/libcheckmain.a $(CHECK_LIBS) -lpthread

noinst_PROGRAMS += bench/report_bench
bench_report_bench_SOURCES = bench/report_bench.c tests/report_rng.h
bench_report_bench_CPPFLAGS = $(REPORT_THR_INCLUDES)
bench_report_bench_CFLAGS = $(KPORT_CFLAGS)
bench_report_bench_LDADD = kernel-port/report/libdamonreport_thr.a -lpthread
EXTRA_DIST += docs/report.md
