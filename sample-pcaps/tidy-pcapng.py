#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tidy a pcapng file written by dumpcap, for publishing as a sample capture.

    python3 tidy-pcapng.py IN.pcapng OUT.pcapng [COMMENT]

The packets are copied unchanged. What changes is the metadata about the machine that made
the capture, which is noise in a teaching sample:

- Section Header Block: the hardware description is dropped, the operating system becomes
  plain "Linux", the capturing application is kept, COMMENT (if given) becomes the file
  comment shown by Wireshark (Statistics > Capture File Properties).
- Interface Description Blocks: the per-interface operating system option is dropped; the
  interface name, filter and time resolution are kept.
- Interface Statistics Blocks (packet counters written when dumpcap stops) are dropped.

Only the Python standard library is used.
"""

import struct
import sys

SHB = 0x0A0D0D0A
IDB = 0x00000001
ISB = 0x00000005

# Option codes (pcapng specification).
OPT_END = 0
OPT_COMMENT = 1
SHB_HARDWARE = 2
SHB_OS = 3
SHB_USERAPPL = 4
IF_OS = 12


def parse_options(data, endian):
    """Returns a list of (code, value) from an options area."""
    options = []
    offset = 0
    while offset + 4 <= len(data):
        code, length = struct.unpack_from(endian + "HH", data, offset)
        offset += 4
        if code == OPT_END:
            break
        options.append((code, data[offset:offset + length]))
        offset += (length + 3) & ~3
    return options


def build_options(options, endian):
    out = b""
    for code, value in options:
        out += struct.pack(endian + "HH", code, len(value)) + value
        out += b"\0" * (-len(value) % 4)
    if options:
        out += struct.pack(endian + "HH", OPT_END, 0)
    return out


def build_block(block_type, body, endian):
    total = 12 + len(body)
    return (struct.pack(endian + "II", block_type, total) + body
            + struct.pack(endian + "I", total))


def tidy(data, comment):
    out = b""
    offset = 0
    endian = "<"
    while offset < len(data):
        block_type, = struct.unpack_from("<I", data, offset)
        if block_type == SHB:
            magic = data[offset + 8:offset + 12]
            endian = "<" if magic == b"\x4d\x3c\x2b\x1a" else ">"
        _, total = struct.unpack_from(endian + "II", data, offset)
        if total < 12 or offset + total > len(data):
            sys.exit("tidy-pcapng: damaged block at offset %d" % offset)
        body = data[offset + 8:offset + total - 4]
        offset += total

        if block_type == SHB:
            fixed, options = body[:16], parse_options(body[16:], endian)
            kept = [(OPT_COMMENT, comment.encode())] if comment else []
            kept.append((SHB_OS, b"Linux"))
            kept += [(c, v) for c, v in options if c == SHB_USERAPPL]
            out += build_block(SHB, fixed + build_options(kept, endian), endian)
        elif block_type == IDB:
            fixed, options = body[:8], parse_options(body[8:], endian)
            kept = [(c, v) for c, v in options if c != IF_OS]
            out += build_block(IDB, fixed + build_options(kept, endian), endian)
        elif block_type == ISB:
            continue
        else:
            out += build_block(block_type, body, endian)
    return out


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: tidy-pcapng.py IN.pcapng OUT.pcapng [COMMENT]")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    if data[:4] != struct.pack("<I", SHB):
        sys.exit("tidy-pcapng: %s is not a pcapng file" % sys.argv[1])
    comment = sys.argv[3] if len(sys.argv) == 4 else ""
    with open(sys.argv[2], "wb") as f:
        f.write(tidy(data, comment))


if __name__ == "__main__":
    main()
