#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file that marks strings for translation (_(), N_(), C_(),
# translatable="yes") is listed in POTFILES.in, or its strings never reach
# the catalogues (three files had slipped out).
#   check-potfiles.sh SOURCE-ROOT
set -eu
root=$1
missing=0
cd "$root"
for f in $(find src -name '*.c' -o -name '*.ui' | sort); do
  if grep -q -E '(^|[^A-Za-z0-9_])(N|C|)_\(|translatable="yes"' "$f" && ! grep -qx "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    missing=$((missing + 1))
  fi
done
echo "$missing source files with translatable strings missing from po/POTFILES.in"
[ "$missing" -eq 0 ]
