#!/usr/bin/env bash
# Runs the system tshark with a freshly built tcpteach.so, in a throw-away
# home and plugin folder. Wireshark ignores personal plugin folders when it
# runs as root, so as root tshark runs as the unprivileged user "nobody"
# (65534). A capture named with -r FILE is copied into the sandbox first, so
# it need not be readable by that user (and two-pass -2 can seek in it);
# -r - reads standard input.
#
# Usage: tshark-with-plugin.sh PLUGIN.so [tshark arguments...]
# Exits non-zero, with a message, when tshark does not list the plugin.
set -euo pipefail

plugin=${1:?usage: tshark-with-plugin.sh PLUGIN.so [tshark args...]}
shift
[ -f "$plugin" ] || { echo "tshark-with-plugin: no plugin at $plugin" >&2; exit 2; }

sandbox=$(mktemp -d /tmp/tcpteach-sandbox.XXXXXX)
trap 'rm -rf "$sandbox"' EXIT
chmod 755 "$sandbox"
mkdir -p "$sandbox/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan" "$sandbox/home"
cp "$plugin" "$sandbox/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan/tcpteach.so"
chmod -R a+rX "$sandbox/plugins"

run() {
    local envs=(env -i PATH=/usr/bin:/bin HOME="$sandbox/home" LANG=C.UTF-8
                WIRESHARK_PLUGIN_DIR="$sandbox/plugins")
    if [ "$(id -u)" = 0 ]; then
        chown 65534:65534 "$sandbox/home"
        setpriv --reuid=65534 --regid=65534 --clear-groups "${envs[@]}" tshark "$@"
    else
        "${envs[@]}" tshark "$@"
    fi
}

# Captures named with -r are copied where the unprivileged user can read them.
args=()
while [ $# -gt 0 ]; do
    if [ "$1" = "-r" ] && [ $# -ge 2 ] && [ "$2" != "-" ]; then
        copy="$sandbox/capture.$(( ${#args[@]} ))"
        cp "$2" "$copy"
        chmod a+r "$copy"
        args+=(-r "$copy")
        shift 2
    else
        args+=("$1")
        shift
    fi
done

# The plugin must be loaded, or every result below would be meaningless.
if ! run -G plugins 2>/dev/null | grep -q '^tcpteach\.so'; then
    echo "tshark-with-plugin: tshark did not load tcpteach.so (see 'tshark -G plugins')" >&2
    exit 3
fi
run "${args[@]}"
