/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the quiz worksheet of one stream and its answer key.
 *
 * The worksheet is the stream's ladder (its first TT_QUIZ_MAX_SEGMENTS
 * segments, as in the handout's diagram) with values blanked. A question is
 * asked only when a student can answer it from the sheet alone:
 * - an acknowledgment number only when it acknowledges all that the peer's
 *   lines above it sent, so that a line of the sheet ends at that number
 *   (never data sent before the capture began);
 * - a window in bytes only when both SYN lines, with their window scale
 *   options, are on the sheet;
 * - a state only when the state before it is written on the sheet;
 * - a role only when the sheet shows what it is about (not a window update
 *   or a probe, whose windows the ladder does not show, nor an ACK or a
 *   resend of bytes sent before the capture began);
 * and never when another question's blank hides a value it needs (the line
 * that ends at an acknowledgment number, the state before a state). Lines
 * that would read the same (a resent SYN, keep-alives) carry their time.
 *
 * Candidate questions are (segment, kind) pairs. A seeded hash gives every
 * candidate a key; the questions are picked one by one, preferring a kind
 * not asked yet (the rarest kind first), then a tenth of the sheet not asked
 * about yet, then the kind asked least, then the smallest key. One pass over
 * the sheet keeps, per kind and tenth, the few best candidates; nothing is
 * allocated. At most one question is asked per segment, so that each ladder
 * line hides one value only. */
#include "quiz.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "strbuf.h"

#define TT_QUIZ_MAX 10

typedef enum {
    Q_STATE_CLIENT,
    Q_STATE_SERVER,
    Q_ACK,
    Q_NEXT,
    Q_WINDOW,
    Q_ROLE,
    Q_KIND_COUNT
} qkind;

/* The kinds as the selection balances them: the client's and the server's
 * state are one kind. */
enum { G_STATE, G_ACK, G_NEXT, G_WINDOW, G_ROLE, G_COUNT };

static unsigned kind_group(qkind k)
{
    static const unsigned group[Q_KIND_COUNT] = {G_STATE, G_STATE, G_ACK, G_NEXT, G_WINDOW, G_ROLE};
    return group[k];
}

typedef struct question {
    size_t seg; /* index into the sheet's segments */
    qkind kind;
} question;

typedef struct quiz {
    question q[TT_QUIZ_MAX];
    unsigned n;
} quiz;

/* What the sheet knows about one segment, from one pass over it. */
typedef struct seginfo {
    int16_t ack_src;       /* the peer's line that ends at this ACK number (an ACK of all
                              the peer's lines above), -1: none */
    int16_t state_prev[2]; /* the last line above that writes the client's [0] / the
                              server's [1] state, -1: the top line */
    uint8_t ok;            /* bit per qkind: the sheet determines the answer */
    uint8_t full_fits;     /* bit per qkind: the blank fits with all the numbers */
    uint8_t fits;          /* bit per qkind: the blank fits (all numbers, or the few needed) */
    bool timed;            /* the line carries its time (another would read the same) */
    bool framed;           /* ... and its frame number (another has the same time too) */
    bool probe_seq;        /* a probe's sequence number is added to tcpdump's numbers */
    uint8_t numbers_len;   /* tcpdump's numbers (tt_walk_numbers), in columns */
    uint8_t flags_len;     /* tcpdump's flags ("[S.]"), in columns */
} seginfo;

/* One worksheet: the sheet's segments, what each allows, the questions. */
typedef struct sheet {
    tt_walk_view v; /* the segments on the sheet (at most TT_QUIZ_MAX_SEGMENTS) */
    size_t total;   /* the stream's segments */
    seginfo info[TT_QUIZ_MAX_SEGMENTS];
    uint8_t number[TT_QUIZ_MAX_SEGMENTS]; /* the question on each line, 0: none */
    int16_t syn[2];                       /* each side's SYN line with a window scale option */
    uint8_t masked[TT_QUIZ_MAX_SEGMENTS]; /* a "next" question's answer the line would show,
                                             written "?": MASK_SEQ, MASK_ACK */
    bool any_timed, any_framed;
    quiz z;
} sheet;

enum { MASK_SEQ = 1, MASK_ACK = 2 };

/* ---- the seeded generator --------------------------------------------------- */

/* splitmix64: a small, well-mixed generator step, used here as a hash. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

static uint64_t candidate_key(uint64_t base, size_t seg, qkind k)
{
    return splitmix64(base ^ splitmix64((uint64_t)seg * Q_KIND_COUNT + (uint64_t)k));
}

/* ---- which questions a segment allows ------------------------------------------ */

/* A segment the state machine could read, inside the connection. */
static bool readable(const tt_walk_seg *s)
{
    const tt_result *r = s->r;
    const tt_header *h = s->h;
    return r->role != TT_ROLE_MALFORMED && r->role != TT_ROLE_ICMP_QUOTED &&
           r->role != TT_ROLE_NONE && h->bytes != NULL && h->caplen >= 20 &&
           !tt_header_malformed(h);
}

/* The shift a SYN announces in its window scale option, or -1. */
static int syn_wscale(const tt_header *h)
{
    if (!(h->flags & TT_SYN))
        return -1;
    const tt_option *o = tt_header_find_option(h, TT_OPT_WSCALE);
    if (o == NULL || o->status != TT_OPTLEN_OK)
        return -1;
    return tt_option_u8(h, o, 0);
}

/* States are asked about only when the capture shows where they start:
 * from the first SYN on, or after a first SYN+ACK (whose sender is surely
 * the server), never when client and server were guessed. Returns the first
 * segment whose states may be asked about (v->n: none). */
static size_t states_from(const tt_walk_view *v)
{
    for (size_t k = 0; k < v->n; k++) {
        if (v->segs[k].r->notes & TT_NOTE_DIR_GUESSED)
            return v->n;
    }
    const tt_result *first = v->segs[0].r;
    if (first->notes & TT_NOTE_INFERRED)
        return first->role == TT_ROLE_HANDSHAKE_2 ? 1 : v->n;
    return 0;
}

/* The edge of RFC 9293's diagram (or the two) that moved an endpoint on a
 * segment, as the state machine recorded them. */
typedef struct path {
    tt_state via; /* TT_ST_COUNT: one edge */
    tt_event first, second;
} path;

static bool find_path(const tt_result *r, bool client, path *out)
{
    uint8_t before = client ? r->client_before : r->server_before;
    uint8_t after = client ? r->client_after : r->server_after;
    tt_path p;
    if (before == after || after >= TT_ST_COUNT || tt_result_path(r, client ? 0 : 1, &p) == 0)
        return false;
    *out = (path){p.via, p.ev[0], p.n == 2 ? p.ev[1] : TT_EV_COUNT};
    return true;
}

static bool state_allows(const sheet *sh, size_t i, bool client)
{
    const tt_walk_view *v = &sh->v;
    const tt_result *r = v->segs[i].r;
    if (r->notes & TT_NOTE_INFERRED)
        return false;
    /* A correction of an assumption is no move of the diagram; and a state
     * that a later segment corrects (a lost ACK of a SYN+ACK shows itself
     * within the handshake: a short look ahead finds it) is no answer. */
    unsigned who = client ? 0 : 1;
    if (tt_result_corrected(r, who))
        return false;
    for (size_t j = i + 1; j < v->n && j <= i + 64; j++) {
        if (tt_result_corrected(v->segs[j].r, who))
            return false;
    }
    /* Nor a move from a corrected state: the sheet would show the state
     * before it as a move back (ESTABLISHED, then SYN-RECEIVED*). */
    int prev = sh->info[i].state_prev[who];
    if (prev >= 0 && tt_result_corrected(v->segs[prev].r, who))
        return false;
    path p;
    return find_path(r, client, &p);
}

static bool consumes(const tt_walk_seg *s)
{
    return s->r->payload_len > 0 || (s->h->flags & (TT_SYN | TT_FIN));
}

