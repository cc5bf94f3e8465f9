#!/usr/bin/env bash
# Time per explanation (one image, Grad-CAM and Grad-CAM++ at layer4) in fer4j and in Python
# PyTorch (the autograd reference of tools/parity/gradcam_reference.py), same model, size and
# thread count, one after the other; prints the median milliseconds and the Java/Python ratio.
# Usage: bench/explain.sh [--threads N] [--quick|--smoke] [MODEL:SIZE ...]   (default resnet18:112 resnet50:224)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/peer_args.sh"
parse_bench_args explain.sh "$@"
[ ${#cases[@]} -eq 0 ] && cases=(resnet18:112 resnet50:224)
"$root/fer" version >/dev/null   # builds the jar once, outside the timings

printf '%-10s %-8s %-10s %10s %10s %8s\n' model size method "java ms" "python ms" ratio
for c in "${cases[@]}"; do
  IFS=: read -r model size <<<"$c"
  common=(--model "$model" --size "$size" --warmup "$warmup" --iters "$iters" --threads "$threads")
  j=$("$root/fer" bench explain "${common[@]}" --json 2>/dev/null | tail -1)
  p=$("$py" "$root/tools/parity/gradcam_reference.py" --bench "${common[@]}" | tail -1)
  for m in gradcam gradcampp; do
    jm=$(echo "$j" | field "${m}_ms"); pm=$(echo "$p" | field "${m}_ms")
    awk -v mo="$model" -v s="$size" -v m="$m" -v j="$jm" -v p="$pm" \
      'BEGIN { printf "%-10s %-8s %-10s %10.1f %10.1f %8.2f\n", mo, s, m, j, p, j / p }'
  done
done
echo
echo "ratio = Java ms / Python ms (below 1: fer4j is faster). $threads threads, median of $iters after $warmup warm-up."
