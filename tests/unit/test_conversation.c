/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the per-stream state machine: scripted conversations, read
 * from the tables of scenarios/ (each segment with the role, steps, chunks
 * and states it must get; scenarios/README.md gives the format), and
 * segments fed one by one. */
#include "conversation.h"
#include "header.h"
#include "scenario.h"
#include "tt_conv_fixture.h"
#include "tt_test.h"

#include <stdlib.h>

enum { C = 0, S = 1 }; /* who sends: client or server */

#define F_ TT_FIN
#define S_ TT_SYN
#define R_ TT_RST
#define P_ TT_PSH
#define A_ TT_ACK

/* One segment of the tests that feed segments one by one. */
typedef struct seg {
    int who;
    uint16_t flags;
    uint32_t seq, ack, len;
    uint16_t window;
} seg;

static const uint8_t client_addr[4] = {127, 0, 0, 1};
static const uint8_t server_addr[4] = {127, 0, 0, 2};

/* An arena like the plugin's file scope: everything is freed at the end. */
static void *arena[4096];
static size_t arena_used;

static void *test_alloc(void *ctx, size_t n)
{
    (void)ctx;
    void *p = calloc(1, n);
    if (p == NULL || arena_used == sizeof arena / sizeof arena[0])
        abort();
    arena[arena_used++] = p;
    return p;
}

/* What the conversation hands back leaves the arena at once. */
static size_t handed_back;

static void test_free(void *ctx, void *p)
{
    (void)ctx;
    for (size_t i = 0; i < arena_used; i++) {
        if (arena[i] == p) {
            free(p);
            arena[i] = arena[--arena_used];
            handed_back++;
            return;
        }
    }
    abort(); /* not allocated here, or handed back twice */
}

static void arena_free(void)
{
    while (arena_used > 0)
        free(arena[--arena_used]);
}

static const tt_alloc alloc = {.alloc = test_alloc, .free = test_free};
static const tt_alloc alloc_keep = {.alloc = test_alloc}; /* never hands back */

/* Builds a TCP header: ports, numbers, flags and window, no options.
 * Returns its length. */
static unsigned build(uint8_t *b, uint16_t sp, uint16_t dp, const seg *st)
{
    return tt_fx_header(b, sp, dp, st->seq, st->ack, st->flags, st->window, -1, 1024, 0);
}

/* The addresses of the client and the server, and their length. */
typedef struct endpoints {
    const uint8_t *client, *server;
    uint8_t len;
} endpoints;

static const endpoints loopback = {client_addr, server_addr, 4};

/* Runs scenarios/NAME.txt between the addresses of ep, on the ports the
 * file names (or on cport and sport, when not 0), and checks every row.
 * The results go to out[0..max), zeroed first. Returns the number of
 * segments. */
static size_t run_scenario_between(const char *name, uint16_t cport, uint16_t sport,
                                   const endpoints *ep, tt_result *out, size_t max)
{
    tt_scenario sc;
    if (out != NULL)
        memset(out, 0, max * sizeof *out);
    if (!tt_scn_load(&sc, name))
        return 0;
    if (out != NULL && sc.n > max) {
        tt_scn_fail(sc.path, sc.seg[max].line, "this segment is past the results the test keeps",
                    NULL);
        return 0;
    }
    uint16_t cp = cport != 0 ? cport : sc.cport, sp = sport != 0 ? sport : sc.sport;
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 7);
    for (size_t i = 0; i < sc.n; i++) {
        const tt_scn_seg *g = &sc.seg[i];
        uint8_t bytes[60];
        unsigned hlen = tt_fx_header(bytes, g->client ? cp : sp, g->client ? sp : cp, g->seq,
                                     g->ack, g->flags, g->window, g->wscale, 1024, 0);
        tt_header h;
        tt_header_parse(&h, bytes, hlen);
        tt_segment s = {.frame = (uint32_t)i + 1,
                        .src = g->client ? ep->client : ep->server,
                        .dst = g->client ? ep->server : ep->client,
                        .addr_len = ep->len,
                        .payload_len = g->len,
                        .analysis = g->analysis,
                        .analysis_on = sc.analysis_on};
        tt_result r;
        tt_conv_feed(c, &alloc, &h, &s, &r);
        if (out != NULL)
            out[i] = r;
        tt_scn_check(&sc, i, &r);
    }
    free(c);
    return sc.n;
}

/* scenarios/NAME.txt between the loopback addresses, its results to the
 * array out (or nowhere). */
#define RUN_SCENARIO(name, out)                                                                    \
    run_scenario_between(name, 0, 0, &loopback, out, sizeof out / sizeof out[0])
#define RUN_SCENARIO_ONLY(name) run_scenario_between(name, 0, 0, &loopback, NULL, 0)

/* Reads one scenario row from a string: the column it cannot read, or -1. */
static int read_row(const char *row, tt_scn_seg *g)
{
    char buf[160];
    char *t[TT_SCN_MAX_TOKENS + 1] = {NULL};
    snprintf(buf, sizeof buf, "%s", row);
    size_t n = tt_scn_split(buf, t, TT_SCN_MAX_TOKENS);
    return tt_scn_row(t, n, g);
}

/* The scenario reader: a misspelt word is an error at its column, never a
 * silent zero, and a row reads as written. */
static void test_scenario_reader(void)
{
#define TT_SCN_OPEN "C S 1000 0 0 8192 - - | "
#define TT_SCN_SYN "C S 1000 0 0 8192 - "
    static const struct {
        const char *row;
        int bad; /* the first column it cannot read, from 0 (who); -1: none */
    } rows[] = {
        {TT_SCN_OPEN "handshake-1 1 - - SYN-SENT LISTEN -", -1},
        {"c S 1000 0 0 8192 - - | handshake-1 1 - - SYN-SENT LISTEN -", 0},
        {"C SA 1000 0 0 8192 - - | handshake-1 1 - - SYN-SENT LISTEN -", 1}, /* ACK is "." */
        {"C SS 1000 0 0 8192 - - | handshake-1 1 - - SYN-SENT LISTEN -", 1},
        {"C - 1000 0 0 8192 - - | handshake-1 1 - - SYN-SENT LISTEN -", 1},
        {"C S 1000u 0 0 8192 - - | handshake-1 1 - - SYN-SENT LISTEN -", 2},
        {"C S 1000 4294967296 0 8192 - - | handshake-1 1 - - SYN-SENT LISTEN -", 3},
        {"C S 1000 0 -1 8192 - - | handshake-1 1 - - SYN-SENT LISTEN -", 4},
        {"C S 1000 0 0 65536 - - | handshake-1 1 - - SYN-SENT LISTEN -", 5},
        {"C S 1000 0 0 8192 256 - | handshake-1 1 - - SYN-SENT LISTEN -", 6},
        {TT_SCN_SYN "retransmision | handshake-1 1 - - SYN-SENT LISTEN -", 7},
        {TT_SCN_SYN "retransmission, | handshake-1 1 - - SYN-SENT LISTEN -", 7},
        {TT_SCN_SYN "retransmission,retransmission | handshake-1 1 - - SYN-SENT LISTEN -", 7},
        {TT_SCN_SYN "tcp.analysis.retransmission | handshake-1 1 - - SYN-SENT LISTEN -", 7},
        {TT_SCN_SYN "- / handshake-1 1 - - SYN-SENT LISTEN -", 8},
        {TT_SCN_OPEN "handshake-one 1 - - SYN-SENT LISTEN -", 9},
        {TT_SCN_OPEN "- 1 - - SYN-SENT LISTEN -", 9},
        {TT_SCN_OPEN "handshake-1 2+ - - SYN-SENT LISTEN -", 10},
        {TT_SCN_OPEN "handshake-1 0 - - SYN-SENT LISTEN -", 10},
        {TT_SCN_OPEN "handshake-1 1 0 - SYN-SENT LISTEN -", 11}, /* none is "-" */
        {TT_SCN_OPEN "handshake-1 1 - one SYN-SENT LISTEN -", 12},
        {TT_SCN_OPEN "handshake-1 1 - - SYN_SENT LISTEN -", 13}, /* the RFC's spelling */
        {TT_SCN_OPEN "handshake-1 1 - - SYN-SENT Listen -", 14},
        {TT_SCN_OPEN "handshake-1 1 - - SYN-SENT LISTEN yes", 15},
        {TT_SCN_OPEN "handshake-1 1 - - SYN-SENT LISTEN", TT_SCN_COLUMNS},
        {TT_SCN_OPEN "handshake-1 1 - - SYN-SENT LISTEN - -", TT_SCN_COLUMNS},
    };
#undef TT_SCN_OPEN
#undef TT_SCN_SYN
    tt_scn_seg g;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int bad = read_row(rows[i].row, &g);
        CHECK_EQ_U(bad + 1, rows[i].bad + 1);
        if (bad != rows[i].bad)
            fprintf(stderr, "  ... in \"%s\"\n", rows[i].row);
    }
    CHECK(read_row("S F. 0xfffffff0 4294967295 20 1000 7 fast_retransmission,retransmission | "
                   "teardown-2+3 2+3 3 12 FIN-WAIT-2 LAST-ACK retransmitted",
                   &g) < 0);
    CHECK(!g.client);
    CHECK_EQ_U(g.flags, TT_FIN | TT_ACK);
    CHECK_EQ_U(g.seq, 0xfffffff0u);
    CHECK_EQ_U(g.ack, 0xffffffffu);
    CHECK_EQ_U(g.len, 20);
    CHECK_EQ_U(g.window, 1000);
    CHECK_EQ_U(g.wscale, 7);
    CHECK_EQ_U(g.analysis, TT_AN_FAST_RETRANSMISSION | TT_AN_RETRANSMISSION);
    CHECK_EQ_U(g.role, TT_ROLE_TEARDOWN_2_3);
    CHECK_EQ_U(g.steps[0], 2);
    CHECK_EQ_U(g.steps[1], 3);
    CHECK_EQ_U(g.chunk, 3);
    CHECK_EQ_U(g.acked_chunk, 12);
    CHECK_EQ_U(g.client_after, TT_ST_FIN_WAIT_2);
    CHECK_EQ_U(g.server_after, TT_ST_LAST_ACK);
    CHECK(g.retransmitted);
    CHECK(read_row("C R 1 0 0 0 - - | reset - - - CLOSED CLOSED -", &g) < 0);
    CHECK(g.client);
    CHECK_EQ_U(g.flags, TT_RST);
    CHECK_EQ_U(g.wscale + 1, 0); /* no option */
    CHECK_EQ_U(g.analysis, 0);
    CHECK_EQ_U(g.steps[0], 0);
    CHECK_EQ_U(g.chunk, 0);
    CHECK(!g.retransmitted);
}

static void test_textbook(void)
{
    tt_result r[10];
    RUN_SCENARIO("textbook", r);
    CHECK_EQ_U(r[3].rel_seq, 1);  /* bytes 1001..1020 are relative 1..20 */
    CHECK_EQ_U(r[4].rel_ack, 21); /* ack 1021 */
    CHECK_EQ_U(r[4].rel_seq, 1);  /* 8001 */
    CHECK_EQ_U(r[5].rel_ack, 11); /* ack 8011 */
    CHECK(r[4].notes & TT_NOTE_NEW_DATA_ACKED);
    CHECK(!(r[3].notes & TT_NOTE_NEW_DATA_ACKED));
    CHECK(r[7].notes & TT_NOTE_FIN_ACKED);
    /* ack 1022 lies past the client's FIN (1021), on segment 8 and again on
     * segment 9, which acknowledges nothing new; ack 8011 is not past any FIN */
    CHECK(r[7].notes2 & TT_NOTE2_ACK_PAST_FIN);
    CHECK(r[8].notes2 & TT_NOTE2_ACK_PAST_FIN);
    CHECK(!(r[8].notes & TT_NOTE_FIN_ACKED));
    CHECK(r[9].notes2 & TT_NOTE2_ACK_PAST_FIN);
    CHECK(!(r[6].notes2 & TT_NOTE2_ACK_PAST_FIN));
    CHECK(!(r[5].notes2 & TT_NOTE2_ACK_PAST_FIN));
    CHECK(r[1].notes & TT_NOTE_SYN_ACKED);
    CHECK(r[0].wscale == TT_WS_SYN);
    CHECK(r[3].wscale == TT_WS_NONE);        /* no window scale option: multiplier 1 */
    CHECK(r[6].notes & TT_NOTE_FIN_PENDING); /* the server moves when it answers */
}

static void test_upload(void)
{
    tt_result r[15];
    RUN_SCENARIO("upload", r);
    CHECK_EQ_U(r[3].rel_seq, 1);
    CHECK_EQ_U(r[4].rel_ack, 21846);
    CHECK_EQ_U(r[5].rel_seq, 21846);
    CHECK_EQ_U(r[12].rel_seq, 154298);
    CHECK_EQ_U(r[12].rel_ack, 243);
    CHECK_EQ_U(r[13].rel_ack, 154299);
    CHECK_EQ_U(r[3].wscale, 7); /* 342 x 2^7 = 43776 */
    CHECK(r[1].wscale == TT_WS_SYN);
}

static void test_telnet(void)
{
    tt_result r[7];
    RUN_SCENARIO("telnet", r);
    CHECK_EQ_U(r[5].rel_seq, 1);
    CHECK_EQ_U(r[5].rel_ack, 8);
    CHECK_EQ_U(r[6].rel_ack, 19);
    CHECK_EQ_U(r[3].wscale, 3); /* 4099 x 2^3 = 32792 */
}

static void test_wraparound(void)
{
    tt_result r[9];
    RUN_SCENARIO("wraparound", r);
    CHECK_EQ_U(r[4].rel_seq, 11);
    CHECK_EQ_U(r[5].rel_ack, 21);
    CHECK_EQ_U(r[6].rel_seq, 1);
}

static void test_rst(void)
{
    tt_result r[4];
    RUN_SCENARIO_ONLY("refused");
    RUN_SCENARIO("reset", r);
    CHECK(r[2].notes & TT_NOTE_CARRIES_DATA); /* handshake step 3 with data */
    /* The RST+ACK acknowledges the client's 5 bytes (501..505, ack 506) and
     * the server sent none: nothing was in flight. */
    CHECK(!(r[3].notes2 & TT_NOTE2_RST_IN_FLIGHT));
    CHECK(!(r[3].notes2 & TT_NOTE2_RST_UNSEEN)); /* the capture saw the handshake */
    RUN_SCENARIO("rst-first", r);
    CHECK(r[0].notes2 & TT_NOTE2_RST_UNSEEN);
    CHECK(!(r[0].notes2 & TT_NOTE2_RST_IN_FLIGHT));
    RUN_SCENARIO("rst-mid-acked", r);
    CHECK(!(r[1].notes2 & (TT_NOTE2_RST_UNSEEN | TT_NOTE2_RST_IN_FLIGHT)));
    RUN_SCENARIO("rst-mid-unacked", r);
    CHECK(r[2].notes2 & TT_NOTE2_RST_IN_FLIGHT); /* bytes 9001..9040 */
    CHECK(!(r[2].notes2 & TT_NOTE2_RST_UNSEEN));
}

