# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# Sourced by tests that need a tool the machine may lack.
#
# missing_tool MESSAGE: the test cannot run because a tool is missing. In CI
# (CI set and not "false") that is a failure: CI must install everything the
# README's test command names. Elsewhere the test is skipped with CTest's
# skip code 77 (the test's SKIP_RETURN_CODE), so a developer without, say,
# clang sees "Skipped" and the reason rather than a red test.
missing_tool() {
    if [ -n "${CI:-}" ] && [ "${CI}" != false ]; then
        echo "FAIL: $*" >&2
        exit 1
    fi
    echo "SKIP: $*" >&2
    exit 77
}