/* How line j (below line i) would show the answer of a "next" question on
 * line i: as the acknowledgment number of the peer (MASK_ACK), or as the
 * first sequence number of the sender's next segment (MASK_SEQ); 0: not. */
static unsigned shows_next(const tt_walk_view *v, size_t i, size_t j)
{
    const tt_walk_seg *s = &v->segs[i], *t = &v->segs[j];
    if (j <= i || !readable(t))
        return 0;
    uint32_t next = tt_walk_next_seq(s);
    if (t->r->dir != s->r->dir)
        return (t->h->flags & TT_ACK) && tt_walk_ack(t) == next ? MASK_ACK : 0;
    bool seq_shown = consumes(t) || (t->h->flags & TT_RST) || !(t->h->flags & TT_ACK) ||
                     t->r->role == TT_ROLE_KEEPALIVE || t->r->role == TT_ROLE_ZERO_WINDOW_PROBE;
    return seq_shown && tt_walk_seq(t) == next ? MASK_SEQ : 0;
}

static bool next_allows(const tt_walk_seg *s)
{
    const tt_result *r = s->r;
    if (!consumes(s) || (s->h->flags & TT_RST))
        return false;
    if (r->notes & (TT_NOTE_RETRANSMISSION | TT_NOTE_OUT_OF_WINDOW | TT_NOTE_SYN_DATA))
        return false;
    return r->role != TT_ROLE_KEEPALIVE && r->role != TT_ROLE_ZERO_WINDOW_PROBE &&
           r->role != TT_ROLE_REFUSED && r->role != TT_ROLE_RESET;
}

/* The window in bytes is asked only where scaling matters (a known shift
 * above 0, whose two SYN lines with their options are on the sheet), or for
 * a zero window (flow control stops the peer) whatever the scale. */
static bool window_allows(const sheet *sh, size_t i)
{
    uint64_t bytes;
    const tt_walk_seg *s = &sh->v.segs[i];
    const tt_header *h = s->h;
    if (h->flags & (TT_RST | TT_SYN) || !(h->flags & TT_ACK))
        return false;
    /* Only to a receiver that may still send data (not after its FIN). */
    uint8_t receiver = s->r->dir == TT_DIR_C2S ? s->r->server_after : s->r->client_after;
    if (receiver != TT_ST_ESTABLISHED && receiver != TT_ST_CLOSE_WAIT)
        return false;
    if (!tt_walk_window_bytes(s, &bytes))
        return false;
    if (h->window == 0)
        return true;
    if (s->r->wscale <= 0 || s->r->wscale > 14)
        return false;
    int mine = sh->syn[s->r->dir], theirs = sh->syn[!s->r->dir];
    return mine >= 0 && theirs >= 0 && (size_t)mine < i && (size_t)theirs < i &&
           syn_wscale(sh->v.segs[mine].h) == s->r->wscale;
}

/* A role the sheet shows the reasons for. */
static bool role_shown(uint8_t role)
{
    switch (role) {
    case TT_ROLE_NONE:
    case TT_ROLE_MALFORMED:
    case TT_ROLE_ICMP_QUOTED:
    case TT_ROLE_WINDOW_UPDATE:         /* the window before it is not on the sheet */
    case TT_ROLE_ZERO_WINDOW_PROBE:     /* nor the zero window it probes */
    case TT_ROLE_ZERO_WINDOW_PROBE_ACK: /* nor the probe's window */
        return false;
    default:
        return true;
    }
}

/* Room for the label on a ladder line (the ladder's arrow less its ends). */
#define LABEL_COLS 58
/* A blank, at its widest: "(Q10)____". */
#define BLANK_COLS 9

static unsigned digits(uint32_t x)
{
    unsigned n = 1;
    while (x >= 10) {
        x /= 10;
        n++;
    }
    return n;
}

/* Columns of the time written on a line: " t=12.000120". */
static unsigned time_cols(const tt_walk_seg *s)
{
    return 3 + digits((uint32_t)(s->t_us / 1000000u)) + 7;
}

/* Columns of a label's flags and numbers with a blank of `kind`, without
 * the role (the widest language, the widest blank); `full`: all of
 * tcpdump's numbers, else only those the question needs. Mirrors
 * line_numbers(). */
static size_t label_cols(const sheet *sh, size_t i, qkind kind, bool full)
{
    const tt_walk_seg *s = &sh->v.segs[i];
    const tt_header *h = s->h;
    const seginfo *in = &sh->info[i];
    size_t cols = in->flags_len;
    if (in->timed)
        cols += time_cols(s);
    if (in->framed)
        cols += 7 + digits(s->frame); /* " frame N" (wider than " 帧 N") */
    int shift = syn_wscale(h);
    if (shift >= 0)
        cols += 8 + digits((uint32_t)shift); /* " wscale N" */
    if (in->probe_seq && kind != Q_NEXT && kind != Q_WINDOW)
        cols += 5 + digits(tt_walk_seq(s)); /* the probe's " seq N" */
    switch (kind) {
    case Q_NEXT:
        cols += 5 + digits(tt_walk_seq(s)); /* " seq N" */
        if (s->r->payload_len > 0)
            cols += 5 + digits(s->r->payload_len);
        if (full && (h->flags & TT_ACK))
            cols += 5 + digits(tt_walk_ack(s));
        return cols + 10 + BLANK_COLS; /* " 下一序号 ____" */
    case Q_WINDOW: {
        size_t nums;
        if (full) {
            char seq_ack[64];
            nums = 1 + tt_walk_seq_ack(s->r, h, seq_ack, sizeof seq_ack);
        } else {
            nums = 5 + digits(tt_walk_ack(s));
        }
        return cols + nums + 5 + digits(h->window) + 3 + BLANK_COLS; /* " win W = ____" */
    }
    case Q_ACK:
        return cols + 1 + in->numbers_len - digits(tt_walk_ack(s)) + BLANK_COLS;
    case Q_ROLE:
        return cols + (in->numbers_len ? 1 + in->numbers_len : 0) + 3 + BLANK_COLS; /* " [____]" */
    default:
        return cols + (in->numbers_len ? 1 + in->numbers_len : 0);
    }
}

/* Columns of a line's role label ("[Data #2 (retransmission)]"), in the
 * wider language, with the space before it. */
static size_t role_cols(const tt_walk_seg *s)
{
    size_t widest = 0;
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        char label[128];
        tt_explain_label(s->r, (tt_lang)lang, label, sizeof label);
        size_t w = tt_display_width(label);
        widest = w > widest ? w : widest;
    }
    return widest ? 1 + widest : 0;
}

/* Whether the blank of a question fits on its line, with the line's whole
 * role beside it (a role left out would read as a hidden one); notes
 * whether it does with all the numbers. */
static bool blank_fits(sheet *sh, size_t i, qkind kind)
{
    seginfo *in = &sh->info[i];
    size_t room = LABEL_COLS;
    if (kind != Q_ROLE) {
        size_t role = role_cols(&sh->v.segs[i]);
        room = role < LABEL_COLS ? LABEL_COLS - role : 0;
    }
    if (label_cols(sh, i, kind, true) <= room) {
        in->full_fits |= (uint8_t)(1u << kind);
        in->fits |= (uint8_t)(1u << kind);
        return true;
    }
    if ((kind == Q_NEXT || kind == Q_WINDOW) && label_cols(sh, i, kind, false) <= room) {
        in->fits |= (uint8_t)(1u << kind);
        return true;
    }
    return false;
}

/* ---- one pass over the sheet ------------------------------------------------------- */

/* What makes two lines read the same: direction, flags and numbers. */
typedef struct look {
    uint64_t hash;
    int16_t seg;
} look;

static int look_cmp(const void *a, const void *b)
{
    const look *x = (const look *)a, *y = (const look *)b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->seg - y->seg;
}

/* FNV-1a over a string, into a running hash. */
static uint64_t hash_text(uint64_t x, const char *p)
{
    for (; *p; p++)
        x = (x ^ (unsigned char)*p) * 0x100000001b3u;
    return x;
}

