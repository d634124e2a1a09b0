/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the quiz worksheet: real conversations (crafted headers fed
 * through the state machine), rendered in both languages and with several
 * seeds. Every answer is checked against a value the test computes itself
 * from the headers it built. */
#include "explain.h"
#include "quiz.h"
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
    int wscale;        /* -1: no option; >= 0: window scale option (in a SYN) */
    uint32_t analysis; /* TT_AN_* */
    int malformed;     /* 1: data offset 3 (an impossible header) */
} step;

#define MAX_SEGS 64

/* One stream, built: the header bytes stay here since headers borrow them. */
typedef struct built {
    uint8_t bytes[MAX_SEGS][60];
    tt_header h[MAX_SEGS];
    tt_result r[MAX_SEGS];
    tt_walk_seg segs[MAX_SEGS];
    tt_walk_stream w;
    tt_walk_view v;
    const step *steps;
    size_t n;
} built;

static const tt_alloc alloc = {.alloc = tt_fx_alloc};

static unsigned build_header(uint8_t *b, uint16_t sp, uint16_t dp, const step *st)
{
    return tt_fx_header(b, sp, dp, st->seq, st->ack, st->flags, st->window, st->wscale, 65495,
                        st->malformed ? 3 : 0);
}

static const uint8_t client_addr[4] = {192, 0, 2, 1};
static const uint8_t server_addr[4] = {192, 0, 2, 2};

static void build(built *x, const step *steps, size_t n, uint32_t stream)
{
    memset(x, 0, sizeof *x);
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, stream);
    tt_walk_init(&x->w, stream);
    for (size_t i = 0; i < n && i < MAX_SEGS; i++) {
        const step *st = &steps[i];
        bool cli = st->who == C;
        unsigned hlen = build_header(x->bytes[i], cli ? 40000 : 8000, cli ? 8000 : 40000, st);
        tt_header_parse(&x->h[i], x->bytes[i], hlen);
        tt_segment s = {.frame = (uint32_t)i + 3,
                        .src = cli ? client_addr : server_addr,
                        .dst = cli ? server_addr : client_addr,
                        .addr_len = 4,
                        .payload_len = st->len,
                        .analysis = st->analysis,
                        .analysis_on = true};
        tt_conv_feed(c, &alloc, &x->h[i], &s, &x->r[i]);
        tt_walk_add(&x->w, &x->r[i]);
        x->segs[i] = (tt_walk_seg){.r = &x->r[i], .h = &x->h[i], .frame = (uint32_t)i + 3};
    }
    free(c);
    x->steps = steps;
    x->n = n;
    x->v = (tt_walk_view){&x->w, "192.0.2.1:40000", "192.0.2.2:8000", x->segs, n, false};
}

/* The textbook exchange: ISNs 1000 and 8000, no window scaling. */
static const step textbook[] = {
    {C, S_, 1000, 0, 0, 8192, -1, 0, 0},          {S, S_ | A_, 8000, 1001, 0, 8192, -1, 0, 0},
    {C, A_, 1001, 8001, 0, 8192, -1, 0, 0},       {C, A_ | P_, 1001, 8001, 20, 8192, -1, 0, 0},
    {S, A_ | P_, 8001, 1021, 10, 8192, -1, 0, 0}, {C, A_, 1021, 8011, 0, 8192, -1, 0, 0},
    {C, F_ | A_, 1021, 8011, 0, 8192, -1, 0, 0},  {S, A_, 8011, 1022, 0, 8192, -1, 0, 0},
    {S, F_ | A_, 8011, 1022, 0, 8192, -1, 0, 0},  {C, A_, 1022, 8012, 0, 8192, -1, 0, 0},
};

/* A longer exchange with window scaling (client shift 7, server shift 5), a
 * retransmission, a malformed header and a three-segment close. */
static const step scaled[] = {
    {C, S_, 4294967000u, 0, 0, 65535, 7, 0, 0},
    {S, S_ | A_, 300000, 4294967001u, 0, 65160, 5, 0, 0},
    {C, A_, 4294967001u, 300001, 0, 512, -1, 0, 0},
    {C, A_ | P_, 4294967001u, 300001, 100, 512, -1, 0, 0},
    {S, A_, 300001, 4294967101u, 0, 2040, -1, 0, 0},
    {S, A_ | P_, 300001, 4294967101u, 300, 2040, -1, 0, 0},
    {C, A_, 4294967101u, 300301, 0, 510, -1, 0, 0},
    {C, A_ | P_, 4294967101u, 300301, 200, 510, -1, 0, 0},
    {C, A_ | P_, 4294967101u, 300301, 200, 510, -1, TT_AN_RETRANSMISSION, 0},
    {S, A_, 300301, 5, 0, 2000, -1, 0, 0},
    {S, A_, 300301, 5, 0, 2000, -1, 0, 1},
    {S, A_ | P_, 300301, 5, 1000, 2000, -1, 0, 0},
    {C, A_, 5, 301301, 0, 400, -1, 0, 0},
    {C, A_ | P_, 5, 301301, 50, 400, -1, 0, 0},
    {S, A_, 301301, 55, 0, 1990, -1, 0, 0},
    {S, A_ | P_, 301301, 55, 10, 1990, -1, 0, 0},
    {C, A_ | P_, 55, 301311, 70, 400, -1, 0, 0},
    {S, A_ | P_, 301311, 125, 20, 1980, -1, 0, 0},
    {C, A_, 125, 301331, 0, 0, -1, 0, 0},
    {C, A_, 125, 301331, 0, 300, -1, TT_AN_WINDOW_UPDATE, 0},
    {S, A_ | P_, 301331, 125, 40, 1980, -1, 0, 0},
    {C, F_ | A_, 125, 301371, 0, 300, -1, 0, 0},
    {S, F_ | A_, 301371, 126, 0, 1980, -1, 0, 0},
    {C, A_, 126, 301372, 0, 300, -1, 0, 0},
};

