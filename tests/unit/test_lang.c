/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the message catalogue (lang.c, messages.def). */
#include "lang.h"
#include "strbuf.h"

#include "tt_test.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* The printf conversions of a format, e.g. "su" for "%s ... %u"; "%%" is
 * recorded as '%'. Returns false on a conversion we do not allow (only plain
 * %s and %u: no flags, widths, precisions or length modifiers). */
static bool conversions(const char *fmt, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p != 's' && *p != 'u' && *p != '%')
            return false;
        if (k + 1 >= n)
            return false;
        out[k++] = *p;
    }
    out[k] = '\0';
    return true;
}

static bool is_ascii(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s >= 0x80)
            return false;
    }
    return true;
}

static void test_every_message_nonempty(void)
{
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        const char *en = tt_msg_text(TT_LANG_EN, (tt_msg)id);
        const char *zh = tt_msg_text(TT_LANG_ZH, (tt_msg)id);
        /* The catalogue's "no message" marker is empty in both languages. */
        if (id == TT_M_NONE_MSG) {
            CHECK_STR(en, "");
            CHECK_STR(zh, "");
            continue;
        }
        CHECK(en != NULL && en[0] != '\0');
        /* Chinese puts no space between sentences: its separator alone is empty. */
        if (id == TT_M_W_SENTENCE_SEP)
            CHECK_STR(zh, "");
        else
            CHECK(zh != NULL && zh[0] != '\0');
    }
}

static void test_same_conversions(void)
{
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        char a[64], b[64];
        const char *en = tt_msg_text(TT_LANG_EN, (tt_msg)id);
        const char *zh = tt_msg_text(TT_LANG_ZH, (tt_msg)id);
        bool ok_en = conversions(en, a, sizeof a), ok_zh = conversions(zh, b, sizeof b);
        CHECK(ok_en);
        CHECK(ok_zh);
        if (ok_en && ok_zh && strcmp(a, b) != 0)
            fprintf(stderr, "message %u: \"%s\" vs \"%s\"\n", id, en, zh);
        CHECK_STR(a, b);
    }
}

static void test_utf8(void)
{
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        CHECK(utf8_valid(tt_msg_text(TT_LANG_EN, (tt_msg)id)));
        CHECK(utf8_valid(tt_msg_text(TT_LANG_ZH, (tt_msg)id)));
        /* English is plain ASCII: no stray Chinese punctuation. */
        CHECK(is_ascii(tt_msg_text(TT_LANG_EN, (tt_msg)id)));
    }
}

static void test_no_placeholders(void)
{
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        for (unsigned l = 0; l < TT_LANG_COUNT; l++) {
            const char *t = tt_msg_text((tt_lang)l, (tt_msg)id);
            CHECK(strstr(t, "TODO") == NULL);
            CHECK(strstr(t, "n/a") == NULL);
            CHECK(strstr(t, "FIXME") == NULL);
        }
    }
}

/* Chinese entries are really translated (not English copies), except the
 * few that are language-neutral by design. */
static void test_chinese_translated(void)
{
    unsigned copies = 0;
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        const char *en = tt_msg_text(TT_LANG_EN, (tt_msg)id);
        const char *zh = tt_msg_text(TT_LANG_ZH, (tt_msg)id);
        if (strcmp(en, zh) == 0)
            copies++;
    }
    CHECK_STR(tt_msg_text(TT_LANG_ZH, TT_M_H_DOFF_ARITH), "%s = %u -> %u x 4 = %u 字节");
    CHECK(copies <= 3);
}

static void test_terms(void)
{
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_HS), "三报文握手");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_TD), "连接释放");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_PIGGY), "捎带确认");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_SIMCLOSE_STEP), "同时关闭");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_TD23), "三报文段释放");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_CONN_CLOSE), "四报文段释放");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_FL_RST), "复位");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_FL_FIN), "终止");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_H_WIN), "滑动窗口");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_F_SEQ), "序号");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_F_ACK), "确认号");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_F_DOFF), "首部长度");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_F_CSUM), "校验和");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_F_URG), "紧急指针");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_O_MSS), "最大报文段长度");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_O_WS), "窗口扩大因子");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_O_SACK), "选择确认");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_AN_FAST_RETRANS), "快重传");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_HALF_CLOSE), "半关闭");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_CONN_CLOSE), "全双工");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_GUESSED), "猜测");
    CHECK_HAS(tt_msg_text(TT_LANG_EN, TT_M_SUM_GUESSED), "guessed");
}

