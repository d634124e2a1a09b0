/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the classroom walkthrough (narrative, summary, ladder). */
#include "pieces.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cc.h"
#include "explain.h"
#include "strbuf.h"
#include "utf8.h"

uint32_t tt_walk_seq(const tt_walk_seg *s)
{
    return tt_shown_seq(s->r, s->h);
}

uint32_t tt_walk_ack(const tt_walk_seg *s)
{
    return tt_shown_ack(s->r, s->h);
}

uint32_t tt_walk_next_seq(const tt_walk_seg *s)
{
    uint32_t next = tt_walk_seq(s) + s->r->payload_len;
    if (s->h->flags & TT_SYN)
        next++;
    if (s->h->flags & TT_FIN)
        next++;
    return next;
}

bool tt_walk_window_bytes(const tt_walk_seg *s, uint64_t *bytes)
{
    int ws = s->r->wscale;
    *bytes = s->h->window;
    if (ws == TT_WS_UNKNOWN || ws == TT_WS_CUT)
        return false;
    if (ws > 0)
        *bytes <<= ws > 14 ? 14 : ws; /* RFC 7323: at most 14 */
    return true;
}

unsigned tt_walk_sack(const tt_walk_seg *s, uint32_t blocks[][2], unsigned max)
{
    const tt_header *h = s->h;
    /* Relative edges count from the same origin as the acknowledgment number. */
    uint32_t base = h->absolute ? 0 : h->ack - s->r->rel_ack;
    unsigned count = 0;
    for (unsigned i = 0; i < h->n_options && i < TT_MAX_OPTIONS; i++) {
        const tt_option *o = &h->options[i];
        if (o->kind != TT_OPT_SACK || o->status != TT_OPTLEN_OK)
            continue;
        for (unsigned at = 0; at + 8 <= (unsigned)o->len - 2 && count < max; at += 8) {
            blocks[count][0] = tt_option_u32(h, o, at) - base;
            blocks[count][1] = tt_option_u32(h, o, at + 4) - base;
            count++;
        }
    }
    return count;
}

const char *tt_walk_seq_mode(const tt_walk_stream *w, bool absolute, tt_lang lang)
{
    /* The numbers count from what the whole capture holds, whatever a
     * filter shows. */
    const tt_walk_stream *c = w != NULL ? tt_walk_captured(w) : NULL;
    tt_msg id = TT_M_N_RELATIVE;
    if (absolute)
        id = TT_M_N_ABSOLUTE;
    else if (c != NULL && c->syns == 0)
        id = TT_M_N_RELATIVE_NO_SYN; /* no ISN known: Wireshark counts from the first segment */
    else if (c != NULL && c->syns != 3) {
        /* One side's ISN is known; the other's SYN was not captured, or was
         * never sent (a reset answered the SYN). */
        unsigned known = (c->syns & 1u) ? 0 : 1;
        bool never = tt_walk_syn_seen(c, !known) == TT_SYN_NOT_SENT;
        if (never && known == 0 && c->sent[1] > c->resets[1])
            id = TT_M_N_RELATIVE_SERVER_ANSWERED; /* its numbers count from its first segment */
        else
            id = known == 0 ? (never ? TT_M_N_RELATIVE_SERVER_NO_SYN : TT_M_N_RELATIVE_ONE_SYN)
                            : (never ? TT_M_N_RELATIVE_CLIENT_NO_SYN : TT_M_N_RELATIVE_SERVER_SYN);
    }
    return tt_msg_text(lang, id);
}

const tt_walk_stream *tt_walk_captured(const tt_walk_stream *w)
{
    return w->capture != NULL ? w->capture : w;
}

bool tt_walk_filtered(const tt_walk_stream *w)
{
    return w->capture != NULL && w->capture->segments > w->segments;
}

tt_syn_seen tt_walk_syn_seen(const tt_walk_stream *w, unsigned side)
{
    const tt_walk_stream *c = tt_walk_captured(w);
    side &= 1u;
    if (w->syns & (1u << side))
        return TT_SYN_SHOWN;
    if (c->syns & (1u << side))
        return TT_SYN_FILTERED;
    /* The peer's SYN is in the capture and this side answered it with
     * resets only, or (the server) not at all. A client that sent nothing
     * did send the SYN that a captured SYN+ACK answers. */
    if ((c->syns & (1u << !side)) && c->sent[side] == c->resets[side] &&
        (c->resets[side] > 0 || side == 1))
        return TT_SYN_NOT_SENT;
    /* The server answered the client's SYN with segments without a SYN,
     * and the client never got past SYN-SENT: no SYN of the server to miss. */
    if (side == 1 && (c->syns & 1u) && c->client_state == TT_ST_SYN_SENT)
        return TT_SYN_NOT_SENT;
    return TT_SYN_NOT_CAPTURED;
}

int tt_walk_scale(const tt_walk_stream *w, unsigned side)
{
    const tt_walk_stream *c = tt_walk_captured(w);
    int own = c->ws_offer[side & 1u], peer = c->ws_offer[!(side & 1u)];
    if (own >= 0 && peer >= 0)
        return own > 14 ? 14 : own; /* RFC 7323: at most 14 */
    if (own == TT_OFFER_ABSENT || peer == TT_OFFER_ABSENT)
        return TT_WS_NONE;
    return TT_WS_UNKNOWN;
}

size_t tt_walk_numbers_note(const tt_walk_stream *w, bool absolute, tt_lang lang, char *buf,
                            size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_raw(&b, "%s", tt_walk_seq_mode(w, absolute, lang));
    if (w != NULL && !absolute) {
        /* A SYN a filter left out still gives its side's ISN. */
        bool out[2] = {tt_walk_syn_seen(w, 0) == TT_SYN_FILTERED,
                       tt_walk_syn_seen(w, 1) == TT_SYN_FILTERED};
        if (out[0] || out[1])
            tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
        if (out[0] && out[1])
            tt_sb_msg(&b, lang, TT_M_N_SYNS_FILTERED);
        else if (out[0] || out[1])
            tt_sb_msg(&b, lang, TT_M_N_SYN_FILTERED,
                      tt_msg_text(lang, out[0] ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD));
    }
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    const tt_walk_stream *c = w != NULL ? tt_walk_captured(w) : NULL;
    if (c != NULL && w->segments > 0 && w->first_index != c->first_index && c->first_frame != 0)
        tt_sb_msg(&b, lang, TT_M_N_GLOSS_TIME_FILTERED, (unsigned)c->first_frame);
    else
        tt_sb_msg(&b, lang, TT_M_N_GLOSS_TIME);
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    tt_sb_msg(&b, lang,
              w == NULL || !w->scale_unknown ? TT_M_N_GLOSS_WIN
              : w->scale_cut                 ? TT_M_N_GLOSS_WIN_CUT
                                             : TT_M_N_GLOSS_WIN_UNKNOWN);
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    tt_sb_msg(&b, lang, TT_M_N_GLOSS);
    return b.len;
}

void tt_walk_ms(uint64_t us, char *buf, size_t n)
{
    snprintf(buf, n, "%" PRIu64 ".%03" PRIu64, us / 1000u, us % 1000u);
}

bool tt_walk_window_seen(const tt_header *h)
{
    return !tt_header_malformed(h) && h->caplen >= 16;
}

void tt_walk_time(uint64_t us, char *buf, size_t n)
{
    snprintf(buf, n, "%" PRIu64 ".%06" PRIu64, us / 1000000u, us % 1000000u);
}

/* The numbers beyond seq/ack, with or without the time. */
static void more_numbers(tt_sb *b, const tt_walk_seg *s, tt_lang lang, bool with_time)
{
    char num[48];
    size_t start = b->len;
    if (with_time) {
        tt_walk_time(s->t_us, num, sizeof num);
        tt_sb_msg(b, lang, TT_M_N_TIME, num);
    }
    const tt_header *h = s->h;
    bool readable = tt_walk_window_seen(h);
    if (readable && !(h->flags & TT_RST)) {
        uint64_t bytes;
        if (b->len > start)
            tt_sb_msg(b, lang, TT_M_N_SEP);
        if (!tt_walk_window_bytes(s, &bytes)) {
            tt_sb_msg(b, lang, TT_M_N_WIN_UNKNOWN, (unsigned)h->window);
        } else if (bytes != h->window) {
            snprintf(num, sizeof num, "%" PRIu64, bytes);
            tt_sb_msg(b, lang, TT_M_N_WIN_SCALED, (unsigned)h->window,
                      (unsigned)(bytes / h->window), num);
        } else {
            tt_sb_msg(b, lang, TT_M_N_WIN_PLAIN, (unsigned)h->window);
        }
    }
    if (s->has_rtt && !(h->flags & TT_RST)) {
        /* No RTT from an ACK of bytes sent more than once (Karn's rule),
         * nor from a reset. */
        tt_walk_ms(s->rtt_us, num, sizeof num);
        if (b->len > start)
            tt_sb_msg(b, lang, TT_M_N_SEP);
        if (s->r->notes2 & TT_NOTE2_KARN)
            tt_sb_msg(b, lang, TT_M_N_RTT_KARN);
        else
            tt_sb_msg(b, lang,
                      (s->r->notes2 & TT_NOTE2_DELAYED_ACK) ? TT_M_N_RTT_DELAYED : TT_M_N_RTT, num);
    }
    if (s->has_flight) {
        if (b->len > start)
            tt_sb_msg(b, lang, TT_M_N_SEP);
        tt_sb_msg(b, lang, TT_M_N_FLIGHT, (unsigned)s->flight);
    }
    uint32_t blocks[4][2];
    unsigned count = readable ? tt_walk_sack(s, blocks, 4) : 0;
    if (count > 0) {
        char list[96];
        tt_sb l;
        tt_sb_init(&l, list, sizeof list);
        for (unsigned i = 0; i < count; i++)
            tt_sb_raw(&l, "%s%" PRIu32 "-%" PRIu32, i ? " " : "", blocks[i][0], blocks[i][1]);
        if (b->len > start)
            tt_sb_msg(b, lang, TT_M_N_SEP);
        tt_sb_msg(b, lang, TT_M_N_SACK, list);
    }
    char cc[96];
    if (tt_cc_numbers_words(s->cc, lang, cc, sizeof cc) > 0) {
        if (b->len > start)
            tt_sb_msg(b, lang, TT_M_N_SEP);
        tt_sb_raw(b, "%s", cc);
    }
}

