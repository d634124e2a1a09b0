#!/usr/bin/env bash
# GUI test of Tools > TCP Teaching: runs the real Wireshark (Qt) with the
# tcpteach plugin on a virtual X display (Xvfb), opens
# sample-pcaps/java-hello.pcapng and drives the menu with the keyboard:
#
#   1. no display filter, English: Walkthrough. The text window must appear;
#      its "Save as..." button saves the document, which must be byte for
#      byte what tshark -q -z tcpteach,walkthrough prints for the capture.
#   2. display filter "tcp.stream == 0": Walkthrough again, saved and
#      compared with tshark -q -z "tcpteach,walkthrough,tcp.stream == 0".
#   3. display filter "tcp.stream == 0 && frame.number <= 6": Ladder,
#      Markdown and Quiz, saved and compared the same way with tshark's
#      -z tcpteach,ladder, markdown and quiz (the ladder must differ from
#      the ladder of every frame).
#   4. Save handout...: the HTML handout is written to the file named in the
#      dialog (compared with tshark -z tcpteach,html when tshark offers it).
#   5. Chinese (-o tcpteach.language:zh): Walkthrough, saved and compared
#      with tshark's Chinese walkthrough.
#
# Screenshots (OUTDIR, small palette PNGs for the documentation):
#   menu-open.png            Tools > TCP Teaching opened
#   menu-walkthrough-en.png  the walkthrough window, English
#   menu-walkthrough-zh.png  the walkthrough window, Chinese
#
# Usage: menu-test.sh PLUGIN.so [OUTDIR]
#   OUTDIR (or $TCPTEACH_GUI_OUT) receives the screenshots; without it they
#   go to a temporary folder that is removed at the end (kept, and named, on
#   failure).
#
# The menu is reached with the keyboard: Alt+T opens Tools, Up wraps to its
# last entry (TCP Teaching, the last submenu Wireshark adds), Right opens the
# submenu. Wireshark sorts the entries by name: Ladder, Markdown, Quiz, Save
# handout..., Walkthrough; so Up (wrapping again) reaches Walkthrough and
# Down x3 Save handout.... The buttons of the text window are clicked at
# their place in its lower right corner.
#
# Needs wireshark-qt, tshark, xvfb, xauth, imagemagick, xdotool and a
# Chinese font (fonts-wqy-zenhei); fails when one is missing. Wireshark and
# tshark run in the project's sandbox (tools/sandbox.sh).
set -euo pipefail

plugin=${1:?usage: menu-test.sh PLUGIN.so [OUTDIR]}
outdir=${2:-${TCPTEACH_GUI_OUT:-}}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
capture="$top/sample-pcaps/java-hello.pcapng"
window_timeout=60 # seconds to wait for a window

gui_name=menu-test
# shellcheck source-path=SCRIPTDIR source=session.sh
. "$here/session.sh"
gui_check_tools
gui_sandbox
saved="$sandbox/out" # writable by the sandbox's user
gui_hand_over
sandbox_check_plugin || fail "Wireshark does not load the plugin $plugin"

# --- X display -----------------------------------------------------------------
start_xvfb || fail "could not start Xvfb: $(cat "$sandbox/xvfb.log" 2>/dev/null)"
log "Xvfb runs on display :$DISPLAY_NUM"

# --- Helpers -----------------------------------------------------------------
# wait_window TEXT: the id of the visible window whose name contains TEXT.
wait_window() {
    local deadline=$((SECONDS + window_timeout)) w=
    while [ -z "$w" ]; do
        kill -0 "$ws_pid" 2>/dev/null || fail "wireshark exited: $(cat "$sandbox/ws.err")"
        if [ $SECONDS -ge $deadline ]; then
            import -window root "png:$shots/timeout.png" 2>/dev/null || true
            fail "no window named \"*$1*\" within ${window_timeout}s; windows: $(windows | cut -d' ' -f4- | tr '\n' ';')"
        fi
        w=$(windows | awk -v t="$1" 'index($0, t) { print $1; exit }')
        [ -n "$w" ] || sleep 0.3
    done
    echo "$w"
}

# settle: wait (up to 20 s) until the screen stops changing.
settle() {
    local prev='' cur
    for _ in $(seq 40); do
        sleep 0.5
        cur=$(import -window root rgb:- 2>/dev/null | md5sum) || continue
        [ "$cur" = "$prev" ] && return 0
        prev=$cur
    done
    log "the screen kept changing for 20 s; going on"
}

