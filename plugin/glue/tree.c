/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: building the teaching tree. See tree.h. */
#include "config_glue.h"

#include <string.h>

#include <epan/address.h>
#include <epan/to_str.h>

#include "cc.h"
#include "compat.h"
#include "explain.h"
#include "glue.h"
#include "output_need.h"
#include "strbuf.h"
#include "tree.h"
#include "utf8.h"

/* A line of the tree at most this many bytes: about what the details pane
 * shows at the profile's zoom in a 1600-pixel window (Wireshark itself keeps
 * 240); the rest goes on in lines under it. */
#define TT_LABEL_MAX 150

/* Where to cut a long line for the tree: after a sentence or clause (a
 * full-width 。 ； ， first, then ". ", "; ", ", "), else at a space, else at
 * a UTF-8 character boundary; at most max bytes in. One pass back from max
 * notes where the last stop of each kind ends. */
static size_t split_point(const char *text, size_t max)
{
    enum { FULL_STOP, FULL_SEMI, FULL_COMMA, STOP, SEMI, COMMA, SPACE, N_STOPS };
    const unsigned char *t = (const unsigned char *)text;
    size_t last[N_STOPS] = {0}; /* where the last stop of each kind ends; 0: none */
    /* Without the lead bytes of the full-width stops (English), the last
     * ". " is the best cut: the scan ends there. */
    int best =
        memchr(text, 0xe3, max) == NULL && memchr(text, 0xef, max) == NULL ? STOP : FULL_STOP;
    for (size_t end = max; end > 0 && last[best] == 0; end--) {
        unsigned char c = t[end - 1], before = end >= 2 ? t[end - 2] : 0;
        int kind = -1;
        if (c == ' ') {
            if (last[SPACE] == 0)
                last[SPACE] = end;
            kind = before == '.' ? STOP : before == ';' ? SEMI : before == ',' ? COMMA : -1;
        } else if (end >= 3 && (c == 0x82 || c == 0x9b || c == 0x8c)) {
            /* U+3002 is e3 80 82; U+FF1B and U+FF0C are ef bc 9b and ef bc 8c */
            if (c == 0x82 && t[end - 3] == 0xe3 && before == 0x80)
                kind = FULL_STOP;
            else if (c != 0x82 && t[end - 3] == 0xef && before == 0xbc)
                kind = c == 0x9b ? FULL_SEMI : FULL_COMMA;
        }
        if (kind >= 0 && last[kind] == 0)
            last[kind] = end;
    }
    for (size_t k = 0; k < N_STOPS; k++) {
        if (last[k] != 0)
            return last[k];
    }
    size_t cut = tt_utf8_boundary(text, max);
    return cut > 0 ? cut : max;
}

/* snprintf's output for the formats used here, by the core's formatter,
 * which does them without stdio (a tree is labelled on every packet). */
static void format_into(char *out, size_t n, const char *fmt, ...)
{
    tt_sb b;
    tt_sb_init(&b, out, n);
    va_list ap;
    va_start(ap, fmt);
    tt_sb_vadd(&b, fmt, ap);
    va_end(ap);
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
    tt_format_endpoint(out, SIZE, addr, a->type == AT_IPv6, port);
    return out;
}

/* The item helpers below are called through macros of their name without
 * "_item" that ask first whether anybody needs the field: the arguments
 * (words, states, tokens) are worked out only then, as tshark -T fields
 * asks for a few fields of many. */
#define TT_IF_NEEDED(call, t, hf, ...)                                                             \
    do {                                                                                           \
        if (tt_need_field((t), (hf)))                                                              \
            call((t), (hf), __VA_ARGS__);                                                          \
    } while (0)
#define add_bool(t, hf, ...) TT_IF_NEEDED(add_bool_item, t, hf, __VA_ARGS__)
#define add_string(t, hf, ...) TT_IF_NEEDED(add_string_item, t, hf, __VA_ARGS__)
#define add_uint(t, hf, ...) TT_IF_NEEDED(add_uint_item, t, hf, __VA_ARGS__)
#define add_uint_said(t, hf, ...) TT_IF_NEEDED(add_uint_said_item, t, hf, __VA_ARGS__)
#define add_label(t, hf, ...) TT_IF_NEEDED(add_label_item, t, hf, __VA_ARGS__)

