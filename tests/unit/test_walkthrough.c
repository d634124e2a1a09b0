/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the classroom walkthrough: display widths, tcpdump notation,
 * paragraphs, closing summaries and ladder lines. */
#include "tt_test.h"
#include "strbuf.h"
#include "timeus.h"
#include "pieces.h"

static tt_result result(tt_role role, uint8_t step, tt_dir dir, uint8_t cb, uint8_t ca, uint8_t sb,
                        uint8_t sa)
{
    tt_result r;
    memset(&r, 0, sizeof r);
    r.role = (uint8_t)role;
    r.steps[0] = step;
    r.dir = (uint8_t)dir;
    r.client_before = cb;
    r.client_after = ca;
    r.server_before = sb;
    r.server_after = sa;
    return r;
}

/* A 20-byte header with the given numbers and flags. */
static void header(tt_header *h, uint8_t *b, uint32_t seq, uint32_t ack, uint16_t flags)
{
    memset(b, 0, 20);
    b[0] = 0x9c, b[1] = 0x40, b[2] = 0x1f, b[3] = 0x40;
    for (int i = 0; i < 4; i++) {
        b[4 + i] = (uint8_t)(seq >> (24 - 8 * i));
        b[8 + i] = (uint8_t)(ack >> (24 - 8 * i));
    }
    b[12] = 0x50 | (uint8_t)(flags >> 8);
    b[13] = (uint8_t)flags;
    b[14] = 0x10; /* window 4096 */
    tt_header_parse(h, b, 20);
}

/* A text cut to fit stays a prefix of the whole: nothing is appended
 * after a cut, even when a later piece would fit. */
static void test_cut_is_final(void)
{
    char buf[6];
    tt_sb b;
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_raw(&b, "%s", "abcdefgh");
    CHECK_STR(buf, "abcde");
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_raw(&b, "%s", "三次"); /* 6 bytes: only one character fits */
    tt_sb_raw(&b, "%s", "x");
    CHECK_STR(buf, "三");
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_raw(&b, "%u-%s", 12u, "ab");
    CHECK_STR(buf, "12-ab");
}

static void test_width(void)
{
    CHECK_EQ_U(tt_display_width("abc"), 3);
    CHECK_EQ_U(tt_display_width("三次握手 1/3"), 12);
    CHECK_EQ_U(tt_display_width("（捎带应答）"), 12); /* full-width brackets are wide */
    CHECK_EQ_U(tt_display_width(""), 0);
}

static void test_flags_and_numbers(void)
{
    char buf[64];
    tt_walk_flags(TT_SYN, buf, sizeof buf);
    CHECK_STR(buf, "[S]");
    tt_walk_flags(TT_SYN | TT_ACK, buf, sizeof buf);
    CHECK_STR(buf, "[S.]");
    tt_walk_flags(TT_PSH | TT_ACK, buf, sizeof buf);
    CHECK_STR(buf, "[P.]");
    tt_walk_flags(TT_FIN | TT_ACK, buf, sizeof buf);
    CHECK_STR(buf, "[F.]");
    tt_walk_flags(TT_RST, buf, sizeof buf);
    CHECK_STR(buf, "[R]");
    tt_walk_flags(TT_ACK, buf, sizeof buf);
    CHECK_STR(buf, "[.]");

    tt_header h;
    uint8_t b[20];
    tt_result r = result(TT_ROLE_DATA, 0, TT_DIR_C2S, 4, 4, 4, 4);
    r.rel_seq = 1, r.rel_ack = 1, r.payload_len = 21845;
    header(&h, b, 87768136, 872635962, TT_ACK);
    tt_walk_numbers(&r, &h, buf, sizeof buf);
    CHECK_STR(buf, "seq 1:21846 ack 1"); /* seed 000's first data segment */
    r.payload_len = 0, r.rel_ack = 21846;
    tt_walk_numbers(&r, &h, buf, sizeof buf);
    CHECK_STR(buf, "ack 21846");
    b[14] = 0; /* a full receive buffer shows in the numbers */
    tt_header_parse(&h, b, 20);
    tt_walk_numbers(&r, &h, buf, sizeof buf);
    CHECK_STR(buf, "ack 21846 win 0");
    header(&h, b, 1000, 0, TT_SYN);
    r.rel_seq = 0;
    tt_walk_numbers(&r, &h, buf, sizeof buf);
    CHECK_STR(buf, "seq 0");
    /* tcpdump's letters, lowest bit first */
    tt_walk_flags(TT_FIN | TT_PSH | TT_ACK, buf, sizeof buf);
    CHECK_STR(buf, "[FP.]");
}