static void test_retransmissions(void)
{
    RUN_SCENARIO_ONLY("syn-retry");
    RUN_SCENARIO_ONLY("loss");
}

static void test_own_analysis(void)
{
    tt_result r[14];
    RUN_SCENARIO("loss-own", r);
    CHECK(r[0].notes & TT_NOTE_OWN_ANALYSIS);
}

/* The edges recorded for one side of a result, as "EVENT,EVENT". */
static const char *edges_of(const tt_result *r, unsigned side, char *buf, size_t n)
{
    tt_event ev[2];
    unsigned k = tt_result_edges(r, side, ev);
    buf[0] = 0;
    for (unsigned i = 0; i < k; i++)
        snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? "," : "", tt_event_token(ev[i]));
    return buf;
}

static void test_simultaneous(void)
{
    tt_result r[7];
    char b[64];
    RUN_SCENARIO("simultaneous-open", r);
    /* The crossing SYN corrects the server's assumed LISTEN. */
    CHECK(tt_result_corrected(&r[1], 1));
    CHECK(r[1].notes & TT_NOTE_WAS_OPENING);
    /* The client answers the server's SYN with its SYN+ACK. */
    CHECK_STR(edges_of(&r[2], 0, b, sizeof b), "rcv-syn");
    CHECK(r[2].notes & TT_NOTE_SYNACK_PENDING);
    /* The server, still SYN-SENT, got a SYN+ACK of its SYN, but answers
     * the client's SYN with a SYN+ACK: that is SYN-SENT -> SYN-RECEIVED
     * (section 3.10.7.3); the client, in SYN-RECEIVED, is ESTABLISHED when
     * it arrives. No "rcv ACK of SYN" on the sender: the server becomes
     * ESTABLISHED when the next ACK of its SYN arrives. */
    CHECK_STR(edges_of(&r[3], 1, b, sizeof b), "rcv-syn");
    CHECK_STR(edges_of(&r[3], 0, b, sizeof b), "rcv-ack-of-syn");
    CHECK(r[3].notes2 & TT_NOTE2_CROSSED);
    CHECK_STR(edges_of(&r[4], 1, b, sizeof b), "rcv-ack-of-syn");
    RUN_SCENARIO("simultaneous-close", r);
    /* Both ends go FIN-WAIT-1 -> CLOSING -> TIME-WAIT. */
    CHECK_STR(edges_of(&r[5], 0, b, sizeof b), "rcv-fin");
    CHECK(r[5].notes2 & TT_NOTE2_FINACK_LATER);
    CHECK_STR(edges_of(&r[6], 1, b, sizeof b), "rcv-fin,rcv-ack-of-fin");
    CHECK(r[6].notes2 & TT_NOTE2_FINACK_APPLIED);
    CHECK_STR(edges_of(&r[6], 0, b, sizeof b), "rcv-ack-of-fin");
}

static void test_timing_cases(void)
{
    tt_result r[10];
    char b[64];
    RUN_SCENARIO("split-handshake", r);
    CHECK_STR(edges_of(&r[3], 1, b, sizeof b), "rcv-syn-ack");
    CHECK_STR(edges_of(&r[3], 0, b, sizeof b), "rcv-ack-of-syn");
    RUN_SCENARIO("synack-again", r);
    CHECK(tt_result_corrected(&r[3], 1));
    CHECK(r[3].notes & TT_NOTE_ACK_LOST);
    CHECK_STR(edges_of(&r[4], 1, b, sizeof b), "rcv-ack-of-syn");
    RUN_SCENARIO("rst-late", r);
    CHECK_STR(edges_of(&r[6], 0, b, sizeof b), "snd-rst");
    CHECK_STR(tt_edge_section(TT_ST_CLOSING, TT_EV_SND_RST), "3.10.5");
    CHECK_STR(tt_edge_section(TT_ST_ESTABLISHED, TT_EV_SND_RST), "3.10.5");
    RUN_SCENARIO("rst-after-fin", r);
    CHECK(r[5].notes2 & TT_NOTE2_RST_AFTER_CLOSE);
    /* The server's 10 bytes (701..710) were never acknowledged: in flight. */
    CHECK(r[5].notes2 & TT_NOTE2_RST_IN_FLIGHT);
    CHECK_STR(edges_of(&r[5], 0, b, sizeof b), "snd-rst");
    RUN_SCENARIO("rst-abort", r);
    CHECK(r[4].notes2 & TT_NOTE2_RST_UNREAD);
    /* Its own ack 711 covers the server's bytes 701..710: nothing in flight. */
    CHECK(!(r[4].notes2 & TT_NOTE2_RST_IN_FLIGHT));
    CHECK(!(r[5].notes2 & TT_NOTE2_RST_IN_FLIGHT)); /* after the close: says nothing */
    CHECK(!(r[4].notes2 & TT_NOTE2_RST_CLOSED));
    CHECK(r[5].notes2 & TT_NOTE2_RST_AGAIN); /* it repeats the reset before it */
    CHECK(!(r[5].notes2 & TT_NOTE2_RST_CLOSED));
    CHECK_STR(edges_of(&r[5], 0, b, sizeof b), "");
    RUN_SCENARIO("fin-again-acks", r);
    CHECK_STR(edges_of(&r[5], 0, b, sizeof b), "rcv-fin");
    RUN_SCENARIO("sent-earlier", r);
    CHECK(r[6].notes2 & TT_NOTE2_SENT_EARLIER);
    CHECK(!(r[5].notes2 & TT_NOTE2_SENT_EARLIER));
    RUN_SCENARIO("fin-syn-sent", r);
    CHECK(r[1].notes2 & TT_NOTE2_FIN_IN_SYN_SENT);
    RUN_SCENARIO("refused-retry", r);
    CHECK(r[2].notes2 & TT_NOTE2_NEW_ATTEMPT);
    CHECK(!(r[0].notes2 & TT_NOTE2_NEW_ATTEMPT));
    /* The server enters SYN-RECEIVED with its SYN+ACK, not on the SYN. */
    RUN_SCENARIO("textbook", r);
    CHECK(r[0].notes & TT_NOTE_SYN_PENDING);
    CHECK_STR(edges_of(&r[1], 1, b, sizeof b), "rcv-syn");
    CHECK(r[1].notes & TT_NOTE_SYNACK_PENDING);
    CHECK_STR(edges_of(&r[2], 0, b, sizeof b), "rcv-syn-ack");
    CHECK_STR(edges_of(&r[2], 1, b, sizeof b), "rcv-ack-of-syn");
}

static void test_half_close(void)
{
    tt_result r[9];
    RUN_SCENARIO("half-close", r);
    CHECK(r[4].notes & TT_NOTE_HALF_CLOSE);
    CHECK(r[4].notes & TT_NOTE_CARRIES_DATA);
    CHECK(r[6].notes & TT_NOTE_HALF_CLOSE);
    CHECK(!(r[2].notes & TT_NOTE_HALF_CLOSE));
}

static void test_midstream(void)
{
    RUN_SCENARIO_ONLY("seed-002");
    tt_result r[6];
    RUN_SCENARIO("midstream", r);
    for (int i = 0; i < 6; i++)
        CHECK(r[i].notes & TT_NOTE_DIR_GUESSED);
    CHECK_EQ_U(r[0].rel_seq, 1);
    CHECK_EQ_U(r[0].rel_ack, 1);
    CHECK_EQ_U(r[1].rel_ack, 101);
    CHECK(r[2].wscale == TT_WS_UNKNOWN);
}

/* The seeds' conversations that the scripts above do not cover: the
 * classroom Java captures, compared with Wireshark's relative numbers for
 * the same frames, and both ends sending at once. */
static void test_seed_conversations(void)
{
    tt_result r[18];
    RUN_SCENARIO("java-hello", r);
    CHECK_EQ_U(r[3].rel_seq, 1);
    CHECK_EQ_U(r[4].rel_ack, 20);
    CHECK_EQ_U(r[5].rel_seq, 1);
    CHECK_EQ_U(r[6].rel_ack, 19);
    CHECK_EQ_U(r[7].rel_seq, 20);
    CHECK_EQ_U(r[8].rel_ack, 21); /* the ACK of the client's FIN */
    CHECK_EQ_U(r[10].rel_seq, 21);
    CHECK_EQ_U(r[10].rel_ack, 20);
    CHECK_EQ_U(r[3].wscale, 10); /* 64 x 2^10 = 65536 */
    RUN_SCENARIO("java-chat", r);
    CHECK_EQ_U(r[10].rel_seq, 58);
    CHECK_EQ_U(r[10].rel_ack, 46);
    CHECK(r[10].notes & TT_NOTE_NEW_DATA_ACKED);
    CHECK(!(r[9].notes & TT_NOTE_NEW_DATA_ACKED));
    CHECK_EQ_U(r[16].rel_seq, 72);
    CHECK_EQ_U(r[16].rel_ack, 63);
    CHECK_EQ_U(r[17].rel_ack, 73);
    RUN_SCENARIO("full-duplex", r);
    CHECK(!(r[4].notes & TT_NOTE_NEW_DATA_ACKED)); /* sent before the client's bytes arrived */
    CHECK(r[5].notes & TT_NOTE_NEW_DATA_ACKED);
    CHECK(r[6].notes & TT_NOTE_NEW_DATA_ACKED);
}

static void test_probes(void)
{
    tt_result p[14];
    RUN_SCENARIO("probes", p);
    /* chunk 2 begins with byte 101, which the refused probe carried */
    CHECK(p[10].notes2 & TT_NOTE2_PROBED_BYTE);
    CHECK(!(p[5].notes2 & TT_NOTE2_PROBED_BYTE));
    RUN_SCENARIO("probes-own", p);
    CHECK(p[12].notes2 & TT_NOTE2_PROBED_BYTE);
    CHECK(!(p[13].notes2 & TT_NOTE2_PROBED_BYTE));
    tt_result r[8];
    RUN_SCENARIO("reorder-own", r);
    CHECK(r[4].analysis & TT_AN_LOST_SEGMENT);
    CHECK(r[5].analysis & TT_AN_OUT_OF_ORDER);
    CHECK(r[6].analysis & TT_AN_RETRANSMISSION);
}

static void test_reorder(void)
{
    RUN_SCENARIO_ONLY("reorder");
}

static void test_reuse(void)
{
    tt_result r[4];
    RUN_SCENARIO("reuse", r);
    CHECK_EQ_U(r[3].rel_ack, 1);
    /* the old connection's two rings are handed back, the new one's kept */
    size_t blocks = arena_used, back = handed_back;
    RUN_SCENARIO_ONLY("reuse-after-data");
    CHECK_EQ_U(handed_back - back, 2);
    CHECK_EQ_U(arena_used - blocks, 1);
}

/* Both ends on the same port: only the addresses tell them apart, however
 * little they differ. */
static void test_equal_ports(void)
{
    static const uint8_t v4_1[4] = {192, 0, 2, 1}, v4_2[4] = {192, 0, 2, 2};
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    static const uint8_t v6_last[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};
    static const uint8_t v6_last_high[16] = {0x20, 0x01, 0x0d, 0xb8, [12] = 0x80, [15] = 1};
    static const uint8_t v6_first[16] = {0x20, 0x01, 0x0d, 0xb9, [15] = 1};
    static const uint8_t v6_first_only[16] = {0x20, 0x01, 0x0d, 0xb8};
    static const uint8_t v6_first_only2[16] = {0x3f, 0x01, 0x0d, 0xb8};
    const endpoints pairs[] = {
        {v4_1, v4_2, 4},
        {v4_2, v4_1, 4},
        {v6, v6_last, 16},
        {v6_last, v6, 16},
        {v6, v6_last_high, 16},
        {v6, v6_first, 16},
        {v6_first, v6, 16},
        {v6_first_only, v6_first_only2, 16},
        {v6_first_only2, v6_first_only, 16},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        tt_result r[15];
        run_scenario_between("textbook", 5000, 5000, &pairs[i], r, sizeof r / sizeof r[0]);
        run_scenario_between("upload", 8081, 8081, &pairs[i], r, sizeof r / sizeof r[0]);
        CHECK_EQ_U(r[12].rel_ack, 243);
        run_scenario_between("loss", 179, 179, &pairs[i], NULL, 0);
        run_scenario_between("midstream", 443, 443, &pairs[i], NULL, 0);
    }
    /* the ports still decide when they differ */
    run_scenario_between("textbook", 40000, 8080, &pairs[2], NULL, 0);
}

/* Feeds one segment from src:sp to dst:dp (addresses of `len` bytes). */
static tt_result feed_one(tt_conv *c, const uint8_t *src, const uint8_t *dst, uint8_t len,
                          uint16_t sp, uint16_t dp, seg st)
{
    uint8_t b[60];
    tt_header h;
    tt_header_parse(&h, b, build(b, sp, dp, &st));
    tt_segment s = {
        .src = src, .dst = dst, .addr_len = len, .payload_len = st.len, .analysis_on = true};
    tt_result r;
    tt_conv_feed(c, &alloc, &h, &s, &r);
    return r;
}

/* Without addresses (or with addresses of another length) the ends are
 * told apart as before: by port alone, an address missing on either part
 * matching any, and an address of another length matching none. */
