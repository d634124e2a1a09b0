/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the explanations (explain.c). tt_result values are built by
 * hand: these tests do not depend on the state machine, except one that
 * checks what it tells a SYN+ACK about the SYN it answers. */
#include "explain.h"
#include "utf8.h"

#include "tt_conv_fixture.h"
#include "tt_test.h"

#include <stdbool.h>

/* ---- collecting emitted lines -------------------------------------------- */

typedef struct out {
    char text[65536]; /* every line, one per row: "depth off len | text" */
    size_t len;
    unsigned lines;
    unsigned bad; /* lines that broke a rule (reported on stderr) */
    long bound;   /* emitted byte ranges must end at or before this */
} out;

/* Text that must never reach a user: format leftovers and placeholders;
 * valid UTF-8 even when cut short. */
static bool text_sane(const char *t)
{
    return t != NULL && t[0] != '\0' && strchr(t, '%') == NULL && strstr(t, "TODO") == NULL &&
           strstr(t, "n/a") == NULL && strstr(t, "(null)") == NULL && utf8_valid(t);
}

/* ... and not cut by the 512-byte line buffer. */
static bool text_ok(const char *t)
{
    return text_sane(t) && strlen(t) < 1024;
}

static void collect(void *ctx, int depth, int off, int len, const char *text)
{
    out *o = ctx;
    o->lines++;
    bool ok = text_ok(text) && depth >= 0 && depth <= 2;
    if (off >= 0)
        ok = ok && len > 0 && (long)off + len <= o->bound;
    else
        ok = ok && off == -1;
    if (!ok) {
        o->bad++;
        fprintf(stderr, "bad line: depth %d [%d,%d] bound %ld: \"%s\"\n", depth, off, len, o->bound,
                text ? text : "(null)");
    }
    if (o->len < sizeof o->text) {
        int w = snprintf(o->text + o->len, sizeof o->text - o->len, "%d %d %d | %s\n", depth, off,
                         len, text ? text : "");
        if (w > 0)
            o->len += (size_t)w;
        if (o->len >= sizeof o->text)
            o->len = sizeof o->text - 1;
    }
}

static tt_emitter emitter(out *o)
{
    tt_emitter e = {collect, o};
    return e;
}

static void out_init(out *o, long bound)
{
    o->text[0] = '\0';
    o->len = 0;
    o->lines = 0;
    o->bad = 0;
    o->bound = bound;
}

/* The bound for a header: captured bytes, and never past the header itself. */
static long header_bound(const tt_header *h)
{
    long hlen = h->doff >= 5 ? (long)h->doff * 4 : 20;
    return (long)h->caplen < hlen ? (long)h->caplen : hlen;
}

static out g_out; /* large: keep it off the stack */

static const char *explain_header(const tt_header *h, const tt_result *r, tt_lang lang)
{
    out_init(&g_out, header_bound(h));
    tt_emitter e = emitter(&g_out);
    tt_explain_header(h, r, lang, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK(g_out.lines > 0);
    return g_out.text;
}

static const char *explain_reliability(const tt_header *h, const tt_result *r, tt_lang lang)
{
    out_init(&g_out, header_bound(h));
    tt_emitter e = emitter(&g_out);
    tt_explain_reliability(h, r, lang, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK(g_out.lines > 0);
    return g_out.text;
}

static const char *explain_conversation(const tt_result *r, tt_lang lang)
{
    out_init(&g_out, 0);
    tt_emitter e = emitter(&g_out);
    tt_explain_conversation(r, "127.0.0.1:35648", "127.0.0.1:8081", lang, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK(g_out.lines >= 7);
    return g_out.text;
}

/* A result for an established connection (the client sending). */
static tt_result base_result(void)
{
    tt_result r;
    memset(&r, 0, sizeof r);
    r.stream = 3;
    r.index = 4;
    r.role = TT_ROLE_DATA;
    r.dir = TT_DIR_C2S;
    r.chunk = 1;
    r.rel_seq = 1;
    r.rel_ack = 1;
    r.payload_len = 19;
    r.client_before = r.client_after = TT_ST_ESTABLISHED;
    r.server_before = r.server_after = TT_ST_ESTABLISHED;
    r.wscale = TT_WS_UNKNOWN;
    return r;
}

/* A 20-byte header with the given flags and window, plus `opts` option
 * bytes (doff is set to cover them, rounded up to 4). */
static uint8_t g_bytes[64];

static void make_header(tt_header *h, uint16_t flags, uint16_t window, const uint8_t *opts,
                        unsigned n_opts)
{
    static const uint8_t fixed[20] = {0x8a, 0x40, 0x1f, 0x91, 0x05, 0x3b, 0x3f, 0x47, 0x00, 0x00,
                                      0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0xfe, 0x30, 0x00, 0x00};
    memset(g_bytes, 0, sizeof g_bytes);
    memcpy(g_bytes, fixed, sizeof fixed);
    if (n_opts > 0)
        memcpy(g_bytes + 20, opts, n_opts);
    unsigned doff = 5 + (n_opts + 3) / 4;
    g_bytes[12] = (uint8_t)(doff << 4 | (flags >> 8 & 0x0f));
    g_bytes[13] = (uint8_t)(flags & 0xff);
    g_bytes[14] = (uint8_t)(window >> 8);
    g_bytes[15] = (uint8_t)(window & 0xff);
    tt_header_parse(h, g_bytes, doff * 4);
}

/* ---- seed 002: the Java client's data segment -------------------------------- */

static const uint8_t seed002[20] = {0x94, 0x71, 0xd9, 0x78, 0xd8, 0x13, 0xc2, 0x18, 0x83, 0x53,
                                    0x61, 0x6b, 0x50, 0x18, 0x01, 0x57, 0xd5, 0xfc, 0x00, 0x00};

static void test_seed002_header_en(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = base_result();
    /* seed-002-segment.pcap: no SYN, so both sides count from a guess */
    r.notes |= TT_NOTE_SEQ_UNKNOWN | TT_NOTE_ACK_UNKNOWN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 0 2 | Source port: 0x9471 = 38001, the client's port");
    CHECK_HAS(t, "0 2 2 | Destination port: 0xd978 = 55672, the server's port");
    CHECK_HAS(t, "0 4 4 | Sequence number: 0xd813c218 = 3625173528 (relative 1)");
    CHECK_HAS(t, "seq 1:20 means bytes 1..19, 19 bytes; the next segment starts at 20");
    CHECK_HAS(t, "0 8 4 | Acknowledgment number: 0x8353616b = 2203279723");
    CHECK_HAS(t, "(relative 1, counted from a guess)");
    CHECK_HAS(t, "the server's next byte is 2203279723, the first of its numbers this capture "
                 "shows");
    CHECK(strstr(t, "every byte before 1 ") == NULL);
    CHECK_HAS(t, "0 12 1 | Header length (data offset): 0101 = 5 -> 5 x 4 = 20 bytes");
    CHECK_HAS(t, "5 x 32 bits / 8 = 20 bytes");
    CHECK_HAS(t, "leaving 0 bytes of options");
    CHECK_HAS(t, "0 12 2 | Flags: 0x018 = 0000 0001 1000 (ACK, PSH)");
    CHECK_HAS(t, "1 13 1 | .... ...1 .... = Acknowledgment (ACK): Set");
    CHECK_HAS(t, "1 13 1 | .... .... 1... = Push (PSH): Set");
    CHECK_HAS(t, "1 13 1 | .... .... ..0. = Synchronize (SYN): Not set");
    CHECK_HAS(t, "1 12 1 | 000. .... .... = Reserved (3 bits): Not set");
    CHECK_HAS(t, "0 14 2 | Window: 0x0157 = 343.");
    CHECK_HAS(t, "flow control");
    CHECK_HAS(t, "0 16 2 | Checksum: 0xd5fc.");
    CHECK_HAS(t, "pseudo-header");
    CHECK_HAS(t, "0 18 2 | Urgent pointer: 0. URG is not set, so this field is ignored.");
    CHECK_HAS(t, "-1 0 | Payload: the header is followed by 19 bytes of data.");
    CHECK(strstr(t, "Options") == NULL);
}

static void test_seed002_header_zh(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = base_result();
    const char *t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "0 0 2 | 源端口：0x9471 = 38001，客户端的端口");
    CHECK_HAS(t, "0 2 2 | 目的端口：0xd978 = 55672，服务器的端口");
    CHECK_HAS(t, "0 4 4 | 序号：0xd813c218 = 3625173528（相对序号 1）");
    CHECK_HAS(t, "0 8 4 | 确认号：0x8353616b = 2203279723");
    CHECK_HAS(t, "0 12 1 | 首部长度（数据偏移）：0101 = 5 -> 5 x 4 = 20 字节");
    CHECK_HAS(t, "5 x 32 位 / 8 = 20 字节");
    CHECK_HAS(t, "0 12 2 | 标志位：0x018 = 0000 0001 1000（ACK、PSH）");
    CHECK_HAS(t, ".... ...1 .... = ACK（确认）：已置位");
    CHECK_HAS(t, ".... .... 1... = PSH（推送）：已置位");
    CHECK_HAS(t, "0 14 2 | 窗口：0x0157 = 343");
    CHECK_HAS(t, "滑动窗口");
    CHECK_HAS(t, "0 16 2 | 校验和：0xd5fc");
    CHECK_HAS(t, "伪首部");
    CHECK_HAS(t, "0 18 2 | 紧急指针：0");
}

static void test_seed002_summary_and_reliability(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = base_result();
    char buf[512];
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(
        buf, "Data chunk #1 from the client: bytes 1..19 (19 bytes); the next chunk starts at 20.");
    tt_explain_summary(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "数据 #1（来自客户端）：字节 1..19（共 19 字节）；下一份数据从 20 开始。");
    /* A resend whose first copy's chunk number is no longer kept: no "#0". */
    tt_result again = r;
    again.notes |= TT_NOTE_RETRANSMISSION;
    again.chunk = 0;
    tt_explain_summary(&again, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK(strstr(buf, "Data from the client: bytes 1..19 (19 bytes), sent before") == buf);
    CHECK(strstr(buf, "#0") == NULL);
    tt_explain_summary(&again, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK(strstr(buf, "来自客户端的数据：字节 1..19（共 19 字节）") == buf);
    /* its ack 1 acknowledges nothing new (the first ACK seen): no
     * cumulative-ACK note; one that acknowledges new bytes gets it */
    const char *t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK(strstr(t, "cumulative") == NULL);
    r.notes |= TT_NOTE_NEW_DATA_ACKED;
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 8 4 | Acknowledgment: ack 1 is cumulative");
    CHECK_HAS(t, "0 4 4 | Ordering:");
    CHECK_HAS(t, "0 14 2 | Flow control:");
    CHECK_HAS(t, "0 16 2 | Integrity:");
    CHECK(strstr(t, "Retransmission") == NULL);
    t = explain_reliability(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "累积确认");
    CHECK_HAS(t, "流量控制");
}

/* A resend whose bytes differ from the first copy says so, with the count,
 * the first sequence number that differs and the frame of the first copy;
 * one whose bytes are the same, or were not compared, says nothing of it. */
static void test_resend_bytes_differ(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = base_result();
    r.notes |= TT_NOTE_RETRANSMISSION | TT_NOTE_DETAIL;
    r.why = TT_WHY_TIMEOUT;
    tt_detail d;
    memset(&d, 0, sizeof d);
    d.compared = 19;
    d.differ_count = 3;
    d.differ_offset = 5;
    d.differ_frame = 2;
    out_init(&g_out, header_bound(&h));
    tt_emitter e = emitter(&g_out);
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_EN, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK_HAS(g_out.text, "0 -1 0 | Different bytes: 3 of the 19 bytes it repeats differ from "
                          "their first copy, the first at sequence number 6 (first sent in "
                          "frame 2). RFC 9293 does not say which copy");
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_ZH, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK_HAS(g_out.text,
              "字节不同：它重复的字节中有 3 个与第一份不同（共 19 个），第一个不同的字节序号为 "
              "6（首次发送在帧 2）。");
    d.differ_frame = 0;
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_EN, &e);
    CHECK_HAS(g_out.text, "the first at sequence number 6. RFC 9293");
    d.differ_count = 0;
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_EN, &e);
    CHECK(strstr(g_out.text, "Different bytes") == NULL);
}

/* A copy of a SYN with other options than the previous copy says what
 * changed and what the connection uses if the peer answers it; a SYN+ACK
 * answering copies that differed says what it shows the connection uses. */
static void test_syn_copy_options(void)
{
    uint8_t b[60];
    tt_header h;
    tt_header_parse(&h, b, tt_fx_header(b, 40000, 80, 100, 0, TT_SYN, 1000, -1, 0, 0));
    tt_result r = base_result();
    r.role = TT_ROLE_HANDSHAKE_1;
    r.payload_len = 0;
    r.notes |= TT_NOTE_RETRANSMISSION | TT_NOTE_DETAIL;
    r.why = TT_WHY_TIMEOUT;
    tt_detail d;
    memset(&d, 0, sizeof d);
    d.syn_was = TT_SYNO_KNOWN | TT_SYNO_MSS | 1460u | TT_SYNO_WS | 7u << TT_SYNO_WS_SHIFT;
    out_init(&g_out, header_bound(&h));
    tt_emitter e = emitter(&g_out);
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_EN, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK_HAS(g_out.text, "This copy offers other options than the previous one: no MSS (was "
                          "1460); no window scale (was shift 7). The connection uses the options "
                          "of the copy the peer answers; if it answers this one: with no MSS the "
                          "peer assumes the default");
    CHECK_HAS(g_out.text, "; no window scaling; no SACK; no timestamps.");
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_ZH, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK_HAS(g_out.text, "这一份提供的选项与前一份不同：没有 MSS（前一份为 "
                          "1460）；没有窗口扩大因子（前一份的移位数为 7）。");
    /* The same options as the previous copy: nothing said. */
    tt_header_parse(&h, b, tt_fx_header(b, 40000, 80, 100, 0, TT_SYN, 1000, 7, 1460, 0));
    d.syn_was = tt_syn_options(&h);
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_EN, &e);
    CHECK(strstr(g_out.text, "other options") == NULL);
    /* Another MSS only. */
    d.syn_was = (d.syn_was & ~0xffffu) | 1400u;
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &r, &d, TT_LANG_EN, &e);
    CHECK_HAS(g_out.text, "other options than the previous one: MSS 1460 (was 1400). The "
                          "connection uses the options of the copy the peer answers; if it "
                          "answers this one: the peer sends at most 1460 bytes of data per "
                          "segment; window scaling if the SYN+ACK offers it too; no SACK; no "
                          "timestamps.");
    /* A SYN+ACK with window scale, answering copies that differed, the
     * last without the option: it answers an earlier copy. */
    tt_header_parse(&h, b, tt_fx_header(b, 80, 40000, 500, 101, TT_SYN | TT_ACK, 1000, 7, 1400, 0));
    tt_result a = base_result();
    a.role = TT_ROLE_HANDSHAKE_2;
    a.payload_len = 0;
    a.dir = TT_DIR_S2C;
    a.peer_syn = TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS | TT_PEER_SYN_CHANGED;
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &a, NULL, TT_LANG_EN, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK_HAS(g_out.text, "0 -1 0 | The copies of the SYN it answers did not all offer the same "
                          "options: this SYN+ACK shows what the connection uses: window "
                          "scaling; no SACK; no timestamps (");
    CHECK_HAS(g_out.text, "1 -1 0 | It carries an option that the last copy did not offer: it "
                          "answers an earlier copy.");
    a.peer_syn |= TT_PEER_SYN_WS;
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &a, NULL, TT_LANG_EN, &e);
    CHECK(strstr(g_out.text, "earlier copy") == NULL);
    a.peer_syn &= (uint8_t)~TT_PEER_SYN_CHANGED;
    out_init(&g_out, header_bound(&h));
    tt_explain_reliability_detail(&h, &a, NULL, TT_LANG_EN, &e);
    CHECK(strstr(g_out.text, "copies") == NULL);
}

/* The checksum line names the pseudo-header of the IP version that carried
 * the segment: IPv4's, or IPv6's (RFC 8200, section 8.1), also for a header
 * quoted in an ICMPv6 error. */
static void test_checksum_pseudo_header(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = base_result();
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "It covers a pseudo-header (source and destination IP addresses, protocol, TCP "
                 "length), the TCP header and the data.");
    CHECK(strstr(t, "IPv6") == NULL);
    r.notes |= TT_NOTE_IPV6;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "It covers the IPv6 pseudo-header (RFC 8200, section 8.1: the 128-bit source and "
                 "destination addresses, the upper-layer packet length in 32 bits, three zero "
                 "bytes and the next header value 6), the TCP header and the data.");
    CHECK(strstr(t, "protocol, TCP length") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "它覆盖 IPv6 伪首部（RFC 8200 第 8.1 节：128 位的源地址和目的地址");
    r = base_result();
    r.role = TT_ROLE_ICMP_QUOTED;
    r.notes2 |= TT_NOTE2_ICMP6;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "IPv6 pseudo-header");
    r.notes2 = TT_NOTE2_ICMP4;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK(strstr(t, "IPv6 pseudo-header") == NULL);
}

/* The one set of UTF-8 helpers: characters counted, cuts that never split
 * one, lead and continuation bytes, decoding (checked on ASCII, Chinese,
 * a 4-byte character and a broken sequence). */
