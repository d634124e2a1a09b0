#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the CRAFTED sample captures of tcpteach, byte for byte.

    python3 craft.py [OUTPUT-DIRECTORY]      (default: the directory of this script)

The crafted captures show exact textbook numbers and events that are hard to produce on
demand with real programs (loss, reordering, crossing SYNs or FINs, sequence number
wrap-around, truncated and hostile headers, ICMP errors). Everything is computed here:
Ethernet, IPv4/IPv6, TCP and ICMP headers with correct checksums, fixed MAC and IP
addresses, fixed IP IDs and fixed timestamps (starting 2024-01-01 00:00:00 UTC), so running
the script twice writes identical files. Only the Python standard library is used.

File format: classic libpcap (microsecond timestamps), link type Ethernet (1).
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from tcppkt import (ACK, CWR, ECE, ETH_IPV4, ETH_IPV6, FIN, PROTO_ICMP, PROTO_TCP,  # noqa: E402,F401
                    PSH, RST, SYN, URG, icmp4, ip_bytes, mac_bytes, opt_mss, opt_nop_nop_ts,
                    opt_nop_wscale, opt_sack, opt_sackperm_ts, opt_tfo_cookie, pcap_header, pcap_record)
import tcppkt  # noqa: E402

# 2024-01-01 00:00:00 UTC, the time of the first packet of every crafted capture.
EPOCH = 1704067200

# ------------------------------------------------------------------------------------------
# Headers from text addresses (the packet module takes bytes)
# ------------------------------------------------------------------------------------------


def ethernet(src_mac, dst_mac, ethertype, payload):
    return tcppkt.ethernet(mac_bytes(src_mac), mac_bytes(dst_mac), ethertype, payload)


def ipv4(src, dst, proto, payload, ident, ttl=64, dont_fragment=True):
    return tcppkt.ipv4(ip_bytes(src), ip_bytes(dst), proto, payload, ident, ttl, dont_fragment)


def ipv6(src, dst, next_header, payload, hop_limit=64):
    return tcppkt.ipv6(ip_bytes(src), ip_bytes(dst), next_header, payload, hop_limit)


def tcp(src, dst, sport, dport, seq, ack, flags, window, payload=b"", options=b"",
        data_offset=None, urgent=0):
    """A TCP segment with a correct checksum. data_offset overrides the header length field
    (in 32-bit words) without changing the bytes actually present: that is how the
    malformed segments are made."""
    if len(options) % 4:
        raise ValueError("TCP options must be padded to a multiple of 4 bytes")
    return tcppkt.tcp(ip_bytes(src), ip_bytes(dst), sport, dport, seq, ack, flags, window,
                      options, payload, doff=data_offset, urgent=urgent)


def icmp_unreachable(code, quoted):
    """ICMP type 3 (destination unreachable) quoting the start of the offending datagram."""
    return icmp4(3, code, quoted)


def linux_syn_options(mss, tsval, tsecr, shift):
    """The options of a Linux SYN: MSS, SACK permitted, timestamps, NOP, window scale."""
    return opt_mss(mss) + opt_sackperm_ts(tsval, tsecr) + opt_nop_wscale(shift)