/* No window scaling, and a receiver whose buffer fills up. */
static const step zerowin[] = {
    {C, S_, 1000, 0, 0, 8192, -1, 0, 0},           {S, S_ | A_, 8000, 1001, 0, 8192, -1, 0, 0},
    {C, A_, 1001, 8001, 0, 8192, -1, 0, 0},        {C, A_ | P_, 1001, 8001, 500, 8192, -1, 0, 0},
    {S, A_, 8001, 1501, 0, 0, -1, 0, 0},           {S, A_, 8001, 1501, 0, 4000, -1, 0, 0},
    {C, A_ | P_, 1501, 8001, 500, 8192, -1, 0, 0}, {S, A_, 8001, 2001, 0, 4000, -1, 0, 0},
};

/* Data seen out of order: bytes 501..1000 arrive after 1001..1500. */
static const step reordered[] = {
    {C, S_, 0, 0, 0, 8192, -1, 0, 0},
    {S, S_ | A_, 0, 1, 0, 8192, -1, 0, 0},
    {C, A_, 1, 1, 0, 8192, -1, 0, 0},
    {C, A_, 1, 1, 500, 8192, -1, 0, 0},
    {S, A_, 1, 501, 0, 8192, -1, 0, 0},
    {C, A_ | P_, 1001, 1, 500, 8192, -1, 0, 0},
    {S, A_, 1, 501, 0, 8192, -1, TT_AN_DUP_ACK, 0},
    {C, A_, 501, 1, 500, 8192, -1, TT_AN_OUT_OF_ORDER, 0},
    {S, A_, 1, 1501, 0, 8192, -1, 0, 0},
    {C, A_ | P_, 1501, 1, 100, 8192, -1, 0, 0},
};

/* The client's FIN also completes the handshake. */
static const step fin_hs[] = {
    {C, S_, 1000, 0, 0, 8192, -1, 0, 0},         {S, S_ | A_, 8000, 1001, 0, 8192, -1, 0, 0},
    {C, F_ | A_, 1001, 8001, 0, 8192, -1, 0, 0}, {S, F_ | A_, 8001, 1002, 0, 8192, -1, 0, 0},
    {C, A_, 1002, 8002, 0, 8192, -1, 0, 0},
};

/* The capture starts in the middle: no SYN, the scale is unknown. */
static const step midstream[] = {
    {C, A_ | P_, 5000, 9000, 30, 500, -1, 0, 0}, {S, A_, 9000, 5030, 0, 500, -1, 0, 0},
    {S, A_ | P_, 9000, 5030, 15, 500, -1, 0, 0}, {C, A_, 5030, 9015, 0, 500, -1, 0, 0},
    {C, F_ | A_, 5030, 9015, 0, 500, -1, 0, 0},  {S, A_, 9015, 5031, 0, 500, -1, 0, 0},
};

/* The capture starts in the middle, and the server acknowledges bytes the
 * client sent before it began (segments 2 and 3), then the client's first
 * data seen (segment 5). */
static const step acks_unseen[] = {
    {C, A_, 5000, 9000, 0, 500, -1, 0, 0}, {S, A_, 9000, 4000, 0, 500, -1, 0, 0},
    {S, A_, 9000, 5000, 0, 500, -1, 0, 0}, {C, A_ | P_, 5000, 9000, 100, 500, -1, 0, 0},
    {S, A_, 9000, 5100, 0, 500, -1, 0, 0},
};

static const step only_malformed[] = {{C, A_, 1, 1, 0, 100, -1, 0, 1}};

#define BUILD(x, steps, stream) build(x, steps, sizeof steps / sizeof steps[0], stream)

/* ---- rendering into a string ---------------------------------------------------- */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void text_write(void *ctx, const char *s, size_t len)
{
    text *t = (text *)ctx;
    if (t->len + len + 1 > t->cap) {
        t->cap = (t->len + len + 1) * 2;
        t->p = realloc(t->p, t->cap);
        if (t->p == NULL)
            abort();
    }
    memcpy(t->p + t->len, s, len);
    t->len += len;
    t->p[t->len] = '\0';
}

static char *render(const built *x, tt_lang lang, uint32_t seed, bool html)
{
    text t = {NULL, 0, 0};
    tt_out o = {text_write, &t};
    text_write(&t, "", 0);
    if (html)
        tt_quiz_html(&o, &x->v, lang, seed);
    else
        tt_quiz_markdown(&o, &x->v, lang, seed);
    return t.p;
}

/* ---- values the test computes itself ------------------------------------------------ */

static bool absolute_numbers;

static uint32_t isn_of(const built *x, int who)
{
    for (size_t i = 0; i < x->n; i++) {
        if (x->steps[i].who == who && (x->steps[i].flags & S_))
            return x->steps[i].seq;
    }
    /* no SYN: the first number seen for the side counts as 1 */
    for (size_t i = 0; i < x->n; i++) {
        if (x->steps[i].who == who)
            return x->steps[i].seq - 1;
        if (x->steps[i].flags & A_)
            return x->steps[i].ack - 1;
    }
    return 0;
}

