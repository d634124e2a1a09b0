/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: classroom outputs through tshark's -z option.
 *
 *   -z tcpteach,walkthrough[,FILTER]   numbered narrative per stream
 *   -z tcpteach,markdown[,FILTER]      the same as Markdown (a table per stream)
 *   -z tcpteach,ladder[,FILTER]        a text ladder diagram per stream
 *   -z tcpteach,stats[,FILTER]         role counts per stream and in total
 *   -z tcpteach,html[,FILTER]          the HTML handout (diagram, table, quiz)
 *   -z tcpteach,quiz[,FILTER]          a worksheet per stream, with its answers
 *
 * The same documents go to the GUI's menu through tt_output_new(). The
 * post-dissector queues each frame's stored result on the "tcpteach" tap;
 * the listeners keep what they need and write at the end. The text itself
 * comes from the core (walkthrough.c, explain.c, handout.c, quiz.c).
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

#include "explain.h"
#include "frame_store.h"
#include "glue.h"
#include "handout.h"
#include "quiz.h"
#include "strbuf.h"
#include "timeus.h"
#include "walkthrough.h"

int tt_tap_id = -1;

typedef struct kept_segment {
    uint32_t frame;
    nstime_t abs_ts;
    tt_result r;
    uint8_t hdr[TT_TAP_MAX_HEADER];
    uint8_t hdr_len;
    bool short_segment;
    bool has_rtt, has_flight;
    uint32_t flight;
    uint64_t rtt_us;
} kept_segment;

typedef struct kept_stream {
    tt_walk_stream acc;
    tt_role_counts counts;
    char *client, *server;
    GArray *segments; /* kept_segment */
} kept_stream;

