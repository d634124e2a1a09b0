# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2154 # the sourcing script sets here, port and scenarios
# The machinery shared by the scripts that make the REAL sample captures through the impairing
# relay (make-loss-captures.sh, make-cc-captures.sh). Sourced, not run: the script that sources
# it has set `here` (this folder), `out_dir`, `port` and the array `scenarios`, and defines a
# function run_NAME for each scenario (a scenario NAME-WITH-DASHES runs run_NAME_WITH_UNDERSCORES).
# Sourcing it reads the script's arguments (--list, --help or scenario names) into `selected`,
# checks the tools and root, and sets up the clean-up of the namespaces on exit; the script then
# runs the selected scenarios with run_selected.
#
# For each scenario three network namespaces are created, used and deleted again:
#   client ns: TUN device ttc0, 10.0.0.1 (peer 10.0.0.2), where dumpcap captures
#   relay ns:  impair-relay.py, holding both TUN devices' file descriptors
#   server ns: TUN device tts0, 10.0.0.2 (peer 10.0.0.1)
# The relay creates both devices in its own namespace; they are then moved into the client's
# and the server's namespace, so the relay is the only way between them. Nothing outside these
# namespaces is changed (no host interface, route or sysctl); they are deleted on exit, also
# after an error. Each namespace is new, so no route metrics cached by an earlier run apply.
# The two ends are loss-peers.py (client: the sender of the data; server: the receiver).

die() {
    echo "${0##*/}: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 [--list | NAME...]"
    printf '  %s\n' "${scenarios[@]}"
}

selected=()
for arg in "$@"; do
    case $arg in
        -h | --help)
            usage
            exit 0
            ;;
        --list)
            printf '%s\n' "${scenarios[@]}"
            exit 0
            ;;
        -*)
            usage >&2
            exit 2
            ;;
        *)
            [[ " ${scenarios[*]} " == *" $arg "* ]] || die "unknown scenario '$arg' (try --list)"
            selected+=("$arg")
            ;;
    esac
