#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs one libFuzzer harness for a bounded time over the committed seed
# corpus (corpus/NAME) and the regression inputs (regressions/NAME), which
# are all replayed first. New inputs go to a scratch folder; a crash leaves
# its input in the failures folder and the command that replays it.
#
# Usage: run-fuzzer.sh [--failures DIR] [--runs N] FUZZER NAME SECONDS [libFuzzer options...]
#   FUZZER   the harness binary (built by the sanitized build, see README.md)
#   NAME     conversation or explain
#   SECONDS  time budget (-max_total_time)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
failures=
runs=20000000
while [ $# -gt 0 ]; do
    case $1 in
    --failures) failures=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) break ;;
    esac
done
fuzzer=${1:?usage: run-fuzzer.sh [--failures DIR] [--runs N] FUZZER NAME SECONDS [options...]}
name=${2:?missing NAME}
seconds=${3:?missing SECONDS}
shift 3
failures=${failures:-$here/../../build/tests/fuzz/failures/$name}
[ -x "$fuzzer" ] || { echo "run-fuzzer: no harness at $fuzzer (build the project first)" >&2; exit 2; }

corpus=$here/corpus/$name
regressions=$here/regressions/$name
dirs=("$corpus")
[ -d "$regressions" ] && dirs+=("$regressions")
mkdir -p "$failures"
work=$(mktemp -d -t tcpteach-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/new"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
"$fuzzer" -max_total_time="$seconds" -runs="$runs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$failures/" "$@" \
    "$work/new" "${dirs[@]}" >"$work/log" 2>&1 || status=$?
if [ "$status" != 0 ]; then
    cat "$work/log" >&2
    echo "FAIL fuzz.$name: the harness stopped (exit $status); the input is in $failures/" >&2
    echo "replay it with: $fuzzer $failures/<crash-file>" >&2
    exit 1
fi
grep -E '^(INFO: seed corpus|#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb)' \
    "$work/log" || true
count() { find "$@" -maxdepth 1 -type f | wc -l; }
n_regressions=0
[ -d "$regressions" ] && n_regressions=$(count "$regressions")
echo "fuzz.$name: ok ($seconds s, corpus $(count "$corpus") seeds + $n_regressions regressions," \
     "$(count "$work/new") new inputs)"
