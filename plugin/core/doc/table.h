/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the segment table, one row per segment, that the
 * Markdown walkthrough and the HTML handout both show: its columns, their
 * headings and how each cell is made. Pure C11: no Wireshark, no GLib. */
#ifndef TCPTEACH_TABLE_H
#define TCPTEACH_TABLE_H

#include <stddef.h>

#include "lang.h"
#include "pieces.h"

/* Where the table goes: a cell's text is the same in both but where the
 * two documents say it differently (the handout names roles and states in
 * words, the Markdown by their tokens, as in the Wireshark fields). */
typedef enum { TT_TABLE_MARKDOWN, TT_TABLE_HTML } tt_table_form;

typedef struct tt_table_col {
    tt_msg head;     /* the column's heading */
    const char *cls; /* the HTML class of its cells (NULL: none) */
    /* The cell's plain text (not escaped) in buf. */
    void (*cell)(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n);
} tt_table_col;

#define TT_TABLE_COLS 11
extern const tt_table_col tt_table_cols[TT_TABLE_COLS];

#endif
