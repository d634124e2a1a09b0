#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
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
    python3 -c '
import sys
row = "%-5s %-3s %-4s %-22s %-27s %s"
print(row % ("No.", "St.", "Dir", "Role", "Client / Server", "Summary"))
arrow = {"client-to-server": "C>S", "server-to-client": "S>C"}
for line in sys.stdin:
    frame, stream, direction, role, step, client, server, summary = \
        (line.rstrip("\n").split("\t") + [""] * 8)[:8]
    role += " (%s)" % step if step else ""
    states = "%s / %s" % (client, server) if client else ""
    print(row % (frame, stream, arrow.get(direction, ""), role, states, summary))
'
