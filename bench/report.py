#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Turns the runs recorded by bench/run.sh (RESULTS/runs.tsv and
RESULTS/machine.tsv) into the Markdown results table of one Wireshark
series, on standard output; or, with --combine, the tables of every series
measured in one run of bench/run.sh (TOP/summary.tsv names them).

    report.py RESULTS_DIR [--fields-size N] [--scaling N,N,N]
    report.py --combine TOP
"""
import argparse
import csv
import os
import re
import statistics
import sys

# Where an instruction count is measured (cachegrind: the same on every run,
# whatever the load), it decides the target; the wall-clock and CPU times of
# the same workload are shown against the same target, for information.
TARGETS = {
    "fields_instr": 1.05,  # instructions per packet, field extraction
    "tree_instr": 1.50,  # instructions per packet, full tree (-V)
    "docs_short": 2.0,  # handout against walkthrough, short streams: strictly below
    "fields_time": 1.05,
    "fields_mem": 1.10,
    "tree_time": 1.5,
    "flood_mem": 1.10,
    "scaling": 0.10,  # per-packet time at the largest size within 10% of the smallest
    "docs_time": 2.0,  # the HTML handout against the plain walkthrough
}


def load(results):
    rows = []
    with open(os.path.join(results, "runs.tsv"), newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows.append(r)
    machine = {}
    path = os.path.join(results, "machine.tsv")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                machine[k] = v
    return rows, machine


def pick(rows, test, variant, key, capture=None):
    vals = [float(r[key]) for r in rows
            if r["test"] == test and r["variant"] == variant and r[key] != ""
            and (capture is None or r["capture"] == capture)]
    return vals


def med(vals):
    return statistics.median(vals) if vals else None


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(x, nd=2, unit=""):
    if x is None:
        return "n/a"
    return ("%." + str(nd) + "f%s") % (x, unit)


def mb(kb):
    return None if kb is None else kb / 1024.0


def verdict(r, limit, within=False, below=False):
    if r is None:
        return "not run"
    if within:
        ok = abs(r - 1.0) <= limit
    else:
        ok = r < limit if below else r <= limit
    return "**PASS**" if ok else "**FAIL**"


def info(v):
    """A verdict shown for information: not bold, in brackets."""
    return v if v == "not run" else "(%s)" % v.replace("*", "")


def per_packet(rows, test):
    """Instructions per packet: (count at N - count at 1) / (N - 1), per
    variant, and N."""
    ins = {}
    for name, packets in captures_of(rows, test):
        for v in ("with", "without", "bare", "own"):
            vals = [float(r["instructions"]) for r in rows
                    if r["test"] == test and r["variant"] == v and r["capture"] == name]
            if vals:
                ins[(int(packets), v)] = vals[0]
    big = max([n for n, _ in ins] or [0])
    pp = {}
    for v in ("with", "without", "bare", "own"):
        if (big, v) in ins and (1, v) in ins and big > 1:
            pp[v] = (ins[(big, v)] - ins[(1, v)]) / (big - 1)
    return pp, big, ins


def n0(x):
    return "n/a" if x is None else "{:,.0f}".format(x)


def captures_of(rows, test):
    seen = []
    for r in rows:
        if r["test"] == test and (r["capture"], r["packets"]) not in seen:
            seen.append((r["capture"], r["packets"]))
    return seen


def cap_label(rows, test):
    c = captures_of(rows, test)
    if not c:
        return "-"
    name, packets = c[0]
    return "%s (%s packets)" % (name, "{:,}".format(int(packets)))


def spread(vals):
    if not vals:
        return "n/a"
    return "%s (%s..%s, n=%d)" % (fmt(med(vals)), fmt(min(vals)), fmt(max(vals)), len(vals))


def title(machine):
    ws = machine.get("wireshark")
    if not ws:
        return "Wireshark (version not recorded)"
    return "Wireshark %s (%s)" % (ws, machine.get("os_short", "?"))


def table(results, fields_size, scaling):
    rows, machine = load(results)
    out = []
    w = out.append

    w("## " + title(machine))
    w("")
    w("| machine | |")
    w("|---|---|")
    for k, label in [("date", "date"), ("cpus", "CPUs (nproc)"), ("cpu", "CPU model"),
                     ("memory", "memory"), ("os", "system"), ("tshark", "tshark"),
                     ("plugin", "plugin"), ("runs", "timed runs per variant"),
                     ("quick", "quick (small captures)"),
                     ("nice", "niceness"), ("load_start", "load average at start"),
                     ("load_end", "load average at end")]:
        if k in machine:
            w("| %s | %s |" % (label, machine[k]))
    w("")
    w("Ratios are *with / without* the plugin, same captures, same run, same sandbox "
      "(without = `--disable-protocol tcpteach`; in 6 and 6b, *without* is the plain "
      "walkthrough and *with* the HTML handout). **Instruction counts decide** where they are "
      "measured (5, 5b, 6b: cachegrind, the same on every run whatever the load); the "
      "wall-clock and CPU times of the same workloads are shown against the same target in "
      "brackets, for information. Peak memory (1, 3), scaling (4) and the handout of 6 have "
      "no instruction form: their own figures decide. Times are medians of alternating runs "
      "(CPU = user + system); memory is the median peak RSS.")
    w("")
    w("| # | measure | capture | without | with | ratio | target | result |")
    w("|---|---|---|---|---|---|---|---|")

    def timing(test):
        g = lambda v, k: med(pick(rows, test, v, k))  # noqa: E731
        return ({k: g("with", k) for k in ("wall_s", "cpu_s", "maxrss_kb")},
                {k: g("without", k) for k in ("wall_s", "cpu_s", "maxrss_kb")})

    # 1. field extraction
    tw, tm = timing("fields")
    lab = cap_label(rows, "fields")
    r = ratio(tw["wall_s"], tm["wall_s"])
    w("| 1 | field extraction, time | %s | %s | %s | %s | (<= %.2f) | %s |"
      % (lab, fmt(tm["wall_s"], 2, " s"), fmt(tw["wall_s"], 2, " s"), fmt(r, 3),
         TARGETS["fields_time"], info(verdict(r, TARGETS["fields_time"]))))
    r = ratio(tw["cpu_s"], tm["cpu_s"])
    w("| 1 | field extraction, CPU time | %s | %s | %s | %s | (<= %.2f) | %s |"
      % (lab, fmt(tm["cpu_s"], 2, " s"), fmt(tw["cpu_s"], 2, " s"), fmt(r, 3),
         TARGETS["fields_time"], info(verdict(r, TARGETS["fields_time"]))))
    r = ratio(tw["maxrss_kb"], tm["maxrss_kb"])
    w("| 1 | field extraction, peak memory | %s | %s | %s | %s | <= %.2f | %s |"
      % (lab, fmt(mb(tm["maxrss_kb"]), 0, " MiB"), fmt(mb(tw["maxrss_kb"]), 0, " MiB"),
         fmt(r, 3), TARGETS["fields_mem"], verdict(r, TARGETS["fields_mem"])))

    # 2. full tree
    tw, tm = timing("tree")
    lab = cap_label(rows, "tree")
    r = ratio(tw["wall_s"], tm["wall_s"])
    w("| 2 | full tree `-V`, time | %s | %s | %s | %s | (<= %.2f) | %s |"
      % (lab, fmt(tm["wall_s"], 2, " s"), fmt(tw["wall_s"], 2, " s"), fmt(r, 3),
         TARGETS["tree_time"], info(verdict(r, TARGETS["tree_time"]))))
    r = ratio(tw["cpu_s"], tm["cpu_s"])
    w("| 2 | full tree `-V`, CPU time | %s | %s | %s | %s | (<= %.2f) | %s |"
      % (lab, fmt(tm["cpu_s"], 2, " s"), fmt(tw["cpu_s"], 2, " s"), fmt(r, 3),
         TARGETS["tree_time"], info(verdict(r, TARGETS["tree_time"]))))
    w("| 2 | full tree `-V`, peak memory | %s | %s | %s | %s | (info) | |"
      % (lab, fmt(mb(tm["maxrss_kb"]), 0, " MiB"), fmt(mb(tw["maxrss_kb"]), 0, " MiB"),
         fmt(ratio(tw["maxrss_kb"], tm["maxrss_kb"]), 3)))

    # 3. SYN flood
    tw, tm = timing("flood")
    lab = cap_label(rows, "flood")
    r = ratio(tw["maxrss_kb"], tm["maxrss_kb"])
    w("| 3 | SYN flood, peak memory | %s | %s | %s | %s | <= %.2f | %s |"
      % (lab, fmt(mb(tm["maxrss_kb"]), 0, " MiB"), fmt(mb(tw["maxrss_kb"]), 0, " MiB"),
         fmt(r, 3), TARGETS["flood_mem"], verdict(r, TARGETS["flood_mem"])))
    w("| 3 | SYN flood, time | %s | %s | %s | %s | (info) | |"
      % (lab, fmt(tm["wall_s"], 2, " s"), fmt(tw["wall_s"], 2, " s"),
         fmt(ratio(tw["wall_s"], tm["wall_s"]), 3)))
    w("| 3 | SYN flood, CPU time | %s | %s | %s | %s | (info) | |"
      % (lab, fmt(tm["cpu_s"], 2, " s"), fmt(tw["cpu_s"], 2, " s"),
         fmt(ratio(tw["cpu_s"], tm["cpu_s"]), 3)))

    # 4. scaling: per-packet time = (median time at N - median time of the
    # 1-packet capture) / (N - 1), field extraction.
    sizes = [int(x) for x in scaling.split(",") if x]
    t1 = {v: med(pick(rows, "startup", v, "wall_s")) for v in ("with", "without")}
    per = {}
    for n in sizes:
        test = "fields" if n == fields_size and pick(rows, "fields", "with", "wall_s") else "scaling"
        for v in ("with", "without"):
            vals = [float(r["wall_s"]) for r in rows
                    if r["test"] == test and r["variant"] == v and int(r["packets"]) == n]
            t = med(vals)
            if t is not None and t1[v] is not None and n > 1:
                per[(n, v)] = (t - t1[v]) / (n - 1) * 1e6
            elif t is not None:
                per[(n, v)] = t / n * 1e6
    if sizes:
        lo, hi = sizes[0], sizes[-1]
        r = ratio(per.get((hi, "with")), per.get((lo, "with")))
        r0 = ratio(per.get((hi, "without")), per.get((lo, "without")))
        w("| 4 | scaling: time per packet with the plugin, %s vs %s packets | mixed-N | %s | %s | %s | within %d%% | %s |"
          % ("{:,}".format(hi), "{:,}".format(lo),
             fmt(per.get((lo, "with")), 2, " us"), fmt(per.get((hi, "with")), 2, " us"),
             fmt(r, 3), int(TARGETS["scaling"] * 100), verdict(r, TARGETS["scaling"], within=True)))
        w("| 4 | scaling without the plugin (for comparison), %s vs %s | mixed-N | %s | %s | %s | (info) | |"
          % ("{:,}".format(hi), "{:,}".format(lo),
             fmt(per.get((lo, "without")), 2, " us"), fmt(per.get((hi, "without")), 2, " us"),
             fmt(r0, 3)))

    # 5 and 5b. instructions per packet: the deciding form of 1 and 2
    for num, test, what, key in (("5", "instr", "field extraction", "fields_instr"),
                                 ("5b", "instr-tree", "full tree `-V`", "tree_instr")):
        pp, big, ins = per_packet(rows, test)
        if not ins:
            w("| %s | instructions per packet (cachegrind), %s | | | | | <= %.2f | not run |"
              % (num, what, TARGETS[key]))
            continue
        r = ratio(pp.get("with"), pp.get("without"))
        added = pp["with"] - pp["without"] if "with" in pp and "without" in pp else None
        w("| %s | instructions per packet (cachegrind), %s: **decides** %s | mixed-%d minus mixed-1 | %s | %s | %s | <= %.2f | %s (adds %s per packet) |"
          % (num, what, "1." if num == "5" else "2.", big, n0(pp.get("without")),
             n0(pp.get("with")), fmt(r, 3), TARGETS[key], verdict(r, TARGETS[key]), n0(added)))
        if "bare" in pp and "own" in pp:
            w("| %s | for comparison, tshark alone: its six fields, against those and three more of its own TCP fields (`tcp.hdr_len`, `tcp.window_size_value`, `tcp.urgent_pointer`) | mixed-%d minus mixed-1 | %s | %s | %s | (info) | adds %s per packet |"
              % (num, big, n0(pp["bare"]), n0(pp["own"]), fmt(ratio(pp["own"], pp["bare"]), 3),
                 n0(pp["own"] - pp["bare"])))
            w("| %s | tcpteach against tshark alone with only its six fields (tcpteach's three `-e` fields and the plugin together) | mixed-%d minus mixed-1 | %s | %s | %s | (info) | adds %s per packet |"
              % (num, big, n0(pp["bare"]), n0(pp.get("with")),
                 fmt(ratio(pp.get("with"), pp["bare"]), 3),
                 n0(pp["with"] - pp["bare"]) if "with" in pp else "n/a"))
        if (1, "without") in ins:
            w("| %s | tshark start-up (1-packet capture), instructions | mixed-1 | %s | %s | %s | (info) | |"
              % (num, n0(ins.get((1, "without"))), n0(ins.get((1, "with"))),
                 fmt(ratio(ins.get((1, "with")), ins.get((1, "without"))), 3)))

    # 6. classroom documents: "without" is the walkthrough, "with" the handout
    tw, tm = timing("docs")
    if tw["wall_s"] is not None and tm["wall_s"] is not None:
        r = ratio(tw["wall_s"], tm["wall_s"])
        w("| 6 | HTML handout (`-z tcpteach,html`) against the walkthrough, time | %s | %s | %s | %s | <= %.2f | %s |"
          % (cap_label(rows, "docs"), fmt(tm["wall_s"], 2, " s"), fmt(tw["wall_s"], 2, " s"),
             fmt(r, 3), TARGETS["docs_time"], verdict(r, TARGETS["docs_time"])))
        w("| 6 | HTML handout against the walkthrough, peak memory | %s | %s | %s | %s | (info) | |"
          % (cap_label(rows, "docs"), fmt(mb(tm["maxrss_kb"]), 0, " MiB"),
             fmt(mb(tw["maxrss_kb"]), 0, " MiB"), fmt(ratio(tw["maxrss_kb"], tm["maxrss_kb"]), 3)))

    # 6b. the same on thousands of short streams; instructions decide
    tw, tm = timing("docs-short")
    lab = cap_label(rows, "docs-short")
    iw = med(pick(rows, "instr-docs-short", "with", "instructions"))
    im = med(pick(rows, "instr-docs-short", "without", "instructions"))
    if iw is not None or tw["wall_s"] is not None:
        r = ratio(iw, im)
        w("| 6b | HTML handout against the walkthrough, short streams, instructions (whole run): **decides** | %s | %s | %s | %s | < %.2f | %s |"
          % (lab, n0(im), n0(iw), fmt(r, 3), TARGETS["docs_short"],
             verdict(r, TARGETS["docs_short"], below=True)))
        r = ratio(tw["wall_s"], tm["wall_s"])
        w("| 6b | HTML handout against the walkthrough, short streams, time | %s | %s | %s | %s | (< %.2f) | %s |"
          % (lab, fmt(tm["wall_s"], 2, " s"), fmt(tw["wall_s"], 2, " s"), fmt(r, 3),
             TARGETS["docs_short"], info(verdict(r, TARGETS["docs_short"], below=True))))
        r = ratio(tw["cpu_s"], tm["cpu_s"])
        w("| 6b | HTML handout against the walkthrough, short streams, CPU time | %s | %s | %s | %s | (< %.2f) | %s |"
          % (lab, fmt(tm["cpu_s"], 2, " s"), fmt(tw["cpu_s"], 2, " s"), fmt(r, 3),
             TARGETS["docs_short"], info(verdict(r, TARGETS["docs_short"], below=True))))

    if sizes and per:
        w("")
        w("Scaling series (field extraction; per-packet time = (median time at N - median "
          "time of the 1-packet capture) / (N - 1)):")
        w("")
        w("| packets | without, us/packet | with, us/packet | with / without |")
        w("|---|---|---|---|")
        for n in sizes:
            w("| %s | %s | %s | %s |" % ("{:,}".format(n), fmt(per.get((n, "without"))),
                                        fmt(per.get((n, "with"))),
                                        fmt(ratio(per.get((n, "with")), per.get((n, "without"))), 3)))
        w("")
        w("Start-up (1-packet capture): without %s s, with %s s."
          % (fmt(t1["without"]), fmt(t1["with"])))

    timed = [t for t in ("fields", "tree", "flood", "startup", "scaling", "docs", "docs-short")
             if captures_of(rows, t)]
    if timed:
        w("")
        w("Every timed run, median (min..max, n) of wall-clock seconds / CPU seconds / peak RSS MiB:")
        w("")
        w("| test | capture | variant | wall s | CPU s | peak RSS MiB |")
        w("|---|---|---|---|---|---|")
    for test in timed:
        for name, _ in captures_of(rows, test):
            for v in ("without", "with"):
                wall = pick(rows, test, v, "wall_s", name)
                if not wall:
                    continue
                cpu = pick(rows, test, v, "cpu_s", name)
                rss = [x / 1024.0 for x in pick(rows, test, v, "maxrss_kb", name)]
                w("| %s | %s | %s | %s | %s | %s |" % (test, name, v, spread(wall), spread(cpu), spread(rss)))
    return out


def combine(top):
    """Every series of one bench/run.sh run: the series not run first said so,
    then each series' own table (its results.md)."""
    out = ["# tcpteach benchmark results", ""]
    rows = []
    with open(os.path.join(top, "summary.tsv")) as f:
        for line in f:
            if line.strip():
                rows.append((line.rstrip("\n").split("\t") + [""] * 5)[:5])
    out.append("One table per Wireshark series, each measured with the plugin built for it "
               "(its header names the Wireshark release and the Debian release it ran on).")
    out.append("")
    out.append("| series | Wireshark | result |")
    out.append("|---|---|---|")
    for name, ws, sub, state, why in rows:
        out.append("| %s | %s | %s |" % (name, ws or "-",
                                          "table below" if state == "ran" else "**NOT RUN**: " + why))
    # The verdicts that decide (bold in each table), side by side.
    ran = [(name, ws, sub) for name, ws, sub, state, _ in rows if state == "ran"]
    decisions = {}
    order = []
    for name, ws, sub in ran:
        with open(os.path.join(top, sub, "results.md")) as f:
            for line in f:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if len(cells) != 8 or not cells[7].startswith("**"):
                    continue
                key = (cells[0], re.sub(r":? \*\*decides\*\*.*$", "", cells[1]), cells[6])
                if key not in decisions:
                    decisions[key] = {}
                    order.append(key)
                decisions[key][name] = "%s %s" % (cells[5], cells[7].split(" (")[0])
    if order:
        out.append("")
        out.append("The verdicts that decide, per series (ratio and result; the tables below "
                   "have the figures):")
        out.append("")
        out.append("| # | measure | target | %s |" % " | ".join("%s (%s)" % (n, w) for n, w, _ in ran))
        out.append("|---|---|---|" + "---|" * len(ran))
        for key in order:
            out.append("| %s | %s | %s | %s |" % (key[0], key[1], key[2], " | ".join(
                decisions[key].get(n, "n/a") for n, _, _ in ran)))
    for name, ws, sub, state, why in rows:
        out.append("")
        if state != "ran":
            out.append("## %s: not run" % name)
            out.append("")
            out.append(why)
            continue
        with open(os.path.join(top, sub, "results.md")) as f:
            out.extend(f.read().rstrip("\n").split("\n"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="?")
    ap.add_argument("--fields-size", type=int, default=1000000)
    ap.add_argument("--scaling", default="100000,300000,1000000")
    ap.add_argument("--combine", metavar="TOP")
    args = ap.parse_args()
    if args.combine:
        out = combine(args.combine)
    elif args.results:
        out = table(args.results, args.fields_size, args.scaling)
    else:
        ap.error("give RESULTS_DIR or --combine TOP")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