/* Lines whose flags and numbers are those of another line carry their time;
 * notes the width of each line's numbers. */
static void mark_timed(sheet *sh)
{
    look looks[TT_QUIZ_MAX_SEGMENTS];
    size_t n = sh->v.n;
    for (size_t i = 0; i < n; i++) {
        const tt_walk_seg *s = &sh->v.segs[i];
        char numbers[64], flags[16];
        sh->info[i].numbers_len = (uint8_t)tt_walk_numbers(s->r, s->h, numbers, sizeof numbers);
        sh->info[i].flags_len = (uint8_t)tt_walk_flags(s->h->flags, flags, sizeof flags);
        sh->info[i].timed = sh->info[i].framed = false;
        bool probe = s->r->role == TT_ROLE_KEEPALIVE || s->r->role == TT_ROLE_ZERO_WINDOW_PROBE;
        uint64_t x = hash_text(0xcbf29ce484222325u, numbers);
        x = splitmix64(x ^ ((uint64_t)s->r->dir << 40) ^ ((uint64_t)s->h->flags << 24) ^
                       (uint64_t)(syn_wscale(s->h) + 1));
        /* A keep-alive or a zero-window probe is told by its sequence number
         * (one below the next byte, or the next byte alone): it is shown,
         * which tcpdump's notation leaves out of a segment without data. */
        sh->info[i].probe_seq = probe && strstr(numbers, "seq ") == NULL;
        if (probe)
            x = splitmix64(x ^ tt_walk_seq(s));
        looks[i] = (look){x, (int16_t)i};
    }
    if (n < 2)
        return;
    qsort(looks, n, sizeof looks[0], look_cmp);
    for (size_t i = 0; i + 1 < n; i++) {
        if (looks[i].hash != looks[i + 1].hash)
            continue;
        seginfo *a = &sh->info[looks[i].seg], *b = &sh->info[looks[i + 1].seg];
        a->timed = b->timed = true;
        sh->any_timed = true;
        /* the same time too (a capture holding a packet twice): the frames */
        for (size_t j = i + 1; j < n && looks[j].hash == looks[i].hash; j++) {
            seginfo *c = &sh->info[looks[j].seg];
            if (sh->v.segs[looks[i].seg].t_us == sh->v.segs[looks[j].seg].t_us) {
                a->framed = c->framed = true;
                sh->any_framed = true;
            }
        }
    }
}

static void prepare(sheet *sh)
{
    const tt_walk_view *v = &sh->v;
    size_t state_start = states_from(v);
    /* Per side: where its numbers begin on the sheet and how far its lines
     * reached (and which line reached it), its last acknowledgment number. */
    uint32_t origin[2] = {0, 0}, reached[2] = {0, 0}, last_ack[2] = {0, 0};
    int16_t reached_by[2] = {-1, -1}, state_line[2] = {-1, -1};
    bool seen[2] = {false, false}, acked[2] = {false, false};
    /* Where the sheet stops showing all that happened: a segment of the
     * stream left out by a filter, or an acknowledgment of numbers the
     * peer's lines never reached (segments not captured). From there on the
     * states and roles depend on what is not on the sheet. */
    bool unseen = false;
    uint32_t peer_end[2] = {0, 0}; /* per side: as far as the peer's ACKs showed it, unseen */
    bool peer_end_known[2] = {false, false};
    uint32_t first_index = tt_walk_captured(v->w)->first_index;
    uint32_t prev_index = first_index > 0 ? first_index - 1 : 0;
    sh->syn[0] = sh->syn[1] = -1;
    mark_timed(sh);
    for (size_t i = 0; i < v->n; i++) {
        const tt_walk_seg *s = &v->segs[i];
        const tt_result *r = s->r;
        const tt_header *h = s->h;
        seginfo *in = &sh->info[i];
        unsigned d = r->dir, p = !r->dir;
        in->ack_src = -1;
        in->state_prev[0] = state_line[0];
        in->state_prev[1] = state_line[1];
        in->ok = 0;
        in->fits = in->full_fits = 0;
        if (r->index != prev_index + 1)
            unseen = true;
        prev_index = r->index;
        if (!readable(s)) {
            /* what the line writes still counts for the states */
            if (r->client_after != r->client_before)
                state_line[0] = (int16_t)i;
            if (r->server_after != r->server_before)
                state_line[1] = (int16_t)i;
            continue;
        }
        uint32_t ack = tt_walk_ack(s);
        bool has_ack = (h->flags & TT_ACK) != 0;
        if (has_ack && !(h->flags & TT_RST)) {
            if (seen[p] && (int32_t)(ack - reached[p]) > 0)
                unseen = true;
            if (!seen[p] && peer_end_known[p] && (int32_t)(ack - peer_end[p]) > 0)
                unseen = true;
            if (!seen[p] && !peer_end_known[p]) {
                peer_end[p] = ack;
                peer_end_known[p] = true;
            }
        }
        /* The acknowledgment number: everything the peer's lines above sent. */
        if (has_ack && seen[p] && ack == reached[p] && reached_by[p] >= 0) {
            in->ack_src = reached_by[p];
            in->ok |= 1u << Q_ACK;
        }
        /* The next sequence number: where the sender's numbers run on. */
        bool in_order = false;
        if (consumes(s) && !(h->flags & TT_RST) && !(r->notes & TT_NOTE_OUT_OF_WINDOW)) {
            uint32_t next = tt_walk_next_seq(s), seq = tt_walk_seq(s);
            in_order = !seen[d] || (seq == reached[d] && (int32_t)(next - reached[d]) > 0);
            if (!seen[d])
                origin[d] = seq;
            if (!seen[d] || (int32_t)(next - reached[d]) > 0) {
                reached[d] = next;
                reached_by[d] = (int16_t)i;
            }
            seen[d] = true;
        }
        /* A segment the receiver dropped outside its window leaves the peer's
         * answer looking wrong against the line above it: no acknowledgment
         * is asked until the sender's lines reach a new point. */
        if (consumes(s) && (r->notes & TT_NOTE_OUT_OF_WINDOW))
            reached_by[d] = -1;
        if (in_order && next_allows(s))
            in->ok |= 1u << Q_NEXT;
        if (!unseen && i >= state_start && state_allows(sh, i, true))
            in->ok |= 1u << Q_STATE_CLIENT;
        if (!unseen && i >= state_start && state_allows(sh, i, false))
            in->ok |= 1u << Q_STATE_SERVER;
        /* The role: about what the sheet shows. */
        /* (not a FIN or RST that also completes the handshake: its two
         * roles, teardown and handshake step 3, would both be right) */
        bool role =
            role_shown(r->role) && !(r->notes & (TT_NOTE_INFERRED | TT_NOTE_CHUNK_UNSEEN |
                                                 TT_NOTE_OUT_OF_WINDOW | TT_NOTE_COMPLETES_HS));
        if (role && (r->role == TT_ROLE_ACK || r->role == TT_ROLE_DATA_PIGGYBACK ||
                     r->role == TT_ROLE_DUP_ACK)) {
            /* the bytes it acknowledges (anew) were sent on the sheet */
            role = seen[p] && acked[d] && (int32_t)(ack - origin[p]) > 0 &&
                   (int32_t)(reached[p] - ack) >= 0 && (int32_t)(last_ack[d] - origin[p]) >= 0;
            if (r->role == TT_ROLE_DUP_ACK)
                role = role && last_ack[d] == ack;
        }
        if (role && r->role == TT_ROLE_KEEPALIVE)
            role = seen[d];
        if (role && !unseen)
            in->ok |= 1u << Q_ROLE;
        if (has_ack && !(h->flags & TT_RST)) {
            last_ack[d] = ack;
            acked[d] = true;
        }
        int shift = syn_wscale(h);
        if (shift >= 0 && sh->syn[d] < 0)
            sh->syn[d] = (int16_t)i;
        if (r->client_after != r->client_before)
            state_line[0] = (int16_t)i;
        if (r->server_after != r->server_before)
            state_line[1] = (int16_t)i;
    }
    /* A SYN line whose option does not fit on it cannot give its shift. */
    for (unsigned d = 0; d < 2; d++) {
        if (sh->syn[d] >= 0 && label_cols(sh, (size_t)sh->syn[d], Q_KIND_COUNT, true) > LABEL_COLS)
            sh->syn[d] = -1;
    }
    /* The window (it needs the SYN lines) and what fits. */
    for (size_t i = 0; i < v->n; i++) {
        seginfo *in = &sh->info[i];
        if (readable(&v->segs[i]) && window_allows(sh, i))
            in->ok |= 1u << Q_WINDOW;
        for (unsigned k = Q_ACK; k < Q_KIND_COUNT; k++) {
            if ((in->ok & (1u << k)) && !blank_fits(sh, i, (qkind)k))
                in->ok &= (uint8_t) ~(1u << k);
        }
    }
}

