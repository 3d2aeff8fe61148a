#!/bin/sh
# Drift guard: every symbol the compiled DAMON core needs must come from the
# shim (libkport.a) or the C library.  A newer tree that calls a kernel
# function the shim lacks fails here, naming the function, instead of at
# link time deep inside some test program.
set -u
build=${top_builddir:-.}
core="$build/kernel-port/libdamon_a-damon_core.o"
shim="$build/kernel-port/libkport.a"
libc=$(${CC:-cc} -print-file-name=libc.so.6)
for f in "$core" "$shim" "$libc"; do
	[ -e "$f" ] || { echo "kport-symbols: missing $f"; exit 99; }
done

needed=$(nm -u "$core" | awk '{print $2}' | sort -u)
provided=$( (nm --defined-only "$shim" 2>/dev/null; nm -D --defined-only "$libc") |
	awk 'NF >= 3 {print $3}' | sed 's/@.*//' | sort -u)
[ -n "$needed" ] || { echo "kport-symbols: $core needs no symbol?"; exit 1; }

missing=0
checked=0
for sym in $needed; do
	checked=$((checked + 1))
	case $sym in
	__asan_* | __ubsan_* | __tsan_* | __sanitizer_* | _GLOBAL_OFFSET_TABLE_)
		continue ;;
	esac
	if ! printf '%s\n' "$provided" | grep -qx "$sym"; then
		echo "kport-symbols: core.c needs '$sym', which the shim does not provide"
		missing=$((missing + 1))
	fi
done
echo "kport-symbols: $checked undefined symbols of core.c checked, $missing missing"
[ "$missing" -eq 0 ]
