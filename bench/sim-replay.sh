#!/bin/sh
# bench/sim-replay.sh [ACCESSES] [DAMONSIM]
#
# Issue-4 figures, measured side by side in one run:
#  1. replay cost: a synthetic hot/cold trace of ACCESSES accesses (default
#     1e9) is read end to end (`damonsim trace validate`: decode, checksum,
#     order checks) and replayed through the real DAMON core with the PTE
#     primitive (`damonsim run`); prints events/s of both and their ratio.
#  2. scaling: the same small touched set (64 MiB hot/cold) inside 1 GiB ..
#     1 TiB of mapped address space; prints host peak RSS, DAMON regions and
#     kdamond CPU time.  DAMON's work should stay flat; the simulator's
#     memory should follow touched pages, not address space.
# Not run by `make check`; results go in bench/results/ with the machine.
set -eu
n=${1:-1e9}
bin=${2:-./damonsim}
[ -x "$bin" ] || { echo "sim-replay: no damonsim at $bin (pass it as \$2)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/damonsim-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# Run a command; leave its wall and CPU (user + system) seconds in $wall
# and $cpu.  The replay decodes on a second thread, so CPU can exceed wall.
timed() {
	/usr/bin/time -f '%e %U %S' -o "$work/time" "$@"
	wall=$(cut -d' ' -f1 "$work/time")
	cpu=$(awk '{ print $2 + $3 }' "$work/time")
}
json_num() { sed -n "s/.*\"$2\": *\([0-9.e+-]*\).*/\1/p" "$1" | head -n 1; }

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)|MHz' | sed 's/  */ /g'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1. replay vs plain reading, $n accesses (hotcold, 4 GiB, 1 CPU)"
t0=$(now)
"$bin" trace gen -o "$work/w.dst" pattern=hotcold size=4GiB accesses="$n" \
	rate=10M >/dev/null
t1=$(now)
echo "generate:  $(echo "$t1 - $t0" | bc) s, $(stat -c %s "$work/w.dst") bytes"
timed "$bin" trace validate "$work/w.dst" >/dev/null
read_s=$wall
read_cpu=$cpu
events=$("$bin" trace info "$work/w.dst" | sed -n 's/^events: *//p')
dur_ns=$("$bin" trace info "$work/w.dst" | sed -n 's/^time span:.*(\([0-9.]*\) s)/\1/p')
cat >"$work/replay.ini" <<INI
[scenario]
name = replay
duration = 1 h
[workload]
source = trace:$work/w.dst
[output]
plots = no
damo_record = no
INI
timed "$bin" run -q --no-progress -o "$work/run" "$work/replay.ini"
run_s=$wall
run_cpu=$cpu
printf '%-28s %12s %12s %14s\n' "" "seconds" "CPU seconds" "events/s"
printf '%-28s %12.2f %12.2f %14.0f\n' "plain reading (validate)" "$read_s" \
	"$read_cpu" "$(echo "$events / $read_s" | bc -l)"
printf '%-28s %12.2f %12.2f %14.0f\n' "replay through DAMON (pte)" "$run_s" \
	"$run_cpu" "$(echo "$events / $run_s" | bc -l)"
printf 'ratio replay/read: %.2f x   (simulated %s s, %s events)\n' \
	"$(echo "$run_s / $read_s" | bc -l)" "$dur_ns" "$events"
printf 'ratio of CPU time: %.2f x   (replay: main thread + trace reader)\n' \
	"$(echo "$run_cpu / $read_cpu" | bc -l)"

echo "== 2. mapped address space 1 GiB .. 1 TiB, 64 MiB touched, 5 s"
printf '%-10s %14s %12s %16s %14s\n' mapped "peak RSS KiB" "regions" \
	"kdamond CPU s" "monitor CPU %"
for size in 1GiB 16GiB 256GiB 1TiB; do
	cat >"$work/s.ini" <<INI
[scenario]
name = scale
duration = 5 s
[workload]
source = gen:hotcold
size = $size
hot_frac = $(echo "scale=12; 64 / ($(echo "$size" | sed 's/GiB//;s/1TiB/1024/') * 1024)" | bc)
hot_prob = 1
hot_move = 0
rate = 2M
[output]
plots = no
damo_record = no
INI
	rss=$( { /usr/bin/time -f '%M' "$bin" run -q --no-progress \
		-o "$work/s-$size" "$work/s.ini" >/dev/null; } 2>&1 | tail -n 1)
	regions=$(tail -n 1 "$work/s-$size/metrics.csv" | cut -d, -f2)
	kcpu=$(json_num "$work/s-$size/host.json" kdamond_cpu_seconds)
	mon=$(sed -n 's/^ *monitor CPU  *\([0-9.]*\) %.*/\1/p' \
		"$work/s-$size/summary.txt")
	printf '%-10s %14s %12s %16s %14s\n' "$size" "$rss" "$regions" \
		"$kcpu" "$mon"
done