static uint32_t shown(const built *x, int who, uint32_t n)
{
    if (absolute_numbers)
        return n;
    return n - isn_of(x, who);
}

static uint32_t expected_ack(const built *x, size_t i)
{
    return shown(x, 1 - x->steps[i].who, x->steps[i].ack);
}

static uint32_t expected_next(const built *x, size_t i)
{
    const step *st = &x->steps[i];
    uint32_t n = st->seq + st->len + ((st->flags & S_) ? 1u : 0u) + ((st->flags & F_) ? 1u : 0u);
    return shown(x, st->who, n);
}

/* The window in bytes: the field shifted by the sender's own shift, when
 * both SYNs carried the option. */
static uint64_t expected_window(const built *x, size_t i)
{
    int mine = -1, theirs = -1;
    for (size_t k = 0; k < x->n; k++) {
        if (!(x->steps[k].flags & S_))
            continue;
        if (x->steps[k].who == x->steps[i].who)
            mine = x->steps[k].wscale;
        else
            theirs = x->steps[k].wscale;
    }
    if (mine < 0 || theirs < 0) /* not both: no scaling, only a zero window is asked */
        CHECK_EQ_U(x->steps[i].window, 0);
    return (uint64_t)x->steps[i].window << (mine > 0 && theirs >= 0 ? mine : 0);
}

/* ---- reading the worksheet back ---------------------------------------------------- */

/* The line of `doc` that starts at `p`, copied. */
static void line_at(const char *p, char *out, size_t n)
{
    size_t k = 0;
    while (p[k] && p[k] != '\n' && k + 1 < n) {
        out[k] = p[k];
        k++;
    }
    out[k] = '\0';
}

/* Where the paragraph "**Qn.** ..." starts after `from`. */
static const char *paragraph(const char *from, unsigned q)
{
    char tag[16];
    snprintf(tag, sizeof tag, "**Q%u.** ", q);
    const char *p = strstr(from, tag);
    return p ? p + strlen(tag) : NULL;
}

/* A ladder line without its segment number, its blank numbered "(Q)". */
static void normalise(const char *line, char *out)
{
    while (*line == ' ' || (*line >= '0' && *line <= '9'))
        line++;
    size_t k = 0;
    for (; *line && k + 1 < 1024; line++) {
        out[k++] = *line;
        if (*line == 'Q' && k >= 2 && out[k - 2] == '(')
            while (line[1] >= '0' && line[1] <= '9')
                line++;
    }
    out[k] = '\0';
}

/* The ladder line of segment `seg` (1-based) in the code block at `fence`,
 * copied into `out` ("" when there is none). */
static void ladder_line(const char *fence, const char *end, unsigned seg, char *out, size_t n)
{
    out[0] = '\0';
    for (const char *p = strchr(fence, '\n'); p != NULL && p < end; p = strchr(p, '\n')) {
        p++;
        char *after;
        unsigned long got = strtoul(p, &after, 10);
        if (after != p && *after == ' ' && got == seg) {
            line_at(p, out, n);
            return;
        }
    }
}

/* Whether the state column of a ladder line (the client's or the server's)
 * holds a blank. */
static bool state_blank(const char *line, bool client)
{
    const char *gap = strstr(line, "(Q");
    if (gap == NULL)
        return false;
    if (client)
        return gap < strchr(line, '|');
    return strrchr(line, '|') < gap;
}

/* Counts the blanks "(Qn)____" in the code block and checks each is on the
 * ladder line of the segment that its question names. */
