#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile captures through tshark with tcpteach.so: each case must not only
# survive, it must get the right role and an explanation that says what is
# wrong, in the plugin's own words (plugin/core/messages.def).
#
# Committed cases (tests/fuzz/hostile/, written by make-hostile.py): data
# offset < 5, data offset beyond the captured bytes and beyond the segment,
# truncated headers, options with zero, short or overlong lengths, window
# scale > 14, the same four-tuple reused 30 times, sequence numbers jumping
# backwards, SYN+FIN+RST and scans without ACK, TCP quoted in ICMP errors
# carried in tunnels, TCP headers split over IP fragments. Made at test time
# (tcpgen.py): an RST storm, and a million streams, for which tshark must
# finish and its peak memory stay bounded next to a run without tcpteach.
# Captures in tests/fuzz/regressions/ reproduce findings that await a fix.
#
# For every capture, tshark must print nothing on standard error, give every
# TCP segment a role token of the contract, print the same fields and tree in
# one pass and in two passes (-2), the same roles and states in English and
# Chinese, and a ladder diagram whose arrow lines fit 100 columns.
#
# Usage: hostile.sh [--streams N | --no-streams | --only-streams] [--storm N] PLUGIN.so
set -euo pipefail
shopt -s nullglob
here=$(cd "$(dirname "$0")" && pwd)
streams=1000000
storm=3000
cases=1
while [ $# -gt 0 ]; do
    case $1 in
    --streams) streams=$2; shift 2 ;;
    --no-streams) streams=0; shift ;;
    --only-streams) cases=0; shift ;;
    --storm) storm=$2; shift 2 ;;
    *) break ;;
    esac
done
plugin=${1:?usage: hostile.sh [--streams N | --no-streams | --only-streams] [--storm N] PLUGIN.so}

# shellcheck source=sandbox.sh
. "$here/sandbox.sh"
work=$(mktemp -d -t tcpteach-hostile.XXXXXX)
trap 'sandbox_cleanup; rm -rf "$work"' EXIT
sandbox_setup "$plugin"
sandbox_check_plugin

failures=0
fail() {
    echo "FAIL $*" >&2
    failures=$((failures + 1))
}

fields=(-T fields -E separator=/t -e frame.number -e tcp.stream -e tcpteach.role -e tcpteach.chunk
        -e tcpteach.client_state -e tcpteach.server_state -e tcpteach.summary -e tcp.srcport)

# tshark_to OUT ARGS... : tshark in the sandbox, stdout to OUT, stderr must stay empty
tshark_to() {
    local out=$1
    shift
    if ! sandbox_run tshark "$@" >"$out" 2>"$out.err"; then
        fail "$name: tshark $* failed:"
        cat "$out.err" >&2
    elif [ -s "$out.err" ]; then
        fail "$name: tshark $* wrote to standard error:"
        head -20 "$out.err" >&2
    fi
}

# annotate CAPTURE: fields and trees, one and two passes, English and Chinese
annotate() {
    name=$(basename "$1" .pcap)
    local cap
    cap=$(sandbox_file "$1")
    tshark_to "$work/$name.fields" -r "$cap" "${fields[@]}"
    tshark_to "$work/$name.fields2" -r "$cap" -2 "${fields[@]}"
    tshark_to "$work/$name.tree" -r "$cap" -V -O tcpteach
    tshark_to "$work/$name.tree2" -r "$cap" -2 -V -O tcpteach
    tshark_to "$work/$name.zh" -r "$cap" -o tcpteach.language:zh "${fields[@]}"
    tshark_to "$work/$name.ladder" -r "$cap" -q -o tcpteach.language:zh -z tcpteach,ladder \
        -z tcpteach,walkthrough
    cmp -s "$work/$name.fields" "$work/$name.fields2" ||
        fail "$name: fields differ between one pass and two passes"
    teaching_trees "$work/$name.tree" | cmp -s - <(teaching_trees "$work/$name.tree2") ||
        fail "$name: teaching trees differ between one pass and two passes"
    cut -f1-6 "$work/$name.fields" | cmp -s - <(cut -f1-6 "$work/$name.zh") ||
        fail "$name: roles or states differ between English and Chinese"
    local wide
    wide=$(ladder_too_wide "$work/$name.ladder")
    [ -z "$wide" ] || fail "$name: ladder lines wider than 100 columns:"$'\n'"$wide"
    # Every TCP segment (a frame with a source port) has a role of the contract.
    local bad
    bad=$(roles_outside_catalogue "$work/$name.fields" 3 8 | wc -l)
    [ "$bad" = 0 ] || fail "$name: $bad TCP segment(s) without a valid role token"
}

# field FRAME COLUMN -> the value (columns: 1 frame, 2 stream, 3 role, 4 chunk,
# 5 client state, 6 server state, 7 summary)
field() {
    python3 "$here/outputs.py" value "$work/$name.fields" "$1" "$2"
}

