#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the REAL congestion-control sample captures of tcpteach: bulk transfers of the
# Linux TCP stack (Reno, CUBIC, BBR) through the impairing relay, each showing one thing a
# congestion window does: fast recovery after a loss, a restart from one segment after a
# timeout, a flight held at the receiver's window, a flight the application never fills.
#
#   sudo ./make-cc-captures.sh                 # every scenario
#   sudo ./make-cc-captures.sh cc-bbr          # one or more scenarios by name
#   ./make-cc-captures.sh --list               # the scenario names
#
# Needs: root (network namespaces), ip (iproute2), python3, dumpcap, capinfos, /dev/net/tun.
# The three network namespaces, the relay between them and what stays untouched outside them:
# see relay-captures.sh, which this script shares with make-loss-captures.sh.
#
# The path: 10 Mbit/s and 15 ms one way (a round trip of about 32 ms when nothing waits in
# the relay's queue), so slow start spans several round trips and a window of about 27 full
# segments fills the path; the relay's queue is not bounded, so a larger flight waits there
# (the round trip grows) instead of being dropped: every loss is one the scenario asks for.
# The capture point is the client's TUN device, and the client is the sender: the captures
# show the flight as the sender's congestion control makes it (headers only, snap length 128).
#
# Re-running gives the same kind of events (the same rules apply to the same relative bytes),
# with new initial sequence numbers, client ports and timestamps; the flight's exact sizes and
# the frame numbers depend on timing (the README says which facts do).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=$here
port=5001
# MTU 1500 on the TUN devices: each full segment carries 1448 bytes (see make-loss-captures.sh).
mss=1448
# About 1 MB client->server: 720 full segments.
bulk=$((720 * mss))
path="delay=15 rate=10"

# Scenario names; each run_NAME function below says what its relay and peers do.
scenarios=(
    cc-reno-fast-recovery
    cc-cubic-fast-recovery
    cc-bbr
    cc-timeout
    cc-timeout-frto
    cc-receiver-limited
    cc-app-limited
)

# The namespaces, the relay, the capture and one exchange (the functions used below).
# shellcheck source=relay-captures.sh
source "$here/relay-captures.sh"

# --- the scenarios (sizes in whole segments of $mss bytes; segment K carries the bytes from
# (K-1)*mss+1 to K*mss) -------------------------------------------------------------------------

# One segment lost once slow start has grown the flight well past the path's window: three
# duplicate ACKs, fast retransmit, fast recovery, then congestion avoidance.
loss_after_slow_start=$((80 * mss + 1))
# The server's receive buffer fixed at 256 KiB (SO_RCVBUF; the kernel doubles it): its window
# reaches its final size (about 320 KB, more than any flight here) within the first round
# trips and then stays, so the duplicate ACKs of a loss are plain duplicates (with the buffer
# growing on its own, each would also widen the window, and Wireshark would count none).
fixed_window="--rcvbuf 262144"

run_cc_reno_fast_recovery() {
    # shellcheck disable=SC2086 # $path is two rules
    exchange cc-reno-fast-recovery \
        "Reno; 720 segments; the relay drops the first copy of segment 81" \
        "$bulk" "--cc reno $fixed_window" "--cc reno" $path drop=$loss_after_slow_start
}

run_cc_cubic_fast_recovery() {
    # shellcheck disable=SC2086
    exchange cc-cubic-fast-recovery \
        "CUBIC; 720 segments; the relay drops the first copy of segment 81" \
        "$bulk" "--cc cubic $fixed_window" "--cc cubic" $path drop=$loss_after_slow_start
}

run_cc_bbr() {
    # shellcheck disable=SC2086
    exchange cc-bbr \
        "BBR; 720 segments; the relay drops the first copy of segment 81" \
        "$bulk" "--cc bbr $fixed_window" "--cc bbr" $path drop=$loss_after_slow_start
}

run_cc_timeout() {
    # From segment 81 every client packet is dropped for 0.35 s: the rest of that window,
    # the tail loss probe and (depending on the round trip) the first timeout's resend. No
    # duplicate ACK comes back, so only the retransmission timer can end it. F-RTO off in the
    # client's namespace (net.ipv4.tcp_frto=0; Linux's default is on): with it, the sender
    # answers the first ACK after the timer's resend with two NEW segments (a test whether the
    # timeout was spurious), and their SACK block then frames the rest of the lost window;
    # without it, what follows the timeout is the plain restart from one segment.
    client_sysctl=(net.ipv4.tcp_frto=0)
    # shellcheck disable=SC2086
    exchange cc-timeout \
        "CUBIC; 720 segments; from segment 81 the relay drops every client packet for 0.35 s; F-RTO off" \
        "$bulk" "--cc cubic $fixed_window" "--cc cubic" $path blackhole=$loss_after_slow_start:0.35
    client_sysctl=()
}

run_cc_timeout_frto() {
    # The same loss with F-RTO on (Linux's default, RFC 5682): after the timer's resend is
    # acknowledged the sender sends two new segments; the duplicate ACK with a SACK block that
    # answers them shows the timeout was real, and the rest of the lost window is resent in slow
    # start. Those resends follow from the timeout, not from the duplicate ACKs.
    # shellcheck disable=SC2086
    exchange cc-timeout-frto \
        "CUBIC; 720 segments; from segment 81 the relay drops every client packet for 0.35 s; F-RTO on" \
        "$bulk" "--cc cubic $fixed_window" "--cc cubic" $path blackhole=$loss_after_slow_start:0.35
}

run_cc_receiver_limited() {
    # SO_RCVBUF 8192 (the kernel doubles it): an advertised window far below the path's, and
    # a server that reads 4096 bytes every 10 ms.
    # shellcheck disable=SC2086
    exchange cc-receiver-limited \
        "CUBIC; 720 segments to a server with an 8192-byte receive buffer reading 4096 bytes every 10 ms" \
        "$bulk" "--cc cubic --rcvbuf 8192 --read-pace 4096:10" "--cc cubic" $path
}

run_cc_app_limited() {
    # shellcheck disable=SC2086
    exchange cc-app-limited \
        "CUBIC; 128 writes of 8192 bytes, 20 ms apart" \
        $((128 * 8192)) "--cc cubic" "--cc cubic --blocks 8192:20" $path
}

run_selected
