# shellcheck shell=bash
# Sourced by the fuzz scripts: runs tshark (or valgrind, or a wrapper around
# tshark) with a freshly built tcpteach.so, as tools/tshark-with-plugin.sh
# does, but with room for extra environment (the ASan runtime preloaded,
# sanitizer options) and a wrapper command.
#
# Wireshark 4.0 ignores personal plugin folders when it runs as root, so as
# root the command runs as the unprivileged user "nobody" (65534), in a
# throw-away folder that user can read; files it must read are copied there
# with sandbox_file, files it must write go to $SANDBOX/out.
#
#   sandbox_setup PLUGIN.so        creates $SANDBOX (removed by sandbox_cleanup)
#   SANDBOX_ENV+=(NAME=value ...)  extra environment for every command
#   sandbox_file PATH              copies a file in; prints the copy's path
#   sandbox_run COMMAND [ARGS...]  runs the command in the sandbox
#   sandbox_check_plugin           fails unless tshark has the tcpteach protocol
#   teaching_trees FILE            the tcpteach subtrees of a -V output, by frame
#   ladder_too_wide FILE           the arrow lines of a -z tcpteach,ladder output wider
#                                  than its 100 columns (East Asian wide characters: 2)

SANDBOX=
SANDBOX_ENV=()

sandbox_setup() {
    local plugin=$1
    [ -f "$plugin" ] || { echo "sandbox: no plugin at $plugin" >&2; return 2; }
    SANDBOX=$(mktemp -d -t tcpteach-fuzz-sandbox.XXXXXX)
    chmod 755 "$SANDBOX"
    mkdir -p "$SANDBOX/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan" "$SANDBOX/home" "$SANDBOX/files" "$SANDBOX/out"
    cp "$plugin" "$SANDBOX/plugins/${TCPTEACH_WS_VERSION:-4.0}/epan/tcpteach.so"
    chmod -R a+rX "$SANDBOX/plugins" "$SANDBOX/files"
    if [ "$(id -u)" = 0 ]; then
        chown 65534:65534 "$SANDBOX/home" "$SANDBOX/out"
    fi
}

sandbox_cleanup() {
    [ -n "$SANDBOX" ] && rm -rf "$SANDBOX"
    SANDBOX=
}

sandbox_file() {
    local copy
    copy="$SANDBOX/files/$(basename "$1")"
    cp "$1" "$copy"
    chmod a+r "$copy"
    echo "$copy"
}

sandbox_run() {
    local envs=(env -i PATH=/usr/bin:/bin HOME="$SANDBOX/home" LANG=C.UTF-8
                WIRESHARK_PLUGIN_DIR="$SANDBOX/plugins" "${SANDBOX_ENV[@]}")
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "${envs[@]}" "$@"
    else
        "${envs[@]}" "$@"
    fi
}

# (-G protocols, not -G plugins: that one also starts the extcap helpers,
# which hang with the ASan runtime preloaded.)
sandbox_check_plugin() {
    if ! sandbox_run tshark -G protocols 2>"$SANDBOX/plugins.err" |
        grep -q $'^TCP Teaching Annotations\ttcpteach\t'; then
        echo "sandbox: tshark did not load tcpteach.so (see 'tshark -G protocols'):" >&2
        cat "$SANDBOX/plugins.err" >&2
        return 3
    fi
}

# One-pass and two-pass outputs are compared on these: the rest of a -V
# output is Wireshark's, whose own relative numbers may differ between passes.
teaching_trees() {
    awk '/^Frame [0-9]+:/ { print; next }
         /^TCP Teaching Annotations/ { on = 1; print; next }
         /^[^ ]/ { on = 0 }
         on { print }' "$1"
}

ladder_too_wide() {
    python3 - "$1" <<'EOF'
import sys
import unicodedata

for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if "|-- " not in line and "|<- " not in line:
        continue
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    if width > 100:
        print("    %d columns: %s" % (width, line))
EOF
}
