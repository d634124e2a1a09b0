#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the REAL loss and recovery sample captures of tcpteach: the Linux TCP stack
# talking through an impairing relay that drops, delays or holds back chosen packets.
#
#   sudo ./make-loss-captures.sh               # every scenario
#   sudo ./make-loss-captures.sh loss-tail     # one or more scenarios by name
#   ./make-loss-captures.sh --list             # the scenario names
#
# Needs: root (network namespaces), ip (iproute2), python3, dumpcap, capinfos, /dev/net/tun.
#
# The three network namespaces, the relay between them and what stays untouched outside them:
# see relay-captures.sh, which this script shares with make-cc-captures.sh.
#
# The capture point is the client's TUN device: the client is the sender of the data, so the
# captures show the classic teaching view of loss, from the sender (a dropped segment is seen
# once, leaving; the relay dropped it on the way).
#
# Re-running gives the same kind of events (the same rules apply to the same relative bytes),
# with new initial sequence numbers, client ports and timestamps; exact frame numbers can
# shift by a few ACKs (the README says which facts depend on timing).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=$here
port=5001
# MTU 1500 on the TUN devices: MSS 1460 (minus 20 bytes of IP and 20 of TCP header), and
# each full segment carries 1448 bytes (the timestamps option takes 12 of the 1460).
mss=1448

# Scenario names; each run_NAME function below says what its relay and peers do.
scenarios=(
    loss-fast-retransmit
    loss-tail
    loss-sack-recovery
    loss-rto-backoff
    loss-syn-timeout
    loss-reordering-dsack
    loss-zero-window
    loss-keepalive
)

# The namespaces, the relay, the capture and one exchange (the functions used below).
# shellcheck source=relay-captures.sh
source "$here/relay-captures.sh"

# --- the scenarios (sizes in whole segments of $mss bytes; segment K carries the bytes from
# (K-1)*mss+1 to K*mss) -------------------------------------------------------------------------

run_loss_fast_retransmit() {
    exchange loss-fast-retransmit \
        "40 segments; the relay drops the first copy of segment 21 (bytes 28961-30408)" \
        $((40 * mss)) "" "" drop=$((20 * mss + 1))
}

run_loss_tail() {
    # The last two, not only the last: with one segment outstanding Linux adds 200 ms to the
    # probe timeout (room for a delayed ACK), so the probe would go when the RTO would.
    exchange loss-tail \
        "10 segments in one burst; the relay drops the first copies of the last two (9 and 10)" \
        $((10 * mss)) "" "" drop=$((8 * mss + 1)) drop=$((10 * mss))
}

run_loss_sack_recovery() {
    exchange loss-sack-recovery \
        "40 segments; the relay drops the first copies of segments 15, 18 and 21" \
        $((40 * mss)) "" "" drop=$((14 * mss + 1)) drop=$((17 * mss + 1)) drop=$((20 * mss + 1))
}

run_loss_rto_backoff() {
    exchange loss-rto-backoff \
        "30 segments; from segment 15 the relay drops every client packet for 7 s (a black hole)" \
        $((30 * mss)) "" "" blackhole=$((14 * mss + 1)):7
}

run_loss_syn_timeout() {
    exchange loss-syn-timeout \
        "the relay drops the first five SYNs of the client; then 100 bytes and the answer" \
        100 "" "" drop-syn=5
}

run_loss_reordering_dsack() {
    exchange loss-reordering-dsack \
        "60 segments; the relay holds the first copy of segment 21 back by 40 ms (not dropped)" \
        $((60 * mss)) "" "" hold=$((20 * mss + 1)):40
}

run_loss_zero_window() {
    exchange loss-zero-window \
        "32768 bytes to a server with a 4096-byte receive buffer that reads nothing for 6 s" \
        32768 "--rcvbuf 4096 --pause 6" ""
}

run_loss_keepalive() {
    exchange loss-keepalive \
        "TCP_KEEPIDLE 2 s, TCP_KEEPINTVL 1 s, TCP_KEEPCNT 3 on the client; 100 bytes, answer, 8 s idle; the relay drops the answer to the 2nd keep-alive" \
        100 "" "--keepalive 2:1:3 --idle 8" drop-ka-ack=2
}

run_selected
