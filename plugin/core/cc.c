/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: congestion control as seen at the capture point. See cc.h. */
#include "cc.h"

#include <string.h>

#include "strbuf.h"

/* How a side's phases go on (tt_cc_side.mode). */
enum {
    MODE_START = 0,    /* the connection's opening was captured, no loss yet: slow start */
    MODE_MID,          /* the capture starts mid-transfer and no loss was seen yet */
    MODE_FAST,         /* fast recovery until the ACK passes `recover` */
    MODE_RTO,          /* recovery after a timeout until the ACK passes `recover` */
    MODE_SS_AFTER_RTO, /* slow start again after a timeout, up to `ssthresh` */
    MODE_AVOIDANCE     /* congestion avoidance */
};

/* tt_cc_side.run_flags: what the current round and run have seen. */
enum {
    RF_SENDER_LIMITED = 1u, /* the round had a segment limited by the application */
    RF_LIMITED = 2u,        /* ... limited by the application or the receiver */
    RF_RUN_ACKED = 4u,      /* an ACK of new data came since the current run began */
    RF_RWND_HIT = 8u        /* the round's flight reached the receiver's window */
};

/* Where the capture point lies (tt_cc.point), from the handshake's times. */
enum { POINT_UNKNOWN = 0, POINT_CLIENT, POINT_SERVER, POINT_MIDDLE, POINT_NEAR };

/* A handshake quicker than this at the capture point: both ends are close
 * to it (the same machine, a LAN), and the flight seen is the sender's. */
#define NEAR_RTT_US 1000u

/* Growth per round trip below this (in eighths) ends slow start without a
 * loss: slow start doubles (16/8, or 12/8 with an ACK every two segments). */
#define SS_GROWTH_MIN_8THS 10u
/* Rounds carrying at least this many segments tell growth from noise. */
#define MIN_ROUND_SEGS 4u
/* The MSS every host must accept (RFC 9293, section 3.7.1). */
#define TT_CC_MIN_MSS 536u

static bool seq_ge(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) >= 0;
}

static bool seq_gt(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) > 0;
}

uint32_t tt_cc_segs(uint32_t bytes, uint32_t mss)
{
    if (bytes == 0)
        return 0;
    if (mss == 0)
        return 1;
    uint32_t n = (uint32_t)(((uint64_t)bytes + mss / 2) / mss);
    return n > 0 ? n : 1;
}

static uint16_t segs16(uint32_t bytes, uint32_t mss)
{
    uint32_t n = tt_cc_segs(bytes, mss);
    return (uint16_t)(n > UINT16_MAX ? UINT16_MAX : n);
}

static uint32_t flight_of(const tt_cc_side *sd)
{
    return seq_gt(sd->max, sd->una) ? sd->max - sd->una : 0;
}

/* The handshake's times tell where the capture point lies: next to the
 * client, the SYN waits a whole round trip for its SYN+ACK and the ACK
 * follows at once; next to the server, the other way round. */
static void note_handshake(tt_cc_point *cc, const tt_result *r, const tt_header *h,
                           const tt_segment *s)
{
    const tt_option *o = (h->flags & TT_SYN) ? tt_header_find_option(h, TT_OPT_MSS) : NULL;
    if (o != NULL && o->status == TT_OPTLEN_OK && o->len == 4 && h->bytes != NULL &&
        (uint32_t)o->offset + 4 <= h->caplen)
        cc->mss_opt[r->dir] =
            (uint16_t)((unsigned)h->bytes[o->offset + 2] << 8 | h->bytes[o->offset + 3]);
    unsigned step = 0;
    if (r->role == TT_ROLE_HANDSHAKE_1)
        step = 1;
    else if (r->role == TT_ROLE_HANDSHAKE_2)
        step = 2;
    else if (r->role == TT_ROLE_HANDSHAKE_3)
        step = 3;
    if (step == 0)
        return;
    cc->saw_syn = cc->saw_syn || step < 3;
    if (!s->has_time || (r->notes & TT_NOTE_RETRANSMISSION))
        return;
    if (step > 1 && !(cc->hs_seen & (1u << (step - 2))))
        return; /* each step timed only after the one before it */
    cc->hs_time[step - 1] = s->time_us;
    cc->hs_seen |= (uint8_t)(1u << (step - 1));
    if (step == 3 && s->time_us >= cc->hs_time[1] && cc->hs_time[1] >= cc->hs_time[0]) {
        uint64_t a = cc->hs_time[1] - cc->hs_time[0], b = s->time_us - cc->hs_time[1];
        if (a + b < NEAR_RTT_US)
            cc->point = POINT_NEAR;
        else if (a >= 3 * b && a > 0)
            cc->point = POINT_CLIENT;
        else if (b >= 3 * a && b > 0)
            cc->point = POINT_SERVER;
        else
            cc->point = POINT_MIDDLE;
    }
}

