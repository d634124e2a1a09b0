/* tcpteach glue: classroom outputs through tshark's -z option.
 *
 *   -z tcpteach,walkthrough[,FILTER]   numbered narrative per stream
 *   -z tcpteach,markdown[,FILTER]      the same as Markdown (a table per stream)
 *   -z tcpteach,ladder[,FILTER]        a text ladder diagram per stream
 *   -z tcpteach,stats[,FILTER]         role counts per stream and in total
 *
 * The post-dissector queues each frame's stored result on the "tcpteach"
 * tap; the listeners keep what they need and print at the end. The text
 * itself comes from the core (walkthrough.c, explain.c).
 */
#include "config_glue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <epan/address.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "explain.h"
#include "glue.h"
#include "strbuf.h"
#include "walkthrough.h"

int tt_tap_id = -1;

typedef enum { OUT_WALKTHROUGH, OUT_MARKDOWN, OUT_LADDER, OUT_STATS } out_kind;

typedef struct kept_segment {
    uint32_t frame;
    nstime_t rel_ts;
    tt_result r;
    uint8_t hdr[TT_TAP_MAX_HEADER];
    uint8_t hdr_len;
    bool short_segment;
} kept_segment;

typedef struct kept_stream {
    tt_walk_stream acc;
    char *client, *server;
    GArray *segments; /* kept_segment */
} kept_stream;

typedef struct listener {
    out_kind kind;
    char *filter;
    GHashTable *by_index; /* stream index -> kept_stream */
    GPtrArray *streams;   /* in order of first appearance */
    GArray *outside;      /* kept_segment: TCP headers in no stream */
} listener;

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
    bool c2s = ti->r->dir == TT_DIR_C2S;
    char *src = endpoint(&pinfo->src, ti->h->sport), *dst = endpoint(&pinfo->dst, ti->h->dport);
    ks->client = c2s ? src : dst;
    ks->server = c2s ? dst : src;
    ks->segments = g_array_new(FALSE, FALSE, sizeof(kept_segment));
    g_hash_table_insert(l->by_index, GUINT_TO_POINTER(ti->r->stream), ks);
    g_ptr_array_add(l->streams, ks);
    return ks;
}

static tap_packet_status listener_packet(void *data, packet_info *pinfo, epan_dissect_t *edt,
                                         const void *tap_data, tap_flags_t flags)
{
    (void)edt;
    (void)flags;
    listener *l = (listener *)data;
    const tt_tap_info *ti = (const tt_tap_info *)tap_data;
    kept_segment seg = {.frame = pinfo->num, .rel_ts = pinfo->rel_ts, .r = *ti->r};
    seg.hdr_len = (uint8_t)MIN(ti->h->caplen, (uint32_t)sizeof seg.hdr);
    memcpy(seg.hdr, ti->h->bytes, seg.hdr_len);
    seg.short_segment = ti->h->problem == TT_HDR_SHORT_SEGMENT;
    if (!ti->has_stream) {
        g_array_append_val(l->outside, seg);
        return TAP_PACKET_DONT_REDRAW;
    }
    kept_stream *ks = stream_for(l, pinfo, ti);
    tt_walk_add(&ks->acc, ti->r);
    if (l->kind != OUT_STATS)
        g_array_append_val(ks->segments, seg);
    return TAP_PACKET_REDRAW;
}

static void parse_kept(const kept_segment *seg, tt_header *h)
{
    tt_header_parse(h, seg->hdr, seg->hdr_len);
    if (seg->short_segment)
        h->problem = TT_HDR_SHORT_SEGMENT;
}

static void when(const kept_segment *seg, char *buf, size_t n)
{
    snprintf(buf, n, "%ld.%06d", (long)seg->rel_ts.secs, seg->rel_ts.nsecs / 1000);
}

#define TT_TEXT_MAX TT_PARAGRAPH_MAX

static void print_rule(void)
{
    printf("=========================================================================="
           "==========================\n");
}

static void print_outside(const listener *l, tt_lang lang, bool markdown)
{
    if (l->outside->len == 0)
        return;
    printf(markdown ? "## %s\n\n" : "%s\n", tt_msg_text(lang, TT_M_W_OUTSIDE));
    for (guint i = 0; i < l->outside->len; i++) {
        const kept_segment *seg = &g_array_index(l->outside, kept_segment, i);
        tt_header h;
        parse_kept(seg, &h);
        char summary[TT_TEXT_MAX], line[TT_TEXT_MAX];
        tt_explain_summary(&seg->r, &h, lang, summary, sizeof summary);
        snprintf(line, sizeof line, tt_msg_text(lang, TT_M_W_OUTSIDE_LINE), (unsigned)seg->frame,
                 summary);
        printf(markdown ? "- %s\n" : "  %s\n", line);
    }
    printf("\n");
}

