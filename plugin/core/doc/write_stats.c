/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the role counts per stream and in total
 * (-z tcpteach,stats). */
#include <stdio.h>
#include <string.h>

#include "writers.h"

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

static void stat_row(const tt_doc_set *set, const tt_out *o, size_t first, size_t last,
                     const tt_role_counts *total, const char *label, count_of get, int role)
{
    char num[16];
    tt_out_printf(o, "%s%*s", label, (int)(STAT_ROLE_COLS - tt_display_width(label)), "");
    for (size_t s = first; s < last; s++) {
        snprintf(num, sizeof num, "%u", (unsigned)get(&set->streams[s]->counts, role));
        stat_cell(o, num, STAT_COLS);
    }
    if (total != NULL) {
        snprintf(num, sizeof num, "%u", (unsigned)get(total, role));
        stat_cell(o, num, STAT_COLS);
    }
    tt_out_str(o, "\n");
}

void tt_doc_write_stats(const tt_doc_set *set, const tt_doc_style *st, const tt_out *o)
{
    tt_lang lang = st->lang;
    /* Headers outside any stream (quoted in ICMP errors, or given up on by
     * Wireshark) count in the total only. */
    tt_role_counts total;
    memset(&total, 0, sizeof total);
    for (size_t s = 0; s < set->n; s++) {
        const tt_role_counts *c = &set->streams[s]->counts;
        for (int r = 0; r < TT_ROLE_COUNT; r++) {
            total.sent[r] += c->sent[r];
            total.resent[r] += c->resent[r];
        }
        total.attempted += c->attempted;
        total.established += c->established;
    }
    for (size_t i = 0; i < set->n_outside; i++)
        tt_counts_add(&total, &set->outside[i].r);
    tt_doc_rule(o);
    tt_out_printf(o, "%s\n", tt_msg_text(lang, TT_M_S_TITLE));
    tt_out_printf(o, "%s\n", tt_msg_text(lang, TT_M_S_NOTE));
    size_t n = set->n;
    size_t first = 0;
    do {
        bool with_total = first + STAT_STREAMS_PER_TABLE >= n;
        size_t last = with_total ? n : first + STAT_STREAMS_PER_TABLE;
        const tt_role_counts *t = with_total ? &total : NULL;
        char head[64];
        tt_out_str(o, "\n");
        const char *role_head = tt_msg_text(lang, TT_M_S_ROLE);
        tt_out_printf(o, "%s%*s", role_head, (int)(STAT_ROLE_COLS - tt_display_width(role_head)),
                      "");
        for (size_t s = first; s < last; s++) {
            snprintf(head, sizeof head, tt_msg_text(lang, TT_M_S_STREAM),
                     (unsigned)set->streams[s]->acc.stream);
            stat_cell(o, head, STAT_COLS);
        }
        if (with_total)
            stat_cell(o, tt_msg_text(lang, TT_M_S_TOTAL), STAT_COLS);
        tt_out_str(o, "\n");
        for (int r = 1; r < TT_ROLE_COUNT; r++) {
            if (total.sent[r] + total.resent[r] == 0)
                continue;
            stat_row(set, o, first, last, t, tt_role_token((tt_role)r), count_sent, r);
            if (total.resent[r] > 0)
                stat_row(set, o, first, last, t, tt_msg_text(lang, TT_M_S_RESENT), count_resent, r);
        }
        stat_row(set, o, first, last, t, tt_msg_text(lang, TT_M_S_ATTEMPTED), count_attempted, 0);
        stat_row(set, o, first, last, t, tt_msg_text(lang, TT_M_S_ESTABLISHED), count_established,
                 0);
        first = last;
    } while (first < n);
    tt_doc_rule(o);
}
