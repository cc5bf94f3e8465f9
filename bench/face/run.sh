#!/usr/bin/env bash
# Face pipeline benchmark: fer4j on both inference engines (DJL/PyTorch and ONNX Runtime) vs
# face-api.js on Node (tfjs CPU and wasm backends), in one run: same six photos of
# @vladmandic/face-api 1.7.15, same options (tiny face detector at 416 px, score 0.5, 68
# landmarks, expressions), one warm-up pass each. Every runtime is timed twice: with JPEG decoding
# in the timed region (fer4j: its installed decoder; face-api.js: jpeg-js, as its Node demos do) and
# over photos decoded beforehand (the networks with their pre- and post-processing only), so each
# ratio compares equal work. Prints two JSON lines per runtime, a per-stage CPU profile of each
# engine, and the images/s ratios by wall time and by CPU time (user + system of the process; on a
# shared machine the CPU-time ratio is the steadier one), for each of the two timed regions.
#
# usage: bench/face/run.sh [FER4J_REPEAT=5] [CPU_REPEAT=1] [WASM_REPEAT=2]   (a repeat of 0 skips
#   that backend; short check: bench/face/run.sh 2 0 1)
#   environment: FER4J_CACHE (cache root), THREADS (fer4j's threads for the like-for-like row,
#   default 1: the tfjs CPU and wasm backends run on one thread in Node, whose wasm backend has
#   no threaded build), THREADS_ALL (second row, default all cores: each runtime at its best),
#   ENGINES (default "djl onnxruntime")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fer_repeat="${1:-5}"
cpu_repeat="${2:-1}"
wasm_repeat="${3:-2}"
cache="${FER4J_CACHE:-$HOME/.cache/fer4j}"
pkg="$cache/face-api/1.7.15"

"$root/tools/golden/setup.sh"   # npm ci + weights + photos (quick when done)
jar="$root/fer4j-cli/target/fer4j.jar"
"$root/fer" version >/dev/null   # rebuilds the jar when a source is newer, outside the timings

out="$(mktemp)"
engines="${ENGINES:-djl onnxruntime}"
for threads in $(printf '%s\n' "${THREADS:-1}" "${THREADS_ALL:-$(nproc)}" | awk '!seen[$0]++'); do
  for engine in $engines; do
    echo "bench: fer4j on $engine, $threads thread(s) ($fer_repeat passes)" >&2
    java -Dai.djl.offline=true -cp "$jar" org.fer4j.cli.FaceBench "$pkg/model" "$pkg/demo" "$fer_repeat" "$threads" \
      "$engine" 2>/dev/null | tee -a "$out"
  done
done
for engine in $engines; do
  echo "bench: fer4j on $engine, CPU milliseconds per image by stage (1 thread, $fer_repeat passes)" >&2
  java -Dai.djl.offline=true -cp "$jar" org.fer4j.cli.FaceBench "$pkg/model" "$pkg/demo" "$fer_repeat" 1 "$engine" \
    --profile 2>/dev/null
done
for backend in wasm cpu; do
  repeat="$cpu_repeat"; [ "$backend" = wasm ] && repeat="$wasm_repeat"
  [ "$repeat" -gt 0 ] || continue   # 0 passes: skip this backend (tfjs-cpu takes minutes)
  echo "bench: face-api.js, tfjs $backend backend ($repeat passes)" >&2
  node "$root/tools/golden/golden.js" --weights "$pkg/model" --images "$pkg/demo" --backend "$backend" \
    --detector tiny --input-size 416 --min-score 0.5 --age-gender 0 --repeat "$repeat" 2>/dev/null | tee -a "$out"
done

python3 - "$out" <<'PY'
import json, sys
rows = []
for line in open(sys.argv[1]):
    try:
        rows.append(json.loads(line))
    except ValueError:
        pass
fers = [r for r in rows if r.get("runtime") == "fer4j"]
label = {True: "with JPEG decoding", False: "networks + pre/post only (photos decoded beforehand)"}
for decode in (True, False):
    print(f"== {label[decode]} ==")
    for fer in (r for r in fers if r.get("decode", True) == decode):
        engine = fer.get("engine", "djl")
        print(f"fer4j {engine}, {fer['threads']} thread(s): {fer['imagesPerSecond']:.2f} images/s wall,"
              f" {fer['imagesPerCpuSecond']:.2f} images per CPU second")
        djl = [r for r in fers if r.get("engine") == "djl" and r["threads"] == fer["threads"]
               and r.get("decode", True) == decode]
        if engine != "djl" and djl:
            print(f"  vs fer4j djl ({fer['threads']} thread(s)): {fer['imagesPerSecond'] / djl[0]['imagesPerSecond']:.2f}x"
                  f" by wall time, {fer['imagesPerCpuSecond'] / djl[0]['imagesPerCpuSecond']:.2f}x per CPU second")
        for r in rows:
            if r.get("runtime") == "face-api.js" and r.get("decode", True) == decode:
                wall = fer["imagesPerSecond"] / r["imagesPerSecond"]
                cpu = fer["imagesPerCpuSecond"] / r["imagesPerCpuSecond"]
                print(f"  vs face-api.js tfjs-{r['backend']} (1 thread): {r['imagesPerSecond']:.3f} images/s -> fer4j is"
                      f" {wall:.1f}x faster (per CPU second: {r['imagesPerCpuSecond']:.3f} -> {cpu:.1f}x)")
PY
rm -f "$out"
