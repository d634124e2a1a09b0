#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# GUI test of Statistics > Flow Graph with the flow type "TCP Teaching": runs
# the real Wireshark (Qt) with the plugin and the "TCP Teaching" profile on a
# virtual X display, opens sample-pcaps/java-hello-2hosts.pcapng (client and
# server on two addresses), opens the Flow Graph, picks the flow type "TCP
# Teaching" and takes two screenshots:
#   flow-graph-all.png        flow type "All Flows" (Wireshark's own);
#   flow-graph-tcpteach.png   flow type "TCP Teaching".
# It fails unless both show the rows in the colours of the profile's
# colouring rules (handshake, data and teardown rows on the screen), unless
# the two differ (the TCP Teaching labels), or when Wireshark prints an error.
# Then Statistics > TCP Teaching Roles in Chinese (opened with -z, read with
# its Copy button; needs python3-tk): the roles in words, in the order of a
# conversation, no role without segments (Copy leaves the tables' titles
# out: the golden of -z tcpteach,roles checks them); screenshot roles-zh.png.
#
# Usage: flow-test.sh PLUGIN.so [OUTDIR]
#   OUTDIR receives the screenshots (as gui-test.sh's); without it they go to
#   a temporary folder removed at the end (kept, and named, on failure).
#
# The clicks are at fixed places of the 1280 x 800 window that session.sh
# sets up: the Statistics menu, its "Flow Graph" entry, the dialog's "Flow
# type" box; the flow type is then chosen by typing its name.
set -euo pipefail

