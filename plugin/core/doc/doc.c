/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the set of streams a document is written from, and the
 * one entry point that writes any document of it. */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "handout.h"
#include "quiz.h"
#include "writers.h"

static const tt_doc_info catalogue[TT_DOC_KIND_COUNT] = {
#define TT_DOC(name, cli, menu_path, title, file) {TT_DOC_##name, cli, menu_path, title, file},
#include "documents.def"
#undef TT_DOC
};

const tt_doc_info *tt_doc_info_of(tt_doc_kind kind)
{
    return (unsigned)kind < TT_DOC_KIND_COUNT ? &catalogue[kind] : NULL;
}

void tt_doc_set_init(tt_doc_set *set, bool counts_only)
{
    memset(set, 0, sizeof *set);
    set->counts_only = counts_only;
}

static void free_stream(tt_doc_stream *s)
{
    free(s->client);
    free(s->server);
    free(s->segs);
    free(s);
}

void tt_doc_set_clear(tt_doc_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        free_stream(set->streams[i]);
    free(set->streams);
    free(set->outside);
    tt_doc_set_init(set, set->counts_only);
}

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = (char *)malloc(n);
    if (c != NULL)
        memcpy(c, s, n);
    return c;
}

/* Room for one more item of `size` bytes in *items (holding *n of *cap). */
static bool grow(void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t more = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, more * size);
    if (p == NULL)
        return false;
    *items = p;
    *cap = more;
    return true;
}

tt_doc_stream *tt_doc_set_add_stream(tt_doc_set *set, uint32_t stream, uint32_t first_frame,
                                     const char *client, const char *server,
                                     const tt_walk_stream *capture)
{
    void *items = set->streams;
    if (!grow(&items, &set->cap, set->n, sizeof *set->streams))
        return NULL;
    set->streams = (tt_doc_stream **)items;
    tt_doc_stream *s = (tt_doc_stream *)calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->client = copy(client);
    s->server = copy(server);
    if (s->client == NULL || s->server == NULL) {
        free_stream(s);
        return NULL;
    }
    tt_walk_init(&s->acc, stream);
    s->acc.first_frame = first_frame;
    s->acc.capture = capture;
    set->streams[set->n++] = s;
    return s;
}

void tt_doc_stream_add(const tt_doc_set *set, tt_doc_stream *s, const tt_doc_seg *seg,
                       const tt_header *h)
{
    tt_walk_add_header(&s->acc, &seg->r, h);
    tt_counts_add(&s->counts, &seg->r);
    if (set->counts_only)
        return;
    void *items = s->segs;
    if (!grow(&items, &s->cap, s->n, sizeof *s->segs))
        return;
    s->segs = (tt_doc_seg *)items;
    s->segs[s->n++] = *seg;
}

void tt_doc_set_add_outside(tt_doc_set *set, const tt_doc_seg *seg, const tt_header *h,
                            tt_doc_stream *about)
{
    void *items = set->outside;
    if (grow(&items, &set->cap_outside, set->n_outside, sizeof *set->outside)) {
        set->outside = (tt_doc_seg *)items;
        set->outside[set->n_outside++] = *seg;
    }
    if (about != NULL)
        tt_walk_add_icmp(&about->acc, &seg->r, h, seg->frame);
}

void tt_doc_seg_header(const tt_doc_seg *seg, tt_header *h)
{
    tt_header_parse(h, seg->hdr, seg->hdr_len);
    if (seg->short_segment)
        h->problem = TT_HDR_SHORT_SEGMENT;
}

bool tt_doc_view_open(tt_doc_view *vw, const tt_doc_stream *s, bool absolute)
{
    size_t n = s->n;
    vw->segs = (tt_walk_seg *)calloc(n ? n : 1, sizeof *vw->segs);
    vw->headers = (tt_header *)calloc(n ? n : 1, sizeof *vw->headers);
    if (vw->segs == NULL || vw->headers == NULL) {
        tt_doc_view_close(vw);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const tt_doc_seg *seg = &s->segs[i];
        tt_walk_seg *w = &vw->segs[i];
        tt_doc_seg_header(seg, &vw->headers[i]);
        vw->headers[i].absolute = absolute;
        w->r = &seg->r;
        w->h = &vw->headers[i];
        w->frame = seg->frame;
        w->t_us = seg->t_us;
        w->has_rtt = seg->has_rtt;
        w->rtt_us = seg->rtt_us;
        w->has_flight = seg->has_flight;
        w->flight = seg->flight;
        w->d = seg->d;
        w->cc = seg->cc;
        w->cc_flight = seg->cc_flight;
    }
    vw->v.w = &s->acc;
    vw->v.client = s->client;
    vw->v.server = s->server;
    vw->v.segs = vw->segs;
    vw->v.n = n;
    vw->v.absolute = absolute;
    return true;
}

