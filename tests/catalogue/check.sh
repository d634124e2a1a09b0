#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tcpteach-catalogue prints the core's lists: non-empty, without duplicates,
# and its regular expressions match exactly the listed tokens (a token with a
# regex character, such as teardown-2+3, matches itself and nothing else).
set -euo pipefail
catalogue=${1:?usage: check.sh CATALOGUE}
python3 - "$catalogue" <<'PY'
import re, subprocess, sys
cat = sys.argv[1]
def out(*args):
    return subprocess.run([cat, *args], check=True, capture_output=True, text=True).stdout
bad = 0
for what in ("roles", "phases", "states", "directions"):
    items = out(what).split("\n")[:-1]
    regex = re.compile(out("regex", what).strip())
    if not items or len(set(items)) != len(items) or any(not i or i != i.strip() for i in items):
        print(f"FAIL: {what}: empty, duplicated or padded entries: {items}", file=sys.stderr)
        bad += 1
    missed = [i for i in items if not regex.match(i)]
    # Near misses: each token with a character changed, added or removed.
    near = [v for i in items for v in (i + "x", i[:-1], "x" + i, i.replace("+", "x"))
            if v not in items and regex.match(v)]
    if missed or near:
        print(f"FAIL: {what}: the regex misses {missed} or matches {near}", file=sys.stderr)
        bad += 1
    print(f"{what}: {len(items)} entries")
if subprocess.run([cat, "bogus"], capture_output=True).returncode == 0:
    print("FAIL: an unknown list was accepted", file=sys.stderr)
    bad += 1
sys.exit(1 if bad else 0)
PY
