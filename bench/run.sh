#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tcpteach performance benchmark: what the plugin costs, as ratios against
# tshark without it, on the same captures in the same run, for every
# supported Wireshark series in one command (one table per series).
#
# Usage: bench/run.sh [options]        (see bench/README.md)
#   --series LIST    comma-separated series to measure (default host,trixie,sid):
#                    host = this machine's Wireshark; any other name is a Debian
#                    suite whose root tools/wireshark-env.sh enters (the plugin
#                    is built there from this source tree)
#   --plugin PATH    the host's plugin (default: build/plugin/glue/tcpteach.so)
#   --cache DIR      where captures and results go
#                    (default: ${XDG_CACHE_HOME:-~/.cache}/tcpteach-bench)
#   --out FILE       also write the Markdown tables (all series) there
#   --runs N         timed runs per variant, alternating with/without (default 5)
#   --quick          small captures and 3 runs: a smoke run of a few minutes per series
#   --only LIST      comma-separated subset of: fields,tree,flood,scaling,instr,docs,short
#   --docs-size N    packets of the classroom-documents capture (default 10000)
#   --short-size N   streams of the short-streams documents capture (default 2000)
#   --fields-size N  packets of the field-extraction capture (default 1000000)
#   --tree-size N    packets of the -V capture (default 100000)
#   --flood-size N   streams of the SYN-flood capture (default 1000000)
#   --scaling LIST   packets of the scaling series (default 100000,300000,1000000)
#   --instr-size N   packets of the cachegrind field-extraction capture (default 20000)
#   --tree-instr-size N  packets of the cachegrind -V capture (default 2000)
#
# On the host it builds nothing: build the plugin first (cmake --build build).
# In a Debian root it builds the plugin from a copy of this source tree. It
# never writes into the source tree unless --out says so.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

plugin="$root/build/plugin/glue/tcpteach.so"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/tcpteach-bench"
out=""
series="host,trixie,sid"
in_series="" # internal: measure this machine's tshark only, under this label
results=""   # internal: the results folder of that measurement
runs=5
runs_set=0
quick=0
only="fields,tree,flood,scaling,instr,docs,short"
docs_size=10000
short_size=2000
fields_size=1000000
tree_size=100000
flood_size=1000000
scaling="100000,300000,1000000"
instr_size=20000
tree_instr_size=2000
sizes_set=()
pass=() # the options a series' own measurement gets

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

while [ $# -gt 0 ]; do
    case "$1" in
    --series) series=${2:?}; shift 2; continue ;;
    --in-series) in_series=${2:?}; shift 2; continue ;;
    --results) results=${2:?}; shift 2; continue ;;
    --plugin) plugin=${2:?}; shift 2; continue ;;
    --cache) cache=${2:?}; shift 2; continue ;;
    --out) out=${2:?}; shift 2; continue ;;
    --runs) runs=${2:?}; runs_set=1 ;;
    --quick) quick=1; pass+=("$1"); shift; continue ;;
    --only) only=${2:?} ;;
    --fields-size) fields_size=${2:?}; sizes_set+=(fields) ;;
    --tree-size) tree_size=${2:?}; sizes_set+=(tree) ;;
    --flood-size) flood_size=${2:?}; sizes_set+=(flood) ;;
    --scaling) scaling=${2:?}; sizes_set+=(scaling) ;;
    --instr-size) instr_size=${2:?}; sizes_set+=(instr) ;;
    --tree-instr-size) tree_instr_size=${2:?}; sizes_set+=(tree-instr) ;;
    --docs-size) docs_size=${2:?}; sizes_set+=(docs) ;;
    --short-size) short_size=${2:?}; sizes_set+=(short) ;;
    -h | --help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
    pass+=("$1" "$2")
    shift 2
done

if [ "$quick" = 1 ]; then
    set_unless() { case " ${sizes_set[*]-} " in *" $1 "*) ;; *) eval "$2=\$3" ;; esac; }
    set_unless fields fields_size 100000
    set_unless tree tree_size 10000
    set_unless flood flood_size 100000
    set_unless scaling scaling 10000,30000,100000
    set_unless instr instr_size 5000
    [ "$runs_set" = 1 ] || runs=3
