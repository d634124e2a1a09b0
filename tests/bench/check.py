#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The benchmark's parts that decide a verdict work, without timing anything:

  * gen-capture.py short: N streams of exactly ten segments each, in the
    order handshake, request, response, the client's ACK, four-segment close,
    with sequence and acknowledgment numbers that follow from the lengths,
    correct checksums, interleaved in time, the same bytes every time;
  * report.py: per-packet instruction ratios (count at N minus count at 1,
    over N - 1), the targets they are judged against (5 <= 1.05, 5b <= 1.50,
    6b strictly below 2), and the combined output gathering those verdicts
    and naming a series not run;
  * run.sh --series: a series that cannot run is reported, with its reason,
    and the run fails.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
bench = os.path.join(top, "bench")
sys.path.insert(0, os.path.join(top, "tools"))
import tcppkt  # noqa: E402

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def records(path):
    with open(path, "rb") as f:
        data = f.read()
    off = 24
    while off < len(data):
        sec, usec, incl, _ = struct.unpack_from("<IIII", data, off)
        yield sec + usec / 1e6, data[off + 16:off + 16 + incl]
        off += 16 + incl


def check_short(tmp):
    out = subprocess.run([sys.executable, os.path.join(bench, "gen-capture.py"), "short", "40", tmp],
                         check=True, capture_output=True, text=True).stdout.strip()
    check(os.path.basename(out) == "short-40.pcap", "short capture named short-40.pcap: " + out)
    with open(out, "rb") as f:
        first = f.read()
    os.rename(out, out + ".1")
    subprocess.run([sys.executable, os.path.join(bench, "gen-capture.py"), "short", "40", tmp],
                   check=True, capture_output=True)
    with open(out, "rb") as f:
        check(f.read() == first, "short capture is the same bytes every time")

    streams = {}
    order = []
    last_t = 0
    for t, frame in records(out):
        check(t >= last_t, "packets in time order")
        last_t = t
        ip = frame[14:34]
        ihl = (ip[0] & 15) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        check(tcppkt.internet_checksum(frame[14:14 + ihl]) == 0, "IPv4 checksum")
        seg = frame[14 + ihl:14 + total]
        src, dst = ip[12:16], ip[16:20]
        pseudo = tcppkt.pseudo_header(src, dst, tcppkt.PROTO_TCP, len(seg))
        check(tcppkt.internet_checksum(pseudo + seg) == 0, "TCP checksum")
        sport, dport, seq, ack, off_flags, _ = struct.unpack("!HHIIHH", seg[:16])
        flags = off_flags & 0x3F
        plen = len(seg) - (off_flags >> 12) * 4
        client = dport == 8800
        key = (src, sport) if client else (dst, dport)
        if key not in streams:
            streams[key] = []
        streams[key].append((client, flags, seq, ack, plen))
        order.append(key)
    check(len(streams) == 40, "40 streams, found %d" % len(streams))
    check(len(order) == 400, "400 packets, found %d" % len(order))
    # interleaved: some stream's packets are not all next to each other
    runs = sum(1 for i in range(1, len(order)) if order[i] != order[i - 1]) + 1
    check(runs > 2 * len(streams), "streams interleave (%d runs of one stream)" % runs)

    S, A, F, P = 0x02, 0x10, 0x01, 0x08
    for key, pk in streams.items():
        if len(pk) != 10:
            check(False, "stream %r has %d segments, not 10" % (key, len(pk)))
            continue
        who = [c for c, *_ in pk]
        fl = [f for _, f, *_ in pk]
        check(who[:6] == [True, False, True, True, False, True]
              and fl[:6] == [S, S | A, A, P | A, P | A, A],
              "stream %r: handshake, request, response, ACK" % (key,))
        first = who[6]
        check(who[6:] == [first, not first, not first, first]
              and fl[6:] == [F | A, A, F | A, A], "stream %r: four-segment close" % (key,))
        c_isn, s_isn = pk[0][2], pk[1][2]
        check(pk[1][3] == c_isn + 1, "SYN+ACK acknowledges the SYN")
        req, resp = pk[3][4], pk[4][4]
        check(req > 0 and resp > 0 and pk[0][4] == pk[1][4] == pk[2][4] == 0,
              "data only in the request and the response")
        check(pk[4][3] == c_isn + 1 + req, "the response acknowledges the request")
        check(pk[5][3] == s_isn + 1 + resp, "the client acknowledges the response")
        c_fin, s_fin = c_isn + 1 + req, s_isn + 1 + resp
        fin_seq = c_fin if first else s_fin
        check(pk[6][2] == fin_seq and pk[7][3] == fin_seq + 1, "the first FIN acknowledged")
        fin2 = s_fin if first else c_fin
        check(pk[8][2] == fin2 and pk[9][3] == fin2 + 1, "the second FIN acknowledged")


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def check_report(tmp):
    res = os.path.join(tmp, "r44")
    os.makedirs(res)
    write(os.path.join(res, "machine.tsv"), "series\ttrixie\nwireshark\t4.4.19\nos_short\tDebian 13\n")
    head = "test\tvariant\tcapture\tpackets\trun\twall_s\tcpu_s\tmaxrss_kb\tinstructions\n"
    # Chosen by hand: 1,000 packets after the first.
    #   5:  without (1,000,000,000 - 800,000,000) / 1000 = 200,000 per packet,
    #       with (1,010,000,000 - 801,000,000) / 1000 = 209,000: 1.045, PASS.
    #   5b: without 300,000, with 460,000: 1.533, FAIL (<= 1.50).
    #   6b: 1,000,000,000 against 2,000,000,000: exactly 2, FAIL (< 2).
    rows = [
        ("instr", "without", "mixed-1001.pcap", 1001, 1000000000),
        ("instr", "without", "mixed-1.pcap", 1, 800000000),
        ("instr", "with", "mixed-1001.pcap", 1001, 1010000000),
        ("instr", "with", "mixed-1.pcap", 1, 801000000),
        ("instr-tree", "without", "mixed-1001.pcap", 1001, 1100000000),
        ("instr-tree", "without", "mixed-1.pcap", 1, 800000000),
        ("instr-tree", "with", "mixed-1001.pcap", 1001, 1261000000),
        ("instr-tree", "with", "mixed-1.pcap", 1, 801000000),
        ("instr-docs-short", "without", "short-2000.pcap", 20000, 1000000000),
        ("instr-docs-short", "with", "short-2000.pcap", 20000, 2000000000),
    ]
    write(os.path.join(res, "runs.tsv"),
          head + "".join("%s\t%s\t%s\t%d\t1\t\t\t\t%d\n" % r for r in rows))
    table = subprocess.run([sys.executable, os.path.join(bench, "report.py"), res],
                           check=True, capture_output=True, text=True).stdout
    lines = table.splitlines()
    check(lines[0] == "## Wireshark 4.4.19 (Debian 13)", "table headed by the release: " + lines[0])

    def row(prefix):
        found = [ln for ln in lines if ln.startswith(prefix)]
        return found[0] if found else ""

    r5 = row("| 5 | instructions per packet")
    check("| 200,000 | 209,000 | 1.045 | <= 1.05 | **PASS**" in r5, "5 judged on instructions: " + r5)
    r5b = row("| 5b | instructions per packet")
    check("| 300,000 | 460,000 | 1.533 | <= 1.50 | **FAIL**" in r5b, "5b judged: " + r5b)
    r6b = row("| 6b | HTML handout against the walkthrough, short streams, instructions")
    check("| 2.000 | < 2.00 | **FAIL**" in r6b, "6b strictly below 2: " + r6b)
    write(os.path.join(res, "results.md"), table)

    combo = os.path.join(tmp, "combo")
    os.makedirs(combo)
    shutil.move(res, os.path.join(combo, "4.4"))
    write(os.path.join(combo, "summary.tsv"),
          "trixie\t4.4.19\t4.4\tran\t\nsid\t\t\tnot run\tno Debian root at /x/sid\n")
    text = subprocess.run([sys.executable, os.path.join(bench, "report.py"), "--combine", combo],
                          check=True, capture_output=True, text=True).stdout
    check("| trixie | 4.4.19 | table below |" in text, "combined output lists the series run")
    check("| sid | - | **NOT RUN**: no Debian root at /x/sid |" in text,
          "combined output names the series not run, with the reason")
    check("| 5 | instructions per packet (cachegrind), field extraction | <= 1.05 | 1.045 **PASS** |"
          in text and "| 6b | HTML handout against the walkthrough, short streams, instructions "
          "(whole run) | < 2.00 | 2.000 **FAIL** |" in text,
          "combined output gathers the deciding verdicts of every series")
    check("## Wireshark 4.4.19 (Debian 13)" in text and "## sid: not run" in text,
          "combined output holds one section per series")


def check_series_not_run(tmp):
    env = dict(os.environ, TCPTEACH_ROOTS=os.path.join(tmp, "no-roots"))
    p = subprocess.run([os.path.join(bench, "run.sh"), "--series", "nosuchsuite", "--quick",
                        "--cache", os.path.join(tmp, "cache"),
                        "--out", os.path.join(tmp, "all.md")],
                       capture_output=True, text=True, env=env)
    check(p.returncode == 1, "run.sh fails when a series cannot run (status %d)" % p.returncode)
    check("| nosuchsuite | - | **NOT RUN**: " in p.stdout, "run.sh names the series not run")
    with open(os.path.join(tmp, "all.md")) as f:
        check(f.read() == p.stdout, "--out gets the same tables")


def main():
    tmp = tempfile.mkdtemp(prefix="tcpteach-bench-check.")
    try:
        check_short(tmp)
        check_report(tmp)
        check_series_not_run(tmp)
    finally:
        shutil.rmtree(tmp)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("bench checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
