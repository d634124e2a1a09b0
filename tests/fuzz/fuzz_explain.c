/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the explanations (explain.h).
 *
 * The input gives a TCP header (raw bytes of any captured length, parsed by
 * tt_header_parse, then optionally with its parsed fields overwritten by
 * garbage: explain.c promises sane text for any content), a tt_result taken
 * byte for byte from the input (roles, states, steps, window scale out of
 * range included), endpoint strings and buffer sizes. Every tt_explain_*
 * function is called in English, in Chinese and with an out-of-range
 * language (which must read as English), and every line checked:
 * non-empty, well-formed UTF-8, no printf leftovers, a depth that follows the
 * previous line, and bytes within the captured header. Buffers of every size
 * must hold a prefix of the full text, cut at a character boundary; the full
 * text must fit the buffers the Wireshark glue uses.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "conversation.h"
#include "explain.h"
#include "fuzz_util.h"
#include "header.h"
#include "lang.h"
#include "pieces.h"

#define MAX_CAPLEN 80
#define MAX_LINES 1024
#define TCP_MAX_HEADER 60

/* The buffers of the Wireshark glue: Info label, summary, problem
 * (dissect.c), walkthrough texts (walkthrough.c), Flow Graph label and
 * numbers (gui.c). */
#define GLUE_LABEL 128
#define GLUE_SUMMARY TT_SUMMARY_MAX
#define GLUE_PROBLEM 256
#define GLUE_WALK TT_PARAGRAPH_MAX
#define GLUE_FLOW_LABEL 256
#define GLUE_NUMBERS 64

typedef struct line_rec {
    int depth, offset, length;
    uint32_t hash;
} line_rec;

typedef struct collector {
    const tt_header *h; /* NULL: no header bytes (the conversation section) */
    bool garbled;       /* h's parsed fields were overwritten */
    int n, prev_depth;
    line_rec lines[MAX_LINES];
} collector;

static uint32_t fnv1a(const char *s)
{
    uint32_t x = 2166136261u;
    for (; *s; s++)
        x = (x ^ (unsigned char)*s) * 16777619u;
    return x;
}

/* Text that reaches the user: never empty, UTF-8, fully formatted. */
static void check_text(const char *text, const char *what)
{
    FZ_CHECK(text != NULL, "%s: NULL text", what);
    FZ_CHECK(utf8_valid(text), "%s: invalid UTF-8: %s", what, text);
    FZ_CHECK(strchr(text, '%') == NULL, "%s: printf leftover: %s", what, text);
    FZ_CHECK(strstr(text, "(null)") == NULL, "%s: NULL string argument: %s", what, text);
}

static void on_line(void *vctx, int depth, int offset, int length, const char *text)
{
    collector *c = (collector *)vctx;
    check_text(text, "line");
    FZ_CHECK(text[0] != '\0', "empty line");
    FZ_CHECK(strlen(text) < 1024, "line of %zu bytes", strlen(text));
    FZ_CHECK(depth >= 0 && depth <= 3, "depth %d: %s", depth, text);
    FZ_CHECK(depth <= c->prev_depth + 1, "depth %d after %d: %s", depth, c->prev_depth, text);
    if (offset < 0) {
        FZ_CHECK(length == 0, "generated line with length %d: %s", length, text);
    } else {
        /* A parsed header explains at most its 60 bytes; garbled fields may
         * point anywhere in what was captured, but not beyond. */
        FZ_CHECK(c->h != NULL, "conversation line points at bytes: %s", text);
        unsigned limit = c->h->caplen;
        if (!c->garbled && limit > TCP_MAX_HEADER)
            limit = TCP_MAX_HEADER;
        FZ_CHECK(length > 0 && (unsigned)offset + (unsigned)length <= limit,
                 "bytes %d+%d outside the %u captured header bytes: %s", offset, length, limit,
                 text);
    }
    FZ_CHECK(c->n < MAX_LINES, "more than %d lines", MAX_LINES);
    c->lines[c->n++] = (line_rec){depth, offset, length, fnv1a(text)};
    c->prev_depth = depth;
}

typedef enum { SEC_CONVERSATION, SEC_HEADER, SEC_RELIABILITY } section;

typedef struct call {
    const tt_header *h;
    bool garbled;
    const tt_result *r;
    const char *client, *server;
    const tt_walk_stream *w; /* the walkthrough's summary of the stream */
    uint32_t frame;
    const char *when;
} call;

