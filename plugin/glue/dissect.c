/* tcpteach glue: the post-dissector.
 *
 * First pass: read the TCP header and Wireshark's findings, feed the core,
 * keep the small per-frame result. Every pass: build the teaching tree and
 * the Info label from that stored result and the header bytes, so the output
 * is the same in one pass, two passes (tshark -2) and any re-dissection order
 * (a click in the GUI).
 */
#include "config_glue.h"

#include <string.h>

#include <epan/address.h>
#include <epan/column-utils.h>
#include <epan/prefs.h>
#include <epan/prefs-int.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "compat.h"
#include "explain.h"
#include "glue.h"
#include "header.h"
#include "strbuf.h"
#include "output_need.h"

/* The Wireshark fields the post-dissector asks for. */
enum { W_TCP, W_STREAM, W_LEN, W_CHECKSUM_STATUS, W_ICMP, W_ICMPV6, W_SHORT, W_FLAGS, W_ANALYSIS };

static const struct {
    const char *name;
    uint32_t analysis; /* TT_AN_* bit for tcp.analysis.* fields */
} wanted[] = {
    {"tcp", 0},
    {"tcp.stream", 0},
    {"tcp.len", 0},
    {"tcp.checksum.status", 0},
    {"icmp", 0},
    {"icmpv6", 0},
    {"tcp.short_segment", 0},
    {"tcp.analysis.flags", 0}, /* present whenever one of the following is */
    {"tcp.analysis.retransmission", TT_AN_RETRANSMISSION},
    {"tcp.analysis.fast_retransmission", TT_AN_FAST_RETRANSMISSION},
    {"tcp.analysis.spurious_retransmission", TT_AN_SPURIOUS_RETRANSMISSION},
    {"tcp.analysis.duplicate_ack", TT_AN_DUP_ACK},
    {"tcp.analysis.window_update", TT_AN_WINDOW_UPDATE},
    {"tcp.analysis.keep_alive", TT_AN_KEEP_ALIVE},
    {"tcp.analysis.keep_alive_ack", TT_AN_KEEP_ALIVE_ACK},
    {"tcp.analysis.zero_window_probe", TT_AN_ZERO_WINDOW_PROBE},
    {"tcp.analysis.zero_window_probe_ack", TT_AN_ZERO_WINDOW_PROBE_ACK},
    {"tcp.analysis.out_of_order", TT_AN_OUT_OF_ORDER},
    {"tcp.analysis.lost_segment", TT_AN_LOST_SEGMENT},
    {"tcp.analysis.ack_lost_segment", TT_AN_ACK_LOST_SEGMENT},
    {"tcp.analysis.window_full", TT_AN_WINDOW_FULL},
    {"tcp.analysis.zero_window", TT_AN_ZERO_WINDOW},
    {"tcp.analysis.reused_ports", TT_AN_REUSED_PORTS},
};
#define N_WANTED (sizeof wanted / sizeof wanted[0])

/* Field ids per wanted name: a name can be registered more than once (in
 * 4.0 tcp.analysis.zero_window_probe_ack also names an SCPS expert). */
#define TT_MAX_SAME_NAME 4
static int wanted_id[N_WANTED][TT_MAX_SAME_NAME];
static pref_t *pref_analyze_seq; /* tcp.analyze_sequence_numbers */

#define TT_MAX_HEADER 60

/* What is kept per frame: 48 bytes, in a table indexed by frame number. */
typedef struct frame_rec {
    tt_result r;
    uint16_t hdr_offset; /* where the TCP header starts in the frame (FR_IN_FRAME) */
    uint8_t flags;       /* FR_* */
} frame_rec;

enum {
    FR_IN_FRAME = 1u << 0, /* the header's data source is the frame, at hdr_offset */
    FR_SHORT = 1u << 1,    /* the header is longer than the whole segment */
    FR_STREAM = 1u << 2,   /* part of a TCP stream Wireshark numbered */
    FR_EXTRA = 1u << 3     /* see frame_extra */
};

/* The rare frames whose header is elsewhere (e.g. in reassembled IP
 * fragments), or more than 64 KiB into the frame. */
