#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Resource limits at full size, run by hand (minutes, several GB of scratch):
#
#   bench/resource-limits.sh BUILD_DIR [SCRATCH_DIR]
#
# Generates each hostile input into SCRATCH_DIR (default: a temporary folder,
# removed at the end), runs `hubeco import` on it against a small database
# under /usr/bin/time -v, and prints the exit status, elapsed time, peak RSS
# and the first lines of the output. tests/test-input-limits.c checks the
# same cases scaled down. The cases:
#
#   json-array-1g   a 1 GB JSON array (one /api/models page saved whole): a JSON
#                   document is held in memory whole (json-glib needs ~15 times its
#                   size), so above 128 MB it is refused with a message (read up to
#                   the cap, then dropped).
#   jsonl-1g        the same 1 GB as JSONL: streamed entry by entry, bounded memory.
#   string-100m     one JSONL entry with a 100 MB string field: the line is over the
#                   64 MB line cap, rejected with a message, the other lines stored.
#   string-100m-doc the 100 MB field inside a small JSON array document (under the
#                   128 MB cap): parsed whole, the field (over 64 KB) dropped with a
#                   warning, the entry stored.
#   nest-10k        10,000 levels of nested arrays in an entry: json-glib 1.6 has no
#                   depth limit (it overflows an 8 MB stack near 100,000 levels);
#                   HubEco refuses more than 512 levels before parsing.
#   nest-1m         1,000,000 levels: the same message, no crash.
#   csv-10m         a 10 million-row history CSV (100 snapshots): streamed in
#                   batches; memory bounded by the page cache and one batch.
#   csv-10m-bad     10 million bad rows: each counted, 10,000 messages kept.
set -euo pipefail

build=${1:?usage: $0 BUILD_DIR [SCRATCH_DIR]}
hubeco=$(cd "$build" && pwd)/src/hubeco
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -n "${2:-}" ]; then
  scratch=$2
  mkdir -p "$scratch"
else
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
fi
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory

# A database with a few models, so that the embedded dataset is not built first.
base="$scratch/base.db"
rm -f "$base"
"$hubeco" import --db "$base" "$here/tests/data/array-page.json" >/dev/null

entry () {  # entry N: one small model entry
  printf '{"id":"bench/m%d","author":"bench","downloads":%d,"likes":1,"tags":["transformers","base_model:finetune:bench/m0"]}' "$1" "$1"
}

gen_json_array_1g () {
  python3 - "$scratch/json-array-1g.json" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("[")
    i, size = 0, 0
    while size < 1 << 30:
        s = ('%s{"id":"bench/m%d","author":"bench","downloads":%d,"likes":1,'
             '"tags":["transformers","base_model:finetune:bench/m0"],"cardData":{"license":"mit"}}'
             % ("," if i else "", i, i))
        f.write(s)
        size += len(s)
        i += 1
    f.write("]")
EOF
}

gen_jsonl_1g () {
  python3 - "$scratch/jsonl-1g.jsonl" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    i, size = 0, 0
    while size < 1 << 30:
        s = ('{"id":"bench/m%d","author":"bench","downloads":%d,"likes":1,'
             '"tags":["transformers","base_model:finetune:bench/m0"],"cardData":{"license":"mit"}}\n'
             % (i, i))
        f.write(s)
        size += len(s)
        i += 1
EOF
}

gen_string_100m () {
  { entry 1; echo
    printf '{"id":"bench/huge","pipeline_tag":"'; head -c 104857600 /dev/zero | tr '\0' x; echo '"}'
    entry 2; echo; } > "$scratch/string-100m.jsonl"
  { printf '['; entry 1; printf ',{"id":"bench/huge","pipeline_tag":"'
    head -c 104857600 /dev/zero | tr '\0' x; printf '"},'; entry 2; echo ']'; } > "$scratch/string-100m-doc.json"
}

gen_nest () {  # gen_nest NAME DEPTH
  python3 - "$scratch/$1.jsonl" "$2" <<'EOF'
import sys
d = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write('{"id":"bench/a","downloads":1}\n')
    f.write('{"id":"bench/deep","cardData":' + "[" * d + "]" * d + '}\n')
    f.write('{"id":"bench/b","downloads":2}\n')
EOF
}

gen_csv () {  # gen_csv NAME GOOD
  python3 - "$scratch/$1.csv" "$2" <<'EOF'
import sys
good = sys.argv[2] == "1"
with open(sys.argv[1], "w") as f:
    f.write("captured_at,id,downloads,likes,trendingScore\n")
    rows = 10_000_000
    per_snapshot = rows // 100
    for s in range(100):
        when = "2026-%02d-%02dT06:00:00Z" % (1 + s // 28, 1 + s % 28) if good else "not-a-date"
        f.write("".join("%s,bench/m%d,%d,%d,0\n" % (when, i, i * 7 + s, i % 13)
                        for i in range(per_snapshot)))
EOF
}

run () {  # run NAME FILE
  local db="$scratch/$1.db" out="$scratch/$1.out" status=0
  cp "$base" "$db"
  /usr/bin/time -v -o "$scratch/$1.time" "$hubeco" import --db "$db" "$2" >"$out" 2>&1 || status=$?
  printf '%-16s exit %d  %6.1f s  peak RSS %5d MB  file %5d MB  db %5d MB\n' "$1" "$status" \
    "$(grep 'Elapsed (wall clock)' "$scratch/$1.time" | awk -F': ' '{split($2,t,":"); print (length(t)==3 ? t[1]*3600+t[2]*60+t[3] : t[1]*60+t[2])}')" \
    "$(( $(grep 'Maximum resident set size' "$scratch/$1.time" | awk '{print $NF}') / 1024 ))" \
    "$(( $(stat -c %s "$2") / 1048576 ))" "$(( $(stat -c %s "$db") / 1048576 ))"
  cut -c1-200 "$out" | head -n 6 | sed 's/^/    /'
  rm -f "$db" "$db-wal" "$db-shm"
}

cases=${CASES:-"json-array-1g jsonl-1g string-100m string-100m-doc nest-10k nest-1m csv-10m csv-10m-bad"}
for c in $cases; do
  case $c in
    json-array-1g)   gen_json_array_1g; run "$c" "$scratch/json-array-1g.json"; rm -f "$scratch/json-array-1g.json" ;;
    jsonl-1g)        gen_jsonl_1g; run "$c" "$scratch/jsonl-1g.jsonl"; rm -f "$scratch/jsonl-1g.jsonl" ;;
    string-100m)     gen_string_100m; run "$c" "$scratch/string-100m.jsonl" ;;
    string-100m-doc) [ -f "$scratch/string-100m-doc.json" ] || gen_string_100m
                     run "$c" "$scratch/string-100m-doc.json"; rm -f "$scratch"/string-100m* ;;
    nest-10k)        gen_nest "$c" 10000; run "$c" "$scratch/$c.jsonl" ;;
    nest-1m)         gen_nest "$c" 1000000; run "$c" "$scratch/$c.jsonl" ;;
    csv-10m)         gen_csv "$c" 1; run "$c" "$scratch/$c.csv"; rm -f "$scratch/$c.csv" ;;
    csv-10m-bad)     gen_csv "$c" 0; run "$c" "$scratch/$c.csv"; rm -f "$scratch/$c.csv" ;;
    *) echo "unknown case $c" >&2; exit 2 ;;
  esac
done
