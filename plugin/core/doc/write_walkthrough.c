/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the walkthrough, a numbered narrative per stream
 * (-z tcpteach,walkthrough). */
#include <stdio.h>

#include "writers.h"

static void walk_stream(const tt_doc_stream *s, const tt_out *o, const tt_doc_style *st)
{
    tt_lang lang = st->lang;
    char text[TT_TEXT_MAX], t[32];
    tt_doc_view vw;
    if (!tt_doc_view_open(&vw, s, st->absolute))
        return;
    tt_doc_rule(o);
    tt_walk_title(&s->acc, lang, text, sizeof text);
    tt_out_printf(o, "%s\n", text);
    tt_walk_who(&s->acc, s->client, s->server, lang, text, sizeof text);
    tt_out_printf(o, "%s\n", text);
    tt_walk_numbers_note(&s->acc, st->absolute, lang, text, sizeof text);
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
    tt_walk_closing(&s->acc, lang, text, sizeof text);
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
    if (s->cc != NULL && tt_cc_paragraph(s->cc_pt, s->cc, lang, text, sizeof text) > 0)
        tt_out_printf(o, "%s\n\n", text);
    tt_doc_view_close(&vw);
}

static void count_lines(void *ctx, const char *text, size_t len)
{
    unsigned *lines = (unsigned *)ctx;
    for (size_t i = 0; i < len; i++)
        *lines += text[i] == '\n';
}

/* The walkthrough; with more than one stream, an index first: each stream's
 * endpoints, how it went, and the line of its title (the streams are
 * written once to count their lines, then again after the index). */
void tt_doc_write_walkthrough(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o)
{
    tt_lang lang = st->lang;
    size_t n = set->n;
    if (n > 1) {
        tt_out_printf(o, tt_msg_text(lang, TT_M_IX_TITLE), (unsigned)n);
        tt_out_str(o, "\n");
        unsigned line = 1 + (unsigned)n + 1 + 1; /* the index, a blank line, then the first rule */
        char how[TT_TEXT_MAX];
        for (size_t i = 0; i < n; i++) {
            const tt_doc_stream *s = set->streams[i];
            tt_walk_outcome(&s->acc, lang, how, sizeof how);
            tt_out_str(o, "  ");
            tt_out_printf(o, tt_msg_text(lang, TT_M_IX_LINE), (unsigned)s->acc.stream, s->client,
                          s->server, how, line + 1); /* its title, under the rule */
            tt_out_str(o, "\n");
            unsigned lines = 0;
            const tt_out counter = {count_lines, &lines};
            walk_stream(s, &counter, st);
            line += lines;
        }
        tt_out_str(o, "\n");
    }
    for (size_t i = 0; i < n; i++)
        walk_stream(set->streams[i], o, st);
}
