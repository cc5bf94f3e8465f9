#!/usr/bin/env bash
# Face pipeline benchmark: fer4j vs face-api.js on Node (tfjs CPU and wasm backends), same six
# photos of @vladmandic/face-api 1.7.15, same options (tiny face detector at 416 px, score 0.5,
# 68 landmarks, expressions; JPEG decoding included), one warm-up pass each. Prints one JSON
# line per runtime and the images/s ratios.
#
# usage: bench/face/run.sh [FER4J_REPEAT=5] [CPU_REPEAT=1] [WASM_REPEAT=2]
#   environment: FER4J_CACHE (cache root), THREADS (fer4j's PyTorch threads, default 1: the
#   tfjs CPU and wasm backends run on one thread in Node, so this is the same thread count)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fer_repeat="${1:-5}"
cpu_repeat="${2:-1}"
wasm_repeat="${3:-2}"
cache="${FER4J_CACHE:-$HOME/.cache/fer4j}"
pkg="$cache/face-api/1.7.15"

"$root/tools/golden/setup.sh"   # npm ci + weights + photos (quick when done)
jar="$root/fer4j-cli/target/fer4j.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl fer4j-cli -am package)
fi

out="$(mktemp)"
echo "bench: fer4j ($fer_repeat passes)" >&2
java -Dai.djl.offline=true -cp "$jar" org.fer4j.cli.FaceBench "$pkg/model" "$pkg/demo" "$fer_repeat" "${THREADS:-1}" \
  2>/dev/null | tee -a "$out"
for backend in wasm cpu; do
  repeat="$cpu_repeat"; [ "$backend" = wasm ] && repeat="$wasm_repeat"
  echo "bench: face-api.js, tfjs $backend backend ($repeat passes)" >&2
  node "$root/tools/golden/golden.js" --weights "$pkg/model" --images "$pkg/demo" --backend "$backend" \
    --detector tiny --input-size 416 --min-score 0.5 --age-gender 0 --repeat "$repeat" 2>/dev/null | tee -a "$out"
done

python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
fer = next(r for r in rows if r["runtime"] == "fer4j")
print(f"fer4j: {fer['imagesPerSecond']:.2f} images/s ({fer['threads']} threads)")
for r in rows:
    if r["runtime"] != "fer4j":
        ratio = fer["imagesPerSecond"] / r["imagesPerSecond"]
        print(f"face-api.js tfjs-{r['backend']}: {r['imagesPerSecond']:.3f} images/s -> fer4j is {ratio:.1f}x faster")
PY
rm -f "$out"
