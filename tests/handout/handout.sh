#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The HTML handout through tshark (-z tcpteach,html), end to end:
#  - every capture in sample-pcaps/, English and Chinese: tshark succeeds and
#    writes nothing to standard error, the document is well-formed XML, and
#    each stream draws one arrow per segment (capped) with as many table rows
#    (check.py, against tshark -T fields -e tcp.stream -e tcpteach.role);
#  - the documents of java-hello and textbook-004 are byte for byte the
#    reviewed files in golden/expected/handout/ (--update-golden rewrites them);
#  - headless Chromium renders those four documents without a console
#    message, to PNG files in SHOTS_DIR that are not blank, and its DOM has
#    one arrow per segment.
# Without Chromium the rendering is skipped with a message, unless CI is set
# (then it is a failure).
#
#   handout.sh [--update-golden] PLUGIN.so SHOTS_DIR
set -euo pipefail

update=0
if [ "${1:-}" = "--update-golden" ]; then
    update=1
    shift
fi
plugin=${1:?usage: handout.sh [--update-golden] PLUGIN.so SHOTS_DIR}
shots=${2:?usage: handout.sh [--update-golden] PLUGIN.so SHOTS_DIR}
here=$(cd "$(dirname "$0")" && pwd)
top="$here/../.."
sandbox="$top/tools/sandbox.sh"
captures="$top/sample-pcaps"
expected="$top/tests/golden/expected/handout"
max_segments=$(sed -n 's/^#define TT_HTML_MAX_SEGMENTS \([0-9]*\).*/\1/p' \
    "$top/plugin/core/doc/handout.h")
work=$(mktemp -d /tmp/tcpteach-handout.XXXXXX)
setup=$("$sandbox" setup "$plugin")
eval "$setup"
trap '"$sandbox" cleanup; rm -rf "$work"' EXIT
mkdir -p "$shots" "$expected"
failures=0
checked=0
golden=(java-hello textbook-004)

