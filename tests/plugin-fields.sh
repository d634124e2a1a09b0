#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks that tshark loads tcpteach, that `tshark -G fields` documents
# every field of the teaching contract, and that `tshark -G defaultprefs`
# lists every preference of tcpteach with its default.
set -euo pipefail
sandbox=${1:?usage: plugin-fields.sh SANDBOX PLUGIN.so}
plugin=${2:?usage: plugin-fields.sh SANDBOX PLUGIN.so}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$sandbox" tshark "$plugin" -G fields >"$out"
names=$(cut -f3 "$out")
missing=0
for field in tcpteach.role tcpteach.label tcpteach.step tcpteach.chunk tcpteach.acked_chunk \
    tcpteach.client_state tcpteach.server_state tcpteach.direction \
    tcpteach.retransmission tcpteach.summary tcpteach.congestion; do
    if ! grep -qxF "$field" <<<"$names"; then
        echo "FAIL: tshark -G fields does not list $field" >&2
        missing=$((missing + 1))
    fi
done
grep -q $'^P\tTCP Teaching Annotations\ttcpteach$' "$out" || {
    echo "FAIL: tshark -G fields does not list the tcpteach protocol" >&2
    missing=$((missing + 1))
}
"$sandbox" tshark "$plugin" -G defaultprefs >"$out"
for pref in "language: English" "verbosity: Full: also the conversation" "info_label: TRUE" \
    "quiz_seed: 0" "fields_only: TRUE"; do
    if ! grep -qF "#tcpteach.$pref" "$out"; then
        echo "FAIL: tshark -G defaultprefs does not list tcpteach.$pref" >&2
        missing=$((missing + 1))
    fi
done
[ "$missing" = 0 ] && echo "all tcpteach fields and preferences are registered"