static void test_missing_addresses(void)
{
    static const uint8_t a[4] = {192, 0, 2, 1}, b[4] = {192, 0, 2, 2};
    static const uint8_t a6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    const seg syn = {C, S_, 100, 0, 0, 1000};
    const seg synack = {S, S_ | A_, 500, 101, 0, 1000};
    const seg ack = {C, A_, 101, 501, 0, 1000};
    tt_conv *c = calloc(1, tt_conv_size());

    /* no addresses at all: the ports decide, and on equal ports every
     * segment is the client's */
    const endpoints none = {NULL, NULL, 0};
    run_scenario_between("textbook", 40000, 8080, &none, NULL, 0);
    const endpoints len0 = {a, b, 0};
    run_scenario_between("textbook", 40000, 8080, &len0, NULL, 0);
    tt_conv_init(c, 1);
    CHECK_EQ_U(feed_one(c, NULL, NULL, 0, 5000, 5000, syn).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, b, a, 4, 5000, 5000, synack).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, a, b, 4, 5000, 5000, ack).dir, TT_DIR_C2S);

    /* addresses known from the first segment, missing from later ones */
    tt_conv_init(c, 2);
    CHECK_EQ_U(feed_one(c, a, b, 4, 5000, 5000, syn).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, b, a, 0, 5000, 5000, synack).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, NULL, NULL, 4, 5000, 5000, synack).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, NULL, a, 4, 5000, 5000, synack).dir, TT_DIR_S2C); /* to the client */
    CHECK_EQ_U(feed_one(c, b, NULL, 4, 5000, 5000, synack).dir, TT_DIR_S2C); /* from the server */
    CHECK_EQ_U(feed_one(c, NULL, b, 4, 5000, 5000, ack).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, a, NULL, 4, 5000, 5000, ack).dir, TT_DIR_C2S);

    /* an address of another length is neither end's */
    tt_conv_init(c, 3);
    CHECK_EQ_U(feed_one(c, a, b, 4, 40000, 80, syn).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, a6, a6, 16, 40000, 80, ack).dir, TT_DIR_S2C);
    CHECK_EQ_U(feed_one(c, a, b, 4, 40000, 80, ack).dir, TT_DIR_C2S);
    tt_conv_init(c, 4);
    CHECK_EQ_U(feed_one(c, a6, a6, 16, 5000, 5000, syn).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, a, b, 4, 5000, 5000, ack).dir, TT_DIR_S2C);

    /* the first segment had only a source address: the client is known by
     * it, the server by its port only */
    tt_conv_init(c, 5);
    CHECK_EQ_U(feed_one(c, a, NULL, 4, 5000, 5000, syn).dir, TT_DIR_C2S);
    CHECK_EQ_U(feed_one(c, b, a, 4, 5000, 5000, synack).dir, TT_DIR_S2C);
    CHECK_EQ_U(feed_one(c, a, b, 4, 5000, 5000, ack).dir, TT_DIR_C2S);
    free(c);
}

/* A connection to itself (same address and port at both ends): every
 * segment is the client's. */
static void test_self_connection(void)
{
    static const uint8_t a[4] = {127, 0, 0, 1};
    static const uint8_t a6[16] = {[15] = 1};
    const seg syn = {C, S_, 100, 0, 0, 1000};
    const seg synack = {C, S_ | A_, 100, 101, 0, 1000};
    const seg data = {C, A_ | P_, 101, 101, 10, 1000};
    tt_conv *c = calloc(1, tt_conv_size());
    for (int v6 = 0; v6 < 2; v6++) {
        const uint8_t *addr = v6 ? a6 : a;
        uint8_t len = v6 ? 16 : 4;
        tt_conv_init(c, 1);
        tt_result r = feed_one(c, addr, addr, len, 6000, 6000, syn);
        CHECK_EQ_U(r.dir, TT_DIR_C2S);
        CHECK_EQ_U(r.role, TT_ROLE_HANDSHAKE_1);
        r = feed_one(c, addr, addr, len, 6000, 6000, syn);
        CHECK_EQ_U(r.dir, TT_DIR_C2S);
        CHECK(r.notes & TT_NOTE_RETRANSMISSION);
        r = feed_one(c, addr, addr, len, 6000, 6000, synack);
        CHECK_EQ_U(r.dir, TT_DIR_C2S);
        r = feed_one(c, addr, addr, len, 6000, 6000, data);
        CHECK_EQ_U(r.dir, TT_DIR_C2S);
        CHECK_EQ_U(r.chunk, 1);
        /* the same bytes again: the same chunk, sent again */
        r = feed_one(c, addr, addr, len, 6000, 6000, data);
        CHECK_EQ_U(r.dir, TT_DIR_C2S);
        CHECK_EQ_U(r.chunk, 1);
        CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    }
    free(c);
}

/* Quoted and malformed headers change nothing. */
static void test_inert(void)
{
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    uint8_t b[60];
    seg syn = {C, S_, 10, 0, 0, 1000};
    unsigned len = build(b, 40000, 80, &syn);
    tt_header h;
    tt_header_parse(&h, b, len);
    tt_segment s = {.src = client_addr, .dst = server_addr, .addr_len = 4, .analysis_on = true};
    tt_result r;
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK_EQ_U(r.role, TT_ROLE_HANDSHAKE_1);

    /* the same SYN quoted back in an ICMP error */
    s.quoted = true;
    tt_header_parse(&h, b, 8);
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK_EQ_U(r.role, TT_ROLE_ICMP_QUOTED);
    CHECK_EQ_U(r.index, 0);
    CHECK_EQ_U(r.client_after, TT_ST_SYN_SENT);
    CHECK_EQ_U(r.server_after, TT_ST_LISTEN);

    /* data offset 3 */
    s.quoted = false;
    b[12] = 0x30;
    tt_header_parse(&h, b, 20);
    CHECK_EQ_U(h.problem, TT_HDR_DOFF_SMALL);
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK_EQ_U(r.role, TT_ROLE_MALFORMED);
    CHECK_EQ_U(r.client_after, TT_ST_SYN_SENT);

    /* SYN+FIN+RST together */
    b[12] = 0x50;
    b[13] = S_ | F_ | R_;
    tt_header_parse(&h, b, 20);
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK_EQ_U(r.role, TT_ROLE_MALFORMED);
    CHECK_EQ_U(r.client_after, TT_ST_SYN_SENT);
    CHECK_EQ_U(r.server_after, TT_ST_LISTEN);

    /* a header cut after 10 bytes */
    tt_header_parse(&h, b, 10);
    CHECK_EQ_U(h.problem, TT_HDR_TRUNCATED);
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK_EQ_U(r.role, TT_ROLE_MALFORMED);
    free(c);
}

/* Cumulative ACK of many chunks, more than the bookkeeping keeps. */
static void test_many_chunks(void)
{
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    uint8_t b[60];
    tt_header h;
    tt_result r;
    tt_segment s = {.src = client_addr, .dst = server_addr, .addr_len = 4, .analysis_on = true};
    seg st = {C, S_, 0, 0, 0, 1000};
    tt_header_parse(&h, b, build(b, 40000, 80, &st));
    tt_conv_feed(c, &alloc, &h, &s, &r);
    for (uint32_t i = 0; i < 100; i++) {
        st = (seg){C, A_, 1 + 10 * i, 1, 10, 1000};
        s.payload_len = 10;
        tt_header_parse(&h, b, build(b, 40000, 80, &st));
        tt_conv_feed(c, &alloc, &h, &s, &r);
        CHECK_EQ_U(r.chunk, i + 1);
    }
    s = (tt_segment){.src = server_addr, .dst = client_addr, .addr_len = 4, .analysis_on = true};
    st = (seg){S, A_, 1, 1001, 0, 1000};
    tt_header_parse(&h, b, build(b, 80, 40000, &st));
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK_EQ_U(r.acked_chunk, 100);
    CHECK_EQ_U(r.role, TT_ROLE_ACK);
    free(c);
}

/* A side that has sent n chunks of 10 bytes (sequence numbers 1 + 10 * i)
 * after a handshake; the client's data, the server's ACKs. */
static tt_conv *conv_with_chunks(uint32_t n, const tt_alloc *a)
{
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    uint8_t b[60];
    tt_header h;
    tt_result r;
    tt_segment s = {.src = client_addr, .dst = server_addr, .addr_len = 4, .analysis_on = true};
    seg st = {C, S_, 0, 0, 0, 1000};
    tt_header_parse(&h, b, build(b, 40000, 80, &st));
    tt_conv_feed(c, a, &h, &s, &r);
    s.payload_len = 10;
    for (uint32_t i = 0; i < n; i++) {
        st = (seg){C, A_, 1 + 10 * i, 1, 10, 1000};
        tt_header_parse(&h, b, build(b, 40000, 80, &st));
        tt_conv_feed(c, a, &h, &s, &r);
        CHECK_EQ_U(r.chunk, i + 1);
    }
    return c;
}

/* The client resends 10 bytes from `seq`: the chunk number it gets. */
static tt_result resend(tt_conv *c, uint32_t seq)
{
    uint8_t b[60];
    tt_header h;
    tt_result r;
    tt_segment s = {.src = client_addr,
                    .dst = server_addr,
                    .addr_len = 4,
                    .payload_len = 10,
                    .analysis = TT_AN_RETRANSMISSION,
                    .analysis_on = true};
    seg st = {C, A_, seq, 1, 10, 1000};
    tt_header_parse(&h, b, build(b, 40000, 80, &st));
    tt_conv_feed(c, &alloc, &h, &s, &r);
    return r;
}

/* The server acknowledges the client's first k chunks. */
static tt_result ack_chunks(tt_conv *c, uint32_t k)
{
    uint8_t b[60];
    tt_header h;
    tt_result r;
    tt_segment s = {.src = server_addr, .dst = client_addr, .addr_len = 4, .analysis_on = true};
    seg st = {S, A_, 1, 1 + 10 * k, 0, 1000};
    tt_header_parse(&h, b, build(b, 80, 40000, &st));
    tt_conv_feed(c, &alloc, &h, &s, &r);
    return r;
}

/* The ledger of a side's chunks, however many it sent: all of them up to
 * 64, then the newest 64 (in sequence order), and the newest one it
 * forgot. Retransmissions get the number of the chunk they repeat; ACKs
 * name the highest chunk they complete. */
static void test_chunk_ring(void)
{
    static const uint32_t sent[] = {1, 3, 4, 5, 8, 9, 16, 17, 32, 33, 64, 65, 100};
    for (size_t t = 0; t < sizeof sent / sizeof sent[0]; t++) {
        uint32_t n = sent[t];
        uint32_t oldest = n > 64 ? n - 63 : 1; /* the oldest chunk remembered */
        for (int keep = 0; keep < 2; keep++) {
            size_t blocks = arena_used, back = handed_back;
            tt_conv *c = conv_with_chunks(n, keep ? &alloc_keep : &alloc);
            /* one ledger (and no more) when the outgrown ones were handed back */
            size_t grown = n > 32 ? 4 : n > 16 ? 3 : n > 8 ? 2 : n > 4 ? 1 : 0;
            CHECK_EQ_U(arena_used - blocks, keep ? 1 + grown : 1);
            CHECK_EQ_U(handed_back - back, keep ? 0 : grown);

            for (uint32_t k = n; k >= oldest; k--) {
                tt_result r = resend(c, 1 + 10 * (k - 1));
                CHECK_EQ_U(r.chunk, k);
                CHECK(!(r.notes & TT_NOTE_CHUNK_UNSEEN));
                if (k < n) /* its last byte, and 9 of the next chunk */
                    CHECK_EQ_U(resend(c, 1 + 10 * (k - 1) + 9).chunk, k);
                if (k == 1)
                    break;
            }
            /* ACKs of the first chunk, about half, the newest forgotten,
             * the oldest remembered, all but one, all */
            const uint32_t ks[] = {1, (n + 1) / 2, oldest - 1, oldest, n - 1, n};
            uint32_t acked = 0;
            for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
                uint32_t k = ks[i];
                if (k <= acked)
                    continue;
                /* a chunk forgotten before the newest forgotten one is named by none */
                uint32_t want = k + 1 >= oldest ? k : 0;
                tt_result r = ack_chunks(c, k);
                CHECK_EQ_U(r.acked_chunk, want);
                if (r.acked_chunk != want)
                    fprintf(stderr, "  ... after %u chunks, ACK of %u\n", n, k);
                if (want != 0)
                    acked = k;
            }
            /* a forgotten chunk resent: its bytes were sent, so no new
             * number (and not "first sending unseen"); it names none */
            if (oldest > 1) {
                tt_result r = resend(c, 1);
                CHECK_EQ_U(r.chunk, 0);
                CHECK(!(r.notes & TT_NOTE_CHUNK_UNSEEN));
                CHECK(r.notes & TT_NOTE_RETRANSMISSION);
                CHECK_EQ_U(resend(c, 1 + 10 * (oldest - 1)).chunk, oldest);
            }
            /* the last byte of the last chunk resent with 9 new bytes after
             * it: the new bytes make the next chunk, which a repeat of the
             * same segment does not renumber */
            CHECK_EQ_U(resend(c, 10 * n).chunk, n + 1);
            CHECK_EQ_U(resend(c, 10 * n).chunk, n);
            free(c);
        }
    }
}

/* ---- the ledger of each side's bytes ---- */

/* Feeds one segment of the client (who C) or the server, with the capture
 * facts of `facts` (ip_id, hash, time), or none; *d gets the detail. */
static tt_result feed_facts(tt_conv *c, int who, uint16_t flags, uint32_t seq, uint32_t ack,
                            uint32_t len, uint32_t analysis, const tt_segment *facts, tt_detail *d)
{
    uint8_t b[60];
    tt_header h;
    tt_result r;
    bool cli = who == C;
    seg st = {who, flags, seq, ack, len, 1000};
    tt_header_parse(&h, b, build(b, cli ? 40000 : 80, cli ? 80 : 40000, &st));
    tt_segment s = {0};
    if (facts != NULL)
        s = *facts;
    s.src = cli ? client_addr : server_addr;
    s.dst = cli ? server_addr : client_addr;
    s.addr_len = 4;
    s.payload_len = len;
    s.analysis = analysis;
    s.analysis_on = true;
    tt_conv_feed_detail(c, &alloc, &h, &s, &r, d);
    return r;
}

static tt_result feed_seg(tt_conv *c, int who, uint16_t flags, uint32_t seq, uint32_t ack,
                          uint32_t len, uint32_t analysis)
{
    return feed_facts(c, who, flags, seq, ack, len, analysis, NULL, NULL);
}

/* A connection opened with the client's ISN cisn and the server's sisn. */
static tt_conv *opened(uint32_t cisn, uint32_t sisn)
{
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    feed_seg(c, C, S_, cisn, 0, 0, 0);
    feed_seg(c, S, S_ | A_, sisn, cisn + 1, 0, 0);
    feed_seg(c, C, A_, cisn + 1, sisn + 1, 0, 0);
    return c;
}

/* Resends that do not follow the original boundaries: one that covers
 * parts of two chunks names the first and makes no new chunk; one larger
 * than the original names its new bytes as a new chunk; an ACK then
 * completes every chunk once. */
