/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the teaching tree of a frame, built on every pass from
 * the stored per-frame result and the header bytes: the fields, the
 * summary, and the explanation lines that point at the bytes they explain.
 */
#ifndef TCPTEACH_TREE_H
#define TCPTEACH_TREE_H

#include <stdbool.h>

#include <epan/packet.h>

#include "frame_store.h"
#include "header.h"
#include "lang.h"

/* The whole teaching tree under the frame's tree. */
void tt_tree_build(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const frame_rec *rec,
                   header_loc loc, const tt_header *h);

/* The field items only (role, steps, chunks, states...), under t. */
void tt_tree_add_fields(proto_tree *t, const frame_rec *rec, tt_lang lang);

/* Under `tshark -T fields`, when only fields that need no header bytes are
 * asked for, they go straight into the tree (tt_tree_add_fields): no
 * protocol item, subtree or header parsing that nobody prints. */
bool tt_tree_fields_alone(proto_tree *tree, const tt_result *r);

#endif
