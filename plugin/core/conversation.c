/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the per-stream state machine.
 *
 * Model, "as seen at the capture point": a segment changes its sender's state
 * when it is sent and its receiver's state when it arrives, and the capture
 * point sees both at once. Every change goes through the edge table of
 * RFC 9293's diagram (states.def, tt_state_next): nothing else moves a state.
 *
 * Where the receiver's reaction is not yet known, its state moves only when
 * its own answer shows it, as the diagram's edges are labelled with an answer
 * ("rcv SYN / snd SYN,ACK", "rcv FIN / snd ACK"): after a SYN the server is
 * shown LISTEN until its SYN+ACK (a RST instead shows that nothing listened; a
 * crossing SYN that it was opening itself), and after a FIN the peer stays
 * where it was until it acknowledges the FIN (or sends a FIN that crosses it:
 * a simultaneous close). Receptions that leave no choice apply at once: a
 * SYN+ACK makes the client ESTABLISHED, an ACK of a FIN moves FIN-WAIT-1,
 * CLOSING and LAST-ACK, a FIN reaching an endpoint that sent its own FIN
 * moves it on.
 */
#include "conversation.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>

/* ---- sequence arithmetic modulo 2^32 (RFC 9293 section 3.4) ---- */

static bool seq_lt(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) < 0;
}

static bool seq_le(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) <= 0;
}

static bool seq_gt(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) > 0;
}

static uint32_t seq_max(uint32_t a, uint32_t b)
{
    return seq_gt(a, b) ? a : b;
}

/* ---- per-direction state ---- */

/* The bytes of a side's data in flight, as the capture showed them first,
 * to tell a resend that carries other bytes than the first copy (RFC 9293
 * leaves it to the receiver which copy it keeps). Only the bytes from the
 * lowest not yet acknowledged on, in one contiguous run, at most
 * TT_FLIGHT_MAX of them: allocated when the side first sends captured
 * data, with room for TT_FLIGHT_FIRST bytes, moved to one twice as big when
 * more are in flight. Bytes past a gap in what the capture shows, or past
 * TT_FLIGHT_MAX, are not kept: their resends are not compared. */
#define TT_FLIGHT_FIRST 2048u
#define TT_FLIGHT_MAX 65536u

struct tt_flight {
    uint32_t start; /* the sequence number of the first byte kept */
    uint32_t head;  /* where that byte is in b */
    uint32_t len;   /* bytes kept */
    uint32_t size;  /* bytes allocated */
    uint8_t b[];
};
typedef struct tt_flight tt_flight;

/* The ledger of the bytes a side has sent: one entry per run of bytes that
 * one segment sent first, named by the number of its chunk, kept in
 * sequence order (modulo 2^32). A segment that brings bytes not in the
 * ledger makes a new chunk of them (a chunk can be several runs when the
 * segment filled several gaps); one that only repeats bytes names the chunk
 * of its first byte. So one chunk number always names the same bytes.
 * Allocated only once the side sends data, with room for TT_RING_FIRST
 * runs, and moved to one twice as big each time it is full, up to TT_RING;
 * from then on the lowest run (the oldest bytes, acknowledged long since
 * in any ordinary stream) is forgotten, and the ledger remembers only from
 * `floor` on. The ledger also remembers the duplicate ACKs the peer sent
 * about these bytes, for fast retransmission. */
#define TT_RING 64
#define TT_RING_FIRST 4

typedef struct tt_chunk_span {
    uint64_t time_us; /* when it was first sent */
    uint64_t last_us; /* when it was last sent */
    uint32_t start, end, number;
    uint32_t frame;                /* the frame that first sent it */
    uint32_t sends;                /* how many times it was sent */
    uint32_t last_frame;           /* the frame that last sent it */
    uint32_t last_gap;             /* the interval before that last copy, microseconds (0: none) */
    uint32_t last_start, last_end; /* the bytes of the run that last copy carried */
    uint8_t last_why;              /* tt_why of that last copy */
} tt_chunk_span;

typedef struct tt_ring {
    uint8_t count;                        /* entries in use, e[0] the lowest */
    uint8_t size;                         /* entries allocated */
    bool sack_seen;                       /* the peer's last ACK carried SACK blocks */
    bool forgot;                          /* runs were forgotten: bytes before floor */
    uint32_t floor;                       /* the lowest byte still remembered */
    uint32_t dropped_number, dropped_end; /* the newest chunk forgotten */
    uint32_t dup_ack;                     /* the ack number the duplicate ACKs repeat */
    uint32_t dup_first, dup_last;         /* their first and last frame */
    uint32_t dup_count;                   /* how many (0: none since the last new ACK) */
    uint32_t sack_high;                   /* the highest right edge of those SACK blocks */
    uint32_t dup_trigger;                 /* the third duplicate ACK (0: fewer so far) */
    uint32_t sack_frame;                  /* the peer's last ACK with SACK blocks */
    uint32_t ack_frame;                   /* the peer's last ACK that acknowledged new bytes */
    uint32_t rto_frame;                   /* the last retransmission by the timer, 0: none */
    uint32_t rto_seq;                     /* ... its first byte */
    uint32_t rto_high;                    /* ... and the end of what had been sent then: the
                                             recovery from that timeout lasts until the peer
                                             acknowledges it */
    uint32_t tlp_frame;                   /* the last tail loss probe, 0: none */
    uint64_t recovery_us;                 /* the last fast retransmit or SACK recovery resend */
    uint64_t tlp_us;                      /* ... its time */
    uint64_t dup_trigger_us, dup_last_us, sack_us, ack_us, rto_us; /* their times */
    struct tt_flight *flight; /* the bytes in flight, NULL until captured data is sent */
    tt_chunk_span e[];
} tt_ring;

/* The stream's last segment, to recognise a copy of it that the capture
 * holds twice (a mirrored switch port can copy a packet both where it
 * enters and where it leaves): the copy comes next in the stream, within a
 * millisecond, with the same TCP bytes and the same IP identification. */
enum {
    LASTSEG_VALID = 1u << 0,
    LASTSEG_S2C = 1u << 1,   /* it went from the server to the client */
    LASTSEG_IP_ID = 1u << 2, /* ip_id is known */
    LASTSEG_TIME = 1u << 3,  /* time_us is known */
    LASTSEG_STEP_3 = 1u << 4 /* its steps were {2, 3} */
};

typedef struct tt_last_seg {
    uint32_t time_us; /* low 32 bits of its capture time */
    uint32_t hash;    /* of its TCP header and data */
    uint16_t ip_id;
    uint8_t role;
    uint8_t step;
    uint8_t flags; /* LASTSEG_* */
} tt_last_seg;

enum {
    SIDE_BASE = 1u << 1,              /* isn holds a base for relative numbers */
    SIDE_BASE_GUESS = 1u << 2,        /* ... guessed, no SYN seen */
    SIDE_SYN = 1u << 3,               /* sent a SYN (with or without ACK) */
    SIDE_SYNACK = 1u << 4,            /* sent a SYN+ACK */
    SIDE_SYN_ACKED = 1u << 5,         /* its SYN was acknowledged by the peer */
    SIDE_FIN = 1u << 6,               /* sent a FIN */
    SIDE_FIN_ACKED = 1u << 7,         /* its FIN was acknowledged by the peer */
    SIDE_ACKED = 1u << 8,             /* max_ack is valid */
    SIDE_DATA_SEEN = 1u << 9,         /* next_seq is valid */
    SIDE_SYN_DATA_REFUSED = 1u << 10, /* the peer did not accept the data of its SYN */
    SIDE_FIN_PENDING = 1u << 12,      /* it got the peer's FIN and has not acknowledged it */
    SIDE_WINDOW_SEEN = 1u << 14,      /* window holds a window it advertised */
    SIDE_P_SYN = 1u << 0,             /* it got the peer's SYN and has not answered it */
    SIDE_P_SYNACK = 1u << 11,         /* in SYN-SENT, it got a SYN+ACK of its SYN: not answered */
    SIDE_P_FINACK = 1u << 15,         /* the ACK of its FIN came after a FIN it has not
                                         acknowledged yet: it takes effect after that */
    SIDE_PEER_DATA_LATE = 1u << 13    /* the peer sent data after this side's FIN */
};
enum {
    SIDE_ACCECN = 1u << 16,    /* its SYN offered Accurate ECN, or its SYN+ACK accepted it */
    SIDE_WRAPPED = 1u << 17,   /* it has sent 2^32 bytes or more since its base */
    SIDE_PROBED = 1u << 18,    /* zero-window probes carried its next byte (next_seq), not
                                  accepted yet */
    SIDE_FASTCLOSE = 1u << 19, /* it sent MPTCP's MP_FASTCLOSE */
    SIDE_HALF = 1u << 20,      /* half_us holds a time from its segment to the peer's answer */
    SIDE_BAD_ACK = 1u << 21,   /* in SYN-SENT it got an unacceptable ACK (the peer's max_ack):
                                  it owes the RST <SEQ=SEG.ACK> of RFC 9293 section 3.10.7.3 */
    SIDE_RESET = 1u << 22,     /* the peer's RST closed it */
    SIDE_OWES_RST = 1u << 23,  /* closed, it got a segment that is not a RST (with the peer's
                                  max_ack): it answers with a RST (section 3.10.7.1) */
    SIDE_OFFER = 1u << 24,     /* its last segment was an ACK, at offer_us */
    SIDE_OFFER_SYN = 1u << 25, /* ... a SYN+ACK, whose window is never scaled */
    SIDE_PROVEN = 1u << 26,    /* its ACK proved the uncaptured moves to ESTABLISHED */
    SIDE_SYN_SHIFT = 27        /* bits 27..31: TT_PEER_SYN_* of its last SYN (syn_offers) */
};

/* What a side last sent again and again: a SYN, a FIN, a zero-window probe
 * or a keep-alive, for the intervals between the copies (the back-off). */
enum { REP_NONE = 0, REP_SYN, REP_SYNACK, REP_FIN, REP_PROBE, REP_KEEPALIVE };

/* What one end has done. The fields are ordered by size, so that neither
 * this nor tt_conv has any padding: one tt_conv is kept per stream. */
typedef struct tt_side {
    uint64_t rep_us;   /* when it last sent its SYN, FIN, probe or keep-alive (rep_kind) */
    uint32_t isn;      /* base for relative numbers */
    uint32_t next_seq; /* highest sequence number it has used + 1 */
    uint32_t max_ack;  /* highest acknowledgment number it has sent */
    uint32_t fin_seq;  /* sequence number of its FIN */
    uint32_t chunks;   /* chunks of data sent so far */
    uint32_t acked_chunk;
    uint32_t flags;   /* SIDE_* */
    uint32_t half_us; /* the shortest time from one of its segments passing the capture
                         point to the peer's answer passing it (SIDE_HALF) */
    uint32_t rep_frame;
    uint32_t rep_gap;  /* the interval before that copy, microseconds (0: none) */
    uint32_t offer_us; /* low 32 bits of the capture time of its last ACK (SIDE_OFFER), which
                          offered `window` beyond max_ack */
    uint8_t rep_kind;  /* REP_* */
    uint8_t rep_count; /* copies sent of it (at most 255) */
    uint16_t window;   /* last raw window it advertised */
    int8_t ws_opt;     /* window scale shift offered in its SYN, WS_OPT_* */
    uint8_t syn_role;  /* role and step given to its first SYN */
    uint8_t syn_step;
    uint8_t synack_role; /* ... and to its first SYN+ACK */
    uint8_t synack_step;
    uint8_t fin_role; /* role and first step given to its FIN */
    uint8_t fin_step;
    uint8_t last; /* LAST_*: what its last segment was, for the peer's answer */
} tt_side;

enum { LAST_OTHER = 0, LAST_KEEPALIVE, LAST_PROBE, LAST_SYNACK_AGAIN, LAST_RST };

enum {
    WS_OPT_NONE = -1, /* its SYN had no window scale option */
    WS_OPT_CUT = -2   /* its SYN's options were not all captured */
};

enum {
    CONV_ENDPOINTS = 1u << 0,      /* client and server are known */
    CONV_GUESSED = 1u << 1,        /* ... by guess */
    CONV_SIMOPEN = 1u << 2,        /* the SYNs crossed */
    CONV_SIMOPEN_SYNACK = 1u << 3, /* ... and one SYN+ACK was seen */
    CONV_WORD_SHIFT = 4,           /* bits 4-5: which word of the addresses is kept */
    CONV_WORD_MASK = 3u << CONV_WORD_SHIFT,
    CONV_ADDR_CLIENT = 1u << 6, /* addr_word[0] holds a word of the client's address */
    CONV_ADDR_SERVER = 1u << 7  /* addr_word[1] ... of the server's */
};

enum {
    CONV2_SIMCLOSE = 1u << 0,     /* the FINs crossed */
    CONV2_SIMCLOSE_ACK = 1u << 1, /* ... and one of them was acknowledged */
    CONV2_INFERRED = 1u << 2,     /* the first segment did not start the connection */
    CONV2_GUESS_SHIFT = 3,        /* bits 3-4: tt_guess */
    CONV2_GUESS_MASK = 3u << CONV2_GUESS_SHIFT,
    CONV2_ADDR4 = 1u << 5,  /* the addresses kept are IPv4 (4 bytes) */
    CONV2_ADDR16 = 1u << 6, /* ... IPv6 (16 bytes) */
    CONV2_REFUSED = 1u << 7 /* a RST refused the client's SYN */
};

/* Arrays of two: [0] client, [1] server (also [TT_DIR_C2S], [TT_DIR_S2C]). */
struct tt_conv {
    tt_ring *ring[2]; /* the ledger of each end's bytes, NULL until it sends data */
    tt_last_seg last;
    uint32_t syn_opts[2]; /* the options of each end's last SYN (tt_syn_options), with
                             SYNO_CHANGED when its copies did not all offer the same */
    uint64_t seen_us;     /* the capture time of the stream's last segment (when known) */
    uint32_t stream;
    uint32_t count;
    uint32_t addr_word[2]; /* one word of each end's address */
    tt_side side[2];
    uint16_t port[2];
    uint8_t state[2];
    uint8_t flags;  /* CONV_* */
    uint8_t flags2; /* CONV2_* */
};

size_t tt_conv_size(void)
{
    return sizeof(tt_conv);
}

void tt_conv_init(tt_conv *c, uint32_t stream)
{
    memset(c, 0, sizeof *c);
    c->stream = stream;
    c->state[0] = TT_ST_CLOSED;
    c->state[1] = TT_ST_LISTEN; /* assumed: a server waits for connections */
    c->side[0].ws_opt = WS_OPT_NONE;
    c->side[1].ws_opt = WS_OPT_NONE;
}

/* ---- endpoints ---- */

/* Of the client's and the server's addresses only one 32-bit word each is
 * kept: the last word in which they differ, or the last word if they are
 * the same. As every segment of a stream goes from one of its two endpoints
 * to the other, that word tells its addresses apart exactly as the whole
 * addresses would (an IPv4 address is one whole word). Taking the last word
 * rather than the first also tells most other addresses apart, should a
 * caller pass any: they seldom share an interface identifier. */

/* Bytes 4 * i .. 4 * i + 3 of an address of `len` bytes, zero past its end. */
static uint32_t addr_word(const uint8_t *addr, uint8_t len, unsigned i)
{
    uint32_t w = 0;
    for (unsigned b = 4 * i; b < 4 * i + 4; b++)
        w = (w << 8) | (b < len ? addr[b] : 0u);
    return w;
}

