#!/usr/bin/env bash
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
home="$sandbox/home"
mkdir -p "$sandbox/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan" "$home" "$sandbox/pcaps"
HOME=$home XDG_CONFIG_HOME='' WIRESHARK_CONFIG_DIR='' "$install" >/dev/null
cp "$plugin" "$sandbox/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan/tcpteach.so"
cp "$top"/sample-pcaps/*.pcap "$top"/sample-pcaps/*.pcapng "$sandbox/pcaps/"
chmod -R a+rX "$sandbox/plugins" "$sandbox/pcaps"
as_user=()
if [ "$(id -u)" = 0 ]; then
    chown -R 65534:65534 "$home"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
tshark_() {
    "${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 \
        WIRESHARK_PLUGIN_DIR="$sandbox/plugins" tshark "$@"
}
tshark_ -G plugins 2>/dev/null | grep -q '^tcpteach\.so' || {
    fail "tshark does not load $plugin"
    exit 1
}

# Every preference of the profile exists.
tshark_ -C "$profile" -r "$sandbox/pcaps/java-hello.pcapng" -c 1 >/dev/null 2>"$sandbox/err" ||
    fail "tshark -C \"$profile\" failed: $(cat "$sandbox/err")"
[ ! -s "$sandbox/err" ] || fail "tshark complains about the profile: $(cat "$sandbox/err")"

# Every filter compiles: colouring rules, then buttons (\x22 is a quote there).
while IFS= read -r filter; do
    tshark_ -r "$sandbox/pcaps/java-hello.pcapng" -Y "$filter" >/dev/null 2>"$sandbox/err" ||
        fail "invalid filter in colorfilters: $filter: $(cat "$sandbox/err")"
done < <(grep '^@' "$src/colorfilters" | cut -d@ -f3)
declare -A button
while IFS=$'\t' read -r label filter; do
    button[$label]=$filter
    tshark_ -r "$sandbox/pcaps/java-hello.pcapng" -Y "$filter" >/dev/null 2>"$sandbox/err" ||
        fail "invalid filter of the button $label: $filter: $(cat "$sandbox/err")"
done < <(sed -nE 's/^"TRUE","([^"]*)","([^"]*)".*/\1\t\2/p' "$src/dfilter_buttons" | sed 's/\\x22/"/g')
[ "${#button[@]}" = 4 ] || fail "expected 4 filter buttons, found ${#button[@]}: ${!button[*]}"

# Every TCP segment gets the colour of its role (or the problem colour).
expected_rule() {
    case $1 in
    handshake-* | simultaneous-open) echo "Handshake (connection setup)" ;;
    data-piggyback) echo "Data with a piggybacked ACK" ;;
    data) echo "Data" ;;
    ack) echo "Pure ACK" ;;
    teardown-* | simultaneous-close) echo "Teardown (connection release)" ;;
    reset | refused | icmp-quoted) echo "Reset, refused connection or ICMP error" ;;
    dup-ack | malformed) echo "Problem:" ;;
    window-update | keepalive* | zero-window-probe*) echo "Flow control and keep-alive" ;;
    *) echo "?" ;;
    esac
}
checked=0
for capture in "$sandbox"/pcaps/*; do
    name=${capture##*/}
    tshark_ -C "$profile" -r "$capture" --color -T fields -E separator='|' \
        -e frame.number -e tcpteach.role -e tcpteach.retransmission -e frame.coloring_rule.name \
        >"$sandbox/colours" 2>"$sandbox/err" || true
    [ ! -s "$sandbox/err" ] || fail "$name: tshark complains: $(head -3 "$sandbox/err")"
    while IFS='|' read -r frame role retrans rule; do
        [ -n "$role" ] || continue
        role=${role%%,*}
        want=$(expected_rule "$role")
        checked=$((checked + 1))
        if [ "$rule" = "${rule#Problem:}" ]; then
            [ "$rule" = "$want" ] ||
                fail "$name frame $frame ($role): coloured \"$rule\", expected \"$want\""
        else
            # The problem rule wins over the role's colour, but only for problems.
            [ "$retrans" = 1 ] || [ "$want" = "Problem:" ] ||
                tshark_ -r "$capture" -Y "frame.number == $frame && tcp.analysis.flags" 2>/dev/null | grep -q . ||
                fail "$name frame $frame ($role): coloured as a problem without one"
        fi
    done <"$sandbox/colours"
done
[ "$checked" -gt 100 ] || fail "only $checked segments checked"

# The buttons select the expected frames.
frames() {
    tshark_ -r "$sandbox/pcaps/$1" -Y "$2" -T fields -e frame.number 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
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