static unsigned check_markdown(const built *x, const char *doc, tt_lang lang)
{
    const char *fence = strstr(doc, "```text\n");
    if (fence == NULL) {
        CHECK(strstr(doc, tt_msg_text(lang, TT_M_Q_NONE)) != NULL);
        return 0;
    }
    const char *end = strstr(fence + 8, "```\n");
    CHECK(end != NULL);
    if (end == NULL)
        return 0;
    /* every ladder line fits in the ladder's width, and no two read the
     * same (their segment numbers and blanks' numbers aside) */
    static char seen[MAX_SEGS + 2][1024];
    unsigned lines = 0;
    for (const char *p = fence + 8; p < end;) {
        char line[1024];
        line_at(p, line, sizeof line);
        CHECK(tt_display_width(line) <= TT_LADDER_WIDTH);
        CHECK(utf8_valid(line));
        p += strlen(line) + 1;
        if (lines >= MAX_SEGS + 2)
            continue;
        normalise(line, seen[lines]);
        for (unsigned k = 0; k < lines; k++) {
            CHECK(strcmp(seen[k], seen[lines]) != 0);
        }
        lines++;
    }
    const char *questions = strstr(end, "### ");
    const char *key = questions ? strstr(questions + 4, "### ") : NULL;
    CHECK(questions != NULL && key != NULL);
    if (questions == NULL || key == NULL)
        return 0;
    unsigned count = 0;
    for (unsigned q = 1; q <= 20; q++) {
        char gap[16];
        snprintf(gap, sizeof gap, "(Q%u)____", q);
        const char *at = strstr(fence, gap);
        bool in_ladder = at != NULL && at < end;
        const char *ask = paragraph(questions, q), *ans = paragraph(key, q);
        if (!in_ladder) {
            /* no blank: no question and no answer either */
            CHECK(ask == NULL || ask > key);
            CHECK(ans == NULL);
            break;
        }
        count++;
        CHECK(strstr(at + 1, gap) == NULL || strstr(at + 1, gap) > end); /* one blank each */
        CHECK(ask != NULL && ask < key);
        CHECK(ans != NULL);
        if (ask == NULL || ans == NULL)
            break;
        char question[1024], answer[8192];
        line_at(ask, question, sizeof question);
        line_at(ans, answer, sizeof answer);
        /* the ladder line of the blank */
        const char *bol = at;
        while (bol > fence && bol[-1] != '\n')
            bol--;
        unsigned seg = (unsigned)strtoul(bol, NULL, 10);
        CHECK(seg >= 1 && seg <= x->n);
        if (seg < 1 || seg > x->n)
            break;
        size_t i = seg - 1;
        const tt_result *r = &x->r[i];
        char want[256], num[64];
        unsigned named = 0;
        const char *digits = strpbrk(question, "0123456789");
        if (digits)
            named = (unsigned)strtoul(digits, NULL, 10);
        CHECK_EQ_U(named, seg); /* the question names the blank's segment */
        size_t col = (size_t)(at - bol);
        if (lang == TT_LANG_EN && strstr(question, "state?")) {
            bool client = strstr(question, "the client's") != NULL;
            uint8_t after = client ? r->client_after : r->server_after;
            CHECK(after != (client ? r->client_before : r->server_before));
            snprintf(want, sizeof want, "Answer: %s.", tt_state_name((tt_state)after));
            CHECK_HAS(answer, want);
            CHECK_HAS(answer, "RFC 9293");
            if (client)
                CHECK(col < 19); /* in the client's column */
            else
                CHECK(strchr(at, '|') == NULL || strchr(at, '|') > strchr(at, '\n'));
            CHECK(!(r->notes & TT_NOTE_INFERRED));
            /* the state before it is written above, not hidden by a blank */
            for (size_t j = i; j-- > 0;) {
                uint8_t b = client ? x->r[j].client_before : x->r[j].server_before;
                uint8_t a = client ? x->r[j].client_after : x->r[j].server_after;
                if (a != b) {
                    char above[1024];
                    ladder_line(fence, end, (unsigned)j + 1, above, sizeof above);
                    CHECK(!state_blank(above, client));
                    break;
                }
            }
        } else if (lang == TT_LANG_EN && strstr(question, "acknowledgment number does")) {
            CHECK(x->steps[i].flags & A_);
            snprintf(want, sizeof want, "Answer: %" PRIu32 ".", expected_ack(x, i));
            CHECK_HAS(answer, want);
            snprintf(want, sizeof want, "ack (Q%u)____", q);
            CHECK_HAS(bol, want);
            /* a line of the peer above ends at it and shows where, and no
             * later one of the peer above it ends further */
            bool source = false;
            for (size_t j = 0; j < i; j++) {
                if (x->steps[j].who == x->steps[i].who || x->r[j].role == TT_ROLE_MALFORMED)
                    continue;
                bool carries = x->steps[j].len > 0 || (x->steps[j].flags & (S_ | F_));
                if (!carries)
                    continue;
                CHECK((int32_t)(expected_next(x, j) - expected_ack(x, i)) <= 0);
                if (expected_next(x, j) == expected_ack(x, i)) {
                    char above[1024];
                    ladder_line(fence, end, (unsigned)j + 1, above, sizeof above);
                    source = source ||
                             (strstr(above, "next (Q") == NULL && strstr(above, " = (Q") == NULL);
                }
            }
            CHECK(source);
        } else if (lang == TT_LANG_EN && strstr(question, "use next?")) {
            CHECK(!(r->notes & TT_NOTE_RETRANSMISSION));
            snprintf(want, sizeof want, "Answer: %" PRIu32 ".", expected_next(x, i));
            CHECK_HAS(answer, want);
            /* no later line shows the answer, as an acknowledgment number
             * or as the start of the sender's next segment */
            for (size_t j = i + 1; j < x->n && j < MAX_SEGS; j++) {
                char below[1024], ack[32], seq[32];
                ladder_line(fence, end, (unsigned)j + 1, below, sizeof below);
                snprintf(ack, sizeof ack, "ack %" PRIu32, expected_next(x, i));
                snprintf(seq, sizeof seq, "seq %" PRIu32, expected_next(x, i));
                /* the peer's acknowledgment numbers, the sender's own
                 * sequence numbers */
                const char *word = x->r[j].dir == r->dir ? seq : ack;
                for (const char *t = below; (t = strstr(t, word)) != NULL; t++)
                    CHECK(t[strlen(word)] >= '0' && t[strlen(word)] <= '9');
            }
        } else if (lang == TT_LANG_EN && strstr(question, "window field")) {
            snprintf(num, sizeof num, "window field %u.", (unsigned)x->steps[i].window);
            CHECK_HAS(question, num);
            snprintf(want, sizeof want, "Answer: %" PRIu64 " bytes.", expected_window(x, i));
            CHECK_HAS(answer, want);
            /* a scaled window: both SYN lines show their options */
            for (size_t k = 0; k < i && x->steps[i].window != 0; k++) {
                if (!(x->steps[k].flags & S_))
                    continue;
                char syn[1024], option[32];
                ladder_line(fence, end, (unsigned)k + 1, syn, sizeof syn);
                snprintf(option, sizeof option, " wscale %d ", x->steps[k].wscale);
                CHECK_HAS(syn, option);
            }
        } else if (lang == TT_LANG_EN) {
            CHECK_HAS(question, "What is the role of segment");
            char label[128];
            tt_walk_role_label(r, lang, label, sizeof label);
            snprintf(want, sizeof want, "Answer: %s.", label);
            CHECK_HAS(answer, want);
            snprintf(want, sizeof want, "[(Q%u)____]", q);
            CHECK_HAS(bol, want);
        } else {
            CHECK_HAS(answer, "答案：");
        }
        /* the answer is never a malformed or quoted segment's */
        CHECK(r->role != TT_ROLE_MALFORMED && r->role != TT_ROLE_ICMP_QUOTED);
    }
    CHECK(count <= 10);
    return count;
}