/* Length of the addresses kept, 0 when none is. */
static uint8_t conv_addr_len(const tt_conv *c)
{
    return (c->flags2 & CONV2_ADDR16) ? 16 : (c->flags2 & CONV2_ADDR4) ? 4 : 0;
}

static unsigned addr_word_index(const tt_conv *c)
{
    return (c->flags & CONV_WORD_MASK) >> CONV_WORD_SHIFT;
}

/* Records the client's and the server's addresses of `len` bytes; a NULL
 * one leaves that endpoint known by its port only. */
static void set_addresses(tt_conv *c, const uint8_t *cli, const uint8_t *srv, uint8_t len)
{
    if ((len != 4 && len != 16) || (cli == NULL && srv == NULL))
        return;
    unsigned last = (len - 1u) / 4, word = last;
    for (unsigned i = 0; cli != NULL && srv != NULL && i <= last; i++) {
        if (addr_word(cli, len, i) != addr_word(srv, len, i))
            word = i;
    }
    c->flags2 |= len == 16 ? CONV2_ADDR16 : CONV2_ADDR4;
    c->flags |= (uint8_t)(word << CONV_WORD_SHIFT);
    if (cli != NULL) {
        c->addr_word[0] = addr_word(cli, len, word);
        c->flags |= CONV_ADDR_CLIENT;
    }
    if (srv != NULL) {
        c->addr_word[1] = addr_word(srv, len, word);
        c->flags |= CONV_ADDR_SERVER;
    }
}

/* Whether an address and port are those of the client (i 0) or the server
 * (i 1). A missing address, on either part, matches any. */
static bool endpoint_is(const tt_conv *c, int i, const uint8_t *addr, uint8_t addr_len,
                        uint16_t port)
{
    if (c->port[i] != port)
        return false;
    if (addr == NULL || addr_len == 0 ||
        !(c->flags & (i == 0 ? CONV_ADDR_CLIENT : CONV_ADDR_SERVER)))
        return true;
    return addr_len == conv_addr_len(c) &&
           addr_word(addr, addr_len, addr_word_index(c)) == c->addr_word[i];
}

/* Ports that look like an operating system's ephemeral (client) range. */
static bool ephemeral(uint16_t port)
{
    return port >= 32768;
}

/* No SYN: guess which end is the server. A well-known port wins; then the
 * only port outside the ephemeral range; else the sender of the first
 * captured segment is taken as the client, who usually speaks first. */
static tt_guess guess_rule(uint16_t sport, uint16_t dport, bool *src_is_server)
{
    if ((sport < 1024) != (dport < 1024)) {
        *src_is_server = sport < 1024;
        return TT_GUESS_WELL_KNOWN;
    }
    if (ephemeral(sport) != ephemeral(dport)) {
        *src_is_server = !ephemeral(sport);
        return TT_GUESS_EPHEMERAL;
    }
    *src_is_server = false;
    return TT_GUESS_FIRST;
}

/* The first segment names client and server and, when it does not open the
 * connection, tells what the states must have been before it. */
static void setup_endpoints(tt_conv *c, const tt_header *h, const tt_segment *s)
{
    bool src_is_server = false;
    if (h->flags & TT_SYN) {
        src_is_server = (h->flags & TT_ACK) != 0;
    } else {
        tt_guess rule = guess_rule(h->sport, h->dport, &src_is_server);
        c->flags |= CONV_GUESSED;
        c->flags2 |= (uint8_t)(rule << CONV2_GUESS_SHIFT) | CONV2_INFERRED;
        /* Any segment but a SYN is sent on an open connection. */
        c->state[0] = c->state[1] = TT_ST_ESTABLISHED;
    }
    c->port[src_is_server] = h->sport;
    c->port[!src_is_server] = h->dport;
    set_addresses(c, src_is_server ? s->dst : s->src, src_is_server ? s->src : s->dst, s->addr_len);
    if ((h->flags & (TT_SYN | TT_ACK)) == (TT_SYN | TT_ACK)) {
        c->state[0] = TT_ST_SYN_SENT; /* its SYN was sent before the capture began */
        c->flags2 |= CONV2_INFERRED;
    }
    c->flags |= CONV_ENDPOINTS;
}

static tt_dir direction_of(const tt_conv *c, const tt_header *h, const tt_segment *s)
{
    if (endpoint_is(c, 0, s->src, s->addr_len, h->sport) &&
        endpoint_is(c, 1, s->dst, s->addr_len, h->dport))
        return TT_DIR_C2S;
    return TT_DIR_S2C;
}

/* ---- chunks ---- */

static tt_ring *ring_new(const tt_alloc *a, uint8_t size)
{
    tt_ring *r = a->alloc(a->ctx, sizeof *r + size * sizeof r->e[0]);
    r->size = size;
    return r;
}

/* A full ledger that has not reached TT_RING entries moves to one twice as
 * big. */
static tt_ring *ring_grow(tt_ring *r, const tt_alloc *a)
{
    tt_ring *big = ring_new(a, (uint8_t)(2 * r->size));
    memcpy(big, r, offsetof(tt_ring, e) + r->count * sizeof r->e[0]);
    big->size = (uint8_t)(2 * r->size);
    if (a->free != NULL)
        (a->free)(a->ctx, r);
    return big;
}

/* Adds a run of bytes, in sequence order; a full ledger forgets its lowest
 * run first. */
static void ring_insert(tt_ring **rp, const tt_alloc *a, const tt_chunk_span *span)
{
    if (*rp == NULL)
        *rp = ring_new(a, TT_RING_FIRST);
    else if ((*rp)->count == (*rp)->size && (*rp)->size < TT_RING)
        *rp = ring_grow(*rp, a);
    tt_ring *r = *rp;
    if (r->count == r->size) {
        r->dropped_number = r->e[0].number;
        r->dropped_end = r->e[0].end;
        r->floor = r->e[0].end;
        r->forgot = true;
        r->count--;
        memmove(&r->e[0], &r->e[1], r->count * sizeof r->e[0]);
    }
    uint32_t i = r->count;
    while (i > 0 && seq_lt(span->start, r->e[i - 1u].start))
        i--;
    memmove(&r->e[i + 1u], &r->e[i], (r->count - i) * sizeof r->e[0]);
    r->e[i] = *span;
    r->count++;
}

/* Forgets the runs that lie 1 GiB or more below the highest byte sent:
 * long acknowledged in any real stream, and past 2 GiB they would look
 * ahead of it in arithmetic modulo 2^32 (a stream of more than 4 GiB
 * uses every sequence number again). */
static void ring_prune(tt_ring *r, uint32_t next_seq)
{
    const uint32_t far = 1u << 30;
    if (r == NULL)
        return;
    uint32_t n = 0;
    while (n < r->count && next_seq - r->e[n].end >= far)
        n++;
    if (n > 0) {
        r->dropped_number = r->e[n - 1u].number;
        r->dropped_end = r->e[n - 1u].end;
        r->floor = r->e[n - 1u].end;
        r->forgot = true;
        r->count = (uint8_t)(r->count - n);
        memmove(&r->e[0], &r->e[n], r->count * sizeof r->e[0]);
    }
    if (r->forgot && next_seq - r->floor >= far)
        r->forgot = false; /* bytes that far back are no longer told apart */
}

/* The run whose bytes contain `seq`, or NULL. */
static tt_chunk_span *chunk_containing(tt_ring *r, uint32_t seq)
{
    if (r == NULL)
        return NULL;
    for (uint32_t i = 0; i < r->count; i++) {
        tt_chunk_span *e = &r->e[i];
        if (!seq_lt(seq, e->start) && seq_lt(seq, e->end))
            return e;
    }
    return NULL;
}

/* The lowest run that shares a byte with [start, end), or NULL. */
static tt_chunk_span *first_overlap(tt_ring *r, uint32_t start, uint32_t end)
{
    for (uint32_t i = 0; r != NULL && i < r->count; i++) {
        tt_chunk_span *e = &r->e[i];
        if (seq_lt(start, e->end) && seq_lt(e->start, end))
            return e;
    }
    return NULL;
}

/* The bytes of [start, end) that the ledger has no record of (new bytes,
 * or bytes of a gap): at most `max` runs written to holes, their count
 * returned. Bytes before the floor were sent and forgotten: not new. */
static uint32_t ledger_holes(const tt_ring *r, uint32_t start, uint32_t end, uint32_t (*holes)[2],
                             uint32_t max)
{
    uint32_t n = 0, pos = start;
    if (r != NULL && r->forgot && seq_lt(pos, r->floor))
        pos = seq_lt(r->floor, end) ? r->floor : end;
    for (uint32_t i = 0; r != NULL && i < r->count && seq_lt(pos, end); i++) {
        const tt_chunk_span *e = &r->e[i];
        if (seq_le(e->end, pos))
            continue;
        if (!seq_lt(e->start, end))
            break;
        if (seq_lt(pos, e->start) && n < max) {
            holes[n][0] = pos;
            holes[n][1] = e->start;
            n++;
        }
        pos = e->end;
    }
    if (seq_lt(pos, end) && n < max) {
        holes[n][0] = pos;
        holes[n][1] = end;
        n++;
    }
    return n;
}

/* The chunks that an acknowledgment moving from `from` to `ack` completes:
 * how many, and the lowest and highest numbers among them. A chunk is
 * complete when all its runs lie below the acknowledgment, so newly
 * complete when the end of its highest run lies in (from, ack]. */
typedef struct completed {
    uint32_t highest, lowest, count;
} completed;

static bool highest_run(const tt_ring *r, const tt_chunk_span *e)
{
    for (uint32_t i = 0; i < r->count; i++) {
        if (r->e[i].number == e->number && seq_gt(r->e[i].end, e->end))
            return false;
    }
    return true;
}

static completed chunks_completed(tt_ring *r, uint32_t from, uint32_t ack)
{
    completed done = {0, 0, 0};
    if (r == NULL)
        return done;
    for (uint32_t i = 0; i < r->count; i++) {
        const tt_chunk_span *e = &r->e[i];
        if (seq_le(e->end, ack) && seq_gt(e->end, from) && highest_run(r, e)) {
            done.count++;
            if (e->number > done.highest)
                done.highest = e->number;
            if (done.lowest == 0 || e->number < done.lowest)
                done.lowest = e->number;
        }
    }
    if (done.count == 0 && r->dropped_number != 0 && seq_le(r->dropped_end, ack) &&
        seq_gt(r->dropped_end, from)) {
        done.highest = done.lowest = r->dropped_number;
        done.count = 1;
    }
    return done;
}

/* ---- moving an endpoint: only along the diagram ---- */

typedef struct feed_ctx {
    tt_conv *c;
    const tt_alloc *a;
    const tt_header *h;
    const tt_segment *s;
    tt_result *r;
    tt_detail *detail;
    tt_side *me, *peer;
    tt_dir d;
    uint32_t seg_len; /* sequence space used: payload + SYN + FIN */
    bool acks_syn;    /* newly acknowledges the peer's SYN */
    bool acks_fin;    /* newly acknowledges the peer's FIN */
    bool acks_data;   /* newly acknowledges bytes of the peer's data */
    bool retransmit;
    bool fin_again;     /* a FIN this side had already sent */
    bool syn_again;     /* a SYN (or SYN+ACK) this side had already sent */
    uint32_t an;        /* TT_AN_* findings: Wireshark's, or tcpteach's own */
    uint32_t prev_ack;  /* the sender's highest acknowledgment before this segment */
    uint64_t timer_gap; /* a timer's interval measured from a probe that restarted it */
    bool had_ack;       /* ... and whether it had sent one */
} feed_ctx;

/* Moves the sender (mine true) or the receiver by one edge of the diagram;
 * an event with no edge from the current state changes nothing. */
static void move(feed_ctx *f, bool mine, tt_event ev)
{
    unsigned side = mine ? f->d : !f->d;
    uint8_t *st = &f->c->state[side];
    tt_state to = tt_state_next((tt_state)*st, ev);
    if (to == TT_ST_COUNT)
        return;
    *st = (uint8_t)to;
    uint8_t *edge = f->r->edge[side];
    edge[edge[0] == 0 ? 0 : 1] = (uint8_t)(ev + 1);
}

static uint8_t state_of(const feed_ctx *f, bool mine)
{
    return f->c->state[mine ? f->d : !f->d];
}

/* ---- classification ---- */

static void set_role(feed_ctx *f, tt_role role, uint8_t step1, uint8_t step2)
{
    f->r->role = (uint8_t)role;
    f->r->steps[0] = step1;
    f->r->steps[1] = step2;
}

/* Relative numbers, as Wireshark computes them: from the ISN when the SYN
 * was seen, else from the first sequence number seen minus one. */
static void relative_numbers(feed_ctx *f)
{
    const tt_header *h = f->h;
    if (!(f->me->flags & SIDE_BASE) || ((h->flags & TT_SYN) && !(f->me->flags & SIDE_SYN))) {
        bool syn = (h->flags & TT_SYN) != 0;
        f->me->isn = syn ? h->seq : h->seq - 1;
        f->me->flags =
            (uint32_t)((f->me->flags & ~SIDE_BASE_GUESS) | SIDE_BASE | (syn ? 0 : SIDE_BASE_GUESS));
    }
    f->r->rel_seq = h->seq - f->me->isn;
    if (h->flags & TT_ACK) {
        if (!(f->peer->flags & SIDE_BASE)) {
            /* A SYN+ACK acknowledges ISN + 1 exactly; any other ACK is a guess. */
            bool exact = (h->flags & TT_SYN) != 0;
            f->peer->isn = h->ack - 1;
            f->peer->flags |= SIDE_BASE | (exact ? 0 : SIDE_BASE_GUESS);
        }
        f->r->rel_ack = h->ack - f->peer->isn;
        if (f->peer->flags & SIDE_BASE_GUESS)
            f->r->notes |= TT_NOTE_ACK_UNKNOWN;
    }
    if (f->me->flags & SIDE_BASE_GUESS)
        f->r->notes |= TT_NOTE_SEQ_UNKNOWN;
    /* Relative numbers count modulo 2^32: past 4 GiB they start again from
     * 0, which a number at or below the side's relative next byte shows
     * once it has gone round (and a segment whose own end goes round). */
    uint32_t rel_end = f->r->rel_seq + f->seg_len;
    if (((f->me->flags & SIDE_WRAPPED) && f->r->rel_seq <= f->me->next_seq - f->me->isn) ||
        rel_end < f->r->rel_seq)
        f->r->notes2 |= TT_NOTE2_WRAPPED;
    if ((h->flags & TT_ACK) && (f->peer->flags & SIDE_WRAPPED) &&
        f->r->rel_ack <= f->peer->next_seq - f->peer->isn)
        f->r->notes2 |= TT_NOTE2_WRAPPED;
}

/* The highest right edge among the blocks of a SACK option. */
static uint32_t sack_high_edge(const tt_header *h, const tt_option *sack)
{
    uint32_t high = tt_option_u32(h, sack, 4);
    for (unsigned i = 1; 8u * i + 10u <= sack->len; i++)
        high = seq_max(high, tt_option_u32(h, sack, 8 * i + 4));
    return high;
}

/* The time of the segment, 0 when the capture gives none. */
static uint64_t now_of(const feed_ctx *f)
{
    return f->s->has_time ? f->s->time_us : 0;
}

/* The run of the ledger holding byte `seq` that was sent more than once,
 * or NULL. */
static const tt_chunk_span *resent_run(tt_ring *r, uint32_t seq)
{
    const tt_chunk_span *e = chunk_containing(r, seq);
    return e != NULL && e->sends > 1 ? e : NULL;
}

