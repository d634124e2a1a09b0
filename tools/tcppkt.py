# SPDX-License-Identifier: GPL-2.0-or-later
"""The project's one packet builder: Ethernet, IPv4, IPv6, GRE, ICMP and TCP
headers with correct lengths and checksums (unless told otherwise), and the
classic pcap file format. Standard library only.

Used by the sample captures (sample-pcaps/craft.py), the fuzz and hostile
captures (tests/fuzz/tcpgen.py, make-hostile.py), the fuzz seeds
(tests/fuzz/make-seeds.py) and the benchmark captures (bench/gen-capture.py).
Addresses are bytes (ip_bytes and mac_bytes convert text); every function
returns bytes.
"""

import struct

# TCP flag bits (the low 9 bits of the 12-bit flags field).
FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE = 0x001, 0x002, 0x004, 0x008, 0x010, 0x020, 0x040, \
    0x080, 0x100
# The same as letters, as tcpdump prints them (N: AE, the former NS bit).
FLAG_LETTERS = {"F": FIN, "S": SYN, "R": RST, "P": PSH, "A": ACK, "U": URG, "E": ECE, "C": CWR,
                "N": AE}

ETH_IPV4, ETH_IPV6 = 0x0800, 0x86DD
PROTO_ICMP, PROTO_TCP, PROTO_GRE, PROTO_ICMPV6 = 1, 6, 47, 58
LINKTYPE_ETHERNET = 1

_WORDS = {}


def ones_sum(data):
    """The plain sum of the 16-bit big-endian words of data (odd length: zero-padded)."""
    if len(data) % 2:
        data += b"\0"
    n = len(data) // 2
    unpack = _WORDS.get(n)
    if unpack is None:
        unpack = _WORDS[n] = struct.Struct("!%dH" % n).unpack
    return sum(unpack(data))


def fold(total):
    """A word sum folded to 16 bits (one's complement addition)."""
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def internet_checksum(data, extra=0):
    """The 16-bit one's complement of the one's complement sum (RFC 1071); extra is a
    word sum already known for bytes that follow (e.g. a payload)."""
    return ~fold(ones_sum(data) + extra) & 0xFFFF


def ip_bytes(text):
    """'10.0.0.1' -> 4 bytes, '2001:db8::1' -> 16 bytes (no socket module needed)."""
    if ":" not in text:
        return bytes(int(part) for part in text.split("."))
    head, _, tail = text.partition("::")
    head_groups = [g for g in head.split(":") if g]
    tail_groups = [g for g in tail.split(":") if g]
    missing = 8 - len(head_groups) - len(tail_groups)
    groups = head_groups + ["0"] * missing + tail_groups
    return b"".join(struct.pack("!H", int(g, 16)) for g in groups)


def mac_bytes(text):
    return bytes(int(part, 16) for part in text.split(":"))


def flag_bits(flags):
    """An int of TCP flag bits, or a string of FLAG_LETTERS -> the int."""
    if isinstance(flags, int):
        return flags
    value = 0
    for letter in flags:
        value |= FLAG_LETTERS[letter]
    return value


# ---- layer 2 and 3 ---------------------------------------------------------------------------


def ethernet(src_mac, dst_mac, ethertype, payload):
    return dst_mac + src_mac + struct.pack("!H", ethertype) + payload


_IPV4 = struct.Struct("!BBHHHBBH4s4s")


def ipv4(src, dst, proto, payload, ident=0, ttl=64, dont_fragment=False, more=False, frag=0,
         total=None):
    """An IPv4 header (no options) with its checksum, then payload. frag: the fragment
    offset in bytes; total overrides the total length field."""
    length = 20 + len(payload) if total is None else total
    flags = (0x4000 if dont_fragment else 0) | (0x2000 if more else 0) | (frag // 8)
    header = _IPV4.pack(0x45, 0, length, ident, flags, ttl, proto, 0, src, dst)
    return header[:10] + struct.pack("!H", internet_checksum(header)) + header[12:] + payload


def ipv6(src, dst, next_header, payload, hop_limit=64):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), next_header, hop_limit,
                       src, dst) + payload


def ip_packet(src, dst, proto, payload, **kw):
    """IPv4 or IPv6 by the length of the addresses."""
    if len(src) == 4:
        return ipv4(src, dst, proto, payload, **kw)
    return ipv6(src, dst, proto, payload, **kw)


def gre(payload, proto=ETH_IPV4):
    return struct.pack("!HH", 0, proto) + payload