# expect FRAME ROLE [WORDS...]: the role, and each phrase somewhere in the
# frame's teaching tree (summary included)
expect() {
    local frame=$1 role=$2 got
    shift 2
    got=$(field "$frame" 3)
    [ "$got" = "$role" ] || fail "$name: frame $frame is '$got', expected '$role'"
    python3 "$here/outputs.py" frame "$work/$name.tree" "$frame" >"$work/frame"
    for words in "$@"; do
        grep -qF -- "$words" "$work/frame" ||
            fail "$name: frame $frame does not say \"$words\""
    done
}

# not_said FRAME WORDS: a phrase that would be wrong for this frame
not_said() {
    python3 "$here/outputs.py" frame "$work/$name.tree" "$1" >"$work/frame"
    ! grep -qF -- "$2" "$work/frame" || fail "$name: frame $1 wrongly says \"$2\""
}

# states FRAME CLIENT SERVER: both endpoints' states after the frame
states() {
    local got
    got="$(field "$1" 5)/$(field "$1" 6)"
    [ "$got" = "$2/$3" ] || fail "$name: frame $1 leaves $got, expected $2/$3"
}

# chunk FRAME N
chunk() {
    local got
    got=$(field "$1" 4)
    [ "$got" = "$2" ] || fail "$name: frame $1 is chunk '$got', expected $2"
}

# count ROLE N: how many segments have the role
count() {
    local got
    got=$(python3 "$here/outputs.py" count "$work/$name.fields" "3=$1")
    [ "$got" = "$2" ] || fail "$name: $got segments are $1, expected $2"
}

hostile=$here/hostile
if [ "$cases" = 1 ]; then
    annotate "$hostile/doff-small.pcap"
    expect 6 malformed "data offset 3 < 5" "0011 = 3 -> 3 x 4 = 12 bytes"
    expect 7 malformed "data offset 0 < 5" "0000 = 0 -> 0 x 4 = 0 bytes"
    expect 8 data "Data chunk #2 from the client: bytes 6..10"
    states 8 ESTABLISHED ESTABLISHED
    expect 10 malformed "data offset 4 < 5"

    annotate "$hostile/doff-beyond.pcap"
    expect 4 malformed "the data offset says the header is 60 bytes, but the whole segment is shorter"
    states 4 ESTABLISHED ESTABLISHED
    expect 5 data "the header says 20 bytes of options, but only 10 of them were captured"
    chunk 5 1
    expect 6 dup-ack "Options: 12 bytes after the fixed 20-byte header" "Timestamps (kind 8): TSval 7, TSecr 8"

    annotate "$hostile/truncated-header.pcap"
    expect 4 malformed "truncated: only 12 of the 20 bytes" "Flags: not captured (only 12 bytes"
    expect 5 malformed "truncated: only 4 of the 20 bytes" "Sequence number: not captured"
    expect 6 malformed "truncated: only 19 of the 20 bytes" "Urgent pointer: not captured"
    expect 7 ack
    states 7 ESTABLISHED ESTABLISHED

    annotate "$hostile/options.pcap"
    expect 1 handshake-1 "shift 15 is invalid (more than 14); RFC 7323 says to use 14"
    expect 2 handshake-2 "shift 255 is invalid (more than 14)"
    expect 3 handshake-3 "342 x 2^14 = 5603328 bytes"
    expect 4 data "Malformed option (kind 2): length 0 is too small"
    expect 5 data "Malformed option (kind 8): its length byte says 40, but this option is always 10 bytes"
    expect 6 data "Malformed option (kind 99): its length 40 runs past the end of the options area"
    expect 7 ack "Malformed option (kind 5): its length 7 runs past the end of the options area"
    expect 8 dup-ack "Malformed option (kind 3): the options area ends before its length byte"
    expect 9 dup-ack "Malformed option (kind 2): length 1 is too small"

    annotate "$hostile/reuse.pcap"
    count handshake-1 30
    count teardown-4 20
    count reset 10
    count data 30
    [ "$(python3 "$here/outputs.py" count "$work/reuse.fields" 3=data 4!=1)" = 0 ] ||
        fail "reuse: a reused four-tuple does not start again at data chunk #1"
    [ "$(grep -c 'reused ports: a new SYN uses the same addresses and ports' "$work/reuse.tree")" -ge 29 ] ||
        fail "reuse: the reused ports are not explained for every new SYN"
    expect 235 handshake-1 "Handshake step 1 of 3"

    annotate "$hostile/seq-backwards.pcap"
    expect 6 data "Wireshark marks it as a retransmission" "a real receiver drops it"
    states 6 ESTABLISHED ESTABLISHED
    expect 7 data "a real receiver drops it"
    expect 8 data "bytes 101..200 (100 bytes)"
    not_said 8 "a real receiver drops it"
    expect 9 ack "every byte before 201 has arrived"

    annotate "$hostile/bad-flags.pcap"
    expect 6 malformed "flags none set: every segment except the opening SYN and a reset must carry ACK"
    expect 7 malformed "flags FIN: every segment except the opening SYN and a reset must carry ACK"
    expect 8 malformed "flags URG, PSH, FIN: every segment except"
    expect 9 malformed "flags PSH: every segment except"
    expect 10 data "Data chunk #2 from the client: bytes 6..10"
    states 10 ESTABLISHED ESTABLISHED
    expect 12 malformed "flags SYN, FIN: SYN cannot be combined with FIN or RST"
    expect 13 malformed "flags RST, SYN: SYN cannot be combined with FIN or RST"
    expect 14 malformed "flags RST, SYN, FIN: SYN cannot be combined with FIN or RST"
    expect 15 malformed "SYN cannot be combined with FIN or RST"

    annotate "$hostile/icmp-tunnels.pcap"
    expect 1 icmp-quoted "ICMP-quoted header" "quotes the first 8 bytes of the TCP header" \
        "A router or host quoted this header in an ICMP error"
    expect 2 icmp-quoted "ICMP-quoted header" "Flags: 0x018"
    expect 3 icmp-quoted "ICMP-quoted header" "Source port: 0x9c44 = 40004"
    expect 4 handshake-1 "Handshake step 1 of 3"
    expect 5 icmp-quoted "ICMP-quoted header"

    annotate "$hostile/fragments.pcap"
    expect 2 handshake-1 "Maximum segment size (MSS, kind 2): 1460 bytes"
    expect 3 handshake-2
    expect 6 data "Data chunk #1 from the client: bytes 1..40 (40 bytes)"

    # Thousands of RSTs at random sequence numbers after one connection.
    python3 "$here/tcpgen.py" rst-storm "$storm" "$work/rst-storm.pcap"
    annotate "$work/rst-storm.pcap"
    count reset "$storm"
    [ "$(python3 "$here/outputs.py" count "$work/rst-storm.fields" 3=reset 5!=CLOSED)" = 0 ] &&
        [ "$(python3 "$here/outputs.py" count "$work/rst-storm.fields" 3=reset 6!=CLOSED)" = 0 ] ||
        fail "rst-storm: a reset leaves a state other than CLOSED"

    # Findings of the fuzz suite, kept so that they cannot come back
    # (see regressions/README.md).
    regressions=$here/regressions
    annotate "$regressions/syn-after-synack.pcap"
    not_said 2 "could not determine its role"
    annotate "$regressions/rst-after-close.pcap"
    expect 4 reset "the connection is aborted at once"
    expect 5 reset "The capture holds this packet twice"
    not_said 5 "the connection is aborted at once"
    expect 6 reset "already closed"
    annotate "$regressions/short-segment-options.pcap"
    expect 1 malformed "the whole segment is shorter"
    not_said 1 "were captured"
    annotate "$regressions/short-segment-some-options.pcap"
    expect 1 malformed "the whole segment is shorter" "Maximum segment size (MSS, kind 2): 1460 bytes"
    not_said 1 "were captured"
