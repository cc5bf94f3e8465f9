#!/usr/bin/env bash
# Runs fer4j (Java) and PyTorch (Python) on the same models, sizes and thread count, one after the
# other on an otherwise idle machine, and prints images/s with the Java/Python ratio.
# Usage: bench/compare.sh [--threads N] [--quick] [--seed-models] [CASE ...]
#   CASE = model:size:batch:mode[:frames]; default: ResNet-18 at 112 and ResNet-50 at 224, train and
#   infer; --seed-models adds the seed models that have a PyTorch reference (tools/reference/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3
threads=$(nproc)
iters=10
warmup=3
cases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --quick) iters=3; warmup=1; shift ;;
    --seed-models) seed=1; shift ;;
    *) cases+=("$1"); shift ;;
  esac
done
if [ ${#cases[@]} -eq 0 ]; then
  cases=(resnet18:112:32:train resnet18:112:32:infer resnet50:224:16:train resnet50:224:16:infer)
fi
if [ "${seed:-0}" = 1 ]; then
  cases+=(aglf_resnet18:112:16:train aglf_resnet18:112:16:infer lnlj:112:16:train lnlj:112:16:infer
    gcsa_resnet18:112:2:train:16 gcsa_resnet18:112:2:infer:16)
fi
"$py" -c 'import torch, torchvision' 2>/dev/null || {
  echo "compare.sh: $py lacks torch/torchvision; install python3-torch python3-torchvision libopenblas0-pthread" >&2
  exit 2
}
"$root/fer" version >/dev/null   # builds the jar once, outside the timings

field() { sed -n "s/.*\"$1\": *\([0-9.]*\).*/\1/p"; }

mm=$("$py" "$root/bench/peer.py" --matmul --threads "$threads" | field matmul_gflops)
printf 'machine: %s cores, torch 4096x4096 matmul %s GFLOPS with %s threads\n\n' "$(nproc)" "$mm" "$threads"
printf '%-16s %-9s %-5s %-6s %12s %12s %8s %10s %10s %8s\n' model size batch mode \
  "java img/s" "python img/s" ratio "java GFLOPS" "% of mm" "java MiB"
for c in "${cases[@]}"; do
  IFS=: read -r model size batch mode frames <<<"$c"
  frames=${frames:-1}
  common=(--model "$model" --size "$size" --batch "$batch" --frames "$frames" --warmup "$warmup" --iters "$iters")
  j=$("$root/fer" bench "$mode" "${common[@]}" --threads "$threads" --json 2>/dev/null | tail -1 || true)
  p=$("$py" "$root/bench/peer.py" --mode "$mode" "${common[@]}" --threads "$threads" | tail -1 || true)
  ji=$(echo "$j" | field images_per_s); pi=$(echo "$p" | field images_per_s)
  jg=$(echo "$j" | field gflops); jr=$(echo "$j" | field peak_rss_mb)
  awk -v m="$model" -v s="$size" -v b="$batch" -v mo="$mode" -v ji="$ji" -v pi="$pi" \
      -v jg="$jg" -v mm="$mm" -v jr="$jr" 'BEGIN {
        share = (jg != "" && mm > 0) ? sprintf("%.0f%%", 100 * jg / mm) : "n/a";
        printf "%-16s %-9s %-5s %-6s %12.1f %12.1f %8.2f %10s %10s %8.0f\n", m, s, b, mo, ji, pi, ji / pi, jg, share, jr }'
done
echo
echo "ratio = Java images/s / Python images/s (above 1: fer4j is faster)."