/* The window the segment's sender advertises: what its peer must respect. */
static void note_window(tt_cc_point *pt, const tt_result *r, const tt_header *h)
{
    unsigned bit = 1u << r->dir;
    if (!(h->flags & TT_ACK) && !(h->flags & TT_SYN))
        return;
    if (r->wscale >= 0) {
        pt->window[r->dir] = (uint32_t)h->window << r->wscale;
        pt->window_known |= (uint8_t)bit;
    } else if (r->wscale == TT_WS_NONE || r->wscale == TT_WS_SYN) {
        pt->window[r->dir] = h->window;
        pt->window_known |= (uint8_t)bit;
    } else {
        pt->window_known &= (uint8_t)~bit;
    }
}

static void end_round(tt_cc_side *sd)
{
    sd->prev2 = sd->prev1;
    sd->prev1 = sd->round_max;
    bool recovering = sd->mode == MODE_FAST || sd->mode == MODE_RTO;
    if (!recovering && !(sd->run_flags & RF_SENDER_LIMITED)) {
        sd->peak2 = sd->peak1;
        sd->peak1 = sd->round_max;
    }
    sd->run_flags &= (uint8_t)~RF_SENDER_LIMITED;
    sd->rounds++;
    sd->rounds_since_recovery++;
    /* Slow start that stopped doubling without a loss: the sender left it
     * (a delay-based exit, or its threshold). Only rounds the sender filled:
     * neither the application nor the receiver held them back. */
    if (sd->mode == MODE_START && sd->prev2 >= MIN_ROUND_SEGS * sd->mss && sd->mss > 0 &&
        (uint64_t)sd->prev1 * 8u < (uint64_t)sd->prev2 * SS_GROWTH_MIN_8THS &&
        !(sd->run_flags & RF_LIMITED))
        sd->mode = MODE_AVOIDANCE;
    sd->run_flags &= (uint8_t)~RF_LIMITED;
    /* A round that reached the receiver's window: the next one is taken as
     * held by it too while it keeps half that window in flight. */
    sd->rl_sticky = (sd->run_flags & RF_RWND_HIT) != 0;
    sd->run_flags &= (uint8_t)~RF_RWND_HIT;
    sd->round_max = flight_of(sd);
    sd->round_end = sd->max;
    sd->in_round = sd->round_max > 0;
}

/* An ACK of the peer: moves this side's acknowledged edge, ends rounds and
 * recoveries. */
static void note_ack(tt_cc_side *sd, const tt_result *r, const tt_header *h, uint32_t frame)
{
    if (!(h->flags & TT_ACK) || (r->notes & TT_NOTE_ACK_UNKNOWN))
        return;
    if (!sd->started)
        return;
    uint32_t ack = r->rel_ack;
    bool advanced = false;
    if (seq_gt(ack, sd->max))
        ack = sd->max; /* never past what the capture saw sent */
    if (!sd->have_una || seq_gt(ack, sd->una)) {
        advanced = seq_gt(ack, sd->una);
        if (advanced)
            sd->run_flags |= RF_RUN_ACKED;
        if (sd->app_valid && seq_ge(ack, sd->app_until))
            sd->app_valid = false; /* the short segment has been acknowledged */
        sd->una = ack;
        sd->have_una = true;
    }
    /* The first round trip is the first flight: it ends when the ACK
     * passes what was sent when the first ACK came. */
    if (!sd->in_round) {
        if (seq_gt(sd->max, sd->una)) {
            sd->in_round = true;
            sd->round_end = sd->max;
        }
    } else if (advanced && seq_ge(sd->una, sd->round_end)) {
        end_round(sd);
    }
    if ((sd->mode == MODE_FAST || sd->mode == MODE_RTO) && seq_ge(sd->una, sd->recover)) {
        uint8_t phase = sd->mode == MODE_FAST ? TT_CC_FAST_RECOVERY : TT_CC_RTO_RECOVERY;
        for (uint32_t i = sd->n_runs; i > 0; i--) {
            tt_cc_run *run = &sd->runs[i - 1];
            if (run->phase == phase && run->loss_frame == sd->loss_frame) {
                run->end_frame = frame; /* the ACK that passed the recovery point */
                break;
            }
        }
        sd->mode = sd->mode == MODE_FAST ? MODE_AVOIDANCE : MODE_SS_AFTER_RTO;
        sd->rounds_since_recovery = 0;
    }
}

