#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/batch-annotate.sh over a folder of captures with one unreadable file:
# every readable capture gets its CSV with the same roles as the golden
# tests, the summary counts them, and the broken one is reported by name
# without stopping the others.
set -euo pipefail
plugin=${1:?usage: batch.sh PLUGIN.so}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
cp "$top/sample-pcaps/java-hello.pcapng" "$top/sample-pcaps/textbook-004.pcap" \
    "$top/sample-pcaps/refused.pcapng" "$work/in/"
echo "not a capture" >"$work/in/student-7.pcap"
status=0
"$top/tools/batch-annotate.sh" -j 2 --plugin "$plugin" "$work/out" "$work/in" \
    >"$work/summary" 2>"$work/progress" || status=$?
fail() { echo "FAIL: $*" >&2; cat "$work/summary" "$work/progress" >&2; exit 1; }
[ "$status" = 1 ] || fail "exit status $status, expected 1 (one capture unreadable)"
grep -q "FAILED $work/in/student-7.pcap: .*student-7.pcap" "$work/progress" ||
    fail "the unreadable capture is not reported by name"
grep -q "^student-7 .*could not be read" "$work/summary" || fail "summary does not flag it"
for name in java-hello textbook-004; do
    want=$(python3 -c 'import csv,sys; [print(r["tcpteach.role"]) for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")]' \
        "$top/tests/golden/expected/$name.fields.en")
    got=$(python3 -c 'import csv,sys; [print(r["tcpteach.role"]) for r in csv.DictReader(open(sys.argv[1]))]' \
        "$work/out/$name.csv")
    [ "$want" = "$got" ] || fail "$name.csv roles differ from the golden fields"
done
grep -Eq "^textbook-004 +10 " "$work/summary" || fail "summary does not count textbook-004's 10 segments"
grep -q "data-piggyback" "$work/out/summary.tsv" || fail "summary.tsv lacks the role columns"
echo "batch annotation: 3 captures annotated, 1 unreadable one reported by name"
