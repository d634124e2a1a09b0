#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes large, deterministic TCP/IPv4/Ethernet captures (pcap) for the benchmark.

    gen-capture.py mixed    PACKETS OUTDIR   -> OUTDIR/mixed-PACKETS.pcap
    gen-capture.py synflood STREAMS OUTDIR   -> OUTDIR/synflood-STREAMS.pcap
    gen-capture.py short    STREAMS OUTDIR   -> OUTDIR/short-STREAMS.pcap

mixed: a busy server (192.0.2.10:8800) talking to many clients. PACKETS // 50
streams (at least one), exactly PACKETS packets, interleaved in time the way
a server sees them: new connections arrive at about 200 per second while
earlier ones are still exchanging data. Every stream is one of

  * handshake + request/response exchanges + four-segment close (client or
    server closes first, some with a half-close: data after the first FIN);
  * handshake + exchanges + merged close (FIN, FIN+ACK, ACK);
  * handshake + exchanges + RST abort;
  * a refused connection (SYN, RST+ACK);
  * handshake + long-lived exchanges, left open at the end of the capture;
  * a connection already open when the capture began (no handshake).

Exchanges carry data both ways with varied sizes (requests of 40..1400
bytes, responses of 1..many MSS-sized segments), piggybacked ACKs, pure and
delayed ACKs, and some trouble: lost segments answered with duplicate ACKs
and a fast retransmission, timeout retransmissions, a retransmitted request
answered with a duplicate ACK, SYN retransmissions.

synflood: STREAMS half-open streams from spoofed sources to the server: a
SYN each; about 30% get a SYN+ACK (some retransmitted), a few of those are
answered with RST by the spoofed host, about 2% complete the handshake.

short: STREAMS short conversations of ten segments each (handshake, one
request, one response, the client's ACK, four-segment close with either side
first), starting at about 200 per second, so that tens of them are open at
once and their segments interleave: what a classroom capture of many small
exchanges looks like, where per-stream work (a diagram, a table and a quiz
per stream in the handout) dominates.

Same arguments, same bytes (--seed changes the draw). Checksums (IPv4 and
TCP) are correct. Python 3 standard library only.
"""
import argparse
import heapq
import os
import random
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import tcppkt  # noqa: E402

SERVER_IP = bytes([192, 0, 2, 10])
SERVER_PORT = 8800  # no Wireshark dissector is registered on it
MAC_SERVER = bytes.fromhex("020000000a0a")
MAC_ROUTER = bytes.fromhex("020000000101")
ETH_C2S = MAC_SERVER + MAC_ROUTER + b"\x08\x00"  # dst, src, IPv4
ETH_S2C = MAC_ROUTER + MAC_SERVER + b"\x08\x00"
MSS = 1448
WSCALE = 7

from tcppkt import ACK, FIN, PSH, RST, SYN  # noqa: E402

# SYN options: MSS, NOP, WS, NOP, NOP, SACK permitted (12 bytes).
SYN_OPTS = struct.pack("!BBH", 2, 4, MSS) + bytes([1, 3, 3, WSCALE, 1, 1, 4, 2])

# Payload bytes: one deterministic pseudo-random buffer, payloads are its
# prefixes; prefix sums of its 16-bit words give a payload's checksum sum in
# O(1) (tcppkt.tcp takes it instead of summing the payload again).
_prng = random.Random(20240917)
PAYLOAD = bytes(_prng.getrandbits(8) for _ in range(65536))
_words = struct.unpack("!32768H", PAYLOAD)
PREFIX = [0] * (len(_words) + 1)
for _i, _w in enumerate(_words):
    PREFIX[_i + 1] = PREFIX[_i] + _w
del _words


def payload_sum(n):
    s = PREFIX[n >> 1]
    if n & 1:
        s += PAYLOAD[n - 1] << 8
    return s


class Endpoints:
    """Addresses of one stream and each direction's IP ID counter."""

    __slots__ = ("cip", "cport", "ident")

    def __init__(self, cip, cport):
        self.cip = cip
        self.cport = cport
        self.ident = [0x1000, 0x2000]