/* Ladder lines with a number written "?" (it would give a "next" answer
 * away). */
static unsigned masked_lines(const char *doc)
{
    const char *fence = strstr(doc, "```text\n");
    const char *end = fence ? strstr(fence + 8, "```\n") : NULL;
    unsigned n = 0;
    for (const char *p = fence; p != NULL && p < end;) {
        const char *eol = strchr(p, '\n');
        const char *a = strstr(p, "seq ?"), *b = strstr(p, "ack ?");
        n += (a != NULL && a < eol) || (b != NULL && b < eol);
        p = eol ? eol + 1 : NULL;
    }
    return n;
}

/* Which kinds a worksheet asks (English): bits state, ack, next, window, role. */
static unsigned kinds_asked(const char *doc)
{
    const char *q = strstr(doc, "### Questions");
    const char *k = q ? strstr(q + 4, "### ") : NULL;
    if (q == NULL || k == NULL)
        return 0;
    unsigned kinds = 0;
    static const char *const marks[] = {"state?", "acknowledgment number does", "use next?",
                                        "window field", "role of segment"};
    for (unsigned m = 0; m < 5; m++) {
        const char *at = strstr(q, marks[m]);
        if (at != NULL && at < k)
            kinds |= 1u << m;
    }
    return kinds;
}

/* A well-formed fragment: tags balanced, attributes quoted, text escaped. */
static bool well_formed(const char *doc)
{
    char stack[32][16];
    int depth = 0;
    for (const char *p = doc; *p; p++) {
        if (*p == '&') {
            if (strncmp(p, "&amp;", 5) && strncmp(p, "&lt;", 4) && strncmp(p, "&gt;", 4) &&
                strncmp(p, "&quot;", 6) && strncmp(p, "&#39;", 5))
                return false;
            continue;
        }
        if (*p == '>')
            return false;
        if (*p != '<')
            continue;
        const char *close = strchr(p, '>');
        if (close == NULL)
            return false;
        bool end = p[1] == '/';
        const char *name = p + 1 + end;
        size_t len = strcspn(name, " >");
        if (len == 0 || len >= 16)
            return false;
        /* every attribute value is quoted */
        for (const char *a = name + len; a < close; a++) {
            if (*a == '=' && a[1] != '"')
                return false;
            if (*a == '<')
                return false;
        }
        if (end) {
            if (depth == 0 || strlen(stack[depth - 1]) != len ||
                strncmp(stack[depth - 1], name, len) != 0)
                return false;
            depth--;
        } else {
            if (depth == 32)
                return false;
            memcpy(stack[depth], name, len);
            stack[depth++][len] = '\0';
        }
        p = close;
    }
    return depth == 0;
}

/* ---- the tests ------------------------------------------------------------------------ */

static void test_deterministic(void)
{
    static built x;
    BUILD(&x, scaled, 4);
    for (int html = 0; html < 2; html++) {
        for (uint32_t seed = 0; seed < 3; seed++) {
            char *a = render(&x, TT_LANG_EN, seed, html);
            char *b = render(&x, TT_LANG_EN, seed, html);
            CHECK_STR(a, b);
            free(a);
            free(b);
        }
    }
    tt_fx_free_all();
}

static void test_seed_changes_selection(void)
{
    static built x;
    BUILD(&x, scaled, 4);
    char *first = render(&x, TT_LANG_EN, 0, false);
    unsigned different = 0;
    for (uint32_t seed = 1; seed < 10; seed++) {
        char *other = render(&x, TT_LANG_EN, seed, false);
        different += strcmp(first, other) != 0;
        free(other);
    }
    CHECK(different >= 5);
    free(first);
    tt_fx_free_all();
}

static void test_answers(void)
{
    static built x;
    const struct {
        const step *steps;
        size_t n;
        unsigned kinds;    /* the kinds the stream allows */
        unsigned spare;    /* segments that may go without a question */
        unsigned optional; /* kinds another pick may leave no room for */
    } cases[] = {
        {textbook, sizeof textbook / sizeof textbook[0], 0x17, 0, 0},
        {scaled, sizeof scaled / sizeof scaled[0], 0x1f, 0, 0},
        /* the server's first ACK (segment 2) allows only its acknowledgment
         * number, which needs the end of segment 1: not when segment 1's
         * next sequence number is asked */
        {midstream, sizeof midstream / sizeof midstream[0], 0x16, 1, 0x02},
        {zerowin, sizeof zerowin / sizeof zerowin[0], 0x1f, 0, 0},
    };
    for (int abs = 0; abs < 2; abs++) {
        absolute_numbers = abs;
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            build(&x, cases[c].steps, cases[c].n, (uint32_t)c);
            /* the numbers as on the wire: the view and its headers say so */
            x.v.absolute = abs;
            for (size_t i = 0; i < x.n; i++)
                x.h[i].absolute = abs;
            for (uint32_t seed = 0; seed < 12; seed++) {
                for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
                    char *doc = render(&x, (tt_lang)lang, seed, false);
                    unsigned count = check_markdown(&x, doc, (tt_lang)lang);
                    /* every segment here allows one */
                    CHECK(count <= (x.n < 10 ? x.n : 10));
                    /* a line whose number gives a "next" answer away has
                     * it written "?" and no question */
                    CHECK(count + cases[c].spare + masked_lines(doc) >= (x.n < 10 ? x.n : 10));
                    if (lang == TT_LANG_EN)
                        CHECK_EQ_U(kinds_asked(doc) | cases[c].optional,
                                   cases[c].kinds | cases[c].optional);
                    free(doc);
                }
            }
            tt_fx_free_all();
        }
    }
    absolute_numbers = false;
}

