#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/sandbox.sh keeps its guarantees: tshark loads the sandbox's own copy
# of the plugin; as root the command runs as nobody (65534), always with a
# clean environment; a capture the command cannot read is copied in; and it
# refuses to run without the plugin: a file that is not the plugin, a plugin
# put in another Wireshark series' folder, or a missing one.
set -euo pipefail
sandbox=${1:?usage: sandbox-check.sh SANDBOX.sh PLUGIN.so}
plugin=${2:?usage: sandbox-check.sh SANDBOX.sh PLUGIN.so}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# One run, end to end, on a capture only its owner can read.
cp "$top/sample-pcaps/java-hello.pcapng" "$work/private.pcapng"
chmod 600 "$work/private.pcapng"
roles=$("$sandbox" tshark "$plugin" -r "$work/private.pcapng" -T fields -e tcpteach.role -c 1) ||
    fail "a one-shot run failed"
[ -n "$roles" ] || fail "frame 1 has no role: the plugin did not annotate it"

# Set up once, run many times.
setup=$("$sandbox" setup "$plugin")
eval "$setup"
[ -d "$TCPTEACH_SANDBOX" ] || fail "setup exported no sandbox"
uid=$("$sandbox" run id -u)
if [ "$(id -u)" = 0 ]; then
    [ "$uid" = 65534 ] || fail "as root the command runs as uid $uid, not 65534"
fi
envs=$("$sandbox" run env | cut -d= -f1 | sort | tr '\n' ' ')
[ "$envs" = "HOME LANG PATH WIRESHARK_PLUGIN_DIR " ] || fail "unexpected environment: $envs"
so=$(find "$TCPTEACH_SANDBOX/plugins" -name tcpteach.so)
version=$(TCPTEACH_WS_VERSION= bash -c '. "$1"; sandbox_ws_version "$2"' _ "$sandbox" "$plugin")
[ "$so" = "$TCPTEACH_SANDBOX/plugins/$version/epan/tcpteach.so" ] ||
    fail "the plugin is at $so, not in the build's series folder $version"
"$sandbox" run tshark -G plugins | grep -q "$TCPTEACH_SANDBOX/plugins/" ||
    fail "tshark does not list the sandbox's plugin"
# The plugin removed after setup: tshark runs, but without it.
rm "$so"
if "$sandbox" run tshark -G plugins | grep -q tcpteach; then fail "tshark lists a removed plugin"; fi
"$sandbox" cleanup
[ ! -d "$TCPTEACH_SANDBOX" ] || fail "cleanup left the sandbox"

# Refusals: each must fail with a message, before tshark runs anything.
expect_refusal() {
    local why=$1 status=0
    shift
    "$@" >"$work/out" 2>"$work/err" || status=$?
    if [ "$status" = 0 ]; then
        fail "$why: the sandbox ran tshark"
    elif ! grep -q 'sandbox:' "$work/err"; then
        fail "$why: no message ($(cat "$work/err"))"
    fi
}
echo "not a plugin" >"$work/tcpteach.so"
cp "$(dirname "$plugin")/../../tcpteach-build.env" "$work/" 2>/dev/null ||
    echo "TCPTEACH_WS_VERSION=$version" >"$work/tcpteach-build.env"
expect_refusal "a file that is not a plugin" "$sandbox" tshark "$work/tcpteach.so" -G plugins
expect_refusal "a plugin in another series' folder" \
    env TCPTEACH_WS_VERSION=9.99 "$sandbox" tshark "$plugin" -G plugins
expect_refusal "no plugin" "$sandbox" tshark "$work/missing.so" -G plugins
expect_refusal "setup without a plugin" "$sandbox" setup "$work/tcpteach.so"
nobuild=$(mktemp -d)
cp "$plugin" "$nobuild/tcpteach.so"
expect_refusal "a plugin of an unknown build" \
    env TCPTEACH_WS_VERSION= "$sandbox" tshark "$nobuild/tcpteach.so" -G plugins
rm -rf "$nobuild"

[ "$failures" = 0 ] || exit 1
echo "sandbox: plugin loaded from its series folder as $uid, clean environment, 5 refusals"
