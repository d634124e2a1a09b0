#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks the "TCP Teaching" Wireshark profile without a display:
# - tools/install-profile.sh installs it where Wireshark looks, leaves an
#   identical copy alone, refuses to replace a changed copy without --force;
# - Wireshark knows every preference in it (no "No such preference");
# - every colouring rule and filter button compiles with the plugin, every
#   TCP segment of every sample capture gets a colour, and the colour agrees
#   with the segment's role;
# - the filter buttons select the expected frames.
#
# Usage: profile-test.sh PLUGIN.so
set -euo pipefail

plugin=${1:?usage: profile-test.sh PLUGIN.so}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
profile="TCP Teaching"
src="$top/packaging/profiles/$profile"
install="$top/tools/install-profile.sh"
errors=0

fail() {
    printf 'profile-test: FAIL: %s\n' "$*" >&2
    errors=$((errors + 1))
}
[ -f "$plugin" ] || { fail "no plugin at $plugin"; exit 1; }

sandbox=$(mktemp -d -t tcpteach-profile.XXXXXX)
trap 'rm -rf "$sandbox"' EXIT
chmod 755 "$sandbox"

# --- install-profile.sh ----------------------------------------------------------
h="$sandbox/user1"
mkdir -p "$h"
out=$(HOME=$h XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" 2>&1) || fail "first installation failed: $out"
dest="$h/.config/wireshark/profiles/$profile"
diff -r "$src" "$dest" >/dev/null || fail "the installed profile differs from the source"
out=$(HOME=$h XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" 2>&1) || fail "a second installation failed: $out"
grep -q "already installed" <<<"$out" || fail "a second installation did not say 'already installed': $out"
# Wireshark rewrites "recent" on exit: that is not a difference.
echo "gui.zoom_level: 5" >"$dest/recent"
HOME=$h XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" >/dev/null 2>&1 ||
    fail "a changed 'recent' file made the installer refuse"
echo "gui.zoom_level: 5" >"$dest/recent"
echo "# my own change" >>"$dest/preferences"
if HOME=$h XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" >"$sandbox/out" 2>&1; then
    fail "the installer replaced a changed profile without --force"
fi
grep -q -- "--force" "$sandbox/out" || fail "the refusal does not mention --force: $(cat "$sandbox/out")"
grep -q "my own change" "$dest/preferences" || fail "the refusing installer changed the profile"
HOME=$h XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" --force >/dev/null 2>&1 || fail "--force failed"
diff -r "$src" "$dest" >/dev/null || fail "--force did not restore the profile"
if HOME=$h "$install" --bogus >/dev/null 2>&1; then fail "an unknown option was accepted"; fi
# XDG_CONFIG_HOME, the old ~/.wireshark folder, and WIRESHARK_CONFIG_DIR.
h="$sandbox/user2"
mkdir -p "$h/xdg"
HOME=$h XDG_CONFIG_HOME=$h/xdg WIRESHARK_CONFIG_DIR='' "$install" >/dev/null
[ -f "$h/xdg/wireshark/profiles/$profile/preferences" ] || fail "XDG_CONFIG_HOME is not honoured"
h="$sandbox/user3"
mkdir -p "$h/.wireshark"
HOME=$h XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" >/dev/null
[ -f "$h/.wireshark/profiles/$profile/preferences" ] || fail "an existing ~/.wireshark is not used"
h="$sandbox/user4"
mkdir -p "$h"
HOME=$h WIRESHARK_CONFIG_DIR=$h/conf "$install" >/dev/null
[ -f "$h/conf/profiles/$profile/preferences" ] || fail "WIRESHARK_CONFIG_DIR is not honoured"

# --- tshark with the plugin and the profile ----------------------------------------
# shellcheck source=../../tools/sandbox.sh
. "$top/tools/sandbox.sh"
trap 'sandbox_cleanup; rm -rf "$sandbox"' EXIT
sandbox_setup "$plugin"
home="$SANDBOX/home"
HOME=$home XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" >/dev/null
if [ "$(id -u)" = 0 ]; then
    chown -R 65534:65534 "$home"
fi
mkdir -p "$SANDBOX/files/pcaps"
cp "$top"/sample-pcaps/*.pcap "$top"/sample-pcaps/*.pcapng "$SANDBOX/files/pcaps/"
chmod -R a+rX "$SANDBOX/files"
pcaps="$SANDBOX/files/pcaps"
tshark_() {
    sandbox_run tshark "$@"
}
sandbox_check_plugin || {
    fail "tshark does not load $plugin"
    exit 1
}

# Every preference of the profile exists.
tshark_ -C "$profile" -r "$pcaps/java-hello.pcapng" -c 1 >/dev/null 2>"$sandbox/err" ||
    fail "tshark -C \"$profile\" failed: $(cat "$sandbox/err")"
[ ! -s "$sandbox/err" ] || fail "tshark complains about the profile: $(cat "$sandbox/err")"

# --- The packet list: columns, widths, panes --------------------------------------
# The columns of gui.column.format, one "title<TAB>format" a line.
columns() {
    sed -n '/^gui.column.format:/,/^$/p' "$src/preferences" | sed -nE 's/^\s*"([^"]*)", "([^"]*)",?$/\1\t\2/p'
}
[ "$(columns | wc -l)" -ge 6 ] || fail "cannot read the profile's columns: $(columns)"
# Every column has a width in "recent" and every width a column (a width for
# a column that is not there is ignored, a column without one gets
# Wireshark's guess); the role column comes before Info.
while IFS=$'\t' read -r title format; do
    key=$format
    case $format in %Cus:*) key="\"$(cut -d: -f1-2 <<<"$format")\"" ;; esac
    grep -qF -- "	$key, " "$src/recent" || fail "column \"$title\" ($format) has no width in recent"
done < <(columns)
n_widths=$(sed -n '/^column.width:/,/^$/p' "$src/recent" | grep -c '^	')
[ "$n_widths" = "$(columns | wc -l)" ] || fail "recent has $n_widths column widths for $(columns | wc -l) columns"
columns | cut -f2 | grep -n . | grep -E ':(%Cus:tcpteach.label:|%i$)' | cut -d: -f1 | tr '\n' ' ' |
    awk '{ exit !($1 < $2) }' || fail "the Role column does not come before Info"
# Widths for the zoomed font (about 9 pixels a character at zoom level 2,
# measured on screenshots, plus about 14 pixels of cell margins, and in the
# "No." column about 16 more for the marks of related packets): frame
# numbers of 6 digits, times of 10 characters, IPv4 addresses (15
# characters), the longest usual role label, SYN-RECEIVED.
width_of() {
    sed -n '/^column.width:/,/^$/p' "$src/recent" | grep -F -- "	$1, " | sed -E 's/.*, ([0-9]+),?$/\1/' || true
}
need_width() {
    local w
    w=$(width_of "$1")
    if [ -z "$w" ] || [ "$w" -lt $(($2 * 9 + 14 + ${4:-0})) ]; then
        fail "column $1 is ${w:-?} pixels wide, too narrow for $2 characters ($3)"
    fi
}
grep -q '^gui.zoom_level: 2$' "$src/recent" || fail "the widths below assume zoom level 2"
need_width %m 6 "frame 100000" 16
need_width %t 10 "100.000000"
need_width %s 15 "255.255.255.255"
need_width %d 15 "255.255.255.255"
need_width '"%Cus:tcpteach.label"' 30 "Handshake 1/3 (retransmission)"
need_width '"%Cus:tcpteach.direction_label"' 16 "client -> server, 客户端 -> 服务器"
need_width '"%Cus:tcpteach.client_state_label"' 12 "SYN-RECEIVED"
need_width '"%Cus:tcpteach.server_state_label"' 12 "SYN-RECEIVED"
need_width '"%Cus:tcpteach.congestion"' 20 "congestion-avoidance"
# The whole row fits a 1600-pixel window (Info takes what is left).
total=$(sed -n '/^column.width:/,/^$/p' "$src/recent" | grep '^	' | sed -E 's/.*, ([0-9]+),?$/\1/' |
    awk '{ t += $1 } END { print t }')
[ "$total" -le 1600 ] || fail "the columns are $total pixels wide, more than a 1600-pixel window"
[ "$(width_of %i)" -ge 180 ] || fail "the Info column is narrower than 180 pixels"
# The panes: the packet details is the last pane, and only the middle
# (bytes) pane has a fixed height, so the details get what the list (a
# third) and the bytes leave, in a window of any size.
grep -q '^gui.layout_content_3: PDETAILS$' "$src/preferences" || fail "the packet details are not the last pane"
grep -q '^gui.layout_content_2: PBYTES$' "$src/preferences" || fail "the packet bytes are not the middle pane"
if grep -q '^gui.geometry_main_upper_pane' "$src/recent"; then
    fail "recent fixes the packet list's height in pixels"
fi
grep -q '^gui.geometry_main_lower_pane: [0-9]' "$src/recent" || fail "recent does not size the bytes pane"
# The role is in its own column, not appended to Info as well.
grep -q '^tcpteach.info_label: FALSE$' "$src/preferences" || fail "the profile still appends the role to Info"

# The columns in tshark, in both languages: the role and the states in the
# language chosen (the label fields), the role not appended to Info.
for lang in en zh; do
    tshark_ -C "$profile" -o "tcpteach.language:$lang" -r "$pcaps/java-hello-2hosts.pcapng" \
        >"$sandbox/cols.$lang" 2>"$sandbox/err" || fail "tshark -C \"$profile\" ($lang) failed: $(cat "$sandbox/err")"
done
# (frame, role, direction, client state, server state) as each language
# shows them: the states by the RFC's names in both, as the ladders print
# them; the direction tells the client's "Data #1" from the server's.
expect_row() {
    grep -Eq "^ *$2 .* $3 +$4 +$5 +$6 " "$sandbox/cols.$1" ||
        fail "the profile's columns ($1) do not show frame $2 as \"$3 | $4 | $5 | $6\": $(sed -n "$2p" "$sandbox/cols.$1")"
}
expect_row en 1 "Handshake 1/3" "client -> server" SYN-SENT LISTEN
expect_row en 4 "Data #1" "client -> server" ESTABLISHED ESTABLISHED
expect_row en 6 "Data #1" "server -> client" ESTABLISHED ESTABLISHED
expect_row en 9 "Teardown 2/4" "server -> client" FIN-WAIT-2 CLOSE-WAIT
expect_row zh 1 "三报文握手第 1 步" "客户端 -> 服务器" SYN-SENT LISTEN
expect_row zh 4 "数据 #1" "客户端 -> 服务器" ESTABLISHED ESTABLISHED
expect_row zh 6 "数据 #1" "服务器 -> 客户端" ESTABLISHED ESTABLISHED
expect_row zh 11 "连接释放第 4 步" "客户端 -> 服务器" TIME-WAIT CLOSED
if grep -Eq 'Handshake|client|server' "$sandbox/cols.zh"; then
    fail "the Chinese columns show English: $(grep -E 'Handshake|client|server' "$sandbox/cols.zh" | head -2)"
fi
if grep -q '\[Handshake 1/3\]' "$sandbox/cols.en"; then
    fail "the Info column still ends with the role label"
fi

# The details pane: where Wireshark's Info says otherwise than the role
# (loss-sack-recovery.pcapng frame 63: [TCP Out-Of-Order], bytes sent before
# during SACK recovery), the line right under the summary (and its
# continuation lines) says so, in both languages.
for lang in en zh; do
    tshark_ -C "$profile" -o "tcpteach.language:$lang" -r "$pcaps/loss-sack-recovery.pcapng" \
        -Y 'frame.number == 63' -V -O tcpteach >"$sandbox/tree.$lang" 2>"$sandbox/err" ||
        fail "tshark -V ($lang) failed: $(cat "$sandbox/err")"
    case $lang in
    en) summary='^    \[Summary: ' want='^    \[Wireshark.s Info says Out-Of-Order: ' ;;
    zh) summary='^    \[摘要：' want='^    \[Wireshark 的信息列称它为乱序：' ;;
    esac
    next=$(awk -v s="$summary" '$0 ~ s { found = 1; next } found && /^        / { next } found { print; exit }' \
        "$sandbox/tree.$lang")
    if ! grep -Eq "$want" <<<"$next" && ! tshark -v 2>/dev/null | grep -q '^TShark (Wireshark) 4\.0\.'; then
        # Known gap: from 4.2 on the line is not written under a one-pass -Y.
        echo "profile-test: KNOWN GAP ($lang): no line under the summary on this Wireshark: $next"
        continue
    fi
    grep -Eq "$want" <<<"$next" ||
        fail "the line under the summary ($lang) does not say Wireshark's Info differs: $next"
done
# --- The preferences as the Preferences dialog lists them ---------------------------
# A proper display name under Protocols (the filter name stays tcpteach).
tshark_ -G protocols >"$sandbox/protocols"
grep -Eq $'^TCP Teaching Annotations\tTCP Teaching\ttcpteach(\t|$)' "$sandbox/protocols" ||
    fail "the protocol is not listed as TCP Teaching: $(grep -i teach "$sandbox/protocols")"
# The tshark-only preference says so, and comes after a heading that says so.
tshark_ -G defaultprefs >"$sandbox/prefs"
grep -B3 '^#tcpteach.fields_only:' "$sandbox/prefs" | grep -q '^# tshark only' ||
    fail "tcpteach.fields_only is not described as tshark-only: $(grep -B3 '^#tcpteach.fields_only:' "$sandbox/prefs")"

# Every filter compiles: colouring rules, then buttons (\x22 is a quote there).
while IFS= read -r filter; do
    tshark_ -r "$pcaps/java-hello.pcapng" -Y "$filter" >/dev/null 2>"$sandbox/err" ||
        fail "invalid filter in colorfilters: $filter: $(cat "$sandbox/err")"
done < <(grep '^@' "$src/colorfilters" | cut -d@ -f3)
declare -A button
while IFS=$'\t' read -r label filter; do
    button[$label]=$filter
    tshark_ -r "$pcaps/java-hello.pcapng" -Y "$filter" >/dev/null 2>"$sandbox/err" ||
        fail "invalid filter of the button $label: $filter: $(cat "$sandbox/err")"
done < <(sed -nE 's/^"TRUE","([^"]*)","([^"]*)".*/\1\t\2/p' "$src/dfilter_buttons" | sed 's/\\x22/"/g')
[ "${#button[@]}" = 4 ] || fail "expected 4 filter buttons, found ${#button[@]}: ${!button[*]}"

# Every TCP segment gets the colour of its phase (or the problem colour).
expected_rule() {
    case $1 in
    handshake) echo "Handshake (connection setup)" ;;
    data) echo "Data" ;;
    slow-start) echo "Data: slow start" ;;
    congestion-avoidance) echo "Data: congestion avoidance" ;;
    fast-recovery) echo "Data: fast recovery" ;;
    rto-recovery) echo "Data: recovery after a timeout" ;;
    receiver-limited) echo "Data: limited by the receiver's window" ;;
    sender-limited) echo "Data" ;;
    ack) echo "Pure ACK" ;;
    teardown) echo "Teardown (connection release)" ;;
    reset) echo "Reset or refused connection" ;;
    problem) echo "Problem:" ;;
    flow-control | other) echo "Flow control and keep-alive" ;;
    *) echo "?" ;;
    esac
}
# Every phase of the catalogue has its colour here: a new phase fails this
# test until its colour is decided.
while read -r phase; do
    [ "$(expected_rule "$phase")" != "?" ] || fail "phase $phase of the catalogue has no colour rule here"
