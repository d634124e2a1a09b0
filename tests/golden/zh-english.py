#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The Chinese teaching tree has no English words.

Usage: zh-english.py SANDBOX PLUGIN.so CAPTURE...

Runs `tshark -V -O tcpteach -o tcpteach.language:zh` on each capture and
reads tcpteach's tree (its title line and everything under it). Every run of
ASCII letters there must be an allowed technical token: a protocol, flag,
option or program name, one of RFC 9293's state or variable names, the
tcpdump notation, a Wireshark field name, an IANA service name, or a token
shown as a field's value ("（字段值 handshake-1）"). Anything else is English
prose that was not translated. The same list guards the catalogue itself
(tests/unit/test_lang.c).
"""
import re
import subprocess
import sys

ALLOWED = {
    # protocols, standards, programs, units
    "TCP", "IP", "IPv4", "IPv6", "ICMP", "RFC", "ECN", "MSS", "MTU", "RTT", "RTO", "ISN", "MSL",
    "SACK", "D-SACK", "TFO", "NOP", "ACE", "CE", "CTL", "SEG.ACK", "SO_LINGER", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "RACK", "NewReno", "Reno", "CUBIC", "BBR", "Karn", "MP_CAPABLE", "MP_FASTCLOSE", "Not-ECT", "ECT",
    "connect()", "connect", "ECONNREFUSED", "TTL", "DF", "EOL", "PAWS", "TSval", "TSecr", "PPPoE", "Linux", "macOS", "iOS", "Wireshark",
    "tcpdump", "tcpteach", "Markdown", "HTML", "MiB", "GiB",
    # options named by number (explain.c's option_name)
    "TCP-MD5", "UTO", "TCP-AO", "MPTCP",
    # flags
    "SYN", "FIN", "ACK", "RST", "PSH", "URG", "ECE", "CWR", "AE", "SYN+ACK", "RST+ACK",
    "SYN,ACK",
    # RFC 9293's states and variables
    "CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2",
    "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT", "SND.NXT", "SEQ", "SEG.SEQ+SEG.LEN",
    # tcpdump's notation and the header arithmetic
    "seq", "ack", "win", "len", "wscale", "x", "t",
}
# IANA service names the port explanation may give (explain.c's services).
SERVICES = {"ftp-data", "ftp", "ssh", "telnet", "smtp", "domain", "http", "pop3", "imap",
            "https", "imaps", "pop3s", "mysql", "postgresql", "redis", "http-alt", "tproxy"}
WORD = re.compile(r"[A-Za-z0-9_.+:,\-/]+")
NUMBERISH = re.compile(r"^(0x[0-9a-fA-F]+|[0-9a-fA-F]*[0-9][0-9a-fA-F]*|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$")


def tcpteach_lines(output):
    on = False
    for line in output.split("\n"):
        if line.startswith(("TCP Teaching Annotations", "TCP 教学注释")):
            on = True
            yield line
        elif line and not line.startswith(" "):
            on = False
        elif on:
            yield line


def english_words(line):
    # Wireshark's own frame of an expert info: only its message is tcpteach's.
    expert = re.match(r"^\s*\[Expert Info \([A-Za-z]+/[A-Za-z]+\): (.*)\]$", line)
    if expert:
        line = expert.group(1)
    elif re.match(r"^\s*\[(Severity level|Group): [A-Za-z]+\]$", line):
        return
    for m in WORD.finditer(line):
        word = m.group(0)
        # "SYN,ACK" stays whole; other commas, colons and slashes split
        pieces = [word] if word in ALLOWED else re.split(r"[,/]", word)
        for piece in pieces:
            piece = piece.strip(".:+-")
            if re.match(r"^[0-9]+[A-Z]", piece):
                piece = piece.lstrip("0123456789")  # "2MSL"
            if not re.search(r"[A-Za-z]", piece) or NUMBERISH.match(piece):
                continue
            piece_start = line.find(piece, m.start())
            if line[:piece_start].endswith("字段值 "):
                continue  # a token shown as the field's value
            if piece in ALLOWED or piece in SERVICES or re.match(r"^(tcp(teach)?|net\.ipv4)\.[a-z_.]+$", piece):
                continue
            if re.match(r"^[0-9.]+$", piece.split(":")[0]) and ":" in piece:
                continue  # an IPv4 address and port
            yield piece


def main():
    sandbox, plugin, captures = sys.argv[1], sys.argv[2], sys.argv[3:]
    bad = 0
    for capture in captures:
        out = subprocess.run([sandbox, "tshark", plugin, "-r", capture, "-V", "-O", "tcpteach",
                              "-o", "tcpteach.language:zh"],
                             check=True, capture_output=True, text=True).stdout
        lines = list(tcpteach_lines(out))
        if not lines:
            print(f"FAIL {capture}: no tcpteach tree in the output", file=sys.stderr)
            bad += 1
            continue
        found = [(w, line.strip()) for line in lines for w in english_words(line)]
        for word, line in found[:20]:
            print(f"FAIL {capture}: English {word!r} in: {line}", file=sys.stderr)
        bad += bool(found)
        print(f"{capture}: {len(lines)} lines of the Chinese tree, {len(found)} English words")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
