/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the output need, i.e. which of tcpteach's fields anybody
 * will look at on this pass of the dissector.
 *
 * The GUI, -V, PDML and JSON show the whole tree. Filters, columns, taps
 * and Lua scripts name fields, and Wireshark primes those. `tshark -T fields`
 * prints only the fields named with -e: from 4.2 on tshark primes them too
 * and builds an invisible tree, so Wireshark itself answers; tshark 4.0
 * builds a visible tree, and the answer comes from its command line
 * (tshark_args.c). Everything about that difference lives here.
 */
#ifndef TCPTEACH_OUTPUT_NEED_H
#define TCPTEACH_OUTPUT_NEED_H

#include <stdbool.h>

#include <epan/proto.h>

/* Once, after every field is registered. */
void tt_need_init(void);

/* Does anybody look at this field of ours on this pass? */
bool tt_need_field(proto_tree *tree, int hf);

/* Is this field asked for by name (a filter, a column, a tap, a Lua script,
 * tshark's -e), not merely shown as part of a whole tree? For fields that
 * are costly and hidden, such as tcpteach.text. */
bool tt_need_by_name(const proto_tree *tree, int hf);

/* Are only the values printed, never the items' labels (tshark -T fields)?
 * Then items need no label in the user's language. */
bool tt_need_values_only(const proto_tree *tree);

/* The program's command line, read once from /proc/self/cmdline and kept
 * for the whole run: its words (argv[0] first), NULL-terminated, and their
 * count in *argc; NULL (and 0) when it cannot be read. */
const char *const *tt_command_line(int *argc);

/* Whether the program is tshark (the name of argv[0]). */
bool tt_program_is_tshark(void);

#endif
