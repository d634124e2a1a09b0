# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks that every line of the "Header explained" subtree highlights exactly
the bytes of the TCP header field it explains, by comparing positions in
tshark's PDML output: each tcpteach line naming a header field must have the
same pos and size as Wireshark's own item for that field.

Used by check.py: check(PDML-TEXT, LANG), LANG being the language of the run.
"""
import xml.etree.ElementTree as ET

# First words of each header line, per language, and the TCP field it explains.
FIELDS = {
    "en": [("Source port:", "tcp.srcport"), ("Destination port:", "tcp.dstport"),
           ("Sequence number:", "tcp.seq"), ("Acknowledgment number:", "tcp.ack"),
           ("Header length", "tcp.hdr_len"), ("Flags:", "tcp.flags"),
           ("Window:", "tcp.window_size_value"), ("Checksum:", "tcp.checksum"),
           ("Urgent pointer:", "tcp.urgent_pointer"), ("Options:", "tcp.options")],
    "zh": [("源端口：", "tcp.srcport"), ("目的端口：", "tcp.dstport"), ("序号：", "tcp.seq"),
           ("确认号：", "tcp.ack"), ("首部长度（", "tcp.hdr_len"), ("标志位：", "tcp.flags"),
           ("窗口：", "tcp.window_size_value"), ("校验和：", "tcp.checksum"),
           ("紧急指针：", "tcp.urgent_pointer"), ("选项：", "tcp.options")],
}


def check(pdml, lang):
    """(number of header lines checked, [mismatches]) for a PDML text."""
    checked = 0
    bad = []
    for packet in ET.fromstring(pdml).iter("packet"):
        num = packet.find("proto[@name='geninfo']/field[@name='num']").get("show")
        tcp = {}
        for f in packet.iter("field"):
            if f.get("name", "").startswith("tcp.") and f.get("name") not in tcp:
                tcp[f.get("name")] = (f.get("pos"), f.get("size"))
        header = [f for f in packet.iter("field") if f.get("name") == "tcpteach.line"]
        for line in header:
            text = line.get("showname", "")
            for prefix, field in FIELDS[lang]:
                if not text.startswith(prefix) or field not in tcp:
                    continue
                if tcp[field][1] == "0":
                    break  # Wireshark's item has no bytes (not captured): nothing to match
                checked += 1
                got = (line.get("pos"), line.get("size"))
                if got != tcp[field]:
                    bad.append(f"frame {num}: '{text[:50]}' highlights pos/size {got}, "
                               f"{field} is at {tcp[field]}")
                break
    return checked, bad

