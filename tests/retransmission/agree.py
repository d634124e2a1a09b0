#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks tcpteach's cause of every resend against the answer key.

usage: agree.py KEY.tsv CAPTURE_DIR -- TSHARK-COMMAND...

KEY.tsv holds one row per segment of a capture that repeats bytes (or a SYN
or FIN) already sent, and per zero-window probe and keep-alive: capture,
frame, cause, as a teacher reads the capture. For each capture named in the
key, tshark (the command after "--", run with the plugin) gives every
frame's role, resend cause and teaching text; each row must agree, and every
frame tcpteach calls a retransmission must have a row (no resend the key
does not explain). Exit status 1 on any disagreement.
"""
import collections
import re
import subprocess
import sys

# The key's causes, and what tcpteach must say for each. A resend that
# later proves unneeded keeps the cause it was sent for; the D-SACK that
# shows it must name its frame.
ACCEPT = {
    "fast-retransmit": {"fast-retransmit"},
    "sack-recovery": {"sack-recovery"},
    "tail-loss-probe": {"tail-loss-probe"},
    "timeout": {"timeout", "after-timeout"},
    "spurious-timeout": {"timeout", "tail-loss-probe", "spurious"},
    "spurious-reordering": {"fast-retransmit", "sack-recovery", "spurious"},
    "fin-again": {"timeout", "tail-loss-probe"},
    "syn-data": {"syn-data"},
}
FIELDS = ["frame.number", "tcpteach.role", "tcpteach.resend_cause", "tcpteach.retransmission",
          "tcpteach.capture_duplicate", "tcp.flags.fin", "tcpteach.text"]


def read_key(path):
    rows = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("capture\t"):
                continue
            capture, frame, cause = line.split("\t")[:3]
            rows.setdefault(capture, {})[int(frame)] = cause
    return rows


def frames_of(tshark, capture):
    cmd = tshark + ["-r", capture, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"]
    for field in FIELDS:
        cmd += ["-e", field]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    frames = {}
    for line in out.splitlines():
        cols = line.split("\t") + [""] * len(FIELDS)
        frames[int(cols[0])] = dict(zip(FIELDS, cols))
    return frames


def not_needed(frames, frame):
    """The frame of a later D-SACK that names `frame` as a copy not needed."""
    pattern = re.compile(r"the copy of frame %d was not needed" % frame)
    for number, f in frames.items():
        if number > frame and pattern.search(f["tcpteach.text"]):
            return number
    return 0


def check_row(frames, frame, cause):
    f = frames.get(frame)
    if f is None:
        return "no such frame"
    said = f["tcpteach.resend_cause"]
    if cause == "capture-duplicate":
        ok = f["tcpteach.capture_duplicate"] in ("1", "True") and said == ""
    elif cause == "new-attempt":
        ok = f["tcpteach.role"] == "handshake-1" and said == ""
    elif cause == "zero-window-probe":
        ok = f["tcpteach.role"] == "zero-window-probe"
    elif cause == "keep-alive":
        ok = f["tcpteach.role"] == "keepalive"
    elif cause in ACCEPT:
        ok = said in ACCEPT[cause]
        if cause == "fin-again":
            ok = ok and f["tcp.flags.fin"] in ("1", "True")
        if cause.startswith("spurious-") and said != "spurious":
            ok = ok and not_needed(frames, frame) != 0
    else:
        return "unknown cause in the key: " + cause
    if ok:
        return None
    return "tcpteach says role %s, cause %s" % (f["tcpteach.role"], said or "none")


def main():
    args = sys.argv[1:]
    if len(args) < 4 or args[2] != "--":
        sys.exit(__doc__)
    key, directory, tshark = read_key(args[0]), args[1], args[3:]
    failures = checked = 0
    for capture, rows in key.items():
        frames = frames_of(tshark, directory + "/" + capture)
        for frame, cause in rows.items():
            checked += 1
            problem = check_row(frames, frame, cause)
            if problem:
                failures += 1
                print("FAIL %s frame %d: the key says %s; %s" % (capture, frame, cause, problem))
        for number, f in frames.items():
            # A simultaneous open's SYN+ACK repeats its SYN by design: no row.
            said = f["tcpteach.resend_cause"]
            if said and said != "syn-again" and number not in rows:
                failures += 1
                print("FAIL %s frame %d: tcpteach says %s; the key has no row for it"
                      % (capture, number, f["tcpteach.resend_cause"]))
    print("%d rows checked in %d captures, %d disagreements" % (checked, len(key), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
