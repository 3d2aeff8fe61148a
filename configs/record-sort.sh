#!/bin/sh
# configs/record-sort.sh [DAMONSIM]
#
# Record the trace configs/lackey-sort.ini replays: GNU sort on 200,000
# shuffled numbers under valgrind's lackey (a few minutes; the trace is
# not committed: it is a recording of this machine's sort binary).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../damonsim}
[ -x "$bin" ] || { echo "record-sort: no damonsim at $bin (pass it as \$1)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/record-sort-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
seq 1 200000 | shuf --random-source=/dev/zero >"$tmp/numbers.txt"
"$bin" trace record -o "$here/sort.dst" -- sort -n "$tmp/numbers.txt" \
	-o "$tmp/sorted.txt"
"$bin" trace info "$here/sort.dst"