size_t tt_walk_more(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    more_numbers(&b, s, lang, true);
    return b.len;
}

size_t tt_walk_more_numbers(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    more_numbers(&b, s, lang, false);
    return b.len;
}

size_t tt_walk_numbers_line(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    char more[256];
    tt_sb m;
    tt_sb_init(&m, more, sizeof more);
    more_numbers(&m, s, lang, false);
    if (m.len > 0)
        tt_sb_msg(&b, lang, TT_M_N_LINE, more);
    return b.len;
}

tt_count_delta tt_count_segment(const tt_result *r)
{
    tt_count_delta d = {0, false, false, false};
    if (r->role == 0 || r->role >= TT_ROLE_COUNT)
        return d;
    d.role = r->role;
    d.resent = (r->notes & TT_NOTE_RETRANSMISSION) != 0;
    /* A connection attempt: a client's SYN sent for the first time (a
     * simultaneous open's first SYN is one too; the crossing SYN answers it). */
    d.attempt = !d.resent && r->role == TT_ROLE_HANDSHAKE_1;
    bool before = r->client_before == TT_ST_ESTABLISHED && r->server_before == TT_ST_ESTABLISHED;
    bool after = r->client_after == TT_ST_ESTABLISHED && r->server_after == TT_ST_ESTABLISHED;
    d.established = !before && after;
    return d;
}

void tt_counts_add(tt_role_counts *c, const tt_result *r)
{
    tt_count_delta d = tt_count_segment(r);
    if (d.role == 0)
        return;
    if (d.resent)
        c->resent[d.role]++;
    else
        c->sent[d.role]++;
    c->attempted += d.attempt;
    c->established += d.established;
}

/* tt_walk_stream.pending: the side answered the SYN it got, without a SYN
 * of its own (an answer that moves nothing). */
#define PENDING_NO_OWN_SYN (TT_EV_COUNT + 1)

void tt_walk_init(tt_walk_stream *w, uint32_t stream)
{
    memset(w, 0, sizeof *w);
    w->stream = stream;
    w->pending[0] = w->pending[1] = TT_EV_COUNT;
    w->ws_offer[0] = w->ws_offer[1] = TT_OFFER_NO_SYN;
}

static bool is_handshake(uint8_t role)
{
    return role == TT_ROLE_HANDSHAKE_1 || role == TT_ROLE_HANDSHAKE_2 ||
           role == TT_ROLE_HANDSHAKE_3;
}

void tt_walk_add(tt_walk_stream *w, const tt_result *r)
{
    if (w->segments == 0) {
        w->first_client_state = r->client_before;
        w->first_server_state = r->server_before;
        w->synack_first = r->role == TT_ROLE_HANDSHAKE_2;
        w->first_index = r->index;
    }
    w->segments++;
    w->last_index = r->index;
    if (r->role < TT_ROLE_COUNT)
        w->roles[r->role]++;
    if (r->role == TT_ROLE_MALFORMED || r->role == TT_ROLE_ICMP_QUOTED) {
        w->malformed++;
        return;
    }
    unsigned side = r->dir == TT_DIR_C2S ? 0 : 1;
    bool reset = r->role == TT_ROLE_RESET || r->role == TT_ROLE_REFUSED;
    w->sent[side]++;
    if (reset)
        w->resets[side]++;
    if (r->role == TT_ROLE_HANDSHAKE_1 || r->role == TT_ROLE_HANDSHAKE_2 ||
        r->role == TT_ROLE_SIMULTANEOUS_OPEN)
        w->syns |= (uint8_t)(1u << side);
    /* A reset's window is never shown, so its unknown scale is not either. */
    if ((r->wscale == TT_WS_UNKNOWN || r->wscale == TT_WS_CUT) && !reset)
        w->scale_unknown = true;
    if (r->wscale == TT_WS_CUT && !reset)
        w->scale_cut = true;
    if (r->notes & TT_NOTE_DIR_GUESSED)
        w->guess = r->guess;
    if (r->role == TT_ROLE_RESET && (r->notes2 & TT_NOTE2_RST_IN_FLIGHT))
        w->reset_in_flight = true;
    if (r->role == TT_ROLE_RESET && (r->notes2 & TT_NOTE2_RST_UNSEEN))
        w->reset_unseen = true;
    if (r->notes & TT_NOTE_RETRANSMISSION)
        w->retransmissions++;
    else if (r->notes3 & TT_NOTE3_BEYOND_WINDOW) {
        /* Its receiver dropped it: sent, but not part of what it got. */
        w->dropped[side] += reset ? 0 : r->payload_len;
        if (w->dropped_index == 0 && r->payload_len > 0)
            w->dropped_index = r->index;
    } else if (!(r->notes2 & TT_NOTE2_CAPTURE_DUP))
        /* A capture duplicate is the same packet seen twice: it counts nothing. */
        w->bytes[side] += reset ? 0 : r->payload_len;
    if ((r->notes3 & TT_NOTE3_RST_BAD_ACK) && reset)
        w->rst_bad_ack = r->index;
    if ((r->notes3 & TT_NOTE3_PROVES_EST) && w->proves_index == 0) {
        w->proves_index = r->index;
        w->proves_side = (uint8_t)side;
        w->proves_bytes = r->rel_ack > 1 ? r->rel_ack - 1 : 0;
    }
    if (r->chunk > w->chunks[side])
        w->chunks[side] = r->chunk;
    if (is_handshake(r->role) && r->steps[0] >= 1 && r->steps[0] <= 3)
        w->handshake |= (uint8_t)(1u << (r->steps[0] - 1));
    if (r->role == TT_ROLE_HANDSHAKE_1 || r->role == TT_ROLE_SIMULTANEOUS_OPEN)
        w->syn_seen = true;
    if (tt_role_phase((tt_role)r->role) == TT_PHASE_TEARDOWN)
        w->fin_seen = true;
    if (r->role == TT_ROLE_TEARDOWN_1 && w->first_fin == 0)
        w->first_fin = r->index;
    if (r->analysis & TT_AN_ZERO_WINDOW)
        w->zero_windows++;
    w->guessed = (r->notes & TT_NOTE_DIR_GUESSED) != 0;
    w->client_state = r->client_after;
    w->server_state = r->server_after;
    /* What each side got and has not yet answered: the capture may end
     * before its answer. */
    tt_event ev[2];
    if (r->role == TT_ROLE_RESET || r->role == TT_ROLE_REFUSED)
        w->pending[0] = w->pending[1] = TT_EV_COUNT;
    else if (tt_result_edges(r, side, ev) > 0)
        w->pending[side] = TT_EV_COUNT;
    if (r->notes3 & TT_NOTE3_NO_OWN_SYN)
        w->pending[side] = PENDING_NO_OWN_SYN;
    if (r->notes & TT_NOTE_SYN_PENDING)
        w->pending[!side] = TT_EV_RCV_SYN;
    if (r->notes & TT_NOTE_SYNACK_PENDING)
        w->pending[!side] = TT_EV_RCV_SYNACK;
    if (r->notes & TT_NOTE_FIN_PENDING)
        w->pending[!side] = TT_EV_RCV_FIN;
}

/* What the segment proves its sender sent and the peer received: its data
 * bytes, its FIN, its ACK of the peer's bytes. Relative numbers are used only
 * for a side whose SYN was captured (they count from its ISN). */
static void add_proof(tt_walk_stream *w, const tt_result *r, const tt_header *h, unsigned side)
{
    bool reset = r->role == TT_ROLE_RESET || r->role == TT_ROLE_REFUSED;
    if (reset || r->role == TT_ROLE_MALFORMED || r->role == TT_ROLE_ICMP_QUOTED ||
        (r->notes3 & TT_NOTE3_BEYOND_WINDOW) || (r->notes2 & TT_NOTE2_CAPTURE_DUP))
        return;
    /* Wireshark saw a hole: this sender's previous segment, or bytes of the
     * sender this segment acknowledges, were not captured. */
    if (r->analysis & TT_AN_LOST_SEGMENT)
        w->gap[side] = true;
    if (r->analysis & TT_AN_ACK_LOST_SEGMENT)
        w->gap[!side] = true;
    bool syn = (h->flags & TT_SYN) != 0;
    if ((w->syns >> side) & 1u) {
        /* A SYN takes number 0 itself: its data are 1..len. */
        uint32_t first = r->rel_seq + (syn ? 1 : 0), end = first + r->payload_len - 1;
        /* A resend that also carries bytes never sent before: those are new. */
        if ((r->notes & TT_NOTE_RETRANSMISSION) && r->payload_len > 0 && end > w->data_hi[side])
            w->bytes[side] += end - (w->data_hi[side] >= first ? w->data_hi[side] : first - 1);
        if (r->payload_len > 0 && end > w->data_hi[side])
            w->data_hi[side] = end;
        if (h->flags & TT_FIN) {
            w->fin_at[side] = r->rel_seq + r->payload_len + (syn ? 1 : 0);
            w->has_fin[side] = true;
        }
    }
    if (h->flags & TT_FIN)
        w->fin_index[side] = r->index;
    unsigned peer = !side;
    if ((h->flags & TT_ACK) && ((w->syns >> peer) & 1u) && r->rel_ack > 0 &&
        r->rel_ack - 1 > w->acked_hi[peer]) {
        w->acked_hi[peer] = r->rel_ack - 1;
        w->acked_index[peer] = r->index;
    }
}