def pseudo_header(src, dst, proto, length):
    """The pseudo-header of TCP's (and ICMPv6's) checksum, IPv4 or IPv6 by address length."""
    if len(src) == 4:
        return src + dst + struct.pack("!BBH", 0, proto, length)
    return src + dst + struct.pack("!IxxxB", length, proto)


def icmp4(kind, code, body):
    """An ICMP message with its checksum; body follows the 4 unused bytes."""
    message = struct.pack("!BBHI", kind, code, 0, 0) + body
    return message[:2] + struct.pack("!H", internet_checksum(message)) + message[4:]


def icmp6(src, dst, kind, code, body):
    message = struct.pack("!BBHI", kind, code, 0, 0) + body
    checksum = internet_checksum(pseudo_header(src, dst, PROTO_ICMPV6, len(message)) + message)
    return message[:2] + struct.pack("!H", checksum) + message[4:]


# ---- TCP -------------------------------------------------------------------------------------

_TCP = struct.Struct("!HHIIHHHH")


def tcp_header(sport, dport, seq, ack, flags, window, options=b"", doff=None, urgent=0,
               checksum=0, reserved=0):
    """TCP header bytes as given (no checksum computed). flags: int or letters; options
    are zero-padded to a multiple of 4 bytes; doff overrides the header length field (in
    32-bit words) without changing the bytes present: that is how malformed headers are
    made; reserved: the 3 reserved bits."""
    if len(options) % 4:
        options += b"\0" * (4 - len(options) % 4)
    if doff is None:
        doff = (20 + len(options)) // 4
    return _TCP.pack(sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                     (doff << 12) | (reserved << 9) | flag_bits(flags), window, checksum,
                     urgent) + options


def tcp(src, dst, sport, dport, seq, ack=0, flags=0, window=65535, options=b"", payload=b"",
        doff=None, urgent=0, fix_checksum=True, reserved=0, payload_sum=None):
    """A TCP segment from src to dst (address bytes), with a correct checksum over
    pseudo-header, header and payload unless fix_checksum is False (then 0).
    payload_sum: ones_sum(payload) when the caller already knows it (fast path)."""
    header = tcp_header(sport, dport, seq, ack, flags, window, options, doff, urgent, 0, reserved)
    if not fix_checksum:
        return header + payload
    # The header has an even length, so the payload's words line up after it.
    if payload_sum is None:
        payload_sum = ones_sum(payload)
    length = len(header) + len(payload)
    checksum = internet_checksum(pseudo_header(src, dst, PROTO_TCP, length) + header, payload_sum)
    return header[:16] + struct.pack("!H", checksum) + header[18:] + payload


# TCP options, each padded to a multiple of 4 bytes.
def opt_mss(value):
    return struct.pack("!BBH", 2, 4, value)


def opt_nop_wscale(shift):
    return struct.pack("!BBBB", 1, 3, 3, shift)


def opt_sackperm_ts(tsval, tsecr):
    return struct.pack("!BBBBII", 4, 2, 8, 10, tsval, tsecr)


def opt_nop_nop_ts(tsval, tsecr):
    return struct.pack("!BBBBII", 1, 1, 8, 10, tsval, tsecr)


def opt_sack(blocks):
    """Two NOPs, then SACK blocks (kind 5, RFC 2018): [(left, right), ...]."""
    body = b"".join(struct.pack("!II", left & 0xFFFFFFFF, right & 0xFFFFFFFF)
                    for left, right in blocks)
    return b"\x01\x01" + struct.pack("!BB", 5, 2 + len(body)) + body


def opt_tfo_cookie(cookie):
    """TCP Fast Open (kind 34, RFC 7413) with a cookie, then NOPs to 4 bytes."""
    option = struct.pack("!BB", 34, 2 + len(cookie)) + cookie
    return option + b"\x01" * (-len(option) % 4)


# ---- pcap ------------------------------------------------------------------------------------

_RECORD = struct.Struct("<IIII")


def pcap_header(snaplen=65535, linktype=LINKTYPE_ETHERNET):
    """The header of a classic pcap file: microsecond timestamps, little-endian."""
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)


def pcap_record(usec, frame, caplen=None):
    """One record: its time in microseconds since the epoch, the frame, and how many of
    its bytes were captured (default: all)."""
    stored = frame if caplen is None else frame[:caplen]
    return _RECORD.pack(usec // 1000000, usec % 1000000, len(stored), len(frame)) + stored
