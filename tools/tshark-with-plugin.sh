#!/usr/bin/env bash
# Runs the system tshark with a freshly built tcpteach.so, without installing
# anything: the same as "tools/sandbox.sh tshark PLUGIN.so ARGS..." (see there).
#
# Usage: tshark-with-plugin.sh PLUGIN.so [tshark arguments...]
set -euo pipefail
exec "$(dirname "$0")/sandbox.sh" tshark "$@"
