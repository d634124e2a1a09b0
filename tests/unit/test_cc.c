/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the congestion-control model (cc.c) on synthetic
 * sequences: a sender (the server, 1000-byte segments) and its receiver's
 * ACKs, fed as the conversation would classify them. */
#include "cc.h"
#include "pieces.h"
#include "tt_conv_fixture.h"
#include "tt_test.h"

#define MSS 1000u

typedef struct sim {
    tt_cc_point pt;
    tt_cc cc;
    uint32_t frame;
    uint64_t t;
    uint32_t next; /* the server's next new byte (relative) */
    uint32_t acked;
    uint16_t window; /* the client's advertised window, scaled by 2^7 */
    uint8_t last_code;
    tt_cc_mark last;
} sim;

static uint8_t feed(sim *m, tt_result *r, tt_header *h, tt_cc_mark *mark)
{
    tt_segment s = {0};
    s.frame = ++m->frame;
    s.has_time = true;
    s.time_us = m->t;
    m->t += 100;
    r->index = m->frame;
    return tt_cc_feed(&m->pt, &m->cc, r, h, &s, mark);
}

/* SYN at 0, SYN+ACK at `synack` us, ACK at `ack` us: the capture point is
 * next to the server when the SYN+ACK's answer takes the round trip. */
static void handshake(sim *m, bool with_syn, uint64_t synack, uint64_t ack)
{
    memset(m, 0, sizeof *m);
    m->next = 1;
    m->acked = 1;
    m->window = 0xffff;
    if (!with_syn)
        return;
    uint8_t b[60];
    tt_result r = {0};
    tt_header h;
    tt_cc_mark mk;
    r.role = TT_ROLE_HANDSHAKE_1, r.dir = TT_DIR_C2S, r.wscale = TT_WS_SYN;
    tt_header_parse(&h, b, tt_fx_header(b, 5000, 80, 0, 0, TT_SYN, 65535, 7, 1000, 0));
    m->t = 0;
    tt_cc_feed(&m->pt, NULL, &r, &h, &(tt_segment){.frame = ++m->frame, .has_time = true}, &mk);
    r.role = TT_ROLE_HANDSHAKE_2, r.dir = TT_DIR_S2C, r.rel_ack = 1;
    tt_header_parse(&h, b, tt_fx_header(b, 80, 5000, 0, 1, TT_SYN | TT_ACK, 65535, 7, 1460, 0));
    tt_cc_feed(&m->pt, NULL, &r, &h,
               &(tt_segment){.frame = ++m->frame, .has_time = true, .time_us = synack}, &mk);
    r.role = TT_ROLE_HANDSHAKE_3, r.dir = TT_DIR_C2S, r.rel_seq = 1, r.wscale = 7;
    tt_header_parse(&h, b, tt_fx_header(b, 5000, 80, 1, 1, TT_ACK, 512, -1, 0, 0));
    tt_cc_feed(&m->pt, NULL, &r, &h,
               &(tt_segment){.frame = ++m->frame, .has_time = true, .time_us = ack}, &mk);
    m->t = ack + 100;
}

/* The server sends `len` bytes at `seq` (a new segment when seq is the next
 * byte); why != TT_WHY_NONE: a retransmission for that cause. */
static uint8_t send_at(sim *m, uint32_t seq, uint32_t len, tt_why why)
{
    tt_result r = {0};
    tt_header h = {0};
    r.dir = TT_DIR_S2C;
    r.role = TT_ROLE_DATA;
    r.rel_seq = seq;
    r.rel_ack = 1;
    r.payload_len = len;
    r.wscale = 7;
    h.flags = TT_ACK | TT_PSH;
    h.window = 512;
    if (why != TT_WHY_NONE) {
        r.notes |= TT_NOTE_RETRANSMISSION;
        r.why = (uint8_t)why;
    }
    if (seq + len > m->next)
        m->next = seq + len;
    m->last_code = feed(m, &r, &h, &m->last);
    return m->last_code;
}

static uint8_t send_new(sim *m)
{
    return send_at(m, m->next, MSS, TT_WHY_NONE);
}