static void test_ledger_overlaps(void)
{
    tt_conv *c = opened(0, 0);
    CHECK_EQ_U(feed_seg(c, C, A_, 1, 1, 10, 0).chunk, 1);  /* 1..10 */
    CHECK_EQ_U(feed_seg(c, C, A_, 11, 1, 10, 0).chunk, 2); /* 11..20 */
    CHECK_EQ_U(feed_seg(c, C, A_, 21, 1, 10, 0).chunk, 3); /* 21..30 */
    tt_detail d;
    tt_result r = feed_facts(c, C, A_, 16, 1, 10, TT_AN_RETRANSMISSION, NULL, &d); /* 16..25 */
    CHECK_EQ_U(r.chunk, 2);
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK(!(r.notes & TT_NOTE_CHUNK_UNSEEN));
    CHECK_EQ_U(d.repeat_first, 2);
    CHECK_EQ_U(d.repeat_last, 3);
    CHECK_EQ_U(d.new_len, 0);
    /* 11..40: chunks 2 and 3 again, and 31..40 for the first time */
    r = feed_facts(c, C, A_, 11, 1, 30, TT_AN_RETRANSMISSION, NULL, &d);
    CHECK_EQ_U(r.chunk, 4);
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK_EQ_U(d.repeat_first, 2);
    CHECK_EQ_U(d.repeat_last, 3);
    CHECK_EQ_U(d.new_offset, 20);
    CHECK_EQ_U(d.new_len, 10);
    /* the same bytes once more, even unflagged by Wireshark: no new chunk */
    r = feed_seg(c, C, A_, 11, 1, 30, 0);
    CHECK_EQ_U(r.chunk, 2);
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK_EQ_U(feed_seg(c, C, A_, 41, 1, 10, 0).chunk, 5); /* 41..50 */
    r = feed_seg(c, S, A_, 1, 41, 0, 0);
    CHECK_EQ_U(r.acked_chunk, 4);
    CHECK_EQ_U(r.acked_count, 4);
    CHECK(!(r.notes & TT_NOTE_ACKED_GAPS));
    r = feed_seg(c, S, A_, 1, 51, 0, 0);
    CHECK_EQ_U(r.acked_chunk, 5);
    CHECK_EQ_U(r.acked_count, 1);
    free(c);
}

/* Reordering: B overtaken by C and D gets its number when it arrives; an
 * ACK that completes B and C names chunks #2 and #4, not consecutive. */
static void test_ledger_gaps(void)
{
    tt_conv *c = opened(1000, 5000);
    CHECK_EQ_U(feed_seg(c, C, A_, 1001, 5001, 10, 0).chunk, 1);                  /* A: 1..10 */
    CHECK_EQ_U(feed_seg(c, C, A_, 1021, 5001, 10, TT_AN_LOST_SEGMENT).chunk, 2); /* C: 21..30 */
    CHECK_EQ_U(feed_seg(c, C, A_, 1031, 5001, 10, 0).chunk, 3);                  /* D: 31..40 */
    tt_result r = feed_seg(c, C, A_, 1011, 5001, 10, TT_AN_OUT_OF_ORDER);        /* B: 11..20 */
    CHECK_EQ_U(r.chunk, 4);
    CHECK(!(r.notes & TT_NOTE_RETRANSMISSION));
    r = feed_seg(c, C, A_, 1011, 5001, 10, TT_AN_RETRANSMISSION); /* B again */
    CHECK_EQ_U(r.chunk, 4);
    r = feed_seg(c, S, A_, 5001, 1011, 0, 0);
    CHECK_EQ_U(r.acked_chunk, 1);
    CHECK_EQ_U(r.acked_count, 1);
    r = feed_seg(c, S, A_, 5001, 1031, 0, 0); /* B and C */
    CHECK_EQ_U(r.acked_chunk, 4);
    CHECK_EQ_U(r.acked_count, 2);
    CHECK(r.notes & TT_NOTE_ACKED_GAPS);
    r = feed_seg(c, S, A_, 5001, 1041, 0, 0); /* D */
    CHECK_EQ_U(r.acked_chunk, 3);
    CHECK_EQ_U(r.acked_count, 1);
    CHECK(!(r.notes & TT_NOTE_ACKED_GAPS));
    free(c);
}

/* Sequence numbers that wrap past 2^32 in the middle of a chunk: chunks,
 * resends and ACKs are counted modulo 2^32. */
static void test_ledger_wrap(void)
{
    tt_conv *c = opened(0xFFFFFFF0u, 7);
    CHECK_EQ_U(feed_seg(c, C, A_, 0xFFFFFFF1u, 8, 10, 0).chunk, 1); /* ..0xFFFFFFFA */
    CHECK_EQ_U(feed_seg(c, C, A_, 0xFFFFFFFBu, 8, 10, 0).chunk, 2); /* ..0x4 */
    CHECK_EQ_U(feed_seg(c, C, A_, 0x5u, 8, 10, 0).chunk, 3);        /* ..0xE */
    CHECK_EQ_U(feed_seg(c, C, A_, 0xFFFFFFFBu, 8, 10, TT_AN_RETRANSMISSION).chunk, 2);
    CHECK_EQ_U(feed_seg(c, C, A_, 0x0u, 8, 5, TT_AN_RETRANSMISSION).chunk, 2);
    tt_result r = feed_seg(c, S, A_, 8, 0x5u, 0, 0);
    CHECK_EQ_U(r.acked_chunk, 2);
    CHECK_EQ_U(r.acked_count, 2);
    CHECK(!(r.notes2 & TT_NOTE2_WRAPPED)); /* relative numbers are far from 4 GiB */
    r = feed_seg(c, S, A_, 8, 0xFu, 0, 0);
    CHECK_EQ_U(r.acked_chunk, 3);
    CHECK_EQ_U(r.rel_ack, 0x1Fu);
    free(c);
}

/* A packet the capture holds twice: the copy comes next, within a
 * millisecond, with the same bytes and IP ID. It changes nothing and gets
 * no new chunk; a real resend (a new IP ID, or later) is a retransmission. */
static void test_capture_duplicate(void)
{
    tt_conv *c = opened(0, 0);
    tt_segment f = {.has_hash = true,
                    .hash = 0xabcdu,
                    .has_ip_id = true,
                    .ip_id = 7,
                    .has_time = true,
                    .time_us = 1000};
    tt_result r = feed_facts(c, C, A_, 1, 1, 10, 0, &f, NULL);
    CHECK_EQ_U(r.chunk, 1);
    f.time_us = 1020;
    r = feed_facts(c, C, A_, 1, 1, 10, TT_AN_RETRANSMISSION, &f, NULL);
    CHECK(r.notes2 & TT_NOTE2_CAPTURE_DUP);
    CHECK(!(r.notes & TT_NOTE_RETRANSMISSION));
    CHECK_EQ_U(r.chunk, 1);
    CHECK_EQ_U(r.role, TT_ROLE_DATA);
    CHECK_EQ_U(r.index, 5);
    CHECK_EQ_U(r.client_after, TT_ST_ESTABLISHED);
    /* a third copy, too */
    f.time_us = 1030;
    CHECK(feed_facts(c, C, A_, 1, 1, 10, 0, &f, NULL).notes2 & TT_NOTE2_CAPTURE_DUP);
    /* the next new bytes are chunk 2, not 3 or 4 */
    f = (tt_segment){.has_hash = true,
                     .hash = 0x1111u,
                     .has_ip_id = true,
                     .ip_id = 8,
                     .has_time = true,
                     .time_us = 2000};
    CHECK_EQ_U(feed_facts(c, C, A_, 11, 1, 10, 0, &f, NULL).chunk, 2);
    /* the same TCP bytes in a new IP packet: a retransmission */
    f.ip_id = 9;
    f.time_us = 2010;
    r = feed_facts(c, C, A_, 11, 1, 10, TT_AN_RETRANSMISSION, &f, NULL);
    CHECK(!(r.notes2 & TT_NOTE2_CAPTURE_DUP));
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK_EQ_U(r.chunk, 2);
    /* the same packet 2 ms later: not a copy made by the capture */
    f.time_us = 4010;
    r = feed_facts(c, C, A_, 11, 1, 10, TT_AN_RETRANSMISSION, &f, NULL);
    CHECK(!(r.notes2 & TT_NOTE2_CAPTURE_DUP));
    /* an ACK held twice: the copy completes nothing again */
    f = (tt_segment){.has_hash = true,
                     .hash = 0x2222u,
                     .has_ip_id = true,
                     .ip_id = 50,
                     .has_time = true,
                     .time_us = 5000};
    r = feed_facts(c, S, A_, 1, 21, 0, 0, &f, NULL);
    CHECK_EQ_U(r.acked_chunk, 2);
    CHECK_EQ_U(r.acked_count, 2);
    f.time_us = 5010;
    r = feed_facts(c, S, A_, 1, 21, 0, TT_AN_DUP_ACK, &f, NULL);
    CHECK(r.notes2 & TT_NOTE2_CAPTURE_DUP);
    CHECK_EQ_U(r.acked_chunk, 0);
    CHECK_EQ_U(r.role, TT_ROLE_ACK);
    CHECK(!(r.notes & TT_NOTE_NEW_DATA_ACKED));
    /* without an IP ID (IPv6): the same bytes within a millisecond, next */
    f = (tt_segment){.has_hash = true, .hash = 0x3333u, .has_time = true, .time_us = 6000};
    CHECK_EQ_U(feed_facts(c, C, A_, 21, 1, 10, 0, &f, NULL).chunk, 3);
    f.time_us = 6100;
    CHECK(feed_facts(c, C, A_, 21, 1, 10, 0, &f, NULL).notes2 & TT_NOTE2_CAPTURE_DUP);
    /* a segment of the peer in between: the repeat is no copy of the last */
    f = (tt_segment){.has_hash = true,
                     .hash = 0x4444u,
                     .has_ip_id = true,
                     .ip_id = 60,
                     .has_time = true,
                     .time_us = 7000};
    feed_facts(c, C, A_, 31, 1, 10, 0, &f, NULL);
    feed_seg(c, S, A_, 1, 41, 0, 0);
    f.time_us = 7100;
    r = feed_facts(c, C, A_, 31, 1, 10, TT_AN_RETRANSMISSION, &f, NULL);
    CHECK(!(r.notes2 & TT_NOTE2_CAPTURE_DUP));
    CHECK_EQ_U(r.chunk, 4);
    free(c);
}

/* More than 4 GiB from one side: relative numbers start again from 0,
 * and the segments whose numbers went round say so. */
static void test_relative_wrap(void)
{
    const uint32_t gib = 0x40000000u;
    tt_conv *c = opened(1000, 5000);
    tt_result r;
    for (uint32_t k = 0; k < 3; k++) {
        r = feed_seg(c, C, A_, 1001 + k * gib, 5001, gib, 0);
        CHECK(!(r.notes2 & TT_NOTE2_WRAPPED));
    }
    r = feed_seg(c, S, A_, 5001, 1001 + 3 * gib, 0, 0); /* 3 GiB acknowledged */
    CHECK(!(r.notes2 & TT_NOTE2_WRAPPED));
    CHECK_EQ_U(r.rel_ack, 3 * gib + 1);
    r = feed_seg(c, C, A_, 1001 + 3 * gib, 5001, gib, 0); /* its end goes round */
    CHECK(r.notes2 & TT_NOTE2_WRAPPED);
    r = feed_seg(c, C, A_, 1001, 5001, 100, 0); /* byte 4 GiB + 1 */
    CHECK(r.notes2 & TT_NOTE2_WRAPPED);
    CHECK_EQ_U(r.rel_seq, 1);
    CHECK_EQ_U(r.chunk, 5);
    r = feed_seg(c, S, A_, 5001, 1001 + 3 * gib, 0, 0); /* an old ACK: before the wrap */
    CHECK(!(r.notes2 & TT_NOTE2_WRAPPED));
    r = feed_seg(c, S, A_, 5001, 1101, 0, 0); /* 4 GiB + 100 acknowledged */
    CHECK(r.notes2 & TT_NOTE2_WRAPPED);
    CHECK_EQ_U(r.rel_ack, 101);
    CHECK_EQ_U(r.acked_chunk, 5);
    free(c);
}

/* A side that sent a SYN+ACK and then a bare SYN with the same ISN: not a
 * repeat of anything it sent before, and still a role of the contract. */
static void test_syn_after_synack(void)
{
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    uint8_t b[60];
    tt_header h;
    tt_result r;
    tt_segment s = {.src = server_addr, .dst = client_addr, .addr_len = 4, .analysis_on = true};
    seg st = {S, S_ | A_, 700, 101, 0, 1000};
    tt_header_parse(&h, b, build(b, 80, 40000, &st));
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK_EQ_U(r.role, TT_ROLE_HANDSHAKE_2);
    st = (seg){S, S_, 700, 0, 0, 1000};
    tt_header_parse(&h, b, build(b, 80, 40000, &st));
    tt_conv_feed(c, &alloc, &h, &s, &r);
    CHECK(r.role != TT_ROLE_NONE && r.role < TT_ROLE_COUNT);
    CHECK(!(r.notes & TT_NOTE_RETRANSMISSION));
    free(c);
}

/* Feeds one segment with optional SACK blocks (pairs of edges) and
 * Wireshark's findings; returns the result. */
/* A header with a SACK option of n blocks (left, right, ...) written to b;
 * returns its length. */
static unsigned sack_build(uint8_t *b, bool cli, uint16_t flags, uint32_t seq, uint32_t ack,
                           uint16_t window, const uint32_t *blocks, unsigned n)
{
    seg st = {cli ? C : S, flags, seq, ack, 0, window};
    unsigned hlen = build(b, cli ? 40000 : 80, cli ? 80 : 40000, &st);
    if (n > 0) {
        b[20] = TT_OPT_NOP, b[21] = TT_OPT_NOP, b[22] = TT_OPT_SACK, b[23] = (uint8_t)(2 + 8 * n);
        for (unsigned i = 0; i < 2 * n; i++)
            for (int k = 0; k < 4; k++)
                b[24 + 4 * i + (unsigned)k] = (uint8_t)(blocks[i] >> (24 - 8 * k));
        hlen = 24 + 8 * n;
        b[12] = (uint8_t)((hlen / 4) << 4 | (flags >> 8));
    }
    return hlen;
}

static tt_result sack_feed(tt_conv *c, bool cli, uint32_t seq, uint32_t ack, uint16_t flags,
                           uint16_t window, uint32_t len, const uint32_t *blocks, unsigned n,
                           uint32_t analysis)
{
    uint8_t b[60];
    tt_header h;
    tt_header_parse(&h, b, sack_build(b, cli, flags, seq, ack, window, blocks, n));
    tt_segment sg = {.src = cli ? client_addr : server_addr,
                     .dst = cli ? server_addr : client_addr,
                     .addr_len = 4,
                     .payload_len = len,
                     .analysis = analysis,
                     .analysis_on = true};
    tt_result r;
    tt_conv_feed(c, &alloc, &h, &sg, &r);
    return r;
}

