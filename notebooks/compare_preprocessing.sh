#!/usr/bin/env bash
# Checks that notebooks/mnist_preprocess.py (numpy, Pillow) gives the Java program's 28x28 model input within
# 1/255, on test images it draws itself. Uses Debian's python3 with python3-numpy and python3-pil, installed with
# apt-get when missing (as root). Builds the program first if needed (bin/digits).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import numpy, PIL" 2>/dev/null; then
  echo "Installing python3-numpy and python3-pil from Debian's packages..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-numpy python3-pil >/dev/null
fi
exec /usr/bin/python3 notebooks/compare_preprocessing.py
