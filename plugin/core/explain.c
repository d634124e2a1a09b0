/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: plain-language explanations of a segment.
 *
 * Every user-visible word comes from the message catalogue (messages.def);
 * this file only picks messages, fills in numbers and says which header bytes
 * each line explains. Lines are formatted into bounded buffers: overlong text
 * is cut at a UTF-8 character boundary, never overflowed. Nothing here reads a
 * header byte at or beyond h->caplen, and any tt_header / tt_result content
 * (even garbage) produces sane text.
 */
#include "explain.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define TT_LINE_MAX 512

/* ---- small formatting helpers ------------------------------------------- */

static const char *msg(tt_lang lang, tt_msg id)
{
    return tt_msg_text(lang, id);
}

/* "0x9471": at least `digits` lowercase hex digits (more if the value needs
 * them). Written by hand: it runs several times per packet. */
static const char *fmt_hex(char *out, size_t n, unsigned value, int digits)
{
    char tmp[8];
    int k = 0;
    do {
        tmp[k++] = "0123456789abcdef"[value & 0xfu];
        value >>= 4;
    } while (value != 0);
    while (k < digits && k < (int)sizeof tmp)
        tmp[k++] = '0';
    if (n < (size_t)k + 3) {
        if (n > 0)
            out[0] = '\0';
        return out;
    }
    size_t at = 0;
    out[at++] = '0';
    out[at++] = 'x';
    while (k > 0)
        out[at++] = tmp[--k];
    out[at] = '\0';
    return out;
}

/* The low `nbits` bits of value in binary, grouped by 4 from the right:
 * "0101", "0000 0001 1000". out must hold 20 bytes. */
static const char *fmt_bits(char *out, unsigned value, unsigned nbits)
{
    size_t at = 0;
    for (unsigned i = nbits; i-- > 0;) {
        out[at++] = (value >> i) & 1u ? '1' : '0';
        if (i > 0 && i % 4 == 0)
            out[at++] = ' ';
    }
    out[at] = '\0';
    return out;
}

/* Wireshark's bit pattern for a 12-bit flags field: the bits of `mask` shown
 * as 0/1, the others as dots ("... ...1 ...."). out must hold 20 bytes. */
static const char *fmt_flag_pattern(char *out, unsigned mask, unsigned flags)
{
    size_t at = 0;
    for (unsigned i = 12; i-- > 0;) {
        unsigned bit = 1u << i;
        out[at++] = (mask & bit) ? ((flags & bit) ? '1' : '0') : '.';
        if (i > 0 && i % 4 == 0)
            out[at++] = ' ';
    }
    out[at] = '\0';
    return out;
}

static tt_lang fix_lang(tt_lang lang)
{
    return (unsigned)lang < TT_LANG_COUNT ? lang : TT_LANG_EN;
}

static bool from_client(const tt_result *r)
{
    return r->dir == TT_DIR_C2S;
}

/* The sender of the segment, and the other side, in words. */
static const char *sender(tt_lang lang, const tt_result *r)
{
    return msg(lang, from_client(r) ? TT_M_CLIENT : TT_M_SERVER);
}

static const char *peer_poss(tt_lang lang, const tt_result *r)
{
    return msg(lang, from_client(r) ? TT_M_SERVER_POSS : TT_M_CLIENT_POSS);
}

static const char *peer(tt_lang lang, const tt_result *r)
{
    return msg(lang, from_client(r) ? TT_M_SERVER : TT_M_CLIENT);
}

uint32_t tt_shown_seq(const tt_result *r, const tt_header *h)
{
    return h->absolute ? h->seq : r->rel_seq;
}

uint32_t tt_shown_ack(const tt_result *r, const tt_header *h)
{
    return h->absolute ? h->ack : r->rel_ack;
}

static bool captured(const tt_header *h, unsigned off, unsigned len)
{
    return h->bytes != NULL && h->caplen >= off + len;
}

/* A number from the header, or "not captured" when its bytes are missing. */
static const char *num_or_missing(char *out, size_t n, const tt_header *h, unsigned off,
                                  unsigned len, unsigned value, tt_lang lang)
{
    tt_sb b;
    tt_sb_init(&b, out, n);
    if (captured(h, off, len))
        tt_sb_raw(&b, "%u", value);
    else
        tt_sb_raw(&b, "%s", msg(lang, TT_M_NOT_CAPTURED_WORD));
    return out;
}

/* Data offset in 32-bit words (4 bits), from the parsed header or, when only
 * byte 12 was captured, from that byte. */
static unsigned header_doff(const tt_header *h)
{
    if (h->caplen >= 14)
        return h->doff & 0x0fu;
    return h->bytes[12] >> 4;
}

/* ---- emitting lines ------------------------------------------------------ */

typedef struct ctx {
    const tt_header *h;
    const tt_result *r;
    tt_lang lang;
    const tt_emitter *e;
} ctx;

/* Emits one line; a byte range outside the captured bytes becomes a
 * generated line (offset -1) instead of pointing at bytes we do not have. */
static void put(const ctx *c, int depth, int off, int len, const char *text)
{
    if (text[0] == '\0')
        return;
    if (off < 0 || len <= 0 || c->h == NULL || (unsigned)off + (unsigned)len > c->h->caplen) {
        off = -1;
        len = 0;
    }
    c->e->line(c->e->ctx, depth, off, len, text);
}

/* Emits one catalogue message as a line. */
static void put_msg(const ctx *c, int depth, int off, int len, tt_msg id, ...)
{
    char line[TT_LINE_MAX];
    tt_sb b;
    tt_sb_init(&b, line, sizeof line);
    va_list ap;
    va_start(ap, id);
    tt_sb_vmsg(&b, c->lang, id, ap);
    va_end(ap);
    put(c, depth, off, len, line);
}

/* True when the field's bytes were captured; otherwise says so. */
static bool need_field(const ctx *c, unsigned off, unsigned len, tt_msg name)
{
    if (captured(c->h, off, len))
        return true;
    if (c->r->role == TT_ROLE_ICMP_QUOTED)
        put_msg(c, 0, -1, 0, TT_M_H_NOT_QUOTED, msg(c->lang, name));
    else
        put_msg(c, 0, -1, 0, TT_M_H_NOT_CAPTURED, msg(c->lang, name), (unsigned)c->h->caplen);
    return false;
}

/* ---- the role catalogue ------------------------------------------------------ */

/* How a role's label and summary take their numbers (roles.def). */
enum {
    TT_LK_PLAIN, /* the label message alone */
    TT_LK_STEP,  /* the label message with the step */
    TT_LK_CHUNK, /* with the chunk number */
    TT_LK_ACKED  /* with the chunks it completes */
};

enum {
    TT_SK_PLAIN,    /* the summary message alone */
    TT_SK_SENDER,   /* the sender */
    TT_SK_TWO,      /* the sender and the peer (possessive) */
    TT_SK_ISN,      /* the sender and its initial sequence number */
    TT_SK_SIMOPEN,  /* a SYN or SYN+ACK of a simultaneous open */
    TT_SK_SIMCLOSE, /* a FIN or ACK of a simultaneous close */
    TT_SK_DATA,     /* the chunk and its bytes */
    TT_SK_ACK,      /* what is acknowledged */
    TT_SK_DUP_ACK,  /* the ack repeated */
    TT_SK_WINDOW,   /* the sender and its window */
    TT_SK_REFUSED,  /* the port nobody listens on */
    TT_SK_MALFORMED /* what is wrong */
};

static const struct role_text {
    uint8_t label_kind, summary_kind;
    tt_msg label, plain, summary, connection;
} role_texts[TT_ROLE_COUNT] = {
#define TT_ROLE(id, token, phase, step, lk, label, plain, sk, summary, conn)                       \
    [id] = {lk, sk, label, plain, summary, conn},
#include "roles.def"
#undef TT_ROLE
};

static const struct role_text *role_text(unsigned role)
{
    return &role_texts[role < TT_ROLE_COUNT ? role : TT_ROLE_NONE];
}

/* ---- labels --------------------------------------------------------------- */

static void label_acked(tt_sb *b, const tt_result *r, tt_lang lang)
{
    unsigned hi = r->acked_chunk, n = r->acked_count;
    if (hi == 0)
        tt_sb_msg(b, lang, role_text(r->role)->plain);
    else if (n <= 1)
        tt_sb_msg(b, lang, TT_M_LBL_ACK_N, hi);
    else if (r->notes & TT_NOTE_ACKED_GAPS)
        tt_sb_msg(b, lang, TT_M_LBL_ACK_UPTO, hi);
    else
        tt_sb_msg(b, lang, TT_M_LBL_ACK_RANGE, hi - n + 1u, hi);
}

static void label_base(tt_sb *b, const tt_result *r, tt_lang lang)
{
    const struct role_text *t = role_text(r->role);
    switch (t->label_kind) {
    case TT_LK_STEP: {
        unsigned step = r->steps[0] != 0 ? r->steps[0] : tt_role_step((tt_role)r->role);
        if (step >= 1 && step <= 4)
            tt_sb_msg(b, lang, t->label, step);
        else
            tt_sb_msg(b, lang, t->plain);
        break;
    }
    case TT_LK_CHUNK:
        if (r->chunk == 0)
            tt_sb_msg(b, lang, t->plain);
        else
            tt_sb_msg(b, lang, t->label, (unsigned)r->chunk);
        break;
    case TT_LK_ACKED:
        label_acked(b, r, lang);
        break;
    default:
        tt_sb_msg(b, lang, t->label);
        break;
    }
}

static bool is_data_role(unsigned role)
{
    return role == TT_ROLE_DATA || role == TT_ROLE_DATA_PIGGYBACK;
}

/* A handshake-3 / teardown segment that also carries a chunk of data. */
static bool carries_extra_data(const tt_result *r)
{
    return (r->notes & TT_NOTE_CARRIES_DATA) && r->chunk > 0 && !is_data_role(r->role);
}

size_t tt_explain_label(const tt_result *r, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (r == NULL)
        return b.len;
    lang = fix_lang(lang);
    tt_sb_raw(&b, "[");
    label_base(&b, r, lang);
    if (carries_extra_data(r))
        tt_sb_msg(&b, lang, TT_M_LBL_PLUS_DATA, (unsigned)r->chunk);
    tt_sb_raw(&b, "]");
    if (r->notes & TT_NOTE_RETRANSMISSION)
        tt_sb_msg(&b, lang, TT_M_LBL_RETRANS);
    if (r->notes2 & TT_NOTE2_CAPTURE_DUP)
        tt_sb_msg(&b, lang, TT_M_LBL_CAPTURE_DUP);
    return b.len;
}

size_t tt_explain_role_text(const tt_result *r, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (r == NULL)
        return b.len;
    lang = fix_lang(lang);
    label_base(&b, r, lang);
    if (carries_extra_data(r))
        tt_sb_msg(&b, lang, TT_M_LBL_PLUS_DATA, (unsigned)r->chunk);
    if (r->notes & TT_NOTE_RETRANSMISSION)
        tt_sb_msg(&b, lang, TT_M_LBL_RETRANS);
    return b.len;
}

const char *tt_explain_phase(tt_lang lang, unsigned phase)
{
    static const tt_msg names[TT_PHASE_COUNT] = {
        [TT_PHASE_OTHER] = TT_M_PH_OTHER,
        [TT_PHASE_HANDSHAKE] = TT_M_PH_HANDSHAKE,
        [TT_PHASE_DATA] = TT_M_PH_DATA,
        [TT_PHASE_ACK] = TT_M_PH_ACK,
        [TT_PHASE_FLOW_CONTROL] = TT_M_PH_FLOW_CONTROL,
        [TT_PHASE_TEARDOWN] = TT_M_PH_TEARDOWN,
        [TT_PHASE_RESET] = TT_M_PH_RESET,
        [TT_PHASE_PROBLEM] = TT_M_PH_PROBLEM,
    };
    return msg(fix_lang(lang), phase < TT_PHASE_COUNT ? names[phase] : TT_M_UNKNOWN);
}

/* ---- summary --------------------------------------------------------------- */

/* An acknowledgment number below the peer's relative 0 (its ISN, or the
 * base guessed for it): as a relative number it would be negative, and
 * Wireshark shows it modulo 2^32. */
static bool ack_below_base(const tt_result *r, const tt_header *h)
{
    return (h->flags & TT_ACK) && r->rel_ack >= 0x80000000u && !(r->notes2 & TT_NOTE2_WRAPPED);
}

/* An ACK number that is the peer's relative 1 counted from its SYN: it
 * says that the SYN (relative 0) arrived, and no byte before it exists. */
static bool acks_only_syn(const tt_result *r)
{
    return r->rel_ack == 1u && !(r->notes & TT_NOTE_ACK_UNKNOWN) && !(r->notes2 & TT_NOTE2_WRAPPED);
}

/* The summary of an ACK: what it says in the peer's numbers. "Every byte
 * before 1" about a peer whose ISN is unknown counts from a guess: the
 * ACK acknowledges nothing this capture shows of the peer. */
static void summary_ack(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang, tt_msg id)
{
    unsigned ack = tt_shown_ack(r, h);
    if (ack_below_base(r, h))
        tt_sb_msg(b, lang, TT_M_SUM_ACK_BELOW, sender(lang, r), peer_poss(lang, r));
    else if ((r->notes & TT_NOTE_ACK_UNKNOWN) && r->rel_ack == 1u && !h->absolute)
        tt_sb_msg(b, lang, TT_M_SUM_ACK_GUESS, sender(lang, r), peer_poss(lang, r), ack,
                  peer_poss(lang, r));
    else if (id == TT_M_SUM_ACK && (r->notes2 & TT_NOTE2_ACK_PAST_FIN))
        tt_sb_msg(b, lang, TT_M_SUM_ACK_FIN, sender(lang, r), ack - 1u, peer_poss(lang, r),
                  ack - 1u, ack);
    else if (id == TT_M_SUM_ACK && acks_only_syn(r))
        tt_sb_msg(b, lang, TT_M_SUM_ACK_SYN, sender(lang, r), peer_poss(lang, r), ack);
    else
        tt_sb_msg(b, lang, id, sender(lang, r), ack, ack);
}

static void summary_isn(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang, tt_msg id)
{
    char isn[32];
    num_or_missing(isn, sizeof isn, h, 4, 4, h->seq, lang);
    /* With relative numbers, also the number Wireshark's Info shows. */
    if (!h->absolute && captured(h, 4, 4)) {
        char both[96];
        snprintf(both, sizeof both, msg(lang, TT_M_SUM_ISN_SHOWN), isn,
                 (unsigned)tt_shown_seq(r, h));
        tt_sb_msg(b, lang, id, sender(lang, r), both);
        return;
    }
    tt_sb_msg(b, lang, id, sender(lang, r), isn);
}

static void summary_window(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang,
                           tt_msg id)
{
    char win[32];
    num_or_missing(win, sizeof win, h, 14, 2, h->window, lang);
    tt_sb_msg(b, lang, id, sender(lang, r), win);
}

/* The number of a segment's first data byte: after the SYN's own number
 * when it carries one (RFC 9293 section 3.4: the SYN takes the ISN). */
static unsigned data_start(const tt_result *r, const tt_header *h)
{
    return tt_shown_seq(r, h) + ((h->flags & TT_SYN) ? 1u : 0u);
}

