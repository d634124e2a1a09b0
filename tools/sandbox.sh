#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The one way tests, tools and the benchmark run tshark (or any program that
# loads Wireshark plugins) with a freshly built tcpteach.so.
#
# Wireshark ignores personal plugin folders and WIRESHARK_PLUGIN_DIR when it
# runs as root, so as root the command runs as the unprivileged user "nobody"
# (65534) with setpriv, always with a clean environment (env -i), a
# throw-away HOME and the plugin copied to PLUGINS/VERSION/epan/tcpteach.so.
# VERSION is the Wireshark release series the plugin was built for
# (TCPTEACH_WS_VERSION, written by CMake into tcpteach-build.env at the top
# of the build folder, found by walking up from the plugin; the environment
# variable of that name overrides it). Files the command reads must be
# readable by that user: captures named with -r are copied in.
# Nothing runs unless tshark lists the sandbox's copy of tcpteach.so.
#
# As a command:
#   sandbox.sh tshark PLUGIN.so [ARGS...]   one run: set up, check, run, clean up
#   setup=$(sandbox.sh setup PLUGIN.so) && eval "$setup"
#                                            set up and check once: exports TCPTEACH_SANDBOX
#   sandbox.sh run COMMAND [ARGS...]         run in $TCPTEACH_SANDBOX (-r FILE copied in)
#   sandbox.sh cleanup                       remove $TCPTEACH_SANDBOX
# As a library (. tools/sandbox.sh):
#   sandbox_setup PLUGIN.so|none|installed
#                                  creates $SANDBOX ("none": no plugin, for tests that
#                                  must see a program refuse to run without it;
#                                  "installed": the plugins installed on the system,
#                                  no WIRESHARK_PLUGIN_DIR)
#   SANDBOX_ENV+=(NAME=value ...)  extra environment for every command
#   SANDBOX_CHECK=protocols        check with -G protocols instead of -G plugins
#                                  (-G plugins starts extcap helpers, which hang
#                                  with the ASan runtime preloaded)
#   sandbox_check_plugin           fails unless tshark loads the sandbox's tcpteach.so
#   sandbox_file PATH              copies a file in; prints the copy's path
#   sandbox_run COMMAND [ARGS...]  runs the command in the sandbox
#   sandbox_prefix                 sets SANDBOX_PREFIX, the words sandbox_run puts first
#   sandbox_cleanup                removes the sandbox
#   $TCPTEACH_CATALOGUE            after sandbox_setup: the build's tcpteach-catalogue
# Files the command must write go to $SANDBOX/out.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
fi

SANDBOX=${SANDBOX:-${TCPTEACH_SANDBOX:-}}
SANDBOX_ENV=(${SANDBOX_ENV[@]+"${SANDBOX_ENV[@]}"})
SANDBOX_CHECK=${SANDBOX_CHECK:-plugins}

# sandbox_build_value PLUGIN.so NAME -> NAME's value in the tcpteach-build.env
# of the build the plugin comes from (the nearest one above it)
sandbox_build_value() {
    local dir value
    dir=$(cd "$(dirname "$1")" && pwd)
    while [ "$dir" != / ]; do
        if [ -f "$dir/tcpteach-build.env" ]; then
            value=$(sed -n "s/^$2=//p" "$dir/tcpteach-build.env")
            if [ -n "$value" ]; then
                echo "$value"
                return
            fi
        fi
        dir=$(dirname "$dir")
    done
    return 1
}

# sandbox_ws_version PLUGIN.so -> the Wireshark series (e.g. 4.0) it was built for
sandbox_ws_version() {
    if [ -n "${TCPTEACH_WS_VERSION:-}" ]; then
        echo "$TCPTEACH_WS_VERSION"
    elif ! sandbox_build_value "$1" TCPTEACH_WS_VERSION; then
        echo "sandbox: no tcpteach-build.env above $1: cannot tell which Wireshark series it" \
             "was built for (build it with CMake, or set TCPTEACH_WS_VERSION)" >&2
        return 2
    fi
}

sandbox_setup() {
    local plugin=$1 version=
    if [ "$plugin" != none ] && [ "$plugin" != installed ]; then
        [ -f "$plugin" ] || { echo "sandbox: no plugin at $plugin" >&2; return 2; }
        version=$(sandbox_ws_version "$plugin")
    fi
    SANDBOX=$(mktemp -d -t tcpteach-sandbox.XXXXXX)
    chmod 755 "$SANDBOX"
    mkdir -p "$SANDBOX/plugins" "$SANDBOX/home" "$SANDBOX/files" "$SANDBOX/out"
    if [ -n "$version" ]; then
        # The build's catalogue program, for scripts that read the core's lists.
        if [ -z "${TCPTEACH_CATALOGUE:-}" ]; then
            TCPTEACH_CATALOGUE=$(sandbox_build_value "$plugin" TCPTEACH_CATALOGUE) || true
            export TCPTEACH_CATALOGUE
        fi
        mkdir -p "$SANDBOX/plugins/$version/epan"
        cp "$plugin" "$SANDBOX/plugins/$version/epan/tcpteach.so"
    fi
    [ "$plugin" != installed ] || touch "$SANDBOX/plugins/.installed"
    chmod -R a+rX "$SANDBOX/plugins" "$SANDBOX/files"
    if [ "$(id -u)" = 0 ]; then
        chown 65534:65534 "$SANDBOX/home" "$SANDBOX/out"
    fi
}