static void start_loss(tt_cc_side *sd, uint8_t mode, uint32_t frame)
{
    sd->loss_frame = frame;
    sd->loss_flight = flight_of(sd);
    sd->recover = sd->max;
    sd->ssthresh = sd->loss_flight / 2;
    if (sd->ssthresh < 2 * sd->mss)
        sd->ssthresh = 2 * sd->mss;
    sd->mode = mode;
    sd->peak1 = sd->peak2 = 0;
}

bool tt_cc_is_data(const tt_result *r, const tt_header *h)
{
    if (r->payload_len == 0 || (h->flags & TT_SYN))
        return false;
    switch (r->role) {
    case TT_ROLE_KEEPALIVE:
    case TT_ROLE_MALFORMED:
    case TT_ROLE_ICMP_QUOTED:
    case TT_ROLE_RESET:
    case TT_ROLE_REFUSED:
        return false;
    default:
        return (r->notes & TT_NOTE_OUT_OF_WINDOW) == 0;
    }
}

static void add_run(tt_cc_side *sd, uint8_t phase, uint8_t flags, uint32_t frame, uint32_t segs)
{
    tt_cc_run *last = sd->n_runs > 0 ? &sd->runs[sd->n_runs - 1] : NULL;
    bool same = last != NULL && last->phase == phase &&
                (phase == TT_CC_SLOW_START || phase == TT_CC_AVOIDANCE || phase == TT_CC_UNKNOWN
                     ? true
                     : last->loss_frame == sd->loss_frame);
    if (same) {
        if (!(sd->run_flags & RF_RUN_ACKED) && segs > last->first_segs)
            last->first_segs = segs; /* "from": the first flight, before any ACK */
        last->last_frame = frame;
        last->last_segs = segs;
        if (segs > last->max_segs)
            last->max_segs = segs;
        return;
    }
    sd->run_flags &= (uint8_t)~RF_RUN_ACKED; /* no ACK of new data since this run began */
    if (sd->n_runs == TT_CC_RUNS) {
        sd->dropped_runs++;
        last->phase = phase; /* the last slot follows the latest phase */
        last->flags = flags;
        last->first_frame = last->last_frame = frame;
        last->first_segs = last->max_segs = last->last_segs = segs;
        last->loss_frame = sd->loss_frame;
        last->rounds = (uint16_t)(sd->rounds > UINT16_MAX ? UINT16_MAX : sd->rounds);
        return;
    }
    tt_cc_run *run = &sd->runs[sd->n_runs++];
    run->phase = phase;
    run->flags = flags;
    run->first_frame = run->last_frame = frame;
    run->first_segs = run->max_segs = run->last_segs = segs;
    run->loss_frame = sd->loss_frame;
    run->rounds = (uint16_t)(sd->rounds > UINT16_MAX ? UINT16_MAX : sd->rounds);
}

static uint8_t point_flags(const tt_cc_point *cc, unsigned dir)
{
    if (cc->point == POINT_UNKNOWN)
        return TT_CC_F_POINT_UNKNOWN;
    if (cc->point == POINT_NEAR)
        return TT_CC_F_POINT_NEAR;
    bool at = (cc->point == POINT_CLIENT && dir == TT_DIR_C2S) ||
              (cc->point == POINT_SERVER && dir == TT_DIR_S2C);
    return at ? 0 : TT_CC_F_NOT_AT_SENDER;
}