static void summary_data(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    unsigned s = data_start(r, h), len = r->payload_len;
    if (len == 0)
        tt_sb_msg(b, lang, TT_M_SUM_DATA_EMPTY, (unsigned)r->chunk, sender(lang, r));
    else if ((r->notes & TT_NOTE_RETRANSMISSION) && r->chunk == 0)
        tt_sb_msg(b, lang, TT_M_SUM_DATA_AGAIN_UNNUMBERED, sender(lang, r), s, s + len - 1u, len);
    else if (r->notes & TT_NOTE_RETRANSMISSION)
        tt_sb_msg(b, lang, TT_M_SUM_DATA_AGAIN, (unsigned)r->chunk, sender(lang, r), s,
                  s + len - 1u, len);
    else
        tt_sb_msg(b, lang, TT_M_SUM_DATA, (unsigned)r->chunk, sender(lang, r), s, s + len - 1u, len,
                  s + len);
    if (len > 0 && (r->notes2 & TT_NOTE2_PROBED_BYTE))
        tt_sb_msg(b, lang, TT_M_SUM_PROBED_BYTE, s);
    if (len > 0 && (r->notes2 & TT_NOTE2_GAP))
        tt_sb_msg(b, lang, TT_M_SUM_GAP, s);
    if (len > 0 && (r->notes2 & TT_NOTE2_FILLS_GAP))
        tt_sb_msg(b, lang, TT_M_SUM_FILLS_GAP, s + len);
}

/* Which of the peer's chunks an acknowledgment completes. `prefix`: the
 * messages start with a space (a sentence appended to another). */
static void completes(tt_sb *b, const tt_result *r, tt_lang lang)
{
    unsigned hi = r->acked_chunk, n = r->acked_count;
    const char *whose = peer_poss(lang, r);
    if (hi == 0)
        return;
    if (n <= 1)
        tt_sb_msg(b, lang, TT_M_SUM_COMPLETES, whose, hi);
    else if (r->notes & TT_NOTE_ACKED_GAPS)
        tt_sb_msg(b, lang, TT_M_SUM_COMPLETES_GAPS, n, whose, hi);
    else
        tt_sb_msg(b, lang, TT_M_SUM_COMPLETES_RANGE, whose, hi - n + 1u, hi);
}

static void summary_refused(tt_sb *b, const tt_header *h, tt_lang lang)
{
    char port[32];
    num_or_missing(port, sizeof port, h, 0, 2, h->sport, lang);
    tt_sb_msg(b, lang, TT_M_SUM_REFUSED, port);
}

static void summary_malformed(tt_sb *b, const tt_header *h, tt_lang lang)
{
    char problem[TT_LINE_MAX];
    if (tt_explain_problem(h, lang, problem, sizeof problem) == 0)
        snprintf(problem, sizeof problem, "%s", msg(lang, TT_M_P_OTHER));
    tt_sb_msg(b, lang, TT_M_SUM_MALFORMED, problem);
}

/* A D-SACK (RFC 2883): the first SACK block lies below the cumulative ACK,
 * or inside the second block: it names bytes that arrived twice. */
static bool has_dsack(const tt_header *h)
{
    const tt_option *o = tt_header_find_option(h, TT_OPT_SACK);
    if (o == NULL || o->len < 10 || !captured(h, 8, 4) || !(h->flags & TT_ACK))
        return false;
    uint32_t left = tt_option_u32(h, o, 0), right = tt_option_u32(h, o, 4);
    if ((int32_t)(left - h->ack) < 0)
        return true;
    return o->len >= 18 && (int32_t)(tt_option_u32(h, o, 8) - left) <= 0 &&
           (int32_t)(right - tt_option_u32(h, o, 12)) <= 0;
}

/* A D-SACK block that names the peer's FIN arriving again: the ACK covers
 * the FIN (it is ack - 1), and the block holds that number. */
static bool dsack_names_fin(const tt_result *r, const tt_header *h, unsigned left, unsigned right)
{
    uint32_t fin = h->ack - 1u;
    return (r->notes2 & TT_NOTE2_ACK_PAST_FIN) && (int32_t)(fin - left) >= 0 &&
           (int32_t)(right - fin) > 0;
}

/* The first SACK block is a D-SACK of the peer's FIN alone. */
static bool dsack_fin_only(const tt_result *r, const tt_header *h)
{
    const tt_option *o = tt_header_find_option(h, TT_OPT_SACK);
    if (o == NULL || o->len < 10 || !has_dsack(h))
        return false;
    uint32_t left = tt_option_u32(h, o, 0), right = tt_option_u32(h, o, 4);
    return right - left == 1u && dsack_names_fin(r, h, left, right);
}

/* Why a duplicate ACK was sent: "a later segment arrived while a byte is
 * missing" only when one is; else the bytes that came twice (D-SACK), the
 * peer's repeated FIN in TIME-WAIT, or a segment that brought nothing new. */
static void summary_dup_ack(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang,
                            tt_msg usual)
{
    unsigned ack = tt_shown_ack(r, h);
    unsigned st = from_client(r) ? r->client_after : r->server_after;
    if (dsack_fin_only(r, h))
        tt_sb_msg(b, lang, TT_M_SUM_DUP_ACK_DSACK_FIN, sender(lang, r), ack, peer_poss(lang, r),
                  ack - 1u);
    else if (has_dsack(h))
        tt_sb_msg(b, lang, TT_M_SUM_DUP_ACK_DSACK, sender(lang, r), ack);
    else if ((r->notes & TT_NOTE_NOTHING_MISSING) && st == TT_ST_TIME_WAIT)
        tt_sb_msg(b, lang, TT_M_SUM_DUP_ACK_TIMEWAIT, sender(lang, r), ack);
    else if (r->notes & TT_NOTE_NOTHING_MISSING)
        tt_sb_msg(b, lang, TT_M_SUM_DUP_ACK_NOTHING, sender(lang, r), ack);
    else
        tt_sb_msg(b, lang, usual, sender(lang, r), ack, ack);
}

/* ---- ICMP errors that quote a header ---- */

/* The ICMP error's name, and how TCP takes it (RFC 1122 4.2.3.9, RFC 5461). */
static tt_msg icmp_name(const tt_result *r)
{
    unsigned t = r->icmp_type, k = r->icmp_code;
    if (r->notes2 & TT_NOTE2_ICMP4) {
        static const tt_msg unreach[16] = {
            [0] = TT_M_ICMP_N_NET,         [1] = TT_M_ICMP_N_HOST,
            [2] = TT_M_ICMP_N_PROTO,       [3] = TT_M_ICMP_N_PORT,
            [4] = TT_M_ICMP_N_FRAG,        [9] = TT_M_ICMP_N_PROHIBITED,
            [10] = TT_M_ICMP_N_PROHIBITED, [13] = TT_M_ICMP_N_PROHIBITED,
        };
        if (t == 3)
            return k < 16 && unreach[k] != 0 ? unreach[k] : TT_M_ICMP_N_UNREACH;
        if (t == 11)
            return k == 1 ? TT_M_ICMP_N_REASSEMBLY : TT_M_ICMP_N_TTL;
        if (t == 12)
            return TT_M_ICMP_N_PARAM;
        if (t == 4)
            return TT_M_ICMP_N_QUENCH;
        if (t == 5)
            return TT_M_ICMP_N_REDIRECT;
    } else if (r->notes2 & TT_NOTE2_ICMP6) {
        static const tt_msg unreach[5] = {
            [0] = TT_M_ICMP_N_NOROUTE,
            [1] = TT_M_ICMP_N_PROHIBITED,
            [3] = TT_M_ICMP_N_ADDR,
            [4] = TT_M_ICMP_N_PORT,
        };
        if (t == 1)
            return k < 5 && unreach[k] != 0 ? unreach[k] : TT_M_ICMP_N_UNREACH;
        if (t == 2)
            return TT_M_ICMP_N_TOOBIG;
        if (t == 3)
            return k == 1 ? TT_M_ICMP_N_REASSEMBLY : TT_M_ICMP_N_HOPS;
        if (t == 4)
            return TT_M_ICMP_N_PARAM;
    }
    return TT_M_ICMP_N_OTHER;
}

tt_icmp_kind tt_icmp_kind_of(const tt_result *r)
{
    if (r == NULL || r->role != TT_ROLE_ICMP_QUOTED ||
        !(r->notes2 & (TT_NOTE2_ICMP4 | TT_NOTE2_ICMP6)))
        return TT_ICMP_UNKNOWN;
    tt_msg name = icmp_name(r);
    if (name == TT_M_ICMP_N_PORT || name == TT_M_ICMP_N_PROTO)
        return TT_ICMP_HARD;
    if (name == TT_M_ICMP_N_FRAG || name == TT_M_ICMP_N_TOOBIG)
        return TT_ICMP_PMTU;
    if (name == TT_M_ICMP_N_QUENCH || name == TT_M_ICMP_N_REDIRECT || name == TT_M_ICMP_N_OTHER)
        return TT_ICMP_OTHER;
    return TT_ICMP_SOFT;
}

const char *tt_icmp_name(const tt_result *r, tt_lang lang)
{
    return msg(fix_lang(lang), icmp_name(r));
}

/* What the quoted segment's sender does about the error. */
static void icmp_reaction(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    /* A SYN that opens: by its flags, or (a quote of 8 bytes has none) by
     * its sender's state in the stream. */
    uint8_t st = from_client(r) ? r->client_after : r->server_after;
    bool opening = captured(h, 12, 2) ? (h->flags & (TT_SYN | TT_ACK)) == TT_SYN
                                      : !(r->notes2 & TT_NOTE2_NO_CONN) && st == TT_ST_SYN_SENT;
    bool from_dest = (r->notes2 & TT_NOTE2_ICMP_FROM_DEST) != 0;
    tt_msg name = icmp_name(r);
    switch (tt_icmp_kind_of(r)) {
    case TT_ICMP_HARD:
        if (!opening) {
            tt_sb_msg(b, lang, TT_M_ICMP_HARD);
            break;
        }
        if (name == TT_M_ICMP_N_PORT && from_dest)
            tt_sb_msg(b, lang, TT_M_ICMP_NO_LISTENER, (unsigned)h->dport);
        tt_sb_msg(b, lang, TT_M_ICMP_HARD_SYN,
                  msg(lang, from_client(r) ? TT_M_CLIENT_POSS : TT_M_SERVER_POSS));
        if (name == TT_M_ICMP_N_PORT)
            tt_sb_msg(b, lang, TT_M_ICMP_HARD_PORT_LINUX);
        break;
    case TT_ICMP_SOFT:
        tt_sb_msg(b, lang, opening ? TT_M_ICMP_SOFT_SYN : TT_M_ICMP_SOFT);
        break;
    case TT_ICMP_PMTU:
        tt_sb_msg(b, lang, TT_M_ICMP_PMTU, sender(lang, r));
        break;
    default:
        break;
    }
}

static void summary_icmp(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    if (!(r->notes2 & (TT_NOTE2_ICMP4 | TT_NOTE2_ICMP6))) {
        tt_sb_msg(b, lang, TT_M_SUM_ICMP);
        return;
    }
    const char *who = r->notes2 & TT_NOTE2_ICMP_FROM_DEST   ? msg(lang, TT_M_ICMP_FROM_DEST)
                      : r->notes2 & TT_NOTE2_ICMP_FROM_PATH ? msg(lang, TT_M_ICMP_FROM_PATH)
                                                            : "";
    tt_sb_msg(b, lang, TT_M_SUM_ICMP_ERR, sender(lang, r), msg(lang, icmp_name(r)),
              (unsigned)r->icmp_type, (unsigned)r->icmp_code, who);
    icmp_reaction(b, r, h, lang);
}

/* What the state machine found about an unusual opening or reset, when it
 * replaces the role's own sentence; false when it does not. */
static bool summary_opening(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    const char *who = sender(lang, r), *theirs = peer_poss(lang, r);
    if (r->notes3 & TT_NOTE3_BEYOND_WINDOW)
        tt_sb_msg(b, lang, TT_M_SUM_BEYOND_WINDOW, who, (unsigned)r->payload_len,
                  tt_shown_seq(r, h), theirs);
    else if (r->notes3 & TT_NOTE3_BAD_ACK)
        tt_sb_msg(b, lang, TT_M_SUM_BAD_ACK, who, tt_shown_ack(r, h), theirs);
    else if (r->notes3 & TT_NOTE3_NO_OWN_SYN)
        tt_sb_msg(b, lang, TT_M_SUM_NO_OWN_SYN, who, theirs, tt_shown_ack(r, h));
    else if (r->notes3 & TT_NOTE3_RST_BAD_ACK)
        tt_sb_msg(b, lang, TT_M_SUM_RST_BAD_ACK, who, theirs, tt_shown_seq(r, h));
    else if (r->notes3 & TT_NOTE3_RST_ANSWERS)
        tt_sb_msg(b, lang, TT_M_SUM_RST_ANSWERS, who, theirs, tt_shown_seq(r, h));
    else if ((r->notes3 & TT_NOTE3_PROVES_EST) && (h->flags & TT_FIN))
        tt_sb_msg(b, lang, TT_M_SUM_FIN_UNSEEN_PEER, who, tt_shown_ack(r, h),
                  msg(lang, from_client(r) ? TT_M_SERVER : TT_M_CLIENT), theirs);
    else if ((r->notes3 & TT_NOTE3_BEFORE_RST) && (h->flags & TT_FIN))
        tt_sb_msg(b, lang, TT_M_SUM_FIN_AFTER_RST, who);
    else if (r->role == TT_ROLE_SIMULTANEOUS_OPEN && (h->flags & (TT_SYN | TT_ACK)) == TT_ACK)
        tt_sb_msg(b, lang, TT_M_SUM_SIMOPEN_LAST, who, theirs, tt_shown_ack(r, h));
    else
        return false;
    return true;
}

static void summary_main(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    const struct role_text *t = role_text(r->role);
    if (summary_opening(b, r, h, lang))
        return;
    if (r->notes & TT_NOTE_OUT_OF_WINDOW) {
        tt_sb_msg(b, lang, TT_M_SUM_OUT_OF_WINDOW, sender(lang, r), (unsigned)r->payload_len);
        return;
    }
    if (r->notes2 & TT_NOTE2_CAPTURE_DUP) {
        tt_sb_msg(b, lang, (r->notes & TT_NOTE_IPV6) ? TT_M_SUM_CAPTURE_DUP6 : TT_M_SUM_CAPTURE_DUP,
                  msg(lang, from_client(r) ? TT_M_CLIENT_POSS : TT_M_SERVER_POSS));
        return;
    }
    if (r->role == TT_ROLE_RESET && (r->notes & TT_NOTE_AFTER_CLOSE)) {
        tt_sb_msg(b, lang, TT_M_SUM_RESET_AFTER, sender(lang, r));
        return;
    }
    if (r->notes & TT_NOTE_ANSWERS_SYNACK) {
        tt_sb_msg(b, lang, TT_M_SUM_ANSWERS_SYNACK, sender(lang, r), (unsigned)tt_shown_ack(r, h));
        return;
    }
    if (r->notes2 & TT_NOTE2_FIN_IN_SYN_SENT) {
        tt_sb_msg(b, lang, TT_M_SUM_FIN_SYN_SENT_MAIN, sender(lang, r));
        return;
    }
    if (r->role == TT_ROLE_ICMP_QUOTED) {
        summary_icmp(b, r, h, lang);
        return;
    }
    /* MPTCP's abort: not an answer to anything the peer sent. */
    if ((r->notes2 & TT_NOTE2_MP_FASTCLOSE) && r->role != TT_ROLE_RESET &&
        r->role != TT_ROLE_REFUSED) {
        tt_sb_msg(b, lang, TT_M_SUM_MP_FASTCLOSE, sender(lang, r));
        if (r->role == TT_ROLE_DUP_ACK)
            tt_sb_msg(b, lang, TT_M_SUM_MP_FASTCLOSE_DUP);
        return;
    }
    /* Data may be lost only if some was still unacknowledged. */
    if (t->summary == TT_M_SUM_RESET && !(r->notes2 & TT_NOTE2_RST_IN_FLIGHT)) {
        tt_sb_msg(b, lang,
                  (r->notes2 & TT_NOTE2_RST_UNSEEN) ? TT_M_SUM_RESET_UNSEEN
                                                    : TT_M_SUM_RESET_NONE_OUT,
                  sender(lang, r));
        return;
    }
    switch (t->summary_kind) {
    case TT_SK_TWO:
        tt_sb_msg(b, lang, t->summary, sender(lang, r), peer_poss(lang, r));
        break;
    case TT_SK_ISN:
        summary_isn(b, r, h, lang, t->summary);
        break;
    case TT_SK_SIMOPEN:
        summary_isn(b, r, h, lang,
                    (h->flags & TT_ACK) ? TT_M_SUM_SIMOPEN_SYNACK : TT_M_SUM_SIMOPEN_SYN);
        break;
    case TT_SK_SIMCLOSE:
        if (r->steps[0] >= 3)
            tt_sb_msg(b, lang, TT_M_SUM_SIMCLOSE_ACK, (unsigned)r->steps[0], sender(lang, r),
                      peer_poss(lang, r));
        else
            tt_sb_msg(b, lang, t->summary, sender(lang, r));
        break;
    case TT_SK_DATA:
        summary_data(b, r, h, lang);
        break;
    case TT_SK_ACK:
        summary_ack(b, r, h, lang, t->summary);
        completes(b, r, lang);
        break;
    case TT_SK_DUP_ACK:
        if (ack_below_base(r, h))
            summary_ack(b, r, h, lang, t->summary);
        else
            summary_dup_ack(b, r, h, lang, t->summary);
        break;
    case TT_SK_WINDOW:
        summary_window(b, r, h, lang, t->summary);
        break;
    case TT_SK_REFUSED:
        summary_refused(b, h, lang);
        break;
    case TT_SK_MALFORMED:
        summary_malformed(b, h, lang);
        break;
    case TT_SK_PLAIN:
        tt_sb_msg(b, lang, t->summary);
        break;
    default:
        /* A first FIN that carries data: these are its last bytes. */
        if (r->role == TT_ROLE_TEARDOWN_1 && r->payload_len > 0)
            tt_sb_msg(b, lang, TT_M_SUM_TD1_DATA, sender(lang, r));
        else
            tt_sb_msg(b, lang, t->summary, sender(lang, r));
        break;
    }
}