struct tt_output {
    tt_out_kind kind;
    tt_output_sink sink;
    GHashTable *by_index;  /* stream index -> kept_stream */
    GPtrArray *streams;    /* in order of first appearance */
    GArray *outside;       /* kept_segment: TCP headers in no stream */
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

static void free_stream(gpointer p)
{
    kept_stream *ks = (kept_stream *)p;
    g_free(ks->client);
    g_free(ks->server);
    g_array_free(ks->segments, TRUE);
    g_free(ks);
}

static void listener_reset(void *data)
{
    listener *l = (listener *)data;
    g_hash_table_remove_all(l->by_index);
    g_ptr_array_set_size(l->streams, 0);
    g_array_set_size(l->outside, 0);
}

static kept_stream *stream_for(listener *l, const packet_info *pinfo, const tt_tap_info *ti)
{
    kept_stream *ks =
        (kept_stream *)g_hash_table_lookup(l->by_index, GUINT_TO_POINTER(ti->r->stream));
    if (ks != NULL)
        return ks;
    ks = g_new0(kept_stream, 1);
    tt_walk_init(&ks->acc, ti->r->stream);
    ks->acc.first_frame = pinfo->num;
    /* What the capture holds of the stream, for what a filter left out. */
    const tt_stream_rec *all = tt_store_stream(ti->r->stream);
    ks->acc.capture = all != NULL ? &all->all : NULL;
    bool c2s = ti->r->dir == TT_DIR_C2S;
    char *src = endpoint(&pinfo->src, ti->h->sport), *dst = endpoint(&pinfo->dst, ti->h->dport);
    ks->client = c2s ? src : dst;
    ks->server = c2s ? dst : src;
    ks->segments = g_array_new(FALSE, FALSE, sizeof(kept_segment));
    g_hash_table_insert(l->by_index, GUINT_TO_POINTER(ti->r->stream), ks);
    g_ptr_array_add(l->streams, ks);
    return ks;
}

/* Wireshark's RTT and bytes in flight for the frame: the listener's filter
 * names both fields, so every (re)tap puts them in the tree. */
static void read_numbers(const listener *l, epan_dissect_t *edt, kept_segment *seg)
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

static tap_packet_status listener_packet(void *data, packet_info *pinfo, epan_dissect_t *edt,
                                         const void *tap_data, tap_flags_t flags)
{
    (void)flags;
    listener *l = (listener *)data;
    if (l->sink.displayed_only && !pinfo->fd->passed_dfilter)
        return TAP_PACKET_DONT_REDRAW;
    const tt_tap_info *ti = (const tt_tap_info *)tap_data;
    kept_segment seg = {.frame = pinfo->num, .abs_ts = pinfo->abs_ts, .r = *ti->r};
    read_numbers(l, edt, &seg);
    seg.hdr_len = (uint8_t)MIN(ti->h->caplen, (uint32_t)sizeof seg.hdr);
    memcpy(seg.hdr, ti->h->bytes, seg.hdr_len);
    seg.short_segment = ti->h->problem == TT_HDR_SHORT_SEGMENT;
    if (!ti->has_stream) {
        g_array_append_val(l->outside, seg);
        kept_stream *about =
            ti->about_stream
                ? (kept_stream *)g_hash_table_lookup(l->by_index, GUINT_TO_POINTER(ti->r->stream))
                : NULL;
        if (about != NULL)
            tt_walk_add_icmp(&about->acc, ti->r, ti->h, pinfo->num);
        return TAP_PACKET_DONT_REDRAW;
    }
    kept_stream *ks = stream_for(l, pinfo, ti);
    tt_walk_add_header(&ks->acc, ti->r, ti->h);
    tt_counts_add(&ks->counts, ti->r);
    if (l->kind != TT_OUT_STATS)
        g_array_append_val(ks->segments, seg);
    return TAP_PACKET_REDRAW;
}

static void parse_kept(const kept_segment *seg, tt_header *h)
{
    tt_header_parse(h, seg->hdr, seg->hdr_len);
    if (seg->short_segment)
        h->problem = TT_HDR_SHORT_SEGMENT;
}

/* A stream as the core's documents take it: parsed headers and the numbers,
 * times counted from the stream's first captured segment (whether a filter
 * lets it through or not). */
typedef struct view {
    tt_walk_view v;
    tt_walk_seg *segs;
    tt_header *headers;
} view;

/* Time from `first` to `t` in microseconds, rounded after subtracting (so
 * that the rounding of the two times cannot add up); 0 when t is earlier. */
static uint64_t usecs_since(const nstime_t *first, const nstime_t *t)
{
    nstime_t d;
    nstime_delta(&d, t, first);
    return tt_time_us((int64_t)d.secs, (int32_t)d.nsecs);
}

static void view_open(view *vw, const kept_stream *ks)
{
    guint n = ks->segments->len;
    vw->segs = g_new0(tt_walk_seg, n ? n : 1);
    vw->headers = g_new0(tt_header, n ? n : 1);
    const tt_stream_rec *all = tt_store_stream(ks->acc.stream);
    const nstime_t *first = all != NULL ? &all->first_ts
                            : n         ? &g_array_index(ks->segments, kept_segment, 0).abs_ts
                                        : NULL;
    for (guint i = 0; i < n; i++) {
        const kept_segment *seg = &g_array_index(ks->segments, kept_segment, i);
        tt_walk_seg *w = &vw->segs[i];
        parse_kept(seg, &vw->headers[i]);
        w->r = &seg->r;
        w->h = &vw->headers[i];
        w->frame = seg->frame;
        w->t_us = usecs_since(first, &seg->abs_ts);
        w->has_rtt = seg->has_rtt;
        w->rtt_us = seg->rtt_us;
        w->has_flight = seg->has_flight;
        w->flight = seg->flight;
        w->d = (seg->r.notes & TT_NOTE_DETAIL) ? tt_store_detail(seg->frame) : NULL;
        const frame_rec *fr = tt_store_frame(seg->frame);
        w->cc = fr != NULL ? fr->cc_code : 0;
    }
    vw->v.w = &ks->acc;
    vw->v.client = ks->client;
    vw->v.server = ks->server;
    vw->v.segs = vw->segs;
    vw->v.n = n;
}

static void view_close(view *vw)
{
    g_free(vw->segs);
    g_free(vw->headers);
}

#define TT_TEXT_MAX TT_PARAGRAPH_MAX

static void print_rule(const tt_out *o)
{
    tt_out_str(o, "=========================================================================="
                  "==========================\n");
}

static void print_outside(const listener *l, const tt_out *o, tt_lang lang, bool markdown)
{
    if (l->outside->len == 0)
        return;
    tt_out_printf(o, markdown ? "## %s\n\n" : "%s\n", tt_msg_text(lang, TT_M_W_OUTSIDE));
    for (guint i = 0; i < l->outside->len; i++) {
        const kept_segment *seg = &g_array_index(l->outside, kept_segment, i);
        tt_header h;
        parse_kept(seg, &h);
        char summary[TT_TEXT_MAX], line[TT_TEXT_MAX];
        tt_explain_summary(&seg->r, &h, lang, summary, sizeof summary);
        snprintf(line, sizeof line, tt_msg_text(lang, TT_M_W_OUTSIDE_LINE), (unsigned)seg->frame,
                 summary);
        tt_out_printf(o, markdown ? "- %s\n" : "  %s\n", line);
    }
    tt_out_str(o, "\n");
}

static void walk_stream(const kept_stream *ks, const tt_out *o, tt_lang lang)
{
    char text[TT_TEXT_MAX], t[32];
    view vw;
    view_open(&vw, ks);
    print_rule(o);
    tt_walk_title(&ks->acc, lang, text, sizeof text);
    tt_out_printf(o, "%s\n", text);
    tt_walk_who(&ks->acc, ks->client, ks->server, lang, text, sizeof text);
    tt_out_printf(o, "%s\n", text);
    tt_walk_numbers_note(&ks->acc, lang, text, sizeof text);
    tt_out_printf(o, "%s\n\n", text);
    for (size_t i = 0; i < vw.v.n; i++) {
        const tt_walk_seg *w = &vw.segs[i];
        tt_walk_time(w->t_us, t, sizeof t);
        tt_walk_paragraph(w->r, w->h, w->frame, t, lang, text, sizeof text);
        tt_out_str(o, text);
        if (tt_walk_resend_gap(w, lang, text, sizeof text) > 0)
            tt_out_printf(o, "%s%s", tt_msg_text(lang, TT_M_W_SENTENCE_SEP), text);
        tt_walk_numbers_line(w, lang, text, sizeof text);
        if (text[0] != '\0')
            tt_out_printf(o, "%s%s", tt_msg_text(lang, TT_M_W_SENTENCE_SEP), text);
        tt_out_str(o, "\n\n");
    }
    tt_walk_closing(&ks->acc, lang, text, sizeof text);
    tt_out_printf(o, tt_msg_text(lang, TT_M_W_SUMMARY_LINE), text);
    tt_out_str(o, "\n\n");
    if (tt_walk_path(&vw.v, lang, text, sizeof text) > 0) {
        tt_out_printf(o, tt_msg_text(lang, TT_M_L_PATH_LINE), text);
        tt_out_str(o, "\n\n");
    }
    if (tt_walk_losses(&vw.v, lang, text, sizeof text) > 0) {
        tt_out_printf(o, tt_msg_text(lang, TT_M_L_LINE), text);
        tt_out_str(o, "\n\n");
    }
    const tt_cc_slot *cc = tt_store_cc(ks->acc.stream, false);
    if (cc != NULL && tt_cc_paragraph(&cc->pt, cc->cc, lang, text, sizeof text) > 0)
        tt_out_printf(o, "%s\n\n", text);
    view_close(&vw);
}

static void to_gstring(void *ctx, const char *text, size_t len)
{
    g_string_append_len((GString *)ctx, text, (gssize)len);
}

static unsigned count_lines(const GString *s)
{
    unsigned n = 0;
    for (gsize i = 0; i < s->len; i++)
        n += s->str[i] == '\n';
    return n;
}

/* The walkthrough; with more than one stream, an index first: each stream's
 * endpoints, how it went, and the line of its title. */
static void draw_walkthrough(const listener *l, const tt_out *o, tt_lang lang)
{
    guint n = l->streams->len;
    if (n <= 1) {
        for (guint s = 0; s < n; s++)
            walk_stream((const kept_stream *)g_ptr_array_index(l->streams, s), o, lang);
        return;
    }
    GString **parts = g_new0(GString *, n);
    for (guint s = 0; s < n; s++) {
        parts[s] = g_string_new(NULL);
        const tt_out part = {to_gstring, parts[s]};
        walk_stream((const kept_stream *)g_ptr_array_index(l->streams, s), &part, lang);
    }
    tt_out_printf(o, tt_msg_text(lang, TT_M_IX_TITLE), (unsigned)n);
    tt_out_str(o, "\n");
    unsigned line = 1 + n + 1 + 1; /* the index, a blank line, then the first rule */
    char how[TT_TEXT_MAX];
    for (guint s = 0; s < n; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        tt_walk_outcome(&ks->acc, lang, how, sizeof how);
        tt_out_str(o, "  ");
        tt_out_printf(o, tt_msg_text(lang, TT_M_IX_LINE), (unsigned)ks->acc.stream, ks->client,
                      ks->server, how, line + 1); /* its title, under the rule */
        tt_out_str(o, "\n");
        line += count_lines(parts[s]);
    }
    tt_out_str(o, "\n");
    for (guint s = 0; s < n; s++) {
        o->write(o->ctx, parts[s]->str, parts[s]->len);
        g_string_free(parts[s], TRUE);
    }
    g_free(parts);
}

/* A Markdown table cell: '|' escaped, no line breaks. */
static void md_cell(const tt_out *o, const char *text)
{
    tt_out_str(o, " ");
    const char *run = text;
    for (const char *p = text; *p; p++) {
        if (*p != '|' && *p != '\n')
            continue;
        if (p > run)
            o->write(o->ctx, run, (size_t)(p - run));
        tt_out_str(o, *p == '|' ? "\\|" : " ");
        run = p + 1;
    }
    tt_out_str(o, run);
    tt_out_str(o, " |");
}

static void state_cell(const tt_out *o, uint8_t before, uint8_t after)
{
    char buf[64];
    const char *b = tt_state_name((tt_state)before), *a = tt_state_name((tt_state)after);
    if (before == after)
        snprintf(buf, sizeof buf, "%s", a);
    else
        snprintf(buf, sizeof buf, "%s -> %s", b, a);
    md_cell(o, buf);
}

static void md_row(const tt_out *o, const tt_walk_seg *w, tt_lang lang)
{
    char buf[TT_TEXT_MAX];
    const tt_result *r = w->r;
    tt_out_printf(o, "| %u |", (unsigned)r->index);
    snprintf(buf, sizeof buf, "%u", (unsigned)w->frame);
    md_cell(o, buf);
    tt_walk_time(w->t_us, buf, sizeof buf);
    md_cell(o, buf);
    md_cell(o, tt_msg_text(lang, r->dir == TT_DIR_C2S ? TT_M_W_C2S : TT_M_W_S2C));
    tt_walk_flags(w->h->flags, buf, sizeof buf);
    md_cell(o, buf);
    tt_walk_numbers(r, w->h, buf, sizeof buf);
    md_cell(o, buf);
    tt_walk_more_numbers(w, lang, buf, sizeof buf);
    md_cell(o, buf);
    if (tt_result_nsteps(r) == 2)
        snprintf(buf, sizeof buf, "%s (%u, %u)", tt_role_token((tt_role)r->role), r->steps[0],
                 r->steps[1]);
    else if (r->steps[0])
        snprintf(buf, sizeof buf, "%s (%u)", tt_role_token((tt_role)r->role), r->steps[0]);
    else
        snprintf(buf, sizeof buf, "%s", tt_role_token((tt_role)r->role));
    md_cell(o, buf);
    state_cell(o, r->client_before, r->client_after);
    state_cell(o, r->server_before, r->server_after);
    tt_explain_summary(r, w->h, lang, buf, sizeof buf);
    char gap[256];
    if (tt_walk_resend_gap(w, lang, gap, sizeof gap) > 0) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s", tt_msg_text(lang, TT_M_W_SENTENCE_SEP), gap);
    }
    md_cell(o, buf);
    tt_out_str(o, "\n");
}