void tt_doc_view_close(tt_doc_view *vw)
{
    free(vw->segs);
    free(vw->headers);
    vw->segs = NULL;
    vw->headers = NULL;
}

void tt_doc_rule(const tt_out *o)
{
    tt_out_str(o, "=========================================================================="
                  "==========================\n");
}

void tt_doc_outside_line(const tt_doc_seg *seg, const tt_doc_style *st, char *buf, size_t n)
{
    tt_lang lang = st->lang;
    tt_header h;
    tt_doc_seg_header(seg, &h);
    h.absolute = st->absolute;
    char summary[TT_TEXT_MAX];
    tt_explain_summary(&seg->r, &h, lang, summary, sizeof summary);
    snprintf(buf, n, tt_msg_text(lang, TT_M_W_OUTSIDE_LINE), (unsigned)seg->frame, summary);
}

/* The headers in no stream, after the streams of a text document. */
static void write_outside(const tt_doc_set *set, const tt_out *o, const tt_doc_style *st,
                          bool markdown)
{
    tt_lang lang = st->lang;
    if (set->n_outside == 0)
        return;
    tt_out_printf(o, markdown ? "## %s\n\n" : "%s\n", tt_msg_text(lang, TT_M_W_OUTSIDE));
    char line[TT_TEXT_MAX + 64];
    for (size_t i = 0; i < set->n_outside; i++) {
        tt_doc_outside_line(&set->outside[i], st, line, sizeof line);
        tt_out_printf(o, markdown ? "- %s\n" : "  %s\n", line);
    }
    tt_out_str(o, "\n");
}

void tt_doc_write(const tt_doc_set *set, tt_doc_kind kind, const tt_doc_style *style,
                  const tt_out *o)
{
    tt_lang lang = style->lang;
    if (set->n == 0 && set->n_outside == 0) {
        /* One line, whatever the document: nothing to draw a page of; the
         * handout stays a page. */
        if (kind == TT_DOC_HTML)
            tt_html_empty(o, tt_msg_text(lang, TT_M_W_NONE), lang);
        else
            tt_out_printf(o, "%s\n", tt_msg_text(lang, TT_M_W_NONE));
        return;
    }
    switch (kind) {
    case TT_DOC_WALKTHROUGH:
        tt_doc_write_walkthrough(set, style, o);
        break;
    case TT_DOC_MARKDOWN:
        tt_doc_write_markdown(set, style, o);
        break;
    case TT_DOC_LADDER:
        tt_doc_write_ladder(set, style, o);
        break;
    case TT_DOC_QUIZ:
        tt_doc_write_quiz(set, style, o);
        break;
    case TT_DOC_HTML:
        tt_doc_write_html(set, style, o);
        return;
    case TT_DOC_STATS:
    case TT_DOC_KIND_COUNT:
        tt_doc_write_stats(set, style, o);
        return;
    }
    write_outside(set, o, style, kind == TT_DOC_MARKDOWN || kind == TT_DOC_QUIZ);
}

void tt_doc_write_quiz(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o)
{
    for (size_t i = 0; i < set->n; i++) {
        tt_doc_view vw;
        if (!tt_doc_view_open(&vw, set->streams[i], st->absolute))
            continue;
        tt_quiz_markdown(o, &vw.v, st->lang, st->quiz_seed);
        tt_doc_view_close(&vw);
    }
}

void tt_doc_write_html(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o)
{
    tt_lang lang = st->lang;
    tt_html_begin(o, NULL, lang);
    if (set->n > 1) {
        tt_html_toc_begin(o, lang);
        for (size_t i = 0; i < set->n; i++) {
            tt_doc_view vw;
            if (!tt_doc_view_open(&vw, set->streams[i], st->absolute))
                continue;
            tt_html_toc_entry(o, &vw.v, lang);
            tt_doc_view_close(&vw);
        }
        tt_html_toc_end(o);
    }
    for (size_t i = 0; i < set->n; i++) {
        tt_doc_view vw;
        if (!tt_doc_view_open(&vw, set->streams[i], st->absolute))
            continue;
        tt_html_stream(o, &vw.v, lang, st->quiz_seed);
        tt_doc_view_close(&vw);
    }
    if (set->n_outside > 0) {
        char **lines = (char **)calloc(set->n_outside, sizeof *lines);
        size_t n = 0;
        char line[TT_TEXT_MAX + 64];
        for (size_t i = 0; lines != NULL && i < set->n_outside; i++) {
            tt_doc_outside_line(&set->outside[i], st, line, sizeof line);
            lines[n] = copy(line);
            n += lines[n] != NULL;
        }
        tt_html_outside(o, (const char *const *)lines, n, lang);
        for (size_t i = 0; i < n; i++)
            free(lines[i]);
        free(lines);
    }
    tt_html_end(o);
}
