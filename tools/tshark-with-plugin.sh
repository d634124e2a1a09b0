#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the system tshark with a freshly built tcpteach.so, without installing
# anything: the same as "tools/sandbox.sh tshark PLUGIN.so ARGS..." (see there).
#
# Usage: tshark-with-plugin.sh PLUGIN.so [tshark arguments...]
set -euo pipefail
exec "$(dirname "$0")/sandbox.sh" tshark "$@"