def text_bytes(label, length):
    """Deterministic readable payload: 'label label label ...' cut to length."""
    unit = (label + " ").encode("ascii")
    return (unit * (length // len(unit) + 1))[:length]


# ------------------------------------------------------------------------------------------
# The pcap writer
# ------------------------------------------------------------------------------------------


class Capture:
    """A classic pcap file being built in memory. Times are in milliseconds from EPOCH."""

    def __init__(self, snaplen=65535):
        self.snaplen = snaplen
        self.records = []
        self.now_ms = 0.0

    def add(self, frame, t_ms=None, caplen=None):
        """Adds a frame at t_ms (default: 1 ms after the previous one). caplen cuts the
        stored bytes below the file's snap length (the original length is kept)."""
        self.now_ms = self.now_ms + 1 if t_ms is None else t_ms
        stored = min(len(frame), self.snaplen, caplen if caplen is not None else len(frame))
        micros = EPOCH * 1000000 + round(self.now_ms * 1000)
        self.records.append(pcap_record(micros, frame, stored))

    def write(self, path):
        with open(path, "wb") as f:
            f.write(pcap_header(self.snaplen) + b"".join(self.records))


class Host:
    """An endpoint: MAC, IP address, and its own IP ID counter."""

    def __init__(self, mac, ip, first_ip_id):
        self.mac = mac
        self.ip = ip
        self.ip_id = first_ip_id

    def next_ip_id(self):
        ident = self.ip_id
        self.ip_id = (self.ip_id + 1) & 0xFFFF
        return ident


class Conversation:
    """One TCP connection between a (client host, port) and a (server host, port)."""

    def __init__(self, capture, client, client_port, server, server_port):
        self.capture = capture
        self.ends = {"c": (client, client_port), "s": (server, server_port)}

    def frame(self, sender, flags, seq, ack, window, payload=b"", options=b"", **raw):
        (src, sport), (dst, dport) = self.ends[sender], self.ends["s" if sender == "c" else "c"]
        segment = tcp(src.ip, dst.ip, sport, dport, seq, ack, flags, window, payload, options,
                      **raw)
        if ":" in src.ip:
            return ethernet(src.mac, dst.mac, ETH_IPV6, ipv6(src.ip, dst.ip, PROTO_TCP, segment))
        return ethernet(src.mac, dst.mac, ETH_IPV4,
                        ipv4(src.ip, dst.ip, PROTO_TCP, segment, src.next_ip_id()))

    def send(self, sender, flags, seq, ack, window, payload=b"", options=b"", t=None,
             caplen=None, **raw):
        """Adds one segment sent by 'c' (client) or 's' (server); returns its frame."""
        frame = self.frame(sender, flags, seq, ack, window, payload, options, **raw)
        self.capture.add(frame, t, caplen)
        return frame


CLIENT_MAC, SERVER_MAC, ROUTER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:fe"


def lan_pair(client_port, server_port, capture):
    """The usual cast: client 10.0.0.1, server 10.0.0.2 on one Ethernet segment."""
    client = Host(CLIENT_MAC, "10.0.0.1", 0x1000)
    server = Host(SERVER_MAC, "10.0.0.2", 0x2000)
    return Conversation(capture, client, client_port, server, server_port)


# ------------------------------------------------------------------------------------------
# The captures
# ------------------------------------------------------------------------------------------


def textbook_004():
    """The textbook exchange: ISN 1000/8000, MSS 1024, 20 bytes out, 10 bytes back
    piggybacked on the ACK, four-segment close. One segment per millisecond."""
    cap = Capture()
    conv = lan_pair(40000, 8000, cap)
    mss = opt_mss(1024)
    win = 4096
    conv.send("c", SYN, 1000, 0, win, options=mss, t=0)              # 1
    conv.send("s", SYN | ACK, 8000, 1001, win, options=mss)          # 2
    conv.send("c", ACK, 1001, 8001, win)                             # 3
    conv.send("c", PSH | ACK, 1001, 8001, win, b"twenty bytes of data")  # 4: 1001..1020
    conv.send("s", PSH | ACK, 8001, 1021, win, b"ten bytes!")        # 5: 8001..8010
    conv.send("c", ACK, 1021, 8011, win)                             # 6
    conv.send("c", FIN | ACK, 1021, 8011, win)                       # 7
    conv.send("s", ACK, 8011, 1022, win)                             # 8
    conv.send("s", FIN | ACK, 8011, 1022, win)                       # 9
    conv.send("c", ACK, 1022, 8012, win)                             # 10
    return cap


def seed_002_segment():
    """One data segment whose TCP header is exactly the one dissected in the reference
    article: 94 71 d9 78 d8 13 c2 18 83 53 61 6b 50 18 01 57 d5 fc 00 00.
    The checksum is real: the addresses 192.168.117.60 -> 192.168.117.49 were chosen so
    that the checksum of this header and the payload "hello I am from APP\\n" is 0xd5fc."""
    cap = Capture()
    client = Host("02:00:00:00:75:3c", "192.168.117.60", 0x5a21)
    server = Host("02:00:00:00:75:31", "192.168.117.49", 0x0001)
    conv = Conversation(cap, client, 38001, server, 55672)
    frame = conv.send("c", PSH | ACK, 0xD813C218, 0x8353616B, 0x0157,
                      b"hello I am from APP\n", t=0)
    header = frame[34:54]
    expected = bytes.fromhex("9471d978d813c2188353616b50180157d5fc0000")
    if header != expected:
        raise AssertionError("seed 002 header mismatch: %s" % header.hex())
    return cap


def retransmission():
    """Seen from the sender: segment 2 of 5 is lost after the capture point; three
    duplicate ACKs trigger a fast retransmission; later a lone segment is lost and
    retransmitted when the retransmission timer expires (240 ms later)."""
    cap = Capture()
    conv = lan_pair(40002, 8000, cap)
    c0, s0 = 100000, 500000
    cwin, swin = 64240, 65535
    conv.send("c", SYN, c0, 0, cwin, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, swin, options=opt_mss(1460), t=10)
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin, t=10.05)
    # Five 1000-byte segments in a row; the 2nd never reaches the receiver.
    for i in range(5):
        flags = PSH | ACK if i == 4 else ACK
        conv.send("c", flags, c0 + 1 + 1000 * i, s0 + 1, cwin,
                  text_bytes("segment-%d" % (i + 1), 1000), t=10.1 + 0.05 * i)
    # The receiver acknowledges segment 1, then repeats that ACK for 3, 4 and 5.
    conv.send("s", ACK, s0 + 1, c0 + 1001, swin, t=20.1)
    for i in range(3):
        conv.send("s", ACK, s0 + 1, c0 + 1001, swin, t=20.2 + 0.05 * i)
    # Third duplicate ACK: fast retransmission of segment 2, then one cumulative ACK.
    conv.send("c", ACK, c0 + 1001, s0 + 1, cwin, text_bytes("segment-2", 1000), t=20.35)
    conv.send("s", ACK, s0 + 1, c0 + 5001, swin, t=30.35)
    # Segment 6 is lost and nothing comes back: the timer expires, segment 6 is resent.
    conv.send("c", PSH | ACK, c0 + 5001, s0 + 1, cwin, text_bytes("segment-6", 1000), t=40)
    conv.send("c", PSH | ACK, c0 + 5001, s0 + 1, cwin, text_bytes("segment-6", 1000), t=280)
    conv.send("s", ACK, s0 + 1, c0 + 6001, swin, t=290)
    # Close: the server's FIN acknowledges the client's FIN (three-segment close).
    conv.send("c", FIN | ACK, c0 + 6001, s0 + 1, cwin, t=300)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 6002, swin, t=310)
    conv.send("c", ACK, c0 + 6002, s0 + 2, cwin, t=310.05)
    return cap


def capture_duplicate():
    """A mirrored switch port copies some packets twice: data segment A and the server's
    first ACK each appear twice, 20 and 10 microseconds apart, byte for byte the same (same
    IP ID). Then two real retransmissions after a timeout, each a new IP packet: one covers
    the second half of B and the first half of C, the next (collapsed, as Linux does)
    covers B and C whole and 100 new bytes after them. One ACK covers everything."""
    cap = Capture()
    conv = lan_pair(40030, 8000, cap)
    c0, s0 = 1000, 5000
    cwin, swin = 64240, 65535
    conv.send("c", SYN, c0, 0, cwin, options=opt_mss(1460), t=0)           # 1
    conv.send("s", SYN | ACK, s0, c0 + 1, swin, options=opt_mss(1460))    # 2
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin)                              # 3
    a = conv.send("c", ACK, c0 + 1, s0 + 1, cwin, text_bytes("A", 100), t=10)  # 4: 1..100
    cap.add(a, 10.02)                                                      # 5: the copy
    conv.send("c", ACK, c0 + 101, s0 + 1, cwin, text_bytes("B", 100), t=10.1)  # 6: 101..200
    conv.send("c", ACK, c0 + 201, s0 + 1, cwin, text_bytes("C", 100), t=10.2)  # 7: 201..300
    ack = conv.send("s", ACK, s0 + 1, c0 + 101, swin, t=20)                # 8: A arrived
    cap.add(ack, 20.01)                                                    # 9: the copy
    conv.send("c", ACK, c0 + 151, s0 + 1, cwin,
              text_bytes("B", 50) + text_bytes("C", 50), t=220)            # 10: 151..250
    conv.send("c", PSH | ACK, c0 + 101, s0 + 1, cwin,
              text_bytes("B", 100) + text_bytes("C", 100) + text_bytes("D", 100),
              t=620)                                                       # 11: 101..400
    conv.send("s", ACK, s0 + 1, c0 + 401, swin, t=630)                     # 12: everything
    conv.send("c", FIN | ACK, c0 + 401, s0 + 1, cwin, t=640)               # 13
    conv.send("s", FIN | ACK, s0 + 1, c0 + 402, swin, t=641)               # 14
    conv.send("c", ACK, c0 + 402, s0 + 2, cwin, t=642)                     # 15
    return cap


