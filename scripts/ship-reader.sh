#!/usr/bin/env bash
# Reproduces the shipped reader (models/reader/): trains the `reader` profile (MNIST, handwriting fonts and the
# USPS envelope digits' training part), scores it on the development set (`bench read`: both parts, which also
# fits its calibration on the tuning part), and copies its model files, calibration and their SHA-256 listing into
# models/reader/. MODEL_CARD.md is kept; update its figures from runs/<run>/bench-read.txt.
#   usage: scripts/ship-reader.sh [RUN_DIR]     (a RUN_DIR already trained by `train -p reader` skips training)
# Needs data/usps/zip.train.gz (see data/README.md) and the fonts scripts/devset.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
usps=data/usps/zip.train.gz
if [ ! -f "$usps" ]; then
  echo "scripts/ship-reader.sh: $usps: no such file (the USPS envelope digits; see data/README.md)" >&2
  exit 2
fi
run=${1:-}
if [ -z "$run" ]; then
  run=runs/reader-$(date +%Y%m%d-%H%M%S)
  bin/digits train -p reader --run-name "$(basename "$run")"
fi
if [ ! -f "$run/saved_model/saved_model.pb" ] || [ ! -d "$run/line_model" ]; then
  echo "scripts/ship-reader.sh: $run: not a finished reader run (saved_model/ and line_model/ expected)" >&2
  exit 2
fi
[ -f data/devset/labels.csv ] || scripts/devset.sh
bin/digits bench read -m "$run" --output "$run/bench-read" | tee "$run/bench-read.txt"
tmp=models/reader.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
cp -r "$run/saved_model" "$run/line_model" "$run/reading.properties" "$tmp/"
(cd "$tmp" && find . -type f ! -name SHA256SUMS ! -name MODEL_CARD.md | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > ../SHA256SUMS.tmp) && mv models/SHA256SUMS.tmp "$tmp/SHA256SUMS"
[ -f models/reader/MODEL_CARD.md ] && cp models/reader/MODEL_CARD.md "$tmp/"
rm -rf models/reader.old
[ -d models/reader ] && mv models/reader models/reader.old
mv "$tmp" models/reader
rm -rf models/reader.old
echo "Shipped $run as models/reader ($(du -sh models/reader | cut -f1)); update models/reader/MODEL_CARD.md from $run/bench-read.txt"