/* A TCP Fast Open option's cookie: its length, 0 for a cookie request,
 * -1 when the header has no TFO option (kind 34, or the experimental kind
 * 253/254 with ExID 0xF989). */
static int tfo_cookie_len(const tt_header *h)
{
    for (unsigned i = 0; i < h->n_options && i < TT_MAX_OPTIONS; i++) {
        const tt_option *o = &h->options[i];
        if (o->status != TT_OPTLEN_OK)
            continue;
        if (o->kind == TT_OPT_TFO)
            return o->len - 2;
        if ((o->kind == 253 || o->kind == TT_OPT_EXP2) && o->len >= 4 &&
            captured(h, o->offset + 2u, 2) && h->bytes[o->offset + 2u] == 0xf9 &&
            h->bytes[o->offset + 3u] == 0x89)
            return o->len - 4;
    }
    return -1;
}

/* A SYN+ACK that acknowledges the data of the peer's SYN: with a TCP Fast
 * Open cookie the data may go to the application at once; without one it
 * waits for the handshake (RFC 9293, section 3.10.7.2). */
static void summary_syn_data_acked(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    unsigned bytes = r->rel_ack - 1u, ack = tt_shown_ack(r, h);
    if (r->peer_syn & TT_PEER_SYN_TFO)
        tt_sb_msg(b, lang, TT_M_SUM_TFO_ACCEPTED, peer_poss(lang, r));
    else if (r->peer_syn & TT_PEER_SYN_OPTS)
        tt_sb_msg(b, lang, TT_M_SUM_SYN_DATA_ACKED_PLAIN, peer_poss(lang, r), bytes, ack,
                  sender(lang, r));
    else
        tt_sb_msg(b, lang, TT_M_SUM_SYN_DATA_ACKED, peer_poss(lang, r), bytes, ack);
}

/* A SYN+ACK's answer to the ECN offer of the SYN (RFC 3168, section
 * 6.1.1): ECE alone accepts it, ECE clear declines it. Accurate ECN has
 * its own line in the header. */
static void summary_ecn_answer(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    unsigned ace = (h->flags & (TT_AE | TT_CWR | TT_ECE)) >> 6;
    if (!(r->peer_syn & TT_PEER_SYN_ECN) || (r->notes & TT_NOTE_ACCECN))
        return;
    if (ace == 1)
        tt_sb_msg(b, lang, TT_M_SUM_ECN_ACCEPTED, peer_poss(lang, r));
    else if (ace == 0)
        tt_sb_msg(b, lang, TT_M_SUM_ECN_DECLINED, peer_poss(lang, r));
}

static const tt_msg why_summary[] = {
    [TT_WHY_NONE] = TT_M_SUM_RETRANS_WS,           [TT_WHY_TIMEOUT] = TT_M_SUM_RETRANS,
    [TT_WHY_FAST] = TT_M_SUM_RETRANS_FAST,         [TT_WHY_SACK] = TT_M_SUM_RETRANS_SACK,
    [TT_WHY_SPURIOUS] = TT_M_SUM_RETRANS_SPURIOUS, [TT_WHY_SYN_AGAIN] = TT_M_SUM_RETRANS_SYN,
    [TT_WHY_SYN_DATA] = TT_M_SUM_RETRANS_SYN_DATA, [TT_WHY_TLP] = TT_M_SUM_RETRANS_TLP,
    [TT_WHY_EARLY] = TT_M_SUM_RETRANS_EARLY,       [TT_WHY_PARTIAL] = TT_M_SUM_RETRANS_PARTIAL,
};

_Static_assert(sizeof why_summary / sizeof why_summary[0] == TT_WHY_COUNT,
               "one summary for every cause");

/* The summary's words for the cause of a retransmission. */
static tt_msg summary_why(const tt_result *r, const tt_header *h)
{
    if (r->why == TT_WHY_TIMEOUT && (r->notes2 & TT_NOTE2_AFTER_RTO))
        return TT_M_SUM_RETRANS_AFTER_RTO;
    if (r->why == TT_WHY_TIMEOUT && (h->flags & TT_SYN) && r->payload_len == 0)
        return TT_M_SUM_RETRANS_SYN_TIMER;
    if (r->why == TT_WHY_TLP && (h->flags & TT_FIN) && r->payload_len == 0)
        return TT_M_SUM_RETRANS_TLP_FIN; /* a FIN alone: no bytes */
    return why_summary[r->why < TT_WHY_COUNT ? r->why : TT_WHY_NONE];
}

/* The rule used to tell client and server apart, indexed by tt_guess. */
static const tt_msg guess_summary[] = {TT_M_SUM_GUESSED_ANY, TT_M_SUM_GUESSED, TT_M_SUM_GUESSED_EPH,
                                       TT_M_SUM_GUESSED_FIRST};
static const tt_msg guess_conv[] = {TT_M_CONV_GUESSED_ANY, TT_M_CONV_GUESSED, TT_M_CONV_GUESSED_EPH,
                                    TT_M_CONV_GUESSED_FIRST};

static void summary_modifiers(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    unsigned s = data_start(r, h), len = r->payload_len;
    bool synack = captured(h, 12, 2) && (h->flags & (TT_SYN | TT_ACK)) == (TT_SYN | TT_ACK);
    if ((r->notes & TT_NOTE_SYN_DATA) && len > 0)
        tt_sb_msg(b, lang, tfo_cookie_len(h) > 0 ? TT_M_SUM_SYN_DATA : TT_M_SUM_SYN_DATA_PLAIN, s,
                  s + len - 1u, len, s - 1u, s + len);
    else if (synack && len > 0)
        tt_sb_msg(b, lang, TT_M_SUM_SYNACK_DATA, s, s + len - 1u, len, s - 1u, peer_poss(lang, r),
                  s + len, peer(lang, r));
    else if (carries_extra_data(r) && len > 0)
        tt_sb_msg(b, lang, TT_M_SUM_CARRIES_DATA, (unsigned)r->chunk, s, s + len - 1u, len);
    if (r->notes & TT_NOTE_TFO_ACCEPTED)
        summary_syn_data_acked(b, r, h, lang);
    if (synack)
        summary_ecn_answer(b, r, h, lang);
    if (captured(h, 12, 2) && (h->flags & TT_URG) && len > 0 && captured(h, 18, 2) &&
        h->urgent != 0)
        tt_sb_msg(b, lang, TT_M_SUM_URGENT, (unsigned)h->urgent, tt_shown_seq(r, h) + h->urgent,
                  tt_shown_seq(r, h) + h->urgent - 1u);
    if (r->notes & TT_NOTE_TFO_REFUSED)
        tt_sb_msg(b, lang, TT_M_SUM_TFO_REFUSED, peer_poss(lang, r));
    if (r->notes & TT_NOTE_COMPLETES_HS)
        tt_sb_msg(b, lang, TT_M_SUM_COMPLETES_HS, peer_poss(lang, r));
    if (r->role == TT_ROLE_HANDSHAKE_3 && r->acked_chunk > 0 && r->rel_ack > 1u) {
        tt_sb_msg(b, lang, TT_M_SUM_HS3_SYNACK_DATA, r->rel_ack - 1u, peer_poss(lang, r),
                  tt_shown_ack(r, h));
        completes(b, r, lang);
    }
    if ((r->notes3 & TT_NOTE3_PROVES_EST) && !(h->flags & TT_FIN))
        tt_sb_msg(b, lang, TT_M_SUM_PROVES_EST,
                  msg(lang, from_client(r) ? TT_M_SERVER : TT_M_CLIENT), tt_shown_ack(r, h));
    if (r->notes3 & TT_NOTE3_BEFORE_RST)
        tt_sb_msg(b, lang, TT_M_SUM_BEFORE_RST, peer_poss(lang, r));
    if (r->role == TT_ROLE_DATA_PIGGYBACK) {
        tt_sb_msg(b, lang, TT_M_SUM_PIGGY, peer_poss(lang, r), (unsigned)tt_shown_ack(r, h));
        completes(b, r, lang);
    }
    if (r->notes & TT_NOTE_HALF_CLOSE)
        tt_sb_msg(b, lang, TT_M_SUM_HALF_CLOSE);
    if (r->notes & TT_NOTE_NOT_LISTENING)
        tt_sb_msg(b, lang, TT_M_SUM_NOT_LISTENING);
    if (r->notes & TT_NOTE_WAS_OPENING)
        tt_sb_msg(b, lang, TT_M_SUM_WAS_OPENING);
    if (r->notes & TT_NOTE_ACK_LOST)
        tt_sb_msg(b, lang, TT_M_SUM_ACK_LOST, sender(lang, r), sender(lang, r));
    if (r->notes2 & TT_NOTE2_NEW_ATTEMPT) {
        tt_sb_msg(b, lang, TT_M_SUM_NEW_ATTEMPT);
        if (r->analysis & TT_AN_ANY_RETRANSMISSION)
            tt_sb_msg(b, lang, TT_M_SUM_NEW_ATTEMPT_WS);
    }
    if (r->notes2 & TT_NOTE2_RST_UNREAD)
        tt_sb_msg(b, lang, TT_M_SUM_RST_UNREAD);
    if (r->notes2 & TT_NOTE2_PROBE_UNANSWERED)
        tt_sb_msg(b, lang, TT_M_SUM_PROBE_UNANSWERED, sender(lang, r));
    if (r->notes2 & TT_NOTE2_RST_FASTCLOSE)
        tt_sb_msg(b, lang, TT_M_SUM_RST_FASTCLOSE, peer_poss(lang, r));
    if ((r->notes2 & TT_NOTE2_MP_FASTCLOSE) && r->role == TT_ROLE_RESET)
        tt_sb_msg(b, lang, TT_M_SUM_RST_WITH_FASTCLOSE);
    if (r->notes2 & TT_NOTE2_RST_AFTER_CLOSE)
        tt_sb_msg(b, lang, TT_M_SUM_RST_AFTER_CLOSE);
    if ((r->notes2 & TT_NOTE2_RST_CLOSED) && !(r->notes & TT_NOTE_AFTER_CLOSE))
        tt_sb_msg(b, lang, TT_M_SUM_RST_CLOSED);
    if (r->notes2 & TT_NOTE2_RST_AGAIN)
        tt_sb_msg(b, lang, TT_M_SUM_RST_AGAIN);
    if ((h->flags & TT_RST) && r->payload_len > 0)
        tt_sb_msg(b, lang, TT_M_SUM_RST_DATA, (unsigned)r->payload_len);
    if (r->notes2 & TT_NOTE2_SENT_EARLIER)
        tt_sb_msg(b, lang, TT_M_SUM_SENT_EARLIER);

    if (r->notes & TT_NOTE_RETRANSMISSION)
        tt_sb_msg(b, lang, summary_why(r, h), sender(lang, r));
    bool no_flow = r->role == TT_ROLE_REFUSED || r->role == TT_ROLE_RESET ||
                   r->role == TT_ROLE_MALFORMED || r->role == TT_ROLE_ICMP_QUOTED;
    if (!no_flow && captured(h, 14, 2) && h->window == 0 &&
        r->role != TT_ROLE_ZERO_WINDOW_PROBE_ACK)
        tt_sb_msg(b, lang, TT_M_SUM_WINDOW_ZERO);
    if ((r->notes & TT_NOTE_DIR_GUESSED) && r->index == 1) /* once, on the stream's first */
        tt_sb_msg(b, lang, guess_summary[r->guess & 3u]);
    if (r->notes & TT_NOTE_INFERRED)
        tt_sb_msg(b, lang, TT_M_SUM_INFERRED);
}

size_t tt_explain_summary(const tt_result *r, const tt_header *h, tt_lang lang, char *buf, size_t n)
{
    static const tt_header none; /* nothing captured */
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (r == NULL)
        return b.len;
    lang = fix_lang(lang);
    const tt_header *hh = h != NULL ? h : &none;
    summary_main(&b, r, hh, lang);
    if (!(r->notes2 & TT_NOTE2_CAPTURE_DUP))
        summary_modifiers(&b, r, hh, lang);
    if (r->notes2 & TT_NOTE2_WRAPPED)
        tt_sb_msg(&b, lang, TT_M_SUM_WRAPPED);
    return b.len;
}

/* ---- conversation ------------------------------------------------------------ */

static const tt_msg state_gloss[TT_ST_COUNT] = {
#define TT_STATE(id, name, gloss) [id] = gloss,
#include "states.def"
};

static const tt_msg event_text[TT_EV_COUNT] = {
#define TT_EVENT(id, token, text) [id] = text,
#include "states.def"
};

/* The states in the reader's language: the RFC's names in English, the
 * textbook's (with the RFC's beside them) in Chinese. */
static const tt_msg state_names[TT_ST_COUNT] = {
    [TT_ST_CLOSED] = TT_M_STN_CLOSED,           [TT_ST_LISTEN] = TT_M_STN_LISTEN,
    [TT_ST_SYN_SENT] = TT_M_STN_SYN_SENT,       [TT_ST_SYN_RECEIVED] = TT_M_STN_SYN_RECEIVED,
    [TT_ST_ESTABLISHED] = TT_M_STN_ESTABLISHED, [TT_ST_FIN_WAIT_1] = TT_M_STN_FIN_WAIT_1,
    [TT_ST_FIN_WAIT_2] = TT_M_STN_FIN_WAIT_2,   [TT_ST_CLOSE_WAIT] = TT_M_STN_CLOSE_WAIT,
    [TT_ST_CLOSING] = TT_M_STN_CLOSING,         [TT_ST_LAST_ACK] = TT_M_STN_LAST_ACK,
    [TT_ST_TIME_WAIT] = TT_M_STN_TIME_WAIT,
};

const char *tt_explain_state(tt_lang lang, unsigned st)
{
    return msg(fix_lang(lang), st < TT_ST_COUNT ? state_names[st] : TT_M_UNKNOWN);
}

static const char *state_name(tt_lang lang, unsigned st)
{
    return tt_explain_state(lang, st);
}

static const char *state_text(tt_lang lang, unsigned st)
{
    return msg(lang, st < TT_ST_COUNT ? state_gloss[st] : TT_M_ST_INVALID);
}

