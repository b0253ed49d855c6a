#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the screenshots kept in data/screenshots/ (referenced by the
# metainfo): every view and the preferences in the light and the dark style
# at 1400x900, the Trending view at 360x640, and every view and the
# preferences in French (<view>-fr.png, from the build's catalogues), from
# the embedded dataset, under Xvfb with no window manager.
#
#   build-aux/take-screenshots.sh [BUILD-DIR] [OUTPUT-DIR]
#
# BUILD-DIR defaults to _build; OUTPUT-DIR to data/screenshots. Needs
# xvfb-run and the fr_FR.UTF-8 locale; optipng (if installed) shrinks the
# PNGs losslessly.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$here/_build}")
out=$(realpath -m "${2:-$here/data/screenshots}")

ninja -C "$build" -j2 tests/take-screenshots data/gschemas.compiled hubeco-gmo >/dev/null
mkdir -p "$out"

# $1: the locale; the rest: take-screenshots's options. Settings that start
# from the defaults, the schema, catalogues and dataset of this tree; no
# accessibility bus to wait for. Xvfb puts the pointer in the middle of the
# screen: a screen of 3000x1900 keeps it off the 1400x900 window at the top
# left, so that no row shows as hovered.
shoot () {
  local lang=$1
  shift
  env LANG="$lang" LC_ALL="$lang" LANGUAGE= \
      HUBECO_LOCALEDIR="$build/po" \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
      HUBECO_DATASET_DIR="$here/data/dataset" \
      GTK_A11Y=none GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
      xvfb-run -a -s "-screen 0 3000x1900x24" \
      "$build/tests/take-screenshots" "$out" "$@"
}

shoot en_US.UTF-8
shoot fr_FR.UTF-8 --french

if command -v optipng >/dev/null; then
  optipng -quiet -o2 -strip all "$out"/*.png
fi
ls -l "$out"
