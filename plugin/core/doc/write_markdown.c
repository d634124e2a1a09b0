/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the walkthrough as Markdown, a table per stream
 * (-z tcpteach,markdown). */
#include <stdio.h>
#include <string.h>

#include "table.h"
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

/* The segment table (table.h) as Markdown: a heading row, then a row per
 * segment. */
static void md_head(const tt_out *o, tt_lang lang)
{
    tt_out_str(o, "|");
    for (size_t c = 0; c < TT_TABLE_COLS; c++)
        md_cell(o, tt_msg_text(lang, tt_table_cols[c].head));
    tt_out_str(o, "\n|");
    for (size_t c = 0; c < TT_TABLE_COLS; c++)
        tt_out_str(o, "---|");
    tt_out_str(o, "\n");
}

static void md_row(const tt_out *o, const tt_walk_seg *w, tt_lang lang)
{
    char buf[TT_TEXT_MAX];
    tt_out_str(o, "|");
    for (size_t c = 0; c < TT_TABLE_COLS; c++) {
        tt_table_cols[c].cell(w, lang, TT_TABLE_MARKDOWN, buf, sizeof buf);
        md_cell(o, buf);
    }
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
        tt_out_printf(o, "%s\n\n", text);
        md_head(o, lang);
        for (size_t k = 0; k < vw.v.n; k++)
            md_row(o, &vw.segs[k], lang);
        tt_walk_closing(&s->acc, lang, text, sizeof text);
        tt_out_printf(o, "\n**%s.** %s\n\n", tt_msg_text(lang, TT_M_MD_SUMMARY), text);
        if (tt_walk_path(&vw.v, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_L_PATH_HEAD), text);
        if (tt_walk_losses(&vw.v, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_L_HEAD), text);
        if (s->cc != NULL && tt_cc_paragraph(s->cc_pt, s->cc, lang, text, sizeof text) > 0)
            tt_out_printf(o, "**%s.** %s\n\n", tt_msg_text(lang, TT_M_CC_HEAD), text);
        tt_doc_view_close(&vw);
    }
}