/* The client acknowledges up to `ack`. */
static void ack_to(sim *m, uint32_t ack)
{
    tt_result r = {0};
    tt_header h = {0};
    r.dir = TT_DIR_C2S;
    r.role = TT_ROLE_ACK;
    r.rel_seq = 1;
    r.rel_ack = ack;
    r.wscale = 7;
    h.flags = TT_ACK;
    h.window = m->window;
    tt_cc_mark mk;
    CHECK_EQ_U(feed(m, &r, &h, &mk), TT_CC_NONE);
    if (ack > m->acked)
        m->acked = ack;
}

static tt_cc_phase phase_of(uint8_t code)
{
    return tt_cc_code_phase(code);
}

/* Slow start as Linux does it: every ACK of one segment lets two go out.
 * Runs `rounds` round trips from an initial window of 10; every segment
 * must be in slow start. */
static void slow_start(sim *m, unsigned rounds)
{
    unsigned bad = 0;
    for (unsigned i = 0; i < 10; i++)
        bad += phase_of(send_new(m)) != TT_CC_SLOW_START;
    for (unsigned k = 0; k < rounds; k++) {
        uint32_t end = m->next;
        while (m->acked < end) {
            ack_to(m, m->acked + MSS);
            bad += phase_of(send_new(m)) != TT_CC_SLOW_START;
            bad += phase_of(send_new(m)) != TT_CC_SLOW_START;
        }
    }
    CHECK_EQ_U(bad, 0);
}

static void test_slow_start_doubling(void)
{
    sim m;
    handshake(&m, true, 50, 20000); /* next to the server: it waited a round trip */
    CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_SLOW_START);
    char text[4096];
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "Bytes in flight at the capture point: 1000 (about 1 segment of up to 1000 "
                    "bytes)");
    CHECK_HAS(text, "this is the first round trip of data");
    CHECK_HAS(text, "close to the sender's own");
    CHECK(!(m.last_code & (TT_CC_F_NOT_AT_SENDER | TT_CC_F_POINT_UNKNOWN)));
    m.next = 1;
    memset(&m.cc, 0, sizeof m.cc);
    slow_start(&m, 3);
    /* The model's round trips end with the ACKs of segments 10, 28 and 64
     * (the highest sent when the round before ended); after the ACK of
     * segment n, 10 + n are in flight: up to 19, 37 and 73 per round, 80
     * after the last ACK (of segment 70). */
    CHECK_EQ_U(m.last.flight, 80 * MSS);
    CHECK_EQ_U(m.last.prev_segs, 73);
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "Slow start: the last round trip reached about 73 segments in flight, about "
                    "80 are in flight now");
    CHECK_HAS(text, "Inferred from the flight per round trip");
    CHECK(strstr(text, "cwnd") == NULL);
    tt_cc_paragraph(&m.pt, &m.cc, TT_LANG_EN, text, sizeof text);
    /* From the first flight (10, before any ACK) to 80, three rounds ended. */
    CHECK_HAS(text, "Congestion control of the server's data, as seen at the capture point: slow "
                    "start from 10 to 80 segments in 3 round trips (frames 5 to ");
    tt_cc_explain(m.last_code, &m.last, TT_LANG_ZH, text, sizeof text);
    CHECK_HAS(text, "慢开始：上一个往返时间内在途报文段最多约 73 个，现在约 80 个");
    CHECK(utf8_valid(text));
}

/* Three duplicate ACKs, a fast retransmission, recovery until the ACK
 * passes the highest byte sent at the loss, then congestion avoidance. */