/* ---- choosing the questions ------------------------------------------------------ */

/* Whether blank `b` hides a value that question `q` needs. */
static bool hides(const sheet *sh, const question *q, const question *b)
{
    const seginfo *in = &sh->info[q->seg];
    switch (q->kind) {
    case Q_ACK:
        /* the line that ends at the number: its seq and len, or its next */
        return (int)b->seg == in->ack_src && (b->kind == Q_NEXT || b->kind == Q_WINDOW);
    case Q_STATE_CLIENT:
    case Q_STATE_SERVER: {
        unsigned who = q->kind == Q_STATE_CLIENT ? 0 : 1;
        return (int)b->seg == in->state_prev[who] && b->kind == q->kind;
    }
    default:
        return false;
    }
}

/* Whether a candidate goes with the questions picked so far (each marked
 * in sh->number while they are picked): its segment is free, no picked
 * blank hides what it needs, and its blank hides nothing a picked question
 * needs. */
static bool fits_with(const sheet *sh, const question *c)
{
    if (sh->number[c->seg] != 0)
        return false;
    /* A "next" question writes "?" where a later line would show its
     * answer: no other question on such a line, nor one that needs it. */
    for (unsigned i = 0; i < sh->z.n; i++) {
        const question *q = &sh->z.q[i];
        if (q->kind == Q_NEXT && (shows_next(&sh->v, q->seg, c->seg) ||
                                  (c->kind == Q_ACK && sh->info[c->seg].ack_src >= 0 &&
                                   shows_next(&sh->v, q->seg, (size_t)sh->info[c->seg].ack_src))))
            return false;
        if (c->kind == Q_NEXT && (shows_next(&sh->v, c->seg, q->seg) ||
                                  (q->kind == Q_ACK && sh->info[q->seg].ack_src >= 0 &&
                                   shows_next(&sh->v, c->seg, (size_t)sh->info[q->seg].ack_src))))
            return false;
    }
    /* what it needs: one line, at most */
    const seginfo *in = &sh->info[c->seg];
    int need = -1;
    if (c->kind == Q_ACK)
        need = in->ack_src;
    else if (c->kind == Q_STATE_CLIENT || c->kind == Q_STATE_SERVER)
        need = in->state_prev[c->kind == Q_STATE_CLIENT ? 0 : 1];
    if (need >= 0 && sh->number[need] != 0 && hides(sh, c, &sh->z.q[sh->number[need] - 1]))
        return false;
    /* only these blanks hide what another question needs */
    if (c->kind == Q_ACK || c->kind == Q_ROLE)
        return true;
    for (unsigned i = 0; i < sh->z.n; i++) {
        if (hides(sh, &sh->z.q[i], c))
            return false;
    }
    return true;
}

/* A candidate's rank: smaller is better, compared field by field. */
typedef struct rank {
    unsigned covered, rarity, bin_used, asked;
    uint64_t key;
} rank;

static bool better(const rank *a, const rank *b)
{
    if (a->covered != b->covered)
        return a->covered < b->covered;
    if (a->rarity != b->rarity)
        return a->rarity < b->rarity;
    if (a->bin_used != b->bin_used)
        return a->bin_used < b->bin_used;
    if (a->asked != b->asked)
        return a->asked < b->asked;
    return a->key < b->key;
}

/* The best candidates (smallest keys) of one kind in one tenth of the
 * sheet: enough to always have one left whatever the other picks took
 * (each pick uses one segment, which has at most two candidates of a kind,
 * and hides what at most two others need). */
#define SLOT_KEEP (4 * TT_QUIZ_MAX + 1)

typedef struct candidate {
    uint16_t seg;
    uint8_t kind;
    uint64_t key;
} candidate;

typedef struct slot {
    candidate c[SLOT_KEEP];
    unsigned n;
} slot;

static void slot_add(slot *s, candidate c)
{
    if (s->n == SLOT_KEEP && c.key >= s->c[SLOT_KEEP - 1].key)
        return;
    unsigned at = s->n < SLOT_KEEP ? s->n++ : SLOT_KEEP - 1;
    for (; at > 0 && s->c[at - 1].key > c.key; at--)
        s->c[at] = s->c[at - 1];
    s->c[at] = c;
}

static void choose(sheet *sh, uint32_t seed)
{
    const tt_walk_view *v = &sh->v;
    quiz *z = &sh->z;
    z->n = 0;
    memset(sh->number, 0, sizeof sh->number);
    if (v->n == 0)
        return;
    prepare(sh);
    slot slots[G_COUNT][TT_QUIZ_MAX];
    for (unsigned g = 0; g < G_COUNT; g++) {
        for (unsigned bin = 0; bin < TT_QUIZ_MAX; bin++)
            slots[g][bin].n = 0;
    }
    uint64_t base = splitmix64(((uint64_t)seed << 32) | v->w->stream);
    size_t askable = 0;
    unsigned in_group[G_COUNT] = {0};
    for (size_t i = 0; i < v->n; i++) {
        uint8_t ok = sh->info[i].ok;
        if (ok == 0)
            continue;
        bool group_seen[G_COUNT] = {false};
        size_t bin = (size_t)((uint64_t)i * TT_QUIZ_MAX / v->n);
        for (unsigned k = 0; k < Q_KIND_COUNT; k++) {
            if (!(ok & (1u << k)))
                continue;
            unsigned g = kind_group((qkind)k);
            slot_add(&slots[g][bin],
                     (candidate){(uint16_t)i, (uint8_t)k, candidate_key(base, i, (qkind)k)});
            group_seen[g] = true;
        }
        for (unsigned g = 0; g < G_COUNT; g++)
            in_group[g] += group_seen[g];
        askable++;
    }
    unsigned target = askable < TT_QUIZ_MAX ? (unsigned)askable : TT_QUIZ_MAX;
    unsigned asked[G_COUNT] = {0};
    bool bin_used[TT_QUIZ_MAX] = {false};
    while (z->n < target) {
        bool found = false;
        rank best = {0};
        question pick = {0, Q_ROLE};
        for (unsigned g = 0; g < G_COUNT; g++) {
            for (unsigned bin = 0; bin < TT_QUIZ_MAX; bin++) {
                const slot *sl = &slots[g][bin];
                /* the slot's best candidate that goes with the questions so far */
                const candidate *c = NULL;
                for (unsigned k = 0; k < sl->n && c == NULL; k++) {
                    question q = {sl->c[k].seg, (qkind)sl->c[k].kind};
                    if (fits_with(sh, &q))
                        c = &sl->c[k];
                }
                if (c == NULL)
                    continue;
                rank r = {asked[g] > 0, asked[g] > 0 ? 0 : in_group[g], bin_used[bin], asked[g],
                          c->key};
                if (!found || better(&r, &best)) {
                    best = r;
                    pick = (question){c->seg, (qkind)c->kind};
                    found = true;
                }
            }
        }
        if (!found)
            break;
        z->q[z->n++] = pick;
        sh->number[pick.seg] = (uint8_t)z->n;
        asked[kind_group(pick.kind)]++;
        bin_used[(size_t)((uint64_t)pick.seg * TT_QUIZ_MAX / v->n)] = true;
    }
    /* Numbered from the top of the ladder down. */
    for (unsigned i = 1; i < z->n; i++) {
        question q = z->q[i];
        unsigned j = i;
        for (; j > 0 && z->q[j - 1].seg > q.seg; j--)
            z->q[j] = z->q[j - 1];
        z->q[j] = q;
    }
    for (unsigned i = 0; i < z->n; i++)
        sh->number[z->q[i].seg] = (uint8_t)(i + 1);
    memset(sh->masked, 0, sizeof sh->masked);
    for (unsigned i = 0; i < z->n; i++) {
        if (z->q[i].kind != Q_NEXT)
            continue;
        for (size_t j = z->q[i].seg + 1; j < v->n; j++)
            sh->masked[j] |= (uint8_t)shows_next(v, z->q[i].seg, j);
    }
}