/* Under a change of state: the edge of RFC 9293's diagram it follows (or
 * the two, each with its section), as the state machine recorded them, or
 * that it corrects an assumption. */
static void put_edges(const ctx *c, unsigned side, unsigned before, unsigned after)
{
    if (tt_result_corrected(c->r, side)) {
        put_msg(c, 1, -1, 0, TT_M_CONV_EDGE_FIX);
        return;
    }
    tt_path p;
    if (tt_result_path(c->r, side, &p) == 0 || after >= TT_ST_COUNT)
        return;
    if (p.n == 1) {
        put_msg(c, 1, -1, 0, TT_M_CONV_EDGE, state_name(c->lang, before),
                msg(c->lang, event_text[p.ev[0]]), state_name(c->lang, after),
                tt_edge_section((tt_state)before, p.ev[0]));
        return;
    }
    put_msg(c, 1, -1, 0, TT_M_CONV_EDGE2, state_name(c->lang, before),
            msg(c->lang, event_text[p.ev[0]]), state_name(c->lang, p.via),
            tt_edge_section((tt_state)before, p.ev[0]), msg(c->lang, event_text[p.ev[1]]),
            state_name(c->lang, after), tt_edge_section(p.via, p.ev[1]));
}

static void put_states(const ctx *c, unsigned side, tt_msg changed, tt_msg same)
{
    unsigned before = side == 0 ? c->r->client_before : c->r->server_before;
    unsigned after = side == 0 ? c->r->client_after : c->r->server_after;
    if (before == after) {
        put_msg(c, 0, -1, 0, same, state_name(c->lang, after), state_text(c->lang, after));
        return;
    }
    put_msg(c, 0, -1, 0, changed, state_name(c->lang, before), state_name(c->lang, after),
            state_text(c->lang, after));
    put_edges(c, side, before, after);
}

/* The notes under the states: guesses, inferences, corrections, and
 * moves that wait for an answer. */
static void conversation_notes(const ctx *c)
{
    const tt_result *r = c->r;
    bool c2s = from_client(r);
    const char *receiver = msg(c->lang, c2s ? TT_M_SERVER_WORD : TT_M_CLIENT_WORD);
    const char *sender_word = msg(c->lang, c2s ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD);
    if (r->notes & TT_NOTE_DIR_GUESSED)
        put_msg(c, 0, -1, 0, guess_conv[r->guess & 3u]);
    if (r->notes & TT_NOTE_INFERRED)
        put_msg(c, 0, -1, 0, TT_M_CONV_INFERRED, state_name(c->lang, r->client_before),
                state_name(c->lang, r->server_before));
    if (r->notes & TT_NOTE_NOT_LISTENING)
        put_msg(c, 0, -1, 0, TT_M_CONV_NOT_LISTENING);
    if (r->notes & TT_NOTE_WAS_OPENING)
        put_msg(c, 0, -1, 0, TT_M_CONV_WAS_OPENING);
    if (r->notes & TT_NOTE_ACK_LOST)
        put_msg(c, 0, -1, 0, TT_M_CONV_ACK_LOST);
    unsigned got = c2s ? r->server_after : r->client_after;
    if (r->notes2 & TT_NOTE2_CROSSED)
        put_msg(c, 0, -1, 0, TT_M_CONV_CROSSED, sender_word, sender_word);
    if (r->notes2 & TT_NOTE2_FINACK_APPLIED)
        put_msg(c, 0, -1, 0, TT_M_CONV_FINACK_APPLIED, sender_word);
    if (r->notes2 & TT_NOTE2_FIN_IN_SYN_SENT)
        put_msg(c, 0, -1, 0, TT_M_CONV_FIN_IN_SYN_SENT, sender_word);
    if (r->notes & TT_NOTE_SYN_PENDING)
        put_msg(c, 0, -1, 0, TT_M_CONV_SYN_PENDING, receiver, state_name(c->lang, got));
    if (r->notes & TT_NOTE_SYNACK_PENDING)
        put_msg(c, 0, -1, 0, TT_M_CONV_SYNACK_PENDING, receiver);
    if ((r->notes & TT_NOTE_FIN_PENDING) && got == TT_ST_ESTABLISHED) {
        put_msg(c, 0, -1, 0, TT_M_CONV_FIN_PENDING_EST, receiver);
    } else if (r->notes & TT_NOTE_FIN_PENDING) {
        tt_state to = got < TT_ST_COUNT ? tt_state_next((tt_state)got, TT_EV_RCV_FIN) : TT_ST_COUNT;
        put_msg(c, 0, -1, 0, TT_M_CONV_FIN_PENDING, receiver, state_name(c->lang, got),
                state_name(c->lang, to));
    }
    if (r->notes2 & TT_NOTE2_FINACK_LATER)
        put_msg(c, 0, -1, 0, TT_M_CONV_FINACK_LATER, receiver);
}

void tt_explain_conversation(const tt_result *r, const char *client, const char *server,
                             tt_lang lang, const tt_emitter *e)
{
    if (r == NULL || e == NULL || e->line == NULL)
        return;
    ctx c = {NULL, r, fix_lang(lang), e};
    const char *unknown = msg(c.lang, TT_M_UNKNOWN);
    bool c2s = from_client(r);
    put_msg(&c, 0, -1, 0, TT_M_CONV_STREAM, (unsigned)r->stream);
    put_msg(&c, 0, -1, 0, TT_M_CONV_CLIENT, client != NULL && client[0] ? client : unknown);
    put_msg(&c, 0, -1, 0, TT_M_CONV_SERVER, server != NULL && server[0] ? server : unknown);
    put_msg(&c, 0, -1, 0, TT_M_CONV_INDEX, (unsigned)r->index);
    put_msg(&c, 0, -1, 0, TT_M_CONV_DIR, msg(c.lang, c2s ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD),
            msg(c.lang, c2s ? TT_M_SERVER_WORD : TT_M_CLIENT_WORD),
            tt_dir_token(c2s ? TT_DIR_C2S : TT_DIR_S2C));
    put_states(&c, 0, TT_M_CONV_CLIENT_STATE, TT_M_CONV_CLIENT_SAME);
    put_states(&c, 1, TT_M_CONV_SERVER_STATE, TT_M_CONV_SERVER_SAME);
    conversation_notes(&c);
}

/* ---- header: ports, numbers ------------------------------------------------------ */

static const struct service {
    uint16_t port;
    const char *name; /* IANA service name, the same in every language */
} services[] = {
    {20, "ftp-data"},   {21, "ftp"},      {22, "ssh"},     {23, "telnet"},       {25, "smtp"},
    {53, "domain"},     {80, "http"},     {110, "pop3"},   {143, "imap"},        {443, "https"},
    {993, "imaps"},     {995, "pop3s"},   {3306, "mysql"}, {5432, "postgresql"}, {6379, "redis"},
    {8080, "http-alt"}, {8081, "tproxy"},
};

static const char *service_name(unsigned port)
{
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
        if (services[i].port == port)
            return services[i].name;
    }
    return NULL;
}

static void explain_port(const ctx *c, unsigned off, tt_msg name, unsigned port, bool client)
{
    if (!need_field(c, off, 2, name))
        return;
    char line[TT_LINE_MAX], hex[16];
    tt_sb b;
    tt_sb_init(&b, line, sizeof line);
    tt_sb_msg(&b, c->lang, TT_M_H_PORT, msg(c->lang, name), fmt_hex(hex, sizeof hex, port, 4), port,
              msg(c->lang, client ? TT_M_CLIENT_POSS : TT_M_SERVER_POSS));
    const char *service = service_name(port);
    if (service != NULL)
        tt_sb_msg(&b, c->lang, TT_M_H_PORT_SERVICE, service);
    else if (client && port >= 1024)
        tt_sb_msg(&b, c->lang, TT_M_H_PORT_EPHEMERAL);
    put(c, 0, (int)off, 2, line);
}

/* A RST that answers a SYN (a refused connection): its numbers follow
 * RFC 9293's rule for a segment that reaches no connection. */
static bool rst_answers_syn(const ctx *c)
{
    return c->r->role == TT_ROLE_REFUSED && (c->h->flags & TT_RST);
}

/* What the sequence number of a segment without SYN says: a keep-alive and
 * most zero-window probes put SND.NXT - 1 there on purpose (an old byte the
 * peer must answer); a one-byte probe that Wireshark does not call a
 * keep-alive sends the next new byte instead. */
static tt_msg seq_meaning(const tt_result *r)
{
    if (r->role == TT_ROLE_KEEPALIVE)
        return TT_M_H_SEQ_KEEPALIVE;
    if (r->role != TT_ROLE_ZERO_WINDOW_PROBE)
        return TT_M_H_SEQ;
    bool old_byte = r->payload_len == 0 || (r->analysis & TT_AN_KEEP_ALIVE) ||
                    (r->notes & TT_NOTE_WS_KEEPALIVE);
    return old_byte ? TT_M_H_SEQ_ZWP_OLD : TT_M_H_SEQ_ZWP_NEXT;
}

static void explain_seq(const ctx *c)
{
    const tt_header *h = c->h;
    const tt_result *r = c->r;
    if (!need_field(c, 4, 4, TT_M_F_SEQ))
        return;
    char hex[16];
    bool syn = (h->flags & TT_SYN) != 0;
    fmt_hex(hex, sizeof hex, h->seq, 8);
    if (rst_answers_syn(c) && h->seq == 0) {
        put_msg(c, 0, 4, 4, TT_M_H_SEQ_RST_SYN, msg(c->lang, TT_M_F_SEQ), hex, (unsigned)h->seq);
        return;
    }
    tt_msg meaning = syn ? TT_M_H_SEQ_ISN : seq_meaning(r);
    if (r->notes3 & (TT_NOTE3_RST_BAD_ACK | TT_NOTE3_RST_ANSWERS)) {
        put_msg(c, 0, 4, 4, TT_M_H_SEQ_RST_ANSWER, msg(c->lang, TT_M_F_SEQ), hex, (unsigned)h->seq,
                (unsigned)r->rel_seq);
        return;
    }
    /* A segment without data has no first byte: its number is the next one
     * the sender will send, or the FIN's own (RFC 9293 section 3.4). */
    if (meaning == TT_M_H_SEQ && r->payload_len == 0 && captured(h, 13, 1) &&
        r->role != TT_ROLE_ICMP_QUOTED && r->role != TT_ROLE_MALFORMED)
        meaning = (h->flags & TT_FIN) ? TT_M_H_SEQ_FIN_OWN : TT_M_H_SEQ_NEXT;
    else if (meaning == TT_M_H_SEQ && (h->flags & TT_RST) && r->role != TT_ROLE_ICMP_QUOTED &&
             r->role != TT_ROLE_MALFORMED)
        meaning = TT_M_H_SEQ_RST; /* its data is no stream bytes */
    put_msg(c, 0, 4, 4, meaning, msg(c->lang, TT_M_F_SEQ), hex, (unsigned)h->seq,
            (unsigned)r->rel_seq);
    unsigned s = tt_shown_seq(r, h), len = r->payload_len;
    if (r->role == TT_ROLE_ICMP_QUOTED)
        return; /* a copy: what it announced is past */
    if (syn && len > 0)
        put_msg(c, 1, 4, 4, (h->flags & TT_ACK) ? TT_M_H_SEQ_SYNACK_RANGE : TT_M_H_SEQ_SYN_RANGE, s,
                len, s + 1u, s + len, s + len + 1u);
    else if (len > 0 && (h->flags & TT_RST)) /* diagnostic text, not stream bytes */
        put_msg(c, 1, 4, 4, TT_M_H_SEQ_RST_DATA, len);
    else if (len > 0)
        put_msg(c, 1, 4, 4, TT_M_H_SEQ_RANGE, s, s + len, s, s + len - 1u, len, s + len);
    else if (syn)
        put_msg(c, 1, 4, 4, TT_M_H_SEQ_SYN, (unsigned)(h->seq + 1u));
    if (h->flags & TT_FIN)
        put_msg(c, 1, 4, 4, h->absolute ? TT_M_H_SEQ_FIN_ABS : TT_M_H_SEQ_FIN,
                data_start(r, h) + len + 1u);
    if ((r->notes & TT_NOTE_SEQ_UNKNOWN) && !rst_answers_syn(c))
        put_msg(c, 1, 4, 4,
                (r->notes3 & (TT_NOTE3_NO_OWN_SYN | TT_NOTE3_BAD_ACK)) ? TT_M_H_REL_NO_SYN
                                                                       : TT_M_H_REL_GUESS);
    if ((r->notes2 & TT_NOTE2_WRAPPED) && !(h->flags & TT_ACK))
        put_msg(c, 1, 4, 4, TT_M_H_REL_WRAPPED);
}

/* Which of the peer's chunks the acknowledgment completes. */
static void explain_acked_chunks(const ctx *c)
{
    const tt_result *r = c->r;
    unsigned hi = r->acked_chunk, n = r->acked_count;
    const char *whose = peer_poss(c->lang, r);
    if (hi == 0)
        return;
    if (n <= 1)
        put_msg(c, 1, 8, 4, TT_M_H_ACK_CHUNK, whose, hi);
    else if (r->notes & TT_NOTE_ACKED_GAPS)
        put_msg(c, 1, 8, 4, TT_M_H_ACK_GAPS, n, whose, hi);
    else
        put_msg(c, 1, 8, 4, TT_M_H_ACK_CHUNKS, whose, hi - n + 1u, hi);
}

static void explain_ack(const ctx *c)
{
    const tt_header *h = c->h;
    const tt_result *r = c->r;
    if (!need_field(c, 8, 4, TT_M_F_ACK))
        return;
    char hex[16];
    const char *name = msg(c->lang, TT_M_F_ACK);
    fmt_hex(hex, sizeof hex, h->ack, 8);
    if (!captured(h, 12, 2)) {
        put_msg(c, 0, 8, 4, TT_M_H_ACK_NOFLAGS, name, hex, (unsigned)h->ack);
        return;
    }
    if (!(h->flags & TT_ACK)) {
        put_msg(c, 0, 8, 4, TT_M_H_ACK_OFF, name, hex, (unsigned)h->ack);
        return;
    }
    if (rst_answers_syn(c)) {
        put_msg(c, 0, 8, 4, TT_M_H_ACK_RST_SYN, name, hex, (unsigned)h->ack);
        return;
    }
    unsigned rel = r->rel_ack;
    if (r->notes3 & TT_NOTE3_BAD_ACK) {
        put_msg(c, 0, 8, 4, TT_M_H_ACK_BAD, name, hex, (unsigned)h->ack, rel,
                peer_poss(c->lang, r));
        return;
    }
    if (ack_below_base(r, h) && (r->notes & TT_NOTE_ACK_UNKNOWN))
        put_msg(c, 0, 8, 4, TT_M_H_ACK_BELOW_GUESS, name, hex, (unsigned)h->ack,
                msg(c->lang, from_client(r) ? TT_M_SERVER : TT_M_CLIENT), 0u - rel, rel);
    else if (ack_below_base(r, h))
        put_msg(c, 0, 8, 4, TT_M_H_ACK_BELOW, name, hex, (unsigned)h->ack, peer_poss(c->lang, r),
                0u - rel, rel, peer_poss(c->lang, r));
    else if ((r->notes & TT_NOTE_ACK_UNKNOWN) && rel == 1u)
        put_msg(c, 0, 8, 4, TT_M_H_ACK_GUESS_FIRST, name, hex, (unsigned)h->ack, rel,
                peer_poss(c->lang, r), peer_poss(c->lang, r), (unsigned)h->ack);
    else if ((r->notes & TT_NOTE_ACK_UNKNOWN) && (r->notes2 & TT_NOTE2_ACK_PAST_FIN))
        put_msg(c, 0, 8, 4, TT_M_H_ACK_GUESS_FIN, name, hex, (unsigned)h->ack, rel,
                peer_poss(c->lang, r), (unsigned)h->ack - 1u, peer_poss(c->lang, r),
                (unsigned)h->ack - 1u, (unsigned)h->ack);
    else if (r->notes & TT_NOTE_ACK_UNKNOWN)
        put_msg(c, 0, 8, 4, TT_M_H_ACK_GUESS, name, hex, (unsigned)h->ack, rel,
                peer_poss(c->lang, r), (unsigned)h->ack, (unsigned)h->ack);
    else if ((r->notes2 & TT_NOTE2_ACK_PAST_FIN) && rel == 2u) /* SYN 0, FIN 1 */
        put_msg(c, 0, 8, 4, TT_M_H_ACK_FIN_NODATA, name, hex, (unsigned)h->ack, rel,
                peer_poss(c->lang, r), rel - 1u, rel);
    else if (r->notes2 & TT_NOTE2_ACK_PAST_FIN)
        put_msg(c, 0, 8, 4, TT_M_H_ACK_FIN_DATA, name, hex, (unsigned)h->ack, rel, rel - 1u,
                peer_poss(c->lang, r), rel - 1u, rel);
    else if (acks_only_syn(r))
        put_msg(c, 0, 8, 4, TT_M_H_ACK_SYN_ONLY, name, hex, (unsigned)h->ack, rel,
                peer_poss(c->lang, r), rel);
    else if (r->notes & TT_NOTE_SYN_ACKED) /* with the data it carried (TCP Fast Open) */
        put_msg(c, 0, 8, 4, TT_M_H_ACK_SYN_DATA, name, hex, (unsigned)h->ack, rel,
                peer_poss(c->lang, r), rel - 1u, rel);
    else
        put_msg(c, 0, 8, 4, TT_M_H_ACK, name, hex, (unsigned)h->ack, rel, rel, rel);
    if (r->notes2 & TT_NOTE2_WRAPPED)
        put_msg(c, 1, 8, 4, TT_M_H_REL_WRAPPED);
    explain_acked_chunks(c);
    if (r->notes & TT_NOTE_SYN_ACKED)
        put_msg(c, 1, 8, 4, TT_M_H_ACK_SYN, peer_poss(c->lang, r));
    if (r->notes & TT_NOTE_FIN_ACKED)
        put_msg(c, 1, 8, 4, TT_M_H_ACK_FIN, peer_poss(c->lang, r));
}