fi

# A million streams, one SYN each: tshark with tcpteach must finish, and its
# peak memory may exceed a run without tcpteach by a bounded amount per
# stream (the classification of each frame and a small record per stream).
if [ "$streams" -gt 0 ]; then
    name=streams
    python3 "$here/tcpgen.py" streams "$streams" "$work/streams.pcap"
    cap=$(sandbox_file "$work/streams.pcap")
    rm -f "$work/streams.pcap"
    # measure OUT ARGS...: tshark's peak resident memory (kB) and seconds
    measure() {
        local out=$1
        shift
        if ! sandbox_run python3 -c "$peak" "$SANDBOX/out/peak" timeout 900 \
            tshark -r "$cap" "$@" -T fields -e frame.number -e tcpteach.role \
            >"$work/$out" 2>"$work/$out.err"; then
            fail "streams: tshark $* did not finish:"
            tail -5 "$work/$out.err" >&2
            echo "0 0" >"$SANDBOX/out/peak"
        fi
        cat "$SANDBOX/out/peak"
    }
    peak='
import resource, subprocess, sys, time
start = time.monotonic()
status = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as f:
    f.write("%d %.1f\n" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                          time.monotonic() - start))
sys.exit(status)'
    read -r base_kb base_s < <(measure base --disable-protocol tcpteach)
    read -r with_kb with_s < <(measure with)
    roles=$(cut -f2 "$work/with" | grep -c '^handshake-1$' || true)
    [ "$roles" = "$streams" ] || fail "streams: $roles of $streams SYNs are handshake-1"
    per_stream=$(( (with_kb - base_kb) * 1024 / streams ))
    echo "streams: $streams SYNs: peak $((base_kb / 1024)) MB, ${base_s}s without tcpteach;" \
         "$((with_kb / 1024)) MB, ${with_s}s with it ($per_stream bytes per stream)"
    [ "$per_stream" -le 1024 ] ||
        fail "streams: tcpteach needs $per_stream bytes per stream (at most 1024)"
    [ "$with_kb" -le $((base_kb * 2)) ] ||
        fail "streams: peak memory $with_kb kB with tcpteach, more than twice $base_kb kB"
fi

if [ "$failures" -gt 0 ]; then
    echo "hostile: $failures check(s) failed" >&2
    exit 1
fi
echo "hostile: ok"