/* The question asked about a segment, 0 when none (else its number). */
static unsigned question_of(const sheet *sh, size_t seg, qkind *kind)
{
    unsigned number = sh->number[seg];
    if (number != 0)
        *kind = sh->z.q[number - 1].kind;
    return number;
}

/* ---- the ladder with blanks ---------------------------------------------------------- */

static void blank(char *buf, size_t n, unsigned number)
{
    snprintf(buf, n, "(Q%u)____", number);
}

/* Replaces in tcpdump's numbers the sequence number ("seq 21:41" ->
 * "seq ?:41") or the acknowledgment number ("ack 21" -> "ack ?") that
 * would give away a "next" question's answer. */
static void mask_numbers(char *numbers, size_t n, const tt_walk_seg *s, unsigned mask)
{
    char out[64], word[24];
    tt_sb b;
    tt_sb_init(&b, out, sizeof out);
    const char *p = numbers;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        bool done = false;
        if (sp != NULL && len == 3 && (strncmp(p, "seq", 3) == 0 || strncmp(p, "ack", 3) == 0)) {
            bool seq = p[0] == 's';
            if (mask & (seq ? MASK_SEQ : MASK_ACK)) {
                snprintf(word, sizeof word, "%" PRIu32, seq ? tt_walk_seq(s) : tt_walk_ack(s));
                size_t w = strlen(word);
                const char *num = sp + 1;
                if (strncmp(num, word, w) == 0 &&
                    (num[w] == '\0' || num[w] == ' ' || num[w] == ':')) {
                    tt_sb_raw(&b, "%.3s ?", p);
                    p = num + w;
                    done = true;
                }
            }
        }
        if (!done) {
            tt_sb_raw(&b, "%.*s", (int)len, p);
            p += len;
        }
        if (*p == ' ') {
            tt_sb_raw(&b, " ");
            p++;
        }
    }
    snprintf(numbers, n, "%s", out);
}

/* The numbers of a ladder line; with a question about the segment, the
 * value it asks for is a blank, and what the question needs is shown. `full`:
 * all of tcpdump's numbers; else only those the question needs (for a line
 * that would be too wide). A SYN's window scale is always shown (a window
 * question needs it), and the time where another line would read the same. */
static void line_numbers(tt_sb *b, const sheet *sh, size_t i, qkind kind, unsigned number,
                         tt_lang lang, bool full)
{
    const tt_walk_seg *s = &sh->v.segs[i];
    const tt_result *r = s->r;
    const tt_header *h = s->h;
    char gap[16] = "";
    if (number != 0)
        blank(gap, sizeof gap, number);
    if (sh->info[i].timed) {
        char when[32];
        tt_walk_time(s->t_us, when, sizeof when);
        tt_sb_raw(b, " t=%s", when);
    }
    if (sh->info[i].framed) {
        tt_sb_raw(b, " ");
        tt_sb_msg(b, lang, TT_M_Q_L_FRAME, (unsigned)s->frame);
    }
    int shift = syn_wscale(h);
    if (number != 0 && kind == Q_NEXT) {
        tt_sb_raw(b, " seq %" PRIu32, tt_walk_seq(s));
        if (r->payload_len > 0)
            tt_sb_raw(b, " len %" PRIu32, r->payload_len);
        if (full && (h->flags & TT_ACK))
            tt_sb_raw(b, " ack %" PRIu32, tt_walk_ack(s));
        if (shift >= 0)
            tt_sb_raw(b, " wscale %d", shift);
        tt_sb_raw(b, " ");
        tt_sb_msg(b, lang, TT_M_Q_L_NEXT, gap);
        return;
    }
    char numbers[64];
    if (number != 0 && kind == Q_WINDOW) {
        /* The window field instead of tcpdump's "win N", then the blank. */
        tt_walk_seq_ack(r, h, numbers, sizeof numbers);
        if (full)
            tt_sb_raw(b, " %s", numbers);
        else
            tt_sb_raw(b, " ack %" PRIu32, tt_walk_ack(s));
        tt_sb_raw(b, " win %u = %s", (unsigned)h->window, gap);
        return;
    }
    tt_walk_numbers(r, h, numbers, sizeof numbers);
    if (number == 0 && sh->masked[i])
        mask_numbers(numbers, sizeof numbers, s, sh->masked[i]);
    if (sh->info[i].probe_seq && (sh->masked[i] & MASK_SEQ))
        tt_sb_raw(b, " seq ?");
    else if (sh->info[i].probe_seq)
        tt_sb_raw(b, " seq %" PRIu32, tt_walk_seq(s));
    char *at = number != 0 && kind == Q_ACK ? strstr(numbers, "ack ") : NULL;
    if (at != NULL) {
        /* tcpdump's numbers with the acknowledgment number blanked. */
        char *end = at + 4;
        while (*end >= '0' && *end <= '9')
            end++;
        tt_sb_raw(b, " %.*sack %s%s", (int)(at - numbers), numbers, gap, end);
    } else if (numbers[0]) {
        tt_sb_raw(b, " %s", numbers);
    }
    if (shift >= 0)
        tt_sb_raw(b, " wscale %d", shift);
}

/* The arrow's label: flags, numbers, then the role. A role that does not fit
 * is shortened to its bracket ("(retransmission)" left out), or left out,
 * rather than cut. */
static size_t label_text(const sheet *sh, size_t i, qkind kind, unsigned number, tt_lang lang,
                         char *buf, size_t n)
{
    const tt_walk_seg *s = &sh->v.segs[i];
    char gap[16] = "", flags[16];
    tt_sb l;
    tt_sb_init(&l, buf, n);
    if (number != 0)
        blank(gap, sizeof gap, number);
    tt_walk_flags(s->h->flags, flags, sizeof flags);
    tt_sb_raw(&l, "%s", flags);
    bool full = number == 0 || (sh->info[i].full_fits & (1u << kind));
    line_numbers(&l, sh, i, kind, number, lang, full);
    if (number != 0 && kind == Q_ROLE) {
        tt_sb_raw(&l, " [%s]", gap);
        return l.len;
    }
    char label[128];
    size_t label_len = tt_explain_label(s->r, lang, label, sizeof label);
    /* (a UTF-8 string takes no more columns than it has bytes) */
    if (l.len + 1 + label_len <= LABEL_COLS) {
        tt_sb_raw(&l, " %s", label);
        return l.len;
    }
    size_t used = tt_display_width(buf), room = used + 1 < LABEL_COLS ? LABEL_COLS - 1 - used : 0;
    if (tt_display_width(label) > room) {
        /* The bracketed label with "(resent)" for "(retransmission)", or
         * without what follows it. */
        char *close = strchr(label, ']');
        if (close != NULL) {
            close[1] = '\0';
            if (s->r->notes & TT_NOTE_RETRANSMISSION) {
                size_t at = strlen(label);
                snprintf(label + at, sizeof label - at, "%s", tt_msg_text(lang, TT_M_Q_L_RESENT));
                if (tt_display_width(label) > room)
                    label[at] = '\0';
            }
        }
        if (tt_display_width(label) > room)
            return l.len;
    }
    tt_sb_raw(&l, " %s", label);
    return l.len;
}

