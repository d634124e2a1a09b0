# SPDX-License-Identifier: GPL-2.0-or-later
"""The geometry of a handout's sequence diagram, read back from its SVG.

check_section(section) returns the problems of one stream's <section>:
  - states: every change in the table's client/server columns has its state
    name beside that side's line, tied to the same segment (data-seg) and
    with its dot where that segment leaves or reaches the line; no name where
    the table shows no change; the first and final names are the table's;
  - end points: no two arrows end at the same point of a line unless the
    table gives them the same capture time;
  - labels: no line of a label touches another segment's arrow or another
    label's line (the text boxes come from each line's transform, baseline,
    textLength and font size, as the browser draws them);
  - panels: each panel has the two heads, holds every label, state name and
    time it draws whole, and is no taller than a printed page.
"""
import re

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
STATES = ("CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1",
          "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT")
STATE_RE = re.compile(r"(?<![A-Z-])(" + "|".join(sorted(STATES, key=len, reverse=True)) +
                      r")(?![A-Z-])")
PANEL_MAX = 1050.0 + 48.0  # a page, with the heads of a continuation panel
ASCENT, DESCENT = 0.75, 0.2  # of the font size: the ink of a line of text


def classes(el):
    return el.get("class", "").split()


def text_of(el):
    return "".join(el.itertext())


def table_states(section):
    """{index: ((client before, after), (server before, after), time)}"""
    rows = {}
    for table in section.iter(XHTML + "table"):
        if "walk" not in classes(table):
            continue
        for tr in table.findall(f"{XHTML}tbody/{XHTML}tr"):
            cells = [text_of(td) for td in tr.findall(XHTML + "td")]
            if len(cells) < 10:
                continue
            sides = []
            for cell in (cells[8], cells[9]):
                names = STATE_RE.findall(cell)
                sides.append((names[0], names[-1]) if names else (None, None))
            rows[int(cells[0])] = (sides[0], sides[1], cells[2])
    return rows


def matrix(text):
    m = re.match(r"matrix\(([^)]*)\)", text or "")
    if not m:
        return (1, 0, 0, 1, 0, 0)
    return tuple(float(v) for v in m.group(1).replace(",", " ").split())


def apply(m, x, y):
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def meet(p, q):
    """Separating axes: do two convex polygons (or a polygon and a piece of
    line) overlap with some area (touching is not meeting)?"""
    for poly in (p, q):
        edges = [(poly[0], poly[1])] if len(poly) == 2 else \
            [(poly[k], poly[(k + 1) % len(poly)]) for k in range(len(poly))]
        for a, b in edges:
            nx, ny = -(b[1] - a[1]), b[0] - a[0]
            pp = [x * nx + y * ny for x, y in p]
            qq = [x * nx + y * ny for x, y in q]
            if max(pp) <= min(qq) + 1e-6 or max(qq) <= min(pp) + 1e-6:
                return False
    return True


def font_size(cls):
    return 11.0 if "lost" in cls else 12.0