typedef struct frame_extra {
    uint32_t hdr_offset; /* in its data source */
    uint8_t *hdr_copy;   /* the header bytes, when that source is not the frame */
    uint8_t hdr_copy_len;
    bool in_frame;
} frame_extra;

/* A file-scoped table indexed by a dense number (frame or stream number),
 * grown in chunks; a bit per element says whether it was filled. */
#define DENSE_CHUNK 4096u

typedef struct dense_table {
    uint8_t **chunks;
    uint32_t n_chunks;
    size_t elem; /* bytes per element */
} dense_table;

static dense_table frames = {NULL, 0, sizeof(frame_rec)};
static dense_table conversations; /* by tcp.stream: tt_conv (elem set at handoff) */
static wmem_map_t *frame_extras;  /* frame number -> frame_extra */

/* The element i, or NULL when it was never filled and create is false. */
static void *dense_get(dense_table *t, uint32_t i, bool create, bool *fresh)
{
    uint32_t c = i / DENSE_CHUNK, k = i % DENSE_CHUNK;
    if (c >= t->n_chunks) {
        if (!create)
            return NULL;
        uint32_t n = MAX(c + 1, t->n_chunks * 2);
        t->chunks = (uint8_t **)wmem_realloc(wmem_file_scope(), t->chunks, n * sizeof *t->chunks);
        memset(t->chunks + t->n_chunks, 0, (n - t->n_chunks) * sizeof *t->chunks);
        t->n_chunks = n;
    }
    if (t->chunks[c] == NULL) {
        if (!create)
            return NULL;
        t->chunks[c] =
            (uint8_t *)wmem_alloc0(wmem_file_scope(), DENSE_CHUNK * t->elem + DENSE_CHUNK / 8);
    }
    uint8_t *used = t->chunks[c] + DENSE_CHUNK * t->elem + k / 8;
    uint8_t bit = (uint8_t)(1u << (k % 8));
    if (fresh != NULL)
        *fresh = (*used & bit) == 0;
    if ((*used & bit) == 0) {
        if (!create)
            return NULL;
        *used |= bit;
    }
    return t->chunks[c] + (size_t)k * t->elem;
}

/* A new capture file: the tables' memory went with the previous file scope. */
static void forget_file(void)
{
    frames.chunks = conversations.chunks = NULL;
    frames.n_chunks = conversations.n_chunks = 0;
}

/* Where the header bytes are on this pass. */
typedef struct header_loc {
    tvbuff_t *ds; /* NULL when the bytes can't be pointed at on this pass */
    int offset;
} header_loc;

void tt_dissect_handoff(dissector_handle_t handle)
{
    GArray *ids = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (size_t i = 0; i < N_WANTED; i++) {
        header_field_info *hfi = proto_registrar_get_byname(wanted[i].name);
        while (hfi != NULL && hfi->same_name_prev_id > 0)
            hfi = proto_registrar_get_nth((guint)hfi->same_name_prev_id);
        for (int k = 0; k < TT_MAX_SAME_NAME; k++, hfi = hfi ? hfi->same_name_next : NULL) {
            wanted_id[i][k] = hfi ? hfi->id : -1;
            if (hfi != NULL)
                g_array_append_val(ids, hfi->id);
        }
    }
    set_postdissector_wanted_hfids(handle, ids);
    tt_need_init();
    module_t *tcp = prefs_find_module("tcp");
    pref_analyze_seq = tcp ? prefs_find_preference(tcp, "analyze_sequence_numbers") : NULL;
    conversations.elem = (tt_conv_size() + 7) & ~(size_t)7;
    frame_extras =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    register_init_routine(forget_file);
    register_cleanup_routine(forget_file);
}

/* ---- finding the real TCP header ---- */

static bool inside(const field_info *fi, const field_info *outer)
{
    return fi->ds_tvb == outer->ds_tvb && fi->start >= outer->start &&
           fi->start < outer->start + outer->length;
}

static bool inside_any(const field_info *fi, GPtrArray *outers)
{
    for (guint i = 0; outers && i < outers->len; i++) {
        if (inside(fi, (field_info *)g_ptr_array_index(outers, i)))
            return true;
    }
    return false;
}

