#!/usr/bin/env bash
# Seed-model inference on both fer4j engines, side by side in one run: each registered model with
# random weights and seven classes, at a small input, run the way the face pipeline's classifier
# runs it (a float batch in, logits copied out), on DJL/PyTorch and on ONNX Runtime (the block
# exported in memory), at 1 thread and at all cores. Prints one JSON line per case, then the ONNX
# Runtime / DJL ratios by wall time (median batch) and by CPU time (the process's, per image).
#
# usage: bench/engine/run.sh [ITERS=20] [MODEL:SIZE:BATCH ...]
#   default cases: aglf_resnet18:112:8 lnlj:112:8 faer_convnext_tiny:112:8 resnet18:112:8
#   environment: THREADS (default 1), THREADS_ALL (default all cores), ENGINES (default "djl onnxruntime")
#   short check: bench/engine/run.sh 3 aglf_resnet18:64:2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
iters="${1:-20}"
shift || true
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=(aglf_resnet18:112:8 lnlj:112:8 faer_convnext_tiny:112:8 resnet18:112:8)
fi
jar="$root/fer4j-cli/target/fer4j.jar"
"$root/fer" version >/dev/null   # rebuilds the jar when a source is newer, outside the timings

echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')" >&2
out="$(mktemp)"
for c in "${cases[@]}"; do
  IFS=: read -r model size batch <<<"$c"
  for threads in $(printf '%s\n' "${THREADS:-1}" "${THREADS_ALL:-$(nproc)}" | awk '!seen[$0]++'); do
    for engine in ${ENGINES:-djl onnxruntime}; do
      echo "bench: $model at $size px, batch $batch, $engine, $threads thread(s), $iters iterations" >&2
      java -Dai.djl.offline=true -cp "$jar" org.fer4j.cli.EngineBench "$model" "$size" "$batch" "$iters" \
        "$threads" "$engine" 2>/dev/null | tee -a "$out"
    done
  done
done
echo "load after: $(uptime | sed 's/.*load average: //')" >&2

python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
print(f"{'model':<20} {'size':>4} {'batch':>5} {'threads':>7} {'djl img/s':>10} {'ort img/s':>10} {'wall x':>7}"
      f" {'djl img/cpu-s':>13} {'ort img/cpu-s':>13} {'cpu x':>6}")
for r in rows:
    if r["engine"] != "onnxruntime":
        continue
    key = (r["model"], r["size"], r["batch"], r["threads"])
    djl = [d for d in rows if d["engine"] == "djl" and (d["model"], d["size"], d["batch"], d["threads"]) == key]
    if not djl:
        continue
    d = djl[0]
    print(f"{r['model']:<20} {r['size']:>4} {r['batch']:>5} {r['threads']:>7} {d['imagesPerSecond']:>10.1f}"
          f" {r['imagesPerSecond']:>10.1f} {r['imagesPerSecond'] / d['imagesPerSecond']:>7.2f}"
          f" {d['imagesPerCpuSecond']:>13.1f} {r['imagesPerCpuSecond']:>13.1f}"
          f" {r['imagesPerCpuSecond'] / d['imagesPerCpuSecond']:>6.2f}")
PY
rm -f "$out"