static void test_out_of_range(void)
{
    /* Unknown language falls back to English; unknown id gives "". */
    CHECK_STR(tt_msg_text((tt_lang)7, TT_M_LBL_RESET), tt_msg_text(TT_LANG_EN, TT_M_LBL_RESET));
    CHECK_STR(tt_msg_text((tt_lang)-1, TT_M_LBL_RESET), "Reset");
    CHECK_STR(tt_msg_text(TT_LANG_EN, TT_MSG_COUNT), "");
    CHECK_STR(tt_msg_text(TT_LANG_ZH, (tt_msg)100000), "");
    CHECK_STR(tt_msg_text(TT_LANG_ZH, TT_M_LBL_RESET), "复位");
}

/* Chinese reads like a Chinese textbook: full-width punctuation next to
 * Chinese text, the textbook's terms, no English plural tricks. */
static bool cjk_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return u[0] >= 0xe4 && u[0] <= 0xe9; /* U+4E00..U+9FFF in UTF-8 */
}

static void test_chinese_style(void)
{
    static const char *const avoided[] = {"捎带应答", "重置", "数据块", "四次挥手 %u", "(s)"};
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        const char *zh = tt_msg_text(TT_LANG_ZH, (tt_msg)id);
        const char *en = tt_msg_text(TT_LANG_EN, (tt_msg)id);
        for (const char *p = zh; *p; p++) {
            bool ascii_punct = strchr("(),;:!?", *p) != NULL;
            bool after_cjk = p >= zh + 3 && cjk_at(p - 3);
            if (ascii_punct && (after_cjk || cjk_at(p + 1)))
                fprintf(stderr, "message %u: ASCII '%c' beside Chinese: %s\n", id, *p, zh);
            CHECK(!(ascii_punct && (after_cjk || cjk_at(p + 1))));
        }
        for (size_t i = 0; i < sizeof avoided / sizeof avoided[0]; i++) {
            CHECK(strstr(zh, avoided[i]) == NULL);
            CHECK(strstr(en, "(s)") == NULL);
        }
    }
}

/* Terms of the textbook (谢希仁《计算机网络》) that the Chinese text must use
 * instead of their look-alikes, and English that must not creep back. */