/* The first TCP header not quoted inside an ICMP error, else the first
 * quoted one. Sets *quoted and the index of the next real header (to tell
 * which analysis items belong to the chosen one). */
static field_info *choose_header(GPtrArray *tcps, GPtrArray *icmp, GPtrArray *icmp6, bool *quoted)
{
    if (tcps == NULL || tcps->len == 0)
        return NULL;
    for (guint i = 0; i < tcps->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(tcps, i);
        if (!inside_any(fi, icmp) && !inside_any(fi, icmp6)) {
            *quoted = false;
            return fi;
        }
    }
    *quoted = true;
    return (field_info *)g_ptr_array_index(tcps, 0);
}

/* Items that Wireshark's TCP dissector added for the chosen header: they
 * start at or after it, in the same data source, before the next header.
 * Expert items (tcp.analysis.*) have no bytes; they belong to the real
 * header, as Wireshark never analyses a quoted one. */
static bool belongs(const field_info *fi, const field_info *hdr, GPtrArray *tcps)
{
    if (fi->ds_tvb == NULL)
        return true;
    if (fi->ds_tvb != hdr->ds_tvb || fi->start < hdr->start)
        return false;
    for (guint i = 0; i < tcps->len; i++) {
        const field_info *other = (const field_info *)g_ptr_array_index(tcps, i);
        if (other != hdr && other->ds_tvb == hdr->ds_tvb && other->start > hdr->start &&
            fi->start >= other->start)
            return false;
    }
    return true;
}

/* The items of a wanted protocol (tcp, icmp, icmpv6): registered once. */
static GPtrArray *wanted_items(proto_tree *tree, int w)
{
    return wanted_id[w][0] > 0 ? proto_get_finfo_ptr_array(tree, wanted_id[w][0]) : NULL;
}

static field_info *own_item(proto_tree *tree, int w, const field_info *hdr, GPtrArray *tcps)
{
    for (int k = 0; k < TT_MAX_SAME_NAME && wanted_id[w][k] > 0; k++) {
        GPtrArray *items = proto_get_finfo_ptr_array(tree, wanted_id[w][k]);
        for (guint i = 0; items && i < items->len; i++) {
            field_info *fi = (field_info *)g_ptr_array_index(items, i);
            if (belongs(fi, hdr, tcps))
                return fi;
        }
    }
    return NULL;
}

static unsigned copy_header(tvbuff_t *ds, int offset, uint8_t *buf)
{
    int avail = tvb_captured_length_remaining(ds, offset);
    unsigned n = avail > 0 ? (unsigned)MIN(avail, TT_MAX_HEADER) : 0;
    if (n > 0)
        tvb_memcpy(ds, buf, offset, n);
    return n;
}

static uint8_t checksum_status(field_info *fi)
{
    if (fi == NULL)
        return TT_CK_UNVERIFIED;
    switch (TT_FI_UINT(fi)) {
    case PROTO_CHECKSUM_E_BAD:
        return TT_CK_BAD;
    case PROTO_CHECKSUM_E_GOOD:
        return TT_CK_GOOD;
    default:
        return TT_CK_UNVERIFIED;
    }
}

static uint8_t address_bytes(const address *a, const uint8_t **out)
{
    if ((a->type == AT_IPv4 && a->len == 4) || (a->type == AT_IPv6 && a->len == 16)) {
        *out = (const uint8_t *)a->data;
        return (uint8_t)a->len;
    }
    *out = NULL;
    return 0;
}

static void *file_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return wmem_alloc0(wmem_file_scope(), size);
}

static void file_free(void *ctx, void *p)
{
    (void)ctx;
    wmem_free(wmem_file_scope(), p);
}

static const tt_alloc file_allocator = {.alloc = file_alloc, .free = file_free};

static tt_conv *conversation_for(uint32_t stream)
{
    bool fresh = false;
    tt_conv *c = (tt_conv *)dense_get(&conversations, stream, true, &fresh);
    if (fresh)
        tt_conv_init(c, stream);
    return c;
}

