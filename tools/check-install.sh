#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks that Wireshark can load tcpteach, and says why when it cannot.
#
#   tools/check-install.sh [PLUGIN.so...]
#
# Without arguments it looks for tcpteach.so in every plugin folder of every
# Wireshark series, personal (~/.local/lib/wireshark/plugins/X.Y/epan, and
# $WIRESHARK_PLUGIN_DIR/X.Y/epan) and global, and compares each copy with the
# Wireshark that tshark runs: a plugin binary is tied to the major.minor
# series it was built for, and Wireshark only looks in the folder of its own
# series. Finally it asks tshark whether the plugin is loaded
# (tshark -G plugins). Exit status 0 when it is, 1 otherwise.
set -uo pipefail

if ! command -v tshark >/dev/null; then
    echo "check-install: tshark is not installed (Debian/Ubuntu: apt-get install tshark)" >&2
    exit 1
fi
version=$(tshark --version 2>/dev/null | sed -nE '1s/.* ([0-9]+)\.([0-9]+)\.[0-9]+.*/\1.\2/p')
if [ -z "$version" ]; then
    echo "check-install: cannot tell which Wireshark tshark is" >&2
    exit 1
fi
folders=$(tshark -G folders 2>/dev/null)
folder() { printf '%s\n' "$folders" | awk -F'\t' -v k="$1:" '$1 ~ "^" k { print $2; exit }'; }
personal=$(folder "Personal Plugins")
global=$(folder "Global Plugins")
echo "tshark is Wireshark $version: it loads plugins from"
echo "  $personal/epan (you)"
if [ -n "${WIRESHARK_PLUGIN_DIR:-}" ]; then
    echo "  $global/epan (WIRESHARK_PLUGIN_DIR, instead of the global folder)"
else
    echo "  $global/epan (every user)"
fi

candidates=("$@")
if [ ${#candidates[@]} -eq 0 ]; then
    declare -A seen=()
    for base in "${personal%/*}" "${global%/*}"; do
        for f in "$base"/*/epan/tcpteach.so; do
            [ -e "$f" ] || continue
            real=$(readlink -f "$f")
            [ -z "${seen[$real]:-}" ] || continue
            seen[$real]=1
            candidates+=("$f")
        done
    done
fi

problems=0
for f in "${candidates[@]}"; do
    built=$(grep -ao 'tcpteach built for Wireshark [0-9]*\.[0-9]*' "$f" 2>/dev/null | head -1)
    built=${built##* }
    dir=$(dirname "$f")
    placed=""
    if [ "$(basename "$dir")" = epan ]; then
        placed=$(basename "$(dirname "$dir")")
    fi
    echo
    echo "$f"
    if [ -z "$built" ]; then
        echo "  not a tcpteach plugin this tool can read (built before it recorded its series?)"
        problems=$((problems + 1))
        continue
    fi
    echo "  built for Wireshark $built"
    if [ "$built" != "$version" ]; then
        echo "  PROBLEM: this Wireshark is $version. A plugin built for $built is not loaded by"
        echo "  Wireshark $version; rebuild tcpteach against Wireshark $version's development files"
        echo "  and install that build into plugins/$version/epan."
        problems=$((problems + 1))
    elif [ -n "$placed" ] && [ "$placed" != "$version" ]; then
        echo "  PROBLEM: it is in the folder of series $placed; Wireshark $version only looks in"
        echo "  plugins/$version/epan. Move it to $(dirname "$(dirname "$dir")")/$version/epan/."
        problems=$((problems + 1))
    elif [ -z "$placed" ] && [ $# -eq 0 ]; then
        echo "  not in a plugins/X.Y/epan folder: Wireshark will not find it there"
    else
        echo "  right series and folder"
    fi
done
if [ ${#candidates[@]} -eq 0 ]; then
    echo
    echo "No tcpteach.so found in any Wireshark plugin folder."
fi

echo
if tshark -G plugins 2>/dev/null | grep -q tcpteach; then
    echo "OK: tshark loads tcpteach:"
    tshark -G plugins 2>/dev/null | grep tcpteach | sed 's/^/  /'
    exit 0
fi
echo "tshark does NOT load tcpteach."
if [ "$(id -u)" = 0 ]; then
    echo "You are root: Wireshark ignores personal plugin folders and WIRESHARK_PLUGIN_DIR"
    echo "when it runs with special privileges. Run it as a normal user, or install the"
    echo "plugin for every user (cmake --install build, or the Debian package)."
fi
[ "$problems" -gt 0 ] || echo "Install it: see README.md, \"Installing the plugin\"."
exit 1
