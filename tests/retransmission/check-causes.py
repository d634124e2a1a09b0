#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The answer key expected-causes.tsv is complete and well-formed.

Usage: check-causes.py SAMPLE-PCAPS-DIR [TSV]

- every row names a sample capture, a frame that exists in it and one of the causes;
- no frame has two rows;
- every segment that repeats bytes, a SYN or a FIN its sender already sent in the capture
  (read from the sequence numbers), and every segment that Wireshark (plain tshark, no
  plugin) flags as a retransmission, keep-alive or zero-window probe, has a row, unless it is
  listed in NO_ROW below with the reason the answer key gives.
"""
import csv
import os
import subprocess
import sys

CAUSES = {"capture-duplicate", "new-attempt", "fast-retransmit", "sack-recovery",
          "tail-loss-probe", "timeout", "spurious-timeout", "spurious-reordering", "fin-again",
          "syn-data", "zero-window-probe", "keep-alive"}
FLAGS = ("tcp.analysis.retransmission", "tcp.analysis.fast_retransmission",
         "tcp.analysis.spurious_retransmission", "tcp.analysis.keep_alive",
         "tcp.analysis.zero_window_probe")
# Frames that repeat something and still have no row (the answer key's comments say why).
NO_ROW = {
    ("simultaneous-open.pcap", 3),  # the SYN+ACK of a simultaneous open repeats the SYN
    ("simultaneous-open.pcap", 4),
    ("split-handshake.pcap", 3),  # the same, after the server's crossing SYN
    ("malformed.pcap", 6),  # hostile segments that reuse old numbers on purpose
    ("malformed.pcap", 10),
    ("zero-window-probe.pcap", 13),  # the refused probe byte, sent as data once the window opens
}


def repeats(capture):
    """(frame numbers, frames that must have a row) of a capture, read by plain tshark."""
    out = subprocess.run(
        ["tshark", "-n", "-r", capture, "-T", "fields", "-E", "separator=|",
         "-e", "frame.number", "-e", "tcp.stream", "-e", "tcp.srcport", "-e", "tcp.seq",
         "-e", "tcp.len", "-e", "tcp.flags.syn", "-e", "tcp.flags.fin",
         "-e", "tcp.flags.reset", "-e", "icmp.type"] + [f"-e{f}" for f in FLAGS],
        check=True, capture_output=True, text=True).stdout
    numbers, needed = set(), set()
    sent = {}  # (stream, port) -> (a SYN was sent, [(first, end) of every range sent])
    for line in out.splitlines():
        number, stream, port, seq, length, syn, fin, rst, icmp, *flags = line.split("|")
        numbers.add(int(number))
        if not stream or not seq or icmp:
            continue  # not TCP, a header cut short, or a header quoted in an ICMP error
        syn, fin, rst = (v in ("1", "True") for v in (syn, fin, rst))
        seq, length = int(seq), int(length or 0)
        had_syn, ranges = sent.setdefault((stream, port), (False, []))
        first, end = seq + syn, seq + syn + length + fin  # data and FIN (the SYN is apart)
        again = (syn and had_syn) or any(a < end and first < b for a, b in ranges)
        if any(flags) or (again and not rst):
            needed.add(int(number))
        if not rst:
            sent[(stream, port)] = (had_syn or syn, ranges + [(first, end)] if end > first
                                    else ranges)
    return numbers, needed


def main():
    top = sys.argv[1]
    tsv = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__),
                                                             "expected-causes.tsv")
    bad = []
    key = {}
    with open(tsv, encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    if next(reader) != ["capture", "frame", "cause"]:
        bad.append("the header is not: capture, frame, cause")
    for row in reader:
        if len(row) != 3 or not row[1].isdigit():
            bad.append(f"malformed row {row}")
            continue
        capture, frame, cause = row[0], int(row[1]), row[2]
        if cause not in CAUSES:
            bad.append(f"{capture} {frame}: unknown cause {cause}")
        if (capture, frame) in key:
            bad.append(f"{capture} {frame}: two rows")
        key[(capture, frame)] = cause
    captures = sorted({c for c, _ in key} | {c for c, _ in NO_ROW} |
                      {n for n in os.listdir(top) if n.endswith((".pcap", ".pcapng"))})
    for capture in captures:
        path = os.path.join(top, capture)
        if not os.path.exists(path):
            bad.append(f"{capture}: no such sample capture")
            continue
        numbers, needed = repeats(path)
        for c, frame in key:
            if c == capture and frame not in numbers:
                bad.append(f"{capture} {frame}: no such frame")
        for number in sorted(needed):
            if (capture, number) not in key and (capture, number) not in NO_ROW:
                bad.append(f"{capture} {number}: repeats what its sender sent, no row")
    for b in bad:
        print(f"FAIL: {b}", file=sys.stderr)
    print(f"{len(key)} rows, {len(captures)} captures checked, {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
