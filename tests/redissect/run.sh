#!/usr/bin/env bash
# Runs tcpteach-redissect with a freshly built tcpteach.so, in a throw-away
# home and plugin folder. Wireshark ignores personal plugin folders and
# WIRESHARK_PLUGIN_DIR when it runs as root, so as root the program runs as
# the unprivileged user "nobody" (65534); the program and the capture are
# copied into the sandbox so that user can read them.
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

sandbox=$(mktemp -d "${TMPDIR:-/tmp}/tcpteach-redissect.XXXXXX")
trap 'rm -rf "$sandbox"' EXIT
chmod 755 "$sandbox"
mkdir -p "$sandbox/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan" "$sandbox/home" "$sandbox/bin"
if [ "$plugin" != none ]; then
    cp "$plugin" "$sandbox/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan/tcpteach.so"
fi
cp "$program" "$sandbox/bin/tcpteach-redissect"
name=$(basename "$capture")
cp "$capture" "$sandbox/$name"
chmod -R a+rX "$sandbox/plugins" "$sandbox/bin" "$sandbox/$name"

wrapper=()
if [ -n "${REDISSECT_WRAPPER:-}" ]; then
    read -r -a wrapper <<<"$REDISSECT_WRAPPER"
fi
envs=(env -i PATH=/usr/bin:/bin HOME="$sandbox/home" LANG=C.UTF-8
      WIRESHARK_PLUGIN_DIR="$sandbox/plugins")
cmd=("${wrapper[@]}" "$sandbox/bin/tcpteach-redissect" "$sandbox/$name" "$@")
status=0
if [ "$(id -u)" = 0 ]; then
    chown 65534:65534 "$sandbox/home"
    setpriv --reuid=65534 --regid=65534 --clear-groups "${envs[@]}" "${cmd[@]}" || status=$?
else
    "${envs[@]}" "${cmd[@]}" || status=$?
fi
exit "$status"
