#!/usr/bin/env bash
# Golden tests through tshark: annotates one capture with the built plugin and
# compares the output with the reviewed files in tests/golden/expected/.
#
#   check.sh PLUGIN.so CAPTURE            compare
#   check.sh --update-golden PLUGIN.so CAPTURE   rewrite the expected files
#
# For every capture it checks, in English and Chinese:
#   NAME.fields.LANG   one line per frame: the tcpteach fields (-T fields)
#   NAME.tree.LANG     the teaching tree (-V -O tcpteach)
#   NAME.brief.LANG    the tree with tcpteach.verbosity:brief
# and that one pass and two passes (tshark -2) give the same fields and tree;
# that with Wireshark's sequence analysis and relative numbers switched off,
# tcpteach's own tracking gives the same roles, steps, chunks and states;
# that every segment has a role token; and that tshark wrote nothing on
# standard error.
set -euo pipefail

update=0
if [ "${1:-}" = "--update-golden" ]; then
    update=1
    shift
fi
plugin=${1:?usage: check.sh [--update-golden] PLUGIN.so CAPTURE}
capture=${2:?usage: check.sh [--update-golden] PLUGIN.so CAPTURE}
here=$(cd "$(dirname "$0")" && pwd)
sandbox="$here/../../tools/tshark-with-plugin.sh"
expected="$here/expected"
name=$(basename "$capture")
name=${name%.*}
work=$(mktemp -d /tmp/tcpteach-golden.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0

fields=(-T fields -E header=y -E separator=/t -e frame.number -e tcp.stream
        -e tcp.srcport -e tcp.dstport -e tcpteach.role -e tcpteach.step -e tcpteach.chunk
        -e tcpteach.acked_chunk -e tcpteach.direction -e tcpteach.client_state -e tcpteach.server_state
        -e tcpteach.retransmission -e tcpteach.summary -e _ws.col.Info)
# What must not depend on Wireshark's TCP preferences (no summary: its
# reliability wording says whose analysis it is).
core=(-T fields -e frame.number -e tcpteach.role -e tcpteach.step -e tcpteach.chunk
      -e tcpteach.acked_chunk -e tcpteach.client_state -e tcpteach.server_state
      -e tcpteach.direction -e tcpteach.retransmission)

# tshark ARGS... < capture, with stdout to $1 and a stderr check.
annotate() {
    local out=$1
    shift
    if ! "$sandbox" "$plugin" -r "$capture" "$@" >"$out" 2>"$out.err"; then
        echo "FAIL $name: tshark failed ($*):" >&2
        cat "$out.err" >&2
        failures=$((failures + 1))
        return
    fi
    if [ -s "$out.err" ]; then
        echo "FAIL $name: tshark wrote to standard error ($*):" >&2
        cat "$out.err" >&2
        failures=$((failures + 1))
    fi
}

# The expected files hold Wireshark 4.0's output. From 4.2 on, Wireshark
# prints some things of its own differently: booleans as True/False under
# -T fields, _ws.col.Info as _ws.col.info, and the _ws.col.* fields are
# taken before post-dissectors run (the Info column itself still gets
# tcpteach's label); 4.4 also words some of its own Info texts and the TCP
# summary line of a malformed header differently; 4.6 hands some segments'
# payload to the data dissector where 4.0 did not (or the other way round).
# On those series the output is brought back to 4.0's form, and of the Info
# column (taken from the column itself) only tcpteach's label, its last
# "[...]", is compared.
series=${TCPTEACH_WS_VERSION:-4.0}
as_4_0_fields() { # FIELDS-FILE INFO-COLUMN-FILE ("" to keep the Info column)
    [ "$series" = 4.0 ] && return
    awk -F'\t' -v OFS='\t' -v info="$2" 'NR == 1 { sub(/_ws\.col\.info$/, "_ws.col.Info"); print; next }
        { if ($12 == "True") $12 = 1; else if ($12 == "False") $12 = 0
          if (info != "" && (getline line < info) > 0) $14 = line
          if (info != "") $14 = match($14, / \[[^][]*\]$/) ? substr($14, RSTART + 1) : ""
          print }' "$1" >"$1.4.0"
    mv "$1.4.0" "$1"
}
# The expected fields file as compared on this series.
expected_fields() {
    if [ "$series" = 4.0 ] || [ "$update" = 1 ]; then
        echo "$1"
        return
    fi
    awk -F'\t' -v OFS='\t' 'NR > 1 { $14 = match($14, / \[[^][]*\]$/) ? substr($14, RSTART + 1) : "" }
        { print }' "$1" >"$work/$(basename "$1").label"
    echo "$work/$(basename "$1").label"
}
as_4_0_booleans() {
    [ "$series" = 4.0 ] && return
    sed -i -E ':a; s/(^|\t)True(\t|$)/\11\2/; ta; :b; s/(^|\t)False(\t|$)/\10\2/; tb' "$1"
}
tree_filter() {
    case $series in
    4.0) cat "$1" ;;
    4.4) grep -v '^Transmission Control Protocol, ' "$1" ;;
    *) # 4.6 also names the record type in the frame's summary line, and its
        # TCP analysis calls the malformed header of malformed.pcap
        # out-of-order where 4.0 and 4.4 call it a retransmission: the notes
        # that restate Wireshark's verdict are compared on 4.0 and 4.4 (and
        # agreement.py checks them against Wireshark on every series).
        grep -Ev '^(Transmission Control Protocol, |Data \([0-9]+ bytes\)$)' "$1" |
            grep -Ev '^ +\[(Wireshark analysis: |Wireshark 分析：|Retransmission: |重传：)' |
            sed -E 's/^(Frame [0-9]+): Packet, /\1: /'
        ;;
    esac
}

