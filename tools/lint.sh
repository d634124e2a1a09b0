#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Static checks of the project's files: every C file clang-formatted (the
# committed .clang-format) and cppcheck-clean, every source file (C, .def,
# shell, Python, Java, CMake) with its SPDX licence line near the top.
# Prints what is wrong and exits non-zero.
# Usage: tools/lint.sh [BUILD_DIR]   (BUILD_DIR holds the generated config_glue.h)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
cd "$top"
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.c' '*.h')
status=0
for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" 2>/dev/null; then
        echo "lint: $f is not clang-formatted (run: clang-format -i $f)" >&2
        status=1
    fi
done
mapfile -t sources < <(git ls-files --cached --others --exclude-standard -- '*.c' '*.h' '*.def' \
    '*.in' '*.sh' '*.py' '*.java' '*.cmake' 'CMakeLists.txt' '*/CMakeLists.txt' .ci/run)
for f in "${sources[@]}"; do
    if ! head -3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-or-later'; then
        echo "lint: $f has no SPDX licence line in its first three lines" >&2
        status=1
    fi
done
glib_cflags=$(pkg-config --cflags-only-I glib-2.0)
# shellcheck disable=SC2086
if ! cppcheck --enable=warning,style,performance,portability --std=c11 --error-exitcode=1 -q \
    --suppress='*:/usr/include/*' --inline-suppr --max-configs=1 --suppress=toomanyconfigs \
    -I plugin/core -I plugin/core/doc -I plugin/glue -I "$build/plugin/glue" -I /usr/include/wireshark $glib_cflags \
    "${files[@]}"; then
    echo "lint: cppcheck found problems" >&2
    status=1
fi
[ "$status" = 0 ] &&
    echo "lint: ${#files[@]} files clang-formatted and cppcheck-clean, ${#sources[@]} with their licence line"
exit "$status"