/* ---- header: data offset and flags ------------------------------------------------- */

static void explain_doff(const ctx *c)
{
    const tt_header *h = c->h;
    if (!need_field(c, 12, 1, TT_M_F_DOFF))
        return;
    unsigned doff = header_doff(h), hlen = doff * 4u;
    char bits[20], arith[64];
    tt_sb a;
    tt_sb_init(&a, arith, sizeof arith);
    tt_sb_msg(&a, c->lang, TT_M_H_DOFF_ARITH, fmt_bits(bits, doff, 4), doff, doff, hlen);
    const char *name = msg(c->lang, TT_M_F_DOFF);
    if (doff < 5) {
        char problem[TT_LINE_MAX];
        tt_sb p;
        tt_sb_init(&p, problem, sizeof problem);
        tt_sb_msg(&p, c->lang, TT_M_P_DOFF, doff);
        put_msg(c, 0, 12, 1, TT_M_H_DOFF_BAD, name, arith, problem);
        return;
    }
    put_msg(c, 0, 12, 1, TT_M_H_DOFF, name, arith, doff, hlen, hlen - 20u);
}

static const struct flag_info {
    uint16_t mask;
    uint8_t byte;      /* header byte that holds the bit(s) */
    const char *token; /* for the list of set flags; NULL: use the catalogue */
    tt_msg name, on, off;
} flag_bits[] = {
#define TT_FLAG(id, mask, byte, token, letter, name, on, off) {mask, byte, token, name, on, off},
#include "flags.def"
};

#define TT_N_FLAG_BITS (sizeof flag_bits / sizeof flag_bits[0])

/* "ACK, PSH" (high bit first), or "none set". */
static const char *flag_list(char *out, size_t n, unsigned flags, tt_lang lang)
{
    tt_sb b;
    tt_sb_init(&b, out, n);
    for (size_t i = 0; i < TT_N_FLAG_BITS; i++) {
        const struct flag_info *f = &flag_bits[i];
        if (!(flags & f->mask))
            continue;
        if (b.len > 0)
            tt_sb_raw(&b, "%s", msg(lang, TT_M_LIST_SEP));
        tt_sb_raw(&b, "%s", f->token != NULL ? f->token : msg(lang, TT_M_FL_RES_SHORT));
    }
    if (b.len == 0)
        tt_sb_raw(&b, "%s", msg(lang, TT_M_NONE_SET));
    return out;
}

/* What a flag bit means on this segment: the catalogue's meaning, or the
 * one its context gives it (the ACK bit of a reset). */
static tt_msg flag_meaning(const ctx *c, const struct flag_info *f, bool set)
{
    unsigned flags = c->h->flags;
    if (f->mask == TT_ACK && (flags & TT_RST))
        return set ? TT_M_FL_ACK_ON_RST : TT_M_FL_ACK_OFF_RST;
    if (f->mask & (TT_AE | TT_CWR | TT_ECE)) {
        /* A SYN+ACK accepting Accurate ECN: the three bits are one code. */
        if ((flags & (TT_SYN | TT_ACK)) == (TT_SYN | TT_ACK) && (c->r->notes & TT_NOTE_ACCECN))
            return TT_M_FL_ACCECN_CODE;
        if (flags & TT_SYN)
            return set ? TT_M_FL_ECN_HS_ON : TT_M_FL_ECN_HS_OFF;
        if (c->r->notes & TT_NOTE_ACCECN)
            return TT_M_FL_ACE_BIT;
    }
    return set ? f->on : f->off;
}

/* The ECN mark (IP-ECN field) a handshake segment arrived with, as the
 * peer's AE, CWR, ECE report it: RFC 9768 Table 2 (on a SYN+ACK, about the
 * SYN) and Table 4 (on the ACK of the SYN+ACK, about the SYN+ACK). */
static tt_msg ecn_mark(unsigned ace)
{
    switch (ace) {
    case 2:
        return TT_M_ECN_MARK_NOT_ECT;
    case 3:
        return TT_M_ECN_MARK_ECT1;
    case 4:
        return TT_M_ECN_MARK_ECT0;
    case 6:
        return TT_M_ECN_MARK_CE;
    default:
        return TT_M_ECN_MARK_NONE;
    }
}

/* AE, CWR and ECE read together (byte 12's last bit, byte 13's first two):
 * the ECN negotiation in a SYN or SYN+ACK (RFC 3168 section 6.1.1, RFC 9768
 * section 3.1.1), or the ACE counter once Accurate ECN is in use. */
static void explain_ecn(const ctx *c)
{
    unsigned flags = c->h->flags, ace = (flags & (TT_AE | TT_CWR | TT_ECE)) >> 6;
    bool accecn = (c->r->notes & TT_NOTE_ACCECN) != 0;
    char bits[20];
    fmt_bits(bits, ace, 3);
    if ((flags & TT_SYN) && !(flags & TT_ACK)) {
        if (ace != 0)
            put_msg(c, 1, 12, 2,
                    ace == 7   ? TT_M_H_ECN_SYN_ACC
                    : ace == 3 ? TT_M_H_ECN_SYN
                               : TT_M_H_ECN_SYN_ODD);
    } else if (flags & TT_SYN) {
        /* The answer to the SYN's offer, when the SYN was captured. */
        unsigned peer_syn = c->r->peer_syn;
        bool offered = (peer_syn & TT_PEER_SYN_ECN) != 0;
        bool not_offered = (peer_syn & TT_PEER_SYN_SEEN) && !offered;
        const char *whose = peer_poss(c->lang, c->r);
        if (accecn)
            put_msg(c, 1, 12, 2, TT_M_H_ECN_SYNACK_ACC, bits, msg(c->lang, ecn_mark(ace)));
        else if (ace == 1 && offered)
            put_msg(c, 1, 12, 2, TT_M_H_ECN_SYNACK_YES, whose);
        else if (ace == 1 && not_offered)
            put_msg(c, 1, 12, 2, TT_M_H_ECN_SYNACK_UNASKED, whose);
        else if (ace == 0 && offered)
            put_msg(c, 1, 12, 2, TT_M_H_ECN_SYNACK_NO, whose);
        else if (ace != 0)
            put_msg(c, 1, 12, 2, ace == 1 ? TT_M_H_ECN_SYNACK : TT_M_H_ECN_SYNACK_ODD);
    } else if (accecn && c->r->role == TT_ROLE_HANDSHAKE_3) {
        put_msg(c, 1, 12, 2, TT_M_H_ECN_ACE_HS3, bits, msg(c->lang, ecn_mark(ace)));
    } else if (accecn) {
        put_msg(c, 1, 12, 2, TT_M_H_ECN_ACE, bits, ace);
    }
}

static void explain_flags(const ctx *c)
{
    if (!need_field(c, 12, 2, TT_M_F_FLAGS))
        return;
    unsigned flags = c->h->flags & 0x0fffu;
    char hex[16], bits[20], list[128];
    put_msg(c, 0, 12, 2, TT_M_H_FLAGS, msg(c->lang, TT_M_F_FLAGS),
            fmt_hex(hex, sizeof hex, flags, 3), fmt_bits(bits, flags, 12),
            flag_list(list, sizeof list, flags, c->lang));
    put_msg(c, 1, 12, 1, TT_M_H_FLAGS_RESERVED);
    for (size_t i = 0; i < TT_N_FLAG_BITS; i++) {
        const struct flag_info *f = &flag_bits[i];
        bool set = (flags & f->mask) != 0;
        char pattern[20];
        put_msg(c, 1, f->byte, 1, TT_M_H_FLAG_BIT, fmt_flag_pattern(pattern, f->mask, flags),
                msg(c->lang, f->name), msg(c->lang, set ? TT_M_SET : TT_M_NOT_SET),
                msg(c->lang, flag_meaning(c, f, set)));
    }
    explain_ecn(c);
}

/* ---- header: window, checksum, urgent pointer ----------------------------------------- */

static void explain_window(const ctx *c)
{
    const tt_header *h = c->h;
    if (!need_field(c, 14, 2, TT_M_F_WIN))
        return;
    unsigned win = h->window;
    char hex[16];
    bool rst = (h->flags & TT_RST) != 0; /* no flow-control gloss on a reset */
    put_msg(c, 0, 14, 2, rst ? TT_M_H_WIN_PLAIN : TT_M_H_WIN, msg(c->lang, TT_M_F_WIN),
            fmt_hex(hex, sizeof hex, win, 4), win);
    if (rst) {
        put_msg(c, 1, 14, 2, TT_M_H_WIN_RST);
        return;
    }
    int ws = c->r->wscale;
    if (ws == TT_WS_SYN) {
        put_msg(c, 1, 14, 2, TT_M_H_WIN_SYN, win);
    } else if (ws == TT_WS_NONE) {
        put_msg(c, 1, 14, 2, TT_M_H_WIN_NOSCALE, win);
    } else if (ws == 0) {
        put_msg(c, 1, 14, 2, TT_M_H_WIN_SHIFT0, win);
    } else if (ws > 0) {
        unsigned shift = ws > 14 ? 14u : (unsigned)ws; /* RFC 7323: at most 14 */
        put_msg(c, 1, 14, 2, TT_M_H_WIN_SCALED, shift, win, shift, win << shift);
    } else if (ws == TT_WS_CUT) {
        put_msg(c, 1, 14, 2, TT_M_H_WIN_CUT, win);
    } else if (c->r->notes3 & TT_NOTE3_WS_IN_USE) {
        put_msg(c, 1, 14, 2, TT_M_H_WIN_IN_USE, win);
    } else {
        put_msg(c, 1, 14, 2, TT_M_H_WIN_UNKNOWN, win);
    }
    if (win == 0)
        put_msg(c, 1, 14, 2, TT_M_H_WIN_ZERO);
}

static void explain_checksum(const ctx *c)
{
    if (!need_field(c, 16, 2, TT_M_F_CSUM))
        return;
    char hex[16];
    /* The pseudo-header of the IP version that carries it (a header quoted
     * in an ICMPv6 error travelled over IPv6). */
    bool v6 = (c->r->notes & TT_NOTE_IPV6) ||
              (c->r->role == TT_ROLE_ICMP_QUOTED && (c->r->notes2 & TT_NOTE2_ICMP6));
    put_msg(c, 0, 16, 2, v6 ? TT_M_H_CSUM6 : TT_M_H_CSUM, msg(c->lang, TT_M_F_CSUM),
            fmt_hex(hex, sizeof hex, c->h->checksum, 4));
    tt_msg status = c->r->checksum == TT_CK_GOOD  ? TT_M_H_CSUM_GOOD
                    : c->r->checksum == TT_CK_BAD ? TT_M_H_CSUM_BAD
                                                  : TT_M_H_CSUM_UNVERIFIED;
    put_msg(c, 1, 16, 2, status);
}

static void explain_urgent(const ctx *c)
{
    const tt_header *h = c->h;
    if (!need_field(c, 18, 2, TT_M_F_URG))
        return;
    unsigned ptr = h->urgent;
    const char *name = msg(c->lang, TT_M_F_URG);
    if (h->flags & TT_URG)
        put_msg(c, 0, 18, 2, TT_M_H_URG_SET, name, ptr, ptr, (unsigned)(h->seq + ptr),
                (unsigned)(c->r->rel_seq + ptr));
    else
        put_msg(c, 0, 18, 2, TT_M_H_URG_OFF, name, ptr);
}

/* ---- header: options -------------------------------------------------------------------- */

static void explain_bad_option(const ctx *c, const tt_option *o)
{
    unsigned kind = o->kind, off = o->offset, rest = o->len;
    if (o->status == TT_OPTLEN_INVALID) {
        put_msg(c, 1, (int)off, (int)rest, TT_M_O_SACK_BAD, rest);
        return;
    }
    if (o->len < 2 || !captured(c->h, off + 1u, 1)) {
        put_msg(c, 1, (int)off, (int)rest, TT_M_O_NOLEN, kind);
        return;
    }
    unsigned len = c->h->bytes[off + 1u], fixed = tt_option_required_len((uint8_t)kind);
    if (o->status == TT_OPTLEN_OVERRUN && len >= 2)
        put_msg(c, 1, (int)off, (int)rest, TT_M_O_OVERRUN, kind, len, rest);
    else if (len < 2)
        put_msg(c, 1, (int)off, (int)rest, TT_M_O_BAD_SHORT, kind, len, rest);
    else if (fixed != 0)
        put_msg(c, 1, (int)off, (int)rest, TT_M_O_BAD_FIXED, kind, len, fixed, rest);
    else
        put_msg(c, 1, (int)off, (int)rest, TT_M_O_BAD_LEN, kind, len, rest);
}

/* Link MTUs that an MSS is commonly derived from, and how to name them. */
static const struct mtu_name {
    unsigned mtu;
    tt_msg name;
} common_mtus[] = {
    {1500, TT_M_O_MTU_ETH},   {9000, TT_M_O_MTU_JUMBO}, {1492, TT_M_O_MTU_PPPOE},
    {1280, TT_M_O_MTU_V6MIN}, {65536, TT_M_O_MTU_LO},   {16436, TT_M_O_MTU_LO},
};

/* Where an MSS comes from, said only when the arithmetic matches a common
 * MTU (or a known limit); otherwise that it matches none. */
