#!/usr/bin/env bash
# The fault matrix: trains the smoke profile for 3 epochs under each fault and prints one table row per case:
# the exit code, the message, what survived, and whether `train --resume` then ends with the same metrics.csv
# (timing columns aside) as an uninterrupted run.
#   bash scripts/faults.sh            (about 4 minutes on 2 cores; the disk-full rows need root for a tmpfs)
# Faults: SIGKILL at each write point, a full disk, one damaged byte in each checkpoint and SavedModel file, the
# run folder removed mid-run, a second process on the same run.
set -uo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests >&2 || exit 1
export TF_CPP_MIN_LOG_LEVEL=3   # one JVM per run (no quiet child), so that SIGKILL lands on the trainer itself
work="$(mktemp -d)"
trap 'umount "$work/full" 2>/dev/null; rm -rf "$work"' EXIT
runs="$work/runs"
digits() { java $1 -jar target/digits.jar "${@:2}"; }
train() { digits "" train -p smoke --set epochs=3 --quiet --runs-dir "$runs" --data-dir data "$@"; }
metrics() { cut -d, -f1-6 "$1/metrics.csv" 2>/dev/null; }
last_error() { grep -h "^digits: error" "$@" | tail -1 | sed "s#$work/##g" | cut -c1-220; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5"; }
same() { [ "$(metrics "$runs/$1")" == "$(metrics "$runs/ref")" ] && echo "identical" || echo "DIFFERS"; }

# Starts a run that stops itself at crash point $2 (digits.crash.at), kills it there with SIGKILL.
killed_at() {
  local name=$1 point=$2 log="$work/$1.log"
  java "-Ddigits.crash.at=$point" -jar target/digits.jar train -p smoke --set epochs=3 --quiet --runs-dir "$runs" \
    --data-dir data --run-name "$name" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q CRASHPOINT "$log" && break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
}

resume_row() {  # $1 case, $2 run name, $3 what survived
  digits "" train --resume "$runs/$2" --quiet > "$work/$2.resume" 2>&1
  local code=$? note
  note="$(grep -h "cannot be used\|starting it again\|Resuming" "$work/$2.resume" | head -1 | sed "s#$work/##g" | cut -c1-220)"
  [ $code -ne 0 ] && note="$(last_error "$work/$2.resume")"
  row "$1" "$code" "${note:--}" "$3" "$( [ $code -eq 0 ] && same "$2" || echo "-")"
}

echo "Fault matrix: smoke profile, 3 epochs of 211 steps, $(date -u +%F) on $(nproc) cores" >&2
train --run-name ref > "$work/ref.log" 2>&1 || { cat "$work/ref.log" >&2; exit 1; }
echo
echo "| fault | exit | message | what survived | resumed run vs uninterrupted |"
echo "|---|---|---|---|---|"

killed_at k-step1 step:100
resume_row "SIGKILL mid epoch 1 (no checkpoint yet)" k-step1 "config.properties; no checkpoint"
killed_at k-step2 step:300
resume_row "SIGKILL mid epoch 2" k-step2 "checkpoint of epoch 1, metrics.csv of epoch 1"
killed_at k-swap checkpoint-swap:2
resume_row "SIGKILL while epoch 2's checkpoint is swapped in" k-swap "checkpoint of epoch 1; metrics.csv $(($(wc -l < "$runs/k-swap/metrics.csv") - 1)) row(s)"
killed_at k-rotate checkpoint-rotate:2
resume_row "SIGKILL between a checkpoint's two renames" k-rotate "checkpoint.previous (epoch 1) only"
killed_at k-export export-swap:1
resume_row "SIGKILL while the SavedModel is swapped in" k-export "checkpoint of epoch 3, no summary"

for file in variables.data-00000-of-00001 variables.index state.properties best.weights metrics.csv checksums.sha256; do
  name="dmg-${file%%.*}-$RANDOM"
  killed_at "$name" step:520
  printf '\x5a' | dd of="$runs/$name/checkpoint/$file" bs=1 seek=3 conv=notrunc status=none
  resume_row "one byte changed in checkpoint/$file" "$name" "checkpoint.previous (epoch 1)"
done

for file in saved_model.pb variables/variables.data-00000-of-00001 variables/variables.index; do
  cp -r "$runs/ref/saved_model" "$work/sm"
  printf '\x5a' | dd of="$work/sm/$file" bs=1 seek=20 conv=notrunc status=none
  java -jar target/digits.jar predict --single -m "$work/sm" docs/samples-mnist.png > /dev/null 2> "$work/sm.err"
  code=$?
  row "one byte changed in saved_model/$file (predict)" "$code" "$(last_error "$work/sm.err")" \
    "the run's other files" "-"
  rm -rf "$work/sm"
done

java -jar target/digits.jar train -p smoke --set epochs=20 --quiet --runs-dir "$runs" --data-dir data \
  --run-name gone > "$work/gone.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do grep -q "^Epoch 1/" "$work/gone.log" && break; sleep 0.2; done
rm -rf "$runs/gone"
wait "$pid"; code=$?
row "run folder removed mid-run" "$code" "$(last_error "$work/gone.log")" "nothing (the folder is gone)" "-"

java -jar target/digits.jar train -p smoke --set epochs=20 --quiet --runs-dir "$runs" --data-dir data \
  --run-name twice > "$work/twice.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do [ -f "$runs/twice/run.lock" ] && break; sleep 0.2; done
digits "" train --resume "$runs/twice" --quiet > "$work/twice2.log" 2>&1; code=$?
row "a second process resumes a run that is training" "$code" "$(last_error "$work/twice2.log")" \
  "the first process goes on" "-"
kill -TERM "$pid"; wait "$pid"

if [ "$(id -u)" -eq 0 ] && mkdir -p "$work/full" && mount -t tmpfs -o size=400k tmpfs "$work/full"; then
  for size in 40 400; do
    umount "$work/full"; mount -t tmpfs -o size=${size}k tmpfs "$work/full"
    digits "" train -p smoke --set epochs=3 --quiet --runs-dir "$work/full" --data-dir data --run-name f \
      > "$work/full.log" 2>&1
    code=$?
    left="$(cd "$work/full/f" 2>/dev/null && ls | tr '\n' ' ')"
    mount -o remount,size=200m "$work/full"   # space freed: the run resumes
    digits "" train --resume "$work/full/f" --quiet > "$work/full.resume" 2>&1
    if [ $? -eq 0 ] && [ "$(metrics "$work/full/f")" == "$(metrics "$runs/ref")" ]; then result="identical"
    else result="DIFFERS: $(last_error "$work/full.resume")"; fi
    row "disk full (${size} KB), then space freed" "$code" "$(last_error "$work/full.log")" "${left:-nothing}" "$result"
  done
else
  row "disk full" "-" "skipped: needs root to mount a small tmpfs" "-" "-"
fi