/* First pass: classify the frame's TCP segment and keep the result. */
static frame_rec *classify(const tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    GPtrArray *tcps = wanted_items(tree, W_TCP);
    bool quoted = false;
    field_info *hdr =
        choose_header(tcps, wanted_items(tree, W_ICMP), wanted_items(tree, W_ICMPV6), &quoted);
    if (hdr == NULL)
        return NULL;

    uint8_t bytes[TT_MAX_HEADER];
    unsigned n = copy_header(hdr->ds_tvb, hdr->start, bytes);
    tt_header h;
    tt_header_parse(&h, bytes, n);
    bool short_segment = !quoted && own_item(tree, W_SHORT, hdr, tcps) != NULL;
    if (short_segment && !tt_header_malformed(&h))
        h.problem = TT_HDR_SHORT_SEGMENT;

    tt_segment s = {.frame = pinfo->num, .quoted = quoted};
    s.analysis_on = pref_analyze_seq ? prefs_get_bool_value(pref_analyze_seq, pref_current) : TRUE;
    const uint8_t *dst;
    s.addr_len = address_bytes(&pinfo->src, &s.src);
    if (address_bytes(&pinfo->dst, &dst) == s.addr_len)
        s.dst = dst;
    else
        s.addr_len = 0;
    field_info *len = own_item(tree, W_LEN, hdr, tcps);
    s.payload_len = len ? TT_FI_UINT(len) : 0;
    s.checksum = checksum_status(own_item(tree, W_CHECKSUM_STATUS, hdr, tcps));
    bool flagged = !quoted && own_item(tree, W_FLAGS, hdr, tcps) != NULL;
    for (size_t w = W_ANALYSIS; w < N_WANTED && flagged; w++) {
        if (own_item(tree, (int)w, hdr, tcps))
            s.analysis |= wanted[w].analysis;
    }

    frame_rec *rec = (frame_rec *)dense_get(&frames, pinfo->num, true, NULL);
    if (h.problem == TT_HDR_SHORT_SEGMENT)
        rec->flags |= FR_SHORT;
    if (hdr->ds_tvb == tvb && hdr->start <= UINT16_MAX) {
        rec->flags |= FR_IN_FRAME;
        rec->hdr_offset = (uint16_t)hdr->start;
    } else {
        frame_extra *x = wmem_new0(wmem_file_scope(), frame_extra);
        x->hdr_offset = (uint32_t)hdr->start;
        x->in_frame = hdr->ds_tvb == tvb;
        if (!x->in_frame && n > 0) {
            x->hdr_copy = (uint8_t *)wmem_memdup(wmem_file_scope(), bytes, n);
            x->hdr_copy_len = (uint8_t)n;
        }
        wmem_map_insert(frame_extras, GUINT_TO_POINTER(pinfo->num), x);
        rec->flags |= FR_EXTRA;
    }
    field_info *stream = own_item(tree, W_STREAM, hdr, tcps);
    if (stream != NULL && !quoted) {
        rec->flags |= FR_STREAM;
        tt_conv_feed(conversation_for(TT_FI_UINT(stream)), &file_allocator, &h, &s, &rec->r);
    } else {
        /* Not part of any stream Wireshark numbered (quoted in an ICMP error,
         * or a header it gave up on): explained from its own bytes alone. */
        tt_conv *alone = (tt_conv *)wmem_alloc0(pinfo->pool, tt_conv_size());
        tt_conv_init(alone, 0);
        tt_conv_feed(alone, &file_allocator, &h, &s, &rec->r);
    }
    return rec;
}

/* Later passes: where are the header bytes now? In the frame itself they
 * are at the stored offset; elsewhere, find the data source in the tree. */
static header_loc locate_header(tvbuff_t *tvb, proto_tree *tree, const frame_extra *x)
{
    header_loc loc = {NULL, (int)x->hdr_offset};
    if (x->in_frame) {
        loc.ds = tvb;
        return loc;
    }
    if (tree == NULL || wanted_id[W_TCP][0] <= 0)
        return loc;
    GPtrArray *tcps = proto_find_finfo(tree, wanted_id[W_TCP][0]);
    for (guint i = 0; tcps && i < tcps->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(tcps, i);
        if ((uint32_t)fi->start == x->hdr_offset) {
            loc.ds = fi->ds_tvb;
            break;
        }
    }
    if (tcps)
        g_ptr_array_free(tcps, TRUE);
    return loc;
}