static void explain_mss_origin(const ctx *c, const tt_option *o, unsigned mss)
{
    char line[TT_LINE_MAX];
    tt_sb b;
    tt_sb_init(&b, line, sizeof line);
    bool v6 = (c->r->notes & TT_NOTE_IPV6) != 0;
    unsigned mtu = mss + (v6 ? 60u : 40u);
    const struct mtu_name *known = NULL;
    for (size_t i = 0; i < sizeof common_mtus / sizeof common_mtus[0]; i++) {
        if (common_mtus[i].mtu == mtu)
            known = &common_mtus[i];
    }
    if (!v6 && mss == 65495u) {
        tt_sb_msg(&b, c->lang, TT_M_O_MSS_V4_LO, mss, 65535u);
    } else if (!v6 && mss == 536u) {
        tt_sb_msg(&b, c->lang, TT_M_O_MSS_DEFAULT);
    } else if (known != NULL) {
        tt_sb_msg(&b, c->lang, v6 ? TT_M_O_MSS_V6 : TT_M_O_MSS_V4, mss, mtu);
        tt_sb_msg(&b, c->lang, known->name, mtu);
    } else {
        tt_sb_msg(&b, c->lang, TT_M_O_MSS_OTHER, mss);
    }
    put(c, 2, o->offset + 2, 2, line);
}

/* SACK blocks without an acknowledgment to lie beyond (the ACK flag is
 * clear: a SYN's sender has received nothing yet) describe no received
 * bytes: RFC 2018 sends them only on ACKs. */
static void explain_sack_meaningless(const ctx *c, const tt_option *o, unsigned blocks)
{
    bool syn = (c->h->flags & TT_SYN) != 0;
    put_msg(c, 1, o->offset, o->len, syn ? TT_M_O_SACK_SYN : TT_M_O_SACK_NOACK);
    for (unsigned i = 0; i < blocks; i++)
        put_msg(c, 2, o->offset + 2 + 8 * (int)i, 8, TT_M_O_SACK_BLOCK_RAW, i + 1u,
                tt_option_u32(c->h, o, 8 * i), tt_option_u32(c->h, o, 8 * i + 4));
}

static void explain_sack(const ctx *c, const tt_option *o)
{
    unsigned blocks = o->len >= 2 ? (o->len - 2u) / 8u : 0u;
    bool has_ack = captured(c->h, 12, 2) && (c->h->flags & TT_ACK);
    if (captured(c->h, 12, 2) && !has_ack) {
        explain_sack_meaningless(c, o, blocks);
        return;
    }
    bool dsack = has_dsack(c->h);
    if (dsack && blocks == 1)
        put_msg(c, 1, o->offset, o->len, TT_M_O_SACK_DSACK_ONE);
    else if (dsack)
        put_msg(c, 1, o->offset, o->len, TT_M_O_SACK_DSACK, blocks);
    else if (blocks == 1)
        put_msg(c, 1, o->offset, o->len, TT_M_O_SACK_ONE);
    else
        put_msg(c, 1, o->offset, o->len, TT_M_O_SACK, blocks);
    /* SACK blocks only after the peer's SYN allowed them (RFC 2018). */
    if ((c->r->peer_syn & TT_PEER_SYN_OPTS) && !(c->r->peer_syn & TT_PEER_SYN_SACKP))
        put_msg(c, 2, o->offset, o->len, TT_M_O_SACK_NOT_PERMITTED, peer_poss(c->lang, c->r));
    /* The edges are the peer's sequence numbers, like the ACK number: in a
     * relative view they are also given counted from the same base. */
    bool relative = !c->h->absolute && has_ack && captured(c->h, 8, 6);
    unsigned base = c->h->ack - c->r->rel_ack;
    for (unsigned i = 0; i < blocks; i++) {
        unsigned left = tt_option_u32(c->h, o, 8 * i), right = tt_option_u32(c->h, o, 8 * i + 4);
        unsigned shown = relative ? left - base : left;
        if (i == 0 && dsack && dsack_names_fin(c->r, c->h, left, right) && right - left == 1u)
            put_msg(c, 2, o->offset + 2, 8, TT_M_O_DSACK_FIN, left, right, peer_poss(c->lang, c->r),
                    shown);
        else if (i == 0 && dsack && relative)
            put_msg(c, 2, o->offset + 2, 8, TT_M_O_DSACK_BLOCK_REL, left, right, left, right - 1u,
                    right - left, left - base, right - 1u - base);
        else if (i == 0 && dsack)
            put_msg(c, 2, o->offset + 2, 8, TT_M_O_DSACK_BLOCK, left, right, left, right - 1u,
                    right - left);
        else if (relative)
            put_msg(c, 2, o->offset + 2 + 8 * (int)i, 8, TT_M_O_SACK_BLOCK_REL, i + 1u, left, right,
                    left, right - 1u, right - left, left - base, right - 1u - base);
        else
            put_msg(c, 2, o->offset + 2 + 8 * (int)i, 8, TT_M_O_SACK_BLOCK, i + 1u, left, right,
                    left, right - 1u, right - left);
    }
}

static void explain_timestamps(const ctx *c, const tt_option *o)
{
    unsigned tsval = tt_option_u32(c->h, o, 0), tsecr = tt_option_u32(c->h, o, 4);
    put_msg(c, 1, o->offset, o->len, TT_M_O_TS, tsval, tsecr);
    put_msg(c, 2, o->offset + 2, 4, TT_M_O_TSVAL, tsval);
    put_msg(c, 2, o->offset + 6, 4, TT_M_O_TSECR, tsecr);
}

static void explain_wscale(const ctx *c, const tt_option *o)
{
    unsigned shift = tt_option_u8(c->h, o, 0);
    if (shift > 14)
        put_msg(c, 1, o->offset, o->len, TT_M_O_WS_BAD, shift);
    else
        put_msg(c, 1, o->offset, o->len,
                c->r->role == TT_ROLE_ICMP_QUOTED ? TT_M_O_WS_QUOTED : TT_M_O_WS, shift, shift,
                1u << shift);
}

static void explain_mss(const ctx *c, const tt_option *o)
{
    unsigned mss = tt_option_u16(c->h, o, 0);
    put_msg(c, 1, o->offset, o->len, TT_M_O_MSS, mss);
    explain_mss_origin(c, o, mss);
}

/* Option kinds known by name only (the names are the same in every language). */
static const char *option_name(unsigned kind)
{
    switch (kind) {
    case 19:
        return "TCP-MD5, RFC 2385";
    case 27:
        return "Quick-Start Response, RFC 4782";
    case 28:
        return "UTO, RFC 5482";
    case 29:
        return "TCP-AO, RFC 5925";
    case 30:
        return "MPTCP, RFC 6824 / RFC 8684";
    default:
        return NULL;
    }
}

/* Multipath TCP (kind 30): the subtype is the high nibble of its third
 * byte; MP_CAPABLE (subtype 0) carries the version in the low nibble, 0 for
 * RFC 6824 and 1 for RFC 8684. */
static bool explain_mptcp(const ctx *c, const tt_option *o)
{
    static const char *const subtypes[] = {"MP_CAPABLE", "MP_JOIN",      "DSS",
                                           "ADD_ADDR",   "REMOVE_ADDR",  "MP_PRIO",
                                           "MP_FAIL",    "MP_FASTCLOSE", "MP_TCPRST"};
    if (o->len < 3 || !captured(c->h, o->offset + 2u, 1))
        return false;
    unsigned b = c->h->bytes[o->offset + 2u], subtype = b >> 4, version = b & 0x0fu;
    if (subtype == 0 && version <= 1)
        put_msg(c, 1, o->offset, o->len, version == 0 ? TT_M_O_MPTCP_V0 : TT_M_O_MPTCP_V1,
                (unsigned)o->len);
    else if (subtype == 0)
        put_msg(c, 1, o->offset, o->len, TT_M_O_MPTCP_VX, version, (unsigned)o->len);
    else if (subtype == TT_MPTCP_FASTCLOSE)
        put_msg(c, 1, o->offset, o->len, TT_M_O_MPTCP_FASTCLOSE, (unsigned)o->len);
    else
        put_msg(c, 1, o->offset, o->len, TT_M_O_MPTCP_SUB, subtype,
                subtype < sizeof subtypes / sizeof subtypes[0] ? subtypes[subtype]
                                                               : msg(c->lang, TT_M_UNKNOWN),
                (unsigned)o->len);
    return true;
}

/* An experimental option (kinds 253 and 254, RFC 6994) names itself by a
 * 16-bit ExID after its length: 0xF989 is TCP Fast Open in the form it had
 * before RFC 7413 gave it kind 34. */
static bool explain_experimental(const ctx *c, const tt_option *o)
{
    if (o->len < 4 || !captured(c->h, o->offset + 2u, 2))
        return false;
    unsigned exid = (unsigned)c->h->bytes[o->offset + 2u] << 8 | c->h->bytes[o->offset + 3u];
    char hex[8];
    snprintf(hex, sizeof hex, "0x%04X", exid);
    if (exid == 0xF989u && o->len == 4)
        put_msg(c, 1, o->offset, o->len, TT_M_O_EXP_TFO_REQ, (unsigned)o->kind, hex);
    else if (exid == 0xF989u)
        put_msg(c, 1, o->offset, o->len, TT_M_O_EXP_TFO_COOKIE, (unsigned)o->kind, hex,
                o->len - 4u);
    else
        put_msg(c, 1, o->offset, o->len, TT_M_O_EXP, (unsigned)o->kind, hex, (unsigned)o->len);
    return true;
}

/* Quick-Start Response (kind 27, RFC 4782, section 4.2): 4 reserved bits
 * and the 4-bit rate request N (40 kbit/s x 2^N; 0: none), the TTL Diff,
 * then a 30-bit nonce and 2 reserved bits. */
static bool explain_quick_start(const ctx *c, const tt_option *o)
{
    if (o->len != 8 || !captured(c->h, o->offset, 8))
        return false;
    unsigned rate = tt_option_u8(c->h, o, 0) & 0x0fu, ttl = tt_option_u8(c->h, o, 1);
    unsigned nonce = tt_option_u32(c->h, o, 2) >> 2;
    if (rate == 0)
        put_msg(c, 1, o->offset, o->len, TT_M_O_QS_ZERO, ttl, nonce);
    else
        put_msg(c, 1, o->offset, o->len, TT_M_O_QS, rate, 40u << rate, ttl, nonce);
    return true;
}

/* User Timeout (kind 28, RFC 5482, section 3): a granularity bit (1:
 * minutes, 0: seconds) and a 15-bit timeout. */
static bool explain_user_timeout(const ctx *c, const tt_option *o)
{
    if (o->len != 4 || !captured(c->h, o->offset, 4))
        return false;
    unsigned v = tt_option_u16(c->h, o, 0), minutes = v >> 15, timeout = v & 0x7fffu;
    put_msg(c, 1, o->offset, o->len, minutes ? TT_M_O_UTO_MIN : TT_M_O_UTO_SEC, timeout);
    return true;
}

static void explain_other_option(const ctx *c, const tt_option *o)
{
    if (o->kind == 30 && explain_mptcp(c, o))
        return;
    if (o->kind == TT_OPT_QS && explain_quick_start(c, o))
        return;
    if (o->kind == TT_OPT_UTO && explain_user_timeout(c, o))
        return;
    if ((o->kind == 253 || o->kind == 254) && explain_experimental(c, o))
        return;
    const char *name = option_name(o->kind);
    if (name != NULL)
        put_msg(c, 1, o->offset, o->len, TT_M_O_NAMED, (unsigned)o->kind, name, (unsigned)o->len);
    else
        put_msg(c, 1, o->offset, o->len, TT_M_O_UNKNOWN, (unsigned)o->kind, (unsigned)o->len);
}

/* TCP Fast Open (kind 34, RFC 7413): in a SYN, the client's cookie (or a
 * request for one); in a SYN+ACK, the server's answer: a cookie for the
 * client's next connections (section 4.1.2). */
static void explain_tfo(const ctx *c, const tt_option *o)
{
    bool synack = (c->h->flags & (TT_SYN | TT_ACK)) == (TT_SYN | TT_ACK);
    char cookie[2 * 38 + 1];
    size_t at = 0;
    for (unsigned i = 2; i < o->len && captured(c->h, o->offset + i, 1); i++) {
        cookie[at++] = "0123456789abcdef"[c->h->bytes[o->offset + i] >> 4];
        cookie[at++] = "0123456789abcdef"[c->h->bytes[o->offset + i] & 0x0fu];
    }
    cookie[at] = '\0';
    if (o->len <= 2)
        put_msg(c, 1, o->offset, o->len, TT_M_O_TFO_REQ);
    else if (!synack)
        put_msg(c, 1, o->offset, o->len, TT_M_O_TFO_COOKIE, o->len - 2u, cookie);
    else
        put_msg(c, 1, o->offset, o->len, TT_M_O_TFO_COOKIE_SYNACK, o->len - 2u, cookie);
    /* It refused the cookie the client's SYN brought, and its data. */
    if (synack && o->len > 2 && (c->r->notes & TT_NOTE_TFO_REFUSED) &&
        (c->r->peer_syn & TT_PEER_SYN_TFO))
        put_msg(c, 2, o->offset, o->len, TT_M_O_TFO_REFUSED, peer_poss(c->lang, c->r));
}

static void explain_option(const ctx *c, const tt_option *o)
{
    if (o->status != TT_OPTLEN_OK) {
        explain_bad_option(c, o);
        return;
    }
    switch (o->kind) {
    case TT_OPT_EOL:
        put_msg(c, 1, o->offset, 1, TT_M_O_EOL);
        break;
    case TT_OPT_NOP:
        put_msg(c, 1, o->offset, 1, TT_M_O_NOP);
        break;
    case TT_OPT_MSS:
        explain_mss(c, o);
        break;
    case TT_OPT_WSCALE:
        explain_wscale(c, o);
        break;
    case TT_OPT_SACK_PERM:
        put_msg(c, 1, o->offset, o->len, TT_M_O_SACKP);
        break;
    case TT_OPT_SACK:
        explain_sack(c, o);
        break;
    case TT_OPT_TIMESTAMP:
        explain_timestamps(c, o);
        break;
    case TT_OPT_TFO:
        explain_tfo(c, o);
        break;
    default:
        explain_other_option(c, o);
        break;
    }
}

/* Each parsed option, then the padding after an End of Option List. */
static void explain_option_list(const ctx *c, unsigned end)
{
    const tt_option *last = NULL;
    for (unsigned i = 0; i < TT_MAX_OPTIONS && i < c->h->n_options; i++) {
        last = &c->h->options[i];
        explain_option(c, last);
    }
    if (last == NULL || last->kind != TT_OPT_EOL || last->status != TT_OPTLEN_OK)
        return;
    unsigned pad_start = last->offset + 1u;
    if (pad_start < end)
        put_msg(c, 1, (int)pad_start, (int)(end - pad_start), TT_M_O_PAD, end - pad_start);
}

static void explain_options(const ctx *c)
{
    const tt_header *h = c->h;
    if (h->caplen < 14 || header_doff(h) <= 5)
        return;
    unsigned hlen = header_doff(h) * 4u;
    unsigned end = hlen <= h->caplen ? hlen : (h->caplen > 20 ? h->caplen : 20u);
    const char *name = msg(c->lang, TT_M_F_OPTS);
    if (hlen <= h->caplen)
        put_msg(c, 0, 20, (int)(hlen - 20u), TT_M_H_OPTS, name, hlen - 20u);
    else if (h->problem == TT_HDR_SHORT_SEGMENT && h->caplen <= 20)
        put_msg(c, 0, -1, 0, TT_M_H_OPTS_SHORT, name, hlen - 20u);
    else if (h->problem == TT_HDR_SHORT_SEGMENT)
        put_msg(c, 0, 20, (int)(end - 20u), TT_M_H_OPTS_SHORT_SOME, name, hlen - 20u, end - 20u);
    else
        put_msg(c, 0, 20, (int)(end - 20u), TT_M_H_OPTS_CUT, name, hlen - 20u, end - 20u);
    explain_option_list(c, end);
}

