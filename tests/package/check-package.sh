#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks the Debian package wireshark-plugin-tcpteach from end to end:
#   1. builds it with packaging/build-deb.sh;
#   2. checks its contents (dpkg-deb -c) and metadata (dpkg-deb -I);
#   3. runs lintian, which must report no error;
#   4. installs it with apt-get, checks that tshark loads tcpteach for a normal
#      user with no personal plugin folder, annotates a sample capture as that
#      user and opens every bundled configuration profile;
#   5. purges it and checks that nothing of it is left.
# The package is installed system-wide, so this needs root: otherwise it exits
# 77 (CTest: skipped). Whatever happens, the package is purged on exit.
#
# Usage: check-package.sh SOURCE-DIR
set -euo pipefail

src=$(cd "${1:?usage: check-package.sh SOURCE-DIR}" && pwd)
pkg=wireshark-plugin-tcpteach

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: the package test installs $pkg system-wide and needs root (run ctest as root)"
    exit 77
fi

missing=()
for tool in dpkg-deb dpkg-buildpackage dh lintian apt-get tshark setpriv pkg-config; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "FAIL: missing ${missing[*]}; install: apt-get install -y --no-install-recommends dpkg-dev debhelper lintian tshark pkg-config" >&2
    exit 1
fi

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
step() { printf '\n== %s\n' "$*"; }

plugin_dir=$(pkg-config --variable=plugindir wireshark)
plugin_file=$plugin_dir/epan/tcpteach.so
doc_dir=/usr/share/doc/$pkg
# Wireshark's global profiles folder: DATA_DIR/profiles, where DATA_DIR is
# what tshark -G folders calls "Global configuration".
datafile_dir=$(tshark -G folders 2>/dev/null | awk -F'\t' '/^Global configuration:/ { print $2 }')
[ -n "$datafile_dir" ] || { echo "FAIL: tshark -G folders gives no global configuration folder" >&2; exit 1; }
profiles_dir=$datafile_dir/profiles
ws_version=$(pkg-config --modversion wireshark)
ws_next=$(echo "$ws_version" | awk -F. '{ print $1 "." $2 + 1 }')

# Never touch an installation this test did not make: a system-wide tcpteach
# (package or `cmake --install`) also breaks the other tests.
if dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -qv '^.n'; then
    echo "FAIL: $pkg is already (partly) installed; remove it first (apt-get purge -y $pkg)" >&2
    exit 1
fi
if [ -e "$plugin_file" ]; then
    echo "FAIL: $plugin_file already exists (installed by hand?); remove it first" >&2
    exit 1
fi