def ack_before_capture():
    """Captured in the middle of a transfer: the first byte seen from the client is 100001,
    while the server's first ACK still acknowledges only up to 98585, bytes the client sent
    before the capture began (relative -1415, which Wireshark shows as 4294965881). Then the
    server's ACKs catch up with what the capture shows."""
    cap = Capture()
    conv = lan_pair(40031, 8000, cap)
    c, s = 100001, 700001
    conv.send("c", ACK, c, s, 64240, text_bytes("E", 1000), t=0)   # 1: the first byte seen
    conv.send("s", ACK, s, c - 1416, 65535, t=1)                   # 2: below it
    conv.send("s", ACK, s, c, 65535, t=2)                          # 3: up to the first byte seen
    conv.send("s", ACK, s, c + 1000, 65535, t=3)                   # 4: completes chunk 1
    return cap


def sack_recovery():
    """Seen from the client, 20 ms from the server: window scaling (shift 7 both
    ways) and SACK negotiated; the second of five 1000-byte segments is lost after
    the capture point; the server's duplicate ACKs carry SACK blocks for what did
    arrive; the client resends the lost segment after the third, then one ACK covers
    everything. Then a normal close."""
    cap = Capture()
    conv = lan_pair(40010, 8000, cap)
    c0, s0 = 3000000000, 700000
    syn_opts = linux_syn_options(1460, 1000, 0, 7)
    conv.send("c", SYN, c0, 0, 64240, options=syn_opts, t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, 65160,
              options=linux_syn_options(1460, 5000, 1000, 7), t=20)
    conv.send("c", ACK, c0 + 1, s0 + 1, 502, t=20.1)
    for i in range(5):
        conv.send("c", ACK, c0 + 1 + 1000 * i, s0 + 1, 502,
                  text_bytes("part-%d" % (i + 1), 1000), t=21 + 0.1 * i)
    # The first ACK is normal; the next three repeat ack 1001 with growing SACK blocks.
    conv.send("s", ACK, s0 + 1, c0 + 1001, 501, t=41)
    for i in range(3):
        conv.send("s", ACK, s0 + 1, c0 + 1001, 501,
                  options=opt_sack([(c0 + 2001, c0 + 3001 + 1000 * i)]), t=41.2 + 0.1 * i)
    conv.send("c", ACK, c0 + 1001, s0 + 1, 502, text_bytes("part-2", 1000), t=41.5)
    conv.send("s", ACK, s0 + 1, c0 + 5001, 509, t=61.5)
    conv.send("c", FIN | ACK, c0 + 5001, s0 + 1, 502, t=70)
    conv.send("s", ACK, s0 + 1, c0 + 5002, 509, t=90)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 5002, 509, t=95)
    conv.send("c", ACK, c0 + 5002, s0 + 2, 502, t=115)
    return cap


def out_of_order():
    """Seen from the receiver: segment C overtakes segment B in the network."""
    cap = Capture()
    conv = lan_pair(40003, 8000, cap)
    c0, s0 = 300000, 700000
    cwin, swin = 64240, 65535
    conv.send("c", SYN, c0, 0, cwin, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, swin, options=opt_mss(1460), t=0.05)
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin, t=10)
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin, text_bytes("A", 500), t=10.1)      # A
    conv.send("s", ACK, s0 + 1, c0 + 501, swin, t=10.15)
    conv.send("c", PSH | ACK, c0 + 1001, s0 + 1, cwin, text_bytes("C", 500), t=10.3)  # C
    conv.send("s", ACK, s0 + 1, c0 + 501, swin, t=10.32)    # duplicate ACK: B is missing
    conv.send("c", ACK, c0 + 501, s0 + 1, cwin, text_bytes("B", 500), t=10.5)     # B
    conv.send("s", ACK, s0 + 1, c0 + 1501, swin, t=10.52)   # everything up to C
    conv.send("c", FIN | ACK, c0 + 1501, s0 + 1, cwin, t=30)
    conv.send("s", ACK, s0 + 1, c0 + 1502, swin, t=30.05)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 1502, swin, t=30.1)
    conv.send("c", ACK, c0 + 1502, s0 + 2, cwin, t=40.1)
    return cap


def simultaneous_open():
    """RFC 9293 section 3.5, figure 7 (ISNs 100 and 300), seen from host A (10.0.0.1):
    both SYNs cross, both ends answer with SYN+ACK. Then one line each way and a close."""
    cap = Capture()
    conv = lan_pair(44001, 44002, cap)
    win, mss = 64240, opt_mss(1460)
    conv.send("c", SYN, 100, 0, win, options=mss, t=0)                 # A: SYN-SENT
    conv.send("s", SYN, 300, 0, win, options=mss, t=5)                 # B's SYN crosses A's
    conv.send("c", SYN | ACK, 100, 301, win, options=mss, t=5.01)      # A: SYN-RECEIVED
    conv.send("s", SYN | ACK, 300, 101, win, options=mss, t=10)        # A: ESTABLISHED
    conv.send("c", PSH | ACK, 101, 301, win, b"hello from A\n", t=20)
    conv.send("s", PSH | ACK, 301, 114, win, b"hello from B\n", t=30)
    conv.send("c", ACK, 114, 314, win, t=30.05)
    conv.send("c", FIN | ACK, 114, 314, win, t=40)
    conv.send("s", FIN | ACK, 314, 115, win, t=50)
    conv.send("c", ACK, 115, 315, win, t=50.05)
    return cap