fi
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive number"
for t in ${only//,/ }; do
    case "$t" in fields | tree | flood | scaling | instr | docs | short) ;; *) die "unknown test '$t' in --only" ;; esac
done
want() { [[ ",$only," == *",$1,"* ]]; }
for s in ${series//,/ }; do
    [[ "$s" =~ ^[a-z][a-z0-9-]*$ ]] || die "bad series name '$s' in --series"
done

# needed_captures: the file names of the captures this run measures
needed_captures() {
    local n
    echo mixed-1.pcap
    if want fields; then echo "mixed-$fields_size.pcap"; fi
    if want tree; then echo "mixed-$tree_size.pcap"; fi
    if want flood; then echo "synflood-$flood_size.pcap"; fi
    if want scaling; then for n in ${scaling//,/ }; do echo "mixed-$n.pcap"; done; fi
    if want instr; then echo "mixed-$instr_size.pcap"; echo "mixed-$tree_instr_size.pcap"; fi
    if want docs; then echo "mixed-$docs_size.pcap"; fi
    if want short; then echo "short-$short_size.pcap"; fi
}

# ---- every series: one measurement each, one table each -----------------------

if [ -z "$in_series" ]; then
    mkdir -p "$cache"
    top="$cache/results-$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$top"
    all="$top/results.md"
    summary="$top/summary.tsv"
    : >"$summary"
    failed=0
    # not_run SERIES REASON: the series is in the output, with why it has no table
    not_run() {
        printf '%s\t\t\tnot run\t%s\n' "$1" "$2" >>"$summary"
        say "series $1 NOT RUN: $2"
        failed=$((failed + 1))
    }
    # collect SERIES DIR: file a finished measurement under the Wireshark series it found
    collect() {
        local ws dest
        ws=$(sed -n 's/^wireshark\t//p' "$2/machine.tsv" | cut -d. -f1-2)
        dest="$top/${ws:-$1}"
        [ ! -e "$dest" ] || dest="$dest-$1"
        mv "$2" "$dest"
        printf '%s\t%s\t%s\tran\t\n' "$1" "$(sed -n 's/^wireshark\t//p' "$dest/machine.tsv")" \
            "${dest#"$top"/}" >>"$summary"
        say "series $1: $dest/results.md"
    }
    # reason LOG: the last thing a failed measurement said
    reason() {
        grep -E '^(bench|wireshark-env\.sh|CMake Error|.*error:)' "$1" | tail -1 | sed 's/^bench: //' || true
    }
    roots=${TCPTEACH_ROOTS:-/var/cache/tcpteach-roots}
    for s in ${series//,/ }; do
        log="$top/$s.log"
        if [ "$s" = host ]; then
            say "==== series host: this machine's tshark, plugin $plugin"
            if "$0" --in-series host --plugin "$plugin" --cache "$cache" --results "$top/run-host" \
                ${pass[@]+"${pass[@]}"} 2>&1 >/dev/null | tee "$log" >&2; then
                collect host "$top/run-host"
            else
                not_run host "the measurement failed: $(reason "$log") (log: $log)"
            fi
            continue
        fi
        rdir="$roots/$s"
        if [ "$(id -u)" -ne 0 ]; then
            not_run "$s" "needs root (tools/wireshark-env.sh enters the Debian root $rdir with chroot)"
            continue
        fi
        if [ ! -f "$rdir/.tcpteach-root-complete" ]; then
            not_run "$s" "no Debian root at $rdir (make it once with: tools/wireshark-env.sh $s true)"
            continue
        fi
        say "==== series $s: Debian root $rdir (the plugin is built there; waits while another run holds the root)"
        # Captures the host already has are linked (or copied) in, not generated again.
        rcache="$rdir/var/tmp/tcpteach-bench"
        mkdir -p "$rcache/captures"
        while read -r f; do
            if [ -f "$cache/captures/$f" ] && [ ! -f "$rcache/captures/$f" ]; then
                ln "$cache/captures/$f" "$rcache/captures/$f" 2>/dev/null ||
                    cp "$cache/captures/$f" "$rcache/captures/$f"
            fi
        done < <(needed_captures)
        # In the root: build the plugin (the project's default build type) in
        # a fresh build folder in the root's /var/tmp, then measure. Fresh,
        # because the copied sources keep their times: an object built from
        # another checkout may look newer than a source that differs.
        # shellcheck disable=SC2016 # expanded in the root
        inner='set -e
            b=/var/tmp/tcpteach-bench/build
            rm -rf /var/tmp/tcpteach-bench/last "$b"
            if ! { cmake -S . -B "$b" && cmake --build "$b" -j2 --target tcpteach; } >/var/tmp/tcpteach-bench/build.log 2>&1; then
                tail -20 /var/tmp/tcpteach-bench/build.log >&2
                echo "bench: building the plugin in the root failed" >&2
                exit 1
            fi
            exec bench/run.sh --in-series "$0" --plugin "$b/plugin/glue/tcpteach.so" \
                --cache /var/tmp/tcpteach-bench --results /var/tmp/tcpteach-bench/last "$@"'
        if "$root/tools/wireshark-env.sh" "$s" bash -c "$inner" "$s" ${pass[@]+"${pass[@]}"} \
            2>&1 >/dev/null | tee "$log" >&2 && [ -f "$rcache/last/results.md" ]; then
            cp -r "$rcache/last" "$top/run-$s"
            collect "$s" "$top/run-$s"
        else
            not_run "$s" "the measurement in the root failed: $(reason "$log") (log: $log)"
        fi
    done
    python3 "$here/report.py" --combine "$top" >"$all"
    [ -z "$out" ] || cp "$all" "$out"
    cat "$all"
    say "results: $all"
    if [ "$failed" -gt 0 ]; then
        say "$failed series not run (see above)"
        exit 1
    fi
    exit 0
fi

# ---- one series: this machine's tshark ------------------------------------------

# ---- tools -----------------------------------------------------------------

[ -f "$plugin" ] || die "no plugin at $plugin (build it first: cmake -S . -B build && cmake --build build)"
command -v tshark >/dev/null || die "tshark is not installed"
command -v python3 >/dev/null || die "python3 is not installed"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak memory"
if want instr; then
    command -v valgrind >/dev/null || die "valgrind is needed for the instruction counts (or leave out instr with --only)"
fi

# ---- sandbox: tshark as an unprivileged user, with the plugin --------------
# tools/sandbox.sh: as root, tshark runs as nobody (65534). Captures come on
# standard input (-r -), so they need not be readable by that user. Both
# variants run in the same sandbox with the same plugin loaded; "without"
# disables it.

# shellcheck source=tools/sandbox.sh source-path=SCRIPTDIR/..
. "$root/tools/sandbox.sh"
trap sandbox_cleanup EXIT
sandbox_setup "$plugin" || die "cannot set up the sandbox for $plugin"
sandbox_check_plugin || die "tshark did not load the plugin from the sandbox"
sandboxed() { sandbox_run "$@"; }
sandbox_prefix # for /usr/bin/time, which needs a program, not a shell function

# ---- captures ---------------------------------------------------------------

mkdir -p "$cache"
[ -n "$results" ] || results="$cache/results-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
runs_tsv="$results/runs.tsv"
printf 'test\tvariant\tcapture\tpackets\trun\twall_s\tcpu_s\tmaxrss_kb\tinstructions\n' >"$runs_tsv"

capture() { # KIND COUNT -> path (generated if missing)
    python3 "$here/gen-capture.py" "$1" "$2" "$cache/captures"
}
packets_in() { # PATH -> number of packets (pcap records)
    python3 - "$1" <<'EOF'
import struct, sys
n = 0
with open(sys.argv[1], "rb") as f:
    f.read(24)
    while True:
        h = f.read(16)
        if len(h) < 16:
            break
        f.seek(struct.unpack("<IIII", h)[2], 1)
        n += 1
print(n)
EOF
}

FIELDS=(-T fields -e frame.number -e tcp.stream -e tcp.flags.str -e tcp.seq -e tcp.ack -e tcp.len)
TT_FIELDS=(-e tcpteach.role -e tcpteach.step -e tcpteach.chunk)
# Three of Wireshark's own TCP fields, in place of tcpteach's, for comparison:
# what asking for three more fields costs tshark alone.
WS_FIELDS=(-e tcp.hdr_len -e tcp.window_size_value -e tcp.urgent_pointer)
OFF=(--disable-protocol tcpteach)

# args_for WORKLOAD VARIANT -> sets ARGS
# shellcheck disable=SC2054 # the commas are tshark's
args_for() {
    case "$1/$2" in
    # The same command line both ways: only the plugin is switched off.
    fields/without) ARGS=("${FIELDS[@]}" "${TT_FIELDS[@]}" "${OFF[@]}") ;;
    fields/with) ARGS=("${FIELDS[@]}" "${TT_FIELDS[@]}") ;;
    # For information (measure 5 only): tshark alone with only its six
    # fields, and with three more of its own instead of tcpteach's.
    fields/bare) ARGS=("${FIELDS[@]}" "${OFF[@]}") ;;
    fields/own) ARGS=("${FIELDS[@]}" "${WS_FIELDS[@]}" "${OFF[@]}") ;;
    tree/without) ARGS=(-V "${OFF[@]}") ;;
    tree/with) ARGS=(-V) ;;
    # Classroom documents: the plain walkthrough is the base the HTML
    # handout (diagram, table and quiz per stream) is measured against.
    docs/without) ARGS=(-q -z tcpteach,walkthrough) ;;
    docs/with) ARGS=(-q -z tcpteach,html) ;;
    *) die "internal: no workload $1/$2" ;;
    esac
}