/* Seed 004's segment 5: the piggybacked ACK, with its raw numbers. */
static void test_paragraph(void)
{
    char buf[2048];
    tt_header h;
    uint8_t b[20];
    header(&h, b, 8001, 1021, TT_ACK | TT_PSH);
    tt_result r = result(TT_ROLE_DATA_PIGGYBACK, 0, TT_DIR_S2C, TT_ST_ESTABLISHED,
                         TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    r.index = 5, r.chunk = 1, r.acked_chunk = 1, r.rel_seq = 1, r.rel_ack = 21, r.payload_len = 10;
    r.notes = TT_NOTE_NEW_DATA_ACKED;
    tt_walk_paragraph(&r, &h, 5, "0.004000", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Segment 5 (frame 5, 0.004000 s, server -> client, Piggybacked ACK + Data #1):");
    CHECK_HAS(buf, "piggybacked ACK");
    CHECK_HAS(buf, "bytes 1..10");
    CHECK_HAS(buf, "Raw numbers: seq 8001..8010, ack 1021.");
    CHECK_HAS(buf, "Client stays ESTABLISHED; server stays ESTABLISHED.");
    tt_walk_paragraph(&r, &h, 5, "0.004000", TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "第 5 个报文段");
    CHECK_HAS(buf, "捎带确认");
    CHECK(strstr(buf, "data-piggyback") == NULL); /* no English token in Chinese prose */
    CHECK_HAS(buf, "原始数值：seq 8001..8010，ack 1021。");
    CHECK_HAS(buf, "客户端保持 ESTABLISHED（已建立连接）；服务器保持 ESTABLISHED（已建立连接）。");
    CHECK(utf8_valid(buf));

    /* A refused SYN corrects the server's assumed LISTEN: said as a
     * correction, not as a move "LISTEN -> CLOSED"; the ladder stars it. */
    header(&h, b, 0, 1001, TT_ACK | TT_RST);
    r = result(TT_ROLE_REFUSED, 0, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_CLOSED, TT_ST_LISTEN,
               TT_ST_CLOSED);
    r.index = 2;
    r.notes = TT_NOTE_NOT_LISTENING;
    r.notes2 = TT_NOTE2_FIX_SERVER;
    r.edge[0][0] = TT_EV_RCV_RST + 1;
    tt_walk_paragraph(&r, &h, 2, "0.001000", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Client SYN-SENT -> CLOSED; server shown LISTEN, which was an assumption: "
                   "CLOSED (a correction, not a move).");
    CHECK(strstr(buf, "LISTEN -> CLOSED") == NULL);
    tt_ladder_line(&r, &h, 2, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "CLOSED*");
    /* A crossing SYN: the server was CLOSED, and its SYN moves it on. */
    header(&h, b, 300, 0, TT_SYN);
    r = result(TT_ROLE_SIMULTANEOUS_OPEN, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_SENT,
               TT_ST_LISTEN, TT_ST_SYN_SENT);
    r.notes = TT_NOTE_WAS_OPENING;
    r.notes2 = TT_NOTE2_FIX_SERVER;
    r.edge[1][0] = TT_EV_SND_SYN + 1;
    tt_walk_paragraph(&r, &h, 2, "0.001000", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "server shown LISTEN, which was an assumption: it was CLOSED, and now SYN-SENT");

    /* Seed 004's segment 8: the server's state after it is CLOSE-WAIT, the
     * client's FIN-WAIT-2. */
    header(&h, b, 8011, 1022, TT_ACK);
    r = result(TT_ROLE_TEARDOWN_2, 2, TT_DIR_S2C, TT_ST_FIN_WAIT_1, TT_ST_FIN_WAIT_2,
               TT_ST_CLOSE_WAIT, TT_ST_CLOSE_WAIT);
    r.index = 8;
    tt_walk_paragraph(&r, &h, 8, "0.007000", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Teardown step 2 of 4");
    CHECK_HAS(buf, "Client FIN-WAIT-1 -> FIN-WAIT-2; server stays CLOSE-WAIT.");

    /* Seed 004's segment 1 in Chinese: no space between the Chinese words
     * and the state's Chinese name, as in the tree's sentences. */
    header(&h, b, 1000, 0, TT_SYN);
    r = result(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_CLOSED, TT_ST_SYN_SENT, TT_ST_LISTEN,
               TT_ST_LISTEN);
    r.index = 1;
    tt_walk_paragraph(&r, &h, 1, "0.000000", TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf,
              "客户端从 CLOSED（关闭）变为 SYN-SENT（同步已发送）；服务器保持 LISTEN（监听）。");
    CHECK(strstr(buf, "） 变为") == NULL && strstr(buf, "从CLOSED") == NULL);
    tt_walk_paragraph(&r, &h, 1, "0.000000", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Client CLOSED -> SYN-SENT; server stays LISTEN.");
}

/* The head of a stream without a SYN (seed-002-segment.pcap: both ports
 * ephemeral, so the first sender is the client; no handshake, so the window
 * scale is unknown): it names the rule used, does not speak of ISNs that
 * were not captured, and does not call raw windows scaled. */
static void test_head_without_syn(void)
{
    char buf[2048];
    tt_walk_stream w;
    tt_walk_init(&w, 0);
    tt_result r = result(TT_ROLE_ACK, 0, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED,
                         TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    r.notes = TT_NOTE_DIR_GUESSED;
    r.guess = TT_GUESS_FIRST;
    r.wscale = TT_WS_UNKNOWN;
    tt_walk_add(&w, &r);
    tt_walk_who(&w, "192.168.117.60:38001", "192.168.117.49:55672", TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "Client: 192.168.117.60:38001. Server: 192.168.117.49:55672. No SYN was "
                   "captured, so which side is which is guessed: the client is the side that "
                   "sent the first segment seen.");
    CHECK(strstr(buf, "ports") == NULL);
    tt_walk_numbers_note(&w, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "no SYN was captured, so neither initial sequence number (ISN) is known: "
                   "each side's numbers count from its first segment seen");
    CHECK(strstr(buf, "counts as 0") == NULL);
    CHECK(strstr(buf, "after scaling") == NULL);
    CHECK_HAS(buf, "a window marked \"scale unknown\" (\"x ?\" in the ladder) is the raw field "
                   "value");
    tt_walk_numbers_note(&w, false, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "没有抓到 SYN，所以双方的初始序号（ISN）都不知道");
    CHECK(strstr(buf, "都记作 0") == NULL && strstr(buf, "已按窗口扩大因子换算") == NULL);
    CHECK(utf8_valid(buf));

    /* midstream.pcap: port 8080 is below the ephemeral range. */
    r.guess = TT_GUESS_EPHEMERAL;
    tt_walk_init(&w, 0);
    tt_walk_add(&w, &r);
    tt_walk_who(&w, "10.0.0.1:51000", "10.0.0.2:8080", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the server is the side whose port lies outside the usual range of temporary "
                   "client ports");
    r.guess = TT_GUESS_WELL_KNOWN;
    tt_walk_init(&w, 0);
    tt_walk_add(&w, &r);
    tt_walk_who(&w, "10.0.0.1:51000", "10.0.0.2:80", TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "使用知名端口（小于 1024）的一方是服务器");

    /* starts-at-synack.pcap: only the server's SYN (its SYN+ACK) was seen. */
    tt_walk_init(&w, 0);
    r = result(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_SENT, TT_ST_LISTEN,
               TT_ST_SYN_RECEIVED);
    r.wscale = TT_WS_SYN;
    tt_walk_add(&w, &r);
    tt_walk_numbers_note(&w, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the server's initial sequence number (ISN) counts as 0; the client's SYN "
                   "was not captured, so its numbers count from its first segment seen");
    CHECK_HAS(buf, "after scaling"); /* a SYN's window is never scaled: nothing unknown */

    /* Both SYNs: the ISNs count as 0. */
    tt_walk_init(&w, 0);
    r = result(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_CLOSED, TT_ST_SYN_SENT, TT_ST_LISTEN,
               TT_ST_LISTEN);
    r.wscale = TT_WS_SYN;
    tt_walk_add(&w, &r);
    r = result(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_SENT, TT_ST_LISTEN,
               TT_ST_SYN_RECEIVED);
    r.wscale = TT_WS_SYN;
    tt_walk_add(&w, &r);
    tt_walk_numbers_note(&w, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "each side's initial sequence number (ISN) counts as 0");
}

/* A SYN that carries data (TCP Fast Open, tcp-fast-open.pcap frame 1): the
 * SYN takes the ISN 5000 and its 18 bytes are 5001..5018 (relative 1..18),
 * which the SYN+ACK's ack 5019 confirms. Neither the raw numbers nor the
 * ladder may read as if the data began at the ISN. */
static void test_syn_data(void)
{
    char buf[2048];
    tt_header h;
    uint8_t b[20];
    header(&h, b, 5000, 0, TT_SYN);
    tt_result r = result(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_CLOSED, TT_ST_SYN_SENT,
                         TT_ST_LISTEN, TT_ST_LISTEN);
    r.index = 1, r.chunk = 1, r.rel_seq = 0, r.payload_len = 18, r.notes = TT_NOTE_SYN_DATA;
    tt_walk_numbers(&r, &h, buf, sizeof buf);
    CHECK_STR(buf, "seq 0 data 1:19"); /* data bytes 1 to 18, as seq A:B reads */
    tt_walk_paragraph(&r, &h, 1, "0.000000", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Raw numbers: SYN 5000, data 5001..5018.");
    CHECK(strstr(buf, "5000..5017") == NULL);
    tt_walk_paragraph(&r, &h, 1, "0.000000", TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "原始数值：SYN 5000，数据 5001..5018。");
    /* The same with a SYN+ACK that carries data: the ack is given too. */
    header(&h, b, 9000, 5019, TT_SYN | TT_ACK);
    r = result(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_SENT, TT_ST_LISTEN,
               TT_ST_SYN_RECEIVED);
    r.index = 2, r.chunk = 1, r.rel_seq = 0, r.rel_ack = 19, r.payload_len = 5;
    tt_walk_numbers(&r, &h, buf, sizeof buf);
    CHECK_STR(buf, "seq 0 data 1:6 ack 19");
    tt_walk_paragraph(&r, &h, 2, "0.001000", TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Raw numbers: SYN 9000, data 9001..9005, ack 5019.");
}

static void feed(tt_walk_stream *w, const tt_role *roles, size_t n, uint8_t client_end,
                 uint8_t server_end)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t step = 0;
        if (roles[i] >= TT_ROLE_HANDSHAKE_1 && roles[i] <= TT_ROLE_HANDSHAKE_3)
            step = (uint8_t)(roles[i] - TT_ROLE_HANDSHAKE_1 + 1);
        tt_result r = result(roles[i], step, (tt_dir)(i % 2), TT_ST_ESTABLISHED, client_end,
                             TT_ST_ESTABLISHED, server_end);
        if (roles[i] == TT_ROLE_DATA) {
            r.payload_len = 100;
            r.chunk = 1;
        }
        tt_walk_add(w, &r);
    }
}

static void test_closing(void)
{
    char buf[2048];
    tt_walk_stream w;
    static const tt_role four[] = {TT_ROLE_HANDSHAKE_1, TT_ROLE_HANDSHAKE_2, TT_ROLE_HANDSHAKE_3,
                                   TT_ROLE_DATA,        TT_ROLE_TEARDOWN_1,  TT_ROLE_TEARDOWN_2,
                                   TT_ROLE_TEARDOWN_3,  TT_ROLE_TEARDOWN_4};
    tt_walk_init(&w, 3);
    feed(&w, four, 8, TT_ST_TIME_WAIT, TT_ST_CLOSED);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "8 segments in all.");
    CHECK_HAS(buf, "The three-way handshake is complete");
    CHECK_HAS(buf, "The client sent 0 bytes in 0 chunks; the server sent 100 bytes in 1 chunk.");
    CHECK_HAS(buf, "four-step close");
    CHECK_HAS(buf, "No segment was retransmitted.");

    static const tt_role merged[] = {TT_ROLE_DATA, TT_ROLE_TEARDOWN_1, TT_ROLE_TEARDOWN_2_3,
                                     TT_ROLE_TEARDOWN_4};
    tt_walk_init(&w, 4);
    feed(&w, merged, 4, TT_ST_TIME_WAIT, TT_ST_CLOSED);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "No handshake was captured");
    CHECK_HAS(buf, "three-segment close");
    tt_walk_closing(&w, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "没有抓到握手");

    static const tt_role refused[] = {TT_ROLE_HANDSHAKE_1, TT_ROLE_REFUSED};
    tt_walk_init(&w, 5);
    feed(&w, refused, 2, TT_ST_CLOSED, TT_ST_CLOSED);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The handshake never completed: the SYN was answered with a reset.");
    CHECK_HAS(buf, "refused");
    CHECK(strstr(buf, "captured") == NULL); /* both segments were */

    static const tt_role partial[] = {TT_ROLE_HANDSHAKE_2, TT_ROLE_HANDSHAKE_3, TT_ROLE_DATA};
    tt_walk_init(&w, 9);
    feed(&w, partial, 3, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The handshake is incomplete in the capture: it shows steps 2, 3 of 3.");

    static const tt_role open[] = {TT_ROLE_HANDSHAKE_1, TT_ROLE_HANDSHAKE_2, TT_ROLE_HANDSHAKE_3,
                                   TT_ROLE_DATA, TT_ROLE_ACK};
    tt_walk_init(&w, 6);
    feed(&w, open, 5, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "still open when the capture ended (client ESTABLISHED, server ESTABLISHED)");

    static const tt_role closing[] = {TT_ROLE_DATA, TT_ROLE_TEARDOWN_1};
    tt_walk_init(&w, 7);
    feed(&w, closing, 2, TT_ST_FIN_WAIT_1, TT_ST_CLOSE_WAIT);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "not finished when the capture ended (client FIN-WAIT-1, server CLOSE-WAIT)");

    /* The capture ends before the server answers the client's FIN: its
     * move is not shown, and the summary says what presumably happened. */
    tt_walk_init(&w, 10);
    feed(&w, closing, 1, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    tt_result fin = result(TT_ROLE_TEARDOWN_1, 1, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_FIN_WAIT_1,
                           TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    fin.notes = TT_NOTE_FIN_PENDING;
    tt_walk_add(&w, &fin);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The capture holds no answer of the server to the last FIN it received, so it "
                   "is shown ESTABLISHED to the end; it presumably moved to CLOSE-WAIT");
    tt_walk_closing(&w, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "CLOSE-WAIT");
    /* Its answer, once captured, removes the note. */
    tt_result ack = result(TT_ROLE_TEARDOWN_2, 2, TT_DIR_S2C, TT_ST_FIN_WAIT_1, TT_ST_FIN_WAIT_2,
                           TT_ST_ESTABLISHED, TT_ST_CLOSE_WAIT);
    ack.edge[1][0] = TT_EV_RCV_FIN + 1;
    tt_walk_add(&w, &ack);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK(strstr(buf, "presumably") == NULL);

    static const tt_role reset[] = {TT_ROLE_DATA, TT_ROLE_MALFORMED, TT_ROLE_RESET};
    tt_walk_init(&w, 8);
    feed(&w, reset, 3, TT_ST_CLOSED, TT_ST_CLOSED);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "reset (RST)");
    CHECK_HAS(buf, "1 segment had a malformed or truncated header: it is explained");
    /* abort-rst.pcapng: every byte was acknowledged before the RST. */
    CHECK_HAS(buf, "no data was outstanding then");
    CHECK(strstr(buf, "in flight") == NULL);
    /* A RST while bytes were unacknowledged. */
    tt_walk_init(&w, 8);
    feed(&w, reset, 2, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    tt_result rst = result(TT_ROLE_RESET, 0, TT_DIR_S2C, TT_ST_ESTABLISHED, TT_ST_CLOSED,
                           TT_ST_ESTABLISHED, TT_ST_CLOSED);
    rst.notes2 = TT_NOTE2_RST_IN_FLIGHT;
    tt_walk_add(&w, &rst);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "data still in flight may be lost");
}

static void test_ladder(void)
{
    char buf[1024];
    tt_walk_stream w;
    tt_walk_init(&w, 0);
    tt_result r = result(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_ESTABLISHED,
                         TT_ST_LISTEN, TT_ST_SYN_RECEIVED);
    r.rel_ack = 1;
    tt_walk_add(&w, &r);
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        tt_ladder_top(&w, "[2001:db8::1]:51000", "[2001:db8:ffff::2]:443", (tt_lang)lang, buf,
                      sizeof buf);
        char *nl = strchr(buf, '\n');
        CHECK(nl != NULL);
        if (nl) {
            *nl = '\0';
            CHECK(tt_display_width(buf) <= TT_LADDER_WIDTH);
            CHECK_HAS(buf, "443");
            CHECK(tt_display_width(nl + 1) <= TT_LADDER_WIDTH);
        }
    }
    tt_ladder_top(&w, "10.0.0.1:40000", "10.0.0.2:8000", TT_LANG_ZH, buf, sizeof buf);
    /* The first states by the RFC's names, which every Chinese view gives
     * first (the column has no room for the textbook's beside them). */
    CHECK_HAS(buf, "\n      SYN-SENT");
    CHECK(strstr(buf, "同步已发送") == NULL);
    CHECK(strstr(buf, "LISTEN") != NULL && strstr(buf, "监听") == NULL);
    tt_header h;
    uint8_t b[20];
    header(&h, b, 8000, 1001, TT_SYN | TT_ACK);
    tt_ladder_line(&r, &h, 2, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "    2 ESTABLISHED  |<- [S.] seq 0 ack 1 [Handshake 2/3] ");
    CHECK_HAS(buf, "-| SYN-RECEIVED");
    CHECK_EQ_U(tt_display_width(buf), 98);
    tt_ladder_line(&r, &h, 2, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "[三报文握手第 2 步]");
    /* The states by the RFC's names, as in English (the name every Chinese
     * view gives first): the line is as wide as the English one, the
     * Chinese label's wide characters counting twice. */
    CHECK_HAS(buf, "    2 ESTABLISHED  |<- [S.] seq 0 ack 1 [三报文握手第 2 步] ");
    CHECK_HAS(buf, "-| SYN-RECEIVED");
    CHECK(strstr(buf, "已建立连接") == NULL && strstr(buf, "同步收到") == NULL);
    CHECK_EQ_U(tt_display_width(buf), 98);

    /* A label too long for the arrow is cut, never the line widened. */
    r.role = TT_ROLE_DATA_PIGGYBACK;
    r.steps[0] = 0;
    r.chunk = 123456789;
    r.notes = TT_NOTE_RETRANSMISSION;
    r.payload_len = 4000000000u;
    r.rel_seq = 4000000000u;
    tt_ladder_line(&r, &h, 99999, TT_LANG_ZH, buf, sizeof buf);
    CHECK(tt_display_width(buf) <= TT_LADDER_WIDTH);
    /* a frame number wider than its column does not widen the line */
    r.client_after = TT_ST_FIN_WAIT_1;
    tt_ladder_line(&r, &h, 4000000000u, TT_LANG_ZH, buf, sizeof buf);
    CHECK(tt_display_width(buf) <= TT_LADDER_WIDTH);
    CHECK(utf8_valid(buf));
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xc0) != 0x80;
    return n;
}

/* Flow Graph labels: the role (and its step) first, the flags after when
 * they fit, and never more than the 20 characters Wireshark's text Flow
 * Graph keeps; a label cut to fit ends in an ellipsis, never inside a
 * number. */
/* The figure of bytes in flight is Wireshark's (tcp.analysis.bytes_in_flight),
 * so its gloss gives Wireshark's definition: on data segments, from the
 * peer's last cumulative ACK to the highest byte sent, less what SACK
 * blocks reported (sack-recovery.pcap frame 13: 5001 - 1001 - 3000 = 1000). */
static void test_flight_gloss(void)
{
    char buf[2048];
    tt_walk_numbers_note(NULL, false, TT_LANG_EN, buf, sizeof buf);
    CHECK(strstr(buf, "given on segments that carry data") != NULL);
    CHECK(strstr(buf, "from the peer's last cumulative acknowledgment up to the highest byte "
                      "sent so far, less those the peer reported received in SACK blocks") != NULL);
    CHECK(strstr(buf, "bytes in flight are those sent but not yet acknowledged") == NULL);
    tt_walk_numbers_note(NULL, false, TT_LANG_ZH, buf, sizeof buf);
    CHECK(strstr(buf, "再减去对方在 SACK 块中报告已收到的字节") != NULL);
}

static void test_flow_label(void)
{
    char buf[256];
    tt_header h;
    uint8_t b[20];
    header(&h, b, 1000, 8001, TT_SYN | TT_ACK);
    tt_result r = result(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_ESTABLISHED,
                         TT_ST_LISTEN, TT_ST_SYN_RECEIVED);
    tt_walk_flow_label(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "Handshake 2/3 [S.]");
    tt_walk_flow_label(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "三报文握手第 2 步 [S.]");
    r = result(TT_ROLE_SIMULTANEOUS_CLOSE, 3, TT_DIR_C2S, 0, 0, 0, 0);
    header(&h, b, 1000, 8001, TT_ACK);
    tt_walk_flow_label(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "Simult. close 3/4"); /* 21 characters with its flags */
    r = result(TT_ROLE_DATA_PIGGYBACK, 0, TT_DIR_S2C, 0, 0, 0, 0);
    r.chunk = 12, r.notes = TT_NOTE_RETRANSMISSION;
    header(&h, b, 1000, 8001, TT_PSH | TT_ACK);
    tt_walk_flow_label(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "ACK + Data #12 (res\xe2\x80\xa6");

    for (unsigned role = 1; role < TT_ROLE_COUNT; role++) {
        for (unsigned variant = 0; variant < 8; variant++) {
            r = result((tt_role)role, (uint8_t)(variant % 5), TT_DIR_C2S, 0, 0, 0, 0);
            r.chunk = variant & 1 ? 65535 : 7;
            r.acked_chunk = variant & 2 ? 65535 : 3;
            r.acked_count = (uint16_t)(variant & 4 ? 9 : 1);
            r.notes = (variant & 1 ? TT_NOTE_RETRANSMISSION : 0) |
                      (variant & 2 ? TT_NOTE_CARRIES_DATA : 0);
            header(&h, b, 1000, 8001, (uint16_t)(TT_ACK | TT_PSH | TT_FIN | TT_URG));
            for (unsigned l = 0; l < TT_LANG_COUNT; l++) {
                size_t len = tt_walk_flow_label(&r, &h, (tt_lang)l, buf, sizeof buf);
                CHECK(len == strlen(buf) && len > 0);
                CHECK(chars(buf) <= 20);
                char role_label[128];
                tt_walk_role_label(&r, (tt_lang)l, role_label, sizeof role_label);
                const char *dots = strstr(buf, "\xe2\x80\xa6");
                if (dots != NULL) {
                    CHECK(dots[3] == '\0');
                    CHECK(dots == buf || dots[-1] != '#');
                    /* A number just before the ellipsis is whole: the role
                     * label has it followed by something else than a digit. */
                    const char *word = dots;
                    while (word > buf && word[-1] != ' ')
                        word--;
                    char tail[64];
                    snprintf(tail, sizeof tail, "%.*s", (int)(dots - word), word);
                    const char *at = tail[0] != '\0' ? strstr(role_label, tail) : NULL;
                    bool whole =
                        tail[0] == '\0' || !(dots[-1] >= '0' && dots[-1] <= '9') ||
                        (at != NULL && !(at[strlen(tail)] >= '0' && at[strlen(tail)] <= '9'));
                    if (!whole)
                        fprintf(stderr, "cut inside a number: %s (%s)\n", buf, role_label);
                    CHECK(whole);
                }
                /* A role with a step shows it. */
                const char *slash = strchr(role_label, '/');
                if (slash != NULL && (role < TT_ROLE_SIMULTANEOUS_OPEN || l == TT_LANG_ZH)) {
                    size_t head = (size_t)(slash - role_label) + 2;
                    if (strncmp(buf, role_label, head) != 0)
                        fprintf(stderr, "flow label \"%s\" lost the step of \"%s\"\n", buf,
                                role_label);
                    CHECK(strncmp(buf, role_label, head) == 0);
                }
                if (slash != NULL)
                    CHECK(strstr(buf, slash - 1) != NULL || strchr(buf, '/') != NULL);
            }
        }
    }
}

/* Times are rounded to the nearest microsecond, not cut: Wireshark's
 * 0.000020814 s is 21 us, shown 0.021 ms. */
static void test_time_rounding(void)
{
    char buf[32];
    CHECK(tt_time_us(0, 20814) == 21u);
    CHECK(tt_time_us(0, 20499) == 20u);
    CHECK(tt_time_us(0, 20500) == 21u);
    CHECK(tt_time_us(1, 999999600) == 2000000u); /* carries into the seconds */
    CHECK(tt_time_us(-1, 0) == 0u);
    /* A segment's time is cut, as Wireshark's Time column shows it
     * (java-hello.pcapng frame 2: 0.000034852 s is 0.000034 there). */
    CHECK(tt_time_us_cut(0, 34852) == 34u);
    CHECK(tt_time_us_cut(0, 999) == 0u);
    CHECK(tt_time_us_cut(1, 999999999) == 1999999u);
    CHECK(tt_time_us_cut(-1, 0) == 0u);
    tt_walk_ms(tt_time_us(0, 20814), buf, sizeof buf);
    CHECK(strcmp(buf, "0.021") == 0);
    tt_walk_time(tt_time_us(12, 120600), buf, sizeof buf);
    CHECK(strcmp(buf, "12.000121") == 0);
    CHECK(tt_time_ms(1499) == 1u);
    CHECK(tt_time_ms(1500) == 2u);
    CHECK(tt_time_ms(999) == 1u);
}

/* icmp-quoted.pcap: the client's SYN answered only by an ICMP error. The
 * closing summary says so instead of calling the connection open and the
 * server about to answer. */
static void test_closing_icmp(void)
{
    char buf[4096];
    tt_walk_stream w;
    tt_walk_init(&w, 0);
    tt_result syn = result(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_CLOSED, TT_ST_SYN_SENT,
                           TT_ST_LISTEN, TT_ST_LISTEN);
    syn.notes = TT_NOTE_SYN_PENDING;
    tt_walk_add(&w, &syn);
    tt_result q = result(TT_ROLE_ICMP_QUOTED, 0, TT_DIR_C2S, TT_ST_SYN_SENT, TT_ST_SYN_SENT,
                         TT_ST_LISTEN, TT_ST_LISTEN);
    q.notes2 = TT_NOTE2_ICMP4 | TT_NOTE2_ICMP_FROM_DEST;
    q.icmp_type = 3;
    q.icmp_code = 3;
    tt_header h;
    uint8_t b[20] = {0x9c, 0x48, 0x1f, 0x40}; /* 40008 -> 8000 */
    tt_header_parse(&h, b, 8);
    tt_walk_add_icmp(&w, &q, &h, 2);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The client's SYN was answered by an ICMP error, destination unreachable, port "
                   "unreachable (frame 2), sent by that segment's destination host itself, and "
                   "by nothing else. Nothing listens on port 8000 there: the client's connect() "
                   "fails");
    CHECK_HAS(buf, "The server was never in LISTEN or SYN-RECEIVED");
    CHECK(strstr(buf, "still open") == NULL && strstr(buf, "presumably") == NULL);
    tt_walk_closing(&w, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "那里没有进程在端口 8000 上监听");
    CHECK(strstr(buf, "仍然打开") == NULL);

    /* From a router (3/13): a soft error; the SYN never reached the server. */
    q.notes2 = TT_NOTE2_ICMP4 | TT_NOTE2_ICMP_FROM_PATH;
    q.icmp_code = 13;
    tt_walk_add_icmp(&w, &q, &h, 4);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "communication administratively prohibited (frame 4), sent by a router");
    CHECK_HAS(buf, "The SYN never reached the server's TCP");
    CHECK(strstr(buf, "Nothing listens") == NULL);

    /* A SYN+ACK came after all: the error is not the end of the story. */
    tt_result synack = result(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_SENT,
                              TT_ST_LISTEN, TT_ST_SYN_RECEIVED);
    tt_walk_add(&w, &synack);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK(strstr(buf, "ICMP") == NULL);

    /* An error about a segment of the server, or of an established
     * connection, is not recorded. */
    tt_walk_init(&w, 0);
    tt_walk_add(&w, &syn);
    q.dir = TT_DIR_S2C;
    tt_walk_add_icmp(&w, &q, &h, 2);
    CHECK_EQ_U(w.icmp_frame, 0);
}

