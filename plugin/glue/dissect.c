/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the post-dissector, orchestrating the glue's parts.
 *
 * First pass: read the TCP header and Wireshark's findings, feed the core,
 * keep the small per-frame result. Every pass: build the teaching tree and
 * the Info label from that stored result and the header bytes, so the output
 * is the same in one pass, two passes (tshark -2) and any re-dissection order
 * (a click in the GUI).
 */
#include "config_glue.h"

#include <epan/column-utils.h>
#include <epan/tap.h>

#include "explain.h"
#include "extract.h"
#include "frame_store.h"
#include "glue.h"
#include "header.h"
#include "output_need.h"
#include "tree.h"

void tt_dissect_handoff(dissector_handle_t handle)
{
    tt_extract_register(handle);
    tt_need_init();
    tt_store_register();
}

/* First pass: classify the frame's TCP segment and keep the result. */
static frame_rec *classify(const tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    tt_extracted x;
    if (!tt_extract(pinfo, tree, &x))
        return NULL;
    frame_rec *rec = tt_store_new_frame(pinfo->num);
    if (x.h.problem == TT_HDR_SHORT_SEGMENT)
        rec->flags |= FR_SHORT;
    if (x.ds == tvb && x.start <= UINT16_MAX) {
        rec->flags |= FR_IN_FRAME;
        rec->hdr_offset = (uint16_t)x.start;
    } else {
        frame_extra *e = tt_store_new_extra(pinfo->num);
        e->hdr_offset = (uint32_t)x.start;
        e->in_frame = x.ds == tvb;
        if (!e->in_frame && x.n > 0) {
            e->hdr_copy = (uint8_t *)wmem_memdup(wmem_file_scope(), x.bytes, x.n);
            e->hdr_copy_len = (uint8_t)x.n;
        }
        rec->flags |= FR_EXTRA;
    }
    if (x.has_stream && x.s.quoted) {
        /* A header quoted in an ICMP error, about a segment of this stream:
         * explained with the stream's endpoints and states, which it does
         * not change; the documents list it apart from the stream's own
         * segments. */
        tt_conv_feed(tt_store_conversation(x.stream), &tt_file_allocator, &x.h, &x.s, &rec->r);
        rec->flags |= FR_ABOUT_STREAM;
    } else if (x.has_stream) {
        rec->flags |= FR_STREAM;
        tt_detail detail;
        tt_conv_feed_detail(tt_store_conversation(x.stream), &tt_file_allocator, &x.h, &x.s,
                            &rec->r, &detail);
        if (rec->r.notes & TT_NOTE_DETAIL)
            tt_store_keep_detail(pinfo->num, &detail);
        tt_cc_slot *cc = tt_store_cc(x.stream, true);
        if (cc->cc == NULL && tt_cc_is_data(&rec->r, &x.h))
            cc->cc = wmem_new0(wmem_file_scope(), tt_cc);
        rec->cc_code = tt_cc_feed(&cc->pt, cc->cc, &rec->r, &x.h, &x.s, &rec->cc);
        if (tt_store_keeps_streams())
            tt_store_add_segment(x.stream, pinfo, &rec->r, &x.h);
    } else {
        /* Not part of any stream Wireshark numbered (quoted in an ICMP error,
         * or a header it gave up on): explained from its own bytes alone. */
        tt_conv *alone = (tt_conv *)wmem_alloc0(pinfo->pool, tt_conv_size());
        tt_conv_init(alone, 0);
        tt_conv_feed(alone, &tt_file_allocator, &x.h, &x.s, &rec->r);
    }
    return rec;
}

int tt_dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    (void)data;
    frame_rec *rec = tt_store_frame(pinfo->num);
    if (rec == NULL && !PINFO_FD_VISITED(pinfo) && tree != NULL)
        rec = classify(tvb, pinfo, tree);
    if (rec == NULL)
        return 0;

    bool want_label = tt_pref.info_label && col_get_writable(pinfo->cinfo, COL_INFO);
    bool want_tap = have_tap_listener(tt_tap_id);
    if (!want_label && !want_tap && tree == NULL)
        return 0;
    if (want_label) {
        char label[128];
        tt_explain_label(&rec->r, (tt_lang)tt_pref.language, label, sizeof label);
        col_append_sep_str(pinfo->cinfo, COL_INFO, " ", label);
    }
    if (!want_tap && tt_tree_fields_alone(tree, &rec->r)) {
        tt_tree_add_fields(tree, rec, (tt_lang)tt_pref.language);
        return (int)tvb_captured_length(tvb);
    }

    /* Where the header is: in the frame (nearly always), or as kept aside. */
    frame_extra in_frame = {rec->hdr_offset, NULL, 0, true};
    const frame_extra *x = &in_frame;
    if (rec->flags & FR_EXTRA) {
        x = tt_store_extra(pinfo->num);
        if (x == NULL)
            return 0;
    }
    uint8_t bytes[TT_MAX_HEADER];
    const uint8_t *hb = x->hdr_copy;
    unsigned n = x->hdr_copy_len;
    if (x->in_frame) {
        n = tt_extract_copy_header(tvb, (int)x->hdr_offset, bytes);
        hb = bytes;
    }
    tt_header h;
    tt_header_parse(&h, hb, n);
    /* Numbers in summaries follow Wireshark's relative/absolute choice. */
    h.absolute = !tt_relative_numbers();
    if (x->in_frame) /* how much of its data the snapshot length kept */
        tt_header_set_captured(
            &h, (uint32_t)MAX(tvb_captured_length_remaining(tvb, (int)x->hdr_offset), 0));
    if (rec->flags & FR_SHORT)
        h.problem = TT_HDR_SHORT_SEGMENT;
    if (want_tap) {
        tt_tap_info *ti = wmem_new(pinfo->pool, tt_tap_info);
        tt_header *hc = wmem_new(pinfo->pool, tt_header);
        *hc = h;
        hc->bytes = (const uint8_t *)wmem_memdup(pinfo->pool, hb, n);
        ti->r = &rec->r;
        ti->h = hc;
        ti->has_stream = (rec->flags & FR_STREAM) != 0;
        ti->about_stream = (rec->flags & FR_ABOUT_STREAM) != 0;
        tap_queue_packet(tt_tap_id, pinfo, ti);
    }
    if (tree == NULL)
        return 0;
    header_loc loc = tt_extract_locate(tvb, tree, x);
    tt_tree_build(tvb, pinfo, tree, rec, loc, &h);
    return (int)tvb_captured_length(tvb);
}