static void test_utf8_helpers(void)
{
    char mixed[64]; /* 2 + 5 + 1 + 1 characters */
    snprintf(mixed, sizeof mixed, "%s", "ab三次握手，\xf0\x9f\x98\x80!");
    CHECK_EQ_U(tt_utf8_count(mixed), 9);
    CHECK_EQ_U(tt_utf8_count(""), 0);
    CHECK_EQ_U(strlen(mixed), 2 + 5 * 3 + 4 + 1);
    CHECK(tt_utf8_ascii('a') && !tt_utf8_ascii(0xe4));
    CHECK(tt_utf8_cont(0x80) && tt_utf8_cont(0xbf) && !tt_utf8_cont(0xc0) && !tt_utf8_cont('a'));
    CHECK_EQ_U(tt_utf8_seq_len('a'), 1);
    CHECK_EQ_U(tt_utf8_seq_len(0xc3), 2);
    CHECK_EQ_U(tt_utf8_seq_len(0xe4), 3);
    CHECK_EQ_U(tt_utf8_seq_len(0xf0), 4);
    CHECK_EQ_U(tt_utf8_seq_len(0x80), 0);
    /* "三" takes bytes 2..4: a cut at 3 or 4 goes back to 2. */
    CHECK_EQ_U(tt_utf8_boundary(mixed, 3), 2);
    CHECK_EQ_U(tt_utf8_boundary(mixed, 4), 2);
    CHECK_EQ_U(tt_utf8_boundary(mixed, 5), 5);
    CHECK_EQ_U(tt_utf8_boundary(mixed, 19), 17); /* inside the 4-byte character */
    uint32_t cp;
    CHECK_EQ_U(tt_utf8_next((const unsigned char *)mixed + 2, &cp), 3);
    CHECK_EQ_U(cp, 0x4e09); /* 三 */
    CHECK_EQ_U(tt_utf8_next((const unsigned char *)mixed + 17, &cp), 4);
    CHECK_EQ_U(cp, 0x1f600);
    CHECK_EQ_U(tt_utf8_next((const unsigned char *)"\xe4\xb8", &cp),
               2); /* cut short: up to the NUL */
    CHECK_EQ_U(cp, 0xfffd);
}

/* ---- data offset --------------------------------------------------------------- */

static void test_doff_15(void)
{
    uint8_t opts[40];
    memset(opts, TT_OPT_NOP, sizeof opts);
    tt_header h;
    make_header(&h, TT_ACK, 100, opts, sizeof opts);
    CHECK_EQ_U(h.doff, 15);
    tt_result r = base_result();
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1111 = 15 -> 15 x 4 = 60 bytes (15 x 32 bits / 8 = 60 bytes)");
    CHECK_HAS(t, "leaving 40 bytes of options");
    CHECK_HAS(t, "at least 5 (20 bytes), at most 15 (60 bytes)");
    CHECK_HAS(t, "0 20 40 | Options: 40 bytes after the fixed 20-byte header");
    CHECK_HAS(t, "1 59 1 | No-operation (NOP, kind 1)");
    CHECK_HAS(t, "4-byte boundary");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "1111 = 15 -> 15 x 4 = 60 字节");
    CHECK_HAS(t, "选项占 40 字节");
}

static void test_doff_3_malformed(void)
{
    uint8_t b[20];
    memcpy(b, seed002, sizeof b);
    b[12] = 0x30 | (b[12] & 0x0f);
    tt_header h;
    tt_header_parse(&h, b, sizeof b);
    CHECK_EQ_U(h.problem, TT_HDR_DOFF_SMALL);
    tt_result r = base_result();
    r.role = TT_ROLE_MALFORMED;
    r.chunk = 0;
    r.payload_len = 0;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0011 = 3 -> 3 x 4 = 12 bytes; malformed: data offset 3 < 5");
    CHECK(strstr(t, "Options") == NULL);
    char buf[256];
    CHECK(tt_explain_problem(&h, TT_LANG_EN, buf, sizeof buf) > 0);
    CHECK_STR(buf, "malformed: data offset 3 < 5 (the header cannot be shorter than 20 bytes)");
    tt_explain_problem(&h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "数据偏移 3 < 5");
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "This TCP header is malformed: data offset 3 < 5");
    tt_explain_label(&r, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "[Malformed]");
    tt_explain_label(&r, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "[畸形报文]");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "0011 = 3 -> 3 x 4 = 12 字节；格式错误：数据偏移 3 < 5");
}

static void test_problem_ok_and_cut(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    char buf[128] = "junk";
    CHECK_EQ_U(tt_explain_problem(&h, TT_LANG_EN, buf, sizeof buf), 0);
    CHECK_STR(buf, "");
    /* doff 10 (40 bytes) but only 28 captured. */
    static const uint8_t opts[20] = {2,    4,    0xff, 0xd7, 4, 2, 8, 10, 7, 0xc2,
                                     0x99, 0xef, 0,    0,    0, 0, 1, 3,  3, 7};
    make_header(&h, TT_SYN, 43690, opts, sizeof opts);
    tt_header_parse(&h, g_bytes, 28);
    CHECK_EQ_U(h.problem, TT_HDR_OPTS_CUT);
    size_t n = tt_explain_problem(&h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "truncated: the header says 40 bytes but only 28 were captured");
    CHECK_EQ_U(n, strlen(buf));
    tt_result r = base_result();
    r.role = TT_ROLE_HANDSHAKE_1;
    r.wscale = TT_WS_SYN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 20 8 | Options: the header says 20 bytes of options, but only 8 of them");
    CHECK_HAS(t, "1 20 4 | Maximum segment size (MSS, kind 2): 65495 bytes");
    CHECK_HAS(t, "1 26 2 | Malformed option (kind 8): its length 10 runs past the end");
    tt_explain_problem(&h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "被截断");
}

/* ---- flags --------------------------------------------------------------------- */

static void test_all_flags(void)
{
    tt_header h;
    make_header(&h, 0xfff, 1000, NULL, 0);
    CHECK_EQ_U(h.flags, 0xfff);
    tt_result r = base_result();
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Flags: 0xfff = 1111 1111 1111 (Reserved, AE, CWR, ECE, URG, ACK, PSH, RST, "
                 "SYN, FIN)");
    CHECK_HAS(t, "1 12 1 | 111. .... .... = Reserved (3 bits): Set. These bits must be zero");
    CHECK_HAS(t, "1 12 1 | ...1 .... .... = Accurate ECN (AE): Set");
    CHECK_HAS(t, "1 13 1 | .... 1... .... = Congestion Window Reduced (CWR): Set");
    CHECK_HAS(t, "1 13 1 | .... .1.. .... = ECN-Echo (ECE): Set");
    CHECK_HAS(t, "1 13 1 | .... ..1. .... = Urgent (URG): Set. The urgent pointer is valid");
    CHECK_HAS(t, "1 13 1 | .... ...1 .... = Acknowledgment (ACK): Set");
    CHECK_HAS(t, "1 13 1 | .... .... 1... = Push (PSH): Set");
    CHECK_HAS(t, "1 13 1 | .... .... .1.. = Reset (RST): Set. Abort the connection");
    CHECK_HAS(t, "1 13 1 | .... .... ..1. = Synchronize (SYN): Set");
    CHECK_HAS(t, "1 13 1 | .... .... ...1 = Finish (FIN): Set");
    /* relative 1 is the SYN's own number; the 19 data bytes follow it,
     * then the FIN (21), acknowledged by 22 */
    CHECK_HAS(t, "The SYN takes number 1 itself; its 19 data bytes are 2..20, and the next "
                 "byte is 21");
    CHECK_HAS(t, "FIN consumes one sequence number too, so the peer acknowledges it with ack 22");
    CHECK(strstr(t, "Not set") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "0xfff = 1111 1111 1111（保留位、AE、CWR、ECE、URG、ACK、PSH、RST、SYN、FIN）");
    CHECK(strstr(t, "未置位") == NULL);
}

static void test_no_flags_ack_meaningless(void)
{
    tt_header h;
    make_header(&h, 0, 1000, NULL, 0);
    tt_result r = base_result();
    r.payload_len = 0;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "(none set)");
    CHECK_HAS(t, "0 8 4 | Acknowledgment number: 0x00000000 = 0. The ACK flag is not set, so this "
                 "field is meaningless");
    CHECK_HAS(t, "The acknowledgment number is not valid");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "均未置位");
    CHECK_HAS(t, "没有意义");
}

/* ---- window ------------------------------------------------------------------------ */

static void test_window(void)
{
    tt_header h;
    tt_result r = base_result();
    make_header(&h, TT_ACK, 342, NULL, 0);
    r.wscale = 7;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 14 2 | Window: 0x0156 = 342.");
    CHECK_HAS(t, "1 14 2 | Window scale shift 7 from the handshake: 342 x 2^7 = 43776 bytes.");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "342 x 2^7 = 43776 字节");

    make_header(&h, TT_ACK, 65535, NULL, 0);
    r.wscale = 14;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "65535 x 2^14 = 1073725440 bytes");
    r.wscale = 40; /* garbage: treated as the maximum, 14 */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "65535 x 2^14 = 1073725440 bytes");

    r.wscale = 0;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Window scaling was negotiated, but this side's shift is 0 (multiplier 1): the "
                 "window is 65535 bytes");
    r.wscale = TT_WS_NONE;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Window scaling is not in use: the SYNs did not both carry the window scale "
                 "option (multiplier 1), so the window is 65535 bytes");
    r.wscale = TT_WS_CUT;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "a SYN's options were not captured");

    make_header(&h, TT_SYN, 43690, NULL, 0);
    r.wscale = TT_WS_SYN;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Windows in SYN segments are never scaled: the window is 43690 bytes.");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "SYN 报文段中的窗口从不扩大");

    r.wscale = TT_WS_UNKNOWN;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "The window scale is unknown because the capture does not show both SYNs");
    r.wscale = -100; /* garbage */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "The window scale is unknown");

    make_header(&h, TT_ACK, 0, NULL, 0);
    r.wscale = 7;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 x 2^7 = 0 bytes");
    CHECK_HAS(t, "Zero window: the receiver's buffer is full");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "零窗口");
}

/* ---- options -------------------------------------------------------------------------- */

/* The SYN of seed 000: mss 65495, sackOK, TS val 130193903 ecr 0, nop, wscale 7. */
static const uint8_t syn000_opts[20] = {2,    4,    0xff, 0xd7, 4, 2, 8, 10, 7, 0xc2,
                                        0x99, 0xef, 0,    0,    0, 0, 1, 3,  3, 7};

static void test_syn_options_loopback(void)
{
    tt_header h;
    make_header(&h, TT_SYN, 43690, syn000_opts, sizeof syn000_opts);
    h.seq = 87768135u;
    tt_result r = base_result();
    r.role = TT_ROLE_HANDSHAKE_1;
    r.rel_seq = 0;
    r.payload_len = 0;
    r.chunk = 0;
    r.wscale = TT_WS_SYN;
    r.client_before = TT_ST_CLOSED;
    r.client_after = TT_ST_SYN_SENT;
    r.server_before = r.server_after = TT_ST_LISTEN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 20 20 | Options: 20 bytes after the fixed 20-byte header");
    CHECK_HAS(t, "1 20 4 | Maximum segment size (MSS, kind 2): 65495 bytes");
    CHECK_HAS(t, "2 22 2 | 65495 = 65535 - 40: typical of IPv4 loopback");
    CHECK_HAS(t, "1 24 2 | SACK permitted (kind 4)");
    CHECK_HAS(t, "1 26 10 | Timestamps (kind 8): TSval 130193903, TSecr 0. TSecr echoes the "
                 "peer's last TSval");
    CHECK_HAS(t, "RTT");
    CHECK_HAS(t, "PAWS");
    CHECK_HAS(t, "2 28 4 | TSval 130193903");
    CHECK_HAS(t, "2 32 4 | TSecr 0");
    CHECK_HAS(t, "1 36 1 | No-operation (NOP, kind 1)");
    CHECK_HAS(t, "1 37 3 | Window scale (kind 3): shift 7");
    CHECK_HAS(t, "2^7 = 128");
    CHECK_HAS(t, "initial sequence number (ISN)");
    CHECK_HAS(t, "SYN consumes one sequence number, so the first data byte will be number "
                 "87768136");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "最大报文段长度 MSS（类型 2）：65495 字节");
    CHECK_HAS(t, "65495 = 65535 - 40");
    CHECK_HAS(t, "时间戳");
    CHECK_HAS(t, "窗口扩大因子（类型 3）：移位 7");
    CHECK_HAS(t, "选择确认");

    char buf[512];
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    /* The ISN, and the relative number Wireshark's Info shows for it. */
    CHECK_STR(buf, "Handshake step 1 of 3: the client asks to open a connection (SYN, initial "
                   "sequence number 87768135, which Info shows as Seq=0).");
    tt_explain_summary(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "三报文握手第 1 步：客户端请求建立连接（SYN，初始序号 "
                   "87768135，信息列中显示为相对序号 0）。");
    /* With absolute numbers Info shows the ISN itself: said once. */
    h.absolute = true;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "Handshake step 1 of 3: the client asks to open a connection (SYN, initial "
                   "sequence number 87768135).");
    h.absolute = false;
}

static void test_mss_origins(void)
{
    uint8_t opts[4] = {2, 4, 0x05, 0xb4}; /* 1460 */
    tt_header h;
    make_header(&h, TT_SYN, 64240, opts, sizeof opts);
    tt_result r = base_result();
    r.wscale = TT_WS_SYN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1460 = 1500 - 40. 1500 is the usual Ethernet MTU.");

    opts[2] = 0xff, opts[3] = 0xc4; /* 65476 over IPv6 */
    make_header(&h, TT_SYN, 64240, opts, sizeof opts);
    r.notes = TT_NOTE_IPV6;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "65476 = 65536 - 60. 65536 is the MTU of the Linux loopback interface");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "65476 = 65536 - 60");
    CHECK_HAS(t, "回环接口");

    opts[2] = 0x40, opts[3] = 0x0c; /* 16396 = 16436 - 40, seed 003 */
    make_header(&h, TT_SYN, 64240, opts, sizeof opts);
    r.notes = 0;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "16396 = 16436 - 40. 16436 is the MTU of the Linux loopback interface");
}

static void test_sack_blocks(void)
{
    static const uint8_t opts[20] = {1,    1,    5, 18, 0,    0,    0x03, 0xe9, 0,    0,
                                     0x07, 0xd1, 0, 0,  0x0b, 0xb9, 0,    0,    0x0f, 0xa1};
    tt_header h;
    make_header(&h, TT_ACK, 500, opts, sizeof opts);
    tt_result r = base_result();
    r.role = TT_ROLE_DUP_ACK;
    r.payload_len = 0;
    h.absolute = true; /* raw edges only (the relative view follows) */
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 22 18 | SACK (kind 5): 2 blocks");
    CHECK_HAS(t, "2 24 8 | Block 1: left edge 1001, right edge 2001: bytes 1001..2000 arrived "
                 "(1000 bytes).");
    CHECK_HAS(t, "2 32 8 | Block 2: left edge 3001, right edge 4001: bytes 3001..4000");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "块 1：左边界 1001，右边界 2001：字节 1001..2000 已收到（共 1000 字节）");

    /* A one-byte block (5282..5282, as in a D-SACK of one byte):
     * "byte 5282 arrived (1 byte)". */
    static const uint8_t one[12] = {1, 1, 5, 10, 0, 0, 0x14, 0xa2, 0, 0, 0x14, 0xa3};
    make_header(&h, TT_ACK, 500, one, sizeof one);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Block 1: left edge 5282, right edge 5283: byte 5282 arrived (1 byte");
    CHECK(strstr(t, "1 bytes") == NULL);
    /* sack-recovery.pcap frame 10: ack 3000001001 (relative 1001), block
     * 3000002001..3000003001: in the relative view also relative 2001..3000 */
    static const uint8_t sack2[12] = {1, 1, 5, 10, 0xb2, 0xd0, 0x65, 0xd1, 0xb2, 0xd0, 0x69, 0xb9};
    make_header(&h, TT_ACK, 500, sack2, sizeof sack2);
    g_bytes[8] = 0xb2, g_bytes[9] = 0xd0, g_bytes[10] = 0x61, g_bytes[11] = 0xe9; /* 3000001001 */
    tt_header_parse(&h, g_bytes, 32);
    r.rel_ack = 1001;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Block 1: left edge 3000002001, right edge 3000003001: bytes "
                 "3000002001..3000003000 arrived (1000 bytes; relative 2001..3000).");
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "（共 1000 字节；相对序号 2001..3000）");
    h.absolute = true; /* the absolute view has one numbering only */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "bytes 3000002001..3000003000 arrived (1000 bytes).");
}