# verify WORKLOAD CAPTURE: the "with" command line really yields tcpteach
# output on every TCP packet, and the "without" one yields none.
verify() {
    local workload=$1 cap=$2 outw outo n bad
    outw="$results/verify-$workload-with.txt"
    outo="$results/verify-$workload-without.txt"
    if [ "$workload" = fields ]; then
        args_for fields with
        sandboxed tshark -r - -c 2000 "${ARGS[@]}" <"$cap" >"$outw" 2>>"$results/stderr.txt" ||
            die "tshark failed on $cap (see $results/stderr.txt)"
        n=$(wc -l <"$outw")
        bad=$(awk -F'\t' '$6 != "" && $7 == ""' "$outw" | wc -l)
        [ "$n" -gt 0 ] || die "no output from tshark with the plugin on $cap"
        [ "$bad" = 0 ] || die "$bad of $n TCP packets got no tcpteach.role: the plugin did not run ($outw)"
        args_for fields without
        sandboxed tshark -r - -c 2000 "${ARGS[@]}" <"$cap" >"$outo" 2>>"$results/stderr.txt" ||
            die "tshark failed on $cap (see $results/stderr.txt)"
        bad=$(awk -F'\t' '$7 != ""' "$outo" | wc -l)
        [ "$bad" = 0 ] || die "--disable-protocol tcpteach did not disable the plugin ($outo)"
    else
        args_for tree with
        sandboxed tshark -r - -c 200 "${ARGS[@]}" <"$cap" >"$outw" 2>>"$results/stderr.txt" ||
            die "tshark failed on $cap"
        n=$(grep -c '^TCP Teaching Annotations' "$outw" || true)
        [ "$n" -ge 150 ] || die "only $n of 200 packets show the tcpteach tree: the plugin did not run ($outw)"
        args_for tree without
        sandboxed tshark -r - -c 200 "${ARGS[@]}" <"$cap" >"$outo" 2>>"$results/stderr.txt" ||
            die "tshark failed on $cap"
        n=$(grep -c '^TCP Teaching Annotations' "$outo" || true)
        [ "$n" = 0 ] || die "--disable-protocol tcpteach did not disable the plugin ($outo)"
    fi
    rm -f "$outw" "$outo"
}