/* The same questions in both languages: the blanks sit in the same places. */
static void test_languages_agree(void)
{
    static built x;
    BUILD(&x, scaled, 4);
    for (uint32_t seed = 0; seed < 5; seed++) {
        char *en = render(&x, TT_LANG_EN, seed, false);
        char *zh = render(&x, TT_LANG_ZH, seed, false);
        CHECK_HAS(zh, "## 测验：流 4");
        CHECK_HAS(zh, "### 问题");
        CHECK_HAS(zh, "### 参考答案");
        CHECK(utf8_valid(zh));
        for (unsigned q = 1; q <= 10; q++) {
            char gap[16];
            snprintf(gap, sizeof gap, "(Q%u)____", q);
            const char *a = strstr(en, gap), *b = strstr(zh, gap);
            CHECK((a == NULL) == (b == NULL));
            if (a && b) {
                while (a > en && a[-1] != '\n')
                    a--;
                while (b > zh && b[-1] != '\n')
                    b--;
                CHECK_EQ_U(strtoul(a, NULL, 10), strtoul(b, NULL, 10));
            }
        }
        free(en);
        free(zh);
    }
    tt_fx_free_all();
}

/* Segments without a question look as on the ladder output (the SYNs add
 * their window scale option, which window questions need). */
static void test_ladder_reused(void)
{
    static built x;
    BUILD(&x, textbook, 0);
    char *doc = render(&x, TT_LANG_EN, 0, false);
    for (size_t i = 0; i < x.n; i++) {
        char line[1024];
        tt_ladder_line(&x.r[i], &x.h[i], x.r[i].index, TT_LANG_EN, line, sizeof line);
        char gap[8];
        snprintf(gap, sizeof gap, "%5u ", (unsigned)(i + 1));
        const char *at = strstr(doc, gap);
        CHECK(at != NULL);
        if (at == NULL)
            continue;
        char got[1024];
        line_at(at, got, sizeof got);
        if (strstr(got, "____") == NULL && strstr(got, " ?") == NULL)
            CHECK_STR(got, line);
    }
    free(doc);
    tt_fx_free_all();
}

static void test_html(void)
{
    static built x;
    BUILD(&x, scaled, 4);
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        for (uint32_t seed = 0; seed < 6; seed++) {
            char *doc = render(&x, (tt_lang)lang, seed, true);
            CHECK(well_formed(doc));
            CHECK(strncmp(doc, "<section class=\"quiz\">", 22) == 0);
            CHECK_HAS(doc, "<pre class=\"quiz-ladder\">");
            CHECK_HAS(doc, "<ol class=\"quiz-questions\"");
            CHECK(utf8_valid(doc));
            /* the questions without their answers, then the key in one
             * folded <details>, one answer per question */
            const char *mark = tt_msg_text((tt_lang)lang, TT_M_Q_ANSWER_IS);
            char prefix[32];
            snprintf(prefix, sizeof prefix, "%.*s", (int)(strstr(mark, "%s") - mark), mark);
            const char *questions = strstr(doc, "<ol class=\"quiz-questions\"");
            const char *key = strstr(doc, "<details class=\"quiz-key\"><summary>");
            CHECK(questions != NULL && key != NULL && key > questions);
            if (questions == NULL || key == NULL)
                continue;
            CHECK(strstr(key + 1, "<details") == NULL);
            CHECK(strstr(doc, "</details>\n</section>\n") != NULL);
            unsigned answers = 0, items = 0;
            for (const char *p = strstr(questions, "<li>"); p && p < key; p = strstr(p + 1, "<li>"))
                items++;
            for (const char *p = strstr(doc, prefix); p; p = strstr(p + 1, prefix)) {
                CHECK(p > key);
                answers++;
            }
            CHECK(items > 0);
            CHECK_EQ_U(answers, items);
            free(doc);
        }
    }
    tt_fx_free_all();
}

/* Nothing to ask: a stream of one malformed header. */
static void test_nothing_to_ask(void)
{
    static built x;
    BUILD(&x, only_malformed, 9);
    CHECK_EQ_U(x.r[0].role, TT_ROLE_MALFORMED);
    char *doc = render(&x, TT_LANG_EN, 0, false);
    CHECK_HAS(doc, "## Quiz: stream 9");
    CHECK_HAS(doc, tt_msg_text(TT_LANG_EN, TT_M_Q_NONE));
    CHECK(strstr(doc, "____") == NULL);
    free(doc);
    doc = render(&x, TT_LANG_ZH, 0, true);
    CHECK(well_formed(doc));
    CHECK_HAS(doc, tt_msg_text(TT_LANG_ZH, TT_M_Q_NONE));
    free(doc);
    tt_fx_free_all();
}

