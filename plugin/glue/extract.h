/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the facts about a frame's TCP segment, read from the
 * fields Wireshark's TCP dissector added (on the first pass, when the
 * post-dissector's wanted fields are primed), for the core.
 */
#ifndef TCPTEACH_EXTRACT_H
#define TCPTEACH_EXTRACT_H

#include <stdbool.h>
#include <stdint.h>

#include <epan/packet.h>

#include "frame_store.h"
#include "header.h"

typedef struct tt_extracted {
    uint8_t bytes[TT_MAX_HEADER]; /* the header's first bytes */
    unsigned n;                   /* how many of them were captured */
    tt_header h;                  /* parsed from bytes */
    tt_segment s;                 /* what Wireshark found out about it */
    const tvbuff_t *ds;           /* the header's data source */
    int start;                    /* and where it starts there */
    bool has_stream;              /* a header in a stream Wireshark numbered (a quoted one
                                     too: Wireshark numbers the stream it is about) */
    uint32_t stream;              /* tcp.stream, when has_stream */
} tt_extracted;

/* Once, at handoff: asks Wireshark for the TCP fields read here. */
void tt_extract_register(dissector_handle_t handle);

/* The frame's real TCP header (else one quoted in an ICMP error) and its
 * facts; false when the frame has no TCP header. */
bool tt_extract(packet_info *pinfo, proto_tree *tree, tt_extracted *x);

/* Copies up to TT_MAX_HEADER captured header bytes; returns how many. */
unsigned tt_extract_copy_header(tvbuff_t *ds, int offset, uint8_t *buf);

/* Later passes: where the header bytes are now (in the frame at the stored
 * offset, or in the data source the tree shows). */
header_loc tt_extract_locate(tvbuff_t *tvb, proto_tree *tree, const frame_extra *x);

#endif