compare() {
    local want=$1 got=$2 what=$3
    if [ "$update" = 1 ]; then
        cp "$got" "$want"
        return
    fi
    if [ ! -f "$want" ]; then
        echo "FAIL $name: no expected file $(basename "$want") (review, then --update-golden)" >&2
        failures=$((failures + 1))
    elif ! diff -u <(tree_filter "$want") <(tree_filter "$got") >"$work/diff"; then
        echo "FAIL $name: $what differs from $(basename "$want"):" >&2
        head -40 "$work/diff" >&2
        failures=$((failures + 1))
    fi
}

same() {
    local a=$1 b=$2 what=$3
    if ! cmp -s "$a" "$b"; then
        echo "FAIL $name: $what" >&2
        diff -u "$a" "$b" | head -20 >&2 || true
        failures=$((failures + 1))
    fi
}

for lang in en zh; do
    opt=(-o "tcpteach.language:$lang")
    annotate "$work/fields.$lang" "${opt[@]}" "${fields[@]}"
    annotate "$work/fields2.$lang" -2 "${opt[@]}" "${fields[@]}"
    if [ "$series" != 4.0 ]; then
        annotate "$work/info.$lang" "${opt[@]}" -o 'gui.column.format:"Info","%i"'
        as_4_0_fields "$work/fields.$lang" "$work/info.$lang"
        as_4_0_fields "$work/fields2.$lang" ""
    fi
    annotate "$work/tree.$lang" "${opt[@]}" -V -O tcpteach
    annotate "$work/tree2.$lang" -2 "${opt[@]}" -V -O tcpteach
    annotate "$work/brief.$lang" "${opt[@]}" -o tcpteach.verbosity:brief -V -O tcpteach
    compare "$(expected_fields "$expected/$name.fields.$lang")" "$work/fields.$lang" "fields ($lang)"
    compare "$expected/$name.tree.$lang" "$work/tree.$lang" "teaching tree ($lang)"
    compare "$expected/$name.brief.$lang" "$work/brief.$lang" "brief tree ($lang)"
    # The Info column is left out here: Wireshark's own reassembly of
    # application data may word it differently in two passes.
    same <(cut -f1-13 "$work/fields.$lang") <(cut -f1-13 "$work/fields2.$lang") \
        "fields differ between one pass and -2 ($lang)"
    same "$work/tree.$lang" "$work/tree2.$lang" "tree differs between one pass and -2 ($lang)"
done

# Every header line highlights exactly the bytes of the field it explains.
for lang in en zh; do
    annotate "$work/pdml.$lang" -o "tcpteach.language:$lang" -T pdml
    if ! python3 "$here/highlight.py" "$work/pdml.$lang" "$lang" >"$work/highlight" 2>&1; then
        echo "FAIL $name: header lines do not highlight their bytes ($lang):" >&2
        head -20 "$work/highlight" >&2
        failures=$((failures + 1))
    fi
