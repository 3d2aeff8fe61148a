# kernel-port: upstream DAMON core compiled unmodified against the shim.
# The warnings turned off are those the kernel's own Makefile turns off for
# GCC (stringop-overflow: false positives on newer core-kunit.h).
KPORT_CFLAGS = $(AM_CFLAGS) $(KERNEL_CFLAGS) -pthread -fno-strict-aliasing -fno-strict-overflow \
	-Wno-maybe-uninitialized -Wno-unused-function -Wno-missing-field-initializers \
	-Wno-unused-but-set-variable -Wno-type-limits -Wno-stringop-overflow
KPORT_INCLUDES = -I$(top_srcdir)/kernel-port/include -I$(top_builddir)/kernel-src/include \
	-I$(top_srcdir)/kernel-port -I$(top_builddir)/kernel-src -I$(top_builddir) \
	-include $(top_srcdir)/kernel-port/kconfig.h

KPORT_SHIM_HDRS = \
	kernel-port/hostops.h kernel-port/kconfig.h \
	kernel-port/include/kunit/test.h \
	kernel-port/include/trace/define_trace.h \
	kernel-port/include/linux/align.h \
	kernel-port/include/linux/bug.h \
	kernel-port/include/linux/cleanup.h \
	kernel-port/include/linux/compiler.h \
	kernel-port/include/linux/completion.h \
	kernel-port/include/linux/delay.h \
	kernel-port/include/linux/err.h \
	kernel-port/include/linux/export.h \
	kernel-port/include/linux/gfp.h \
	kernel-port/include/linux/init.h \
	kernel-port/include/linux/ioport.h \
	kernel-port/include/linux/jiffies.h \
	kernel-port/include/linux/jump_label.h \
	kernel-port/include/linux/kernel.h \
	kernel-port/include/linux/kthread.h \
	kernel-port/include/linux/ktime.h \
	kernel-port/include/linux/limits_k.h \
	kernel-port/include/linux/list.h \
	kernel-port/include/linux/log2.h \
	kernel-port/include/linux/math64.h \
	kernel-port/include/linux/memcontrol.h \
	kernel-port/include/linux/minmax.h \
	kernel-port/include/linux/mm.h \
	kernel-port/include/linux/mmzone.h \
	kernel-port/include/linux/module.h \
	kernel-port/include/linux/mutex.h \
	kernel-port/include/linux/pid.h \
	kernel-port/include/linux/prandom.h \
	kernel-port/include/linux/printk.h \
	kernel-port/include/linux/psi.h \
	kernel-port/include/linux/random.h \
	kernel-port/include/linux/sched.h \
	kernel-port/include/linux/sizes.h \
	kernel-port/include/linux/slab.h \
	kernel-port/include/linux/string.h \
	kernel-port/include/linux/string_choices.h \
	kernel-port/include/linux/time64.h \
	kernel-port/include/linux/timekeeping.h \
	kernel-port/include/linux/tracepoint.h \
	kernel-port/include/linux/types.h

# Shim bodies, shared by every build of the core.
noinst_LIBRARIES += kernel-port/libkport.a
kernel_port_libkport_a_SOURCES = \
	kernel-port/lib/sched.c kernel-port/lib/slab.c kernel-port/lib/random.c \
	kernel-port/lib/log.c kernel-port/lib/host.c kernel-port/lib/trace_dyn.c \
	kernel-port/lib/kport_host.h \
	kernel-port/hostops.h kernel-port/kconfig.h
kernel_port_libkport_a_CPPFLAGS = $(KPORT_INCLUDES)
kernel_port_libkport_a_CFLAGS = $(KPORT_CFLAGS)

# The simulation build of core.c.
noinst_LIBRARIES += kernel-port/libdamon.a
kernel_port_libdamon_a_SOURCES = kernel-port/damon_core.c
kernel_port_libdamon_a_CPPFLAGS = $(KPORT_INCLUDES)
kernel_port_libdamon_a_CFLAGS = $(KPORT_CFLAGS)


EXTRA_DIST += kernel-port/extract-kernel-src.sh kernel-port/probes.m4 \
	$(KPORT_SHIM_HDRS)

# The tree's own KUnit cases, run through Check.
check_PROGRAMS += tests/check_kunit
TESTS += tests/check_kunit
# The KUnit build of core.c is linked as objects, not from an archive:
# nothing references its constructors, so an archive member would be dropped.
tests_check_kunit_SOURCES = tests/check_kunit.c \
	kernel-port/damon_core_kunit.c kernel-port/lib/kunit.c
tests_check_kunit_CPPFLAGS = $(KPORT_INCLUDES) -I$(top_srcdir)
tests_check_kunit_CFLAGS = $(KPORT_CFLAGS) $(CHECK_CFLAGS)
tests_check_kunit_LDADD = kernel-port/libkport.a \
	tests/libcheckmain.a $(CHECK_LIBS) -lpthread

# The virtual-time driver: the version-neutral API the simulator uses.
noinst_LIBRARIES += kernel-port/libkdrv.a
kernel_port_libkdrv_a_SOURCES = kernel-port/driver.c kernel-port/driver.h
kernel_port_libkdrv_a_CPPFLAGS = $(KPORT_INCLUDES)
kernel_port_libkdrv_a_CFLAGS = $(KPORT_CFLAGS)

# Shim semantics and the virtual-time driver with a scripted ops set.
check_PROGRAMS += tests/check_kport
TESTS += tests/check_kport
tests_check_kport_SOURCES = tests/check_kport.c tests/kport_shim.c \
	tests/kport_shim_newer.c tests/kport_driver.c \
	tests/kport_scripted_ops.c tests/kport_scripted_ops.h \
	tests/include/trace/events/kport_test.h
tests_check_kport_CPPFLAGS = $(KPORT_INCLUDES) -I$(top_srcdir) \
	-I$(top_srcdir)/tests/include
tests_check_kport_CFLAGS = $(KPORT_CFLAGS) $(CHECK_CFLAGS)
tests_check_kport_LDADD = kernel-port/libkdrv.a kernel-port/libdamon.a \
	kernel-port/libkport.a tests/libcheckmain.a $(CHECK_LIBS) -lpthread

# Drift guard: the core object's undefined symbols vs what the shim provides.
TESTS += tests/kport-symbols.sh
dist_noinst_SCRIPTS += tests/kport-symbols.sh
