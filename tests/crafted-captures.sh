#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The crafted captures in sample-pcaps/ are exactly what craft.py writes:
# regenerate them in a scratch folder and compare byte for byte.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$top/sample-pcaps/craft.py" "$out" >/dev/null
python3 "$top/tests/reproduced.py" "$out" "$top/sample-pcaps"