static void test_tfo_and_unknown(void)
{
    static const uint8_t req[4] = {34, 2, 1, 1};
    tt_header h;
    make_header(&h, TT_SYN, 500, req, sizeof req);
    tt_result r = base_result();
    r.wscale = TT_WS_SYN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 2 | TCP Fast Open (kind 34): cookie request");
    static const uint8_t cookie[12] = {1, 1, 34, 10, 1, 2, 3, 4, 5, 6, 7, 8};
    make_header(&h, TT_SYN, 500, cookie, sizeof cookie);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 22 10 | TCP Fast Open (kind 34): a cookie of 8 bytes");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "TCP 快速打开 TFO（类型 34）：8 字节的快速打开凭证");
    /* The same before RFC 7413: an experimental option, ExID 0xF989. */
    static const uint8_t exp[12] = {254, 10, 0xF9, 0x89, 1, 2, 3, 4, 5, 6, 1, 1};
    make_header(&h, TT_SYN, 500, exp, sizeof exp);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 10 | Experimental option (kind 254) with ExID 0xF989: TCP Fast Open in its "
                 "early form (before RFC 7413 gave it kind 34), carrying a cookie of 6 bytes.");
    static const uint8_t other[8] = {253, 6, 0x12, 0xAB, 0, 0, 1, 1};
    make_header(&h, TT_ACK, 500, other, sizeof other);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "实验性选项（类型 253，RFC 6994），实验编号 0x12AB，共 6 字节");

    static const uint8_t unknown[8] = {99, 6, 1, 2, 3, 4, 1, 0};
    make_header(&h, TT_ACK, 500, unknown, sizeof unknown);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 6 | Option kind 99, 6 bytes, unknown.");
    CHECK_HAS(t, "1 27 1 | End of option list (EOL, kind 0)");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "选项类型 99，6 字节，未知类型。");

    static const uint8_t mptcp[4] = {30, 4, 0, 0};
    make_header(&h, TT_ACK, 500, mptcp, sizeof mptcp);
    t = explain_header(&h, &r, TT_LANG_EN);
    /* MP_CAPABLE (subtype 0), version 0: RFC 6824, not RFC 8684 */
    CHECK_HAS(t, "1 20 4 | Multipath TCP (kind 30): MP_CAPABLE, version 0, the first, experimental "
                 "MPTCP of RFC 6824; 4 bytes.");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "多路径 TCP（类型 30）：MP_CAPABLE，版本 0，即 RFC 6824");
    static const uint8_t mptcp_v1[4] = {30, 4, 0x01, 0x81};
    make_header(&h, TT_ACK, 500, mptcp_v1, sizeof mptcp_v1);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t,
              "1 20 4 | Multipath TCP (kind 30): MP_CAPABLE, version 1, MPTCP as standardised in "
              "RFC 8684; 4 bytes.");
    static const uint8_t mptcp_dss[4] = {30, 4, 0x20, 0x00}; /* subtype 2 */
    make_header(&h, TT_ACK, 500, mptcp_dss, sizeof mptcp_dss);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 4 | Multipath TCP (kind 30): subtype 2 (DSS), 4 bytes; its version (0: RFC "
                 "6824, 1: RFC 8684)");
    static const uint8_t mptcp_short[4] = {30, 2, 1, 1};
    make_header(&h, TT_ACK, 500, mptcp_short, sizeof mptcp_short);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 2 | Option kind 30 (MPTCP, RFC 6824 / RFC 8684), 2 bytes.");

    static const uint8_t eol_pad[8] = {1, 0, 0, 0, 0, 0, 0, 0};
    make_header(&h, TT_ACK, 500, eol_pad, sizeof eol_pad);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 21 1 | End of option list");
    CHECK_HAS(t, "1 22 6 | Padding after EOL: 6 bytes.");
}

static void test_bad_options(void)
{
    tt_header h;
    tt_result r = base_result();
    static const uint8_t zero_len[4] = {8, 0, 0, 0};
    make_header(&h, TT_ACK, 500, zero_len, sizeof zero_len);
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 4 | Malformed option (kind 8): length 0 is too small");
    CHECK_HAS(t, "the remaining 4 option bytes cannot be parsed");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "畸形选项（类型 8）：长度 0 太小");

    static const uint8_t wrong_fixed[8] = {1, 2, 5, 1, 2, 3, 0, 0};
    make_header(&h, TT_ACK, 500, wrong_fixed, sizeof wrong_fixed);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 21 7 | Malformed option (kind 2): its length byte says 5, but this option is "
                 "always 4 bytes");

    static const uint8_t bad_sack[8] = {5, 5, 0, 0, 0, 0, 0, 0};
    make_header(&h, TT_ACK, 500, bad_sack, sizeof bad_sack);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 5 | Invalid SACK option (kind 5): length 5, but a SACK option is 8n + 2 "
                 "bytes with at least one block");

    /* An empty SACK (length 2, no block) is invalid too; the options after
     * it are still read, as a receiver skips it by its length. */
    static const uint8_t empty_sack[12] = {5, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};
    make_header(&h, TT_ACK, 500, empty_sack, sizeof empty_sack);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 2 | Invalid SACK option (kind 5): length 2, but a SACK option is 8n + 2 "
                 "bytes with at least one block (10, 18, 26 or 34 bytes); a receiver ignores it.");
    CHECK(strstr(t, "0 blocks") == NULL);
    CHECK_HAS(t, "1 22 10 | Timestamps");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "无效的 SACK 选项（类型 5）：长度为 2");
    CHECK(tt_header_find_option(&h, TT_OPT_SACK) == NULL);

    static const uint8_t overrun[8] = {1, 1, 99, 30, 0, 0, 0, 0};
    make_header(&h, TT_ACK, 500, overrun, sizeof overrun);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 22 6 | Malformed option (kind 99): its length 30 runs past the end of the "
                 "options area (only 6 bytes left).");

    static const uint8_t no_len[4] = {1, 1, 1, 99};
    make_header(&h, TT_ACK, 500, no_len, sizeof no_len);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 23 1 | Malformed option (kind 99): the options area ends before its length");
}

/* ---- checksum, urgent pointer, truncation ------------------------------------------------ */

/* The sequence number of a keep-alive or zero-window probe is one below the
 * next byte on purpose (RFC 9293, sections 3.8.4 and 3.8.6.1); a one-byte
 * probe at the next byte sends a new byte. */
static void test_seq_of_probes(void)
{
    tt_header h;
    make_header(&h, TT_ACK, 500, NULL, 0);
    tt_result r = base_result();
    r.role = TT_ROLE_KEEPALIVE;
    r.chunk = 0;
    r.payload_len = 0;
    r.rel_seq = 1000;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 4 4 | Sequence number: 0x053b3f47 = 87768903 (relative 1000). A keep-alive "
                 "puts SND.NXT - 1 here on purpose");
    CHECK(strstr(t, "this is the number of this segment's first byte") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "保活报文故意在这里填 SND.NXT - 1");

    r.role = TT_ROLE_ZERO_WINDOW_PROBE; /* Linux: no byte, one below the next */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "A zero-window probe that puts SND.NXT - 1 here on purpose");
    r.payload_len = 1; /* one byte at SND.NXT - 1: Wireshark calls it a keep-alive */
    r.analysis = TT_AN_KEEP_ALIVE;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "A zero-window probe that puts SND.NXT - 1 here on purpose");
    r.analysis = TT_AN_ZERO_WINDOW_PROBE; /* one byte at SND.NXT */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "A zero-window probe: it sends the next new byte (SND.NXT)");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "它仍发送下一个新字节（SND.NXT）");
}

/* RFC 9293, section 3.10.7.1: a reset answering a segment without ACK
 * carries ACK (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>); one answering a
 * segment with ACK is sent without it (<SEQ=SEG.ACK><CTL=RST>). */
static void test_ack_flag_of_resets(void)
{
    tt_header h;
    tt_result r = base_result();
    r.role = TT_ROLE_REFUSED;
    r.dir = TT_DIR_S2C;
    r.chunk = 0;
    r.payload_len = 0;
    make_header(&h, TT_RST | TT_ACK, 0, NULL, 0);
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 13 1 | .... ...1 .... = Acknowledgment (ACK): Set. The acknowledgment number "
                 "is valid. A reset must carry ACK when it answers a segment without ACK, such as "
                 "a SYN (RFC 9293, section 3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>)");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "复位报文回应不带 ACK 的报文段（例如 SYN）时必须带 ACK");

    r.role = TT_ROLE_RESET;
    make_header(&h, TT_RST, 0, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "= Acknowledgment (ACK): Not set. The acknowledgment number is not valid. A "
                 "reset is sent without ACK when it answers a segment that carried ACK: its "
                 "sequence number is then that segment's acknowledgment number (RFC 9293, section "
                 "3.10.7.1: <SEQ=SEG.ACK><CTL=RST>)");
    CHECK(strstr(t, "answering a segment without ACK are sent without ACK") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "复位报文回应带 ACK 的报文段时不带 ACK");

    /* Not a reset: the general sentence names the resets sent without ACK. */
    r.role = TT_ROLE_HANDSHAKE_1;
    make_header(&h, TT_SYN, 500, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "some resets (one that answers a segment carrying ACK, or one sent by ABORT) are "
                 "sent without ACK");
}

/* ECN bits read in context: an offer in a SYN, an agreement in a SYN+ACK
 * (RFC 3168, section 6.1.1), congestion signals in data, and the ACE
 * counter once Accurate ECN was negotiated (RFC 9768). */
static void test_ecn_in_context(void)
{
    tt_header h;
    tt_result r = base_result();
    r.role = TT_ROLE_HANDSHAKE_1;
    r.chunk = 0;
    r.payload_len = 0;
    r.wscale = TT_WS_SYN;
    make_header(&h, TT_SYN | TT_CWR | TT_ECE, 500, NULL, 0);
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 12 2 | ECN negotiation: ECE and CWR set in a SYN offer ECN");
    CHECK_HAS(t, "= ECN-Echo (ECE): Set. Part of the ECN negotiation of the handshake");
    CHECK(strstr(t, "Congestion Experienced") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "SYN 中 ECE 和 CWR 都置位，表示请求使用显式拥塞通知 ECN");

    make_header(&h, TT_SYN | TT_AE | TT_CWR | TT_ECE, 500, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "AE, CWR and ECE all set in a SYN offer Accurate ECN (RFC 9768");

    r.role = TT_ROLE_HANDSHAKE_2;
    r.dir = TT_DIR_S2C;
    make_header(&h, TT_SYN | TT_ACK | TT_ECE, 500, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "ECE alone in a SYN+ACK means the sender agrees to use ECN (RFC 3168, section "
                 "6.1.1).");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "SYN+ACK 中只有 ECE 置位，表示发送方同意使用 ECN");

    r.notes = TT_NOTE_ACCECN; /* 0 1 0: accepts, the SYN arrived Not-ECT */
    make_header(&h, TT_SYN | TT_ACK | TT_CWR, 500, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "this SYN+ACK accepts it with AE, CWR, ECE = 010");

    r.role = TT_ROLE_HANDSHAKE_3;
    r.dir = TT_DIR_C2S;
    r.wscale = TT_WS_UNKNOWN;
    make_header(&h, TT_ACK | TT_CWR, 500, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "in the ACK that completes the handshake, AE, CWR and ECE = 010 tell the peer");
    CHECK_HAS(t, "= ECN-Echo (ECE): Not set. One bit of the ACE counter");

    r.role = TT_ROLE_DATA;
    make_header(&h, TT_ACK | TT_AE | TT_ECE, 500, NULL, 0); /* 101 = 5, no CE seen yet */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 12 2 | Accurate ECN was negotiated in the handshake (RFC 9768), so AE, CWR and "
                 "ECE are one 3-bit counter, ACE = 101 = 5");
    CHECK_HAS(t, "= ECN-Echo (ECE): Set. One bit of the ACE counter");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "3 位计数器 ACE = 101 = 5");

    r.notes = 0; /* classic ECN: congestion signals */
    make_header(&h, TT_ACK | TT_ECE | TT_CWR, 500, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "= ECN-Echo (ECE): Set. ECN echo: packets from the peer arrived marked Congestion "
                 "Experienced (CE)");
    CHECK_HAS(t, "= Congestion Window Reduced (CWR): Set. The sender has reduced its congestion "
                 "window");
    CHECK(strstr(t, "ECN negotiation") == NULL);
    CHECK(strstr(t, "ACE") == NULL);
}

/* The integrity note says the sender retransmits only for a segment that
 * occupies sequence space; a reset's window gets no flow-control gloss. */
static void test_integrity_note(void)
{
    tt_header h;
    tt_result r = base_result();
    make_header(&h, TT_ACK | TT_PSH, 500, NULL, 0);
    const char *t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "the missing ACK then makes the sender retransmit.");

    r.role = TT_ROLE_ACK;
    r.chunk = 0;
    r.payload_len = 0;
    make_header(&h, TT_ACK, 500, NULL, 0);
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK(strstr(t, "makes the sender retransmit") == NULL);
    CHECK_HAS(t,
              "0 16 2 | Integrity: the checksum lets the receiver detect a corrupted segment and "
              "drop it; a pure ACK is not retransmitted");
    t = explain_reliability(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "纯确认报文不会重传");

    make_header(&h, TT_ACK | TT_FIN, 500, NULL, 0); /* a FIN is retransmitted */
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "the missing ACK then makes the sender retransmit.");

    r.role = TT_ROLE_RESET;
    make_header(&h, TT_RST | TT_ACK, 0, NULL, 0);
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK(strstr(t, "makes the sender retransmit") == NULL);
    CHECK(strstr(t, "Flow control") == NULL);
    CHECK_HAS(t, "a reset is not retransmitted");
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 14 2 | Window: 0x0000 = 0.\n");
    CHECK_HAS(t, "1 14 2 | A reset carries no flow-control information");
    CHECK(strstr(t, "flow control with a sliding window") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "0 14 2 | 窗口：0x0000 = 0。\n");

    r.role = TT_ROLE_ICMP_QUOTED;
    tt_header_parse(&h, seed002, 8);
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK(strstr(t, "Integrity") == NULL);
}

static void test_checksum(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = base_result();
    r.checksum = TT_CK_BAD;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 16 2 | Wireshark marks it bad.");
    CHECK_HAS(t, "checksum offload");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "校验和卸载");
    r.checksum = TT_CK_GOOD;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 16 2 | Verified: the checksum is correct.");
    r.checksum = 3; /* not a verdict: treated as unverified */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Not verified");
}

static void test_urgent(void)
{
    uint8_t b[20];
    memcpy(b, seed002, sizeof b);
    b[13] = 0x38; /* URG, ACK, PSH */
    b[19] = 5;
    tt_header h;
    tt_header_parse(&h, b, sizeof b);
    tt_result r = base_result();
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 18 2 | Urgent pointer: 5. URG is set, so the urgent data ends just before "
                 "seq + 5 = 3625173533 (relative 6).");
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "紧急指针：5。URG 已置位");
}

static void test_truncated(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, 10);
    CHECK_EQ_U(h.problem, TT_HDR_TRUNCATED);
    tt_result r = base_result();
    r.role = TT_ROLE_MALFORMED;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "-1 0 | This header is truncated: only 10 of the 20 bytes of the fixed TCP "
                 "header were captured.");
    CHECK_HAS(t, "0 0 2 | Source port: 0x9471 = 38001");
    CHECK_HAS(t, "0 4 4 | Sequence number: 0xd813c218 = 3625173528");
    CHECK_HAS(t, "-1 0 | Acknowledgment number: not captured (only 10 bytes of the header were "
                 "captured)");
    CHECK_HAS(t, "Header length (data offset): not captured");
    CHECK_HAS(t, "Flags: not captured");
    CHECK_HAS(t, "Window: not captured");
    CHECK_HAS(t, "Checksum: not captured");
    CHECK_HAS(t, "Urgent pointer: not captured");
    /* No made-up values for the missing fields. */
    CHECK(strstr(t, "0x00000000") == NULL);
    CHECK(strstr(t, "Set") == NULL);
    CHECK(strstr(t, "2203279723") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "被截断：固定 TCP 首部的 20 个字节中只抓到了 10 个");
    CHECK_HAS(t, "确认号：未抓到");
    char buf[256];
    tt_explain_problem(&h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "truncated: only 10 of the 20 bytes of the fixed TCP header were captured");

    /* An ICMP error quotes 8 bytes on purpose (RFC 792): nothing was lost. */
    r.role = TT_ROLE_ICMP_QUOTED;
    tt_header_parse(&h, seed002, 8);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 -1 0 | This ICMP error quotes the first 8 bytes of the TCP header: RFC 792 "
                 "asks only for the first 8 bytes of the original datagram's data (the ports and "
                 "the sequence number)");
    CHECK_HAS(t, "0 -1 0 | Acknowledgment number: not in the ICMP error's quote");
    CHECK(strstr(t, "truncated") == NULL);
    CHECK(strstr(t, "captured") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "这个 ICMP 差错报文引用了 TCP 首部的前 8 个字节");
    CHECK_HAS(t, "确认号：不在 ICMP 差错报文引用的部分中");
    r.role = TT_ROLE_MALFORMED;

    /* caplen 12: the ack is there but not the flags that say whether it counts. */
    tt_header_parse(&h, seed002, 12);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 8 4 | Acknowledgment number: 0x8353616b = 2203279723. The flags were not "
                 "captured");
    /* caplen 13: the data offset byte is there, the rest of the flags is not. */
    tt_header_parse(&h, seed002, 13);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 12 1 | Header length (data offset): 0101 = 5 -> 5 x 4 = 20 bytes");
    CHECK_HAS(t, "Flags: not captured");

    /* Nothing captured at all. */
    tt_header_parse(&h, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Source port: not captured");
    CHECK(strstr(t, "0x") == NULL);
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK(text_ok(buf));
    r.role = TT_ROLE_HANDSHAKE_1;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "initial sequence number not captured");
    r.role = TT_ROLE_REFUSED;
    tt_explain_summary(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "端口 未抓到");
}

/* ---- labels and summaries -------------------------------------------------------------- */

static const char *label(const tt_result *r, tt_lang lang)
{
    static char buf[128];
    size_t n = tt_explain_label(r, lang, buf, sizeof buf);
    CHECK_EQ_U(n, strlen(buf));
    CHECK(text_ok(buf));
    return buf;
}

static tt_result role_result(unsigned role, unsigned chunk, unsigned acked, uint32_t notes)
{
    tt_result r = base_result();
    r.role = (uint8_t)role;
    r.chunk = chunk;
    r.acked_chunk = acked;
    r.notes = notes;
    return r;
}

