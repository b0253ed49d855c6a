#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-po.sh MSGFMT FILE.po: fails when FILE.po does not compile with
# --check --check-format or has an untranslated or fuzzy message.
set -u
msgfmt=$1
po=$2
[ -f "$po" ] || { echo "$po: missing (listed in LINGUAS)"; exit 1; }
stats=$("$msgfmt" --check --check-format --statistics -o /dev/null "$po" 2>&1)
status=$?
echo "$stats"
[ $status -eq 0 ] || { echo "$po: msgfmt --check failed"; exit 1; }
case "$stats" in
  *untranslated*|*fuzzy*) echo "$po: incomplete"; exit 1 ;;
esac
echo "$po: complete"
