#!/usr/bin/env bash
# Makes the real-world development set (data/devset): installs the handwriting fonts it is drawn in and those the
# `reader` profile trains on (Debian packages; needs root or sudo), then runs `digits devset`. Same seed, same
# fonts: same images.
set -euo pipefail
cd "$(dirname "$0")/.."
fonts="fonts-comic-neue fonts-klee fonts-rufscript fonts-tlwg-purisa fonts-sjfonts fonts-kristi fonts-seto \
fonts-yozvox-yozfont fonts-havana fonts-lobster \
fonts-ecolier-court fonts-kiloji fonts-leckerli-one fonts-opendyslexic fonts-aoyagi-soseki fonts-kouzan-mouhitsu \
fonts-nanum-extra fonts-tomsontalks fonts-yusei-magic fonts-aoyagi-kouzan-t fonts-navilu"
missing=""
for p in $fonts; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing
fi
mvn -B -q compile exec:java -Dexec.args="devset $*"