static void test_labels(void)
{
    static const struct {
        unsigned role, chunk, acked;
        uint16_t notes;
        const char *en, *zh;
    } cases[] = {
        {TT_ROLE_HANDSHAKE_1, 0, 0, 0, "[Handshake 1/3]", "[三报文握手第 1 步]"},
        {TT_ROLE_HANDSHAKE_2, 0, 0, 0, "[Handshake 2/3]", "[三报文握手第 2 步]"},
        {TT_ROLE_HANDSHAKE_3, 0, 0, 0, "[Handshake 3/3]", "[三报文握手第 3 步]"},
        {TT_ROLE_HANDSHAKE_3, 1, 0, TT_NOTE_CARRIES_DATA, "[Handshake 3/3 + Data #1]",
         "[三报文握手第 3 步 + 数据 #1]"},
        {TT_ROLE_DATA, 2, 0, 0, "[Data #2]", "[数据 #2]"},
        {TT_ROLE_DATA_PIGGYBACK, 2, 1, 0, "[Piggybacked ACK + Data #2]", "[捎带确认 + 数据 #2]"},
        {TT_ROLE_ACK, 0, 3, 0, "[ACK of data #3]", "[确认数据 #3]"},
        {TT_ROLE_ACK, 0, 0, 0, "[ACK]", "[确认]"},
        {TT_ROLE_DUP_ACK, 0, 0, 0, "[Dup ACK]", "[重复确认]"},
        {TT_ROLE_WINDOW_UPDATE, 0, 0, 0, "[Window update]", "[窗口更新]"},
        {TT_ROLE_KEEPALIVE, 0, 0, 0, "[Keep-alive]", "[保活]"},
        {TT_ROLE_KEEPALIVE_ACK, 0, 0, 0, "[Keep-alive ACK]", "[保活确认]"},
        {TT_ROLE_ZERO_WINDOW_PROBE, 0, 0, 0, "[Zero-window probe]", "[零窗口探测]"},
        {TT_ROLE_ZERO_WINDOW_PROBE_ACK, 0, 0, 0, "[Zero-window probe ACK]", "[零窗口探测确认]"},
        {TT_ROLE_TEARDOWN_1, 0, 0, 0, "[Teardown 1/4]", "[连接释放第 1 步]"},
        {TT_ROLE_TEARDOWN_1, 5, 0, TT_NOTE_CARRIES_DATA, "[Teardown 1/4 + Data #5]",
         "[连接释放第 1 步 + 数据 #5]"},
        {TT_ROLE_TEARDOWN_2, 0, 0, 0, "[Teardown 2/4]", "[连接释放第 2 步]"},
        {TT_ROLE_TEARDOWN_3, 0, 0, 0, "[Teardown 3/4]", "[连接释放第 3 步]"},
        {TT_ROLE_TEARDOWN_2_3, 0, 0, 0, "[Teardown 2+3/4]", "[连接释放第 2+3 步]"},
        {TT_ROLE_TEARDOWN_4, 0, 0, 0, "[Teardown 4/4]", "[连接释放第 4 步]"},
        {TT_ROLE_SIMULTANEOUS_CLOSE, 0, 0, 0, "[Simultaneous close]", "[同时关闭]"},
        {TT_ROLE_REFUSED, 0, 0, 0, "[Refused]", "[连接被拒绝]"},
        {TT_ROLE_RESET, 0, 0, 0, "[Reset]", "[复位]"},
        {TT_ROLE_ICMP_QUOTED, 0, 0, 0, "[ICMP-quoted]", "[ICMP 引用]"},
        {TT_ROLE_MALFORMED, 0, 0, 0, "[Malformed]", "[畸形报文]"},
        {TT_ROLE_NONE, 0, 0, 0, "[TCP segment]", "[TCP 报文段]"},
        {200, 0, 0, 0, "[TCP segment]", "[TCP 报文段]"},
        {TT_ROLE_DATA, 2, 0, TT_NOTE_RETRANSMISSION, "[Data #2] (retransmission)",
         "[数据 #2]（重传）"},
        {TT_ROLE_HANDSHAKE_1, 0, 0, TT_NOTE_RETRANSMISSION, "[Handshake 1/3] (retransmission)",
         "[三报文握手第 1 步]（重传）"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tt_result r = role_result(cases[i].role, cases[i].chunk, cases[i].acked, cases[i].notes);
        CHECK_STR(label(&r, TT_LANG_EN), cases[i].en);
        CHECK_STR(label(&r, TT_LANG_ZH), cases[i].zh);
    }
    tt_result r = role_result(TT_ROLE_SIMULTANEOUS_OPEN, 0, 0, 0);
    r.steps[0] = 2;
    CHECK_STR(label(&r, TT_LANG_EN), "[Simultaneous open 2/4]");
    CHECK_STR(label(&r, TT_LANG_ZH), "[同时打开第 2 步]");
    r.steps[0] = 0;
    CHECK_STR(label(&r, TT_LANG_EN), "[Simultaneous open]");
}

static const char *summary(const tt_result *r, const tt_header *h, tt_lang lang)
{
    static char buf[1024];
    size_t n = tt_explain_summary(r, h, lang, buf, sizeof buf);
    CHECK_EQ_U(n, strlen(buf));
    CHECK(text_ok(buf));
    return buf;
}

static void test_summary_every_role(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    for (unsigned role = 0; role <= TT_ROLE_COUNT + 2; role++) {
        for (unsigned bits = 0; bits <= 32; bits++) {
            uint32_t notes = bits == 32 ? 0xFFFFFFFFu : (1u << bits) - 1u;
            tt_result r = role_result(role, 2, 1, notes);
            for (unsigned l = 0; l < TT_LANG_COUNT; l++) {
                const char *s = summary(&r, &h, (tt_lang)l);
                CHECK(strlen(s) > 20);
                const char *lbl = label(&r, (tt_lang)l);
                CHECK(lbl[0] == '[');
            }
        }
    }
}

/* Sequence space: a SYN's data comes after the SYN's own number; an ACK
 * below the peer's relative 0, counted from a guess, or past 4 GiB says so
 * instead of "every byte before N has arrived". */
static void test_seq_space(void)
{
    tt_header h;
    make_header(&h, TT_SYN, 1000, NULL, 0);
    tt_result r = role_result(TT_ROLE_HANDSHAKE_1, 1, 0, TT_NOTE_SYN_DATA);
    r.rel_seq = 0;
    r.payload_len = 18;
    /* relative 0 is the SYN (the ISN); the data is 1..18; 19 comes next */
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "The SYN takes number 0 itself; its 18 data bytes are 1..18, and the next byte "
                 "is 19");
    CHECK(strstr(t, "means bytes 0..17") == NULL);
    CHECK_HAS(summary(&r, &h, TT_LANG_EN),
              "bytes 1..18 (18 bytes), after the number 0 that the SYN itself takes; the next "
              "byte is 19.");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "字节 1..18（共 18 字节）");
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "数据字节是 1..18，下一个字节是 19");

    /* 4294965879 is -1417 modulo 2^32: 1417 below relative 0 */
    make_header(&h, TT_ACK, 1000, NULL, 0);
    h.ack = 0x12345678u;
    r = role_result(TT_ROLE_ACK, 0, 0, 0);
    r.payload_len = 0;
    r.rel_ack = 4294965879u;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "it is -1417 (Wireshark shows 4294965879");
    CHECK(strstr(t, "every byte before 4294965879") == NULL);
    const char *sum = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(sum, "lies before the server's first byte counted in this capture");
    CHECK(strstr(sum, "4294965879") == NULL);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "-1417");
    r.role = TT_ROLE_DUP_ACK;
    CHECK(strstr(summary(&r, &h, TT_LANG_EN), "4294965879") == NULL);

    /* the peer's ISN unknown: the guess is named, and the absolute numbers given */
    r = role_result(TT_ROLE_ACK, 0, 0, TT_NOTE_ACK_UNKNOWN);
    r.payload_len = 0;
    r.rel_ack = 1;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "(relative 1, counted from a guess): the server's initial sequence number is "
                 "unknown");
    /* relative 1 is the first number seen of the server: no vacuous "every
     * byte before 1", but what the number is (starts-at-step3.pcap frame 1) */
    CHECK_HAS(t, "the server's next byte is 305419896, the first of its numbers this capture "
                 "shows; what it sent before is not in the capture.");
    CHECK(strstr(t, "every byte before") == NULL);
    sum = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(sum, "ACK from the client: the server's number 1 is expected next, the first of its "
                   "numbers that this capture shows (relative numbers count from the first segment "
                   "seen: the server's initial sequence number is unknown).");
    CHECK(strstr(sum, "every byte before") == NULL);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "服务器的初始序号未知");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "下一个期望收到的是服务器的编号 1");
    /* further on, the absolute numbers say what arrived */
    r.rel_ack = 11;
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "(relative 11, counted from a guess): the server's initial sequence number is "
              "unknown");
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "every byte before 305419896 has arrived; 305419896 is expected next");

    /* past 4 GiB */
    r = role_result(TT_ROLE_ACK, 0, 0, 0);
    r.notes2 = TT_NOTE2_WRAPPED;
    r.payload_len = 0;
    r.rel_ack = 101;
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN), "Relative numbers count modulo 2^32");
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "more than 4 GiB has been sent");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "超过 4 GiB");
    /* and a wrapped ACK far below is no "before relative 0" */
    r.rel_ack = 4294965879u;
    CHECK(strstr(explain_header(&h, &r, TT_LANG_EN), "-1417") == NULL);
}

/* A FIN from SYN-SENT is no step of a teardown; a reset's data is
 * diagnostic text; a segment from an end shown CLOSED was sent before. */
static void test_anomalies_said(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = role_result(TT_ROLE_TEARDOWN_1, 1, 0, 0);
    r.notes2 = TT_NOTE2_FIN_IN_SYN_SENT;
    const char *sum = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(sum, "An anomalous FIN from the client: it is still SYN-SENT");
    CHECK(strstr(sum, "Teardown step 1 of 4") == NULL);
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "反常的 FIN");
    r = role_result(TT_ROLE_ACK, 0, 0, 0);
    r.notes2 = TT_NOTE2_SENT_EARLIER;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "it must have sent it before the last ACK reached it");
    r.notes2 = TT_NOTE2_RST_AGAIN;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "It repeats its sender's previous reset");
    /* A first FIN with data does not say "no more data" of the data it carries. */
    r = role_result(TT_ROLE_TEARDOWN_1, 36, 0, TT_NOTE_CARRIES_DATA);
    r.payload_len = 1024;
    sum = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(sum, "Teardown step 1 of 4: the client sends its last data and, with it, closes its "
                   "direction (FIN, active close): after these bytes it has no more to send.");
    CHECK(strstr(sum, "has no more data to send and closes") == NULL);
}

/* A packet the capture holds twice is said to be one, not a retransmission. */
static void test_capture_duplicate_text(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = role_result(TT_ROLE_DATA, 1, 0, 0);
    r.notes2 = TT_NOTE2_CAPTURE_DUP;
    r.analysis = TT_AN_RETRANSMISSION;
    const char *sum = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(sum, "The capture holds this packet twice: it repeats the client's previous segment "
                   "byte for byte, with the same IP identification");
    CHECK(strstr(sum, "This segment is a retransmission") == NULL);
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "抓包文件把这个分组记录了两次");
    CHECK_STR(label(&r, TT_LANG_EN), "[Data #1] (capture duplicate)");
    CHECK_STR(label(&r, TT_LANG_ZH), "[数据 #1]（抓包重复）");
    r.notes |= TT_NOTE_IPV6;
    CHECK(strstr(summary(&r, &h, TT_LANG_EN), "IP identification") == NULL);
}

static void test_summary_content(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = role_result(TT_ROLE_DATA, 1, 0, 0);
    r.payload_len = 21845;
    CHECK_STR(summary(&r, &h, TT_LANG_EN), "Data chunk #1 from the client: bytes 1..21845 (21845 "
                                           "bytes); the next chunk starts at 21846.");
    r = role_result(TT_ROLE_ACK, 0, 1, TT_NOTE_NEW_DATA_ACKED);
    r.dir = TT_DIR_S2C;
    r.rel_ack = 21846;
    r.payload_len = 0;
    CHECK_STR(summary(&r, &h, TT_LANG_EN),
              "ACK from the server: every byte before 21846 has arrived; 21846 is expected next. "
              "This completes the client's chunk #1.");
    CHECK_STR(summary(&r, &h, TT_LANG_ZH), "服务器发出的确认：21846 之前的字节都已收到，下一个期望"
                                           "收到的是 21846。这表示客户端的数据 #1 已全部收到。");
    r.acked_chunk = 5;
    r.acked_count = 4;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "This completes the client's chunks #2 to #5.");
    CHECK_HAS(label(&r, TT_LANG_EN), "[ACK of data #2-#5]");
    r.notes |= TT_NOTE_ACKED_GAPS;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "This completes 4 of the client's chunks, the "
                                           "highest-numbered being #5");
    r.notes &= ~TT_NOTE_ACKED_GAPS;
    r.acked_count = 1;
    r.acked_chunk = 0;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "21846 is expected next");

    r = role_result(TT_ROLE_DATA_PIGGYBACK, 1, 1, 0);
    r.dir = TT_DIR_S2C;
    r.rel_ack = 21;
    r.payload_len = 10;
    const char *s = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(s, "Data chunk #1 from the server: bytes 1..10 (10 bytes)");
    CHECK_HAS(s, "acknowledges the client's data: every byte before 21 has arrived (piggybacked "
                 "ACK).");
    CHECK_HAS(s, "This completes the client's chunk #1.");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "捎带确认");

    r = role_result(TT_ROLE_TEARDOWN_2_3, 0, 0, TT_NOTE_FIN_ACKED);
    r.dir = TT_DIR_S2C;
    CHECK_STR(summary(&r, &h, TT_LANG_EN),
              "Teardown steps 2 and 3 merged: the server acknowledges the client's FIN and sends "
              "its own FIN in the same segment (a three-segment close).");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "连接释放第 2、3 步合并：服务器确认客户端的 FIN");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "三报文段释放");

    r = role_result(TT_ROLE_REFUSED, 0, 0, 0);
    r.dir = TT_DIR_S2C;
    CHECK_STR(
        summary(&r, &h, TT_LANG_EN),
        "Connection refused: this RST answers the SYN, so no socket was listening on port "
        "38001, and this connection attempt ends here (RFC 9293, section 3.10.7.1); the client "
        "may try again with a new SYN.");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "端口 38001 上没有套接字在监听");

    r = role_result(TT_ROLE_HANDSHAKE_3, 1, 0, TT_NOTE_CARRIES_DATA | TT_NOTE_SYN_ACKED);
    r.payload_len = 7;
    s = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(s, "Handshake step 3 of 3: the client acknowledges the server's SYN");
    CHECK_HAS(s, "also carries data chunk #1: bytes 1..7 (7 bytes)");

    r = role_result(TT_ROLE_DATA, 3, 0, TT_NOTE_HALF_CLOSE | TT_NOTE_RETRANSMISSION);
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "Wireshark marks it as a retransmission");
    r.why = TT_WHY_TIMEOUT;
    s = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(s, "this direction is still open (half-close)");
    CHECK_HAS(s, "This segment is a retransmission: the client sends it again because no "
                 "acknowledgment came before its retransmission timer expired.");
    r.why = TT_WHY_FAST;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "This segment is a fast retransmission");
    r.why = TT_WHY_TIMEOUT;
    s = summary(&r, &h, TT_LANG_ZH);
    CHECK_HAS(s, "半关闭");
    CHECK_HAS(s, "重传");

    /* The guess is told once, on the stream's first segment. */
    r = role_result(TT_ROLE_DATA, 3, 0, TT_NOTE_DIR_GUESSED);
    r.index = 1;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "guessed");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "猜测");
    r.index = 2;
    CHECK(strstr(summary(&r, &h, TT_LANG_EN), "guessed") == NULL);
    CHECK(strstr(summary(&r, &h, TT_LANG_ZH), "猜测") == NULL);

    r = role_result(TT_ROLE_TEARDOWN_4, 0, 0, 0);
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "TIME-WAIT for 2 MSL");
    r = role_result(TT_ROLE_DUP_ACK, 0, 0, 0);
    r.rel_ack = 1001;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "it repeats ack 1001");
    r = role_result(TT_ROLE_WINDOW_UPDATE, 0, 0, 0);
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "(window field 343)");
}

/* A duplicate ACK's reason comes from what it shows: a missing byte, a
 * D-SACK, or nothing missing (the answer to a repeated FIN in TIME-WAIT);
 * a "window update" that brings SACK news is said not to be a pure one. */
static void test_dup_ack_reasons(void)
{
    tt_header h;
    tt_result r = base_result();
    r.role = TT_ROLE_DUP_ACK;
    r.chunk = 0;
    r.payload_len = 0;
    r.rel_ack = 1001;
    r.analysis = TT_AN_DUP_ACK;
    make_header(&h, TT_ACK, 500, NULL, 0);
    const char *t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "a later segment arrived while byte 1001 is still missing");

    r.notes = TT_NOTE_NOTHING_MISSING;
    r.client_after = TT_ST_TIME_WAIT;
    t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "it repeats ack 1001 to answer the peer's repeated FIN: in TIME-WAIT");
    CHECK(strstr(t, "still missing") == NULL);
    t = summary(&r, &h, TT_LANG_ZH);
    CHECK_HAS(t, "回应对方重发的 FIN");
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK(strstr(t, "earlier bytes are missing") == NULL);
    CHECK_HAS(t, "duplicate ACK: it repeats this side's previous acknowledgment number");

    r.client_after = TT_ST_ESTABLISHED; /* e.g. the answer to a keep-alive */
    t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "but no byte before it is missing");

    /* ack 0 in make_header's bytes; a first block below it cannot be, so put
     * the block inside the second one (RFC 2883, the second D-SACK form). */
    static const uint8_t dsack[20] = {1,    1,    5, 18, 0,    0,    0x0b, 0xb9, 0,    0,
                                      0x0f, 0xa1, 0, 0,  0x07, 0xd1, 0,    0,    0x13, 0x89};
    make_header(&h, TT_ACK, 500, dsack, sizeof dsack);
    r.notes = 0;
    t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "because bytes it already had arrived again; its first SACK block (a D-SACK, "
                 "RFC 2883) names them");

    r.analysis = TT_AN_WINDOW_UPDATE;
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "window update: Wireshark calls it so because its window differs from the "
                 "previous ACK's, but it is not a pure window update");
    CHECK(strstr(t, "only the window changed") == NULL);
    r.role = TT_ROLE_WINDOW_UPDATE;
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "only the window changed");
}

