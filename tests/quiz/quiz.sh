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
    # every segment's line names its role, or hides it in a blank: a role
    # left out for width would read as a hidden one
    for line in block.splitlines()[2:]:
        rest = re.sub(r"\[[SFPRUEW.]*\]", "", line, count=1)  # the flags
        if "|" in line and not re.search(r"\[[^\]]+\]", rest):
            print(f"ladder line without its role: {line}", file=sys.stderr)
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

# Questions the sheet cannot answer are not asked, whatever the seed.
# one-sided.pcap: the server acknowledges client data the capture does not
# hold, so its FIN's role and the states after it are not determined.
for seed in 0 1 2 3 4 5 6 7 8 9 10 11; do
    checked=$((checked + 1))
    out="$work/one-sided.$seed"
    quiz one-sided.pcap en "$seed" >"$out" 2>/dev/null || true
    if ! grep -q '^\*\*Q1\.\*\*' "$out" ||
        grep -Eq "^\*\*Q[0-9]+\.\*\* (After segment [23], what is|What is the role of segment [23])" "$out"; then
        echo "FAIL one-sided seed $seed: asks a state or role after unseen client data" >&2
        failures=$((failures + 1))
    fi
    # synack-retransmitted.pcap: the server's ESTABLISHED on segment 3 is
    # corrected by segment 4 (a star on the ladder, explained); no state is
    # asked that reads as a move from the corrected state.
    out="$work/synack.$seed"
    checked=$((checked + 1))
    quiz synack-retransmitted.pcap en "$seed" >"$out" 2>/dev/null || true
    if ! grep -q 'SYN-RECEIVED\*$' "$out" || ! grep -q 'STATE\*: not a move' "$out" ||
        grep -q "After segment [345], what is the server's state" "$out"; then
        echo "FAIL synack-retransmitted seed $seed: a corrected state without its star, or asked" >&2
        failures=$((failures + 1))
    fi
done
# fin-completes-handshake.pcap: segment 3 is a FIN whose ACK also completes
# the handshake; both roles would be right, so its role is not asked.
for seed in 0 1 2 3 4 5 6 7 8 9 10 11; do
    checked=$((checked + 1))
    if quiz fin-completes-handshake.pcap en "$seed" 2>/dev/null |
        grep -q 'What is the role of segment 3 '; then
        echo "FAIL fin-completes-handshake seed $seed: asks the role of a two-role segment" >&2
        failures=$((failures + 1))
    fi
done

# retransmission.pcap: the resent segments 13 and 16 say so on their lines
# (shortened to "(resent)" where the line is full), and the notation says a
# hidden role of such a line is named with it.
for seed in 0 3 7 9; do
    checked=$((checked + 1))
    out="$work/retransmission.$seed"
    quiz retransmission.pcap en "$seed" >"$out" 2>/dev/null || true
    if grep -E '^ +(13|16) ' "$out" | grep -v '(Q[0-9]*)____' |
        grep -Evq '\] \((retransmission|resent)\)' ||
        ! grep -q '(retransmission) or (resent) after a role' "$out"; then
        echo "FAIL retransmission seed $seed: a resent line does not say so" >&2
        failures=$((failures + 1))
    fi
done

# A filtered view: the sheet says what is left out, and asks no state or
# role (segment 9, shown as a FIN acknowledging the client's FIN, is
# Teardown 3/4 only with the filtered-out segment 8).
for seed in 0 3 7; do
    checked=$((checked + 1))
    out="$work/filtered.$seed"
    "$sandbox" run tshark -r "$captures/textbook-004.pcap" -q -o "tcpteach.quiz_seed:$seed" \
        -z 'tcpteach,quiz,tcp.len>0 || tcp.flags.fin==1' >"$out" 2>/dev/null || true
    if ! grep -q 'out of this view: 1-3, 6, 8\. ' "$out" ||
        ! grep -q 'more of this stream after segment 9, filtered out' "$out" ||
        ! grep -q '^\*\*Q1\.\*\*' "$out" ||
        grep -Eq "what is the (client|server)'s state|What is the role" "$out"; then
        echo "FAIL filtered textbook-004 seed $seed: filter not stated, or a state/role asked" >&2
        failures=$((failures + 1))
    fi
done

echo "$checked outputs checked, $failures failed$([ "$update" = 1 ] && echo ' (expected files updated)')"
[ "$failures" = 0 ]