uint8_t tt_cc_feed(tt_cc_point *pt, tt_cc *cc, const tt_result *r, const tt_header *h,
                   const tt_segment *s, tt_cc_mark *mark)
{
    memset(mark, 0, sizeof *mark);
    if (r->role == TT_ROLE_MALFORMED || r->role == TT_ROLE_ICMP_QUOTED || s->quoted)
        return TT_CC_NONE;
    note_handshake(pt, r, h, s);
    if (!tt_header_malformed(h))
        note_window(pt, r, h);
    if (cc == NULL)
        return TT_CC_NONE;
    unsigned dir = r->dir;
    tt_cc_side *sd = &cc->side[dir], *peer = &cc->side[!dir];
    note_ack(peer, r, h, s->frame);
    if (!tt_cc_is_data(r, h))
        return TT_CC_NONE;

    uint32_t seq = r->rel_seq, end = r->rel_seq + r->payload_len;
    if (!sd->started) {
        sd->started = true;
        sd->una = seq;
        sd->max = seq;
        sd->mode = pt->saw_syn && !(r->notes & TT_NOTE_SEQ_UNKNOWN) ? MODE_START : MODE_MID;
    }
    if (r->payload_len > sd->mss) {
        sd->mss = r->payload_len > UINT16_MAX ? UINT16_MAX : r->payload_len;
        sd->mss_hits = 0;
    }
    if (r->payload_len == sd->mss && sd->mss_hits < UINT16_MAX)
        sd->mss_hits++;
    uint32_t before = flight_of(sd);
    bool resent = (r->notes & TT_NOTE_RETRANSMISSION) != 0;
    if (seq_gt(end, sd->max))
        sd->max = end;
    uint32_t flight = flight_of(sd);
    if (flight > sd->round_max)
        sd->round_max = flight;

    /* Loss events: a timeout, or a fast retransmission (duplicate ACKs or
     * SACK blocks) while not already recovering. */
    if (resent && r->why == TT_WHY_TIMEOUT && sd->mode != MODE_RTO)
        start_loss(sd, MODE_RTO, s->frame);
    else if (resent && (r->why == TT_WHY_FAST || r->why == TT_WHY_SACK) && sd->mode != MODE_FAST &&
             sd->mode != MODE_RTO)
        start_loss(sd, MODE_FAST, s->frame);

    uint8_t phase = TT_CC_UNKNOWN, flags = point_flags(pt, dir);
    uint32_t prev = sd->prev1;
    bool rwnd_known = (pt->window_known >> !dir) & 1u;
    uint32_t rwnd = pt->window[!dir];
    bool zero = rwnd_known && rwnd == 0;
    if (r->role == TT_ROLE_ZERO_WINDOW_PROBE || (zero && !resent)) {
        phase = TT_CC_RECEIVER_LIMITED;
        flags |= TT_CC_F_ZERO_WINDOW;
        sd->run_flags |= RF_LIMITED;
    } else if (sd->mode == MODE_FAST || sd->mode == MODE_RTO) {
        phase = sd->mode == MODE_FAST ? TT_CC_FAST_RECOVERY : TT_CC_RTO_RECOVERY;
        flags |= TT_CC_F_PREV_AT_LOSS;
        prev = sd->loss_flight;
        if (sd->mode == MODE_RTO)
            flags |= TT_CC_F_AFTER_RTO;
    } else if (resent) {
        /* A resend that starts no recovery (a tail loss probe, a spurious or
         * early copy) keeps the phase the sender was in. */
        phase = sd->last_phase != TT_CC_NONE ? sd->last_phase : TT_CC_UNKNOWN;
    } else if (rwnd_known && sd->mss > 0 &&
               ((uint64_t)flight + sd->mss >= rwnd ||
                (sd->rl_sticky && (uint64_t)flight * 2 >= rwnd))) {
        phase = TT_CC_RECEIVER_LIMITED;
        prev = rwnd;
        sd->run_flags |= RF_LIMITED;
        if ((uint64_t)flight + sd->mss >= rwnd) {
            sd->run_flags |= RF_RWND_HIT;
            sd->rl_sticky = true;
        }
    } else {
        uint32_t peak = sd->peak1 > sd->peak2 ? sd->peak1 : sd->peak2;
        /* A full segment: as large as the largest seen, once that size
         * recurs; before, at least the MSS the receiver's SYN announced less
         * 40 bytes of options (a recurring size below the smallest MSS every
         * path carries is a write's size, not the path's). A sender sends
         * less only when it has sent all it had (a write's end). */
        uint32_t full = sd->mss, announced = pt->mss_opt[!dir];
        if ((sd->mss_hits < 3 || sd->mss < TT_CC_MIN_MSS) && announced > 40 &&
            announced - 40 > full)
            full = announced - 40;
        bool partial = r->payload_len < full;
        bool small_write = before == 0 && partial;
        bool app = partial || (sd->app_valid && seq_gt(sd->app_until, sd->una));
        if (partial) {
            sd->app_until = end;
            sd->app_valid = true;
        }
        bool below = peak >= MIN_ROUND_SEGS * sd->mss && (uint64_t)flight * 2 < peak;
        if (sd->mode == MODE_SS_AFTER_RTO && flight >= sd->ssthresh)
            sd->mode = MODE_AVOIDANCE;
        if (app || (below && sd->mode != MODE_SS_AFTER_RTO)) {
            phase = TT_CC_SENDER_LIMITED;
            prev = app ? 0 : peak;
            if (app && !small_write)
                flags |= TT_CC_F_PARTIAL;
            sd->run_flags |= RF_LIMITED;
        } else if (sd->mode == MODE_MID) {
            phase = TT_CC_UNKNOWN;
        } else if (sd->mode == MODE_START || sd->mode == MODE_SS_AFTER_RTO) {
            phase = TT_CC_SLOW_START;
            if (sd->mode == MODE_SS_AFTER_RTO)
                flags |= TT_CC_F_AFTER_RTO;
        } else {
            phase = TT_CC_AVOIDANCE;
            if (sd->loss_frame != 0 && sd->rounds_since_recovery == 0) {
                flags |= TT_CC_F_PREV_AT_LOSS;
                prev = sd->loss_flight;
            }
        }
    }
    /* A small write or the last bytes do not make the round "filled". */
    if (phase == TT_CC_SENDER_LIMITED)
        sd->run_flags |= RF_SENDER_LIMITED;
    sd->last_phase = phase;
    mark->flight = flight;
    mark->loss_frame = sd->loss_frame;
    mark->mss = (uint16_t)sd->mss;
    mark->prev_segs = segs16(prev, sd->mss);
    add_run(sd, phase, flags, s->frame, tt_cc_segs(flight, sd->mss));
    return (uint8_t)(phase | flags);
}

