#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Golden tests of the classroom outputs (tshark -q -z tcpteach,...): the
# narrative, the Markdown, the ladder, the role statistics, and the GUI's
# Flow Graph and the GUI's Statistics table as tshark prints them, in English
# and Chinese, compared with the reviewed files in expected/walkthrough/. Also
# checks that every ladder line fits in 100 terminal columns. (The role
# counts of -z tcpteach,stats and of the Statistics table come from one
# function, tt_count_segment.)
#
#   walkthrough.sh [--update-golden] PLUGIN.so
set -euo pipefail

update=0
if [ "${1:-}" = "--update-golden" ]; then
    update=1
    shift
fi
plugin=${1:?usage: walkthrough.sh [--update-golden] PLUGIN.so}
here=$(cd "$(dirname "$0")" && pwd)
sandbox="$here/../../tools/sandbox.sh"
captures="$here/../../sample-pcaps"
expected="$here/expected/walkthrough"
work=$(mktemp -d /tmp/tcpteach-walk.XXXXXX)
setup=$("$sandbox" setup "$plugin")
eval "$setup"
trap '"$sandbox" cleanup; rm -rf "$work"' EXIT
failures=0
checked=0
# The expected files come from Wireshark 4.0. Later series count bytes in
# flight differently in some cases (not on the first segment of a capture
# that starts mid-stream): that number is Wireshark's own, so there it is
# left out of both sides of the comparison.
series=$("$sandbox" run tshark --version | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
without_flight() {
    if [ "$series" = 4.0 ]; then
        cat "$1"
    else
        sed -E 's/(; |；)?(in flight [0-9]+ bytes|在途 [0-9]+ 字节)//g; s/  (in flight|在途) [0-9]+//g; s/ +\|$/ |/' "$1"
    fi
}

# name | capture | -z argument | more tshark options
cases=(
    "textbook-004.ladder.absolute|textbook-004.pcap|tcpteach,ladder|-o tcp.relative_sequence_numbers:FALSE"
    "textbook-004.walkthrough.absolute|textbook-004.pcap|tcpteach,walkthrough|-o tcp.relative_sequence_numbers:FALSE"
    "sack-recovery.ladder|sack-recovery.pcap|tcpteach,ladder"
    "sack-recovery.markdown|sack-recovery.pcap|tcpteach,markdown"
    "zero-window.ladder|zero-window.pcapng|tcpteach,ladder"
    "loss-rto-backoff.walkthrough|loss-rto-backoff.pcapng|tcpteach,walkthrough"
    "loss-reordering-dsack.markdown|loss-reordering-dsack.pcapng|tcpteach,markdown"
    "loss-tail.walkthrough|loss-tail.pcapng|tcpteach,walkthrough"
    "loss-syn-timeout.walkthrough|loss-syn-timeout.pcapng|tcpteach,walkthrough"
    "java-hello.walkthrough|java-hello.pcapng|tcpteach,walkthrough"
    "java-hello.markdown|java-hello.pcapng|tcpteach,markdown"
    "java-hello.ladder|java-hello.pcapng|tcpteach,ladder"
    "java-hello.stats|java-hello.pcapng|tcpteach,stats"
    "textbook-004.walkthrough|textbook-004.pcap|tcpteach,walkthrough"
    "textbook-004.markdown|textbook-004.pcap|tcpteach,markdown"
    "textbook-004.ladder|textbook-004.pcap|tcpteach,ladder"
    "textbook-004.stats|textbook-004.pcap|tcpteach,stats"
    "java-chat.ladder|java-chat.pcapng|tcpteach,ladder"
    "upload-8081.walkthrough|upload-8081.pcapng|tcpteach,walkthrough"
    "icmp-quoted.stream1|icmp-quoted.pcap|tcpteach,walkthrough,tcp.stream == 1"
    "icmp-quoted.stats|icmp-quoted.pcap|tcpteach,stats"
    "icmp-quoted.walkthrough|icmp-quoted.pcap|tcpteach,walkthrough"
    "icmp-quoted.markdown|icmp-quoted.pcap|tcpteach,markdown"
    "truncated.walkthrough|truncated.pcap|tcpteach,walkthrough"
    "midstream.walkthrough|midstream.pcap|tcpteach,walkthrough"
    "malformed.ladder|malformed.pcap|tcpteach,ladder"
    "simultaneous-close.walkthrough|simultaneous-close.pcap|tcpteach,walkthrough"
    "refused.walkthrough|refused.pcapng|tcpteach,walkthrough"
    "abort-rst.ladder|abort-rst.pcapng|tcpteach,ladder"
    "java-hello.after-handshake|java-hello.pcapng|tcpteach,walkthrough,frame.number >= 4"
    "java-hello.before-close.markdown|java-hello.pcapng|tcpteach,markdown,frame.number <= 6"
    "java-hello.data.ladder|java-hello.pcapng|tcpteach,ladder,tcp.len > 0"
    "loss-syn-timeout.resends|loss-syn-timeout.pcapng|tcpteach,walkthrough,frame.number >= 3"
    "loss-syn-timeout.stats|loss-syn-timeout.pcapng|tcpteach,stats"
    "loss-syn-timeout.roles|loss-syn-timeout.pcapng|tcpteach,roles"
    "textbook-004.flow|textbook-004.pcap|flow,tcpteach,standard"
    "retransmission.flow|retransmission.pcap|flow,tcpteach,standard"
    "summary-evidence.walkthrough|summary-evidence.pcap|tcpteach,walkthrough"
    "one-sided.walkthrough|one-sided.pcap|tcpteach,walkthrough"
    "out-of-window.walkthrough|out-of-window.pcap|tcpteach,walkthrough"
    "syn-odd-answers.walkthrough|syn-odd-answers.pcap|tcpteach,walkthrough"
    "capture-duplicate.walkthrough|capture-duplicate.pcap|tcpteach,walkthrough"
)

for entry in "${cases[@]}"; do
    IFS='|' read -r name capture zarg more <<<"$entry"
    read -r -a more <<<"$more"
    for lang in en zh; do
        out="$work/$name.$lang"
        checked=$((checked + 1))
        if ! "$sandbox" run tshark -r "$captures/$capture" -q -o "tcpteach.language:$lang" \
            "${more[@]}" -z "$zarg" >"$out" 2>"$out.err" || [ -s "$out.err" ]; then
            echo "FAIL $name ($lang): tshark failed or wrote to standard error:" >&2
            cat "$out.err" >&2
            failures=$((failures + 1))
            continue
        fi
        if [ "$update" = 1 ]; then
            cp "$out" "$expected/$name.$lang"
        elif ! diff -u <(without_flight "$expected/$name.$lang") <(without_flight "$out") \
            >"$work/diff" 2>&1; then
            echo "FAIL $name ($lang): output differs from expected/walkthrough/$name.$lang:" >&2
            head -30 "$work/diff" >&2
            failures=$((failures + 1))
        fi
        if [[ "$name" == *ladder* ]] && ! python3 - "$out" <<'PY'
import sys, unicodedata
bad = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\n"))
    if cols > 100:
        print(f"line {n} is {cols} columns wide", file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
PY
        then
            echo "FAIL $name ($lang): ladder wider than 100 columns" >&2
            failures=$((failures + 1))
        fi
    done
done

# Wireshark's RTT and bytes in flight reach the documents on every pass: two
# passes (tshark -2) give the same documents as one.
for entry in "java-hello.pcapng|tcpteach,ladder" "sack-recovery.pcap|tcpteach,markdown"; do
    IFS='|' read -r capture zarg <<<"$entry"
    checked=$((checked + 1))
    "$sandbox" run tshark -r "$captures/$capture" -q -z "$zarg" >"$work/one" 2>&1 || true
    "$sandbox" run tshark -2 -r "$captures/$capture" -q -z "$zarg" >"$work/two" 2>&1 || true
    if ! grep -q "RTT" "$work/one" || ! diff -u "$work/one" "$work/two" >"$work/diff"; then
        echo "FAIL $capture $zarg: two passes differ from one, or no RTT shown:" >&2
        head -20 "$work/diff" >&2
        failures=$((failures + 1))
    fi
done

# A filter that matches no TCP segment: one line, the catalogue's, whatever
# the text document (the HTML handout is a page saying so: tests/handout/).
none=$(sed -n 's/^TT_MSG(TT_M_W_NONE, "\([^"]*\)".*/\1/p' "$here/../../plugin/core/messages.def")
for kind in walkthrough markdown ladder quiz; do
    checked=$((checked + 1))
    "$sandbox" run tshark -r "$captures/java-hello.pcapng" -q \
        -z "tcpteach,$kind,tcp.stream == 99" >"$work/none" 2>&1 || true
    if [ -z "$none" ] || [ "$(cat "$work/none")" != "$none" ]; then
        echo "FAIL $kind with a filter that matches nothing: expected the one line '$none', got:" >&2
        head -5 "$work/none" >&2
        failures=$((failures + 1))
    fi
done

# An invalid filter: the error quotes what the user typed and nothing that
# tcpteach adds to it, whatever the document.
for kind in walkthrough stats html; do
    checked=$((checked + 1))
    if "$sandbox" run tshark -r "$captures/java-hello.pcapng" -q \
        -z "tcpteach,$kind,tcp.stream = = zero" >"$work/bad" 2>&1 ||
        ! grep -q 'Filter "tcp.stream = = zero" is invalid' "$work/bad" ||
        grep -q 'analysis' "$work/bad"; then
        echo "FAIL $kind with an invalid filter: expected tshark to fail quoting only the user's filter, got:" >&2
        head -5 "$work/bad" >&2
        failures=$((failures + 1))
    fi
done

# Several streams: the walkthrough's index gives, for every stream, the line
# of its title, and the Markdown's table links to an anchor before every
# stream's heading (captures joined one after the other: three streams).
merged="$work/merged.pcapng"
mergecap -a -F pcapng -w "$merged" "$captures/textbook-004.pcap" "$captures/refused.pcapng" \
    "$captures/java-hello.pcapng"
for lang in en zh; do
    for kind in walkthrough markdown; do
        checked=$((checked + 1))
        "$sandbox" run tshark -r "$merged" -q -o "tcpteach.language:$lang" \
            -z "tcpteach,$kind" >"$work/index" 2>&1 || true
        if ! python3 - "$work/index" "$kind" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
kind = sys.argv[2]
if kind == "walkthrough":
    index = [re.search(r"(?:Stream|流) (\d+)[:：].*(?:line|第) (\d+)", l) for l in lines[1:4]]
    ok = all(index) and [m.group(1) for m in index] == ["0", "1", "2"]
    for m in index if ok else []:
        title = lines[int(m.group(2)) - 1]
        ok = ok and re.fullmatch(r"(TCP walkthrough: stream|TCP 逐段讲解：流) " + m.group(1), title)
else:
    links = re.findall(r"^\| \[[^]]*\]\(#stream-(\d+)\) \|", "\n".join(lines), re.M)
    anchors = re.findall(r'^<a id="stream-(\d+)"></a>$', "\n".join(lines), re.M)
    ok = links == ["0", "1", "2"] and anchors == links
sys.exit(0 if ok else 1)
PY
        then
            echo "FAIL index of the $kind ($lang) over three streams:" >&2
            head -6 "$work/index" >&2
            failures=$((failures + 1))
        fi
    done
done

echo "$checked outputs checked, $failures failed$([ "$update" = 1 ] && echo ' (expected files updated)')"
[ "$failures" = 0 ]
