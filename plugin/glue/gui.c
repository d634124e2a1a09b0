/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: what the Wireshark GUI offers besides the tree.
 *
 * - A "TCP Teaching" sequence analysis for Statistics > Flow Graph (and
 *   tshark -z flow,tcpteach,standard): arrows labelled with the role, then
 *   the flags in tcpdump's letters, e.g. "Handshake 1/3 [S]",
 *   "ACK + Data #1 [P.]" (see tt_walk_flow_label for why they are short).
 * - A "TCP Teaching Roles" table in the Statistics menu (and
 *   tshark -z tcpteach,roles): segments per role, sent for the first time
 *   and retransmitted, and the connections attempted and established; one
 *   table per stream and one for all streams. It counts through the same
 *   tt_count_segment as -z tcpteach,stats.
 */
#include "config_glue.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "compat.h"
#include "glue.h"
#include "pieces.h"

/* ---- the Flow Graph ---- */

static tap_packet_status flow_packet(void *data, packet_info *pinfo, epan_dissect_t *edt,
                                     const void *tap_data, tap_flags_t flags)
{
    (void)edt;
    (void)flags;
    seq_analysis_info_t *sainfo = (seq_analysis_info_t *)data;
    const tt_tap_info *ti = (const tt_tap_info *)tap_data;
    seq_analysis_item_t *sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (sai == NULL)
        return TAP_PACKET_DONT_REDRAW;
    tt_lang lang = (tt_lang)tt_pref.language;
    char label[256], numbers[64];
    tt_walk_flow_label(ti->r, ti->h, lang, label, sizeof label);
    tt_walk_numbers(ti->r, ti->h, numbers, sizeof numbers);
    sai->frame_number = pinfo->num;
    /* The row's colours are the packet's colouring rule, as Wireshark's own
     * flow types set them (the Flow Graph draws an item without them in one
     * colour). */
    sequence_analysis_use_color_filter(pinfo, sai);
    sai->port_src = ti->h->sport;
    sai->port_dst = ti->h->dport;
    sai->frame_label = g_strdup(label);
    sai->comment = g_strdup_printf("%s (%s)", numbers, tt_role_token((tt_role)ti->r->role));
    sai->line_style = 1;
    sai->conv_num = (guint16)ti->r->stream;
    sai->display = true;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

/* ---- the Statistics table ---- */

enum { COL_ROLE, COL_SEGMENTS, COL_RESENT, N_COLS };

static stat_tap_table_item role_columns[N_COLS] = {
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Role", "%-24s"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Sent first", "%u"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Retransmitted", "%u"}};

/* After the roles' rows: the connections attempted and established (their
 * number in the first column of numbers). */
enum { ROW_ATTEMPTED = TT_ROLE_COUNT - 1, ROW_ESTABLISHED, N_ROWS };

/* The table of a stream (or of all streams), created on first use with one
 * row per role. Its name lives as long as the program: tables are kept by
 * the statistics framework across files. */
static stat_tap_table *role_table(stat_tap_table_ui *ui, const char *name)
{
    stat_tap_table *table = stat_tap_find_table(ui, name);
    if (table != NULL)
        return table;
    table = stat_tap_init_table(wmem_strdup(wmem_epan_scope(), name), N_COLS, 0, NULL);
    stat_tap_add_table(ui, table);
    for (guint row = 0; row < N_ROWS; row++) {
        stat_tap_table_item_type items[N_COLS];
        memset(items, 0, sizeof items);
        items[COL_ROLE].type = TABLE_ITEM_STRING;
        items[COL_ROLE].value.string_value = row == ROW_ATTEMPTED ? "(connections attempted)"
                                             : row == ROW_ESTABLISHED
                                                 ? "(connections established)"
                                                 : tt_role_token((tt_role)(row + 1));
        items[COL_SEGMENTS].type = TABLE_ITEM_UINT;
        /* A connection is not retransmitted: no number there. */
        items[COL_RESENT].type = row < ROW_ATTEMPTED ? TABLE_ITEM_UINT : TABLE_ITEM_NONE;
        stat_tap_init_table_row(table, row, N_COLS, items);
    }
    return table;
}

static void count_cell(stat_tap_table *table, guint row, guint col)
{
    stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, col);
    cell->value.uint_value++;
    stat_tap_set_field_data(table, row, col, cell);
}

/* What one segment adds (tt_count_segment, as -z tcpteach,stats counts). */
static void count_segment(stat_tap_table *table, const tt_count_delta *d)
{
    count_cell(table, d->role - 1u, d->resent ? COL_RESENT : COL_SEGMENTS);
    if (d->attempt)
        count_cell(table, ROW_ATTEMPTED, COL_SEGMENTS);
    if (d->established)
        count_cell(table, ROW_ESTABLISHED, COL_SEGMENTS);
}

static void roles_init(stat_tap_table_ui *ui)
{
    stat_tap_table *all = stat_tap_find_table(ui, "All streams");
    if (all != NULL && ui->stat_tap_reset_table_cb != NULL) {
        for (guint i = 0; i < ui->tables->len; i++)
            ui->stat_tap_reset_table_cb(g_array_index(ui->tables, stat_tap_table *, i));
        return;
    }
    role_table(ui, "All streams");
}

static tap_packet_status roles_packet(void *data, packet_info *pinfo, epan_dissect_t *edt,
                                      const void *tap_data, tap_flags_t flags)
{
    (void)pinfo;
    (void)edt;
    (void)flags;
    stat_data_t *stat = (stat_data_t *)data;
    const tt_tap_info *ti = (const tt_tap_info *)tap_data;
    tt_count_delta d = tt_count_segment(ti->r);
    if (d.role == 0)
        return TAP_PACKET_DONT_REDRAW;
    count_segment(role_table(stat->stat_tap_data, "All streams"), &d);
    if (ti->has_stream) {
        char name[32];
        snprintf(name, sizeof name, "Stream %u", (unsigned)ti->r->stream);
        count_segment(role_table(stat->stat_tap_data, name), &d);
    }
    return TAP_PACKET_REDRAW;
}

static void roles_reset(stat_tap_table *table)
{
    for (guint row = 0; row < table->num_elements; row++) {
        for (guint col = COL_SEGMENTS; col < N_COLS; col++) {
            stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, col);
            if (cell->type != TABLE_ITEM_UINT)
                continue;
            cell->value.uint_value = 0;
            stat_tap_set_field_data(table, row, col, cell);
        }
    }
}

void tt_gui_register(void)
{
    static tap_param role_params[] = {{PARAM_FILTER, "filter", "Filter", NULL, TRUE}};
    static stat_tap_table_ui roles_ui = {REGISTER_PACKET_STAT_GROUP_UNSORTED,
                                         "TCP Teaching Roles",
                                         "tcpteach",
                                         "tcpteach,roles",
                                         roles_init,
                                         roles_packet,
                                         roles_reset,
                                         NULL,
                                         NULL,
                                         N_COLS,
                                         role_columns,
                                         G_N_ELEMENTS(role_params),
                                         role_params,
                                         NULL,
                                         0};
    register_stat_tap_table_ui(&roles_ui);
    register_seq_analysis("tcpteach", "TCP Teaching", tt_hf_ids.proto, "tcpteach",
                          TL_REQUIRES_NOTHING, flow_packet);
}
