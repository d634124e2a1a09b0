# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# Sourced by the fuzz scripts: the project's sandbox (tools/sandbox.sh:
# sandbox_setup, sandbox_file, sandbox_run, sandbox_check_plugin,
# sandbox_cleanup, SANDBOX_ENV) and the fuzz scripts' output checks:
#   teaching_trees FILE            the tcpteach subtrees of a -V output, by frame
#   ladder_too_wide FILE           the arrow lines of a -z tcpteach,ladder output wider
#                                  than its 100 columns (East Asian wide characters: 2)
#   roles_outside_catalogue FILE COLUMN PORT-COLUMN
#                                  frames of a -T fields output (tab-separated, no
#                                  header) whose TCP segment (a non-empty port column)
#                                  has no role token of the catalogue

fuzz_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../tools/sandbox.sh
. "$fuzz_here/../../tools/sandbox.sh"

teaching_trees() {
    python3 "$fuzz_here/outputs.py" trees "$1"
}

ladder_too_wide() {
    python3 "$fuzz_here/outputs.py" wide "$1"
}

# The catalogue program: next to the plugin's build (tcpteach-build.env).
roles_outside_catalogue() {
    python3 "$fuzz_here/outputs.py" roles "$1" "$2" "$3" "${TCPTEACH_CATALOGUE:?}"
}
