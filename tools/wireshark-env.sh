#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build and test tcpteach against the Wireshark of another Debian release,
# in a minimal Debian root made with debootstrap and entered with chroot.
#
#   tools/wireshark-env.sh SUITE [COMMAND...]
#
# SUITE is a Debian suite: bookworm (Wireshark 4.0), trixie (4.4), sid (4.6
# at the time of writing). Without COMMAND, the source tree is built in a
# fresh build folder inside the root and the test suite is run there; the
# last line printed is "SERIES: N passed, M failed" (SERIES is the Wireshark
# series found in the root, e.g. 4.4). With COMMAND, that command runs in the
# root instead (through bash -c, in the copied source tree /tcpteach/src).
#
# Needs root (debootstrap, mount, chroot). Roots are cached between runs in
# $TCPTEACH_ROOTS/SUITE (default /var/cache/tcpteach-roots); a root is
# complete when its stamp file exists, so a half-made root is made again.
#
# Environment:
#   TCPTEACH_ROOTS       where roots are cached
#   TCPTEACH_MIRROR      Debian mirror (default: the host's apt sources)
#   TCPTEACH_CTEST_ARGS  extra ctest arguments for the default run, e.g.
#                        "-E ^gui\." to leave the GUI tests out
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit "${1:-2}"
}
[ $# -ge 1 ] || usage
case $1 in -h | --help) usage 0 ;; esac
suite=$1
shift
if [ "$(id -u)" -ne 0 ]; then
    echo "wireshark-env.sh: needs root (debootstrap, mount and chroot)" >&2
    exit 1
fi

src=$(cd "$(dirname "$0")/.." && pwd)
roots=${TCPTEACH_ROOTS:-/var/cache/tcpteach-roots}
root=$roots/$suite
stamp=$root/.tcpteach-root-complete

# What the build, the tests and bench/run.sh need inside the root, the GUI
# tests included (Wireshark's Qt package is "wireshark" from 4.4 on). lint
# (clang-format output differs between clang-format releases) and the
# fuzzers (clang's runtime package names are per release) stay on the host.
packages=(build-essential cmake pkg-config tshark wireshark-dev libwireshark-dev
    libglib2.0-dev python3 file debhelper lintian fakeroot time valgrind
    wireshark xvfb xauth imagemagick xdotool fonts-wqy-zenhei python3-tk)

phase_start=0
phase() {
    local now
    now=$(date +%s)
    if [ -n "${phase_name:-}" ]; then
        printf '[%s] %s: %ss\n' "$suite" "$phase_name" "$((now - phase_start))" >&2
    fi
    phase_name=${1:-}
    phase_start=$now
}

mirror() {
    if [ -n "${TCPTEACH_MIRROR:-}" ]; then
        echo "$TCPTEACH_MIRROR"
        return
    fi
    local m
    m=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ { print $2; exit }' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
        m=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++)
                 if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list)
    fi
    echo "${m:-http://deb.debian.org/debian}"
}

mounted=()
child=""
cleanup() {
    local i
    if [ -n "$child" ]; then
        # the whole process group of what runs in the root
        kill -TERM -- "-$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
        child=""
    fi
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    mounted=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mount_into_root() {
    local target
    for target in proc dev; do
        if mountpoint -q "$root/$target"; then
            continue # another run for this suite holds it (we hold the lock)
        fi
        case $target in
        proc) mount -t proc proc "$root/proc" ;;
        dev) mount --bind /dev "$root/dev" ;;
        esac
        mounted+=("$root/$target")
    done
}

in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$@"
}

# in_root in its own process group, so that an interrupted run stops it
# (and everything it started) before the root is unmounted.
in_root_job() {
    local status=0
    setsid bash -c 'exec "$@"' bash chroot "$root" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$@" &
    child=$!
    wait "$child" || status=$?
    child=""
    return "$status"
}

