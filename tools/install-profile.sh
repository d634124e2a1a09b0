#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the "TCP Teaching" Wireshark configuration profile for the current
# user: packet list columns for the tcpteach fields, colouring rules per phase
# of the connection, filter buttons and a larger font for projectors.
#
# Usage: tools/install-profile.sh [--force]
#
# The profile goes where Wireshark looks for the user's profiles, the same way
# Wireshark finds it:
#   $WIRESHARK_CONFIG_DIR/profiles/       when that variable is set;
#   ${XDG_CONFIG_HOME:-$HOME/.config}/wireshark/profiles/
#                                         when that folder exists, else
#   ~/.wireshark/profiles/                when that (old) folder exists, else
#   ${XDG_CONFIG_HOME:-$HOME/.config}/wireshark/profiles/ (created).
# An existing "TCP Teaching" profile that differs from this one (for example
# after changes made in Wireshark) is only replaced with --force.
# Then: wireshark -C "TCP Teaching" capture.pcapng, or pick the profile in
# the status bar (bottom right) or Edit > Configuration Profiles.
set -euo pipefail

name="TCP Teaching"
force=0
for arg in "$@"; do
    case $arg in
    --force) force=1 ;;
    -h | --help)
        sed -n '2,18s/^# \{0,1\}//p' "$0"
        exit 0
        ;;
    *)
        echo "install-profile: unknown argument: $arg (usage: install-profile.sh [--force])" >&2
        exit 2
        ;;
    esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src="$here/../packaging/profiles/$name"
if [ ! -f "$src/preferences" ]; then
    echo "install-profile: the profile is missing from the source tree: $src" >&2
    exit 1
fi

if [ -n "${WIRESHARK_CONFIG_DIR:-}" ]; then
    confdir=$WIRESHARK_CONFIG_DIR
else
    : "${HOME:?install-profile: HOME is not set}"
    xdg=${XDG_CONFIG_HOME:-$HOME/.config}/wireshark
    if [ -d "$xdg" ] || [ ! -d "$HOME/.wireshark" ]; then
        confdir=$xdg
    else
        confdir=$HOME/.wireshark
    fi
fi
dest="$confdir/profiles/$name"

# Files of the profile that differ in (or are missing from) the installed
# copy. "recent" is left out: Wireshark rewrites it (window layout, zoom) on
# every exit, so it only seeds a new installation.
differing() {
    local f base
    for f in "$src"/*; do
        base=${f##*/}
        [ "$base" = recent ] && continue
        cmp -s "$f" "$dest/$base" || echo "$base"
    done
}

if [ -e "$dest" ]; then
    changed=$(differing)
    if [ -z "$changed" ]; then
        echo "The Wireshark profile \"$name\" is already installed in $dest"
        exit 0
    fi
    if [ "$force" != 1 ]; then
        echo "install-profile: a different \"$name\" profile already exists in" >&2
        echo "  $dest" >&2
        echo "  (differing files: ${changed//$'\n'/ })" >&2
        echo "It may hold your own changes. Run again with --force to replace it." >&2
        exit 1
    fi
    rm -rf "$dest"
fi

mkdir -p "$dest"
cp "$src"/* "$dest"/
echo "Installed the Wireshark profile \"$name\" in $dest"
echo "Use it with: wireshark -C \"$name\" CAPTURE, or choose it in Edit > Configuration Profiles."
