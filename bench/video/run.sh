#!/usr/bin/env bash
# Video pipeline benchmark: frames/s of decode + tiny detector (416 px) + landmarks + expressions
# + tracking on a generated 640x426 MPEG-4 clip panning over face-api's sample1.jpg (three
# people), with face-api's expression net and, when given, a trained run (a static model per
# face, or a clip model such as gcsa_resnet18 on each track's sliding window).
#
# usage: bench/video/run.sh [FRAMES=100] [RUN_DIR...]
#   environment: FER4J_CACHE (cache root), THREADS (PyTorch threads, default all cores)
#   short check: bench/video/run.sh 20
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
frames="${1:-100}"
shift || true
pkg="${FER4J_CACHE:-$HOME/.cache/fer4j}/face-api/1.7.15"
if [ ! -f "$pkg/demo/sample1.jpg" ]; then
  echo "bench: face-api weights and photos missing under $pkg; run ./fer models pull" >&2
  exit 5
fi
"$root/fer" version >/dev/null   # rebuilds the jar when a source is newer, outside the timings
jar="$root/fer4j-cli/target/fer4j.jar"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
for run in "" "$@"; do
  extra=()
  [ -n "$run" ] && extra=("$run")
  java -Dai.djl.offline=true -cp "$jar" org.fer4j.cli.VideoBench "$pkg/model" "$pkg/demo/sample1.jpg" "$frames" \
    "${THREADS:-0}" ${extra[@]+"${extra[@]}"} 2>/dev/null
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