def simultaneous_close():
    """Seen from the client: both ends send FIN before receiving the other's FIN
    (one-way delay 5 ms). Both go FIN-WAIT-1 -> CLOSING -> TIME-WAIT."""
    cap = Capture()
    conv = lan_pair(40004, 8000, cap)
    c0, s0 = 4000, 9000
    cwin, swin = 64240, 65535
    conv.send("c", SYN, c0, 0, cwin, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, swin, options=opt_mss(1460), t=10)
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin, t=10.05)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, cwin, text_bytes("request", 30), t=20)
    conv.send("s", PSH | ACK, s0 + 1, c0 + 31, swin, text_bytes("reply", 40), t=30)
    conv.send("c", ACK, c0 + 31, s0 + 41, cwin, t=30.05)
    conv.send("c", FIN | ACK, c0 + 31, s0 + 41, cwin, t=100)     # sent at 100
    conv.send("s", FIN | ACK, s0 + 41, c0 + 31, swin, t=106)     # sent at 101, ack 31: crossed
    conv.send("c", ACK, c0 + 32, s0 + 42, cwin, t=106.01)
    conv.send("s", ACK, s0 + 42, c0 + 32, swin, t=110)           # sent at 105
    return cap


def wraparound():
    """Sequence numbers that wrap past 0xffffffff: client ISN 0xffffff00 (its third data
    segment crosses the wrap), server ISN 0xfffffff0 (its first data segment crosses it)."""
    cap = Capture()
    conv = lan_pair(40005, 8000, cap)
    c0, s0 = 0xFFFFFF00, 0xFFFFFFF0
    cwin, swin = 64240, 65535
    conv.send("c", SYN, c0, 0, cwin, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, swin, options=opt_mss(1460))
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin)
    seq = c0 + 1
    for i in range(4):
        conv.send("c", PSH | ACK, seq, s0 + 1, cwin, text_bytes("part-%d" % (i + 1), 100))
        seq += 100
        if i < 3:
            conv.send("s", ACK, s0 + 1, seq, swin)
    # 0xffffff01 + 400 = 0x1_00000091: the client's next sequence number is 0x91.
    conv.send("s", PSH | ACK, s0 + 1, seq, swin, text_bytes("answer-1", 60))   # to 0x2d
    conv.send("c", ACK, seq, s0 + 61, cwin)
    conv.send("s", PSH | ACK, s0 + 61, seq, swin, text_bytes("answer-2", 40))
    conv.send("c", ACK, seq, s0 + 101, cwin)
    conv.send("c", FIN | ACK, seq, s0 + 101, cwin)
    conv.send("s", ACK, s0 + 101, seq + 1, swin)
    conv.send("s", FIN | ACK, s0 + 101, seq + 1, swin)
    conv.send("c", ACK, seq + 1, s0 + 102, cwin)
    return cap


def http_response(body):
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
            b"Connection: keep-alive\r\n\r\n" % len(body)) + body


def midstream():
    """A capture started in the middle of a kept-alive HTTP connection: no handshake, so
    the window scale is unknown and the client/server roles must be guessed."""
    cap = Capture()
    conv = lan_pair(51000, 8080, cap)
    c, s = 0x6B3C1A20, 0x2F4E8D10           # wherever the conversation had got to
    cwin, swin = 502, 509                     # scaled windows, scale factor unknown here
    req1 = b"GET /notes.txt HTTP/1.1\r\nHost: 10.0.0.2:8080\r\n\r\n"
    resp1 = http_response(b"TCP numbers every byte it sends.\n")
    req2 = b"GET /long.txt HTTP/1.1\r\nHost: 10.0.0.2:8080\r\n\r\n"
    resp2 = http_response(text_bytes("flow-control", 1800) + b"\n")
    conv.send("c", PSH | ACK, c, s, cwin, req1, t=0)
    conv.send("s", PSH | ACK, s, c + len(req1), swin, resp1, t=0.3)
    c += len(req1)
    s += len(resp1)
    conv.send("c", ACK, c, s, cwin, t=40.3)
    conv.send("c", PSH | ACK, c, s, cwin, req2, t=2000)
    c += len(req2)
    conv.send("s", ACK, s, c, swin, t=2000.05)
    conv.send("s", ACK, s, c, swin, resp2[:1448], t=2000.4)
    conv.send("s", PSH | ACK, s + 1448, c, swin, resp2[1448:], t=2000.41)
    s += len(resp2)
    conv.send("c", ACK, c, s, cwin, t=2000.45)
    conv.send("c", FIN | ACK, c, s, cwin, t=7000)
    conv.send("s", ACK, s, c + 1, swin, t=7000.05)
    conv.send("s", FIN | ACK, s, c + 1, swin, t=7000.3)
    conv.send("c", ACK, c + 1, s + 1, cwin, t=7000.35)
    return cap


def truncated():
    """A normal short conversation captured with a snap length of 54 bytes (Ethernet 14 +
    IPv4 20 + TCP 20): options and payload are cut off. One record (the client's ACK of
    the reply) was cut at 44 bytes, in the middle of the TCP header itself."""
    cap = Capture(snaplen=54)
    conv = lan_pair(40006, 8000, cap)
    c0, s0 = 2400000000, 1300000000
    cwin, swin = 502, 509
    conv.send("c", SYN, c0, 0, 64240, options=linux_syn_options(1460, 1000, 0, 7), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, 65160,
              options=linux_syn_options(1460, 5000, 1000, 7))
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin, options=opt_nop_nop_ts(1001, 5000))
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, cwin, text_bytes("question", 300),
              options=opt_nop_nop_ts(1002, 5000))
    conv.send("s", ACK, s0 + 1, c0 + 301, swin, options=opt_nop_nop_ts(5002, 1002))
    conv.send("s", PSH | ACK, s0 + 1, c0 + 301, swin, text_bytes("answer", 400),
              options=opt_nop_nop_ts(5003, 1002))
    conv.send("c", ACK, c0 + 301, s0 + 401, cwin, options=opt_nop_nop_ts(1004, 5003),
              caplen=44)
    conv.send("c", FIN | ACK, c0 + 301, s0 + 401, cwin, options=opt_nop_nop_ts(1005, 5003))
    conv.send("s", FIN | ACK, s0 + 401, c0 + 302, swin, options=opt_nop_nop_ts(5006, 1005))
    conv.send("c", ACK, c0 + 302, s0 + 402, cwin, options=opt_nop_nop_ts(1007, 5006))
    return cap