/* simultaneous-close.pcap: the first FIN was shown as teardown step 1 when
 * seen; the closing summary says that it turned out to be step 1 of the
 * simultaneous close. An ordinary close says nothing of the kind. */
static void test_closing_simclose(void)
{
    char buf[4096];
    tt_walk_stream w;
    tt_walk_init(&w, 0);
    tt_result r = result(TT_ROLE_TEARDOWN_1, 1, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_FIN_WAIT_1,
                         TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    r.index = 7;
    tt_walk_add(&w, &r);
    r = result(TT_ROLE_SIMULTANEOUS_CLOSE, 2, TT_DIR_S2C, TT_ST_FIN_WAIT_1, TT_ST_FIN_WAIT_1,
               TT_ST_ESTABLISHED, TT_ST_FIN_WAIT_1);
    r.index = 8;
    tt_walk_add(&w, &r);
    r = result(TT_ROLE_SIMULTANEOUS_CLOSE, 4, TT_DIR_S2C, TT_ST_CLOSING, TT_ST_TIME_WAIT,
               TT_ST_FIN_WAIT_1, TT_ST_TIME_WAIT);
    r.index = 10;
    tt_walk_add(&w, &r);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "It ended with a simultaneous close: the two FINs crossed");
    CHECK_HAS(buf, " Segment 7, shown as teardown step 1 of 4 where it was seen (nothing had yet "
                   "told it from an ordinary active close), turned out to be step 1 of this "
                   "simultaneous close");
    tt_walk_closing(&w, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "第 7 个报文段在被看到时显示为“连接释放第 1 步（共 4 步）”");

    tt_walk_init(&w, 0);
    r = result(TT_ROLE_TEARDOWN_1, 1, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_FIN_WAIT_1,
               TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    r.index = 4;
    tt_walk_add(&w, &r);
    r = result(TT_ROLE_TEARDOWN_4, 4, TT_DIR_C2S, TT_ST_FIN_WAIT_2, TT_ST_TIME_WAIT, TT_ST_LAST_ACK,
               TT_ST_CLOSED);
    r.index = 7;
    tt_walk_add(&w, &r);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK(strstr(buf, "turned out") == NULL);
}

/* A segment of a stream: role, direction, states after, its number. */
static tt_result seg(tt_role role, uint8_t step, tt_dir dir, uint8_t ca, uint8_t sa, uint32_t index)
{
    tt_result r = result(role, step, dir, ca, ca, sa, sa);
    r.index = index;
    r.wscale = (role == TT_ROLE_HANDSHAKE_1 || role == TT_ROLE_HANDSHAKE_2) ? TT_WS_SYN : 0;
    return r;
}

/* A SYN header offering window scale `shift` (< 0: no option). */
static void syn_header(tt_header *h, uint8_t *b, uint16_t flags, int shift)
{
    header(h, b, 1000, 0, flags);
    if (shift >= 0) {
        b[12] = 0x60 | (uint8_t)(flags >> 8);
        b[20] = 3, b[21] = 3, b[22] = (uint8_t)shift, b[23] = 1; /* wscale, NOP */
        tt_header_parse(h, b, 24);
    }
}

/* A view of part of a stream (a filter): the sentences about each side
 * come from the whole capture, and say what the view leaves out. */
static void test_filtered_view(void)
{
    char buf[4096];
    tt_walk_stream all, view;
    tt_walk_init(&all, 0);
    tt_walk_init(&view, 0);
    all.first_frame = 1;
    tt_result r[6] = {
        seg(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_SYN_SENT, TT_ST_LISTEN, 1),
        seg(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_RECEIVED, 2),
        seg(TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 3),
        seg(TT_ROLE_DATA, 0, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 4),
        seg(TT_ROLE_ACK, 0, TT_DIR_S2C, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 5),
        seg(TT_ROLE_TEARDOWN_1, 1, TT_DIR_C2S, TT_ST_FIN_WAIT_1, TT_ST_ESTABLISHED, 6),
    };
    r[3].payload_len = 10;
    r[3].chunk = 1;
    tt_header h;
    uint8_t b[24];
    for (unsigned i = 0; i < 6; i++) {
        if (i == 0)
            syn_header(&h, b, TT_SYN, 7);
        else if (i == 1)
            syn_header(&h, b, TT_SYN | TT_ACK, -1);
        else
            header(&h, b, 1, 1, TT_ACK);
        tt_walk_add_header(&all, &r[i], &h);
        if (i == 3 || i == 4) /* the view: segments 4 and 5 only */
            tt_walk_add_header(&view, &r[i], &h);
    }
    view.capture = &all;
    CHECK(tt_walk_filtered(&view) && !tt_walk_filtered(&all));
    CHECK(tt_walk_syn_seen(&view, 0) == TT_SYN_FILTERED);
    CHECK(tt_walk_syn_seen(&view, 1) == TT_SYN_FILTERED);
    CHECK(tt_walk_syn_seen(&all, 0) == TT_SYN_SHOWN);
    /* RFC 7323: the server's SYN+ACK carried no window scale: not in use. */
    CHECK(tt_walk_scale(&view, 0) == TT_WS_NONE && tt_walk_scale(&view, 1) == TT_WS_NONE);
    tt_walk_numbers_note(&view, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "each side's initial sequence number (ISN) counts as 0");
    CHECK_HAS(buf, "Both SYNs, which give the ISNs, are in the capture but not in this view "
                   "(filtered out).");
    CHECK_HAS(buf, "Times count from the stream's first captured segment (frame 1), which is not "
                   "in this view (filtered out).");
    CHECK(strstr(buf, "no SYN was captured") == NULL);
    tt_walk_numbers_note(&all, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Times count from the stream's first captured segment.");
    CHECK(strstr(buf, "filtered") == NULL);
    tt_walk_numbers_note(&view, false, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "双方的 SYN（它们给出了初始序号）都在抓包中，但不在本视图中（被过滤掉了）。");
    CHECK(utf8_valid(buf));
    tt_walk_closing(&view, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "This view holds 2 of the stream's 6 captured segments (the others are "
                   "filtered out)");
    CHECK_HAS(buf, "This view shows no handshake segment; the capture holds handshake steps 1, 2, "
                   "3, filtered out.");
    CHECK_HAS(buf, "after this view's last segment (segment 5), filtered out; after that segment "
                   "the client was ESTABLISHED and the server ESTABLISHED.");
    CHECK(strstr(buf, "in the capture: it shows") == NULL);
    tt_walk_closing(&view, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "本视图包含 2 个报文段，该流共抓到 6 个");
    CHECK(utf8_valid(buf));
    /* Both offered the option: in use, each side's windows by its own shift. */
    tt_walk_init(&all, 0);
    syn_header(&h, b, TT_SYN, 7);
    tt_walk_add_header(&all, &r[0], &h);
    CHECK(tt_walk_scale(&all, 0) == TT_WS_UNKNOWN); /* the server's SYN is not known yet */
    syn_header(&h, b, TT_SYN | TT_ACK, 3);
    tt_walk_add_header(&all, &r[1], &h);
    CHECK(tt_walk_scale(&all, 0) == 7 && tt_walk_scale(&all, 1) == 3);
}

/* refused.pcapng: the server answered the SYN with a reset; it sent no
 * SYN, so nothing says its SYN was "not captured". */
static void test_refused_sides(void)
{
    char buf[4096];
    tt_walk_stream w;
    tt_walk_init(&w, 0);
    tt_result syn = seg(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_SYN_SENT, TT_ST_LISTEN, 1);
    tt_result rst = seg(TT_ROLE_REFUSED, 0, TT_DIR_S2C, TT_ST_CLOSED, TT_ST_CLOSED, 2);
    rst.wscale = TT_WS_UNKNOWN;
    tt_walk_add(&w, &syn);
    tt_walk_add(&w, &rst);
    CHECK(tt_walk_syn_seen(&w, 1) == TT_SYN_NOT_SENT);
    CHECK(tt_walk_syn_seen(&w, 0) == TT_SYN_SHOWN);
    tt_walk_numbers_note(&w, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the client's initial sequence number (ISN) counts as 0; the server sent no "
                   "SYN, so it has no ISN");
    CHECK(strstr(buf, "not captured") == NULL);
    CHECK_HAS(buf, "after scaling"); /* the reset's window is not shown: no unknown scale */
    tt_walk_numbers_note(&w, false, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "服务器没有发送 SYN");
    /* A server that never answered the SYN sent none; a client that sent
     * nothing captured did send the SYN a captured SYN+ACK answers. */
    tt_walk_init(&w, 0);
    tt_walk_add(&w, &syn);
    CHECK(tt_walk_syn_seen(&w, 1) == TT_SYN_NOT_SENT);
    tt_walk_init(&w, 0);
    tt_result synack =
        seg(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_RECEIVED, 1);
    tt_walk_add(&w, &synack);
    CHECK(tt_walk_syn_seen(&w, 0) == TT_SYN_NOT_CAPTURED);
    /* A server that sent data but whose SYN+ACK is not in the capture. */
    tt_walk_init(&w, 0);
    tt_result data = seg(TT_ROLE_DATA, 0, TT_DIR_S2C, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 2);
    tt_walk_add(&w, &syn);
    tt_walk_add(&w, &data);
    CHECK(tt_walk_syn_seen(&w, 1) == TT_SYN_NOT_CAPTURED);
    tt_walk_numbers_note(&w, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the server's SYN was not captured");
}

/* The index's few words: from the whole capture, whatever the view. */
static void test_outcome(void)
{
    char buf[512];
    tt_walk_stream all, view;
    tt_walk_init(&all, 0);
    tt_walk_init(&view, 0);
    tt_result r[4] = {
        seg(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_SYN_SENT, TT_ST_LISTEN, 1),
        seg(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_RECEIVED, 2),
        seg(TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 3),
        seg(TT_ROLE_DATA, 0, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 4),
    };
    r[3].payload_len = 7;
    r[3].chunk = 1;
    for (unsigned i = 0; i < 4; i++)
        tt_walk_add(&all, &r[i]);
    tt_walk_add(&view, &r[3]);
    view.capture = &all;
    tt_walk_outcome(&view, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "three-way handshake, data bytes: client 7, server 0, still open at the end");
    tt_walk_outcome(&view, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "三报文握手，数据字节数：客户端 7，服务器 0，结束时仍然打开");
    tt_walk_init(&all, 0);
    tt_result rst = seg(TT_ROLE_REFUSED, 0, TT_DIR_S2C, TT_ST_CLOSED, TT_ST_CLOSED, 2);
    tt_walk_add(&all, &r[0]);
    tt_walk_add(&all, &rst);
    tt_walk_outcome(&all, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "refused (RST)");
}

/* A SYN sent six times is one attempt and five retransmissions; the
 * handshake's third step establishes the connection. */
static void test_counts(void)
{
    tt_role_counts c;
    memset(&c, 0, sizeof c);
    tt_result syn = seg(TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, TT_ST_SYN_SENT, TT_ST_LISTEN, 1);
    syn.client_before = TT_ST_CLOSED;
    tt_counts_add(&c, &syn);
    syn.notes = TT_NOTE_RETRANSMISSION;
    syn.client_before = TT_ST_SYN_SENT;
    for (int i = 0; i < 5; i++)
        tt_counts_add(&c, &syn);
    tt_result synack =
        seg(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, TT_ST_SYN_SENT, TT_ST_SYN_RECEIVED, 7);
    tt_result ack = result(TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, TT_ST_SYN_SENT, TT_ST_ESTABLISHED,
                           TT_ST_SYN_RECEIVED, TT_ST_ESTABLISHED);
    tt_result data = seg(TT_ROLE_DATA, 0, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 9);
    tt_counts_add(&c, &synack);
    tt_counts_add(&c, &ack);
    tt_counts_add(&c, &data);
    CHECK(c.sent[TT_ROLE_HANDSHAKE_1] == 1 && c.resent[TT_ROLE_HANDSHAKE_1] == 5);
    CHECK(c.sent[TT_ROLE_HANDSHAKE_2] == 1 && c.sent[TT_ROLE_DATA] == 1);
    CHECK(c.attempted == 1 && c.established == 1);
    tt_result none = syn;
    none.role = 0;
    CHECK(tt_count_segment(&none).role == 0);
}

/* truncated.pcap: the handshake was captured, but a SYN's options were
 * cut: the window gloss says that, not that the handshake is missing. */
static void test_scale_cut(void)
{
    char buf[4096];
    tt_walk_stream w;
    tt_walk_init(&w, 0);
    tt_result r = seg(TT_ROLE_DATA, 0, TT_DIR_C2S, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED, 4);
    r.wscale = TT_WS_CUT;
    tt_walk_add(&w, &r);
    tt_walk_numbers_note(&w, false, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "here a SYN's options were not captured in full (cut by the snapshot length)");
    CHECK(strstr(buf, "where the handshake was not captured") == NULL);
    tt_walk_numbers_note(&w, false, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "这里有 SYN 的选项没有抓全（被抓包长度截断）");
}

/* One segment through tt_walk_add_header: role, direction, states after it,
 * flags, relative numbers and length. */
static tt_result eseg(tt_walk_stream *w, tt_role role, uint8_t step, tt_dir dir, uint8_t ca,
                      uint8_t sa, uint16_t flags, uint32_t rseq, uint32_t rack, uint32_t len)
{
    tt_header h;
    uint8_t b[20];
    header(&h, b, 1000 + rseq, 5000 + rack, flags);
    tt_result r = result(role, step, dir, ca, ca, sa, sa);
    r.index = w->segments + 1;
    r.rel_seq = rseq, r.rel_ack = rack, r.payload_len = len;
    tt_walk_add_header(w, &r, &h);
    return r;
}

/* The end-of-stream summary says what the capture proves, not only what it
 * holds. */
static void test_closing_evidence(void)
{
    char buf[4096];
    tt_walk_stream w;
    const uint8_t E = TT_ST_ESTABLISHED, SS = TT_ST_SYN_SENT, SR = TT_ST_SYN_RECEIVED;

    /* A capture duplicate counts no bytes (13 sent, seen twice: 13). A FIN
     * answered by a RST: said so, not "every byte acknowledged". */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN, 0, 0, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, SS, SR, TT_SYN | TT_ACK, 0, 1, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, E, E, TT_ACK, 1, 1, 0);
    eseg(&w, TT_ROLE_DATA, 0, TT_DIR_S2C, E, E, TT_ACK | TT_PSH, 1, 1, 13);
    tt_header h;
    uint8_t b[20];
    header(&h, b, 5001, 1001, TT_ACK | TT_PSH);
    tt_result dup = result(TT_ROLE_DATA, 0, TT_DIR_S2C, E, E, E, E);
    dup.index = 5, dup.rel_seq = 1, dup.rel_ack = 1, dup.payload_len = 13;
    dup.notes2 = TT_NOTE2_CAPTURE_DUP;
    tt_walk_add_header(&w, &dup, &h);
    eseg(&w, TT_ROLE_TEARDOWN_1, 1, TT_DIR_C2S, TT_ST_FIN_WAIT_1, E, TT_FIN | TT_ACK, 1, 14, 0);
    eseg(&w, TT_ROLE_RESET, 0, TT_DIR_S2C, TT_ST_CLOSED, TT_ST_CLOSED, TT_RST, 14, 0, 0);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the server sent 13 bytes in");
    CHECK_HAS(buf, "the client's FIN (segment 6) was answered with a reset (segment 7) instead "
                   "of the ACK");
    CHECK(strstr(buf, "every byte sent had been acknowledged") == NULL);
    tt_walk_closing(&w, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "客户端的 FIN（第 6 个报文段）得到的回答是复位（第 7 个报文段）");
    CHECK(utf8_valid(buf));

    /* Bytes the capture missed, proven by the FIN's number and the peer's
     * ACK: 2902 bytes, none captured (miss_end_data.pcap). */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN, 0, 0, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, SS, SR, TT_SYN | TT_ACK, 0, 1, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, E, E, TT_ACK, 1, 1, 0);
    tt_result r = eseg(&w, TT_ROLE_DATA, 0, TT_DIR_C2S, E, E, TT_ACK | TT_PSH, 1, 1, 538);
    (void)r;
    header(&h, b, 5000 + 2903, 1000 + 539, TT_FIN | TT_ACK);
    tt_result fin = result(TT_ROLE_TEARDOWN_1, 1, TT_DIR_S2C, E, E, E, TT_ST_FIN_WAIT_1);
    fin.index = 5, fin.rel_seq = 2903, fin.rel_ack = 539, fin.analysis = TT_AN_LOST_SEGMENT;
    tt_walk_add_header(&w, &fin, &h);
    eseg(&w, TT_ROLE_TEARDOWN_2, 2, TT_DIR_C2S, TT_ST_CLOSE_WAIT, TT_ST_FIN_WAIT_2, TT_ACK, 539,
         2904, 0);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The client sent 538 bytes in 0 chunks; the server sent 2902 bytes in");
    CHECK_HAS(buf, "None of the server's 2902 bytes (relative 1..2902) was captured: the "
                   "client's ACK in segment 6 shows that they all arrived.");
    /* Without Wireshark's word that something was missed: nothing claimed. */
    w.gap[1] = false;
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the server sent 0 bytes in");
    CHECK(strstr(buf, "captured:") == NULL);

    /* Some of them: 17 bytes, 4 not captured. */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN, 0, 0, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, SS, SR, TT_SYN | TT_ACK, 0, 1, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, E, E, TT_ACK, 1, 1, 0);
    eseg(&w, TT_ROLE_DATA, 0, TT_DIR_S2C, E, E, TT_ACK, 1, 1, 7);
    header(&h, b, 5012, 1001, TT_ACK);
    r = result(TT_ROLE_DATA, 0, TT_DIR_S2C, E, E, E, E);
    r.index = 5, r.rel_seq = 12, r.rel_ack = 1, r.payload_len = 6;
    r.analysis = TT_AN_LOST_SEGMENT;
    tt_walk_add_header(&w, &r, &h);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the server sent 17 bytes in");
    CHECK_HAS(buf, "4 of the server's 17 bytes (relative 1..17) were not captured: the sequence "
                   "numbers of the segments captured show that they were sent.");
    tt_walk_closing(&w, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "其中 4 字节没有被抓到（服务器共发送 17 字节，相对 1..17）");

    /* An unanswered SYN: never established, no presumed answer. */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN, 0, 0, 0);
    w.pending[1] = TT_EV_RCV_SYN;
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The connection was never established: the capture shows no answer to the "
                   "client's SYN (client SYN-SENT).");
    CHECK(strstr(buf, "still open") == NULL && strstr(buf, "presumably") == NULL);
    /* Answered by a SYN+ACK, the handshake unfinished: not "still open". */
    eseg(&w, TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, SS, SR, TT_SYN | TT_ACK, 0, 1, 0);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The connection was never established in the capture: the handshake did not "
                   "finish (client SYN-SENT, server SYN-RECEIVED).");
    CHECK(strstr(buf, "still open") == NULL);
    tt_walk_outcome(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "never established");

    /* Data dropped outside the receiver's window is not counted as sent. */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN, 0, 0, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, SS, SR, TT_SYN | TT_ACK, 0, 1, 0);
    header(&h, b, 101001, 5001, TT_ACK | TT_PSH);
    r = result(TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, E, E, SR, SR);
    r.index = 3, r.rel_seq = 100001, r.rel_ack = 1, r.payload_len = 11;
    r.notes3 = TT_NOTE3_BEYOND_WINDOW;
    r.analysis = TT_AN_LOST_SEGMENT;
    tt_walk_add_header(&w, &r, &h);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The client sent 0 bytes in 0 chunks");
    CHECK_HAS(buf, "Besides, the client sent 11 bytes (segment 3) far outside the server's "
                   "receive window: the receiver drops such a segment");

    /* A RST answering an unacceptable ACK: the client stays SYN-SENT. */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN, 0, 0, 0);
    eseg(&w, TT_ROLE_ACK, 0, TT_DIR_S2C, SS, TT_ST_LISTEN, TT_ACK, 1, 0, 0);
    header(&h, b, 1000, 0, TT_RST);
    r = result(TT_ROLE_RESET, 0, TT_DIR_C2S, SS, SS, TT_ST_LISTEN, TT_ST_LISTEN);
    r.index = 3, r.notes3 = TT_NOTE3_RST_BAD_ACK;
    tt_walk_add_header(&w, &r, &h);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "The connection was never established: the client's reset (segment 3) "
                   "answered the server's unacceptable ACK");
    CHECK_HAS(buf, "it stays SYN-SENT, its SYN still unacknowledged.");
    CHECK(strstr(buf, "every byte sent had been acknowledged") == NULL);

    /* One-sided: the server's ACK proves the client's 52 bytes. */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, SS, SR, TT_SYN | TT_ACK, 0, 1, 0);
    header(&h, b, 9001, 7053, TT_ACK);
    r = result(TT_ROLE_ACK, 0, TT_DIR_S2C, SS, SS, SR, SR);
    r.index = 2, r.rel_seq = 1, r.rel_ack = 53, r.notes3 = TT_NOTE3_PROVES_EST;
    tt_walk_add_header(&w, &r, &h);
    w.pending[0] = TT_EV_RCV_SYNACK;
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "the server's ACK in segment 2 proves that the client answered the SYN+ACK "
                   "and sent 52 bytes, which were not captured");
    CHECK(strstr(buf, "after the capture ended") == NULL);
    CHECK(strstr(buf, "never established") == NULL);

    /* ECN declined, and urgent data: one sentence each. */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN | TT_ECE | TT_CWR, 0, 0,
         0);
    header(&h, b, 5000, 1001, TT_SYN | TT_ACK);
    r = result(TT_ROLE_HANDSHAKE_2, 2, TT_DIR_S2C, SS, SS, SR, SR);
    r.index = 2, r.rel_ack = 1, r.peer_syn = TT_PEER_SYN_SEEN | TT_PEER_SYN_ECN;
    tt_walk_add_header(&w, &r, &h);
    eseg(&w, TT_ROLE_HANDSHAKE_3, 3, TT_DIR_C2S, E, E, TT_ACK, 1, 1, 0);
    eseg(&w, TT_ROLE_DATA, 0, TT_DIR_C2S, E, E, TT_ACK | TT_URG, 1, 1, 2);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "ECN was offered by the client and declined by the server");
    CHECK_HAS(buf, "Urgent data (URG) was sent by the client, first in segment 4");
    tt_walk_closing(&w, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "客户端提出使用 ECN，服务器拒绝了");
    CHECK(utf8_valid(buf));
    /* Accepted: ECE set in the SYN+ACK. */
    tt_walk_init(&w, 0);
    eseg(&w, TT_ROLE_HANDSHAKE_1, 1, TT_DIR_C2S, SS, TT_ST_LISTEN, TT_SYN | TT_ECE | TT_CWR, 0, 0,
         0);
    header(&h, b, 5000, 1001, TT_SYN | TT_ACK | TT_ECE);
    tt_walk_add_header(&w, &r, &h);
    tt_walk_closing(&w, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "ECN was offered by the client and accepted by the server");
    CHECK(strstr(buf, "Urgent") == NULL);
}

