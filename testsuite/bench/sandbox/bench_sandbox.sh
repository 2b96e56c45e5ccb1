#!/bin/bash
# Benchmark: the sandbox domain's costs, as "name value unit" lines.
#   sandbox.cold_provision  provisioning a new template (a fresh state directory)
#   sandbox.warm_start      from launch until the DC (with plugin and sambexd) answers
#   sandbox.teardown        from the command's end until everything is gone
#   sandbox.pss / .rss      memory of every process in the sandbox (samba tree + sambexd)
# Arguments: BUILD_DIR SOURCE_DIR. Needs root; prints a note and no figures otherwise.
set -eu
build=$(readlink -f "$1") src=$(readlink -f "$2")
if [ "$(id -u)" != 0 ]; then
	echo "# sandbox benchmark skipped: needs root"
	exit 0
fi
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
state=$(mktemp -d "$build/bench-sandbox.XXXXXX")
trap 'rm -rf "$state"' EXIT
marks=$state/marks

t0=$(now)
"$src/testsuite/sandbox/sandbox" --state "$state" -- true
t1=$(now)
echo "sandbox.cold_provision $(cat "$state/template/.provision-seconds") s"
echo "sandbox.cold_total $(secs "$t0" "$t1") s"

for run in 1 2 3; do
	t0=$(now)
	"$src/testsuite/sandbox/sandbox" --state "$state" \
		--plugin "$build/mapiproxy/plugin/sambex.so" --engine "$build/mapiproxy/sambexd" \
		-- sh -c 'date +%s%N > "$0"
			pss=0 rss=0
			for p in /proc/[0-9]*; do
				set -- $(awk "/^Pss:/ {p=\$2} /^Rss:/ {r=\$2} END {print p+0, r+0}" $p/smaps_rollup 2>/dev/null || echo 0 0)
				pss=$((pss + $1)); rss=$((rss + $2))
			done
			echo "$pss $rss" >> "$0"
			date +%s%N >> "$0"' "$marks"
	t3=$(now)
	{ read -r t1; read -r pss rss; read -r t2; } < "$marks"
	echo "sandbox.warm_start.run$run $(secs "$t0" "$t1") s"
	echo "sandbox.teardown.run$run $(secs "$t2" "$t3") s"
done
echo "sandbox.pss $((pss / 1024)) MiB"
echo "sandbox.rss $((rss / 1024)) MiB"