/* A D-SACK (RFC 2883): the first SACK block lies below the cumulative ACK,
 * or inside the second block: it reports bytes that arrived twice. The
 * copy it shows was not needed is the last one of those bytes. */
static void note_dsack(feed_ctx *f, tt_ring *r, const tt_option *sack)
{
    uint32_t left = tt_option_u32(f->h, sack, 0), right = tt_option_u32(f->h, sack, 4);
    bool dsack =
        seq_lt(left, f->h->ack) || (sack->len >= 18 && seq_le(tt_option_u32(f->h, sack, 8), left) &&
                                    seq_le(right, tt_option_u32(f->h, sack, 12)));
    if (!dsack || !seq_lt(left, right))
        return;
    f->r->notes2 |= TT_NOTE2_DSACK;
    const tt_chunk_span *e = resent_run(r, left);
    tt_detail *d = f->detail;
    if (e == NULL || d == NULL || (f->r->notes & TT_NOTE_DETAIL))
        return;
    memset(d, 0, sizeof *d);
    d->prev_frame = e->last_frame;
    d->orig_frame = e->frame;
    d->prev_why = e->last_why;
    d->earlier = e->sends;
    f->r->notes |= TT_NOTE_DETAIL;
}

/* Keeps count of the duplicate ACKs the sender sends about the peer's
 * bytes, and whether it reports SACK blocks, for the peer's next
 * retransmission. */
static void track_recovery(feed_ctx *f, bool dup)
{
    tt_ring *r = f->c->ring[!f->d];
    if (r == NULL || !(f->h->flags & TT_ACK))
        return;
    uint64_t now = now_of(f);
    const tt_option *sack = tt_header_find_option(f->h, TT_OPT_SACK);
    r->sack_seen = sack != NULL && sack->status == TT_OPTLEN_OK && sack->len >= 10;
    if (r->sack_seen) {
        r->sack_high = sack_high_edge(f->h, sack);
        r->sack_frame = f->s->frame;
        r->sack_us = now;
        note_dsack(f, r, sack);
    }
    if (f->acks_data) {
        r->dup_count = 0;
        r->dup_trigger = 0;
        r->ack_frame = f->s->frame;
        r->ack_us = now;
    } else if (dup) {
        if (r->dup_count == 0 || r->dup_ack != f->h->ack) {
            r->dup_ack = f->h->ack;
            r->dup_first = f->s->frame;
            r->dup_count = 0;
            r->dup_trigger = 0;
        }
        r->dup_count++;
        r->dup_last = f->s->frame;
        r->dup_last_us = now;
        if (r->dup_count == 3) {
            r->dup_trigger = f->s->frame;
            r->dup_trigger_us = now;
        }
    }
}

/* Of the runs of a ledger that an acknowledgment moving from `from` to
 * `ack` newly covers: whether any was sent more than once (then no round
 * trip can be measured from it: Karn's rule, RFC 6298 section 3), and, when
 * the acknowledgment ends exactly where one of them ends, when that run was
 * first sent. */
static bool ack_sample(const tt_ring *r, uint32_t from, uint32_t ack, bool *karn, uint64_t *sent_us)
{
    bool found = false;
    *karn = false;
    for (uint32_t i = 0; r != NULL && i < r->count; i++) {
        const tt_chunk_span *e = &r->e[i];
        if (!seq_lt(from, e->end) || !seq_lt(e->start, ack))
            continue;
        if (e->sends > 1)
            *karn = true;
        if (e->end == ack && e->time_us != 0) {
            found = true;
            *sent_us = e->time_us;
        }
    }
    return found && !*karn;
}

/* A time from a segment of `of` passing the capture point to the answer to
 * it passing it back: the shortest one is kept. An ACK of one segment that
 * took well longer than that waited for the receiver's delayed-ACK timer. */
static void rtt_sample(feed_ctx *f, tt_side *of, uint64_t sent_us, bool one_segment)
{
    uint64_t now = now_of(f);
    if (now == 0 || sent_us == 0 || now < sent_us || now - sent_us > 0xffffffffu)
        return;
    uint32_t sample = (uint32_t)(now - sent_us);
    bool pure = f->s->payload_len == 0 && !(f->h->flags & (TT_SYN | TT_FIN));
    if ((of->flags & SIDE_HALF) && pure && one_segment) {
        uint32_t quick = of->half_us, slack = quick / 2 > 30000u ? quick / 2 : 30000u;
        if (sample - quick >= slack && sample > quick) {
            f->r->notes2 |= TT_NOTE2_DELAYED_ACK;
            tt_detail *d = f->detail;
            if (d != NULL && !(f->r->notes & TT_NOTE_DETAIL)) {
                memset(d, 0, sizeof *d);
                d->gap_us = sample;
                d->has_gap = true;
                d->rtt_us = quick;
                f->r->notes |= TT_NOTE_DETAIL;
            }
        }
    }
    if (!(of->flags & SIDE_HALF) || sample < of->half_us)
        of->half_us = sample;
    of->flags |= SIDE_HALF;
}

/* The round trip the capture shows: from a client's segment to the
 * server's answer plus from a server's segment to the client's; a lower
 * bound when only one is known, 0 when neither is. */
static uint32_t round_trip(const tt_conv *c)
{
    uint32_t t = 0;
    for (unsigned i = 0; i < 2; i++) {
        if (c->side[i].flags & SIDE_HALF)
            t += c->side[i].half_us;
    }
    return t;
}

/* An ACK that reaches an end in SYN-SENT that has only sent its SYN (RFC
 * 9293 section 3.10.7.3): unless ISS < SEG.ACK =< SND.NXT it is
 * unacceptable, and the end must answer it with a RST <SEQ=SEG.ACK>; and
 * an acceptable one without SYN is dropped too ("If neither of the SYN or
 * RST bits is set, then drop the segment"). Either way the end takes in
 * nothing of it: returns true. The end is known to have sent only its SYN
 * when the capture shows its SYN and nothing of it since. */
static bool syn_sent_drops(feed_ctx *f)
{
    const tt_header *h = f->h;
    tt_side *you = f->peer;
    if (state_of(f, false) != TT_ST_SYN_SENT || !(you->flags & SIDE_SYN) ||
        (you->flags & (SIDE_P_SYNACK | SIDE_ACKED | SIDE_SYNACK)) || (f->c->flags & CONV_SIMOPEN))
        return false;
    bool acceptable = seq_gt(h->ack, you->isn) && seq_le(h->ack, you->next_seq);
    if (!acceptable) {
        f->r->notes3 |= TT_NOTE3_BAD_ACK;
        you->flags |= SIDE_BAD_ACK;
        return true;
    }
    if (h->flags & TT_SYN)
        return false;
    /* A listening end answers a SYN only with SYN+ACK (section 3.10.7.2);
     * a bare ACK from it opens nothing (data may rather show segments the
     * capture missed). */
    if (state_of(f, true) == TT_ST_LISTEN && !(f->me->flags & SIDE_SYN) && f->s->payload_len == 0)
        f->r->notes3 |= TT_NOTE3_NO_OWN_SYN;
    return true;
}

/* What the acknowledgment number newly covers: the peer's SYN, its data,
 * its FIN. Updates the chunk bookkeeping. */
static void process_ack(feed_ctx *f)
{
    const tt_header *h = f->h;
    tt_side *me = f->me, *peer = f->peer;
    if (!(h->flags & TT_ACK) || (h->flags & TT_RST))
        return;
    uint32_t ack = h->ack;
    if (syn_sent_drops(f)) {
        if (!(me->flags & SIDE_ACKED) || seq_gt(ack, me->max_ack))
            me->max_ack = ack;
        me->flags |= SIDE_ACKED;
        return;
    }
    /* A SYN is acknowledged by any ACK number above it: ISN + 1, or beyond
     * when the SYN carried data (the acknowledgment is cumulative). */
    bool syn_ack_range = seq_gt(ack, peer->isn);
    if ((peer->flags & (SIDE_SYN | SIDE_SYN_ACKED)) == SIDE_SYN && syn_ack_range) {
        f->acks_syn = true;
        if ((peer->rep_kind == REP_SYN || peer->rep_kind == REP_SYNACK) && peer->rep_count == 1)
            rtt_sample(f, peer, peer->rep_us, false);
        else if (peer->rep_kind == REP_SYN || peer->rep_kind == REP_SYNACK)
            f->r->notes2 |= TT_NOTE2_KARN; /* its SYN was sent more than once */
        peer->flags |= SIDE_SYN_ACKED;
        /* Whether the server took the data of the client's SYN (TCP Fast
         * Open); data on a SYN+ACK is ordinary data of the handshake. */
        if (f->d == TT_DIR_S2C && f->c->ring[!f->d] != NULL &&
            seq_gt(peer->next_seq, peer->isn + 1)) {
            bool refused = ack == peer->isn + 1;
            f->r->notes |= refused ? TT_NOTE_TFO_REFUSED : TT_NOTE_TFO_ACCEPTED;
            if (refused)
                peer->flags |= SIDE_SYN_DATA_REFUSED;
        }
    }
    if ((peer->flags & SIDE_FIN) && seq_gt(ack, peer->fin_seq))
        f->r->notes2 |= TT_NOTE2_ACK_PAST_FIN;
    if ((peer->flags & (SIDE_FIN | SIDE_FIN_ACKED)) == SIDE_FIN && seq_gt(ack, peer->fin_seq)) {
        f->acks_fin = true;
        if (peer->rep_kind == REP_FIN && peer->rep_count == 1)
            rtt_sample(f, peer, peer->rep_us, true);
        else if (peer->rep_kind == REP_FIN)
            f->r->notes2 |= TT_NOTE2_KARN; /* its FIN was sent more than once */
        peer->flags |= SIDE_FIN_ACKED;
    }
    /* Data bytes lie after the SYN (or the base guessed for it) and before
     * the FIN; only what lies above the previous acknowledgment is new. */
    uint32_t lower = peer->isn + 1;
    if (me->flags & SIDE_ACKED)
        lower = seq_max(lower, me->max_ack);
    uint32_t upper = ack;
    if ((peer->flags & SIDE_FIN) && seq_gt(upper, peer->fin_seq))
        upper = peer->fin_seq;
    if (seq_gt(upper, lower)) {
        f->acks_data = true;
        completed done = chunks_completed(f->c->ring[!f->d], lower, upper);
        bool karn = false;
        uint64_t sent_us = 0;
        if (ack_sample(f->c->ring[!f->d], lower, upper, &karn, &sent_us))
            rtt_sample(f, peer, sent_us, done.count == 1);
        if (karn)
            f->r->notes2 |= TT_NOTE2_KARN;
        /* From SYN-RECEIVED, an acknowledgment of the peer's bytes, none of
         * which the capture showed: the peer's ACK of the SYN and those
         * bytes were not captured, and both ends were ESTABLISHED (RFC 9293
         * section 3.10.7.4, SYN-RECEIVED: the ACK is taken first). Said
         * once, and again on a FIN that acknowledges more of them: they may
         * end with the peer's FIN, which this FIN then answers. */
        if (state_of(f, true) == TT_ST_SYN_RECEIVED && !(h->flags & TT_SYN) &&
            f->c->ring[!f->d] == NULL && !(f->c->flags & CONV_SIMOPEN) &&
            (!(me->flags & SIDE_PROVEN) || (h->flags & TT_FIN))) {
            f->r->notes3 |= TT_NOTE3_PROVES_EST;
            me->flags |= SIDE_PROVEN;
        }
        if (done.count > 0) {
            f->r->acked_chunk = done.highest;
            f->r->acked_count = (uint8_t)(done.count > 255 ? 255 : done.count);
            if (done.highest - done.lowest + 1u != done.count)
                f->r->notes |= TT_NOTE_ACKED_GAPS;
            if (done.highest > peer->acked_chunk)
                peer->acked_chunk = done.highest;
        }
    }
    if (!(me->flags & SIDE_ACKED) || seq_gt(ack, me->max_ack))
        me->max_ack = ack;
    me->flags |= SIDE_ACKED;
    if (f->acks_syn)
        f->r->notes |= TT_NOTE_SYN_ACKED;
    if (f->acks_fin)
        f->r->notes |= TT_NOTE_FIN_ACKED;
    if (f->acks_data)
        f->r->notes |= TT_NOTE_NEW_DATA_ACKED;
}

/* A zero-window probe, by tcpteach's own test whatever Wireshark calls
 * it: the peer's last window was 0, and the segment carries at most one
 * byte at the next sequence number, or none one below it (as Linux
 * probes). */
static bool zero_window_probe(const feed_ctx *f)
{
    const tt_header *h = f->h;
    uint32_t len = f->s->payload_len;
    if ((h->flags & (TT_SYN | TT_FIN | TT_RST)) || !(f->me->flags & SIDE_DATA_SEEN) ||
        !(f->peer->flags & SIDE_WINDOW_SEEN) || f->peer->window != 0 || len > 1)
        return false;
    return h->seq == f->me->next_seq - 1u || (len == 1 && h->seq == f->me->next_seq);
}

/* The findings Wireshark's analysis would report, from tcpteach's own
 * tracking, for when the user switched that analysis off. The tests are
 * Wireshark's (sequence number at the expected next byte, same ACK, same
 * non-zero window...); out-of-order is told from retransmission by whether
 * the bytes were seen before, as the core keeps no timestamps. */
static uint32_t own_verdict(const feed_ctx *f)
{
    const tt_header *h = f->h;
    const tt_side *me = f->me, *peer = f->peer;
    uint32_t len = f->s->payload_len;
    if (seq_gt(h->seq, me->next_seq))
        return TT_AN_LOST_SEGMENT;
    if (len == 1 && h->seq == me->next_seq && (peer->flags & SIDE_DATA_SEEN) && peer->window == 0)
        return TT_AN_ZERO_WINDOW_PROBE;
    if (len <= 1 && h->seq == me->next_seq - 1)
        return TT_AN_KEEP_ALIVE;
    if (len > 0 && seq_lt(h->seq, me->next_seq))
        return chunk_containing(f->c->ring[f->d], h->seq) ? TT_AN_RETRANSMISSION
                                                          : TT_AN_OUT_OF_ORDER;
    if (len > 0 || h->seq != me->next_seq || !f->had_ack || h->ack != f->prev_ack)
        return 0;
    if (h->window != 0 && h->window != me->window)
        return TT_AN_WINDOW_UPDATE;
    if (h->window != 0 && peer->last == LAST_KEEPALIVE)
        return TT_AN_KEEP_ALIVE_ACK;
    if (h->window == 0 && me->window == 0 && peer->last == LAST_PROBE)
        return TT_AN_ZERO_WINDOW_PROBE_ACK;
    return h->window != 0 ? TT_AN_DUP_ACK : 0;
}

static uint32_t own_analysis(const feed_ctx *f)
{
    if ((f->h->flags & (TT_SYN | TT_FIN | TT_RST)) || !(f->me->flags & SIDE_DATA_SEEN))
        return 0;
    return own_verdict(f) | (f->h->window == 0 ? TT_AN_ZERO_WINDOW : 0);
}

/* Below this, no retransmission timer can have fired: Linux's shortest
 * RTO is 200 ms, RFC 6298's 1 s (some room is left for where the capture
 * point sits). */
#define RTO_FLOOR_US 180000u

/* How long after the ACK that set a resend off the resend may pass the
 * capture point and still be its answer: about a round trip (the capture
 * may sit near the receiver), with some room; 200 ms when no round trip
 * was seen. */