done
((${#selected[@]} > 0)) || selected=("${scenarios[@]}")

((EUID == 0)) || die "must run as root: network namespaces need it (sudo $0)"
for tool in ip python3 dumpcap capinfos timeout; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
[[ -c /dev/net/tun ]] || die "/dev/net/tun is missing"

work=$(mktemp -d)
ns_client=tt-client-$$
ns_relay=tt-relay-$$
ns_server=tt-server-$$
client_sysctl=()
relay_pid=
dumpcap_pid=
server_pid=
client_pid=

stop_pid() {
    local pid=$1
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}

namespaces_down() {
    stop_pid "$client_pid"
    stop_pid "$server_pid"
    stop_pid "$dumpcap_pid"
    stop_pid "$relay_pid"
    client_pid=''
    server_pid=''
    dumpcap_pid=''
    relay_pid=''
    local ns
    for ns in "$ns_client" "$ns_server" "$ns_relay"; do
        if ip netns list | grep -qw -- "$ns"; then ip netns delete "$ns"; fi
    done
}

cleanup() {
    namespaces_down
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_ns() {
    local ns=$1
    shift
    ip netns exec "$ns" "$@"
}

# namespaces_up NAME RULE...: the three namespaces, the relay with its rules, addresses.
namespaces_up() {
    local name=$1 ns deadline=$((SECONDS + 10))
    shift
    for ns in "$ns_client" "$ns_relay" "$ns_server"; do
        ip netns add "$ns"
        # Only IPv4 TCP on the devices: no IPv6 router solicitations in the captures.
        in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    done
    rm -f "$work/ready"
    in_ns "$ns_relay" python3 -u "$here/impair-relay.py" ttc0 tts0 "$work/ready" "$@" \
        >"$work/$name.relay.log" 2>&1 &
    relay_pid=$!
    until [[ -e $work/ready ]]; do
        kill -0 "$relay_pid" 2>/dev/null || die "the relay failed: $(cat "$work/$name.relay.log")"
        ((SECONDS < deadline)) || die "the relay did not start"
        sleep 0.05
    done
    ip -n "$ns_relay" link set ttc0 netns "$ns_client"
    ip -n "$ns_relay" link set tts0 netns "$ns_server"
    ip -n "$ns_client" addr add 10.0.0.1 peer 10.0.0.2 dev ttc0
    ip -n "$ns_server" addr add 10.0.0.2 peer 10.0.0.1 dev tts0
    for ns in "$ns_client" "$ns_server"; do
        ip -n "$ns" link set lo up
        # SACK on (the default). The congestion control (cubic, Linux's default, unless the
        # scenario asks loss-peers.py for another with --cc) is set on each socket by
        # loss-peers.py: a namespace's default comes from the host's, and changing it can be
        # refused (EPERM) inside a container.
        in_ns "$ns" sysctl -qw net.ipv4.tcp_sack=1
    done
    # A scenario's own settings of the client's (the sender's) namespace, e.g. tcp_frto=0.
    if ((${#client_sysctl[@]} > 0)); then in_ns "$ns_client" sysctl -qw "${client_sysctl[@]}"; fi
    ip -n "$ns_client" link set ttc0 mtu 1500 up
    ip -n "$ns_server" link set tts0 mtu 1500 up
}

# capture_start NAME: dumpcap on the client's device, headers only (snap length 128).
capture_start() {
    local name=$1 deadline=$((SECONDS + 15))
    pcap=$work/$name.pcapng
    in_ns "$ns_client" dumpcap -i ttc0 -s 128 -f "tcp port $port" -w "$pcap" -q \
        2>"$work/$name.dumpcap.log" &
    dumpcap_pid=$!
    until [[ -s $pcap ]]; do
        kill -0 "$dumpcap_pid" 2>/dev/null || die "dumpcap failed: $(cat "$work/$name.dumpcap.log")"
        ((SECONDS < deadline)) || die "dumpcap did not start"
        sleep 0.1
    done
    sleep 1
}

# capture_stop NAME COMMENT: lets the last packets pass, stops dumpcap, tidies the file.
capture_stop() {
    local name=$1 comment=$2 count
    sleep 1
    # SIGTERM, not SIGINT: a background job of a script starts with SIGINT ignored.
    kill -TERM "$dumpcap_pid"
    wait "$dumpcap_pid" || true
    dumpcap_pid=
    python3 "$here/tidy-pcapng.py" "$pcap" "$out_dir/$name.pcapng" \
        "tcpteach sample capture $name: $comment"
    count=$(capinfos -c -M "$out_dir/$name.pcapng" | awk -F: '/Number of packets/ { print $2 + 0 }')
    echo "wrote $name.pcapng ($count packets)"
    sed 's/^/  relay | /' "$work/$name.relay.log"
}

# exchange NAME COMMENT SIZE "SERVER OPTIONS" "CLIENT OPTIONS" RULE...: one scenario.
exchange() {
    local name=$1 comment=$2 size=$3 server_opts=$4 client_opts=$5 deadline
    shift 5
    namespaces_up "$name" "$@"
    capture_start "$name"
    : >"$work/$name.server.log"
    # shellcheck disable=SC2086 # the options are words on purpose
    in_ns "$ns_server" timeout 60 python3 -u "$here/loss-peers.py" server "$port" "$size" \
        $server_opts >"$work/$name.server.log" 2>&1 &
    server_pid=$!
    deadline=$((SECONDS + 10))
    until grep -q listening "$work/$name.server.log"; do
        kill -0 "$server_pid" 2>/dev/null || die "the server failed: $(cat "$work/$name.server.log")"
        ((SECONDS < deadline)) || die "the server did not start"
        sleep 0.05
    done
    # In the background, so that a signal to this script is handled (cleanup) at once.
    # shellcheck disable=SC2086
    in_ns "$ns_client" timeout 60 python3 -u "$here/loss-peers.py" client 10.0.0.2 "$port" \
        "$size" $client_opts >"$work/$name.client.log" 2>&1 &
    client_pid=$!
    wait "$client_pid" || die "the client failed: $(cat "$work/$name.client.log")"
    client_pid=''
    sed 's/^/  /' "$work/$name.client.log"
    wait "$server_pid" || die "the server failed: $(cat "$work/$name.server.log")"
    server_pid=
    sed 's/^/  /' "$work/$name.server.log"
    capture_stop "$name" "$comment"
    namespaces_down
}

run_selected() {
    local name
    for name in "${selected[@]}"; do
        echo "== $name"
        "run_${name//-/_}"
    done
    echo "done: ${selected[*]}"
}