static void test_chinese_textbook_terms(void)
{
    static const char *const wrong[] = {
        "坚持计时器",           /* 持续计时器 */
        "累计确认",             /* 累积确认 */
        "虚假重传",             /* 伪重传 */
        "缩放因子",             /* 窗口扩大因子, one term for the window scale */
        "确认完对方的数据编号", /* not a grammatical label */
        "其中的空缺",           /* the gaps lie between the SACK blocks, not in them */
        "四次挥手",             /* 连接释放, 四报文段释放 */
        "快速重传",             /* 快重传 */
        "快速恢复",             /* 快恢复 */
        "第几个",               /* a label that reads as a question */
    };
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        const char *zh = tt_msg_text(TT_LANG_ZH, (tt_msg)id);
        for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
            if (strstr(zh, wrong[i]) != NULL)
                fprintf(stderr, "message %u has %s: %s\n", id, wrong[i], zh);
            CHECK(strstr(zh, wrong[i]) == NULL);
        }
        /* 三报文握手, as the textbook says; 三次握手 only to name the common
         * term ("也就是常说的三次握手"), and likewise 三次挥手. */
        for (const char *p = strstr(zh, "三次握手"); p != NULL; p = strstr(p + 1, "三次握手")) {
            size_t k = strlen("常说的");
            if (!(p - zh >= (ptrdiff_t)k && strncmp(p - k, "常说的", k) == 0))
                fprintf(stderr, "message %u has 三次握手 as its own term: %s\n", id, zh);
            CHECK(p - zh >= (ptrdiff_t)k && strncmp(p - k, "常说的", k) == 0);
        }
        for (const char *p = strstr(zh, "三次挥手"); p != NULL; p = strstr(p + 1, "三次挥手")) {
            size_t k = strlen("常说的“");
            CHECK(p - zh >= (ptrdiff_t)k && strncmp(p - k, "常说的“", k) == 0);
        }
        /* "窗口扩大" alone (窗口扩大选项, 窗口扩大已启用): always 窗口扩大因子. */
        for (const char *p = strstr(zh, "窗口扩大"); p != NULL; p = strstr(p + 1, "窗口扩大"))
            CHECK(strncmp(p + strlen("窗口扩大"), "因子", strlen("因子")) == 0);
    }
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_ZWP), "持续计时器");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_ACK), "累积确认");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_RETRANS_SPURIOUS), "伪重传");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_O_MSS), "类型 2");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_TD23), "三报文段释放");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_TD23), "三次挥手");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_CONN_CLOSE3), "三次挥手");
    /* The handshake's term, named once where a text first explains it. */
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_HS), "三报文握手");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_CONN_OPEN), "三报文握手（也就是常说的三次握手）");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_W_HS_COMPLETE), "三报文握手（也就是常说的三次握手）");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_W_END_FOUR), "四报文段释放");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_FAST_THIRD), "快重传");
    /* The segment's number is said, not asked. */
    CHECK_STR(tt_msg_text(TT_LANG_ZH, TT_M_FIELD_SEGMENT), "本流中的第 %u 个报文段");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_O_SACK), "各块之间的空缺");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_TD4), "TIME-WAIT（时间等待）");
    CHECK_STR(tt_msg_text(TT_LANG_ZH, TT_M_STN_SYN_SENT), "SYN-SENT（同步已发送）");
    CHECK_STR(tt_msg_text(TT_LANG_ZH, TT_M_STN_CLOSING), "CLOSING（同时关闭）");
    /* The English names stay the RFC's, which are also the fields' values. */
    CHECK_STR(tt_msg_text(TT_LANG_EN, TT_M_STN_SYN_SENT), "SYN-SENT");
}

/* The ASCII words a Chinese text may contain: protocol names and fields,
 * flags, RFC 9293's state and variable names, units, the tcpdump notation
 * the ladder and the quiz print, and names of programs. Anything else is
 * English prose that was not translated. */
static const char *const zh_ascii_allowed[] = {
    /* protocols, standards, programs */
    "TCP",
    "IP",
    "IPv4",
    "IPv6",
    "ICMP",
    "RFC",
    "ECN",
    "MSS",
    "MTU",
    "RTT",
    "RTO",
    "ISN",
    "MSL",
    "SACK",
    "D-SACK",
    "TFO",
    "ACE",
    "CE",
    "CTL",
    "SEG.ACK",
    "SO_LINGER",
    "TCP_KEEPIDLE",
    "TCP_KEEPINTVL",
    "RACK",
    "NewReno",
    "Reno", /* congestion-control algorithms, named as their authors do */
    "CUBIC",
    "BBR",
    "Karn",    /* 谢希仁 writes "Karn 算法" */
    "connect", /* the socket call, as connect() */
    "ECONNREFUSED",
    "TTL",
    "DF",
    "MPTCP",
    "MP_CAPABLE",
    "MP_FASTCLOSE",
    "Not-ECT",
    "ECT",
    "NOP",
    "EOL",
    "PAWS",
    "TSval",
    "TSecr",
    "PPPoE",
    "Linux",
    "macOS",
    "iOS",
    "Wireshark",
    "tcpdump",
    "tcpteach",
    "Markdown",
    "HTML",
    "MiB",
    "GiB",
    /* flags, alone and combined */
    "SYN",
    "FIN",
    "ACK",
    "RST",
    "PSH",
    "URG",
    "ECE",
    "CWR",
    "AE",
    "SYN+ACK",
    "RST+ACK",
    /* states (RFC 9293's names, also the fields' values) */
    "CLOSED",
    "LISTEN",
    "SYN-SENT",
    "SYN-RECEIVED",
    "ESTABLISHED",
    "FIN-WAIT-1",
    "FIN-WAIT-2",
    "CLOSE-WAIT",
    "CLOSING",
    "LAST-ACK",
    "TIME-WAIT",
    /* RFC 9293's variables */
    "SND.NXT",
    "SEQ",
    "SEG.SEQ+SEG.LEN",
    /* the ladder's and the quiz's notation (tcpdump's words and letters),
     * the header arithmetic ("5 x 4") and variables in the quiz's notes */
    "seq",
    "ack",
    "win",
    "len",
    "data", /* "seq 0 data 1:19": a SYN that carries data */
    "wscale",
    "x",
    "t",
    "A",
    "B",
    "B-1",
    "N",
    "W",
    "Qn",
    "S",
    "F",
    "P",
    "R",
};

