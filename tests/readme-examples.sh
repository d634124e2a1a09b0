#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# README.md shows real output of the tool: every fenced block placed after a
# "<!-- tcpteach:golden FILE -->" marker must be identical to the reviewed
# file tests/golden/expected/FILE, which the golden tests compare with the
# tool's current output. With --update, the blocks are rewritten from those
# files instead (part of the reviewed update-golden step).
set -euo pipefail
mode=${1:-check}
top=$(cd "$(dirname "$0")/.." && pwd)
python3 - "$top" "$mode" <<'PY'
import re, sys
top, mode = sys.argv[1], sys.argv[2]
readme = open(f"{top}/README.md", encoding="utf-8").read()
pattern = re.compile(r"(<!-- tcpteach:golden (\S+) -->\n```\n)(.*?)(```\n)", re.S)
if mode == "--update":
    readme = pattern.sub(lambda m: m.group(1) + open(
        f"{top}/tests/golden/expected/{m.group(2)}", encoding="utf-8").read() + m.group(4), readme)
    open(f"{top}/README.md", "w", encoding="utf-8").write(readme)
blocks = [(m.group(2), m.group(3)) for m in pattern.finditer(readme)]
if not blocks:
    sys.exit("README.md has no golden example block")
bad = 0
for name, text in blocks:
    want = open(f"{top}/tests/golden/expected/{name}", encoding="utf-8").read()
    if text != want:
        print(f"README.md's example {name} differs from tests/golden/expected/{name}",
              file=sys.stderr)
        bad += 1
print(f"{len(blocks)} README examples checked, {bad} out of date")
sys.exit(1 if bad else 0)
PY