static void test_fast_recovery(void)
{
    sim m;
    handshake(&m, true, 50, 20000);
    slow_start(&m, 2); /* 40 segments in flight */
    uint32_t lost = m.acked, recover = m.next;
    for (int i = 0; i < 3; i++)
        ack_to(&m, lost); /* duplicate ACKs */
    CHECK_EQ_U(phase_of(send_at(&m, lost, MSS, TT_WHY_FAST)), TT_CC_FAST_RECOVERY);
    uint32_t loss_frame = m.frame;
    CHECK_EQ_U(m.last.loss_frame, loss_frame);
    CHECK(m.last_code & TT_CC_F_PREV_AT_LOSS);
    CHECK_EQ_U(m.last.prev_segs, 40);
    char text[4096];
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    char want[256];
    snprintf(want, sizeof want, "Fast recovery since the fast retransmission at frame %u",
             (unsigned)loss_frame);
    CHECK_HAS(text, want);
    /* New data while the duplicate ACKs go on: still fast recovery. */
    ack_to(&m, lost);
    CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_FAST_RECOVERY);
    /* A partial ACK does not end it; one past `recover` does. */
    ack_to(&m, recover - 5 * MSS);
    CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_FAST_RECOVERY);
    ack_to(&m, recover);
    uint32_t end_frame = m.frame;
    /* The sender halved: 20 segments in flight after recovery. */
    while (m.next - m.acked < 20 * MSS)
        CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_AVOIDANCE);
    CHECK(m.last_code & TT_CC_F_PREV_AT_LOSS);
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    snprintf(want, sizeof want,
             "Congestion avoidance: the recovery from the loss at frame %u has "
             "ended",
             (unsigned)loss_frame);
    CHECK_HAS(text, want);
    snprintf(want, sizeof want,
             "When the loss was detected (frame %u) about 40 segments were in flight; about 20 "
             "now, 50%% of it.",
             (unsigned)loss_frame);
    CHECK_HAS(text, want);
    /* The next round trips: one more segment each, congestion avoidance. */
    for (unsigned k = 0; k < 3; k++) {
        uint32_t end = m.next;
        bool first = true;
        while (m.acked < end) {
            ack_to(&m, m.acked + MSS);
            CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_AVOIDANCE);
            if (first)
                CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_AVOIDANCE);
            first = false;
        }
    }
    CHECK(!(m.last_code & TT_CC_F_PREV_AT_LOSS));
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    snprintf(want, sizeof want, "Congestion avoidance: the loss at frame %u has been recovered",
             (unsigned)loss_frame);
    CHECK_HAS(text, want);
    tt_cc_paragraph(&m.pt, &m.cc, TT_LANG_EN, text, sizeof text);
    snprintf(want, sizeof want,
             "; a loss at frame %u (a fast retransmission): fast recovery until the ACK in "
             "frame %u passed the recovery point; congestion avoidance from frame %u to ",
             (unsigned)loss_frame, (unsigned)end_frame, (unsigned)end_frame + 1);
    CHECK_HAS(text, want);
}

/* A timeout: recovery from one segment until the recovery point, then slow
 * start up to about half the flight at the loss, then avoidance. */
static void test_timeout_restart(void)
{
    sim m;
    handshake(&m, true, 50, 20000);
    slow_start(&m, 2); /* 40 in flight */
    uint32_t lost = m.acked, recover = m.next;
    CHECK_EQ_U(phase_of(send_at(&m, lost, MSS, TT_WHY_TIMEOUT)), TT_CC_RTO_RECOVERY);
    uint32_t loss_frame = m.frame;
    CHECK(m.last_code & TT_CC_F_AFTER_RTO);
    char text[4096], want[256];
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    snprintf(want, sizeof want, "Recovery after the timeout at frame %u", (unsigned)loss_frame);
    CHECK_HAS(text, want);
    /* Go-back-N: each ACK brings the next resends, marked after-timeout. */
    ack_to(&m, lost + MSS);
    CHECK_EQ_U(phase_of(send_at(&m, lost + MSS, MSS, TT_WHY_NONE)), TT_CC_RTO_RECOVERY);
    ack_to(&m, recover);
    uint32_t end_frame = m.frame;
    /* Past the recovery point: slow start again, from few segments. */
    CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_SLOW_START);
    CHECK(m.last_code & TT_CC_F_AFTER_RTO);
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    snprintf(want, sizeof want, "Slow start after the timeout at frame %u", (unsigned)loss_frame);
    CHECK_HAS(text, want);
    /* Each ACK of one segment lets two go: one more in flight per ACK, up
     * to half the flight at the loss (20 segments), then avoidance. */
    for (int k = 0; k < 19; k++) {
        ack_to(&m, m.acked + MSS);
        CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_SLOW_START);
        CHECK_EQ_U(phase_of(send_new(&m)), k < 18 ? TT_CC_SLOW_START : TT_CC_AVOIDANCE);
    }
    CHECK_EQ_U(m.last.flight, 20 * MSS);
    tt_cc_paragraph(&m.pt, &m.cc, TT_LANG_EN, text, sizeof text);
    snprintf(want, sizeof want,
             "a timeout at frame %u: recovery until the ACK in frame %u passed the recovery "
             "point; slow start from 1 to 19 segments",
             (unsigned)loss_frame, (unsigned)end_frame);
    CHECK_HAS(text, want);
}

