/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the classroom documents (walkthrough, ladder, Markdown,
 * stats, HTML handout, quiz) of a set of streams.
 *
 * The caller (the glue's tap, or a test) fills a tt_doc_set segment by
 * segment with what the capture says: the state machine's result, the
 * header bytes, the time and Wireshark's numbers. tt_doc_write() then
 * writes one document of the whole set, in a style given as a parameter
 * (language, relative or absolute numbers, quiz seed): nothing here keeps
 * state between calls. Pure C11: no Wireshark, no GLib. */
#ifndef TCPTEACH_DOC_H
#define TCPTEACH_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cc.h"
#include "conversation.h"
#include "header.h"
#include "lang.h"
#include "out.h"
#include "pieces.h"

/* The documents, from the catalogue (documents.def). */
typedef enum {
#define TT_DOC(name, cli, menu_path, title, file) TT_DOC_##name,
#include "documents.def"
#undef TT_DOC
    TT_DOC_KIND_COUNT
} tt_doc_kind;

/* A document's entry in the catalogue. */
typedef struct tt_doc_info {
    tt_doc_kind kind;
    const char *cli;  /* the name after "-z tcpteach," */
    tt_msg menu_path; /* its entry under Tools (TT_MSG_COUNT: none) */
    tt_msg title;     /* its name, in window titles and dialogs */
    const char *file; /* default file name */
} tt_doc_info;
const tt_doc_info *tt_doc_info_of(tt_doc_kind kind);

/* How a document is written. */
typedef struct tt_doc_style {
    tt_lang lang;
    bool absolute;      /* sequence and acknowledgment numbers as on the wire */
    uint32_t quiz_seed; /* which questions the quiz picks (same seed, same quiz) */
} tt_doc_style;

/* The TCP header bytes a segment keeps (the longest header). */
#define TT_DOC_MAX_HEADER 60

/* One segment as the documents show it. */
typedef struct tt_doc_seg {
    tt_result r; /* the state machine's result */
    uint32_t frame;
    uint64_t t_us; /* capture time since the stream's first captured segment (kept or not) */
    uint8_t hdr[TT_DOC_MAX_HEADER];
    uint8_t hdr_len;    /* captured header bytes */
    bool short_segment; /* the header is longer than the whole segment */
    bool has_rtt;       /* Wireshark measured an RTT on this ACK */
    bool has_flight;    /* Wireshark counted bytes in flight */
    uint32_t flight;
    uint64_t rtt_us;
    uint8_t cc;         /* a data segment's congestion-control code (cc.h), 0: none */
    uint32_t cc_flight; /* ... and the bytes in flight the model counted after it */
    const tt_detail *d; /* the state machine's details (TT_NOTE_DETAIL), NULL: none; must
                           outlive the set */
} tt_doc_seg;

/* One stream: its totals, who is who, its kept segments in capture order. */
typedef struct tt_doc_stream {
    tt_walk_stream acc;       /* what the added segments did (acc.capture: the whole stream) */
    tt_role_counts counts;    /* their roles */
    char *client, *server;    /* "192.0.2.1:5000" */
    const tt_cc_point *cc_pt; /* the stream's congestion-control model, NULL: none; must */
    const tt_cc *cc;          /* outlive the set */
    tt_doc_seg *segs;
    size_t n, cap;
} tt_doc_stream;

/* The streams of a document, in order of first appearance, and the TCP
 * headers in no stream (quoted in ICMP errors, or given up on). */
typedef struct tt_doc_set {
    tt_doc_stream **streams;
    size_t n, cap;
    tt_doc_seg *outside;
    size_t n_outside, cap_outside;
    bool counts_only; /* the segments themselves are not kept (the stats need only counts) */
} tt_doc_set;

void tt_doc_set_init(tt_doc_set *set, bool counts_only);
/* Forgets every stream and segment (the set stays usable). */
void tt_doc_set_clear(tt_doc_set *set);
/* A new stream at the end of the set: `capture` is what the capture holds
 * of it when the set may lack some of its segments (NULL: the set has them
 * all; it must outlive the set). NULL when memory runs out. */
tt_doc_stream *tt_doc_set_add_stream(tt_doc_set *set, uint32_t stream, uint32_t first_frame,
                                     const char *client, const char *server,
                                     const tt_walk_stream *capture);
/* A segment of stream s, with its parsed header h (parsed from seg->hdr,
 * with what the frame says of its data). */
void tt_doc_stream_add(const tt_doc_set *set, tt_doc_stream *s, const tt_doc_seg *seg,
                       const tt_header *h);
/* A header in no stream; `about` (may be NULL): the stream it was quoted
 * about in an ICMP error. */
void tt_doc_set_add_outside(tt_doc_set *set, const tt_doc_seg *seg, const tt_header *h,
                            tt_doc_stream *about);

/* The header of a kept segment, parsed again. */
void tt_doc_seg_header(const tt_doc_seg *seg, tt_header *h);

/* Writes the document of `kind` about the whole set. */
void tt_doc_write(const tt_doc_set *set, tt_doc_kind kind, const tt_doc_style *style,
                  const tt_out *o);

#endif
