#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Points for the handout's congestion plot, read from a capture by plain tshark: a stand-in
for the plugin's own model of the phases, to look at the plot drawn from real captures.

Usage: points-from-capture.py CAPTURE [STREAM]   (default: stream 0)

Prints one line per data segment of the side that sends more data: microseconds since the
stream's first segment, Wireshark's bytes in flight, the other side's last window (scaled),
a phase (its number in plugin/core/cc_phases.def) and an event (1 fast retransmission,
2 resend after a timeout). The phases are a rough reading of Wireshark's flags, not
tcpteach's: slow start until the first loss; fast recovery from a fast retransmission, and
recovery after a timeout from a resend that follows 200 ms of silence of the sender, each
until the cumulative ACK passes what was sent before it; congestion avoidance after that;
limited by the receiver's window where Wireshark says the window is full.
"""
import os
import re
import subprocess
import sys

DEF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugin", "core",
                   "cc_phases.def")


def phases():
    with open(DEF, encoding="utf-8") as f:
        tokens = re.findall(r'^TT_CC\(\w+, "([^"]*)"', f.read(), re.M)
    return {token: i for i, token in enumerate(tokens)}


def main():
    capture = sys.argv[1]
    stream = sys.argv[2] if len(sys.argv) > 2 else "0"
    ph = phases()
    fields = ["frame.time_relative", "tcp.srcport", "tcp.len", "tcp.seq", "tcp.nxtseq",
              "tcp.ack", "tcp.window_size", "tcp.analysis.bytes_in_flight",
              "tcp.analysis.fast_retransmission", "tcp.analysis.retransmission",
              "tcp.analysis.window_full"]
    out = subprocess.run(["tshark", "-n", "-r", capture, "-Y", f"tcp.stream == {stream}",
                          "-T", "fields", "-E", "separator=|"] + [a for f in fields
                                                                  for a in ("-e", f)],
                         check=True, capture_output=True, text=True).stdout
    rows = [line.split("|") for line in out.splitlines()]
    sent = {}
    for r in rows:
        sent[r[1]] = sent.get(r[1], 0) + int(r[2] or 0)
    sender = max(sent, key=sent.get)
    t0 = float(rows[0][0])
    rwnd = 0
    phase, until = ph["slow-start"], None
    last_sent, highest = None, 0
    for t, port, length, seq, nxt, ack, win, flight, fast, retrans, full in rows:
        t = float(t)
        if port != sender:
            rwnd = int(win or 0)
            if until is not None and int(ack or 0) >= until:
                phase, until = ph["congestion-avoidance"], None
            continue
        if not int(length or 0):
            continue
        event = 0
        if fast:
            event, phase, until = 1, ph["fast-recovery"], highest
        elif retrans and last_sent is not None and t - last_sent >= 0.2:
            event, phase, until = 2, ph["rto-recovery"], highest
        highest = max(highest, int(nxt or 0))
        last_sent = t
        shown = ph["receiver-limited"] if full and until is None else phase
        print(int(round((t - t0) * 1e6)), int(flight or 0), rwnd, shown, event)


if __name__ == "__main__":
    main()