void tt_explain_header(const tt_header *h, const tt_result *r, tt_lang lang, const tt_emitter *e)
{
    if (h == NULL || r == NULL || e == NULL || e->line == NULL)
        return;
    ctx c = {h, r, fix_lang(lang), e};
    if (r->role == TT_ROLE_ICMP_QUOTED)
        put_msg(&c, 0, -1, 0, TT_M_H_QUOTED_COPY);
    if (h->problem == TT_HDR_TRUNCATED && r->role == TT_ROLE_ICMP_QUOTED) {
        put_msg(&c, 0, -1, 0, TT_M_H_ICMP_QUOTE, (unsigned)h->caplen); /* RFC 792's quote */
    } else if (h->problem == TT_HDR_TRUNCATED) {
        char problem[TT_LINE_MAX];
        tt_explain_problem(h, c.lang, problem, sizeof problem);
        put_msg(&c, 0, -1, 0, TT_M_H_PROBLEM, problem);
    }
    bool c2s = from_client(r);
    explain_port(&c, 0, TT_M_F_SPORT, h->sport, c2s);
    explain_port(&c, 2, TT_M_F_DPORT, h->dport, !c2s);
    explain_seq(&c);
    explain_ack(&c);
    explain_doff(&c);
    explain_flags(&c);
    explain_window(&c);
    explain_checksum(&c);
    explain_urgent(&c);
    explain_options(&c);
    /* Data cut by the snapshot length is counted, not present. */
    bool cut = h->data_known && h->data_captured < r->payload_len;
    if (r->payload_len > 0 && cut && h->data_captured == 0)
        put_msg(&c, 0, -1, 0, TT_M_H_PAYLOAD_NONE, (unsigned)r->payload_len);
    else if (r->payload_len > 0 && cut)
        put_msg(&c, 0, -1, 0, TT_M_H_PAYLOAD_CUT, (unsigned)r->payload_len,
                (unsigned)h->data_captured);
    else if (r->payload_len > 0)
        put_msg(&c, 0, -1, 0, TT_M_H_PAYLOAD, (unsigned)r->payload_len);
}

void tt_explain_header_field(const tt_header *h, const tt_result *r, tt_lang lang, int offset,
                             const tt_emitter *e)
{
    if (h == NULL || r == NULL || e == NULL || e->line == NULL)
        return;
    ctx c = {h, r, fix_lang(lang), e};
    if (offset == 8)
        explain_ack(&c);
    else if (offset == 14)
        explain_window(&c);
}

/* ---- reliability ------------------------------------------------------------------------ */

static const struct finding {
    uint32_t bit;
    tt_msg text;
} findings[] = {
#define TT_ANALYSIS(id, bit, field, text) {TT_AN_##id, text},
#include "analysis.def"
#undef TT_ANALYSIS
};

/* "1234.567": microseconds as milliseconds with three decimals. */
static const char *fmt_ms(char *out, size_t n, uint64_t us)
{
    tt_sb b;
    tt_sb_init(&b, out, n);
    uint64_t ms = us / 1000u;
    unsigned frac = (unsigned)(us % 1000u);
    if (ms > 0xffffffffu)
        ms = 0xffffffffu;
    tt_sb_raw(&b, "%u.", (unsigned)ms);
    tt_sb_raw(&b, "%u", frac / 100u);
    tt_sb_raw(&b, "%u", frac / 10u % 10u);
    tt_sb_raw(&b, "%u", frac % 10u);
    return out;
}

/* The reason of a retransmission, in the reliability notes, when no
 * detail was kept. */
static const tt_msg why_reliability[] = {
    [TT_WHY_NONE] = TT_M_NONE_MSG,
    [TT_WHY_TIMEOUT] = TT_M_R_RETRANS,
    [TT_WHY_FAST] = TT_M_R_RETRANS_FAST_PLAIN,
    [TT_WHY_SACK] = TT_M_R_RETRANS_SACK,
    [TT_WHY_SPURIOUS] = TT_M_R_RETRANS_SPURIOUS,
    [TT_WHY_SYN_AGAIN] = TT_M_R_RETRANS_SYN,
    [TT_WHY_SYN_DATA] = TT_M_R_RETRANS_SYN_DATA,
    [TT_WHY_TLP] = TT_M_R_RETRANS,
    [TT_WHY_EARLY] = TT_M_R_EARLY_PLAIN,
    [TT_WHY_PARTIAL] = TT_M_R_RETRANS,
};

_Static_assert(sizeof why_reliability / sizeof why_reliability[0] == TT_WHY_COUNT,
               "one text for every cause");

/* The causes of a resend, in a word or two, and as field values. */
static const struct {
    const char *token;
    tt_msg words;
} resend_causes[] = {
    [TT_WHY_NONE] = {"", TT_M_NONE_MSG},
    [TT_WHY_TIMEOUT] = {"timeout", TT_M_L_CAUSE_TIMEOUT},
    [TT_WHY_FAST] = {"fast-retransmit", TT_M_L_CAUSE_FAST},
    [TT_WHY_SACK] = {"sack-recovery", TT_M_L_CAUSE_SACK},
    [TT_WHY_SPURIOUS] = {"spurious", TT_M_L_CAUSE_SPURIOUS},
    [TT_WHY_SYN_AGAIN] = {"syn-again", TT_M_L_CAUSE_SYN_AGAIN},
    [TT_WHY_SYN_DATA] = {"syn-data", TT_M_L_CAUSE_SYN_DATA},
    [TT_WHY_TLP] = {"tail-loss-probe", TT_M_L_CAUSE_TLP},
    [TT_WHY_EARLY] = {"too-soon", TT_M_L_CAUSE_EARLY},
    [TT_WHY_PARTIAL] = {"partial-ack", TT_M_L_CAUSE_PARTIAL},
};

const char *tt_resend_cause_token(const tt_result *r)
{
    if (!(r->notes & TT_NOTE_RETRANSMISSION) || r->why == TT_WHY_NONE || r->why >= TT_WHY_COUNT)
        return NULL;
    if (r->why == TT_WHY_TIMEOUT && (r->notes2 & TT_NOTE2_AFTER_RTO))
        return "after-timeout";
    return resend_causes[r->why].token;
}

const char *tt_explain_resend_cause(const tt_result *r, tt_lang lang)
{
    lang = fix_lang(lang);
    if (r->why == TT_WHY_TIMEOUT && (r->notes2 & TT_NOTE2_AFTER_RTO))
        return tt_msg_text(lang, TT_M_L_CAUSE_AFTER_RTO);
    return tt_msg_text(lang, resend_causes[r->why < TT_WHY_COUNT ? r->why : TT_WHY_NONE].words);
}

/* Whether b is about twice a: the back-off of a timer. */
static bool doubled(uint64_t a, uint64_t b)
{
    return a > 0 && b * 10u >= a * 16u && b * 10u <= a * 26u;
}

/* A cause whose evidence is the one ACK that set the copy off: message
 * `id` with that ACK's frame and time. False when there is no such ACK. */
static bool put_trigger(const ctx *c, const tt_detail *d, tt_msg id)
{
    if (!d->has_trigger)
        return false;
    char t[32];
    put_msg(c, 0, -1, 0, id, (unsigned)d->trigger_frame, fmt_ms(t, sizeof t, d->trigger_us));
    return true;
}

/* The cause with its evidence: the ACK that set the copy off and when.
 * Returns false when the detail gives no evidence (the plain words are
 * used then). */
static bool retransmission_cause(const ctx *c, const tt_detail *d)
{
    const tt_result *r = c->r;
    char t1[32], t2[32];
    bool gap = d->has_gap && d->prev_frame != 0;
    bool fin_only = (c->h->flags & TT_FIN) && r->payload_len == 0; /* a probe with no bytes */
    switch (r->why) {
    case TT_WHY_FAST:
        if (!d->has_trigger || d->dup_count == 0)
            return false;
        put_msg(c, 0, -1, 0, d->dup_count >= 3 ? TT_M_R_FAST_THIRD : TT_M_R_FAST_WS,
                (unsigned)d->dup_count, (unsigned)d->dup_first, (unsigned)d->dup_last,
                (unsigned)d->trigger_frame, fmt_ms(t1, sizeof t1, d->trigger_us));
        if (d->sacked)
            put_msg(c, 1, -1, 0, TT_M_R_FAST_SACK);
        return true;
    case TT_WHY_SACK:
        if (!put_trigger(c, d, TT_M_R_SACK_HOLE))
            return false;
        if (d->dup_count == 1)
            put_msg(c, 1, -1, 0, TT_M_R_SACK_RACK_ONE);
        else if (d->dup_count == 2)
            put_msg(c, 1, -1, 0, TT_M_R_SACK_RACK, (unsigned)d->dup_count);
        return true;
    case TT_WHY_SPURIOUS:
        return put_trigger(c, d, TT_M_R_SPURIOUS_ACKED);
    case TT_WHY_TLP:
        if (!gap)
            return false;
        if (d->has_trigger)
            put_msg(c, 0, -1, 0, fin_only ? TT_M_R_TLP_ACK_FIN : TT_M_R_TLP_ACK,
                    fmt_ms(t1, sizeof t1, d->trigger_us), (unsigned)d->trigger_frame,
                    fmt_ms(t2, sizeof t2, d->gap_us), (unsigned)d->prev_frame);
        else
            put_msg(c, 0, -1, 0, fin_only ? TT_M_R_TLP_FIN : TT_M_R_TLP,
                    fmt_ms(t1, sizeof t1, d->gap_us), (unsigned)d->prev_frame);
        return true;
    case TT_WHY_PARTIAL:
        return put_trigger(c, d, TT_M_R_PARTIAL);
    case TT_WHY_EARLY:
        if (!gap)
            return false;
        put_msg(c, 0, -1, 0, TT_M_R_EARLY, fmt_ms(t1, sizeof t1, d->gap_us),
                (unsigned)d->prev_frame);
        return true;
    case TT_WHY_TIMEOUT:
        if ((r->notes2 & TT_NOTE2_AFTER_RTO) && put_trigger(c, d, TT_M_R_AFTER_RTO))
            return true;
        if (!gap)
            return false;
        if (d->probe_frame != 0)
            put_msg(c, 0, -1, 0, d->restart_ack ? TT_M_R_RTO_RESTART_ACK : TT_M_R_RTO_PROBE,
                    fmt_ms(t1, sizeof t1, d->probe_us), (unsigned)d->probe_frame,
                    fmt_ms(t2, sizeof t2, d->gap_us), (unsigned)d->prev_frame);
        else
            put_msg(c, 0, -1, 0, d->orig_frame == 0 ? TT_M_R_RTO_CONTROL : TT_M_R_RTO,
                    fmt_ms(t1, sizeof t1, d->gap_us), (unsigned)d->prev_frame);
        if (d->has_prev_gap)
            put_msg(c, 1, -1, 0,
                    doubled(d->prev_gap_us, d->gap_us) ? TT_M_R_RTO_BACKOFF : TT_M_R_RTO_INTERVAL,
                    fmt_ms(t2, sizeof t2, d->prev_gap_us));
        if (r->analysis & TT_AN_FAST_RETRANSMISSION) {
            if (d->has_trigger)
                put_msg(c, 1, -1, 0, TT_M_R_WS_FAST_TIMER, fmt_ms(t1, sizeof t1, d->gap_us),
                        fmt_ms(t2, sizeof t2, d->trigger_us));
            else
                put_msg(c, 1, -1, 0, TT_M_R_WS_FAST_AGAIN, fmt_ms(t1, sizeof t1, d->gap_us));
        }
        return true;
    default:
        return false;
    }
}

/* Whether two intervals between copies of a SYN fit a SYN retransmission
 * timer: doubled (RFC 6298, section 5.5; Linux starts at 1 s), or kept at
 * about 1 s by the stacks that space their first retries evenly. With one
 * interval only, nothing tells. */
static bool syn_timer_fits(const tt_detail *d)
{
    if (!d->has_gap || !d->has_prev_gap || d->prev_gap_us == 0)
        return true;
    uint64_t a = d->prev_gap_us, b = d->gap_us;
    bool linear = a >= 800000u && a <= 1500000u && b >= 800000u && b <= 1500000u;
    return doubled(a, b) || linear;
}

/* Why the segment was sent again, in as much detail as the capture gives:
 * the cause and its evidence, the interval since the previous copy (and
 * since the first), the chunks it repeats. */
static void reliability_retransmission(const ctx *c, const tt_detail *d)
{
    const tt_result *r = c->r;
    bool have = d != NULL && (r->notes & TT_NOTE_DETAIL);
    char t1[32], t2[32];
    if (r->why == TT_WHY_NONE || r->why >= TT_WHY_COUNT)
        return; /* no reason of tcpteach's own: Wireshark's finding says it */
    if (!have || !retransmission_cause(c, d))
        put_msg(c, 0, -1, 0, why_reliability[r->why < TT_WHY_COUNT ? r->why : TT_WHY_NONE]);
    if (r->why == TT_WHY_SYN_AGAIN)
        return; /* the SYN, repeated: no first sending or timer to tell */
    bool syn = captured(c->h, 12, 2) && (c->h->flags & TT_SYN);
    if (r->why == TT_WHY_TIMEOUT && syn && !(c->h->flags & TT_ACK) && have && !syn_timer_fits(d))
        put_msg(c, 1, -1, 0, TT_M_R_RTO_SYN_ODD, fmt_ms(t1, sizeof t1, d->prev_gap_us),
                fmt_ms(t2, sizeof t2, d->gap_us));
    else if (r->why == TT_WHY_TIMEOUT && syn)
        put_msg(c, 1, -1, 0, (c->h->flags & TT_ACK) ? TT_M_R_RTO_SYNACK : TT_M_R_RTO_SYN);
    if (r->notes & TT_NOTE_CHUNK_UNSEEN)
        put_msg(c, 1, -1, 0, TT_M_R_CHUNK_UNSEEN);
    if (have && d->repeat_first != 0 && d->repeat_last != d->repeat_first)
        put_msg(c, 1, -1, 0, TT_M_R_REPEATS_CHUNKS, (unsigned)d->repeat_first,
                (unsigned)d->repeat_last);
    if (have && d->new_len > 0) {
        unsigned from = tt_shown_seq(r, c->h) + ((c->h->flags & TT_SYN) ? 1u : 0u) + d->new_offset;
        put_msg(c, 1, -1, 0, TT_M_R_NEW_BYTES, (unsigned)d->new_len, from,
                from + (unsigned)d->new_len - 1u, (unsigned)r->chunk);
    }
    if (!have)
        return;
    /* The interval since the previous copy (said by the cause already for
     * a timer or a probe) and since the first sending. */
    bool said = (r->why == TT_WHY_TIMEOUT && !(r->notes2 & TT_NOTE2_AFTER_RTO)) ||
                r->why == TT_WHY_TLP || r->why == TT_WHY_EARLY;
    if (d->orig_frame != 0 && d->has_since && d->earlier >= 2 && d->has_gap && !said) {
        put_msg(c, 1, -1, 0, TT_M_R_GAP_PREV, fmt_ms(t1, sizeof t1, d->gap_us),
                (unsigned)d->prev_frame, fmt_ms(t2, sizeof t2, d->since_us),
                (unsigned)d->orig_frame);
    } else if (d->orig_frame != 0 && d->has_since && (!said || d->earlier >= 2))
        put_msg(c, 1, -1, 0, TT_M_R_GAP_FIRST, fmt_ms(t1, sizeof t1, d->since_us),
                (unsigned)d->orig_frame);
    else if (d->orig_frame != 0 && !said)
        put_msg(c, 1, -1, 0, TT_M_R_RETRANS_FIRST, (unsigned)d->orig_frame);
    else if (d->orig_frame == 0 && d->has_gap && d->prev_frame != 0 && !said)
        put_msg(c, 1, -1, 0, TT_M_R_GAP_CONTROL, fmt_ms(t1, sizeof t1, d->gap_us),
                (unsigned)d->prev_frame);
    if (r->why == TT_WHY_TIMEOUT && !d->has_prev_gap && !(r->notes2 & TT_NOTE2_AFTER_RTO) && !syn)
        put_msg(c, 1, -1, 0, TT_M_R_RETRANS_DOUBLE);
    if (d->earlier >= 2)
        put_msg(c, 1, -1, 0, TT_M_R_RETRANS_REPEAT, (unsigned)d->earlier + 1u);
}

