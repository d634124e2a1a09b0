# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2034,SC2154 # variables shared with the test that sources it
# What the GUI tests share (sourced by gui-test.sh and menu-test.sh): the
# check for the tools, the sandbox with its home and folders, the settings
# that fix Wireshark's window, running in the sandbox with the display, and
# the virtual display itself.
#
# The test sets first: gui_name (its log prefix), plugin, outdir (may be
# empty), top (the source tree) and capture. Afterwards it has: log, fail,
# failed, sandbox, shots, home, xvfb_pid, ws_pid, DISPLAY_NUM, run,
# start_xvfb and windows. Wireshark and tshark run in the project's sandbox
# (tools/sandbox.sh: as root, the unprivileged user "nobody", in a
# throw-away home).

log() { printf '%s: %s\n' "$gui_name" "$*"; }
failed=0
fail() {
    printf '%s: FAIL: %s\n' "$gui_name" "$*" >&2
    failed=1
    exit 1
}

# gui_check_tools [COMMAND:PACKAGE...]: fails, naming the packages to
# install, when a tool this kind of test needs (or one given) is missing.
gui_check_tools() {
    local missing=() tool
    for tool in wireshark:wireshark-qt tshark:tshark Xvfb:xvfb xauth:xauth convert:imagemagick \
        import:imagemagick xdotool:xdotool fc-list:fontconfig setpriv:util-linux "$@"; do
        command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
    done
    # ImageMagick itself, not a stand-in that only converts some files.
    convert -version 2>/dev/null | grep -q ImageMagick || missing+=(imagemagick)
    if [ ${#missing[@]} -gt 0 ]; then
        fail "missing tools; install them with: apt-get install -y $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
    fi
    if [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
        fail "no Chinese font: the Chinese screenshot would show empty boxes; apt-get install -y fonts-wqy-zenhei"
    fi
    [ -f "$plugin" ] || fail "no plugin at $plugin"
    [ -f "$capture" ] || fail "no capture at $capture"
}

# gui_sandbox: the sandbox with the plugin, removed at the end unless the
# test failed (then kept and named); Wireshark and Xvfb are stopped. The
# screenshots go to $outdir, or to a folder in the sandbox when none was
# given; the capture is copied in as java-hello.pcapng.
gui_sandbox() {
    local keep_out=$outdir
    # shellcheck source-path=SCRIPTDIR source=../../tools/sandbox.sh
    . "$top/tools/sandbox.sh"
    sandbox_setup "$plugin"
    sandbox=$SANDBOX
    xvfb_pid=
    ws_pid=
    trap 'failed=$(( $? != 0 || failed )); gui_cleanup' EXIT
    if [ -z "$keep_out" ]; then
        outdir="$sandbox/shots-out"
    fi
    mkdir -p "$outdir"
    outdir=$(cd "$outdir" && pwd)
    shots="$sandbox/shots"
    home="$sandbox/home"
    mkdir -p "$shots" "$sandbox/runtime"
    cp "$capture" "$sandbox/java-hello.pcapng"
    chmod a+r "$sandbox/java-hello.pcapng"
}

gui_cleanup() {
    set +e
    if [ -n "$ws_pid" ]; then
        kill "$ws_pid" 2>/dev/null
        wait "$ws_pid" 2>/dev/null
    fi
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    fi
    if [ "$failed" != 0 ]; then
        log "screenshots and logs kept in $sandbox" >&2
    else
        rm -rf "$sandbox"
    fi
}

# gui_hand_over: Wireshark's settings for a fixed main window (no window
# manager on Xvfb) and no start-up warnings, then the home and the runtime
# folder handed to the sandbox's user.
gui_hand_over() {
    mkdir -p "$home/.config/wireshark"
    cat >"$home/.config/wireshark/recent_common" <<'RECENT'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1280
gui.geometry_main_height: 800
gui.geometry_main_maximized: FALSE
privs.warn_if_elevated: FALSE
sys.warn_if_no_capture: FALSE
RECENT
    if [ "$(id -u)" = 0 ]; then
        chown -R 65534:65534 "$home" "$sandbox/runtime"
    fi
    chmod 700 "$sandbox/runtime"
}

# run COMMAND...: in the sandbox, with the virtual display once it runs.
DISPLAY_NUM=
run() {
    local display=()
    [ -n "$DISPLAY_NUM" ] && display=(DISPLAY=":$DISPLAY_NUM" XAUTHORITY="$sandbox/xauth")
    # shellcheck disable=SC2034 # read by sandbox_run
    local SANDBOX_ENV=(XDG_RUNTIME_DIR="$sandbox/runtime" "${display[@]}")
    sandbox_run "$@"
}

# start_xvfb: Xvfb picks a free display itself (-displayfd) and writes its
# number once it accepts connections; it reads the cookie at start-up,
# whatever the display. Sets DISPLAY_NUM, DISPLAY and XAUTHORITY.
start_xvfb() {
    local cookie
    cookie=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    xauth -q -f "$sandbox/xauth.server" add :0 . "$cookie" 2>/dev/null
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
        -auth "$sandbox/xauth.server" 3>"$sandbox/display" >"$sandbox/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do
        # The number, then a newline, once the server is ready.
        if [ "$(wc -l <"$sandbox/display")" -ge 1 ]; then
            DISPLAY_NUM=$(tr -dc 0-9 <"$sandbox/display")
            xauth -q -f "$sandbox/xauth" add ":$DISPLAY_NUM" . "$cookie" 2>/dev/null
            chmod 644 "$sandbox/xauth"
            export DISPLAY=":$DISPLAY_NUM" XAUTHORITY="$sandbox/xauth"
            return 0
        fi
        kill -0 "$xvfb_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# windows: the visible windows larger than 50x50 pixels, one "id width
# height name" a line.
windows() {
    local w name geo root
    root=$(xdotool search --maxdepth 0 --name '' 2>/dev/null | head -1)
    for w in $(xdotool search --onlyvisible --name '' 2>/dev/null); do
        [ "$w" = "$root" ] && continue
        geo=$(xdotool getwindowgeometry --shell "$w" 2>/dev/null) || continue
        eval "$geo"
        if [ "${WIDTH:-0}" -le 50 ] || [ "${HEIGHT:-0}" -le 50 ]; then continue; fi
        name=$(xdotool getwindowname "$w" 2>/dev/null || true)
        echo "$w $WIDTH $HEIGHT $name"
    done
}
