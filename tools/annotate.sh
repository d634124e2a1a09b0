#!/usr/bin/env bash
# Annotates a capture with tcpteach: one line per TCP segment with its number,
# direction, role, step(s), both endpoints' states and the one-line summary.
#
# Usage: tools/annotate.sh [--lang en|zh] CAPTURE [PLUGIN.so]
# PLUGIN.so defaults to the one built in build/; the system tshark runs it
# through tools/sandbox.sh, so nothing needs installing.
set -euo pipefail

lang=en
if [ "${1:-}" = "--lang" ]; then
    lang=${2:?--lang needs en or zh}
    shift 2
fi
capture=${1:?usage: annotate.sh [--lang en|zh] CAPTURE [PLUGIN.so]}
here=$(cd "$(dirname "$0")" && pwd)
plugin=${2:-$here/../build/plugin/glue/tcpteach.so}

"$here/sandbox.sh" tshark "$plugin" -r "$capture" -o "tcpteach.language:$lang" -Y tcp \
    -T fields -E separator=/t -e frame.number -e tcp.stream -e tcpteach.direction \
    -e tcpteach.role -e tcpteach.step -e tcpteach.client_state -e tcpteach.server_state \
    -e tcpteach.summary |
    awk -F'\t' '
    BEGIN { printf "%-5s %-3s %-4s %-22s %-27s %s\n", "No.", "St.", "Dir", "Role", "Client / Server", "Summary" }
    {
        dir = $3 == "client-to-server" ? "C>S" : ($3 == "server-to-client" ? "S>C" : "")
        role = $4 ($5 != "" ? " (" $5 ")" : "")
        states = $6 != "" ? $6 " / " $7 : ""
        printf "%-5s %-3s %-4s %-22s %-27s %s\n", $1, $2, dir, role, states, $8
    }'