static uint64_t answer_room(const tt_conv *c)
{
    uint32_t rtt = round_trip(c);
    return rtt == 0 ? 200000u : (uint64_t)rtt * 3u / 2u + 20000u;
}

/* Whether an event at time `t` came after the previous copy (sent at
 * `prev`); unknown times count as after. */
static bool after_copy(uint64_t t, uint64_t prev)
{
    return t == 0 || prev == 0 || t >= prev;
}

/* Linux's shortest probe timeout (RFC 8985 asks for about two round
 * trips; Linux waits at least 10 ms). */
#define TLP_FLOOR_US 10000u

/* The cause of a resend that nothing asked for: a timer; a tail loss probe
 * when it came sooner than any timer fires, resending the last bytes sent,
 * no sooner than a probe's timer; else none of TCP's (`tail`: it ends at
 * the highest byte sent). */
static tt_why unasked_why(uint64_t gap, bool timed, bool tail)
{
    if (!timed || gap >= RTO_FLOOR_US)
        return TT_WHY_TIMEOUT;
    return tail && gap >= TLP_FLOOR_US ? TT_WHY_TLP : TT_WHY_EARLY;
}

/* Fills in the times of a copy: since the first sending, since the
 * previous copy, and the interval before that one. */
static void copy_times(tt_detail *d, uint64_t now, uint64_t first_us, uint64_t prev_us,
                       uint32_t prev_gap)
{
    if (now != 0 && first_us != 0 && now >= first_us) {
        d->since_us = now - first_us;
        d->has_since = true;
    }
    if (now != 0 && prev_us != 0 && now >= prev_us) {
        d->gap_us = now - prev_us;
        d->has_gap = true;
    }
    if (prev_gap != 0) {
        d->prev_gap_us = prev_gap;
        d->has_prev_gap = true;
    }
}

/* Why a data segment is sent again, from what the peer said since the
 * previous copy and how long after it: exactly one cause.
 * - already acknowledged: spurious (the ACK had passed the capture point);
 * - at the first missing byte, after the third duplicate ACK asking for it
 *   and within about a round trip: fast retransmit (RFC 5681 3.2);
 * - a hole below bytes the peer's SACK blocks report: SACK-based recovery
 *   (RFC 6675; also RACK, RFC 8985, which needs fewer duplicates);
 * - nothing asked for it: the retransmission timer (RFC 6298), or a tail
 *   loss probe (RFC 8985) when it came sooner than any timer fires. */
static void retransmission_reason(feed_ctx *f, const tt_chunk_span *span, uint32_t start,
                                  uint32_t end)
{
    tt_ring *ring = f->c->ring[f->d];
    tt_detail *d = f->detail;
    uint64_t now = now_of(f);
    /* The previous copy of these bytes: the run's last one when it carried
     * some of them (a resend cut at other boundaries may have carried only
     * other bytes of the run), else the first sending if that was the
     * only other one. */
    bool last_ours = span != NULL && seq_lt(start, span->last_end) && seq_lt(span->last_start, end);
    uint32_t prev_frame = span == NULL ? 0 : last_ours ? span->last_frame : span->frame;
    uint64_t prev = span == NULL        ? 0
                    : last_ours         ? span->last_us
                    : span->sends <= 2u ? span->time_us
                                        : 0;
    if (span != NULL && !last_ours && span->sends > 2u)
        prev_frame = 0;
    /* Times that go backwards (captures merged from two points) give no
     * interval; the same time, none a timer could make. */
    bool timed = now != 0 && prev != 0 && now >= prev;
    uint64_t gap = timed ? now - prev : 0;
    bool tail = seq_le(f->me->next_seq, end);
    bool acked_before = (f->peer->flags & SIDE_ACKED) != 0;
    uint32_t cum = f->peer->max_ack;
    bool acked = acked_before && seq_le(end, cum);
    bool at_hole = !acked_before || seq_le(start, cum);
    bool asked = ring != NULL && ring->dup_count > 0 && ring->dup_ack == start &&
                 after_copy(ring->dup_last_us, prev);
    bool third = asked && ring->dup_trigger != 0 && after_copy(ring->dup_trigger_us, prev);
    bool sack_hole = ring != NULL && ring->sack_seen && seq_le(end, ring->sack_high) &&
                     acked_before && !seq_lt(start, cum) && after_copy(ring->sack_us, prev);
    bool syn_data =
        span != NULL && (f->me->flags & SIDE_SYN_DATA_REFUSED) && span->start == f->me->isn + 1u;
    uint32_t trigger = 0;
    uint64_t trigger_us = 0;
    tt_why why;
    if (syn_data) {
        why = TT_WHY_SYN_DATA;
    } else if (acked || (f->an & TT_AN_SPURIOUS_RETRANSMISSION)) {
        why = TT_WHY_SPURIOUS;
        if (ring != NULL && acked) {
            trigger = ring->ack_frame;
            trigger_us = ring->ack_us;
        }
    } else if (at_hole && (third || (asked && (f->an & TT_AN_FAST_RETRANSMISSION)))) {
        why = TT_WHY_FAST;
        trigger = third ? ring->dup_trigger : ring->dup_last;
        trigger_us = third ? ring->dup_trigger_us : ring->dup_last_us;
    } else if (sack_hole) {
        why = TT_WHY_SACK;
        trigger = ring->sack_frame;
        trigger_us = ring->sack_us;
    } else if (ring != NULL && acked_before && start == cum && ring->recovery_us != 0 &&
               ring->recovery_us >= ring->rto_us && ring->ack_us > ring->recovery_us &&
               after_copy(ring->ack_us, prev) &&
               (!timed || now - ring->ack_us <= answer_room(f->c))) {
        /* An ACK after the fast retransmit moved up to these bytes only. */
        why = TT_WHY_PARTIAL;
        trigger = ring->ack_frame;
        trigger_us = ring->ack_us;
    } else {
        why = unasked_why(gap, timed, tail);
        if (why == TT_WHY_TLP && ring != NULL && ring->ack_frame != 0) {
            trigger = ring->ack_frame; /* the probe's timer runs from the last ACK */
            trigger_us = ring->ack_us;
        }
    }
    /* After a timeout the sender resends, in slow start, what it had sent
     * before it, until the peer acknowledges all of that (RFC 5681, section
     * 3.1; with F-RTO, RFC 5682, new data may go first, and the duplicate
     * ACKs and SACK blocks it draws then confirm the timeout rather than
     * start a fast retransmit: RFC 6582, section 3.2, steps 1 and 4). */
    if ((why == TT_WHY_FAST || why == TT_WHY_SACK) && ring != NULL && ring->rto_frame != 0 &&
        ring->rto_seq != start && acked_before && seq_lt(cum, ring->rto_high) &&
        seq_le(end, ring->rto_high) && after_copy(ring->rto_us, prev))
        why = TT_WHY_TIMEOUT;
    /* An answer to an ACK that came long before, after a pause no shorter
     * than a timer's: the timer fired, whatever the ACKs said. */
    if ((why == TT_WHY_FAST || why == TT_WHY_SACK) && timed && trigger_us != 0 &&
        now - trigger_us > answer_room(f->c) && gap >= RTO_FLOOR_US)
        why = TT_WHY_TIMEOUT;
    /* The timer resends the first byte not acknowledged; what else is
     * resent after it, since its last copy, as an ACK that came after the
     * timeout asks for more, follows from that timeout. */
    if (why == TT_WHY_TIMEOUT && ring != NULL) {
        bool clocked = ring->ack_frame != 0 && ring->ack_us >= ring->rto_us &&
                       (!timed || now - ring->ack_us <= answer_room(f->c));
        if (ring->rto_frame != 0 && ring->rto_seq != start && after_copy(ring->rto_us, prev) &&
            clocked) {
            f->r->notes2 |= TT_NOTE2_AFTER_RTO;
            trigger = ring->rto_frame;
            trigger_us = ring->rto_us;
        } else {
            ring->rto_frame = f->s->frame;
            ring->rto_seq = start;
            ring->rto_high = seq_max(f->me->next_seq, end);
            ring->rto_us = now;
        }
    }
    /* A tail loss probe, or an ACK of new bytes (RFC 6298, section 5.3),
     * after the previous copy restarted the timer: the timer's interval
     * runs from the later of them. */
    uint32_t restart = 0;
    uint64_t restart_us = 0;
    bool restart_ack = false;
    if (why == TT_WHY_TIMEOUT && !(f->r->notes2 & TT_NOTE2_AFTER_RTO) && ring != NULL && timed) {
        if (ring->tlp_frame != 0 && ring->tlp_us > prev && ring->tlp_us <= now) {
            restart = ring->tlp_frame;
            restart_us = ring->tlp_us;
        }
        if (ring->ack_frame != 0 && ring->ack_us > prev && ring->ack_us <= now &&
            ring->ack_us > restart_us) {
            restart = ring->ack_frame;
            restart_us = ring->ack_us;
            restart_ack = true;
        }
    }
    f->timer_gap = restart != 0 ? now - restart_us : 0;
    if (why == TT_WHY_TLP && ring != NULL) {
        ring->tlp_frame = f->s->frame;
        ring->tlp_us = now;
    }
    if ((why == TT_WHY_FAST || why == TT_WHY_SACK) && ring != NULL)
        ring->recovery_us = now;
    f->r->why = (uint8_t)why;
    if (d == NULL)
        return;
    memset(d, 0, sizeof *d);
    if (asked) {
        d->dup_first = ring->dup_first;
        d->dup_last = ring->dup_last;
        d->dup_count = ring->dup_count;
    }
    d->sacked = ring != NULL && ring->sack_seen;
    d->trigger_frame = trigger;
    if (trigger != 0 && now != 0 && trigger_us != 0 && now >= trigger_us) {
        d->trigger_us = now - trigger_us;
        d->has_trigger = true;
    }
    d->rtt_us = round_trip(f->c);
    if (span != NULL) {
        d->orig_frame = span->frame;
        d->prev_frame = prev_frame;
        d->earlier = span->sends;
        copy_times(d, now, span->time_us, prev, last_ours && span->sends >= 2 ? span->last_gap : 0);
    }
    if (restart != 0) {
        d->probe_frame = restart;
        d->probe_us = now - restart_us;
        d->restart_ack = restart_ack;
    }
    f->r->notes |= TT_NOTE_DETAIL;
}

/* Gives the segment's payload its chunk number, from the ledger: bytes it
 * has no record of make a new chunk; a segment that only repeats bytes
 * sent before is a retransmission of the chunk of its first byte. */
static void number_chunk(feed_ctx *f)
{
    uint32_t len = f->s->payload_len;
    if (len == 0 || f->r->role == TT_ROLE_KEEPALIVE || f->r->role == TT_ROLE_ZERO_WINDOW_PROBE)
        return; /* a keep-alive's byte is old; a probe's byte comes again in the next chunk */
    uint32_t start = f->h->seq + ((f->h->flags & TT_SYN) ? 1 : 0), end = start + len;
    if (f->me->flags & SIDE_DATA_SEEN)
        ring_prune(f->c->ring[f->d], f->me->next_seq);
    tt_ring *ring = f->c->ring[f->d];
    uint32_t holes[TT_RING + 1][2];
    uint32_t nholes = ledger_holes(ring, start, end, holes, TT_RING + 1);
    tt_chunk_span *span = chunk_containing(ring, start);
    if (span == NULL)
        span = first_overlap(ring, start, end);
    if (nholes == 0)
        f->retransmit = true; /* every byte was sent before */
    /* A new chunk that begins with the byte zero-window probes carried. */
    if (!f->retransmit && (f->me->flags & SIDE_PROBED) && start == f->me->next_seq)
        f->r->notes2 |= TT_NOTE2_PROBED_BYTE;
    if (f->retransmit)
        retransmission_reason(f, span, start, end);
    tt_detail *d = f->retransmit && f->detail != NULL ? f->detail : NULL;
    uint64_t now = now_of(f);
    for (uint32_t i = 0; ring != NULL && i < ring->count; i++) {
        tt_chunk_span *e = &ring->e[i];
        if (!seq_lt(start, e->end) || !seq_lt(e->start, end))
            continue;
        e->sends++;
        e->last_gap =
            f->timer_gap != 0 && f->timer_gap <= 0xffffffffu ? (uint32_t)f->timer_gap
            : now != 0 && e->last_us != 0 && now >= e->last_us && now - e->last_us <= 0xffffffffu
                ? (uint32_t)(now - e->last_us)
                : 0;
        e->last_us = now;
        e->last_frame = f->s->frame;
        e->last_start = seq_lt(e->start, start) ? start : e->start;
        e->last_end = seq_lt(end, e->end) ? end : e->end;
        e->last_why = f->r->why;
        if (d != NULL && (d->repeat_first == 0 || e->number < d->repeat_first))
            d->repeat_first = e->number;
        if (d != NULL && e->number > d->repeat_last)
            d->repeat_last = e->number;
    }
    if (d != NULL && nholes == 1 && d->repeat_first != 0) {
        d->new_offset = holes[0][0] - start;
        d->new_len = holes[0][1] - holes[0][0];
    }
    if (nholes == 0) {
        f->r->chunk = span != NULL ? span->number : 0; /* 0: bytes forgotten */
        return;
    }
    if (f->retransmit && span == NULL)
        f->r->notes |= TT_NOTE_CHUNK_UNSEEN;
    uint32_t number = ++f->me->chunks;
    for (uint32_t i = 0; i < nholes; i++) {
        /* Bytes resent whose first sending the capture missed were sent
         * twice already: no round trip can be measured from them. */
        uint32_t sends = f->retransmit ? 2u : 1u;
        tt_chunk_span fresh = {.time_us = now,
                               .last_us = now,
                               .start = holes[i][0],
                               .end = holes[i][1],
                               .number = number,
                               .frame = f->s->frame,
                               .sends = sends,
                               .last_frame = f->s->frame,
                               .last_start = holes[i][0],
                               .last_end = holes[i][1]};
        ring_insert(&f->c->ring[f->d], f->a, &fresh);
    }
    f->r->chunk = number;
}

/* ---- the bytes in flight ---- */

/* Forgets the bytes the peer has acknowledged. */
static void flight_trim(tt_flight *fl, uint32_t acked)
{
    if (fl->len == 0 || !seq_gt(acked, fl->start))
        return;
    uint32_t n = acked - fl->start;
    if (n >= fl->len) {
        fl->len = 0;
        fl->head = 0;
        fl->start = acked;
        return;
    }
    fl->start = acked;
    fl->head += n;
    fl->len -= n;
}

/* Room for `more` bytes after those kept: moves them to the front, or to a
 * buffer twice as big. Returns how many of them fit (bounded by
 * TT_FLIGHT_MAX). */
static uint32_t flight_room(tt_flight **flp, const tt_alloc *a, uint32_t more)
{
    tt_flight *fl = *flp;
    uint32_t want = fl->len + more > TT_FLIGHT_MAX ? TT_FLIGHT_MAX : fl->len + more;
    // cppcheck-suppress knownConditionTrueFalse ; more bytes in flight than the buffer holds
    if (want > fl->size) {
        uint32_t size = fl->size;
        while (size < want)
            size *= 2u;
        tt_flight *big = a->alloc(a->ctx, sizeof *big + size);
        big->start = fl->start;
        big->len = fl->len;
        big->size = size;
        memcpy(big->b, fl->b + fl->head, fl->len);
        if (a->free != NULL)
            (a->free)(a->ctx, fl);
        *flp = fl = big;
    } else if (fl->head + want > fl->size) {
        memmove(fl->b, fl->b + fl->head, fl->len);
        fl->head = 0;
    }
    return want - fl->len;
}

