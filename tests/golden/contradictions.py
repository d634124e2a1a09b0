#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The teaching tree never says both X and not-X, on any sample capture.

    contradictions.py SANDBOX PLUGIN.so CAPTURE...   (SANDBOX: tools/sandbox.sh)

For every capture, in English and Chinese, tshark (with the plugin, through the
sandbox script) prints every segment's annotations and Wireshark's own findings;
this script then checks, segment by segment:

- every endpoint's state changes only along RFC 9293's diagram (the edges are
  read from plugin/core/states.def): from one segment to the next, each state
  stays, follows one edge, or two edges (never CLOSE-WAIT -> CLOSING);
- tcpteach.retransmission agrees with Wireshark's retransmission findings (a resend
  that Wireshark calls out-of-order counts as one);
- "the sender's/peer's SYN was not captured" is said only when no SYN from that
  side is in the stream;
- "window scaling is not in use" never stands beside a scale factor Wireshark
  negotiated, and a scaled window equals Wireshark's calculated window;
- a refused connection never leaves the server LISTEN, and says why LISTEN was
  shown;
- a zero-window probe that Wireshark calls a keep-alive says so.

Prints each contradiction and exits 1 if there is any.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STATES_DEF = os.path.join(HERE, "..", "..", "plugin", "core", "states.def")

FIELDS = [
    "frame.number", "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "tcp.flags.syn",
    "tcp.flags.ack", "tcpteach.role", "tcpteach.client_state", "tcpteach.server_state",
    "tcpteach.retransmission", "tcpteach.capture_duplicate", "tcp.analysis.retransmission",
    "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
    "tcp.analysis.keep_alive", "tcp.analysis.out_of_order", "tcp.window_size_scalefactor",
    "tcp.window_size",
    "tcpteach.text",
]


def diagram():
    """The edges of the state diagram, as {(from, to)} of state names."""
    text = open(STATES_DEF, encoding="utf-8").read()
    names = dict(re.findall(r'^TT_STATE\((\w+), "([A-Z0-9-]+)"', text, re.M))
    edges = set()
    for a, _event, b in re.findall(r"^TT_EDGE\((\w+), (\w+), (\w+),", text, re.M):
        edges.add((names[a], names[b]))
    if len(names) != 11 or len(edges) < 20:
        sys.exit("contradictions: could not read the diagram from states.def")
    return edges


def legal(edges, before, after):
    if before == after or (before, after) in edges:
        return True
    return any((before, via) in edges and (via, after) in edges for _, via in edges)