static const char *const tokens[] = {
#define TT_CC(id, token, en, zh) token,
#include "cc_phases.def"
#undef TT_CC
};
static const char *const words[][2] = {
#define TT_CC(id, token, en, zh) {en, zh},
#include "cc_phases.def"
#undef TT_CC
};

const char *tt_cc_token(tt_cc_phase p)
{
    return (unsigned)p < TT_CC_COUNT ? tokens[p] : "";
}

const char *tt_cc_words(tt_cc_phase p, tt_lang lang)
{
    return (unsigned)p < TT_CC_COUNT ? words[p][lang == TT_LANG_ZH] : "";
}

/* English number agreement for the counts these sentences use: "1
 * segments", "1 round trips", "1 more changes" lose their plural 's'
 * (after a space or a parenthesis, not after another digit). */
static void en_agree(char *text)
{
    static const char *const plural[] = {"1 segments", "1 round trips", "1 more changes"};
    for (size_t k = 0; k < sizeof plural / sizeof plural[0]; k++) {
        size_t len = strlen(plural[k]);
        char *from = text, *at;
        while ((at = strstr(from, plural[k])) != NULL) {
            if (at == text || at[-1] == ' ' || at[-1] == '(')
                memmove(at + len - 1, at + len, strlen(at + len) + 1);
            from = at + 1;
        }
    }
}

static void line(tt_sb *b, tt_lang lang, tt_msg id, ...)
{
    va_list ap;
    va_start(ap, id);
    tt_sb_vmsg(b, lang, id, ap);
    va_end(ap);
    tt_sb_raw(b, "\n");
}