static void run_section(const call *k, section sec, tt_lang lang, collector *c)
{
    memset(c, 0, sizeof *c);
    c->h = sec == SEC_CONVERSATION ? NULL : k->h;
    c->garbled = k->garbled;
    c->prev_depth = -1;
    tt_emitter e = {on_line, c};
    switch (sec) {
    case SEC_CONVERSATION:
        tt_explain_conversation(k->r, k->client, k->server, lang, &e);
        break;
    case SEC_HEADER:
        tt_explain_header(k->h, k->r, lang, &e);
        break;
    case SEC_RELIABILITY:
        tt_explain_reliability(k->h, k->r, lang, &e);
        break;
    }
}

static collector col_en, col_zh, col_other;

/* Each section: at least one line when it has something to explain, the
 * same shape in both languages, and English for an unknown language. */
static void check_sections(const call *k, tt_lang other)
{
    for (int sec = SEC_CONVERSATION; sec <= SEC_RELIABILITY; sec++) {
        run_section(k, (section)sec, TT_LANG_EN, &col_en);
        run_section(k, (section)sec, TT_LANG_ZH, &col_zh);
        run_section(k, (section)sec, other, &col_other);
        bool has_input = k->r != NULL && (sec != SEC_HEADER || k->h != NULL);
        FZ_CHECK(!has_input || col_en.n > 0, "section %d explains nothing", sec);
        FZ_CHECK(col_en.n == col_zh.n, "section %d: %d English lines, %d Chinese", sec, col_en.n,
                 col_zh.n);
        FZ_CHECK(col_other.n == col_en.n, "section %d: language %d differs from English", sec,
                 (int)other);
        for (int i = 0; i < col_en.n; i++) {
            const line_rec *a = &col_en.lines[i], *b = &col_zh.lines[i], *o = &col_other.lines[i];
            FZ_CHECK(a->depth == b->depth && a->offset == b->offset && a->length == b->length,
                     "section %d line %d: English and Chinese point at different bytes", sec, i);
            FZ_CHECK(memcmp(a, o, sizeof *a) == 0, "section %d line %d: language %d not English",
                     sec, i, (int)other);
        }
    }
}

/* A string function of explain.h, called with a buffer of n bytes. */
typedef size_t (*text_fn)(const call *k, tt_lang lang, char *buf, size_t n);

static size_t do_label(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_explain_label(k->r, lang, buf, n);
}

static size_t do_summary(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_explain_summary(k->r, k->h, lang, buf, n);
}

static size_t do_problem(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_explain_problem(k->h, lang, buf, n);
}

static size_t do_walk_title(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_walk_title(k->w, lang, buf, n);
}

static size_t do_walk_who(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_walk_who(k->w, k->client, k->server, lang, buf, n);
}

static size_t do_walk_paragraph(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_walk_paragraph(k->r, k->h, k->frame, k->when, lang, buf, n);
}

static size_t do_walk_closing(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_walk_closing(k->w, lang, buf, n);
}

static size_t do_walk_flags(const call *k, tt_lang lang, char *buf, size_t n)
{
    (void)lang;
    return tt_walk_flags(k->h != NULL ? k->h->flags : 0, buf, n);
}

static size_t do_flow_label(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_walk_flow_label(k->r, k->h, lang, buf, n);
}

static size_t do_walk_numbers(const call *k, tt_lang lang, char *buf, size_t n)
{
    (void)lang;
    return tt_walk_numbers(k->r, k->h, buf, n);
}

static size_t do_ladder_top(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_ladder_top(k->w, k->client, k->server, lang, buf, n);
}

static size_t do_ladder_line(const call *k, tt_lang lang, char *buf, size_t n)
{
    return tt_ladder_line(k->r, k->h, k->frame, lang, buf, n);
}

#define BIG 4096
static char full_text[BIG];

/* Full text (checked against the glue's buffer), then each of the sizes:
 * the result is a prefix of the full text, at most 3 bytes (one cut
 * character) shorter than the room, and nothing is written past n. */
