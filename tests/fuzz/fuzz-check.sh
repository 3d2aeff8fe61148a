#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fuzz test of the trace parsers, run by `make check`:
#  1. always: replay each committed seed corpus through its harness built
#     with the normal compiler (tests/fuzz/replay_*);
#  2. when clang's -fsanitize=fuzzer works: build each target with
#     libFuzzer + ASan + UBSan and fuzz it for FUZZ_SECONDS (default 6) on a
#     scratch copy of its corpus.  FUZZ_SECONDS=0 skips this part.
set -u
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
targets="reader masim lackey text genparams"
fail=0

for t in $targets; do
	"$builddir/tests/fuzz/replay_$t" "$srcdir/tests/fuzz/corpus/$t" ||
		fail=1
done
if [ $fail != 0 ]; then
	echo "FAIL: corpus replay"
	exit 1
fi

secs=${FUZZ_SECONDS:-6}
clang=${CLANG:-clang}
if [ "$secs" = 0 ] || ! command -v "$clang" >/dev/null 2>&1; then
	echo "libFuzzer runs skipped (FUZZ_SECONDS=0 or no clang)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/damonsim-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)
{ return 0; }' > "$work/probe.c"
if ! "$clang" -fsanitize=fuzzer "$work/probe.c" -o "$work/probe" \
		>/dev/null 2>&1; then
	echo "libFuzzer runs skipped: $clang -fsanitize=fuzzer does not work"
	exit 0
fi
flags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined
	-fno-sanitize-recover=undefined -I$srcdir -I$builddir
	$(pkg-config --cflags glib-2.0 libzstd)"
libs="$(pkg-config --libs glib-2.0 libzstd) -lm"
objs=""
for f in common units writer reader zipf gen-params gen masim lines \
		source lackey text; do
	# shellcheck disable=SC2086
	"$clang" $flags -c "$srcdir/traces/$f.c" -o "$work/$f.o" || exit 1
	objs="$objs $work/$f.o"
done
for t in $targets; do
	mkdir -p "$work/corpus-$t"
	cp "$srcdir/tests/fuzz/corpus/$t/"* "$work/corpus-$t/"
	# shellcheck disable=SC2086
	"$clang" $flags -fsanitize=fuzzer "$srcdir/tests/fuzz/fuzz_$t.c" \
		$objs $libs -o "$work/fuzz_$t" || exit 1
	if "$work/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 \
			-max_len=65536 -timeout=10 -artifact_prefix="$work/" \
			"$work/corpus-$t" >"$work/log-$t" 2>&1; then
		echo "fuzz_$t: $(grep -E '^Done|DONE' "$work/log-$t" | tail -n 1)"
	else
		echo "FAIL: fuzz_$t found a problem:"
		tail -n 40 "$work/log-$t"
		for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
			[ -e "$a" ] && od -c "$a" | head -n 20
		done
		fail=1
	fi
done
exit $fail