/* ---- the tree ---- */

#define TT_LABEL_MAX 200

/* Where to cut a long line for the tree: after a sentence or clause, at a
 * space, or at worst on a UTF-8 character boundary, at most max bytes in. */
static size_t split_point(const char *text, size_t max)
{
    static const char *const stops[] = {
        "\xe3\x80\x82", "\xef\xbc\x9b", "\xef\xbc\x8c", ". ", "; ", ", ", " "};
    for (size_t k = 0; k < G_N_ELEMENTS(stops); k++) {
        size_t sl = strlen(stops[k]);
        for (size_t i = max - sl + 1; i > 0; i--) {
            if (memcmp(text + i - 1, stops[k], sl) == 0)
                return i - 1 + sl;
        }
    }
    size_t cut = max;
    while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
        cut--;
    return cut > 0 ? cut : max;
}

/* Length of text[0..cut) without trailing spaces, for printing. */
static int trimmed(const char *text, size_t cut)
{
    while (cut > 0 && text[cut - 1] == ' ')
        cut--;
    return (int)cut;
}

/* Adds a line of the tree: a string item for a field with a value (the
 * summary), else a valueless line whose text is its label. A long text goes
 * on as generated child lines, so the tree never shows a cut label. */
static proto_item *add_text(proto_tree *tree, int hf, bool with_value, header_loc loc, int off,
                            int len, const char *prefix, const char *text)
{
    size_t n = strlen(text);
    size_t cut = n <= TT_LABEL_MAX ? n : split_point(text, TT_LABEL_MAX);
    proto_item *it;
    tvbuff_t *ds = (loc.ds != NULL && off >= 0) ? loc.ds : NULL;
    int start = ds ? loc.offset + off : 0;
    if (ds && tvb_captured_length_remaining(ds, start) < len)
        ds = NULL, start = 0;
    len = ds ? len : 0;
    if (with_value)
        it = proto_tree_add_string_format(tree, hf, ds, start, len, text, "%s%.*s", prefix,
                                          trimmed(text, cut), text);
    else if (*prefix == '\0' && cut == n)
        it = proto_tree_add_none_format(tree, hf, ds, start, len, "%s", text);
    else
        it = proto_tree_add_none_format(tree, hf, ds, start, len, "%s%.*s", prefix,
                                        trimmed(text, cut), text);
    if (ds == NULL)
        proto_item_set_generated(it);
    if (cut < n) {
        proto_tree *more = proto_item_add_subtree(it, tt_ett_ids.line);
        while (cut < n) {
            const char *rest = text + cut;
            while (*rest == ' ')
                rest++;
            size_t left = strlen(rest);
            size_t c = left <= TT_LABEL_MAX ? left : split_point(rest, TT_LABEL_MAX);
            proto_item *m = proto_tree_add_none_format(more, tt_hf_ids.continued, NULL, 0, 0,
                                                       "%.*s", trimmed(rest, c), rest);
            proto_item_set_generated(m);
            cut = (size_t)(rest - text) + c;
        }
    }
    return it;
}

/* Where the explanation lines go: tree items (when anybody looks at the
 * tree), and the whole text in one string for tcpteach.text (when a filter
 * or -e asks for it). */
typedef struct emit_ctx {
    bool items;
    GString *all;
    proto_tree *section;
    proto_item *last[4];
    header_loc loc;
} emit_ctx;

#define TT_TEXT_SEP " | "

/* The buffer for tcpteach.text, emptied for each packet (its field value is
 * a copy). */
static GString *whole_text(void)
{
    static GString *buf;
    if (buf == NULL)
        buf = g_string_sized_new(8192);
    g_string_truncate(buf, 0);
    return buf;
}

static proto_item *add_line(emit_ctx *ctx, proto_tree *parent, int offset, int length,
                            const char *text)
{
    if (ctx->all != NULL) {
        if (ctx->all->len > 0)
            g_string_append_len(ctx->all, TT_TEXT_SEP, sizeof TT_TEXT_SEP - 1);
        g_string_append(ctx->all, text);
    }
    if (!ctx->items)
        return NULL;
    return add_text(parent, tt_hf_ids.line, false, ctx->loc, offset, length, "", text);
}

