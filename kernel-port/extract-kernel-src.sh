#!/bin/sh
# extract-kernel-src.sh SRC DEST
#
# Copy the few upstream files the kernel port compiles from SRC (a kernel
# tree, or a linux-source tarball in any format GNU tar reads) into DEST.
# Only mm/damon/ and the DAMON headers are taken; nothing else of the kernel
# is needed, and nothing of it is ever written into the source repository.
# On failure prints one line naming SRC and what is wrong, and exits 1.
set -u
src=$1
dest=$2

# Files every tree must have; the rest of mm/damon/ comes along when present.
required="mm/damon/core.c mm/damon/tests/core-kunit.h include/linux/damon.h include/trace/events/damon.h"

fail() {
	echo "$src: $*" >&2
	exit 1
}

[ -e "$src" ] || fail "no such file or directory"
tmp="$dest.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp" || fail "cannot create $tmp"
trap 'rm -rf "$tmp"' EXIT

if [ -d "$src" ]; then
	[ -f "$src/Makefile" ] && [ -d "$src/mm" ] && [ -d "$src/include/linux" ] ||
		fail "not a kernel tree (no Makefile, mm/ and include/linux/)"
	for f in $required; do
		[ -f "$src/$f" ] || fail "not usable: missing $f"
	done
	mkdir -p "$tmp/mm" "$tmp/include/linux" "$tmp/include/trace/events"
	cp -R "$src/mm/damon" "$tmp/mm/" &&
	cp "$src/include/linux/damon.h" "$tmp/include/linux/" &&
	cp "$src/include/trace/events/damon.h" "$tmp/include/trace/events/" &&
	cp "$src/Makefile" "$tmp/Makefile" || fail "copy failed"
elif [ -f "$src" ]; then
	top=$(tar -tf "$src" 2>/dev/null | head -n 1 | cut -d/ -f1)
	[ -n "$top" ] || fail "not a readable tar archive"
	tar -xf "$src" -C "$tmp" --strip-components=1 --wildcards \
		"$top/Makefile" "$top/mm/damon/*" \
		"$top/include/linux/damon.h" "$top/include/trace/events/damon.h" \
		2>"$tmp/.tar-errors"
	[ -f "$tmp/Makefile" ] || fail "not a kernel source archive (no $top/Makefile)"
	for f in $required; do
		[ -f "$tmp/$f" ] || fail "not usable: archive lacks $top/$f"
	done
	rm -f "$tmp/.tar-errors"
else
	fail "neither a directory nor a file"
fi

# The version is for display only (features are probed, never versioned);
# a tree assembled by hand may lack it.
ver=$(sed -n 's/^VERSION *= *//p;s/^PATCHLEVEL *= *//p;s/^SUBLEVEL *= *//p' \
	"$tmp/Makefile" | head -n 3 | paste -sd.)
[ -n "$ver" ] || ver="unknown version"
echo "$ver" >"$tmp/VERSION"
rm -f "$tmp/Makefile"

rm -rf "$dest"
mv "$tmp" "$dest" || fail "cannot move extracted files to $dest"
trap - EXIT
exit 0