/* With more than one stream, a table of them first, each linking to the
 * anchor before its heading. */
static void markdown_index(const listener *l, const tt_out *o, tt_lang lang)
{
    char how[TT_TEXT_MAX], text[TT_TEXT_MAX];
    tt_out_printf(o, tt_msg_text(lang, TT_M_IX_MD_TITLE), (unsigned)l->streams->len);
    tt_out_printf(o, "\n\n%s\n|---|---|---|\n", tt_msg_text(lang, TT_M_IX_MD_HEAD));
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        snprintf(text, sizeof text, tt_msg_text(lang, TT_M_S_STREAM), (unsigned)ks->acc.stream);
        tt_out_printf(o, "| [%s](#stream-%u) |", text, (unsigned)ks->acc.stream);
        snprintf(text, sizeof text, "%s -> %s", ks->client, ks->server);
        md_cell(o, text);
        tt_walk_outcome(&ks->acc, lang, how, sizeof how);
        md_cell(o, how);
        tt_out_str(o, "\n");
    }
    tt_out_str(o, "\n");
}

static void draw_markdown(const listener *l, const tt_out *o, tt_lang lang)
{
    char text[TT_TEXT_MAX];
    if (l->streams->len > 1)
        markdown_index(l, o, lang);
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        view vw;
        view_open(&vw, ks);
        tt_walk_title(&ks->acc, lang, text, sizeof text);
        if (l->streams->len > 1)
            tt_out_printf(o, "<a id=\"stream-%u\"></a>\n\n", (unsigned)ks->acc.stream);
        tt_out_printf(o, "## %s\n\n", text);
        tt_walk_who(&ks->acc, ks->client, ks->server, lang, text, sizeof text);
        tt_out_printf(o, "%s\n\n", text);
        tt_walk_numbers_note(&ks->acc, lang, text, sizeof text);
        tt_out_printf(o, "%s\n\n%s\n", text, tt_msg_text(lang, TT_M_MD_HEADER));
        tt_out_str(o, "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (size_t i = 0; i < vw.v.n; i++)
            md_row(o, &vw.segs[i], lang);
        tt_walk_closing(&ks->acc, lang, text, sizeof text);
        tt_out_printf(o, "\n**%s.** %s\n\n", tt_msg_text(lang, TT_M_MD_SUMMARY), text);
        if (tt_walk_path(&vw.v, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_L_PATH_HEAD), text);
        if (tt_walk_losses(&vw.v, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_L_HEAD), text);
        const tt_cc_slot *cc = tt_store_cc(ks->acc.stream, false);
        if (cc != NULL && tt_cc_paragraph(&cc->pt, cc->cc, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_CC_HEAD), text);
        view_close(&vw);
    }
}