/* The receiver's window: zero, then smaller than the flight could be. */
static void test_receiver_limited(void)
{
    sim m;
    handshake(&m, true, 50, 20000);
    m.window = 40; /* 40 x 128 = 5120 bytes */
    ack_to(&m, 1);
    for (int i = 0; i < 4; i++)
        CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_SLOW_START);
    /* The fifth segment brings the flight within one segment of 5120. */
    CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_RECEIVER_LIMITED);
    CHECK(!(m.last_code & TT_CC_F_ZERO_WINDOW));
    CHECK_EQ_U(m.last.prev_segs, 5); /* the window in segments: 5120 / 1000 */
    m.window = 0;
    ack_to(&m, m.next);
    CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_RECEIVER_LIMITED);
    CHECK(m.last_code & TT_CC_F_ZERO_WINDOW);
    char text[4096];
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "Limited by the receiver: its last window was zero");
    tt_cc_explain(m.last_code, &m.last, TT_LANG_ZH, text, sizeof text);
    CHECK_HAS(text, "受接收方窗口限制：接收方最后通知的窗口为零");
}

/* Small writes with idle gaps: every one finds nothing outstanding and is
 * shorter than the receiver's MSS: the application is the limit. */
static void test_app_limited(void)
{
    sim m;
    handshake(&m, true, 50, 20000);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ_U(phase_of(send_at(&m, m.next, 100, TT_WHY_NONE)), TT_CC_SENDER_LIMITED);
        m.t += 1000000; /* a second later the ACK, and a pause */
        ack_to(&m, m.next);
    }
    char text[4096];
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "Limited by the application: nothing was outstanding");
    tt_cc_paragraph(&m.pt, &m.cc, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "limited by the application from frame 4 to ");
    /* After a bulk round of 20 segments, a trickle of one segment. */
    sim b;
    handshake(&b, true, 50, 20000);
    slow_start(&b, 1); /* rounds of 10 and 20 segments */
    ack_to(&b, b.next);
    ack_to(&b, b.next); /* the round ends: all acknowledged */
    CHECK_EQ_U(phase_of(send_new(&b)), TT_CC_SENDER_LIMITED);
    tt_cc_explain(b.last_code, &b.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "well below what the last round trips carried (about 20 segments)");
}

/* No handshake: slow start and avoidance cannot be told apart until a loss
 * shows; where the capture point lies is not known either. */
static void test_mid_stream(void)
{
    sim m;
    handshake(&m, false, 0, 0);
    m.next = 500001;
    m.acked = 500001;
    for (int i = 0; i < 10; i++)
        CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_UNKNOWN);
    CHECK(m.last_code & TT_CC_F_POINT_UNKNOWN);
    char text[4096];
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "the capture starts in the middle of the transfer");
    CHECK_HAS(text, "where the capture point lies is not known");
    uint32_t lost = m.next - 10 * MSS;
    for (int i = 0; i < 3; i++)
        ack_to(&m, lost);
    CHECK_EQ_U(phase_of(send_at(&m, lost, MSS, TT_WHY_SACK)), TT_CC_FAST_RECOVERY);
    ack_to(&m, m.next);
    CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_AVOIDANCE);
    tt_cc_paragraph(&m.pt, &m.cc, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text,
              "cannot be told from frame 1 to 10 (the capture starts mid-transfer); a loss "
              "at frame 14 (a fast retransmission): fast recovery until the ACK in frame 15 passed "
              "the recovery point; congestion avoidance at frame 16 (1 segment in flight)");
    CHECK_HAS(text, "the flights are approximate");
}