/* Lets go of the bytes a side kept in flight once none of them can be sent
 * again: its FIN has been acknowledged, or a RST closed the connection. So
 * what the bytes take is bounded by the connections still open, not by all
 * the capture's connections. */
static void release_flights(feed_ctx *f, bool reset)
{
    for (int i = 0; i < 2; i++) {
        tt_ring *ring = f->c->ring[i];
        if (ring == NULL || ring->flight == NULL ||
            !(reset || (f->c->side[i].flags & SIDE_FIN_ACKED)))
            continue;
        if (f->a->free != NULL)
            (f->a->free)(f->a->ctx, ring->flight);
        ring->flight = NULL;
    }
}

/* Compares the data a segment repeats with the first copy kept of it, and
 * keeps the bytes it sends past those. A difference is recorded in the
 * detail (which it fills in for a segment that has none yet). */
static void track_bytes(feed_ctx *f)
{
    const tt_segment *s = f->s;
    uint32_t caplen = s->data_caplen < s->payload_len ? s->data_caplen : s->payload_len;
    if (s->data == NULL || caplen == 0 || f->r->role == TT_ROLE_KEEPALIVE ||
        f->r->role == TT_ROLE_ZERO_WINDOW_PROBE)
        return;
    uint32_t start = f->h->seq + ((f->h->flags & TT_SYN) ? 1 : 0);
    tt_ring *ring = f->c->ring[f->d];
    if (ring == NULL)
        return; /* bytes forgotten or never numbered */
    tt_flight **flp = &ring->flight;
    if (*flp == NULL) {
        *flp = f->a->alloc(f->a->ctx, sizeof **flp + TT_FLIGHT_FIRST);
        (*flp)->size = TT_FLIGHT_FIRST;
        (*flp)->start = start;
    }
    tt_flight *fl = *flp;
    if (f->peer->flags & SIDE_ACKED)
        flight_trim(fl, f->peer->max_ack);
    if (fl->len == 0 && ((f->peer->flags & SIDE_ACKED) == 0 || !seq_gt(f->peer->max_ack, start)))
        fl->start = start; /* nothing kept: start again from this segment */
    uint32_t kept_end = fl->start + fl->len;
    /* The bytes both copies hold. */
    uint32_t from = seq_gt(fl->start, start) ? fl->start : start;
    uint32_t to = seq_lt(start + caplen, kept_end) ? start + caplen : kept_end;
    if (seq_lt(from, to)) {
        uint32_t n = to - from, diff = 0, first = 0;
        const uint8_t *mine = s->data + (from - start);
        const uint8_t *old = fl->b + fl->head + (from - fl->start);
        for (uint32_t i = 0; i < n; i++) {
            if (mine[i] != old[i] && diff++ == 0)
                first = i;
        }
        tt_detail *d = f->detail;
        if (d != NULL && !(f->r->notes & TT_NOTE_DETAIL) && diff != 0) {
            memset(d, 0, sizeof *d); /* a segment with no other detail to keep */
            f->r->notes |= TT_NOTE_DETAIL;
        }
        if (d != NULL && (f->r->notes & TT_NOTE_DETAIL)) {
            d->compared = n;
            d->differ_count = diff;
            d->differ_offset = diff != 0 ? from - start + first : 0;
            const tt_chunk_span *e = diff != 0 ? chunk_containing(ring, from + first) : NULL;
            d->differ_frame = e != NULL ? e->frame : 0;
        }
    }
    /* New bytes right after those kept. */
    if (seq_le(start, kept_end) && seq_gt(start + caplen, kept_end)) {
        uint32_t more = start + caplen - kept_end;
        uint32_t fit = flight_room(flp, f->a, more);
        fl = *flp;
        memcpy(fl->b + fl->head + fl->len, s->data + (kept_end - start), fit);
        fl->len += fit;
    }
}

/* What a segment repeats that has no place in the ledger: a SYN, a FIN, a
 * zero-window probe, a keep-alive (REP_NONE: none of them). */
static uint8_t repeat_kind(const feed_ctx *f)
{
    if (f->h->flags & TT_SYN)
        return (f->h->flags & TT_ACK) ? REP_SYNACK : REP_SYN;
    if (f->h->flags & TT_FIN)
        return REP_FIN;
    if (f->r->role == TT_ROLE_ZERO_WINDOW_PROBE)
        return REP_PROBE;
    return f->r->role == TT_ROLE_KEEPALIVE ? REP_KEEPALIVE : REP_NONE;
}

/* The intervals between a side's SYNs, FINs, probes or keep-alives: they
 * show the timers and their back-off. A SYN or FIN sent again whose cause
 * the data did not give is the timer's, or a tail loss probe's when it came
 * too soon for a timer; a keep-alive tells how long the connection was
 * silent before it. */
static void track_repeats(feed_ctx *f)
{
    tt_side *me = f->me;
    uint8_t kind = repeat_kind(f);
    if (kind == REP_NONE) {
        if (f->s->payload_len > 0)
            me->rep_kind = REP_NONE; /* new data ends a series of probes */
        return;
    }
    uint64_t now = now_of(f);
    bool same = me->rep_kind == kind;
    bool timed = same && now != 0 && me->rep_us != 0 && now >= me->rep_us;
    uint64_t gap = timed ? now - me->rep_us : 0;
    bool control = kind == REP_SYN || kind == REP_SYNACK || kind == REP_FIN;
    tt_detail *d = f->detail;
    if (control && f->retransmit && f->r->why == TT_WHY_NONE) {
        /* RFC 6298 starts a SYN's timer at 1 s, but older stacks ran a
         * SYN+ACK's from about 0.3 s: only a copy sooner than any timer is
         * not a timer's. */
        bool early_syn = kind != REP_FIN && timed && gap < RTO_FLOOR_US;
        f->r->why = (uint8_t)(kind == REP_FIN ? unasked_why(gap, timed, true)
                              : early_syn     ? TT_WHY_EARLY
                                              : TT_WHY_TIMEOUT);
    }
    bool fill = d != NULL && !(f->r->notes & TT_NOTE_DETAIL) &&
                ((control && f->retransmit && f->r->why != TT_WHY_SYN_AGAIN) || !control);
    if (fill) {
        memset(d, 0, sizeof *d);
        d->prev_frame = same ? me->rep_frame : 0;
        d->earlier = same ? me->rep_count : 0;
        copy_times(d, now, 0, same ? me->rep_us : 0, same && me->rep_count >= 2 ? me->rep_gap : 0);
        if (kind == REP_KEEPALIVE) {
            /* Nothing came since its previous keep-alive: unanswered. */
            d->unanswered = same && me->last == LAST_KEEPALIVE && me->rep_us != 0 &&
                            me->rep_us == f->c->seen_us;
            /* How long the connection was silent: since its last segment. */
            d->has_gap = now != 0 && f->c->seen_us != 0 && now >= f->c->seen_us;
            d->gap_us = d->has_gap ? now - f->c->seen_us : 0;
        }
        d->rtt_us = round_trip(f->c);
        f->r->notes |= TT_NOTE_DETAIL;
    }
    if (same && me->rep_count < 255)
        me->rep_count++;
    else if (!same)
        me->rep_count = 1;
    me->rep_gap = timed && gap <= 0xffffffffu ? (uint32_t)gap : 0;
    me->rep_kind = kind;
    me->rep_us = now;
    me->rep_frame = f->s->frame;
    if (kind == REP_SYNACK && f->r->why == TT_WHY_SYN_AGAIN)
        me->rep_count = 2; /* its SYN, sent again with ACK: an ACK of it gives no RTT */
}

/* ---- the options of a SYN and its copies ---- */

#define SYNO_CHANGED (1u << 25) /* tt_conv.syn_opts: the copies differed */
#define SYNO_COMPARED (TT_SYNO_KNOWN | 0x00ffffffu)

int tt_syn_wscale(const tt_header *h)
{
    if (h == NULL || h->problem != TT_HDR_OK || h->caplen < tt_header_len(h))
        return TT_WSO_CUT;
    const tt_option *ws = tt_header_find_option(h, TT_OPT_WSCALE);
    return ws != NULL ? (int)tt_option_u8(h, ws, 0) : TT_WSO_ABSENT;
}

uint32_t tt_syn_options(const tt_header *h)
{
    if (h == NULL || h->problem != TT_HDR_OK || !(h->flags & TT_SYN))
        return 0;
    uint32_t o = TT_SYNO_KNOWN;
    const tt_option *mss = tt_header_find_option(h, TT_OPT_MSS);
    if (mss != NULL && mss->status == TT_OPTLEN_OK)
        o |= TT_SYNO_MSS | tt_option_u16(h, mss, 0);
    int shift = tt_syn_wscale(h);
    if (shift >= 0)
        o |= TT_SYNO_WS | (uint32_t)(shift > TT_WSCALE_MAX ? TT_WSCALE_MAX : shift)
                              << TT_SYNO_WS_SHIFT;
    if (tt_header_find_option(h, TT_OPT_SACK_PERM) != NULL)
        o |= TT_SYNO_SACKP;
    if (tt_header_find_option(h, TT_OPT_TIMESTAMP) != NULL)
        o |= TT_SYNO_TS;
    return o;
}

/* A copy of a side's SYN (or SYN+ACK) gives its detail the options of the
 * previous copy; copies that differ are remembered, for the peer's answer.
 * (A simultaneous open's SYN+ACK repeats the SYN with other options by
 * design: not a copy here.) */
static void syn_copies(feed_ctx *f)
{
    if (!(f->h->flags & TT_SYN))
        return;
    uint32_t *kept = &f->c->syn_opts[f->d];
    uint32_t now = tt_syn_options(f->h);
    bool copy = f->syn_again && f->r->why != TT_WHY_SYN_AGAIN;
    if (!copy) {
        *kept = now;
        return;
    }
    if (f->detail != NULL && (f->r->notes & TT_NOTE_DETAIL))
        f->detail->syn_was = *kept & SYNO_COMPARED;
    bool differ = (now & TT_SYNO_KNOWN) && (*kept & TT_SYNO_KNOWN) &&
                  (now & SYNO_COMPARED) != (*kept & SYNO_COMPARED);
    *kept = now | ((differ || (*kept & SYNO_CHANGED)) ? SYNO_CHANGED : 0);
}

/* ---- the classification of a segment: its role ---- */

/* A RST. Answering a SYN from a side that was never seen to open, it shows
 * that no socket listened there: the LISTEN shown after the SYN was an
 * assumption, and the port was CLOSED all along. */
static void classify_rst(feed_ctx *f)
{
    bool peer_opening = (f->peer->flags & SIDE_SYN) && !(f->peer->flags & SIDE_SYNACK) &&
                        state_of(f, false) == TT_ST_SYN_SENT;
    if (peer_opening && !(f->me->flags & SIDE_SYN)) {
        set_role(f, TT_ROLE_REFUSED, 0, 0);
        f->c->flags2 |= CONV2_REFUSED;
    } else {
        set_role(f, TT_ROLE_RESET, 0, 0);
        if (f->acks_syn)
            f->r->notes |= TT_NOTE_COMPLETES_HS;
    }
}

static void remember_syn(feed_ctx *f, bool with_ack)
{
    tt_side *me = f->me;
    if (with_ack) {
        me->synack_role = f->r->role;
        me->synack_step = f->r->steps[0];
    } else {
        me->syn_role = f->r->role;
        me->syn_step = f->r->steps[0];
    }
    /* RFC 7323: a larger shift is used as the largest. */
    const tt_option *ws = tt_header_find_option(f->h, TT_OPT_WSCALE);
    if (ws != NULL && ws->status == TT_OPTLEN_OK) {
        uint8_t shift = tt_option_u8(f->h, ws, 0);
        me->ws_opt = (int8_t)(shift > TT_WSCALE_MAX ? TT_WSCALE_MAX : shift);
    } else {
        me->ws_opt = f->h->problem == TT_HDR_OPTS_CUT ? WS_OPT_CUT : WS_OPT_NONE;
    }
}

static void classify_syn(feed_ctx *f)
{
    tt_conv *c = f->c;
    tt_side *me = f->me;
    bool with_ack = (f->h->flags & TT_ACK) != 0;
    /* A repeat of this side's own SYN (or SYN+ACK): same kind, same ISN. */
    bool again = with_ack ? (me->flags & SIDE_SYNACK) && me->synack_role != TT_ROLE_NONE
                          : (me->flags & SIDE_SYN) && me->syn_role != TT_ROLE_NONE;
    if (again && f->h->seq == me->isn) {
        f->retransmit = true;
        f->syn_again = true;
        if (with_ack)
            set_role(f, (tt_role)me->synack_role, me->synack_step, 0);
        else
            set_role(f, (tt_role)me->syn_role, me->syn_step, 0);
    } else if (!with_ack) {
        bool crossing = (f->peer->flags & SIDE_SYN) && !(f->peer->flags & SIDE_SYNACK);
        if (crossing) {
            c->flags |= CONV_SIMOPEN;
            set_role(f, TT_ROLE_SIMULTANEOUS_OPEN, 2, 0);
        } else {
            set_role(f, TT_ROLE_HANDSHAKE_1, 1, 0);
        }
    } else if (c->flags & CONV_SIMOPEN) {
        bool second = (c->flags & CONV_SIMOPEN_SYNACK) != 0;
        set_role(f, TT_ROLE_SIMULTANEOUS_OPEN, second ? 4 : 3, 0);
        c->flags |= CONV_SIMOPEN_SYNACK;
        /* It sends its SYN again, now with ACK: the same ISN. */
        if ((me->flags & SIDE_SYN) && f->h->seq == me->isn) {
            f->retransmit = true;
            f->r->why = TT_WHY_SYN_AGAIN;
        }
    } else {
        set_role(f, TT_ROLE_HANDSHAKE_2, 2, 0);
    }
    if (!f->retransmit || f->r->why == TT_WHY_SYN_AGAIN)
        remember_syn(f, with_ack);
    else if (tt_syn_options(f->h) & TT_SYNO_WS) /* the latest shift offered: a SYN+ACK with */
        me->ws_opt = (int8_t)TT_SYNO_SHIFT_OF(tt_syn_options(f->h)); /* the option answers it */
    me->flags |= SIDE_SYN | (with_ack ? SIDE_SYNACK : 0);
    if (f->s->payload_len > 0 && !with_ack)
        f->r->notes |= TT_NOTE_SYN_DATA;
}

/* A segment that newly acknowledges the peer's FIN: teardown step 2, or 4
 * when its sender had sent its own FIN; in a simultaneous close, step 3
 * or 4 of that. */
static void ack_of_fin_role(feed_ctx *f)
{
    bool own_fin = (f->me->flags & SIDE_FIN) != 0;
    if (f->c->flags2 & CONV2_SIMCLOSE) {
        bool second = (f->c->flags2 & CONV2_SIMCLOSE_ACK) != 0;
        set_role(f, TT_ROLE_SIMULTANEOUS_CLOSE, second ? 4 : 3, 0);
        f->c->flags2 |= CONV2_SIMCLOSE_ACK;
    } else {
        set_role(f, own_fin ? TT_ROLE_TEARDOWN_4 : TT_ROLE_TEARDOWN_2, own_fin ? 4 : 2, 0);
    }
}

