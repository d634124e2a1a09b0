#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Golden tests of the quiz (tshark -q -z tcpteach,quiz): the worksheet and
# its answer key for java-hello and textbook-004, in English and Chinese,
# with the default seed and with another one, compared with the reviewed
# files in tests/golden/expected/quiz/. Also checks that every line of the
# ladders fits in 100 terminal columns, that each blank (Qn)____ has its
# question and its answer, and that the same seed gives the same quiz twice.
#
#   quiz.sh [--update-golden] PLUGIN.so
set -euo pipefail

update=0
if [ "${1:-}" = "--update-golden" ]; then
    update=1
    shift
fi
plugin=${1:?usage: quiz.sh [--update-golden] PLUGIN.so}
here=$(cd "$(dirname "$0")" && pwd)
sandbox="$here/../../tools/sandbox.sh"
captures="$here/../../sample-pcaps"
expected="$here/../golden/expected/quiz"
work=$(mktemp -d /tmp/tcpteach-quiz.XXXXXX)
setup=$("$sandbox" setup "$plugin")
eval "$setup"
trap '"$sandbox" cleanup; rm -rf "$work"' EXIT
failures=0
checked=0

# name | capture | seed
cases=(
    "java-hello|java-hello.pcapng|0"
    "textbook-004|textbook-004.pcap|0"
    "textbook-004.seed-7|textbook-004.pcap|7"
)

quiz() { # capture lang seed
    "$sandbox" run tshark -r "$captures/$1" -q -o "tcpteach.language:$2" \
        -o "tcpteach.quiz_seed:$3" -z tcpteach,quiz
}

for entry in "${cases[@]}"; do
    IFS='|' read -r name capture seed <<<"$entry"
    for lang in en zh; do
        out="$work/$name.$lang"
        checked=$((checked + 1))
        if ! quiz "$capture" "$lang" "$seed" >"$out" 2>"$out.err" || [ -s "$out.err" ]; then
            echo "FAIL $name ($lang): tshark failed or wrote to standard error:" >&2
            cat "$out.err" >&2
            failures=$((failures + 1))
            continue
        fi
        if ! quiz "$capture" "$lang" "$seed" 2>/dev/null | cmp -s - "$out"; then
            echo "FAIL $name ($lang): a second run with the same seed differs" >&2
            failures=$((failures + 1))
        fi
        if [ "$update" = 1 ]; then
            cp "$out" "$expected/$name.$lang"
        elif ! diff -u "$expected/$name.$lang" "$out" >"$work/diff" 2>&1; then
            echo "FAIL $name ($lang): output differs from expected/quiz/$name.$lang:" >&2
            head -30 "$work/diff" >&2
            failures=$((failures + 1))
        fi
        if ! python3 - "$out" <<'PY'
import re, sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
bad = 0
blocks = re.findall(r"```text\n(.*?)```\n", text, re.S)
if not blocks:
    print("no ladder", file=sys.stderr)
    bad += 1
for block in blocks:
    for line in block.splitlines():
        cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        if cols > 100:
            print(f"ladder line is {cols} columns wide: {line}", file=sys.stderr)
            bad += 1
# each worksheet: every blank has one question and one answer, in order
for sheet in re.split(r"^## ", text, flags=re.M)[1:]:
    ladder = re.search(r"```text\n(.*?)```\n", sheet, re.S)
    if not ladder:
        continue
    blanks = [int(n) for n in re.findall(r"\(Q(\d+)\)____", ladder.group(1))]
    numbered = [int(n) for n in re.findall(r"^\*\*Q(\d+)\.\*\* ", sheet, re.M)]
    n = len(blanks)
    if sorted(blanks) != list(range(1, n + 1)) or numbered != list(range(1, n + 1)) * 2:
        print(f"blanks {blanks} do not match questions and answers {numbered}", file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
PY
        then
            echo "FAIL $name ($lang): ladder too wide or blanks without question or answer" >&2
            failures=$((failures + 1))
        fi
    done
done

# Another seed chooses other questions.
if [ -s "$work/textbook-004.en" ] && cmp -s "$work/textbook-004.en" "$work/textbook-004.seed-7.en"; then
    echo "FAIL textbook-004: seeds 0 and 7 give the same quiz" >&2
    failures=$((failures + 1))
fi

echo "$checked outputs checked, $failures failed$([ "$update" = 1 ] && echo ' (expected files updated)')"
[ "$failures" = 0 ]
