#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The handout's congestion plots are well-formed XML, with what their points ask for.

Usage: ccplot-xml.py TEST_CCPLOT

Runs the unit test program TEST_CCPLOT with a scratch folder, in which it writes its plots
(see tests/unit/test_ccplot.c for the synthetic points), and parses each with Python's XML
parser: one <figure> holding one <svg> and a <figcaption>; the markers (class tri: fast
retransmission, class cross: resend after a timeout) and phase bands counted; every band
and every vertex of the lines inside the plot area; a line drawn with at most 2000 points.
"""
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
PLOT_X = (78.0, 744.0)  # the plot area of ccplot.c
PLOT_Y = (40.0, 270.0)
# file: (fast retransmissions, timeouts, bands, vertices of each line or None if thinned)
EXPECTED = {
    "events-en.xml": (2, 2, 5, 60),
    "events-zh.xml": (2, 2, 5, 60),
    "thinned-en.xml": (1, 1, 2, None),
    "worst-en.xml": (None, None, None, None),
}


def vertices(d):
    """The vertices of a path made of M x y, then H x V y steps."""
    m = re.match(r"M([\d.]+) ([\d.]+)((?:H[\d.]+V[\d.]+)*)$", d)
    if not m:
        raise ValueError(f"not a step line: {d[:80]}")
    pts = [(float(m.group(1)), float(m.group(2)))]
    pts += [(float(x), float(y)) for x, y in re.findall(r"H([\d.]+)V([\d.]+)", m.group(3))]
    return pts


def check(path, name):
    bad = []
    root = ET.parse(path).getroot()
    if root.tag != "figure" or root.get("class") != "ccplot":
        bad.append("the root is not <figure class=\"ccplot\">")
    svgs = root.findall(f"{SVG}svg")
    captions = root.findall("figcaption")
    if len(svgs) != 1 or len(captions) != 1 or not (captions[0].text or "").strip():
        return bad + ["not one <svg> and one non-empty <figcaption>"]
    svg = svgs[0]
    title = svg.find(f"{SVG}title")
    if title is None or not (title.text or "").strip():
        bad.append("no title")
    paths = list(svg.iter(f"{SVG}path"))
    tri = [p for p in paths if p.get("class") == "tri"]
    cross = [p for p in paths if p.get("class") == "cross"]
    bands = [r for r in svg.iter(f"{SVG}rect") if (r.get("class") or "").startswith("band ")]
    for r in bands:
        x, w = float(r.get("x")), float(r.get("width"))
        if x < PLOT_X[0] - 0.05 or x + w > PLOT_X[1] + 0.15 or w <= 0:
            bad.append(f"band outside the plot: x {x} width {w}")
    lines = {}
    for cls in ("flight", "rwnd"):
        found = [p for p in paths if p.get("class") == cls]
        if len(found) != 1:
            bad.append(f"{len(found)} paths of class {cls}")
            continue
        pts = vertices(found[0].get("d"))
        lines[cls] = pts
        if len(pts) > 2000:
            bad.append(f"{cls}: {len(pts)} vertices")
        for x, y in pts:
            if not (PLOT_X[0] - 0.05 <= x <= PLOT_X[1] + 0.05
                    and PLOT_Y[0] - 0.05 <= y <= PLOT_Y[1] + 0.05):
                bad.append(f"{cls}: vertex ({x}, {y}) outside the plot")
                break
        if any(b[0] < a[0] for a, b in zip(pts, pts[1:])):
            bad.append(f"{cls}: goes back in time")
    want = EXPECTED[name]
    for label, got, expected in (("fast retransmission markers", len(tri), want[0]),
                                 ("timeout markers", len(cross), want[1]),
                                 ("bands", len(bands), want[2])):
        if expected is not None and got != expected:
            bad.append(f"{got} {label}, expected {expected}")
    if want[3] is not None:
        for cls, pts in lines.items():
            if len(pts) != want[3]:
                bad.append(f"{cls}: {len(pts)} vertices, expected {want[3]}")
    return bad


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.argv[1], tmp], check=True, stdout=subprocess.DEVNULL)
        for name in EXPECTED:
            try:
                bad = check(f"{tmp}/{name}", name)
            except (ET.ParseError, ValueError, OSError) as e:
                bad = [str(e)]
            for b in bad:
                print(f"FAIL: {name}: {b}")
            failures += len(bad)
            if not bad:
                print(f"ok: {name}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
