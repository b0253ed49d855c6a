#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What a screen reader hears: runs the app on the embedded dataset under
# Xvfb with an accessibility bus and prints every control's role and name
# as AT-SPI (Orca's bus) reports them (read-accessibility.py).
# The UI test tests/test-ui-accessible.c checks the same through GTK's API;
# this is the ear-check for a person.
#
#   build-aux/read-accessibility.sh [BUILD-DIR] [LOCALE]
#
# Needs python3-pyatspi and at-spi2-core.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$here/_build}")
lang=${2:-en_US.UTF-8}
db=$(mktemp -d)/hubeco.db

ninja -C "$build" -j2 src/hubeco data/gschemas.compiled hubeco-gmo >/dev/null

exec env LANG="$lang" LC_ALL="$lang" LANGUAGE= HUBECO_LOCALEDIR="$build/po" \
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
  HUBECO_DATASET_DIR="$here/data/dataset" GDK_BACKEND=x11 GTK_A11Y=atspi \
  xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- bash -c '
    /usr/libexec/at-spi-bus-launcher --launch-immediately &
    sleep 1
    "$0" --db "$1" &
    app=$!
    sleep 6
    status=0
    /usr/bin/python3 "$2" hubeco || status=$?
    kill $app
    exit $status' "$build/src/hubeco" "$db" "$here/build-aux/read-accessibility.py"