void tt_walk_add_header(tt_walk_stream *w, const tt_result *r, const tt_header *h)
{
    unsigned side = r->dir == TT_DIR_C2S ? 0 : 1;
    bool reset = r->role == TT_ROLE_RESET || r->role == TT_ROLE_REFUSED;
    /* A FIN the peer answered with a reset, not with the ACK that ends the
     * close: the last FIN sent, not yet acknowledged, when the RST came. */
    unsigned peer = !side;
    if (reset && w->fin_index[peer] != 0 && w->fin_rst[peer] == 0 &&
        !(w->has_fin[peer] && w->acked_hi[peer] >= w->fin_at[peer]))
        w->fin_rst[peer] = r->index;
    tt_walk_add(w, r);
    add_proof(w, r, h, side);
    if ((h->flags & TT_URG) && r->payload_len > 0 && !reset && w->urgent_index[side] == 0)
        w->urgent_index[side] = r->index;
    bool syn = r->role == TT_ROLE_HANDSHAKE_1 || r->role == TT_ROLE_HANDSHAKE_2 ||
               r->role == TT_ROLE_SIMULTANEOUS_OPEN;
    if (syn && (h->flags & TT_SYN) && !(h->flags & TT_ACK) && (h->flags & TT_ECE) &&
        (h->flags & TT_CWR) && w->ecn == TT_WALK_ECN_NONE)
        w->ecn = TT_WALK_ECN_OFFERED;
    /* The answer to the offer: ECE set in the SYN+ACK (RFC 3168, 6.1.1). */
    if (syn && (h->flags & TT_SYN) && (h->flags & TT_ACK) && (r->peer_syn & TT_PEER_SYN_ECN))
        w->ecn =
            (h->flags & (TT_ECE | TT_CWR | TT_AE)) ? TT_WALK_ECN_ACCEPTED : TT_WALK_ECN_DECLINED;
    if (!syn || !(h->flags & TT_SYN) || w->ws_offer[side] != TT_OFFER_NO_SYN)
        return;
    int shift = tt_syn_wscale(h);
    w->ws_offer[side] = shift == TT_WSO_CUT      ? TT_OFFER_CUT
                        : shift == TT_WSO_ABSENT ? TT_OFFER_ABSENT
                                                 : (int8_t)(shift > 127 ? 127 : shift);
}

void tt_walk_add_icmp(tt_walk_stream *w, const tt_result *r, const tt_header *h, uint32_t frame)
{
    /* Only an error about the client's SYN while it waits in SYN-SENT. */
    if (r->role != TT_ROLE_ICMP_QUOTED || (r->notes2 & TT_NOTE2_NO_CONN) || r->dir != TT_DIR_C2S ||
        r->client_after != TT_ST_SYN_SENT || tt_icmp_kind_of(r) == TT_ICMP_UNKNOWN ||
        tt_icmp_kind_of(r) == TT_ICMP_OTHER)
        return;
    w->icmp_frame = frame;
    w->icmp_port = h->caplen >= 4 ? h->dport : 0;
    w->icmp = *r;
}

size_t tt_walk_title(const tt_walk_stream *w, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_msg(&b, lang, TT_M_W_TITLE, (unsigned)w->stream);
    return b.len;
}

size_t tt_walk_who(const tt_walk_stream *w, const char *client, const char *server, tt_lang lang,
                   char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    /* A guess names its rule, as the segments' own notes do (tt_guess). */
    static const tt_msg guessed[] = {TT_M_W_WHO_GUESSED, TT_M_W_WHO_GUESSED_WELL_KNOWN,
                                     TT_M_W_WHO_GUESSED_EPHEMERAL, TT_M_W_WHO_GUESSED_FIRST};
    const tt_walk_stream *c = tt_walk_captured(w); /* who is who: from the whole capture */
    tt_msg id = c->guessed                          ? guessed[c->guess & 3u]
                : (c->synack_first && !c->syn_seen) ? TT_M_W_WHO_SYNACK
                                                    : TT_M_W_WHO;
    tt_sb_msg(&b, lang, id, client, server);
    return b.len;
}

const char *tt_walk_state(uint8_t st)
{
    return tt_state_name((tt_state)(st < TT_ST_COUNT ? st : TT_ST_CLOSED));
}

/* A state in a sentence: the RFC's name, with the textbook's in Chinese. */
static const char *state_words(uint8_t st, tt_lang lang)
{
    return tt_explain_state(lang, st < TT_ST_COUNT ? st : TT_ST_CLOSED);
}

/* "A -> B" or "stays A". */
/* The state a corrected side really had before this segment's own move
 * (a crossing SYN shows CLOSED, then its SYN moves it on). */
static uint8_t corrected_base(const tt_result *r, unsigned side)
{
    tt_event ev[2];
    if (tt_result_edges(r, side, ev) > 0 && (r->notes & TT_NOTE_WAS_OPENING))
        return TT_ST_CLOSED;
    return side == 0 ? r->client_after : r->server_after;
}

static void state_change(tt_sb *b, const tt_result *r, unsigned side, tt_lang lang)
{
    uint8_t before = side == 0 ? r->client_before : r->server_before;
    uint8_t after = side == 0 ? r->client_after : r->server_after;
    if (tt_result_corrected(r, side)) {
        uint8_t base = corrected_base(r, side);
        if (base == after)
            tt_sb_msg(b, lang, TT_M_W_STATE_FIXED, state_words(before, lang),
                      state_words(after, lang));
        else
            tt_sb_msg(b, lang, TT_M_W_STATE_FIXED_MOVE, state_words(before, lang),
                      state_words(base, lang), state_words(after, lang));
        return;
    }
    if (before == after)
        tt_sb_msg(b, lang, TT_M_W_STATE_SAME, state_words(after, lang));
    else
        tt_sb_msg(b, lang, TT_M_W_STATE_CHANGE, state_words(before, lang),
                  state_words(after, lang));
}

/* The numbers as they are on the wire (the capture's own ISNs). */
static void raw_numbers(tt_sb *b, const tt_result *r, const tt_header *h, tt_lang lang)
{
    if (h->caplen < 12 || h->absolute) /* absolute numbers are the raw ones */
        return;
    char seq[32], ack[16];
    if (r->payload_len > 0)
        snprintf(seq, sizeof seq, "%" PRIu32 "..%" PRIu32, h->seq, h->seq + r->payload_len - 1);
    else
        snprintf(seq, sizeof seq, "%" PRIu32, h->seq);
    snprintf(ack, sizeof ack, "%" PRIu32, h->ack);
    if ((h->flags & TT_SYN) && r->payload_len > 0) {
        /* The SYN takes the ISN; its data follows (RFC 9293 section 3.4). */
        char isn[16], data[32];
        snprintf(isn, sizeof isn, "%" PRIu32, h->seq);
        snprintf(data, sizeof data, "%" PRIu32 "..%" PRIu32, h->seq + 1u, h->seq + r->payload_len);
        if (h->flags & TT_ACK)
            tt_sb_msg(b, lang, TT_M_W_RAW_SYN_DATA, isn, data, ack);
        else
            tt_sb_msg(b, lang, TT_M_W_RAW_SYN_DATA_NOACK, isn, data);
    } else if (h->flags & TT_ACK)
        tt_sb_msg(b, lang, TT_M_W_RAW, seq, ack);
    else
        tt_sb_msg(b, lang, TT_M_W_RAW_NOACK, seq);
    tt_sb_msg(b, lang, TT_M_W_SENTENCE_SEP);
}

size_t tt_walk_paragraph(const tt_result *r, const tt_header *h, uint32_t frame, const char *when,
                         tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    const char *dir = tt_msg_text(lang, r->dir == TT_DIR_C2S ? TT_M_W_C2S : TT_M_W_S2C);
    char label[128];
    tt_walk_role_label(r, lang, label, sizeof label);
    tt_sb_msg(&b, lang, TT_M_W_SEGMENT, (unsigned)r->index, (unsigned)frame, when, dir, label);
    char summary[TT_SUMMARY_MAX];
    tt_explain_summary(r, h, lang, summary, sizeof summary);
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    tt_sb_raw(&b, "%s", summary);
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    raw_numbers(&b, r, h, lang);
    char client[256], server[256];
    tt_sb c, s;
    tt_sb_init(&c, client, sizeof client);
    tt_sb_init(&s, server, sizeof server);
    state_change(&c, r, 0, lang);
    state_change(&s, r, 1, lang);
    tt_sb_msg(&b, lang, TT_M_W_STATES, client, server);
    return b.len;
}

/* Handshake steps (bits) as a list: "1, 3"; returns how many. */
static unsigned step_list(uint8_t bits, tt_lang lang, char *buf, size_t n)
{
    tt_sb s;
    tt_sb_init(&s, buf, n);
    unsigned count = 0;
    for (unsigned i = 0; i < 3; i++) {
        if (bits & (1u << i)) {
            tt_sb_raw(&s, "%s%u", s.len ? tt_msg_text(lang, TT_M_LIST_SEP) : "", i + 1);
            count++;
        }
    }
    return count;
}

static void closing_handshake(tt_sb *b, const tt_walk_stream *w, tt_lang lang)
{
    const tt_walk_stream *c = tt_walk_captured(w);
    uint8_t hidden = (uint8_t)(c->handshake & ~w->handshake);
    if (hidden != 0 && c->roles[TT_ROLE_SIMULTANEOUS_OPEN] == 0) {
        /* The capture holds handshake steps a filter left out. */
        char shown[16], out[16];
        step_list(w->handshake, lang, shown, sizeof shown);
        step_list(hidden, lang, out, sizeof out);
        if (w->handshake != 0)
            tt_sb_msg(b, lang, TT_M_W_HS_VIEW, shown, out);
        else
            tt_sb_msg(b, lang, TT_M_W_HS_VIEW_NONE, out);
        return;
    }
    if (w->roles[TT_ROLE_REFUSED] > 0 && !(w->handshake & 0x2)) {
        tt_sb_msg(b, lang, TT_M_W_HS_REFUSED);
    } else if (w->roles[TT_ROLE_SIMULTANEOUS_OPEN] > 0) {
        tt_sb_msg(b, lang, TT_M_W_HS_SIMOPEN);
    } else if (w->handshake == 0x7) {
        tt_sb_msg(b, lang, TT_M_W_HS_COMPLETE);
    } else if (w->handshake != 0) {
        char steps[16];
        unsigned count = step_list(w->handshake, lang, steps, sizeof steps);
        tt_sb_msg(b, lang, count == 1 ? TT_M_W_HS_PARTIAL_ONE : TT_M_W_HS_PARTIAL, steps);
    } else {
        tt_sb_msg(b, lang, TT_M_W_HS_NONE);
    }
}

/* The client's SYN got an ICMP error and nothing else: no SYN+ACK, no
 * reset, the client still in SYN-SENT at the end. */
static bool icmp_ended(const tt_walk_stream *w)
{
    return w->icmp_frame != 0 && !(w->handshake & 0x2) && w->client_state == TT_ST_SYN_SENT &&
           w->roles[TT_ROLE_SIMULTANEOUS_OPEN] == 0;
}