make_root() {
    if ! command -v debootstrap >/dev/null; then
        phase "install debootstrap on the host"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap \
            >/dev/null
    fi
    phase "debootstrap $suite"
    cleanup
    rm -rf --one-file-system "$root"
    mkdir -p "$root"
    local script=()
    # An older debootstrap may not know a newer suite by name; every
    # current Debian suite is made the same way as sid.
    [ -e "/usr/share/debootstrap/scripts/$suite" ] || script=(/usr/share/debootstrap/scripts/sid)
    local m
    m=$(mirror)
    if ! debootstrap --variant=minbase "$suite" "$root" "$m" "${script[@]}" \
        >"$roots/$suite.debootstrap.log" 2>&1; then
        tail -20 "$roots/$suite.debootstrap.log" >&2
        echo "wireshark-env.sh: debootstrap $suite failed (log: $roots/$suite.debootstrap.log)" >&2
        exit 1
    fi
    # The archive served here may be a snapshot whose Release file has
    # expired (sid's is valid for a week only).
    echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99tcpteach"
    echo "deb $m $suite main" >"$root/etc/apt/sources.list"
    rm -f "$root"/etc/apt/sources.list.d/*.sources
    echo "$suite" >"$root/etc/debian_chroot"
}

install_packages() {
    phase "install packages in $suite"
    mount_into_root
    in_root apt-get update -q >/dev/null
    if ! in_root apt-get install -y -q --no-install-recommends "${packages[@]}" \
        >"$roots/$suite.apt.log" 2>&1; then
        tail -20 "$roots/$suite.apt.log" >&2
        echo "wireshark-env.sh: installing packages in $suite failed" \
            "(log: $roots/$suite.apt.log)" >&2
        exit 1
    fi
    in_root apt-get clean
    printf '%s\n' "${packages[@]}" >"$stamp"
}

mkdir -p "$roots"
exec 9>"$roots/$suite.lock"
flock 9

if [ ! -f "$stamp" ]; then
    make_root
    install_packages
elif [ "$(cat "$stamp")" != "$(printf '%s\n' "${packages[@]}")" ]; then
    install_packages # the list grew: add what is missing
fi
mount_into_root

series=$(in_root dpkg-query -W -f '${Version}' tshark | sed -E 's/^([0-9]+:)?([0-9]+\.[0-9]+).*/\2/')

phase "copy the source tree"
rm -rf --one-file-system "$root/tcpteach"
mkdir -p "$root/tcpteach/src"
# The working tree as it is (uncommitted changes included), without build
# output. The tests run tshark as the unprivileged user nobody, which must
# be able to read it.
tar -C "$src" --exclude=./.git --exclude='./build*' --exclude=./dist --exclude=./bench/data \
    -cf - . | tar -C "$root/tcpteach/src" -xf -
chmod -R a+rX "$root/tcpteach"

if [ $# -gt 0 ]; then
    phase "run in $suite (Wireshark $series)"
    status=0
    in_root_job bash -c 'cd /tcpteach/src && "$@"' bash "$@" || status=$?
    phase
    exit "$status"
fi

phase "build in $suite (Wireshark $series)"
jobs=$(nproc)
in_root_job bash -c "cmake -S /tcpteach/src -B /tcpteach/build >/tcpteach/configure.log 2>&1 ||
                     { cat /tcpteach/configure.log; exit 1; }
                     cmake --build /tcpteach/build -j$jobs >/tcpteach/build.log 2>&1 ||
                     { tail -30 /tcpteach/build.log; exit 1; }"

phase "test suite in $suite (Wireshark $series)"
status=0
# The GUI tests that run here: gui.menu on 4.6 (on 4.4, with Debian 13's Qt
# 6.8, Wireshark itself crashes when a funnel dialog opens a second time in a
# session: in Qt's accessibility code, while the new dialog sets its title).
# gui.screenshots and gui.flow (written against 4.0's Flow Graph dialog) stay on
# the host.
skip='^(lint|fuzz\.|gui\.screenshots|gui\.flow'
[ "$series" != 4.4 ] || skip+='|gui\.menu'
skip+=')'
ctest_args=(--test-dir /tcpteach/build --output-on-failure -j"$jobs" -E "$skip")
read -ra extra <<<"${TCPTEACH_CTEST_ARGS:-}"
ctest_args+=(${extra[@]+"${extra[@]}"})
in_root_job bash -c 'set -o pipefail; ctest "$@" 2>&1 | tee /tcpteach/ctest.log' bash \
    "${ctest_args[@]}" || status=$?
phase
summary=$(sed -nE 's/^[0-9]+% tests passed, ([0-9]+) tests? failed out of ([0-9]+)$/\1 \2/p' \
    "$root/tcpteach/ctest.log" | tail -1)
if [ -z "$summary" ]; then
    echo "$series: 0 passed, 1 failed (no test summary)"
    exit 1
fi
read -r failed total <<<"$summary"
echo "$series: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