/* "12.345": microseconds as seconds with three decimals. */
static const char *fmt_s(char *out, size_t n, uint64_t us)
{
    return fmt_ms(out, n, us / 1000u);
}

/* The timers around a segment that is not a retransmission: a probe's or
 * keep-alive's interval, an ACK that waited, an ACK that gives no round
 * trip, a D-SACK's verdict on an earlier copy. */
static void reliability_timers(const ctx *c, const tt_detail *d)
{
    const tt_result *r = c->r;
    bool have = d != NULL && (r->notes & TT_NOTE_DETAIL);
    char t1[32], t2[32];
    if (have && r->role == TT_ROLE_ZERO_WINDOW_PROBE && d->has_gap && d->prev_frame != 0) {
        put_msg(c, 0, -1, 0, TT_M_R_PROBE_GAP, fmt_ms(t1, sizeof t1, d->gap_us),
                (unsigned)d->prev_frame);
        if (d->has_prev_gap && doubled(d->prev_gap_us, d->gap_us))
            put_msg(c, 1, -1, 0, TT_M_R_PROBE_BACKOFF, fmt_ms(t2, sizeof t2, d->prev_gap_us));
    }
    if (have && r->role == TT_ROLE_KEEPALIVE && d->has_gap) {
        if (d->unanswered && d->prev_frame != 0)
            put_msg(c, 0, -1, 0, TT_M_R_KEEPALIVE_AGAIN, fmt_s(t1, sizeof t1, d->gap_us),
                    (unsigned)d->prev_frame);
        else
            put_msg(c, 0, -1, 0, TT_M_R_KEEPALIVE_IDLE, fmt_s(t1, sizeof t1, d->gap_us));
    }
    if (have && (r->notes2 & TT_NOTE2_DELAYED_ACK) && d->has_gap && d->gap_us >= d->rtt_us)
        put_msg(c, 0, -1, 0, TT_M_R_DELAYED_ACK, fmt_ms(t1, sizeof t1, d->gap_us),
                fmt_ms(t2, sizeof t2, d->gap_us - d->rtt_us));
    if (r->notes2 & TT_NOTE2_KARN)
        put_msg(c, 0, -1, 0, TT_M_R_KARN);
    if ((r->notes2 & TT_NOTE2_DSACK) && have && d->prev_frame != 0 &&
        !(r->notes & TT_NOTE_RETRANSMISSION)) {
        put_msg(c, 0, -1, 0, TT_M_R_DSACK_COPY, (unsigned)d->orig_frame, (unsigned)d->prev_frame);
        if (d->prev_why == TT_WHY_FAST || d->prev_why == TT_WHY_SACK)
            put_msg(c, 1, -1, 0, TT_M_R_DSACK_REORDER, (unsigned)d->prev_frame);
        else if (d->prev_why == TT_WHY_TLP)
            put_msg(c, 1, -1, 0, TT_M_R_DSACK_TLP, (unsigned)d->prev_frame);
        else if (d->prev_why == TT_WHY_TIMEOUT)
            put_msg(c, 1, -1, 0, TT_M_R_DSACK_TIMER, (unsigned)d->prev_frame);
    }
}

/* What the checksum protects, and what follows a corrupted segment: only a
 * segment that occupies sequence space (data, SYN, FIN) is retransmitted.
 * An ICMP quote holds no checksum of its own to speak of. */
static void reliability_integrity(const ctx *c, bool rst)
{
    const tt_result *r = c->r;
    bool flags_known = captured(c->h, 12, 2);
    if (r->role == TT_ROLE_ICMP_QUOTED)
        return;
    if (rst)
        put_msg(c, 0, 16, 2, TT_M_R_CHECKSUM_RST);
    else if (r->payload_len > 0 || !flags_known || (c->h->flags & (TT_SYN | TT_FIN)))
        put_msg(c, 0, 16, 2, TT_M_R_CHECKSUM);
    else
        put_msg(c, 0, 16, 2, TT_M_R_CHECKSUM_ACK);
}

/* Wireshark's finding in words; where tcpteach sees more than Wireshark's
 * test (new SACK blocks or a D-SACK behind a "window update", a duplicate
 * ACK with no byte missing), the words say so instead of contradicting the
 * summary. */
static tt_msg finding_text(const ctx *c, uint32_t bit, tt_msg usual)
{
    const tt_result *r = c->r;
    if (bit == TT_AN_WINDOW_UPDATE && r->role == TT_ROLE_DUP_ACK)
        return TT_M_AN_WIN_UPDATE_SACK;
    if (bit == TT_AN_DUP_ACK && ((r->notes & TT_NOTE_NOTHING_MISSING) || has_dsack(c->h)))
        return TT_M_AN_DUP_ACK_PLAIN;
    if (bit == TT_AN_OUT_OF_ORDER && (r->notes & TT_NOTE_RETRANSMISSION))
        return TT_M_AN_OOO_RESEND;
    return usual;
}

static void reliability_findings(const ctx *c)
{
    tt_msg prefix = (c->r->notes & TT_NOTE_OWN_ANALYSIS) ? TT_M_R_AN_PREFIX_OWN : TT_M_R_AN_PREFIX;
    for (size_t i = 0; i < sizeof findings / sizeof findings[0]; i++) {
        if (c->r->analysis & findings[i].bit)
            put_msg(c, 0, -1, 0, prefix,
                    msg(c->lang, finding_text(c, findings[i].bit, findings[i].text)));
    }
    if (c->r->notes & TT_NOTE_WS_KEEPALIVE)
        put_msg(c, 1, -1, 0, TT_M_R_WS_KEEPALIVE);
    if ((c->r->notes2 & TT_NOTE2_CAPTURE_DUP) && (c->r->analysis & ~(uint32_t)TT_AN_ZERO_WINDOW))
        put_msg(c, 1, -1, 0, TT_M_R_CAPTURE_DUP);
    if (c->r->notes & TT_NOTE_OWN_ANALYSIS)
        put_msg(c, 0, -1, 0, TT_M_R_OWN);
}

/* One part of a list in `b`, after the separator unless it is the first. */
static void list_part(tt_sb *b, tt_lang lang, tt_msg id, ...)
{
    if (b->len > 0)
        tt_sb_msg(b, lang, TT_M_SYNO_SEP);
    va_list ap;
    va_start(ap, id);
    tt_sb_vmsg(b, lang, id, ap);
    va_end(ap);
}

/* A copy of a SYN (or SYN+ACK) whose options differ from the previous
 * copy's: what changed, and what the connection uses if the peer answers
 * this copy. A SYN+ACK answering copies that differed: what it shows the
 * connection uses, and whether it answers an earlier copy than the last. */
static void syn_copy_options(const ctx *c, const tt_detail *d)
{
    const tt_result *r = c->r;
    const tt_header *h = c->h;
    uint32_t now = tt_syn_options(h);
    if (!(now & TT_SYNO_KNOWN))
        return;
    char a[512], u[512];
    tt_sb b, w;
    tt_sb_init(&b, a, sizeof a);
    tt_sb_init(&w, u, sizeof u);
    tt_lang lang = c->lang;
    uint32_t was = d != NULL && (r->notes & TT_NOTE_DETAIL) ? d->syn_was : 0;
    if ((r->notes & TT_NOTE_RETRANSMISSION) && r->why != TT_WHY_SYN_AGAIN &&
        (was & TT_SYNO_KNOWN) && (was ^ now) != 0) {
        unsigned m = TT_SYNO_MSS_OF(now), m0 = TT_SYNO_MSS_OF(was);
        unsigned k = TT_SYNO_SHIFT_OF(now), k0 = TT_SYNO_SHIFT_OF(was);
        if ((now & was & TT_SYNO_MSS) && m != m0)
            list_part(&b, lang, TT_M_SYNO_MSS_WAS, m, m0);
        else if ((now & ~was) & TT_SYNO_MSS)
            list_part(&b, lang, TT_M_SYNO_MSS_NEW, m);
        else if ((was & ~now) & TT_SYNO_MSS)
            list_part(&b, lang, TT_M_SYNO_MSS_GONE, m0);
        if ((now & was & TT_SYNO_WS) && k != k0)
            list_part(&b, lang, TT_M_SYNO_WS_WAS, k, k0);
        else if ((now & ~was) & TT_SYNO_WS)
            list_part(&b, lang, TT_M_SYNO_WS_NEW, k);
        else if ((was & ~now) & TT_SYNO_WS)
            list_part(&b, lang, TT_M_SYNO_WS_GONE, k0);
        if ((now ^ was) & TT_SYNO_SACKP)
            list_part(&b, lang, (now & TT_SYNO_SACKP) ? TT_M_SYNO_SACKP_NEW : TT_M_SYNO_SACKP_GONE);
        if ((now ^ was) & TT_SYNO_TS)
            list_part(&b, lang, (now & TT_SYNO_TS) ? TT_M_SYNO_TS_NEW : TT_M_SYNO_TS_GONE);
        if (now & TT_SYNO_MSS)
            list_part(&w, lang, TT_M_SYNO_USE_MSS, m);
        else
            list_part(&w, lang, TT_M_SYNO_USE_MSS_DEFAULT);
        bool synack = (h->flags & TT_ACK) != 0; /* its options answer the peer's SYN */
        list_part(&w, lang,
                  (now & TT_SYNO_WS) ? (synack ? TT_M_SYNO_IN_WS : TT_M_SYNO_USE_WS)
                                     : TT_M_SYNO_NO_WS);
        list_part(&w, lang,
                  (now & TT_SYNO_SACKP) ? (synack ? TT_M_SYNO_IN_SACK : TT_M_SYNO_USE_SACK)
                                        : TT_M_SYNO_NO_SACK);
        list_part(&w, lang,
                  (now & TT_SYNO_TS) ? (synack ? TT_M_SYNO_IN_TS : TT_M_SYNO_USE_TS)
                                     : TT_M_SYNO_NO_TS);
        put_msg(c, 0, -1, 0, TT_M_SYNO_CHANGED, a, u);
        return;
    }
    if ((h->flags & (TT_SYN | TT_ACK)) != (TT_SYN | TT_ACK) || !(r->peer_syn & TT_PEER_SYN_CHANGED))
        return;
    list_part(&w, lang, (now & TT_SYNO_WS) ? TT_M_SYNO_IN_WS : TT_M_SYNO_NO_WS);
    list_part(&w, lang, (now & TT_SYNO_SACKP) ? TT_M_SYNO_IN_SACK : TT_M_SYNO_NO_SACK);
    list_part(&w, lang, (now & TT_SYNO_TS) ? TT_M_SYNO_IN_TS : TT_M_SYNO_NO_TS);
    put_msg(c, 0, -1, 0, TT_M_SYNO_ANSWER, u);
    /* A SYN+ACK carries these options only when the SYN it answers did. */
    bool known = (r->peer_syn & TT_PEER_SYN_OPTS) != 0;
    if (known && (((now & TT_SYNO_WS) && !(r->peer_syn & TT_PEER_SYN_WS)) ||
                  ((now & TT_SYNO_SACKP) && !(r->peer_syn & TT_PEER_SYN_SACKP)) ||
                  ((now & TT_SYNO_TS) && !(r->peer_syn & TT_PEER_SYN_TS))))
        put_msg(c, 1, -1, 0, TT_M_SYNO_ANSWERS_EARLIER);
}

void tt_explain_reliability_detail(const tt_header *h, const tt_result *r, const tt_detail *d,
                                   tt_lang lang, const tt_emitter *e)
{
    static const tt_header none; /* nothing captured */
    if (r == NULL || e == NULL || e->line == NULL)
        return;
    ctx c = {h != NULL ? h : &none, r, fix_lang(lang), e};
    bool flags_known = captured(c.h, 12, 2);
    bool rst = flags_known && (c.h->flags & TT_RST);
    /* Only an ACK number that moves on shows the cumulative ACK at work. */
    bool advances =
        (r->notes & (TT_NOTE_SYN_ACKED | TT_NOTE_FIN_ACKED | TT_NOTE_NEW_DATA_ACKED)) != 0;
    if (flags_known && (c.h->flags & TT_ACK) && !rst && advances)
        put_msg(&c, 0, 8, 4, TT_M_R_ACK, (unsigned)tt_shown_ack(r, c.h));
    bool dup = (r->notes2 & TT_NOTE2_CAPTURE_DUP) != 0;
    if (!dup && ((r->notes & TT_NOTE_RETRANSMISSION) || (r->analysis & TT_AN_ANY_RETRANSMISSION)))
        reliability_retransmission(&c, d);
    if (!dup)
        reliability_timers(&c, d);
    if (!dup && flags_known && (c.h->flags & TT_SYN))
        syn_copy_options(&c, d);
    if (!dup && d != NULL && (r->notes & TT_NOTE_DETAIL) && d->differ_count > 0) {
        unsigned at = tt_shown_seq(r, c.h) + ((c.h->flags & TT_SYN) ? 1u : 0u) + d->differ_offset;
        if (d->differ_frame != 0)
            put_msg(&c, 0, -1, 0, TT_M_R_BYTES_DIFFER, (unsigned)d->differ_count,
                    (unsigned)d->compared, at, (unsigned)d->differ_frame);
        else
            put_msg(&c, 0, -1, 0, TT_M_R_BYTES_DIFFER_UNSEEN, (unsigned)d->differ_count,
                    (unsigned)d->compared, at);
    }
    if (!rst && (r->payload_len > 0 || (flags_known && (c.h->flags & (TT_SYN | TT_FIN)))))
        put_msg(&c, 0, 4, 4, TT_M_R_ORDER);
    if (r->role != TT_ROLE_ICMP_QUOTED && r->role != TT_ROLE_MALFORMED && !rst)
        put_msg(&c, 0, 14, 2, TT_M_R_FLOW);
    tt_msg conn = role_text(r->role)->connection;
    /* Data on a SYN flows before the numbers are synchronized. */
    if (conn == TT_M_R_CONN_OPEN && flags_known && (c.h->flags & (TT_SYN | TT_ACK)) == TT_SYN &&
        r->payload_len > 0)
        conn = TT_M_R_CONN_OPEN_DATA;
    if (conn != TT_M_NONE_MSG)
        put_msg(&c, 0, 12, 2, conn);
    reliability_integrity(&c, rst);
    reliability_findings(&c);
}

void tt_explain_reliability(const tt_header *h, const tt_result *r, tt_lang lang,
                            const tt_emitter *e)
{
    tt_explain_reliability_detail(h, r, NULL, lang, e);
}

/* ---- problems ----------------------------------------------------------------------------- */

size_t tt_explain_problem(const tt_header *h, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (h == NULL)
        return b.len;
    lang = fix_lang(lang);
    switch (h->problem) {
    case TT_HDR_OK:
        break;
    case TT_HDR_TRUNCATED:
        tt_sb_msg(&b, lang, TT_M_P_TRUNCATED, (unsigned)h->caplen);
        break;
    case TT_HDR_DOFF_SMALL:
        tt_sb_msg(&b, lang, TT_M_P_DOFF, (unsigned)(h->doff & 0x0fu));
        break;
    case TT_HDR_OPTS_CUT:
        tt_sb_msg(&b, lang, TT_M_P_OPTS_CUT, (h->doff & 0x0fu) * 4u, (unsigned)h->caplen);
        break;
    case TT_HDR_BAD_FLAGS: {
        char flags[96];
        flag_list(flags, sizeof flags, h->flags, lang);
        tt_sb_msg(&b, lang, (h->flags & TT_SYN) ? TT_M_P_FLAGS_SYN : TT_M_P_FLAGS_NOACK, flags);
        break;
    }
    case TT_HDR_SHORT_SEGMENT:
        tt_sb_msg(&b, lang, TT_M_P_SHORT_SEGMENT, (h->doff & 0x0fu) * 4u);
        break;
    default:
        tt_sb_msg(&b, lang, TT_M_P_OTHER);
        break;
    }
    return b.len;
}
