#!/usr/bin/env bash
# Images/s of `fer predict` vs `fer spark predict` in local[1] and local[2] on the same folder:
# face-api's six sample photos copied COPIES times (default 4). Wall time includes JVM and Spark
# start-up, which is the overhead this shows. Needs `./fer models pull` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies="${COPIES:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
demo="${FER4J_CACHE:-$HOME/.cache/fer4j}/face-api/1.7.15/demo"
mkdir -p "$work/images"
for c in $(seq 1 "$copies"); do
  for f in "$demo"/*.jpg; do cp "$f" "$work/images/c${c}_$(basename "$f")"; done
done
n="$(ls "$work/images" | wc -l)"
"$root/fer" version >/dev/null  # build the jar outside the timings

run() {
  local label="$1"; shift
  local start end
  start="$(date +%s.%N)"
  "$@" >/dev/null 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
  end="$(date +%s.%N)"
  awk -v l="$label" -v n="$n" -v s="$start" -v e="$end" \
    'BEGIN { printf "%-34s %4d images %7.1f s %6.2f images/s\n", l, n, e - s, n / (e - s) }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
run "fer predict (threads 1)" "$root/fer" predict "$work/images" --threads 1 -o "$work/plain1.jsonl"
run "fer predict (all cores)" "$root/fer" predict "$work/images" -o "$work/plain.jsonl"
run "fer spark predict local[1]" "$root/fer" spark predict --input "$work/images" --output "$work/s1" --master 'local[1]'
run "fer spark predict local[2]" "$root/fer" spark predict --input "$work/images" --output "$work/s2" --master 'local[2]'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
