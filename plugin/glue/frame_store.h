/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: what is kept per frame and per stream, in file scope.
 *
 * The first pass classifies each frame and keeps a small record; every
 * later dissection (tshark -2, a click in the GUI) builds the tree from
 * it. Frames and streams are numbered densely by Wireshark, so both live in
 * tables indexed by their numbers, forgotten with the capture file.
 */
#ifndef TCPTEACH_FRAME_STORE_H
#define TCPTEACH_FRAME_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <epan/packet.h>

#include "cc.h"
#include "conversation.h"
#include "pieces.h"

#define TT_MAX_HEADER 60

/* What is kept per frame: 76 bytes, in a table indexed by frame number. */
typedef struct frame_rec {
    tt_result r;
    uint16_t hdr_offset; /* where the TCP header starts in the frame (FR_IN_FRAME) */
    uint8_t flags;       /* FR_* */
    uint8_t cc_code;     /* a data segment's congestion-control phase and TT_CC_F_* */
    tt_cc_mark cc;       /* ... and what its explanation needs */
} frame_rec;
_Static_assert(sizeof(frame_rec) <= 76, "the per-frame record stays small");

enum {
    FR_IN_FRAME = 1u << 0,    /* the header's data source is the frame, at hdr_offset */
    FR_SHORT = 1u << 1,       /* the header is longer than the whole segment */
    FR_STREAM = 1u << 2,      /* part of a TCP stream Wireshark numbered */
    FR_EXTRA = 1u << 3,       /* see frame_extra */
    FR_ABOUT_STREAM = 1u << 4 /* quoted in an ICMP error, about a segment of stream r.stream */
};

/* The rare frames whose header is elsewhere (e.g. in reassembled IP
 * fragments), or more than 64 KiB into the frame. */
typedef struct frame_extra {
    uint32_t hdr_offset; /* in its data source */
    uint8_t *hdr_copy;   /* the header bytes, when that source is not the frame */
    uint8_t hdr_copy_len;
    bool in_frame;
} frame_extra;

/* Where the header bytes are on this pass. */
typedef struct header_loc {
    tvbuff_t *ds; /* NULL when the bytes can't be pointed at on this pass */
    int offset;
} header_loc;

/* Once, at handoff: sizes the tables and forgets them with each file. */
void tt_store_register(void);

/* The frame's record, or NULL when it was never classified. */
frame_rec *tt_store_frame(uint32_t num);

/* A new, zeroed record for the frame. */
frame_rec *tt_store_new_frame(uint32_t num);

/* The frame's extra record (FR_EXTRA), and a new zeroed one. */
const frame_extra *tt_store_extra(uint32_t num);
frame_extra *tt_store_new_extra(uint32_t num);

/* The details the core gave a retransmission (TT_NOTE_DETAIL), kept aside
 * for the few frames that have them, and NULL for the others. */
const tt_detail *tt_store_detail(uint32_t num);
void tt_store_keep_detail(uint32_t num, const tt_detail *d);

/* The per-stream state of the core, created on first use. */
tt_conv *tt_store_conversation(uint32_t stream);

/* The congestion-control model of a stream: the handshake's times for every
 * stream, the model itself (NULL until the stream carries data). */
typedef struct tt_cc_slot {
    tt_cc_point pt;
    tt_cc *cc;
} tt_cc_slot;
/* Created on first use; with create false, NULL when never created. */
tt_cc_slot *tt_store_cc(uint32_t stream, bool create);

/* What the capture holds of a stream, whatever a document's filter lets
 * through: the totals of all its segments, and its first one's time. */
typedef struct tt_stream_rec {
    tt_walk_stream all;
    nstime_t first_ts; /* absolute capture time of its first segment */
} tt_stream_rec;

/* Whether the streams' records are kept: only the documents read them. In
 * the Wireshark window a document may be asked for at any time, so always;
 * tshark reads its file once, so only when a document (a tap listener of
 * tcpteach, -z tcpteach,...) is registered. A SYN flood of 100,000 streams
 * would otherwise hold 100,000 records nobody reads. */
bool tt_store_keeps_streams(void);
/* Adds a classified segment of the stream (first pass). */
void tt_store_add_segment(uint32_t stream, const packet_info *pinfo, const tt_result *r,
                          const tt_header *h);
/* The stream's record; NULL when no segment of it was classified. */
const tt_stream_rec *tt_store_stream(uint32_t stream);

/* The core's allocator, in file scope. */
extern const tt_alloc tt_file_allocator;

#endif