plugin=${1:?usage: flow-test.sh PLUGIN.so [OUTDIR]}
outdir=${2:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
capture="$top/sample-pcaps/java-hello-2hosts.pcapng"
profile="TCP Teaching"

gui_name=flow-test
# shellcheck source-path=SCRIPTDIR source=session.sh
. "$here/session.sh"
gui_check_tools
gui_sandbox
cp "$capture" "$sandbox/flow.pcapng"
chmod a+r "$sandbox/flow.pcapng"
HOME="$home" XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$top/tools/install-profile.sh" >/dev/null ||
    fail "tools/install-profile.sh failed"
confdir="$home/.config/wireshark"
gui_hand_over
sandbox_check_plugin || fail "Wireshark does not load the plugin $plugin"
start_xvfb || fail "could not start Xvfb: $(cat "$sandbox/xvfb.log" 2>/dev/null)"

# The background colour of a rule of the profile's colorfilters, as #rrggbb.
rule_colour() {
    grep -F "@$1@" "$confdir/profiles/$profile/colorfilters" | head -1 |
        sed -E 's/.*@\[([0-9]+),([0-9]+),([0-9]+)\]\[.*/\1 \2 \3/' |
        awk '{ printf "#%02X%02X%02X\n", $1 / 257, $2 / 257, $3 / 257 }'
}
# share PNG COLOUR: the fraction of the picture's pixels of that colour.
share() {
    convert "$1" -fuzz 4% -fill black +opaque "$2" -fill white -opaque "$2" \
        -colorspace Gray -format '%[fx:mean]' info:
}
# shoot NAME: the whole screen (the dialog has no window manager to sit in).
shoot() {
    xdotool mousemove 1279 799
    sleep 2
    import -window root "png:$shots/$1.png" || fail "could not take the screenshot $1"
    convert "$shots/$1.png" -dither None -colors 128 -strip "PNG8:$outdir/$1.png"
    log "screenshot $outdir/$1.png"
}
coloured() {
    local rule colour s
    for rule in "Handshake (connection setup)" "Data" "Teardown (connection release)"; do
        colour=$(rule_colour "$rule")
        # the diagram only: the upper part of the screen, left of the comments
        convert "$shots/$1.png" -crop 900x320+80+40 +repage "$shots/$1.rows.png"
        s=$(share "$shots/$1.rows.png" "$colour")
        awk -v s="$s" 'BEGIN { exit !(s > 0.02) }' ||
            fail "$1: no $rule row ($colour) in the Flow Graph (share $s)"
    done
}

run wireshark -C "$profile" -o capture.no_interface_load:TRUE -o capture.no_extcap:TRUE \
    -r "$sandbox/flow.pcapng" >"$sandbox/ws.out" 2>"$sandbox/ws.err" &
ws_pid=$!
sleep 8
kill -0 "$ws_pid" 2>/dev/null || fail "wireshark exited early: $(cat "$sandbox/ws.err")"
xdotool mousemove 325 10 click 1 # Statistics
sleep 1.5
xdotool mousemove 356 461 click 1 # Flow Graph
sleep 4
shoot flow-graph-all
coloured flow-graph-all
xdotool mousemove 675 585 click 1 # Flow type
sleep 1
xdotool type --delay 80 "TCP Teaching"
xdotool key Return
sleep 3
shoot flow-graph-tcpteach
coloured flow-graph-tcpteach
changed=$(compare -metric AE "$shots/flow-graph-all.png" "$shots/flow-graph-tcpteach.png" null: 2>&1 || true)
[ "${changed%% *}" -gt 2000 ] 2>/dev/null ||
    fail "choosing the flow type TCP Teaching changed nothing on the screen ($changed pixels)"
if grep -Eai 'dissector bug|malformed|\[[a-z ]*(critical|error)\]|exception|assert' "$sandbox/ws.err" |
    grep -v 'nl80211 not found' | grep -q .; then
    fail "Wireshark printed errors: $(cat "$sandbox/ws.err")"
fi
xdotool key Escape
sleep 1
kill "$ws_pid" 2>/dev/null || true
wait "$ws_pid" 2>/dev/null || true
ws_pid=

# Statistics > TCP Teaching Roles (opened with -z, as the menu opens it), in
# Chinese: the roles as the Role column names them, in the order of the
# conversation, only those some segment has. The table is read with the
# dialog's Copy button.
python3 -c 'import tkinter' 2>/dev/null ||
    fail "missing tools; install them with: apt-get install -y python3-tk"
{
    run wireshark -C "$profile" -o capture.no_interface_load:TRUE -o capture.no_extcap:TRUE \
        -o tcpteach.language:zh -z tcpteach,roles -r "$sandbox/flow.pcapng" \
        >"$sandbox/ws.out" 2>"$sandbox/ws.err" &
    ws_pid=$!
    roles=
    for _ in $(seq 60); do
        roles=$(windows | awk '/Roles/ { print $1; exit }')
        [ -n "$roles" ] && break
        sleep 0.5
    done
    [ -n "$roles" ] || fail "no TCP Teaching Roles window: $(windows | cut -d' ' -f4- | tr '\n' ';')"
    sleep 3
    xdotool windowsize "$roles" 900 600 windowmove "$roles" 100 60
    sleep 2
    shoot roles-zh
    xdotool mousemove 765 636 click 1 # Copy
    sleep 1
    table=$(timeout 20 python3 -c '
import tkinter
root = tkinter.Tk()
root.withdraw()
print(root.clipboard_get(type="UTF8_STRING"))') || fail "could not read the clipboard"
    line_of() { grep -nF -- "$1" <<<"$table" | head -1 | cut -d: -f1; }
    hs=$(line_of "三报文握手第 1 步") data=$(line_of "数据") td=$(line_of "连接释放第 1 步")
    [ -n "$hs" ] && [ -n "$data" ] && [ -n "$td" ] && [ "$hs" -lt "$data" ] && [ "$data" -lt "$td" ] ||
        fail "the roles are not in the order of the conversation (handshake $hs, data $data, teardown $td):
$table"
    if grep -Eq 'handshake-1|data-piggyback|窗口更新|零窗口' <<<"$table"; then
        fail "the roles table shows tokens or roles no segment has: $table"
    fi
    log "Statistics > TCP Teaching Roles: roles in words, in the conversation's order, no empty rows"
    kill "$ws_pid" 2>/dev/null || true
    wait "$ws_pid" 2>/dev/null || true
    ws_pid=
}
log "PASS: the Flow Graph's TCP Teaching rows have the colouring rules' colours (screenshots in $outdir)"
