/* Unit tests of the message catalogue (lang.c, messages.def). */
#include "lang.h"

#include "tt_test.h"

#include <stdbool.h>

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
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_HS), "三次握手");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_TD), "连接释放");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_PIGGY), "捎带确认");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_LBL_SIMCLOSE_STEP), "同时关闭");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_SUM_TD23), "三报文段释放");
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_R_CONN_CLOSE), "四次挥手");
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
    CHECK_HAS(tt_msg_text(TT_LANG_ZH, TT_M_AN_FAST_RETRANS), "快速重传");
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

int main(void)
{
    RUN(test_every_message_nonempty);
    RUN(test_same_conversions);
    RUN(test_utf8);
    RUN(test_no_placeholders);
    RUN(test_chinese_translated);
    RUN(test_chinese_style);
    RUN(test_terms);
    RUN(test_out_of_range);
    TT_TEST_MAIN_END();
}