static void test_out_of_window(void)
{
    tt_result r[8];
    RUN_SCENARIO("far-jumps", r);
    CHECK(r[4].notes & TT_NOTE_OUT_OF_WINDOW);
    CHECK(r[5].notes & TT_NOTE_OUT_OF_WINDOW);
    CHECK(!(r[6].notes & TT_NOTE_OUT_OF_WINDOW));
    CHECK(!(r[6].notes & TT_NOTE_RETRANSMISSION));

    /* Far from the sender's last bytes, but where the receiver's own ACK
     * says it expects them (the capture missed bytes in between): nothing
     * shows that a receiver drops it. */
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 3);
    sack_feed(c, true, 0, 0, S_, 1000, 0, NULL, 0, 0);
    sack_feed(c, false, 0, 1, S_ | A_, 1000, 0, NULL, 0, 0);
    sack_feed(c, true, 1, 1, A_, 1000, 0, NULL, 0, 0);
    sack_feed(c, true, 1, 1, A_, 1000, 100, NULL, 0, 0);
    sack_feed(c, false, 1, 500000101u, A_, 1000, 0, NULL, 0, TT_AN_ACK_LOST_SEGMENT);
    tt_result one = sack_feed(c, true, 500000101u, 1, A_, 1000, 100, NULL, 0, 0);
    CHECK(!(one.notes & TT_NOTE_OUT_OF_WINDOW));
    one = sack_feed(c, true, 101u + 0x80000001u, 1, A_, 1000, 100, NULL, 0, 0);
    CHECK(one.notes & TT_NOTE_OUT_OF_WINDOW);
    free(c);
}

/* One conversation is kept per stream, even for a flood of SYNs that
 * never carry data: it must stay small. */
/* Property: whatever the segments, every change of state is an edge of
 * RFC 9293's diagram, or two edges on one segment. Random conversations of
 * plausible and implausible segments, both directions, many seeds. */
static uint32_t rng_state = 12345u;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void test_moves_follow_the_diagram(void)
{
    static const uint16_t flag_choices[] = {S_, S_ | A_, A_,           A_ | P_, F_ | A_,
                                            R_, R_ | A_, F_ | A_ | P_, A_,      A_ | P_};
    unsigned bad = 0, moves = 0, double_moves = 0, timing_bad = 0;
    for (unsigned conv = 0; conv < 4000; conv++) {
        tt_conv *c = calloc(1, tt_conv_size());
        tt_conv_init(c, conv);
        uint32_t next[2] = {rnd() % 1000u, rnd() % 1000u};
        unsigned n = 2 + rnd() % 14;
        for (unsigned i = 0; i < n; i++) {
            bool cli = (rnd() & 1u) != 0;
            uint16_t flags = flag_choices[rnd() % (sizeof flag_choices / sizeof flag_choices[0])];
            uint32_t len = (rnd() % 3u == 0) ? 1 + rnd() % 50u : 0;
            /* mostly in step, sometimes repeated or a little off */
            uint32_t seq = next[!cli] - ((rnd() % 5u == 0) ? rnd() % 3u : 0);
            uint32_t ack = next[cli] - ((rnd() % 4u == 0) ? rnd() % 3u : 0);
            seg st = {cli ? C : S, flags, seq, ack, len, (uint16_t)(rnd() % 3u ? 1000 : 0)};
            uint8_t b[60];
            tt_header h;
            tt_header_parse(&h, b, build(b, cli ? 40000 : 80, cli ? 80 : 40000, &st));
            tt_segment s = {.frame = i + 1,
                            .src = cli ? client_addr : server_addr,
                            .dst = cli ? server_addr : client_addr,
                            .addr_len = 4,
                            .payload_len = len,
                            .analysis_on = (conv & 1u) != 0};
            tt_result r;
            tt_conv_feed(c, &alloc, &h, &s, &r);
            if (!tt_result_moves_ok(&r)) {
                bad++;
                fprintf(stderr, "conv %u seg %u: client %s -> %s, server %s -> %s\n", conv, i,
                        tt_state_name((tt_state)r.client_before),
                        tt_state_name((tt_state)r.client_after),
                        tt_state_name((tt_state)r.server_before),
                        tt_state_name((tt_state)r.server_after));
            }
            for (unsigned side = 0; side < 2; side++) {
                uint8_t before = side ? r.server_before : r.client_before;
                uint8_t after = side ? r.server_after : r.client_after;
                /* The timing rule: the receiver of a segment never moves
                 * along an edge that sends something; its sender moves
                 * along a receive-only edge only for an ACK of its FIN
                 * that waited for its answer to the peer's FIN. */
                tt_event ev[2];
                unsigned edges = tt_result_edges(&r, side, ev);
                bool sends = side == r.dir;
                for (unsigned e = 0; e < edges; e++) {
                    if (!sends && tt_event_sends(ev[e]))
                        timing_bad++;
                    if (sends && !tt_event_sends(ev[e]) &&
                        !(ev[e] == TT_EV_RCV_ACK_OF_FIN && (r.notes2 & TT_NOTE2_FINACK_APPLIED)))
                        timing_bad++;
                }
                if (before != after && edges == 0 && !tt_result_corrected(&r, side))
                    timing_bad++;
                if (before != after) {
                    moves++;
                    tt_path path;
                    if (tt_state_path((tt_state)before, (tt_state)after, &path) != 1)
                        double_moves++;
                }
            }
            uint32_t used = len + ((flags & (S_ | F_)) ? 1u : 0u);
            if (seq + used - next[!cli] < 0x80000000u)
                next[!cli] = seq + used;
        }
        free(c);
        arena_free();
    }
    CHECK_EQ_U(bad, 0);
    CHECK_EQ_U(timing_bad, 0);
    CHECK(moves > 1000);     /* the property was exercised */
    CHECK(double_moves > 0); /* including segments that take two edges */
    arena_free();
}

/* The edge table itself: every state reachable from CLOSED, and the
 * diagram's well-known paths. */
static void test_edge_table(void)
{
    CHECK_EQ_U(tt_state_next(TT_ST_CLOSED, TT_EV_SND_SYN), TT_ST_SYN_SENT);
    CHECK_EQ_U(tt_state_next(TT_ST_LISTEN, TT_EV_RCV_SYN), TT_ST_SYN_RECEIVED);
    CHECK_EQ_U(tt_state_next(TT_ST_SYN_SENT, TT_EV_RCV_SYN), TT_ST_SYN_RECEIVED);
    CHECK_EQ_U(tt_state_next(TT_ST_FIN_WAIT_1, TT_EV_RCV_FIN), TT_ST_CLOSING);
    CHECK_EQ_U(tt_state_next(TT_ST_CLOSING, TT_EV_RCV_ACK_OF_FIN), TT_ST_TIME_WAIT);
    CHECK_EQ_U(tt_state_next(TT_ST_CLOSE_WAIT, TT_EV_RCV_FIN), TT_ST_COUNT); /* no such edge */
    tt_path none;
    CHECK_EQ_U(tt_state_path(TT_ST_CLOSE_WAIT, TT_ST_CLOSING, &none), 0);
    bool reached[TT_ST_COUNT] = {[TT_ST_CLOSED] = true};
    for (int round = 0; round < TT_ST_COUNT; round++) {
        for (int st = 0; st < TT_ST_COUNT; st++) {
            for (int ev = 0; reached[st] && ev < TT_EV_COUNT; ev++) {
                tt_state to = tt_state_next((tt_state)st, (tt_event)ev);
                if (to != TT_ST_COUNT)
                    reached[to] = true;
            }
        }
    }
    for (int st = 0; st < TT_ST_COUNT; st++)
        CHECK(reached[st]);
    CHECK_STR(tt_phase_token(tt_role_phase(TT_ROLE_TEARDOWN_2_3)), "teardown");
    CHECK_STR(tt_phase_token(tt_role_phase(TT_ROLE_ZERO_WINDOW_PROBE)), "flow-control");
    CHECK_EQ_U(tt_role_step(TT_ROLE_HANDSHAKE_2), 2);
}

/* Feeds one header of the client (cli) or the server and returns its notes. */
static uint32_t ecn_feed(tt_conv *c, bool cli, uint32_t seq, uint32_t ack, uint16_t flags)
{
    uint8_t b[60];
    seg st = {cli ? C : S, flags, seq, ack, 0, 1000};
    unsigned len = build(b, cli ? 40000 : 80, cli ? 80 : 40000, &st);
    tt_header h;
    tt_header_parse(&h, b, len);
    tt_segment s = {.src = cli ? client_addr : server_addr,
                    .dst = cli ? server_addr : client_addr,
                    .addr_len = 4,
                    .analysis_on = true};
    tt_result r;
    tt_conv_feed(c, &alloc, &h, &s, &r);
    return r.notes;
}

/* Accurate ECN (RFC 9768, section 3.1.1): the SYN offers it with AE, CWR
 * and ECE all set, the SYN+ACK accepts it with 010, 011, 100 or 110; only
 * then (from the SYN+ACK on) are the three bits the ACE counter. */
static void test_accurate_ecn(void)
{
    static const uint16_t accept[] = {TT_CWR, TT_CWR | TT_ECE, TT_AE, TT_AE | TT_CWR};
    tt_conv *c = calloc(1, tt_conv_size());
    for (size_t i = 0; i < sizeof accept / sizeof accept[0]; i++) {
        tt_conv_init(c, 1);
        CHECK(!(ecn_feed(c, true, 10, 0, S_ | TT_AE | TT_CWR | TT_ECE) & TT_NOTE_ACCECN));
        CHECK(ecn_feed(c, false, 50, 11, S_ | A_ | accept[i]) & TT_NOTE_ACCECN);
        CHECK(ecn_feed(c, true, 11, 51, A_ | TT_CWR) & TT_NOTE_ACCECN);
        CHECK(ecn_feed(c, false, 51, 11, A_ | TT_AE | TT_ECE) & TT_NOTE_ACCECN);
    }
    /* ECE alone answers with classic ECN (RFC 3168): no counter. */
    tt_conv_init(c, 1);
    ecn_feed(c, true, 10, 0, S_ | TT_AE | TT_CWR | TT_ECE);
    CHECK(!(ecn_feed(c, false, 50, 11, S_ | A_ | TT_ECE) & TT_NOTE_ACCECN));
    CHECK(!(ecn_feed(c, true, 11, 51, A_ | TT_ECE) & TT_NOTE_ACCECN));
    /* A classic ECN offer (ECE and CWR) is not an Accurate ECN offer. */
    tt_conv_init(c, 1);
    ecn_feed(c, true, 10, 0, S_ | TT_CWR | TT_ECE);
    CHECK(!(ecn_feed(c, false, 50, 11, S_ | A_ | TT_CWR) & TT_NOTE_ACCECN));
    CHECK(!(ecn_feed(c, true, 11, 51, A_ | TT_CWR) & TT_NOTE_ACCECN));
    free(c);
}

/* A "window update" whose SACK blocks bring news (new blocks, a D-SACK) is
 * a duplicate ACK, not a pure window update; a duplicate ACK that asks
 * for no missing byte (the answer to a repeated FIN in TIME-WAIT) says so. */
static void test_window_update_or_dup_ack(void)
{
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    sack_feed(c, true, 1000, 0, S_, 1000, 0, NULL, 0, 0);
    sack_feed(c, false, 5000, 1001, S_ | A_, 1000, 0, NULL, 0, 0);
    sack_feed(c, true, 1001, 5001, A_, 1000, 0, NULL, 0, 0);
    sack_feed(c, true, 1001, 5001, A_, 1000, 100, NULL, 0, 0);
    sack_feed(c, true, 1201, 5001, A_, 1000, 100, NULL, 0, TT_AN_LOST_SEGMENT);
    tt_result r = sack_feed(c, false, 5001, 1101, A_, 1000, 0, NULL, 0, 0);
    CHECK_EQ_U(r.role, TT_ROLE_ACK);
    const uint32_t one[] = {1201, 1301};
    r = sack_feed(c, false, 5001, 1101, A_, 1000, 0, one, 1, TT_AN_DUP_ACK);
    CHECK_EQ_U(r.role, TT_ROLE_DUP_ACK);
    CHECK(!(r.notes & TT_NOTE_NOTHING_MISSING)); /* bytes 1101..1200 are missing */
    /* the same block, a new window: a pure window update */
    r = sack_feed(c, false, 5001, 1101, A_, 2000, 0, one, 1, TT_AN_WINDOW_UPDATE);
    CHECK_EQ_U(r.role, TT_ROLE_WINDOW_UPDATE);
    /* new bytes out of order: the block grows, the window changes too */
    sack_feed(c, true, 1301, 5001, A_, 1000, 100, NULL, 0, 0);
    const uint32_t grown[] = {1201, 1401};
    r = sack_feed(c, false, 5001, 1101, A_, 3000, 0, grown, 1, TT_AN_WINDOW_UPDATE);
    CHECK_EQ_U(r.role, TT_ROLE_DUP_ACK);
    /* a D-SACK: the first block lies below the cumulative ACK */
    const uint32_t dsack[] = {1001, 1101, 1201, 1401};
    r = sack_feed(c, false, 5001, 1101, A_, 4000, 0, dsack, 2, TT_AN_WINDOW_UPDATE);
    CHECK_EQ_U(r.role, TT_ROLE_DUP_ACK);

    /* TIME-WAIT: the server's FIN comes again, the client acknowledges it again. */
    tt_conv_init(c, 2);
    sack_feed(c, true, 1000, 0, S_, 1000, 0, NULL, 0, 0);
    sack_feed(c, false, 5000, 1001, S_ | A_, 1000, 0, NULL, 0, 0);
    sack_feed(c, true, 1001, 5001, A_, 1000, 0, NULL, 0, 0);
    sack_feed(c, true, 1001, 5001, A_ | F_, 1000, 0, NULL, 0, 0);
    sack_feed(c, false, 5001, 1002, A_, 1000, 0, NULL, 0, 0);
    sack_feed(c, false, 5001, 1002, A_ | F_, 1000, 0, NULL, 0, 0);
    r = sack_feed(c, true, 1002, 5002, A_, 1000, 0, NULL, 0, 0);
    CHECK(!(r.notes & TT_NOTE_NOTHING_MISSING));
    sack_feed(c, false, 5001, 1002, A_ | F_, 1000, 0, NULL, 0, TT_AN_RETRANSMISSION);
    r = sack_feed(c, true, 1002, 5002, A_, 1000, 0, NULL, 0, TT_AN_DUP_ACK);
    CHECK_EQ_U(r.role, TT_ROLE_DUP_ACK);
    CHECK(r.notes & TT_NOTE_NOTHING_MISSING);
    CHECK_EQ_U(r.client_after, TT_ST_TIME_WAIT);
    free(c);
}

/* A segment at time t_us (microseconds), with SACK blocks, its details
 * written to *d. */
static tt_result timed(tt_conv *c, bool cli, uint16_t flags, uint32_t seq, uint32_t ack,
                       uint32_t len, uint64_t t_us, const uint32_t *blocks, unsigned n,
                       uint32_t analysis, tt_detail *d)
{
    uint8_t b[60];
    tt_header h;
    tt_header_parse(&h, b, sack_build(b, cli, flags, seq, ack, 1000, blocks, n));
    static uint32_t frames;
    frames++;
    tt_segment sg = {.frame = frames,
                     .src = cli ? client_addr : server_addr,
                     .dst = cli ? server_addr : client_addr,
                     .addr_len = 4,
                     .payload_len = len,
                     .analysis = analysis,
                     .analysis_on = true,
                     .has_time = true,
                     .time_us = 1000000000u + t_us}; /* capture times are never 0 */
    tt_detail scratch;
    tt_result r;
    tt_conv_feed_detail(c, &alloc, &h, &sg, &r, d != NULL ? d : &scratch);
    return r;
}

