/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the ladder, a text sequence diagram per stream
 * (-z tcpteach,ladder). */
#include "writers.h"

void tt_doc_write_ladder(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o)
{
    tt_lang lang = st->lang;
    char text[TT_TEXT_MAX], note[TT_TEXT_MAX];
    for (size_t i = 0; i < set->n; i++) {
        const tt_doc_stream *s = set->streams[i];
        tt_doc_view vw;
        if (!tt_doc_view_open(&vw, s, st->absolute))
            continue;
        tt_doc_rule(o);
        tt_walk_title(&s->acc, lang, text, sizeof text);
        tt_out_printf(o, "%s\n", text);
        tt_walk_numbers_note(&s->acc, st->absolute, lang, note, sizeof note);
        tt_wrap(note, TT_LADDER_WIDTH, text, sizeof text);
        tt_out_printf(o, "%s\n\n", text);
        tt_ladder_top(&s->acc, s->client, s->server, lang, text, sizeof text);
        tt_out_printf(o, "%s\n", text);
        for (size_t k = 0; k < vw.v.n; k++) {
            const tt_walk_seg *w = &vw.segs[k];
            tt_ladder_line(w->r, w->h, w->frame, lang, text, sizeof text);
            tt_out_printf(o, "%s\n", text);
            tt_ladder_more(w, lang, text, sizeof text);
            tt_out_printf(o, "%s\n", text);
        }
        tt_out_str(o, "\n");
        tt_doc_view_close(&vw);
    }
}