/* The ladder's detail line shows every SACK block: what does not fit in
 * the 60 columns between the bars goes on a further line, never cut
 * (loss-sack-recovery frame 64 had its third block cut to "S"). */
static void test_ladder_sack(void)
{
    /* A duplicate ACK with four SACK blocks (two NOPs, kind 5, length 34). */
    uint8_t b[56];
    tt_header h;
    header(&h, b, 1, 20273, TT_ACK);
    static const uint32_t edges[4][2] = {
        {30409, 31857}, {26065, 28961}, {21721, 24617}, {40000, 41448}};
    b[12] = 0xe0; /* 14 words: 56 bytes */
    b[20] = 1, b[21] = 1, b[22] = 5, b[23] = 34;
    for (int i = 0; i < 4; i++) {
        for (int e = 0; e < 2; e++) {
            for (int k = 0; k < 4; k++)
                b[24 + 8 * i + 4 * e + k] = (uint8_t)(edges[i][e] >> (24 - 8 * k));
        }
    }
    tt_header_parse(&h, b, sizeof b);
    h.absolute = true; /* the edges as they are */
    tt_result r = result(TT_ROLE_DUP_ACK, 0, TT_DIR_S2C, TT_ST_ESTABLISHED, TT_ST_ESTABLISHED,
                         TT_ST_ESTABLISHED, TT_ST_ESTABLISHED);
    tt_walk_seg s = {.r = &r, .h = &h, .frame = 64, .t_us = 77537};
    char buf[1024];
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        tt_ladder_more(&s, (tt_lang)lang, buf, sizeof buf);
        /* every block whole, once */
        for (int i = 0; i < 4; i++) {
            char block[48];
            snprintf(block, sizeof block, "SACK %u-%u", (unsigned)edges[i][0],
                     (unsigned)edges[i][1]);
            const char *at = strstr(buf, block);
            CHECK(at != NULL && strstr(at + 1, block) == NULL);
        }
        CHECK(strstr(buf, "S |") == NULL);
        /* each line between the bars, as wide as the others */
        unsigned lines = 0;
        for (char *line = buf; line != NULL; lines++) {
            char *nl = strchr(line, '\n');
            if (nl != NULL)
                *nl = '\0';
            CHECK_EQ_U(tt_display_width(line), 85);
            CHECK(strncmp(line, "                   |   ", 23) == 0);
            CHECK(line[strlen(line) - 1] == '|');
            line = nl != NULL ? nl + 1 : NULL;
        }
        CHECK_EQ_U(lines, 2);
    }
    tt_ladder_more(&s, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(
        buf,
        "                   |   0.077537 s  win 4096  SACK 30409-31857  SACK 26065-28961     |\n"
        "                   |   SACK 21721-24617  SACK 40000-41448                           |");
}

int main(void)
{
    RUN(test_scale_cut);
    RUN(test_counts);
    RUN(test_outcome);
    RUN(test_filtered_view);
    RUN(test_refused_sides);
    RUN(test_cut_is_final);
    RUN(test_closing_icmp);
    RUN(test_closing_simclose);
    RUN(test_width);
    RUN(test_flags_and_numbers);
    RUN(test_paragraph);
    RUN(test_head_without_syn);
    RUN(test_syn_data);
    RUN(test_closing);
    RUN(test_closing_evidence);
    RUN(test_ladder);
    RUN(test_ladder_sack);
    RUN(test_flow_label);
    RUN(test_time_rounding);
    RUN(test_flight_gloss);
    TT_TEST_MAIN_END();
}
