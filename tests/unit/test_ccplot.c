/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the handout's congestion plot (ccplot.c) on synthetic points.
 * With a folder as argument, the plots are also written there as files
 * (events-en.xml, events-zh.xml, thinned-en.xml, worst-en.xml) for
 * ccplot-xml.py, which parses them as XML. */
#include "ccplot.h"
#include "handout.h"
#include "strbuf.h"

#include "tt_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The phases by name, in cc_phases.def's order. */
enum {
#define TT_CC(id, token, en, zh) P_##id,
#include "cc_phases.def"
#undef TT_CC
    P_COUNT
};

static const char *out_dir;

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The steps (H) of the path element that starts with `start`. */
static size_t steps(const char *hay, const char *start)
{
    const char *p = strstr(hay, start);
    if (p == NULL)
        return 0;
    const char *end = strstr(p, "/>");
    size_t n = 0;
    for (; p < end; p++)
        n += *p == 'H';
    return n;
}

static void save(const char *name, const char *text)
{
    if (out_dir == NULL)
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", out_dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fputs(text, f);
    fclose(f);
}

/* The textbook's story in 60 points, 10 ms apart: slow start (flight
 * doubling to 16000, then 500 bytes more each point up to 24000 at point
 * 19), a fast retransmission at point 20 (flight halved), fast recovery for
 * 5 points,
 * congestion avoidance (one segment more each point), a timeout at point 45
 * with a second resend at 46, recovery after it, then avoidance again; a
 * second fast retransmission at 55, in avoidance. The receiver's window is
 * 30000 bytes throughout. Bands: slow start, fast recovery, avoidance,
 * recovery after a timeout, avoidance: 5. Markers: fast retransmissions at
 * 20 and 55 (2), timeouts at 45 and 46 (2). */
static size_t story(tt_ccplot_point *p)
{
    size_t n = 60;
    uint32_t flight = 1000;
    for (size_t i = 0; i < n; i++) {
        p[i].t_us = (uint64_t)i * 10000;
        p[i].rwnd = 30000;
        p[i].event = TT_CCPLOT_EVENT_NONE;
        if (i < 20) {
            p[i].phase = P_TT_CC_SLOW_START;
            flight = i < 4 ? flight * 2 : flight + 500;
        } else if (i < 25) {
            p[i].phase = P_TT_CC_FAST_RECOVERY;
            if (i == 20)
                flight /= 2;
        } else if (i < 45) {
            p[i].phase = P_TT_CC_AVOIDANCE;
            flight += 500;
        } else if (i < 50) {
            p[i].phase = P_TT_CC_RTO_RECOVERY;
            flight = i == 45 ? 1000 : flight * 2;
        } else {
            p[i].phase = P_TT_CC_AVOIDANCE;
            flight += 500;
        }
        p[i].flight = flight;
    }
    p[20].event = TT_CCPLOT_EVENT_FAST_RETRANSMIT;
    p[55].event = TT_CCPLOT_EVENT_FAST_RETRANSMIT;
    p[45].event = TT_CCPLOT_EVENT_TIMEOUT;
    p[46].event = TT_CCPLOT_EVENT_TIMEOUT;
    return n;
}

static void test_story(void)
{
    tt_ccplot_point p[60];
    size_t n = story(p);
    static char buf[TT_CCPLOT_SVG_MAX];
    tt_sb b;
    for (unsigned l = 0; l < TT_LANG_COUNT; l++) {
        tt_sb_init(&b, buf, sizeof buf);
        tt_ccplot_svg(&b, p, n, l == TT_LANG_EN ? "the client" : "客户端", (tt_lang)l);
        CHECK(!b.cut);
        CHECK_EQ_U(count(buf, "<figure class=\"ccplot\">"), 1);
        CHECK_EQ_U(count(buf, "<svg "), 1);
        CHECK_EQ_U(count(buf, "class=\"tri\""), 2);
        CHECK_EQ_U(count(buf, "class=\"cross\""), 2);
        CHECK_EQ_U(count(buf, "<rect class=\"band "), 5);
        CHECK_EQ_U(count(buf, "<path class=\"flight\""), 1);
        CHECK_EQ_U(count(buf, "<path class=\"rwnd\""), 1);
        /* Every point drawn: a move and 59 steps on each line. */
        CHECK_EQ_U(steps(buf, "<path class=\"flight\""), 59);
        CHECK_EQ_U(steps(buf, "<path class=\"rwnd\""), 59);
        /* Four phases in the legend, one swatch each. */
        CHECK_EQ_U(count(buf, "<rect class=\"swatch "), 4);
        /* Flight peaks at 24000 before the loss; the window (30000) is not
         * far above it (at most half as much again), so the y axis reaches
         * 30000 in steps of 5000, and the legend does not say the window is
         * off the plot. */
        CHECK_HAS(buf, ">30000</text>");
        CHECK_HAS(buf, ">25000</text>");
        CHECK(strstr(buf, ">35000<") == NULL);
        CHECK(strstr(buf, "above the plot") == NULL);
        if (l == TT_LANG_EN) {
            CHECK_HAS(buf, "Data sent by the client: bytes in flight over time");
            CHECK_HAS(buf, "It is not the congestion window (cwnd) itself");
            CHECK_HAS(buf, ">slow start</text>");
            CHECK_HAS(buf, ">fast recovery</text>");
            CHECK_HAS(buf, ">recovery after a timeout</text>");
            CHECK_HAS(buf, ">congestion avoidance</text>");
            CHECK_HAS(buf, ">fast retransmission</text>");
            CHECK_HAS(buf, ">resend after a timeout</text>");
            CHECK_HAS(buf, ">window advertised by the receiver</text>");
            CHECK_HAS(buf, "Data sent by the client: bytes in flight over time</title>");
            /* 0.59 s: ticks every 0.1 s up to 0.6. */
            CHECK_HAS(buf, ">0.6</text>");
            CHECK_HAS(buf, ">0.0</text>");
            save("events-en.xml", buf);
        } else {
            CHECK_HAS(buf, "客户端 发送的数据：在途字节数随时间的变化");
            CHECK_HAS(buf, "它不是拥塞窗口本身");
            CHECK_HAS(buf, ">慢开始</text>");
            CHECK_HAS(buf, ">快恢复</text>");
            CHECK_HAS(buf, ">拥塞避免</text>");
            CHECK_HAS(buf, ">快重传</text>");
            save("events-zh.xml", buf);
        }
    }
}