static void draw_ladder(const listener *l, const tt_out *o, tt_lang lang)
{
    char text[TT_TEXT_MAX];
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        view vw;
        view_open(&vw, ks);
        print_rule(o);
        tt_walk_title(&ks->acc, lang, text, sizeof text);
        char note[TT_TEXT_MAX];
        tt_out_printf(o, "%s\n", text);
        tt_walk_numbers_note(&ks->acc, lang, note, sizeof note);
        tt_wrap(note, TT_LADDER_WIDTH, text, sizeof text);
        tt_out_printf(o, "%s\n\n", text);
        tt_ladder_top(&ks->acc, ks->client, ks->server, lang, text, sizeof text);
        tt_out_printf(o, "%s\n", text);
        for (size_t i = 0; i < vw.v.n; i++) {
            const tt_walk_seg *w = &vw.segs[i];
            tt_ladder_line(w->r, w->h, w->frame, lang, text, sizeof text);
            tt_out_printf(o, "%s\n", text);
            tt_ladder_more(w, lang, text, sizeof text);
            tt_out_printf(o, "%s\n", text);
        }
        tt_out_str(o, "\n");
        view_close(&vw);
    }
}

static void draw_quiz(const listener *l, const tt_out *o, tt_lang lang)
{
    for (guint s = 0; s < l->streams->len; s++) {
        view vw;
        view_open(&vw, (const kept_stream *)g_ptr_array_index(l->streams, s));
        tt_quiz_markdown(o, &vw.v, lang, tt_pref.quiz_seed);
        view_close(&vw);
    }
}

