#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
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
python3 "$here/../reproduced.py" --all 'seed-*' "$out" "$here/corpus"
