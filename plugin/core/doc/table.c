/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the segment table's columns. */
#include "table.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "strbuf.h"

static void cell_index(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    (void)lang, (void)form;
    snprintf(buf, n, "%u", (unsigned)s->r->index);
}

static void cell_frame(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    (void)lang, (void)form;
    snprintf(buf, n, "%" PRIu32, s->frame);
}

static void cell_time(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    (void)lang, (void)form;
    tt_walk_time(s->t_us, buf, n);
}

static void cell_dir(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    (void)form;
    snprintf(buf, n, "%s", tt_msg_text(lang, s->r->dir == TT_DIR_C2S ? TT_M_W_C2S : TT_M_W_S2C));
}

static void cell_flags(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    (void)lang, (void)form;
    tt_walk_flags(s->h->flags, buf, n);
}

static void cell_numbers(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf,
                         size_t n)
{
    (void)lang, (void)form;
    tt_walk_numbers(s->r, s->h, buf, n);
}

/* The numbers beyond seq/ack; the time has its own column. */
static void cell_more(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    (void)form;
    tt_walk_more_numbers(s, lang, buf, n);
}

static void cell_role(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    const tt_result *r = s->r;
    if (form == TT_TABLE_HTML)
        tt_walk_role_label(r, lang, buf, n);
    else if (tt_result_nsteps(r) == 2)
        snprintf(buf, n, "%s (%u, %u)", tt_role_token((tt_role)r->role), r->steps[0], r->steps[1]);
    else if (r->steps[0])
        snprintf(buf, n, "%s (%u)", tt_role_token((tt_role)r->role), r->steps[0]);
    else
        snprintf(buf, n, "%s", tt_role_token((tt_role)r->role));
}

static void state(uint8_t before, uint8_t after, tt_lang lang, tt_table_form form, char *buf,
                  size_t n)
{
    if (form == TT_TABLE_HTML) {
        if (before == after) {
            snprintf(buf, n, "%s", tt_walk_state(after));
        } else {
            tt_sb b;
            tt_sb_init(&b, buf, n);
            tt_sb_msg(&b, lang, TT_M_HT_STATE_CHANGE, tt_walk_state(before), tt_walk_state(after));
        }
        return;
    }
    const char *b = tt_state_name((tt_state)before), *a = tt_state_name((tt_state)after);
    if (before == after)
        snprintf(buf, n, "%s", a);
    else
        snprintf(buf, n, "%s -> %s", b, a);
}

static void cell_client(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    state(s->r->client_before, s->r->client_after, lang, form, buf, n);
}

static void cell_server(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    state(s->r->server_before, s->r->server_after, lang, form, buf, n);
}

/* The summary; the Markdown adds how long after the previous copy a
 * retransmission came (the handout's diagram shows it). */
static void cell_what(const tt_walk_seg *s, tt_lang lang, tt_table_form form, char *buf, size_t n)
{
    tt_explain_summary(s->r, s->h, lang, buf, n);
    char gap[256];
    if (form == TT_TABLE_MARKDOWN && tt_walk_resend_gap(s, lang, gap, sizeof gap) > 0) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", tt_msg_text(lang, TT_M_W_SENTENCE_SEP), gap);
    }
}

const tt_table_col tt_table_cols[TT_TABLE_COLS] = {
    {TT_M_HT_TH_INDEX, "num", cell_index},   {TT_M_HT_TH_FRAME, "num", cell_frame},
    {TT_M_HT_TH_TIME, "num", cell_time},     {TT_M_HT_TH_DIR, "dir", cell_dir},
    {TT_M_HT_TH_FLAGS, "num", cell_flags},   {TT_M_HT_TH_NUMBERS, "num", cell_numbers},
    {TT_M_HT_TH_MORE, "more", cell_more},    {TT_M_HT_TH_ROLE, "role", cell_role},
    {TT_M_HT_COL_CLIENT, NULL, cell_client}, {TT_M_HT_COL_SERVER, NULL, cell_server},
    {TT_M_HT_TH_WHAT, "what", cell_what},
};