def malformed():
    """Hostile segments inside an otherwise normal stream (see the README for the list).
    The hostile segments reuse old sequence numbers, so that Wireshark's analysis of the
    normal segments around them stays clean."""
    cap = Capture()
    conv = lan_pair(40007, 8000, cap)
    c0, s0 = 5000, 6000
    cwin, swin = 64240, 65535
    # 1: window scale shift 15 in the SYN: more than the maximum 14 (RFC 7323).
    conv.send("c", SYN, c0, 0, cwin, options=opt_mss(1460) + opt_nop_wscale(15), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, swin, options=opt_mss(1460) + opt_nop_wscale(7))
    conv.send("c", ACK, c0 + 1, s0 + 1, 502)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, 502, b"normal data 1\n")
    conv.send("s", ACK, s0 + 1, c0 + 15, 512)
    # 6: data offset 3, i.e. a 12-byte header: impossible, the minimum is 5 (20 bytes).
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, 502, data_offset=3)
    # 7: data offset 15 (60 bytes) but the segment ends after 20 bytes of header.
    conv.send("c", ACK, c0 + 15, s0 + 1, 502, data_offset=15)
    conv.send("c", PSH | ACK, c0 + 15, s0 + 1, 502, b"normal data 2\n")
    # 9: an option whose length byte is 0 (kind 2 = MSS, whose length must be 4).
    conv.send("s", ACK, s0 + 1, c0 + 29, 512, options=b"\x02\x00\x00\x00")
    # 10: SYN, FIN and RST all set in one segment (no ACK), with the SYN's old sequence
    # number: a forged "Christmas tree" segment that no real stack would send.
    conv.send("c", SYN | FIN | RST, c0, 0, 502)
    conv.send("s", PSH | ACK, s0 + 1, c0 + 29, 512, b"normal reply\n")
    conv.send("c", ACK, c0 + 29, s0 + 14, 502)
    conv.send("c", FIN | ACK, c0 + 29, s0 + 14, 502)
    conv.send("s", ACK, s0 + 14, c0 + 30, 512)
    conv.send("s", FIN | ACK, s0 + 14, c0 + 30, 512)
    conv.send("c", ACK, c0 + 30, s0 + 15, 502)
    return cap


def icmp_quoted():
    """Two connection attempts stopped by ICMP errors that quote the SYN:
    1. a host firewall (iptables REJECT, default icmp-port-unreachable) on the server
       itself answers with ICMP type 3 code 3 and quotes the whole SYN;
    2. a router answers a SYN to another network with type 3 code 13 (communication
       administratively prohibited) and quotes only the IP header + the first 8 bytes of
       TCP (ports and sequence number), the minimum of RFC 792."""
    cap = Capture()
    client = Host(CLIENT_MAC, "10.0.0.1", 0x1000)
    server = Host(SERVER_MAC, "10.0.0.2", 0x2000)
    router = Host(ROUTER_MAC, "10.0.0.254", 0x3000)
    remote = Host(ROUTER_MAC, "192.0.2.10", 0x4000)   # reached through the router

    syn = Conversation(cap, client, 40008, server, 8000).send(
        "c", SYN, 3000000000, 0, 64240, options=linux_syn_options(1460, 7000, 0, 7), t=0)
    quoted = syn[14:]                                 # the whole IPv4 datagram
    error = icmp_unreachable(3, quoted)
    cap.add(ethernet(server.mac, client.mac, ETH_IPV4,
                     ipv4(server.ip, client.ip, PROTO_ICMP, error, server.next_ip_id(),
                          dont_fragment=False)), t_ms=0.2)

    syn = Conversation(cap, client, 40009, remote, 443).send(
        "c", SYN, 3100000000, 0, 64240, options=linux_syn_options(1460, 8000, 0, 7), t=1000)
    quoted = syn[14:14 + 20 + 8]                      # IP header + 8 bytes of TCP
    error = icmp_unreachable(13, quoted)
    cap.add(ethernet(router.mac, client.mac, ETH_IPV4,
                     ipv4(router.ip, client.ip, PROTO_ICMP, error, router.next_ip_id(),
                          dont_fragment=False)), t_ms=1001.5)
    return cap


def zero_window_probe():
    """Flow control as Windows and BSD stacks do it (Linux probes differently, see
    zero-window.pcapng): the receiver's window reaches 0, the sender probes with ONE byte
    of new data, the receiver refuses it (ACK unchanged, window still 0), later opens the
    window again."""
    cap = Capture()
    conv = lan_pair(40010, 8000, cap)
    c0, s0 = 70000, 90000
    cwin = 64240
    conv.send("c", SYN, c0, 0, cwin, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, 3000, options=opt_mss(1460), t=1)
    conv.send("c", ACK, c0 + 1, s0 + 1, cwin, t=1.05)
    data = text_bytes("slow-reader", 4000)
    for i in range(3):
        conv.send("c", ACK if i < 2 else PSH | ACK, c0 + 1 + 1000 * i, s0 + 1, cwin,
                  data[1000 * i:1000 * (i + 1)], t=2 + 0.01 * i)
    conv.send("s", ACK, s0 + 1, c0 + 3001, 0, t=3)                 # window full: 0
    conv.send("c", ACK, c0 + 3001, s0 + 1, cwin, data[3000:3001], t=203)   # probe, 1 byte
    conv.send("s", ACK, s0 + 1, c0 + 3001, 0, t=204)               # still 0, byte refused
    conv.send("c", ACK, c0 + 3001, s0 + 1, cwin, data[3000:3001], t=604)   # probe again
    conv.send("s", ACK, s0 + 1, c0 + 3001, 0, t=605)
    conv.send("s", ACK, s0 + 1, c0 + 3001, 3000, t=900)            # the reader woke up
    conv.send("c", PSH | ACK, c0 + 3001, s0 + 1, cwin, data[3000:], t=901)
    conv.send("s", ACK, s0 + 1, c0 + 4001, 2000, t=902)
    conv.send("c", FIN | ACK, c0 + 4001, s0 + 1, cwin, t=910)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 4002, 3000, t=911)
    conv.send("c", ACK, c0 + 4002, s0 + 2, cwin, t=912)
    return cap