static void test_small_buffers(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = role_result(TT_ROLE_DATA_PIGGYBACK, 2, 1, TT_NOTE_RETRANSMISSION);
    for (size_t n = 0; n < 64; n++) {
        char buf[64];
        memset(buf, 'x', sizeof buf);
        for (unsigned l = 0; l < TT_LANG_COUNT; l++) {
            size_t len = tt_explain_summary(&r, &h, (tt_lang)l, buf, n);
            CHECK(n == 0 ? len == 0 && buf[0] == 'x' : len < n && len == strlen(buf));
            if (n > 0)
                CHECK(utf8_valid(buf));
            len = tt_explain_label(&r, (tt_lang)l, buf, n);
            CHECK(n == 0 ? len == 0 : len < n && utf8_valid(buf));
        }
    }
    char buf[8];
    CHECK_EQ_U(tt_explain_label(&r, TT_LANG_EN, NULL, 10), 0);
    CHECK_EQ_U(tt_explain_summary(NULL, &h, TT_LANG_EN, buf, sizeof buf), 0);
    CHECK_EQ_U(tt_explain_problem(NULL, TT_LANG_EN, buf, sizeof buf), 0);
}

/* ---- conversation and reliability ---------------------------------------------------------- */

static void test_conversation(void)
{
    tt_result r = role_result(TT_ROLE_HANDSHAKE_2, 0, 0, TT_NOTE_SYN_ACKED);
    r.dir = TT_DIR_S2C;
    r.stream = 7;
    r.index = 2;
    r.client_before = r.client_after = TT_ST_SYN_SENT;
    r.server_before = TT_ST_LISTEN;
    r.server_after = TT_ST_SYN_RECEIVED;
    const char *t = explain_conversation(&r, TT_LANG_EN);
    CHECK_HAS(t, "Stream index: 7");
    CHECK_HAS(t, "Client: 127.0.0.1:35648");
    CHECK_HAS(t, "Server: 127.0.0.1:8081");
    CHECK_HAS(t, "Segment 2 of the stream");
    CHECK_HAS(t, "Direction: server -> client (server-to-client)");
    CHECK_HAS(t, "Client state: SYN-SENT, unchanged");
    CHECK_HAS(t, "Server state: LISTEN -> SYN-RECEIVED");
    CHECK(strstr(t, "guessed") == NULL);
    t = explain_conversation(&r, TT_LANG_ZH);
    CHECK_HAS(t, "流索引：7");
    CHECK_HAS(t, "方向：服务器 -> 客户端（字段值 server-to-client）");
    CHECK_HAS(t, "服务器状态：LISTEN（监听） -> SYN-RECEIVED（同步收到）");

    r = role_result(TT_ROLE_DATA, 1, 0, TT_NOTE_DIR_GUESSED);
    t = explain_conversation(&r, TT_LANG_EN);
    CHECK_HAS(t, "Direction: client -> server (client-to-server)");
    CHECK_HAS(t, "No SYN was captured, so client and server were guessed.");
    r.guess = TT_GUESS_EPHEMERAL;
    CHECK_HAS(explain_conversation(&r, TT_LANG_EN),
              "the server is the side whose port lies outside the usual range of temporary client "
              "ports");
    t = explain_conversation(&r, TT_LANG_ZH);
    CHECK_HAS(t, "猜测");

    /* Garbage states and missing endpoints. */
    r.client_before = 99;
    r.server_after = 250;
    out_init(&g_out, 0);
    tt_emitter e = emitter(&g_out);
    tt_explain_conversation(&r, NULL, "", TT_LANG_EN, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK_HAS(g_out.text, "Client: unknown");
    CHECK_HAS(g_out.text, "Server: unknown");
    CHECK_HAS(g_out.text, "Client state: unknown -> ESTABLISHED");
    CHECK_HAS(g_out.text, "not a valid state");
}

/* The reason of a retransmission, with the details the core keeps aside. */
/* The reliability notes of a segment with details: its whole text. */
static const char *detail_text(const tt_header *h, const tt_result *r, const tt_detail *d,
                               tt_lang lang)
{
    memset(&g_out, 0, sizeof g_out);
    g_out.bound = (long)h->caplen;
    tt_emitter e = emitter(&g_out);
    tt_explain_reliability_detail(h, r, d, lang, &e);
    CHECK_EQ_U(g_out.bad, 0);
    return g_out.text;
}

static void test_retransmission_detail(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    /* Fast retransmit: the third duplicate ACK (frame 12) 0.05 ms before. */
    tt_result r = role_result(TT_ROLE_DATA, 2, 0, TT_NOTE_RETRANSMISSION | TT_NOTE_DETAIL);
    r.why = TT_WHY_FAST;
    tt_detail d = {.orig_frame = 5,
                   .prev_frame = 5,
                   .dup_first = 10,
                   .dup_last = 12,
                   .dup_count = 3,
                   .trigger_frame = 12,
                   .trigger_us = 50,
                   .has_trigger = true,
                   .earlier = 1,
                   .since_us = 10200,
                   .has_since = true,
                   .gap_us = 10200,
                   .has_gap = true,
                   .sacked = true};
    const char *t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Fast retransmit (RFC 5681, section 3.2): 3 duplicate ACKs asked for these "
                 "bytes (the first in frame 10, the last in frame 12); the third, frame 12, set it "
                 "off 0.050 ms before this copy");
    CHECK_HAS(t, "resends only the hole (loss recovery with SACK, RFC 6675)");
    CHECK_HAS(t, "1 -1 0 | It comes 10.200 ms after the first sending (frame 5).");

    /* A timeout series: 0.8 s after the previous copy, which came 0.4 s
     * after its own: the timer doubled. Third copy, so sent 3 times before. */
    r.why = TT_WHY_TIMEOUT;
    d = (tt_detail){.orig_frame = 7,
                    .prev_frame = 9,
                    .earlier = 3,
                    .since_us = 1400000,
                    .has_since = true,
                    .gap_us = 800000,
                    .has_gap = true,
                    .prev_gap_us = 400000,
                    .has_prev_gap = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Retransmission timeout (RFC 6298): no ACK asked for these bytes and none "
                 "acknowledged them, so the sender's retransmission timer fired: this copy comes "
                 "800.000 ms after the previous one (frame 9).");
    CHECK_HAS(t, "The interval before it was 400.000 ms: the timer doubles after each timeout");
    CHECK_HAS(t, "It comes 1400.000 ms after the first sending (frame 7).");
    CHECK_HAS(t, "It has now been sent 4 times.");
    CHECK(strstr(t, "If this copy is lost too") == NULL);
    t = detail_text(&h, &r, &d, TT_LANG_ZH);
    CHECK_HAS(t, "这一份距前一份 800.000 毫秒（前一份是帧 9）。");
    CHECK_HAS(t, "指数退避");
    /* Wireshark called it fast: the 15.6 s since the previous copy say otherwise. */
    r.analysis = TT_AN_FAST_RETRANSMISSION;
    d.gap_us = 15600000;
    d.prev_gap_us = 7800000;
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Wireshark calls it a fast retransmission because duplicate ACKs preceded it; "
                 "but the sender had already resent these bytes after them, and the 15600.000 ms "
                 "since that copy show that the timer fired.");
    r.analysis = 0;

    /* A tail loss probe: 4 ms after the only copy. */
    r.why = TT_WHY_TLP;
    d = (tt_detail){.orig_frame = 20,
                    .prev_frame = 20,
                    .earlier = 1,
                    .since_us = 4000,
                    .has_since = true,
                    .gap_us = 4000,
                    .has_gap = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Tail loss probe (RFC 8985): nothing asked for these bytes, and this copy came "
                 "4.000 ms after the previous one (frame 20), sooner than any retransmission "
                 "timer fires");
    CHECK(strstr(t, "It comes") == NULL); /* the interval is said once */
    /* ... with the time since the last ACK, from which its timer runs */
    d.trigger_frame = 18;
    d.trigger_us = 2500;
    d.has_trigger = true;
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "this copy of the last bytes sent came 2.500 ms after the last ACK (frame 18), "
                 "about two round trips, and 4.000 ms after the previous copy (frame 20)");

    /* Too soon for any timer: 0.108 ms after the previous copy. */
    r.why = TT_WHY_EARLY;
    d = (tt_detail){.orig_frame = 1, .prev_frame = 1, .gap_us = 108, .has_gap = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Sent again 0.108 ms after the previous copy (frame 1), with nothing asking for "
                 "it: sooner than any of TCP's timers fires");
    CHECK(strstr(t, "timeout") == NULL);

    /* NewReno's partial ACK, 0.1 ms before. */
    r.why = TT_WHY_PARTIAL;
    d = (tt_detail){.orig_frame = 7, .trigger_frame = 29, .trigger_us = 100, .has_trigger = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "NewReno fast recovery (RFC 6582, section 3.2): the ACK in frame 29, 0.100 ms "
                 "before this copy, acknowledged part of what was outstanding");
    CHECK_STR(tt_resend_cause_token(&r), "partial-ack");

    /* A timer restarted by an ACK of new bytes. */
    r.why = TT_WHY_TIMEOUT;
    d = (tt_detail){.orig_frame = 12,
                    .prev_frame = 12,
                    .earlier = 1,
                    .gap_us = 1529000,
                    .has_gap = true,
                    .probe_frame = 13,
                    .probe_us = 1412000,
                    .restart_ack = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "this copy comes 1412.000 ms after the ACK of frame 13, which acknowledged new "
                 "bytes and so restarted the timer (RFC 6298, section 5.3;");

    /* A timer's copy after a tail loss probe that restarted the timer. */
    r.why = TT_WHY_TIMEOUT;
    d = (tt_detail){.orig_frame = 21,
                    .prev_frame = 21,
                    .earlier = 1,
                    .gap_us = 311812,
                    .has_gap = true,
                    .probe_frame = 48,
                    .probe_us = 232000};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "this copy comes 232.000 ms after the tail loss probe of frame 48, which "
                 "restarted the timer (311.812 ms after the previous copy of these bytes, frame "
                 "21).");

    /* SACK recovery set off by one duplicate ACK that SACKs later bytes. */
    r.why = TT_WHY_SACK;
    d = (tt_detail){.orig_frame = 45,
                    .prev_frame = 45,
                    .earlier = 1,
                    .dup_first = 48,
                    .dup_last = 48,
                    .dup_count = 1,
                    .trigger_frame = 48,
                    .trigger_us = 2500,
                    .has_trigger = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "the ACK in frame 48 reports in its SACK blocks bytes sent after these, so these "
                 "are taken as lost and resent 2.500 ms after that ACK.");
    CHECK_HAS(t, "Only one duplicate ACK came, fewer than the three of classic fast retransmit");

    /* Spurious: acknowledged by frame 30, 1 ms before. */
    r.why = TT_WHY_SPURIOUS;
    d = (tt_detail){.orig_frame = 25, .trigger_frame = 30, .trigger_us = 1000, .has_trigger = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Spurious retransmission: the ACK in frame 30, 1.000 ms before this copy, had "
                 "already acknowledged these bytes.");

    /* After a timeout of frame 40, 12 ms before. */
    r.why = TT_WHY_TIMEOUT;
    r.notes2 = TT_NOTE2_AFTER_RTO;
    d = (tt_detail){.orig_frame = 33,
                    .prev_frame = 33,
                    .trigger_frame = 40,
                    .trigger_us = 12000,
                    .has_trigger = true,
                    .gap_us = 900000,
                    .has_gap = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Resent after the timeout of frame 40 (12.000 ms before)");
    r.notes2 = 0;

    /* A simultaneous open's SYN+ACK: Wireshark's finding explained, not denied. */
    r = role_result(TT_ROLE_SIMULTANEOUS_OPEN, 0, 0, TT_NOTE_RETRANSMISSION);
    r.why = TT_WHY_SYN_AGAIN;
    r.analysis = TT_AN_RETRANSMISSION;
    t = detail_text(&h, &r, NULL, TT_LANG_EN);
    CHECK_HAS(t, "Wireshark marks it as a retransmission because it repeats the SYN");
}

static void test_timer_details(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    /* Probes 0.44 s then 0.87 s apart: the persist timer doubled. */
    tt_result r = role_result(TT_ROLE_ZERO_WINDOW_PROBE, 0, 0, TT_NOTE_DETAIL);
    tt_detail d = {.prev_frame = 14,
                   .gap_us = 870000,
                   .has_gap = true,
                   .prev_gap_us = 440000,
                   .has_prev_gap = true};
    const char *t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "This probe comes 870.000 ms after the previous one (frame 14).");
    CHECK_HAS(t, "The interval before it was 440.000 ms: while the window stays closed, the "
                 "persist timer doubles");
    /* A keep-alive after 7200.5 s of silence. */
    r = role_result(TT_ROLE_KEEPALIVE, 0, 0, TT_NOTE_DETAIL);
    d = (tt_detail){.gap_us = 7200500000u, .has_gap = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "The connection had been silent for 7200.500 s before this keep-alive.");
    t = detail_text(&h, &r, &d, TT_LANG_ZH);
    CHECK_HAS(t, "连接已经沉默了 7200.500 秒");
    /* A delayed ACK: 47 ms where 0.02 ms was the quickest answer. */
    r = role_result(TT_ROLE_ACK, 0, 0, TT_NOTE_DETAIL);
    r.notes2 = TT_NOTE2_DELAYED_ACK;
    d = (tt_detail){.gap_us = 47007, .has_gap = true, .rtt_us = 21};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "This ACK came 47.007 ms after the data it acknowledges passed the capture "
                 "point, 46.986 ms more than the quickest answer seen");
    /* Karn's rule. */
    r = role_result(TT_ROLE_ACK, 0, 0, 0);
    r.notes2 = TT_NOTE2_KARN;
    t = detail_text(&h, &r, NULL, TT_LANG_EN);
    CHECK_HAS(t, "No round-trip time can be measured from this ACK");
    /* A D-SACK that shows a fast retransmit of frame 13 was not needed. */
    r = role_result(TT_ROLE_DUP_ACK, 0, 0, TT_NOTE_DETAIL);
    r.notes2 = TT_NOTE2_DSACK;
    d = (tt_detail){.prev_frame = 13, .orig_frame = 9, .prev_why = TT_WHY_FAST};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Its D-SACK reports that the receiver got these bytes twice: the first copy "
                 "(frame 9) was not lost after all, so the copy of frame 13 was not needed.");
    CHECK_HAS(t, "the duplicate ACKs that set off the resend (frame 13) came from that reordering");
    d.prev_why = TT_WHY_TIMEOUT;
    t = detail_text(&h, &r, &d, TT_LANG_ZH);
    CHECK_HAS(t, "伪超时");
}

static void test_reliability(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = role_result(TT_ROLE_DATA, 2, 0, TT_NOTE_RETRANSMISSION | TT_NOTE_CHUNK_UNSEEN);
    r.analysis = TT_AN_FAST_RETRANSMISSION | TT_AN_OUT_OF_ORDER;
    r.why = TT_WHY_FAST;
    const char *t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "0 -1 0 | Fast retransmission: duplicate ACKs asked for these bytes");
    CHECK_HAS(t, "1 -1 0 | The first sending of these bytes was not captured.");
    CHECK_HAS(t, "Wireshark analysis: fast retransmission: the sender resent after three "
                 "duplicate ACKs");
    CHECK_HAS(t, "Wireshark analysis: out-of-order");
    t = explain_reliability(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "快重传");
    CHECK_HAS(t, "乱序");

    static const struct {
        uint32_t bit;
        const char *en;
    } all[] = {
        {TT_AN_RETRANSMISSION, "retransmission: these bytes were sent before"},
        {TT_AN_SPURIOUS_RETRANSMISSION, "spurious retransmission"},
        {TT_AN_DUP_ACK, "duplicate ACK"},
        {TT_AN_WINDOW_UPDATE, "window update"},
        {TT_AN_KEEP_ALIVE, "keep-alive: "},
        {TT_AN_KEEP_ALIVE_ACK, "keep-alive ACK"},
        {TT_AN_ZERO_WINDOW_PROBE, "zero-window probe: "},
        {TT_AN_ZERO_WINDOW_PROBE_ACK, "zero-window probe ACK"},
        {TT_AN_LOST_SEGMENT, "previous segment not captured"},
        {TT_AN_ACK_LOST_SEGMENT, "ACKed unseen segment"},
        {TT_AN_WINDOW_FULL, "window full"},
        {TT_AN_ZERO_WINDOW, "zero window: "},
        {TT_AN_REUSED_PORTS, "reused ports"},
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        r = role_result(TT_ROLE_ACK, 0, 0, 0);
        r.analysis = all[i].bit;
        CHECK_HAS(explain_reliability(&h, &r, TT_LANG_EN), all[i].en);
        CHECK_HAS(explain_reliability(&h, &r, TT_LANG_ZH), "Wireshark 分析：");
    }

    r = role_result(TT_ROLE_ACK, 0, 0, TT_NOTE_OWN_ANALYSIS);
    r.analysis = TT_AN_DUP_ACK;
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "tcpteach analysis: duplicate ACK");
    CHECK_HAS(t, "Wireshark's sequence analysis is off");
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_ZH), "序号分析已关闭");

    uint8_t b[20];
    memcpy(b, seed002, sizeof b);
    b[13] = TT_SYN;
    tt_header_parse(&h, b, sizeof b);
    r = role_result(TT_ROLE_HANDSHAKE_1, 0, 0, 0);
    r.payload_len = 0;
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "three-way handshake synchronizes");
    CHECK_HAS(t, "Ordering");
    CHECK(strstr(t, "cumulative") == NULL);
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_ZH), "三报文握手（也就是常说的三次握手）");

    b[13] = TT_FIN | TT_ACK;
    tt_header_parse(&h, b, sizeof b);
    r = role_result(TT_ROLE_TEARDOWN_1, 0, 0, 0);
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_EN), "full-duplex");
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_ZH), "四报文段释放");
    b[13] = TT_RST | TT_ACK;
    tt_header_parse(&h, b, sizeof b);
    r = role_result(TT_ROLE_REFUSED, 0, 0, 0);
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_EN),
              "a SYN to a port where no socket listens is answered with a reset");
    r = role_result(TT_ROLE_RESET, 0, 0, 0);
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_EN), "RST aborts the connection");
}