static void closing_icmp(tt_sb *b, const tt_walk_stream *w, tt_lang lang)
{
    const tt_result *r = &w->icmp;
    const char *who = r->notes2 & TT_NOTE2_ICMP_FROM_DEST   ? tt_msg_text(lang, TT_M_ICMP_FROM_DEST)
                      : r->notes2 & TT_NOTE2_ICMP_FROM_PATH ? tt_msg_text(lang, TT_M_ICMP_FROM_PATH)
                                                            : "";
    tt_sb_msg(b, lang, TT_M_W_END_ICMP, tt_icmp_name(r, lang), (unsigned)w->icmp_frame, who);
    bool refused = tt_icmp_kind_of(r) == TT_ICMP_HARD && (r->notes2 & TT_NOTE2_ICMP_FROM_DEST);
    switch (tt_icmp_kind_of(r)) {
    case TT_ICMP_HARD:
        if (refused && r->icmp_code == (r->notes2 & TT_NOTE2_ICMP4 ? 3 : 4))
            tt_sb_msg(b, lang, TT_M_W_END_ICMP_NO_LISTENER, (unsigned)w->icmp_port);
        else
            tt_sb_msg(b, lang, TT_M_W_END_ICMP_HARD);
        break;
    case TT_ICMP_SOFT:
        tt_sb_msg(b, lang, TT_M_W_END_ICMP_SOFT);
        break;
    default:
        tt_sb_msg(b, lang, TT_M_W_END_ICMP_PMTU);
        break;
    }
}

static void closing_end(tt_sb *b, const tt_walk_stream *w, tt_lang lang)
{
    const char *cs = state_words(w->client_state, lang), *ss = state_words(w->server_state, lang);
    bool closed = (w->client_state == TT_ST_CLOSED || w->client_state == TT_ST_TIME_WAIT) &&
                  (w->server_state == TT_ST_CLOSED || w->server_state == TT_ST_TIME_WAIT);
    if (w->roles[TT_ROLE_REFUSED] > 0)
        tt_sb_msg(b, lang, TT_M_W_END_REFUSED);
    else if (w->roles[TT_ROLE_RESET] > 0 && w->rst_bad_ack != 0 &&
             w->client_state == TT_ST_SYN_SENT && !(w->handshake & 0x2)) {
        /* The client's RST answered an unacceptable ACK: it stays SYN-SENT. */
        tt_sb_msg(b, lang, TT_M_W_END_RST_BAD_ACK, (unsigned)w->rst_bad_ack);
        return;
    } else if (w->roles[TT_ROLE_RESET] > 0 && (w->fin_rst[0] != 0 || w->fin_rst[1] != 0)) {
        unsigned side = w->fin_rst[0] != 0 ? 0 : 1;
        tt_sb_msg(b, lang, TT_M_W_END_RESET_FIN,
                  tt_msg_text(lang, side == 0 ? TT_M_CLIENT : TT_M_SERVER),
                  (unsigned)w->fin_index[side], (unsigned)w->fin_rst[side]);
    } else if (w->roles[TT_ROLE_RESET] > 0)
        tt_sb_msg(b, lang,
                  w->reset_in_flight ? TT_M_W_END_RESET
                  : w->reset_unseen  ? TT_M_W_END_RESET_UNSEEN
                                     : TT_M_W_END_RESET_NONE_OUT);
    else if (w->fin_seen && closed && w->roles[TT_ROLE_SIMULTANEOUS_CLOSE] > 0) {
        tt_sb_msg(b, lang, TT_M_W_END_SIMCLOSE);
        /* Its first FIN looked like an ordinary active close when seen. */
        if (w->first_fin != 0)
            tt_sb_msg(b, lang, TT_M_W_END_SIMCLOSE_FIRST, (unsigned)w->first_fin);
    } else if (w->fin_seen && closed && w->roles[TT_ROLE_TEARDOWN_2_3] > 0)
        tt_sb_msg(b, lang, TT_M_W_END_MERGED);
    else if (w->fin_seen && closed)
        tt_sb_msg(b, lang, TT_M_W_END_FOUR);
    else if (w->fin_seen)
        tt_sb_msg(b, lang, TT_M_W_END_CLOSING, cs, ss);
    else if (icmp_ended(w)) {
        closing_icmp(b, w, lang);
        return;
    } else if (w->syn_seen && !(w->handshake & 0x2) && w->client_state == TT_ST_SYN_SENT &&
               w->roles[TT_ROLE_SIMULTANEOUS_OPEN] == 0 && w->sent[1] == 0) {
        /* Nothing of the server: no evidence that it got the SYN at all. */
        tt_sb_msg(b, lang, TT_M_W_END_NO_ANSWER);
        return;
    } else if (w->client_state <= TT_ST_SYN_RECEIVED && w->server_state <= TT_ST_SYN_RECEIVED &&
               w->proves_index == 0)
        tt_sb_msg(b, lang, TT_M_W_END_NOT_EST, cs, ss);
    else
        tt_sb_msg(b, lang, TT_M_W_END_OPEN, cs, ss);
    if (w->proves_index != 0) {
        /* An ACK proves what the states, moved only by captured segments,
         * do not show. */
        unsigned by = w->proves_side;
        tt_sb_msg(b, lang, TT_M_W_END_PROVES_EST,
                  tt_msg_text(lang, by == 0 ? TT_M_CLIENT : TT_M_SERVER), (unsigned)w->proves_index,
                  tt_msg_text(lang, by == 0 ? TT_M_SERVER : TT_M_CLIENT),
                  (unsigned)w->proves_bytes);
    }
    /* A move whose segment the capture does not hold: the state stays. */
    static const char *const got[TT_EV_COUNT] = {
        [TT_EV_RCV_SYN] = "SYN",
        [TT_EV_RCV_SYNACK] = "SYN+ACK",
        [TT_EV_RCV_FIN] = "FIN",
    };
    for (unsigned side = 0; side < 2; side++) {
        uint8_t ev = w->pending[side], st = side == 0 ? w->client_state : w->server_state;
        if (ev == PENDING_NO_OWN_SYN && st < TT_ST_COUNT)
            tt_sb_msg(b, lang, TT_M_W_END_NO_OWN_SYN,
                      tt_msg_text(lang, side == 0 ? TT_M_CLIENT : TT_M_SERVER),
                      state_words(st, lang));
        if (ev >= TT_EV_COUNT || got[ev] == NULL || st >= TT_ST_COUNT ||
            (w->proves_index != 0 && side != w->proves_side))
            continue;
        tt_state to = tt_state_next((tt_state)st, (tt_event)ev);
        if (to == TT_ST_COUNT)
            continue;
        tt_sb_msg(b, lang, TT_M_W_END_PENDING,
                  tt_msg_text(lang, side == 0 ? TT_M_CLIENT : TT_M_SERVER), got[ev],
                  state_words(st, lang), state_words((uint8_t)to, lang));
    }
}

/* A count in words: message `one` for 1, `many` (which takes the number)
 * otherwise. */
static void count_msg(tt_sb *b, tt_lang lang, uint32_t n, tt_msg one, tt_msg many)
{
    if (n == 1)
        tt_sb_msg(b, lang, one);
    else
        tt_sb_msg(b, lang, many, (unsigned)n);
}

/* "1 chunk", "3 chunks". */
static void chunk_count(char *out, size_t n, uint32_t chunks, tt_lang lang)
{
    tt_sb b;
    tt_sb_init(&b, out, n);
    count_msg(&b, lang, chunks, TT_M_W_CHUNKS_ONE, TT_M_W_CHUNKS);
}

static const char *side_name(unsigned side, tt_lang lang)
{
    return tt_msg_text(lang, side == 0 ? TT_M_CLIENT : TT_M_SERVER);
}

/* The data bytes a side's captured segments and its FIN prove it sent
 * (relative 1..N), whether or not the capture holds them. */
static uint64_t proven_bytes(const tt_walk_stream *w, unsigned side)
{
    if (!w->gap[side])
        return 0;
    uint32_t hi = w->data_hi[side];
    if (w->has_fin[side] && w->fin_at[side] > 0 && w->fin_at[side] - 1 > hi)
        hi = w->fin_at[side] - 1;
    return hi;
}

/* Bytes a side sent that the capture missed: how many, and what shows they
 * were sent (the peer's ACK, which also shows they arrived, or its FIN). */
static void closing_missed(tt_sb *b, const tt_walk_stream *w, unsigned side, uint64_t sent,
                           tt_lang lang)
{
    if (sent <= w->bytes[side] || sent != proven_bytes(w, side))
        return;
    uint64_t missed = sent - w->bytes[side];
    char all[24], gap[24];
    snprintf(all, sizeof all, "%" PRIu64, sent);
    snprintf(gap, sizeof gap, "%" PRIu64, missed);
    const char *who = side_name(side, lang);
    if (missed == sent)
        tt_sb_msg(b, lang, TT_M_W_MISSED_ALL, who, all, all);
    else
        tt_sb_msg(b, lang, TT_M_W_MISSED_SOME, gap, who, all, all);
    if (w->acked_hi[side] >= sent && w->acked_index[side] != 0)
        tt_sb_msg(b, lang, TT_M_W_MISSED_ACKED, side_name(!side, lang),
                  (unsigned)w->acked_index[side]);
    else if (w->has_fin[side] && w->fin_at[side] - 1 == sent)
        tt_sb_msg(b, lang, TT_M_W_MISSED_FIN, (unsigned)w->fin_index[side]);
    else
        tt_sb_msg(b, lang, TT_M_W_MISSED_SEQ);
}

