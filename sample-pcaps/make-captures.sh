#!/usr/bin/env bash
# Regenerates the REAL sample captures of tcpteach: real Java programs talking over the
# loopback interface, captured with dumpcap.
#
#   sudo ./make-captures.sh              # every scenario
#   sudo ./make-captures.sh java-hello   # one or more scenarios by name
#   ./make-captures.sh --list            # the scenario names
#
# Needs: root (capturing on "lo"), javac and java (17 or later), dumpcap, python3.
# Each scenario uses its own TCP port and the capture filter "tcp port N", so a capture holds
# only its own conversation. Re-running gives the same scenario and the same roles, but new
# initial sequence numbers, client ports and timestamps (timing details can still vary a
# little: how a large write is cut into segments, or whether a FIN travels with the last
# data; the README says which parts of each capture depend on timing).
#
# The crafted captures (exact numbers, rare events) are made by craft.py, not by this script.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=$here

# name:port (one port per scenario, see the README)
scenarios=(
    java-hello:55672
    ipv6:55673
    java-chat:55674
    abort-rst:55675
    half-close:55676
    keepalive:55677
    zero-window:55678
    upload-8081:8081
    telnet-9502:9502
    refused:9503
)

die() {
    echo "make-captures: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 [--list | NAME...]"
    echo "names:"
    local entry
    for entry in "${scenarios[@]}"; do
        echo "  ${entry%%:*} (port ${entry##*:})"
    done
}

port_of() {
    local entry
    for entry in "${scenarios[@]}"; do
        if [[ ${entry%%:*} == "$1" ]]; then
            echo "${entry##*:}"
            return 0
        fi
    done
    return 1
}

# --- arguments --------------------------------------------------------------------------------

selected=()
for arg in "$@"; do
    case $arg in
        -h | --help)
            usage
            exit 0
            ;;
        --list)
            for entry in "${scenarios[@]}"; do echo "${entry%%:*}"; done
            exit 0
            ;;
        -*)
            usage >&2
            exit 2
            ;;
        *)
            port_of "$arg" >/dev/null || die "unknown scenario '$arg' (try --list)"
            selected+=("$arg")
            ;;
    esac