/* A connection opened at time 0 with a 10 ms round trip seen from near the
 * client: ISNs 0 and 0, the client then sends `n` segments of 100 bytes
 * 1 ms apart from t = 20 ms. */
static tt_conv *timed_open(unsigned n)
{
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    timed(c, true, S_, 0, 0, 0, 0, NULL, 0, 0, NULL);
    timed(c, false, S_ | A_, 0, 1, 0, 10000, NULL, 0, 0, NULL);
    timed(c, true, A_, 1, 1, 0, 10050, NULL, 0, 0, NULL);
    for (unsigned i = 0; i < n; i++)
        timed(c, true, A_ | P_, 1 + 100 * i, 1, 100, 20000 + 1000 * i, NULL, 0, 0, NULL);
    return c;
}

/* timed_open(5) with its second segment lost: the ACK of the first at
 * 30 ms, then three duplicate ACKs (no SACK) at 32, 33 and 34 ms. */
static tt_conv *timed_three_dups(void)
{
    tt_conv *c = timed_open(5);
    timed(c, false, A_, 1, 101, 0, 30000, NULL, 0, 0, NULL);
    for (unsigned i = 0; i < 3; i++)
        timed(c, false, A_, 1, 101, 0, 32000 + 1000 * i, NULL, 0, TT_AN_DUP_ACK, NULL);
    return c;
}

