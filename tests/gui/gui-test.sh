#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# GUI test: runs the real Wireshark (Qt) with the tcpteach plugin and the
# "TCP Teaching" profile on a virtual X display (Xvfb), opens
# sample-pcaps/java-hello.pcapng and takes three screenshots:
#   packet-list.png        the packet list with the profile's columns and
#                          colours, frame 4 (a data segment) selected;
#   teaching-tree-en.png   frame 4 with the teaching tree expanded and the
#                          "Sequence number" explanation selected (its bytes
#                          highlighted), in English;
#   teaching-tree-zh.png   the same in Chinese (-o tcpteach.language:zh).
#
# Usage: gui-test.sh PLUGIN.so [OUTDIR]
#   OUTDIR (or $TCPTEACH_GUI_OUT) receives the screenshots, as small
#   palette PNGs ready for the documentation; without it they go to a
#   temporary folder that is removed at the end (kept, and named, on failure).
#
# It fails when a tool is missing (wireshark-qt, xvfb, xauth, imagemagick,
# xdotool, a Chinese font), when Wireshark does not load the plugin, when
# the profile's columns or colouring rules do not work (checked with tshark
# and on the screen: the rows must have the profile's colours), when the
# window does not appear in time, when Wireshark opens a dialog or prints an
# error, a dissector bug or a malformed packet, when a screenshot is blank,
# or when no line of the teaching tree ends up selected.
#
# Wireshark and tshark run in the project's sandbox (tools/sandbox.sh: as root,
# the unprivileged user "nobody", in a throw-away home).
set -euo pipefail

plugin=${1:?usage: gui-test.sh PLUGIN.so [OUTDIR]}
outdir=${2:-${TCPTEACH_GUI_OUT:-}}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
capture="$top/sample-pcaps/java-hello.pcapng"
profile="TCP Teaching"
window_timeout=60 # seconds to wait for the main window

gui_name=gui-test
# shellcheck source-path=SCRIPTDIR source=session.sh
. "$here/session.sh"
gui_check_tools compare:imagemagick
gui_sandbox

# The profile, installed the way users install it.
HOME="$home" XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$top/tools/install-profile.sh" >/dev/null ||
    fail "tools/install-profile.sh failed"
confdir="$home/.config/wireshark"
[ -f "$confdir/profiles/$profile/colorfilters" ] || fail "install-profile.sh did not install the profile"
gui_hand_over

# --- The plugin and the profile, through tshark --------------------------------
sandbox_check_plugin || fail "Wireshark does not load the plugin $plugin"
log "tshark -G plugins lists tcpteach.so"

# The profile's columns, as tshark prints them with -C: frame 1 must show
# its role, its direction and both states, as the tcpteach fields give them.
run tshark -C "$profile" -r "$sandbox/java-hello.pcapng" >"$sandbox/columns.txt" 2>"$sandbox/tshark.err" ||
    fail "tshark -C \"$profile\" failed: $(cat "$sandbox/tshark.err")"
# The Role column shows the role in words (tcpteach.label), in the language
# chosen, then the direction and the states.
want=$(run tshark -r "$sandbox/java-hello.pcapng" -c 1 -T fields -E separator=' ' -e tcpteach.label \
    -e tcpteach.direction_label -e tcpteach.client_state_label -e tcpteach.server_state_label)
[ -n "$want" ] && grep -Eq "^ *1 .* ${want// / +} " "$sandbox/columns.txt" ||
    fail "the profile's columns do not show the role and states of frame 1 ($want):
$(head -3 "$sandbox/columns.txt")"
# The colouring rules compile (no warning) and colour each phase.
run tshark -C "$profile" -r "$sandbox/java-hello.pcapng" --color -T fields \
    -e frame.number -e frame.coloring_rule.name >"$sandbox/colours.txt" 2>"$sandbox/tshark.err"
if [ -s "$sandbox/tshark.err" ]; then
    fail "tshark complains about the profile: $(cat "$sandbox/tshark.err")"