def run(sandbox, plugin, capture, lang):
    cmd = [sandbox, "tshark", plugin, "-r", capture, "-o", "tcpteach.language:" + lang, "-T", "fields",
           "-E", "separator=/t", "-E", "occurrence=f"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    if out.stderr.strip():
        sys.exit("contradictions: tshark wrote to stderr on %s:\n%s" % (capture, out.stderr))
    rows = []
    for line in out.stdout.splitlines():
        cells = line.split("\t")
        cells += [""] * (len(FIELDS) - len(cells))
        rows.append(dict(zip(FIELDS, cells)))
    return rows


NOT_CAPTURED = {
    "en": ("The sender's SYN was not captured", "as its SYN was not captured"),
    "zh": ("没有抓到发送方的 SYN", "因为没有抓到它的 SYN"),
}
NO_SCALING = {"en": "Window scaling is not in use", "zh": "没有使用窗口扩大"}
CORRECTION = {"en": "Correction:", "zh": "更正："}
WS_KEEPALIVE = {"en": "Wireshark shows this segment as a keep-alive",
                "zh": "Wireshark 把这个报文段显示为保活报文"}
SCALED = {"en": r"x 2\^\d+ = (\d+) bytes", "zh": r"x 2\^\d+ = (\d+) 字节"}


def check(name, rows, lang, edges, problems):
    def fail(row, what):
        problems.append("%s (%s) frame %s: %s" % (name, lang, row["frame.number"], what))

    last = {}
    syn_senders = {}
    for row in rows:
        if row["tcp.stream"] and row["tcp.flags.syn"] in ("1", "True"):
            sender = (row["ip.src"] or row["ipv6.src"], row["tcp.srcport"])
            syn_senders.setdefault(row["tcp.stream"], set()).add(sender)
    for row in rows:
        stream, role, text = row["tcp.stream"], row["tcpteach.role"], row["tcpteach.text"]
        if not role:
            continue
        states = (row["tcpteach.client_state"], row["tcpteach.server_state"])
        if stream and all(states):
            if stream in last:
                for side, before, after in zip(("client", "server"), last[stream], states):
                    # A correction of an assumption says so in its text.
                    if not legal(edges, before, after) and CORRECTION[lang] not in text:
                        fail(row, "%s state %s -> %s is not on RFC 9293's diagram"
                             % (side, before, after))
            last[stream] = states
        inert = role in ("malformed", "icmp-quoted")  # tcpteach claims nothing there
        # a copy the capture holds twice is no retransmission, whatever Wireshark says
        inert = inert or row["tcpteach.capture_duplicate"] in ("1", "True")
        ws_retrans = not inert and any(row[f] for f in ("tcp.analysis.retransmission",
                                          "tcp.analysis.fast_retransmission",
                                          "tcp.analysis.spurious_retransmission"))
        ours = not inert and row["tcpteach.retransmission"] in ("1", "True")
        # Wireshark calls a resend that follows the previous segment within 3 ms
        # "out-of-order" (the later holes of a SACK recovery): not a contradiction.
        if ours and row["tcp.analysis.out_of_order"]:
            ws_retrans = True
        if ws_retrans != ours:
            fail(row, "tcpteach.retransmission %s beside Wireshark's %s"
                 % (ours, "retransmission" if ws_retrans else "nothing"))
        sender = (row["ip.src"] or row["ipv6.src"], row["tcp.srcport"])
        senders = syn_senders.get(stream, set())
        own, peer = NOT_CAPTURED[lang]
        if own in text and sender in senders:
            fail(row, "says the sender's SYN was not captured, but the stream has it")
        if peer in text and senders - {sender}:
            fail(row, "says the peer's SYN was not captured, but the stream has it")
        factor = row["tcp.window_size_scalefactor"]
        if NO_SCALING[lang] in text and factor not in ("", "-1", "-2", "1"):
            fail(row, "says no window scaling beside Wireshark's scale factor %s" % factor)
        scaled = re.search(SCALED[lang], text)
        if scaled and factor not in ("", "-1", "-2") and scaled.group(1) != row["tcp.window_size"]:
            fail(row, "scaled window %s beside Wireshark's %s"
                 % (scaled.group(1), row["tcp.window_size"]))
        if role == "refused":
            if row["tcpteach.server_state"] == "LISTEN":
                fail(row, "a refused connection leaves the server LISTEN")
            if CORRECTION[lang] not in text:
                fail(row, "a refused connection does not correct the LISTEN shown before")
        if role == "zero-window-probe" and row["tcp.analysis.keep_alive"] and \
                WS_KEEPALIVE[lang] not in text:
            fail(row, "a probe Wireshark calls a keep-alive does not say so")


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: contradictions.py SANDBOX PLUGIN.so CAPTURE...")
    sandbox, plugin, captures = sys.argv[1], sys.argv[2], sys.argv[3:]
    edges = diagram()
    problems = []
    segments = 0
    for capture in captures:
        name = os.path.basename(capture)
        for lang in ("en", "zh"):
            rows = run(sandbox, plugin, capture, lang)
            segments += sum(1 for r in rows if r["tcpteach.role"])
            check(name, rows, lang, edges, problems)
    for p in problems:
        print("CONTRADICTION:", p)
    if segments == 0:
        sys.exit("contradictions: no annotated segment at all (is the plugin loaded?)")
    print("%d captures, %d annotated segments checked in 2 languages: %d contradictions"
          % (len(captures), segments // 2, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
