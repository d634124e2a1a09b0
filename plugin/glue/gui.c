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
#include "explain.h"
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
    /* The comment column: the numbers, then the role as the Role column
     * names it, in the language preference. */
    char role[128];
    tt_explain_role_text(ti->r, lang, role, sizeof role);
    sai->comment = g_strdup_printf("%s (%s)", numbers, role);
    sai->line_style = 1;
    sai->conv_num = (guint16)ti->r->stream;
    sai->display = true;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

/* ---- the Statistics table ---- */

/* The first column is the row's place in a conversation (the dialog sorts
 * its rows by the first column): handshake, data and its ACKs, flow
 * control, teardown, resets, then the others and the problems; the
 * connections attempted and established last. Then the role as the Role
 * column names it, in the language preference, and its counts. Only the
 * roles some segment has get a row. */
enum { COL_ORDER, COL_ROLE, COL_SEGMENTS, COL_RESENT, N_COLS };

static stat_tap_table_item role_columns[N_COLS] = {
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "#", "%u"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Role", "%-28s"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Sent first", "%u"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Retransmitted", "%u"}};

/* The rows after the roles': their place after every role's. */
enum { ROW_ATTEMPTED = TT_ROLE_COUNT + 1, ROW_ESTABLISHED };

/* A phase's place in a conversation (the ACKs of data with the data). */
static unsigned phase_rank(tt_phase phase)
{
    switch (phase) {
    case TT_PHASE_HANDSHAKE:
        return 0;
    case TT_PHASE_DATA:
    case TT_PHASE_ACK:
        return 1;
    case TT_PHASE_FLOW_CONTROL:
        return 2;
    case TT_PHASE_TEARDOWN:
        return 3;
    case TT_PHASE_RESET:
        return 4;
    case TT_PHASE_OTHER:
        return 5;
    default:
        return 6;
    }
}

/* A role's place (1, 2, ...): by its phase's place, then in the catalogue's
 * order, which follows a conversation within a phase. */
static unsigned role_order(tt_role role)
{
    unsigned order = 1, rank = phase_rank(tt_role_phase(role));
    for (unsigned r = 1; r < TT_ROLE_COUNT; r++) {
        unsigned other = phase_rank(tt_role_phase((tt_role)r));
        if (other < rank || (other == rank && r < (unsigned)role))
            order++;
    }
    return order;
}

/* The role's label without a chunk number ("Handshake 1/3", "Data",
 * "数据"), kept for the program's life: a row points to it. */
static const char *role_name(tt_role role, tt_lang lang)
{
    static char names[2][TT_ROLE_COUNT][96];
    unsigned l = lang == TT_LANG_ZH ? 1u : 0u;
    if ((unsigned)role >= TT_ROLE_COUNT)
        return "";
    if (names[l][role][0] == '\0') {
        tt_result r;
        memset(&r, 0, sizeof r);
        r.role = (uint8_t)role;
        tt_explain_role_text(&r, lang, names[l][role], sizeof names[l][role]);
    }
    return names[l][role];
}

/* The row of `order` in the table, made (with `name`) on first use, in its
 * place: tshark prints the rows as they are. The rows after it move down by
 * their contents, not by their memory, which the dialog's lines point to. */
static guint role_row(stat_tap_table *table, unsigned order, const char *name)
{
    guint place = table->num_elements;
    for (guint row = 0; row < table->num_elements; row++) {
        unsigned here = stat_tap_get_field_data(table, row, COL_ORDER)->value.uint_value;
        if (here == order)
            return row;
        if (here > order && place == table->num_elements)
            place = row;
    }
    stat_tap_table_item_type items[N_COLS];
    memset(items, 0, sizeof items);
    items[COL_ORDER].type = TABLE_ITEM_UINT;
    items[COL_ORDER].value.uint_value = order;
    items[COL_ROLE].type = TABLE_ITEM_STRING;
    items[COL_ROLE].value.string_value = name;
    items[COL_SEGMENTS].type = TABLE_ITEM_UINT;
    /* A connection is not retransmitted: no number there. */
    items[COL_RESENT].type = order < ROW_ATTEMPTED ? TABLE_ITEM_UINT : TABLE_ITEM_NONE;
    guint last = table->num_elements;
    stat_tap_init_table_row(table, last, N_COLS, items);
    if (place < last) {
        for (guint row = last; row > place; row--)
            memcpy(table->elements[row], table->elements[row - 1], sizeof items);
        memcpy(table->elements[place], items, sizeof items);
    }
    return place;
}

/* The table of a stream (or of all streams), created on first use. Its
 * name lives as long as the program: tables are kept by the statistics
 * framework across files. */
static stat_tap_table *role_table(stat_tap_table_ui *ui, const char *name)
{
    stat_tap_table *table = stat_tap_find_table(ui, name);
    if (table != NULL)
        return table;
    table = stat_tap_init_table(wmem_strdup(wmem_epan_scope(), name), N_COLS, 0, NULL);
    stat_tap_add_table(ui, table);
    return table;
}

static void count_cell(stat_tap_table *table, guint row, guint col)
{
    stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, col);
    cell->value.uint_value++;
    stat_tap_set_field_data(table, row, col, cell);
}

/* What one segment adds (tt_count_segment, as -z tcpteach,stats counts). */
static void count_segment(stat_tap_table *table, const tt_count_delta *d, tt_lang lang)
{
    tt_role role = (tt_role)d->role;
    count_cell(table, role_row(table, role_order(role), role_name(role, lang)),
               d->resent ? COL_RESENT : COL_SEGMENTS);
    if (d->attempt)
        count_cell(table, role_row(table, ROW_ATTEMPTED, tt_msg_text(lang, TT_M_S_ATTEMPTED)),
                   COL_SEGMENTS);
    if (d->established)
        count_cell(table, role_row(table, ROW_ESTABLISHED, tt_msg_text(lang, TT_M_S_ESTABLISHED)),
                   COL_SEGMENTS);
}

/* The rows go with each new count: a role no segment has gets none. */
static void roles_reset(stat_tap_table *table)
{
    for (guint row = 0; row < table->num_elements; row++) {
        g_free(table->elements[row]);
        table->elements[row] = NULL;
    }
    table->num_elements = 0;
}

/* The table of all streams: its title says what it counts, in the language
 * preference. */
static const char *all_title(tt_lang lang)
{
    return tt_msg_text(lang, TT_M_MENU_ROLES_ALL);
}

static void roles_init(stat_tap_table_ui *ui)
{
    /* The tables of the last count go (their titles may be in another
     * language); the one of all streams comes first. */
    if (ui->tables != NULL) {
        for (guint i = 0; i < ui->tables->len; i++) {
            stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, i);
            roles_reset(table);
            g_free(table->elements);
            g_free(table);
        }
        g_array_set_size(ui->tables, 0);
    }
    role_table(ui, all_title((tt_lang)tt_pref.language));
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
    tt_lang lang = (tt_lang)tt_pref.language;
    count_segment(role_table(stat->stat_tap_data, all_title(lang)), &d, lang);
    if (ti->has_stream) {
        char name[64];
        snprintf(name, sizeof name, tt_msg_text(lang, TT_M_S_STREAM), (unsigned)ti->r->stream);
        count_segment(role_table(stat->stat_tap_data, name), &d, lang);
    }
    return TAP_PACKET_REDRAW;
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
