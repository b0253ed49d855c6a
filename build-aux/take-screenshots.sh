#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the screenshots kept in data/screenshots/ (referenced by the
# metainfo): every view and the preferences in the light and the dark style
# at 1400x900, and the Trending view at 360x640, from the embedded dataset,
# under Xvfb with no window manager.
#
#   build-aux/take-screenshots.sh [BUILD-DIR] [OUTPUT-DIR]
#
# BUILD-DIR defaults to _build; OUTPUT-DIR to data/screenshots. Needs
# xvfb-run; optipng (if installed) shrinks the PNGs losslessly.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$here/_build}")
out=$(realpath -m "${2:-$here/data/screenshots}")

ninja -C "$build" -j2 tests/take-screenshots data/gschemas.compiled >/dev/null
mkdir -p "$out"

# English labels, settings that start from the defaults, the schema and
# dataset of this tree; no accessibility bus to wait for.
env LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 LANGUAGE= \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
    HUBECO_DATASET_DIR="$here/data/dataset" \
    GTK_A11Y=none GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
    xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$build/tests/take-screenshots" "$out"

if command -v optipng >/dev/null; then
  optipng -quiet -o2 -strip all "$out"/*.png
fi
ls -l "$out"
