#!/usr/bin/env python3
"""Turns the runs recorded by bench/run.sh (RESULTS/runs.tsv and
RESULTS/machine.tsv) into the Markdown results table, on standard output.

    report.py RESULTS_DIR [--fields-size N] [--scaling N,N,N]
"""
import argparse
import csv
import os
import statistics
import sys

TARGETS = {
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


def verdict(r, limit, within=False):
    if r is None:
        return "not run"
    ok = abs(r - 1.0) <= limit if within else r <= limit
    return "**PASS**" if ok else "**FAIL**"


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--fields-size", type=int, default=1000000)
    ap.add_argument("--scaling", default="100000,300000,1000000")
    args = ap.parse_args()
    rows, machine = load(args.results)
    out = []
    w = out.append

    w("# tcpteach benchmark results")
    w("")
    w("| machine | |")
    w("|---|---|")
    for k, label in [("date", "date"), ("cpus", "CPUs (nproc)"), ("cpu", "CPU model"),
                     ("memory", "memory"), ("os", "system"), ("tshark", "tshark"),
                     ("plugin", "plugin"), ("runs", "timed runs per variant"),
                     ("nice", "niceness"), ("load_start", "load average at start"),
                     ("load_end", "load average at end")]:
        if k in machine:
            w("| %s | %s |" % (label, machine[k]))
    w("")
    w("Ratios are *with / without* the plugin, same captures, same run, same sandbox "
      "(without = `--disable-protocol tcpteach`). Times are medians of alternating runs "
      "(wall clock; CPU = user + system); memory is the median peak RSS. Targets are "
      "judged on wall-clock time; the CPU-time line repeats the verdict in brackets because "
      "on a busy machine CPU time is the steadier of the two, and the instruction count (5) "
      "is the steadiest.")
    w("")
    w("| # | measure | capture | without | with | ratio | target | result |")
    w("|---|---|---|---|---|---|---|---|")

    # 1. field extraction
    tw, tm = med(pick(rows, "fields", "with", "wall_s")), med(pick(rows, "fields", "without", "wall_s"))
    cw, cm = med(pick(rows, "fields", "with", "cpu_s")), med(pick(rows, "fields", "without", "cpu_s"))
    mw, mm = med(pick(rows, "fields", "with", "maxrss_kb")), med(pick(rows, "fields", "without", "maxrss_kb"))
    lab = cap_label(rows, "fields")
    r = ratio(tw, tm)
    w("| 1 | field extraction, time | %s | %s | %s | %s | <= %.2f | %s |"
      % (lab, fmt(tm, 2, " s"), fmt(tw, 2, " s"), fmt(r, 3), TARGETS["fields_time"],
         verdict(r, TARGETS["fields_time"])))
    r = ratio(cw, cm)
    w("| 1 | field extraction, CPU time | %s | %s | %s | %s | (<= %.2f) | %s |"
      % (lab, fmt(cm, 2, " s"), fmt(cw, 2, " s"), fmt(r, 3), TARGETS["fields_time"],
         verdict(r, TARGETS["fields_time"]).replace("**", "")))
    r = ratio(mw, mm)
    w("| 1 | field extraction, peak memory | %s | %s | %s | %s | <= %.2f | %s |"
      % (lab, fmt(mb(mm), 0, " MiB"), fmt(mb(mw), 0, " MiB"), fmt(r, 3), TARGETS["fields_mem"],
         verdict(r, TARGETS["fields_mem"])))

    # 2. full tree
    tw, tm = med(pick(rows, "tree", "with", "wall_s")), med(pick(rows, "tree", "without", "wall_s"))
    cw, cm = med(pick(rows, "tree", "with", "cpu_s")), med(pick(rows, "tree", "without", "cpu_s"))
    mw, mm = med(pick(rows, "tree", "with", "maxrss_kb")), med(pick(rows, "tree", "without", "maxrss_kb"))
    lab = cap_label(rows, "tree")
    r = ratio(tw, tm)
    w("| 2 | full tree `-V`, time | %s | %s | %s | %s | <= %.2f | %s |"
      % (lab, fmt(tm, 2, " s"), fmt(tw, 2, " s"), fmt(r, 3), TARGETS["tree_time"],
         verdict(r, TARGETS["tree_time"])))
    r = ratio(cw, cm)
    w("| 2 | full tree `-V`, CPU time | %s | %s | %s | %s | (<= %.2f) | %s |"
      % (lab, fmt(cm, 2, " s"), fmt(cw, 2, " s"), fmt(r, 3), TARGETS["tree_time"],
         verdict(r, TARGETS["tree_time"]).replace("**", "")))
    w("| 2 | full tree `-V`, peak memory | %s | %s | %s | %s | (info) | |"
      % (lab, fmt(mb(mm), 0, " MiB"), fmt(mb(mw), 0, " MiB"), fmt(ratio(mw, mm), 3)))

    # 3. SYN flood
    tw, tm = med(pick(rows, "flood", "with", "wall_s")), med(pick(rows, "flood", "without", "wall_s"))
    cw, cm = med(pick(rows, "flood", "with", "cpu_s")), med(pick(rows, "flood", "without", "cpu_s"))
    mw, mm = med(pick(rows, "flood", "with", "maxrss_kb")), med(pick(rows, "flood", "without", "maxrss_kb"))
    lab = cap_label(rows, "flood")
    r = ratio(mw, mm)
    w("| 3 | SYN flood, peak memory | %s | %s | %s | %s | <= %.2f | %s |"
      % (lab, fmt(mb(mm), 0, " MiB"), fmt(mb(mw), 0, " MiB"), fmt(r, 3), TARGETS["flood_mem"],
         verdict(r, TARGETS["flood_mem"])))
    w("| 3 | SYN flood, time | %s | %s | %s | %s | (info) | |"
      % (lab, fmt(tm, 2, " s"), fmt(tw, 2, " s"), fmt(ratio(tw, tm), 3)))
    w("| 3 | SYN flood, CPU time | %s | %s | %s | %s | (info) | |"
      % (lab, fmt(cm, 2, " s"), fmt(cw, 2, " s"), fmt(ratio(cw, cm), 3)))

    # 4. scaling: per-packet time = (median time at N - median time of the
    # 1-packet capture) / (N - 1), field extraction.
    sizes = [int(s) for s in args.scaling.split(",") if s]
    t1 = {v: med(pick(rows, "startup", v, "wall_s")) for v in ("with", "without")}
    per = {}
    for n in sizes:
        test = "fields" if n == args.fields_size and pick(rows, "fields", "with", "wall_s") else "scaling"
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

    # 5. instructions per packet
    ins = {}
    cg_caps = captures_of(rows, "instr")
    for name, packets in cg_caps:
        for v in ("with", "without"):
            vals = [float(r["instructions"]) for r in rows
                    if r["test"] == "instr" and r["variant"] == v and r["capture"] == name]
            if vals:
                ins[(int(packets), v)] = vals[0]
    big = max([n for n, _ in ins] or [0])
    pp = {}
    for v in ("with", "without"):
        if (big, v) in ins and (1, v) in ins and big > 1:
            pp[v] = (ins[(big, v)] - ins[(1, v)]) / (big - 1)
    if pp:
        w("| 5 | instructions per packet (cachegrind), field extraction | mixed-%d minus mixed-1 | %s | %s | %s | (info: the stable form of 1.) | added %s per packet |"
          % (big, "{:,.0f}".format(pp["without"]) if "without" in pp else "n/a",
             "{:,.0f}".format(pp["with"]) if "with" in pp else "n/a",
             fmt(ratio(pp.get("with"), pp.get("without")), 3),
             "{:,.0f}".format(pp["with"] - pp["without"]) if len(pp) == 2 else "n/a"))
        if (1, "without") in ins:
            w("| 5 | tshark start-up (1-packet capture) | mixed-1 | %s | %s | %s | (info) | |"
              % ("{:,.0f}".format(ins[(1, "without")]), "{:,.0f}".format(ins.get((1, "with"), 0)),
                 fmt(ratio(ins.get((1, "with")), ins.get((1, "without"))), 3)))

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

    # 6. classroom documents: "without" is the walkthrough, "with" the handout
    tw, tm = med(pick(rows, "docs", "with", "wall_s")), med(pick(rows, "docs", "without", "wall_s"))
    if tw is not None and tm is not None:
        r = ratio(tw, tm)
        w("| 6 | HTML handout (`-z tcpteach,html`) against the walkthrough, time | %s | %s | %s | %s | <= %.2f | %s |"
          % (cap_label(rows, "docs"), fmt(tm, 2, " s"), fmt(tw, 2, " s"), fmt(r, 3),
             TARGETS["docs_time"], verdict(r, TARGETS["docs_time"])))
        mw, mm = med(pick(rows, "docs", "with", "maxrss_kb")), med(pick(rows, "docs", "without", "maxrss_kb"))
        w("| 6 | HTML handout against the walkthrough, peak memory | %s | %s | %s | %s | (info) | |"
          % (cap_label(rows, "docs"), fmt(mb(mm), 0, " MiB"), fmt(mb(mw), 0, " MiB"), fmt(ratio(mw, mm), 3)))

    w("")
    w("Every timed run, median (min..max, n) of wall-clock seconds / CPU seconds / peak RSS MiB:")
    w("")
    w("| test | capture | variant | wall s | CPU s | peak RSS MiB |")
    w("|---|---|---|---|---|---|")
    for test in ("fields", "tree", "flood", "startup", "scaling", "docs"):
        for name, _ in captures_of(rows, test):
            for v in ("without", "with"):
                wall = pick(rows, test, v, "wall_s", name)
                if not wall:
                    continue
                cpu = pick(rows, test, v, "cpu_s", name)
                rss = [x / 1024.0 for x in pick(rows, test, v, "maxrss_kb", name)]
                w("| %s | %s | %s | %s | %s | %s |" % (test, name, v, spread(wall), spread(cpu), spread(rss)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
