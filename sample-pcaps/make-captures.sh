#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the REAL sample captures of tcpteach: real Java programs talking over the
# loopback interface, captured with dumpcap; and the classroom pair again between two hosts.
#
#   sudo ./make-captures.sh              # every scenario
#   sudo ./make-captures.sh java-hello   # one or more scenarios by name
#   ./make-captures.sh --list            # the scenario names
#
# Needs: root (capturing on "lo", network namespaces), javac and java (17 or later), dumpcap,
# capinfos, python3, ip (iproute2).
# Each scenario uses its own TCP port and the capture filter "tcp port N", so a capture holds
# only its own conversation. Re-running gives the same scenario and the same roles, but new
# initial sequence numbers, client ports and timestamps (timing details can still vary a
# little: how a large write is cut into segments, or whether a FIN travels with the last
# data; the README says which parts of each capture depend on timing).
#
# On loopback both ends have the address 127.0.0.1, so Wireshark's Flow Graph (Statistics >
# Flow Graph) draws a single node with arrows of zero length. The "-2hosts" scenarios run the
# same programs on two hosts: two network namespaces made for the run, joined by a veth pair,
# client 10.0.0.1 and server 10.0.0.2 (MTU 1500, so MSS 1460), captured by dumpcap on the
# client's side of the link (what a student capturing on the client machine sees). Nothing
# outside these namespaces is changed (no host interface, route or sysctl), and they are
# deleted on exit, also after an error.
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
    java-hello-2hosts:55672
    java-chat-2hosts:55674
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
for tool in javac java dumpcap capinfos python3 ss timeout ip; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done

work=$(mktemp -d)
dumpcap_pid=
server_pid=

# The two hosts' namespaces: named after this script's process, so that two runs never share one.
ns_client=tcpteach-client-$$
ns_server=tcpteach-server-$$
ns_made=0
two_hosts=0 # 1 while a scenario runs on the two hosts

cleanup() {
    local pid ns
    for pid in "$dumpcap_pid" "$server_pid"; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    for ns in "$ns_client" "$ns_server"; do
        if ((ns_made == 1)) && ip netns list | grep -qw -- "$ns"; then ip netns delete "$ns"; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

echo "compiling the Java programs"
javac -d "$work/classes" "$here"/java/*.java
# Every Java run is limited to 60 s, so that a stuck scenario cannot hang the script.
java_cmd=(timeout 60 java -cp "$work/classes")
# Where the server, the client and dumpcap run: set by on_loopback or on_two_hosts.
server_cmd=()
client_cmd=()
capture_cmd=()

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

# on_loopback: the server, the client and dumpcap (on lo) run here.
on_loopback() {
    two_hosts=0
    server_cmd=("${java_cmd[@]}")
    client_cmd=("${java_cmd[@]}")
    capture_cmd=(dumpcap -i lo)
}

# on_two_hosts: the server, the client and dumpcap (on tt-client) run in the two hosts'
# namespaces, made on first use, each with its loopback and one end of a veth pair
# (tt-client 10.0.0.1/24, tt-server 10.0.0.2/24). The pair is created inside the client's
# namespace and one end moved to the server's, so it never appears outside them.
on_two_hosts() {
    two_hosts=1
    server_cmd=(ip netns exec "$ns_server" "${java_cmd[@]}")
    client_cmd=(ip netns exec "$ns_client" "${java_cmd[@]}")
    capture_cmd=(ip netns exec "$ns_client" dumpcap -i tt-client)
    ((ns_made == 0)) || return 0
    ns_made=1
    ip netns add "$ns_client"
    ip netns add "$ns_server"
    ip -n "$ns_client" link add tt-client type veth peer name tt-server netns "$ns_server"
    ip -n "$ns_client" addr add 10.0.0.1/24 dev tt-client
    ip -n "$ns_server" addr add 10.0.0.2/24 dev tt-server
    local ns
    for ns in "$ns_client" "$ns_server"; do
        ip -n "$ns" link set lo up
    done
    # Checksums computed by the sending stack, not left to the (virtual) network card: as on
    # a real link, every captured segment then has a correct TCP checksum. That is ethtool's
    # "-K DEV tx off", done with the ioctl itself (ETHTOOL_STXCSUM) so as to need no ethtool.
    local dev
    for dev in "$ns_client":tt-client "$ns_server":tt-server; do
        ip netns exec "${dev%%:*}" python3 -c '
import array, fcntl, socket, struct, sys
SIOCETHTOOL, ETHTOOL_STXCSUM = 0x8946, 0x17
value = array.array("I", [ETHTOOL_STXCSUM, 0])
ifr = struct.pack("16sP", sys.argv[1].encode(), value.buffer_info()[0]).ljust(40, b"\0")
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    fcntl.ioctl(s, SIOCETHTOOL, ifr)' "${dev#*:}" || die "cannot turn off checksum offload on ${dev#*:}"
    done
    ip -n "$ns_client" link set tt-client up
    ip -n "$ns_server" link set tt-server up
    # The link works: a connection to a closed port of the server is refused (not timed out).
    ip netns exec "$ns_client" python3 -c '
import socket, sys
try:
    socket.create_connection(("10.0.0.2", 9), timeout=10)
except ConnectionRefusedError:
    sys.exit(0)
sys.exit(1)' 2>/dev/null || die "the client's namespace cannot reach the server's"
}

# capture_start NAME PORT: starts dumpcap for "tcp port PORT" and waits until it runs.
capture_start() {
    local name=$1 port=$2 deadline=$((SECONDS + 15))
    # Old connections in TIME-WAIT are harmless (the new one gets another client port), but
    # anything else on the port would end up in the capture. (The two hosts are new: nothing
    # runs there.)
    if ((two_hosts == 0)) && ss -Htan "( sport = :$port or dport = :$port )" | grep -qv '^TIME-WAIT'; then
        ss -tan "( sport = :$port or dport = :$port )" >&2
        die "port $port is in use"
    fi
    pcap=$work/$name.pcapng
    "${capture_cmd[@]}" -f "tcp port $port" -w "$pcap" -q 2>"$work/$name.dumpcap.log" &
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
    feed_server "$log" "${server_lines[@]}" | "${server_cmd[@]}" TcpServer "$port" >"$log" &
    server_pid=$!
    wait_for_lines "$log" '^listening' 1
    "${client_cmd[@]}" TcpClient "$host" "$port" "Msg send by client" "${client_replies[@]}" \
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

run_java_hello_2hosts() {
    on_two_hosts
    capture_start java-hello-2hosts 55672
    classroom java-hello-2hosts 10.0.0.2 55672 "Hello from server" bye
    capture_stop java-hello-2hosts "TcpServer on 10.0.0.2, TcpClient on 10.0.0.1 (two hosts), port 55672, one line each way"
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

run_java_chat_2hosts() {
    on_two_hosts
    capture_start java-chat-2hosts 55674
    classroom java-chat-2hosts 10.0.0.2 55674 \
        "Hello from server" "Which port do I listen on?" "Thanks, goodbye" bye -- \
        "Hello server, the lesson is about TCP" "55674" "Goodbye"
    capture_stop java-chat-2hosts "TcpServer on 10.0.0.2, TcpClient on 10.0.0.1 (two hosts), port 55674, four lines each way, server closes first"
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
    on_loopback
    "run_${name//-/_}"
done
echo "done: ${selected[*]}"
