#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every document gives the same state of each side after every segment.

    agree-docs.py SANDBOX PLUGIN.so CAPTURE...   (SANDBOX: tools/sandbox.sh)

For every capture, in English and Chinese, the state of the client and of the
server after each segment is read from:

- the tree's fields (tcpteach.client_state, tcpteach.server_state, -T fields),
  the reference;
- the walkthrough (the "Client ...; server ..." sentence ending each paragraph);
- the ladder (the states written beside an arrow when they change, from the
  two states at its head; the textbook's names in Chinese);
- the Markdown table (its Client and Server columns);
- the HTML handout's table (its Client and Server columns) and its diagram
  (the state labels beside each side's bar, placed at the arrow that moves
  that side);
- the quiz: the states its ladder shows, and the answer key of every question
  "After segment N, what is the client's/server's state?".

The walkthrough's paragraphs name the stream's segments; every other document
must give one answer for each of them (the quiz only where it asks), equal
to the fields'. Prints each disagreement and exits 1 if there is any.
"""
import html
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = os.path.join(HERE, "..", "..", "plugin", "core")


def catalogue():
    """RFC state names (the ladders use them in every language)."""
    states = re.findall(r'^TT_STATE\(\w+, "([A-Z0-9-]+)"',
                        open(os.path.join(CORE, "states.def"), encoding="utf-8").read(), re.M)
    zh = {}
    if len(states) != 11:
        sys.exit("agree-docs: could not read the state names from the catalogue")
    return states, zh


STATES, LADDER_ZH = catalogue()
TOKEN = re.compile("|".join(sorted((re.escape(s) for s in STATES), key=len, reverse=True)))


def last_state(text):
    found = TOKEN.findall(text)
    return found[-1] if found else None


def run(sandbox, plugin, capture, *args):
    """tshark in the sandbox set up once (main), with the capture copied in."""
    cmd = [sandbox, "run", "tshark", "-r", capture, *args]
    out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if out.returncode != 0:
        sys.exit(f"agree-docs: {' '.join(cmd)} failed:\n{out.stderr}")
    return out.stdout


def fields(sandbox, plugin, capture):
    """{frame: (stream, segment, client, server)} from the tree's fields."""
    text = run(sandbox, plugin, capture, "-T", "fields", "-e", "frame.number", "-e", "tcp.stream",
               "-e", "tcpteach.segment", "-e", "tcpteach.client_state", "-e",
               "tcpteach.server_state", "-E", "occurrence=f")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 5 and parts[3] and parts[4]:
            out[int(parts[0])] = (parts[1], parts[2], parts[3], parts[4])
    return out


def walkthrough(text, lang):
    """{frame: (client, server)} from the paragraphs."""
    if lang == "en":
        head = re.compile(r"^Segment \d+ \(frame (\d+), ")
        states = re.compile(r"Client ([^;]*); server (.*?)\.(?: |$)")
    else:
        head = re.compile(r"^第 \d+ 个报文段（帧 (\d+)，")
        states = re.compile(r"客户端([^；]*)；服务器(.*?)。")
    out = {}
    for line in text.splitlines():
        m = head.match(line)
        if not m:
            continue
        found = list(states.finditer(line))
        if not found:
            out[int(m.group(1))] = (None, None)
            continue
        last = found[-1]
        out[int(m.group(1))] = (last_state(last.group(1)), last_state(last.group(2)))
    return out


LADDER_LINE = re.compile(r"^\s*(\d+) (.*?)\s*\|(?:--|<-) .*\|(?: (.*))?$")


def ladder_name(text, lang):
    text = text.strip().rstrip("*")
    if not text:
        return ""
    if lang == "zh" and text in LADDER_ZH:
        return LADDER_ZH[text]
    return text if text in STATES else None


def ladder(text, lang, names_lang=None):
    """{number: (client, server)}: the first column's number (a frame, or in
    the quiz a segment), the states carried on from the head."""
    names_lang = names_lang or lang
    out = {}
    lines = text.splitlines()
    cur = None
    for i, line in enumerate(lines):
        m = LADDER_LINE.match(line)
        if not m:
            # The head: a line of the two states under the line of names.
            words = line.split()
            if (len(words) == 2 and i > 0 and ladder_name(words[0], names_lang)
                    and ladder_name(words[1], names_lang) and not line.startswith("  |")):
                cur = [ladder_name(words[0], names_lang), ladder_name(words[1], names_lang)]
            continue
        if cur is None:
            continue
        for side, shown in ((0, m.group(2)), (1, m.group(3) or "")):
            if re.search(r"\(Q\d+\)_+", shown):
                cur[side] = None  # a blank: the quiz asks for it
                continue
            name = ladder_name(shown, names_lang)
            if name is None:
                cur[side] = None
            elif name:
                cur[side] = name
        out[int(m.group(1))] = tuple(cur)
    return out


def md_cells(row):
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def markdown(text):
    out = {}
    for line in text.splitlines():
        if not re.match(r"^\| \d+ \| \d+ \|", line):
            continue
        cells = md_cells(line)
        if len(cells) == 11:
            out[int(cells[1])] = (last_state(cells[8]), last_state(cells[9]))
    return out


# TT_HTML_MAX_SEGMENTS (plugin/core/doc/handout.h): the handout's table and diagram
# of a stream stop after this many segments, and a note counts the rest.
HANDOUT_MAX_SEGMENTS = 200


def handout_table(text):
    out = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", text, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c))
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if len(cells) == 11 and cells[0].isdigit() and cells[1].isdigit():
            out[int(cells[1])] = (last_state(cells[8]), last_state(cells[9]))
    return out


def quiz(text, lang):
    """{(stream, segment, side): state} from the answer key, and
    {(stream, segment): (client, server)} from each stream's ladder."""
    answers, ladders = {}, {}
    sections = re.split(r"^## .*?(\d+)\s*$", text, flags=re.M)
    for k in range(1, len(sections) - 1, 2):
        stream, body = sections[k], sections[k + 1]
        if lang == "en":
            asked = re.findall(r"^\*\*Q(\d+)\.\*\* After segment (\d+), what is the "
                               r"(client|server)'s state\?", body, re.M)
        else:
            asked = re.findall(r"^\*\*Q(\d+)\.\*\* 第 (\d+) 个报文段之后，(客户端|服务器)的状态是什么？",
                               body, re.M)
        key = dict(re.findall(r"^\*\*Q(\d+)\.\*\* (?:Answer|答案)[:：] ?([A-Z0-9-]+)", body, re.M))
        for q, seg, side in asked:
            answers[(stream, int(seg), 0 if side in ("client", "客户端") else 1)] = key.get(q)
        block = re.search(r"```text\n(.*?)```", body, re.S)
        if block:
            for seg, st in ladder(block.group(1), lang, "en").items():
                ladders[(stream, seg)] = st
    return answers, ladders


def sections(text):
    """Each stream's part of the handout: (stream, its HTML)."""
    parts = re.split(r'<section class="stream" id="stream-(\d+)">', text)
    return [(parts[k], parts[k + 1]) for k in range(1, len(parts) - 1, 2)]


def diagram(text, ref):
    """Problems of the diagrams' state labels. Every arrow is a group
    <g class="seg" data-seg="N"> (N: the row of the segment table), every
    state label beside a bar names the row whose segment shows the move
    (data-seg) and the side (data-side); a move of two edges on one segment
    stacks two labels, the last the state reached; a label near a cut
    between two pictures is drawn in both. The labels at the end of the
    capture (class "st end") give each side's last state. So each label's
    state must be the fields' state after its row, every move must have a
    label, and the end must show the last segment's states."""
    problems = []
    labels = 0
    for stream, part in sections(text):
        frames = [int(f) for f in re.findall(r'<tr[^>]*><td class="num">\d+</td>'
                                             r'<td class="num">(\d+)</td>', part)]
        svgs = re.findall(r"<svg.*?</svg>", part, re.S)
        if not svgs:
            continue
        arrows = set()
        lost = set()  # rows drawn lost: they never reached their receiver
        stacked = {}  # (row, side) -> the states written there, in order, once each
        final = {}
        for svg in svgs:
            arrows.update(int(n) for n in re.findall(r'<g class="seg[^"]*" data-seg="(\d+)"', svg))
            lost.update(int(n) for n in
                        re.findall(r'<g class="seg[^"]*\blost\b[^"]*" data-seg="(\d+)"', svg))
            for m in re.finditer(r'<text [^>]*text-anchor="(end|start)" class="st( end| corrected)?"'
                                 r'([^>]*)>([^<]*)<', svg):
                # a corrected state (an assumption the segment disproves) ends in "*"
                name = last_state(m.group(4).rstrip("*"))
                side = 0 if m.group(1) == "end" else 1
                if m.group(2) == " end":
                    final[side] = name
                    continue
                seg = re.search(r'data-seg="(\d+)" data-side="(client|server)"', m.group(3))
                if seg is None:
                    continue  # the states before the first segment
                key = (int(seg.group(1)), 0 if seg.group(2) == "client" else 1)
                if name not in stacked.setdefault(key, []):
                    stacked[key].append(name)
        if arrows != set(range(1, len(frames) + 1)):
            problems.append(f"stream {stream}: arrows for rows {sorted(arrows)[:5]}... "
                            f"({len(arrows)}), {len(frames)} rows")
            continue
        for side in (0, 1):
            states = [ref[f][2 + side] if f in ref else None for f in frames]
            for (row, s), names in stacked.items():
                if s != side:
                    continue
                labels += 1
                if not 1 <= row <= len(frames):
                    problems.append(f"stream {stream} side {side}: a label names row {row}")
                elif names[-1] != states[row - 1]:
                    problems.append(f"stream {stream} side {side}: label {names[-1]} beside "
                                    f"frame {frames[row - 1]}, whose state there is "
                                    f"{states[row - 1]}")
            for i in range(1, len(frames)):
                if states[i] == states[i - 1] or (i + 1, side) in stacked:
                    continue
                # A segment drawn lost moves nobody in the diagram, and the
                # correction that later takes its receiver back to the state
                # before it (the table's STATE*) is no move there either.
                if i + 1 in lost:
                    continue
                k = max((r for r in lost if 2 <= r <= i), default=0)
                if k and states[i] == states[k - 2] and all(
                        states[j] == states[k - 1] for j in range(k - 1, i)):
                    continue
                problems.append(f"stream {stream} side {side}: no state label where frame "
                                f"{frames[i]} moves it to {states[i]}")
            if side in final and states and final[side] != states[-1]:
                problems.append(f"stream {stream} side {side}: the end shows {final[side]}, the "
                                f"last segment leaves {states[-1]}")
    return problems, labels


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sandbox, plugin, captures = sys.argv[1], sys.argv[2], sys.argv[3:]
    setup = subprocess.run([sandbox, "setup", plugin], capture_output=True, text=True)
    found = re.search(r"TCPTEACH_SANDBOX=['\"]?([^'\"\s;]+)", setup.stdout)
    if setup.returncode != 0 or not found:
        sys.exit(f"agree-docs: the sandbox could not be set up:\n{setup.stderr}")
    os.environ["TCPTEACH_SANDBOX"] = found.group(1)
    try:
        check(sandbox, plugin, captures)
    finally:
        subprocess.run([sandbox, "cleanup"], capture_output=True)


def check(sandbox, plugin, captures):
    problems = 0
    compared = 0
    asked = 0
    drawn = 0

    def differ(capture, lang, doc, where, got, want):
        nonlocal problems
        problems += 1
        if problems <= 40:
            print(f"{os.path.basename(capture)} ({lang}) {doc}, {where}: "
                  f"gives {got}, the fields give {want}")

    for capture in captures:
        ref = fields(sandbox, plugin, capture)
        for lang in ("en", "zh"):
            opt = ["-q", "-o", f"tcpteach.language:{lang}"]
            # Three text documents from one run: each is read by its own
            # marks (paragraph heads, ladder lines, table rows).
            text = run(sandbox, plugin, capture, *opt, "-z", "tcpteach,walkthrough", "-z",
                       "tcpteach,ladder", "-z", "tcpteach,markdown")
            walk = walkthrough(text, lang)
            segments = sorted(walk)
            if not segments and any(v[1] for v in ref.values()):
                differ(capture, lang, "walkthrough", "every segment", "no paragraph", "segments")
            docs = {"walkthrough": walk, "ladder": ladder(text, lang), "markdown": markdown(text)}
            page = run(sandbox, plugin, capture, *opt, "-z", "tcpteach,html")
            docs["handout table"] = handout_table(page)
            found, labels = diagram(page, ref)
            drawn += labels
            for problem in found:
                compared += 1
                differ(capture, lang, "handout diagram", problem, "", "")
            for doc, got in docs.items():
                for frame in segments:
                    want = ref.get(frame)
                    have = got.get(frame)
                    if (doc == "handout table" and want is not None and want[1]
                            and int(want[1]) > HANDOUT_MAX_SEGMENTS and have is None):
                        continue  # the handout lists a stream's first segments only
                    compared += 1
                    if want is None:
                        differ(capture, lang, doc, f"frame {frame}", have, "nothing")
                    elif have != (want[2], want[3]):
                        differ(capture, lang, doc, f"frame {frame}", have, (want[2], want[3]))
                extra = sorted(set(got) - set(segments))
                if extra:
                    differ(capture, lang, doc, f"frames {extra}", "states", "no paragraph")
            by_segment = {(v[0], int(v[1])): (v[2], v[3]) for v in ref.values() if v[1]}
            answers, qladder = quiz(run(sandbox, plugin, capture, *opt, "-z", "tcpteach,quiz"),
                                    lang)
            asked += len(answers)
            for (stream, seg, side), state in answers.items():
                compared += 1
                want = by_segment.get((stream, seg))
                if want is None or want[side] != state:
                    differ(capture, lang, "quiz key", f"stream {stream} segment {seg} side {side}",
                           state, want)
            for (stream, seg), st in qladder.items():
                compared += 1
                want = by_segment.get((stream, seg))
                # A blank hides a state: the ladder then carries none there.
                if want is None or any(s is not None and s != w for s, w in zip(st, want)):
                    differ(capture, lang, "quiz ladder", f"stream {stream} segment {seg}", st,
                           want)
    if drawn == 0:
        differ("every capture", "en, zh", "handout diagram", "no state label was found", "", "")
    if asked == 0:
        differ("every capture", "en, zh", "quiz key", "no question about a state was found", "",
               "")
    print(f"agree-docs: {compared} states compared ({drawn} diagram labels, {asked} quiz "
          f"answers), {problems} disagreements")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