# timed TEST VARIANT WORKLOAD CAPTURE PACKETS RUN: one run, output to /dev/null
timed() {
    local test=$1 variant=$2 workload=$3 cap=$4 packets=$5 run=$6 tf rc t0 t1 line
    args_for "$workload" "$variant"
    tf="$results/time.out"
    t0=$(date +%s%N)
    set +e
    /usr/bin/time -f 'TT %U %S %M' -o "$tf" "${SANDBOX_PREFIX[@]}" \
        tshark -r - "${ARGS[@]}" <"$cap" >/dev/null 2>"$results/run.err"
    rc=$?
    set -e
    t1=$(date +%s%N)
    if [ -s "$results/run.err" ]; then
        { echo "== $test $variant $(basename "$cap") run $run"; cat "$results/run.err"; } >>"$results/stderr.txt"
    fi
    [ "$rc" = 0 ] || die "tshark exited with $rc ($test $variant on $cap; see $results/stderr.txt)"
    line=$(grep '^TT ' "$tf" | tail -1)
    read -r _ u s m <<<"$line"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n' "$test" "$variant" "$(basename "$cap")" "$packets" "$run" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')" \
        "$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u+s}')" "$m" >>"$runs_tsv"
    say "  $test $variant $(basename "$cap") run $run: $(tail -1 "$runs_tsv" | cut -f6-8 | tr '\t' ' ')"
}