/* A generated boolean item with a label in the user's language. */
static void add_bool_item(proto_tree *t, int hf, tt_msg label, bool value, tt_lang lang)
{
    proto_item *it =
        tt_need_values_only(t)
            ? proto_tree_add_boolean(t, hf, NULL, 0, 0, value)
            : proto_tree_add_boolean_format(
                  t, hf, NULL, 0, 0, value, "%s%s%s", tt_msg_text(lang, label),
                  tt_msg_text(lang, TT_M_FIELD_SEP), tt_msg_text(lang, value ? TT_M_YES : TT_M_NO));
    proto_item_set_generated(it);
}

/* "words（字段值 token）": a translation with the token it stands for. */
static void tt_format_field_value(char *out, size_t n, const char *words, const char *token,
                                  tt_lang lang)
{
    char value[96];
    format_into(value, sizeof value, tt_msg_text(lang, TT_M_FIELD_VALUE), token);
    format_into(out, n, "%s%s", words, value);
}

/* Generated items with a label in the user's language. A token is shown as
 * it is in English; in another language `words` (its translation, NULL:
 * none) is shown with the token labelled as the field's value, so the tree
 * reads in one language while filters keep the token. */
static void add_string_item(proto_tree *t, int hf, tt_msg label, const char *value,
                            const char *words, const char *suffix, tt_lang lang)
{
    if (tt_need_values_only(t)) {
        proto_item_set_generated(proto_tree_add_string(t, hf, NULL, 0, 0, value));
        return;
    }
    char words_and_token[256];
    const char *shown = value; /* the token as it is (tokens are short) */
    if (lang != TT_LANG_EN && words != NULL) {
        tt_format_field_value(words_and_token, sizeof words_and_token, words, value, lang);
        shown = words_and_token;
    }
    proto_item *it =
        proto_tree_add_string_format(t, hf, NULL, 0, 0, value, "%s%s%s%s", tt_msg_text(lang, label),
                                     tt_msg_text(lang, TT_M_FIELD_SEP), shown, suffix);
    proto_item_set_generated(it);
}

static void add_uint_item(proto_tree *t, int hf, tt_msg label, uint32_t value, tt_lang lang)
{
    if (value == 0)
        return;
    proto_item *it = tt_need_values_only(t)
                         ? proto_tree_add_uint(t, hf, NULL, 0, 0, value)
                         : proto_tree_add_uint_format(t, hf, NULL, 0, 0, value, "%s%s%u",
                                                      tt_msg_text(lang, label),
                                                      tt_msg_text(lang, TT_M_FIELD_SEP), value);
    proto_item_set_generated(it);
}

/* A number shown inside a sentence of its own (`fmt` has one %u) rather than
 * after the field's label: "本流中的第 3 个报文段" reads as a statement where
 * "label：3" would read as a question. */
static void add_uint_said_item(proto_tree *t, int hf, tt_msg fmt, uint32_t value, tt_lang lang)
{
    if (value == 0)
        return;
    proto_item *it;
    if (tt_need_values_only(t)) {
        it = proto_tree_add_uint(t, hf, NULL, 0, 0, value);
    } else {
        char text[128];
        format_into(text, sizeof text, tt_msg_text(lang, fmt), (unsigned)value);
        it = proto_tree_add_uint_format(t, hf, NULL, 0, 0, value, "%s", text);
    }
    proto_item_set_generated(it);
}

/* A hidden field with a value in the user's language, for a column: added
 * only when something asks for it (a column, a filter, -e). */
static void add_label_item(proto_tree *t, int hf, const char *words)
{
    proto_item *it = proto_tree_add_string(t, hf, NULL, 0, 0, words);
    proto_item_set_hidden(it);
    proto_item_set_generated(it);
}

/* A state for its label field (the packet list's column): the RFC's name in
 * every language, as the ladders print it; the column has no room for the
 * textbook's name beside it, which the tree gives. */
static const char *state_label(unsigned st)
{
    return tt_state_name((tt_state)st);
}

/* A state's item: its value the RFC's name, shown with the textbook's name
 * beside it in Chinese ("SYN-SENT（同步已发送）"), as the sentences, the quiz
 * and the documents name it. */
static void add_state(proto_tree *t, int hf, tt_msg label, unsigned st, tt_lang lang)
{
    if (!tt_need_field(t, hf))
        return;
    const char *value = tt_state_name((tt_state)st);
    proto_item *it = tt_need_values_only(t)
                         ? proto_tree_add_string(t, hf, NULL, 0, 0, value)
                         : proto_tree_add_string_format(
                               t, hf, NULL, 0, 0, value, "%s%s%s", tt_msg_text(lang, label),
                               tt_msg_text(lang, TT_M_FIELD_SEP),
                               st < TT_ST_COUNT ? tt_explain_state(lang, st) : value);
    proto_item_set_generated(it);
}