/* The sender's name is escaped. */
static void test_escaped(void)
{
    tt_ccplot_point p[2] = {{0, 100, 200, 0, 0}, {1000, 200, 200, 0, 0}};
    static char buf[TT_CCPLOT_SVG_MAX];
    tt_sb b;
    tt_sb_init(&b, buf, sizeof buf);
    tt_ccplot_svg(&b, p, 2, "a<b>&\"c\"", TT_LANG_EN);
    CHECK_HAS(buf, "a&lt;b&gt;&amp;&quot;c&quot;");
    /* 1 ms in all: ticks every 0.2 ms, in seconds. */
    CHECK_HAS(buf, ">0.0002</text>");
    CHECK_HAS(buf, ">0.0010</text>");
    CHECK(strstr(buf, "a<b>") == NULL);
    /* No phase: no band, no phase legend. */
    CHECK_EQ_U(count(buf, "<rect class=\"band "), 0);
    CHECK(strstr(buf, "Phases:") == NULL);
    /* No event: no marker and no marker legend. */
    CHECK(strstr(buf, "fast retransmission") == NULL || strstr(buf, "class=\"tri\"") == NULL);
    CHECK_EQ_U(count(buf, "class=\"tri\""), 0);
    CHECK_EQ_U(count(buf, "class=\"key-tri\""), 0);
}

static void test_empty(void)
{
    char buf[64];
    tt_sb b;
    tt_sb_init(&b, buf, sizeof buf);
    tt_ccplot_svg(&b, NULL, 0, "x", TT_LANG_EN);
    CHECK_EQ_U(b.len, 0);
}

/* A window far above the flight is drawn along the top, and said so. */
static void test_window_above(void)
{
    tt_ccplot_point p[3] = {
        {0, 1000, 300000, 1, 0}, {10000, 8000, 300000, 1, 0}, {20000, 10000, 300000, 1, 0}};
    static char buf[TT_CCPLOT_SVG_MAX];
    tt_sb b;
    tt_sb_init(&b, buf, sizeof buf);
    tt_ccplot_svg(&b, p, 3, "s", TT_LANG_EN);
    CHECK_HAS(buf, "up to 300000 bytes, above the plot");
    /* 10000 * 5 / 4 = 12500: ticks of 5000 up to 15000. */
    CHECK_HAS(buf, ">15000</text>");
    CHECK(strstr(buf, ">20000</text>") == NULL);
}

/* Many points: thinned to at most TT_CCPLOT_MAX_DRAWN per line, the
 * highest point (a single spike) and every event kept. */
static void test_thinned(void)
{
    size_t n = 100000;
    tt_ccplot_point *p = calloc(n, sizeof *p);
    CHECK(p != NULL);
    if (p == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        p[i].t_us = (uint64_t)i * 100; /* 10 s */
        p[i].flight = 20000 + (uint32_t)(i % 1000) * 10;
        p[i].rwnd = 65535;
        p[i].phase = i < 50000 ? P_TT_CC_SLOW_START : P_TT_CC_AVOIDANCE;
    }
    p[54321].flight = 100000; /* the spike: y axis up to 100000 exactly */
    p[77777].event = TT_CCPLOT_EVENT_TIMEOUT;
    p[12345].event = TT_CCPLOT_EVENT_FAST_RETRANSMIT;
    static char buf[TT_CCPLOT_SVG_MAX];
    tt_sb b;
    tt_sb_init(&b, buf, sizeof buf);
    tt_ccplot_svg(&b, p, n, "s", TT_LANG_EN);
    CHECK(!b.cut);
    const char *flight = strstr(buf, "<path class=\"flight\"");
    CHECK(flight != NULL);
    if (flight != NULL) {
        size_t k = steps(buf, "<path class=\"flight\"");
        CHECK(k + 1 <= TT_CCPLOT_MAX_DRAWN);
        CHECK(k > 300);
        /* The spike at the top of the plot (y = 40.0). */
        const char *top = strstr(flight, "V40.0");
        CHECK(top != NULL && top < strstr(flight, "/>"));
    }
    CHECK_HAS(buf, ">100000</text>");
    CHECK_EQ_U(count(buf, "class=\"tri\""), 1);
    CHECK_EQ_U(count(buf, "class=\"cross\""), 1);
    CHECK_EQ_U(count(buf, "<rect class=\"band "), 2);
    CHECK_HAS(buf, "of the 100000 points are drawn");
    save("thinned-en.xml", buf);
    free(p);
}