static void draw_walkthrough(const listener *l, tt_lang lang)
{
    char text[TT_TEXT_MAX], t[32];
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        print_rule();
        tt_walk_title(&ks->acc, lang, text, sizeof text);
        printf("%s\n", text);
        tt_walk_who(&ks->acc, ks->client, ks->server, lang, text, sizeof text);
        printf("%s\n\n", text);
        for (guint i = 0; i < ks->segments->len; i++) {
            const kept_segment *seg = &g_array_index(ks->segments, kept_segment, i);
            tt_header h;
            parse_kept(seg, &h);
            when(seg, t, sizeof t);
            tt_walk_paragraph(&seg->r, &h, seg->frame, t, lang, text, sizeof text);
            printf("%s\n\n", text);
        }
        tt_walk_closing(&ks->acc, lang, text, sizeof text);
        printf(tt_msg_text(lang, TT_M_W_SUMMARY_LINE), text);
        printf("\n\n");
    }
}

/* A Markdown table cell: '|' escaped, no line breaks. */
static void md_cell(const char *text)
{
    fputs(" ", stdout);
    for (const char *p = text; *p; p++) {
        if (*p == '|')
            fputs("\\|", stdout);
        else
            putchar(*p == '\n' ? ' ' : *p);
    }
    fputs(" |", stdout);
}

static void state_cell(uint8_t before, uint8_t after)
{
    char buf[64];
    const char *b = tt_state_name((tt_state)before), *a = tt_state_name((tt_state)after);
    if (before == after)
        snprintf(buf, sizeof buf, "%s", a);
    else
        snprintf(buf, sizeof buf, "%s -> %s", b, a);
    md_cell(buf);
}

static void md_row(const kept_segment *seg, tt_lang lang)
{
    tt_header h;
    parse_kept(seg, &h);
    char buf[TT_TEXT_MAX];
    const tt_result *r = &seg->r;
    printf("| %u |", (unsigned)r->index);
    snprintf(buf, sizeof buf, "%u", (unsigned)seg->frame);
    md_cell(buf);
    md_cell(tt_msg_text(lang, r->dir == TT_DIR_C2S ? TT_M_W_C2S : TT_M_W_S2C));
    tt_walk_flags(h.flags, buf, sizeof buf);
    md_cell(buf);
    tt_walk_numbers(r, &h, buf, sizeof buf);
    md_cell(buf);
    if (tt_result_nsteps(r) == 2)
        snprintf(buf, sizeof buf, "%s (%u, %u)", tt_role_token((tt_role)r->role), r->steps[0],
                 r->steps[1]);
    else if (r->steps[0])
        snprintf(buf, sizeof buf, "%s (%u)", tt_role_token((tt_role)r->role), r->steps[0]);
    else
        snprintf(buf, sizeof buf, "%s", tt_role_token((tt_role)r->role));
    md_cell(buf);
    state_cell(r->client_before, r->client_after);
    state_cell(r->server_before, r->server_after);
    tt_explain_summary(r, &h, lang, buf, sizeof buf);
    md_cell(buf);
    putchar('\n');
}

static void draw_markdown(const listener *l, tt_lang lang)
{
    char text[TT_TEXT_MAX];
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        tt_walk_title(&ks->acc, lang, text, sizeof text);
        printf("## %s\n\n", text);
        tt_walk_who(&ks->acc, ks->client, ks->server, lang, text, sizeof text);
        printf("%s\n\n%s\n", text, tt_msg_text(lang, TT_M_MD_HEADER));
        printf("|---|---|---|---|---|---|---|---|---|\n");
        for (guint i = 0; i < ks->segments->len; i++)
            md_row(&g_array_index(ks->segments, kept_segment, i), lang);
        tt_walk_closing(&ks->acc, lang, text, sizeof text);
        printf("\n**%s.** %s\n\n", tt_msg_text(lang, TT_M_MD_SUMMARY), text);
    }
}

static void draw_ladder(const listener *l, tt_lang lang)
{
    char text[TT_TEXT_MAX];
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        print_rule();
        tt_walk_title(&ks->acc, lang, text, sizeof text);
        printf("%s\n\n", text);
        tt_ladder_top(&ks->acc, ks->client, ks->server, lang, text, sizeof text);
        printf("%s\n", text);
        for (guint i = 0; i < ks->segments->len; i++) {
            const kept_segment *seg = &g_array_index(ks->segments, kept_segment, i);
            tt_header h;
            parse_kept(seg, &h);
            tt_ladder_line(&seg->r, &h, seg->frame, lang, text, sizeof text);
            printf("%s\n", text);
        }
        printf("\n");
    }
}

/* A right-aligned cell of `cols` columns. */
static void stat_cell(const char *text, size_t cols)
{
    size_t w = tt_display_width(text);
    printf("%*s%s", (int)(cols > w ? cols - w : 0), "", text);
}

enum { STAT_ROLE_COLS = 24, STAT_COLS = 10, STAT_STREAMS_PER_TABLE = 6 };