void tt_tree_add_fields(proto_tree *t, const frame_rec *rec, tt_lang lang)
{
    const tt_result *r = &rec->r;
    const tt_hf *hf = &tt_hf_ids;
    /* Labels in words only where somebody reads them (not under -T fields). */
    bool labelled = !tt_need_values_only(t) && lang != TT_LANG_EN;
    bool label_field = tt_need_field(t, hf->label);
    char words[128] = "";
    if (labelled || label_field)
        tt_explain_role_text(r, lang, words, sizeof words);
    add_string(t, hf->role, TT_M_FIELD_ROLE, tt_role_token((tt_role)r->role), words, "", lang);
    if (label_field) {
        proto_item *it = proto_tree_add_string(t, hf->label, NULL, 0, 0, words);
        proto_item_set_hidden(it);
        proto_item_set_generated(it);
    }
    if (r->role != TT_ROLE_NONE) {
        tt_phase ph = tt_role_phase((tt_role)r->role);
        add_string(t, hf->phase, TT_M_FIELD_PHASE, tt_phase_token(ph), tt_explain_phase(lang, ph),
                   "", lang);
        add_label(t, hf->phase_label, tt_explain_phase(lang, ph));
    }
    add_uint(t, hf->step, TT_M_FIELD_STEP, r->steps[0], lang);
    add_uint(t, hf->step, TT_M_FIELD_STEP, r->steps[1], lang);
    add_uint(t, hf->chunk, TT_M_FIELD_CHUNK, r->chunk, lang);
    add_uint(t, hf->acked_chunk, TT_M_FIELD_ACKED_CHUNK, r->acked_chunk, lang);
    if (!(rec->flags & FR_STREAM))
        return; /* not in a stream: no direction, no states */
    add_uint_said(t, hf->segment, TT_M_FIELD_SEGMENT, r->index, lang);
    bool guessed = (r->notes & TT_NOTE_DIR_GUESSED) != 0;
    bool c2s = r->dir == TT_DIR_C2S;
    bool dir_label = tt_need_field(t, hf->direction_label);
    char dir_words[64] = "";
    if (labelled || dir_label)
        format_into(dir_words, sizeof dir_words, "%s -> %s",
                    tt_msg_text(lang, c2s ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD),
                    tt_msg_text(lang, c2s ? TT_M_SERVER_WORD : TT_M_CLIENT_WORD));
    const char *guess = guessed ? tt_msg_text(lang, TT_M_FIELD_GUESSED) : "";
    add_string(t, hf->direction, TT_M_FIELD_DIRECTION, tt_dir_token((tt_dir)r->dir),
               labelled ? dir_words : "", guess, lang);
    if (dir_label) {
        char shown[160];
        format_into(shown, sizeof shown, "%s%s", dir_words, guess);
        add_label(t, hf->direction_label, shown);
    }
    if (guessed)
        add_bool(t, hf->direction_guessed, TT_M_FIELD_DIR_GUESSED, true, lang);
    /* A lone unreadable header: no connection, so no states are claimed. */
    if (!(r->notes2 & TT_NOTE2_NO_CONN)) {
        add_state(t, hf->client_state, TT_M_FIELD_CLIENT_STATE, r->client_after, lang);
        add_state(t, hf->server_state, TT_M_FIELD_SERVER_STATE, r->server_after, lang);
        if (tt_need_field(t, hf->client_state_label))
            add_label(t, hf->client_state_label, state_label(r->client_after));
        if (tt_need_field(t, hf->server_state_label))
            add_label(t, hf->server_state_label, state_label(r->server_after));
    }
    /* Of a header it cannot read, tcpteach claims neither way whether it is a
     * retransmission (Wireshark's own finding, if any, is listed as such). */
    if (r->role != TT_ROLE_MALFORMED && r->role != TT_ROLE_ICMP_QUOTED)
        add_bool(t, hf->retransmission, TT_M_FIELD_RETRANSMISSION,
                 (r->notes & TT_NOTE_RETRANSMISSION) != 0, lang);
    const char *cause = tt_resend_cause_token(r);
    if (cause != NULL && r->role != TT_ROLE_MALFORMED && r->role != TT_ROLE_ICMP_QUOTED)
        add_string(t, hf->resend_cause, TT_M_FIELD_RESEND_CAUSE, cause,
                   labelled ? tt_explain_resend_cause(r, lang) : NULL, "", lang);
    tt_cc_phase cc = tt_cc_code_phase(rec->cc_code);
    if (cc != TT_CC_NONE)
        add_string(t, hf->congestion, TT_M_FIELD_CONGESTION, tt_cc_token(cc),
                   labelled ? tt_cc_words(cc, lang) : NULL, "", lang);
    if (r->notes & TT_NOTE_HALF_CLOSE)
        add_bool(t, hf->half_close, TT_M_FIELD_HALF_CLOSE, true, lang);
    if (r->notes2 & TT_NOTE2_CAPTURE_DUP)
        add_bool(t, hf->capture_duplicate, TT_M_FIELD_CAPTURE_DUP, true, lang);
}