size_t tt_cc_explain(uint8_t code, const tt_cc_mark *m, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_cc_phase p = tt_cc_code_phase(code);
    if (p == TT_CC_NONE)
        return 0;
    unsigned now = tt_cc_segs(m->flight, m->mss), prev = m->prev_segs;
    line(&b, lang, TT_M_CC_FLIGHT, (unsigned)m->flight, now, (unsigned)m->mss);
    if ((code & TT_CC_F_POINT_NEAR) == TT_CC_F_POINT_NEAR)
        line(&b, lang, TT_M_CC_POINT_NEAR);
    else if (code & TT_CC_F_POINT_UNKNOWN)
        line(&b, lang, TT_M_CC_POINT_UNKNOWN);
    else if (code & TT_CC_F_NOT_AT_SENDER)
        line(&b, lang, TT_M_CC_NOT_AT_SENDER);
    else
        line(&b, lang, TT_M_CC_AT_SENDER);
    bool at_loss = (code & TT_CC_F_PREV_AT_LOSS) != 0;
    switch (p) {
    case TT_CC_SLOW_START:
        if (code & TT_CC_F_AFTER_RTO)
            line(&b, lang, TT_M_CC_SS_AFTER_RTO, (unsigned)m->loss_frame, prev, now);
        else if (prev == 0)
            line(&b, lang, TT_M_CC_SS_FIRST);
        else
            line(&b, lang, TT_M_CC_SS_GROW, prev, now);
        break;
    case TT_CC_AVOIDANCE:
        if (m->loss_frame != 0 && at_loss)
            line(&b, lang, TT_M_CC_CA_AFTER, (unsigned)m->loss_frame);
        else if (m->loss_frame != 0)
            line(&b, lang, TT_M_CC_CA_LOSS, (unsigned)m->loss_frame, prev, now);
        else
            line(&b, lang, TT_M_CC_CA_NOLOSS, prev, now);
        break;
    case TT_CC_FAST_RECOVERY:
        line(&b, lang, TT_M_CC_FR, (unsigned)m->loss_frame);
        break;
    case TT_CC_RTO_RECOVERY:
        line(&b, lang, TT_M_CC_RTO, (unsigned)m->loss_frame);
        break;
    case TT_CC_RECEIVER_LIMITED:
        if (code & TT_CC_F_ZERO_WINDOW)
            line(&b, lang, TT_M_CC_RL_ZERO);
        else
            line(&b, lang, TT_M_CC_RL, prev);
        break;
    case TT_CC_SENDER_LIMITED:
        if (code & TT_CC_F_PARTIAL)
            line(&b, lang, TT_M_CC_SL_PARTIAL);
        else if (prev == 0)
            line(&b, lang, TT_M_CC_SL_SMALL);
        else
            line(&b, lang, TT_M_CC_SL, prev);
        break;
    default:
        line(&b, lang, m->loss_frame == 0 && prev == 0 ? TT_M_CC_UNKNOWN_MID : TT_M_CC_UNKNOWN);
        break;
    }
    if (at_loss && m->loss_frame != 0 && prev > 0 && now < prev &&
        (p == TT_CC_AVOIDANCE || p == TT_CC_FAST_RECOVERY || p == TT_CC_RTO_RECOVERY))
        line(&b, lang, TT_M_CC_REDUCTION, (unsigned)m->loss_frame, prev, now,
             (unsigned)((now * 100u + prev / 2) / prev));
    line(&b, lang, TT_M_CC_NOTE);
    if (lang == TT_LANG_EN)
        en_agree(buf);
    return strlen(buf);
}

size_t tt_cc_numbers_words(uint8_t code, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_cc_phase p = tt_cc_code_phase(code);
    if (p != TT_CC_NONE)
        tt_sb_msg(&b, lang, TT_M_CC_NUMBERS, tt_cc_words(p, lang));
    return b.len;
}