/* The capture point next to the client, data from the server: approximate. */
static void test_capture_at_receiver(void)
{
    sim m;
    handshake(&m, true, 20000, 20050);
    send_new(&m);
    CHECK(m.last_code & TT_CC_F_NOT_AT_SENDER);
    char text[4096];
    tt_cc_explain(m.last_code, &m.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "so the flight seen here is only approximate");
    /* A handshake of 300 us at the capture point: both ends are near it. */
    sim n;
    handshake(&n, true, 200, 300);
    send_new(&n);
    CHECK_EQ_U(n.last_code & TT_CC_F_POINT_NEAR, TT_CC_F_POINT_NEAR);
    tt_cc_explain(n.last_code, &n.last, TT_LANG_EN, text, sizeof text);
    CHECK_HAS(text, "both ends are close to it");
    CHECK(strstr(text, "only approximate") == NULL);
    CHECK_STR(tt_cc_token(TT_CC_RTO_RECOVERY), "rto-recovery");
    CHECK_STR(tt_cc_words(TT_CC_SLOW_START, TT_LANG_ZH), "慢开始");
    tt_cc_numbers_words(m.last_code, TT_LANG_EN, text, sizeof text);
    CHECK_STR(text, "congestion control: slow start");
    CHECK_EQ_U(tt_cc_numbers_words(0, TT_LANG_EN, text, sizeof text), 0);
    /* In the walkthrough's numbers line, after what the segment shows. */
    uint8_t b[60];
    tt_header h;
    tt_header_parse(&h, b, tt_fx_header(b, 80, 5000, 1, 1, TT_ACK, 512, -1, 0, 0));
    tt_result r = {0};
    r.role = TT_ROLE_DATA, r.payload_len = 1000, r.wscale = 7;
    tt_walk_seg w = {0};
    w.r = &r, w.h = &h, w.cc = TT_CC_FAST_RECOVERY | TT_CC_F_PREV_AT_LOSS;
    tt_walk_numbers_line(&w, TT_LANG_EN, text, sizeof text);
    CHECK_STR(text, "Numbers: win 512 x 128 = 65536 bytes; congestion control: fast recovery.");
    tt_walk_numbers_line(&w, TT_LANG_ZH, text, sizeof text);
    CHECK_HAS(text, "拥塞控制：快恢复");
}

/* The model keeps a fixed size whatever the stream's length: its phase
 * runs are bounded, later changes counted. */
static void test_bounded(void)
{
    sim m;
    handshake(&m, true, 50, 20000);
    for (int i = 0; i < 50; i++) {
        send_at(&m, m.next, 100, TT_WHY_NONE); /* application-limited */
        ack_to(&m, m.next);
        m.window = 0;
        ack_to(&m, m.next);
        CHECK_EQ_U(phase_of(send_new(&m)), TT_CC_RECEIVER_LIMITED);
        m.window = 0xffff;
        ack_to(&m, m.next);
    }
    CHECK_EQ_U(m.cc.side[TT_DIR_S2C].n_runs, TT_CC_RUNS);
    CHECK(m.cc.side[TT_DIR_S2C].dropped_runs > 80);
    char text[8192];
    tt_cc_paragraph(&m.pt, &m.cc, TT_LANG_ZH, text, sizeof text);
    CHECK_HAS(text, "次阶段变化");
    CHECK(utf8_valid(text));
}

int main(void)
{
    RUN(test_slow_start_doubling);
    RUN(test_fast_recovery);
    RUN(test_timeout_restart);
    RUN(test_receiver_limited);
    RUN(test_app_limited);
    RUN(test_mid_stream);
    RUN(test_capture_at_receiver);
    RUN(test_bounded);
    TT_TEST_MAIN_END();
}
