#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
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
work=$(mktemp -d)
trap '"$sandbox" cleanup; rm -rf "$work"' EXIT
# A connection whose every other segment carries a wrong checksum (not the
# partial sum that checksum offload leaves, which newer Wireshark releases
# accept): both verdicts on every release.
python3 - "$(cd "$(dirname "$0")/../tools" && pwd)" "$work/checksums.pcap" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[1])
import tcppkt as t
c, s = t.ip_bytes("192.0.2.1"), t.ip_bytes("192.0.2.2")
cm, sm = t.mac_bytes("02:00:00:00:00:01"), t.mac_bytes("02:00:00:00:00:02")
segs = [(c, s, 40000, 80, 1000, 0, "S", b""), (s, c, 80, 40000, 5000, 1001, "SA", b""),
        (c, s, 40000, 80, 1001, 5001, "A", b""), (c, s, 40000, 80, 1001, 5001, "PA", b"hello"),
        (s, c, 80, 40000, 5001, 1006, "A", b""), (s, c, 80, 40000, 5001, 1006, "FA", b""),
        (c, s, 40000, 80, 1006, 5002, "FA", b""), (s, c, 80, 40000, 5002, 1007, "A", b"")]
out = [t.pcap_header()]
for i, (src, dst, sp, dp, seq, ack, fl, data) in enumerate(segs):
    seg = t.tcp(src, dst, sp, dp, seq, ack, fl, payload=data)
    if i % 2:
        bad = struct.unpack("!H", seg[16:18])[0] ^ 0x5a5a
        seg = seg[:16] + struct.pack("!H", bad) + seg[18:]
    ip = t.ipv4(src, dst, t.PROTO_TCP, seg, ident=i + 1)
    out.append(t.pcap_record(1000000 + i * 1000, t.ethernet(cm if src == c else sm,
                                                           sm if src == c else cm,
                                                           t.ETH_IPV4, ip)))
open(sys.argv[2], "wb").write(b"".join(out))
PY
good="Verified: the checksum is correct."
bad="Wireshark marks it bad."
unverified="Not verified"
fail=0
seen_good=0
seen_bad=0
for cap in "$work/checksums.pcap" "$@"; do
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