static bool zh_ascii_ok(const char *word, size_t n)
{
    /* Wireshark's field and preference names (tcp.stream, tcp.check_checksum). */
    if (n > 4 && strncmp(word, "tcp.", 4) == 0)
        return true;
    /* Linux's settings (net.ipv4.tcp_syn_linear_timeouts). */
    if (n > 9 && strncmp(word, "net.ipv4.", 9) == 0)
        return true;
    for (size_t i = 0; i < sizeof zh_ascii_allowed / sizeof zh_ascii_allowed[0]; i++) {
        if (strlen(zh_ascii_allowed[i]) == n && strncmp(word, zh_ascii_allowed[i], n) == 0)
            return true;
    }
    return false;
}

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '+' || c == '_';
}

static void test_chinese_has_no_english(void)
{
    for (unsigned id = 0; id < TT_MSG_COUNT; id++) {
        const char *zh = tt_msg_text(TT_LANG_ZH, (tt_msg)id);
        for (const char *p = zh; *p;) {
            if (*p == '%' && p[1] != '\0') {
                p += 2;
                continue;
            }
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
                p++;
                continue;
            }
            const char *start = p;
            while (word_char(*p))
                p++;
            size_t n = (size_t)(p - start);
            while (n > 1 && strchr(".-+", start[n - 1]) != NULL)
                n--;
            bool ok = zh_ascii_ok(start, n);
            if (!ok)
                fprintf(stderr, "message %u: English \"%.*s\" in Chinese: %s\n", id, (int)n, start,
                        zh);
            CHECK(ok);
        }
    }
}

/* English says "1 byte" and "byte 7", which a format's "%u bytes" and
 * "bytes %u..%u" cannot; other numbers, and Chinese, are left as they are. */
