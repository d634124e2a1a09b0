#!/usr/bin/env bash
# With TCP's checksum check on (-o tcp.check_checksum:TRUE), tcpteach gives
# each segment the verdict Wireshark gives (tcp.checksum.status: 0 bad,
# 1 good); with the check off, every segment is unverified. tcpteach asks
# Wireshark for the verdict only while the check is on, so both settings
# are run, in one pass and in two (-2).
set -euo pipefail
sandbox=${1:?usage: checksum-verdict.sh SANDBOX PLUGIN.so CAPTURE...}
plugin=${2:?usage: checksum-verdict.sh SANDBOX PLUGIN.so CAPTURE...}
shift 2
[ $# -gt 0 ] || { echo "usage: checksum-verdict.sh SANDBOX PLUGIN.so CAPTURE..." >&2; exit 2; }
setup=$("$sandbox" setup "$plugin")
eval "$setup"
trap '"$sandbox" cleanup' EXIT
good="Verified: the checksum is correct."
bad="Wireshark marks it bad."
unverified="Not verified"
fail=0
seen_good=0
seen_bad=0
for cap in "$@"; do
    for passes in "" "-2"; do
        # shellcheck disable=SC2086 # $passes is empty or one word
        while IFS=$'\t' read -r frame status text; do
            [ -n "$text" ] || continue
            case "$status" in
            1) want=$good seen_good=$((seen_good + 1)) ;;
            0) want=$bad seen_bad=$((seen_bad + 1)) ;;
            *) want=$unverified ;;
            esac
            if [[ "$text" != *"$want"* ]]; then
                echo "FAIL: $(basename "$cap") frame $frame ($passes): status '$status', text lacks '$want'" >&2
                fail=1
            fi
        done < <("$sandbox" run tshark -r "$cap" $passes -o tcp.check_checksum:TRUE -T fields \
            -e frame.number -e tcp.checksum.status -e tcpteach.text 2>/dev/null)
        # shellcheck disable=SC2086
        while IFS=$'\t' read -r frame text; do
            [ -n "$text" ] || continue
            if [[ "$text" == *"$good"* || "$text" == *"$bad"* ]]; then
                echo "FAIL: $(basename "$cap") frame $frame ($passes): a verdict with the check off" >&2
                fail=1
            fi
        done < <("$sandbox" run tshark -r "$cap" $passes -T fields -e frame.number \
            -e tcpteach.text 2>/dev/null)
    done
done
if [ "$seen_good" = 0 ] || [ "$seen_bad" = 0 ]; then
    echo "FAIL: the captures gave $seen_good good and $seen_bad bad checksums; both kinds are needed" >&2
    fail=1
fi
[ "$fail" = 0 ] && echo "checksum verdicts: $seen_good good and $seen_bad bad, as Wireshark gives them"
exit "$fail"