work=$(mktemp -d -t tcpteach-package.XXXXXX)
chmod 755 "$work"
installed=0
# The trap may fire inside a redirected function call: report on the original
# standard error.
exec 3>&2
cleanup() {
    if [ "$installed" = 1 ] &&
        dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -qv '^.n'; then
        echo "cleanup: purging $pkg" >&3
        DEBIAN_FRONTEND=noninteractive apt-get purge -y "$pkg" >/dev/null 2>&1 ||
            dpkg --purge "$pkg" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    sandbox_cleanup 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# tshark as an unprivileged user, with a fresh empty home (no personal plugin
# folder, no personal profile).
# shellcheck source=../../tools/sandbox.sh
. "$src/tools/sandbox.sh"
sandbox_setup installed
home=$SANDBOX/home
as_user() {
    (cd "$home" && sandbox_run "$@")
}

step "build (packaging/build-deb.sh)"
mkdir "$work/out"
"$src/packaging/build-deb.sh" "$work/out" >"$work/build.log" 2>&1 || {
    tail -n 40 "$work/build.log" >&2
    echo "FAIL: packaging/build-deb.sh failed (last lines above)" >&2
    exit 1
}
debs=("$work/out/${pkg}_"*.deb)
if [ ${#debs[@]} != 1 ] || [ ! -f "${debs[0]}" ]; then
    echo "FAIL: expected one ${pkg}_*.deb, got: ${debs[*]}" >&2
    exit 1
fi
deb=${debs[0]}
chmod 644 "$deb"
echo "built $(basename "$deb")"
for leftover in debian obj-*; do
    [ ! -e "$src/$leftover" ] || fail "the build left $leftover/ in the source tree"
done

step "metadata (dpkg-deb -I)"
dpkg-deb -I "$deb"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = "$pkg" ] || fail "Package is $(field Package)"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is $(field Architecture)"
project_version=$(sed -n 's/^project(tcpteach VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
version=$(field Version)
if [ -z "$project_version" ] || [ "${version%%-*}" != "$project_version" ]; then
    fail "package version $version does not match the project version $project_version"
fi
depends=$(field Depends)
lib_pkg=$(dpkg-query -S "$(readlink -f "$(pkg-config --variable=libdir wireshark)/libwireshark.so")" | cut -d: -f1)
# GLib's runtime package, e.g. libglib2.0-0 (Debian 12) or libglib2.0-0t64
# (Debian 13, after the 64-bit time_t transition).
glib_pkg=$(dpkg-query -S "$(readlink -f "$(pkg-config --variable=libdir glib-2.0)/libglib-2.0.so")" | cut -d: -f1)
for want in "libc6 (>= " "$glib_pkg (>= " "$lib_pkg (>= $ws_version)" "$lib_pkg (<< $ws_next~)" \
    "wireshark-common (>= $ws_version)" "wireshark-common (<< $ws_next~)"; do
    case ", $depends," in
        *", $want"*) ;;
        *) fail "Depends lacks '$want': $depends" ;;
    esac
done

step "contents (dpkg-deb -c)"
dpkg-deb -c "$deb" | tee "$work/contents.txt"
# Paths only, without the leading "."; names may contain spaces.
sed -E 's/^([^ ]+ +){5}\.//; s/ -> .*//' "$work/contents.txt" >"$work/paths.txt"
has() { grep -qxF -- "$1" "$work/paths.txt" || fail "the package lacks $1"; }
has "$plugin_file"
has "$doc_dir/copyright"
grep -qxE -- "$doc_dir/README\.md(\.gz)?" "$work/paths.txt" || fail "the package lacks $doc_dir/README.md"
has "$doc_dir/sample-pcaps/README.md"
for f in "$src"/sample-pcaps/*.pcap "$src"/sample-pcaps/*.pcapng "$src"/sample-pcaps/*.py \
    "$src"/sample-pcaps/*.sh "$src"/sample-pcaps/java/*.java; do
    [ -e "$f" ] || continue
    has "$doc_dir/sample-pcaps/${f#"$src/sample-pcaps/"}"
done
profiles=()
if [ -d "$src/packaging/profiles" ]; then
    for dir in "$src/packaging/profiles"/*/; do
        [ -d "$dir" ] || continue
        name=$(basename "$dir")
        profiles+=("$name")
        has "$profiles_dir/$name/"
        for f in "$dir"*; do
            [ -f "$f" ] && has "$profiles_dir/$name/$(basename "$f")"
        done
    done
fi
echo "profiles in the package: ${#profiles[@]}${profiles[*]:+ (${profiles[*]})}"
if grep -vE "^/usr/(lib/[^/]+/wireshark/plugins/|share/doc/$pkg/|share/wireshark/profiles/|share/lintian/overrides/)" "$work/paths.txt" |
    grep -vxE '/|/usr/|/usr/lib/|/usr/lib/[^/]+/|/usr/lib/[^/]+/wireshark/|/usr/share/|/usr/share/doc/|/usr/share/wireshark/|/usr/share/lintian/' \
        >"$work/unexpected.txt"; then
    fail "unexpected paths in the package: $(tr '\n' ' ' <"$work/unexpected.txt")"
fi

step "lintian"
lintian --fail-on error --display-level '>=warning' "$deb" >"$work/lintian.txt" 2>&1 || lintian_rc=$?
grep -v 'running with root privileges is not recommended' "$work/lintian.txt" || true
if [ "${lintian_rc:-0}" != 0 ] || grep -q '^E:' "$work/lintian.txt"; then
    fail "lintian reports errors"
fi

step "install (apt-get install)"
installed=1
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >"$work/install.log" 2>&1 || {
    cat "$work/install.log" >&2
    echo "FAIL: apt-get install failed" >&2
    exit 1
}
grep -E '^(Unpacking|Setting up) ' "$work/install.log" || true
[ -f "$plugin_file" ] || fail "$plugin_file is not installed"
for name in "${profiles[@]}"; do
    [ -d "$profiles_dir/$name" ] || fail "profile folder $profiles_dir/$name is not installed"
done

step "tshark -G plugins as an unprivileged user"
as_user tshark -G plugins >"$work/plugins.txt" 2>"$work/plugins.err" || fail "tshark -G plugins failed: $(cat "$work/plugins.err")"
grep -E '^tcpteach\.so[[:space:]]' "$work/plugins.txt" || fail "tshark -G plugins does not list tcpteach.so"
grep -qF "$plugin_file" "$work/plugins.txt" || fail "tshark does not load tcpteach from $plugin_file"

step "annotate a sample capture as that user"
capture=$work/java-hello.pcapng
cp "$src/sample-pcaps/java-hello.pcapng" "$capture"
chmod 644 "$capture"
as_user tshark -r "$capture" -T fields -e tcpteach.role >"$work/roles.txt" 2>"$work/roles.err" ||
    fail "tshark -r failed: $(cat "$work/roles.err")"
[ ! -s "$work/roles.err" ] || fail "tshark wrote to standard error: $(cat "$work/roles.err")"
paste -sd' ' "$work/roles.txt"
golden=$src/tests/golden/expected/java-hello.fields.en
if [ -f "$golden" ]; then
    col=$(head -n 1 "$golden" | tr '\t' '\n' | grep -nx 'tcpteach.role' | cut -d: -f1)
    tail -n +2 "$golden" | cut -f "$col" >"$work/roles.expected"
    diff -u "$work/roles.expected" "$work/roles.txt" || fail "the installed plugin's roles differ from $golden"
fi
[ "$(head -n 3 "$work/roles.txt" | paste -sd' ')" = "handshake-1 handshake-2 handshake-3" ] ||
    fail "the first three roles are not handshake-1..3"

for name in "${profiles[@]}"; do
    step "configuration profile \"$name\" (tshark -C)"
    as_user tshark -C "$name" -r "$capture" -T fields -e tcpteach.role >"$work/profile.txt" 2>"$work/profile.err" ||
        fail "tshark -C \"$name\" failed: $(cat "$work/profile.err")"
    cmp -s "$work/roles.txt" "$work/profile.txt" || fail "tshark -C \"$name\" annotates differently"
    [ -d "$home/.config/wireshark/profiles/$name" ] ||
        fail "tshark -C \"$name\" did not copy the global profile for the user"
    echo "tshark -C \"$name\": ok, copied to the user's profiles"
done

step "purge (apt-get purge)"
DEBIAN_FRONTEND=noninteractive apt-get purge -y "$pkg" >"$work/purge.log" 2>&1 || {
    cat "$work/purge.log" >&2
    fail "apt-get purge failed"
}
tr '\r' '\n' <"$work/purge.log" | grep -E '^(Removing|Purging) ' || true
if dpkg -L "$pkg" >/dev/null 2>&1; then
    fail "dpkg -L $pkg still succeeds after the purge"
else
    installed=0
fi
[ ! -e "$plugin_file" ] || fail "$plugin_file is still there"
[ ! -e "$doc_dir" ] || fail "$doc_dir is still there"
for name in "${profiles[@]}"; do
    [ ! -e "$profiles_dir/$name" ] || fail "$profiles_dir/$name is still there"
done
rm -rf "${home:?}"/.config "${home:?}"/.local
as_user tshark -G plugins >"$work/plugins.txt" 2>/dev/null || fail "tshark -G plugins failed after the purge"
! grep -qE '^tcpteach\.so[[:space:]]' "$work/plugins.txt" || fail "tshark still lists tcpteach.so after the purge"

echo
if [ "$failures" = 0 ]; then
    echo "package test: all checks passed"
else
    echo "package test: $failures check(s) failed" >&2
    exit 1
fi