static void draw_html(const listener *l, const tt_out *o, tt_lang lang)
{
    tt_html_begin(o, NULL, lang);
    if (l->streams->len > 1) {
        tt_html_toc_begin(o, lang);
        for (guint s = 0; s < l->streams->len; s++) {
            view vw;
            view_open(&vw, (const kept_stream *)g_ptr_array_index(l->streams, s));
            tt_html_toc_entry(o, &vw.v, lang);
            view_close(&vw);
        }
        tt_html_toc_end(o);
    }
    for (guint s = 0; s < l->streams->len; s++) {
        view vw;
        view_open(&vw, (const kept_stream *)g_ptr_array_index(l->streams, s));
        tt_html_stream(o, &vw.v, lang, tt_pref.quiz_seed);
        view_close(&vw);
    }
    if (l->outside->len > 0) {
        char **lines = g_new0(char *, l->outside->len);
        for (guint i = 0; i < l->outside->len; i++) {
            const kept_segment *seg = &g_array_index(l->outside, kept_segment, i);
            tt_header h;
            parse_kept(seg, &h);
            char summary[TT_TEXT_MAX];
            tt_explain_summary(&seg->r, &h, lang, summary, sizeof summary);
            lines[i] = g_strdup_printf(tt_msg_text(lang, TT_M_W_OUTSIDE_LINE), (unsigned)seg->frame,
                                       summary);
        }
        tt_html_outside(o, (const char *const *)lines, l->outside->len, lang);
        for (guint i = 0; i < l->outside->len; i++)
            g_free(lines[i]);
        g_free(lines);
    }
    tt_html_end(o);
}