def frame(ep, d, flags, seq, ack, win, plen, opts=b""):
    """Bytes of one Ethernet/IPv4/TCP frame; d = 0 client->server, 1 back."""
    if d == 0:
        sport, dport, src, dst, eth = ep.cport, SERVER_PORT, ep.cip, SERVER_IP, ETH_C2S
    else:
        sport, dport, src, dst, eth = SERVER_PORT, ep.cport, SERVER_IP, ep.cip, ETH_S2C
    ident = ep.ident[d] = (ep.ident[d] + 1) & 0xFFFF
    segment = tcppkt.tcp(src, dst, sport, dport, seq, ack, flags, win, opts, PAYLOAD[:plen],
                         payload_sum=payload_sum(plen))
    return eth + tcppkt.ipv4(src, dst, tcppkt.PROTO_TCP, segment, ident, dont_fragment=True)


# ---- the mixed capture -------------------------------------------------------

# Stream kinds, their weights and their fixed packet overhead (handshake and
# close); the rest of a stream's packet budget is spent on exchanges.
KINDS = [
    # name,          weight, overhead
    ("close4", 34, 3 + 4),
    ("close4-half", 6, 3 + 6),
    ("close3", 25, 3 + 3),
    ("abort", 8, 3 + 1),
    ("refused", 6, 2),
    ("open", 8, 3),
    ("midflow", 3, 1 + 4),
]
KIND_WEIGHTS = [k[1] for k in KINDS]


