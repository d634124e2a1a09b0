#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the whole test suite on this machine's Wireshark, then on the
# Wireshark of other Debian releases (tools/wireshark-env.sh), and prints
# one summary line per Wireshark series and a closing total:
#
#   4.0: 58 passed, 0 failed
#   4.4: 54 passed, 0 failed
#   4.6: 54 passed, 0 failed
#   166 passed, 0 failed
#
#   tools/test-versions.sh BUILD-DIR [SUITE...]
#
# BUILD-DIR is the configured and built tree of this machine's Wireshark;
# SUITEs default to trixie (Wireshark 4.4) and sid (4.6). Needs root for
# the other releases. Exit status 0 only when every test passed everywhere.
set -uo pipefail

build=${1:?usage: test-versions.sh BUILD-DIR [SUITE...]}
shift
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie sid)
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp -d -t tcpteach-versions.XXXXXX)
trap 'rm -rf "$log"' EXIT

lines=()
total_pass=0
total_fail=0
add() { # SERIES PASSED FAILED SECONDS
    lines+=("$1: $2 passed, $3 failed ($4 s)")
    total_pass=$((total_pass + $2))
    total_fail=$((total_fail + $3))
}

start=$(date +%s)
series=$(cat "$build/wireshark-version" 2>/dev/null || echo "host")
echo "=== Wireshark $series (this machine)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" 2>&1 | tee "$log/host"
summary=$(sed -nE 's/^[0-9]+% tests passed, ([0-9]+) tests? failed out of ([0-9]+)$/\1 \2/p' \
    "$log/host" | tail -1)
if [ -n "$summary" ]; then
    read -r failed all <<<"$summary"
    add "$series" $((all - failed)) "$failed" $(($(date +%s) - start))
else
    add "$series" 0 1 $(($(date +%s) - start))
fi

for suite in "${suites[@]}"; do
    start=$(date +%s)
    echo "=== Debian $suite"
    "$here/wireshark-env.sh" "$suite" 2>&1 | tee "$log/$suite"
    line=$(grep -E '^[0-9]+\.[0-9]+: [0-9]+ passed, [0-9]+ failed' "$log/$suite" | tail -1)
    if [ -n "$line" ]; then
        read -r s p _ f _ <<<"$line"
        add "${s%:}" "$p" "$f" $(($(date +%s) - start))
    else
        add "$suite" 0 1 $(($(date +%s) - start))
    fi
done

echo
echo "=== Summary per Wireshark series"
printf '%s\n' "${lines[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
