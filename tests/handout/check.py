#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks one handout (tshark -z tcpteach,html) against the capture.

    check.py HANDOUT.html FIELDS.txt MAX_SEGMENTS

FIELDS.txt is `tshark -T fields -e tcp.stream -e tcpteach.role` of the same
capture: one line per frame. The handout must be well-formed XML, and each
stream's section must draw one arrow (an SVG <g> whose class has the token
"seg") per segment of that stream, at most MAX_SEGMENTS, with the same
number of rows in its table and a note when some were left out.

With more than one stream, a table of contents links to each in order.
The diagram's geometry (geometry.py): the state names beside the lines say
what the table's state columns say, on the segment the table says and at
that segment's end point; no two arrows end at one point of a line unless
captured at the same time; no label touches an arrow or another label; and
every panel has its heads, cuts no writing and fits a page.
"""
import collections
import re
import sys
import xml.etree.ElementTree as ET

import geometry

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def classes(el):
    return el.get("class", "").split()


def main():
    html, fields, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # With a fourth argument: the DOM as the browser built it (chromium
    # --dump-dom), whose arrows are counted too.
    dom = sys.argv[4] if len(sys.argv) > 4 else None
    try:
        root = ET.parse(html).getroot()
    except ET.ParseError as e:
        print(f"{html}: not well-formed: {e}")
        return 1
    problems = []
    if root.tag != XHTML + "html" or root.get("lang") not in ("en", "zh-Hans"):
        problems.append(f"root element {root.tag} lang={root.get('lang')}")
    for bad in ("script", "iframe", "img", "link", "object"):
        if root.find(f".//{XHTML}{bad}") is not None:
            problems.append(f"a <{bad}> element")

    expected = collections.Counter()
    with open(fields, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0] or not parts[1]:
                continue
            # a frame quoting TCP headers in an ICMP error: one stream for the
            # first header; the quoted ones belong to no stream
            streams, roles = parts[0].split(","), parts[1].split(",")
            for s, r in zip(streams, roles):
                if r != "icmp-quoted":
                    expected[int(s)] += 1

    drawn = {}
    for section in root.iter(XHTML + "section"):
        if "stream" not in classes(section):
            continue
        stream = int(section.get("id", "stream-").split("-")[1])
        arrows = sum(1 for g in section.iter(SVG + "g") if "seg" in classes(g))
        table = [t for t in section.iter(XHTML + "table") if "walk" in classes(t)]
        rows = len(table[0].findall(f"{XHTML}tbody/{XHTML}tr")) if table else 0
        capped = any("capped" in classes(p) for p in section.iter(XHTML + "p"))
        drawn[stream] = arrows
        want = min(expected[stream], cap)
        if arrows != want:
            problems.append(f"stream {stream}: {arrows} arrows, {want} segments")
        if rows != arrows:
            problems.append(f"stream {stream}: {rows} table rows, {arrows} arrows")
        if capped != (expected[stream] > cap):
            problems.append(f"stream {stream}: cap note {'present' if capped else 'missing'}")
        problems.extend(f"stream {stream}: {p}" for p in geometry.check_section(section))
    # Several streams: a table of contents linking to each of them.
    ids = [sec.get("id") for sec in root.iter(XHTML + "section") if "stream" in classes(sec)]
    tocs = [n for n in root.iter(XHTML + "nav") if "toc" in classes(n)]
    if len(ids) > 1:
        links = [a.get("href") for n in tocs for a in n.iter(XHTML + "a")]
        if links != ["#" + i for i in ids]:
            problems.append(f"table of contents links {links}, streams {ids}")
    elif tocs:
        problems.append("a table of contents for one stream")
    if dom is not None:
        text = open(dom, encoding="utf-8").read()
        in_browser = len(re.findall(r'<g class="seg[ "]', text))
        want = sum(min(n, cap) for n in expected.values())
        if in_browser != want:
            problems.append(f"the browser's page has {in_browser} arrows, {want} segments")
    for stream in sorted(set(expected) - set(drawn)):
        problems.append(f"stream {stream}: no section")
    for p in problems:
        print(f"{html}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