def tcp_fast_open(accepted):
    """TCP Fast Open (RFC 7413): the client's SYN carries a cookie and an 18-byte request.
    When the server accepts the data, its SYN+ACK acknowledges the SYN and the data
    (ack = ISN + 1 + 18); when it does not, only the SYN (ack = ISN + 1), and the client
    sends the request again after the handshake."""
    cap = Capture()
    conv = lan_pair(40020 if accepted else 40021, 8000, cap)
    c0, s0 = 5000, 9000
    win = 64240
    request = b"GET / HTTP/1.1\r\n\r\n"
    syn_options = opt_mss(1460) + opt_tfo_cookie(bytes.fromhex("1f2e3d4c5b6a7988"))
    conv.send("c", SYN, c0, 0, win, request, options=syn_options, t=0)
    first = c0 + 1 + len(request)
    conv.send("s", SYN | ACK, s0, first if accepted else c0 + 1, win, options=opt_mss(1460),
              t=1)
    conv.send("c", ACK, first if accepted else c0 + 1, s0 + 1, win, t=1.05)
    if not accepted:
        conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, request, t=1.1)
        conv.send("s", ACK, s0 + 1, first, win, t=2.1)
    reply = text_bytes("HTTP/1.1 200 OK", 30)
    conv.send("s", PSH | ACK, s0 + 1, first, win, reply, t=3)
    conv.send("c", ACK, first, s0 + 31, win, t=3.05)
    conv.send("c", FIN | ACK, first, s0 + 31, win, t=10)
    conv.send("s", FIN | ACK, s0 + 31, first + 1, win, t=11)
    conv.send("c", ACK, first + 1, s0 + 32, win, t=11.05)
    return cap


def starts_at_synack():
    """The capture begins at the server's SYN+ACK: the client's SYN was sent before the
    capture started. The client is ESTABLISHED as soon as the SYN+ACK arrives."""
    cap = Capture()
    conv = lan_pair(40022, 8000, cap)
    c0, s0 = 12000, 34000
    win = 64240
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460), t=0)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=0.05)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("ping", 12), t=1)
    conv.send("s", PSH | ACK, s0 + 1, c0 + 13, win, text_bytes("pong", 12), t=2)
    conv.send("c", FIN | ACK, c0 + 13, s0 + 13, win, t=3)
    conv.send("s", FIN | ACK, s0 + 13, c0 + 14, win, t=4)
    conv.send("c", ACK, c0 + 14, s0 + 14, win, t=4.05)
    return cap


def starts_at_step3():
    """The capture begins at the third step of the handshake (the client's ACK): no SYN
    is seen, so client and server are guessed and both start ESTABLISHED, inferred."""
    cap = Capture()
    conv = lan_pair(40023, 8000, cap)
    c0, s0 = 56000, 78000
    win = 64240
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=0)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("hello", 10), t=1)
    conv.send("s", ACK, s0 + 1, c0 + 11, win, t=1.05)
    conv.send("s", PSH | ACK, s0 + 1, c0 + 11, win, text_bytes("world", 10), t=2)
    conv.send("c", FIN | ACK, c0 + 11, s0 + 11, win, t=3)
    conv.send("s", ACK, s0 + 11, c0 + 12, win, t=3.05)
    conv.send("s", FIN | ACK, s0 + 11, c0 + 12, win, t=4)
    conv.send("c", ACK, c0 + 12, s0 + 12, win, t=4.05)
    return cap


def fin_completes_handshake():
    """The client's third handshake segment is a FIN+ACK (it connects and closes at once,
    as a port check does): it takes the server from SYN-RECEIVED to ESTABLISHED, and its
    FIN starts the close."""
    cap = Capture()
    conv = lan_pair(40024, 8000, cap)
    c0, s0 = 1000, 2000
    win = 64240
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460), t=1)
    conv.send("c", FIN | ACK, c0 + 1, s0 + 1, win, t=1.05)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 2, win, t=2)
    conv.send("c", ACK, c0 + 2, s0 + 2, win, t=2.05)
    return cap


def simultaneous_close_ipv6():
    """Crossing FINs over IPv6 (documentation addresses): both ends send FIN before the
    other's FIN arrives; both go FIN-WAIT-1 -> CLOSING -> TIME-WAIT."""
    cap = Capture()
    client = Host(CLIENT_MAC, "2001:db8::1", 0)
    server = Host(SERVER_MAC, "2001:db8::2", 0)
    conv = Conversation(cap, client, 40025, server, 8000)
    c0, s0 = 700, 900
    win = 64800
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1440), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1440), t=10)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=10.05)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("bye soon", 20), t=20)
    conv.send("s", ACK, s0 + 1, c0 + 21, win, t=30)
    conv.send("c", FIN | ACK, c0 + 21, s0 + 1, win, t=100)       # sent at 100
    conv.send("s", FIN | ACK, s0 + 1, c0 + 21, win, t=106)       # sent at 101: crossed
    conv.send("s", ACK, s0 + 2, c0 + 22, win, t=110)             # sent at 105
    conv.send("c", ACK, c0 + 22, s0 + 2, win, t=106.01)
    return cap


def synack_retransmitted():
    """Seen from the client: its ACK (step 3) is lost after the capture point, so the
    server's retransmission timer expires and it sends its SYN+ACK again one second later;
    the client acknowledges it again and the connection carries on."""
    cap = Capture()
    conv = lan_pair(40026, 8000, cap)
    c0, s0 = 3000, 6000
    win = 64240
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460), t=1)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=1.05)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460), t=1001)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=1001.05)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("late start", 10), t=1002)
    conv.send("s", ACK, s0 + 1, c0 + 11, win, t=1003)
    conv.send("c", FIN | ACK, c0 + 11, s0 + 1, win, t=1010)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 12, win, t=1011)
    conv.send("c", ACK, c0 + 12, s0 + 2, win, t=1011.05)
    return cap


def synack_data():
    """The server's SYN+ACK carries 110 bytes (a server that speaks first, without waiting
    for the handshake): the client's ACK 161 = 50 + 1 + 110 acknowledges the SYN and the
    data at once, and is still the third step of the handshake."""
    cap = Capture()
    conv = lan_pair(40025, 8000, cap)
    c0, s0 = 10, 50
    win = 8192
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, text_bytes("banner", 110), options=opt_mss(1460),
              t=1)
    conv.send("c", ACK, c0 + 1, s0 + 111, win, t=1.05)
    conv.send("c", FIN | ACK, c0 + 1, s0 + 111, win, t=2)
    conv.send("s", FIN | ACK, s0 + 111, c0 + 2, win, t=3)
    conv.send("c", ACK, c0 + 2, s0 + 112, win, t=3.05)
    return cap


