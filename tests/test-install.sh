#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# meson install into a temporary folder: the binary, desktop file, metainfo,
# icons, schema, D-Bus service and the translations of po/LINGUAS are
# installed where GNOME looks for them, and the installed hubeco runs.
#
#   tests/test-install.sh SOURCE-DIR BUILD-DIR
set -euo pipefail

src=$1
build=$2
app_id=org.example.HubEco
dest=$(mktemp -d "${TMPDIR:-/tmp}/hubeco-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT

fail () { echo "FAIL: $*" >&2; exit 1; }

option () {
  meson introspect --buildoptions "$build" |
    python3 -c "import json,sys; print(next(o['value'] for o in json.load(sys.stdin) if o['name']=='$1'))"
}

prefix=$(option prefix)
root=$dest$prefix
bindir=$root/$(option bindir)
datadir=$root/$(option datadir)
localedir=$root/$(option localedir)

meson install -C "$build" --no-rebuild --destdir "$dest" --quiet >/dev/null ||
  fail "meson install --destdir $dest"

expect () {
  [ -f "$1" ] || fail "not installed: ${1#$dest}"
  [ -s "$1" ] || fail "empty: ${1#$dest}"
  echo "ok ${1#$dest}"
}

expect "$bindir/hubeco"
[ -x "$bindir/hubeco" ] || fail "$bindir/hubeco is not executable"
expect "$datadir/applications/$app_id.desktop"
expect "$datadir/metainfo/$app_id.metainfo.xml"
expect "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
expect "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
expect "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
service=$datadir/dbus-1/services/$app_id.service
expect "$service"

# The service starts the installed binary; the desktop file asks for D-Bus
# activation under the same name.
grep -qx "Name=$app_id" "$service" || fail "the service is not named $app_id"
grep -qx "Exec=$prefix/$(option bindir)/hubeco --gapplication-service" "$service" ||
  fail "the service does not run $prefix/$(option bindir)/hubeco: $(grep Exec= "$service")"
grep -qx "DBusActivatable=true" "$datadir/applications/$app_id.desktop" ||
  fail "the desktop file does not say DBusActivatable=true"

# One catalogue per language of po/LINGUAS.
languages=$(sed -e 's/#.*//' "$src/po/LINGUAS" | tr -s ' \t' '\n' | sed '/^$/d')
for lang in $languages; do
  expect "$localedir/$lang/LC_MESSAGES/hubeco.mo"
done
echo "languages: ${languages:-none}" | tr '\n' ' '; echo

# The installed app runs with its installed schema (compiled as a package's
# post-install step would).
glib-compile-schemas --strict "$datadir/glib-2.0/schemas" || fail "the installed schema does not compile"
help=$(env -u HUBECO_DATASET_DIR GSETTINGS_SCHEMA_DIR="$datadir/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
       "$bindir/hubeco" --help 2>&1) || fail "installed hubeco --help exited with $?: $help"
grep -q "Usage" <<<"$help" || fail "installed hubeco --help printed no usage: $help"
version=$(env GSETTINGS_SCHEMA_DIR="$datadir/glib-2.0/schemas" "$bindir/hubeco" --version 2>&1) ||
  fail "installed hubeco --version: $version"
project_version=$(meson introspect --projectinfo "$build" | python3 -c "import json,sys; print(json.load(sys.stdin)['version'])")
grep -qF "$project_version" <<<"$version" || fail "installed hubeco --version says $version, not $project_version"
echo "ok hubeco --help, --version ($version)"
echo "PASS"
