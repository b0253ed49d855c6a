#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Flatpak stage of `hubeco-dev test` (alone: `hubeco-dev flatpak`).
#
#   standin.sh OUT_DIR DUCKDB_DIR HOST_BUILD_DIR
#
# The GNOME runtime cannot be downloaded here, so this builds HubEco's real manifest
# (org.example.HubEco.json) against a stand-in runtime and SDK made from Debian 12's own
# packages (standin-platform.txt, standin-sdk.txt), then installs the bundle and checks the
# installed app from outside, as a desktop would run it:
#   1. the stand-in runtime: debootstrap (the mirror taken from this machine's apt
#      configuration), exported to a local OSTree repository and installed; cached in
#      ~/.cache/hubeco-deps/flatpak-standin under a branch named for the package lists;
#   2. the variant manifest (OUT_DIR/org.example.HubEco.standin.json): the real one with the
#      stand-in's names, DuckDB from the local files `hubeco-dev duckdb` provides (the real
#      manifest builds it from its release source, which cannot be fetched offline), and the
#      core and charts suites run inside the build sandbox;
#   3. flatpak-builder, build-bundle, install --bundle;
#   4. the checks: the CLI on the embedded data, a sync from a local test server, the window
#      in English and in French (screenshots in OUT_DIR/screenshots), an export, and no way
#      out of the sandbox's data folder.
# Every check is one line of OUT_DIR/testlog.json (meson's format), counted by
# test-summary.py; a failing check prints the app's own output. Nothing touches the user's
# own Flatpak installation or ~/.var/app: the installation is FLATPAK_USER_DIR under the
# cache, and the app runs with HOME=OUT_DIR/home.
set -uo pipefail

out=$1
duckdb_dir=$2
host_build=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
app_id=org.example.HubEco
standin=org.hubeco.StandIn
# Raised when the way the runtime is made changes (not the package lists: they are hashed).
recipe=2

cache=${XDG_CACHE_HOME:-$HOME/.cache}/hubeco-deps/flatpak-standin
export FLATPAK_USER_DIR=$cache/installation
mkdir -p "$out" "$cache" "$FLATPAK_USER_DIR"
log=$out/testlog.json
: > "$log"

# record NAME STATUS START_SECONDS OUTPUT_FILE: one line of the test log.
record () {
  local name=$1 status=$2 start=$3 output=$4
  python3 - "$log" "$name" "$status" "$start" "$output" <<'EOF'
import json, sys, time
log, name, status, start, output = sys.argv[1:]
text = open(output, encoding="utf-8", errors="replace").read() if output else ""
with open(log, "a", encoding="utf-8") as f:
    f.write(json.dumps({"name": "flatpak / " + name,
                        "result": "OK" if status == "0" else "FAIL",
                        "duration": time.time() - float(start),
                        "stdout": text[-20000:]}) + "\n")
EOF
  if [ "$status" = 0 ]; then
    printf '%-52s OK   %4ss\n' "flatpak / $name" "$(( $(date +%s) - ${start%.*} ))"
  else
    printf '%-52s FAIL\n' "flatpak / $name"
    [ -n "$output" ] && sed 's/^/    /' "$output" | tail -n 60
  fi
}

# check NAME COMMAND...: runs COMMAND, its output kept in OUT_DIR/logs/NAME.log, and
# records the result.
check () {
  local name=$1 start status output=$out/logs/$1.log
  shift
  start=$(date +%s.%N)
  mkdir -p "$out/logs"
  echo "flatpak / $name … (output in $output)"
  "$@" > "$output" 2>&1
  status=$?
  record "$name" "$status" "$start" "$output"
  return "$status"
}

package_list () {
  grep -hv '^#' "$here/build-aux/flatpak/$1" | tr -s ' \n' ' '
}

platform_packages=$(package_list standin-platform.txt)
sdk_packages="$platform_packages $(package_list standin-sdk.txt)"
key=$( { echo "$recipe"; echo "$platform_packages"; echo "$sdk_packages"; } | sha256sum | cut -c1-12)
branch=bookworm-$key

# The Debian archive this machine's apt uses (bookworm and its updates and security suites).
apt_lines () {
  apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' "Created-By: Packages" |
    sort -u | awk '$2 ~ /^bookworm/ && $3 == "main" { print "deb " $1 " " $2 " main" }'
}

