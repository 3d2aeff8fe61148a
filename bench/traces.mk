# bench/traces.mk: trace format benchmark (built by make, never run by
# make check; run by hand, results in bench/results/).
noinst_PROGRAMS += bench/trace_bench
bench_trace_bench_SOURCES = bench/trace_bench.c
bench_trace_bench_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
bench_trace_bench_LDADD = $(TRACES_LIBS)
EXTRA_DIST += bench/results/traces-2026-11-25.md