static void classify_fin(feed_ctx *f)
{
    tt_side *me = f->me, *peer = f->peer;
    uint32_t fin_seq = f->h->seq + f->s->payload_len;
    if ((me->flags & SIDE_FIN) && fin_seq == me->fin_seq) {
        f->retransmit = true;
        f->fin_again = true;
        if (f->acks_fin) {
            /* Sent again, it now also acknowledges the peer's FIN: that
             * is the step it takes. */
            ack_of_fin_role(f);
            return;
        }
        uint8_t step = me->fin_step;
        set_role(f, (tt_role)me->fin_role, step, me->fin_role == TT_ROLE_TEARDOWN_2_3 ? 3 : 0);
        return;
    }
    if (!(peer->flags & SIDE_FIN)) {
        set_role(f, TT_ROLE_TEARDOWN_1, 1, 0);
    } else if ((peer->flags & SIDE_FIN_ACKED) && !f->acks_fin) {
        set_role(f, TT_ROLE_TEARDOWN_3, 3, 0);
    } else if (f->acks_fin) {
        set_role(f, TT_ROLE_TEARDOWN_2_3, 2, 3);
    } else {
        set_role(f, TT_ROLE_SIMULTANEOUS_CLOSE, 2, 0);
        f->c->flags2 |= CONV2_SIMCLOSE;
    }
    if (f->acks_syn && state_of(f, false) == TT_ST_SYN_RECEIVED)
        f->r->notes |= TT_NOTE_COMPLETES_HS;
    me->flags |= SIDE_FIN;
    me->fin_seq = fin_seq;
    me->fin_role = f->r->role;
    me->fin_step = f->r->steps[0];
    if (f->s->payload_len > 0)
        f->r->notes |= TT_NOTE_CARRIES_DATA;
}

/* Keep-alives, zero-window probes and their answers. */
static tt_role probe_role(feed_ctx *f)
{
    if (zero_window_probe(f)) {
        if (f->an & TT_AN_KEEP_ALIVE)
            f->r->notes |= TT_NOTE_WS_KEEPALIVE;
        return TT_ROLE_ZERO_WINDOW_PROBE;
    }
    bool answer = f->peer->last == LAST_PROBE && f->s->payload_len == 0 && !f->acks_data;
    if (answer) {
        f->peer->last = LAST_OTHER; /* one answer per probe */
        return TT_ROLE_ZERO_WINDOW_PROBE_ACK;
    }
    if (f->an & TT_AN_KEEP_ALIVE)
        return TT_ROLE_KEEPALIVE;
    if (f->an & TT_AN_ZERO_WINDOW_PROBE)
        return TT_ROLE_ZERO_WINDOW_PROBE;
    if (f->an & TT_AN_KEEP_ALIVE_ACK)
        return TT_ROLE_KEEPALIVE_ACK;
    if (f->an & TT_AN_ZERO_WINDOW_PROBE_ACK)
        return TT_ROLE_ZERO_WINDOW_PROBE_ACK;
    return TT_ROLE_NONE;
}

/* An ACK whose SACK option brings news: a D-SACK (its first block below
 * the cumulative ACK or inside the second block, RFC 2883), or a block that
 * reaches beyond what this side's previous ACK reported. Such an ACK is not
 * a pure window update, whatever its window. */
static bool sack_news(const feed_ctx *f)
{
    const tt_option *sack = tt_header_find_option(f->h, TT_OPT_SACK);
    const tt_ring *ring = f->c->ring[!f->d];
    if (sack == NULL || sack->len < 10 || ring == NULL)
        return false;
    uint32_t left = tt_option_u32(f->h, sack, 0), right = tt_option_u32(f->h, sack, 4);
    bool dsack =
        seq_lt(left, f->h->ack) || (sack->len >= 18 && seq_le(tt_option_u32(f->h, sack, 8), left) &&
                                    seq_le(right, tt_option_u32(f->h, sack, 12)));
    return dsack || !ring->sack_seen || seq_gt(sack_high_edge(f->h, sack), ring->sack_high);
}

/* A duplicate ACK that asks for no missing byte: it acknowledges every
 * byte the peer has sent (it answers a repeated FIN, a keep-alive, or bytes
 * it already had). */
static bool nothing_missing(const feed_ctx *f)
{
    const tt_side *peer = f->peer;
    if (!(peer->flags & SIDE_DATA_SEEN))
        return false;
    uint32_t data_end = (peer->flags & SIDE_FIN) ? peer->fin_seq : peer->next_seq;
    return !seq_gt(data_end, f->h->ack);
}

/* A pure ACK that newly acknowledges nothing: a duplicate ACK, a window
 * update, or just an ACK. */
static tt_role idle_ack_role(feed_ctx *f)
{
    if (f->peer->last == LAST_SYNACK_AGAIN && f->h->ack == f->peer->isn + 1u)
        f->r->notes |= TT_NOTE_ANSWERS_SYNACK;
    bool dup = (f->an & TT_AN_DUP_ACK) || ((f->an & TT_AN_WINDOW_UPDATE) && sack_news(f));
    if (dup && nothing_missing(f))
        f->r->notes |= TT_NOTE_NOTHING_MISSING;
    if (dup)
        return TT_ROLE_DUP_ACK;
    if (f->an & TT_AN_WINDOW_UPDATE)
        return TT_ROLE_WINDOW_UPDATE;
    f->r->notes |= TT_NOTE_ACKS_NOTHING_NEW;
    return TT_ROLE_ACK;
}

/* Segments without SYN, FIN or RST. */
static void classify_other(feed_ctx *f)
{
    bool data = f->s->payload_len > 0;
    tt_role probe = probe_role(f);
    if (probe != TT_ROLE_NONE) {
        set_role(f, probe, 0, 0);
    } else if (f->acks_syn && !(f->c->flags & CONV_SIMOPEN) && f->d == TT_DIR_C2S) {
        /* The client's first ACK of the server's SYN (any ACK number past
         * it: it may also cover the data of the SYN+ACK). */
        set_role(f, TT_ROLE_HANDSHAKE_3, 3, 0);
    } else if (f->acks_syn && (f->c->flags & CONV_SIMOPEN_SYNACK)) {
        /* The ACK that ends a simultaneous open whose other end answered
         * the crossing SYN with a SYN+ACK (a split handshake): step 4. */
        set_role(f, TT_ROLE_SIMULTANEOUS_OPEN, 4, 0);
    } else if (f->acks_fin) {
        ack_of_fin_role(f);
    } else if (data) {
        set_role(f, f->acks_data ? TT_ROLE_DATA_PIGGYBACK : TT_ROLE_DATA, 0, 0);
    } else if (f->acks_data) {
        set_role(f, TT_ROLE_ACK, 0, 0);
    } else {
        set_role(f, idle_ack_role(f), 0, 0);
    }
    if (data && f->r->role != TT_ROLE_DATA && f->r->role != TT_ROLE_DATA_PIGGYBACK)
        f->r->notes |= TT_NOTE_CARRIES_DATA;
}

/* ---- the states: one rule for when a side moves ----
 *
 * Each side enters a new state once it has sent the segment that shows it
 * (RFC 9293's diagram labels its edges "rcv X / snd Y"). So:
 * - an edge "rcv X / snd Y" is shown on the segment Y: what a side receives
 *   and must answer waits (SIDE_P_*) until its answer is seen;
 * - an edge with only "snd Y" (an active OPEN, CLOSE, ABORT) on Y;
 * - an edge with only "rcv X" (an ACK of its SYN or of its FIN, a RST) on X,
 *   at once, except an ACK of its FIN that follows a FIN it has not yet
 *   answered: segments are processed in order, so that ACK takes effect
 *   right after the answer.
 * Segments are taken in capture order, for both ends. */

/* The peer's SYN is covered by this segment's acknowledgment (an end whose
 * SYN was not captured: any acknowledgment is taken to cover it). */
static bool covers_syn(const tt_side *of, const tt_header *h)
{
    if (!(h->flags & TT_ACK))
        return false;
    return !(of->flags & SIDE_SYN) || !seq_lt(h->ack, of->isn + 1u);
}

static bool covers_fin(const tt_side *of, const tt_header *h)
{
    return (h->flags & TT_ACK) && (of->flags & SIDE_FIN) && seq_gt(h->ack, of->fin_seq);
}

static void clear_pending(tt_side *s)
{
    s->flags &=
        (uint32_t) ~(unsigned)(SIDE_P_SYN | SIDE_P_SYNACK | SIDE_FIN_PENDING | SIDE_P_FINACK);
}

/* The state of a side is corrected, not moved: what was shown was an
 * assumption (or an ACK that never reached it) that this segment shows
 * wrong. */
static void correct(feed_ctx *f, bool mine, tt_state to)
{
    unsigned side = mine ? f->d : !f->d;
    f->c->state[side] = (uint8_t)to;
    f->r->notes2 |= side == 0 ? TT_NOTE2_FIX_CLIENT : TT_NOTE2_FIX_SERVER;
}

/* The receiver of a RST closes at once (SYN-RECEIVED after a passive open
 * goes back to LISTEN). */
static void rst_receiver(feed_ctx *f)
{
    uint8_t before = state_of(f, false);
    bool active = f->d == TT_DIR_S2C || f->peer->syn_role != TT_ROLE_NONE;
    if (active && before == TT_ST_SYN_RECEIVED)
        move(f, false, TT_EV_RCV_RST_ACTIVE);
    else
        move(f, false, TT_EV_RCV_RST);
    if (state_of(f, false) != before)
        f->peer->flags |= SIDE_RESET;
    clear_pending(f->peer);
}

/* A RST: its sender is closed by ABORT (or was closed already), its
 * receiver closes at once. */
static void rst_states(feed_ctx *f)
{
    uint8_t mine = state_of(f, true);
    /* The peer's highest ACK is the one its last segment carried. */
    bool answer = (f->peer->flags & SIDE_ACKED) && f->h->seq == f->peer->max_ack;
    bool owed = answer && (f->me->flags & SIDE_OWES_RST);
    f->me->flags &= ~(uint32_t)SIDE_OWES_RST;
    if (mine == TT_ST_SYN_SENT && (f->me->flags & SIDE_BAD_ACK) && answer &&
        !(f->h->flags & TT_ACK)) {
        /* The RST <SEQ=SEG.ACK> that answers an unacceptable ACK (section
         * 3.10.7.3): its sender discards that ACK and stays SYN-SENT; the
         * receiver takes it as any RST. */
        f->me->flags &= ~(uint32_t)SIDE_BAD_ACK;
        f->r->notes3 |= TT_NOTE3_RST_BAD_ACK;
        rst_receiver(f);
        return;
    }
    if (f->r->role == TT_ROLE_REFUSED) {
        if (mine == TT_ST_LISTEN) {
            correct(f, true, TT_ST_CLOSED);
            f->r->notes |= TT_NOTE_NOT_LISTENING;
        }
    } else if (owed && (mine == TT_ST_CLOSED || mine == TT_ST_LISTEN)) {
        /* A closed end answers a segment that is not a RST with a RST
         * whose sequence number is that segment's ACK (section 3.10.7.1). */
        f->r->notes3 |= TT_NOTE3_RST_ANSWERS;
    } else if (f->me->last == LAST_RST) {
        f->r->notes2 |= TT_NOTE2_RST_AGAIN;
    } else if (mine == TT_ST_CLOSED || mine == TT_ST_LISTEN) {
        f->r->notes2 |= TT_NOTE2_RST_CLOSED;
    } else {
        /* Why it was sent, where the capture shows it (not on a first
         * segment: what came before it is not in the capture). */
        bool seen_before = !(f->r->notes & TT_NOTE_INFERRED);
        if (f->peer->flags & SIDE_FASTCLOSE)
            f->r->notes2 |= TT_NOTE2_RST_FASTCLOSE;
        else if ((f->me->flags & SIDE_FIN) && (f->me->flags & SIDE_PEER_DATA_LATE))
            f->r->notes2 |= TT_NOTE2_RST_AFTER_CLOSE;
        else if (seen_before && (mine == TT_ST_ESTABLISHED || mine == TT_ST_CLOSE_WAIT))
            f->r->notes2 |= TT_NOTE2_RST_UNREAD;
        move(f, true, TT_EV_SND_RST);
    }
    rst_receiver(f);
    clear_pending(f->me);
}

/* What the segment shows of its sender: the answers to what it had
 * received, then its own SYN or FIN. */
static void sender_states(feed_ctx *f)
{
    const tt_header *h = f->h;
    tt_side *me = f->me, *peer = f->peer;
    /* An end shown CLOSED after its connection sends nothing but resets:
     * this segment left it before the last ACK reached it (the two crossed
     * on the way, so the capture point saw them in the other order). */
    if (state_of(f, true) == TT_ST_CLOSED && (me->flags & SIDE_RESET) && !(h->flags & TT_SYN))
        f->r->notes3 |= TT_NOTE3_BEFORE_RST; /* it crossed the peer's reset */
    else if (state_of(f, true) == TT_ST_CLOSED && (me->flags & (SIDE_SYN | SIDE_FIN)) &&
             !(h->flags & TT_SYN))
        f->r->notes2 |= TT_NOTE2_SENT_EARLIER;
    bool synack = (h->flags & (TT_SYN | TT_ACK)) == (TT_SYN | TT_ACK);
    if (synack && f->syn_again && state_of(f, true) == TT_ST_ESTABLISHED &&
        !(me->flags & SIDE_FIN) && me->chunks == 0) {
        /* It repeats its SYN+ACK: the ACK shown completing the handshake
         * never reached it. */
        correct(f, true, TT_ST_SYN_RECEIVED);
        f->r->notes |= TT_NOTE_ACK_LOST;
    }
    /* In SYN-SENT with a SYN+ACK of its SYN received: a plain ACK answers
     * it (ESTABLISHED, section 3.10.7.3); a SYN+ACK answers the peer's SYN
     * (SYN-RECEIVED), the two SYN+ACKs having crossed, and the ACK of its
     * SYN then counts when one is next seen arriving. */
    bool answers_syn = synack && (me->flags & SIDE_P_SYN);
    if ((me->flags & SIDE_P_SYNACK) && covers_syn(peer, h) && !answers_syn) {
        me->flags &= (uint32_t) ~(unsigned)(SIDE_P_SYNACK | SIDE_P_SYN);
        move(f, true, TT_EV_RCV_SYNACK);
    } else if (synack) {
        if (me->flags & SIDE_P_SYNACK)
            f->r->notes2 |= TT_NOTE2_CROSSED;
        me->flags &= (uint32_t) ~(unsigned)(SIDE_P_SYN | SIDE_P_SYNACK);
        move(f, true, TT_EV_RCV_SYN);
    }
    if ((me->flags & SIDE_FIN_PENDING) && covers_fin(peer, h)) {
        me->flags &= (uint32_t) ~(unsigned)SIDE_FIN_PENDING;
        move(f, true, TT_EV_RCV_FIN);
        if (me->flags & SIDE_P_FINACK) {
            me->flags &= (uint32_t) ~(unsigned)SIDE_P_FINACK;
            move(f, true, TT_EV_RCV_ACK_OF_FIN);
            f->r->notes2 |= TT_NOTE2_FINACK_APPLIED;
        }
    }
    if ((h->flags & (TT_SYN | TT_ACK)) == TT_SYN && !f->syn_again) {
        if (f->r->role == TT_ROLE_SIMULTANEOUS_OPEN && state_of(f, true) == TT_ST_LISTEN) {
            /* The other end was not listening: it was opening too. */
            correct(f, true, TT_ST_CLOSED);
            f->r->notes |= TT_NOTE_WAS_OPENING;
        }
        move(f, true, TT_EV_SND_SYN);
    }
    if ((h->flags & TT_FIN) && !f->fin_again) {
        if (state_of(f, true) == TT_ST_SYN_SENT)
            f->r->notes2 |= TT_NOTE2_FIN_IN_SYN_SENT;
        move(f, true, TT_EV_SND_FIN);
    }
}