/* Wireshark's finding that the role contradicts, as a line for the top of
 * the tree; TT_M_NONE_MSG when they agree. */
static tt_msg disagreement(const tt_result *r)
{
    bool resent = (r->notes & TT_NOTE_RETRANSMISSION) != 0;
    if ((r->notes2 & TT_NOTE2_CAPTURE_DUP) && (r->analysis & TT_AN_ANY_RETRANSMISSION))
        return TT_M_TREE_WS_RESENT_DUP;
    if ((r->analysis & TT_AN_OUT_OF_ORDER) && resent)
        return TT_M_TREE_WS_OOO_RESENT;
    if ((r->analysis & TT_AN_WINDOW_UPDATE) && r->role == TT_ROLE_DUP_ACK)
        return TT_M_TREE_WS_WINUPD_DUP;
    return TT_M_NONE_MSG;
}

void tt_tree_build(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const frame_rec *rec,
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
        proto_item_set_text(top, tt_msg_text(lang, TT_M_PROTO_TITLE), label,
                            tt_role_token((tt_role)r->role));
    }
    proto_tree *t = proto_item_add_subtree(top, tt_ett_ids.top);

    tt_tree_add_fields(t, rec, lang);
    if (tt_need_field(tree, tt_hf_ids.summary)) {
        char summary[TT_SUMMARY_MAX];
        tt_explain_summary(r, h, lang, summary, sizeof summary);
        char prefix[64];
        format_into(prefix, sizeof prefix, "%s%s", tt_msg_text(lang, TT_M_FIELD_SUMMARY),
                    tt_msg_text(lang, TT_M_FIELD_SEP));
        add_text(t, tt_hf_ids.summary, true, loc, -1, 0, prefix, summary);
    }
    /* Where Wireshark's Info says something else than the role, the line
     * under the summary says so and why (the Reliability notes say more). */
    tt_msg differs = disagreement(r);
    if (differs != TT_M_NONE_MSG && tt_need_field(tree, tt_hf_ids.line))
        add_text(t, tt_hf_ids.line, false, loc, -1, 0, "", tt_msg_text(lang, differs));
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
            expert_add_info_format(pinfo, top, &tt_ei_malformed, "%s",
                                   tt_msg_text(lang, TT_M_EI_MALFORMED));
        }
    }
    if ((r->notes & TT_NOTE_DIR_GUESSED) && r->index == 1)
        expert_add_info_format(pinfo, top, &tt_ei_guessed, "%s",
                               tt_msg_text(lang, TT_M_EI_GUESSED));

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
        const tt_detail *d = (r->notes & TT_NOTE_DETAIL) ? tt_store_detail(pinfo->num) : NULL;
        tt_explain_reliability_detail(h, r, d, lang, &e);
        if (tt_cc_code_phase(rec->cc_code) != TT_CC_NONE) {
            add_section(t, tt_ett_ids.congestion, TT_M_CC_TITLE, hdr_len, &ctx);
            char cc[4096];
            tt_cc_explain(rec->cc_code, &rec->cc, lang, cc, sizeof cc);
            for (char *at = cc, *nl; *at != '\0'; at = nl + 1) {
                nl = strchr(at, '\n');
                if (nl == NULL)
                    break;
                *nl = '\0';
                emit_line(&ctx, 0, -1, 0, at);
            }
        }
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
bool tt_tree_fields_alone(proto_tree *tree, const tt_result *r)
{
    return tree != NULL && tt_need_values_only(tree) && r->role != TT_ROLE_MALFORMED &&
           !((r->notes & TT_NOTE_DIR_GUESSED) && r->index == 1) &&
           !tt_need_field(tree, tt_hf_ids.proto) && !tt_need_field(tree, tt_hf_ids.summary) &&
           !tt_need_field(tree, tt_hf_ids.line) && !tt_need_field(tree, tt_hf_ids.continued) &&
           !tt_need_by_name(tree, tt_hf_ids.text);
}