/* A right-aligned cell of `cols` columns. */
static void stat_cell(const tt_out *o, const char *text, size_t cols)
{
    size_t w = tt_display_width(text);
    tt_out_printf(o, "%*s%s", (int)(cols > w ? cols - w : 0), "", text);
}

enum { STAT_ROLE_COLS = 24, STAT_COLS = 10, STAT_STREAMS_PER_TABLE = 6 };

/* One row of the counts: a label, then a number per stream and the total. */
typedef uint32_t (*count_of)(const tt_role_counts *c, int role);

static uint32_t count_sent(const tt_role_counts *c, int role)
{
    return c->sent[role];
}

static uint32_t count_resent(const tt_role_counts *c, int role)
{
    return c->resent[role];
}

static uint32_t count_attempted(const tt_role_counts *c, int role)
{
    (void)role;
    return c->attempted;
}

static uint32_t count_established(const tt_role_counts *c, int role)
{
    (void)role;
    return c->established;
}

static void stat_row(const listener *l, const tt_out *o, guint first, guint last,
                     const tt_role_counts *total, const char *label, count_of get, int role)
{
    char num[16];
    tt_out_printf(o, "%s%*s", label, (int)(STAT_ROLE_COLS - tt_display_width(label)), "");
    for (guint s = first; s < last; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        snprintf(num, sizeof num, "%u", (unsigned)get(&ks->counts, role));
        stat_cell(o, num, STAT_COLS);
    }
    if (total != NULL) {
        snprintf(num, sizeof num, "%u", (unsigned)get(total, role));
        stat_cell(o, num, STAT_COLS);
    }
    tt_out_str(o, "\n");
}

