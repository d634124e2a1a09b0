#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""An examiner of the quiz: for every capture, several seeds, both languages
and both kinds of numbers (relative and absolute), it reads the worksheets of
-z tcpteach,quiz (and of the HTML handout) and checks them against its own
small model built from the raw TCP fields that tshark prints:

- every answer of the key is recomputed from the raw fields (acknowledgment
  number, next sequence number, window in bytes after scaling), or checked
  for consistency with them (a state: an edge of RFC 9293's diagram, or two;
  a role: what the flags, the length and the numbers of the line allow);
- every question can be answered from the sheet alone: the line that ends at
  an acknowledgment number is on the sheet, above it, and shows its numbers;
  both SYN lines show the window scale a window question needs; the state
  before a state question is written above it; no other blank hides any of
  these;
- no question concerns data sent before the capture began (an
  acknowledgment or an ACK's role whose bytes are not on the sheet);
- no two ladder lines read the same (the segment number and the blank's
  number aside);
- each blank has one question and one answer, and the answer key comes
  after the whole worksheet (in the handout: in a folded <details
  class="quiz-key"> after the questions, with no answer among them);
- a sheet shows at most 200 segments (the handout's diagram cap).

  check_answers.py PLUGIN.so [CAPTURE...]   (default: every sample capture)
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SANDBOX = os.path.join(ROOT, "tools", "sandbox.sh")
CAPTURES = os.path.join(ROOT, "sample-pcaps")
SEEDS = (0, 7)  # relative numbers; absolute ones with seed 3
CAP = 200
MOD = 1 << 32

FIELDS = ["frame.number", "frame.time_relative", "tcp.stream", "tcp.srcport", "tcp.seq_raw",
          "tcp.ack_raw", "tcp.flags", "tcp.len", "tcp.window_size_value",
          "tcp.options.wscale.shift", "icmp.type", "icmpv6.type"]

SYN, FIN, RST, ACK = 0x02, 0x01, 0x04, 0x10

STATES = ["CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1",
          "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"]
# RFC 9293's state diagram (section 3.3.2), plus a RST's moves (3.10.7.x).
EDGES = {("CLOSED", "SYN-SENT"), ("CLOSED", "LISTEN"), ("LISTEN", "SYN-SENT"),
         ("LISTEN", "SYN-RECEIVED"), ("SYN-SENT", "SYN-RECEIVED"), ("SYN-SENT", "ESTABLISHED"),
         ("SYN-RECEIVED", "ESTABLISHED"), ("SYN-RECEIVED", "FIN-WAIT-1"),
         ("SYN-RECEIVED", "LISTEN"), ("ESTABLISHED", "FIN-WAIT-1"),
         ("ESTABLISHED", "CLOSE-WAIT"), ("FIN-WAIT-1", "FIN-WAIT-2"), ("FIN-WAIT-1", "CLOSING"),
         ("FIN-WAIT-2", "TIME-WAIT"), ("CLOSING", "TIME-WAIT"), ("CLOSE-WAIT", "LAST-ACK"),
         ("LAST-ACK", "CLOSED"), ("TIME-WAIT", "CLOSED")}
EDGES |= {(s, "CLOSED") for s in STATES if s != "CLOSED"}
TWO_EDGES = {(a, c) for (a, b) in EDGES for (b2, c) in EDGES if b == b2 and a != c}

failures = []


def fail(where, what):
    failures.append(f"{where}: {what}")


def tshark(args, capture):
    cmd = [SANDBOX, "run", "tshark", "-r", capture] + args
    out = subprocess.run(cmd, capture_output=True, check=False)
    if out.returncode != 0 or out.stderr.strip():
        raise RuntimeError(f"tshark {' '.join(args)} on {capture}: {out.stderr.decode()[:300]}")
    return out.stdout.decode("utf-8")


def segments(capture):
    """Per stream, its TCP segments (not ICMP-quoted headers) in order."""
    args = ["-T", "fields", "-E", "separator=\t", "-E", "occurrence=f"]
    for f in FIELDS:
        args += ["-e", f]
    streams = {}
    for line in tshark(args, capture).splitlines():
        v = line.split("\t")
        if len(v) < len(FIELDS) or v[2] == "" or v[4] == "" or v[10] or v[11]:
            continue
        seg = {"frame": int(v[0]), "t": float(v[1]), "port": int(v[3]), "seq": int(v[4]),
               "ack": int(v[5]) if v[5] else 0, "flags": int(v[6] or "0", 16), "len": int(v[7] or 0),
               "win": int(v[8] or 0), "ws": int(v[9]) if v[9] else None}
        streams.setdefault(int(v[2]), []).append(seg)
    return streams


def model(segs, client_port, absolute):
    """Each segment's direction and its numbers as the sheet shows them."""
    for s in segs:
        s["c2s"] = s["port"] == client_port
    base = {}
    for c2s in (True, False):
        mine = [s for s in segs if s["c2s"] == c2s]
        syn = next((s for s in mine if s["flags"] & SYN), None)
        if absolute:
            base[c2s] = 0
        elif syn is not None:
            base[c2s] = syn["seq"]
        elif mine:
            base[c2s] = (mine[0]["seq"] - 1) % MOD
        else:
            peer = next((s for s in segs if s["c2s"] != c2s and s["flags"] & ACK), None)
            base[c2s] = ((peer["ack"] - 1) % MOD) if peer else 0
    for s in segs:
        s["rseq"] = (s["seq"] - base[s["c2s"]]) % MOD
        s["rack"] = (s["ack"] - base[not s["c2s"]]) % MOD
        s["next"] = (s["rseq"] + s["len"] + bool(s["flags"] & SYN) + bool(s["flags"] & FIN)) % MOD
    # the window scale in use: both SYNs carried the option
    syns = {c2s: next((s for s in segs if s["c2s"] == c2s and s["flags"] & SYN), None)
            for c2s in (True, False)}
    for s in segs:
        mine, theirs = syns[s["c2s"]], syns[not s["c2s"]]
        if s["flags"] & SYN:
            s["shift"] = 0
        elif mine is None or theirs is None:
            s["shift"] = None  # unknown
        elif mine["ws"] is not None and theirs["ws"] is not None:
            s["shift"] = min(mine["ws"], 14)
        else:
            s["shift"] = 0
    return segs


LINE = re.compile(r"^\s*(\d+) (.*?) ?\|(--|<-) (.*?) -*>?\|(?: (.*))?$")


def parse_ladder(block):
    lines = block.splitlines()
    top = lines[:2]
    rows = []
    for text in lines[2:]:
        m = LINE.match(text)
        if not m:
            rows.append(None)
            continue
        rows.append({"n": int(m.group(1)), "client": m.group(2).strip(), "c2s": m.group(3) == "--",
                     "label": m.group(4).strip(), "server": (m.group(5) or "").strip(),
                     "text": text})
    return top, rows


def line_end(label):
    """Where the sequence numbers a line shows end (its next number), or None."""
    flags = re.match(r"\[([A-Z.]*)\]", label)
    extra = 0
    if flags:
        extra = ("S" in flags.group(1)) + ("F" in flags.group(1))
    m = re.search(r"\bseq \d+ data \d+:(\d+)", label)  # a SYN with data (TCP Fast Open)
    if m:
        return (int(m.group(1)) + ("F" in flags.group(1) if flags else 0)) % MOD
    m = re.search(r"\bseq (\d+):(\d+)", label)
    if m:
        return (int(m.group(2)) + extra) % MOD
    m = re.search(r"\bseq (\d+)(?: len (\d+))?", label)
    if m and (m.group(2) or extra):
        return (int(m.group(1)) + int(m.group(2) or 0) + extra) % MOD
    return None


def blank_of(text):
    m = re.search(r"\(Q(\d+)\)____", text)
    return int(m.group(1)) if m else None


def sheets(doc):
    """(title line, body) of each worksheet of a Markdown document."""
    return [("## " + part.split("\n", 1)[0], part) for part in re.split(r"^## ", doc, flags=re.M)[1:]]


def check_sheet(where, body, segs, lang, absolute):
    ladder = re.search(r"```text\n(.*?)```\n", body, re.S)
    if ladder is None:
        return None
    top, rows = parse_ladder(ladder.group(1))
    if any(r is None for r in rows):
        fail(where, "a ladder line that cannot be read")
        return None
    if len(rows) > CAP:
        fail(where, f"{len(rows)} ladder lines, more than the cap of {CAP}")
    if len(segs) > CAP and "the worksheet covers the first" not in body and "本测验只涉及前" not in body:
        fail(where, "a capped sheet does not say so")
    # no two lines read the same
    seen = {}
    for r in rows:
        key = re.sub(r"\(Q\d+\)", "(Q)", r["text"])
        key = re.sub(r"^\s*\d+", "", key)
        if key in seen:
            fail(where, f"lines {seen[key]} and {r['n']} read the same: {key.strip()}")
        seen[key] = r["n"]
    # the questions and the key, in this order, after the ladder
    q_at = body.find("\n### ", ladder.end() - 1)
    key_at = body.find("\n### ", q_at + 1)
    if q_at < 0 or key_at < 0:
        fail(where, "no questions or no answer key after the ladder")
        return None
    questions = dict((int(n), t) for n, t in re.findall(r"^\*\*Q(\d+)\.\*\* (.*)$", body[q_at:key_at], re.M))
    answers = dict((int(n), t) for n, t in re.findall(r"^\*\*Q(\d+)\.\*\* (.*)$", body[key_at:], re.M))
    blanks = {}
    for i, r in enumerate(rows):
        for n in re.findall(r"\(Q(\d+)\)____", r["text"]):
            if int(n) in blanks:
                fail(where, f"Q{n} has two blanks")
            blanks[int(n)] = i
    if sorted(blanks) != list(range(1, len(blanks) + 1)) or sorted(questions) != sorted(blanks) \
            or sorted(answers) != sorted(blanks):
        fail(where, f"blanks {sorted(blanks)}, questions {sorted(questions)}, answers {sorted(answers)}")
        return None
    if len(blanks) > 10:
        fail(where, f"{len(blanks)} questions")
    if [rows[i]["n"] for i in range(len(rows))] != list(range(1, len(rows) + 1)):
        fail(where, "the ladder's segment numbers do not run 1, 2, 3...")
        return None
    if len(rows) != min(len(segs), CAP):
        fail(where, f"{len(rows)} ladder lines for {len(segs)} segments")
        return None
    for i, r in enumerate(rows):
        s = segs[i]
        if r["c2s"] != s["c2s"]:
            fail(where, f"line {r['n']} points the wrong way")
            return None
    result = {}
    for q, i in sorted(blanks.items()):
        r, s = rows[i], segs[i]
        ask, ans = questions[q], answers[q]
        w = f"{where} Q{q} (segment {r['n']})"
        nums = [int(x) for x in re.findall(r"\d+", ask)]
        if not nums or nums[0] != r["n"]:
            fail(w, f"the question does not name its segment: {ask}")
        m = re.match(r"Answer: (.*?)\.(?: |$)", ans) or re.match(r"答案：(.*?)。", ans)
        if not m:
            fail(w, f"no answer: {ans[:80]}")
            continue
        value = m.group(1)
        # A Chinese state answer is the ladder's name with the textbook's in
        # brackets: SYN-RECEIVED（同步收到）.
        g = re.match(r"([A-Z0-9-]+)（[^（）]+）$", value)
        if lang == "zh" and g and g.group(1) in STATES:
            value = g.group(1)
        gap = f"(Q{q})____"
        in_client = gap in r["client"]
        in_server = gap in r["server"]
        kind = None
        if in_client or in_server:
            kind = "state"
        elif re.search(r"\[\(Q\d+\)____\]", r["label"]):
            kind = "role"
        elif re.search(r"\back \(Q\d+\)____", r["label"]):
            kind = "ack"
        elif re.search(r"win \d+ = \(Q\d+\)____", r["label"]):
            kind = "window"
        elif re.search(r"(?:next|下一序号) \(Q\d+\)____", r["label"]):
            kind = "next"
        else:
            fail(w, f"a blank of no known kind: {r['text']}")
            continue
        result[q] = (kind, value)
        check_question(w, kind, value, rows, segs, i, in_client, top, lang, blanks)
    return result


def before_state(rows, top, i, client):
    """The state written for a side above line i (the top line when none)."""
    for j in range(i - 1, -1, -1):
        cell = rows[j]["client" if client else "server"]
        if cell:
            return cell, j
    cells = top[1].split()
    return (cells[0] if client else cells[-1]), None


def check_question(w, kind, value, rows, segs, i, in_client, top, lang, blanks):
    s, r = segs[i], rows[i]
    blank_lines = set(blanks.values())
    if kind == "next":
        if value != str(s["next"]):
            fail(w, f"next sequence number {value}, the model says {s['next']}")
        if line_end(re.sub(r"(next|下一序号) \(Q\d+\)____", "", r["label"])) is None and \
                not (s["flags"] & (SYN | FIN)) and s["len"] > 0:
            fail(w, "the line does not show seq and len")
    elif kind == "ack":
        if value != str(s["rack"]):
            fail(w, f"acknowledgment number {value}, the model says {s['rack']}")
        # a line of the peer above ends at it, and it is where the peer's lines reached
        ends = [(j, line_end(rows[j]["label"])) for j in range(i) if rows[j]["c2s"] != r["c2s"]]
        ends = [(j, e) for j, e in ends if e is not None]
        if not ends:
            fail(w, "no line of the peer above it: the data was sent before the capture began")
            return
        reach = ends[0][1]
        for _, e in ends:
            if (e - reach) % MOD < MOD // 2:
                reach = e
        src = [j for j, e in ends if e == s["rack"]]
        if s["rack"] != reach or not src:
            fail(w, f"ack {s['rack']} is not where the peer's lines reached ({reach})")
        elif all(j in blank_lines and re.search(r"(next|下一序号|win \d+ =) \(Q", rows[j]["label"])
                 for j in src):
            fail(w, "the line that ends at the answer hides its end behind another blank")
    elif kind == "window":
        if s["shift"] is None:
            fail(w, "the window scale is unknown")
            return
        want = s["win"] << s["shift"]
        got = re.match(r"(\d+)", value)
        if not got or int(got.group(1)) != want:
            fail(w, f"window {value}, the model says {want}")
        if s["win"] != 0 and s["shift"] > 0:
            for c2s in (r["c2s"], not r["c2s"]):
                syn = [j for j in range(i) if rows[j]["c2s"] == c2s and
                       re.match(r"\[S\.?\]", rows[j]["label"]) and " wscale " in rows[j]["label"]]
                if not syn:
                    fail(w, "a SYN line with its window scale is not on the sheet above")
            mine = [j for j in range(i) if rows[j]["c2s"] == r["c2s"] and
                    re.search(r" wscale %d\b" % s["shift"], rows[j]["label"])]
            if not mine:
                fail(w, "the sender's shift is not on the sheet")
    elif kind == "state":
        if value not in STATES:
            fail(w, f"not a state: {value}")
            return
        before, j = before_state(rows, top, i, in_client)
        if "____" in before:
            fail(w, f"the state before it is itself a blank (line {rows[j]['n']})")
        elif before not in STATES:
            fail(w, f"the state before it is not readable: {before}")
        elif (before, value) not in EDGES and (before, value) not in TWO_EDGES:
            fail(w, f"{before} -> {value} is no edge of RFC 9293's diagram")
    elif kind == "role":
        check_role(w, value, rows, segs, i, lang)


def check_role(w, value, rows, segs, i, lang):
    s, r = segs[i], rows[i]
    if lang != "en":
        return
    bad = ("Window update", "Zero-window probe", "Malformed", "ICMP")
    if any(value.startswith(b) for b in bad):
        fail(w, f"a role the sheet cannot show: {value}")
    f = s["flags"]
    if f & RST:
        ok = "reset" in value.lower() or "refused" in value.lower() or "RST" in value
    elif f & SYN:
        ok = value.startswith("Handshake") or "open" in value.lower()
    elif f & FIN:
        ok = value.startswith("Teardown") or "close" in value.lower()
    elif s["len"] > 0:
        ok = "Data #" in value or "data" in value.lower() or value.startswith(("Handshake", "Teardown"))
    else:
        ok = not value.startswith("Data")
    if not ok:
        fail(w, f"role {value} does not fit the flags {f:#x} and length {s['len']}")
    m = re.search(r"ACK of data #(\d+)", value)
    if m:
        peer = [j for j in range(i) if rows[j]["c2s"] != r["c2s"] and line_end(rows[j]["label"]) is not None]
        if not peer:
            fail(w, "an ACK of data that is not on the sheet")
        else:
            first = re.search(r"\bseq (\d+)", rows[peer[0]]["label"])
            if first and (s["rack"] - int(first.group(1))) % MOD > MOD // 2:
                fail(w, "an ACK of data sent before the capture began")
    m = re.match(r"Data #(\d+)$", value)
    if m:
        # a new chunk: the sender's chunks on the sheet above, plus one
        count, reach = 0, None
        for j in range(i):
            if segs[j]["c2s"] != s["c2s"] or segs[j]["len"] == 0 or segs[j]["flags"] & RST:
                continue
            # a zero-window probe's byte is no chunk: it is sent again with
            # the data after the window opens (the line names the probe)
            if "Zero-window probe]" in rows[j]["label"]:
                continue
            end = segs[j]["next"]
            if reach is None or 0 < (end - reach) % MOD < MOD // 2:
                count += 1
                reach = end
        if int(m.group(1)) != count + 1:
            fail(w, f"{value}, but the sheet shows {count} chunks of this side above")


def check_html(where, doc):
    """The handout: questions without answers, then the folded key."""
    for sec in re.findall(r'<section class="quiz">(.*?)</section>', doc, re.S):
        if "quiz-none" in sec:
            continue
        qs = sec.find('<ol class="quiz-questions"')
        key = sec.find('<details class="quiz-key">')
        if qs < 0 or key < 0 or key < qs:
            fail(where, "the handout's answer key is not after its questions")
            continue
        if "Answer:" in sec[:key] or "答案：" in sec[:key]:
            fail(where, "an answer among the questions")
        if sec.count("<details") != 1:
            fail(where, "answers folded one by one")
        if sec[key:].count("<li>") != sec[qs:key].count("<li>"):
            fail(where, "not one answer per question in the key")


def run(plugin, captures):
    env = subprocess.run([SANDBOX, "setup", plugin], capture_output=True, check=True).stdout.decode()
    for line in env.splitlines():
        m = re.match(r"(?:export )?(\w+)=(.*)", line.strip().rstrip(";"))
        if m:
            os.environ[m.group(1)] = m.group(2).strip("'\"")
    questions = 0
    kinds = {}
    try:
        for capture in captures:
            name = os.path.basename(capture)
            streams = segments(capture)
            for absolute, seeds in ((False, SEEDS), (True, (3,))):
                rel = ["-o", "tcp.relative_sequence_numbers:" + ("FALSE" if absolute else "TRUE")]
                for seed in seeds:
                    per_lang = {}
                    for lang in ("en", "zh"):
                        opts = rel + ["-o", f"tcpteach.language:{lang}", "-o", f"tcpteach.quiz_seed:{seed}"]
                        doc = tshark(["-q"] + opts + ["-z", "tcpteach,quiz"], capture)
                        got = {}
                        for title, body in sheets(doc):
                            sm = re.search(r"(?:Quiz: stream |测验：流 )(\d+)$", title)
                            if sm is None:
                                continue
                            stream = int(sm.group(1))
                            who = re.search(r"(?:Client: |客户端：)([^\s（(。]+)", body)
                            port = int(re.search(r":(\d+)$", who.group(1).rstrip(".")).group(1))
                            segs = model(streams.get(stream, []), port, absolute)
                            where = f"{name} stream {stream} seed {seed} {lang}" + (" absolute" if absolute else "")
                            got[stream] = check_sheet(where, body, segs, lang, absolute)
                        per_lang[lang] = got
                        if seed == SEEDS[0] and not absolute:
                            check_html(f"{name} {lang} handout",
                                       tshark(["-q"] + opts + ["-z", "tcpteach,html"], capture))
                    # both languages ask the same and answer the same numbers
                    for stream, en in per_lang["en"].items():
                        zh = per_lang["zh"].get(stream)
                        if (en is None) != (zh is None) or (en and sorted(en) != sorted(zh)):
                            fail(f"{name} stream {stream} seed {seed}", "the languages ask differently")
                            continue
                        for q, (kind, value) in (en or {}).items():
                            questions += 1
                            kinds[kind] = kinds.get(kind, 0) + 1
                            if zh[q][0] != kind or (kind in ("ack", "next", "state") and zh[q][1] != value):
                                fail(f"{name} stream {stream} seed {seed} Q{q}",
                                     f"English {kind} {value}, Chinese {zh[q][0]} {zh[q][1]}")
    finally:
        subprocess.run([SANDBOX, "cleanup"], check=False)
    shown = int(os.environ.get("QUIZ_CHECK_SHOW", "60"))
    for f in failures[:shown]:
        print("FAIL", f, file=sys.stderr)
    if len(failures) > shown:
        print(f"... and {len(failures) - shown} more", file=sys.stderr)
    print(f"{len(captures)} captures, {questions} questions checked "
          f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), {len(failures)} failed")
    return 1 if failures or questions == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    caps = sys.argv[2:] or sorted(os.path.join(CAPTURES, f) for f in os.listdir(CAPTURES)
                                  if f.endswith((".pcap", ".pcapng")))
    sys.exit(run(sys.argv[1], caps))