/* What must never be asked. */
static void test_skips(void)
{
    static built x;
    BUILD(&x, midstream, 1);
    for (uint32_t seed = 0; seed < 20; seed++) {
        char *doc = render(&x, TT_LANG_EN, seed, false);
        CHECK(strstr(doc, "state?") == NULL);                   /* states only inferred */
        CHECK(strstr(doc, "carries the window field") == NULL); /* scale unknown */
        free(doc);
    }
    /* nothing about bytes sent before the capture began: not their
     * acknowledgment numbers, nor the roles of the ACKs of them */
    BUILD(&x, acks_unseen, 1);
    unsigned asked_ack = 0;
    for (uint32_t seed = 0; seed < 40; seed++) {
        char *doc = render(&x, TT_LANG_EN, seed, false);
        for (unsigned seg = 1; seg <= 3; seg++) {
            char ask[80];
            snprintf(ask, sizeof ask, "What acknowledgment number does segment %u carry?", seg);
            CHECK(strstr(doc, ask) == NULL);
            snprintf(ask, sizeof ask, "What is the role of segment %u in", seg);
            CHECK(seg == 1 || strstr(doc, ask) == NULL);
        }
        asked_ack += strstr(doc, "What acknowledgment number does segment 5 carry?") != NULL;
        free(doc);
    }
    CHECK(asked_ack > 0);
    /* the next sequence number only where the sender's numbers run on */
    BUILD(&x, reordered, 6);
    unsigned asked_next = 0;
    for (uint32_t seed = 0; seed < 40; seed++) {
        char *doc = render(&x, TT_LANG_EN, seed, false);
        CHECK(strstr(doc, "After segment 6, which sequence number") == NULL);
        CHECK(strstr(doc, "After segment 8, which sequence number") == NULL);
        asked_next += strstr(doc, "After segment 10, which sequence number") != NULL;
        free(doc);
    }
    CHECK(asked_next > 0);
    BUILD(&x, scaled, 2);
    CHECK(x.r[8].notes & TT_NOTE_RETRANSMISSION);
    CHECK_EQ_U(x.r[10].role, TT_ROLE_MALFORMED);
    for (uint32_t seed = 0; seed < 40; seed++) {
        char *doc = render(&x, TT_LANG_EN, seed, false);
        CHECK(strstr(doc, "After segment 9, which sequence number") == NULL);
        CHECK(strstr(doc, "segment 11 ") == NULL && strstr(doc, "segment 11,") == NULL &&
              strstr(doc, "segment 11?") == NULL);
        CHECK(strstr(doc, "window field") == NULL || strstr(doc, "Segment 1,") == NULL);
        free(doc);
    }
    tt_fx_free_all();
}

/* A long stream: the worksheet covers its first TT_QUIZ_MAX_SEGMENTS
 * segments (as the handout's diagram) and says so; the questions spread
 * over them, and every kind they allow is asked. */
static void test_long_stream(void)
{
    enum { N = 4000 };
    step *steps = calloc(N, sizeof *steps);
    built *x = calloc(1, sizeof *x);
    tt_header *h = calloc(N, sizeof *h);
    tt_result *r = calloc(N, sizeof *r);
    tt_walk_seg *segs = calloc(N, sizeof *segs);
    uint8_t(*bytes)[60] = calloc(N, sizeof *bytes);
    if (!steps || !x || !h || !r || !segs || !bytes)
        abort();
    steps[0] = (step){C, S_, 100, 0, 0, 65535, 7, 0, 0};
    steps[1] = (step){S, S_ | A_, 900, 101, 0, 65535, 7, 0, 0};
    uint32_t cseq = 101, sseq = 901;
    for (size_t i = 2; i < N; i += 2) {
        steps[i] = (step){C, A_ | P_, cseq, sseq, 100, 501, -1, 0, 0};
        cseq += 100;
        steps[i + 1] = (step){S, A_, sseq, cseq, 0, 600, -1, 0, 0};
    }
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, 12);
    tt_walk_init(&x->w, 12);
    for (size_t i = 0; i < N; i++) {
        bool cli = steps[i].who == C;
        unsigned hlen = build_header(bytes[i], cli ? 40000 : 8000, cli ? 8000 : 40000, &steps[i]);
        tt_header_parse(&h[i], bytes[i], hlen);
        tt_segment sg = {.frame = (uint32_t)i + 1, .payload_len = steps[i].len};
        tt_conv_feed(c, &alloc, &h[i], &sg, &r[i]);
        tt_walk_add(&x->w, &r[i]);
        segs[i] = (tt_walk_seg){.r = &r[i], .h = &h[i], .frame = (uint32_t)i + 1};
    }
    free(c);
    x->v = (tt_walk_view){&x->w, "192.0.2.1:40000", "192.0.2.2:8000", segs, N, false};
    for (uint32_t seed = 0; seed < 3; seed++) {
        char *doc = render(x, TT_LANG_EN, seed, false);
        bool tenth[10] = {false};
        unsigned count = 0;
        const char *end = strstr(doc, "### ");
        char note[256];
        snprintf(note, sizeof note, tt_msg_text(TT_LANG_EN, TT_M_Q_CAPPED), (unsigned)N,
                 (unsigned)TT_QUIZ_MAX_SEGMENTS);
        CHECK_HAS(doc, note);
        /* the ladder: two heading lines and one line per segment shown */
        const char *fence = strstr(doc, "```text\n");
        char line[1024];
        CHECK(fence != NULL && fence < end);
        if (fence == NULL || end == NULL) {
            free(doc);
            continue;
        }
        ladder_line(fence, end, TT_QUIZ_MAX_SEGMENTS, line, sizeof line);
        CHECK(line[0] != '\0');
        ladder_line(fence, end, TT_QUIZ_MAX_SEGMENTS + 1, line, sizeof line);
        CHECK(line[0] == '\0');
        for (const char *p = strstr(fence, ")____"); p && p < end; p = strstr(p + 1, ")____")) {
            const char *bol = p;
            while (bol > doc && bol[-1] != '\n')
                bol--;
            unsigned long seg = strtoul(bol, NULL, 10);
            CHECK(seg >= 1 && seg <= TT_QUIZ_MAX_SEGMENTS);
            if (seg >= 1 && seg <= TT_QUIZ_MAX_SEGMENTS) {
                tenth[(seg - 1) * 10 / TT_QUIZ_MAX_SEGMENTS] = true;
                count++;
            }
        }
        CHECK_EQ_U(count, 10);
        for (unsigned t = 0; t < 10; t++)
            CHECK(tenth[t]);
        CHECK_EQ_U(kinds_asked(doc), 0x1f);
        free(doc);
    }
    tt_fx_free_all();
    free(steps);
    free(x);
    free(h);
    free(r);
    free(segs);
    free(bytes);
}