# The runtime's /usr, /etc moved to /usr/etc as Flatpak mounts it, and the two things a
# Flatpak runtime adds: /app/lib on the library path and the locales the app ships.
make_trees () {
  local work=$1 root=$1/root mirror
  mirror=$(apt_lines | awk '$3 == "bookworm" { print $2; exit }')
  [ -n "$mirror" ] || { echo "No bookworm mirror in this machine's apt configuration"; return 1; }
  rm -rf "$work"
  mkdir -p "$work"
  echo "debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$root" "$mirror" || return 1
  apt_lines > "$root/etc/apt/sources.list"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc" || return 1
  chroot "$root" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $sdk_packages && apt-get clean"
  local status=$?
  if [ $status -eq 0 ]; then
    for l in en_US fr_FR de_DE; do chroot "$root" localedef -i "$l" -f UTF-8 "$l.UTF-8" || status=1; done
    # Which packages only the SDK needs: everything installed but the platform's list and
    # the base system (priority required, or essential), with all their dependencies.
    chroot "$root" sh -c "apt-cache depends --recurse --installed --no-recommends --no-suggests \
        --no-conflicts --no-breaks --no-replaces --no-enhances $platform_packages \
        \$(dpkg-query -W -f '\${Package} \${Priority} \${Essential}\n' | awk '\$2 == \"required\" || \$3 == \"yes\" { print \$1 }')" |
      grep -v '^[ <]' | sed 's/:amd64$//' | sort -u > "$work/platform-closure.txt"
    chroot "$root" dpkg-query -W -f '${Package}\n' | sort -u > "$work/installed.txt"
    comm -23 "$work/installed.txt" "$work/platform-closure.txt" > "$work/sdk-only.txt"
    # shellcheck disable=SC2046
    chroot "$root" dpkg -L $(cat "$work/sdk-only.txt") 2>/dev/null | sort -u > "$work/sdk-only-files.txt"
  fi
  umount "$root/proc"
  [ $status -eq 0 ] || return 1
  echo "/app/lib" > "$root/etc/ld.so.conf.d/app.conf"
  rm -f "$root/etc/resolv.conf"
  mkdir -p "$work/sdk"
  mv "$root/usr" "$work/sdk/files"
  mv "$root/etc" "$work/sdk/files/etc"
  mkdir -p "$work/platform"
  cp -al "$work/sdk/files" "$work/platform/files"
  # Remove the SDK-only packages' files (not their folders) from the platform.
  python3 - "$work/platform/files" "$work/sdk-only-files.txt" <<'PY'
import os, sys
files, listing = sys.argv[1:]
removed = 0
for line in open(listing, encoding="utf-8", errors="surrogateescape"):
    f = line.rstrip("\n")
    for prefix, into in (("/usr/", ""), ("/etc/", "etc/")):
        if f.startswith(prefix):
            p = os.path.join(files, into + f[len(prefix):])
            if os.path.islink(p) or os.path.isfile(p):
                os.unlink(p)
                removed += 1
print(f"platform: {removed} files of SDK-only packages removed")
PY
  for kind in Sdk Platform; do
    printf '[Runtime]\nname=%s\nruntime=%s\nsdk=%s\n' "$standin.$kind" \
      "$standin.Platform/x86_64/$branch" "$standin.Sdk/x86_64/$branch" > "$work/${kind,,}/metadata"
  done
  echo "platform: $(wc -l < "$work/platform-closure.txt") packages; SDK adds $(wc -l < "$work/sdk-only.txt")"
}

make_runtime () {
  if flatpak --user info "$standin.Sdk//$branch" >/dev/null 2>&1 &&
     flatpak --user info "$standin.Platform//$branch" >/dev/null 2>&1; then
    echo "The stand-in runtime $standin.Platform//$branch is cached in $FLATPAK_USER_DIR"
    return 0
  fi
  local work=$cache/work repo=$cache/repo
  make_trees "$work" || return 1
  rm -rf "$repo"
  flatpak build-export --runtime --files=files "$repo" "$work/sdk" "$branch" || return 1
  flatpak build-export --runtime --files=files "$repo" "$work/platform" "$branch" || return 1
  flatpak --user remote-add --if-not-exists --no-gpg-verify hubeco-standin "file://$repo" || return 1
  flatpak --user install -y --noninteractive hubeco-standin "$standin.Platform//$branch" "$standin.Sdk//$branch" || return 1
  # The installation keeps its own copy; older stand-ins (other package lists) go.
  rm -rf "$work" "$repo"
  flatpak --user list --runtime --columns=ref | grep "^$standin\." | grep -v "/$branch\$" |
    xargs -r flatpak --user uninstall -y --noninteractive
  true
}