static void test_byte_agreement(void)
{
    char buf[256];
    tt_sb b;
    static const unsigned counts[] = {0, 1, 2, 11, 21, 100};
    static const char *const said[] = {"0 bytes",  "1 byte",   "2 bytes",
                                       "11 bytes", "21 bytes", "100 bytes"};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        tt_sb_init(&b, buf, sizeof buf);
        tt_sb_msg(&b, TT_LANG_EN, TT_M_HT_BYTES, counts[i]);
        CHECK_STR(buf, said[i]);
        CHECK(b.len == strlen(buf));
    }
    /* A message after other text in the buffer: agreed as if alone. */
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_raw(&b, "%s", "x");
    tt_sb_msg(&b, TT_LANG_EN, TT_M_HT_BYTES, 1u);
    CHECK_STR(buf, "x1 byte");
    /* mptcp-fclose.pcap frame 6: one byte, relative 1. */
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_raw(&b, "%s", "[Summary: ");
    tt_sb_msg(&b, TT_LANG_EN, TT_M_SUM_DATA, 1u, "the client", 1u, 1u, 1u, 2u);
    CHECK_STR(buf, "[Summary: Data chunk #1 from the client: byte 1 (1 byte); the next chunk "
                   "starts at 2.");
    CHECK(b.len == strlen(buf));
    /* A range of more than one byte, and ranges that only look alike. */
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_msg(&b, TT_LANG_EN, TT_M_SUM_DATA_AGAIN, 2u, "the server", 11u, 12u, 2u);
    CHECK_STR(buf, "Data chunk #2 from the server: bytes 11..12 (2 bytes).");
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_msg(&b, TT_LANG_EN, TT_M_SUM_DATA_AGAIN, 3u, "the server", 1u, 11u, 11u);
    CHECK_STR(buf, "Data chunk #3 from the server: bytes 1..11 (11 bytes).");
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_msg(&b, TT_LANG_EN, TT_M_SUM_DATA_AGAIN, 4u, "the server", 4294967295u, 4294967295u, 1u);
    CHECK_STR(buf, "Data chunk #4 from the server: byte 4294967295 (1 byte).");
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_msg(&b, TT_LANG_ZH, TT_M_SUM_DATA_AGAIN, 1u, "客户端", 1u, 1u, 1u);
    CHECK_STR(buf, "数据 #1（来自客户端）：字节 1..1（共 1 字节）。");
    /* A cookie of 8 bytes, not "a 8-byte cookie". */
    CHECK(strstr(tt_msg_text(TT_LANG_EN, TT_M_O_TFO_COOKIE), "a cookie of %u bytes") != NULL);
}

/* The agreement as first written, one character at a time: the reference
 * that tt_sb_en_agreement, which looks only where "bytes" occurs, must
 * match on any text. */
static bool ref_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool ref_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t ref_agreement(char *p, size_t len)
{
    if (strstr(p, "bytes") == NULL)
        return len;
    size_t r = 0, w = 0;
    while (r < len) {
        bool word_start = r == 0 || !ref_letter(p[r - 1]);
        if (word_start && strncmp(p + r, "bytes ", 6) == 0) {
            size_t a = r + 6, an = 0;
            while (ref_digit(p[a + an]))
                an++;
            size_t c = a + an + 2, cn = 0;
            if (an > 0 && p[a + an] == '.' && p[a + an + 1] == '.') {
                while (ref_digit(p[c + cn]))
                    cn++;
            }
            if (cn == an && an > 0 && memcmp(p + a, p + c, an) == 0 && c + cn < len &&
                p[c + cn] != '.') {
                memmove(p + w, "byte ", 5);
                memmove(p + w + 5, p + a, an);
                w += 5 + an;
                r = c + cn;
                continue;
            }
        }
        if (p[r] == '1' && (r == 0 || p[r - 1] == ' ' || p[r - 1] == '(') &&
            strncmp(p + r + 1, " bytes", 6) == 0 && !ref_letter(p[r + 7])) {
            memmove(p + w, "1 byte", 6);
            w += 6;
            r += 7;
            continue;
        }
        p[w++] = p[r++];
    }
    p[w] = '\0';
    return w;
}

/* Texts made of the pieces the agreement looks at, in every order the
 * generator gives (a fixed seed: the same texts on every run). */
static void test_byte_agreement_like_reference(void)
{
    static const char *const pieces[] = {"1",  " ",  "(",       "bytes",      "byte",
                                         "..", "7",  "11",      ".",          "a",
                                         "x",  "21", "1 bytes", "bytes 7..7", "bytes 1..11"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    uint32_t seed = 12345u;
    unsigned changed = 0;
    for (int round = 0; round < 20000; round++) {
        char text[256] = "", ours[256], ref[256];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int count = 1 + (int)((seed >> 16) % 12u);
        for (int i = 0; i < count; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % n_pieces];
            size_t k = strlen(piece);
            if (len + k >= sizeof text)
                break;
            memcpy(text + len, piece, k + 1);
            len += k;
        }
        /* after a prefix that is not looked at (a letter, "1 ", none) */
        static const char *const before[] = {"", "x", "1 "};
        const char *prefix = before[round % 3];
        size_t k = strlen(prefix);
        memcpy(ours, prefix, k);
        memcpy(ours + k, text, len + 1);
        memcpy(ref, text, len + 1);
        size_t n_ours = tt_sb_en_agreement(ours, k + len, k);
        size_t n_ref = ref_agreement(ref, len);
        if (strcmp(ours + k, ref) != 0 || n_ours != k + n_ref)
            fprintf(stderr, "agreement of \"%s\": \"%s\", reference \"%s\"\n", text, ours, ref);
        CHECK(strncmp(ours, prefix, k) == 0);
        CHECK_STR(ours + k, ref);
        CHECK(n_ours == k + n_ref && n_ours == strlen(ours));
        changed += n_ref != len;
    }
    CHECK(changed > 1000); /* the texts did exercise the rewriting */
}

