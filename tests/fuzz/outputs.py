#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks of tshark outputs for the fuzz scripts (tests/fuzz/sandbox.sh).

  outputs.py trees FILE                   the tcpteach subtrees of a -V output, by frame
  outputs.py wide FILE                    ladder arrow lines wider than 100 columns
  outputs.py roles FILE COL PORTCOL CATALOGUE
                                          frames (column 1) of a -T fields output whose
                                          TCP segment has no role token of the catalogue
  outputs.py value FILE FRAME COL         column COL of frame FRAME's row (column 1)
  outputs.py count FILE COL=VALUE|COL!=VALUE...
                                          how many rows meet every condition
  outputs.py frame FILE FRAME             frame FRAME's part of a -V output
(Columns count from 1; -T fields outputs are tab-separated, without a header.)
"""
import re
import subprocess
import sys
import unicodedata


def trees(path):
    on = False
    for line in open(path, encoding="utf-8", errors="replace"):
        if re.match(r"Frame [0-9]+:", line):
            on = False
            sys.stdout.write(line)
        elif line.startswith(("TCP Teaching Annotations", "TCP 教学注释")):
            on = True
            sys.stdout.write(line)
        elif line[:1] not in (" ", ""):
            on = False
        elif on:
            sys.stdout.write(line)


def wide(path):
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if "|-- " not in line and "|<- " not in line:
            continue
        width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        if width > 100:
            print("    %d columns: %s" % (width, line))


def roles(path, col, portcol, catalogue):
    regex = re.compile(subprocess.run([catalogue, "regex", "roles"], check=True,
                                      capture_output=True, text=True).stdout.strip())
    col, portcol = int(col) - 1, int(portcol) - 1
    for line in open(path, encoding="utf-8", errors="replace"):
        r = line.rstrip("\n").split("\t")
        if len(r) > max(col, portcol) and r[portcol] and not regex.match(r[col]):
            print(r[0])


def rows(path):
    for line in open(path, encoding="utf-8", errors="replace"):
        yield [""] + line.rstrip("\n").split("\t")


def value(path, frame, col):
    for r in rows(path):
        if r[1] == frame and len(r) > int(col):
            print(r[int(col)])


def count(path, *conditions):
    tests = []
    for c in conditions:
        col, op, want = re.fullmatch(r"(\d+)(!?=)(.*)", c).groups()
        tests.append((int(col), op == "=", want))
    print(sum(all((r[c] if c < len(r) else "") == want if eq else
                  (r[c] if c < len(r) else "") != want for c, eq, want in tests)
              for r in rows(path)))


def frame(path, number):
    on = False
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"Frame ([0-9]+):", line)
        if m:
            on = m.group(1) == number
        if on:
            sys.stdout.write(line)


if __name__ == "__main__":
    {"trees": trees, "wide": wide, "roles": roles, "value": value, "count": count,
     "frame": frame}[sys.argv[1]](*sys.argv[2:])
