#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture fuzzing, in the spirit of Wireshark's own fuzz-test.sh: corrupted
# copies of every sample capture (editcap -E, with a recorded seed) and random
# TCP captures (randpkt -t tcp, and tcpgen.py's TCP-shaped traffic) go through
# tshark with the AddressSanitizer + UBSan build of tcpteach.so, the ASan
# runtime preloaded, as an unprivileged user:
#   -V -O tcpteach          one pass
#   -V -O tcpteach -2       two passes (its tcpteach tree must equal the one-pass tree)
#   summary lines           one pass, Chinese, Wireshark's sequence analysis off
#   -T fields -2            tcpteach fields, brief verbosity, checksums verified
#                           (every TCP segment must have a role token)
#   -q -z tcpteach,...      the walkthrough, Markdown and stats reports
#   -q -z tcpteach,ladder   the ladder diagram, in Chinese (arrow lines fit 100 columns)
# A run fails on a non-zero exit, a timeout, any sanitizer report, a
# "Dissector bug", "[Malformed Packet: tcpteach]", or standard error naming
# tcpteach. The failing capture, the seed that made it and the commands go to
# the failures folder, together with the single corrupted captures that fail
# on their own.
#
# Usage: fuzz-captures.sh [--plugin SANITIZED.so] [--clang CLANG] [--failures DIR]
#                         [--seed N] [--timeout SECONDS] ITERATIONS
#        fuzz-captures.sh [--plugin SANITIZED.so] --replay CAPTURE [tshark options...]
# One iteration: every sample capture and every hostile capture corrupted at
# each of four rates and merged into one file per rate, plus two random
# captures. CI runs 1 iteration; run more by hand (see README.md).
set -euo pipefail
shopt -s nullglob
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
plugin=$top/build/tests/fuzz/sanitized/plugin/glue/tcpteach.so
clang=clang
failures=$top/build/tests/fuzz/failures/captures
seed=$(( $(od -An -N3 -tu4 /dev/urandom) ))
timeout=30
replay=
while [ $# -gt 0 ]; do
    case $1 in
    --plugin) plugin=$2; shift 2 ;;
    --clang) clang=$2; shift 2 ;;
    --failures) failures=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --replay) replay=$2; shift 2; break ;;
    *) break ;;
    esac
done
[ -n "$replay" ] || iterations=${1:?usage: fuzz-captures.sh [options] ITERATIONS}
rates=(0.002 0.01 0.03 0.1)

# shellcheck source=../missing-tool.sh
. "$here/../missing-tool.sh"
for tool in editcap mergecap randpkt tshark python3 "$clang"; do
    command -v "$tool" >/dev/null || missing_tool "fuzz-captures: $tool is not installed"
done
asan_rt=$("$clang" -print-file-name=libclang_rt.asan-x86_64.so)
[ -f "$asan_rt" ] ||
    missing_tool "fuzz-captures: no ASan runtime at $asan_rt (apt-get install libclang-rt-14-dev)"

# shellcheck source=sandbox.sh
. "$here/sandbox.sh"
work=$(mktemp -d -t tcpteach-fuzz-captures.XXXXXX)
trap 'sandbox_cleanup; rm -rf "$work"' EXIT
sandbox_setup "$plugin"
SANDBOX_ENV+=(LD_PRELOAD="$asan_rt"
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1:allocator_may_return_null=1
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1)
# The sanitized plugin cannot load without the runtime: listed means checked.
SANDBOX_CHECK=protocols
sandbox_check_plugin

if [ -n "$replay" ]; then
    # One capture, by hand: tshark with the sanitized plugin, output as is.
    copy=$(sandbox_file "$replay")
    sandbox_run tshark -r "$copy" "$@"
    exit
fi

