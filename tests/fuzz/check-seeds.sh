#!/usr/bin/env bash
# The committed seed inputs of the libFuzzer harnesses (corpus/*/seed-*) are
# exactly what make-seeds.py writes with this build's tt_result layout: when
# conversation.h changes the struct, this fails until the seeds are made
# again (python3 tests/fuzz/make-seeds.py build/tests/fuzz/tcpteach-result-bytes).
set -euo pipefail
result_bytes=${1:?usage: check-seeds.sh RESULT-BYTES}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$here/make-seeds.py" "$result_bytes" "$out"
count=0
status=0
for f in "$out"/*/*; do
    rel=${f#"$out"/}
    count=$((count + 1))
    if ! cmp -s "$f" "$here/corpus/$rel"; then
        echo "FAIL: tests/fuzz/corpus/$rel differs from what make-seeds.py writes" >&2
        status=1
    fi
done
committed=$(find "$here/corpus" -name 'seed-*' -type f | wc -l)
[ "$count" = "$committed" ] || { echo "FAIL: $count seeds made, $committed committed" >&2; status=1; }
[ "$status" = 0 ] && echo "$count fuzz seeds reproduced byte for byte"
exit "$status"
