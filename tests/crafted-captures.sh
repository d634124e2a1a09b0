#!/usr/bin/env bash
# The crafted captures in sample-pcaps/ are exactly what craft.py writes:
# regenerate them in a scratch folder and compare byte for byte.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$top/sample-pcaps/craft.py" "$out" >/dev/null
count=0
status=0
for f in "$out"/*; do
    name=$(basename "$f")
    count=$((count + 1))
    if ! cmp -s "$f" "$top/sample-pcaps/$name"; then
        echo "FAIL: sample-pcaps/$name differs from what craft.py writes" >&2
        status=1
    fi
done
[ "$count" -gt 0 ] || { echo "FAIL: craft.py wrote nothing" >&2; exit 1; }
[ "$status" = 0 ] && echo "$count crafted captures reproduced byte for byte"
exit "$status"