def plan_streams(rng, n_packets):
    """(kind, overhead, data packets, syn retransmitted) per stream, summing
    to exactly n_packets when that is possible."""
    n_streams = max(1, n_packets // 50)
    plans = []
    for _ in range(n_streams):
        kind, _, overhead = rng.choices(KINDS, KIND_WEIGHTS)[0]
        syn_retx = kind not in ("refused", "midflow") and rng.random() < 0.005
        if kind == "refused":
            data = 0
        elif kind == "open":
            data = 60 + int(rng.paretovariate(1.3) * 40)  # long-lived
        else:
            data = int(rng.paretovariate(1.5) * 12)  # mostly short, heavy tail
        plans.append([kind, overhead + syn_retx, min(data, 5000), syn_retx])
    fixed = sum(p[1] for p in plans)
    flexible = [p for p in plans if p[0] != "refused"]
    want = n_packets - fixed
    have = sum(p[2] for p in flexible)
    if want > 0 and have > 0:
        f = want / have
        for p in flexible:
            p[2] = int(p[2] * f)
        left = want - sum(p[2] for p in flexible)
        i = 0
        while left > 0:
            flexible[i % len(flexible)][2] += 1
            left -= 1
            i += 1
    elif want > 0 and flexible:
        flexible[0][2] += want
    return plans


def mixed_stream(sid, plan, t0, seed):
    """Generator of (time, frame bytes) for one stream, in time order."""
    kind, _, n_data, syn_retx = plan
    rng = random.Random(seed * 1000003 + sid)
    ep = Endpoints(bytes([10, 1 + (sid % 2039) // 256, (sid % 2039) % 256, 1 + sid % 7]),
                   49152 + sid // 2039)
    rtt = rng.uniform(0.002, 0.080)
    c_isn = rng.getrandbits(32)
    s_isn = rng.getrandbits(32)
    c_win, s_win = rng.randint(400, 2000), rng.randint(500, 1000)
    t = t0
    # c: client's next sequence number, s: server's; c_ack/s_ack: what each
    # side acknowledges.
    st = {"c": c_isn + 1, "s": s_isn + 1}

    def pkt(d, flags, plen=0, seq=None, ack=None, opts=b"", win=None):
        if d == 0:
            sq = st["c"] if seq is None else seq
            ak = st["s"] if ack is None else ack
            w = c_win if win is None else win
        else:
            sq = st["s"] if seq is None else seq
            ak = st["c"] if ack is None else ack
            w = s_win if win is None else win
        return frame(ep, d, flags, sq, ak, w, plen, opts)

    if kind == "midflow":
        # The capture began during this connection: no handshake. Begins with
        # a pure ACK from the client.
        yield t, pkt(0, ACK)
    else:
        yield t, frame(ep, 0, SYN, c_isn, 0, 64240, 0, SYN_OPTS)
        if syn_retx:
            t += 1.0
            yield t, frame(ep, 0, SYN, c_isn, 0, 64240, 0, SYN_OPTS)
        t += 0.00005
        if kind == "refused":
            yield t, frame(ep, 1, RST | ACK, 0, c_isn + 1, 0, 0)
            return
        yield t, frame(ep, 1, SYN | ACK, s_isn, c_isn + 1, 65160, 0, SYN_OPTS)
        t += rtt
        yield t, pkt(0, ACK)

    think_mean = 0.5 if kind == "open" else 0.05
    left = n_data
    while left > 0:
        # One exchange (request, maybe an ACK, response, the client's ACKs),
        # built with the time each packet passes the capture point, then
        # put in time order. At most `left` packets.
        ev = []

        def add(when, data):
            ev.append((when, len(ev), data))
            return len(ev) >= left

        t += rng.expovariate(1.0 / think_mean)
        full = False
        nreq = 1 if rng.random() < 0.85 else 2
        for i in range(nreq):
            n = rng.randint(40, 1400) if i == nreq - 1 else MSS
            full = add(t, pkt(0, PSH | ACK, n))
            st["c"] += n
            t += 0.00002
            if full:
                break
        if not full and rng.random() < 0.005:
            # The server ACKs, the client does not see it and sends the
            # request again: the server answers with a duplicate ACK.
            full = add(t, pkt(1, ACK))
            t += rtt
            if not full:
                full = add(t, pkt(0, PSH | ACK, n, seq=st["c"] - n))
                t += 0.00003
            if not full:
                full = add(t, pkt(1, ACK))
                t += 0.00003
        if not full and rng.random() < 0.3:
            # Slow server: a pure ACK first, the response later.
            t += 0.0002
            full = add(t, pkt(1, ACK))
            t += rng.uniform(0.001, 0.02)
        else:
            t += rng.uniform(0.00005, 0.0005)
        if not full:
            nseg = 1 + int(rng.expovariate(1 / 3.0))
            last_len = rng.randint(1, MSS)
            lost = -1
            trouble = rng.random()
            if nseg >= 4 and trouble < 0.03:
                lost = rng.randint(1, nseg - 3)  # then a fast retransmission
            elif nseg >= 2 and trouble < 0.04:
                lost = nseg - 1  # the last one: a timeout retransmission
            seg_start = []
            for j in range(nseg):
                n = MSS if j < nseg - 1 else last_len
                seg_start.append((st["s"], n))
                # Bursts of up to 10 segments, then wait for the ACKs.
                if j and j % 10 == 0:
                    t += rtt
                full = add(t, pkt(1, PSH | ACK if j == nseg - 1 else ACK, n))
                st["s"] += n
                if full:
                    break
                if lost < 0 or j < lost:
                    if j % 2 == 1 or j == nseg - 1:
                        # Delayed ACK: every second segment, and the last.
                        full = add(t + rtt, pkt(0, ACK, ack=st["s"], win=c_win + (j & 3)))
                elif j > lost:
                    # Segment `lost` never arrived: each later one draws a
                    # duplicate ACK.
                    full = add(t + rtt, pkt(0, ACK, ack=seg_start[lost][0],
                                            win=c_win + (lost & 3)))
                t += 0.000012
                if full:
                    break
            if not full and lost >= 0:
                t += rtt + 0.0001 if lost < nseg - 1 else 0.2  # fast or RTO
                seq, n = seg_start[lost]
                full = add(t, pkt(1, ACK, n, seq=seq))
                t += rtt
                if not full:
                    full = add(t, pkt(0, ACK, ack=st["s"], win=c_win))
        ev.sort()
        for when, _, data in ev:
            yield when, data
        left -= len(ev)
        t = max(t, ev[-1][0]) + rtt
    t += rtt + rng.expovariate(1.0 / think_mean)

    if kind in ("close4", "close4-half", "midflow"):
        client_first = kind == "midflow" or rng.random() < 0.6
        a, b = (0, 1) if client_first else (1, 0)
        ka, kb = ("c", "s") if a == 0 else ("s", "c")
        yield t, pkt(a, FIN | ACK)
        st[ka] += 1
        t += 0.0002 if a == 0 else rtt
        yield t, pkt(b, ACK)
        if kind == "close4-half":
            # Half-close: b goes on sending after a's FIN.
            n = rng.randint(100, MSS)
            t += 0.001
            yield t, pkt(b, PSH | ACK, n)
            st[kb] += n
            t += rtt if b == 1 else 0.0002
            yield t, pkt(a, ACK)
        t += 0.002
        yield t, pkt(b, FIN | ACK)
        st[kb] += 1
        t += rtt if b == 1 else 0.0002
        yield t, pkt(a, ACK)
    elif kind == "close3":
        client_first = rng.random() < 0.5
        a, b = (0, 1) if client_first else (1, 0)
        ka, kb = ("c", "s") if a == 0 else ("s", "c")
        yield t, pkt(a, FIN | ACK)
        st[ka] += 1
        t += 0.0002 if a == 0 else rtt
        yield t, pkt(b, FIN | ACK)
        st[kb] += 1
        t += rtt if b == 1 else 0.0002
        yield t, pkt(a, ACK)
    elif kind == "abort":
        yield t, pkt(rng.randint(0, 1), RST | ACK)
    # "open": nothing, still open when the capture ends.


def write_mixed(path, n_packets, seed):
    rng = random.Random(seed)
    plans = plan_streams(rng, n_packets)
    span = max(1.0, len(plans) / 200.0)  # about 200 new connections per second
    t_base = 1700000000.0
    gens = []
    for sid, plan in enumerate(plans):
        t0 = t_base + rng.uniform(0, span)
        gens.append(mixed_stream(sid, plan, t0, seed))
    return write_pcap(path, heapq.merge(*gens, key=lambda e: e[0]), n_packets)


# ---- the SYN flood -----------------------------------------------------------


def synflood_events(n_streams, seed):
    rng = random.Random(seed)
    pending = []  # (time, order, frame) of answers still to come
    order = 0
    t = 1700000000.0
    rate = 20000.0  # SYNs per second
    for i in range(n_streams):
        t += rng.expovariate(rate)
        while pending and pending[0][0] <= t:
            e = heapq.heappop(pending)
            yield e[0], e[2]
        # A unique spoofed source per stream (the multiplier is odd, so
        # i -> address is one-to-one below 2^24).
        a = (i * 2654435761) & 0xFFFFFF
        ep = Endpoints(bytes([100, 64 | (a >> 16) & 0x3F, (a >> 8) & 0xFF, a & 0xFF]),
                       1024 + rng.randrange(64000))
        if ep.cport == SERVER_PORT:
            ep.cport += 1
        c_isn = rng.getrandbits(32)
        yield t, frame(ep, 0, SYN, c_isn, 0, 512 + rng.randrange(64000), 0,
                       SYN_OPTS if rng.random() < 0.5 else b"")
        r = rng.random()
        if r < 0.30:
            s_isn = rng.getrandbits(32)
            ts = t + rng.uniform(0.00002, 0.0002)
            synack = frame(ep, 1, SYN | ACK, s_isn, c_isn + 1, 65160, 0, SYN_OPTS)
            heapq.heappush(pending, (ts, order, synack))
            order += 1
            if r < 0.02:  # the handshake completes
                ta = ts + rng.uniform(0.005, 0.1)
                heapq.heappush(pending, (ta, order, frame(ep, 0, ACK, c_isn + 1, s_isn + 1, 502, 0)))
                order += 1
            elif r < 0.05:  # the spoofed host answers with RST
                ta = ts + rng.uniform(0.005, 0.1)
                heapq.heappush(pending, (ta, order, frame(ep, 0, RST, c_isn + 1, 0, 0, 0)))
                order += 1
            elif r < 0.10:  # nobody answers: the SYN+ACK is sent again
                ta = ts + 1.0
                again = frame(ep, 1, SYN | ACK, s_isn, c_isn + 1, 65160, 0, SYN_OPTS)
                heapq.heappush(pending, (ta, order, again))
                order += 1
    while pending:
        e = heapq.heappop(pending)
        yield e[0], e[2]


def write_synflood(path, n_streams, seed):
    return write_pcap(path, synflood_events(n_streams, seed), None)


# ---- short streams -------------------------------------------------------------


def short_stream(sid, t0, seed):
    """One short conversation, ten segments: handshake, one request, one
    response, the client's ACK of it, four-segment close (either side first)."""
    rng = random.Random(seed * 1000003 + sid)
    ep = Endpoints(bytes([10, 2 + (sid % 2039) // 256, (sid % 2039) % 256, 1 + sid % 7]),
                   49152 + sid // 2039)
    rtt = rng.uniform(0.002, 0.080)
    c, s = rng.getrandbits(32), rng.getrandbits(32)
    c_win, s_win = rng.randint(400, 2000), rng.randint(500, 1000)
    req, resp = rng.randint(40, 1400), rng.randint(1, MSS)
    t = t0
    yield t, frame(ep, 0, SYN, c, 0, 64240, 0, SYN_OPTS)
    t += 0.00005
    yield t, frame(ep, 1, SYN | ACK, s, c + 1, 65160, 0, SYN_OPTS)
    c, s = c + 1, s + 1
    t += rtt
    yield t, frame(ep, 0, ACK, c, s, c_win, 0)
    t += 0.00002
    yield t, frame(ep, 0, PSH | ACK, c, s, c_win, req)
    c += req
    t += rng.uniform(0.00005, 0.002)
    yield t, frame(ep, 1, PSH | ACK, s, c, s_win, resp)
    s += resp
    t += rtt
    yield t, frame(ep, 0, ACK, c, s, c_win, 0)
    t += rng.expovariate(1.0 / 0.05)
    if rng.random() < 0.6:  # the client closes first
        yield t, frame(ep, 0, FIN | ACK, c, s, c_win, 0)
        t += 0.0002
        yield t, frame(ep, 1, ACK, s, c + 1, s_win, 0)
        t += 0.002
        yield t, frame(ep, 1, FIN | ACK, s, c + 1, s_win, 0)
        t += rtt
        yield t, frame(ep, 0, ACK, c + 1, s + 1, c_win, 0)
    else:
        yield t, frame(ep, 1, FIN | ACK, s, c, s_win, 0)
        t += rtt
        yield t, frame(ep, 0, ACK, c, s + 1, c_win, 0)
        t += 0.002
        yield t, frame(ep, 0, FIN | ACK, c, s + 1, c_win, 0)
        t += 0.0002
        yield t, frame(ep, 1, ACK, s + 1, c + 1, s_win, 0)


def write_short(path, n_streams, seed):
    rng = random.Random(seed)
    # About 200 new connections per second: each lasts 0.1 s or more, so tens
    # of streams are open at any moment and their segments interleave.
    span = max(1.0, n_streams / 200.0)
    t_base = 1700000000.0
    gens = [short_stream(sid, t_base + rng.uniform(0, span), seed) for sid in range(n_streams)]
    return write_pcap(path, heapq.merge(*gens, key=lambda e: e[0]), None)


# ---- pcap --------------------------------------------------------------------


def write_pcap(path, events, limit):
    tmp = path + ".part"
    count = 0
    with open(tmp, "wb", buffering=1 << 22) as f:
        f.write(tcppkt.pcap_header())
        chunk = []
        for t, data in events:
            sec = int(t)
            chunk.append(tcppkt.pcap_record(sec * 1000000 + int((t - sec) * 1e6), data))
            count += 1
            if len(chunk) >= 8192:
                f.write(b"".join(chunk))
                chunk = []
            if limit is not None and count >= limit:
                break
        f.write(b"".join(chunk))
    os.replace(tmp, path)
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kind", choices=["mixed", "synflood", "short"])
    ap.add_argument("count", type=int, help="packets (mixed) or streams (synflood, short)")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="rewrite an existing file")
    args = ap.parse_args()
    if args.count < 1:
        ap.error("count must be at least 1")
    os.makedirs(args.outdir, exist_ok=True)
    path = os.path.join(args.outdir, "%s-%d.pcap" % (args.kind, args.count))
    if args.seed != 1:
        path = path[:-5] + "-s%d.pcap" % args.seed
    if os.path.exists(path) and not args.force:
        print(path)
        return 0
    if args.kind == "mixed":
        n = write_mixed(path, args.count, args.seed)
    elif args.kind == "short":
        n = write_short(path, args.count, args.seed)
    else:
        n = write_synflood(path, args.count, args.seed)
    print("%s: %d packets" % (path, n), file=sys.stderr)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
