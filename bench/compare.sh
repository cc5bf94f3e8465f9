#!/usr/bin/env bash
# Runs fer4j (Java) and PyTorch (Python) on the same models, sizes and thread count, one after the
# other on an otherwise idle machine, and prints images/s with the Java/Python ratio.
# Usage: bench/compare.sh [--threads N] [--quick|--smoke] [--seed-models] [CASE ...]
#   CASE = model:size:batch:mode[:frames]; default: ResNet-18 at 112 and ResNet-50 at 224, train and
#   infer; --seed-models adds every seed model (PyTorch references in tools/reference/);
#   --smoke runs 1 warm-up + 1 timed iteration (a check that every case runs, not a measurement).
set -euo pipefail
declare -A flags=([--seed-models]=seed)
seed=0
source "$(dirname "${BASH_SOURCE[0]}")/peer_args.sh"
parse_bench_args compare.sh "$@"
if [ ${#cases[@]} -eq 0 ]; then
  cases=(resnet18:112:32:train resnet18:112:32:infer resnet50:224:16:train resnet50:224:16:infer)
fi
if [ "$seed" = 1 ]; then
  # every seed model; those torchvision cannot build come from tools/reference/seed_models.py
  cases+=(aglf_resnet18:112:16:train aglf_resnet18:112:16:infer
    aglf_resnet50:112:16:train aglf_resnet50:112:16:infer
    faer_convnext_tiny:112:16:train faer_convnext_tiny:112:16:infer
    lnlj:112:16:train lnlj:112:16:infer
    gcsa_resnet18:112:2:train:16 gcsa_resnet18:112:2:infer:16)
fi
"$root/fer" version >/dev/null   # builds the jar once, outside the timings

mm=$("$py" "$root/bench/peer.py" --matmul --threads "$threads" | field matmul_gflops)
printf 'machine: %s cores, torch 4096x4096 matmul %s GFLOPS with %s threads\n\n' "$(nproc)" "$mm" "$threads"
printf '%-20s %-9s %-5s %-6s %12s %12s %8s %10s %10s %8s\n' model size batch mode \
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
        printf "%-20s %-9s %-5s %-6s %12.1f %12.1f %8.2f %10s %10s %8.0f\n", m, s, b, mo, ji, pi, ji / pi, jg, share, jr }'
done
echo
echo "ratio = Java images/s / Python images/s (above 1: fer4j is faster)."