done < <("${TCPTEACH_CATALOGUE:?the build has no tcpteach-catalogue}" phases)
checked=0
for capture in "$pcaps"/*; do
    name=${capture##*/}
    tshark_ -C "$profile" -r "$capture" --color -T fields -E separator='|' \
        -e frame.number -e tcpteach.phase -e tcpteach.retransmission -e frame.coloring_rule.name \
        -e tcpteach.congestion >"$sandbox/colours" 2>"$sandbox/err" || true
    [ ! -s "$sandbox/err" ] || fail "$name: tshark complains: $(head -3 "$sandbox/err")"
    while IFS='|' read -r frame phase retrans rule congestion; do
        [ -n "$phase" ] || continue
        phase=${phase%%,*}
        # A data segment: the colour of its congestion-control phase (none
        # for "unknown": the plain data colour).
        if [ "$phase" = data ] && [ -n "$congestion" ] && [ "$congestion" != unknown ]; then
            phase=$congestion
        fi
        want=$(expected_rule "$phase")
        checked=$((checked + 1))
        if [ "$rule" = "${rule#Problem:}" ]; then
            [ "$rule" = "$want" ] ||
                fail "$name frame $frame ($phase): coloured \"$rule\", expected \"$want\""
        else
            # The problem rule wins over the phase colour, but only for problems.
            [ "$retrans" = 1 ] || [ "$want" = "Problem:" ] ||
                tshark_ -r "$capture" -Y "frame.number == $frame && tcp.analysis.flags" 2>/dev/null | grep -q . ||
                fail "$name frame $frame ($phase): coloured as a problem without one"
        fi
    done <"$sandbox/colours"
done
[ "$checked" -gt 100 ] || fail "only $checked segments checked"

# The buttons select the expected frames.
frames() {
    tshark_ -r "$pcaps/$1" -Y "$2" -T fields -e frame.number 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}
expect_frames() {
    local got
    got=$(frames "$1" "${button[$2]}")
    [ "$got" = "$3" ] || fail "button $2 on $1 selects frames \"$got\", expected \"$3\""
}
expect_frames java-hello.pcapng Handshake "1 2 3"
expect_frames java-hello.pcapng Data "4 5 6 7"
expect_frames java-hello.pcapng Teardown "8 9 10 11"
expect_frames java-hello.pcapng Problems ""
expect_frames retransmission.pcap Problems "10 11 12 13 16"
expect_frames refused.pcapng Problems "2"
expect_frames simultaneous-close.pcap Teardown "7 8 9 10"

if [ "$errors" = 0 ]; then
    echo "profile-test: PASS: installer, preferences, $checked coloured segments and the filter buttons"
else
    exit 1
fi