variant_manifest () {
  python3 - "$here" "$duckdb_dir" "$standin" "$branch" "$out/$app_id.standin.json" <<'EOF'
import json, os, sys
here, duckdb_dir, standin, branch, target = sys.argv[1:]
with open(os.path.join(here, "build-aux", "flatpak", "org.example.HubEco.json"), encoding="utf-8") as f:
    m = json.load(f)
m["runtime"], m["sdk"], m["runtime-version"] = standin + ".Platform", standin + ".Sdk", branch
modules = []
for mod in m["modules"]:
    if mod["name"] == "duckdb":
        # The same files in /app as the real module installs, from the pinned release binary.
        mod = {"name": "duckdb", "buildsystem": "simple",
               "build-commands": ["install -Dm755 libduckdb.so /app/lib/libduckdb.so",
                                  "install -Dm644 duckdb.h /app/include/duckdb.h"],
               "sources": [{"type": "file", "path": os.path.join(duckdb_dir, "lib", "libduckdb.so")},
                           {"type": "file", "path": os.path.join(duckdb_dir, "include", "duckdb.h")}]}
    elif mod["name"] == "hubeco":
        mod = dict(mod)
        src = dict(mod["sources"][0])
        src["path"] = here
        src["skip"] = sorted(set(src.get("skip", [])) | {".git"} |
                             {n for n in os.listdir(here) if n.startswith("_build") or n.startswith("build-")
                              and n != "build-aux"})
        mod["sources"] = [src]
        mod["run-tests"] = True
        mod["test-rule"] = ""
        mod["test-commands"] = ["meson test --suite core --suite charts "
                                "--print-errorlogs --num-processes 2"]
    modules.append(mod)
m["modules"] = modules
with open(target, "w", encoding="utf-8") as f:
    json.dump(m, f, indent=2)
EOF
}

build_app () {
  variant_manifest || return 1
  flatpak-builder --user --disable-rofiles-fuse --force-clean --ccache=false \
    --state-dir="$out/state" --repo="$out/repo" "$out/app" "$out/$app_id.standin.json" || return 1
  flatpak build-bundle "$out/repo" "$out/$app_id.flatpak" "$app_id" || return 1
  ls -l "$out/$app_id.flatpak"
}

install_app () {
  flatpak --user install -y --noninteractive --reinstall --bundle "$out/$app_id.flatpak" || return 1
  flatpak --user info "$app_id"
}

# The sandboxed app, as a desktop runs it, with HOME=OUT_DIR/home.
app () {
  HOME=$out/home flatpak run "$@"
}

data_dir=$out/home/.var/app/$app_id/data

check_list () {
  local csv
  csv=$(app --command=hubeco "$app_id" list --limit 5 --format csv) || return 1
  echo "$csv"
  [ "$(echo "$csv" | tail -n +2 | grep -c .)" -eq 5 ] || { echo "expected 5 rows"; return 1; }
  [ -s "$data_dir/hubeco/hubeco.db" ] || { echo "no database in $data_dir/hubeco"; return 1; }
  ls -l "$data_dir/hubeco/hubeco.db"
}

