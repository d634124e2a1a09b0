/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the per-stream state machine (tt_conv_feed).
 *
 * The input is a sequence of records, one per segment, each fed to one of
 * four conversations. A record either carries raw header bytes (any length,
 * any content) or describes a header in terms of the stream so far (the next
 * sequence number, an acknowledgment of the peer's bytes, a few flags), which
 * lets the fuzzer reach deep into handshakes and teardowns. Every record also
 * gives the facts that do not come from the header: payload length (up to
 * absurd values), Wireshark's analysis bits, whether the analysis ran,
 * whether the header is quoted in an ICMP error, the addresses and the
 * direction. A control record re-initializes a conversation (stream reuse).
 *
 * After every segment the result is checked against invariants of the
 * documented contract (conversation.h, README's field reference); any
 * violation aborts. The whole input is then replayed without the quoted,
 * malformed and out-of-window segments: as they "change no state", every
 * other segment must get exactly the same result (apart from its index).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "conversation.h"
#include "fuzz_util.h"
#include "header.h"

#define N_STREAMS 4
#define MAX_SEGMENTS 2048
#define MAX_CAPLEN 80 /* more than the 60 bytes a TCP header can have */

#define RB(role) (1u << (role))
#define SYN_ROLES                                                                                  \
    (RB(TT_ROLE_HANDSHAKE_1) | RB(TT_ROLE_HANDSHAKE_2) | RB(TT_ROLE_SIMULTANEOUS_OPEN))
#define FIN_ROLES                                                                                  \
    (RB(TT_ROLE_TEARDOWN_1) | RB(TT_ROLE_TEARDOWN_3) | RB(TT_ROLE_TEARDOWN_2_3) |                  \
     RB(TT_ROLE_SIMULTANEOUS_CLOSE) | /* a FIN sent again that now acknowledges the peer's: */     \
     RB(TT_ROLE_TEARDOWN_2) | RB(TT_ROLE_TEARDOWN_4))
#define RST_ROLES (RB(TT_ROLE_REFUSED) | RB(TT_ROLE_RESET))
#define ACK_ROLES                                                                                  \
    (RB(TT_ROLE_HANDSHAKE_3) | RB(TT_ROLE_TEARDOWN_2) | RB(TT_ROLE_TEARDOWN_4) |                   \
     RB(TT_ROLE_DATA) | RB(TT_ROLE_DATA_PIGGYBACK) | RB(TT_ROLE_ACK) | RB(TT_ROLE_DUP_ACK) |       \
     RB(TT_ROLE_WINDOW_UPDATE) | RB(TT_ROLE_KEEPALIVE) | RB(TT_ROLE_KEEPALIVE_ACK) |               \
     RB(TT_ROLE_ZERO_WINDOW_PROBE) | RB(TT_ROLE_ZERO_WINDOW_PROBE_ACK) |                           \
     RB(TT_ROLE_SIMULTANEOUS_CLOSE) | RB(TT_ROLE_SIMULTANEOUS_OPEN) /* a split handshake's ACK */)
#define ALL_NOTES 0xffffffffu /* every bit of the note word is in use */

/* What the harness knows about one conversation. */
typedef struct stream {
    tt_conv *conv;
    uint32_t id;
    uint32_t count;         /* segments fed that were not quoted */
    bool started;           /* a segment that is neither quoted nor malformed was fed */
    uint8_t client, server; /* both states after the last segment */
    uint32_t max_chunk[2];  /* highest chunk number reported per direction */
    uint32_t next[2];       /* for described headers: next sequence number of A and B */
} stream;

typedef struct run_state {
    stream st[N_STREAMS];
    fz_pool pool;
    tt_alloc alloc;
} run_state;

static const uint8_t addr4[3][4] = {{10, 0, 0, 1}, {10, 0, 0, 2}, {192, 0, 2, 9}};
static const uint8_t addr6[3][16] = {
    {0x20, 0x01, 0x0d, 0xb8, [15] = 1}, {0x20, 0x01, 0x0d, 0xb8, [15] = 2}, {0xfe, 0x80, [15] = 9}};
static const uint16_t ports[N_STREAMS][2] = {{40000, 80}, {55672, 44321}, {33000, 33001}, {22, 22}};

static bool is_closed_or_waiting(uint8_t st)
{
    return st == TT_ST_CLOSED || st == TT_ST_TIME_WAIT;
}

static bool steps_fit_role(const tt_result *r)
{
    static const uint8_t want[TT_ROLE_COUNT][2] = {
        [TT_ROLE_HANDSHAKE_1] = {1, 0},  [TT_ROLE_HANDSHAKE_2] = {2, 0},
        [TT_ROLE_HANDSHAKE_3] = {3, 0},  [TT_ROLE_TEARDOWN_1] = {1, 0},
        [TT_ROLE_TEARDOWN_2] = {2, 0},   [TT_ROLE_TEARDOWN_3] = {3, 0},
        [TT_ROLE_TEARDOWN_2_3] = {2, 3}, [TT_ROLE_TEARDOWN_4] = {4, 0},
    };
    if (r->role == TT_ROLE_SIMULTANEOUS_OPEN)
        return r->steps[0] >= 1 && r->steps[0] <= 4 && r->steps[1] == 0;
    if (r->role == TT_ROLE_SIMULTANEOUS_CLOSE)
        return r->steps[0] >= 2 && r->steps[0] <= 4 && r->steps[1] == 0;
    return r->steps[0] == want[r->role][0] && r->steps[1] == want[r->role][1];
}

/* The invariants of one result, given what came before in its stream. */
static void check_result(stream *st, const tt_header *h, const tt_segment *s, const tt_result *r)
{
    /* SYN with FIN or RST, or none of SYN, RST and ACK: no segment of a
     * connection looks like that (RFC 9293 3.10.7.4 drops a segment without
     * ACK), and the header parser must say so. */
    bool bad_flags = h->caplen >= 20 && h->doff >= 5 &&
                     (((h->flags & TT_SYN) && (h->flags & (TT_FIN | TT_RST))) ||
                      !(h->flags & (TT_SYN | TT_RST | TT_ACK)));
    FZ_CHECK(!bad_flags || tt_header_malformed(h), "flags 0x%03x parsed as problem %u", h->flags,
             h->problem);
    bool inert_input = s->quoted || tt_header_malformed(h);
    unsigned role = r->role;

    FZ_CHECK(role > TT_ROLE_NONE && role < TT_ROLE_COUNT, "role %u", role);
    FZ_CHECK(r->client_before < TT_ST_COUNT && r->client_after < TT_ST_COUNT, "client %u -> %u",
             r->client_before, r->client_after);
    FZ_CHECK(r->server_before < TT_ST_COUNT && r->server_after < TT_ST_COUNT, "server %u -> %u",
             r->server_before, r->server_after);
    FZ_CHECK(r->client_after != TT_ST_LISTEN, "the client never listens");
    FZ_CHECK(tt_result_moves_ok(r), "client %s -> %s, server %s -> %s: not on RFC 9293's diagram",
             tt_state_name((tt_state)r->client_before), tt_state_name((tt_state)r->client_after),
             tt_state_name((tt_state)r->server_before), tt_state_name((tt_state)r->server_after));
    FZ_CHECK(r->dir == TT_DIR_C2S || r->dir == TT_DIR_S2C, "dir %u", r->dir);
    FZ_CHECK(steps_fit_role(r), "role %s with steps %u,%u", tt_role_token((tt_role)role),
             r->steps[0], r->steps[1]);
    FZ_CHECK(r->stream == st->id, "stream %u, fed to %u", r->stream, st->id);
    FZ_CHECK(r->payload_len == s->payload_len && r->checksum == s->checksum &&
                 (r->analysis == s->analysis || (!s->analysis_on && r->analysis <= 0x7fffu)),
             "segment facts not copied: payload %u/%u, analysis 0x%x/0x%x, checksum %u/%u",
             r->payload_len, s->payload_len, r->analysis, s->analysis, r->checksum, s->checksum);
    FZ_CHECK((r->notes & ~ALL_NOTES) == 0, "notes 0x%x", r->notes);
    FZ_CHECK(((r->notes & TT_NOTE_IPV6) != 0) == (s->addr_len == 16), "IPv6 note");
    FZ_CHECK(((r->notes & TT_NOTE_OWN_ANALYSIS) != 0) == !s->analysis_on, "own-analysis note");
    FZ_CHECK(!(r->notes & (TT_NOTE_HALF_CLOSE | TT_NOTE_CARRIES_DATA)) || s->payload_len > 0,
             "a data note without data (notes 0x%x)", r->notes);
    if (h->flags & TT_SYN)
        FZ_CHECK(r->wscale == TT_WS_SYN, "SYN with wscale %d", r->wscale);
    else
        FZ_CHECK(r->wscale >= TT_WS_CUT && r->wscale <= 14 && r->wscale != TT_WS_SYN, "wscale %d",
                 r->wscale);

    /* Quoted and malformed segments are explained but change nothing. */
    if (s->quoted)
        FZ_CHECK(role == TT_ROLE_ICMP_QUOTED, "quoted header got role %s",
                 tt_role_token((tt_role)role));
    else if (inert_input)
        FZ_CHECK(role == TT_ROLE_MALFORMED, "bad header got role %s", tt_role_token((tt_role)role));
    bool inert = role == TT_ROLE_ICMP_QUOTED || role == TT_ROLE_MALFORMED;
    if (inert) {
        FZ_CHECK(r->chunk == 0 && r->acked_chunk == 0,
                 "%s segment numbered as chunk %u / acked chunk %u", tt_role_token((tt_role)role),
                 r->chunk, r->acked_chunk);
        FZ_CHECK(r->client_before == r->client_after && r->server_before == r->server_after,
                 "%s segment changed a state", tt_role_token((tt_role)role));
        FZ_CHECK(!(r->notes & TT_NOTE_RETRANSMISSION), "%s segment is a retransmission",
                 tt_role_token((tt_role)role));
    } else if (r->notes & TT_NOTE_OUT_OF_WINDOW) {
        /* Data far outside any window: a receiver drops it, whatever its flags. */
        FZ_CHECK(role == TT_ROLE_DATA && s->payload_len > 0 && !(h->flags & (TT_SYN | TT_RST)),
                 "out-of-window segment (flags 0x%03x, payload %u) got role %s", h->flags,
                 s->payload_len, tt_role_token((tt_role)role));
        FZ_CHECK(r->client_before == r->client_after && r->server_before == r->server_after &&
                     r->acked_chunk == 0,
                 "an out-of-window segment changed a state or completed a chunk");
    } else if (h->flags & TT_RST) {
        FZ_CHECK(RB(role) & RST_ROLES, "RST got role %s", tt_role_token((tt_role)role));
        /* Each end is closed after a RST, a server in SYN-RECEIVED returns to
         * LISTEN, and an end the diagram gives no edge for stays (a RST after
         * the close changes nothing). */
        bool client_ok = r->client_after == TT_ST_CLOSED || r->client_after == r->client_before;
        bool server_ok =
            r->server_after == TT_ST_CLOSED || r->server_after == r->server_before ||
            (r->server_after == TT_ST_LISTEN && r->server_before == TT_ST_SYN_RECEIVED);
        FZ_CHECK(
            client_ok && server_ok, "RST takes %s / %s to %s / %s",
            tt_state_name((tt_state)r->client_before), tt_state_name((tt_state)r->server_before),
            tt_state_name((tt_state)r->client_after), tt_state_name((tt_state)r->server_after));
    } else if (h->flags & TT_SYN) {
        FZ_CHECK(RB(role) & SYN_ROLES, "SYN got role %s", tt_role_token((tt_role)role));
    } else if (!(h->flags & TT_ACK)) {
        /* Only a connection's first SYN and an RST may lack ACK (RFC 9293
         * 3.10.7.4: a segment without ACK is dropped). */
        FZ_CHECK(0, "a segment without SYN, RST or ACK (flags 0x%03x) got role %s", h->flags,
                 tt_role_token((tt_role)role));
    } else if (h->flags & TT_FIN) {
        FZ_CHECK(RB(role) & FIN_ROLES, "FIN got role %s", tt_role_token((tt_role)role));
    } else {
        FZ_CHECK(RB(role) & ACK_ROLES, "ACK got role %s", tt_role_token((tt_role)role));
    }
    if (role == TT_ROLE_DATA || role == TT_ROLE_DATA_PIGGYBACK)
        FZ_CHECK(s->payload_len > 0, "%s without payload", tt_role_token((tt_role)role));

    /* Roles named after an analysis finding agree with the finding (Wireshark's,
     * or tcpteach's own when Wireshark's analysis is off), and so do
     * retransmissions of data. */
    static const struct {
        uint8_t role;
        uint32_t bit;
    } by_finding[] = {
        {TT_ROLE_DUP_ACK, TT_AN_DUP_ACK},
        {TT_ROLE_WINDOW_UPDATE, TT_AN_WINDOW_UPDATE},
        {TT_ROLE_KEEPALIVE, TT_AN_KEEP_ALIVE},
        {TT_ROLE_KEEPALIVE_ACK, TT_AN_KEEP_ALIVE_ACK},
    };
    for (size_t i = 0; i < sizeof by_finding / sizeof by_finding[0]; i++) {
        if (role == by_finding[i].role)
            FZ_CHECK(r->analysis & by_finding[i].bit, "role %s without its finding (0x%x)",
                     tt_role_token((tt_role)role), r->analysis);
    }
    /* Never "no retransmission" beside Wireshark's retransmission, except
     * for a packet the capture holds twice and a new attempt after a
     * refused SYN (the text explains Wireshark's label); and outside SYNs,
     * FINs and data (whose repeats tcpteach's own ledger recognises) no
     * retransmission that Wireshark did not report. */
    bool ws_retrans = s->analysis_on && (s->analysis & TT_AN_ANY_RETRANSMISSION);
    bool explained = (r->notes2 & (TT_NOTE2_CAPTURE_DUP | TT_NOTE2_NEW_ATTEMPT)) != 0;
    if (!inert_input && !explained)
        FZ_CHECK(!ws_retrans || (r->notes & TT_NOTE_RETRANSMISSION),
                 "no retransmission note beside Wireshark's findings 0x%x", s->analysis);
    if (s->analysis_on && !inert_input && !(h->flags & (TT_SYN | TT_FIN)) && s->payload_len == 0)
        FZ_CHECK(!(r->notes & TT_NOTE_RETRANSMISSION) || ws_retrans,
                 "retransmission note 0x%x, Wireshark's findings 0x%x", r->notes, s->analysis);

    /* Chunks: every data segment gets one (a keep-alive's byte is old, a
     * zero-window probe's byte is sent again in the next chunk, a receiver
     * drops data far outside any window);
     * a new one is the next number of its direction, a retransmission repeats
     * an earlier one. An ACK completes only chunks the peer has sent. */
    /* (A length of 2^31 bytes or more is no range of the 32-bit sequence
     * space: no chunk can name it.) */
    bool numbered = !inert && s->payload_len > 0 && s->payload_len < 0x80000000u &&
                    !(h->flags & TT_RST) && role != TT_ROLE_KEEPALIVE &&
                    role != TT_ROLE_ZERO_WINDOW_PROBE && !(r->notes & TT_NOTE_OUT_OF_WINDOW);
    /* (Bytes resent from far below the highest sent, which the ledger has
     * forgotten, are named by no chunk.) */
    bool forgotten =
        r->chunk == 0 && (r->notes & TT_NOTE_RETRANSMISSION) && !(r->notes & TT_NOTE_CHUNK_UNSEEN);
    if (s->payload_len < 0x80000000u && !forgotten)
        FZ_CHECK((r->chunk != 0) == numbered, "role %s, payload %u, chunk %u",
                 tt_role_token((tt_role)role), s->payload_len, r->chunk);
    FZ_CHECK(r->chunk <= st->max_chunk[r->dir] + 1u, "chunk %u after at most %u", r->chunk,
             st->max_chunk[r->dir]);
    FZ_CHECK(r->acked_chunk <= st->max_chunk[!r->dir], "acked chunk %u, peer sent %u",
             r->acked_chunk, st->max_chunk[!r->dir]);
    FZ_CHECK(r->acked_chunk == 0 || ((h->flags & TT_ACK) && !(h->flags & TT_RST)),
             "acked chunk %u without ACK", r->acked_chunk);
    if (!inert && r->chunk > st->max_chunk[r->dir])
        st->max_chunk[r->dir] = r->chunk;

    /* Segment numbers count every segment that is not quoted. */
    if (s->quoted) {
        FZ_CHECK(r->index == 0, "quoted segment has index %u", r->index);
    } else {
        st->count++;
        FZ_CHECK(r->index == st->count, "index %u, expected %u", r->index, st->count);
    }

    /* The states before are the states after the previous segment, unless a
     * new SYN reuses a finished stream, or the first segment set them up. */
    bool same = r->client_before == st->client && r->server_before == st->server;
    bool fresh = r->client_before == TT_ST_CLOSED && r->server_before == TT_ST_LISTEN;
    if (!st->started && !inert) {
        bool midstream =
            r->client_before == TT_ST_ESTABLISHED && r->server_before == TT_ST_ESTABLISHED;
        bool after_syn = r->client_before == TT_ST_SYN_SENT && r->server_before == TT_ST_LISTEN;
        FZ_CHECK(fresh || midstream || after_syn, "first segment starts at %s / %s",
                 tt_state_name((tt_state)r->client_before),
                 tt_state_name((tt_state)r->server_before));
        st->started = true;
    } else {
        bool reuse = st->started && !inert && (h->flags & (TT_SYN | TT_ACK)) == TT_SYN &&
                     is_closed_or_waiting(st->client) && is_closed_or_waiting(st->server);
        FZ_CHECK(same || (reuse && fresh), "states jump from %s / %s to %s / %s",
                 tt_state_name((tt_state)st->client), tt_state_name((tt_state)st->server),
                 tt_state_name((tt_state)r->client_before),
                 tt_state_name((tt_state)r->server_before));
    }
    st->client = r->client_after;
    st->server = r->server_after;
}

/* TCPTEACH_FUZZ_TRACE=1 prints every segment and its result, to read a
 * crash input. */
static void trace(int k, const tt_header *h, const tt_segment *s, const tt_result *r)
{
    static int on = -1;
    if (on < 0)
        on = getenv("TCPTEACH_FUZZ_TRACE") != NULL;
    if (!on)
        return;
    fprintf(stderr,
            "stream %d: %u->%u caplen %u doff %u flags 0x%03x seq %u ack %u win %u len %u "
            "problem %u%s%s an 0x%x addr %u | %s %u,%u chunk %u acked %u dir %u "
            "%s/%s -> %s/%s rel %u/%u notes 0x%x\n",
            k, h->sport, h->dport, h->caplen, h->doff, h->flags, h->seq, h->ack, h->window,
            s->payload_len, h->problem, s->quoted ? " quoted" : "",
            s->analysis_on ? "" : " own-analysis", s->analysis, s->addr_len,
            tt_role_token((tt_role)r->role), r->steps[0], r->steps[1], r->chunk, r->acked_chunk,
            r->dir, tt_state_name((tt_state)r->client_before),
            tt_state_name((tt_state)r->server_before), tt_state_name((tt_state)r->client_after),
            tt_state_name((tt_state)r->server_after), r->rel_seq, r->rel_ack, r->notes);
}

static void stream_init(run_state *rs, int k, uint32_t id)
{
    stream *st = &rs->st[k];
    tt_conv *conv = st->conv;
    uint32_t next0 = st->next[0], next1 = st->next[1];
    if (conv == NULL)
        conv = (tt_conv *)fz_pool_alloc(&rs->pool, tt_conv_size());
    memset(st, 0, sizeof *st);
    st->conv = conv;
    st->id = id;
    st->client = TT_ST_CLOSED;
    st->server = TT_ST_LISTEN;
    st->next[0] = next0;
    st->next[1] = next1;
    tt_conv_init(conv, id);
}

/* Builds a described header into hdr; returns the captured length. */
static uint32_t describe_header(fz_in *in, stream *st, int k, int side, uint32_t payload,
                                uint8_t *hdr)
{
    uint16_t flags = fz_u8(in);
    uint8_t x = fz_u8(in), sel = fz_u8(in);
    flags = (uint16_t)(flags | ((x & 0x0fu) << 8));
    uint32_t seq = st->next[side], ack = st->next[!side];
    switch (sel & 3u) {
    case 1:
        seq += (uint32_t)(int32_t)(int8_t)fz_u8(in);
        break;
    case 2:
        seq -= 1u; /* keep-alive */
        break;
    case 3:
        seq = fz_u32(in);
        break;
    default:
        break;
    }
    switch ((sel >> 2) & 3u) {
    case 1:
        ack += (uint32_t)(int32_t)(int8_t)fz_u8(in);
        break;
    case 2:
        ack = fz_u32(in);
        break;
    case 3:
        ack += 1u; /* acknowledges a FIN */
        break;
    default:
        break;
    }
    uint16_t sport = ports[k][side], dport = ports[k][!side];
    if (sel & 0x10u)
        sport = fz_u16(in);
    if (sel & 0x20u)
        dport = fz_u16(in);
    uint16_t window = fz_u16(in);
    unsigned nopt = fz_u8(in) % 41u;
    unsigned hlen = 20u + (nopt + 3u) / 4u * 4u;
    unsigned doff = (sel & 0x40u) ? (fz_u8(in) & 0x0fu) : hlen / 4u;
    memset(hdr, 0, MAX_CAPLEN);
    hdr[0] = (uint8_t)(sport >> 8), hdr[1] = (uint8_t)sport;
    hdr[2] = (uint8_t)(dport >> 8), hdr[3] = (uint8_t)dport;
    for (int i = 0; i < 4; i++) {
        hdr[4 + i] = (uint8_t)(seq >> (24 - 8 * i));
        hdr[8 + i] = (uint8_t)(ack >> (24 - 8 * i));
    }
    hdr[12] = (uint8_t)((doff << 4) | ((flags >> 8) & 0x0fu));
    hdr[13] = (uint8_t)flags;
    hdr[14] = (uint8_t)(window >> 8), hdr[15] = (uint8_t)window;
    if (flags & TT_URG) {
        uint16_t urg = fz_u16(in);
        hdr[18] = (uint8_t)(urg >> 8), hdr[19] = (uint8_t)urg;
    }
    fz_bytes(in, hdr + 20, nopt);
    uint32_t caplen = hlen;
    if (sel & 0x80u)
        caplen = fz_u8(in) % (hlen + 1u); /* a cut capture */
    uint32_t used = payload + ((flags & TT_SYN) ? 1u : 0u) + ((flags & TT_FIN) ? 1u : 0u);
    if ((int32_t)(seq + used - st->next[side]) > 0)
        st->next[side] = seq + used;
    return caplen;
}

/* Runs the whole input. With skip == NULL, checks every result and records
 * which segments change nothing (quoted, malformed, out of any window) in
 * inert[]; with skip, leaves those segments out. Returns the number of
 * segments. */
static size_t run(const uint8_t *data, size_t size, const bool *skip, bool *inert, tt_result *out)
{
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.alloc.alloc = fz_pool_alloc;
    rs.alloc.ctx = &rs.pool;
    for (int k = 0; k < N_STREAMS; k++)
        stream_init(&rs, k, (uint32_t)k);

    fz_in in = {data, size};
    size_t n = 0;
    while (in.n > 0 && n < MAX_SEGMENTS) {
        uint8_t op = fz_u8(&in);
        int k = op & 3;
        stream *st = &rs.st[k];
        if ((op & 0xfcu) == 0xfcu) {
            stream_init(&rs, k, fz_u32(&in)); /* the stream is reused */
            continue;
        }
        bool quoted = (op & 0x04u) != 0, analysis_on = (op & 0x08u) != 0;
        int side = (op >> 4) & 1; /* 0: A sends to B, 1: B sends to A */
        bool raw = (op & 0x20u) != 0;
        unsigned amode = op >> 6;

        uint32_t payload = fz_u8(&in);
        if (payload == 255)
            payload = fz_u32(&in); /* absurd lengths too */
        uint8_t hdr[MAX_CAPLEN];
        uint32_t caplen;
        if (raw) {
            caplen = fz_u8(&in) % (MAX_CAPLEN + 1u);
            fz_bytes(&in, hdr, caplen);
        } else {
            caplen = describe_header(&in, st, k, side, payload, hdr);
        }

        tt_segment s = {.frame = (uint32_t)n + 1u, .quoted = quoted, .analysis_on = analysis_on};
        s.payload_len = payload;
        s.analysis = fz_u16(&in);
        bool short_segment = (s.analysis & 0x8000u) != 0;
        s.analysis &= 0x7fffu;
        s.checksum = (uint8_t)(fz_u8(&in) % 3u);
        /* Addresses: IPv4, IPv6, none, or a stranger's source address. */
        const uint8_t *src = NULL, *dst = NULL;
        uint8_t alen = 0;
        if (amode != 2) {
            bool v6 = amode == 1 || (amode == 3 && (op & 0x08u));
            alen = v6 ? 16 : 4;
            src = v6 ? addr6[amode == 3 ? 2 : side] : addr4[amode == 3 ? 2 : side];
            dst = v6 ? addr6[!side] : addr4[!side];
        }
        uint8_t *src_copy = src ? fz_exact_copy(src, alen) : NULL;
        uint8_t *dst_copy = dst ? fz_exact_copy(dst, alen) : NULL;
        s.src = src_copy;
        s.dst = dst_copy;
        s.addr_len = alen;

        uint8_t *bytes = fz_exact_copy(hdr, caplen);
        tt_header h;
        tt_header_parse(&h, bytes, caplen);
        FZ_CHECK(h.n_options <= TT_MAX_OPTIONS, "%u options", h.n_options);
        if (short_segment && h.problem == TT_HDR_OK)
            h.problem = TT_HDR_SHORT_SEGMENT; /* as the glue marks it */

        tt_result *r = &out[n];
        memset(r, 0, sizeof *r);
        if (skip == NULL || !skip[n]) {
            tt_conv_feed(st->conv, &rs.alloc, &h, &s, r);
            if (skip == NULL) {
                trace(k, &h, &s, r);
                check_result(st, &h, &s, r);
                inert[n] = r->role == TT_ROLE_ICMP_QUOTED || r->role == TT_ROLE_MALFORMED ||
                           (r->notes & TT_NOTE_OUT_OF_WINDOW);
            }
        }
        free(bytes);
        free(src_copy);
        free(dst_copy);
        n++;
    }
    fz_pool_free(&rs.pool);
    return n;
}

static tt_result first[MAX_SEGMENTS], second[MAX_SEGMENTS];
static bool inert_mask[MAX_SEGMENTS];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = run(data, size, NULL, inert_mask, first);
    run(data, size, inert_mask, NULL, second);
    for (size_t i = 0; i < n; i++) {
        if (inert_mask[i])
            continue;
        tt_result a = first[i], b = second[i];
        a.index = b.index = 0; /* malformed segments count in the numbering */
        FZ_CHECK(memcmp(&a, &b, sizeof a) == 0,
                 "segment %zu: a quoted, malformed or out-of-window segment before it changed its "
                 "result (role %s, chunk %u; without them: role %s, chunk %u)",
                 i + 1, tt_role_token((tt_role)a.role), a.chunk, tt_role_token((tt_role)b.role),
                 b.chunk);
    }
    return 0;
}
