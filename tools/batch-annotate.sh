#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Annotates many captures at once (e.g. every student's capture of an
# assignment): tshark with tcpteach runs over all of them in parallel, one job
# per core, and writes one CSV file per capture (frame number, time,
# addresses, ports, tcp.stream and every tcpteach field) plus a summary table
# of roles per capture. A capture that cannot be read is reported by name and
# does not stop the others.
#
# Usage: tools/batch-annotate.sh [-j JOBS] [--lang en|zh] [--plugin FILE] OUTDIR CAPTURE|FOLDER...
#   --plugin FILE  a built tcpteach.so to use (default: build/plugin/glue/tcpteach.so when it
#                  exists, else the tcpteach installed for tshark)
# Output: OUTDIR/NAME.csv for each capture, OUTDIR/summary.tsv, and the summary on stdout.
# Exit status: 0 when every capture was annotated, 1 when some could not be.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jobs=$(nproc)
lang=en
plugin=""
[ -f "$here/../build/plugin/glue/tcpteach.so" ] && plugin="$here/../build/plugin/glue/tcpteach.so"
while [ $# -gt 0 ]; do
    case "$1" in
    -j) jobs=${2:?-j needs a number}; shift 2 ;;
    --lang) lang=${2:?--lang needs en or zh}; shift 2 ;;
    --plugin) plugin=${2:?--plugin needs a file}; shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) break ;;
    esac
done
out=${1:?usage: batch-annotate.sh [-j JOBS] [--lang en|zh] [--plugin FILE] OUTDIR CAPTURE|FOLDER...}
shift
[ $# -gt 0 ] || { echo "batch-annotate: no capture given" >&2; exit 2; }
mkdir -p "$out"

captures=()
for arg in "$@"; do
    if [ -d "$arg" ]; then
        while IFS= read -r -d '' f; do captures+=("$f"); done < <(
            find "$arg" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \
                -o -name '*.pcap.gz' -o -name '*.pcapng.gz' \) -print0 | sort -z)
    else
        captures+=("$arg")
    fi
done
total=${#captures[@]}
[ "$total" -gt 0 ] || { echo "batch-annotate: no capture found" >&2; exit 2; }

fields=(frame.number frame.time_relative ip.src ip.dst ipv6.src ipv6.dst tcp.srcport tcp.dstport
        tcp.stream tcpteach.role tcpteach.step tcpteach.chunk tcpteach.acked_chunk
        tcpteach.direction tcpteach.client_state tcpteach.server_state tcpteach.retransmission
        tcpteach.half_close tcpteach.segment tcpteach.summary)
args=(-Y tcp -o "tcpteach.language:$lang" -T fields -E header=y
      -E separator=, -E quote=d
      -E occurrence=f)
for f in "${fields[@]}"; do args+=(-e "$f"); done

# One sandbox for every job (tools/sandbox.sh); without a plugin given, the
# tcpteach installed for tshark.
catalogue=
if [ -n "$plugin" ]; then
    setup=$("$here/sandbox.sh" setup "$plugin")
    eval "$setup"
    trap '"$here/sandbox.sh" cleanup' EXIT
    catalogue=${TCPTEACH_CATALOGUE:-}
fi

# One job: annotate capture $1 into $out/NAME.csv; on failure leave NAME.error.
annotate_one() {
    local capture=$1 name
    name=$(basename "$capture")
    name=${name%%.*}
    if [ -n "$plugin" ]; then
        "$here/sandbox.sh" run tshark -r "$capture" "${args[@]}"
    else
        tshark -r "$capture" "${args[@]}"
    fi >"$out/$name.csv.part" 2>"$out/$name.error" && [ ! -s "$out/$name.error" ] &&
        mv "$out/$name.csv.part" "$out/$name.csv" && rm -f "$out/$name.error" && return 0
    rm -f "$out/$name.csv.part" "$out/$name.csv"
    [ -s "$out/$name.error" ] || echo "tshark failed" >"$out/$name.error"
    # Name the capture, not the sandbox's copy of it.
    sed -i "s|/[^\"]*tcpteach-sandbox\.[^/]*/files/[^/]*/[^\" ]*|$capture|g" "$out/$name.error"
    return 1
}
export -f annotate_one
export out plugin here TCPTEACH_SANDBOX
export ARGS_FILE="$out/.args"
printf '%s\0' "${args[@]}" >"$ARGS_FILE"

# Progress: one line per finished capture on standard error.
done_count=0
failed=()
run_job() {
    local capture=$1
    mapfile -d '' args <"$ARGS_FILE"
    if annotate_one "$capture"; then echo "ok $capture"; else echo "FAILED $capture"; fi
}
export -f run_job
while IFS= read -r line; do
    done_count=$((done_count + 1))
    status=${line%% *}
    capture=${line#* }
    if [ "$status" = FAILED ]; then
        failed+=("$capture")
        name=$(basename "$capture")
        printf '[%d/%d] FAILED %s: %s\n' "$done_count" "$total" "$capture" \
            "$(head -c 300 "$out/${name%%.*}.error" | tr '\n' ' ')" >&2
    else
        printf '[%d/%d] %s\n' "$done_count" "$total" "$capture" >&2
    fi
done < <(printf '%s\0' "${captures[@]}" | xargs -0 -n 1 -P "$jobs" bash -c 'run_job "$1"' _)
rm -f "$ARGS_FILE"

# Summary: segments and role counts per capture (roles that occur anywhere),
# in the catalogue's order when the build has one, else in order of appearance.
python3 - "$out" "$catalogue" "${captures[@]}" <<'PY'
import csv, os, subprocess, sys
out, catalogue, captures = sys.argv[1], sys.argv[2], sys.argv[3:]
order = subprocess.run([catalogue, "roles"], check=True, capture_output=True,
                       text=True).stdout.split() if catalogue else []
rows = []
for cap in captures:
    name = os.path.basename(cap).split(".")[0]
    path = os.path.join(out, name + ".csv")
    if not os.path.exists(path):
        rows.append((name, None))
        continue
    counts = {}
    with open(path, newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            role = rec.get("tcpteach.role", "")
            counts[role] = counts.get(role, 0) + 1
    rows.append((name, counts))
seen = order + [r for _, c in rows if c for r in c if r not in order]
used = [r for r in dict.fromkeys(seen) if r and any(c and c.get(r) for _, c in rows)]
head = ["capture", "segments"] + used
with open(os.path.join(out, "summary.tsv"), "w", encoding="utf-8") as f:
    f.write("\t".join(head) + "\n")
    for name, c in rows:
        cells = [name, "unreadable"] if c is None else \
            [name, str(sum(c.values()))] + [str(c.get(r, 0)) for r in used]
        f.write("\t".join(cells) + "\n")
width = max([len(h) for h in head] + [len(n) for n, _ in rows]) + 2
print("".join(h.ljust(width) if i == 0 else h.rjust(len(h) + 2) for i, h in enumerate(head)))
for name, c in rows:
    if c is None:
        print(name.ljust(width) + "  could not be read")
        continue
    cells = [str(sum(c.values()))] + [str(c.get(r, 0)) for r in used]
    print(name.ljust(width) + "".join(v.rjust(len(h) + 2) for v, h in zip(cells, head[1:])))
PY

if [ "${#failed[@]}" -gt 0 ]; then
    echo "batch-annotate: ${#failed[@]} of $total capture(s) could not be annotated" >&2
    exit 1
fi