/* What the segment does to its receiver: its ACK first (RFC 9293, section
 * 3.10.7.4), then its SYN or FIN, which wait for the receiver's answer. */
static void receiver_states(feed_ctx *f)
{
    const tt_header *h = f->h;
    tt_side *you = f->peer;
    uint8_t st = state_of(f, false);
    if (f->r->notes3 & (TT_NOTE3_BAD_ACK | TT_NOTE3_NO_OWN_SYN))
        return; /* in SYN-SENT, it takes in nothing of this segment */
    if (covers_syn(you, h)) {
        if (st == TT_ST_SYN_RECEIVED) {
            move(f, false, TT_EV_RCV_ACK_OF_SYN);
        } else if (st == TT_ST_SYN_SENT && (h->flags & TT_SYN) && !(you->flags & SIDE_P_SYNACK)) {
            you->flags |= SIDE_P_SYNACK;
            f->r->notes |= TT_NOTE_SYNACK_PENDING;
        }
    }
    if (f->acks_fin) {
        if (you->flags & SIDE_FIN_PENDING) {
            you->flags |= SIDE_P_FINACK;
            f->r->notes2 |= TT_NOTE2_FINACK_LATER;
        } else {
            move(f, false, TT_EV_RCV_ACK_OF_FIN);
        }
    }
    st = state_of(f, false);
    if ((h->flags & (TT_SYN | TT_ACK)) == TT_SYN && !(you->flags & SIDE_P_SYN) &&
        (st == TT_ST_LISTEN || st == TT_ST_SYN_SENT)) {
        you->flags |= SIDE_P_SYN;
        f->r->notes |= TT_NOTE_SYN_PENDING;
    }
    if ((h->flags & TT_FIN) && !(you->flags & SIDE_FIN_PENDING) && !f->fin_again &&
        st != TT_ST_CLOSED && st != TT_ST_LISTEN && st != TT_ST_SYN_SENT) {
        you->flags |= SIDE_FIN_PENDING;
        f->r->notes |= TT_NOTE_FIN_PENDING;
    }
    if (f->s->payload_len > 0 && (you->flags & SIDE_FIN))
        you->flags |= SIDE_PEER_DATA_LATE;
}

static void segment_states(feed_ctx *f)
{
    if (f->h->flags & TT_RST) {
        rst_states(f);
        return;
    }
    sender_states(f);
    receiver_states(f);
}

/* Accurate ECN (RFC 9768, section 3.1.1): a SYN offers it with AE, CWR and
 * ECE all set; a SYN+ACK answering such a SYN accepts it with AE, CWR, ECE =
 * 010, 011, 100 or 110 (the ECN field the SYN arrived with). Once both
 * did, the three bits of every later segment are the ACE counter. */
static void track_accecn(feed_ctx *f)
{
    const tt_header *h = f->h;
    unsigned ace = (h->flags & (TT_AE | TT_CWR | TT_ECE)) >> 6;
    if (h->flags & TT_SYN) {
        bool accepts = (h->flags & TT_ACK) ? (f->peer->flags & SIDE_ACCECN) &&
                                                 (ace == 2 || ace == 3 || ace == 4 || ace == 6)
                                           : ace == 7;
        if (accepts)
            f->me->flags |= SIDE_ACCECN;
        else
            f->me->flags &= ~(uint32_t)SIDE_ACCECN;
    }
    if ((f->me->flags & SIDE_ACCECN) && (f->peer->flags & SIDE_ACCECN))
        f->r->notes |= TT_NOTE_ACCECN;
}

/* What a side's SYN offered (kept with its flags), and what the peer's
 * last SYN offered (for the explanations of this segment). */
static void syn_offers(feed_ctx *f)
{
    const tt_header *h = f->h;
    if (h->flags & TT_SYN) {
        unsigned ace = (h->flags & (TT_AE | TT_CWR | TT_ECE)) >> 6, got = TT_PEER_SYN_SEEN;
        if (ace == 3 || ace == 7) /* ECN, or Accurate ECN (RFC 9768) */
            got |= TT_PEER_SYN_ECN;
        if (h->problem == TT_HDR_OK) {
            got |= TT_PEER_SYN_OPTS;
            if (tt_header_find_option(h, TT_OPT_SACK_PERM) != NULL)
                got |= TT_PEER_SYN_SACKP;
            if (tt_header_has_tfo(h))
                got |= TT_PEER_SYN_TFO;
        }
        f->me->flags = (f->me->flags & ~(0x1fu << SIDE_SYN_SHIFT)) | got << SIDE_SYN_SHIFT;
    }
    f->r->peer_syn = (uint8_t)(f->peer->flags >> SIDE_SYN_SHIFT & 0x1fu);
    uint32_t peer = f->c->syn_opts[!f->d];
    f->r->peer_syn |= (uint8_t)(((peer & SYNO_CHANGED) ? TT_PEER_SYN_CHANGED : 0) |
                                ((peer & TT_SYNO_WS) ? TT_PEER_SYN_WS : 0) |
                                ((peer & TT_SYNO_TS) ? TT_PEER_SYN_TS : 0));
}

static void fill_common(const tt_conv *c, const tt_header *h, const tt_segment *s, tt_result *r)
{
    memset(r, 0, sizeof *r);
    r->stream = c->stream;
    r->payload_len = s->payload_len;
    r->analysis = (uint16_t)s->analysis;
    r->checksum = s->checksum & 3u;
    r->wscale = (h->flags & TT_SYN) ? TT_WS_SYN : TT_WS_UNKNOWN;
    if (s->addr_len == 16)
        r->notes |= TT_NOTE_IPV6;
    if (!s->analysis_on)
        r->notes |= TT_NOTE_OWN_ANALYSIS;
    if (c->flags & CONV_GUESSED)
        r->notes |= TT_NOTE_DIR_GUESSED;
    r->guess = (c->flags2 & CONV2_GUESS_MASK) >> CONV2_GUESS_SHIFT;
    r->client_before = r->client_after = c->state[0];
    r->server_before = r->server_after = c->state[1];
}

/* A segment that changes nothing: quoted in an ICMP error, or malformed. */
static void feed_inert(tt_conv *c, const tt_header *h, const tt_segment *s, tt_result *r)
{
    fill_common(c, h, s, r);
    bool bad_header = h->problem == TT_HDR_TRUNCATED || h->problem == TT_HDR_DOFF_SMALL;
    r->role = s->quoted ? TT_ROLE_ICMP_QUOTED : TT_ROLE_MALFORMED;
    if (!s->quoted) {
        r->index = ++c->count;
        c->last.flags = 0;
    }
    if ((c->flags & CONV_ENDPOINTS) && (!bad_header || h->caplen >= 4))
        r->dir = direction_of(c, h, s);
    if (!(c->flags & CONV_ENDPOINTS))
        r->notes2 |= TT_NOTE2_NO_CONN; /* no state is known: none is claimed */
    if (!(c->flags & CONV_ENDPOINTS) && !s->quoted && h->problem != TT_HDR_TRUNCATED) {
        /* Who is who, for its ports: a guess, said to be one. */
        bool src_is_server = false;
        r->guess = guess_rule(h->sport, h->dport, &src_is_server);
        r->dir = src_is_server ? TT_DIR_S2C : TT_DIR_C2S;
        r->notes |= TT_NOTE_DIR_GUESSED;
    }
    /* Its relative sequence number, as Wireshark gives it: from its
     * sender's base when one is known, else its first byte counts as 1
     * (a SYN's own number as 0); no base is set by it. */
    if (!s->quoted && h->caplen >= 8) {
        const tt_side *me = (c->flags & CONV_ENDPOINTS) ? &c->side[r->dir] : NULL;
        if (me != NULL && (me->flags & SIDE_BASE)) {
            r->rel_seq = h->seq - me->isn;
            if (me->flags & SIDE_BASE_GUESS)
                r->notes |= TT_NOTE_SEQ_UNKNOWN;
        } else {
            r->rel_seq = (h->flags & TT_SYN) ? 0u : 1u;
            if (!(h->flags & TT_SYN))
                r->notes |= TT_NOTE_SEQ_UNKNOWN;
        }
    }
    if (s->quoted && (s->icmp == 4 || s->icmp == 6)) {
        r->notes2 |= s->icmp == 4 ? TT_NOTE2_ICMP4 : TT_NOTE2_ICMP6;
        r->icmp_type = s->icmp_type;
        r->icmp_code = s->icmp_code;
        if (s->icmp_sender == TT_ICMP_FROM_DEST)
            r->notes2 |= TT_NOTE2_ICMP_FROM_DEST;
        else if (s->icmp_sender == TT_ICMP_FROM_PATH)
            r->notes2 |= TT_NOTE2_ICMP_FROM_PATH;
    }
}

/* Window scale (RFC 7323, section 2.2): in use only if both SYNs carried
 * the option, so what the capture shows settles it as far as it goes: a
 * SYN captured whole without the option means no scaling, whatever the
 * other SYN held; a SYN+ACK with the option may only answer a SYN that had
 * it, so scaling is in use and the SYN+ACK's sender's shift is known, while
 * the other end's shift is unknown if its SYN was not captured (*in_use
 * then tells that scaling is in use all the same). */
static int8_t window_shift_of(const tt_conv *c, tt_dir d, bool *in_use)
{
    const tt_side *me = &c->side[d], *peer = &c->side[!d];
    bool mine = (me->flags & SIDE_SYN) != 0, theirs = (peer->flags & SIDE_SYN) != 0;
    *in_use = false;
    if ((mine && me->ws_opt == WS_OPT_NONE) || (theirs && peer->ws_opt == WS_OPT_NONE))
        return TT_WS_NONE;
    if (mine && theirs)
        return me->ws_opt == WS_OPT_CUT || peer->ws_opt == WS_OPT_CUT ? TT_WS_CUT : me->ws_opt;
    if (!mine && !theirs)
        return TT_WS_UNKNOWN;
    const tt_side *seen = mine ? me : peer;
    if (seen->ws_opt == WS_OPT_CUT)
        return TT_WS_CUT;
    if (!(seen->flags & SIDE_SYNACK))
        return TT_WS_UNKNOWN; /* a SYN with the option: the answer decides */
    if (mine)
        return me->ws_opt;
    *in_use = true;
    return TT_WS_UNKNOWN;
}

static int8_t window_shift(const tt_conv *c, tt_dir d)
{
    bool in_use;
    return window_shift_of(c, d, &in_use);
}

/* The window shift of a segment that is not a SYN, in its result. */
static void set_wscale(const tt_conv *c, tt_dir d, tt_result *r)
{
    bool in_use;
    r->wscale = window_shift_of(c, d, &in_use);
    if (in_use)
        r->notes3 |= TT_NOTE3_WS_IN_USE;
}

/* Data that starts beyond the window its receiver's SYN+ACK offered
 * (RCV.NXT + RCV.WND), the first window it offered and its last segment,
 * when no later ACK of that receiver can have opened the window in time
 * (a later ACK could offer less than an earlier one: taking only the first
 * offer, data the earlier one let go is never taken for out of window).
 * The sender can only send past it after the receiver
 * took bytes in and its ACK came back, so not before a segment of the
 * receiver could pass the capture point and its peer's answer pass it too
 * (the shortest such time seen; no time at all when none is known). The
 * receiver drops such a segment and answers with an ACK (RFC 9293, section
 * 3.10.7.4, first check). A capture that missed segments cannot explain
 * it: the bytes before it cannot have been sent yet. */
static bool beyond_offered_window(const feed_ctx *f)
{
    const tt_side *peer = f->peer;
    if ((f->h->flags & (TT_SYN | TT_RST | TT_FIN)) || f->s->payload_len == 0 || !f->s->has_time ||
        (peer->flags & (SIDE_OFFER | SIDE_OFFER_SYN)) != (SIDE_OFFER | SIDE_OFFER_SYN) ||
        peer->window == 0)
        return false;
    uint64_t window = peer->window; /* a SYN's window is never scaled */
    uint32_t beyond = f->h->seq - peer->max_ack;
    if (beyond >= 0x80000000u || beyond < window)
        return false;
    uint32_t elapsed = (uint32_t)f->s->time_us - peer->offer_us;
    if (elapsed >= 0x80000000u)
        return false;
    return elapsed == 0 || ((peer->flags & SIDE_HALF) && elapsed < peer->half_us);
}

/* Remembers when an ACK offered its window (that of a SYN+ACK unscaled). */
static void remember_offer(feed_ctx *f)
{
    const tt_header *h = f->h;
    tt_side *me = f->me;
    me->flags &= ~(uint32_t)(SIDE_OFFER | SIDE_OFFER_SYN);
    if (!(h->flags & TT_ACK) || (h->flags & TT_RST) || !f->s->has_time ||
        !seq_le(me->max_ack, h->ack))
        return;
    me->flags |= SIDE_OFFER | ((h->flags & TT_SYN) ? SIDE_OFFER_SYN : 0);
    me->offer_us = (uint32_t)f->s->time_us;
}

/* Data whose sequence number lies far from the next byte expected: beyond
 * four times the largest window the peer could have offered (its last
 * window, scaled; by the largest shift when the scale is unknown), and at
 * least 16 MiB away, no receiver can accept it. */
static bool out_of_any_window(const feed_ctx *f)
{
    if ((f->h->flags & (TT_SYN | TT_RST | TT_FIN)) || f->s->payload_len == 0 ||
        !(f->me->flags & SIDE_DATA_SEEN))
        return false;
    int8_t shift = window_shift(f->c, (tt_dir)!f->d);
    uint64_t window = (uint64_t)f->peer->window << (shift >= 0            ? shift
                                                    : shift == TT_WS_NONE ? 0
                                                                          : TT_WSCALE_MAX);
    uint64_t limit = 4 * window;
    limit = limit < (1u << 24) ? (1u << 24) : limit > (1u << 30) ? (1u << 30) : limit;
    uint32_t d = f->h->seq - f->me->next_seq;
    uint32_t distance = d < 0x80000000u ? d : 0u - d;
    if (distance <= limit)
        return false;
    /* Far from the sender's previous bytes, but near what the receiver's
     * own ACK expects: the capture missed bytes in between, and nothing
     * says that the receiver drops this one. */
    if (f->peer->flags & SIDE_ACKED) {
        uint32_t e = f->h->seq - f->peer->max_ack;
        if ((e < 0x80000000u ? e : 0u - e) <= limit)
            return false;
    }
    return true;
}

static bool closed_or_waiting(uint8_t st)
{
    return st == TT_ST_CLOSED || st == TT_ST_TIME_WAIT;
}

/* A segment that arrives far outside any window: a receiver drops it, so
 * no base, state, chunk or acknowledgment changes; its numbers are given
 * relative to the bases known. */
static void feed_dropped(feed_ctx *f)
{
    const tt_header *h = f->h;
    tt_result *r = f->r;
    r->rel_seq = h->seq - f->me->isn;
    if ((h->flags & TT_ACK) && (f->peer->flags & SIDE_BASE))
        r->rel_ack = h->ack - f->peer->isn;
    r->analysis = f->s->analysis_on ? (uint16_t)f->s->analysis : 0;
    set_role(f, TT_ROLE_DATA, 0, 0);
    r->notes |= TT_NOTE_OUT_OF_WINDOW;
    if (r->analysis & TT_AN_ANY_RETRANSMISSION)
        r->notes |= TT_NOTE_RETRANSMISSION;
    set_wscale(f->c, f->d, r);
}

