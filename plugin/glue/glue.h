/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: what the registration and the post-dissector share. */
#ifndef TCPTEACH_GLUE_H
#define TCPTEACH_GLUE_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "compat.h"
#include "conversation.h"
#include "doc.h"
#include "header.h"
#include "lang.h"
#include "out.h"
#include "prefs.h"

/* Field and subtree ids (registered in plugin.c). tt_hf holds only ints:
 * dissect.c walks it as an array to learn the range of our field ids. */
typedef struct tt_hf {
    int proto;
    int role, phase, step, chunk, acked_chunk, client_state, server_state, direction;
    int direction_guessed, retransmission, half_close, segment, summary, text, line, continued;
    int label;
    int capture_duplicate;
    int resend_cause;
    int phase_label, direction_label, client_state_label, server_state_label;
    int congestion;
} tt_hf;

typedef struct tt_ett {
    int top, conversation, header, reliability, line, congestion;
} tt_ett;

extern tt_hf tt_hf_ids;
extern tt_ett tt_ett_ids;
extern expert_field tt_ei_malformed;
extern expert_field tt_ei_guessed;

/* What the post-dissector hands to the "tcpteach" tap for each frame. */
#define TT_TAP_MAX_HEADER 60
typedef struct tt_tap_info {
    const tt_result *r;
    const tt_header *h; /* parsed from the frame's header bytes */
    bool has_stream;
    bool about_stream; /* quoted in an ICMP error, about a segment of stream r->stream */
} tt_tap_info;

extern int tt_tap_id;

/* doc_tap.c: the classroom outputs, for tshark's -z tcpteach,... and for
 * the GUI's menu. The documents are the core's catalogue
 * (doc/documents.def), in its order: TT_OUT_NAME is the core's
 * TT_DOC_NAME. */
typedef enum {
#define TT_DOC(name, cli, menu_path, title, file) TT_OUT_##name,
#include "documents.def"
#undef TT_DOC
    TT_OUT_KIND_COUNT
} tt_out_kind;
_Static_assert((int)TT_OUT_KIND_COUNT == (int)TT_DOC_KIND_COUNT, "one list of documents");

/* Where a document goes: `out` receives the text in pieces, then `done`
 * (may be NULL) is called with out.ctx once the document is whole. With
 * `displayed_only`, the document keeps only the frames the packet list shows
 * (those that passed the display filter applied last). */
typedef struct tt_output_sink {
    tt_out out;
    void (*done)(void *ctx);
    bool displayed_only;
} tt_output_sink;

typedef struct tt_output tt_output;

/* Collects, from the next (re)tap on, the frames that match `filter` (NULL
 * or "": every frame) and writes the document of `kind` to `sink` each time
 * the tap draws, in the preference language. NULL with *error set (g_free
 * it) when the filter is wrong. */
tt_output *tt_output_new(tt_out_kind kind, const char *filter, const tt_output_sink *sink,
                         char **error);
/* Removes the tap listener and frees everything. */
void tt_output_free(tt_output *output);

void tt_walkthrough_register(void);

/* gui.c: the Flow Graph analysis and the Statistics table */
void tt_gui_register(void);

/* dissect.c */
int tt_dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
void tt_dissect_handoff(dissector_handle_t handle); /* once, after registration */

#endif