sandbox_cleanup() {
    if [ -n "${SANDBOX:-}" ]; then
        rm -rf "$SANDBOX"
    fi
    SANDBOX=
}

sandbox_file() {
    local dir
    dir=$(mktemp -d "$SANDBOX/files/XXXXXX")
    chmod 755 "$dir"
    cp "$1" "$dir/"
    chmod a+r "$dir/$(basename "$1")"
    echo "$dir/$(basename "$1")"
}

# sandbox_prefix -> SANDBOX_PREFIX: the command words that put a program in the
# sandbox (for wrappers that need an executable, such as /usr/bin/time)
sandbox_prefix() {
    [ -n "${SANDBOX:-}" ] && [ -d "$SANDBOX/plugins" ] || {
        echo "sandbox: not set up (sandbox_setup, or sandbox.sh setup)" >&2
        return 2
    }
    SANDBOX_PREFIX=()
    if [ "$(id -u)" = 0 ]; then
        SANDBOX_PREFIX=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    fi
    SANDBOX_PREFIX+=(env -i PATH=/usr/bin:/bin HOME="$SANDBOX/home" LANG=C.UTF-8)
    [ -f "$SANDBOX/plugins/.installed" ] || SANDBOX_PREFIX+=(WIRESHARK_PLUGIN_DIR="$SANDBOX/plugins")
    SANDBOX_PREFIX+=(${SANDBOX_ENV[@]+"${SANDBOX_ENV[@]}"})
}

sandbox_run() {
    sandbox_prefix
    "${SANDBOX_PREFIX[@]}" "$@"
}

sandbox_check_plugin() {
    local ok=0
    if [ "$SANDBOX_CHECK" = protocols ]; then
        sandbox_run tshark -G protocols 2>"$SANDBOX/check.err" >"$SANDBOX/check.out" || true
        grep -Eq $'^TCP Teaching Annotations\t[^\t]*\ttcpteach(\t|$)' "$SANDBOX/check.out" && ok=1
    else
        sandbox_run tshark -G plugins 2>"$SANDBOX/check.err" >"$SANDBOX/check.out" || true
        # The sandbox's own copy, not one installed elsewhere (unless asked for).
        local where="$SANDBOX/plugins/"
        [ ! -f "$SANDBOX/plugins/.installed" ] || where=/
        grep -q $'^tcpteach\\.so.*\t'"$where" "$SANDBOX/check.out" && ok=1
    fi
    if [ "$ok" = 0 ]; then
        echo "sandbox: tshark did not load the sandbox's tcpteach.so (tshark -G $SANDBOX_CHECK;" \
             "tshark is $(tshark --version 2>/dev/null | head -1)):" >&2
        grep tcpteach "$SANDBOX/check.out" >&2 || true
        head -5 "$SANDBOX/check.err" >&2
        return 3
    fi
}

# sandbox_copy_args ARGS... -> SANDBOX_ARGS, with every "-r FILE" copied in
# (the copies listed in SANDBOX_COPIES)
sandbox_copy_args() {
    SANDBOX_ARGS=()
    SANDBOX_COPIES=()
    while [ $# -gt 0 ]; do
        if [ "$1" = -r ] && [ $# -ge 2 ] && [ "$2" != - ] && [ "${2#"$SANDBOX"/}" = "$2" ]; then
            SANDBOX_COPIES+=("$(sandbox_file "$2")")
            SANDBOX_ARGS+=(-r "${SANDBOX_COPIES[-1]}")
            shift 2
        else
            SANDBOX_ARGS+=("$1")
            shift
        fi
    done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    usage="usage: sandbox.sh tshark PLUGIN.so [ARGS...] | setup PLUGIN.so | run COMMAND [ARGS...] | cleanup"
    case "${1:-}" in
    tshark)
        [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
        plugin=$2
        shift 2
        SANDBOX=
        trap sandbox_cleanup EXIT
        sandbox_setup "$plugin"
        sandbox_check_plugin
        sandbox_copy_args "$@"
        sandbox_run tshark ${SANDBOX_ARGS[@]+"${SANDBOX_ARGS[@]}"}
        ;;
    setup)
        [ $# = 2 ] || { echo "$usage" >&2; exit 2; }
        SANDBOX=
        sandbox_setup "$2"
        if ! sandbox_check_plugin; then
            sandbox_cleanup
            exit 3
        fi
        printf 'export TCPTEACH_SANDBOX=%q\n' "$SANDBOX"
        ;;
    run)
        shift
        [ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
        sandbox_copy_args "$@"
        status=0
        sandbox_run "${SANDBOX_ARGS[@]}" || status=$?
        for copy in ${SANDBOX_COPIES[@]+"${SANDBOX_COPIES[@]}"}; do
            rm -rf "$(dirname "$copy")"
        done
        exit "$status"
        ;;
    cleanup)
        sandbox_cleanup
        ;;
    *)
        echo "$usage" >&2
        exit 2
        ;;
    esac
fi