size_t tt_walk_closing(const tt_walk_stream *w, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    const tt_walk_stream *c = tt_walk_captured(w);
    bool part = tt_walk_filtered(w);
    if (part)
        tt_sb_msg(&b, lang, TT_M_W_SEGMENTS_VIEW, (unsigned)w->segments, (unsigned)c->segments);
    else
        count_msg(&b, lang, w->segments, TT_M_W_SEGMENTS_ONE, TT_M_W_SEGMENTS);
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    closing_handshake(&b, w, lang);
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    uint64_t sent[2];
    for (unsigned side = 0; side < 2; side++)
        sent[side] =
            w->bytes[side] > proven_bytes(w, side) ? w->bytes[side] : proven_bytes(w, side);
    char cb[24], sb[24];
    snprintf(cb, sizeof cb, "%" PRIu64, sent[0]);
    snprintf(sb, sizeof sb, "%" PRIu64, sent[1]);
    char cc[32], sc[32];
    chunk_count(cc, sizeof cc, w->chunks[0], lang);
    chunk_count(sc, sizeof sc, w->chunks[1], lang);
    tt_sb_msg(&b, lang, TT_M_W_DATA, cb, cc, sb, sc);
    for (unsigned side = 0; side < 2; side++) {
        closing_missed(&b, w, side, sent[side], lang);
        if (w->dropped[side] > 0)
            tt_sb_msg(&b, lang, TT_M_W_DROPPED, side_name(side, lang), (unsigned)w->dropped[side],
                      (unsigned)w->dropped_index, side_name(!side, lang));
    }
    if (w->ecn == TT_WALK_ECN_ACCEPTED || w->ecn == TT_WALK_ECN_DECLINED)
        tt_sb_msg(&b, lang,
                  w->ecn == TT_WALK_ECN_ACCEPTED ? TT_M_W_ECN_ACCEPTED : TT_M_W_ECN_DECLINED);
    else if (w->ecn == TT_WALK_ECN_OFFERED)
        tt_sb_msg(&b, lang, TT_M_W_ECN_OFFERED);
    for (unsigned side = 0; side < 2; side++)
        if (w->urgent_index[side] != 0)
            tt_sb_msg(&b, lang, TT_M_W_URGENT, side_name(side, lang),
                      (unsigned)w->urgent_index[side]);
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    if (w->retransmissions > 0)
        count_msg(&b, lang, w->retransmissions, TT_M_W_RETRANS_ONE, TT_M_W_RETRANS);
    else
        tt_sb_msg(&b, lang, TT_M_W_NO_RETRANS);
    if (w->zero_windows > 0) {
        tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
        count_msg(&b, lang, w->zero_windows, TT_M_W_ZERO_WINDOW_ONE, TT_M_W_ZERO_WINDOW);
    }
    if (w->malformed > 0) {
        tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
        count_msg(&b, lang, w->malformed, TT_M_W_MALFORMED_ONE, TT_M_W_MALFORMED);
    }
    tt_sb_msg(&b, lang, TT_M_W_SENTENCE_SEP);
    if (part && w->last_index != c->last_index) {
        /* The view stops before the stream does: its end is not this one's. */
        tt_sb_msg(&b, lang, TT_M_W_END_VIEW, (unsigned)w->last_index,
                  state_words(w->client_state, lang), state_words(w->server_state, lang));
    } else if (part) {
        /* The same end as the whole stream's, told from all its segments
         * (the answers a filter left out included), with this view's ICMP
         * error. */
        tt_walk_stream end = *c;
        end.icmp_frame = w->icmp_frame;
        end.icmp_port = w->icmp_port;
        end.icmp = w->icmp;
        closing_end(&b, &end, lang);
    } else {
        closing_end(&b, w, lang);
    }
    return b.len;
}

size_t tt_walk_outcome(const tt_walk_stream *w, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    const tt_walk_stream *c = tt_walk_captured(w);
    const char *sep = tt_msg_text(lang, TT_M_IX_SEP);
    bool refused = c->roles[TT_ROLE_REFUSED] > 0 && !(c->handshake & 0x2);
    if (!refused) {
        tt_sb_msg(&b, lang,
                  c->roles[TT_ROLE_SIMULTANEOUS_OPEN] > 0 ? TT_M_IX_OPEN_SIM
                  : c->handshake == 0x7                   ? TT_M_IX_OPEN_FULL
                  : c->handshake != 0                     ? TT_M_IX_OPEN_PART
                                                          : TT_M_IX_OPEN_NONE);
        char cb[24], sb[24];
        snprintf(cb, sizeof cb, "%" PRIu64, c->bytes[0]);
        snprintf(sb, sizeof sb, "%" PRIu64, c->bytes[1]);
        if (c->bytes[0] > 0 || c->bytes[1] > 0) {
            tt_sb_raw(&b, "%s", sep);
            tt_sb_msg(&b, lang, TT_M_IX_DATA, cb, sb);
        }
        if (c->retransmissions > 0) {
            tt_sb_raw(&b, "%s", sep);
            tt_sb_msg(&b, lang, TT_M_IX_RETRANS, (unsigned)c->retransmissions);
        }
        tt_sb_raw(&b, "%s", sep);
    }
    bool closed = (c->client_state == TT_ST_CLOSED || c->client_state == TT_ST_TIME_WAIT) &&
                  (c->server_state == TT_ST_CLOSED || c->server_state == TT_ST_TIME_WAIT);
    tt_msg end = TT_M_IX_END_OPEN;
    if (c->roles[TT_ROLE_REFUSED] > 0)
        end = TT_M_IX_END_REFUSED;
    else if (c->roles[TT_ROLE_RESET] > 0)
        end = TT_M_IX_END_RESET;
    else if (c->fin_seen && closed && c->roles[TT_ROLE_SIMULTANEOUS_CLOSE] > 0)
        end = TT_M_IX_END_SIMCLOSE;
    else if (c->fin_seen && closed && c->roles[TT_ROLE_TEARDOWN_2_3] > 0)
        end = TT_M_IX_END_MERGED;
    else if (c->fin_seen && closed)
        end = TT_M_IX_END_FOUR;
    else if (c->fin_seen)
        end = TT_M_IX_END_CLOSING;
    else if (w->icmp_frame != 0 && !(c->handshake & 0x2) && c->client_state == TT_ST_SYN_SENT)
        end = TT_M_IX_END_ICMP;
    else if (c->client_state <= TT_ST_SYN_RECEIVED && c->server_state <= TT_ST_SYN_RECEIVED &&
             c->proves_index == 0)
        end = TT_M_IX_END_NOT_EST;
    tt_sb_msg(&b, lang, end);
    return b.len;
}

/* The flags, lowest bit first, with tcpdump's letters. */
static const struct flag_letter {
    uint16_t mask;
    char letter;
} flag_letters[] = {
#define TT_FLAG(id, mask, byte, token, letter, name, on, off) {mask, letter},
#include "flags.def"
};

#define N_FLAG_LETTERS (sizeof flag_letters / sizeof flag_letters[0])

size_t tt_walk_flags(uint16_t flags, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    char text[N_FLAG_LETTERS + 2];
    size_t k = 0;
    text[k++] = '[';
    for (size_t i = N_FLAG_LETTERS; i-- > 0;) {
        if ((flags & flag_letters[i].mask) && flag_letters[i].letter != '\0')
            text[k++] = flag_letters[i].letter;
    }
    text[k++] = ']';
    tt_sb_raw(&b, "%.*s", (int)k, text);
    return b.len;
}

size_t tt_walk_role_label(const tt_result *r, tt_lang lang, char *buf, size_t n)
{
    char label[128];
    tt_explain_label(r, lang, label, sizeof label);
    /* "[Data #2] (retransmission)" -> "Data #2 (retransmission)" */
    const char *text = label[0] == '[' ? label + 1 : label;
    const char *close = strchr(text, ']');
    size_t head = close ? (size_t)(close - text) : strlen(text);
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_raw(&b, "%.*s%s", (int)head, text, close ? close + 1 : "");
    return b.len;
}

/* Wireshark's text Flow Graph (tshark -z flow, and the ASCII export of the
 * GUI's Flow Graph) keeps the first 20 characters (code points) of an arrow
 * label (NODE_CHARS_WIDTH in epan/sequence_analysis.c, 4.0 to 4.6); the GUI
 * elides a label at its right end when the arrow is too short. So the label
 * starts with what matters and fits in 20 characters. */
#define TT_FLOW_LABEL_CHARS 20

static size_t code_points(const char *s)
{
    return tt_utf8_count(s);
}

/* The role label, in a short form for the few that are longer than the
 * Flow Graph keeps: "Simult. close 2/4", "ACK + Data #3 (resent)". */
static void flow_role(const tt_result *r, tt_lang lang, char *buf, size_t n)
{
    tt_walk_role_label(r, lang, buf, n);
    if (code_points(buf) <= TT_FLOW_LABEL_CHARS)
        return;
    char base[128];
    tt_sb b;
    tt_sb_init(&b, base, sizeof base);
    unsigned step = r->steps[0] != 0 ? r->steps[0] : tt_role_step((tt_role)r->role);
    bool simopen = r->role == TT_ROLE_SIMULTANEOUS_OPEN;
    switch (r->role) {
    case TT_ROLE_SIMULTANEOUS_OPEN:
    case TT_ROLE_SIMULTANEOUS_CLOSE:
        if (step >= 1 && step <= 4)
            tt_sb_msg(&b, lang, simopen ? TT_M_MENU_FLOW_SIMOPEN : TT_M_MENU_FLOW_SIMCLOSE, step);
        else
            tt_sb_msg(&b, lang, simopen ? TT_M_LBL_SIMOPEN : TT_M_LBL_SIMCLOSE);
        if ((r->notes & TT_NOTE_CARRIES_DATA) && r->chunk > 0)
            tt_sb_msg(&b, lang, TT_M_LBL_PLUS_DATA, (unsigned)r->chunk);
        break;
    case TT_ROLE_DATA_PIGGYBACK:
        if (r->chunk > 0)
            tt_sb_msg(&b, lang, TT_M_MENU_FLOW_PIGGY, (unsigned)r->chunk);
        break;
    case TT_ROLE_ZERO_WINDOW_PROBE_ACK:
        tt_sb_msg(&b, lang, TT_M_MENU_FLOW_ZWP_ACK);
        break;
    default:
        break;
    }
    bool resent = (r->notes & TT_NOTE_RETRANSMISSION) != 0;
    if (b.len == 0) {
        /* No short form of the role itself: the label with a shorter
         * retransmission note, if that is what makes it long. */
        const char *note = tt_msg_text(lang, TT_M_LBL_RETRANS);
        size_t len = strlen(buf), nl = strlen(note);
        if (resent && len >= nl && strcmp(buf + len - nl, note) == 0)
            tt_sb_raw(&b, "%.*s", (int)(len - nl), buf);
        else
            return; /* nothing shorter to say: the caller cuts it */
    }
    if (resent)
        tt_sb_msg(&b, lang, TT_M_MENU_FLOW_RESENT);
    tt_sb out;
    tt_sb_init(&out, buf, n);
    tt_sb_raw(&out, "%s", base);
}