/* The worst cases: a phase change and an event at every point (runs far
 * narrower than a pixel), or every 301 points (runs just over a pixel wide:
 * 200000 points 7 us apart span 1.4 s, 2102 us a pixel), both lines
 * jumping: still within TT_CCPLOT_SVG_MAX, in both languages. */
static void worst_case(size_t run)
{
    size_t n = 200000;
    tt_ccplot_point *p = calloc(n, sizeof *p);
    CHECK(p != NULL);
    if (p == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        p[i].t_us = (uint64_t)i * 7;
        p[i].flight = (uint32_t)((i * 2654435761u) % 1000000u);
        p[i].rwnd = (uint32_t)((i * 40503u) % 1300000u);
        p[i].phase = (uint8_t)(1 + i / run % (P_COUNT - 1));
        p[i].event = (uint8_t)(1 + i % 2);
    }
    static char buf[TT_CCPLOT_SVG_MAX];
    for (unsigned l = 0; l < TT_LANG_COUNT; l++) {
        tt_sb b;
        tt_sb_init(&b, buf, sizeof buf);
        tt_ccplot_svg(&b, p, n, "a sender with a rather long name 10.0.0.1:43366", (tt_lang)l);
        CHECK(!b.cut);
        /* One marker of each kind per pixel column at most, one band per
         * pixel at most. */
        CHECK(count(buf, "class=\"tri\"") <= 700);
        CHECK(count(buf, "class=\"cross\"") <= 700);
        CHECK(count(buf, "<rect class=\"band ") <= 700);
        if (run > 1)
            CHECK(count(buf, "<rect class=\"band ") > 600);
        if (l == TT_LANG_EN && run > 1)
            save("worst-en.xml", buf);
    }
    free(p);
}

static void test_worst_case_bounded(void)
{
    worst_case(1);
    worst_case(301);
}

/* The handout's hook writes the same figure into the document. */
typedef struct {
    char *p;
    size_t len, cap;
} sink;

static void sink_write(void *ctx, const char *text, size_t len)
{
    sink *k = ctx;
    if (k->len + len < k->cap) {
        memcpy(k->p + k->len, text, len);
        k->len += len;
        k->p[k->len] = '\0';
    }
}

static void test_handout_hook(void)
{
    tt_ccplot_point p[60];
    size_t n = story(p);
    static char want[TT_CCPLOT_SVG_MAX], got[TT_CCPLOT_SVG_MAX + 1];
    tt_sb b;
    tt_sb_init(&b, want, sizeof want);
    tt_ccplot_svg(&b, p, n, "the client", TT_LANG_EN);
    sink k = {got, 0, sizeof got};
    got[0] = '\0';
    tt_out o = {sink_write, &k};
    tt_html_ccplot(&o, p, n, "the client", TT_LANG_EN);
    CHECK(b.len > 0);
    CHECK_STR(got, want);
    k.len = 0;
    got[0] = '\0';
    tt_html_ccplot(&o, p, 0, "the client", TT_LANG_EN);
    CHECK_EQ_U(k.len, 0);
}

static void test_phase_labels(void)
{
    CHECK_EQ_U(tt_ccplot_phase_count(), P_COUNT);
    CHECK_STR(tt_ccplot_phase_label(P_TT_CC_NONE, TT_LANG_EN), "");
    CHECK_STR(tt_ccplot_phase_label(P_TT_CC_SLOW_START, TT_LANG_ZH), "慢开始");
    CHECK_STR(tt_ccplot_phase_label(P_TT_CC_FAST_RECOVERY, TT_LANG_EN), "fast recovery");
    CHECK_STR(tt_ccplot_phase_label(P_COUNT, TT_LANG_EN), "");
}

int main(int argc, char **argv)
{
    out_dir = argc > 1 ? argv[1] : NULL;
    RUN(test_story);
    RUN(test_escaped);
    RUN(test_empty);
    RUN(test_window_above);
    RUN(test_thinned);
    RUN(test_worst_case_bounded);
    RUN(test_handout_hook);
    RUN(test_phase_labels);
    TT_TEST_MAIN_END();
}