# A sync inside the sandbox stores a new complete snapshot of what the local Hub served.
check_sync () {
  local server_out pid status url db=$data_dir/hubeco/hubeco.db before rows
  server_out=$(mktemp)
  "$host_build/tests/hub-test-server" --port 0 > "$server_out" 2>&1 &
  pid=$!
  for _ in $(seq 50); do grep -q 'http://' "$server_out" && break; sleep 0.1; done
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$server_out" | head -n 1)
  if [ -z "$url" ]; then cat "$server_out"; kill $pid; return 1; fi
  echo "local Hub at $url"
  before=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM snapshots WHERE series = 'sync:trending'")
  app --env=HF_ENDPOINT="$url" --command=hubeco "$app_id" sync --scope trending --limit 600
  status=$?
  kill $pid
  wait $pid 2>/dev/null
  rows=$(sqlite3 "$db" "SELECT count(*) FROM snapshot_rows WHERE snapshot_id =
      (SELECT max(id) FROM snapshots WHERE series = 'sync:trending' AND complete AND id > $before)")
  echo "the new sync:trending snapshot in the sandbox's database holds $rows models"
  [ $status -eq 0 ] && [ "$rows" -eq 600 ]
}

check_export () {
  local png=$data_dir/share.png
  rm -f "$png"
  app --command=hubeco "$app_id" export-chart share --output "$HOME_IN_SANDBOX/.var/app/$app_id/data/share.png" || return 1
  python3 - "$png" <<'EOF' || return 1
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
print(f"{sys.argv[1]}: PNG {w}×{h}, {len(data)} bytes")
assert w >= 400 and h >= 300, "too small"
EOF
}

# Without filesystem permissions, a file written outside the app's own folders stays in
# the sandbox's private view of the home folder and never reaches the real one.
check_confined () {
  local outside=$out/home/outside.png
  rm -f "$outside"
  app --command=hubeco "$app_id" export-chart share --output "$HOME_IN_SANDBOX/outside.png"
  echo "exit status inside the sandbox: $?"
  [ ! -e "$outside" ] || { echo "$outside reached the real home folder"; return 1; }
  echo "$outside did not reach the real home folder"
}

# The window under Xvfb and a session bus, as a desktop has: a screenshot once it has
# drawn, then closed. A GLib or GTK critical or warning from the app fails the check.
check_window () {
  local name=$1 shot=$out/screenshots/flatpak-$1.png applog=$out/logs/window-$1-app.log
  shift
  mkdir -p "$out/screenshots"
  rm -f "$shot"
  xvfb-run -a -s "-screen 0 1400x900x24" env "$@" dbus-run-session -- bash -c '
    HOME='"$out/home"' flatpak run '"$app_id"' > "'"$applog"'" 2>&1 &
    pid=$!
    for i in $(seq 60); do
      xwininfo -root -tree 2>/dev/null | grep -q "\"HubEco\"" && break
      sleep 0.5
    done
    sleep 4
    wid=$(xwininfo -root -tree | awk "/\"HubEco\"/ { print \$1; exit }")
    if [ -n "$wid" ]; then xwininfo -id "$wid" | grep -E "Width|Height"; import -window "$wid" "'"$shot"'";
    else echo "no HubEco window"; fi
    kill $pid; wait $pid 2>/dev/null; true'
  grep -v '^dbus-daemon' "$applog"
  [ -s "$shot" ] || return 1
  if grep -E -- '-(CRITICAL|WARNING) \*\*' "$applog"; then
    echo "the app warned (above)"
    return 1
  fi
  python3 - "$shot" <<'EOF2'
import subprocess, sys
colors = int(subprocess.run(["identify", "-format", "%k", sys.argv[1]], capture_output=True, text=True).stdout or 0)
print(f"{sys.argv[1]}: {colors} colours")
# An empty or failed window draws a handful of colours; a drawn one, text and charts, hundreds.
sys.exit(0 if colors > 64 else 1)
EOF2
}

check_translations () {
  local text
  text=$(app --env=LANG=fr_FR.UTF-8 --env=LANGUAGE=fr --env=TEXTDOMAINDIR=/app/share/locale \
      --command=gettext "$app_id" -d hubeco "Trending") || return 1
  echo "“Trending” in the sandbox, in French: “$text”"
  [ "$text" != "Trending" ]
}

# Inside the sandbox HOME is the same path as outside (OUT_DIR/home).
HOME_IN_SANDBOX=$out/home
rm -rf "$out/home"
mkdir -p "$out/home"
[ -n "${XDG_RUNTIME_DIR:-}" ] || { export XDG_RUNTIME_DIR=$out/runtime; mkdir -p -m 0700 "$XDG_RUNTIME_DIR"; }

started=$(date +%s)
check runtime make_runtime &&
  check build-and-test-in-sandbox build_app &&
  check install-bundle install_app &&
  { check list-embedded-data check_list
    check sync-from-local-hub check_sync
    check export-chart check_export
    check confined-to-its-folders check_confined
    check translations check_translations
    check window-english check_window en LANG=en_US.UTF-8
    check window-french check_window fr LANG=fr_FR.UTF-8 LANGUAGE=fr; }
echo "Flatpak stage: $(( $(date +%s) - started )) s"
! grep -q '"result": "FAIL"' "$log"