/* The cause of each resend, from the evidence before it and its timing. */
static void test_resend_causes(void)
{
    tt_detail d;
    /* Fast retransmit: segment 2 lost, three duplicate ACKs with SACK,
     * the resend 0.1 ms after the third. */
    tt_conv *c = timed_open(5);
    timed(c, false, A_, 1, 101, 0, 30000, NULL, 0, 0, NULL);
    uint32_t sack1[] = {201, 301}, sack2[] = {201, 401}, sack3[] = {201, 501};
    timed(c, false, A_, 1, 101, 0, 32000, sack1, 1, TT_AN_DUP_ACK, NULL);
    timed(c, false, A_, 1, 101, 0, 33000, sack2, 1, TT_AN_DUP_ACK, NULL);
    timed(c, false, A_, 1, 101, 0, 34000, sack3, 1, TT_AN_DUP_ACK, NULL);
    tt_result r = timed(c, true, A_, 101, 1, 100, 34100, NULL, 0, TT_AN_FAST_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_FAST);
    CHECK_EQ_U(d.dup_count, 3);
    CHECK(d.has_trigger && d.trigger_us == 100);
    CHECK(d.sacked);
    CHECK(d.has_gap && d.gap_us == 34100 - 21000);
    CHECK_EQ_U(d.rtt_us, 10050);
    /* ... its ACK covers resent bytes: no RTT sample (Karn). */
    r = timed(c, false, A_, 1, 501, 0, 44200, NULL, 0, 0, NULL);
    CHECK(r.notes2 & TT_NOTE2_KARN);
    free(c);

    /* The same duplicate ACKs, but the resend 2 s later: the timer fired
     * (Wireshark still calls it fast). */
    c = timed_three_dups();
    r = timed(c, true, A_, 101, 1, 100, 2034000, NULL, 0, TT_AN_FAST_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK(d.has_trigger && d.trigger_us == 2000000);
    /* a series of timer copies: 0.4 s then 0.8 s, each a timeout (the
     * duplicate ACKs came before the first copy), the back-off recorded */
    r = timed(c, true, A_, 101, 1, 100, 2434000, NULL, 0, TT_AN_FAST_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK(d.has_gap && d.gap_us == 400000);
    r = timed(c, true, A_, 101, 1, 100, 3234000, NULL, 0, TT_AN_FAST_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK(d.has_gap && d.gap_us == 800000);
    CHECK(d.has_prev_gap && d.prev_gap_us == 400000);
    CHECK_EQ_U(d.earlier, 3);
    /* the rest of the window, resent after that timeout: not the timer's */
    timed(c, false, A_, 1, 201, 0, 3244000, NULL, 0, 0, NULL);
    r = timed(c, true, A_, 201, 1, 100, 3244100, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK(r.notes2 & TT_NOTE2_AFTER_RTO);
    CHECK(d.has_trigger && d.trigger_us == 10100);
    free(c);

    /* The first segment again 0.1 ms later, nothing asked: no timer of
     * TCP's fires that soon. */
    c = timed_open(3);
    r = timed(c, true, A_ | P_, 1, 1, 100, 22100, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_EARLY);
    free(c);

    /* A tail loss probe, then the timer: its interval runs from the probe. */
    c = timed_open(3);
    r = timed(c, true, A_ | P_, 201, 1, 100, 60000, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TLP);
    r = timed(c, true, A_ | P_, 1, 1, 100, 300000, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK_EQ_U(d.probe_us, 240000);
    r = timed(c, true, A_ | P_, 1, 1, 100, 780000, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK(d.has_prev_gap && d.prev_gap_us == 240000); /* the timer's interval, from the probe */
    free(c);

    /* A tail loss probe: the last segment again 25 ms later, nothing asked. */
    c = timed_open(3);
    r = timed(c, true, A_ | P_, 201, 1, 100, 47000, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TLP);
    CHECK(d.has_gap && d.gap_us == 25000);
    /* the D-SACK that answers it reports the probe's copy as not needed */
    uint32_t dsack[] = {201, 301};
    r = timed(c, false, A_, 1, 301, 0, 57000, dsack, 1, 0, &d);
    CHECK(r.notes2 & TT_NOTE2_DSACK);
    CHECK(r.notes & TT_NOTE_DETAIL);
    CHECK_EQ_U(d.prev_why, TT_WHY_TLP);
    free(c);

    /* SACK recovery: one duplicate ACK whose SACK block reports bytes
     * sent after the hole; the hole resent at once. */
    c = timed_open(4);
    timed(c, false, A_, 1, 101, 0, 30000, NULL, 0, 0, NULL);
    uint32_t after[] = {201, 401};
    timed(c, false, A_, 1, 101, 0, 32000, after, 1, TT_AN_DUP_ACK, NULL);
    /* Wireshark calls it out-of-order (it came soon after higher bytes):
     * the ledger knows the bytes were sent before, so it fills no gap */
    r = timed(c, true, A_, 101, 1, 100, 33000, NULL, 0, TT_AN_OUT_OF_ORDER, &d);
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK(!(r.notes2 & TT_NOTE2_FILLS_GAP));
    CHECK_EQ_U(r.why, TT_WHY_SACK);
    CHECK_EQ_U(d.dup_count, 1);
    CHECK(d.has_trigger && d.trigger_us == 1000);
    free(c);

    /* A resend cut at other boundaries: the second piece's previous copy
     * is the first sending, not the first piece (which carried other bytes
     * of the same run), so the SACK blocks still explain it. */
    c = timed_open(3);
    uint32_t upper[] = {201, 301};
    timed(c, false, A_, 1, 1, 0, 40000, upper, 1, TT_AN_DUP_ACK, NULL);
    r = timed(c, true, A_, 1, 1, 150, 40100, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_SACK);
    r = timed(c, true, A_, 151, 1, 50, 40120, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_SACK);
    CHECK(d.has_gap && d.gap_us == 40120 - 21000);
    free(c);

    /* NewReno: after a fast retransmit, an ACK that stops at the next hole
     * (a partial ACK) has that hole resent at once. */
    c = timed_three_dups();
    r = timed(c, true, A_, 101, 1, 100, 34100, NULL, 0, TT_AN_FAST_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_FAST);
    timed(c, false, A_, 1, 301, 0, 44200, NULL, 0, 0, NULL);
    r = timed(c, true, A_, 301, 1, 100, 44300, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_PARTIAL);
    CHECK(d.has_trigger && d.trigger_us == 100);
    free(c);

    /* Spurious: the bytes were acknowledged before the resend. */
    c = timed_open(2);
    timed(c, false, A_, 1, 201, 0, 31000, NULL, 0, 0, NULL);
    r = timed(c, true, A_, 101, 1, 100, 300000, NULL, 0, TT_AN_SPURIOUS_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_SPURIOUS);
    CHECK(d.has_trigger && d.trigger_us == 269000);
    free(c);

    /* A SYN sent again after 1 s, then 2 s: the timer, with its back-off;
     * no round trip measured from the SYN+ACK (Karn). */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    timed(c, true, S_, 0, 0, 0, 0, NULL, 0, 0, NULL);
    r = timed(c, true, S_, 0, 0, 0, 1000000, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK(d.has_gap && d.gap_us == 1000000);
    r = timed(c, true, S_, 0, 0, 0, 3000000, NULL, 0, TT_AN_RETRANSMISSION, &d);
    CHECK_EQ_U(r.why, TT_WHY_TIMEOUT);
    CHECK(d.has_gap && d.gap_us == 2000000 && d.has_prev_gap && d.prev_gap_us == 1000000);
    r = timed(c, false, S_ | A_, 0, 1, 0, 3010000, NULL, 0, 0, NULL);
    CHECK(r.notes2 & TT_NOTE2_KARN); /* it answers a SYN sent three times */
    timed(c, true, A_, 1, 1, 0, 3010050, NULL, 0, 0, NULL);
    timed(c, true, A_ | P_, 1, 1, 100, 3020000, NULL, 0, 0, NULL);
    /* the first answer to the client measured (its SYN went three times):
     * nothing to compare it with, so not called a delayed ACK */
    r = timed(c, false, A_, 1, 101, 0, 3030000, NULL, 0, 0, &d);
    CHECK(!(r.notes2 & TT_NOTE2_DELAYED_ACK));
    free(c);
}

/* An ACK of one segment that came 40 ms later than the quickest answer:
 * the delayed-ACK timer. */
static void test_delayed_ack(void)
{
    tt_detail d;
    tt_conv *c = timed_open(0);
    timed(c, true, A_ | P_, 1, 1, 100, 20000, NULL, 0, 0, NULL);
    tt_result r = timed(c, false, A_, 1, 101, 0, 30100, NULL, 0, 0, &d); /* 10.1 ms */
    CHECK(!(r.notes2 & TT_NOTE2_DELAYED_ACK));
    timed(c, true, A_ | P_, 101, 1, 100, 40000, NULL, 0, 0, NULL);
    r = timed(c, false, A_, 1, 201, 0, 90000, NULL, 0, 0, &d); /* 50 ms */
    CHECK(r.notes2 & TT_NOTE2_DELAYED_ACK);
    CHECK(d.has_gap && d.gap_us == 50000 && d.rtt_us == 10000);
    free(c);
}

/* Unusual openings (RFC 9293 sections 3.10.7.2-3.10.7.4): what the
 * scenario tables cannot hold (notes, edges, window scales). */
static void test_unusual_openings(void)
{
    tt_result r[10];
    char b[64];
    /* Data on the SYN+ACK: step 3 acknowledges the SYN and its data, and
     * is no TCP Fast Open answer (that is the server's, of the client's
     * SYN). */
    RUN_SCENARIO("synack-data", r);
    CHECK(r[2].notes & TT_NOTE_SYN_ACKED);
    CHECK(!(r[2].notes & (TT_NOTE_TFO_ACCEPTED | TT_NOTE_TFO_REFUSED)));
    CHECK_EQ_U(r[2].rel_ack, 111);
    CHECK_STR(edges_of(&r[2], 0, b, sizeof b), "rcv-syn-ack");
    CHECK_STR(edges_of(&r[2], 1, b, sizeof b), "rcv-ack-of-syn");

    /* A bare ACK answering a SYN moves nobody and leaves the SYN
     * unacknowledged, for the SYN+ACK after it. */
    RUN_SCENARIO("ack-without-syn", r);
    CHECK(r[1].notes3 & TT_NOTE3_NO_OWN_SYN);
    CHECK(!(r[1].notes & TT_NOTE_SYN_ACKED));
    CHECK_EQ_U(r[1].rel_ack, 1);
    CHECK(r[2].notes & TT_NOTE_SYN_ACKED);
    CHECK_EQ_U(r[2].rel_seq, 0);

    /* Data from the server without its SYN: the capture may have missed
     * its SYN+ACK, so nothing says that no connection was opened. */
    tt_conv *d = calloc(1, tt_conv_size());
    tt_conv_init(d, 9);
    timed(d, true, S_, 1000, 0, 0, 0, NULL, 0, 0, NULL);
    tt_result data = timed(d, false, A_ | P_, 2001, 1001, 10, 100, NULL, 0, 0, NULL);
    CHECK(!(data.notes3 & TT_NOTE3_NO_OWN_SYN));
    CHECK_EQ_U(data.role, TT_ROLE_DATA);
    free(d);

    /* Unacceptable ACKs in SYN-SENT, each answered by RST <SEQ=SEG.ACK>. */
    RUN_SCENARIO("syn-bad-ack", r);
    CHECK(r[1].notes3 & TT_NOTE3_BAD_ACK);
    CHECK(!(r[1].notes3 & TT_NOTE3_NO_OWN_SYN));
    CHECK(r[2].notes3 & TT_NOTE3_RST_BAD_ACK);
    CHECK_STR(edges_of(&r[2], 0, b, sizeof b), "");
    CHECK(r[3].notes3 & TT_NOTE3_BAD_ACK);
    CHECK(r[4].notes3 & TT_NOTE3_RST_BAD_ACK);
    CHECK(!(r[5].notes3 & TT_NOTE3_BAD_ACK));
    CHECK(r[5].notes & TT_NOTE_SYN_ACKED);

    /* A FIN and a RST that crossed; the closed end's answer to the FIN. */
    RUN_SCENARIO("rst-crossing-fin", r);
    CHECK_STR(edges_of(&r[6], 0, b, sizeof b), "snd-rst");
    CHECK(!(r[6].notes3 & TT_NOTE3_RST_ANSWERS));
    CHECK(r[7].notes3 & TT_NOTE3_BEFORE_RST);
    CHECK(!(r[7].notes2 & TT_NOTE2_SENT_EARLIER));
    CHECK(r[8].notes3 & TT_NOTE3_RST_ANSWERS);
    CHECK(!(r[8].notes2 & TT_NOTE2_RST_AGAIN));

    /* One side captured: the first ACK of uncaptured data says what it
     * proves, once; the SYN+ACK's shift 0 counts for the server. */
    RUN_SCENARIO("one-sided", r);
    CHECK(r[1].notes3 & TT_NOTE3_PROVES_EST);
    /* Its FIN acknowledges one more: perhaps the client's FIN (said so). */
    CHECK(r[2].notes3 & TT_NOTE3_PROVES_EST);
    CHECK_EQ_U(r[1].wscale, 0);

    /* A SYN+ACK with the window scale option proves scaling in use. */
    RUN_SCENARIO("synack-window-scale", r);
    CHECK(r[1].wscale == TT_WS_UNKNOWN);
    CHECK(r[1].notes3 & TT_NOTE3_WS_IN_USE);
    CHECK_EQ_U(r[2].wscale, 9);
    CHECK(!(r[2].notes3 & TT_NOTE3_WS_IN_USE));

    /* A SYN+ACK captured whole without the option: no scaling at all. */
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 4);
    timed(c, false, S_ | A_, 1000, 501, 0, 0, NULL, 0, 0, NULL);
    tt_result one = timed(c, true, A_, 501, 1001, 0, 100, NULL, 0, 0, NULL);
    CHECK(one.wscale == TT_WS_NONE);
    free(c);

    /* A client SYN whose options the capture cut, answered by a SYN+ACK
     * without the option: no scaling, whatever the SYN offered. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 5);
    uint8_t bytes[60];
    tt_header h;
    unsigned hlen = tt_fx_header(bytes, 40000, 80, 0, 0, S_, 1000, 7, 1460, 0);
    tt_header_parse(&h, bytes, hlen - 2);
    CHECK_EQ_U(h.problem, TT_HDR_OPTS_CUT);
    tt_segment sg = {.src = client_addr, .dst = server_addr, .addr_len = 4, .analysis_on = true};
    tt_conv_feed(c, &alloc, &h, &sg, &one);
    timed(c, false, S_ | A_, 0, 1, 0, 10, NULL, 0, 0, NULL);
    one = timed(c, true, A_, 1, 1, 0, 20, NULL, 0, 0, NULL);
    CHECK(one.wscale == TT_WS_NONE);
    free(c);

    /* A malformed first segment (no flags at all): numbered as Wireshark
     * numbers it (its first byte 1), its client and server a guess said to
     * be one; a malformed one after a SYN counts from that SYN. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 11);
    hlen = tt_fx_header(bytes, 80, 80, 129018, 0, 0, 1024, -1, 0, 0);
    tt_header_parse(&h, bytes, hlen);
    sg = (tt_segment){.src = client_addr, .dst = server_addr, .addr_len = 4, .payload_len = 12};
    tt_conv_feed(c, &alloc, &h, &sg, &one);
    CHECK_EQ_U(one.role, TT_ROLE_MALFORMED);
    CHECK_EQ_U(one.rel_seq, 1);
    CHECK(one.notes & TT_NOTE_SEQ_UNKNOWN);
    CHECK(one.notes & TT_NOTE_DIR_GUESSED);
    CHECK_EQ_U(one.guess, TT_GUESS_FIRST);
    free(c);
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 12);
    timed(c, true, S_, 5000, 0, 0, 0, NULL, 0, 0, NULL);
    hlen = tt_fx_header(bytes, 40000, 80, 5001, 0, 0, 1024, -1, 0, 0);
    tt_header_parse(&h, bytes, hlen);
    sg.payload_len = 8;
    tt_conv_feed(c, &alloc, &h, &sg, &one);
    CHECK_EQ_U(one.role, TT_ROLE_MALFORMED);
    CHECK_EQ_U(one.rel_seq, 1);
    CHECK(!(one.notes & (TT_NOTE_SEQ_UNKNOWN | TT_NOTE_DIR_GUESSED)));
    free(c);

    /* Data far beyond the window the SYN+ACK offered, at the same instant
     * (suricata's tcp-session-stream-out-of-window capture): the server
     * drops it and stays SYN-RECEIVED; the client moved when it sent its
     * ACK of the SYN+ACK. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 6);
    timed(c, true, S_, 1000, 0, 0, 0, NULL, 0, 0, NULL);
    timed(c, false, S_ | A_, 5000, 1001, 0, 0, NULL, 0, 0, NULL);
    one = timed(c, true, A_ | P_, 101001, 5001, 11, 0, NULL, 0, 0, NULL);
    CHECK(one.notes3 & TT_NOTE3_BEYOND_WINDOW);
    CHECK(one.notes & TT_NOTE_OUT_OF_WINDOW);
    CHECK_EQ_U(one.chunk, 0);
    CHECK_EQ_U(one.client_after, TT_ST_ESTABLISHED);
    CHECK_EQ_U(one.server_after, TT_ST_SYN_RECEIVED);
    CHECK(tt_result_moves_ok(&one));
    free(c);
    /* The same jump some time later, the round trip unknown: the capture
     * may have missed the bytes in between and the ACKs that let them go. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 7);
    timed(c, true, S_, 1000, 0, 0, 0, NULL, 0, 0, NULL);
    timed(c, false, S_ | A_, 5000, 1001, 0, 0, NULL, 0, 0, NULL);
    one = timed(c, true, A_ | P_, 101001, 5001, 11, 50000, NULL, 0, 0, NULL);
    CHECK(!(one.notes3 & TT_NOTE3_BEYOND_WINDOW));
    CHECK_EQ_U(one.role, TT_ROLE_HANDSHAKE_3);
    free(c);
    /* Later windows are not taken as a bound: one may offer less than an
     * earlier one that let the bytes go. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 10);
    timed(c, true, S_, 1000, 0, 0, 0, NULL, 0, 0, NULL);
    timed(c, false, S_ | A_, 5000, 1001, 0, 0, NULL, 0, 0, NULL);
    timed(c, true, A_, 1001, 5001, 0, 10, NULL, 0, 0, NULL);
    timed(c, false, A_, 5001, 1001, 0, 20, NULL, 0, 0, NULL);
    one = timed(c, true, A_ | P_, 3001, 5001, 11, 20, NULL, 0, 0, NULL);
    CHECK(!(one.notes3 & TT_NOTE3_BEYOND_WINDOW));
    free(c);
    /* ... or within the window offered, at the same instant. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 8);
    timed(c, true, S_, 1000, 0, 0, 0, NULL, 0, 0, NULL);
    timed(c, false, S_ | A_, 5000, 1001, 0, 0, NULL, 0, 0, NULL);
    one = timed(c, true, A_ | P_, 1501, 5001, 11, 0, NULL, 0, 0, NULL);
    CHECK(!(one.notes3 & TT_NOTE3_BEYOND_WINDOW));
    free(c);
}

static void test_size(void)
{
    /* one per stream: the state machine, the bases and the last segment
     * (to recognise a copy the capture holds twice); the ledgers are
     * allocated apart, only once data flows; the times of the last SYN, FIN,
     * probe or keep-alive and the shortest answer seen each way, for the
     * timers; the options of each end's last SYN, to tell copies apart */
    CHECK(tt_conv_size() <= 200);
}

static void test_tokens(void)
{
    CHECK_STR(tt_role_token(TT_ROLE_TEARDOWN_2_3), "teardown-2+3");
    CHECK_STR(tt_role_token(TT_ROLE_ZERO_WINDOW_PROBE_ACK), "zero-window-probe-ack");
    CHECK_STR(tt_role_token((tt_role)200), "");
    CHECK_STR(tt_state_name(TT_ST_SYN_RECEIVED), "SYN-RECEIVED");
    CHECK_STR(tt_state_name(TT_ST_TIME_WAIT), "TIME-WAIT");
    CHECK_STR(tt_dir_token(TT_DIR_S2C), "server-to-client");
    for (int r = 1; r < TT_ROLE_COUNT; r++)
        CHECK(tt_role_token((tt_role)r)[0] != '\0');
}

/* A segment with MPTCP's MP_FASTCLOSE (mptcp-fclose.pcap frame 10, option A
 * of RFC 8684 section 3.5: an ACK on one subflow): who sends it, at which
 * numbers, with the 12-byte option (kind 30, length 12, subtype 7, the
 * receiver's 8-byte key). */
static tt_result feed_fastclose(tt_conv *c, int who, uint16_t flags, uint32_t seq, uint32_t ack)
{
    uint8_t b[60];
    bool cli = who == C;
    seg st = {who, flags, seq, ack, 0, 1000};
    build(b, cli ? 40000 : 80, cli ? 80 : 40000, &st);
    static const uint8_t opt[12] = {30, 12, 7 << 4, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    memcpy(b + 20, opt, sizeof opt);
    b[12] = (uint8_t)(8 << 4 | (b[12] & 0x0f)); /* 32 bytes */
    tt_header h;
    tt_header_parse(&h, b, 32);
    CHECK(tt_header_has_mptcp(&h, TT_MPTCP_FASTCLOSE));
    CHECK(!tt_header_has_mptcp(&h, 0));
    tt_segment s = {.src = cli ? client_addr : server_addr,
                    .dst = cli ? server_addr : client_addr,
                    .addr_len = 4,
                    .analysis = TT_AN_DUP_ACK,
                    .analysis_on = true};
    tt_result r;
    tt_conv_feed(c, &alloc, &h, &s, &r);
    return r;
}

/* MP_FASTCLOSE is marked, and the RST that answers it is the subflow reset
 * RFC 8684 asks for, not an application's abortive close. */
static void test_mptcp_fastclose(void)
{
    tt_conv *c = opened(0, 0);
    tt_result r = feed_fastclose(c, C, A_, 1, 1);
    CHECK((r.notes2 & TT_NOTE2_MP_FASTCLOSE) != 0);
    CHECK_EQ_U(r.role, TT_ROLE_DUP_ACK); /* Wireshark's finding stays the role */
    r = feed_seg(c, S, R_, 1, 0, 0, 0);
    CHECK_EQ_U(r.role, TT_ROLE_RESET);
    CHECK((r.notes2 & TT_NOTE2_RST_FASTCLOSE) != 0);
    CHECK((r.notes2 & (TT_NOTE2_RST_UNREAD | TT_NOTE2_MP_FASTCLOSE)) == 0);
    CHECK_EQ_U(r.client_after, TT_ST_CLOSED);
    free(c);

    /* Without MP_FASTCLOSE the same RST is an abortive close. */
    c = opened(0, 0);
    feed_seg(c, C, A_, 1, 1, 0, TT_AN_DUP_ACK);
    r = feed_seg(c, S, R_, 1, 0, 0, 0);
    CHECK((r.notes2 & TT_NOTE2_RST_FASTCLOSE) == 0);
    CHECK((r.notes2 & TT_NOTE2_RST_UNREAD) != 0);
    free(c);
}

/* out-of-order.pcap: chunk #2 (1001..1500) arrives before 501..1000; the
 * first leaves a gap, the second fills it (not a retransmission). */
static void test_gap_and_fill(void)
{
    tt_conv *c = opened(0, 0);
    tt_result r = feed_seg(c, C, A_, 1, 1, 500, 0);
    CHECK((r.notes2 & (TT_NOTE2_GAP | TT_NOTE2_FILLS_GAP)) == 0);
    feed_seg(c, S, A_, 1, 501, 0, 0);
    r = feed_seg(c, C, A_, 1001, 1, 500, TT_AN_LOST_SEGMENT);
    CHECK((r.notes2 & TT_NOTE2_GAP) != 0);
    feed_seg(c, S, A_, 1, 501, 0, TT_AN_DUP_ACK);
    r = feed_seg(c, C, A_, 501, 1, 500, TT_AN_OUT_OF_ORDER);
    CHECK((r.notes2 & TT_NOTE2_FILLS_GAP) != 0);
    CHECK((r.notes2 & TT_NOTE2_GAP) == 0);
    CHECK((r.notes & TT_NOTE_RETRANSMISSION) == 0);
    /* Bytes sent again are a retransmission, not a fill. */
    r = feed_seg(c, C, A_, 501, 1, 500, TT_AN_RETRANSMISSION);
    CHECK((r.notes2 & (TT_NOTE2_GAP | TT_NOTE2_FILLS_GAP)) == 0);
    free(c);
}

/* zero-window.pcapng frames 12-16: a probe answered, then two probes in a
 * row (Linux's probes: seq = next byte - 1, no data): the second says the
 * first got no answer in the capture. */
static void test_probe_unanswered(void)
{
    tt_conv *c = opened(0, 0);
    seg data = {C, A_, 1, 1, 100, 1000};
    seg zero = {S, A_, 1, 101, 0, 0};
    seg probe = {C, A_, 100, 1, 0, 1000};
    feed_one(c, client_addr, server_addr, 4, 40000, 80, data);
    feed_one(c, server_addr, client_addr, 4, 80, 40000, zero);
    tt_result r = feed_one(c, client_addr, server_addr, 4, 40000, 80, probe);
    CHECK_EQ_U(r.role, TT_ROLE_ZERO_WINDOW_PROBE);
    CHECK((r.notes2 & TT_NOTE2_PROBE_UNANSWERED) == 0);
    r = feed_one(c, server_addr, client_addr, 4, 80, 40000, zero);
    CHECK_EQ_U(r.role, TT_ROLE_ZERO_WINDOW_PROBE_ACK);
    r = feed_one(c, client_addr, server_addr, 4, 40000, 80, probe);
    CHECK((r.notes2 & TT_NOTE2_PROBE_UNANSWERED) == 0); /* the one before was answered */
    r = feed_one(c, client_addr, server_addr, 4, 40000, 80, probe);
    CHECK_EQ_U(r.role, TT_ROLE_ZERO_WINDOW_PROBE);
    CHECK((r.notes2 & TT_NOTE2_PROBE_UNANSWERED) != 0);
    free(c);
}

/* ---- the bytes of a resend against their first copy ---- */

static uint8_t first_bytes[70000];

/* Feeds data of the client from seq, len bytes of `data` (NULL: not
 * captured), as frame `frame`; *d gets the detail (zeroed first). */
static tt_result feed_bytes(tt_conv *c, uint32_t seq, uint32_t len, const uint8_t *data,
                            uint32_t frame, tt_detail *d)
{
    tt_segment facts = {.frame = frame, .data = data, .data_caplen = data != NULL ? len : 0};
    memset(d, 0, sizeof *d);
    return feed_facts(c, C, A_, seq, 1, len, 0, &facts, d);
}

/* A resend is compared byte for byte with the first copy while that is in
 * flight: the bytes that differ are counted, the first is named with the
 * frame that first sent it; resends at other boundaries compare only what
 * both hold; acknowledged bytes, bytes not captured and bytes past the
 * bound are not compared. */
static void test_resend_bytes(void)
{
    for (size_t i = 0; i < sizeof first_bytes; i++)
        first_bytes[i] = (uint8_t)(i % 251u);
    uint8_t copy[1000];
    tt_detail d;
    tt_conv *c = opened(0, 0);
    feed_bytes(c, 1, 100, first_bytes, 4, &d);         /* 1..100 */
    feed_bytes(c, 101, 100, first_bytes + 100, 5, &d); /* 101..200 */
    feed_seg(c, S, A_, 1, 101, 0, 0);                  /* acknowledges 1..100 */
    memcpy(copy, first_bytes + 100, 100);
    copy[60] ^= 0xffu; /* bytes 161 and 181 */
    copy[80] ^= 0x01u;
    tt_result r = feed_bytes(c, 101, 100, copy, 7, &d);
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK(r.notes & TT_NOTE_DETAIL);
    CHECK_EQ_U(d.compared, 100);
    CHECK_EQ_U(d.differ_count, 2);
    CHECK_EQ_U(d.differ_offset, 60);
    CHECK_EQ_U(d.differ_frame, 5);
    /* Half old, half new, the old half unchanged: the new half is kept.
     * Wireshark calls it a retransmission (its detail is kept); tcpteach
     * alone makes it a new chunk, and a detail is kept only for bytes
     * that differ. */
    tt_segment half = {.frame = 8, .data = first_bytes + 150, .data_caplen = 100};
    memset(&d, 0, sizeof d);
    tt_result hr = feed_facts(c, C, A_, 151, 1, 100, TT_AN_RETRANSMISSION, &half, &d);
    CHECK(hr.notes & TT_NOTE_DETAIL);
    CHECK_EQ_U(d.compared, 50);
    CHECK_EQ_U(d.differ_count, 0);
    memcpy(copy, first_bytes + 200, 50);
    copy[0] ^= 0x10u; /* byte 201, first sent by frame 8 */
    feed_bytes(c, 201, 50, copy, 9, &d);
    CHECK_EQ_U(d.compared, 50);
    CHECK_EQ_U(d.differ_count, 1);
    CHECK_EQ_U(d.differ_offset, 0);
    CHECK_EQ_U(d.differ_frame, 8);
    /* Bytes acknowledged since: nothing to compare them with. */
    feed_seg(c, S, A_, 1, 251, 0, 0);
    feed_bytes(c, 201, 50, copy, 10, &d);
    CHECK_EQ_U(d.compared, 0);
    CHECK_EQ_U(d.differ_count, 0);
    /* A resend whose bytes were not captured. */
    feed_bytes(c, 251, 10, first_bytes + 250, 11, &d);
    feed_bytes(c, 251, 10, NULL, 12, &d);
    CHECK_EQ_U(d.compared, 0);
    free(c);

    /* 70 segments of 1000 bytes in flight: only the first 65536 bytes are
     * kept; a resend of the first segment is compared (the ledger has
     * forgotten which frame sent its bytes: it keeps 64 runs), one of the
     * last is not. */
    c = opened(0, 0);
    for (uint32_t k = 0; k < 70; k++)
        feed_bytes(c, 1 + 1000 * k, 1000, first_bytes + 1000 * k, 10 + k, &d);
    memcpy(copy, first_bytes, 1000);
    copy[999] ^= 0x80u;
    feed_bytes(c, 1, 1000, copy, 100, &d);
    CHECK_EQ_U(d.compared, 1000);
    CHECK_EQ_U(d.differ_count, 1);
    CHECK_EQ_U(d.differ_offset, 999);
    CHECK_EQ_U(d.differ_frame, 0);
    memcpy(copy, first_bytes + 10000, 1000);
    copy[5] ^= 0x80u;
    feed_bytes(c, 10001, 1000, copy, 103, &d);
    CHECK_EQ_U(d.differ_count, 1);
    CHECK_EQ_U(d.differ_frame, 20);
    feed_bytes(c, 1 + 69000, 1000, copy, 101, &d);
    CHECK_EQ_U(d.compared, 0);
    /* Once the peer acknowledges the first 10000 bytes, the bytes after
     * 65536 that were not kept are still not compared (they come after a
     * gap in what was kept); those kept are. */
    feed_seg(c, S, A_, 1, 10001, 0, 0);
    feed_bytes(c, 10001, 1000, first_bytes + 10000, 102, &d);
    CHECK_EQ_U(d.compared, 1000);
    CHECK_EQ_U(d.differ_count, 0);
    feed_bytes(c, 1 + 69000, 1000, first_bytes + 69000, 104, &d);
    CHECK_EQ_U(d.compared, 0);
    free(c);

    /* The kept bytes are handed back once none of them can be sent again:
     * when the side's FIN is acknowledged, or at a RST. */
    c = opened(0, 0);
    feed_bytes(c, 1, 100, first_bytes, 4, &d);
    size_t before = handed_back;
    feed_seg(c, C, F_ | A_, 101, 1, 0, 0);
    CHECK_EQ_U(handed_back, before);
    feed_seg(c, S, A_, 1, 102, 0, 0);
    CHECK_EQ_U(handed_back, before + 1);
    free(c);
    c = opened(0, 0);
    feed_bytes(c, 1, 100, first_bytes, 4, &d);
    before = handed_back;
    feed_seg(c, S, R_ | A_, 1, 101, 0, 0);
    CHECK_EQ_U(handed_back, before + 1);
    free(c);
}

/* ---- copies of a SYN with other options ---- */

/* A SYN or SYN+ACK of the client (who C) or server, with an MSS and a
 * window scale option (wscale >= 0) or none, at `ms` milliseconds. */
static tt_result syn_feed(tt_conv *c, int who, uint16_t flags, uint32_t seq, uint32_t ack,
                          int wscale, uint16_t mss, uint32_t ms, tt_detail *d)
{
    uint8_t b[60];
    tt_header h;
    bool cli = who == C;
    unsigned hlen =
        tt_fx_header(b, cli ? 40000 : 80, cli ? 80 : 40000, seq, ack, flags, 1000, wscale, mss, 0);
    tt_header_parse(&h, b, hlen);
    tt_segment s = {.frame = ms + 1u, .has_time = true, .time_us = (uint64_t)ms * 1000u};
    s.src = cli ? client_addr : server_addr;
    s.dst = cli ? server_addr : client_addr;
    s.addr_len = 4;
    s.analysis_on = false;
    tt_result r;
    memset(d, 0, sizeof *d);
    tt_conv_feed_detail(c, &alloc, &h, &s, &r, d);
    return r;
}

/* The options of a SYN packed; a copy's detail holds the previous copy's;
 * the peer's SYN+ACK learns that the copies differed, and what the last
 * one carried. */
static void test_syn_copy_options(void)
{
    const uint32_t full = TT_SYNO_KNOWN | TT_SYNO_MSS | 1460u | TT_SYNO_WS | 7u << TT_SYNO_WS_SHIFT;
    tt_detail d;
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 1);
    syn_feed(c, C, S_, 100, 0, 7, 1460, 0, &d);
    tt_result r = syn_feed(c, C, S_, 100, 0, 7, 1460, 1000, &d);
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK_EQ_U(d.syn_was, full);
    r = syn_feed(c, C, S_, 100, 0, -1, 0, 3000, &d); /* no options at all */
    CHECK(r.notes & TT_NOTE_RETRANSMISSION);
    CHECK_EQ_U(d.syn_was, full);
    r = syn_feed(c, S, S_ | A_, 500, 101, -1, 0, 3001, &d);
    CHECK(r.peer_syn & TT_PEER_SYN_CHANGED);
    CHECK(!(r.peer_syn & TT_PEER_SYN_WS));
    CHECK(r.peer_syn & TT_PEER_SYN_OPTS);
    free(c);

    /* Another MSS only; the SYN+ACK offers window scale: the last copy
     * offered it too. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 2);
    syn_feed(c, C, S_, 100, 0, 7, 1460, 0, &d);
    syn_feed(c, C, S_, 100, 0, 7, 1400, 1000, &d);
    CHECK_EQ_U(d.syn_was, full);
    r = syn_feed(c, S, S_ | A_, 500, 101, 7, 1460, 1001, &d);
    CHECK(r.peer_syn & TT_PEER_SYN_CHANGED);
    CHECK(r.peer_syn & TT_PEER_SYN_WS);
    free(c);

    /* The window scale offer read once: a shift (not capped), none, or
     * unknown when the options were cut off by the capture. */
    uint8_t b[60];
    tt_header h;
    unsigned hlen = tt_fx_header(b, 40000, 80, 100, 0, S_, 1000, 7, 1460, 0);
    tt_header_parse(&h, b, hlen);
    CHECK_EQ_U(tt_syn_wscale(&h), 7);
    tt_header_parse(&h, b, hlen - 4); /* the window scale option cut off */
    CHECK(tt_syn_wscale(&h) == TT_WSO_CUT);
    CHECK_EQ_U(tt_syn_options(&h), 0);
    tt_header_parse(&h, b, tt_fx_header(b, 40000, 80, 100, 0, S_, 1000, 15, 1460, 0));
    CHECK_EQ_U(tt_syn_wscale(&h), 15);
    CHECK_EQ_U(TT_SYNO_SHIFT_OF(tt_syn_options(&h)), 14); /* RFC 7323: used as 14 */
    tt_header_parse(&h, b, tt_fx_header(b, 40000, 80, 100, 0, S_, 1000, -1, 0, 0));
    CHECK(tt_syn_wscale(&h) == TT_WSO_ABSENT);
    CHECK_EQ_U(tt_syn_options(&h), TT_SYNO_KNOWN);

    /* Copies that are all alike: nothing changed. */
    c = calloc(1, tt_conv_size());
    tt_conv_init(c, 3);
    syn_feed(c, C, S_, 100, 0, 7, 1460, 0, &d);
    syn_feed(c, C, S_, 100, 0, 7, 1460, 1000, &d);
    CHECK_EQ_U(d.syn_was, full);
    r = syn_feed(c, S, S_ | A_, 500, 101, 7, 1460, 1001, &d);
    CHECK(!(r.peer_syn & TT_PEER_SYN_CHANGED));
    free(c);
}

/* ---- paths through the diagram ---- */

/* Every pair of states: the path found is made of the diagram's edges and
 * leads from one to the other, one edge whenever one does, two only when
 * no single edge does, none only when no way of one or two edges exists
 * (checked by trying every event and pair of events). The path of a
 * result is the edges recorded in it, with the state between two. */
static void test_state_paths(void)
{
    unsigned explained = 0, pairs = 0;
    for (int from = 0; from < TT_ST_COUNT; from++) {
        for (int to = 0; to < TT_ST_COUNT; to++) {
            bool one = false, two = false;
            for (int e = 0; e < TT_EV_COUNT; e++) {
                tt_state mid = tt_state_next((tt_state)from, (tt_event)e);
                if (mid == (tt_state)to)
                    one = true;
                for (int e2 = 0; mid != TT_ST_COUNT && e2 < TT_EV_COUNT; e2++)
                    two = two || tt_state_next(mid, (tt_event)e2) == (tt_state)to;
            }
            tt_path p;
            unsigned n = tt_state_path((tt_state)from, (tt_state)to, &p);
            CHECK_EQ_U(n, p.n);
            CHECK_EQ_U(n, one ? 1u : two ? 2u : 0u);
            if (n == 1) {
                CHECK_EQ_U(tt_state_next((tt_state)from, p.ev[0]), to);
                CHECK_EQ_U(p.via, TT_ST_COUNT);
            } else if (n == 2) {
                CHECK_EQ_U(tt_state_next((tt_state)from, p.ev[0]), p.via);
                CHECK_EQ_U(tt_state_next(p.via, p.ev[1]), to);
            }
            explained += n > 0;
            pairs++;
        }
    }
    CHECK(explained > 20 && explained < pairs); /* the search was exercised both ways */

    /* Every edge, and every two edges in a row, recorded in a result. */
    unsigned chains = 0;
    for (int from = 0; from < TT_ST_COUNT; from++) {
        for (int e = 0; e < TT_EV_COUNT; e++) {
            tt_state mid = tt_state_next((tt_state)from, (tt_event)e);
            if (mid == TT_ST_COUNT)
                continue;
            for (int e2 = -1; e2 < TT_EV_COUNT; e2++) {
                tt_state end = e2 < 0 ? mid : tt_state_next(mid, (tt_event)e2);
                if (end == TT_ST_COUNT)
                    continue;
                for (unsigned side = 0; side < 2; side++) {
                    tt_result r;
                    memset(&r, 0, sizeof r);
                    r.client_before = r.client_after = TT_ST_CLOSED;
                    r.server_before = r.server_after = TT_ST_LISTEN;
                    *(side ? &r.server_before : &r.client_before) = (uint8_t)from;
                    *(side ? &r.server_after : &r.client_after) = (uint8_t)end;
                    r.edge[side][0] = (uint8_t)(e + 1);
                    r.edge[side][1] = (uint8_t)(e2 + 1);
                    tt_path p;
                    CHECK_EQ_U(tt_result_path(&r, side, &p), e2 < 0 ? 1u : 2u);
                    CHECK_EQ_U(p.ev[0], e);
                    if (e2 >= 0) {
                        CHECK_EQ_U(p.ev[1], e2);
                        CHECK_EQ_U(p.via, mid);
                    } else {
                        CHECK_EQ_U(p.via, TT_ST_COUNT);
                    }
                    CHECK_EQ_U(tt_result_path(&r, !side, &p), 0);
                    r.notes2 |= side ? TT_NOTE2_FIX_SERVER : TT_NOTE2_FIX_CLIENT;
                    CHECK_EQ_U(tt_result_path(&r, side, &p), 0);
                    chains++;
                }
            }
        }
    }
    CHECK(chains > 40);
}

int main(void)
{
    RUN(test_scenario_reader);
    RUN(test_mptcp_fastclose);
    RUN(test_gap_and_fill);
    RUN(test_probe_unanswered);
    RUN(test_textbook);
    RUN(test_upload);
    RUN(test_telnet);
    RUN(test_wraparound);
    RUN(test_rst);
    RUN(test_retransmissions);
    RUN(test_resend_causes);
    RUN(test_delayed_ack);
    RUN(test_own_analysis);
    RUN(test_simultaneous);
    RUN(test_timing_cases);
    RUN(test_moves_follow_the_diagram);
    RUN(test_edge_table);
    RUN(test_state_paths);
    RUN(test_half_close);
    RUN(test_seed_conversations);
    RUN(test_midstream);
    RUN(test_probes);
    RUN(test_reorder);
    RUN(test_reuse);
    RUN(test_equal_ports);
    RUN(test_missing_addresses);
    RUN(test_self_connection);
    RUN(test_inert);
    RUN(test_many_chunks);
    RUN(test_chunk_ring);
    RUN(test_ledger_overlaps);
    RUN(test_resend_bytes);
    RUN(test_syn_copy_options);
    RUN(test_ledger_gaps);
    RUN(test_ledger_wrap);
    RUN(test_capture_duplicate);
    RUN(test_relative_wrap);
    RUN(test_syn_after_synack);
    RUN(test_out_of_window);
    RUN(test_unusual_openings);
    RUN(test_accurate_ecn);
    RUN(test_window_update_or_dup_ack);
    RUN(test_size);
    RUN(test_tokens);
    arena_free();
    TT_TEST_MAIN_END();
}
