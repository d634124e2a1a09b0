/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the tap that feeds the classroom documents (tshark's
 * -z tcpteach,KIND[,FILTER] and the GUI's menu, through tt_output_new()).
 *
 * The post-dissector queues each frame's stored result on the "tcpteach"
 * tap; the listener turns what Wireshark knows of the frame (times,
 * addresses, RTT, bytes in flight) into the core's stream view
 * (doc/doc.h), and at the end hands the view to the core, which writes the
 * document. The documents and their names are listed in the core's
 * catalogue (doc/documents.def).
 */
#include "config_glue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <epan/address.h>
#include <epan/epan_dissect.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "doc.h"
#include "frame_store.h"
#include "glue.h"
#include "strbuf.h"
#include "timeus.h"

int tt_tap_id = -1;

struct tt_output {
    tt_out_kind kind;
    tt_output_sink sink;
    GHashTable *by_index;  /* stream index -> tt_doc_stream (owned by the set) */
    tt_doc_set set;        /* the streams in order of first appearance */
    int hf_rtt, hf_flight; /* Wireshark's fields, read from the tapped tree */
};
typedef struct tt_output listener;

static char *endpoint(const address *a, uint16_t port)
{
    char *addr = address_to_str(NULL, a);
    size_t n = strlen(addr) + 10; /* brackets, colon, five digits, NUL */
    char *s = (char *)g_malloc(n);
    tt_format_endpoint(s, n, addr, a->type == AT_IPv6, port);
    wmem_free(NULL, addr);
    return s;
}

static void listener_reset(void *data)
{
    listener *l = (listener *)data;
    g_hash_table_remove_all(l->by_index);
    tt_doc_set_clear(&l->set);
}

static tt_doc_stream *stream_for(listener *l, const packet_info *pinfo, const tt_tap_info *ti)
{
    tt_doc_stream *s =
        (tt_doc_stream *)g_hash_table_lookup(l->by_index, GUINT_TO_POINTER(ti->r->stream));
    if (s != NULL)
        return s;
    /* What the capture holds of the stream, for what a filter left out. */
    const tt_stream_rec *all = tt_store_stream(ti->r->stream);
    bool c2s = ti->r->dir == TT_DIR_C2S;
    char *src = endpoint(&pinfo->src, ti->h->sport), *dst = endpoint(&pinfo->dst, ti->h->dport);
    s = tt_doc_set_add_stream(&l->set, ti->r->stream, pinfo->num, c2s ? src : dst, c2s ? dst : src,
                              all != NULL ? &all->all : NULL);
    g_free(src);
    g_free(dst);
    if (s != NULL)
        g_hash_table_insert(l->by_index, GUINT_TO_POINTER(ti->r->stream), s);
    return s;
}

/* Wireshark's RTT and bytes in flight for the frame: the listener's filter
 * names both fields, so every (re)tap puts them in the tree. */
static void read_numbers(const listener *l, epan_dissect_t *edt, tt_doc_seg *seg)
{
    if (edt == NULL || edt->tree == NULL || l->hf_rtt <= 0)
        return;
    GPtrArray *items = proto_get_finfo_ptr_array(edt->tree, l->hf_rtt);
    if (items != NULL && items->len > 0) {
        const nstime_t *t = fvalue_get_time(TT_FI_VALUE((field_info *)items->pdata[0]));
        if (t->secs >= 0 && t->nsecs >= 0) {
            seg->has_rtt = true;
            seg->rtt_us = tt_time_us((int64_t)t->secs, (int32_t)t->nsecs);
        }
    }
    items = l->hf_flight > 0 ? proto_get_finfo_ptr_array(edt->tree, l->hf_flight) : NULL;
    if (items != NULL && items->len > 0) {
        seg->has_flight = true;
        seg->flight = TT_FI_UINT((field_info *)items->pdata[0]);
    }
}

/* Time from `first` to `t` in microseconds, cut after subtracting as the
 * packet list's Time column cuts it (0.000034852 s is 0.000034); 0 when t
 * is earlier. */
static uint64_t usecs_since(const nstime_t *first, const nstime_t *t)
{
    nstime_t d;
    nstime_delta(&d, t, first);
    return tt_time_us_cut((int64_t)d.secs, (int32_t)d.nsecs);
}

static tap_packet_status listener_packet(void *data, packet_info *pinfo, epan_dissect_t *edt,
                                         const void *tap_data, tap_flags_t flags)
{
    (void)flags;
    listener *l = (listener *)data;
    if (l->sink.displayed_only && !pinfo->fd->passed_dfilter)
        return TAP_PACKET_DONT_REDRAW;
    const tt_tap_info *ti = (const tt_tap_info *)tap_data;
    tt_doc_seg seg = {.frame = pinfo->num, .r = *ti->r};
    read_numbers(l, edt, &seg);
    seg.hdr_len = (uint8_t)MIN(ti->h->caplen, (uint32_t)sizeof seg.hdr);
    memcpy(seg.hdr, ti->h->bytes, seg.hdr_len);
    seg.short_segment = ti->h->problem == TT_HDR_SHORT_SEGMENT;
    seg.d = (seg.r.notes & TT_NOTE_DETAIL) ? tt_store_detail(seg.frame) : NULL;
    const frame_rec *fr = tt_store_frame(seg.frame);
    seg.cc = fr != NULL ? fr->cc_code : 0;
    seg.cc_flight = fr != NULL ? fr->cc.flight : 0;
    if (!ti->has_stream) {
        tt_doc_stream *about =
            ti->about_stream
                ? (tt_doc_stream *)g_hash_table_lookup(l->by_index, GUINT_TO_POINTER(ti->r->stream))
                : NULL;
        tt_doc_set_add_outside(&l->set, &seg, ti->h, about);
        return TAP_PACKET_DONT_REDRAW;
    }
    tt_doc_stream *s = stream_for(l, pinfo, ti);
    if (s == NULL)
        return TAP_PACKET_DONT_REDRAW;
    /* Times count from the stream's first captured segment, whether the
     * filter lets it through or not (the store keeps the streams whenever a
     * document is asked for). */
    const tt_stream_rec *all = tt_store_stream(ti->r->stream);
    if (all != NULL)
        seg.t_us = usecs_since(&all->first_ts, &pinfo->abs_ts);
    if (s->cc == NULL) { /* the model of a stream's data comes with its first data */
        const tt_cc_slot *cc = tt_store_cc(ti->r->stream, false);
        if (cc != NULL) {
            s->cc_pt = &cc->pt;
            s->cc = cc->cc;
        }
    }
    tt_doc_stream_add(&l->set, s, &seg, ti->h);
    return TAP_PACKET_REDRAW;
}

static void listener_draw(void *data)
{
    const listener *l = (const listener *)data;
    const tt_doc_style style = {(tt_lang)tt_pref.language, !tt_relative_numbers(),
                                tt_pref.quiz_seed};
    tt_doc_write(&l->set, (tt_doc_kind)l->kind, &style, &l->sink.out);
    if (l->sink.done != NULL)
        l->sink.done(l->sink.out.ctx);
}

static void listener_finish(void *data)
{
    listener *l = (listener *)data;
    g_hash_table_destroy(l->by_index);
    tt_doc_set_clear(&l->set);
    g_free(l);
}

/* Every document but the role counts shows Wireshark's RTT and bytes in
 * flight: naming them in the listener's filter makes Wireshark put them in
 * the tree on every pass (the post-dissector's own fields are primed only on
 * the first). The added condition is always true. */
static char *listener_filter(tt_out_kind kind, const char *filter)
{
    bool user = filter != NULL && *filter != '\0';
    if (kind == TT_OUT_STATS)
        return user ? g_strdup(filter) : NULL;
    const char *numbers = "(tcp.analysis.ack_rtt || !tcp.analysis.ack_rtt) && "
                          "(tcp.analysis.bytes_in_flight || !tcp.analysis.bytes_in_flight)";
    return user ? g_strdup_printf("(%s) && %s", filter, numbers) : g_strdup(numbers);
}

tt_output *tt_output_new(tt_out_kind kind, const char *filter, const tt_output_sink *sink,
                         char **error)
{
    listener *l = g_new0(listener, 1);
    l->kind = kind;
    l->sink = *sink;
    l->by_index = g_hash_table_new(g_direct_hash, g_direct_equal);
    tt_doc_set_init(&l->set, kind == TT_OUT_STATS);
    l->hf_rtt = proto_registrar_get_id_byname("tcp.analysis.ack_rtt");
    l->hf_flight = proto_registrar_get_id_byname("tcp.analysis.bytes_in_flight");
    /* The user's filter on its own first, so that an error quotes only what
     * the user typed, not the conditions added to it. */
    static int probe;
    GString *err = filter != NULL && *filter != '\0'
                       ? register_tap_listener("tcpteach", &probe, filter, TL_REQUIRES_NOTHING,
                                               NULL, NULL, NULL, NULL)
                       : NULL;
    if (err != NULL) {
        *error = g_string_free(err, FALSE);
        listener_finish(l);
        return NULL;
    }
    if (filter != NULL && *filter != '\0')
        remove_tap_listener(&probe);
    char *tap_filter = listener_filter(kind, filter);
    guint needs = kind == TT_OUT_STATS ? TL_REQUIRES_NOTHING : TL_REQUIRES_PROTO_TREE;
    err = register_tap_listener("tcpteach", l, tap_filter, needs, listener_reset, listener_packet,
                                listener_draw, listener_finish);
    g_free(tap_filter);
    if (err != NULL) {
        /* The listener was not registered: free it here. */
        *error = g_string_free(err, FALSE);
        listener_finish(l);
        return NULL;
    }
    return l;
}

void tt_output_free(tt_output *output)
{
    /* Wireshark calls listener_finish, which frees it. */
    remove_tap_listener(output);
}

/* tshark: the document goes to standard output. */
static void to_stdout(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    fwrite(text, 1, len, stdout);
}

/* "tcpteach,walkthrough" ...: the -z option of each document. */
static char cli_names[TT_OUT_KIND_COUNT][32];

static tt_stat_tap_init_result listener_init(const char *opt_arg, void *userdata)
{
    tt_out_kind kind = (tt_out_kind)GPOINTER_TO_INT(userdata);
    const char *rest = opt_arg + strlen(cli_names[kind]);
    const tt_output_sink sink = {{to_stdout, NULL}, NULL, false};
    char *error = NULL;
    if (tt_output_new(kind, *rest == ',' ? rest + 1 : NULL, &sink, &error) == NULL) {
        fprintf(stderr, "tshark: -z %s: %s\n", opt_arg, error);
        g_free(error);
        exit(1);
    }
    return TT_STAT_TAP_INIT_DONE;
}

void tt_walkthrough_register(void)
{
    static stat_tap_ui uis[TT_OUT_KIND_COUNT];
    tt_tap_id = register_tap("tcpteach");
    for (int k = 0; k < TT_OUT_KIND_COUNT; k++) {
        snprintf(cli_names[k], sizeof cli_names[k], "tcpteach,%s",
                 tt_doc_info_of((tt_doc_kind)k)->cli);
        uis[k].group = REGISTER_STAT_GROUP_GENERIC;
        uis[k].cli_string = cli_names[k];
        uis[k].tap_init_cb = listener_init;
        register_stat_tap_ui(&uis[k], GINT_TO_POINTER(k));
    }
}