# shoot NAME: the whole screen into $shots/NAME.png and, as a small palette
# PNG, into $outdir/NAME.png; fails on a blank picture.
shoot() {
    local name=$1 sd
    xdotool mousemove 1279 799
    settle
    import -window root "png:$shots/$name.png" || fail "could not take the screenshot $name"
    sd=$(convert "$shots/$name.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }' ||
        fail "the screenshot $name is blank (standard deviation $sd)"
    convert "$shots/$name.png" -dither None -colors 128 -strip \
        -define png:compression-level=9 "PNG8:$outdir/$name.png"
    log "screenshot $outdir/$name.png"
}

# click_in WINDOW DX DY: a click at DX, DY from the window's left (or, when
# negative, right) edge and top (or bottom) edge.
click_in() {
    # shellcheck disable=SC2034 # SCREEN: set by the eval, unused
    local X Y WIDTH HEIGHT SCREEN x y
    eval "$(xdotool getwindowgeometry --shell "$1")"
    x=$(($2 < 0 ? X + WIDTH + $2 : X + $2))
    y=$(($3 < 0 ? Y + HEIGHT + $3 : Y + $3))
    xdotool mousemove "$x" "$y" click 1
}

# open_entry DOWNS...: Tools > TCP Teaching, then the keys that select an
# entry of the submenu, then Return.
open_entry() {
    xdotool mousemove 640 300 click 1
    settle
    xdotool key --delay 150 alt+t Up Right
    settle
    [ "${1:-}" != --shoot ] || {
        shift
        import -window root "png:$shots/menu-open.png"
        convert "$shots/menu-open.png" -dither None -colors 128 -strip \
            -define png:compression-level=9 "PNG8:$outdir/menu-open.png"
        log "screenshot $outdir/menu-open.png"
    }
    xdotool key --delay 150 "$@" Return
}

# save_as WINDOW TITLE FILE: the window's "Save as..." button (left of Close,
# in the lower right corner), then FILE typed into the dialog named TITLE.
save_as() {
    local dialog
    click_in "$1" -144 -24
    dialog=$(wait_window "$2")
    type_file "$dialog" "$3"
}

# type_file DIALOG FILE: the file name typed into the dialog's field, and OK.
type_file() {
    rm -f "$2"
    click_in "$1" -120 23
    xdotool key ctrl+a
    xdotool type --delay 10 "$2"
    xdotool key Return
    for _ in $(seq 100); do
        [ -s "$2" ] && break
        sleep 0.2
    done
    [ -s "$2" ] || fail "nothing was saved to $2"
    settle
}

# same TSHARK_ARGS... FILE: FILE is byte for byte what tshark prints.
same() {
    local file=${*: -1} want="$sandbox/want.txt"
    run tshark -r "$sandbox/java-hello.pcapng" -q "${@:1:$#-1}" >"$want" 2>"$sandbox/tshark.err" ||
        fail "tshark ${*:1:$#-1} failed: $(cat "$sandbox/tshark.err")"
    cmp -s "$want" "$file" || fail "the saved $file differs from tshark ${*:1:$#-1}:
$(diff "$want" "$file" | head -20)"
    log "$(basename "$file") = tshark ${*:1:$#-1} ($(wc -c <"$file") bytes)"
}

start_wireshark() {
    run wireshark -o capture.no_interface_load:TRUE -o capture.no_extcap:TRUE \
        -r "$sandbox/java-hello.pcapng" "$@" >"$sandbox/ws.out" 2>"$sandbox/ws.err" &
    ws_pid=$!
    main=$(wait_window java-hello.pcapng)
    settle
}

stop_wireshark() {
    xdotool windowactivate --sync "$main" 2>/dev/null || true
    xdotool mousemove 640 300 click 1 key ctrl+q || true
    for _ in $(seq 40); do
        kill -0 "$ws_pid" 2>/dev/null || break
        sleep 0.25
    done
    if kill -0 "$ws_pid" 2>/dev/null; then
        kill "$ws_pid"
        wait "$ws_pid" 2>/dev/null || true
        ws_pid=
        fail "Wireshark did not quit on Ctrl+Q"
    fi
    wait "$ws_pid" 2>/dev/null || fail "Wireshark exited with an error: $(cat "$sandbox/ws.err")"
    ws_pid=
    if grep -Eai 'dissector bug|malformed|\[[a-z ]*(critical|error)\]|could not|exception|assert' \
        "$sandbox/ws.err" | grep -v 'nl80211 not found' | grep -q .; then
        fail "Wireshark printed errors:
$(cat "$sandbox/ws.err")"
    fi
}

# close_window WINDOW: its Close button (lower right corner).
close_window() {
    click_in "$1" -52 -24
    for _ in $(seq 50); do
        windows | grep -q "^$1 " || return 0
        sleep 0.2
    done
    fail "the window $1 did not close"
}

# --- English, no display filter --------------------------------------------------
start_wireshark
open_entry --shoot Up
tw=$(wait_window "TCP Teaching: Walkthrough")
log "Tools > TCP Teaching > Walkthrough opened a window"
# Larger than Wireshark's default, for the documentation's picture.
xdotool windowsize "$tw" 1000 640 windowmove "$tw" 140 80
shoot menu-walkthrough-en
save_as "$tw" "Save the Walkthrough" "$saved/walkthrough-all.txt"
same -z tcpteach,walkthrough "$saved/walkthrough-all.txt"
close_window "$tw"

# --- English, display filter tcp.stream == 0 -------------------------------------
# The filter bar is the line below the toolbar.
xdotool mousemove 400 75 click 1 key ctrl+a
xdotool type --delay 10 "tcp.stream == 0"
xdotool key Return
settle
open_entry Up
tw=$(wait_window "TCP Teaching: Walkthrough")
save_as "$tw" "Save the Walkthrough" "$saved/walkthrough-stream0.txt"
same -z "tcpteach,walkthrough,tcp.stream == 0" "$saved/walkthrough-stream0.txt"
close_window "$tw"

# --- Ladder, Markdown, Quiz: the first six frames only ----------------------------
# A filter that leaves frames out, so the comparison shows it is applied.
part="tcp.stream == 0 && frame.number <= 6"
xdotool mousemove 400 75 click 1 key ctrl+a
xdotool type --delay 10 "$part"
xdotool key Return
settle
for entry in "ladder|Ladder diagram|" "markdown|Walkthrough in Markdown|Down" "quiz|Quiz|Down Down"; do
    IFS='|' read -r kind name keys <<<"$entry"
    # shellcheck disable=SC2086 # the keys are words
    open_entry $keys
    tw=$(wait_window "TCP Teaching: $name")
    save_as "$tw" "Save the $name" "$saved/$kind-part.txt"
    same -z "tcpteach,$kind,$part" "$saved/$kind-part.txt"
    close_window "$tw"
done
run tshark -r "$sandbox/java-hello.pcapng" -q -z tcpteach,ladder >"$sandbox/ladder-all.txt"
if cmp -s "$sandbox/ladder-all.txt" "$saved/ladder-part.txt"; then
    fail "the ladder of \"$part\" is the ladder of every frame: the display filter was not applied"
fi

# --- Save handout... -------------------------------------------------------------
open_entry Down Down Down
dialog=$(wait_window "Save the Handout")
type_file "$dialog" "$saved/handout.html"
tw=$(wait_window "TCP Teaching: Handout")
if run tshark -r "$sandbox/java-hello.pcapng" -q -z "tcpteach,html,$part" \
    >"$sandbox/want.html" 2>/dev/null && [ -s "$sandbox/want.html" ]; then
    same -z "tcpteach,html,$part" "$saved/handout.html"
else
    grep -qi '<html' "$saved/handout.html" || fail "the handout is not HTML: $(head -3 "$saved/handout.html")"
    log "handout.html written ($(wc -c <"$saved/handout.html") bytes; tshark has no -z tcpteach,html to compare with)"
fi
close_window "$tw"
stop_wireshark

# --- Chinese ---------------------------------------------------------------------
start_wireshark -o tcpteach.language:zh
open_entry Up
tw=$(wait_window "TCP 教学：逐段讲解")
xdotool windowsize "$tw" 1000 640 windowmove "$tw" 140 80
shoot menu-walkthrough-zh
save_as "$tw" "保存逐段讲解" "$saved/walkthrough-zh.txt"
same -o tcpteach.language:zh -z tcpteach,walkthrough "$saved/walkthrough-zh.txt"
close_window "$tw"
stop_wireshark

log "PASS: Tools > TCP Teaching shows and saves the walkthrough and the handout (screenshots in $outdir)"
