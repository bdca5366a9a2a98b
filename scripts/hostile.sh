#!/usr/bin/env bash
# Hostile and degenerate inputs against `predict` and `serve`: builds the corpus (scripts/hostile_corpus.py: bombs,
# lying headers, huge dimensions and tiles, thousands of pieces of ink, truncated files, unusual formats), then
# prints for each file the answer, the seconds and the peak memory of a `predict` process, and the HTTP status and
# seconds of `serve`'s /v1/read, with the server's resident memory after it. A row passes when the answer is one
# clean line (or a 4xx) within 5 s and 512 MB above reading a plain digit. Then 8 clients send the corpus for 60 s
# while an ordinary client reads a real zip code, and read-batch reads the corpus mixed into real images.
#   usage: scripts/hostile.sh [-m MODEL]      (without -m: the model predict would choose)
set -uo pipefail
cd "$(dirname "$0")/.."
out=runs/hostile
corpus=$out/corpus
mkdir -p "$out"
[ -f "$corpus/json-deep-nesting.json" ] || python3 scripts/hostile_corpus.py "$corpus" >/dev/null
bin/digits --version >/dev/null  # builds the program first when needed
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null' EXIT

measure() {  # FILE [OPTIONS] -> "rc seconds peak_kb" and $tmp/out, $tmp/err
  local file=$1
  shift
  /usr/bin/time -o "$tmp/time" -f "%e %M" timeout 120 bin/digits predict "$@" "$file" >"$tmp/out" 2>"$tmp/err"
  echo "$? $(tail -1 "$tmp/time")"
}
read -r _ base_s base_kb <<<"$(measure "$corpus/plain-one.png" "$@")"
printf "predict, one process per file (baseline: a plain digit, %.1f s, %d MB peak)\n" "$base_s" $((base_kb / 1024))
printf "%-28s %4s %7s %8s %6s  %s\n" file exit seconds "peak MB" verdict answer
fails=0
for f in "$corpus"/*; do
  name=$(basename "$f")
  case $name in *.json) continue ;; esac
  read -r rc s kb <<<"$(measure "$f" "$@")"
  lines=$(grep -vc '^Using ' "$tmp/err")
  answer=$(head -c 90 "$tmp/out" | head -1 | cut -f2-3)
  [ -z "$answer" ] && answer=$(grep -v '^Using ' "$tmp/err" | head -1 | cut -c1-110)
  ok=pass
  if [ "$rc" -gt 2 ] || [ "$lines" -gt 1 ] || grep -q 'Exception\|Error:\|^\s*at ' "$tmp/err"; then ok=FAIL; fi
  if awk "BEGIN{exit !($s > $base_s + 5 || $kb > $base_kb + 524288)}"; then ok=FAIL; fi
  [ $ok = FAIL ] && fails=$((fails + 1))
  printf "%-28s %4s %7.2f %8d %6s  %s\n" "$name" "$rc" "$s" $((kb / 1024)) "$ok" "$answer"
done

log=$tmp/serve.log
bin/digits serve "$@" --port 0 >"$log" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 120); do grep -q 'Serving' "$log" && break; sleep 0.5; done
url=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
pid=$(pgrep -n -f 'digits.cli.Main serve' || pgrep -n -f 'digits.jar serve')  # the program runs in a child JVM
rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status"; }
idle=$(rss)
printf "\nserve (%s), one request per file; idle resident memory %d MB\n" "$url" "$idle"
printf "%-28s %6s %7s %8s %6s  %s\n" file status seconds "RSS MB" verdict answer
for f in "$corpus"/*; do
  name=$(basename "$f")
  type=application/octet-stream
  path=/v1/read
  case $name in *.json) type=application/json; path=/v1/predict ;; esac
  res=$(curl -s -m 60 -o "$tmp/body" -w "%{http_code} %{time_total}" -H "Content-Type: $type" --data-binary @"$f" "$url$path")
  read -r code s <<<"$res"
  mb=$(rss)
  ok=pass
  if [ "$code" = 000 ] || [ "$code" -ge 500 ]; then ok=FAIL; fi
  if awk "BEGIN{exit !($s > 5 || $mb > $idle + 512)}"; then ok=FAIL; fi
  [ $ok = FAIL ] && fails=$((fails + 1))
  printf "%-28s %6s %7.2f %8d %6s  %s\n" "$name" "$code" "$s" "$mb" "$ok" "$(head -c 100 "$tmp/body")"
done

# 8 clients send the corpus in a loop for 60 s while an ordinary client reads a real zip code
zip=data/devset/heldout/usps-zip/0000.png
truth=$(grep -m1 '^heldout/usps-zip/0000.png,' data/devset/labels.csv 2>/dev/null | cut -d, -f2)
if [ ! -f "$zip" ] || [ -z "$truth" ]; then zip=$corpus/plain-one.png; truth=1; fi
end=$((SECONDS + 60))
for c in $(seq 8); do
  ( while [ $SECONDS -lt $end ]; do
      for f in "$corpus"/*; do
        [ $SECONDS -lt $end ] || break
        type=application/octet-stream; path=/v1/read
        case $f in *.json) type=application/json; path=/v1/predict ;; esac
        curl -s -m 30 -o /dev/null -H "Content-Type: $type" --data-binary @"$f" "$url$path"
      done
    done ) &
done
: >"$tmp/ordinary"; : >"$tmp/texts"
while [ $SECONDS -lt $end ]; do
  curl -s -m 30 -o "$tmp/zip" -w "%{http_code} %{time_total}\n" -H "Content-Type: image/png" --data-binary @"$zip" \
    "$url/v1/read" >>"$tmp/ordinary"
  grep -o '"text":"[0-9]*"' "$tmp/zip" | cut -d'"' -f4 >>"$tmp/texts"
done
wait $(jobs -p | grep -v "^$server$") 2>/dev/null
n=$(wc -l <"$tmp/ordinary")
ok=$(grep -c '^200 ' "$tmp/ordinary")
right=$(grep -cx "$truth" "$tmp/texts")
p99=$(awk '{print $2}' "$tmp/ordinary" | sort -g | awk '{v[NR]=$1} END{i=int(NR*0.99); if(i<1)i=1; print v[i]}')
printf "\nunder 8 clients sending the corpus for 60 s: the ordinary client's %d reads of %s: %d answered 200, %d read %s, p99 %.2f s; peak RSS %d MB\n" \
  "$n" "$zip" "$ok" "$right" "$truth" "$p99" "$(awk '/VmHWM/{print int($2/1024)}' "/proc/$pid/status")"
awk "BEGIN{exit !($p99 >= 1)}" && fails=$((fails + 1))
[ "$right" -eq "$n" ] || fails=$((fails + 1))
code=$(curl -s -o /dev/null -w "%{http_code}" -H "Content-Type: application/octet-stream" --data-binary @"$corpus/plain-one.png" "$url/v1/read")
ready=$(curl -s "$url/readyz")
echo "after it: a plain digit gets $code; /readyz: $ready"
[ "$code" = 200 ] || fails=$((fails + 1))
kill "$server" 2>/dev/null
server=

# read-batch over the corpus mixed into real images: one error row per hostile file, predict's answers for the rest
mixed=$tmp/mixed
mkdir -p "$mixed"
cp "$corpus"/* "$mixed"/
rm -f "$mixed"/*.json
for f in data/devset/heldout/usps-zip/000*.png data/devset/heldout/font-digit/000*.png; do
  [ -f "$f" ] && cp "$f" "$mixed/real-$(basename "$(dirname "$f")")-$(basename "$f")"
done
bin/digits read-batch "$@" "$mixed" --output "$tmp/rows" --format csv >"$tmp/batch.out" 2>"$tmp/batch.err"
batch_rc=$?
cat "$tmp/batch.out"
bin/digits predict "$@" --csv "$mixed" >"$tmp/predict.csv" 2>/dev/null
python3 - "$tmp/rows" "$tmp/predict.csv" "$mixed" <<'PY' || fails=$((fails + 1))
import csv, glob, os, sys
rows = {}
for part in glob.glob(os.path.join(sys.argv[1], "*.csv")):
    for r in csv.DictReader(open(part)):
        rows[os.path.basename(r["path"])] = r
answers = {os.path.basename(r["file"]): r["answer"] for r in csv.DictReader(open(sys.argv[2]))}
files = sorted(os.listdir(sys.argv[3]))
errors = [f for f in files if rows.get(f, {}).get("error")]
same = [f for f in files if f in answers and rows.get(f, {}).get("text") == answers[f]]
read = [f for f in files if f in answers]
print(f"read-batch: {len(rows)} rows for {len(files)} files, {len(errors)} error rows; "
      f"{len(same)} of the {len(read)} files predict reads have the same text")
sys.exit(0 if len(rows) == len(files) and len(same) == len(read) else 1)
PY
[ "$batch_rc" -eq 0 ] || { fails=$((fails + 1)); head -3 "$tmp/batch.err"; }
echo "$fails row(s) failed"
[ "$fails" -eq 0 ]