def syn_odd_answers():
    """Two SYNs answered by bare ACKs (test traffic, as firewall tests send it). Port 40026:
    the server acknowledges the SYN (ack = ISN + 1) without a SYN of its own, which opens
    nothing (a listener answers with SYN+ACK, RFC 9293 section 3.10.7.2, and SYN-SENT drops
    an ACK without SYN, 3.10.7.3): the client stays SYN-SENT. Port
    40027: the ACK number is the client's ISN itself, unacceptable in SYN-SENT (SEG.ACK =<
    ISS, 3.10.7.3): the client answers with RST <SEQ=SEG.ACK> and stays SYN-SENT."""
    cap = Capture()
    conv = lan_pair(40026, 8000, cap)
    c0, s0 = 1000, 2000
    win = 8192
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", ACK, s0, c0 + 1, win, t=1)
    # No SYN+ACK follows here: from 4.2 on, Wireshark numbers a SYN+ACK whose sequence
    # number is not one below the first it saw of that side as a new stream, so the same
    # capture would be numbered differently by the releases tcpteach supports.
    other = Conversation(cap, conv.ends["c"][0], 40027, conv.ends["s"][0], 8000)
    other.send("c", SYN, 5000, 0, win, options=opt_mss(1460), t=10)
    other.send("s", ACK, 7000, 5000, win, t=11)
    other.send("c", RST, 5000, 0, 0, t=11.05)
    return cap


def out_of_window():
    """The client's first data lies 100000 bytes beyond the 256-byte window that the
    server's SYN+ACK offered, at the same instant: it cannot have sent the bytes in
    between, so the server drops the segment (RFC 9293 section 3.10.7.4, first check) and
    answers with an ACK; its ACK of the SYN is not taken, the server stays SYN-RECEIVED."""
    cap = Capture()
    conv = lan_pair(40028, 8000, cap)
    c0, s0 = 1000, 5000
    win = 256
    conv.send("c", SYN, c0, 0, win, t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, t=0)
    conv.send("c", PSH | ACK, c0 + 100001, s0 + 1, win, text_bytes("late", 11), t=0)
    conv.send("s", ACK, s0 + 1, c0 + 1, win, t=0.05)
    return cap


def rst_crossing_fin():
    """The client closes (FIN), the server keeps sending, the client resets (its socket is
    closed: nothing can read the data). The server's FIN+ACK left before that RST reached
    it (the two crossed): no orderly close follows. The closed client answers the FIN with
    RST <SEQ=SEG.ACK> (RFC 9293 section 3.10.7.1)."""
    cap = Capture()
    conv = lan_pair(40029, 8000, cap)
    c0, s0 = 100, 300
    win = 8192
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460), t=1)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=1.05)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("request", 10), t=2)
    conv.send("c", FIN | ACK, c0 + 11, s0 + 1, win, t=2.1)
    conv.send("s", PSH | ACK, s0 + 1, c0 + 11, win, text_bytes("answer", 20), t=3)
    conv.send("c", RST, c0 + 11, 0, 0, t=3.05)
    conv.send("s", FIN | ACK, s0 + 21, c0 + 12, win, t=3.1)
    conv.send("c", RST, c0 + 12, 0, 0, t=3.15)
    return cap


def split_handshake():
    """A split handshake (RFC 9293 section 3.5, as test tools send it): the client's SYN is
    answered by the server's own SYN, the client answers that with SYN+ACK, and the server
    ends the open with a plain ACK of it: both ends pass SYN-SENT, SYN-RECEIVED and
    ESTABLISHED as in a simultaneous open."""
    cap = Capture()
    conv = lan_pair(40030, 8000, cap)
    c0, s0 = 1000, 3000
    win = 8192
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", SYN, s0, 0, win, options=opt_mss(1460), t=1)
    conv.send("c", SYN | ACK, c0, s0 + 1, win, options=opt_mss(1460), t=1.05)
    conv.send("s", ACK, s0 + 1, c0 + 1, win, t=2)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("ping", 4), t=3)
    conv.send("s", ACK, s0 + 1, c0 + 5, win, t=3.05)
    conv.send("c", FIN | ACK, c0 + 5, s0 + 1, win, t=4)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 6, win, t=5)
    conv.send("c", ACK, c0 + 6, s0 + 2, win, t=5.05)
    return cap


def one_sided():
    """Only the server's segments were captured (asymmetric routing): its SYN+ACK (window
    scale shift 0, which it may send only because the client's SYN carried the option), an
    ACK of 52 client bytes the capture never saw, which proves that both ends were
    ESTABLISHED, and a FIN whose ACK covers one more client sequence number (probably the
    client's FIN)."""
    cap = Capture()
    conv = lan_pair(40031, 8000, cap)
    c0, s0 = 7000, 9000
    win = 16430
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460) + opt_nop_wscale(0), t=0)
    conv.send("s", ACK, s0 + 1, c0 + 53, win, t=40)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 54, win, t=10000)
    return cap


def summary_evidence():
    """The client offers ECN (ECE and CWR in its SYN) and the server declines it (no ECE in
    its SYN+ACK); the client marks its request urgent (URG, urgent pointer at its end); the
    server's 300-byte answer was not captured: its FIN at sequence number 301 and the
    client's ACK of it prove the bytes were sent and arrived."""
    cap = Capture()
    conv = lan_pair(40032, 8000, cap)
    c0, s0 = 2000, 6000
    win = 8192
    conv.send("c", SYN | ECE | CWR, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460), t=1)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=1.05)
    conv.send("c", URG | PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("urgent", 6), urgent=6,
              t=2)
    conv.send("s", FIN | ACK, s0 + 301, c0 + 7, win, t=3)
    conv.send("c", ACK, c0 + 7, s0 + 302, win, t=3.05)
    conv.send("c", FIN | ACK, c0 + 7, s0 + 302, win, t=4)
    conv.send("s", ACK, s0 + 302, c0 + 8, win, t=4.05)
    return cap