for capture in "$captures"/*.pcap "$captures"/*.pcapng; do
    name=$(basename "${capture%.*}")
    if ! "$sandbox" run tshark -r "$capture" -T fields -e tcp.stream -e tcpteach.role \
        >"$work/$name.fields" 2>"$work/$name.fields.err"; then
        echo "FAIL $name: tshark -T fields failed:" >&2
        cat "$work/$name.fields.err" >&2
        failures=$((failures + 1))
        continue
    fi
    for lang in en zh; do
        out="$work/$name.$lang.html"
        checked=$((checked + 1))
        if ! "$sandbox" run tshark -r "$capture" -q -o "tcpteach.language:$lang" \
            -z tcpteach,html >"$out" 2>"$out.err" || [ -s "$out.err" ]; then
            echo "FAIL $name ($lang): tshark failed or wrote to standard error:" >&2
            cat "$out.err" >&2
            failures=$((failures + 1))
            continue
        fi
        if ! python3 "$here/check.py" "$out" "$work/$name.fields" "$max_segments" >&2; then
            echo "FAIL $name ($lang): see above" >&2
            failures=$((failures + 1))
        fi
    done
done

# A filter that matches nothing: still a page, saying so in its language.
for lang in en zh; do
    out="$work/none.$lang.html"
    checked=$((checked + 1))
    "$sandbox" run tshark -r "$captures/textbook-004.pcap" -q -o "tcpteach.language:$lang" \
        -z "tcpteach,html,tcp.port==1" >"$out" 2>"$out.err" || true
    want="No TCP segment matched."
    [ "$lang" = zh ] && want="没有匹配的 TCP 报文段。"
    if ! python3 - "$out" "$lang" "$want" <<'PY' >&2; then
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/1999/xhtml}"
msgs = ["".join(p.itertext()) for p in root.iter(ns + "p") if p.get("class") == "message"]
sys.exit(0 if root.get("lang", "").startswith(sys.argv[2]) and msgs == [sys.argv[3]] else 1)
PY
        echo "FAIL no match ($lang): not a page saying '$want':" >&2
        head -c 600 "$out" >&2
        failures=$((failures + 1))
    fi
done

# A filtered view says "filtered out" for what the capture holds but the
# view does not: both SYNs (the title table), the handshake (the diagram's
# caption) and the segment after the view's last (the diagram's foot).
checked=$((checked + 1))
out="$work/filtered.en.html"
"$sandbox" run tshark -r "$captures/textbook-004.pcap" -q \
    -z 'tcpteach,html,tcp.len>0 || tcp.flags.fin==1' >"$out" 2>/dev/null || true
if ! python3 - "$out" <<'PY' >&2; then
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/1999/xhtml}"
svg = "{http://www.w3.org/2000/svg}"
bad = []
table = [t for t in root.iter(ns + "table") if t.get("class") == "sides"][0]
rows = list(table.iter(ns + "tr"))[2:]
cells = ["".join(td.itertext()) for tr in rows for td in tr.findall(ns + "td")]
if len(cells) != 6 or any(not c.startswith("filtered out:") for c in cells):
    bad.append(f"title table: {cells}")
cap = ["".join(p.itertext()) for p in root.iter(ns + "p") if p.get("class") == "caption"]
if not cap or "handshake is filtered out" not in cap[0] or "(no handshake" in cap[0]:
    bad.append(f"caption: {cap}")
texts = ["".join(t.itertext()) for t in root.iter(svg + "text")]
if not any(t.startswith("end of this view") for t in texts) or "end of the capture" in texts:
    bad.append("diagram foot")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
    echo "FAIL filtered view: says not captured / end of the capture (see above)" >&2
    failures=$((failures + 1))
fi

# The segments lost on the way in retransmission.pcap: frames 5 (resent
# after three duplicate ACKs) and 15 (resent after a timeout, never
# acknowledged before) end short with a cross; nothing else does.
lost=$(grep -o '<g class="seg[a-z ]* lost" data-seg="[0-9]*"' "$work/retransmission.en.html" |
    sed 's/.*data-seg="\([0-9]*\)"/\1/' | tr '\n' ' ')
checked=$((checked + 1))
if [ "$lost" != "5 15 " ]; then
    echo "FAIL retransmission: segments drawn lost: '$lost', expected '5 15 '" >&2
    failures=$((failures + 1))
fi

# synack-retransmitted.pcap: the client's ACK (segment 3) did not reach the
# server, as its resent SYN+ACK shows: drawn lost, the server stays
# SYN-RECEIVED until segment 5, with no correction to draw or explain.
checked=$((checked + 1))
page="$work/synack-retransmitted.en.html"
lost=$(grep -o '<g class="seg[a-z ]* lost" data-seg="[0-9]*"' "$page" |
    sed 's/.*data-seg="\([0-9]*\)"/\1/' | tr '\n' ' ')
server=$(grep -o 'data-seg="[0-9]*" data-side="server">[A-Z-]*[*]*<' "$page" |
    sed 's/data-seg="\([0-9]*\)" data-side="server">\(.*\)</\1:\2/' | tr '\n' ' ')
if [ "$lost" != "3 " ] || [ "${server:0:33}" != "2:SYN-RECEIVED 5:ESTABLISHED 9:CL" ] ||
    grep -q 'State with a star' "$page"; then
    echo "FAIL synack-retransmitted: lost '$lost', server states '$server'" >&2
    failures=$((failures + 1))
fi
# ... and its panels are cut between arrows (a place within the page where
# no arrow is in flight is preferred to one through an arrow).
checked=$((checked + 1))
if ! python3 - "$page" <<'PY' >&2; then
import sys
import xml.etree.ElementTree as ET
svg = "{http://www.w3.org/2000/svg}"
cut = set()
for s in ET.parse(sys.argv[1]).getroot().iter(svg + "svg"):
    if "diagram" not in s.get("class", "").split():
        continue
    top, bottom = float(s.get("data-top")), float(s.get("data-bottom"))
    for g in s.iter(svg + "g"):
        if "seg" in g.get("class", "").split():
            ln = g.find(svg + "line")
            ys = sorted((float(ln.get("y1")), float(ln.get("y2"))))
            if ys[0] < top - 0.5 or ys[1] > bottom + 0.5:
                cut.add(g.get("data-seg"))
print(f"arrows cut by a panel split: {sorted(cut)}" if cut else "", end="")
sys.exit(1 if cut else 0)
PY
    echo "FAIL synack-retransmitted: a panel split cuts an arrow" >&2
    failures=$((failures + 1))
fi

for name in "${golden[@]}"; do
    for lang in en zh; do
        out="$work/$name.$lang.html"
        [ -f "$out" ] || continue
        if [ "$update" = 1 ]; then
            cp "$out" "$expected/$name.$lang.html"
        elif ! diff -u "$expected/$name.$lang.html" "$out" >"$work/diff" 2>&1; then
            echo "FAIL $name ($lang): differs from golden/expected/handout/$name.$lang.html:" >&2
            head -30 "$work/diff" >&2
            failures=$((failures + 1))
        fi
    done
done

# The congestion plot: a bulk transfer's sender gets one (its phase bands in
# the order of a Reno transfer with one loss: slow start, fast recovery,
# congestion avoidance; one fast-retransmission marker); a short exchange
# gets none. The figure alone, with the page's style, is rendered below for
# the README's picture.
for name in cc-reno-fast-recovery java-hello; do
    checked=$((checked + 1))
    if ! python3 - "$work/$name.en.html" "$name" "$work/$name.ccplot.html" <<'PY' >&2; then
import re
import sys
import xml.etree.ElementTree as ET
page, name, alone = sys.argv[1:4]
text = open(page, encoding="utf-8").read()
root = ET.fromstring(text)
x, svg = "{http://www.w3.org/1999/xhtml}", "{http://www.w3.org/2000/svg}"
figs = [f for f in root.iter(x + "figure") if f.get("class") == "ccplot"]
if name == "java-hello":
    sys.exit(0 if not figs else "java-hello: a congestion plot for two data segments")
if len(figs) != 1:
    sys.exit(f"{name}: {len(figs)} congestion plots, expected 1 (the client's)")
bands = [r.get("class").split()[1] for r in figs[0].iter(svg + "rect")
         if (r.get("class") or "").startswith("band ")]
runs = [b for i, b in enumerate(bands) if i == 0 or bands[i - 1] != b]
if runs != ["ph-1", "ph-3", "ph-2"]:
    sys.exit(f"{name}: phase bands {runs}, expected slow start, fast recovery, avoidance")
fast = [g for g in figs[0].iter(svg + "g") if g.get("class") == "fast"]
if len(fast) != 1 or len(list(fast[0])) != 1:
    sys.exit(f"{name}: expected one fast-retransmission marker")
style = re.search(r"<style>.*?</style>", text, re.S).group(0)
fig = re.search(r'<figure class="ccplot">.*?</figure>', text, re.S).group(0)
with open(alone, "w", encoding="utf-8") as f:
    f.write('<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<meta charset="utf-8"/>' + style + "</head><body>" + fig + "</body></html>")
PY
        echo "FAIL $name: congestion plot (see above)" >&2
        failures=$((failures + 1))
    fi
done

# Rendering: the documents open in a browser as they are (no network, no
# script), show the diagram and print nothing on the console.
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    if [ -n "${CI:-}" ] && [ "${CI}" != false ]; then
        echo "FAIL: chromium is not installed (needed in CI for the rendering check)" >&2
        failures=$((failures + 1))
    else
        echo "SKIP rendering: chromium is not installed (apt-get install chromium)"
    fi
else
    for name in "${golden[@]}"; do
        for lang in en zh; do
            page="$work/$name.$lang.html"
            png="$shots/$name.$lang.png"
            [ -f "$page" ] || continue
            checked=$((checked + 1))
            rm -f "$png"
            # A throw-away profile; the console goes to standard error.
            timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
                --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
                --screenshot="$png" --window-size=1200,2000 "file://$page" \
                >"$work/chromium.out" 2>"$work/chromium.err" || true
            if grep -E ':CONSOLE[(:]|Uncaught|Refused to|Failed to load' "$work/chromium.err" \
                >"$work/console" 2>/dev/null; then
                echo "FAIL $name ($lang): console messages while rendering:" >&2
                cat "$work/console" >&2
                failures=$((failures + 1))
            fi
            if [ ! -s "$png" ]; then
                echo "FAIL $name ($lang): chromium wrote no screenshot:" >&2
                tail -5 "$work/chromium.err" >&2
                failures=$((failures + 1))
                continue
            fi
            # The browser's own DOM has one arrow per segment.
            timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
                --user-data-dir="$work/profile" --dump-dom "file://$page" \
                >"$work/dom.html" 2>/dev/null || true
            if ! python3 "$here/check.py" "$page" "$work/$name.fields" "$max_segments" \
                "$work/dom.html" >&2; then
                echo "FAIL $name ($lang): arrows in the browser (see above)" >&2
                failures=$((failures + 1))
            fi
            # The worksheet's ladder lines up as rendered (screen and print):
            # every rail at its column, a Chinese character taking two.
            mkdir -p "$work/columns"
            if ! python3 "$here/ladder_columns.py" "$page" "$work/columns" >&2; then
                echo "FAIL $name ($lang): the worksheet's ladder does not line up" >&2
                failures=$((failures + 1))
            fi
            # Not blank: the picture varies, and enough of it is ink.
            spread=$(convert "$png" -colorspace gray -format '%[fx:standard_deviation]' info:)
            ink=$(convert "$png" -colorspace gray -threshold 80% -format '%[fx:1-mean]' info:)
            if ! python3 -c "import sys; sys.exit(0 if $spread > 0.05 and $ink > 0.01 else 1)"
            then
                echo "FAIL $name ($lang): the screenshot looks blank" \
                     "(standard deviation $spread, dark fraction $ink)" >&2
                failures=$((failures + 1))
            fi
        done
    done
    # The congestion plot alone, as the README shows it.
    page="$work/cc-reno-fast-recovery.ccplot.html"
    png="$shots/ccplot-reno.en.png"
    if [ -f "$page" ]; then
        checked=$((checked + 1))
        rm -f "$png"
        timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
            --user-data-dir="$work/profile" --screenshot="$png" --window-size=1000,640 \
            "file://$page" >/dev/null 2>&1 || true
        ink=$([ -s "$png" ] && convert "$png" -colorspace gray -threshold 80% \
            -format '%[fx:1-mean]' info: || echo 0)
        if ! python3 -c "import sys; sys.exit(0 if $ink > 0.02 else 1)"; then
            echo "FAIL congestion plot: no picture or a blank one (dark fraction $ink)" >&2
            failures=$((failures + 1))
        fi
    fi
fi

echo "$checked documents checked, $failures failed$([ "$update" = 1 ] && echo ' (expected files updated)')"
[ "$failures" = 0 ]
