/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the walkthrough as Markdown, a table per stream
 * (-z tcpteach,markdown). */
#include <stdio.h>
#include <string.h>

#include "writers.h"

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
static void markdown_index(const tt_doc_set *set, const tt_out *o, tt_lang lang)
{
    char how[TT_TEXT_MAX], text[TT_TEXT_MAX];
    tt_out_printf(o, tt_msg_text(lang, TT_M_IX_MD_TITLE), (unsigned)set->n);
    tt_out_printf(o, "\n\n%s\n|---|---|---|\n", tt_msg_text(lang, TT_M_IX_MD_HEAD));
    for (size_t i = 0; i < set->n; i++) {
        const tt_doc_stream *s = set->streams[i];
        snprintf(text, sizeof text, tt_msg_text(lang, TT_M_S_STREAM), (unsigned)s->acc.stream);
        tt_out_printf(o, "| [%s](#stream-%u) |", text, (unsigned)s->acc.stream);
        snprintf(text, sizeof text, "%s -> %s", s->client, s->server);
        md_cell(o, text);
        tt_walk_outcome(&s->acc, lang, how, sizeof how);
        md_cell(o, how);
        tt_out_str(o, "\n");
    }
    tt_out_str(o, "\n");
}

void tt_doc_write_markdown(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o)
{
    tt_lang lang = st->lang;
    char text[TT_TEXT_MAX];
    if (set->n > 1)
        markdown_index(set, o, lang);
    for (size_t i = 0; i < set->n; i++) {
        const tt_doc_stream *s = set->streams[i];
        tt_doc_view vw;
        if (!tt_doc_view_open(&vw, s, st->absolute))
            continue;
        tt_walk_title(&s->acc, lang, text, sizeof text);
        if (set->n > 1)
            tt_out_printf(o, "<a id=\"stream-%u\"></a>\n\n", (unsigned)s->acc.stream);
        tt_out_printf(o, "## %s\n\n", text);
        tt_walk_who(&s->acc, s->client, s->server, lang, text, sizeof text);
        tt_out_printf(o, "%s\n\n", text);
        tt_walk_numbers_note(&s->acc, st->absolute, lang, text, sizeof text);
        tt_out_printf(o, "%s\n\n%s\n", text, tt_msg_text(lang, TT_M_MD_HEADER));
        tt_out_str(o, "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (size_t k = 0; k < vw.v.n; k++)
            md_row(o, &vw.segs[k], lang);
        tt_walk_closing(&s->acc, lang, text, sizeof text);
        tt_out_printf(o, "\n**%s.** %s\n\n", tt_msg_text(lang, TT_M_MD_SUMMARY), text);
        if (tt_walk_path(&vw.v, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_L_PATH_HEAD), text);
        if (tt_walk_losses(&vw.v, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_L_HEAD), text);
        tt_doc_view_close(&vw);
    }
}