static void check_text_fn(const call *k, text_fn fn, const char *what, size_t glue_size,
                          const size_t *sizes, int nsizes)
{
    for (int lang = TT_LANG_EN; lang < TT_LANG_COUNT; lang++) {
        size_t full = fn(k, (tt_lang)lang, full_text, BIG);
        FZ_CHECK(full == strlen(full_text), "%s: returned %zu for %zu bytes", what, full,
                 strlen(full_text));
        check_text(full_text, what);
        FZ_CHECK(full < glue_size, "%s (%s) needs %zu bytes, the glue gives %zu: %s", what,
                 lang == TT_LANG_EN ? "en" : "zh", full + 1, glue_size, full_text);
        for (int i = 0; i < nsizes; i++) {
            size_t n = sizes[i];
            char *buf = (char *)malloc(n + 1);
            if (buf == NULL)
                abort();
            memset(buf, 0x5a, n + 1);
            size_t got = fn(k, (tt_lang)lang, n > 0 ? buf : NULL, n);
            FZ_CHECK((unsigned char)buf[n] == 0x5a, "%s: wrote past %zu bytes", what, n);
            if (n == 0) {
                FZ_CHECK(got == 0, "%s: returned %zu for no buffer", what, got);
            } else {
                FZ_CHECK(got < n && got == strlen(buf), "%s: returned %zu, %zu bytes, room %zu",
                         what, got, strlen(buf), n);
                check_text(buf, what);
                FZ_CHECK(strncmp(buf, full_text, got) == 0,
                         "%s: cut to %zu bytes, \"%s\" is not a prefix of \"%s\"", what, n, buf,
                         full_text);
                size_t room = n - 1 < full ? n - 1 : full;
                FZ_CHECK(got + 3 >= room, "%s: %zu bytes kept of a room of %zu", what, got, room);
            }
            free(buf);
        }
        FZ_CHECK(fn(k, (tt_lang)lang, NULL, 64) == 0, "%s: wrote into a NULL buffer", what);
    }
}

/* Every line of a ladder diagram fits its width. */
static void check_ladder(const call *k, text_fn fn, const char *what)
{
    for (int lang = TT_LANG_EN; lang < TT_LANG_COUNT; lang++) {
        fn(k, (tt_lang)lang, full_text, BIG);
        for (char *line = full_text; line != NULL;) {
            char *end = strchr(line, '\n');
            if (end != NULL)
                *end = '\0';
            size_t width = tt_display_width(line);
            FZ_CHECK(width <= TT_LADDER_WIDTH, "%s (%s): a line %zu columns wide: %s", what,
                     lang == TT_LANG_EN ? "en" : "zh", width, line);
            line = end != NULL ? end + 1 : NULL;
        }
    }
}

static const char *const endpoints[] = {
    NULL,
    "",
    "127.0.0.1:38001",
    "[2001:db8::1]:443",
    "\xe5\xae\xa2\xe6\x88\xb7\xe7\xab\xaf:80", /* non-ASCII */
    "a-rather-long-host-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-"
    "on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-"
    "on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-"
    "on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-"
    "on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on:1",
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96"
    "\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6"
    "\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
    "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8"
    "\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4"
    "\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96"
    "\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6"
    "\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
    "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8"
    "\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4"
    "\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96"
    "\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6"
    "\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87:1",
};
#define N_ENDPOINTS (sizeof endpoints / sizeof endpoints[0])