# pair TEST WORKLOAD CAPTURE PACKETS: runs alternating without/with, the
# order swapped every round so that drift hits both alike.
pair() {
    local test=$1 workload=$2 cap=$3 packets=$4 i
    for ((i = 1; i <= runs; i++)); do
        if ((i % 2)); then
            timed "$test" without "$workload" "$cap" "$packets" "$i"
            timed "$test" with "$workload" "$cap" "$packets" "$i"
        else
            timed "$test" with "$workload" "$cap" "$packets" "$i"
            timed "$test" without "$workload" "$cap" "$packets" "$i"
        fi
    done
}

# instructions TEST WORKLOAD VARIANT CAPTURE PACKETS: one cachegrind run
instructions() {
    local test=$1 workload=$2 variant=$3 cap=$4 packets=$5 cg n
    args_for "$workload" "$variant"
    cg="$SANDBOX/out/cachegrind.out"
    rm -f "$cg"
    sandboxed valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$cg" \
        tshark -r - "${ARGS[@]}" <"$cap" >/dev/null 2>"$results/valgrind.err" ||
        die "valgrind failed ($variant on $cap; see $results/valgrind.err)"
    n=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$cg")
    [ -n "$n" ] || die "no instruction count from cachegrind ($variant on $cap)"
    printf '%s\t%s\t%s\t%s\t1\t\t\t\t%s\n' "$test" "$variant" "$(basename "$cap")" "$packets" "$n" >>"$runs_tsv"
    say "  $test $variant $(basename "$cap"): $n instructions"
}

# ---- the machine -------------------------------------------------------------

ws_version=$(tshark --version 2>/dev/null | head -1 | sed -nE 's/^TShark \(Wireshark\) ([0-9]+\.[0-9]+\.[0-9]+).*/\1/p')
[ -n "$ws_version" ] || die "cannot read the Wireshark version from tshark --version"
# "Debian 12", "Debian forky/sid": the release, short
os_short=$(
    # shellcheck source=/dev/null
    . /etc/os-release 2>/dev/null || true
    v=${VERSION_ID:-$(cat /etc/debian_version 2>/dev/null || echo "?")}
    echo "${NAME%% *} $v"
)
{
    echo "series	$in_series"
    echo "wireshark	$ws_version"
    echo "os_short	$os_short"
    echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpus	$(nproc)"
    echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "memory	$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    # shellcheck source=/dev/null
    echo "os	$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}"), kernel $(uname -r)"
    echo "tshark	$(tshark --version 2>/dev/null | head -1)"
    echo "plugin	$(basename "$plugin"), build type $(sandbox_build_value "$plugin" TCPTEACH_BUILD_TYPE || echo "?"), $(stat -c %s "$plugin") bytes, sha256 $(sha256sum "$plugin" | cut -c1-12)"
    echo "runs	$runs"
    echo "quick	$quick"
    echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "nice	$(nice)"
} >"$results/machine.tsv"

