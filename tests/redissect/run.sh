#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs tcpteach-redissect with a freshly built tcpteach.so in the project's
# sandbox (tools/sandbox.sh: as root, the unprivileged user "nobody"); the
# program and the capture are copied in so that user can read them.
#
# Usage: run.sh PLUGIN.so PROGRAM CAPTURE [PROGRAM ARGS...]
#   PLUGIN.so  the plugin to load, or "none" to run without it (the program
#              must then fail)
#   PROGRAM ARGS  e.g. a SEED, --dump, -o tcpteach.language:zh
# REDISSECT_WRAPPER, if set, is put in front of the program (for example
# "valgrind --leak-check=full").
set -euo pipefail

usage="usage: run.sh PLUGIN.so|none PROGRAM CAPTURE [ARGS...]"
plugin=${1:?$usage}
program=${2:?$usage}
capture=${3:?$usage}
shift 3
[ "$plugin" = none ] || [ -f "$plugin" ] || { echo "run.sh: no plugin at $plugin" >&2; exit 2; }
[ -x "$program" ] || { echo "run.sh: no program at $program" >&2; exit 2; }
[ -f "$capture" ] || { echo "run.sh: no capture at $capture" >&2; exit 2; }

# shellcheck source=../../tools/sandbox.sh
. "$(dirname "$0")/../../tools/sandbox.sh"
trap sandbox_cleanup EXIT
# (The program itself refuses to run when the tcpteach protocol is missing.)
sandbox_setup "$plugin"
mkdir -p "$SANDBOX/bin"
cp "$program" "$SANDBOX/bin/tcpteach-redissect"
chmod -R a+rX "$SANDBOX/bin"
copy=$(sandbox_file "$capture")

wrapper=()
if [ -n "${REDISSECT_WRAPPER:-}" ]; then
    read -r -a wrapper <<<"$REDISSECT_WRAPPER"
fi
status=0
sandbox_run "${wrapper[@]}" "$SANDBOX/bin/tcpteach-redissect" "$copy" "$@" || status=$?
exit "$status"