done
if ((${#selected[@]} == 0)); then
    for entry in "${scenarios[@]}"; do selected+=("${entry%%:*}"); done
fi

# --- checks and set-up ------------------------------------------------------------------------

((EUID == 0)) || die "must run as root: capturing on the loopback interface needs it (sudo $0)"
for tool in javac java dumpcap capinfos python3 ss timeout; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done

work=$(mktemp -d)
dumpcap_pid=
server_pid=

cleanup() {
    local pid
    for pid in "$dumpcap_pid" "$server_pid"; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

echo "compiling the Java programs"
javac -d "$work/classes" "$here"/java/*.java
# Every Java run is limited to 60 s, so that a stuck scenario cannot hang the script.
java_cmd=(timeout 60 java -cp "$work/classes")

# --- helpers ----------------------------------------------------------------------------------

# wait_for_lines FILE REGEX COUNT: waits until FILE has COUNT lines matching REGEX (max 30 s).
wait_for_lines() {
    local file=$1 regex=$2 count=$3 found deadline=$((SECONDS + 30))
    while true; do
        found=$(grep -c -E -- "$regex" "$file" 2>/dev/null || true)
        ((${found:-0} >= count)) && return 0
        ((SECONDS < deadline)) || die "timed out waiting for '$regex' in $(basename "$file")"
        sleep 0.05
    done
}

# capture_start NAME PORT: starts dumpcap on lo for "tcp port PORT" and waits until it runs.
capture_start() {
    local name=$1 port=$2 deadline=$((SECONDS + 15))
    # Old connections in TIME-WAIT are harmless (the new one gets another client port), but
    # anything else on the port would end up in the capture.
    if ss -Htan "( sport = :$port or dport = :$port )" | grep -qv '^TIME-WAIT'; then
        ss -tan "( sport = :$port or dport = :$port )" >&2
        die "port $port is in use"
    fi
    pcap=$work/$name.pcapng
    dumpcap -i lo -f "tcp port $port" -w "$pcap" -q 2>"$work/$name.dumpcap.log" &
    dumpcap_pid=$!
    until [[ -s $pcap ]]; do
        kill -0 "$dumpcap_pid" 2>/dev/null || die "dumpcap failed: $(cat "$work/$name.dumpcap.log")"
        ((SECONDS < deadline)) || die "dumpcap did not start"
        sleep 0.1
    done
    # The file header is written when the capture starts; give the kernel filter a moment.
    sleep 1
}

# capture_stop NAME COMMENT: lets the last ACK pass, stops dumpcap, tidies the file.
capture_stop() {
    local name=$1 comment=$2 count
    sleep 2
    kill -INT "$dumpcap_pid"
    wait "$dumpcap_pid" || true
    dumpcap_pid=
    python3 "$here/tidy-pcapng.py" "$pcap" "$out_dir/$name.pcapng" \
        "tcpteach sample capture $name: $comment"
    count=$(capinfos -c -M "$out_dir/$name.pcapng" | awk -F: '/Number of packets/ { print $2 + 0 }')
    echo "wrote $name.pcapng ($count packets)"
}

# feed_server LOG LINE...: the server's "keyboard". Before the N-th line it waits until the
# server has printed its N-th "client..." line (the client's line or "client closed"), then
# pauses a little, as a person typing would.
feed_server() {
    local log=$1 line n=0
    shift
    for line in "$@"; do
        n=$((n + 1))
        wait_for_lines "$log" '^client' "$n"
        if [[ $line == bye ]]; then sleep 1; else sleep 0.3; fi
        printf '%s\n' "$line"
    done
}

# classroom NAME HOST PORT SERVER_LINES -- CLIENT_REPLIES: TcpServer and TcpClient.
classroom() {
    local name=$1 host=$2 port=$3 log=$work/$1.server.log
    shift 3
    local server_lines=() client_replies=()
    while (($# > 0)) && [[ $1 != -- ]]; do
        server_lines+=("$1")
        shift
    done
    (($# > 0)) && shift
    client_replies=("$@")

    : >"$log"
    # The feeder reads the log that the server writes: that is the point (it waits for the
    # server's output before typing the next line).
    # shellcheck disable=SC2094
    feed_server "$log" "${server_lines[@]}" | "${java_cmd[@]}" TcpServer "$port" >"$log" &
    server_pid=$!
    wait_for_lines "$log" '^listening' 1
    "${java_cmd[@]}" TcpClient "$host" "$port" "Msg send by client" "${client_replies[@]}" \
        | sed 's/^/  client | /'
    wait "$server_pid"
    server_pid=
    sed 's/^/  server | /' "$log"
}

# --- the scenarios ----------------------------------------------------------------------------

run_java_hello() {
    capture_start java-hello 55672
    classroom java-hello 127.0.0.1 55672 "Hello from server" bye
    capture_stop java-hello "TcpServer/TcpClient on 127.0.0.1 port 55672, one line each way"
}

run_ipv6() {
    if ! ip -6 addr show dev lo 2>/dev/null | grep -q 'inet6 ::1/128'; then
        echo "skipping ipv6: ::1 is not configured on lo"
        return 0
    fi
    capture_start ipv6 55673
    classroom ipv6 ::1 55673 "Hello from server" bye
    capture_stop ipv6 "TcpServer/TcpClient over IPv6 (::1) port 55673, one line each way"
}

run_java_chat() {
    capture_start java-chat 55674
    classroom java-chat 127.0.0.1 55674 \
        "Hello from server" "Which port do I listen on?" "Thanks, goodbye" bye -- \
        "Hello server, the lesson is about TCP" "55674" "Goodbye"
    capture_stop java-chat "TcpServer/TcpClient port 55674, four lines each way, server closes first"
}

# scenario NAME: runs "java Scenarios NAME PORT" between capture_start and capture_stop.
scenario() {
    local file=$1 name=$2 port=$3 comment=$4
    capture_start "$file" "$port"
    "${java_cmd[@]}" Scenarios "$name" "$port" | sed 's/^/  /'
    capture_stop "$file" "$comment"
}

run_abort_rst() {
    scenario abort-rst abort 55675 "one line each way, then close() with SO_LINGER 0 sends RST"
}

run_half_close() {
    scenario half-close half-close 55676 "client shutdownOutput() after its request, server still sends three lines"
}

run_keepalive() {
    scenario keepalive keepalive 55677 "TCP_KEEPIDLE 1 s, TCP_KEEPINTERVAL 1 s, 3.5 s idle, then close"
}

run_zero_window() {
    scenario zero-window zero-window 55678 "receiver with a 4096-byte buffer does not read for 3 s"
}

run_upload_8081() {
    scenario upload-8081 upload 8081 "HTTP POST of 154297 bytes to port 8081, 242-byte reply"
}

run_telnet_9502() {
    scenario telnet-9502 telnet 9502 "7 bytes to port 9502, 18 bytes back, client closes"
}

run_refused() {
    if [[ -n $(ss -Htln "sport = :9503") ]]; then
        die "something listens on port 9503: the refused scenario needs a closed port"
    fi
    scenario refused refused 9503 "SYN to port 9503 where nothing listens, answered by RST"
}

for name in "${selected[@]}"; do
    echo "== $name (port $(port_of "$name"))"
    "run_${name//-/_}"
done
echo "done: ${selected[*]}"