/* Appends `text` cut to `max` characters: a cut text ends in "..." (one
 * character, U+2026) and never in the middle of a number, so no cut label
 * shows a wrong number. */
static void put_cut(tt_sb *b, const char *text, size_t max)
{
    if (code_points(text) <= max) {
        tt_sb_raw(b, "%s", text);
        return;
    }
    /* The longest prefix of max - 1 characters... */
    size_t end = 0, chars = 0;
    while (text[end] != '\0' && chars < max - 1) {
        end++;
        while (tt_utf8_cont((unsigned char)text[end]))
            end++;
        chars++;
    }
    /* ...that does not end inside a word holding a digit. */
    size_t word = end;
    while (word > 0 && text[word - 1] != ' ')
        word--;
    bool digits = false;
    for (size_t i = word; text[i] != '\0' && text[i] != ' '; i++)
        digits = digits || (text[i] >= '0' && text[i] <= '9');
    if (digits && text[end] != ' ' && text[end] != '\0')
        end = word;
    while (end > 0 && text[end - 1] == ' ')
        end--;
    tt_sb_raw(b, "%.*s\xe2\x80\xa6", (int)end, text);
}

size_t tt_walk_flow_label(const tt_result *r, const tt_header *h, tt_lang lang, char *buf, size_t n)
{
    char role[160], flags[16];
    flow_role(r, lang, role, sizeof role);
    tt_walk_flags(h->flags, flags, sizeof flags);
    bool has_flags = strcmp(flags, "[]") != 0;
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (has_flags && code_points(role) + 1 + code_points(flags) <= TT_FLOW_LABEL_CHARS)
        tt_sb_raw(&b, "%s %s", role, flags);
    else
        put_cut(&b, role, TT_FLOW_LABEL_CHARS);
    return b.len;
}

/* seq and ack as tcpdump prints them. */
static void seq_ack(tt_sb *b, const tt_result *r, const tt_header *h)
{
    bool syn_fin = (h->flags & (TT_SYN | TT_FIN)) != 0;
    uint32_t seq = tt_shown_seq(r, h);
    if (r->payload_len > 0 && (h->flags & TT_SYN)) /* the SYN takes seq, its data follows */
        tt_sb_raw(b, "seq %" PRIu32 " data %" PRIu32 ":%" PRIu32, seq, seq + 1u,
                  seq + 1u + r->payload_len);
    else if (r->payload_len > 0)
        tt_sb_raw(b, "seq %" PRIu32 ":%" PRIu32, seq, seq + r->payload_len);
    else if (syn_fin || !(h->flags & TT_ACK))
        tt_sb_raw(b, "seq %" PRIu32, seq);
    if (h->flags & TT_ACK)
        tt_sb_raw(b, b->len ? " ack %" PRIu32 : "ack %" PRIu32, tt_shown_ack(r, h));
}

size_t tt_walk_seq_ack(const tt_result *r, const tt_header *h, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    seq_ack(&b, r, h);
    return b.len;
}

size_t tt_walk_numbers(const tt_result *r, const tt_header *h, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    seq_ack(&b, r, h);
    /* The window when it tells something: 0, or a window update. */
    bool window_news = r->role == TT_ROLE_WINDOW_UPDATE || r->role == TT_ROLE_ZERO_WINDOW_PROBE_ACK;
    if (h->caplen >= 16 && !(h->flags & (TT_RST | TT_SYN)) && (h->window == 0 || window_news))
        tt_sb_raw(&b, b.len ? " win %u" : "win %u", (unsigned)h->window);
    return b.len;
}

static bool wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
           (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
           (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
}

size_t tt_display_width(const char *utf8)
{
    size_t width = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        uint32_t c;
        p += tt_utf8_next(p, &c);
        width += wide(c) ? 2 : 1;
    }
    return width;
}

/* Appends `text` cut to at most `cols` columns; returns the columns used. */
static size_t put_cols(tt_sb *b, const char *text, size_t cols)
{
    size_t used = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        uint32_t c;
        size_t len = tt_utf8_next(p, &c);
        size_t w = wide(c) ? 2 : 1;
        if (used + w > cols)
            break;
        used += w;
        p += len;
    }
    /* the characters that fit, in one piece */
    tt_sb_raw(b, "%.*s", (int)(p - (const unsigned char *)text), text);
    return used;
}

static void pad(tt_sb *b, size_t cols, char c)
{
    char run[TT_LADDER_WIDTH];
    while (cols > 0) {
        size_t k = cols < sizeof run ? cols : sizeof run;
        memset(run, c, k);
        tt_sb_raw(b, "%.*s", (int)k, run);
        cols -= k;
    }
}

/* Layout: frame number (5) + space, the client's state (12) + space, the
 * arrow between two bars (ARROW), a space and the server's state. */
enum { FRAME_COLS = 6, STATE_COLS = 12, ARROW = 64 };

/* A cell of `cols` columns: text cut or padded with spaces. */
static void cell(tt_sb *b, const char *text, size_t cols)
{
    pad(b, cols - put_cols(b, text, cols), ' ');
}

static size_t ladder_top(const tt_walk_stream *w, const char *client, const char *server,
                         tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    char cli[128], srv[128];
    tt_sb s;
    size_t left = STATE_COLS + 1 + ARROW + 2 + 1;
    tt_sb_init(&s, cli, sizeof cli);
    tt_sb_msg(&s, lang, TT_M_L_CLIENT, client);
    tt_sb_init(&s, srv, sizeof srv);
    tt_sb_msg(&s, lang, TT_M_L_SERVER, server);
    /* The client's name over its side, the server's ending at the right edge. */
    size_t room = TT_LADDER_WIDTH - FRAME_COLS;
    size_t sw = tt_display_width(srv);
    sw = sw > room / 2 ? room / 2 : sw;
    pad(&b, FRAME_COLS, ' ');
    cell(&b, cli, room - sw - 1);
    tt_sb_raw(&b, " ");
    put_cols(&b, srv, sw);
    tt_sb_raw(&b, "\n");
    pad(&b, FRAME_COLS, ' ');
    cell(&b, tt_walk_state(w->first_client_state), left);
    tt_sb_raw(&b, "%s", tt_walk_state(w->first_server_state));
    return b.len;
}

size_t tt_ladder_top(const tt_walk_stream *w, const char *client, const char *server, tt_lang lang,
                     char *buf, size_t n)
{
    return ladder_top(w, client, server, lang, buf, n);
}

size_t tt_ladder_top_rfc(const tt_walk_stream *w, const char *client, const char *server,
                         tt_lang lang, char *buf, size_t n)
{
    return ladder_top(w, client, server, lang, buf, n);
}

size_t tt_ladder_compose(uint32_t number, const char *client, bool c2s, const char *label,
                         const char *server, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    /* A number wider than its column takes room from the state. */
    char num[16];
    int used_cols = snprintf(num, sizeof num, "%5" PRIu32 " ", number);
    size_t extra = used_cols > FRAME_COLS ? (size_t)used_cols - FRAME_COLS : 0;
    tt_sb_raw(&b, "%s", num);
    cell(&b, client, STATE_COLS - extra);
    tt_sb_raw(&b, " |");
    tt_sb_raw(&b, c2s ? "-- " : "<- ");
    size_t used = put_cols(&b, label, ARROW - 6);
    tt_sb_raw(&b, " ");
    pad(&b, ARROW - 6 - used + (c2s ? 1 : 2), '-');
    tt_sb_raw(&b, c2s ? ">|" : "|");
    if (server[0] != '\0')
        tt_sb_raw(&b, " %s", server);
    return b.len;
}

size_t tt_ladder_line(const tt_result *r, const tt_header *h, uint32_t frame, tt_lang lang,
                      char *buf, size_t n)
{
    char label[256], flags[16], numbers[64], role[128];
    tt_walk_flags(h->flags, flags, sizeof flags);
    tt_walk_numbers(r, h, numbers, sizeof numbers);
    tt_explain_label(r, lang, role, sizeof role);
    snprintf(label, sizeof label, "%s%s%s %s", flags, numbers[0] ? " " : "", numbers, role);
    char st[2][24];
    for (unsigned side = 0; side < 2; side++) {
        uint8_t before = side == 0 ? r->client_before : r->server_before;
        uint8_t after = side == 0 ? r->client_after : r->server_after;
        /* A corrected state is starred: the line under it says so. */
        snprintf(st[side], sizeof st[side], "%s%s", before != after ? tt_walk_state(after) : "",
                 tt_result_corrected(r, side) ? "*" : "");
    }
    return tt_ladder_compose(frame, st[0], r->dir == TT_DIR_C2S, label, st[1], buf, n);
}

/* The ladder's compact form of the numbers, one piece a line (the arrow
 * leaves them 60 columns: tt_ladder_more puts as many on a line as fit). */
static void ladder_numbers(tt_sb *b, const tt_walk_seg *s, tt_lang lang)
{
    char num[48];
    tt_walk_time(s->t_us, num, sizeof num);
    tt_sb_msg(b, lang, TT_M_N_L_TIME, num);
    tt_sb_raw(b, "\n");
    const tt_header *h = s->h;
    bool readable = tt_walk_window_seen(h);
    uint64_t bytes;
    if (readable && !(h->flags & TT_RST)) {
        if (tt_walk_window_bytes(s, &bytes)) {
            snprintf(num, sizeof num, "%" PRIu64, bytes);
            tt_sb_msg(b, lang, TT_M_N_L_WIN, num);
        } else {
            tt_sb_msg(b, lang, TT_M_N_L_WIN_UNKNOWN, (unsigned)h->window);
        }
        tt_sb_raw(b, "\n");
    }
    if (s->has_rtt && !(s->r->notes2 & TT_NOTE2_KARN) && !(h->flags & TT_RST)) {
        tt_walk_ms(s->rtt_us, num, sizeof num);
        tt_sb_msg(b, lang, TT_M_N_L_RTT, num);
        tt_sb_raw(b, "\n");
    }
    if (s->has_flight) {
        tt_sb_msg(b, lang, TT_M_N_L_FLIGHT, (unsigned)s->flight);
        tt_sb_raw(b, "\n");
    }
    uint32_t blocks[4][2];
    unsigned count = readable ? tt_walk_sack(s, blocks, 4) : 0;
    for (unsigned i = 0; i < count; i++)
        tt_sb_raw(b, "  SACK %" PRIu32 "-%" PRIu32 "\n", blocks[i][0], blocks[i][1]);
    for (unsigned side = 0; side < 2; side++) {
        if (tt_result_corrected(s->r, side)) {
            tt_sb_msg(b, lang, TT_M_N_L_FIXED,
                      tt_walk_state(side == 0 ? s->r->client_before : s->r->server_before));
            tt_sb_raw(b, "\n");
        }
    }
}