static void emit_line(void *vctx, int depth, int offset, int length, const char *text)
{
    emit_ctx *ctx = (emit_ctx *)vctx;
    if (depth < 0)
        depth = 0;
    if (depth > 3)
        depth = 3;
    proto_tree *parent = ctx->section;
    if (depth > 0 && ctx->last[depth - 1] != NULL)
        parent = proto_item_add_subtree(ctx->last[depth - 1], tt_ett_ids.line);
    else
        depth = 0;
    ctx->last[depth] = add_line(ctx, parent, offset, length, text);
    for (int d = depth + 1; d < 4; d++)
        ctx->last[d] = NULL;
}

static void add_section(proto_tree *tree, int ett, tt_msg title, int hdr_len, emit_ctx *ctx)
{
    proto_item *it = add_line(ctx, tree, 0, hdr_len, tt_msg_text((tt_lang)tt_pref.language, title));
    memset(ctx->last, 0, sizeof ctx->last);
    ctx->section = it ? proto_item_add_subtree(it, ett) : NULL;
}

/* "192.0.2.1:80" or "[2001:db8::1]:80", in the packet's memory. */
static const char *endpoint_str(packet_info *pinfo, const address *a, uint16_t port)
{
    enum { SIZE = 80 };
    char addr[SIZE - 8];
    address_to_str_buf(a, addr, (int)sizeof addr);
    char *out = (char *)wmem_alloc(pinfo->pool, SIZE);
    tt_sb b;
    tt_sb_init(&b, out, SIZE);
    tt_sb_raw(&b, a->type == AT_IPv6 ? "[%s]:%u" : "%s:%u", addr, (unsigned)port);
    return out;
}

/* A generated boolean item with a label in the user's language. */
static void add_bool(proto_tree *t, int hf, tt_msg label, bool value, tt_lang lang)
{
    if (!tt_need_field(t, hf))
        return;
    proto_item *it = tt_need_values_only(t)
                         ? proto_tree_add_boolean(t, hf, NULL, 0, 0, value)
                         : proto_tree_add_boolean_format(
                               t, hf, NULL, 0, 0, value, "%s: %s", tt_msg_text(lang, label),
                               tt_msg_text(lang, value ? TT_M_YES : TT_M_NO));
    proto_item_set_generated(it);
}

/* Generated items with a label in the user's language. */
static void add_string(proto_tree *t, int hf, tt_msg label, const char *value, const char *suffix,
                       tt_lang lang)
{
    if (!tt_need_field(t, hf))
        return;
    proto_item *it = tt_need_values_only(t)
                         ? proto_tree_add_string(t, hf, NULL, 0, 0, value)
                         : proto_tree_add_string_format(t, hf, NULL, 0, 0, value, "%s: %s%s",
                                                        tt_msg_text(lang, label), value, suffix);
    proto_item_set_generated(it);
}

static void add_uint(proto_tree *t, int hf, tt_msg label, uint32_t value, tt_lang lang)
{
    if (value == 0 || !tt_need_field(t, hf))
        return;
    proto_item *it = tt_need_values_only(t)
                         ? proto_tree_add_uint(t, hf, NULL, 0, 0, value)
                         : proto_tree_add_uint_format(t, hf, NULL, 0, 0, value, "%s: %u",
                                                      tt_msg_text(lang, label), value);
    proto_item_set_generated(it);
}