static size_t quiz_line(const sheet *sh, size_t i, tt_lang lang, char *buf, size_t n)
{
    const tt_result *r = sh->v.segs[i].r;
    qkind kind = Q_ROLE;
    unsigned number = question_of(sh, i, &kind);
    char label[256], gap[16] = "";
    if (number != 0)
        blank(gap, sizeof gap, number);
    label_text(sh, i, kind, number, lang, label, sizeof label);
    /* A corrected state carries a star, as in the handout's diagram. */
    char cs[32], ss[32];
    snprintf(cs, sizeof cs, "%s%s", tt_walk_state(r->client_after),
             tt_result_corrected(r, 0) ? "*" : "");
    snprintf(ss, sizeof ss, "%s%s", tt_walk_state(r->server_after),
             tt_result_corrected(r, 1) ? "*" : "");
    const char *client = r->client_after != r->client_before ? cs : "";
    const char *server = r->server_after != r->server_before ? ss : "";
    if (number != 0 && kind == Q_STATE_CLIENT)
        client = gap;
    if (number != 0 && kind == Q_STATE_SERVER)
        server = gap;
    return tt_ladder_compose(r->index, client, r->dir == TT_DIR_C2S, label, server, buf, n);
}

/* ---- questions and answers -------------------------------------------------------- */

static void sep(tt_sb *b, tt_lang lang)
{
    tt_sb_msg(b, lang, TT_M_W_SENTENCE_SEP);
}

static const char *side(tt_lang lang, bool client)
{
    return tt_msg_text(lang, client ? TT_M_CLIENT : TT_M_SERVER);
}

static bool from_client(const tt_walk_seg *s)
{
    return s->r->dir == TT_DIR_C2S;
}

static size_t ask(const tt_walk_view *v, const question *q, tt_lang lang, char *buf, size_t n)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    unsigned index = s->r->index;
    bool c2s = from_client(s);
    tt_sb b;
    tt_sb_init(&b, buf, n);
    switch (q->kind) {
    case Q_STATE_CLIENT:
    case Q_STATE_SERVER:
        tt_sb_msg(
            &b, lang, TT_M_Q_ASK_STATE, index,
            tt_msg_text(lang, q->kind == Q_STATE_CLIENT ? TT_M_CLIENT_POSS : TT_M_SERVER_POSS));
        break;
    case Q_ACK:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_ACK, index);
        break;
    case Q_NEXT:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_NEXT, index, side(lang, c2s));
        break;
    case Q_WINDOW:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_WINDOW, index, side(lang, c2s), (unsigned)s->h->window,
                  side(lang, !c2s), (unsigned)tt_walk_ack(s));
        break;
    default:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_ROLE, index);
        break;
    }
    return b.len;
}

/* Collects the lines that the header explanation emits about some bytes. */
typedef struct collect {
    tt_sb *b;
    tt_lang lang;
    int offset;
} collect;

static void collect_line(void *ctx, int depth, int offset, int length, const char *text)
{
    collect *c = (collect *)ctx;
    (void)depth;
    (void)length;
    if (offset == c->offset) {
        sep(c->b, c->lang);
        tt_sb_raw(c->b, "%s", text);
    }
}

static const tt_msg event_text[TT_EV_COUNT] = {
#define TT_EVENT(id, token, text) [id] = text,
#include "states.def"
};

/* The edge (or the two) that moved the endpoint, with its section. */
static void state_edge(tt_sb *b, const tt_result *r, bool client, tt_lang lang)
{
    path p;
    if (!find_path(r, client, &p))
        return;
    tt_state before = (tt_state)(client ? r->client_before : r->server_before);
    tt_state after = (tt_state)(client ? r->client_after : r->server_after);
    char edge[512];
    tt_sb e;
    tt_sb_init(&e, edge, sizeof edge);
    if (p.via == TT_ST_COUNT) {
        tt_sb_msg(&e, lang, TT_M_CONV_EDGE, tt_explain_state(lang, before),
                  tt_msg_text(lang, event_text[p.first]), tt_explain_state(lang, after),
                  tt_edge_section(before, p.first));
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_SENTENCE, edge);
        return;
    }
    sep(b, lang);
    tt_sb_msg(b, lang, TT_M_Q_EDGE2, tt_explain_state(lang, before),
              tt_msg_text(lang, event_text[p.first]), tt_explain_state(lang, p.via),
              tt_edge_section(before, p.first), tt_msg_text(lang, event_text[p.second]),
              tt_explain_state(lang, after), tt_edge_section(p.via, p.second));
    if ((p.first == TT_EV_RCV_ACK_OF_SYN || p.first == TT_EV_RCV_ACK_OF_FIN) &&
        p.second == TT_EV_RCV_FIN) {
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_ACK_FIRST);
    }
}

/* "21 + 0 + 1 (FIN) = 22": how a segment's next sequence number is reached. */
static void next_arith(tt_sb *b, const tt_walk_seg *s, tt_lang lang)
{
    tt_sb_raw(b, "%" PRIu32 " + %" PRIu32, tt_walk_seq(s), s->r->payload_len);
    if (s->h->flags & TT_SYN)
        tt_sb_msg(b, lang, TT_M_Q_PLUS_SYN);
    if (s->h->flags & TT_FIN)
        tt_sb_msg(b, lang, TT_M_Q_PLUS_FIN);
    tt_sb_raw(b, " = %" PRIu32, tt_walk_next_seq(s));
    if (tt_walk_next_seq(s) < tt_walk_seq(s))
        tt_sb_msg(b, lang, TT_M_Q_WRAP);
}

/* The latest segment before `seg`, from the other side than `dir`, whose
 * next sequence number is `next` (retransmissions only when `again`). */
static const tt_walk_seg *ends_at(const tt_walk_view *v, size_t seg, unsigned dir, uint32_t next,
                                  bool again)
{
    for (size_t k = seg; k-- > 0;) {
        const tt_walk_seg *p = &v->segs[k];
        if (p->r->dir == dir || !readable(p) || !consumes(p) || (p->h->flags & TT_RST))
            continue;
        if (((p->r->notes & TT_NOTE_RETRANSMISSION) != 0) != again)
            continue;
        if (tt_walk_next_seq(p) == next)
            return p;
    }
    return NULL;
}

static void why_ack(tt_sb *b, const tt_walk_view *v, const question *q, tt_lang lang)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    uint32_t ack = tt_walk_ack(s);
    /* The peer's segment whose end this number is, the latest one (a first
     * sending rather than its retransmission). */
    const tt_walk_seg *p = NULL;
    for (int pass = 0; pass < 2 && p == NULL; pass++)
        p = ends_at(v, q->seg, s->r->dir, ack, pass == 1);
    if (p != NULL) {
        char arith[128];
        tt_sb a;
        tt_sb_init(&a, arith, sizeof arith);
        next_arith(&a, p, lang);
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_WHY_ACK_FROM, (unsigned)p->r->index, side(lang, from_client(p)),
                  arith);
    }
    collect c = {b, lang, 8};
    tt_emitter e = {collect_line, &c};
    tt_explain_header_field(s->h, s->r, lang, 8, &e);
}

