#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Captures for the fuzz and hostile-case tests, built with the project's
packet module (tools/tcppkt.py): a connection helper, a pcap writer with
fixed timestamps, and, as a program, random TCP captures:

    tcpgen.py random SEED PACKETS OUT.pcap   random but TCP-shaped traffic:
        handshakes, data, ACKs, FINs, RSTs, odd flags, odd options, cut
        headers, IPv6, ICMP errors quoting TCP, tunnels, fragments;
        the same SEED always gives the same file.
    tcpgen.py streams COUNT OUT.pcap         COUNT SYNs, each its own stream
    tcpgen.py rst-storm COUNT OUT.pcap       a connection, then COUNT RSTs
"""

import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from tcppkt import gre, ip_bytes, ipv4, ipv6, pcap_header, pcap_record, tcp  # noqa: E402,F401
import tcppkt  # noqa: E402

# '10.0.0.1' -> 4 bytes, '2001:db8::1' -> 16 bytes
ip4 = ip6 = ip_bytes
MAC_A, MAC_B = b"\x02\x00\x00\x00\x00\x01", b"\x02\x00\x00\x00\x00\x02"


def icmp4_error(quoted, kind=3, code=3):
    """Destination unreachable (port unreachable) by default, quoting a packet."""
    return tcppkt.icmp4(kind, code, quoted)


def icmp6_error(src, dst, quoted, kind=1, code=4):
    return tcppkt.icmp6(src, dst, kind, code, quoted)


def ether(payload, v6=False):
    return tcppkt.ethernet(MAC_A, MAC_B, tcppkt.ETH_IPV6 if v6 else tcppkt.ETH_IPV4, payload)


def ip_packet(src, dst, segment, proto=6):
    return tcppkt.ip_packet(src, dst, proto, segment)


class Pcap:
    """A classic pcap file, microsecond timestamps from a fixed start."""

    def __init__(self, path, linktype=tcppkt.LINKTYPE_ETHERNET, snaplen=65535):
        self.f = open(path, "wb")
        self.f.write(pcap_header(snaplen, linktype))
        self.usec = 1_700_000_000 * 1_000_000
        self.count = 0

    def add(self, frame, caplen=None, gap_usec=1000):
        self.usec += gap_usec
        self.f.write(pcap_record(self.usec, frame, caplen))
        self.count += 1

    def close(self):
        self.f.close()


class Conn:
    """One TCP connection between two endpoints, tracking sequence numbers."""

    def __init__(self, out, client, server, cport, sport, isn_c=1000, isn_s=5000):
        self.out, self.addr, self.port = out, (client, server), (cport, sport)
        self.next = [isn_c, isn_s]
        self.v6 = len(client) == 16

    def send(self, side, flags, payload=b"", seq=None, ack=None, caplen=None, **kw):
        src, dst = self.addr[side], self.addr[1 - side]
        s = self.next[side] if seq is None else seq
        a = self.next[1 - side] if ack is None else ack
        seg = tcp(src, dst, self.port[side], self.port[1 - side], s, a, flags,
                  payload=payload, **kw)
        self.out.add(ether(ip_packet(src, dst, seg), self.v6), caplen=caplen)
        used = len(payload) + ("S" in flags) + ("F" in flags)
        if seq is None or (s + used - self.next[side]) & 0x80000000 == 0:
            self.next[side] = (s + used) & 0xFFFFFFFF
        return seg

    def handshake(self, syn_opts=b"", synack_opts=b""):
        self.send(0, "S", options=syn_opts)
        self.send(1, "SA", options=synack_opts)
        self.send(0, "A")

    def close(self):
        self.send(0, "FA")
        self.send(1, "A")
        self.send(1, "FA")
        self.send(0, "A")


# ---- random captures ------------------------------------------------------------

def random_options(rng):
    choices = [
        b"\x02\x04\x05\xb4", b"\x01", b"\x03\x03" + bytes([rng.randrange(16)]), b"\x04\x02",
        b"\x08\x0a" + rng.randbytes(8), b"\x05\x0a" + rng.randbytes(8), b"\x00",
        bytes([rng.randrange(256), rng.randrange(256)]), rng.randbytes(rng.randrange(1, 6)),
        b"\x22\x02", b"\x1e\x04\x00\x00",
    ]
    return b"".join(rng.choice(choices) for _ in range(rng.randrange(0, 7)))[:40]


def random_capture(seed, packets, path):
    rng = random.Random(seed)
    out = Pcap(path)
    hosts4 = [ip4("10.0.0.%d" % i) for i in (1, 2, 3)]
    hosts6 = [ip6("2001:db8::%d" % i) for i in (1, 2)]
    conns = []
    for _ in range(rng.randrange(1, 6)):
        v6 = rng.random() < 0.25
        hosts = hosts6 if v6 else hosts4
        client, server = rng.sample(hosts, 2)
        conns.append(Conn(out, client, server, rng.choice([40000, 55672, 33000, 80, 1023]),
                          rng.choice([80, 443, 55672, 8081, 40001]),
                          rng.randrange(1 << 32), rng.randrange(1 << 32)))
    letters = "FSRPAUECN"
    while out.count < packets:
        c = rng.choice(conns)
        side = rng.randrange(2)
        r = rng.random()
        kw = {}
        if rng.random() < 0.15:
            kw["options"] = random_options(rng)
        if rng.random() < 0.05:
            kw["doff"] = rng.randrange(16)
        if rng.random() < 0.05:
            kw["caplen"] = rng.randrange(14, 100)
        if rng.random() < 0.05:
            kw["window"] = 0
        payload = rng.randbytes(rng.choice([0, 0, 1, 10, 100, 1460])) if rng.random() < 0.5 else b""
        seq = None
        if rng.random() < 0.1:
            seq = (c.next[side] + rng.choice([-1, -100, 1, 1000, 1 << 31, rng.randrange(1 << 32)])) & 0xFFFFFFFF
        if r < 0.1:
            c.handshake()
        elif r < 0.15:
            c.close()
        elif r < 0.2:
            c.send(side, "R" + ("A" if rng.random() < 0.5 else ""), seq=seq, **kw)
        elif r < 0.3:
            flags = "".join(l for l in letters if rng.random() < 0.3)
            c.send(side, flags, payload, seq=seq, **kw)
        elif r < 0.35:
            # an ICMP error quoting the start of a segment, maybe in a tunnel
            src, dst = c.addr[side], c.addr[1 - side]
            seg = tcp(src, dst, c.port[side], c.port[1 - side], c.next[side], c.next[1 - side], "PA",
                      payload=payload)
            quoted = ip_packet(src, dst, seg)[:rng.choice([28, 48, 60, 200])]
            if c.v6:
                pkt = ipv6(dst, src, 58, icmp6_error(dst, src, quoted))
            else:
                pkt = ipv4(ip4("192.0.2.1"), src, 1, icmp4_error(quoted))
                if rng.random() < 0.5:
                    pkt = ipv4(ip4("198.51.100.1"), ip4("198.51.100.2"), 4, pkt)
                elif rng.random() < 0.5:
                    pkt = ipv4(ip4("198.51.100.1"), ip4("198.51.100.2"), 47, gre(pkt))
            out.add(ether(pkt, c.v6))
        elif r < 0.38 and not c.v6:
            # a segment split over two IPv4 fragments
            src, dst = c.addr[side], c.addr[1 - side]
            seg = tcp(src, dst, c.port[side], c.port[1 - side], c.next[side], c.next[1 - side], "PA",
                      payload=payload or b"x" * 20)
            ident = rng.randrange(1 << 16)
            out.add(ether(ipv4(src, dst, 6, seg[:8], ident=ident, more=True)))
            out.add(ether(ipv4(src, dst, 6, seg[8:], ident=ident, frag=8)))
        else:
            c.send(side, rng.choice(["A", "PA", "PA", "FA"]) if payload else "A", payload, seq=seq, **kw)
    out.close()


def many_streams(count, path):
    """count SYNs from distinct (address, port) pairs to one server."""
    out = Pcap(path)
    server = ip4("10.9.0.1")
    for i in range(count):
        client = ip4("10.%d.%d.%d" % (10 + i // (60000 * 250), (i // 60000) % 250, 1))
        port = 1024 + i % 60000
        seg = tcp(client, server, port, 80, i * 7919, 0, "S", fix_checksum=False)
        out.add(ether(ipv4(client, server, 6, seg)), gap_usec=1)
    out.close()


def rst_storm(count, path):
    """A connection, then count RSTs at every kind of sequence number."""
    out = Pcap(path)
    c = Conn(out, ip4("10.0.0.1"), ip4("10.0.0.2"), 40000, 80)
    c.handshake()
    c.send(0, "PA", b"hello")
    c.send(1, "A")
    rng = random.Random(count)
    for i in range(count):
        c.send(i % 2, "RA" if i % 3 else "R", seq=rng.randrange(1 << 32), ack=rng.randrange(1 << 32))
    out.close()


def main(argv):
    if len(argv) == 5 and argv[1] == "random":
        random_capture(int(argv[2]), int(argv[3]), argv[4])
    elif len(argv) == 4 and argv[1] == "streams":
        many_streams(int(argv[2]), argv[3])
    elif len(argv) == 4 and argv[1] == "rst-storm":
        rst_storm(int(argv[2]), argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