# ---- the tests -----------------------------------------------------------------

say "captures in $cache/captures (generated once, then reused)"
one=$(capture mixed 1)

if want fields; then
    cap=$(capture mixed "$fields_size")
    say "1. field extraction on $(basename "$cap")"
    verify fields "$cap"
    pair fields fields "$cap" "$fields_size"
fi

if want tree; then
    cap=$(capture mixed "$tree_size")
    say "2. full tree (-V) on $(basename "$cap")"
    verify tree "$cap"
    pair tree tree "$cap" "$tree_size"
fi

if want flood; then
    cap=$(capture synflood "$flood_size")
    say "3. SYN flood on $(basename "$cap")"
    verify fields "$cap"
    pair flood fields "$cap" "$(packets_in "$cap")"
fi

if want scaling; then
    say "4. scaling series: ${scaling//,/, } packets (and tshark's start-up on a 1-packet capture)"
    pair startup fields "$one" 1
    for n in ${scaling//,/ }; do
        if want fields && [ "$n" = "$fields_size" ]; then
            say "  $n packets: reusing the field-extraction runs"
            continue
        fi
        cap=$(capture mixed "$n")
        verify fields "$cap"
        pair scaling fields "$cap" "$n"
    done
fi

if want instr; then
    cap=$(capture mixed "$instr_size")
    say "5. instructions per packet (cachegrind) on $(basename "$cap") minus $(basename "$one")"
    verify fields "$cap"
    for v in without with bare own; do
        instructions instr fields "$v" "$cap" "$instr_size"
        instructions instr fields "$v" "$one" 1
    done
    cap=$(capture mixed "$tree_instr_size")
    say "5b. instructions per packet (cachegrind) of the full tree (-V) on $(basename "$cap") minus $(basename "$one")"
    verify tree "$cap"
    for v in without with; do
        instructions instr-tree tree "$v" "$cap" "$tree_instr_size"
        instructions instr-tree tree "$v" "$one" 1
    done
fi

if want docs; then
    cap=$(capture mixed "$docs_size")
    say "6. HTML handout against the plain walkthrough on $(basename "$cap")"
    n=$(sandboxed tshark -r - -q -z tcpteach,html <"$cap" 2>/dev/null | grep -c '<g class="seg' || true)
    [ "$n" -gt 0 ] || die "the handout of $(basename "$cap") draws no segment: the plugin did not run"
    pair docs docs "$cap" "$docs_size"
fi

if want short; then
    cap=$(capture short "$short_size")
    packets=$(packets_in "$cap")
    say "6b. HTML handout against the plain walkthrough on $(basename "$cap") ($short_size short streams)"
    n=$(sandboxed tshark -r - -q -z tcpteach,html <"$cap" 2>/dev/null | grep -c '<g class="seg' || true)
    [ "$n" -ge "$packets" ] || die "the handout of $(basename "$cap") draws $n of $packets segments: the plugin did not run"
    pair docs-short docs "$cap" "$packets"
    # The whole run, start-up included, as the time a teacher waits.
    for v in without with; do
        instructions instr-docs-short docs "$v" "$cap" "$packets"
    done
fi

echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.tsv"
rm -f "$results/time.out" "$results/run.err" "$results/valgrind.err"

python3 "$here/report.py" "$results" --fields-size "$fields_size" --scaling "$scaling" >"$results/results.md"
[ -z "$out" ] || cp "$results/results.md" "$out"
cat "$results/results.md"
say "results: $results/results.md (every run: $runs_tsv)"