static void why_next(tt_sb *b, const tt_walk_view *v, const question *q, tt_lang lang)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    char arith[128];
    tt_sb a;
    tt_sb_init(&a, arith, sizeof arith);
    next_arith(&a, s, lang);
    sep(b, lang);
    tt_sb_msg(b, lang, TT_M_Q_WHY_NEXT, arith);
    sep(b, lang);
    tt_sb_msg(b, lang, TT_M_Q_SND_NXT, side(lang, from_client(s)));
    uint32_t next = tt_walk_next_seq(s);
    /* The peer's first acknowledgment of exactly this number, if any. */
    for (size_t k = q->seg + 1; k < v->n; k++) {
        const tt_walk_seg *p = &v->segs[k];
        if (p->r->dir == s->r->dir || !readable(p) || !(p->h->flags & TT_ACK) ||
            (p->h->flags & TT_RST))
            continue;
        if (tt_walk_ack(p) == next) {
            sep(b, lang);
            tt_sb_msg(b, lang, TT_M_Q_CONFIRMED, (unsigned)p->r->index, side(lang, from_client(p)),
                      (unsigned)next);
            break;
        }
    }
}

static void why_window(tt_sb *b, const tt_walk_view *v, const question *q, tt_lang lang)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    bool c2s = from_client(s);
    /* The sender's SYN, whose option gave the shift. */
    for (size_t k = 0; k < q->seg; k++) {
        const tt_walk_seg *p = &v->segs[k];
        if (p->r->dir != s->r->dir || !readable(p) || !(p->h->flags & TT_SYN))
            continue;
        int ws = syn_wscale(p->h);
        if (ws >= 0 && (ws > 14 ? 14 : ws) == s->r->wscale) {
            sep(b, lang);
            tt_sb_msg(b, lang, TT_M_Q_WHY_WS_FROM,
                      tt_msg_text(lang, c2s ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD),
                      (unsigned)p->r->index, (unsigned)ws);
            break;
        }
    }
    collect c = {b, lang, 14};
    tt_emitter e = {collect_line, &c};
    tt_explain_header_field(s->h, s->r, lang, 14, &e);
    uint64_t bytes;
    tt_walk_window_bytes(s, &bytes);
    if (bytes > 0) {
        uint32_t ack = tt_walk_ack(s);
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_WHY_WINDOW, side(lang, !c2s), (unsigned)ack,
                  (unsigned)(uint32_t)(ack + bytes - 1));
    }
}

/* The answer and why, as one paragraph. */
static size_t answer(const tt_walk_view *v, const question *q, tt_lang lang, char *buf, size_t n)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    const tt_result *r = s->r;
    tt_sb b;
    tt_sb_init(&b, buf, n);
    char value[160], label[128];
    tt_walk_role_label(r, lang, label, sizeof label);
    switch (q->kind) {
    case Q_STATE_CLIENT:
    case Q_STATE_SERVER: {
        bool client = q->kind == Q_STATE_CLIENT;
        /* The ladder's name (the RFC's), with the textbook's in Chinese, as
         * the columns and the tree give it. */
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS,
                  tt_explain_state(lang, client ? r->client_after : r->server_after));
        sep(&b, lang);
        tt_sb_msg(&b, lang, TT_M_Q_WHY_STATE, (unsigned)r->index, label, side(lang, client),
                  tt_explain_state(lang, client ? r->client_before : r->server_before));
        state_edge(&b, r, client, lang);
        break;
    }
    case Q_ACK:
        snprintf(value, sizeof value, "%" PRIu32, tt_walk_ack(s));
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, value);
        why_ack(&b, v, q, lang);
        break;
    case Q_NEXT:
        snprintf(value, sizeof value, "%" PRIu32, tt_walk_next_seq(s));
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, value);
        why_next(&b, v, q, lang);
        break;
    case Q_WINDOW: {
        uint64_t bytes;
        char num[32];
        tt_walk_window_bytes(s, &bytes);
        snprintf(num, sizeof num, "%" PRIu64, bytes);
        tt_sb v2;
        tt_sb_init(&v2, value, sizeof value);
        tt_sb_msg(&v2, lang, TT_M_Q_BYTES, num);
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, value);
        why_window(&b, v, q, lang);
        break;
    }
    default: {
        char summary[TT_SUMMARY_MAX];
        tt_explain_summary(r, s->h, lang, summary, sizeof summary);
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, label);
        sep(&b, lang);
        tt_sb_raw(&b, "%s", summary);
        break;
    }
    }
    return b.len;
}

/* ---- the two documents -------------------------------------------------------------- */

#define TEXT_MAX (TT_SUMMARY_MAX + 4096)

static void write_ladder(const tt_out *o, const sheet *sh, tt_lang lang, bool html)
{
    char line[1024];
    tt_ladder_top_rfc(sh->v.w, sh->v.client, sh->v.server, lang, line, sizeof line);
    html ? tt_out_html(o, line) : tt_out_str(o, line);
    tt_out_str(o, "\n");
    for (size_t i = 0; i < sh->v.n; i++) {
        quiz_line(sh, i, lang, line, sizeof line);
        html ? tt_out_html(o, line) : tt_out_str(o, line);
        tt_out_str(o, "\n");
    }
}

/* The notation paragraph: only what this worksheet's ladder uses. */
static void notation(const sheet *sh, tt_lang lang, char *buf, size_t n)
{
    const tt_walk_view *v = &sh->v;
    const quiz *z = &sh->z;
    bool next = false, win = false, wscale = false, role = false, syn_data = false;
    bool corrected = false, masked = false, resent = false;
    for (size_t i = 0; i < v->n; i++)
        resent = resent || (v->segs[i].r->notes & TT_NOTE_RETRANSMISSION);
    for (size_t i = 0; i < v->n; i++)
        masked = masked || sh->masked[i] != 0;
    for (size_t i = 0; i < v->n; i++)
        corrected = corrected || tt_result_corrected(v->segs[i].r, 0) ||
                    tt_result_corrected(v->segs[i].r, 1);
    for (unsigned i = 0; i < z->n; i++) {
        next = next || z->q[i].kind == Q_NEXT;
        win = win || z->q[i].kind == Q_WINDOW;
        role = role || z->q[i].kind == Q_ROLE;
    }
    for (size_t i = 0; i < v->n && !wscale; i++)
        wscale = syn_wscale(v->segs[i].h) >= 0;
    for (size_t i = 0; i < v->n && !syn_data; i++)
        syn_data = (v->segs[i].h->flags & TT_SYN) && v->segs[i].r->payload_len > 0;
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_msg(&b, lang, TT_M_Q_NOTATION);
    const struct {
        bool used;
        tt_msg text;
    } parts[] = {{syn_data, TT_M_Q_NOTE_SYN_DATA},
                 {next, TT_M_Q_NOTE_NEXT},
                 {wscale, TT_M_Q_NOTE_WSCALE},
                 {win, TT_M_Q_NOTE_WIN},
                 {role, TT_M_Q_NOTE_ROLE},
                 {sh->any_timed, TT_M_Q_NOTE_TIME},
                 {sh->any_framed, TT_M_Q_NOTE_FRAME},
                 {corrected, TT_M_Q_NOTE_CORRECTED},
                 {resent, TT_M_Q_NOTE_RESENT},
                 {masked, TT_M_Q_NOTE_MASKED}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i].used) {
            tt_sb_msg(&b, lang, TT_M_N_SEP);
            tt_sb_msg(&b, lang, parts[i].text);
        }
    }
    tt_sb_msg(&b, lang, TT_M_Q_NOTE_END);
}

static void heading_text(const tt_walk_view *v, tt_lang lang, char *title, char *who, size_t n)
{
    snprintf(title, n, tt_msg_text(lang, TT_M_Q_TITLE), (unsigned)v->w->stream);
    tt_walk_who(v->w, v->client, v->server, lang, who, n);
}

static void seed_text(uint32_t seed, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_msg(&b, lang, TT_M_Q_SEED, (unsigned)seed);
    sep(&b, lang);
    tt_sb_msg(&b, lang, TT_M_Q_STATES_NOTE);
}

/* The sheet of a stream: its first TT_QUIZ_MAX_SEGMENTS segments (as the
 * handout's diagram), with the questions chosen. */
