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
#include <stdint.h>

#include <epan/proto.h>

/* Once, after every field is registered. */
void tt_need_init(void);

/* Does anybody look at this field of ours on this pass? (tt_need_field) */
bool tt_need_field_slow(proto_tree *tree, int hf);

/* Is this field asked for by name (a filter, a column, a tap, a Lua script,
 * tshark's -e), not merely shown as part of a whole tree? For fields that
 * are costly and hidden, such as tcpteach.text. (tt_need_by_name) */
bool tt_need_by_name_slow(const proto_tree *tree, int hf);

/* Wireshark 4.0 under tshark -T fields: whether a field of ours is named,
 * and so needed, is the same for the whole run, so the answers are kept
 * per field id - tt_need_base (0: not asked yet, 1: no, 2: yes), and the
 * many questions of every packet cost a load each. tt_need_answers is
 * NULL where that does not hold. */
extern const uint8_t *tt_need_answers;
extern int tt_need_base, tt_need_count;

static inline int tt_need_kept(int hf)
{
    if (tt_need_answers == NULL || (unsigned)(hf - tt_need_base) >= (unsigned)tt_need_count)
        return 0;
    return tt_need_answers[hf - tt_need_base];
}

static inline bool tt_need_field(proto_tree *tree, int hf)
{
    /* the kept answer holds for the visible tree that tshark -T fields
     * builds on 4.0 (a filter's first pass may build an invisible one) */
    int kept = tree != NULL && PTREE_DATA(tree)->visible ? tt_need_kept(hf) : 0;
    return kept != 0 ? kept == 2 : tt_need_field_slow(tree, hf);
}

static inline bool tt_need_by_name(const proto_tree *tree, int hf)
{
    int kept = tree != NULL ? tt_need_kept(hf) : 0;
    return kept != 0 ? kept == 2 : tt_need_by_name_slow(tree, hf);
}

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
