#!/usr/bin/env bash
# Executes the notebooks headlessly against a run folder and writes the executed copies to runs/notebooks/.
#   bash notebooks/run.sh [runs/<name>]
# Without an argument it first makes a short run (the smoke profile, seconds) so there is something to read.
# Needs Debian's jupyter-nbconvert, python3-pandas, python3-matplotlib, python3-seaborn and python3-ipykernel;
# installs them with apt-get when missing (as root). TensorFlow for Python is optional: the notebook that
# loads the SavedModel says plainly when it is absent and skips only those cells.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c "import nbconvert, pandas, matplotlib, seaborn, ipykernel" 2>/dev/null; then
  echo "Installing the notebook tools from Debian's packages..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jupyter-nbconvert \
    python3-pandas python3-matplotlib python3-seaborn python3-ipykernel >/dev/null
fi

run="${1:-}"
if [ -z "$run" ]; then
  name="notebook-check-$(date +%Y%m%d-%H%M%S)"
  mvn -B -q compile exec:java -Dexec.args="train --profile smoke --run-name $name --quiet" >&2
  run="runs/$name"
fi
[ -f "$run/summary.properties" ] || { echo "notebooks/run.sh: $run is not a finished run folder" >&2; exit 2; }

export DIGITS_RUN="$(cd "$run" && pwd)"
mkdir -p runs/notebooks
for notebook in notebooks/*.ipynb; do
  /usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
    --output-dir runs/notebooks "$notebook"
done
echo "Executed notebooks against $run: runs/notebooks/"
