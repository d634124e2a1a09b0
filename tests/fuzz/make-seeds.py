#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the hand-made seed inputs of the libFuzzer harnesses into
corpus/conversation/ and corpus/explain/ (files named seed-*), in the input
formats that fuzz_conversation.c and fuzz_explain.c read. The fuzzer grows
from them; inputs it found that are worth keeping sit beside them (found-*).

Usage: make-seeds.py RESULT-BYTES [CORPUS_DIR]   (default: the corpus/ folder next to it)
RESULT-BYTES is the tcpteach-result-bytes program of a build (build/tests/fuzz/),
which lays out tt_result the way the core's struct does.
"""

import os
import struct
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import tcppkt  # noqa: E402

RESULT_BYTES = None

# ---- fuzz_conversation.c -----------------------------------------------------------

ANALYSIS_ON = 0x08
# tcp.analysis.* bits of conversation.h
RETRANS, DUP_ACK, KEEP_ALIVE, KEEP_ALIVE_ACK, ZWP = 1 << 0, 1 << 3, 1 << 5, 1 << 6, 1 << 7


def segment(side, flags, payload=0, stream=0, analysis_on=True, seq=None, ack=None,
            window=65535, options=b"", analysis=0, quoted=False, v6=False):
    """One described segment. seq/ack: None = the expected next number,
    ("delta", d) = that plus d (-128..127), ("raw", n) = exactly n."""
    op = stream | (ANALYSIS_ON if analysis_on else 0) | (side << 4) | (0x04 if quoted else 0)
    op |= 0x40 if v6 else 0
    rec = bytes([op])
    rec += bytes([payload]) if payload < 255 else b"\xff" + struct.pack("!I", payload)
    value = tcppkt.flag_bits(flags)
    sel, extra = 0, b""
    if seq is not None:
        kind, n = seq
        if kind == "delta":
            sel |= 1
            extra += struct.pack("!b", n)
        elif kind == "keepalive":
            sel |= 2
        else:
            sel |= 3
            extra += struct.pack("!I", n)
    if ack is not None:
        kind, n = ack
        if kind == "delta":
            sel |= 1 << 2
            extra += struct.pack("!b", n)
        elif kind == "raw":
            sel |= 2 << 2
            extra += struct.pack("!I", n)
        else:
            sel |= 3 << 2
    rec += bytes([value, 0, sel]) + extra + struct.pack("!H", window)
    rec += bytes([len(options)])
    if value & tcppkt.URG:
        rec += struct.pack("!H", 1)
    rec += options
    return rec + struct.pack("!HB", analysis, 1)


def raw_segment(header, payload=0, stream=0, analysis_on=True, quoted=False):
    op = stream | 0x20 | (ANALYSIS_ON if analysis_on else 0) | (0x04 if quoted else 0)
    return bytes([op, payload, len(header)]) + header + struct.pack("!HB", 0, 0)


def reuse(stream, new_id):
    return bytes([0xFC | stream]) + struct.pack("!I", new_id)


SYN_OPTS = b"\x02\x04\x05\xb4\x01\x03\x03\x07\x04\x02\x00\x00"


def handshake(stream=0, **kw):
    return (segment(0, "S", stream=stream, options=SYN_OPTS, **kw) +
            segment(1, "SA", stream=stream, options=SYN_OPTS, **kw) +
            segment(0, "A", stream=stream, **kw))


def four_way(stream=0, **kw):
    return (segment(0, "FA", stream=stream, **kw) + segment(1, "A", stream=stream, **kw) +
            segment(1, "FA", stream=stream, **kw) + segment(0, "A", stream=stream, **kw))


def conversation_seeds():
    seeds = {}
    seeds["seed-full-connection"] = (
        handshake() + segment(0, "PA", 20) + segment(1, "A") + segment(1, "PA", 30) +
        segment(0, "PA", 10) + segment(1, "A") + four_way())
    seeds["seed-own-analysis"] = (
        handshake(analysis_on=False) + segment(0, "PA", 100, analysis_on=False) +
        segment(0, "PA", 100, analysis_on=False, seq=("delta", -100)) +
        segment(1, "A", analysis_on=False) + segment(1, "A", analysis_on=False) +
        segment(0, "A", 1, analysis_on=False, seq=("keepalive", 0)) +
        segment(1, "A", analysis_on=False, window=0) +
        segment(0, "A", 1, analysis_on=False) + segment(1, "A", analysis_on=False, window=0) +
        segment(1, "A", analysis_on=False, window=4096) + four_way(analysis_on=False))
    seeds["seed-wireshark-analysis"] = (
        handshake() + segment(0, "PA", 100) +
        segment(0, "PA", 100, seq=("delta", -100), analysis=RETRANS) +
        segment(1, "A", analysis=DUP_ACK) + segment(0, "A", seq=("keepalive", 0), analysis=KEEP_ALIVE) +
        segment(1, "A", analysis=KEEP_ALIVE_ACK) + segment(0, "A", 1, analysis=ZWP))
    seeds["seed-simultaneous"] = (
        segment(0, "S", options=SYN_OPTS) + segment(1, "S", options=SYN_OPTS) +
        segment(0, "SA", ack=("delta", 0)) + segment(1, "SA") + segment(0, "FA") + segment(1, "FA") +
        segment(0, "A") + segment(1, "A"))
    seeds["seed-refused-reset-reuse"] = (
        segment(0, "S", stream=1) + segment(1, "RA", stream=1) + reuse(1, 77) +
        handshake(stream=2) + segment(1, "R", stream=2) + segment(0, "S", stream=2, seq=("raw", 9)) +
        segment(0, "S", stream=2, seq=("raw", 9)))
    seeds["seed-midstream-v6-quoted"] = (
        segment(1, "PA", 50, stream=3, v6=True) + segment(0, "A", stream=3, v6=True) +
        segment(0, "PA", 5, stream=3, quoted=True) + segment(1, "FA", stream=3, v6=True) +
        segment(0, "FA", stream=3, v6=True, ack=("fin", 0)) + segment(1, "A", stream=3, v6=True))
    def header(doff, flags):
        return tcppkt.tcp_header(40000, 80, 1, 1, flags, 100, doff=doff)

    bad = header(3, tcppkt.ACK)
    seeds["seed-malformed"] = (
        handshake() + raw_segment(bad) + raw_segment(bad[:12]) +
        raw_segment(header(15, tcppkt.ACK)) +
        raw_segment(header(5, tcppkt.SYN | tcppkt.FIN)) +
        raw_segment(header(5, 0), payload=10) +
        segment(0, "PA", 255 + 1000000))
    return seeds


# ---- fuzz_explain.c ------------------------------------------------------------------

def tcp_header(flags, seq=1000, ack=5001, options=b"", window=65535, urgent=0, doff=None):
    return tcppkt.tcp_header(40000, 80, seq, ack, flags, window, options, doff, urgent, 0x1234)


def result(role, steps=(0, 0), dir=0, chunk=0, acked=0, rel_seq=1, rel_ack=1, payload=0,
           analysis=0, notes=0, states=(4, 4, 4, 4), wscale=-1, checksum=0, stream=0, index=1):
    """A tt_result in memory, laid out by the struct itself (tcpteach-result-bytes)."""
    fields = dict(stream=stream, index=index, chunk=chunk, acked_chunk=acked, rel_seq=rel_seq,
                  rel_ack=rel_ack, payload_len=payload, analysis=analysis, notes=notes,
                  role=role, step1=steps[0], step2=steps[1], dir=dir,
                  client_before=states[0], client_after=states[1], server_before=states[2],
                  server_after=states[3], wscale=wscale, checksum=checksum)
    out = subprocess.run([RESULT_BYTES] + [f"{k}={v}" for k, v in fields.items()],
                         check=True, capture_output=True, text=True).stdout
    return bytes.fromhex(out.strip())


def result_size():
    return int(subprocess.run([RESULT_BYTES, "--size"], check=True, capture_output=True,
                              text=True).stdout)


def explain_input(header, res, mode=0, client=2, server=3, sizes=(40, 300), frame=1):
    data = bytes([mode, len(header)]) + header + res + bytes([client, server])
    data += bytes([sizes[0]]) + struct.pack("!H", sizes[1])
    return data + struct.pack("!I", frame) + bytes([2, 3])


def explain_seeds():
    seeds = {}
    seeds["seed-syn-options"] = explain_input(
        tcp_header(0x002, ack=0, options=b"\x02\x04\xff\xd7\x04\x02\x08\x0a" + b"\0" * 8 +
                   b"\x01\x03\x03\x07"), result(1, (1, 0), states=(0, 2, 1, 1), wscale=-2))
    seeds["seed-piggyback-sack"] = explain_input(
        tcp_header(0x018, options=b"\x01\x01\x05\x0a" + struct.pack("!II", 2000, 3000)),
        result(6, chunk=3, acked=2, payload=100, notes=1 << 11, wscale=7, checksum=1))
    seeds["seed-teardown-retrans"] = explain_input(
        tcp_header(0x011), result(17, (2, 3), dir=1, notes=1 | 64, analysis=1, states=(6, 10, 7, 9)),
        mode=0x18)
    seeds["seed-truncated"] = explain_input(tcp_header(0x010)[:13], result(23), frame=12345678)
    seeds["seed-doff-small"] = explain_input(tcp_header(0x010, doff=3), result(23))
    seeds["seed-bad-options"] = explain_input(
        tcp_header(0x010, options=b"\x01\x03\x03\x0f\x02\x00\x05\xb4\x63\x28\0\0"),
        result(7, rel_ack=0xffffffff, wscale=14), mode=0x21)
    seeds["seed-garbage-result"] = explain_input(
        tcp_header(0x1ff, urgent=9), bytes((200 + i) % 256 for i in range(result_size())), mode=0x06)
    return seeds


def main(argv):
    global RESULT_BYTES
    if len(argv) < 2:
        sys.exit("usage: make-seeds.py RESULT-BYTES [CORPUS_DIR]")
    RESULT_BYTES = argv[1]
    top = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "corpus")
    for harness, seeds in (("conversation", conversation_seeds()), ("explain", explain_seeds())):
        os.makedirs(os.path.join(top, harness), exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(top, harness, name), "wb") as f:
                f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
