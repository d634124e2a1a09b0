/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: what the document writers share (doc.c calls them). */
#ifndef TCPTEACH_WRITERS_H
#define TCPTEACH_WRITERS_H

#include "doc.h"
#include "explain.h"

#define TT_TEXT_MAX TT_PARAGRAPH_MAX

/* A stream as the pieces take it: parsed headers and pointers to the kept
 * segments. */
typedef struct tt_doc_view {
    tt_walk_view v;
    tt_walk_seg *segs;
    tt_header *headers;
} tt_doc_view;

/* The numbers as on the wire when `absolute`. False when memory runs out (then nothing is to be
 * closed). */
bool tt_doc_view_open(tt_doc_view *vw, const tt_doc_stream *s, bool absolute);
void tt_doc_view_close(tt_doc_view *vw);

/* The rule between streams of the text documents. */
void tt_doc_rule(const tt_out *o);
/* The line about a header in no stream: "Frame 7: ...". */
void tt_doc_outside_line(const tt_doc_seg *seg, const tt_doc_style *st, char *buf, size_t n);

void tt_doc_write_walkthrough(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o);
void tt_doc_write_markdown(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o);
void tt_doc_write_ladder(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o);
void tt_doc_write_stats(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o);
void tt_doc_write_quiz(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o);
void tt_doc_write_html(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o);

#endif