static void draw_stats(const listener *l, tt_lang lang)
{
    /* Headers outside any stream (quoted in ICMP errors, or given up on by
     * Wireshark) count in the total only. */
    uint32_t total[TT_ROLE_COUNT] = {0};
    for (guint s = 0; s < l->streams->len; s++) {
        const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
        for (int r = 0; r < TT_ROLE_COUNT; r++)
            total[r] += ks->acc.roles[r];
    }
    for (guint i = 0; i < l->outside->len; i++) {
        uint8_t role = g_array_index(l->outside, kept_segment, i).r.role;
        if (role < TT_ROLE_COUNT)
            total[role]++;
    }
    print_rule();
    printf("%s\n", tt_msg_text(lang, TT_M_S_TITLE));
    guint n = l->streams->len;
    guint first = 0;
    do {
        bool with_total = first + STAT_STREAMS_PER_TABLE >= n;
        guint last = with_total ? n : first + STAT_STREAMS_PER_TABLE;
        char head[64];
        printf("\n");
        const char *role_head = tt_msg_text(lang, TT_M_S_ROLE);
        printf("%s%*s", role_head, (int)(STAT_ROLE_COLS - tt_display_width(role_head)), "");
        for (guint s = first; s < last; s++) {
            const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
            snprintf(head, sizeof head, tt_msg_text(lang, TT_M_S_STREAM), (unsigned)ks->acc.stream);
            stat_cell(head, STAT_COLS);
        }
        if (with_total)
            stat_cell(tt_msg_text(lang, TT_M_S_TOTAL), STAT_COLS);
        printf("\n");
        for (int r = 1; r < TT_ROLE_COUNT; r++) {
            if (total[r] == 0)
                continue;
            printf("%-*s", STAT_ROLE_COLS, tt_role_token((tt_role)r));
            for (guint s = first; s < last; s++) {
                const kept_stream *ks = (const kept_stream *)g_ptr_array_index(l->streams, s);
                snprintf(head, sizeof head, "%u", (unsigned)ks->acc.roles[r]);
                stat_cell(head, STAT_COLS);
            }
            if (with_total) {
                snprintf(head, sizeof head, "%u", (unsigned)total[r]);
                stat_cell(head, STAT_COLS);
            }
            printf("\n");
        }
        first = last;
    } while (first < n);
    print_rule();
}

static void listener_draw(void *data)
{
    const listener *l = (const listener *)data;
    tt_lang lang = (tt_lang)tt_pref.language;
    bool markdown = l->kind == OUT_MARKDOWN;
    if (l->streams->len == 0 && l->outside->len == 0) {
        printf("%s\n", tt_msg_text(lang, TT_M_W_NONE));
        return;
    }
    switch (l->kind) {
    case OUT_WALKTHROUGH:
        draw_walkthrough(l, lang);
        break;
    case OUT_MARKDOWN:
        draw_markdown(l, lang);
        break;
    case OUT_LADDER:
        draw_ladder(l, lang);
        break;
    case OUT_STATS:
        draw_stats(l, lang);
        return;
    }
    print_outside(l, lang, markdown);
}

static void listener_finish(void *data)
{
    listener *l = (listener *)data;
    g_hash_table_destroy(l->by_index);
    g_ptr_array_free(l->streams, TRUE);
    g_array_free(l->outside, TRUE);
    g_free(l->filter);
    g_free(l);
}

static const char *const cli_names[] = {"tcpteach,walkthrough", "tcpteach,markdown",
                                        "tcpteach,ladder", "tcpteach,stats"};

static tt_stat_tap_init_result listener_init(const char *opt_arg, void *userdata)
{
    out_kind kind = (out_kind)GPOINTER_TO_INT(userdata);
    listener *l = g_new0(listener, 1);
    l->kind = kind;
    const char *rest = opt_arg + strlen(cli_names[kind]);
    l->filter = *rest == ',' ? g_strdup(rest + 1) : NULL;
    l->by_index = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_stream);
    l->streams = g_ptr_array_new();
    l->outside = g_array_new(FALSE, FALSE, sizeof(kept_segment));
    GString *error =
        register_tap_listener("tcpteach", l, l->filter, TL_REQUIRES_NOTHING, listener_reset,
                              listener_packet, listener_draw, listener_finish);
    if (error != NULL) {
        fprintf(stderr, "tshark: -z %s: %s\n", opt_arg, error->str);
        g_string_free(error, TRUE);
        listener_finish(l);
        exit(1);
    }
    return TT_STAT_TAP_INIT_DONE;
}

void tt_walkthrough_register(void)
{
    static stat_tap_ui uis[] = {
        {REGISTER_STAT_GROUP_GENERIC, NULL, NULL, listener_init, 0, NULL},
        {REGISTER_STAT_GROUP_GENERIC, NULL, NULL, listener_init, 0, NULL},
        {REGISTER_STAT_GROUP_GENERIC, NULL, NULL, listener_init, 0, NULL},
        {REGISTER_STAT_GROUP_GENERIC, NULL, NULL, listener_init, 0, NULL},
    };
    tt_tap_id = register_tap("tcpteach");
    for (int k = OUT_WALKTHROUGH; k <= OUT_STATS; k++) {
        uis[k].cli_string = cli_names[k];
        register_stat_tap_ui(&uis[k], GINT_TO_POINTER(k));
    }
}