def check_section(section):
    problems = []
    rows = table_states(section)
    svgs = [s for s in section.iter(SVG + "svg") if "diagram" in classes(s)]
    if not svgs or not rows:
        return problems
    arrows = {}   # seg -> ((x1, y1), (x2, y2)) from the sender
    lost = set()
    lines = []    # (seg, polygon)
    marks = []    # (seg, side, name, y)
    dots = []     # (seg, x, y)
    lives = set()
    firsts, ends = {}, {}
    pauses = []   # (x, y, width, text) of the pause captions
    for p, svg in enumerate(svgs):
        for t in svg.iter(SVG + "text"):
            if "pause" in classes(t):
                text = text_of(t)
                # 10 px text: about 6 px a Latin character, 10 a Chinese one
                width = sum(10 if ord(c) > 0x2e80 else 6 for c in text)
                pauses.append((float(t.get("x")), float(t.get("y")), width, text))
        top, bottom = float(svg.get("data-top", "nan")), float(svg.get("data-bottom", "nan"))
        heads = [t for t in svg.iter(SVG + "text") if "who" in classes(t)]
        if len(heads) != 2:
            problems.append(f"panel {p + 1}: {len(heads)} heads")
        if bottom - top > PANEL_MAX:
            problems.append(f"panel {p + 1}: {bottom - top:.0f} high, taller than a page")
        for ln in svg.iter(SVG + "line"):
            if "life" in classes(ln):
                lives.add(float(ln.get("x1")))

        def inside(lo, hi, what):
            if lo < top - 0.5 or hi > bottom + 0.5:
                problems.append(f"panel {p + 1} [{top:.1f}, {bottom:.1f}] cuts {what}"
                                f" [{lo:.1f}, {hi:.1f}]")

        for g in svg.iter(SVG + "g"):
            cls = classes(g)
            if "seg" not in cls and "cont" not in cls:
                continue
            seg = int(g.get("data-seg"))
            ln = g.find(SVG + "line")
            arrows[seg] = ((float(ln.get("x1")), float(ln.get("y1"))),
                           (float(ln.get("x2")), float(ln.get("y2"))))
            if "lost" in cls:
                lost.add(seg)
            lab = g.find(SVG + "g")
            if lab is None or "label" not in classes(lab):
                continue
            m = matrix(lab.get("transform"))
            for t in lab.iter(SVG + "text"):
                y, w, fs = float(t.get("y")), float(t.get("textLength")), font_size(classes(t))
                box = [apply(m, x, yy) for x, yy in
                       ((0, y - ASCENT * fs), (w, y - ASCENT * fs), (w, y + DESCENT * fs),
                        (0, y + DESCENT * fs))]
                lines.append((seg, box))
                ys = [c[1] for c in box]
                inside(min(ys), max(ys), f"the label of segment {seg}")
        for t in svg.iter(SVG + "text"):
            cls = classes(t)
            y = float(t.get("y"))
            if "st" in cls or "tm" in cls:
                inside(y - 12, y + 3, f"'{text_of(t)}'")
            if "st" not in cls:
                continue
            x = float(t.get("x"))
            name = text_of(t).rstrip("*")
            if t.get("data-seg") is not None:
                marks.append((int(t.get("data-seg")), t.get("data-side"), name, y))
            elif "end" in cls:
                ends[x] = name
            elif p == 0:
                firsts[x] = name
        for c in svg.iter(SVG + "circle"):
            if "dot" in classes(c):
                dots.append((int(c.get("data-seg")), float(c.get("cx")), float(c.get("cy"))))
    if len(lives) != 2:
        return problems + [f"{len(lives)} lines"]
    xc, xs = sorted(lives)
    side_x = {"client": xc, "server": xs}

    # The states: the table's, on the same segment, at its end point.
    first, last = min(rows), max(rows)
    for col, side in ((0, "client"), (1, "server")):
        want_first, want_end = rows[first][col][0], rows[last][col][1]
        got_first = [n for x, n in firsts.items() if (x < (xc + xs) / 2) == (side == "client")]
        got_end = [n for x, n in ends.items() if (x < (xc + xs) / 2) == (side == "client")]
        if got_first != [want_first]:
            problems.append(f"{side}: first state {got_first}, table {want_first}")
        if got_end != [want_end]:
            problems.append(f"{side}: final state {got_end}, table {want_end}")
    shown = {}
    for seg, side, name, y in marks:
        shown.setdefault((seg, side), []).append((y, name))
    # A segment drawn lost never reached its receiver: the move the table
    # gives the receiver on it is not drawn, nor the correction (a state
    # with a star) that later takes it back.
    unmade = {}
    for index, row in sorted(rows.items()):
        for col, side in ((0, "client"), (1, "server")):
            before, after = row[col]
            got = [n for _, n in sorted(shown.get((index, side), []))]
            if before != after and not got and index in lost and index in arrows:
                sender_x = arrows[index][0][0]
                if abs(side_x[side] - sender_x) > 0.5:
                    unmade[side] = before
                    continue
            if before != after and not got and unmade.get(side) == after.rstrip("*"):
                del unmade[side]
                continue
            if before != after:
                unmade.pop(side, None)
            if before == after and got:
                problems.append(f"segment {index}: {side} {got} in the diagram, "
                                f"no change in the table")
            elif before != after and (not got or got[-1] != after):
                problems.append(f"segment {index}: {side} {got} in the diagram, "
                                f"{before} -> {after} in the table")
            if before == after or index not in arrows:
                continue
            (x1, y1), (x2, y2) = arrows[index]
            x = side_x[side]
            at = y1 if abs(x1 - x) < 0.5 else (y2 if abs(x2 - x) < 0.5 else None)
            for seg, cx, cy in dots:
                if seg == index and abs(cx - x) < 0.5 and at is not None and abs(cy - at) > 0.5:
                    problems.append(f"segment {index}: {side}'s dot at {cy:.1f}, "
                                    f"its arrow ends at {at:.1f}")
    for (seg, side), got in shown.items():
        if seg not in rows:
            problems.append(f"segment {seg}: a state in the diagram, no row in the table")

    # Pause captions: no arrow runs through one.
    for x, y, width, text in set(pauses):
        x0, x1, y0, y1 = x - width / 2, x + width / 2, y - 10, y + 3
        for seg, ((ax, ay), (bx, by)) in arrows.items():
            for k in range(201):
                px, py = ax + (bx - ax) * k / 200, ay + (by - ay) * k / 200
                if x0 <= px <= x1 and y0 <= py <= y1:
                    problems.append(f"segment {seg}'s arrow runs through \"{text}\"")
                    break

    # End points: one per segment on each line.
    for x in (xc, xs):
        points = sorted((y, seg) for seg, ((x1, y1), (x2, y2)) in arrows.items()
                        for (px, y) in ((x1, y1), (x2, y2)) if abs(px - x) < 0.5)
        for (ya, a), (yb, b) in zip(points, points[1:]):
            if yb - ya < 1.0 and rows.get(a, (0, 0, "a"))[2] != rows.get(b, (0, 0, "b"))[2]:
                problems.append(f"segments {a} and {b} end at one point ({x:.0f}, {ya:.1f})")

    # Labels: clear of arrows and of each other.
    order = sorted(lines, key=lambda item: min(c[1] for c in item[1]))
    spans = [(min(c[1] for c in box), max(c[1] for c in box)) for _, box in order]
    for k, (seg, box) in enumerate(order):
        lo, hi = spans[k]
        for other, ((x1, y1), (x2, y2)) in arrows.items():
            if other != seg and min(y1, y2) < hi and max(y1, y2) > lo and \
                    meet(box, [(x1, y1), (x2, y2)]):
                problems.append(f"the label of segment {seg} is under the arrow of {other}")
        for j in range(k + 1, len(order)):
            if spans[j][0] >= hi:
                break
            if order[j][0] != seg and meet(box, order[j][1]):
                problems.append(f"the labels of segments {seg} and {order[j][0]} overlap")
    return problems