fi
for want in "1	Handshake" "4	Data" "5	Pure ACK" "8	Teardown"; do
    grep -q "^$want" "$sandbox/colours.txt" ||
        fail "frame ${want%%	*} is not coloured as ${want#*	}: $(grep "^${want%%	*}	" "$sandbox/colours.txt")"
done
log "the profile's columns and colouring rules work in tshark"

# --- X display -----------------------------------------------------------------
start_xvfb || fail "could not start Xvfb: $(cat "$sandbox/xvfb.log" 2>/dev/null)"
log "Xvfb runs on display :$DISPLAY_NUM"

# --- Helpers -----------------------------------------------------------------
# settle: wait (up to 20 s) until the window stops changing: Wireshark has
# handled every queued event and redrawn.
settle() {
    local prev='' cur
    for _ in $(seq 40); do
        sleep 0.5
        cur=$(import -window "$main" rgb:- 2>/dev/null | md5sum) || continue
        [ "$cur" = "$prev" ] && return 0
        prev=$cur
    done
    log "the window kept changing for 20 s; going on"
}

# shoot NAME: the main window into $shots/NAME.png (full colours) and
# $outdir/NAME.png (128 colours, for the documentation).
shoot() {
    local name=$1 sd
    xdotool mousemove 1279 799 # no hover highlight
    settle
    import -window "$main" "png:$shots/$name.png" ||
        fail "could not take the screenshot $name"
    sd=$(convert "$shots/$name.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }' ||
        fail "the screenshot $name is blank (standard deviation $sd)"
    convert "$shots/$name.png" -dither None -colors 128 -strip \
        -define png:compression-level=9 "PNG8:$outdir/$name.png"
    log "screenshot $outdir/$name.png ($(stat -c %s "$outdir/$name.png") bytes)"
}

# share NAME COLOUR [lower]: the fraction of the screenshot's pixels (or of
# its lower half) of that colour.
share() {
    local crop=()
    [ "${3:-}" = lower ] && crop=(-gravity South -crop 100%x50%+0+0 +repage)
    convert "$shots/$1.png" "${crop[@]}" -fuzz 4% -fill black +opaque "$2" \
        -fill white -opaque "$2" -colorspace Gray -format '%[fx:mean]' info:
}

# selected NAME: a line of the packet details pane (below the packet list, in
# the lower half of the window) is selected, and its bytes highlighted.
selected() {
    local s
    s=$(share "$1" "$selection" lower)
    awk -v s="$s" 'BEGIN { exit !(s > 0.01) }' ||
        fail "$1: no line of the packet details is selected (share of the selection colour $s)"
}

# The background colour of a rule of the profile's colorfilters, as #rrggbb.
rule_colour() {
    grep -F "@$1@" "$confdir/profiles/$profile/colorfilters" | head -1 |
        sed -E 's/.*@\[([0-9]+),([0-9]+),([0-9]+)\]\[.*/\1 \2 \3/' |
        awk '{ printf "#%02X%02X%02X\n", $1 / 257, $2 / 257, $3 / 257 }'
}

# start_wireshark LOG [ARGS...]: start Wireshark on frame 4 and wait for its
# main window (named after the capture file); sets $main.
start_wireshark() {
    local log=$1 deadline
    shift
    run wireshark -C "$profile" -o capture.no_interface_load:TRUE -o capture.no_extcap:TRUE \
        -r "$sandbox/java-hello.pcapng" -g 4 "$@" \
        >"$sandbox/$log.out" 2>"$sandbox/$log.err" &
    ws_pid=$!
    deadline=$((SECONDS + window_timeout))
    main=
    while [ -z "$main" ]; do
        kill -0 "$ws_pid" 2>/dev/null ||
            fail "wireshark exited early: $(cat "$sandbox/$log.err")"
        [ $SECONDS -lt $deadline ] ||
            fail "the Wireshark window did not appear within ${window_timeout}s"
        main=$(windows | awk '$4 == "java-hello.pcapng" { print $1; exit }')
        sleep 0.5
    done
    # Let it finish reading, colouring and selecting frame 4.
    settle
    check_wireshark "$log"
}

# check_wireshark LOG: no dialog on the screen, no error on stderr.
check_wireshark() {
    local others
    others=$(windows | awk -v main="$main" '$1 != main')
    [ -z "$others" ] || {
        import -window root "png:$shots/dialog.png" || true
        fail "Wireshark opened a window besides the main one (a dialog?): $others"
    }
    if grep -Eai 'dissector bug|malformed|\[[a-z ]*(critical|error)\]|no such preference|could not|can.t|exception|assert' \
        "$sandbox/$1.err" | grep -v 'nl80211 not found' | grep -q .; then
        fail "Wireshark printed errors:
$(cat "$sandbox/$1.err")"
    fi
}

# Select the "Sequence number" line of the teaching tree: click into the
# packet details pane; Ctrl+Left collapses every subtree (View > Collapse All,
# in case the plugin opens its tree by default); End selects the last
# top-level item (TCP Teaching Annotations, the post-dissector's tree) and
# Right expands it; 10 lines down is "Header explained" (8 fields,
# Conversation, Header explained), Right expands it and 3 lines down is
# "Sequence number". Then the tree is scrolled down, 13 lines up brings the
# teaching tree's first line to the top of the pane and 13 lines down selects
# "Sequence number" again (its bytes are highlighted).
show_teaching_tree() {
    local down13="Down Down Down Down Down Down Down Down Down Down Down Down Down"
    xdotool mousemove 640 600 click 1
    settle
    xdotool key --delay 50 ctrl+Left End Right Down Down Down Down Down Down Down Down Down Down Right Down Down Down
    settle
    xdotool click --repeat 4 --delay 100 5
    # shellcheck disable=SC2086
    xdotool key --delay 50 ${down13//Down/Up} $down13
    settle
}

stop_wireshark() {
    local log=$1
    check_wireshark "$log"
    # Through XTEST to the window under the pointer (no --window: a synthetic
    # event sent to a window that closes on the key press would leave the key
    # pressed, and auto-repeating, in the X server).
    xdotool mousemove 640 400 key ctrl+q || true
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
    wait "$ws_pid" 2>/dev/null || fail "Wireshark exited with an error: $(cat "$sandbox/$log.err")"
    ws_pid=
    check_wireshark "$log"
}

# --- English: the packet list, then the teaching tree ----------------------------
selection="#308CC6" # Qt's highlight colour (Fusion style) for a selected line
start_wireshark wireshark-en
shoot packet-list
s=$(share packet-list "$selection" lower)
awk -v s="$s" 'BEGIN { exit !(s < 0.002) }' || fail "packet-list: a line of the packet details is already selected ($s)"
# The rows have the profile's colours only if the GUI's dissection has the
# tcpteach fields: handshake, data and teardown rows must be on the screen.
for rule in "Handshake (connection setup)" "Data" "Teardown (connection release)"; do
    colour=$(rule_colour "$rule")
    share=$(share packet-list "$colour")
    awk -v s="$share" 'BEGIN { exit !(s > 0.004) }' ||
        fail "no $rule row ($colour) in the packet list: the GUI did not colour by tcpteach.role (share $share)"
done
log "the packet list shows the handshake, data and teardown colours"

show_teaching_tree
shoot teaching-tree-en
selected teaching-tree-en
changed=$(compare -metric AE "$shots/packet-list.png" "$shots/teaching-tree-en.png" null: 2>&1 || true)
[ "${changed%% *}" -gt 20000 ] 2>/dev/null ||
    fail "expanding the teaching tree changed nothing on the screen ($changed pixels)"
stop_wireshark wireshark-en

# --- Chinese -------------------------------------------------------------------
start_wireshark wireshark-zh -o tcpteach.language:zh
show_teaching_tree
shoot teaching-tree-zh
selected teaching-tree-zh
changed=$(compare -metric AE "$shots/teaching-tree-en.png" "$shots/teaching-tree-zh.png" null: 2>&1 || true)
[ "${changed%% *}" -gt 5000 ] 2>/dev/null ||
    fail "the Chinese teaching tree looks like the English one ($changed pixels differ)"
stop_wireshark wireshark-zh

log "PASS: Wireshark shows the tcpteach columns, colours and teaching tree (screenshots in $outdir)"