/* One line between the two bars, with `text` (`len` bytes) in it. */
static void ladder_more_line(tt_sb *b, const char *text, size_t len)
{
    char piece[TT_LADDER_WIDTH * 4];
    snprintf(piece, sizeof piece, "%.*s", (int)len, text);
    pad(b, FRAME_COLS + STATE_COLS, ' ');
    tt_sb_raw(b, " |   ");
    size_t used = put_cols(b, piece, ARROW - 4);
    pad(b, ARROW - 3 - used, ' ');
    tt_sb_raw(b, "|");
}

size_t tt_ladder_more(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    char more[512];
    tt_sb m;
    tt_sb_init(&m, more, sizeof more);
    ladder_numbers(&m, s, lang);
    /* As many pieces on a line as fit; a piece that does not starts a
     * further line (without the spaces that separated it). */
    char line[TT_LADDER_WIDTH * 4] = "";
    size_t line_len = 0, line_cols = 0;
    bool lines = false;
    for (const char *p = more; *p != '\0';) {
        const char *end = strchr(p, '\n');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        char piece[TT_LADDER_WIDTH * 4];
        snprintf(piece, sizeof piece, "%.*s", (int)len, p);
        size_t cols = tt_display_width(piece);
        if (line_len > 0 && line_cols + cols > ARROW - 4) {
            if (lines)
                tt_sb_raw(&b, "\n");
            ladder_more_line(&b, line, line_len);
            lines = true;
            size_t spaces = strspn(piece, " ");
            memmove(piece, piece + spaces, strlen(piece + spaces) + 1);
            line_len = 0;
            line_cols = 0;
            cols = tt_display_width(piece);
        }
        size_t k = strlen(piece);
        if (line_len + k < sizeof line) {
            memcpy(line + line_len, piece, k);
            line_len += k;
            line_cols += cols;
        }
        p += len + (end != NULL);
    }
    if (lines)
        tt_sb_raw(&b, "\n");
    ladder_more_line(&b, line, line_len);
    return b.len;
}

/* Full-width punctuation that may not start a line, or not end one. */
static bool closing_mark(uint32_t c)
{
    return c == 0xff0c || c == 0x3002 || c == 0xff1a || c == 0xff1b || c == 0xff09 || c == 0x3001 ||
           c == 0xff01 || c == 0xff1f || c == 0x300b || c == 0x201d;
}

static bool opening_mark(uint32_t c)
{
    return c == 0xff08 || c == 0x300a || c == 0x201c;
}

/* The next piece that a line break may not split: a word with its trailing
 * space, or a wide character with the punctuation that clings to it. */
static const unsigned char *next_piece(const unsigned char *p, size_t *width)
{
    uint32_t c;
    size_t len = tt_utf8_next(p, &c);
    *width = 0;
    if (!wide(c) && !opening_mark(c)) {
        while (*p) {
            len = tt_utf8_next(p, &c);
            if (wide(c) || opening_mark(c))
                break;
            p += len;
            *width += 1;
            if (c == ' ')
                break;
        }
        return p;
    }
    while (opening_mark(c) && p[len]) { /* an opening bracket stays with what follows */
        *width += wide(c) ? 2 : 1;
        p += len;
        len = tt_utf8_next(p, &c);
    }
    *width += wide(c) ? 2 : 1;
    p += len;
    while (*p) {
        len = tt_utf8_next(p, &c);
        if (!closing_mark(c))
            break;
        *width += wide(c) ? 2 : 1;
        p += len;
    }
    return p;
}

size_t tt_wrap(const char *text, size_t cols, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    const unsigned char *p = (const unsigned char *)text;
    size_t used = 0;
    while (*p) {
        size_t w;
        const unsigned char *q = next_piece(p, &w);
        size_t visible = w - (q[-1] == ' ');
        if (used > 0 && used + visible > cols) {
            /* The space that ended the line goes with the break. */
            if (b.len > 0 && b.p[b.len - 1] == ' ')
                b.p[--b.len] = '\0';
            tt_sb_raw(&b, "\n");
            used = 0;
        }
        tt_sb_raw(&b, "%.*s", (int)(q - p), (const char *)p);
        used += w;
        p = q;
    }
    return b.len;
}

/* ---- loss and recovery ---- */

enum { LOSS_GROUPS = 24, LOSS_ITEMS = 6 };
enum { LOSS_DATA = 0, LOSS_SYN, LOSS_FIN };

/* The copies of one thing sent again: a chunk, a SYN or a FIN of one side. */
typedef struct loss_group {
    uint8_t dir, kind;
    uint32_t chunk;
    size_t items[LOSS_ITEMS]; /* the resends, in capture order */
    uint32_t count;           /* all of them (more than LOSS_ITEMS are counted, not listed) */
} loss_group;

static uint8_t loss_kind(const tt_walk_seg *s)
{
    if (s->r->payload_len > 0)
        return LOSS_DATA;
    return (s->h->flags & TT_SYN) ? LOSS_SYN : LOSS_FIN;
}

static bool is_resend(const tt_walk_seg *s)
{
    const tt_result *r = s->r;
    return (r->notes & TT_NOTE_RETRANSMISSION) && !(r->notes2 & TT_NOTE2_CAPTURE_DUP) &&
           r->why != TT_WHY_SYN_AGAIN && r->why != TT_WHY_NONE &&
           (r->payload_len > 0 || (s->h->flags & (TT_SYN | TT_FIN)));
}

/* The frame of the D-SACK that reports the copy of `frame` as not needed,
 * 0 when none does. */
static uint32_t dsack_of(const tt_walk_view *v, uint32_t frame)
{
    for (size_t i = 0; i < v->n; i++) {
        const tt_walk_seg *s = &v->segs[i];
        if ((s->r->notes2 & TT_NOTE2_DSACK) && s->d != NULL && s->d->prev_frame == frame &&
            !(s->r->notes & TT_NOTE_RETRANSMISSION))
            return s->frame;
    }
    return 0;
}

/* The first frame that sent what a group resends: the detail's first
 * sending for data, else the first SYN or FIN of that side. */
static uint32_t loss_first(const tt_walk_view *v, const loss_group *g)
{
    const tt_walk_seg *s = &v->segs[g->items[0]];
    if (g->kind == LOSS_DATA)
        return s->d != NULL ? s->d->orig_frame : 0;
    uint16_t flag = g->kind == LOSS_SYN ? TT_SYN : TT_FIN;
    for (size_t i = 0; i < g->items[0]; i++) {
        const tt_walk_seg *o = &v->segs[i];
        if (o->r->dir == g->dir && (o->h->flags & flag) && !(o->r->notes2 & TT_NOTE2_CAPTURE_DUP))
            return o->frame;
    }
    /* Not among the segments shown (a filter left it out): the state
     * machine's record of the first sending, when it has one. */
    return s->d != NULL ? s->d->orig_frame : 0;
}

static const tt_walk_seg *seg_of_frame(const tt_walk_view *v, uint32_t frame)
{
    for (size_t i = 0; i < v->n; i++) {
        if (v->segs[i].frame == frame)
            return &v->segs[i];
    }
    return NULL;
}

/* The first segment after the resends that acknowledges what the group
 * resent: the other side's ACK at or past its end. */
static const tt_walk_seg *loss_acked(const tt_walk_view *v, const loss_group *g)
{
    const tt_walk_seg *s = &v->segs[g->items[0]];
    uint32_t end = tt_walk_next_seq(s);
    for (size_t i = g->items[0] + 1; i < v->n; i++) {
        const tt_walk_seg *o = &v->segs[i];
        if (o->r->dir != g->dir && (o->h->flags & TT_ACK) && !(o->h->flags & TT_RST) &&
            (int32_t)(tt_walk_ack(o) - end) >= 0)
            return o;
    }
    return NULL;
}

/* The other side's ACK, between the first sending `from` and the first
 * resend `to`, that already covered what the group resent; NULL if none. */
static const tt_walk_seg *acked_between(const tt_walk_view *v, const loss_group *g,
                                        const tt_walk_seg *from, const tt_walk_seg *to)
{
    uint32_t end = tt_walk_next_seq(to);
    for (const tt_walk_seg *o = from + 1; o < to && o < v->segs + v->n; o++) {
        if (o->r->dir != g->dir && (o->h->flags & TT_ACK) && !(o->h->flags & TT_RST) &&
            (int32_t)(tt_walk_ack(o) - end) >= 0)
            return o;
    }
    return NULL;
}

static size_t collect_losses(const tt_walk_view *v, loss_group *groups, uint32_t *others)
{
    size_t ng = 0;
    *others = 0;
    for (size_t i = 0; i < v->n; i++) {
        const tt_walk_seg *s = &v->segs[i];
        if (!is_resend(s))
            continue;
        uint8_t kind = loss_kind(s);
        uint32_t chunk = kind == LOSS_DATA ? s->r->chunk : 0;
        size_t g = 0;
        while (g < ng &&
               !(groups[g].dir == s->r->dir && groups[g].kind == kind && groups[g].chunk == chunk))
            g++;
        if (g == ng) {
            if (ng == LOSS_GROUPS) {
                (*others)++;
                continue;
            }
            memset(&groups[ng], 0, sizeof groups[ng]);
            groups[ng].dir = (uint8_t)s->r->dir;
            groups[ng].kind = kind;
            groups[ng].chunk = chunk;
            ng++;
        }
        if (groups[g].count < LOSS_ITEMS)
            groups[g].items[groups[g].count] = i;
        groups[g].count++;
    }
    return ng;
}