def resend_other_bytes():
    """A resend that carries other bytes than its first copy: the client sends bytes 1-100
    and 101-200, the server acknowledges the first 100, and the client's timer resends
    101-200 with bytes 151-200 changed (a sender that rewrote its buffer, or a tool that
    tests how a receiver handles overlapping data). Then bytes 201-300 are lost and resent
    unchanged, which is an ordinary resend."""
    cap = Capture()
    conv = lan_pair(40033, 8000, cap)
    c0, s0 = 4000, 9000
    win = 8192
    first = text_bytes("first copy", 100)
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=0)
    conv.send("s", SYN | ACK, s0, c0 + 1, win, options=opt_mss(1460), t=1)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=1.05)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("hello", 100), t=2)
    conv.send("c", PSH | ACK, c0 + 101, s0 + 1, win, first, t=2.1)
    conv.send("s", ACK, s0 + 1, c0 + 101, win, t=3)
    conv.send("c", PSH | ACK, c0 + 101, s0 + 1, win, first[:50] + text_bytes("CHANGED", 50),
              t=302.1)
    conv.send("s", ACK, s0 + 1, c0 + 201, win, t=303.1)
    conv.send("c", PSH | ACK, c0 + 201, s0 + 1, win, text_bytes("third", 100), t=310)
    conv.send("c", PSH | ACK, c0 + 201, s0 + 1, win, text_bytes("third", 100), t=610)
    conv.send("s", ACK, s0 + 1, c0 + 301, win, t=611)
    conv.send("c", FIN | ACK, c0 + 301, s0 + 1, win, t=620)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 302, win, t=621)
    conv.send("c", ACK, c0 + 302, s0 + 2, win, t=621.05)
    return cap


def syn_retry_options():
    """Copies of a SYN with other options. Stream 0: the client sends its SYN with MSS,
    SACK permitted, timestamps and window scale twice, then (as Linux does when its SYN
    goes unanswered, to get past middleboxes that drop options) a third copy with the MSS
    only; the server's SYN+ACK carries only an MSS: no window scaling, SACK or timestamps.
    Stream 1: the second copy has no options at all, but the SYN+ACK carries window scale,
    SACK permitted and timestamps (its TSecr echoes the first copy's TSval): it answers
    the first copy, which arrived late."""
    cap = Capture()
    conv = lan_pair(40034, 8000, cap)
    c0, s0 = 7000, 8000
    win = 64240
    conv.send("c", SYN, c0, 0, win, options=linux_syn_options(1460, 100, 0, 7), t=0)
    conv.send("c", SYN, c0, 0, win, options=linux_syn_options(1460, 1100, 0, 7), t=1000)
    conv.send("c", SYN, c0, 0, win, options=opt_mss(1460), t=3000)
    conv.send("s", SYN | ACK, s0, c0 + 1, 65535, options=opt_mss(1400), t=3001)
    conv.send("c", ACK, c0 + 1, s0 + 1, win, t=3001.05)
    conv.send("c", PSH | ACK, c0 + 1, s0 + 1, win, text_bytes("hello", 20), t=3002)
    conv.send("s", ACK, s0 + 1, c0 + 21, 65535, t=3003)
    conv.send("c", FIN | ACK, c0 + 21, s0 + 1, win, t=3010)
    conv.send("s", FIN | ACK, s0 + 1, c0 + 22, 65535, t=3011)
    conv.send("c", ACK, c0 + 22, s0 + 2, win, t=3011.05)
    other = Conversation(cap, conv.ends["c"][0], 40035, conv.ends["s"][0], 8000)
    c1, s1 = 17000, 18000
    other.send("c", SYN, c1, 0, win, options=linux_syn_options(1460, 5000, 0, 7), t=4000)
    other.send("c", SYN, c1, 0, win, options=opt_mss(1460), t=5000)
    other.send("s", SYN | ACK, s1, c1 + 1, 65160,
               options=linux_syn_options(1400, 9000, 5000, 7), t=5001)
    other.send("c", ACK, c1 + 1, s1 + 1, 502, options=opt_nop_nop_ts(5001, 9000), t=5001.05)
    other.send("c", FIN | ACK, c1 + 1, s1 + 1, 502, options=opt_nop_nop_ts(5002, 9000), t=5010)
    other.send("s", FIN | ACK, s1 + 1, c1 + 2, 509, options=opt_nop_nop_ts(9010, 5002), t=5011)
    other.send("c", ACK, c1 + 2, s1 + 2, 502, options=opt_nop_nop_ts(5003, 9010), t=5011.05)
    return cap


CAPTURES = [
    ("textbook-004.pcap", textbook_004),
    ("seed-002-segment.pcap", seed_002_segment),
    ("retransmission.pcap", retransmission),
    ("out-of-order.pcap", out_of_order),
    ("simultaneous-open.pcap", simultaneous_open),
    ("simultaneous-close.pcap", simultaneous_close),
    ("wraparound.pcap", wraparound),
    ("midstream.pcap", midstream),
    ("truncated.pcap", truncated),
    ("malformed.pcap", malformed),
    ("icmp-quoted.pcap", icmp_quoted),
    ("zero-window-probe.pcap", zero_window_probe),
    ("tcp-fast-open.pcap", lambda: tcp_fast_open(True)),
    ("tcp-fast-open-refused.pcap", lambda: tcp_fast_open(False)),
    ("starts-at-synack.pcap", starts_at_synack),
    ("starts-at-step3.pcap", starts_at_step3),
    ("fin-completes-handshake.pcap", fin_completes_handshake),
    ("simultaneous-close-ipv6.pcap", simultaneous_close_ipv6),
    ("synack-retransmitted.pcap", synack_retransmitted),
    ("sack-recovery.pcap", sack_recovery),
    ("capture-duplicate.pcap", capture_duplicate),
    ("ack-before-capture.pcap", ack_before_capture),
    ("synack-data.pcap", synack_data),
    ("syn-odd-answers.pcap", syn_odd_answers),
    ("out-of-window.pcap", out_of_window),
    ("rst-crossing-fin.pcap", rst_crossing_fin),
    ("split-handshake.pcap", split_handshake),
    ("one-sided.pcap", one_sided),
    ("summary-evidence.pcap", summary_evidence),
    ("resend-other-bytes.pcap", resend_other_bytes),
    ("syn-retry-options.pcap", syn_retry_options),
]


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        sys.exit("usage: craft.py [OUTPUT-DIRECTORY]")
    out_dir = sys.argv[1] if len(sys.argv) == 2 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    for name, build in CAPTURES:
        capture = build()
        capture.write(os.path.join(out_dir, name))
        print("wrote %s (%d packets)" % (name, len(capture.records)))


if __name__ == "__main__":
    main()