/* Overwrites the parsed fields (not the bytes) with whatever the input says. */
static void garble_header(fz_in *in, tt_header *h)
{
    uint8_t which = fz_u8(in);
    if (which & 0x01u)
        h->doff = fz_u8(in);
    if (which & 0x02u)
        h->flags = fz_u16(in);
    if (which & 0x04u)
        h->problem = fz_u8(in);
    if (which & 0x08u) {
        h->sport = fz_u16(in);
        h->dport = fz_u16(in);
        h->seq = fz_u32(in);
        h->ack = fz_u32(in);
        h->window = fz_u16(in);
        h->checksum = fz_u16(in);
        h->urgent = fz_u16(in);
    }
    if (which & 0x10u) {
        unsigned n = fz_u8(in); /* may claim more than the array holds */
        h->n_options = (uint8_t)n;
        for (unsigned i = 0; i < n && i < TT_MAX_OPTIONS; i++) {
            tt_option *o = &h->options[i];
            o->kind = fz_u8(in);
            o->len = fz_u8(in);
            o->offset = fz_u8(in);
            o->status = fz_u8(in);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    uint8_t mode = fz_u8(&in);
    uint32_t caplen = fz_u8(&in) % (MAX_CAPLEN + 1u);
    uint8_t raw[MAX_CAPLEN];
    fz_bytes(&in, raw, caplen);
    tt_result r;
    fz_bytes(&in, (uint8_t *)&r, sizeof r);

    uint8_t *bytes = fz_exact_copy(raw, caplen);
    tt_header h;
    tt_header_parse(&h, bytes, caplen);
    FZ_CHECK(h.n_options <= TT_MAX_OPTIONS, "%u options", h.n_options);
    if (mode & 0x01u)
        garble_header(&in, &h);

    call k = {.h = &h, .garbled = (mode & 0x01u) != 0, .r = &r};
    k.client = endpoints[fz_u8(&in) % N_ENDPOINTS];
    k.server = endpoints[fz_u8(&in) % N_ENDPOINTS];
    static const tt_lang others[] = {TT_LANG_COUNT, (tt_lang)7, (tt_lang)255, (tt_lang)-1};
    tt_lang other = others[(mode >> 1) & 3u];
    size_t sizes[4] = {0, 1, 0, 0};
    sizes[2] = 2 + fz_u8(&in) % 64u;
    sizes[3] = 1 + fz_u16(&in) % 1100u;

    check_sections(&k, other);
    check_text_fn(&k, do_label, "label", GLUE_LABEL, sizes, 4);
    check_text_fn(&k, do_summary, "summary", GLUE_SUMMARY, sizes, 4);
    check_text_fn(&k, do_problem, "problem", GLUE_PROBLEM, sizes, 4);

    /* The walkthrough of a stream made of this segment, repeated. */
    tt_walk_stream w;
    tt_walk_init(&w, r.stream);
    for (unsigned i = 0, reps = 1u + ((mode >> 3) & 3u); i < reps; i++)
        tt_walk_add(&w, &r);
    k.w = &w;
    k.frame = fz_u32(&in);
    static const char *const times[] = {"0.000000", "12345.678901", "", "-1.999999"};
    k.when = times[(mode >> 5) & 3u];
    /* The glue always has endpoint strings for the walkthrough. */
    call walk = k;
    walk.client = endpoints[2 + fz_u8(&in) % (N_ENDPOINTS - 2)];
    walk.server = endpoints[2 + fz_u8(&in) % (N_ENDPOINTS - 2)];
    check_text_fn(&walk, do_walk_title, "walkthrough title", GLUE_WALK, sizes, 4);
    check_text_fn(&walk, do_walk_who, "walkthrough who", GLUE_WALK, sizes, 4);
    check_text_fn(&walk, do_walk_paragraph, "walkthrough paragraph", GLUE_WALK, sizes, 4);
    check_text_fn(&walk, do_walk_closing, "walkthrough closing", GLUE_WALK, sizes, 4);
    check_text_fn(&walk, do_walk_flags, "tcpdump flags", GLUE_WALK, sizes, 4);
    check_text_fn(&walk, do_flow_label, "flow label", GLUE_FLOW_LABEL, sizes, 4);
    check_text_fn(&walk, do_walk_numbers, "numbers", GLUE_NUMBERS, sizes, 4);
    check_text_fn(&walk, do_ladder_top, "ladder top", GLUE_WALK, sizes, 4);
    check_text_fn(&walk, do_ladder_line, "ladder line", GLUE_WALK, sizes, 4);
    check_ladder(&walk, do_ladder_top, "ladder top");
    check_ladder(&walk, do_ladder_line, "ladder line");

    /* The first character of a label is its bracket; a real header with a
     * problem says what it is. */
    tt_explain_label(&r, TT_LANG_EN, full_text, BIG);
    FZ_CHECK(full_text[0] == '[' && strchr(full_text, ']') != NULL, "label %s", full_text);
    if (!(mode & 0x01u)) {
        size_t n = tt_explain_problem(&h, TT_LANG_EN, full_text, BIG);
        FZ_CHECK((n > 0) == (h.problem != TT_HDR_OK), "problem %u explained as \"%s\"", h.problem,
                 full_text);
    }

    /* No header at all: summary and reliability notes still make sense. */
    call none = {NULL, false, &r, k.client, k.server, &w, k.frame, k.when};
    check_sections(&none, other);
    check_text_fn(&none, do_summary, "summary without header", GLUE_SUMMARY, sizes, 4);
    check_text_fn(&none, do_problem, "problem without header", GLUE_PROBLEM, sizes, 1);

    free(bytes);
    return 0;
}
