#!/usr/bin/env bash
# Batch reading benchmark: 10,000 MNIST test digits as 112x112 PNG scans (target/bench-batch/scans), read by
# `predict` one image at a time, `predict` in batches, `read-batch` on local Spark and on a standalone cluster on
# this machine (scripts/spark-standalone.sh, which also checks both runs' rows are the same); then `bench serve`
# with and without gathering. Files/s count whole commands: start-up and model loading included.
#   scripts/bench-batch.sh [MODEL]      (default: the best reader under runs/)
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-}
m=${model:+--model $model}
scans=target/bench-batch/scans
rm -rf target/bench-batch
bin/digits bench scans --output "$scans" --images 10000
n=$(ls "$scans" | wc -l)
rate() { # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" -v l="$label" 'BEGIN { printf "%-34s %7.1f s %8.0f files/s\n", l, e - s, n / (e - s) }'
}
rate "predict, one image at a time" bin/digits predict "$scans" $m --batch-size 1
rate "predict, batches of 64" bin/digits predict "$scans" $m
rate "read-batch, local[2]" bin/digits read-batch "$scans" $m --master "local[2]" --output target/bench-batch/local2
scripts/spark-standalone.sh "$scans" $model | grep -E "^Read|same rows"
bin/digits bench serve $m --seconds 10
