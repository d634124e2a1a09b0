#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the hostile-case captures of tests/fuzz/hostile/ and the regression
captures of tests/fuzz/regressions/, byte for byte the same on every run
(fixed addresses, numbers and timestamps). hostile.sh checks what tcpteach
says about each of them; the big cases (an RST storm, a million streams) are
made at test time by tcpgen.py instead of being committed.

Usage: make-hostile.py [FOLDER]   (default: the folder of this script, which
                                   gets hostile/ and regressions/)
"""

import os
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tcpgen import (Conn, Pcap, ether, gre, icmp4_error, icmp6_error, ip4, ip6,  # noqa: E402
                    ipv4, ipv6, tcp)

CLIENT, SERVER = ip4("10.0.0.1"), ip4("10.0.0.2")
CLIENT6, SERVER6 = ip6("2001:db8::1"), ip6("2001:db8::2")
ROUTER = ip4("192.0.2.1")
TUN_A, TUN_B = ip4("198.51.100.1"), ip4("198.51.100.2")
MSS = b"\x02\x04\x05\xb4"


def established(out, cport=40000, sport=80):
    c = Conn(out, CLIENT, SERVER, cport, sport, isn_c=1000, isn_s=5000)
    c.handshake()
    return c


def doff_small(path):
    """Data offset 3 and 0 (less than the 5 words of the fixed header), and 4 on a SYN."""
    out = Pcap(path)
    c = established(out)
    c.send(0, "PA", b"hello")                       # 4: data chunk #1
    c.send(1, "A")                                  # 5: ack
    saved = list(c.next)
    c.send(0, "PA", b"again", doff=3)               # 6: data offset 3
    c.send(0, "A", doff=0)                          # 7: data offset 0
    c.next = saved
    c.send(0, "PA", b"more!")                       # 8: data chunk #2: nothing changed
    c.send(1, "A")                                  # 9: ack
    c.send(0, "S", doff=4, seq=777)                 # 10: a SYN with data offset 4
    out.close()


def doff_beyond(path):
    """A data offset past the captured bytes, and past the whole segment."""
    out = Pcap(path)
    c = established(out)
    # 4: data offset 15 (60 bytes) in a segment of 20 bytes: Wireshark's "short segment"
    c.send(0, "A", doff=15)
    # 5: 40-byte header, the capture cut after 30 of its bytes (snap length)
    c.send(0, "PA", b"x" * 10, options=MSS + b"\x01" * 16, caplen=14 + 20 + 30)
    # 6: 32-byte header, all of it captured: nothing wrong
    c.send(0, "A", options=b"\x01\x01\x08\x0a" + struct.pack("!II", 7, 8))
    out.close()


def truncated(path):
    """TCP headers cut by the snap length after 12, 4 and 19 bytes."""
    out = Pcap(path)
    c = established(out)
    c.send(0, "PA", b"hello", caplen=14 + 20 + 12)  # 4
    c.send(1, "A", caplen=14 + 20 + 4)              # 5
    c.send(0, "A", caplen=14 + 20 + 19)             # 6
    c.send(1, "A")                                  # 7: whole again
    out.close()


def options(path):
    """Zero, short and overlong option lengths; window scale 15 and 255."""
    out = Pcap(path)
    c = Conn(out, CLIENT, SERVER, 40001, 80, isn_c=1000, isn_s=5000)
    c.send(0, "S", options=MSS + b"\x01\x03\x03\x0f")                        # 1: shift 15
    c.send(1, "SA", options=MSS + b"\x01\x03\x03\xff")                       # 2: shift 255
    c.send(0, "A", window=342)                                              # 3: 342 x 2^14
    c.send(0, "PA", b"a", options=b"\x02\x00\x05\xb4")                       # 4: length 0
    c.send(0, "PA", b"b", options=b"\x01\x01\x08\x28" + b"\0" * 8)           # 5: kind 8, length 40
    c.send(0, "PA", b"c", options=b"\x01\x01\x63\x28" + b"\0" * 8)           # 6: runs past the end
    c.send(1, "A", options=b"\x01\x01\x05\x07" + b"\0" * 4)                  # 7: SACK length 7
    c.send(1, "A", options=b"\x01\x01\x01\x03")                              # 8: no length byte
    c.send(1, "A", options=b"\x02\x01\x05\xb4")                              # 9: length 1
    out.close()


def reuse(path):
    """The same four-tuple for 30 connections in a row, 20 closed, 10 reset."""
    out = Pcap(path)
    for i in range(30):
        c = Conn(out, CLIENT, SERVER, 40002, 80, isn_c=100000 * (i + 1), isn_s=7000000 + 99991 * i)
        c.handshake()
        c.send(0, "PA", b"hello")
        c.send(1, "A")
        if i < 20:
            c.close()
        else:
            c.send(0, "RA")
    out.close()


def seq_backwards(path):
    """Sequence numbers that jump backwards by 10^9 and by 2^31 + 1, then resume."""
    out = Pcap(path)
    c = established(out)
    c.send(0, "PA", b"a" * 100)                        # 4: chunk #1, bytes 1..100
    c.send(1, "A")                                     # 5
    c.send(0, "PA", b"b" * 100, seq=1001 - 10**9)      # 6: 10^9 backwards
    c.send(0, "PA", b"c" * 100, seq=1101 - 2**31 - 1)  # 7: 2^31 + 1 backwards
    c.send(0, "PA", b"d" * 100)                        # 8: chunk #2, bytes 101..200
    c.send(1, "A")                                     # 9
    out.close()


def bad_flags(path):
    """Flag combinations no connection uses, in the middle of a connection."""
    out = Pcap(path)
    c = established(out)
    c.send(0, "PA", b"hello")        # 4
    c.send(1, "A")                   # 5
    saved = list(c.next)
    c.send(0, "")                    # 6: no flag at all (null scan)
    c.send(0, "F")                   # 7: FIN without ACK (FIN scan)
    c.send(0, "FPU")                 # 8: FIN+PSH+URG (Xmas scan)
    c.send(0, "P", b"nope")          # 9: data without ACK
    c.next = saved
    c.send(0, "PA", b"still")        # 10: chunk #2: the connection is unharmed
    c.send(1, "A")                   # 11
    # A SYN makes Wireshark start a new stream: these come last.
    c.send(0, "SF")                  # 12: SYN+FIN
    c.send(0, "SR")                  # 13: SYN+RST
    c.send(0, "SFR")                 # 14: SYN+FIN+RST
    c.send(0, "SFRPUAEC")            # 15: every flag
    out.close()


def icmp_tunnels(path):
    """TCP headers quoted in ICMP errors carried in tunnels, and real TCP in a tunnel."""
    out = Pcap(path)
    seg = tcp(CLIENT, SERVER, 40003, 80, 1000, 5001, "PA", options=MSS, payload=b"hello")
    quoted8 = ipv4(CLIENT, SERVER, 6, seg)[:20 + 8]
    quoted_full = ipv4(CLIENT, SERVER, 6, seg)
    # 1: IPv4 in IPv4, an ICMP port unreachable quoting 8 bytes of TCP (RFC 792)
    out.add(ether(ipv4(TUN_A, TUN_B, 4, ipv4(ROUTER, CLIENT, 1, icmp4_error(quoted8)))))
    # 2: GRE, an ICMP time exceeded quoting the whole segment (RFC 1812)
    out.add(ether(ipv4(TUN_A, TUN_B, 47,
                       gre(ipv4(ROUTER, CLIENT, 1, icmp4_error(quoted_full, 11, 0))))))
    # 3: IPv6 in IPv6, an ICMPv6 port unreachable quoting IPv6 + TCP
    seg6 = tcp(CLIENT6, SERVER6, 40004, 443, 1000, 5001, "PA", payload=b"hello")
    inner6 = ipv6(SERVER6, CLIENT6, 58, icmp6_error(SERVER6, CLIENT6, ipv6(CLIENT6, SERVER6, 6, seg6)))
    out.add(ether(ipv6(ip6("2001:db8:ffff::1"), ip6("2001:db8:ffff::2"), 41, inner6), v6=True))
    # 4: IPv6 in IPv4 (6in4), a real SYN: a segment of a connection, not quoted
    syn6 = tcp(CLIENT6, SERVER6, 40005, 80, 1000, 0, "S", options=MSS)
    out.add(ether(ipv4(TUN_A, TUN_B, 41, ipv6(CLIENT6, SERVER6, 6, syn6))))
    # 5: an ICMP error quoting an IPv4-in-IPv4 packet that carries TCP
    tunnelled = ipv4(TUN_A, TUN_B, 4, ipv4(CLIENT, SERVER, 6, seg))
    out.add(ether(ipv4(ROUTER, TUN_A, 1, icmp4_error(tunnelled[:20 + 20 + 28]))))
    out.close()


def fragments(path):
    """A handshake whose SYN header is split over two IPv4 fragments."""
    out = Pcap(path)
    syn = tcp(CLIENT, SERVER, 40006, 80, 1000, 0, "S", options=MSS)
    out.add(ether(ipv4(CLIENT, SERVER, 6, syn[:8], ident=42, more=True)))   # 1
    out.add(ether(ipv4(CLIENT, SERVER, 6, syn[8:], ident=42, frag=8)))      # 2: reassembled SYN
    c = Conn(out, CLIENT, SERVER, 40006, 80, isn_c=1001, isn_s=5000)
    c.send(1, "SA", ack=1001, seq=5000, options=MSS)                         # 3
    c.send(0, "A")                                                           # 4
    data = tcp(CLIENT, SERVER, 40006, 80, 1001, 5001, "PA", payload=b"y" * 40)
    out.add(ether(ipv4(CLIENT, SERVER, 6, data[:16], ident=43, more=True)))  # 5
    out.add(ether(ipv4(CLIENT, SERVER, 6, data[16:], ident=43, frag=16)))    # 6: data chunk #1
    out.close()


def syn_after_synack(path):
    """A capture that begins at the SYN+ACK; the same side then sends a bare SYN
    with the same initial sequence number."""
    out = Pcap(path)
    c = Conn(out, CLIENT, SERVER, 40007, 80, isn_c=1000, isn_s=5000)
    c.send(1, "SA", seq=5000, ack=1001)
    c.send(1, "S", seq=5000, ack=0)
    out.close()


def rst_after_close(path):
    """Resets after the connection was already reset."""
    out = Pcap(path)
    c = established(out, cport=40008)
    c.send(0, "RA")   # 4: the reset
    c.send(0, "RA")   # 5: again: the connection is already closed
    c.send(1, "R")    # 6: and from the other side
    out.close()


def short_segment_options(path):
    """A data offset of 15 (60 bytes) in a segment of only 20 bytes."""
    out = Pcap(path)
    c = Conn(out, CLIENT, SERVER, 40009, 80, isn_c=1000, isn_s=5000)
    c.send(0, "A", doff=15)
    out.close()


def short_segment_some_options(path):
    """A data offset of 15 (60 bytes) in a segment of 28 bytes: 8 option bytes sent."""
    out = Pcap(path)
    c = Conn(out, CLIENT, SERVER, 40010, 80, isn_c=1000, isn_s=5000)
    c.send(0, "A", doff=15, options=MSS + b"\x01" * 4)
    out.close()


CASES = {
    "hostile/doff-small.pcap": doff_small,
    "hostile/doff-beyond.pcap": doff_beyond,
    "hostile/truncated-header.pcap": truncated,
    "hostile/options.pcap": options,
    "hostile/reuse.pcap": reuse,
    "hostile/seq-backwards.pcap": seq_backwards,
    "hostile/bad-flags.pcap": bad_flags,
    "hostile/icmp-tunnels.pcap": icmp_tunnels,
    "hostile/fragments.pcap": fragments,
    "regressions/syn-after-synack.pcap": syn_after_synack,
    "regressions/rst-after-close.pcap": rst_after_close,
    "regressions/short-segment-options.pcap": short_segment_options,
    "regressions/short-segment-some-options.pcap": short_segment_some_options,
}


def main(argv):
    top = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for name, make in CASES.items():
        path = os.path.join(top, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        make(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