static void make_sheet(sheet *sh, const tt_walk_view *v, uint32_t seed)
{
    sh->v = *v;
    sh->any_timed = sh->any_framed = false;
    sh->total = v->segs != NULL ? v->n : 0;
    sh->v.n = sh->total < TT_QUIZ_MAX_SEGMENTS ? sh->total : TT_QUIZ_MAX_SEGMENTS;
    if (sh->v.client == NULL)
        sh->v.client = "";
    if (sh->v.server == NULL)
        sh->v.server = "";
    choose(sh, seed);
}

/* "The stream has N segments; the worksheet shows the first M." or "". */
static void capped_text(const sheet *sh, tt_lang lang, char *buf, size_t n)
{
    buf[0] = '\0';
    if (sh->total > sh->v.n)
        snprintf(buf, n, tt_msg_text(lang, TT_M_Q_CAPPED), (unsigned)sh->total, (unsigned)sh->v.n);
}

/* In a filtered view: which of the stream's segments the sheet leaves out
 * ("2-3, 8"), and whether the capture holds more after its last line; ""
 * for the whole stream. */
static void filtered_text(const sheet *sh, tt_lang lang, char *buf, size_t n)
{
    buf[0] = '\0';
    const tt_walk_stream *w = sh->v.w;
    if (!tt_walk_filtered(w) || sh->v.n == 0)
        return;
    const tt_walk_stream *c = tt_walk_captured(w);
    char list[1024];
    tt_sb l;
    tt_sb_init(&l, list, sizeof list);
    uint32_t next = c->first_index;
    for (size_t i = 0; i <= sh->v.n; i++) {
        uint32_t at = i < sh->v.n ? sh->v.segs[i].r->index : next;
        if (at > next) {
            if (l.len > 0)
                tt_sb_raw(&l, "%s", lang == TT_LANG_ZH ? "、" : ", ");
            if (at - 1 == next)
                tt_sb_raw(&l, "%u", (unsigned)next);
            else
                tt_sb_raw(&l, "%u-%u", (unsigned)next, (unsigned)(at - 1));
        }
        if (at >= next)
            next = at + 1;
    }
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (l.len > 0)
        tt_sb_msg(&b, lang, TT_M_Q_FILTERED, list);
    uint32_t last = sh->v.segs[sh->v.n - 1].r->index;
    if (c->last_index > last && sh->total == sh->v.n) {
        if (b.len > 0)
            sep(&b, lang);
        tt_sb_msg(&b, lang, TT_M_Q_FILTERED_AFTER, (unsigned)last);
    }
}

void tt_quiz_markdown(const tt_out *o, const tt_walk_view *v, tt_lang lang, uint32_t seed)
{
    sheet sh_store;
    sheet *sh = &sh_store;
    if (v == NULL || v->w == NULL)
        return;
    make_sheet(sh, v, seed);
    const quiz *z = &sh->z;
    char text[TEXT_MAX];
    char title[512], who[512]; /* heading_text writes both with one size */
    heading_text(&sh->v, lang, title, who, sizeof who);
    tt_out_printf(o, "## %s\n\n%s\n\n", title, who);
    if (z->n == 0) {
        tt_out_printf(o, "%s\n\n", tt_msg_text(lang, TT_M_Q_NONE));
        return;
    }
    capped_text(sh, lang, text, sizeof text);
    if (text[0])
        tt_out_printf(o, "%s\n\n", text);
    filtered_text(sh, lang, text, sizeof text);
    if (text[0])
        tt_out_printf(o, "%s\n\n", text);
    notation(sh, lang, text, sizeof text);
    tt_out_printf(o, "%s\n\n%s\n\n%s\n\n```text\n", tt_walk_seq_mode(sh->v.w, sh->v.absolute, lang),
                  tt_msg_text(lang, TT_M_Q_INTRO), text);
    write_ladder(o, sh, lang, false);
    tt_out_printf(o, "```\n\n### %s\n\n", tt_msg_text(lang, TT_M_Q_QUESTIONS));
    for (unsigned i = 0; i < z->n; i++) {
        ask(&sh->v, &z->q[i], lang, text, sizeof text);
        tt_out_printf(o, "**Q%u.** %s\n\n", i + 1, text);
    }
    seed_text(seed, lang, text, sizeof text);
    /* A break: the worksheet can be printed without its answers. */
    tt_out_printf(o, "---\n\n### %s\n\n%s\n\n", tt_msg_text(lang, TT_M_Q_KEY), text);
    for (unsigned i = 0; i < z->n; i++) {
        answer(&sh->v, &z->q[i], lang, text, sizeof text);
        tt_out_printf(o, "**Q%u.** %s\n\n", i + 1, text);
    }
}

static void html_p(const tt_out *o, const char *cls, const char *text)
{
    tt_out_printf(o, "<p class=\"%s\">", cls);
    tt_out_html(o, text);
    tt_out_str(o, "</p>\n");
}

void tt_quiz_html(const tt_out *o, const tt_walk_view *v, tt_lang lang, uint32_t seed)
{
    sheet sh_store;
    sheet *sh = &sh_store;
    if (v == NULL || v->w == NULL)
        return;
    make_sheet(sh, v, seed);
    const quiz *z = &sh->z;
    char text[TEXT_MAX];
    char title[512], who[512]; /* heading_text writes both with one size */
    heading_text(&sh->v, lang, title, who, sizeof who);
    tt_out_str(o, "<section class=\"quiz\">\n<h3>");
    tt_out_html(o, title);
    tt_out_str(o, "</h3>\n");
    html_p(o, "quiz-who", who);
    if (z->n == 0) {
        html_p(o, "quiz-none", tt_msg_text(lang, TT_M_Q_NONE));
        tt_out_str(o, "</section>\n");
        return;
    }
    capped_text(sh, lang, text, sizeof text);
    if (text[0])
        html_p(o, "quiz-capped", text);
    filtered_text(sh, lang, text, sizeof text);
    if (text[0])
        html_p(o, "quiz-filtered", text);
    html_p(o, "quiz-numbers", tt_walk_seq_mode(sh->v.w, sh->v.absolute, lang));
    html_p(o, "quiz-intro", tt_msg_text(lang, TT_M_Q_INTRO));
    notation(sh, lang, text, sizeof text);
    html_p(o, "quiz-notation", text);
    tt_out_str(o, "<pre class=\"quiz-ladder\">");
    write_ladder(o, sh, lang, true);
    tt_out_str(o, "</pre>\n<h4>");
    tt_out_html(o, tt_msg_text(lang, TT_M_Q_QUESTIONS));
    tt_out_str(o, "</h4>\n<ol class=\"quiz-questions\" style=\"list-style-type: none\">\n");
    for (unsigned i = 0; i < z->n; i++) {
        ask(&sh->v, &z->q[i], lang, text, sizeof text);
        tt_out_printf(o, "<li><strong>Q%u.</strong> ", i + 1);
        tt_out_html(o, text);
        tt_out_str(o, "</li>\n");
    }
    tt_out_str(o, "</ol>\n");
    /* The answer key after the worksheet: folded on screen, on a page of its
     * own in print (the handout's style sheet). */
    tt_out_str(o, "<details class=\"quiz-key\"><summary>");
    snprintf(text, sizeof text, tt_msg_text(lang, TT_M_Q_KEY_OF), (unsigned)sh->v.w->stream);
    tt_out_html(o, text);
    tt_out_str(o, "</summary>\n");
    seed_text(seed, lang, text, sizeof text);
    html_p(o, "quiz-seed", text);
    tt_out_str(o, "<ol class=\"quiz-answers\" style=\"list-style-type: none\">\n");
    for (unsigned i = 0; i < z->n; i++) {
        answer(&sh->v, &z->q[i], lang, text, sizeof text);
        tt_out_printf(o, "<li><strong>Q%u.</strong> ", i + 1);
        tt_out_html(o, text);
        tt_out_str(o, "</li>\n");
    }
    tt_out_str(o, "</ol>\n</details>\n</section>\n");
}