/* ---- robustness: garbage in, sane text out ----------------------------------------------------
 */

static uint32_t g_rng = 12345;

static uint32_t rnd(void)
{
    g_rng = g_rng * 1103515245u + 12345u;
    return g_rng >> 8;
}

static void test_garbage(void)
{
    static uint8_t bytes[80];
    unsigned bad = 0;
    for (unsigned iter = 0; iter < 20000; iter++) {
        for (size_t i = 0; i < sizeof bytes; i++)
            bytes[i] = (uint8_t)rnd();
        tt_header h;
        uint32_t caplen = rnd() % 70;
        if (iter % 2 == 0) {
            tt_header_parse(&h, bytes, caplen);
        } else {
            /* Raw garbage in every field, with a bytes buffer of caplen. */
            uint8_t *p = (uint8_t *)&h;
            for (size_t i = 0; i < sizeof h; i++)
                p[i] = (uint8_t)rnd();
            h.bytes = caplen > 0 ? bytes : NULL;
            h.caplen = caplen;
        }
        tt_result r;
        uint8_t *q = (uint8_t *)&r;
        for (size_t i = 0; i < sizeof r; i++)
            q[i] = (uint8_t)rnd();
        if (iter % 3 == 0)
            r.role = (uint8_t)(rnd() % TT_ROLE_COUNT);
        tt_lang lang = (tt_lang)(rnd() % 3);
        out_init(&g_out, (long)caplen);
        tt_emitter e = emitter(&g_out);
        tt_explain_header(&h, &r, lang, &e);
        tt_explain_reliability(&h, &r, lang, &e);
        tt_explain_conversation(&r, "a", "b", lang, &e);
        char buf[512];
        tt_explain_summary(&r, &h, lang, buf, sizeof buf);
        if (!text_sane(buf)) {
            bad++;
            fprintf(stderr, "bad summary: \"%s\"\n", buf);
        }
        tt_explain_label(&r, lang, buf, sizeof buf);
        if (!text_ok(buf)) {
            bad++;
            fprintf(stderr, "bad label: \"%s\"\n", buf);
        }
        tt_explain_problem(&h, lang, buf, sizeof buf);
        bad += !utf8_valid(buf);
        bad += g_out.bad;
    }
    CHECK_EQ_U(bad, 0);
}

static void test_null_arguments(void)
{
    tt_header h;
    tt_header_parse(&h, seed002, sizeof seed002);
    tt_result r = base_result();
    tt_emitter none = {NULL, NULL};
    tt_explain_header(NULL, &r, TT_LANG_EN, &none);
    tt_explain_header(&h, NULL, TT_LANG_EN, NULL);
    tt_explain_header(&h, &r, TT_LANG_EN, &none);
    tt_explain_reliability(NULL, NULL, TT_LANG_EN, NULL);
    tt_explain_conversation(NULL, NULL, NULL, TT_LANG_EN, NULL);
    out_init(&g_out, 0);
    tt_emitter e = emitter(&g_out);
    tt_explain_reliability(NULL, &r, TT_LANG_ZH, &e);
    CHECK_EQ_U(g_out.bad, 0);
    CHECK(g_out.lines > 0);
    char buf[256];
    CHECK(tt_explain_summary(&r, NULL, TT_LANG_EN, buf, sizeof buf) > 0);
    CHECK(text_ok(buf));
}

/* The words the Chinese tree shows beside the tokens (the tokens themselves
 * are the fields' values and never change). */
static void test_words_for_tokens(void)
{
    char buf[128];
    tt_result r = role_result(TT_ROLE_HANDSHAKE_1, 0, 0, 0);
    tt_explain_role_text(&r, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "三报文握手第 1 步");
    tt_explain_role_text(&r, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "Handshake 1/3");
    r = role_result(TT_ROLE_DATA, 2, 0, TT_NOTE_RETRANSMISSION);
    tt_explain_role_text(&r, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "数据 #2（重传）");
    r = role_result(TT_ROLE_TEARDOWN_2_3, 0, 0, 0);
    tt_explain_role_text(&r, TT_LANG_ZH, buf, sizeof buf);
    CHECK_STR(buf, "连接释放第 2+3 步");
    CHECK_STR(tt_explain_phase(TT_LANG_ZH, TT_PHASE_HANDSHAKE), "连接建立");
    CHECK_STR(tt_explain_phase(TT_LANG_ZH, TT_PHASE_FLOW_CONTROL), "流量控制");
    CHECK_STR(tt_explain_phase(TT_LANG_ZH, TT_PHASE_COUNT), "未知");
    CHECK_STR(tt_explain_state(TT_LANG_ZH, TT_ST_FIN_WAIT_1), "FIN-WAIT-1（终止等待1）");
    CHECK_STR(tt_explain_state(TT_LANG_ZH, TT_ST_LISTEN), "LISTEN（监听）");
    CHECK_STR(tt_explain_state(TT_LANG_EN, TT_ST_LISTEN), "LISTEN");
    CHECK_STR(tt_explain_state(TT_LANG_ZH, TT_ST_COUNT), "未知");
    /* Every state's Chinese name is the RFC's name (its field value, the
     * ladder's name), then the textbook's in full-width brackets. */
    for (unsigned st = 0; st < TT_ST_COUNT; st++) {
        const char *zh = tt_explain_state(TT_LANG_ZH, st), *token = tt_state_name((tt_state)st);
        size_t n = strlen(zh), k = strlen(token);
        CHECK(n > k + 6 && strncmp(zh, token, k) == 0 && strncmp(zh + k, "（", 3) == 0 &&
              strcmp(zh + n - 3, "）") == 0);
        CHECK_STR(tt_explain_state(TT_LANG_EN, st), token);
    }
}

/* zero-window-probe.pcap frame 13: chunk #4, bytes 3001..4000, begins with
 * byte 3001, which the probes of frames 8 and 10 carried and the receiver
 * did not accept. */
static void test_probed_byte(void)
{
    tt_header h;
    make_header(&h, TT_ACK, 500, NULL, 0);
    tt_result r = role_result(TT_ROLE_DATA, 4, 0, 0);
    r.rel_seq = 3001, r.payload_len = 1000, r.notes2 = TT_NOTE2_PROBED_BYTE;
    CHECK_STR(
        summary(&r, &h, TT_LANG_EN),
        "Data chunk #4 from the client: bytes 3001..4000 (1000 bytes); the next chunk starts "
        "at 4001. Its first byte, 3001, is the one the zero-window probes carried before; the "
        "receiver did not accept it then, as its window was 0.");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "它的第一个字节 3001 就是此前零窗口探测携带的那个字节");
    r.notes2 = 0;
    CHECK(strstr(summary(&r, &h, TT_LANG_EN), "probes") == NULL);
}

/* The numbers of segments without data (textbook-004.pcap, seed case 4):
 * a pure ACK's and a FIN's sequence number, the ACK of a SYN and of a FIN,
 * and the cumulative-ACK note only where the ACK number moves on. */
static void test_numbers_without_data(void)
{
    tt_header h;
    /* frame 3: the client's ACK of the SYN+ACK, seq 1001 (relative 1), ack 8001 (1) */
    make_header(&h, TT_ACK, 500, NULL, 0);
    tt_result r = role_result(TT_ROLE_HANDSHAKE_3, 0, 0, TT_NOTE_SYN_ACKED);
    r.payload_len = 0, r.rel_seq = 1, r.rel_ack = 1;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "(relative 1). TCP numbers every byte it sends; this segment carries no data, so "
                 "this is the number of the next byte the sender will send (SND.NXT).");
    CHECK(strstr(t, "first byte") == NULL);
    CHECK_HAS(t, "(relative 1): the server's SYN (relative number 0) has arrived; 1 is expected "
                 "next.");
    CHECK(strstr(t, "every byte before") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "本报文段不携带数据，所以这是发送方下一个要发送的字节的编号（SND.NXT）");
    CHECK_HAS(t, "服务器的 SYN（相对序号 0）已收到，下一个期望收到的是 1");
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_EN), "ack 1 is cumulative");

    /* frame 7: the client's FIN, seq 1021 (relative 21), repeating ack 11 */
    make_header(&h, TT_ACK | TT_FIN, 500, NULL, 0);
    r = role_result(TT_ROLE_TEARDOWN_1, 0, 0, 0);
    r.payload_len = 0, r.rel_seq = 21, r.rel_ack = 11;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "(relative 21). TCP numbers every byte it sends; this segment carries no data, so "
                 "this is the number of the FIN itself, which takes one sequence number like a "
                 "byte.");
    CHECK_HAS(t, "every byte before 11 has arrived; 11 is expected next.");
    CHECK(strstr(explain_reliability(&h, &r, TT_LANG_EN), "ack 11 is cumulative") == NULL);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "所以这是 FIN 自身的编号");
    /* a FIN after data still names its first data byte */
    r.payload_len = 5;
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "this is the number of this segment's first byte");

    /* frame 8: the server acknowledges bytes 1..20 and the FIN (21): ack 22 */
    make_header(&h, TT_ACK, 500, NULL, 0);
    r = role_result(TT_ROLE_TEARDOWN_2, 0, 0, TT_NOTE_FIN_ACKED);
    r.dir = TT_DIR_S2C, r.notes2 = TT_NOTE2_ACK_PAST_FIN;
    r.payload_len = 0, r.rel_seq = 11, r.rel_ack = 22;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "(relative 22): every byte before 21 and the client's FIN (relative number 21) "
                 "have arrived; 22 is expected next.");
    CHECK(strstr(t, "every byte before 22") == NULL);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH),
              "21 之前的字节和客户端的 FIN（相对序号 21）都已收到，下一个期望收到的是 22");
    CHECK_HAS(explain_reliability(&h, &r, TT_LANG_EN), "ack 22 is cumulative");
    /* the same ACK repeated (nothing new): the FIN is still named, no cumulative note */
    r.notes = 0;
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN), "and the client's FIN (relative number 21)");
    CHECK(strstr(explain_reliability(&h, &r, TT_LANG_EN), "ack 22 is cumulative") == NULL);
    /* a FIN that came with no data at all: SYN 0, FIN 1 */
    r.rel_ack = 2;
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "(relative 2): the client's FIN (relative number 1) has arrived, with no data before "
              "it; 2 is expected next.");
    /* a role "ack" that covers a FIN says so in its summary too */
    r.role = TT_ROLE_ACK, r.rel_ack = 22;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "ACK from the server: every byte before 21 and the "
                                           "client's FIN (21) have arrived; 22 is expected next.");

    /* tcp-fast-open.pcap frame 2: the SYN+ACK accepts the SYN and its 18 bytes: ack 19 */
    make_header(&h, TT_SYN | TT_ACK, 500, NULL, 0);
    r = role_result(TT_ROLE_HANDSHAKE_2, 0, 1, TT_NOTE_SYN_ACKED | TT_NOTE_TFO_ACCEPTED);
    r.dir = TT_DIR_S2C, r.payload_len = 0, r.rel_seq = 0, r.rel_ack = 19;
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "(relative 19): the client's SYN (relative number 0) and the data it carried, bytes "
              "1..18, have arrived; 19 is expected next.");
}

/* A header quoted in an ICMP error (icmp-quoted.pcap): the summary names the
 * error's type and code in words, who sent it, and what the quoted SYN's
 * sender does (RFC 1122 4.2.3.9); the header is explained as a copy, not as a
 * segment that announces what comes next. */
static void test_icmp_quoted(void)
{
    static const uint8_t ws_opt[4] = {1, 3, 3, 7}; /* NOP, window scale 7 */
    tt_header h;
    make_header(&h, 0x002, 64240, ws_opt, sizeof ws_opt); /* a SYN to port 8081 */
    tt_result r = base_result();
    r.role = TT_ROLE_ICMP_QUOTED;
    r.index = 0;
    r.chunk = 0;
    r.payload_len = 0;
    r.rel_seq = 0;
    r.client_before = r.client_after = TT_ST_SYN_SENT;
    r.server_before = r.server_after = TT_ST_LISTEN;
    r.wscale = TT_WS_SYN;
    r.notes2 = TT_NOTE2_ICMP4 | TT_NOTE2_ICMP_FROM_DEST;
    r.icmp_type = 3;
    r.icmp_code = 3;
    char buf[TT_SUMMARY_MAX];
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "a copy of a segment the client sent, quoted back in an ICMP error: "
                   "destination unreachable, port unreachable (type 3, code 3), sent by that "
                   "segment's destination host itself.");
    CHECK_HAS(buf, "Nothing listens on port 8081 there.");
    CHECK_HAS(buf, "A hard error (RFC 1122, section 4.2.3.9): the client's TCP gives up this "
                   "connection attempt");
    CHECK_HAS(buf, "ECONNREFUSED");
    CHECK_EQ_U(tt_icmp_kind_of(&r), TT_ICMP_HARD);
    tt_explain_summary(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "终点不可达，端口不可达（类型 3，代码 3），由该报文段的目的主机自己发出。");
    CHECK_HAS(buf, "那里没有进程在端口 8081 上监听。");
    CHECK(text_ok(buf));
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "A copy: these are the header bytes of the segment the ICMP error reports on");
    CHECK(strstr(t, "the first data byte will be") == NULL);
    CHECK(strstr(t, "after the handshake") == NULL);
    CHECK_HAS(t, "Window scale (kind 3): shift 7 (multiplier 2^7 = 128), as the quoted segment "
                 "offered it.");

    /* Only 8 bytes quoted, by a router: 3/13 is a soft error; the flags are
     * not in the quote, the sender's state (SYN-SENT) says it was opening. */
    tt_header_parse(&h, g_bytes, 8);
    r.notes2 = TT_NOTE2_ICMP4 | TT_NOTE2_ICMP_FROM_PATH;
    r.icmp_code = 13;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "destination unreachable, communication administratively prohibited (type 3, "
                   "code 13), sent by a router (or another host) on the way");
    CHECK_HAS(buf, "a soft error: TCP reports it but keeps sending the SYN again");
    CHECK(strstr(buf, "Nothing listens") == NULL);
    CHECK_EQ_U(tt_icmp_kind_of(&r), TT_ICMP_SOFT);

    /* ICMPv6 destination unreachable code 4 is port unreachable; ICMPv4 3/4
     * and ICMPv6 type 2 are path MTU discovery; time exceeded is soft. */
    r.notes2 = TT_NOTE2_ICMP6;
    r.icmp_type = 1;
    r.icmp_code = 4;
    CHECK_EQ_U(tt_icmp_kind_of(&r), TT_ICMP_HARD);
    CHECK_STR(tt_icmp_name(&r, TT_LANG_EN), "destination unreachable, port unreachable");
    r.icmp_type = 2;
    r.icmp_code = 0;
    CHECK_EQ_U(tt_icmp_kind_of(&r), TT_ICMP_PMTU);
    r.notes2 = TT_NOTE2_ICMP4;
    r.icmp_type = 3;
    r.icmp_code = 4;
    CHECK_EQ_U(tt_icmp_kind_of(&r), TT_ICMP_PMTU);
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "Path MTU discovery (RFC 1191; RFC 8201 for IPv6): the client lowers its "
                   "segment size");
    r.icmp_type = 11;
    r.icmp_code = 0;
    CHECK_EQ_U(tt_icmp_kind_of(&r), TT_ICMP_SOFT);
    CHECK_STR(tt_icmp_name(&r, TT_LANG_ZH), "时间超过（TTL 在途中减到了 0）");

    /* Type and code not read: the plain summary, no claim about the error. */
    r.notes2 = 0;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "ICMP-quoted header: part of a TCP header quoted inside an ICMP error "
                   "message; it is explained here but changes no connection state.");
    CHECK_EQ_U(tt_icmp_kind_of(&r), TT_ICMP_UNKNOWN);
}

/* MP_FASTCLOSE (mptcp-fclose.pcap frames 10 and 11): the segment aborts the
 * MPTCP connection; it is not explained as an answer to something, and the
 * RST after it is the subflow reset of RFC 8684 section 3.5. */
static void test_mptcp_fastclose_text(void)
{
    static const uint8_t opt[12] = {30, 12, 7 << 4, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    tt_header h;
    make_header(&h, 0x010, 229, opt, sizeof opt);
    tt_result r = base_result();
    r.role = TT_ROLE_DUP_ACK;
    r.chunk = 0;
    r.payload_len = 0;
    r.notes2 = TT_NOTE2_MP_FASTCLOSE;
    char buf[TT_SUMMARY_MAX];
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "MP_FASTCLOSE from the client: it aborts the whole Multipath TCP connection");
    CHECK_HAS(buf, "(RFC 8684, section 3.5)");
    CHECK(strstr(buf, "repeated FIN") == NULL && strstr(buf, "Duplicate ACK from") == NULL);
    tt_explain_summary(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "客户端发出 MP_FASTCLOSE：它立即中止整个多路径 TCP 连接");
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Multipath TCP (kind 30): MP_FASTCLOSE (subtype 7), 12 bytes: the sender "
                 "aborts the whole MPTCP connection");

    make_header(&h, 0x004, 0, NULL, 0); /* the server's RST */
    r.role = TT_ROLE_RESET;
    r.dir = TT_DIR_S2C;
    r.notes2 = TT_NOTE2_RST_FASTCLOSE;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "It answers the client's MP_FASTCLOSE: RFC 8684 (section 3.5) has the receiver "
                   "of MP_FASTCLOSE reset the subflow it came on");
    CHECK(strstr(buf, "SO_LINGER") == NULL);
}

/* out-of-order.pcap frames 6-8: the gap, the lone duplicate ACK it causes,
 * and the segment that fills it. */
