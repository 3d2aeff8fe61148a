#!/bin/sh
# bench/compare-primitives.sh [DAMONSIM] [SORT_TRACE]
#
# Issue-5 table: the four access-check primitives, each run ALONE (so pte's
# accessed-bit clears and fault's PROT_NONE shootdowns do not disturb each
# other), on three workloads: a stationary hot set, a moving hot set and a
# replayed lackey trace (SORT_TRACE, made by configs/record-sort.sh; the
# row is skipped without it).  Prints accuracy, monitor CPU, workload
# slowdown and reports pushed/dropped per primitive.  The scenarios are
# configs/compare-*.ini, reduced to one [primitive.NAME] section per run.
set -eu
bin=${1:-./damonsim}
sort_trace=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$bin" ] || { echo "compare-primitives: no damonsim at $bin" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/damonsim-cmp-XXXXXX")
trap 'rm -rf "$work"' EXIT

field() { sed -n "s/^  $2  *//p" "$1" | awk '{print $1}' | head -n 1; }

echo "== machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs"
printf '%-11s %-6s %8s %8s %8s %8s %12s %10s %10s %9s\n' workload prim \
	"freq.err" prec recall F1 "monitor %" "slowdown %" pushed dropped
for w in stationary moving lackey; do
	ini="$top/configs/compare-$w.ini"
	if [ "$w" = lackey ]; then
		[ -n "$sort_trace" ] && [ -f "$sort_trace" ] || {
			echo "lackey: skipped (no trace; configs/record-sort.sh)"
			continue
		}
		cp "$sort_trace" "$work/sort.dst"
	fi
	for p in pte fault perf ibs; do
		# Keep the scenario, drop every [primitive.*] but this one.
		awk -v keep="[primitive.$p]" '
			/^\[/ { skip = ($0 ~ /^\[primitive\./ && $0 != keep) }
			!skip' "$ini" >"$work/$w-$p.ini"
		"$bin" run -q --no-progress -o "$work/$w-$p" "$work/$w-$p.ini"
		s="$work/$w-$p/summary.txt"
		printf '%-11s %-6s %8s %8s %8s %8s %12s %10s %10s %9s\n' "$w" "$p" \
			"$(field "$s" 'frequency error')" \
			"$(field "$s" 'hot-set precision')" \
			"$(field "$s" 'hot-set recall')" "$(field "$s" 'hot-set F1')" \
			"$(sed -n 's/^  monitor CPU  *\([0-9.]*\) %.*/\1/p' "$s")" \
			"$(field "$s" 'workload slowdown')" \
			"$(field "$s" 'reports pushed')" \
			"$(field "$s" 'reports dropped')"
	done
done