static void add_fields(proto_tree *t, const frame_rec *rec, tt_lang lang)
{
    const tt_result *r = &rec->r;
    const tt_hf *hf = &tt_hf_ids;
    add_string(t, hf->role, TT_M_FIELD_ROLE, tt_role_token((tt_role)r->role), "", lang);
    add_uint(t, hf->step, TT_M_FIELD_STEP, r->steps[0], lang);
    add_uint(t, hf->step, TT_M_FIELD_STEP, r->steps[1], lang);
    add_uint(t, hf->chunk, TT_M_FIELD_CHUNK, r->chunk, lang);
    add_uint(t, hf->acked_chunk, TT_M_FIELD_ACKED_CHUNK, r->acked_chunk, lang);
    if (!(rec->flags & FR_STREAM))
        return; /* not in a stream: no direction, no states */
    add_uint(t, hf->segment, TT_M_FIELD_SEGMENT, r->index, lang);
    bool guessed = (r->notes & TT_NOTE_DIR_GUESSED) != 0;
    add_string(t, hf->direction, TT_M_FIELD_DIRECTION, tt_dir_token((tt_dir)r->dir),
               guessed ? tt_msg_text(lang, TT_M_FIELD_GUESSED) : "", lang);
    if (guessed)
        add_bool(t, hf->direction_guessed, TT_M_FIELD_DIR_GUESSED, true, lang);
    add_string(t, hf->client_state, TT_M_FIELD_CLIENT_STATE,
               tt_state_name((tt_state)r->client_after), "", lang);
    add_string(t, hf->server_state, TT_M_FIELD_SERVER_STATE,
               tt_state_name((tt_state)r->server_after), "", lang);
    add_bool(t, hf->retransmission, TT_M_FIELD_RETRANSMISSION,
             (r->notes & TT_NOTE_RETRANSMISSION) != 0, lang);
    if (r->notes & TT_NOTE_HALF_CLOSE)
        add_bool(t, hf->half_close, TT_M_FIELD_HALF_CLOSE, true, lang);
}

static void build_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const frame_rec *rec,
                       header_loc loc, const tt_header *h)
{
    tt_lang lang = (tt_lang)tt_pref.language;
    const tt_result *r = &rec->r;
    int hdr_len = (int)MIN(h->caplen, (uint32_t)(h->doff >= 5 ? h->doff * 4 : 20));
    proto_item *top;
    if (loc.ds != NULL)
        top = proto_tree_add_item(tree, tt_hf_ids.proto, loc.ds, loc.offset, hdr_len, ENC_NA);
    else
        top = proto_tree_add_item(tree, tt_hf_ids.proto, tvb, 0, 0, ENC_NA);
    if (tt_need_field(tree, tt_hf_ids.proto)) {
        char label[128];
        tt_explain_label(r, lang, label, sizeof label);
        proto_item_append_text(top, ", %s %s", label, tt_role_token((tt_role)r->role));
    }
    proto_tree *t = proto_item_add_subtree(top, tt_ett_ids.top);

    add_fields(t, rec, lang);
    if (tt_need_field(tree, tt_hf_ids.summary)) {
        char summary[1024];
        tt_explain_summary(r, h, lang, summary, sizeof summary);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s: ", tt_msg_text(lang, TT_M_FIELD_SUMMARY));
        add_text(t, tt_hf_ids.summary, true, loc, -1, 0, prefix, summary);
    }
    emit_ctx ctx = {.items = tt_need_field(tree, tt_hf_ids.line) ||
                             tt_need_field(tree, tt_hf_ids.continued),
                    .all = tt_need_by_name(tree, tt_hf_ids.text) ? whole_text() : NULL,
                    .loc = loc};
    if (r->role == TT_ROLE_MALFORMED) {
        char problem[256];
        if (tt_explain_problem(h, lang, problem, sizeof problem) > 0) {
            proto_item *pi = add_line(&ctx, t, 0, hdr_len, problem);
            expert_add_info_format(pinfo, pi ? pi : top, &tt_ei_malformed, "%s", problem);
        } else {
            expert_add_info(pinfo, top, &tt_ei_malformed);
        }
    }
    if ((r->notes & TT_NOTE_DIR_GUESSED) && r->index == 1)
        expert_add_info(pinfo, top, &tt_ei_guessed);

    if (tt_pref.verbosity == TT_VERBOSITY_FULL && (ctx.items || ctx.all != NULL)) {
        tt_emitter e = {emit_line, &ctx};
        if ((rec->flags & FR_STREAM) && r->role != TT_ROLE_MALFORMED) {
            add_section(t, tt_ett_ids.conversation, TT_M_SECTION_CONVERSATION, hdr_len, &ctx);
            bool c2s = r->dir == TT_DIR_C2S;
            const char *src = endpoint_str(pinfo, &pinfo->src, h->sport);
            const char *dst = endpoint_str(pinfo, &pinfo->dst, h->dport);
            tt_explain_conversation(r, c2s ? src : dst, c2s ? dst : src, lang, &e);
        }
        add_section(t, tt_ett_ids.header, TT_M_SECTION_HEADER, hdr_len, &ctx);
        tt_explain_header(h, r, lang, &e);
        add_section(t, tt_ett_ids.reliability, TT_M_SECTION_RELIABILITY, hdr_len, &ctx);
        tt_explain_reliability(h, r, lang, &e);
    }
    if (ctx.all != NULL && ctx.all->len > 0) {
        proto_item *all = proto_tree_add_string(t, tt_hf_ids.text, NULL, 0, 0, ctx.all->str);
        proto_item_set_hidden(all);
        proto_item_set_generated(all);
    }
}