static void draw_stats(const listener *l, const tt_out *o, tt_lang lang)
{
    /* Headers outside any stream (quoted in ICMP errors, or given up on by
     * Wireshark) count in the total only. */
    tt_role_counts total;
    memset(&total, 0, sizeof total);
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        for (int r = 0; r < TT_ROLE_COUNT; r++) {
            total.sent[r] += ks->counts.sent[r];
            total.resent[r] += ks->counts.resent[r];
        }
        total.attempted += ks->counts.attempted;
        total.established += ks->counts.established;
    }
    for (guint i = 0; i < l->outside->len; i++)
        tt_counts_add(&total, &g_array_index(l->outside, kept_segment, i).r);
    print_rule(o);
    tt_out_printf(o, "%s\n", tt_msg_text(lang, TT_M_S_TITLE));
    tt_out_printf(o, "%s\n", tt_msg_text(lang, TT_M_S_NOTE));
    guint n = l->streams->len;
    guint first = 0;
    do {
        bool with_total = first + STAT_STREAMS_PER_TABLE >= n;
        guint last = with_total ? n : first + STAT_STREAMS_PER_TABLE;
        const tt_role_counts *t = with_total ? &total : NULL;
        char head[64];
        tt_out_str(o, "\n");
        const char *role_head = tt_msg_text(lang, TT_M_S_ROLE);
        tt_out_printf(o, "%s%*s", role_head, (int)(STAT_ROLE_COLS - tt_display_width(role_head)),
                      "");
        for (guint s = first; s < last; s++) {
            const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
            snprintf(head, sizeof head, tt_msg_text(lang, TT_M_S_STREAM), (unsigned)ks->acc.stream);
            stat_cell(o, head, STAT_COLS);
        }
        if (with_total)
            stat_cell(o, tt_msg_text(lang, TT_M_S_TOTAL), STAT_COLS);
        tt_out_str(o, "\n");
        for (int r = 1; r < TT_ROLE_COUNT; r++) {
            if (total.sent[r] + total.resent[r] == 0)
                continue;
            stat_row(l, o, first, last, t, tt_role_token((tt_role)r), count_sent, r);
            if (total.resent[r] > 0)
                stat_row(l, o, first, last, t, tt_msg_text(lang, TT_M_S_RESENT), count_resent, r);
        }
        stat_row(l, o, first, last, t, tt_msg_text(lang, TT_M_S_ATTEMPTED), count_attempted, 0);
        stat_row(l, o, first, last, t, tt_msg_text(lang, TT_M_S_ESTABLISHED), count_established, 0);
        first = last;
    } while (first < n);
    print_rule(o);
}

static void write_document(const listener *l)
{
    const tt_out *o = &l->sink.out;
    tt_lang lang = (tt_lang)tt_pref.language;
    tt_explain_set_absolute(!tt_relative_numbers());
    if (l->streams->len == 0 && l->outside->len == 0) {
        /* One line, whatever the document: nothing to draw a page of; the
         * handout stays a page. */
        if (l->kind == TT_OUT_HTML)
            tt_html_empty(o, tt_msg_text(lang, TT_M_W_NONE), lang);
        else
            tt_out_printf(o, "%s\n", tt_msg_text(lang, TT_M_W_NONE));
        return;
    }
    switch (l->kind) {
    case TT_OUT_WALKTHROUGH:
        draw_walkthrough(l, o, lang);
        break;
    case TT_OUT_MARKDOWN:
        draw_markdown(l, o, lang);
        break;
    case TT_OUT_LADDER:
        draw_ladder(l, o, lang);
        break;
    case TT_OUT_QUIZ:
        draw_quiz(l, o, lang);
        break;
    case TT_OUT_HTML:
        draw_html(l, o, lang);
        return;
    case TT_OUT_STATS:
    case TT_OUT_KIND_COUNT:
        draw_stats(l, o, lang);
        return;
    }
    print_outside(l, o, lang, l->kind == TT_OUT_MARKDOWN || l->kind == TT_OUT_QUIZ);
}

static void listener_draw(void *data)
{
    const listener *l = (const listener *)data;
    write_document(l);
    if (l->sink.done != NULL)
        l->sink.done(l->sink.out.ctx);
}

static void listener_finish(void *data)
{
    listener *l = (listener *)data;
    g_hash_table_destroy(l->by_index);
    g_ptr_array_free(l->streams, TRUE);
    g_array_free(l->outside, TRUE);
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
    l->by_index = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_stream);
    l->streams = g_ptr_array_new();
    l->outside = g_array_new(FALSE, FALSE, sizeof(kept_segment));
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

static const char *const cli_names[] = {"tcpteach,walkthrough", "tcpteach,markdown",
                                        "tcpteach,ladder",      "tcpteach,stats",
                                        "tcpteach,html",        "tcpteach,quiz"};

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
        uis[k].group = REGISTER_STAT_GROUP_GENERIC;
        uis[k].cli_string = cli_names[k];
        uis[k].tap_init_cb = listener_init;
        register_stat_tap_ui(&uis[k], GINT_TO_POINTER(k));
    }
}