/* Results and headers that no capture gives (as a fuzzer would make them)
 * still give a bounded, well-formed worksheet. */
static void test_hostile(void)
{
    enum { N = 40 };
    static tt_result r[N];
    static tt_header h[N];
    static uint8_t bytes[N][60];
    static tt_walk_seg segs[N];
    tt_walk_stream w;
    uint64_t state = 12345;
    for (int round = 0; round < 200; round++) {
        tt_walk_init(&w, (uint32_t)round);
        for (size_t i = 0; i < N; i++) {
            for (size_t k = 0; k < 60; k++) {
                state = state * 6364136223846793005u + 1442695040888963407u;
                bytes[i][k] = (uint8_t)(state >> 56);
            }
            tt_header_parse(&h[i], bytes[i], (uint32_t)(bytes[i][59] % 61));
            memcpy(&r[i], bytes[i] + 3, sizeof r[i] < 50 ? sizeof r[i] : 50);
            r[i].index = (uint32_t)i + 1;
            tt_walk_add(&w, &r[i]);
            segs[i] = (tt_walk_seg){.r = &r[i], .h = &h[i], .frame = (uint32_t)i + 1};
        }
        tt_walk_view v = {&w, "a", "b", segs, N, false};
        built holder;
        memset(&holder.v, 0, sizeof holder.v);
        holder.v = v;
        for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
            char *doc = render(&holder, (tt_lang)lang, (uint32_t)round, false);
            CHECK(utf8_valid(doc));
            const char *fence = strstr(doc, "```text\n");
            const char *end = fence ? strstr(fence + 8, "```\n") : NULL;
            for (const char *p = fence ? fence + 8 : NULL; p && p < end;) {
                char line[1024];
                line_at(p, line, sizeof line);
                CHECK(tt_display_width(line) <= TT_LADDER_WIDTH);
                p += strlen(line) + 1;
            }
            free(doc);
            doc = render(&holder, (tt_lang)lang, (uint32_t)round, true);
            CHECK(well_formed(doc));
            free(doc);
        }
    }
}

/* Two edges on one segment, each with its section: the server's FIN+ACK
 * answers the client's FIN (rcv FIN / snd ACK) and closes its own side
 * (CLOSE / snd FIN). The client moves to FIN-WAIT-2 when it arrives (the
 * ACK before the FIN, RFC 9293 section 3.10.7.4) and to TIME-WAIT only
 * with its own ACK of that FIN. */
static void test_two_edges(void)
{
    static built x;
    BUILD(&x, fin_hs, 3);
    CHECK_STR(tt_state_name((tt_state)x.r[3].client_before), "FIN-WAIT-1");
    CHECK_STR(tt_state_name((tt_state)x.r[3].client_after), "FIN-WAIT-2");
    CHECK_STR(tt_state_name((tt_state)x.r[3].server_after), "LAST-ACK");
    CHECK_STR(tt_state_name((tt_state)x.r[4].client_after), "TIME-WAIT");
    unsigned seen = 0;
    for (uint32_t seed = 0; seed < 60; seed++) {
        char *doc = render(&x, TT_LANG_EN, seed, false);
        const char *a = strstr(doc, "Before segment 4 (");
        if (a != NULL && strstr(a, "the server was") != NULL) {
            char line[2048];
            line_at(a, line, sizeof line);
            if (strstr(line, "the server was ESTABLISHED") != NULL) {
                CHECK_HAS(line, "ESTABLISHED --[rcv FIN / snd ACK]--> CLOSE-WAIT (section 3.6), "
                                "then --[CLOSE / snd FIN]--> LAST-ACK (section 3.6).");
                seen++;
            }
        }
        free(doc);
    }
    CHECK(seen > 0);
    tt_fx_free_all();
}

int main(void)
{
    RUN(test_deterministic);
    RUN(test_seed_changes_selection);
    RUN(test_answers);
    RUN(test_languages_agree);
    RUN(test_ladder_reused);
    RUN(test_html);
    RUN(test_nothing_to_ask);
    RUN(test_skips);
    RUN(test_two_edges);
    RUN(test_long_stream);
    RUN(test_hostile);
    TT_TEST_MAIN_END();
}
