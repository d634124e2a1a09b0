/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the HTML handout: real conversations (crafted headers fed
 * through the state machine) rendered to memory, then checked for
 * well-formed markup, one arrow per drawn segment, the cap, both
 * languages, the marks, and identical bytes on a second run. */
#include "conversation.h"
#include "handout.h"
#include "header.h"
#include "tt_conv_fixture.h"
#include "tt_test.h"

#include <stdlib.h>

enum { C = 0, S = 1 };

#define F_ TT_FIN
#define S_ TT_SYN
#define R_ TT_RST
#define P_ TT_PSH
#define A_ TT_ACK

typedef struct step {
    int who;
    uint16_t flags;
    uint32_t seq, ack, len;
    uint16_t window;
    int wscale; /* -1: no options; >= 0: MSS 1460 and this window scale */
    uint32_t analysis;
    uint64_t t_us;
    uint64_t rtt_us; /* 0: none measured */
} step;

/* ---- memory for the conversation ---- */

static const tt_alloc alloc = {.alloc = tt_fx_alloc};

/* ---- the output sink: a growing string ---- */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void text_write(void *ctx, const char *s, size_t n)
{
    text *t = (text *)ctx;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (t->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(t->p, cap);
        if (p == NULL)
            abort();
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

/* ---- a conversation ---- */

#define MAX_STEPS 260

typedef struct conv {
    uint8_t bytes[MAX_STEPS][60];
    tt_header h[MAX_STEPS];
    tt_result r[MAX_STEPS];
    tt_walk_seg segs[MAX_STEPS];
    tt_walk_stream w;
    tt_walk_view v;
} conv;

static const uint8_t client_addr[4] = {192, 0, 2, 1};
static const uint8_t server_addr[4] = {192, 0, 2, 80};

static unsigned build(uint8_t *b, uint16_t sp, uint16_t dp, const step *st)
{
    return tt_fx_header(b, sp, dp, st->seq, st->ack, st->flags, st->window, st->wscale, 1460, 0);
}

static conv *run(const step *steps, size_t n, uint32_t stream)
{
    conv *cv = calloc(1, sizeof *cv);
    tt_conv *c = calloc(1, tt_conv_size());
    if (cv == NULL || c == NULL || n > MAX_STEPS)
        abort();
    tt_conv_init(c, stream);
    tt_walk_init(&cv->w, stream);
    for (size_t i = 0; i < n; i++) {
        const step *st = &steps[i];
        bool cli = st->who == C;
        unsigned hlen = build(cv->bytes[i], cli ? 40001 : 80, cli ? 80 : 40001, st);
        tt_header_parse(&cv->h[i], cv->bytes[i], hlen);
        tt_segment s = {.frame = (uint32_t)i + 1,
                        .src = cli ? client_addr : server_addr,
                        .dst = cli ? server_addr : client_addr,
                        .addr_len = 4,
                        .payload_len = st->len,
                        .analysis = st->analysis,
                        .analysis_on = true,
                        .has_time = true,
                        .time_us = 1000000000u + st->t_us};
        tt_conv_feed(c, &alloc, &cv->h[i], &s, &cv->r[i]);
        tt_walk_add(&cv->w, &cv->r[i]);
        cv->segs[i] = (tt_walk_seg){.r = &cv->r[i],
                                    .h = &cv->h[i],
                                    .frame = (uint32_t)i + 1,
                                    .t_us = st->t_us,
                                    .has_rtt = st->rtt_us != 0,
                                    .rtt_us = st->rtt_us};
    }
    free(c);
    cv->v = (tt_walk_view){.w = &cv->w,
                           .client = "192.0.2.1:40001",
                           .server = "192.0.2.80:80",
                           .segs = cv->segs,
                           .n = n};
    return cv;
}

/* The whole document with one stream. */
static char *render(const conv *cv, tt_lang lang)
{
    text t = {0};
    tt_out o = {.write = text_write, .ctx = &t};
    tt_html_begin(&o, "test <capture> & more.pcap", lang);
    tt_html_stream(&o, &cv->v, lang, 1);
    tt_html_end(&o);
    return t.p;
}

/* ---- checks on the markup ---- */

/* Well-formed for an XML parser: every element closed in order, attribute
 * values quoted, only the five predefined entities, nothing after the root.
 * Returns NULL or what is wrong. */
static const char *xml_problem(const char *s)
{
    static char why[160];
    char stack[64][24];
    int depth = 0;
    bool root_done = false;
    for (const char *p = s; *p; p++) {
        if (*p == '&') {
            static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
            bool ok = false;
            for (size_t i = 0; i < 5; i++)
                ok |= strncmp(p, ents[i], strlen(ents[i])) == 0;
            if (!ok) {
                snprintf(why, sizeof why, "bare & at: %.30s", p);
                return why;
            }
            continue;
        }
        if (*p == '>') {
            snprintf(why, sizeof why, "bare > at: %.30s", p);
            return why;
        }
        if (*p != '<')
            continue;
        if (strncmp(p, "<!DOCTYPE", 9) == 0 || strncmp(p, "<!--", 4) == 0) {
            const char *end = strchr(p, '>');
            if (end == NULL)
                return "unclosed declaration";
            p = end;
            continue;
        }
        bool closing = p[1] == '/';
        const char *name = p + (closing ? 2 : 1);
        size_t nlen = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
        if (nlen == 0 || nlen >= sizeof stack[0]) {
            snprintf(why, sizeof why, "bad tag at: %.30s", p);
            return why;
        }
        /* attributes: name="value" */
        const char *q = name + nlen;
        bool self = false;
        for (;;) {
            q += strspn(q, " \n");
            if (*q == '>')
                break;
            if (q[0] == '/' && q[1] == '>') {
                self = true;
                q++;
                break;
            }
            size_t alen =
                strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:");
            if (alen == 0 || q[alen] != '=' || q[alen + 1] != '"') {
                snprintf(why, sizeof why, "bad attribute at: %.30s", q);
                return why;
            }
            const char *end = strchr(q + alen + 2, '"');
            if (end == NULL || memchr(q + alen + 2, '<', (size_t)(end - q - alen - 2)) != NULL)
                return "unterminated attribute";
            q = end + 1;
        }
        if (closing) {
            if (depth == 0 || strlen(stack[depth - 1]) != nlen ||
                strncmp(stack[depth - 1], name, nlen) != 0) {
                snprintf(why, sizeof why, "mismatched </%.*s> (open: %s)", (int)nlen, name,
                         depth ? stack[depth - 1] : "none");
                return why;
            }
            depth--;
            root_done = depth == 0;
        } else if (!self) {
            if (root_done)
                return "content after the root element";
            if (depth == 64)
                return "too deep";
            memcpy(stack[depth], name, nlen);
            stack[depth][nlen] = '\0';
            depth++;
            /* The style sheet is text without markup. */
            if (nlen == 5 && strncmp(name, "style", 5) == 0) {
                const char *end = strstr(q, "</style>");
                if (end == NULL || memchr(q, '<', (size_t)(end - q)) != NULL)
                    return "markup inside <style>";
                q = end - 1;
            }
        }
        p = q;
    }
    if (depth != 0) {
        snprintf(why, sizeof why, "%d elements left open (%s)", depth, stack[depth - 1]);
        return why;
    }
    return root_done ? NULL : "no root element";
}

static size_t count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        k++;
    return k;
}

/* Arrows drawn for a segment: <g class="seg"> or <g class="seg MARK">. */
static size_t arrows(const char *doc)
{
    return count(doc, "<g class=\"seg\"") + count(doc, "<g class=\"seg ");
}

static size_t rows(const char *doc)
{
    const char *body = strstr(doc, "<table class=\"walk\">");
    if (body == NULL)
        return 0;
    const char *end = strstr(body, "</table>");
    size_t k = 0;
    for (const char *p = strstr(body, "<tr"); p != NULL && p < end; p = strstr(p + 1, "<tr"))
        k++;
    return k - 1; /* the head row */
}

/* Checks every document and language the same way; returns the English. */
static char *check_doc(const conv *cv, size_t drawn, const char *name)
{
    char *en = render(cv, TT_LANG_EN), *zh = render(cv, TT_LANG_ZH);
    char *again = render(cv, TT_LANG_EN);
    int before = tt_test_failures;
    const char *why = xml_problem(en);
    if (why != NULL)
        fprintf(stderr, "English: %s\n", why);
    CHECK(why == NULL);
    why = xml_problem(zh);
    if (why != NULL)
        fprintf(stderr, "Chinese: %s\n", why);
    CHECK(why == NULL);
    CHECK(utf8_valid(en));
    CHECK(utf8_valid(zh));
    CHECK_EQ_U(arrows(en), drawn);
    CHECK_EQ_U(arrows(zh), drawn);
    CHECK_EQ_U(rows(en), drawn);
    CHECK_HAS(en, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">");
    CHECK_HAS(zh, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-Hans\">");
    CHECK_HAS(en, "<meta charset=\"utf-8\"/>");
    CHECK_HAS(en, "WenQuanYi Zen Hei");
    CHECK_HAS(en, "@media print");
    CHECK_HAS(en, "test &lt;capture&gt; &amp; more.pcap");
    CHECK(strstr(en, "<script") == NULL);
    CHECK(strstr(en, "http://") == strstr(en, "http://www.w3.org/1999/xhtml"));
    CHECK(strstr(en, "https://") == NULL);
    CHECK(strstr(en, "src=") == NULL && strstr(en, "href=") == NULL);
    CHECK_HAS(en, "Sequence diagram");
    CHECK_HAS(zh, "时序图");
    CHECK_HAS(zh, "逐段说明");
    CHECK(strstr(zh, "Sequence diagram") == NULL);
    CHECK_STR(en, again); /* the same bytes every time */
    if (tt_test_failures != before)
        fprintf(stderr, "  ... in %s\n", name);
    free(zh);
    free(again);
    return en;
}

/* The ends of the drawn arrows, in document order: the sender's end and
 * the receiver's end, x and y (a straight line from one to the other). */
static size_t arrow_points(const char *doc, double pts[][4], size_t max)
{
    size_t k = 0;
    const char *p = doc;
    while (k < max && (p = strstr(p, "<g class=\"seg")) != NULL) {
        p = strstr(p, "<line class=\"arrow\"");
        if (p == NULL)
            break;
        double *v = pts[k];
        if (sscanf(p, "<line class=\"arrow\" x1=\"%lf\" y1=\"%lf\" x2=\"%lf\" y2=\"%lf\"", &v[0],
                   &v[1], &v[2], &v[3]) == 4)
            k++;
    }
    return k;
}

/* The y of the dot drawn for the first state name `state` written beside
 * the line at x (the name is written 10 units outside the line). */
static double state_dot_y(const char *doc, double x, const char *state)
{
    char text[96];
    snprintf(text, sizeof text, "<text x=\"%.1f\"", x < 400 ? x - 10 : x + 10);
    char name[64];
    snprintf(name, sizeof name, ">%s</text>", state);
    for (const char *p = strstr(doc, text); p != NULL; p = strstr(p + 1, text)) {
        const char *end = strchr(p, '\n');
        const char *hit = strstr(p, name), *cls = strstr(p, "class=\"st\" data-seg=");
        if (hit == NULL || end == NULL || hit > end || cls == NULL || cls > end)
            continue;
        /* the dot is written just before the name */
        const char *dot = NULL;
        for (const char *q = p; q > doc; q--) {
            if (strncmp(q, "<circle class=\"dot\"", 19) == 0) {
                dot = q;
                break;
            }
        }
        if (dot == NULL)
            return -1;
        const char *cy = strstr(dot, "cy=\"");
        return cy != NULL ? atof(cy + 4) : -1;
    }
    return -1;
}

/* ---- the conversations ---- */

/* The textbook exchange: ISNs 1000 and 8000, one millisecond apart. */
static const step textbook[] = {
    {C, S_, 1000, 0, 0, 65535, 7, 0, 0, 0},
    {S, S_ | A_, 8000, 1001, 0, 65535, 8, 0, 1000, 1000},
    {C, A_, 1001, 8001, 0, 512, -1, 0, 2000, 1000},
    {C, P_ | A_, 1001, 8001, 20, 512, -1, 0, 3000, 0},
    {S, P_ | A_, 8001, 1021, 10, 256, -1, 0, 4000, 1000},
    {C, A_, 1021, 8011, 0, 512, -1, 0, 5000, 1000},
    {C, F_ | A_, 1021, 8011, 0, 512, -1, 0, 6000, 0},
    {S, A_, 8011, 1022, 0, 256, -1, 0, 7000, 1000},
    {S, F_ | A_, 8011, 1022, 0, 256, -1, 0, 8000, 0},
    {C, A_, 1022, 8012, 0, 512, -1, 0, 9000, 1000},
};

static void test_textbook(void)
{
    conv *cv = run(textbook, sizeof textbook / sizeof textbook[0], 4);
    char *en = check_doc(cv, 10, "textbook");
    CHECK_HAS(en, "Stream 4");
    CHECK_HAS(en, "<td class=\"num\">1000</td><td class=\"num\">8000</td>"); /* the ISNs */
    CHECK_HAS(en, "<td>1460 bytes</td><td>1460 bytes</td>");
    CHECK_HAS(en, "shift 7: window fields are multiplied by 128");
    CHECK_HAS(en, "shift 8: window fields are multiplied by 256");
    CHECK_HAS(en, "Window scaling is in use");
    CHECK_HAS(en, "relative");
    CHECK_HAS(en, "half the time from the SYN to the SYN+ACK");
    CHECK_HAS(en, "about 0.500 ms"); /* both sides: (1 ms) / 2 */
    /* the scaled window: 512 x 128 */
    CHECK_HAS(en, ">[.] ack 1</text>");
    CHECK_HAS(en, ">win 65536 bytes</text>");
    CHECK_HAS(en, ">Handshake 1/3<");
    CHECK_HAS(en, ">TIME-WAIT<");
    CHECK_HAS(en, "FIN-WAIT-1 -&gt; FIN-WAIT-2"); /* the table's state change */
    CHECK_HAS(en, "It ended with the four-step close");
    CHECK_HAS(en, "end of the capture");
    CHECK(strstr(en, "capped") == NULL);
    CHECK(strstr(en, "class=\"st inferred\"") == NULL);
    CHECK(strstr(en, "class=\"who guessed\"") == NULL);
    CHECK(strstr(en, "Red dashed") == NULL); /* no mark without its segment */
    /* Every arrow goes straight from its sender's line down to its
     * receiver's, all with one slope; one after the other on each line. */
    double pts[10][4];
    CHECK_EQ_U(arrow_points(en, pts, 10), 10);
    for (size_t i = 0; i < 10; i++) {
        bool c2s = textbook[i].who == C;
        CHECK(pts[i][0] == (c2s ? 160.0 : 640.0));
        CHECK(pts[i][2] == (c2s ? 640.0 : 160.0));
        CHECK(pts[i][1] < pts[i][3]);
        CHECK(pts[i][3] - pts[i][1] > pts[0][3] - pts[0][1] - 0.2);
        CHECK(pts[i][3] - pts[i][1] < pts[0][3] - pts[0][1] + 0.2);
        /* each leaves after the one before it left, and, an answer, after
         * the one before it arrived */
        if (i > 0 && textbook[i].who == textbook[i - 1].who)
            CHECK(pts[i][1] > pts[i - 1][1]);
        else if (i > 0)
            CHECK(pts[i][1] > pts[i - 1][3]);
    }
    /* States change on the segment that shows them (ROLES.md): the
     * server's CLOSE-WAIT with its ACK of the client's FIN (segment 8), its
     * LAST-ACK with its own FIN (segment 9), the client's TIME-WAIT with its
     * ACK of that FIN (segment 10). */
    CHECK(state_dot_y(en, 640, "CLOSE-WAIT") == pts[7][1]);
    CHECK(state_dot_y(en, 640, "LAST-ACK") == pts[8][1]);
    CHECK(state_dot_y(en, 160, "TIME-WAIT") == pts[9][1]);
    CHECK(state_dot_y(en, 160, "SYN-SENT") == pts[0][1]);
    CHECK(state_dot_y(en, 640, "CLOSED") == pts[9][3]);
    free(en);
    char *zh = render(cv, TT_LANG_ZH);
    CHECK_HAS(zh, "流 4");
    CHECK_HAS(zh, "三报文握手第 1 步");
    CHECK_HAS(zh, "窗口 65536 字节");
    CHECK_HAS(zh, "从 FIN-WAIT-1 变为 FIN-WAIT-2");
    free(zh);
    free(cv);
    tt_fx_free_all();
}

/* The FINs cross: each is sent before the other arrives. */
static const step simclose[] = {
    {C, S_, 100, 0, 0, 1000, -1, 0, 0, 0},
    {S, S_ | A_, 300, 101, 0, 1000, -1, 0, 10000, 10000},
    {C, A_, 101, 301, 0, 1000, -1, 0, 10050, 50},
    {C, F_ | A_, 101, 301, 0, 1000, -1, 0, 100000, 0},
    {S, F_ | A_, 301, 101, 0, 1000, -1, 0, 106000, 0},
    {C, A_, 102, 302, 0, 1000, -1, 0, 106010, 6010},
    {S, A_, 302, 102, 0, 1000, -1, 0, 110000, 10000},
};

static void test_simultaneous_close(void)
{
    conv *cv = run(simclose, sizeof simclose / sizeof simclose[0], 0);
    char *en = check_doc(cv, 7, "simultaneous close");
    CHECK_HAS(en, ">CLOSING<");
    CHECK_HAS(en, "simultaneous close");
    double pts[7][4];
    CHECK_EQ_U(arrow_points(en, pts, 7), 7);
    /* The client's FIN (4) and the server's (5) cross on the diagram: each
     * leaves its sender before the other reaches it. */
    CHECK(pts[3][1] < pts[4][3]);
    CHECK(pts[4][1] < pts[3][3]);
    /* Each side enters FIN-WAIT-1 with its FIN, and CLOSING with its ACK
     * of the other's FIN ("rcv FIN / snd ACK" is shown on the ACK). */
    CHECK(state_dot_y(en, 640, "FIN-WAIT-1") == pts[4][1]);
    CHECK(state_dot_y(en, 160, "FIN-WAIT-1") == pts[3][1]);
    CHECK(state_dot_y(en, 160, "CLOSING") == pts[5][1]);
    CHECK(state_dot_y(en, 640, "CLOSING") == pts[6][1]);
    /* The client acknowledges the server's FIN only once it has arrived. */
    CHECK(pts[5][1] >= pts[4][3]);
    free(en);
    free(cv);
    tt_fx_free_all();
}

/* The middle of a conversation: no SYN, states inferred, sides guessed,
 * no round trip measured. */
static const step midstream[] = {
    {C, P_ | A_, 5000, 9000, 100, 1000, -1, 0, 0, 0},
    {S, A_, 9000, 5100, 0, 1000, -1, 0, 300, 0},
    {C, P_ | A_, 5100, 9000, 100, 1000, -1, 0, 2500000, 0},
    {S, F_ | A_, 9000, 5200, 0, 1000, -1, 0, 2500400, 0},
};

static void test_no_handshake(void)
{
    conv *cv = run(midstream, sizeof midstream / sizeof midstream[0], 2);
    char *en = check_doc(cv, 4, "no handshake");
    CHECK_HAS(en, "class=\"st inferred\"");
    CHECK_HAS(en, "Italic state: inferred");
    CHECK_HAS(en, "not captured: its SYN is not in the capture");
    CHECK_HAS(en, "no delay can be estimated");
    CHECK_HAS(en, "class=\"who guessed\"");
    CHECK_HAS(en, "Client (guessed)");
    /* the pause of 2.5 s gets its mark */
    CHECK_HAS(en, "pause of 2.500 s<"); /* 2.4997 s, rounded */
    CHECK_HAS(en, "Zigzag");
    CHECK_HAS(en, "not to scale");
    /* no delay known: still one slope for all */
    double pts[4][4];
    CHECK_EQ_U(arrow_points(en, pts, 4), 4);
    for (size_t i = 0; i < 4; i++)
        CHECK(pts[i][3] - pts[i][1] > 100.0);
    free(en);
    char *zh = render(cv, TT_LANG_ZH);
    CHECK_HAS(zh, "服务器（猜测）");
    CHECK_HAS(zh, "停顿 2.500 秒");
    free(zh);
    free(cv);
    tt_fx_free_all();
}

/* A full receiver: window 0, then a probe and a window update. */
static const step zero[] = {
    {C, S_, 0, 0, 0, 1000, -1, 0, 0, 0},
    {S, S_ | A_, 0, 1, 0, 1000, -1, 0, 2000, 2000},
    {C, A_, 1, 1, 0, 1000, -1, 0, 2100, 100},
    {C, A_, 1, 1, 100, 1000, -1, 0, 3000, 0},
    {S, A_, 1, 101, 0, 0, -1, TT_AN_ZERO_WINDOW, 5000, 2000},
    {C, A_, 101, 1, 1, 1000, -1, TT_AN_ZERO_WINDOW_PROBE, 300000, 0},
    {S, A_, 1, 101, 0, 0, -1, TT_AN_ZERO_WINDOW_PROBE_ACK | TT_AN_ZERO_WINDOW, 302000, 2000},
    {S, A_, 1, 101, 0, 1000, -1, TT_AN_WINDOW_UPDATE, 400000, 0},
};

static void test_zero_window(void)
{
    conv *cv = run(zero, sizeof zero / sizeof zero[0], 1);
    char *en = check_doc(cv, 8, "zero window");
    CHECK_EQ_U(count(en, "<g class=\"seg zero\""), 2);
    CHECK_HAS(en, "Orange arrow");
    CHECK_HAS(en, "<tr class=\"zero\">");
    CHECK_HAS(en, ">win 0 bytes</text>"); /* the raw field is not repeated */
    CHECK(strstr(en, "win 0 \xc2\xb7") == NULL);
    free(en);
    free(cv);
    tt_fx_free_all();
}

/* A data segment sent again, after a lost one and a reset at the end. */
static const step retrans[] = {
    {C, S_, 0, 0, 0, 1000, 2, 0, 0, 0},
    {S, S_ | A_, 0, 1, 0, 1000, 2, 0, 4000, 4000},
    {C, A_, 1, 1, 0, 1000, -1, 0, 4100, 100},
    {C, P_ | A_, 1, 1, 10, 1000, -1, 0, 5000, 0},
    {C, P_ | A_, 21, 1, 10, 1000, -1, TT_AN_LOST_SEGMENT, 5200, 0},
    {S, A_, 1, 11, 0, 1000, -1, 0, 9000, 4000},
    {C, P_ | A_, 11, 1, 10, 1000, -1, TT_AN_RETRANSMISSION, 250000, 0},
    {S, A_, 1, 31, 0, 1000, -1, 0, 254000, 4000},
    {C, R_ | A_, 31, 1, 0, 0, -1, 0, 260000, 0},
};

static void test_retransmission(void)
{
    conv *cv = run(retrans, sizeof retrans / sizeof retrans[0], 3);
    char *en = check_doc(cv, 9, "retransmission");
    CHECK_EQ_U(count(en, "<g class=\"seg retrans\""), 1);
    CHECK_EQ_U(count(en, "<g class=\"seg reset\""), 1);
    CHECK_HAS(en, "Red dashed arrow");
    CHECK_HAS(en, "Thick purple arrow");
    CHECK_HAS(en, "an earlier segment was not captured");
    CHECK_HAS(en, "Red line above a label");
    CHECK_HAS(en, "(retransmission)");
    CHECK_HAS(en, "shift 2: window fields are multiplied by 4");
    free(en);
    free(cv);
    tt_fx_free_all();
}

/* A refused connection: the server's LISTEN was an assumption, and the
 * diagram marks its CLOSED as a correction, not a move. */
static const step refused[] = {
    {C, S_, 0, 0, 0, 1000, -1, 0, 0, 0},
    {S, R_ | A_, 0, 1, 0, 0, -1, 0, 50, 0},
};

static void test_refused(void)
{
    conv *cv = run(refused, sizeof refused / sizeof refused[0], 4);
    char *en = check_doc(cv, 2, "refused");
    CHECK_HAS(en, "<text x=\"");
    CHECK_HAS(en, "class=\"st corrected\" data-seg=\"2\" data-side=\"server\">CLOSED*</text>");
    /* the server sent no SYN: it refused, and nothing is said of a SYN of it */
    CHECK_HAS(en, "<td>none: it refused the connection with a RST and sent no SYN</td>");
    CHECK(strstr(en, "not captured: its SYN") == NULL);
    /* so nothing scales: the client's offer is not in use */
    CHECK_HAS(en, "Window scaling is not in use");
    CHECK_HAS(en, "State with a star (*)");
    CHECK_EQ_U(count(en, "class=\"st corrected\""), 1);
    free(en);
    free(cv);
    tt_fx_free_all();
}

/* Only the client offers window scaling: neither side scales (RFC 7323,
 * section 2.2), so no multiplier is promised. */
static const step one_scale[] = {
    {C, S_, 0, 0, 0, 1000, 7, 0, 0, 0},
    {S, S_ | A_, 0, 1, 0, 1000, -1, 0, 1000, 1000},
    {C, A_, 1, 1, 0, 1000, -1, 0, 2000, 1000},
};

static void test_one_scale(void)
{
    conv *cv = run(one_scale, sizeof one_scale / sizeof one_scale[0], 6);
    char *en = check_doc(cv, 3, "one window scale");
    CHECK_HAS(en, "<td>shift 7 offered, not in use: the other side did not offer it (RFC "
                  "7323)</td><td>absent: not offered</td>");
    CHECK(strstr(en, "multiplied by 128") == NULL);
    CHECK_HAS(en, "Window scaling is not in use");
    free(en);
    char *zh = render(cv, TT_LANG_ZH);
    CHECK_HAS(zh, "提供了移位 7，但未启用");
    free(zh);
    free(cv);
    tt_fx_free_all();
}

/* The table of contents: a line per stream, linked to its section. */
static void test_toc(void)
{
    conv *a = run(textbook, sizeof textbook / sizeof textbook[0], 4);
    conv *b = run(refused, sizeof refused / sizeof refused[0], 7);
    text t = {0};
    tt_out o = {.write = text_write, .ctx = &t};
    tt_html_begin(&o, NULL, TT_LANG_EN);
    tt_html_toc_begin(&o, TT_LANG_EN);
    tt_html_toc_entry(&o, &a->v, TT_LANG_EN);
    tt_html_toc_entry(&o, &b->v, TT_LANG_EN);
    tt_html_toc_end(&o);
    tt_html_stream(&o, &a->v, TT_LANG_EN, 1);
    tt_html_stream(&o, &b->v, TT_LANG_EN, 1);
    tt_html_end(&o);
    CHECK(xml_problem(t.p) == NULL);
    CHECK_HAS(t.p, "<nav class=\"toc\">");
    /* 20 + 10 bytes of data; it ends in TIME-WAIT and CLOSED */
    CHECK_HAS(t.p, "<tr><td><a href=\"#stream-4\">Stream 4</a></td><td class=\"num\">"
                   "192.0.2.1:40001 \xe2\x86\x92 192.0.2.80:80</td><td>opened by the three-way "
                   "handshake; 10 segments, 30 bytes of data; released (closed)</td></tr>");
    CHECK_HAS(t.p, "<a href=\"#stream-7\">Stream 7</a>");
    CHECK_HAS(t.p, "<td>refused: the server answered the SYN with a RST; 2 segments, 0 bytes of "
                   "data</td>");
    CHECK_HAS(t.p, "<section class=\"stream\" id=\"stream-4\">");
    CHECK_HAS(t.p, "<section class=\"stream\" id=\"stream-7\">");
    free(t.p);
    text u = {0};
    tt_out o2 = {.write = text_write, .ctx = &u};
    tt_html_toc_begin(&o2, TT_LANG_ZH);
    tt_html_toc_entry(&o2, &a->v, TT_LANG_ZH);
    tt_html_toc_end(&o2);
    CHECK_HAS(u.p, "三报文握手建立连接；10 个报文段，30 字节数据；连接已释放");
    free(u.p);
    /* one retransmission: the singular */
    conv *c = run(retrans, sizeof retrans / sizeof retrans[0], 3);
    text r = {0};
    tt_out o3 = {.write = text_write, .ctx = &r};
    tt_html_toc_entry(&o3, &c->v, TT_LANG_EN);
    CHECK_HAS(r.p, "; 9 segments, 20 bytes of data; 1 retransmission;");
    CHECK(strstr(r.p, "1 retransmissions") == NULL);
    free(r.p);
    free(c);
    free(a);
    free(b);
    tt_fx_free_all();
}

/* Nothing matched: still a page, in the language asked for. */
static void test_empty(void)
{
    text t = {0};
    tt_out o = {.write = text_write, .ctx = &t};
    tt_html_empty(&o, "没有匹配的 TCP 报文段。", TT_LANG_ZH);
    CHECK(xml_problem(t.p) == NULL);
    CHECK_HAS(t.p, "<!DOCTYPE html>");
    CHECK_HAS(t.p, "lang=\"zh-Hans\"");
    CHECK_HAS(t.p, "<p class=\"message\">没有匹配的 TCP 报文段。</p>");
    CHECK_HAS(t.p, "</html>");
    free(t.p);
}

/* More segments than the diagram draws: the rest are counted. */
static void test_cap(void)
{
    static step many[250];
    many[0] = (step){C, S_, 0, 0, 0, 1000, -1, 0, 0, 0};
    many[1] = (step){S, S_ | A_, 0, 1, 0, 1000, -1, 0, 500, 500};
    many[2] = (step){C, A_, 1, 1, 0, 1000, -1, 0, 1000, 500};
    for (size_t i = 3; i < 250; i++) {
        uint32_t k = (uint32_t)(i - 3) / 2;
        if ((i - 3) % 2 == 0)
            many[i] = (step){C, P_ | A_, 1 + 10 * k, 1, 10, 1000, -1, 0, 1000 + 2000 * (i - 2), 0};
        else
            many[i] = (step){S, A_, 1, 11 + 10 * k, 0, 1000, -1, 0, 1500 + 2000 * (i - 2), 500};
    }
    conv *cv = run(many, 250, 9);
    char *en = check_doc(cv, TT_HTML_MAX_SEGMENTS, "cap");
    CHECK_HAS(en, "This stream has 250 segments: the diagram and the table show the first 200 "
                  "and leave out the other 50.");
    CHECK_HAS(en, "250 segments in all."); /* the summary counts all */
    /* several panels, none taller than a page */
    CHECK(count(en, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\"") > 3);
    for (const char *p = strstr(en, "height=\""); p != NULL; p = strstr(p + 1, "height=\""))
        CHECK(atof(p + 8) <= 1100.0);
    free(en);
    char *zh = render(cv, TT_LANG_ZH);
    CHECK_HAS(zh, "这个流共有 250 个报文段");
    free(zh);
    free(cv);
    tt_fx_free_all();
}

/* The pieces around the streams. */
static void test_pieces(void)
{
    text t = {0};
    tt_out o = {.write = text_write, .ctx = &t};
    tt_html_begin(&o, NULL, TT_LANG_ZH);
    tt_html_message(&o, "没有匹配的 TCP 报文段。<>");
    const char *lines[] = {"Frame 3: a \"quoted\" header", "Frame 4: x & y"};
    tt_html_outside(&o, lines, 2, TT_LANG_ZH);
    tt_html_end(&o);
    const char *why = xml_problem(t.p);
    if (why != NULL)
        fprintf(stderr, "%s\n", why);
    CHECK(why == NULL);
    CHECK_HAS(t.p, "<title>TCP 连接逐段讲义</title>");
    CHECK_HAS(t.p, "没有匹配的 TCP 报文段。&lt;&gt;");
    CHECK_HAS(t.p, "不是任何流的报文段的 TCP 首部");
    CHECK_HAS(t.p, "Frame 3: a &quot;quoted&quot; header");
    CHECK(strstr(t.p, "class=\"capture\"") == NULL); /* no capture named */
    free(t.p);

    /* A stream without segments: the title block and the summary only. */
    tt_walk_stream w;
    tt_walk_init(&w, 5);
    tt_walk_view v = {.w = &w, .client = "a", .server = "b", .segs = NULL, .n = 0};
    text u = {0};
    tt_out o2 = {.write = text_write, .ctx = &u};
    tt_html_begin(&o2, "x", TT_LANG_EN);
    tt_html_stream(&o2, &v, TT_LANG_EN, 0);
    tt_html_end(&o2);
    CHECK(xml_problem(u.p) == NULL);
    CHECK_EQ_U(arrows(u.p), 0);
    CHECK_HAS(u.p, "Stream 5");
    free(u.p);
}

/* The checker itself finds what it must. */
static void test_checker(void)
{
    CHECK(xml_problem("<a><b></b></a>") == NULL);
    CHECK(xml_problem("<a><b></a>") != NULL);
    CHECK(xml_problem("<a x=1></a>") != NULL);
    CHECK(xml_problem("<a>&nbsp;</a>") != NULL);
    CHECK(xml_problem("<a><br></a>") != NULL);
    CHECK(xml_problem("<a><br/></a>") == NULL);
    CHECK(xml_problem("<a></a><b></b>") != NULL);
}

int main(void)
{
    RUN(test_checker);
    RUN(test_textbook);
    RUN(test_simultaneous_close);
    RUN(test_no_handshake);
    RUN(test_zero_window);
    RUN(test_retransmission);
    RUN(test_refused);
    RUN(test_one_scale);
    RUN(test_toc);
    RUN(test_empty);
    RUN(test_cap);
    RUN(test_pieces);
    TT_TEST_MAIN_END();
}