/* The formatter's own conversions give exactly what printf gives: numbers
 * with one or no decimal (ties, values just below a tie, negatives, minus
 * zero, huge values), signed integers, characters, strings cut to a
 * precision. */
static void check_like_printf(const char *fmt, double v)
{
    char ours[512], theirs[512];
    tt_sb b;
    tt_sb_init(&b, ours, sizeof ours);
    tt_sb_raw(&b, fmt, v);
    snprintf(theirs, sizeof theirs, fmt, v);
    if (strcmp(ours, theirs) != 0)
        fprintf(stderr, "format %s of %.17g: \"%s\", printf \"%s\"\n", fmt, v, ours, theirs);
    CHECK_STR(ours, theirs);
}

static void test_formats_like_printf(void)
{
    static const double edges[] = {0.0,
                                   -0.0,
                                   0.05,
                                   0.15,
                                   0.25,
                                   0.35,
                                   0.45,
                                   0.5,
                                   1.5,
                                   2.5,
                                   -0.25,
                                   -0.04,
                                   -1.5,
                                   123.45,
                                   999999.95,
                                   1e14 + .5,
                                   1e15,
                                   1e300,
                                   0.94999999999999996,
                                   4503599627370495.5,
                                   12.25,
                                   7.75};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        check_like_printf("%.1f", edges[i]);
        check_like_printf("%.0f", edges[i]);
        check_like_printf("x=%.1f;", edges[i]);
    }
    /* Coordinates as the diagrams compute them: sums and products of
     * tenths, and a spread of random values. */
    uint64_t seed = 88172645463325252u;
    for (int i = 0; i < 200000; i++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        double v = (double)(seed % 20000000u) / 1000.0 - 10000.0;
        if (i % 3 == 0)
            v = (double)(seed % 100000u) * 0.1 + 0.05 * (double)(i % 7);
        char ours[64], theirs[64];
        tt_sb b;
        tt_sb_init(&b, ours, sizeof ours);
        tt_sb_raw(&b, "%.1f %.0f", v, v);
        snprintf(theirs, sizeof theirs, "%.1f %.0f", v, v);
        if (strcmp(ours, theirs) != 0) {
            CHECK_STR(ours, theirs);
            break;
        }
    }
    char out[64];
    tt_sb b;
    tt_sb_init(&b, out, sizeof out);
    tt_sb_raw(&b, "%d|%d|%d|%c|%.*s|%.*s|%%|%u", -2147483647 - 1, 0, 42, 'Q', 3, "abcdef", -1, "xy",
              7u);
    CHECK_STR(out, "-2147483648|0|42|Q|abc|xy|%|7");
}

int main(void)
{
    RUN(test_every_message_nonempty);
    RUN(test_same_conversions);
    RUN(test_utf8);
    RUN(test_no_placeholders);
    RUN(test_chinese_translated);
    RUN(test_chinese_style);
    RUN(test_terms);
    RUN(test_chinese_textbook_terms);
    RUN(test_chinese_has_no_english);
    RUN(test_out_of_range);
    RUN(test_byte_agreement);
    RUN(test_byte_agreement_like_reference);
    RUN(test_formats_like_printf);
    TT_TEST_MAIN_END();
}