/* Whether the segment is a copy of the stream's last one that the capture
 * holds twice: it comes next, in the same direction, within a millisecond,
 * with the same TCP bytes and (on IPv4) the same IP identification. A
 * sender that retransmits builds a new IP packet (a new identification on
 * IPv4), and never within a millisecond of the original. */
static bool capture_duplicate(const tt_conv *c, tt_dir d, const tt_segment *s)
{
    const tt_last_seg *l = &c->last;
    if (!(l->flags & LASTSEG_VALID) || !(l->flags & LASTSEG_TIME) || !s->has_hash || !s->has_time ||
        l->hash != s->hash || ((l->flags & LASTSEG_S2C) != 0) != (d == TT_DIR_S2C))
        return false;
    if (((l->flags & LASTSEG_IP_ID) != 0) != s->has_ip_id || (s->has_ip_id && l->ip_id != s->ip_id))
        return false;
    return (uint32_t)s->time_us - l->time_us <= 1000u;
}

static void remember_last(tt_conv *c, const tt_segment *s, const tt_result *r)
{
    tt_last_seg l = {(uint32_t)s->time_us, s->hash, s->ip_id, r->role, r->steps[0], 0};
    if (s->has_hash)
        l.flags = (uint8_t)(LASTSEG_VALID | (r->dir == TT_DIR_S2C ? LASTSEG_S2C : 0) |
                            (s->has_ip_id ? LASTSEG_IP_ID : 0) | (s->has_time ? LASTSEG_TIME : 0) |
                            (r->steps[1] == 3 ? LASTSEG_STEP_3 : 0));
    c->last = l;
}

/* A copy of the last segment: the same role and chunk, and no change of
 * any state, base, chunk or acknowledgment. */
static void feed_duplicate(feed_ctx *f)
{
    const tt_last_seg *l = &f->c->last;
    tt_result *r = f->r;
    set_role(f, (tt_role)l->role, l->step, (l->flags & LASTSEG_STEP_3) ? 3 : 0);
    relative_numbers(f); /* the bases are those of the original: nothing changes */
    r->notes2 |= TT_NOTE2_CAPTURE_DUP;
    r->analysis = f->s->analysis_on ? (uint16_t)f->s->analysis : 0;
    bool counted = r->role != TT_ROLE_KEEPALIVE && r->role != TT_ROLE_ZERO_WINDOW_PROBE;
    if (f->s->payload_len > 0 && counted) {
        const tt_chunk_span *span =
            chunk_containing(f->c->ring[f->d], f->h->seq + ((f->h->flags & TT_SYN) ? 1u : 0u));
        r->chunk = span != NULL ? span->number : 0;
    }
    if (!(f->h->flags & TT_SYN))
        set_wscale(f->c, f->d, r);
}

/* A new SYN on a finished stream starts a new connection (port reuse), and
 * so does a SYN after a RST refused the previous one, even with the same
 * ISN (a client's retry). Returns whether it was a retry after a refusal. */
static bool maybe_reuse(tt_conv *c, const tt_alloc *a, const tt_header *h)
{
    bool refused = (c->flags2 & CONV2_REFUSED) != 0;
    if (!(c->flags & CONV_ENDPOINTS) || (h->flags & (TT_SYN | TT_ACK)) != TT_SYN ||
        !closed_or_waiting(c->state[0]) || !closed_or_waiting(c->state[1]) ||
        !(c->side[0].flags & SIDE_SYN) || (h->seq == c->side[0].isn && !refused))
        return false;
    uint32_t count = c->count;
    for (int i = 0; i < 2 && a->free != NULL; i++) {
        if (c->ring[i] != NULL && c->ring[i]->flight != NULL)
            (a->free)(a->ctx, c->ring[i]->flight);
        if (c->ring[i] != NULL)
            (a->free)(a->ctx, c->ring[i]);
    }
    tt_conv_init(c, c->stream);
    c->count = count;
    return refused;
}

/* The end of side `s`'s data bytes (after its SYN or the base guessed for
 * it, before its FIN); false when it has sent none. */
static bool data_sent_end(const tt_side *s, uint32_t *end)
{
    if (!(s->flags & SIDE_DATA_SEEN))
        return false;
    *end = (s->flags & SIDE_FIN) ? s->fin_seq : s->next_seq;
    return seq_gt(*end, s->isn + 1u);
}

/* Whether side `s` has sent data bytes beyond `acked`, the highest
 * acknowledgment of them (valid when has_ack). */
static bool data_unacked(const tt_side *s, bool has_ack, uint32_t acked)
{
    uint32_t end;
    if (!data_sent_end(s, &end))
        return false;
    return !has_ack || seq_lt(acked, end);
}

/* At a RST: the capture saw no SYN and no data byte of this connection, so
 * it cannot tell whether anything was in flight. */
static bool rst_sees_nothing(const feed_ctx *f)
{
    uint32_t end;
    return !(f->me->flags & SIDE_SYN) && !(f->peer->flags & SIDE_SYN) &&
           !data_sent_end(f->me, &end) && !data_sent_end(f->peer, &end);
}

/* At a RST: does the capture show data that one side sent and the other had
 * not yet acknowledged (the RST's own acknowledgment number included)? Only
 * then may data in flight be lost. */
static bool rst_finds_data_in_flight(const feed_ctx *f)
{
    const tt_side *me = f->me, *peer = f->peer;
    bool rst_acks = (f->h->flags & TT_ACK) != 0;
    uint32_t acked_by_me = me->max_ack;
    bool me_acked = (me->flags & SIDE_ACKED) != 0;
    if (rst_acks && (!me_acked || seq_gt(f->h->ack, acked_by_me))) {
        acked_by_me = f->h->ack;
        me_acked = true;
    }
    return data_unacked(me, (peer->flags & SIDE_ACKED) != 0, peer->max_ack) ||
           data_unacked(peer, me_acked, acked_by_me);
}

void tt_conv_feed_detail(tt_conv *c, const tt_alloc *a, const tt_header *h, const tt_segment *s,
                         tt_result *r, tt_detail *detail)
{
    if (s->quoted || tt_header_malformed(h)) {
        feed_inert(c, h, s, r);
        return;
    }
    bool retry = maybe_reuse(c, a, h);
    bool first = !(c->flags & CONV_ENDPOINTS);
    if (first)
        setup_endpoints(c, h, s);

    fill_common(c, h, s, r);
    if (first && (c->flags2 & CONV2_INFERRED))
        r->notes |= TT_NOTE_INFERRED;
    r->index = ++c->count;
    if (retry)
        r->notes2 |= TT_NOTE2_NEW_ATTEMPT;
    feed_ctx f = {.c = c, .a = a, .h = h, .s = s, .r = r, .detail = detail};
    f.d = direction_of(c, h, s);
    f.me = &c->side[f.d];
    f.peer = &c->side[!f.d];
    r->dir = f.d;
    f.seg_len = s->payload_len + ((h->flags & TT_SYN) ? 1 : 0) + ((h->flags & TT_FIN) ? 1 : 0);
    if (closed_or_waiting(c->state[0]) && closed_or_waiting(c->state[1]) &&
        (c->side[0].flags & SIDE_SYN))
        r->notes |= TT_NOTE_AFTER_CLOSE;

    if (capture_duplicate(c, f.d, s)) {
        feed_duplicate(&f);
        return;
    }
    if (out_of_any_window(&f)) {
        c->last.flags = 0;
        feed_dropped(&f);
        return;
    }
    if (beyond_offered_window(&f)) {
        c->last.flags = 0;
        feed_dropped(&f);
        r->notes3 |= TT_NOTE3_BEYOND_WINDOW;
        /* Its sender moved when it sent it (its ACK of a SYN+ACK enters
         * ESTABLISHED); only its receiver drops it. */
        sender_states(&f);
        r->client_after = c->state[0];
        r->server_after = c->state[1];
        assert(tt_result_moves_ok(r));
        return;
    }
    relative_numbers(&f);
    f.prev_ack = f.me->max_ack;
    f.had_ack = (f.me->flags & SIDE_ACKED) != 0;
    f.an = s->analysis_on ? s->analysis : own_analysis(&f);
    r->analysis = (uint16_t)f.an;
    /* A retry after a refusal is a new connection attempt, whatever its
     * sequence number. */
    f.retransmit = (f.an & TT_AN_ANY_RETRANSMISSION) != 0 && !retry;
    process_ack(&f);
    if ((h->flags & TT_RST) && !(r->notes & TT_NOTE_AFTER_CLOSE)) {
        if (rst_finds_data_in_flight(&f))
            r->notes2 |= TT_NOTE2_RST_IN_FLIGHT;
        else if (rst_sees_nothing(&f))
            r->notes2 |= TT_NOTE2_RST_UNSEEN;
    }
    /* Data that leaves a gap behind it, or fills one (reordering). */
    if (s->payload_len > 0 && !(h->flags & (TT_SYN | TT_RST)) && (f.me->flags & SIDE_DATA_SEEN)) {
        if (seq_gt(h->seq, f.me->next_seq))
            r->notes2 |= TT_NOTE2_GAP;
        else if (seq_lt(h->seq, f.me->next_seq) && !f.retransmit && (f.an & TT_AN_OUT_OF_ORDER))
            r->notes2 |= TT_NOTE2_FILLS_GAP;
    }
    if (tt_header_has_mptcp(h, TT_MPTCP_FASTCLOSE)) {
        r->notes2 |= TT_NOTE2_MP_FASTCLOSE;
        f.me->flags |= SIDE_FASTCLOSE;
    }

    uint8_t receiver_before = state_of(&f, false);
    if (h->flags & TT_RST)
        classify_rst(&f);
    else if (h->flags & TT_SYN)
        classify_syn(&f);
    else if (h->flags & TT_FIN)
        classify_fin(&f);
    else
        classify_other(&f);
    segment_states(&f);
    /* A closed end answers this segment with a RST (section 3.10.7.1). */
    if (!(h->flags & TT_RST) && (h->flags & TT_ACK) && receiver_before == TT_ST_CLOSED &&
        state_of(&f, false) == TT_ST_CLOSED && (f.peer->flags & (SIDE_SYN | SIDE_RESET)))
        f.peer->flags |= SIDE_OWES_RST;

    if (!(h->flags & TT_RST)) {
        track_recovery(&f, r->role == TT_ROLE_DUP_ACK);
        number_chunk(&f);
        track_bytes(&f);
    }
    track_repeats(&f);
    release_flights(&f, (h->flags & TT_RST) != 0);
    syn_copies(&f);
    if (r->notes & TT_NOTE_ANSWERS_SYNACK)
        r->notes2 |= TT_NOTE2_KARN; /* it answers a SYN+ACK sent more than once */
    if (f.retransmit)               /* bytes the ledger shows were sent before fill no gap */
        r->notes2 &= ~(uint32_t)TT_NOTE2_FILLS_GAP;
    if (f.retransmit) {
        r->notes |= TT_NOTE_RETRANSMISSION;
        if (r->why == TT_WHY_NONE)
            r->why = TT_WHY_TIMEOUT;
    }
    if (s->payload_len > 0 && (f.peer->flags & SIDE_FIN) && !(h->flags & TT_RST))
        r->notes |= TT_NOTE_HALF_CLOSE;

    /* A probe's byte does not count as sent until the window opens. */
    uint32_t end = h->seq + f.seg_len;
    bool probe = r->role == TT_ROLE_ZERO_WINDOW_PROBE;
    if (!(f.me->flags & SIDE_DATA_SEEN) || (seq_gt(end, f.me->next_seq) && !probe)) {
        if ((f.me->flags & SIDE_DATA_SEEN) && end - f.me->isn < f.me->next_seq - f.me->isn)
            f.me->flags |= SIDE_WRAPPED; /* gone round 2^32 since its base */
        f.me->next_seq = end;
        f.me->flags &= ~(uint32_t)SIDE_PROBED;
    } else if (probe && s->payload_len > 0 && h->seq == f.me->next_seq) {
        f.me->flags |= SIDE_PROBED;
    }
    f.me->flags |= SIDE_DATA_SEEN | SIDE_WINDOW_SEEN;
    /* Two probes in a row from one side: the first got no answer here. */
    bool last_same_dir = !(c->last.flags & LASTSEG_VALID) ||
                         ((c->last.flags & LASTSEG_S2C) != 0) == (f.d == TT_DIR_S2C);
    if (probe && f.me->last == LAST_PROBE && c->last.role == TT_ROLE_ZERO_WINDOW_PROBE &&
        last_same_dir)
        r->notes2 |= TT_NOTE2_PROBE_UNANSWERED;
    f.me->last = r->role == TT_ROLE_KEEPALIVE                       ? LAST_KEEPALIVE
                 : probe                                            ? LAST_PROBE
                 : (r->role == TT_ROLE_HANDSHAKE_2 && f.retransmit) ? LAST_SYNACK_AGAIN
                 : (h->flags & TT_RST)                              ? LAST_RST
                                                                    : LAST_OTHER;

    f.me->window = h->window;
    if (!(h->flags & TT_SYN))
        set_wscale(c, f.d, r);
    remember_offer(&f);

    track_accecn(&f);
    syn_offers(&f);

    r->client_after = c->state[0];
    r->server_after = c->state[1];
    if (s->has_time)
        c->seen_us = s->time_us;
    remember_last(c, s, r);
    assert(tt_result_moves_ok(r));
}

void tt_conv_feed(tt_conv *c, const tt_alloc *a, const tt_header *h, const tt_segment *s,
                  tt_result *r)
{
    tt_conv_feed_detail(c, a, h, s, r, NULL);
}

bool tt_result_corrected(const tt_result *r, unsigned side)
{
    return (r->notes2 & (side == 0 ? TT_NOTE2_FIX_CLIENT : TT_NOTE2_FIX_SERVER)) != 0;
}

unsigned tt_result_edges(const tt_result *r, unsigned side, tt_event ev[2])
{
    unsigned n = 0;
    for (unsigned i = 0; i < 2 && side < 2; i++) {
        if (r->edge[side][i] != 0 && r->edge[side][i] <= TT_EV_COUNT)
            ev[n++] = (tt_event)(r->edge[side][i] - 1);
    }
    return n;
}

bool tt_event_sends(tt_event e)
{
    return e == TT_EV_SND_SYN || e == TT_EV_RCV_SYN || e == TT_EV_RCV_SYNACK ||
           e == TT_EV_SND_FIN || e == TT_EV_RCV_FIN || e == TT_EV_SND_RST;
}

/* The recorded edges lead from the state before to the state after (a
 * corrected state may also move on after its correction). */
static bool moves_ok(const tt_result *r, unsigned side)
{
    uint8_t before = side == 0 ? r->client_before : r->server_before;
    uint8_t after = side == 0 ? r->client_after : r->server_after;
    tt_event ev[2];
    unsigned n = tt_result_edges(r, side, ev);
    if (before >= TT_ST_COUNT || after >= TT_ST_COUNT)
        return false;
    if (tt_result_corrected(r, side))
        return true;
    tt_state st = (tt_state)before;
    for (unsigned i = 0; i < n; i++) {
        st = tt_state_next(st, ev[i]);
        if (st == TT_ST_COUNT)
            return false;
    }
    return st == (tt_state)after;
}

bool tt_result_moves_ok(const tt_result *r)
{
    return moves_ok(r, 0) && moves_ok(r, 1);
}