/* A chunk resent once, after a timeout of earlier bytes. */
static bool after_rto_alone(const loss_group *g, const tt_walk_seg *s)
{
    return g->count == 1 && g->kind == LOSS_DATA && s->r->why == TT_WHY_TIMEOUT &&
           (s->r->notes2 & TT_NOTE2_AFTER_RTO);
}

/* How many resends of a group are listed one by one. */
static uint32_t loss_listed(const loss_group *g)
{
    return g->count < LOSS_ITEMS ? g->count : (uint32_t)LOSS_ITEMS;
}

static void loss_group_text(tt_sb *b, const tt_walk_view *v, const loss_group *g, tt_lang lang)
{
    const tt_walk_seg *s = &v->segs[g->items[0]];
    const char *who = tt_msg_text(lang, g->dir == TT_DIR_C2S ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD);
    uint32_t first = loss_first(v, g);
    char ms[32];
    if (g->kind == LOSS_DATA && first != 0)
        tt_sb_msg(b, lang, TT_M_L_CHUNK, who, (unsigned)g->chunk, (unsigned)tt_walk_seq(s),
                  (unsigned)(tt_walk_seq(s) + s->r->payload_len - 1u), (unsigned)first);
    else if (g->kind == LOSS_DATA)
        tt_sb_msg(b, lang, TT_M_L_CHUNK_UNSEEN, who, (unsigned)g->chunk, (unsigned)tt_walk_seq(s),
                  (unsigned)(tt_walk_seq(s) + s->r->payload_len - 1u));
    else if (first != 0)
        tt_sb_msg(b, lang, g->kind == LOSS_SYN ? TT_M_L_SYN : TT_M_L_FIN, who, (unsigned)first);
    else
        tt_sb_msg(b, lang, g->kind == LOSS_SYN ? TT_M_L_SYN_UNSEEN : TT_M_L_FIN_UNSEEN, who);
    uint32_t listed = loss_listed(g);
    bool backoff = listed >= 2;
    uint64_t last_gap = 0;
    for (uint32_t k = 0; k < listed; k++) {
        const tt_walk_seg *c = &v->segs[g->items[k]];
        tt_sb_msg(b, lang, TT_M_L_ITEM, k == 0 ? "" : tt_msg_text(lang, TT_M_L_ITEM_SEP),
                  (unsigned)c->frame, tt_explain_resend_cause(c->r, lang));
        const tt_detail *d = c->d;
        if (d != NULL && d->probe_frame != 0) {
            tt_walk_ms(d->probe_us, ms, sizeof ms);
            tt_sb_msg(b, lang, TT_M_L_ITEM_RESTART, ms, (unsigned)d->probe_frame);
        } else if (d != NULL && d->has_gap && d->prev_frame != 0) {
            tt_walk_ms(d->gap_us, ms, sizeof ms);
            tt_sb_msg(b, lang, TT_M_L_ITEM_GAP, ms);
        }
        uint32_t dsack = dsack_of(v, c->frame);
        if (dsack != 0)
            tt_sb_msg(b, lang, TT_M_L_NOT_NEEDED, (unsigned)dsack);
        tt_sb_msg(b, lang, TT_M_L_ITEM_END);
        bool timer = c->r->why == TT_WHY_TIMEOUT && !(c->r->notes2 & TT_NOTE2_AFTER_RTO);
        uint64_t gap = d != NULL && d->probe_frame != 0 ? d->probe_us
                       : d != NULL && d->has_gap        ? d->gap_us
                                                        : 0;
        /* The first interval runs from the first sending (or from a probe
         * that restarted the timer): of three copies or more, the doubling
         * is read from the second interval on. */
        bool compare = k >= 2 || (k == 1 && listed == 2);
        if (!timer || gap == 0 ||
            (compare && !(gap * 10u >= last_gap * 16u && gap * 10u <= last_gap * 26u)))
            backoff = false;
        last_gap = gap;
    }
    if (g->count > listed)
        tt_sb_msg(b, lang, TT_M_L_MORE, (unsigned)(g->count - listed));
    tt_sb_raw(b, "%s", lang == TT_LANG_ZH ? "。" : ".");
    if (backoff)
        tt_sb_msg(b, lang, TT_M_L_BACKOFF);
    const tt_walk_seg *orig = first != 0 ? seg_of_frame(v, first) : NULL;
    const tt_walk_seg *before = orig != NULL ? acked_between(v, g, orig, s) : NULL;
    if (before != NULL)
        tt_sb_msg(b, lang, TT_M_L_ACKED_BEFORE, (unsigned)before->frame);
    const tt_walk_seg *ack = loss_acked(v, g);
    if (ack != NULL && orig != NULL && ack->t_us >= orig->t_us) {
        tt_walk_ms(ack->t_us - orig->t_us, ms, sizeof ms);
        tt_sb_msg(b, lang, TT_M_L_ACKED, (unsigned)ack->frame, ms);
    } else if (ack == NULL) {
        tt_sb_msg(b, lang, TT_M_L_UNACKED);
    }
}

size_t tt_walk_losses(const tt_walk_view *v, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    loss_group groups[LOSS_GROUPS];
    uint32_t others;
    size_t ng = collect_losses(v, groups, &others);
    if (ng == 0)
        return b.len;
    /* Data of a SYN the peer did not accept is resent because it was not
     * acknowledged: refused, not lost. */
    size_t refused = 0;
    for (size_t g = 0; g < ng; g++)
        refused += v->segs[groups[g].items[0]].r->why == TT_WHY_SYN_DATA;
    tt_sb_msg(&b, lang, refused == ng ? TT_M_L_INTRO_SYN_DATA : TT_M_L_INTRO);
    /* Segments resent once each after a timeout, as ACKs came in, are told
     * in one sentence per side, after the timeout itself. */
    uint32_t run[2][5] = {{0}}; /* count, first and last frame, lowest and highest chunk */
    for (size_t g = 0; g < ng; g++) {
        const tt_walk_seg *s = &v->segs[groups[g].items[0]];
        if (after_rto_alone(&groups[g], s)) {
            uint32_t *r = run[groups[g].dir];
            r[0]++;
            r[1] = r[1] == 0 || s->frame < r[1] ? s->frame : r[1];
            r[2] = s->frame > r[2] ? s->frame : r[2];
            r[3] = r[3] == 0 || groups[g].chunk < r[3] ? groups[g].chunk : r[3];
            r[4] = groups[g].chunk > r[4] ? groups[g].chunk : r[4];
        }
    }
    for (size_t g = 0; g < ng; g++) {
        bool told =
            run[groups[g].dir][0] >= 2 && after_rto_alone(&groups[g], &v->segs[groups[g].items[0]]);
        if (!told)
            loss_group_text(&b, v, &groups[g], lang);
    }
    for (unsigned dir = 0; dir < 2; dir++) {
        const uint32_t *r = run[dir];
        if (r[0] >= 2)
            tt_sb_msg(&b, lang, TT_M_L_AFTER_RTO_RUN,
                      tt_msg_text(lang, dir == TT_DIR_C2S ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD),
                      (unsigned)r[0], (unsigned)r[3], (unsigned)r[4], (unsigned)r[1],
                      (unsigned)r[2]);
    }
    if (others > 0)
        tt_sb_msg(&b, lang, TT_M_L_OTHERS, (unsigned)others);
    return b.len;
}

/* ---- where the capture point sits ---- */

/* The first uncopied segment of a role, or NULL. */
static const tt_walk_seg *first_role(const tt_walk_view *v, tt_role role)
{
    for (size_t i = 0; i < v->n; i++) {
        const tt_result *r = v->segs[i].r;
        if (r->role == role && !(r->notes & TT_NOTE_RETRANSMISSION) &&
            !(r->notes2 & TT_NOTE2_CAPTURE_DUP))
            return &v->segs[i];
    }
    return NULL;
}

size_t tt_walk_path(const tt_walk_view *v, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    const tt_walk_seg *syn = first_role(v, TT_ROLE_HANDSHAKE_1);
    const tt_walk_seg *synack = first_role(v, TT_ROLE_HANDSHAKE_2);
    const tt_walk_seg *ack = first_role(v, TT_ROLE_HANDSHAKE_3);
    if (syn == NULL || synack == NULL || ack == NULL || synack->t_us < syn->t_us ||
        ack->t_us < synack->t_us || syn->frame > synack->frame || synack->frame > ack->frame)
        return b.len;
    /* Each SYN sent once: otherwise a time could be from an earlier copy. */
    for (size_t i = 0; i < v->n; i++) {
        const tt_result *r = v->segs[i].r;
        if ((r->role == TT_ROLE_HANDSHAKE_1 || r->role == TT_ROLE_HANDSHAKE_2) &&
            (r->notes & TT_NOTE_RETRANSMISSION))
            return b.len;
    }
    uint64_t far = synack->t_us - syn->t_us, near = ack->t_us - synack->t_us;
    char f[32], nr[32];
    tt_walk_ms(far, f, sizeof f);
    tt_walk_ms(near, nr, sizeof nr);
    tt_sb_msg(&b, lang, TT_M_L_PATH, f, nr);
    if (far + near < 1000u)
        tt_sb_msg(&b, lang, TT_M_L_PATH_LOCAL);
    else if (near * 10u < far)
        tt_sb_msg(&b, lang, TT_M_L_PATH_CLIENT);
    else if (far * 10u < near)
        tt_sb_msg(&b, lang, TT_M_L_PATH_SERVER);
    else
        tt_sb_msg(&b, lang, TT_M_L_PATH_MIDDLE);
    return b.len;
}

size_t tt_walk_resend_gap(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    const tt_detail *d = s->d;
    if (d == NULL || !d->has_gap || d->prev_frame == 0 || (s->r->notes2 & TT_NOTE2_CAPTURE_DUP))
        return b.len;
    char ms[32];
    tt_walk_ms(d->gap_us, ms, sizeof ms);
    if (s->r->role == TT_ROLE_ZERO_WINDOW_PROBE)
        tt_sb_msg(&b, lang, TT_M_R_PROBE_GAP, ms, (unsigned)d->prev_frame);
    else if ((s->r->notes & TT_NOTE_RETRANSMISSION) && s->r->why != TT_WHY_SYN_AGAIN)
        tt_sb_msg(&b, lang, TT_M_R_GAP_CONTROL, ms, (unsigned)d->prev_frame);
    return b.len;
}