static void run_text(tt_sb *b, const tt_cc_side *sd, const tt_cc_run *run, tt_lang lang)
{
    unsigned first = run->first_frame, last = run->last_frame;
    bool one = first == last; /* a run of one segment: "at frame N" */
    switch ((tt_cc_phase)run->phase) {
    case TT_CC_SLOW_START: {
        /* Round trips the run spans: from the round it began in to the next
         * run's first round (or the side's last). */
        const tt_cc_run *next = run + 1;
        uint32_t until = next < sd->runs + sd->n_runs ? next->rounds : sd->rounds;
        unsigned rounds = until > run->rounds ? until - run->rounds : 0;
        if (rounds == 0)
            rounds = 1;
        if (one)
            tt_sb_msg(b, lang, TT_M_CC_RUN_SS_AT, first, (unsigned)run->max_segs);
        else
            tt_sb_msg(b, lang, TT_M_CC_RUN_SS, (unsigned)run->first_segs, (unsigned)run->max_segs,
                      rounds, first, last);
        break;
    }
    case TT_CC_FAST_RECOVERY:
    case TT_CC_RTO_RECOVERY: {
        bool fast = run->phase == TT_CC_FAST_RECOVERY;
        if (run->end_frame != 0)
            tt_sb_msg(b, lang, fast ? TT_M_CC_RUN_FR : TT_M_CC_RUN_RTO, (unsigned)run->loss_frame,
                      (unsigned)run->end_frame);
        else
            tt_sb_msg(b, lang, fast ? TT_M_CC_RUN_FR_OPEN : TT_M_CC_RUN_RTO_OPEN,
                      (unsigned)run->loss_frame);
        break;
    }
    case TT_CC_AVOIDANCE:
        if (one)
            tt_sb_msg(b, lang, TT_M_CC_RUN_CA_AT, first, (unsigned)run->max_segs);
        else
            tt_sb_msg(b, lang, TT_M_CC_RUN_CA, first, last, (unsigned)run->first_segs,
                      (unsigned)run->max_segs);
        break;
    case TT_CC_RECEIVER_LIMITED:
        if (one)
            tt_sb_msg(b, lang, TT_M_CC_RUN_RL_AT, first);
        else
            tt_sb_msg(b, lang, TT_M_CC_RUN_RL, first, last);
        break;
    case TT_CC_SENDER_LIMITED:
        if (one)
            tt_sb_msg(b, lang, TT_M_CC_RUN_SL_AT, first);
        else
            tt_sb_msg(b, lang, TT_M_CC_RUN_SL, first, last);
        break;
    default:
        if (one)
            tt_sb_msg(b, lang, TT_M_CC_RUN_UNKNOWN_AT, first);
        else
            tt_sb_msg(b, lang, TT_M_CC_RUN_UNKNOWN, first, last);
        break;
    }
}

size_t tt_cc_paragraph(const tt_cc_point *pt, const tt_cc *cc, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (n > 0)
        buf[0] = '\0';
    for (unsigned dir = 0; dir < 2 && cc != NULL; dir++) {
        const tt_cc_side *sd = &cc->side[dir];
        if (sd->n_runs == 0)
            continue;
        char runs[2048];
        tt_sb r;
        tt_sb_init(&r, runs, sizeof runs);
        for (uint32_t i = 0; i < sd->n_runs; i++) {
            if (i > 0)
                tt_sb_msg(&r, lang, TT_M_CC_RUN_SEP);
            if (i + 1 == sd->n_runs && sd->dropped_runs > 0) {
                tt_sb_msg(&r, lang, TT_M_CC_RUN_MORE, (unsigned)sd->dropped_runs);
                tt_sb_msg(&r, lang, TT_M_CC_RUN_SEP);
            }
            run_text(&r, sd, &sd->runs[i], lang);
        }
        if (b.len > 0)
            tt_sb_raw(&b, lang == TT_LANG_ZH ? "" : " ");
        tt_sb_msg(&b, lang, TT_M_CC_PARA,
                  tt_msg_text(lang, dir == TT_DIR_C2S ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD), runs);
        uint8_t point = point_flags(pt, dir);
        if (point != 0 && point != TT_CC_F_POINT_NEAR)
            tt_sb_msg(&b, lang, TT_M_CC_PARA_APPROX);
        tt_sb_msg(&b, lang, TT_M_CC_PARA_INFER);
    }
    if (lang == TT_LANG_EN && n > 0)
        en_agree(buf);
    return strlen(buf);
}
