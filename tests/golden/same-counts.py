#!/usr/bin/env python3
"""The role counts of `-z tcpteach,stats` (the command-line report) and of the
GUI's Statistics > TCP Teaching Roles table (which Wireshark also offers to
tshark as -z tcpteach,roles) are the same, per stream and in total.

Usage: same-counts.py OUTPUT   (tshark -q -z tcpteach,stats -z tcpteach,roles)
Prints the number of counts compared; exits 1 when they differ.
"""
import re
import sys


def parse(text):
    report, table = {}, {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("TCP Teaching Roles:"):
            section = None
            i += 1
            while i < len(lines) and not lines[i].startswith("="):
                line = lines[i]
                m = re.fullmatch(r"(\S+)\s*\|(\d+) \|", line)
                if m and section is not None:
                    table[(section, m.group(1))] = int(m.group(2))
                elif line == "All streams":
                    section = "total"
                elif re.fullmatch(r"Stream \d+", line):
                    section = line.split()[1]
                i += 1
            continue
        # A table of the report: a header line naming streams, then role rows.
        nums = re.findall(r"\d+", lines[i])
        rows = []
        j = i + 1
        while j < len(lines) and re.fullmatch(r"\S+( +\d+)+", lines[j]):
            rows.append(lines[j].split())
            j += 1
        if rows and lines[i].strip() and not re.fullmatch(r"\S+( +\d+)+", lines[i]):
            for row in rows:
                counts = row[1:]
                total = len(counts) == len(nums) + 1
                for stream, n in zip(nums, counts):
                    report[(stream, row[0])] = int(n)
                if total:
                    report[("total", row[0])] = int(counts[-1])
            i = j
            continue
        i += 1
    return report, table


def main():
    report, table = parse(open(sys.argv[1], encoding="utf-8").read())
    if not report or not table:
        print(f"missing output: {len(report)} counts in the report, {len(table)} in the table",
              file=sys.stderr)
        return 1
    bad = [f"{key}: report {report.get(key, 0)}, table {table.get(key, 0)}"
           for key in sorted(set(report) | set(table)) if report.get(key, 0) != table.get(key, 0)]
    for b in bad:
        print(b, file=sys.stderr)
    print(f"{len(set(report) | set(table))} role counts compared, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
