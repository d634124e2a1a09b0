#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the Debian package wireshark-plugin-tcpteach from this source tree.
#
# Usage: packaging/build-deb.sh [OUTPUT-DIR]
#
# OUTPUT-DIR defaults to dist/ at the top of the source tree; any older
# wireshark-plugin-tcpteach_*.deb in it is replaced. The tree is copied to a
# scratch folder (without .git, build folders and OUTPUT-DIR), packaging/debian
# becomes its debian/, and dpkg-buildpackage builds the binary package there,
# so the source tree is left untouched. Missing build dependencies are
# installed with apt-get when run as root.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

[ -f "$root/packaging/debian/control" ] || {
    echo "build-deb: no packaging/debian/control under $root" >&2
    exit 2
}

scratch=$(mktemp -d -t tcpteach-deb.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
src=$scratch/tcpteach
mkdir "$src"

# Copy the sources: no VCS data, no build folder (any folder holding a
# CMakeCache.txt), no earlier package build, not the output folder.
excludes=(--exclude=./.git --exclude=./debian --exclude='./obj-*'
          --exclude=./dist --exclude=__pycache__ --exclude='*.pyc'
          --exclude-tag-all=CMakeCache.txt)
case "$out/" in
    "$root/"?*) excludes+=("--exclude=./${out#"$root/"}") ;;
esac
tar -C "$root" "${excludes[@]}" -cf - . | tar -C "$src" -xf -
cp -R "$root/packaging/debian" "$src/debian"

# Build dependencies (Build-Depends of debian/control plus build-essential).
have_build_deps() {
    command -v dpkg-buildpackage >/dev/null && command -v cc >/dev/null &&
        command -v make >/dev/null && (cd "$src" && dpkg-checkbuilddeps) >/dev/null 2>&1
}
if ! have_build_deps; then
    if [ "$(id -u)" != 0 ]; then
        echo "build-deb: build dependencies are missing; as root run:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends build-essential dpkg-dev debhelper cmake pkg-config wireshark-dev libwireshark-dev libglib2.0-dev" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends build-essential dpkg-dev
    apt-get build-dep -y --no-install-recommends "$src"
fi

# Parallel build on every core; no separate -dbgsym package.
export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=$(nproc) noddebs}"
(cd "$src" && dpkg-buildpackage -us -uc -b)

debs=("$scratch"/wireshark-plugin-tcpteach_*.deb)
[ -f "${debs[0]}" ] || { echo "build-deb: dpkg-buildpackage made no .deb" >&2; exit 1; }
rm -f "$out"/wireshark-plugin-tcpteach_*.deb
cp "${debs[@]}" "$out/"
for deb in "${debs[@]}"; do
    echo "build-deb: $out/$(basename "$deb")"
done
