# sim/machine.mk: the simulated machine (CPUs, TLBs, page tables, frames,
# address spaces), exact ground truth and accuracy metrics.
noinst_LIBRARIES += sim/libmachine.a
sim_libmachine_a_SOURCES = \
	sim/machine.h sim/machine_int.h sim/machine.c \
	sim/addrspace.c sim/access.c sim/access_batch.c sim/ptops.c sim/groundtruth.c \
	sim/pagetable.h sim/pagetable.c sim/ptpool.h sim/ptpool.c \
	sim/tlb.h sim/tlb.c \
	sim/frames.h sim/frames.c \
	sim/accuracy.h sim/accuracy.c \
	sim/rng.h sim/rng.c
sim_libmachine_a_CFLAGS = $(AM_CFLAGS)

check_PROGRAMS += tests/check_machine
TESTS += tests/check_machine
tests_check_machine_SOURCES = tests/check_machine.c \
	tests/machine_pagetable.c tests/machine_tlb.c tests/machine_frames.c \
	tests/machine_addrspace.c tests/machine_gt.c tests/machine_accuracy.c \
	tests/machine_random.c tests/machine_tests.h
tests_check_machine_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_machine_LDADD = sim/libmachine.a tests/libcheckmain.a \
	$(CHECK_LIBS) -lm

noinst_PROGRAMS += bench/machine_bench
bench_machine_bench_SOURCES = bench/machine_bench.c
bench_machine_bench_CFLAGS = $(AM_CFLAGS)
bench_machine_bench_LDADD = sim/libmachine.a -lm

EXTRA_DIST += docs/metrics.md docs/machine.md
