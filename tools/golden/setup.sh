#!/usr/bin/env bash
# Installs what fer4j's face parity test needs, idempotently (quick when already done):
#   1. the Node packages of tools/golden with 'npm ci' (versions and hashes from package-lock.json);
#   2. the face-api 1.7.15 weights and sample photos in fer4j's cache (FER4J_CACHE, else
#      ~/.cache/fer4j), copied from the package npm just verified, in the layout of
#      './fer models pull';
#   3. golden outputs of face-api itself (tfjs CPU backend) on the six photos, and the photos as
#      jpeg-js decoded them (raw RGB), since JPEG decoders differ by a few levels per pixel.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
cache="${FER4J_CACHE:-$HOME/.cache/fer4j}"
pkg="$cache/face-api/1.7.15"
src="node_modules/@vladmandic/face-api"

if [ ! -f "$src/package.json" ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "golden: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -f "$pkg/model/age_gender_model-weights_manifest.json" ] || [ ! -f "$pkg/demo/sample6.jpg" ]; then
  echo "golden: installing face-api weights and photos into $pkg" >&2
  mkdir -p "$pkg/model" "$pkg/demo"
  cp "$src"/model/* "$pkg/model/"
  cp "$src"/demo/*.jpg "$pkg/demo/"
  cp "$src/LICENSE" "$pkg/LICENSE"
fi

mkdir -p "$pkg/golden"
for detector in tiny ssd; do
  out="$pkg/golden/$detector-cpu.json"
  if [ ! -s "$out" ] || [ golden.js -nt "$out" ]; then
    echo "golden: face-api ($detector detector, tfjs cpu) on the sample photos -> $out" >&2
    # stderr only carries tfjs's "install tfjs-node" banner unless something fails.
    if ! node golden.js --weights "$pkg/model" --images "$pkg/demo" --detector "$detector" \
        --backend cpu --dump-rgb "$pkg/golden" --out "$out.tmp" 2>"$pkg/golden/$detector.log"; then
      cat "$pkg/golden/$detector.log" >&2
      echo "golden: face-api failed on the sample photos; see the output above" >&2
      exit 1
    fi
    mv "$out.tmp" "$out"
  fi
done
