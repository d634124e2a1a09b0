#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Valgrind memcheck of tshark with the normal build of tcpteach.so, as an
# unprivileged user (valgrind too), over the sample captures and the hostile
# captures, merged into one file so that tshark's start-up is paid once:
#   -V                       one pass, English
#   -V -2, Chinese, Wireshark's sequence analysis off (tcpteach's own tracking)
#   -q -z tcpteach,walkthrough, markdown, ladder and stats (the reports)
# Fails when any error (invalid read or write, use of uninitialised values,
# bad free, definite or indirect leak) has a stack frame in tcpteach.so;
# tshark's own errors and leaks are ignored. The XML reports of a failure are
# kept in the failures folder.
#
# Usage: valgrind.sh [--failures DIR] PLUGIN.so [CAPTURE...]
#   (default: every capture of sample-pcaps/ and tests/fuzz/hostile/)
set -euo pipefail
shopt -s nullglob
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
failures=$top/build/tests/fuzz/failures/valgrind
while [ $# -gt 0 ]; do
    case $1 in
    --failures) failures=$2; shift 2 ;;
    *) break ;;
    esac
done
plugin=${1:?usage: valgrind.sh [--failures DIR] PLUGIN.so [CAPTURE...]}
shift
captures=("$@")
[ ${#captures[@]} -gt 0 ] ||
    captures=("$top"/sample-pcaps/*.pcap "$top"/sample-pcaps/*.pcapng "$here"/hostile/*.pcap)
# shellcheck source=../missing-tool.sh
. "$here/../missing-tool.sh"
for tool in valgrind tshark mergecap python3; do
    command -v "$tool" >/dev/null || missing_tool "valgrind.sh: $tool is not installed (apt-get install valgrind)"
done

# shellcheck source=sandbox.sh
. "$here/sandbox.sh"
work=$(mktemp -d -t tcpteach-valgrind.XXXXXX)
trap 'sandbox_cleanup; rm -rf "$work"' EXIT
sandbox_setup "$plugin"
sandbox_check_plugin
mergecap -a -F pcapng -w "$work/all.pcapng" "${captures[@]}"
capture=$(sandbox_file "$work/all.pcapng")

runs=(
    "-V"
    "-2 -V -o tcpteach.language:zh -o tcp.analyze_sequence_numbers:FALSE"
    "-q -z tcpteach,walkthrough -z tcpteach,markdown -z tcpteach,ladder -z tcpteach,stats"
)
# What each run must print, or it proves nothing about the plugin.
markers=("^TCP Teaching Annotations" "^TCP 教学注释" "TCP walkthrough: stream")
status=0
for n in "${!runs[@]}"; do
    read -r -a args <<<"${runs[$n]}"
    xml=$SANDBOX/out/memcheck.$n.xml
    rc=0
    sandbox_run valgrind --tool=memcheck --xml=yes --xml-file="$xml" --error-limit=no \
        --num-callers=40 --leak-check=full --show-leak-kinds=definite,indirect \
        --child-silent-after-fork=yes tshark -r "$capture" "${args[@]}" \
        >"$work/out.$n" 2>"$work/err.$n" || rc=$?
    if [ "$rc" != 0 ]; then
        echo "FAIL: valgrind tshark ${runs[$n]} exited with $rc:" >&2
        tail -n 20 "$work/err.$n" >&2
        status=1
        continue
    fi
    if ! grep -q "${markers[$n]}" "$work/out.$n"; then
        echo "FAIL: tshark ${runs[$n]} printed nothing of tcpteach (no \"${markers[$n]}\")" >&2
        status=1
        continue
    fi
    if ! python3 - "$xml" "${runs[$n]}" <<'EOF'; then
import sys
import xml.etree.ElementTree as ET

path, run = sys.argv[1], sys.argv[2]
root = ET.parse(path).getroot()
errors = kept = 0
for error in root.iter("error"):
    errors += 1
    frames = list(error.iter("frame"))
    if not any((f.findtext("obj") or "").endswith("/tcpteach.so") for f in frames):
        continue
    kept += 1
    what = error.findtext("what") or error.findtext("xwhat/text") or ""
    print("tcpteach %s: %s" % (error.findtext("kind"), what), file=sys.stderr)
    for f in error.find("stack").findall("frame")[:15]:
        where = f.findtext("fn") or f.findtext("obj") or "?"
        if f.findtext("file"):
            where += " (%s:%s)" % (f.findtext("file"), f.findtext("line"))
        print("    " + where, file=sys.stderr)
print("memcheck tshark %s: %d error(s) in total, %d in tcpteach.so" % (run, errors, kept))
sys.exit(1 if kept else 0)
EOF
        echo "FAIL: memcheck found errors in tcpteach.so (tshark ${runs[$n]})" >&2
        mkdir -p "$failures"
        cp "$xml" "$failures/"
        cp "$work/all.pcapng" "$failures/captures.pcapng"
        echo "memcheck reports and the capture kept in $failures" >&2
        status=1
    fi
done
[ "$status" = 0 ] && echo "valgrind: no memcheck error in tcpteach.so (${#captures[@]} captures)"
exit "$status"
