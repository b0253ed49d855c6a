#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints the plain closing line CI reads, from meson's testlog.json files.

    test-summary.py TESTLOG.json [TESTLOG.json...]

Each test program counts once per run (the normal build, then the
AddressSanitizer build, and the valgrind run when there is one); its GLib
test cases are listed by meson above. A
run whose log is missing (its build failed) counts as one failure. Exits 1
when a test failed or none ran.
"""
import json
import os
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    if not os.path.exists(path):
        print(f"{path}: no test log (the build or the test command failed)", file=sys.stderr)
        failed += 1
        continue
    with open(path, encoding="utf-8") as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