done

# Roles agree with Wireshark's tcp.analysis flags wherever both speak.
annotate "$work/agree" -T fields -E header=y -e frame.number -e tcpteach.role \
    -e tcpteach.retransmission -e tcp.analysis.duplicate_ack -e tcp.analysis.window_update \
    -e tcp.analysis.keep_alive -e tcp.analysis.keep_alive_ack -e tcp.analysis.zero_window_probe \
    -e tcp.analysis.zero_window_probe_ack -e tcp.analysis.retransmission \
    -e tcp.analysis.fast_retransmission -e tcp.analysis.spurious_retransmission
as_4_0_booleans "$work/agree"
if ! python3 "$here/agreement.py" "$work/agree" >"$work/agree.out" 2>&1; then
    echo "FAIL $name: roles disagree with Wireshark's analysis:" >&2
    head -20 "$work/agree.out" >&2
    failures=$((failures + 1))
fi

annotate "$work/core.on" "${core[@]}"
annotate "$work/core.off" -o tcp.analyze_sequence_numbers:FALSE \
    -o tcp.relative_sequence_numbers:FALSE "${core[@]}"
same "$work/core.on" "$work/core.off" \
    "roles differ when Wireshark's sequence analysis and relative numbers are off"

# Under -T fields tcpteach builds only the printed fields and those a filter
# asks for: the output must be what the whole tree gives, for every field,
# the protocol's own label, a filter on a field that is not printed, and in
# two passes.
every=(-T fields -E header=y -E occurrence=a -e frame.number -e tcpteach)
while read -r field; do every+=(-e "$field"); done < <("$sandbox" "$plugin" -G fields |
    awk -F'\t' '$1 == "F" && $5 == "tcpteach" { print $3 }')
if [ "${#every[@]}" -lt 20 ]; then
    echo "FAIL $name: tshark -G fields lists only $(( ${#every[@]} - 6 )) tcpteach fields" >&2
    failures=$((failures + 1))
fi
filtered=(-Y 'tcpteach.text contains "window" || tcpteach.summary contains "ACK"'
    -T fields -e frame.number -e tcpteach.role)
for variant in every filtered; do
    declare -n args=$variant
    for passes in 1 2; do
        two=()
        [ "$passes" = 2 ] && two=(-2)
        annotate "$work/only.$variant.$passes" "${two[@]}" "${args[@]}"
        annotate "$work/whole.$variant.$passes" "${two[@]}" -o tcpteach.fields_only:FALSE "${args[@]}"
        same "$work/whole.$variant.$passes" "$work/only.$variant.$passes" \
            "-T fields output ($variant, $passes pass) differs when only the printed fields are built"
    done
    unset -n args
done

# tcpteach.text holds the segment's whole tree: every line, " | " between.
if ! awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $col["tcpteach.role"] != "" && $col["tcpteach.role"] != "malformed" &&
    (index($col["tcpteach.text"], "Header explained | ") == 0 ||
     index($col["tcpteach.text"], "Reliability notes | ") == 0) { bad++; print "frame " $1 }
    END { exit bad > 0 }' "$work/only.every.1" >"$work/text.bad"; then
    echo "FAIL $name: tcpteach.text lacks the tree's sections:" >&2
    head -5 "$work/text.bad" >&2
    failures=$((failures + 1))
fi

# Every TCP segment gets exactly one role token from the contract.
tokens='^(handshake-[123]|simultaneous-open|data|data-piggyback|ack|dup-ack|window-update|keepalive|keepalive-ack|zero-window-probe|zero-window-probe-ack|teardown-[1234]|teardown-2\+3|simultaneous-close|refused|reset|icmp-quoted|malformed)$'
awk -F'\t' 'NR > 1 && $3 != "" { print $5 }' "$work/fields.en" >"$work/roles"
if grep -Evq "$tokens" "$work/roles"; then
    echo "FAIL $name: a TCP segment has no role or an unknown one:" >&2
    grep -Ev "$tokens" "$work/roles" | sort | uniq -c >&2
    failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
    echo "$name: $failures check(s) failed" >&2
    exit 1
fi
echo "$name: ok$([ "$update" = 1 ] && echo ' (expected files updated)')"