/* Under `tshark -T fields`, when only fields that need no header bytes are
 * asked for (roles, steps, chunks, states...), they go straight into the
 * tree: no protocol item, subtree or header parsing that nobody prints. */
static bool fields_alone(proto_tree *tree, const tt_result *r)
{
    return tree != NULL && tt_need_values_only(tree) && r->role != TT_ROLE_MALFORMED &&
           !((r->notes & TT_NOTE_DIR_GUESSED) && r->index == 1) &&
           !tt_need_field(tree, tt_hf_ids.proto) && !tt_need_field(tree, tt_hf_ids.summary) &&
           !tt_need_field(tree, tt_hf_ids.line) && !tt_need_field(tree, tt_hf_ids.continued) &&
           !tt_need_by_name(tree, tt_hf_ids.text);
}

int tt_dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    (void)data;
    frame_rec *rec = (frame_rec *)dense_get(&frames, pinfo->num, false, NULL);
    if (rec == NULL && !PINFO_FD_VISITED(pinfo) && tree != NULL)
        rec = classify(tvb, pinfo, tree);
    if (rec == NULL)
        return 0;

    bool want_label = tt_pref.info_label && col_get_writable(pinfo->cinfo, COL_INFO);
    bool want_tap = have_tap_listener(tt_tap_id);
    if (!want_label && !want_tap && tree == NULL)
        return 0;
    if (want_label) {
        char label[128];
        tt_explain_label(&rec->r, (tt_lang)tt_pref.language, label, sizeof label);
        col_append_sep_str(pinfo->cinfo, COL_INFO, " ", label);
    }
    if (!want_tap && fields_alone(tree, &rec->r)) {
        add_fields(tree, rec, (tt_lang)tt_pref.language);
        return (int)tvb_captured_length(tvb);
    }

    /* Where the header is: in the frame (nearly always), or as kept aside. */
    frame_extra in_frame = {rec->hdr_offset, NULL, 0, true};
    const frame_extra *x = &in_frame;
    if (rec->flags & FR_EXTRA) {
        x = (const frame_extra *)wmem_map_lookup(frame_extras, GUINT_TO_POINTER(pinfo->num));
        if (x == NULL)
            return 0;
    }
    uint8_t bytes[TT_MAX_HEADER];
    const uint8_t *hb = x->hdr_copy;
    unsigned n = x->hdr_copy_len;
    if (x->in_frame) {
        n = copy_header(tvb, (int)x->hdr_offset, bytes);
        hb = bytes;
    }
    tt_header h;
    tt_header_parse(&h, hb, n);
    if (rec->flags & FR_SHORT)
        h.problem = TT_HDR_SHORT_SEGMENT;
    if (want_tap) {
        tt_tap_info *ti = wmem_new(pinfo->pool, tt_tap_info);
        tt_header *hc = wmem_new(pinfo->pool, tt_header);
        *hc = h;
        hc->bytes = (const uint8_t *)wmem_memdup(pinfo->pool, hb, n);
        ti->r = &rec->r;
        ti->h = hc;
        ti->has_stream = (rec->flags & FR_STREAM) != 0;
        tap_queue_packet(tt_tap_id, pinfo, ti);
    }
    if (tree == NULL)
        return 0;
    header_loc loc = locate_header(tvb, tree, x);
    build_tree(tvb, pinfo, tree, rec, loc, &h);
    return (int)tvb_captured_length(tvb);
}
