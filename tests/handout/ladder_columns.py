#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks that the worksheet ladders of a handout line up as rendered: in
headless Chromium, with the handout's own style sheet (screen and print),
every rail '|' of every line of each <pre class="quiz-ladder"> must stand at
its display column (a CJK character counting two), so that the rails and the
states form straight columns.

    ladder_columns.py HANDOUT.html WORKDIR
"""
import html
import json
import os
import re
import subprocess
import sys
import unicodedata


def cols(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def main():
    src, work = sys.argv[1], sys.argv[2]
    page = open(src, encoding="utf-8").read()
    style = re.search(r"<style[^>]*>(.*?)</style>", page, re.S).group(1)
    ladders = re.findall(r'<pre class="quiz-ladder">(.*?)</pre>', page, re.S)
    if not ladders:
        print(f"{src}: no worksheet ladder")
        return 1
    lines = [html.unescape(l) for lad in ladders for l in lad.split("\n") if "|" in l]
    # One <pre> per line, each cut at its rails: the width of the text up to
    # a rail, divided by one column's width, must be the rail's column.
    body = []
    for k, line in enumerate(lines):
        spans = []
        for m in re.finditer(r"\|", line):
            spans.append((m.start(), cols(line[: m.start()])))
        body.append(f'<pre class="quiz-ladder" id="l{k}">' + html.escape(line) + "</pre>")
    script = """
<script>
function measure(){
  var out=[];
  var probe=document.createElement('pre');probe.className='quiz-ladder';
  probe.style.display='inline-block';probe.textContent='0123456789'.repeat(10);
  document.body.appendChild(probe);
  var col=probe.getBoundingClientRect().width/100;
  var pres=document.querySelectorAll('pre[id]');
  for(var i=0;i<pres.length;i++){
    var t=pres[i].textContent, r=document.createRange(), node=pres[i].firstChild;
    var x0=null;
    for(var j=0;j<t.length;j++){
      r.setStart(node,j);r.setEnd(node,j+1);
      var b=r.getBoundingClientRect();
      if(x0===null)x0=b.left;
      if(t[j]==='|')out.push([i,j,(b.left-x0)/col]);
    }
  }
  document.body.setAttribute('data-rails',JSON.stringify(out));
}
</script>"""
    problems = 0
    for media in ("screen", "print"):
        css = style
        if media == "print":
            # the print rules, applied on screen
            css = re.sub(r"@media print\{", "@media all{", style)
        doc = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><style>" + css +
               "</style>" + script + "</head><body onload=\"measure()\">" + "\n".join(body) +
               "</body></html>")
        path = os.path.join(work, f"ladder-{media}.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc)
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                              "--virtual-time-budget=3000", "--dump-dom", "file://" + path],
                             capture_output=True, text=True, timeout=120).stdout
        m = re.search(r"data-rails=\"([^\"]*)\"", dom)
        if not m:
            print(f"{src} ({media}): nothing measured")
            problems += 1
            continue
        rails = json.loads(html.unescape(m.group(1)))
        for i, j, at in rails:
            want = cols(lines[i][:j])
            if abs(at - want) > 0.25:
                print(f"{src} ({media}): line {i + 1}: rail at column {at:.2f}, "
                      f"expected {want}: {lines[i]}")
                problems += 1
                break
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
