#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Congestion control as the tree shows it, on captures with losses.

Usage: cc_trees.py [--update-golden] SANDBOX PLUGIN.so CAPTURE... [--agree CAPTURE...]

For each capture and language, runs `tshark -V -O tcpteach` and keeps, per
frame that has them, the field tcpteach.congestion and the subtree
"Congestion control (as seen at the capture point)" (of a capture of more
than COMPACT frames, the bulk transfers: each frame's phase on one line and
the walkthrough's congestion-control paragraph); compares them with
expected/NAME.LANG (written by --update-golden, to be read before
committing). Then checks what every capture must agree with, whatever its
frames: a fast retransmission (or a SACK-driven one) is in fast recovery
(or in the recovery of an earlier timeout), a resend after a timeout is in
RTO recovery, data sent while the receiver's last window was zero is
receiver-limited, and a stream whose opening was captured begins its data
in slow start (or limited by the receiver or the application). The captures
after --agree are only checked so, not compared.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected")
TITLES = ("    Congestion control (as seen at the capture point)", "    拥塞控制（从抓包点看到的）")
FIELD = ("    [Congestion control phase: ", "    [拥塞控制阶段：")
PARAGRAPH = ("Congestion control of the ", "客户端发送的数据的拥塞控制", "服务器发送的数据的拥塞控制")
COMPACT = 300


def tshark(sandbox, plugin, capture, *args):
    """tshark in the sandbox set up once (main), with the plugin."""
    out = subprocess.run([sandbox, "run", "tshark", "-r", capture, *args],
                         check=True, capture_output=True, text=True)
    return out.stdout


def setup(sandbox, plugin):
    """Sets the sandbox up once: `sandbox.sh setup` prints the export."""
    out = subprocess.run([sandbox, "setup", plugin], check=True, capture_output=True, text=True)
    for line in out.stdout.split("\n"):
        if line.startswith("export TCPTEACH_SANDBOX="):
            os.environ["TCPTEACH_SANDBOX"] = line.split("=", 1)[1].strip("'\"")


def cc_tree(text):
    """The frames' congestion lines: 'Frame N', the field, the subtree."""
    kept, frame, inside, lines = [], None, False, []
    for line in text.split("\n"):
        if line.startswith("Frame "):
            if lines:
                kept.append(frame)
                kept.extend(lines)
            frame, lines, inside = line.split(":")[0], [], False
            continue
        if line.startswith(TITLES):
            inside = True
            lines.append(line)
            continue
        if inside and line.startswith("        "):
            lines.append(line)
            continue
        inside = False
        if line.startswith(FIELD):
            lines.append(line)
    if lines:
        kept.append(frame)
        kept.extend(lines)
    return "\n".join(kept) + "\n"


def compact(sandbox, plugin, capture, lang):
    """Each frame's phase ("N phase"), then the walkthrough's paragraphs."""
    rows = tshark(sandbox, plugin, capture, "-T", "fields", "-e", "frame.number",
                  "-e", "tcpteach.congestion", "-Y", "tcpteach.congestion")
    walk = tshark(sandbox, plugin, capture, "-q", "-o", f"tcpteach.language:{lang}",
                  "-z", "tcpteach,walkthrough")
    paragraphs = [line for line in walk.split("\n") if line.startswith(PARAGRAPH)]
    return rows.replace("\t", " ") + "\n".join(paragraphs) + "\n"


def frames_in(sandbox, plugin, capture):
    out = tshark(sandbox, plugin, capture, "-T", "fields", "-e", "frame.number")
    return len(out.split())


def agreement(sandbox, plugin, capture):
    """Claims every capture must support; returns the problems found."""
    fields = ["frame.number", "tcp.stream", "tcp.srcport", "tcp.len", "tcp.flags.syn",
              "tcp.window_size", "tcpteach.resend_cause", "tcpteach.congestion",
              "tcpteach.role"]
    args = ["-T", "fields", "-E", "occurrence=f"]
    for f in fields:
        args += ["-e", f]
    problems = []
    window = {}   # (stream, port) -> last window that port advertised
    opened = set()  # streams whose SYN was captured
    first_data = {}
    for row in tshark(sandbox, plugin, capture, *args).split("\n"):
        if not row:
            continue
        frame, stream, port, length, syn, win, cause, cc, role = (row.split("\t") + [""] * 9)[:9]
        key = (stream, port)
        if syn == "1":
            opened.add(stream)
        length = int(length or 0)
        where = f"{os.path.basename(capture)} frame {frame}"
        if length > 0 and cc:
            peer_zero = any(w == "0" for (s, p), w in window.items() if s == stream and p != port)
            if cause in ("fast-retransmit", "sack-recovery") and cc not in (
                    "fast-recovery", "rto-recovery", "receiver-limited"):
                problems.append(f"{where}: a {cause} resend is {cc}, not in recovery")
            if cause == "timeout" and cc not in ("rto-recovery", "receiver-limited"):
                problems.append(f"{where}: a resend after a timeout is {cc}")
            if peer_zero and not cause and cc != "receiver-limited":
                problems.append(f"{where}: data sent into a zero window is {cc}")
            if stream in opened and key not in first_data and not cause:
                first_data[key] = cc
                if cc not in ("slow-start", "receiver-limited", "sender-limited"):
                    problems.append(f"{where}: the first data of an opened stream is {cc}")
        if win:
            window[key] = win
    return problems


def main(argv):
    update = False
    if argv and argv[0] == "--update-golden":
        update, argv = True, argv[1:]
    sandbox, plugin, captures = argv[0], argv[1], argv[2:]
    others = []
    if "--agree" in captures:
        at = captures.index("--agree")
        captures, others = captures[:at], captures[at + 1:]
    setup(sandbox, plugin)
    try:
        return run(update, sandbox, plugin, captures, others)
    finally:
        subprocess.run([sandbox, "cleanup"], check=False)


def run(update, sandbox, plugin, captures, others):
    failures = 0
    for capture in captures:
        name = os.path.splitext(os.path.basename(capture))[0]
        small = frames_in(sandbox, plugin, capture) <= COMPACT
        for lang in ("en", "zh"):
            if small:
                text = cc_tree(tshark(sandbox, plugin, capture, "-V", "-O", "tcpteach",
                                      "-o", f"tcpteach.language:{lang}"))
            else:
                text = compact(sandbox, plugin, capture, lang)
            path = os.path.join(EXPECTED, f"{name}.{lang}")
            if update:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                continue
            if not os.path.exists(path):
                failures += 1
                print(f"FAIL: no {path} (cmake --build build --target update-golden)")
                continue
            with open(path, encoding="utf-8") as f:
                want = f.read()
            if text != want:
                failures += 1
                print(f"FAIL: {name}.{lang} differs from {path}")
    if not update:
        for capture in captures + others:
            for problem in agreement(sandbox, plugin, capture):
                failures += 1
                print(f"FAIL: {problem}")
        print(f"{len(captures)} captures compared, {len(captures) + len(others)} checked, "
              f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