static void test_gap_texts(void)
{
    tt_header h;
    make_header(&h, 0x010, 502, NULL, 0);
    tt_result r = base_result();
    r.chunk = 2;
    r.rel_seq = 1001;
    r.payload_len = 500;
    r.notes2 = TT_NOTE2_GAP;
    char buf[TT_SUMMARY_MAX];
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "bytes 1001..1500 (500 bytes)");
    CHECK_HAS(buf, " It leaves a gap: bytes just before 1001 have not been seen");
    r.chunk = 3;
    r.rel_seq = 501;
    r.notes2 = TT_NOTE2_FILLS_GAP;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, " It fills the gap before byte 1001, after later bytes had already arrived");
    tt_explain_summary(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "它填补了字节 1001 之前的缺口");

    r = base_result();
    r.role = TT_ROLE_DUP_ACK;
    r.dir = TT_DIR_S2C;
    r.chunk = 0;
    r.payload_len = 0;
    r.rel_ack = 501;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, "it repeats ack 501 because a later segment arrived while byte 501 is still "
                   "missing: the gap caused this duplicate. One duplicate cannot tell loss from "
                   "reordering");
    CHECK(strstr(buf, "three duplicates trigger") == NULL);

    /* zero-window.pcapng frame 15: the probe before it got no answer. */
    r = base_result();
    r.role = TT_ROLE_ZERO_WINDOW_PROBE;
    r.chunk = 0;
    r.payload_len = 0;
    r.notes2 = TT_NOTE2_PROBE_UNANSWERED;
    tt_explain_summary(&r, &h, TT_LANG_EN, buf, sizeof buf);
    CHECK_HAS(buf, " The previous probe from the client got no answer in the capture: no segment "
                   "of the peer came between the two");
    tt_explain_summary(&r, &h, TT_LANG_ZH, buf, sizeof buf);
    CHECK_HAS(buf, "客户端的上一个探测报文在抓包中没有得到回答");
}

/* accecn_handshake.pcap frames 2 and 3: the AccECN code of the SYN+ACK and
 * of the ACK that completes the handshake names the ECN mark the SYN (the
 * SYN+ACK) arrived with (RFC 9768 Tables 2 and 4: 010 Not-ECT, 011 ECT(1),
 * 100 ECT(0), 110 CE), and every one of the three bits of the SYN+ACK's
 * code says it is part of that code. */
static void test_accecn_marks(void)
{
    tt_header h;
    make_header(&h, 0x012 | 0x080, 65160, NULL, 0); /* SYN+ACK, AE CWR ECE = 010 */
    tt_result r = base_result();
    r.role = TT_ROLE_HANDSHAKE_2;
    r.dir = TT_DIR_S2C;
    r.chunk = 0;
    r.payload_len = 0;
    r.wscale = TT_WS_SYN;
    r.notes = TT_NOTE_ACCECN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "accepts it with AE, CWR, ECE = 010, a code that also tells the ECN mark the "
                 "SYN arrived with: Not-ECT, no ECN mark: not ECN-capable (RFC 9768, section "
                 "3.1.1, Table 2).");
    CHECK_HAS(t, "Accurate ECN (AE): Not set. Part of the Accurate ECN answer AE, CWR, ECE read "
                 "together");
    CHECK(strstr(t, "No Accurate ECN signal") == NULL);
    make_header(&h, 0x012 | 0x100 | 0x080, 65160, NULL, 0); /* 110 */
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "the SYN arrived with: CE, Congestion Experienced");
    make_header(&h, 0x012 | 0x080 | 0x040, 65160, NULL, 0); /* 011 */
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "SYN 到达时带的 ECN 标记：ECT(1)，支持 ECN");

    make_header(&h, 0x010 | 0x100, 1027, NULL, 0); /* the ACK of the SYN+ACK, 100 */
    r.role = TT_ROLE_HANDSHAKE_3;
    r.dir = TT_DIR_C2S;
    r.wscale = TT_WS_UNKNOWN;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "AE, CWR and ECE = 100 tell the peer the ECN mark its SYN+ACK arrived with: "
                 "ECT(0), ECN-capable (RFC 9768, section 3.2.2.1, Table 4).");
}

/* The IP header before a TCP header, read from the bytes, and the data
 * length Wireshark's tcp.len gives. Headers written out by hand. */
static void test_ip_carrier(void)
{
    static const uint8_t src4[4] = {192, 0, 2, 1}, other4[4] = {192, 0, 2, 9};
    /* Ethernet type, then IPv4 with 4 bytes of options (IHL 6): total
     * length 0x0048 = 72, identification 0x1234, protocol 6. */
    uint8_t v4[2 + 24] = {0x08, 0x00, 0x46, 0x00, 0x00, 0x48, 0x12, 0x34, 0x40, 0x00, 64, 6, 0,
                          0,    192,  0,    2,    1,    192,  0,    2,    2,    1,    1,  0, 0};
    tt_ip_carrier ip;
    CHECK(tt_ip_carrier_find(v4, sizeof v4, 6, src4, 4, &ip));
    CHECK_EQ_U(ip.version, 4);
    CHECK(ip.has_id);
    CHECK_EQ_U(ip.id, 0x1234);
    CHECK(ip.has_len);
    CHECK_EQ_U(ip.len, 72 - 24);
    CHECK_EQ_U(ip.back, 24);
    CHECK(!ip.fragment);
    /* 48 bytes of IP payload: a 32-byte header and 16 bytes of data, even
     * when the frame reports 6 more (an Ethernet trailer's padding). */
    CHECK_EQ_U(tt_segment_data_len(&ip, 54, 32), 16);
    /* A frame cut shorter than the IP header says: the frame's bytes. */
    CHECK_EQ_U(tt_segment_data_len(&ip, 40, 32), 8);
    /* A header longer than what is there: no data, and a short segment
     * (not one that just fills the IP payload). */
    CHECK_EQ_U(tt_segment_data_len(&ip, 54, 60), 0);
    CHECK(tt_segment_short(&ip, 54, 60));
    CHECK(!tt_segment_short(&ip, 54, 48));
    CHECK(!tt_segment_short(&ip, 54, 32));
    /* Another source, or another protocol: not the carrier. */
    CHECK(!tt_ip_carrier_find(v4, sizeof v4, 6, other4, 4, &ip));
    CHECK(!tt_ip_carrier_find(v4, sizeof v4, 17, src4, 4, &ip));
    /* Any source, when the address is not known. */
    CHECK(tt_ip_carrier_find(v4, sizeof v4, 6, NULL, 0, &ip));
    /* A fragment (more fragments set): Wireshark counts no data. */
    v4[8] = 0x20;
    CHECK(tt_ip_carrier_find(v4, sizeof v4, 6, src4, 4, &ip));
    CHECK(ip.fragment);
    CHECK_EQ_U(tt_segment_data_len(&ip, 54, 32), 0);
    CHECK(!tt_segment_short(&ip, 54, 60)); /* Wireshark judges no fragment */
    v4[8] = 0x40;
    /* Total length 0, as segmentation offload leaves it: the frame's bytes. */
    v4[4] = v4[5] = 0;
    CHECK(tt_ip_carrier_find(v4, sizeof v4, 6, src4, 4, &ip));
    CHECK(!ip.has_len);
    CHECK_EQ_U(tt_segment_data_len(&ip, 1500, 20), 1480);
    /* No carrier at all: the reported bytes. */
    CHECK_EQ_U(tt_segment_data_len(NULL, 100, 20), 80);
    CHECK(tt_segment_short(NULL, 16, 20));
    CHECK(!tt_ip_carrier_find(v4, 10, 6, src4, 4, &ip));
    CHECK(!tt_ip_carrier_find(NULL, 0, 6, src4, 4, &ip));

    /* IPv6 with a hop-by-hop header (8 bytes) and a fragment header before
     * TCP: payload length 0x0040 = 64 counts both. */
    uint8_t v6[40 + 8 + 8] = {0x60, 0, 0, 0, 0x00, 0x40, 0, 64};
    v6[8] = 0x20, v6[9] = 0x01, v6[23] = 1; /* source 2001::1 */
    v6[40] = 44;                            /* hop-by-hop: next is fragment */
    v6[48] = 6;                             /* fragment header: next is TCP */
    uint8_t src6[16] = {0x20, 0x01};
    src6[15] = 1;
    CHECK(tt_ip_carrier_find(v6, sizeof v6, 6, src6, 16, &ip));
    CHECK_EQ_U(ip.version, 6);
    CHECK(!ip.has_id);
    CHECK_EQ_U(ip.back, 56);
    CHECK_EQ_U(ip.len, 64 - 16);
    CHECK(ip.fragment);
    v6[40] = 6; /* hop-by-hop straight to TCP: the chain no longer ends here */
    CHECK(!tt_ip_carrier_find(v6, sizeof v6, 6, src6, 16, &ip));
    /* Without the fragment header, right before TCP. */
    CHECK(tt_ip_carrier_find(v6, 48, 6, src6, 16, &ip));
    CHECK_EQ_U(ip.back, 48);
    CHECK(!ip.fragment);
    CHECK_EQ_U(tt_segment_data_len(&ip, 100, 20), 64 - 8 - 20);
}

/* ---- SYNs with data, TCP Fast Open, ECN answers, special options --------- */

/* How many times a text holds a needle. */
static unsigned occurrences(const char *hay, const char *needle)
{
    unsigned n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* A SYN with data is TCP Fast Open only with a cookie (RFC 7413); without
 * one, RFC 9293 keeps the data until the handshake completes. */
static void test_syn_data_and_fast_open(void)
{
    tt_header h;
    tt_result r = role_result(TT_ROLE_HANDSHAKE_1, 1, 0, TT_NOTE_SYN_DATA);
    r.rel_seq = 0;
    r.payload_len = 100;
    r.wscale = TT_WS_SYN;
    make_header(&h, TT_SYN, 8192, NULL, 0); /* payload-syn.pcap frame 1: no options */
    const char *t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "The SYN also carries data: bytes 1..100 (100 bytes), after the number 0 that "
                 "the SYN itself takes; the next byte is 101. It has no TCP Fast Open cookie, so "
                 "this is not TCP Fast Open");
    CHECK_HAS(t, "hands it to the application only once the handshake is complete (RFC 9293, "
                 "section 3.10.7.2)");
    CHECK(strstr(t, "(TCP Fast Open)") == NULL);
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "它没有 TCP 快速打开 TFO 的凭证，所以这不是快速打开");
    static const uint8_t cookie[8] = {34, 6, 0x0d, 0x21, 0x48, 0xd6, 1, 1};
    make_header(&h, TT_SYN, 8192, cookie, sizeof cookie);
    t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "The SYN also carries data with a TCP Fast Open cookie (RFC 7413): bytes 1..100");
    CHECK(strstr(t, "not TCP Fast Open") == NULL);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "TCP Fast Open (kind 34): a cookie of 4 bytes (0d2148d6)");
    static const uint8_t request[4] = {34, 2, 1, 1}; /* a request is no cookie */
    make_header(&h, TT_SYN, 8192, request, sizeof request);
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "not TCP Fast Open");
    t = explain_reliability(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "data that a SYN carries waits until it is complete before it reaches the "
                 "application");
    CHECK(strstr(t, "before any data flows") == NULL);

    /* The SYN+ACK acknowledges the data (ack 101): what that means depends
     * on the SYN it answers. */
    r = role_result(TT_ROLE_HANDSHAKE_2, 0, 1, TT_NOTE_SYN_ACKED | TT_NOTE_TFO_ACCEPTED);
    r.dir = TT_DIR_S2C;
    r.rel_seq = 0;
    r.rel_ack = 101;
    r.payload_len = 0;
    r.peer_syn = TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS;
    make_header(&h, TT_SYN | TT_ACK, 8192, NULL, 0);
    t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "It also acknowledges what the client's SYN carried: 100 bytes of data (ack 101). "
                 "That SYN had no TCP Fast Open cookie, so the server keeps the data until the "
                 "handshake is complete");
    CHECK(strstr(t, "without waiting for the handshake") == NULL);
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH),
              "它同时确认了客户端的 SYN 携带的 100 字节数据（确认号 101）");
    r.peer_syn |= TT_PEER_SYN_TFO;
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "(TCP Fast Open): that data was accepted without "
                                           "waiting for the handshake.");
    r.peer_syn = 0; /* the SYN was not captured whole: only what the ACK shows */
    t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t,
              "It also acknowledges what the client's SYN carried: 100 bytes of data (ack 101).");
    CHECK(strstr(t, "Fast Open") == NULL);

    /* A SYN+ACK that gives a new cookie while refusing the client's
     * (tcp-fastopen-11-reject-syn-data.pcap frame 2). */
    static const uint8_t fresh[8] = {1, 1, 34, 6, 0xda, 0x55, 0x7f, 0xaa};
    make_header(&h, TT_SYN | TT_ACK, 8192, fresh, sizeof fresh);
    r = role_result(TT_ROLE_HANDSHAKE_2, 0, 0, TT_NOTE_SYN_ACKED | TT_NOTE_TFO_REFUSED);
    r.dir = TT_DIR_S2C;
    r.payload_len = 0;
    r.wscale = TT_WS_SYN;
    r.peer_syn = TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS | TT_PEER_SYN_TFO;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 22 6 | TCP Fast Open (kind 34) in a SYN+ACK: the server gives the client a "
                 "cookie of 4 bytes (da557faa) for its next connections");
    CHECK_HAS(t, "2 22 6 | This SYN+ACK acknowledges only the client's SYN: the cookie that SYN "
                 "carried was not accepted, and neither was its data");
    CHECK(strstr(t, "which lets the client send data already in the SYN") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "服务器发给客户端一个 4 字节的快速打开凭证（da557faa），供它以后的连接使用");
}

/* Data on a SYN+ACK: said in the summary, and the client's ACK (not a
 * SYN+ACK) accepts it (payload-synack.pcap frame 2). */
static void test_synack_data(void)
{
    tt_header h;
    make_header(&h, TT_SYN | TT_ACK, 8192, NULL, 0);
    tt_result r = role_result(TT_ROLE_HANDSHAKE_2, 1, 0, TT_NOTE_SYN_ACKED | TT_NOTE_CARRIES_DATA);
    r.dir = TT_DIR_S2C;
    r.rel_seq = 0;
    r.payload_len = 110;
    r.wscale = TT_WS_SYN;
    const char *t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "The SYN+ACK also carries data: bytes 1..110 (110 bytes), after the number 0 that "
                 "the SYN itself takes; the client's ACK that accepts them will acknowledge 111, "
                 "and the client hands them to the application only once it is ESTABLISHED");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "客户端的确认报文段接受这些数据时将确认 111");
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "The SYN takes number 0 itself; its 110 data bytes are 1..110, and the next byte "
                 "is 111: the peer's ACK that accepts the data acknowledges that number.");
    CHECK(strstr(t, "a SYN+ACK that accepts") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "对方接受这些数据的确认报文段将确认这个序号");
    CHECK(strstr(t, "接受这些数据的 SYN+ACK") == NULL);
}

/* The SYN+ACK answers the SYN's ECN offer (RFC 3168, section 6.1.1):
 * truncated-header.pcap frames 1-2 (offer, then ECE clear). */
static void test_ecn_answer(void)
{
    tt_header h;
    tt_result r = role_result(TT_ROLE_HANDSHAKE_2, 0, 0, TT_NOTE_SYN_ACKED);
    r.dir = TT_DIR_S2C;
    r.payload_len = 0;
    r.wscale = TT_WS_SYN;
    r.peer_syn = TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS | TT_PEER_SYN_ECN;
    make_header(&h, TT_SYN | TT_ACK, 500, NULL, 0);
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 12 2 | ECN negotiation: the client's SYN offered ECN, but this SYN+ACK leaves "
                 "ECE clear: the sender declines, and ECN is not used on this connection");
    CHECK_HAS(t, "= ECN-Echo (ECE): Not set. In a SYN or SYN+ACK this bit takes part in the ECN "
                 "negotiation, not in congestion signalling.");
    CHECK(strstr(t, "No ECN congestion signal") == NULL);
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "ECN: the client's SYN offered it, but this SYN+ACK "
                                           "declines it (ECE clear)");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "但这个 SYN+ACK 拒绝了（ECE 未置位）");
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "在 SYN 或 SYN+ACK 中，这一位用于 ECN 协商");

    make_header(&h, TT_SYN | TT_ACK | TT_ECE, 500, NULL, 0);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "ECN negotiation: the client's SYN offered ECN, and this SYN+ACK accepts it with "
                 "ECE alone");
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "this SYN+ACK accepts it (ECE set, CWR clear");
    r.peer_syn = TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS; /* no offer: this answer is not allowed */
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN), "but the client's SYN did not offer it");
    CHECK(strstr(summary(&r, &h, TT_LANG_EN), "ECN") == NULL);
    r.peer_syn = 0; /* the SYN not captured: the answer alone */
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN), "ECE alone in a SYN+ACK means the sender agrees");
    make_header(&h, TT_SYN | TT_ACK, 500, NULL, 0);
    CHECK(strstr(explain_header(&h, &r, TT_LANG_EN), "1 12 2 | ECN negotiation") == NULL);
    CHECK(strstr(summary(&r, &h, TT_LANG_EN), "ECN") == NULL);
}

/* SACK blocks where none can be: in a SYN (option-sack.pcap), on a segment
 * without ACK, after a SYN without SACK-permitted. */