bases=("$top"/sample-pcaps/*.pcap "$top"/sample-pcaps/*.pcapng "$here"/hostile/*.pcap)
echo "fuzz-captures: seed $seed, $iterations iteration(s), ${#bases[@]} base captures," \
     "rates ${rates[*]}"

runs=(
    "-V -O tcpteach"
    "-2 -V -O tcpteach"
    "-o tcpteach.language:zh -o tcp.analyze_sequence_numbers:FALSE"
    "-2 -T fields -e frame.number -e tcpteach.role -e tcpteach.step -e tcpteach.chunk -e tcpteach.summary -e tcp.srcport -o tcpteach.verbosity:brief -o tcp.check_checksum:TRUE"
    "-q -z tcpteach,walkthrough -z tcpteach,markdown -z tcpteach,stats"
    "-q -o tcpteach.language:zh -z tcpteach,ladder"
)

# run_one CAPTURE ARGS -> 0 when clean; output in $work/out.N, $work/err.N
run_one() {
    local capture=$1 n=$2 status=0
    local -a args
    read -r -a args <<<"${runs[$n]}"
    sandbox_run timeout -k 5 "$timeout" tshark -r "$capture" "${args[@]}" \
        >"$work/out.$n" 2>"$work/err.$n" || status=$?
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
        echo "timeout after ${timeout}s"
        return 1
    elif [ "$status" != 0 ]; then
        echo "exit status $status"
        return 1
    fi
    if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|Dissector bug|tcpteach' "$work/err.$n"; then
        echo "standard error: $(grep -Em1 'Sanitizer|runtime error|Dissector bug|tcpteach' "$work/err.$n")"
        return 1
    fi
    if grep -Eiq 'Malformed Packet: tcpteach|Dissector bug, protocol tcpteach' "$work/out.$n"; then
        echo "output: $(grep -Eim1 'Malformed Packet: tcpteach|Dissector bug, protocol tcpteach' "$work/out.$n")"
        return 1
    fi
}

# What a failed run printed: the sanitizer report or the warning, else the end.
excerpt() {
    local err=$1
    if grep -Eq 'ERROR: AddressSanitizer|runtime error:|Dissector bug' "$err"; then
        grep -Em1 -A40 'ERROR: AddressSanitizer|runtime error:|Dissector bug' "$err"
    else
        tail -n 20 "$err"
    fi | sed 's/^/    /'
}

# check CAPTURE -> every run; prints what failed
check() {
    local capture=$1 why bad=0
    for n in "${!runs[@]}"; do
        if ! why=$(run_one "$capture" "$n"); then
            echo "  tshark -r CAPTURE ${runs[$n]}: $why"
            excerpt "$work/err.$n"
            bad=1
        fi
    done
    if [ "$bad" = 0 ]; then
        # Every TCP segment (a frame with a TCP source port) has a role token.
        local roleless
        roleless=$(roles_outside_catalogue "$work/out.3" 2 6 | head -5 | tr '\n' ' ')
        if [ -n "$roleless" ]; then
            echo "  TCP segments without a role token of the contract: frames $roleless"
            bad=1
        fi
        local wide
        wide=$(ladder_too_wide "$work/out.5" | head -3)
        if [ -n "$wide" ]; then
            echo "  ladder lines wider than 100 columns:"
            echo "$wide"
            bad=1
        fi
        teaching_trees "$work/out.0" >"$work/tree.1pass"
        teaching_trees "$work/out.1" >"$work/tree.2pass"
        if ! cmp -s "$work/tree.1pass" "$work/tree.2pass"; then
            echo "  the tcpteach trees of one pass and two passes differ:"
            diff -u "$work/tree.1pass" "$work/tree.2pass" | head -20 | sed 's/^/    /'
            bad=1
        fi
    fi
    return "$bad"
}

# keep NAME REPORT FILES... -> a failure folder with the captures and a note
failed=0
keep() {
    local name=$1 report=$2
    shift 2
    local dir=$failures/$name
    mkdir -p "$dir"
    cp "$@" "$dir/"
    {
        echo "$report"
        echo
        echo "Base seed $seed (tests/fuzz/fuzz-captures.sh --seed $seed $iterations makes the"
        echo "same corrupted captures). Replay one capture of this folder:"
        echo "  tests/fuzz/fuzz-captures.sh --plugin $plugin --replay CAPTURE [tshark options]"
    } >"$dir/NOTE"
    echo "FAIL: kept in $dir:" >&2
    echo "$report" >&2
    failed=$((failed + 1))
}

n_checked=0
for ((i = 0; i < iterations; i++)); do
    for r in "${!rates[@]}"; do
        rate=${rates[$r]}
        parts=()
        for b in "${!bases[@]}"; do
            s=$((seed + (i * ${#rates[@]} + r) * ${#bases[@]} + b))
            name=$(basename "${bases[$b]}")
            out="$work/${name%%.*}.E$rate.seed$s.pcapng"
            editcap -F pcapng -E "$rate" --seed "$s" "${bases[$b]}" "$out" 2>/dev/null
            parts+=("$out")
        done
        merged="$work/merged.i$i.E$rate.pcapng"
        mergecap -a -F pcapng -w "$merged" "${parts[@]}"
        copy=$(sandbox_file "$merged")
        n_checked=$((n_checked + 1))
        if ! report=$(check "$copy"); then
            culprits=()
            for p in "${parts[@]}"; do
                pc=$(sandbox_file "$p")
                check "$pc" >/dev/null || culprits+=("$p")
                rm -f "$pc"
            done
            keep "iter$i-E$rate-seed$seed" "$report" "$merged" "${culprits[@]}"
        fi
        rm -f "$copy" "${parts[@]}" "$merged"
    done
    # Random captures: tcpgen.py (reproducible from its seed), randpkt (kept as is).
    s=$((seed + 1000000 + i))
    python3 "$here/tcpgen.py" random "$s" 400 "$work/tcpgen.seed$s.pcap"
    randpkt -b 300 -c 300 -t tcp "$work/randpkt.i$i.pcap" >/dev/null
    for f in "$work/tcpgen.seed$s.pcap" "$work/randpkt.i$i.pcap"; do
        copy=$(sandbox_file "$f")
        n_checked=$((n_checked + 1))
        if ! report=$(check "$copy"); then
            keep "$(basename "${f%.pcap}")" "$report" "$f"
        fi
        rm -f "$copy" "$f"
    done
    echo "iteration $((i + 1))/$iterations done ($n_checked captures, $failed failure(s))"
done

if [ "$failed" -gt 0 ]; then
    echo "fuzz-captures: $failed failing capture(s), kept in $failures" >&2
    exit 1
fi
echo "fuzz-captures: ok ($n_checked captures x ${#runs[@]} tshark runs, seed $seed)"