static void test_sack_out_of_place(void)
{
    static const uint8_t two[20] = {5, 18, 0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0};
    tt_header h;
    make_header(&h, TT_SYN, 8192, two, sizeof two);
    tt_result r = role_result(TT_ROLE_HANDSHAKE_1, 0, 0, 0);
    r.payload_len = 0;
    r.rel_seq = 0;
    r.wscale = TT_WS_SYN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 20 18 | SACK (kind 5) blocks in a SYN are meaningless: its ACK flag is clear");
    CHECK_HAS(t, "they describe no received bytes (a crafted or broken segment)");
    CHECK_HAS(t, "2 22 8 | Block 1: left edge 1, right edge 16.");
    CHECK_HAS(t, "2 30 8 | Block 2: left edge 256, right edge 4096.");
    CHECK(strstr(t, "arrived") == NULL);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "SYN 中的选择确认 SACK（类型 5）块没有意义");
    make_header(&h, TT_RST, 0, two, sizeof two);
    r.role = TT_ROLE_RESET;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "SACK (kind 5) blocks are meaningless here: the ACK flag is clear");
    CHECK(strstr(t, "arrived") == NULL);

    make_header(&h, TT_ACK, 500, two, sizeof two);
    r = role_result(TT_ROLE_DUP_ACK, 0, 0, 0);
    r.payload_len = 0;
    r.peer_syn = TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS; /* no SACK-permitted */
    h.absolute = true;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t,
              "2 20 18 | the server's SYN carried no SACK-permitted option, so RFC 2018 (section "
              "2) does not allow SACK blocks on this connection");
    CHECK_HAS(t, "bytes 1..15 arrived");
    r.peer_syn |= TT_PEER_SYN_SACKP;
    CHECK(strstr(explain_header(&h, &r, TT_LANG_EN), "SACK-permitted") == NULL);
}

/* A D-SACK of the peer's FIN names the FIN, not bytes
 * (qi_internet_SYNACK_curl_jsonip.pcap frame 13: ack 155, block 154-155). */
static void test_dsack_of_fin(void)
{
    static const uint8_t dsack[12] = {1, 1, 5, 10, 0x27, 0x38, 0x7c, 0x75, 0x27, 0x38, 0x7c, 0x76};
    tt_header h;
    make_header(&h, TT_ACK, 500, dsack, sizeof dsack);
    g_bytes[8] = 0x27, g_bytes[9] = 0x38, g_bytes[10] = 0x7c, g_bytes[11] = 0x76; /* 658013302 */
    tt_header_parse(&h, g_bytes, 32);
    tt_result r = role_result(TT_ROLE_DUP_ACK, 0, 0, 0);
    r.dir = TT_DIR_S2C;
    r.payload_len = 0;
    r.rel_ack = 155;
    r.notes2 = TT_NOTE2_ACK_PAST_FIN;
    const char *t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "Duplicate ACK from the server: it repeats ack 155 because the client's FIN "
                 "(sequence number 154) arrived again");
    CHECK(strstr(t, "bytes it already had") == NULL);
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH), "因为客户端的 FIN（序号 154）又到了一次");
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "1 22 10 | SACK (kind 5): 1 block, a D-SACK (RFC 2883): it lies below the "
                 "cumulative ACK");
    CHECK_HAS(t, "2 24 8 | Block 1 (a D-SACK, RFC 2883): left edge 658013301, right edge "
                 "658013302: no data byte, but the client's FIN (sequence number 154), which "
                 "arrived twice.");
    /* Without the FIN below the ACK, the same block is a byte. */
    r.notes2 = 0;
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Block 1 (a D-SACK, RFC 2883): left edge 658013301, right edge 658013302: byte");
    CHECK_HAS(summary(&r, &h, TT_LANG_EN), "because bytes it already had arrived again");
}

/* Quick-Start Response and User Timeout decoded (option-27.pcap frame 1:
 * NOP, QS 1b 08 00 01 02 00 00 00, UTO 1c 04 00 01). */
static void test_quick_start_and_user_timeout(void)
{
    static const uint8_t opts[16] = {1, 27, 8, 0, 1, 2, 0, 0, 0, 28, 4, 0, 1, 0, 0, 0};
    tt_header h;
    make_header(&h, TT_SYN | TT_ACK, 8192, opts, sizeof opts);
    tt_result r = role_result(TT_ROLE_HANDSHAKE_2, 0, 0, 0);
    r.payload_len = 0;
    r.wscale = TT_WS_SYN;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    /* rate request 0, TTL Diff 1, nonce 0x02000000 >> 2 */
    CHECK_HAS(t, "1 21 8 | Quick-Start Response (kind 27, RFC 4782), 8 bytes: the answer to a "
                 "Quick-Start Request");
    CHECK_HAS(t, "rate request 0 = 0 bit/s: no higher rate was approved (TTL Diff 1, nonce "
                 "8388608)");
    CHECK_HAS(t, "1 29 4 | User Timeout (kind 28, RFC 5482), 4 bytes: granularity bit 0 (seconds), "
                 "timeout 1 s");
    CHECK(strstr(t, "unknown") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "快速启动应答（类型 27，RFC 4782）");
    CHECK_HAS(t, "用户超时选项（类型 28，RFC 5482），4 字节：粒度位为 0（秒），超时 1 秒");
    /* Rate request 3: 40 kbit/s x 2^3; a timeout of 5 minutes (G = 1). */
    static const uint8_t more[16] = {1, 27, 8, 3, 7, 0, 0, 0, 4, 28, 4, 0x80, 5, 0, 0, 0};
    make_header(&h, TT_SYN | TT_ACK, 8192, more, sizeof more);
    t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "rate request N = 3, that is 40 kbit/s x 2^N = 320 kbit/s (TTL Diff 7, nonce 1)");
    CHECK_HAS(t, "granularity bit 1 (minutes), timeout 5 min");
    /* A wrong length: named, not decoded. */
    static const uint8_t bad[8] = {27, 6, 0, 0, 0, 0, 1, 0};
    make_header(&h, TT_SYN | TT_ACK, 8192, bad, sizeof bad);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "1 20 6 | Option kind 27 (Quick-Start Response, RFC 4782), 6 bytes.");
}

/* A reset's data is diagnostic text, not stream bytes
 * (bug-6244-tcp-rst-with-data.pcap frame 8: RST+ACK, seq 1, 13 bytes). */
static void test_reset_with_data(void)
{
    tt_header h;
    make_header(&h, TT_RST | TT_ACK, 0, NULL, 0);
    tt_result r = role_result(TT_ROLE_RESET, 0, 0, 0);
    r.payload_len = 13;
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "a reset carries the number where it stands in its sender's sequence space");
    CHECK_HAS(t, "1 4 4 | Its 13 bytes of data are diagnostic text (RFC 9293, section 3.5.3), not "
                 "bytes of the stream");
    CHECK(strstr(t, "next segment starts") == NULL);
    CHECK(strstr(t, "bytes 1..13") == NULL);
    t = explain_header(&h, &r, TT_LANG_ZH);
    CHECK_HAS(t, "它携带的 13 字节数据是诊断文字");
    CHECK(strstr(t, "下一个报文段从") == NULL);
    CHECK(strstr(explain_reliability(&h, &r, TT_LANG_EN), "Ordering") == NULL);
}

/* Urgent data named in the summary (tcp-urgp-04-2byte-XY.pcap frame 5:
 * URG, pointer 2, bytes 11..12). */
static void test_urgent_in_summary(void)
{
    tt_header h;
    make_header(&h, TT_URG | TT_ACK | TT_PSH, 500, NULL, 0);
    g_bytes[19] = 2;
    tt_header_parse(&h, g_bytes, 20);
    tt_result r = role_result(TT_ROLE_DATA, 2, 0, 0);
    r.rel_seq = 11;
    r.payload_len = 2;
    const char *t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "The data is marked urgent (URG, urgent pointer 2): the urgent data ends before "
                 "byte 13, so byte 12 is its last (RFC 9293, section 3.8.5). Most stacks hand only "
                 "that last byte to the application, out of band (RFC 6093)");
    CHECK_HAS(summary(&r, &h, TT_LANG_ZH),
              "紧急数据在字节 13 之前结束，所以字节 12 是它的最后一个字节");
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN),
              "= Urgent (URG): Set. The urgent pointer is valid: the data before the byte it "
              "points to is urgent.");
    make_header(&h, TT_ACK | TT_PSH, 500, NULL, 0);
    CHECK(strstr(summary(&r, &h, TT_LANG_EN), "urgent") == NULL);
}

/* A tail loss probe that repeats a FIN repeats no bytes; a repeated reset
 * after the close says "changes nothing" once. */
static void test_fin_probe_and_reset_again(void)
{
    tt_header h;
    make_header(&h, TT_FIN | TT_ACK, 500, NULL, 0);
    tt_result r = role_result(TT_ROLE_TEARDOWN_1, 0, 0, TT_NOTE_RETRANSMISSION);
    r.payload_len = 0;
    r.why = TT_WHY_TLP;
    const char *t = summary(&r, &h, TT_LANG_EN);
    CHECK_HAS(t, "This segment is a tail loss probe: the client sends its FIN again sooner than");
    CHECK(strstr(t, "last bytes") == NULL);
    t = summary(&r, &h, TT_LANG_ZH);
    CHECK_HAS(t, "客户端在重传计时器还不可能到期之前就重发自己的 FIN");
    CHECK(strstr(t, "最后发出的字节") == NULL);
    /* Its detail sends the FIN again, not "the last one". */
    r.notes |= TT_NOTE_DETAIL;
    tt_detail d = {.orig_frame = 6, .prev_frame = 6, .gap_us = 14760, .has_gap = true};
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "Tail loss probe (RFC 8985): nothing asked for this FIN again, and this copy "
                 "came 14.760 ms after the previous one (frame 6)");
    CHECK_HAS(t, "Linux sends it again, here its FIN");
    CHECK(strstr(t, "these bytes") == NULL && strstr(t, "the last one") == NULL);
    d.trigger_frame = 5, d.trigger_us = 9000, d.has_trigger = true;
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "nothing asked for this FIN again; this copy came 9.000 ms after the last ACK "
                 "(frame 5)");
    t = detail_text(&h, &r, &d, TT_LANG_ZH);
    CHECK_HAS(t, "没有任何确认要求再发这个 FIN");

    make_header(&h, TT_RST, 0, NULL, 0);
    r = role_result(TT_ROLE_RESET, 0, 0, TT_NOTE_AFTER_CLOSE);
    r.payload_len = 0;
    r.notes2 = TT_NOTE2_RST_AGAIN;
    t = summary(&r, &h, TT_LANG_EN);
    CHECK_EQ_U(occurrences(t, "changes nothing"), 1);
    CHECK_HAS(t, "It repeats its sender's previous reset: a stack may send more than one.");
    t = summary(&r, &h, TT_LANG_ZH);
    CHECK_EQ_U(occurrences(t, "改变任何状态"), 1);
}

/* SYN copies whose intervals neither double nor stay at about 1 s are not
 * a retransmission timer (option-sack.pcap frames 3-4); a doubling series
 * and the even 1 s retries of some stacks are. */
static void test_syn_series_timer(void)
{
    tt_header h;
    make_header(&h, TT_SYN, 8192, NULL, 0);
    tt_result r = role_result(TT_ROLE_HANDSHAKE_1, 0, 0, TT_NOTE_RETRANSMISSION | TT_NOTE_DETAIL);
    r.payload_len = 0;
    r.rel_seq = 0;
    r.why = TT_WHY_TIMEOUT;
    tt_detail d = {.orig_frame = 1,
                   .prev_frame = 2,
                   .earlier = 2,
                   .gap_us = 2837579,
                   .has_gap = true,
                   .prev_gap_us = 6447785,
                   .has_prev_gap = true};
    const char *t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK_HAS(t, "These copies do not follow a SYN's retransmission timer");
    CHECK_HAS(t, "here the interval went from 6447.785 ms to 2837.579 ms. This does not look like "
                 "a TCP stack's own retransmission");
    CHECK(strstr(t, "doubled for each further try by RFC 6298;") == NULL);
    CHECK_HAS(detail_text(&h, &r, &d, TT_LANG_ZH),
              "这里的间隔却从 6447.785 毫秒变成了 2837.579 毫秒");
    d.prev_gap_us = 2837579, d.gap_us = 2816337; /* flat, but not at 1 s */
    CHECK_HAS(detail_text(&h, &r, &d, TT_LANG_EN), "These copies do not follow");
    d.prev_gap_us = 1000000, d.gap_us = 2001000; /* Linux: 1 s, then 2 s */
    t = detail_text(&h, &r, &d, TT_LANG_EN);
    CHECK(strstr(t, "These copies do not follow") == NULL);
    CHECK_HAS(t, "doubled for each further try by RFC 6298");
    d.prev_gap_us = 1000000, d.gap_us = 1003000; /* the even retries of some stacks */
    CHECK(strstr(detail_text(&h, &r, &d, TT_LANG_EN), "These copies do not follow") == NULL);
    d.has_prev_gap = false; /* one interval tells nothing */
    CHECK(strstr(detail_text(&h, &r, &d, TT_LANG_EN), "These copies do not follow") == NULL);
}

/* Data the snapshot length cut is counted, not shown as present
 * (truncated-header.pcap frame 4: 84 bytes, 54 of 138 captured). */
static void test_payload_not_captured(void)
{
    tt_header h;
    make_header(&h, TT_ACK | TT_PSH, 500, NULL, 0);
    tt_result r = role_result(TT_ROLE_DATA, 2, 0, 0);
    r.payload_len = 84;
    tt_header_set_captured(&h, 20); /* the header alone */
    const char *t = explain_header(&h, &r, TT_LANG_EN);
    CHECK_HAS(t, "Payload: the segment carries 84 bytes of data (tcp.len), none of them captured");
    CHECK(strstr(t, "the header is followed by") == NULL);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_ZH), "但一个也没有抓到");
    tt_header_set_captured(&h, 50);
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN), "of which the capture kept only the first 30");
    tt_header_set_captured(&h, 110); /* all of it (and a trailer) */
    CHECK_HAS(explain_header(&h, &r, TT_LANG_EN), "Payload: the header is followed by 84 bytes");
}

/* What the state machine tells a SYN+ACK about the SYN it answers: an
 * Accurate ECN offer is an ECN offer too (a classic peer answers it with
 * ECE alone), SACK-permitted, a Fast Open option. */
static void test_peer_syn_from_conversation(void)
{
    static const struct {
        uint16_t syn_flags;
        uint8_t opt[4];
        unsigned want;
    } cases[] = {
        {TT_SYN | TT_AE | TT_CWR | TT_ECE,
         {1, 1, 1, 1},
         TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS | TT_PEER_SYN_ECN},
        {TT_SYN | TT_CWR | TT_ECE,
         {4, 2, 1, 1},
         TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS | TT_PEER_SYN_ECN | TT_PEER_SYN_SACKP},
        {TT_SYN, {34, 2, 1, 1}, TT_PEER_SYN_SEEN | TT_PEER_SYN_OPTS | TT_PEER_SYN_TFO},
    };
    tt_alloc a = {tt_fx_alloc, NULL, NULL};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tt_conv *c = tt_fx_alloc(NULL, tt_conv_size());
        tt_conv_init(c, 0);
        uint8_t b[60];
        tt_header h;
        tt_result r;
        tt_segment s = {.frame = 1};
        tt_fx_header(b, 40000, 80, 1000, 0, cases[i].syn_flags, 500, -1, 0, 6);
        memcpy(b + 20, cases[i].opt, 4);
        tt_header_parse(&h, b, 24);
        tt_conv_feed(c, &a, &h, &s, &r);
        CHECK_EQ_U(r.peer_syn, 0); /* the SYN's sender has seen no SYN */
        s.frame = 2;
        tt_fx_header(b, 80, 40000, 5000, 1001, TT_SYN | TT_ACK | TT_ECE, 500, -1, 0, 0);
        tt_header_parse(&h, b, 20);
        tt_conv_feed(c, &a, &h, &s, &r);
        CHECK_EQ_U(r.peer_syn, cases[i].want);
        if (i == 0)
            CHECK_HAS(explain_header(&h, &r, TT_LANG_EN), "the client's SYN offered ECN, and "
                                                          "this SYN+ACK accepts it with ECE alone");
    }
    tt_fx_free_all();
}

int main(void)
{
    RUN(test_peer_syn_from_conversation);
    RUN(test_payload_not_captured);
    RUN(test_syn_data_and_fast_open);
    RUN(test_synack_data);
    RUN(test_ecn_answer);
    RUN(test_sack_out_of_place);
    RUN(test_dsack_of_fin);
    RUN(test_quick_start_and_user_timeout);
    RUN(test_reset_with_data);
    RUN(test_urgent_in_summary);
    RUN(test_fin_probe_and_reset_again);
    RUN(test_syn_series_timer);
    RUN(test_icmp_quoted);
    RUN(test_mptcp_fastclose_text);
    RUN(test_gap_texts);
    RUN(test_accecn_marks);
    RUN(test_seed002_header_en);
    RUN(test_seed002_header_zh);
    RUN(test_seed002_summary_and_reliability);
    RUN(test_resend_bytes_differ);
    RUN(test_syn_copy_options);
    RUN(test_checksum_pseudo_header);
    RUN(test_utf8_helpers);
    RUN(test_numbers_without_data);
    RUN(test_probed_byte);
    RUN(test_doff_15);
    RUN(test_doff_3_malformed);
    RUN(test_problem_ok_and_cut);
    RUN(test_all_flags);
    RUN(test_no_flags_ack_meaningless);
    RUN(test_window);
    RUN(test_syn_options_loopback);
    RUN(test_mss_origins);
    RUN(test_sack_blocks);
    RUN(test_tfo_and_unknown);
    RUN(test_bad_options);
    RUN(test_seq_of_probes);
    RUN(test_ack_flag_of_resets);
    RUN(test_ecn_in_context);
    RUN(test_integrity_note);
    RUN(test_dup_ack_reasons);
    RUN(test_checksum);
    RUN(test_urgent);
    RUN(test_truncated);
    RUN(test_labels);
    RUN(test_summary_every_role);
    RUN(test_summary_content);
    RUN(test_small_buffers);
    RUN(test_conversation);
    RUN(test_seq_space);
    RUN(test_capture_duplicate_text);
    RUN(test_anomalies_said);
    RUN(test_reliability);
    RUN(test_retransmission_detail);
    RUN(test_timer_details);
    RUN(test_garbage);
    RUN(test_null_arguments);
    RUN(test_words_for_tokens);
    RUN(test_ip_carrier);
    TT_TEST_MAIN_END();
}
