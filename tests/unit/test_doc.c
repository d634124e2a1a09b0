/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the documents wing without tshark: the walkthrough, ladder,
 * Markdown and stats writers on stream views made here from the state
 * machine's results for the scripted conversations of scenarios/, and the
 * catalogue of documents. */
#include "tt_test.h"
#include "scenario.h"
#include "tt_conv_fixture.h"
#include "tt_text.h"

#include "doc.h"
#include "table.h"

static const tt_alloc alloc = {.alloc = tt_fx_alloc};
static const uint8_t client_addr[4] = {127, 0, 0, 1}, server_addr[4] = {127, 0, 0, 2};

/* Adds scenarios/NAME.txt to the set as stream `stream`: its segments are
 * frames first_frame, first_frame + 1 ..., one millisecond apart. */
static void add_scenario(tt_doc_set *set, const char *name, uint32_t stream, uint32_t first_frame)
{
    tt_scenario sc;
    if (!tt_scn_load(&sc, name))
        return;
    tt_conv *c = calloc(1, tt_conv_size());
    tt_conv_init(c, stream);
    char client[32], server[32];
    snprintf(client, sizeof client, "127.0.0.1:%u", (unsigned)sc.cport);
    snprintf(server, sizeof server, "127.0.0.2:%u", (unsigned)sc.sport);
    tt_doc_stream *s = tt_doc_set_add_stream(set, stream, first_frame, client, server, NULL);
    CHECK(s != NULL);
    for (size_t i = 0; s != NULL && i < sc.n; i++) {
        const tt_scn_seg *g = &sc.seg[i];
        tt_doc_seg seg;
        memset(&seg, 0, sizeof seg);
        unsigned hlen =
            tt_fx_header(seg.hdr, g->client ? sc.cport : sc.sport, g->client ? sc.sport : sc.cport,
                         g->seq, g->ack, g->flags, g->window, g->wscale, 1024, 0);
        seg.hdr_len = (uint8_t)hlen;
        seg.frame = first_frame + (uint32_t)i;
        seg.t_us = 1000u * i;
        tt_header h;
        tt_header_parse(&h, seg.hdr, hlen);
        tt_segment in = {.frame = seg.frame,
                         .src = g->client ? client_addr : server_addr,
                         .dst = g->client ? server_addr : client_addr,
                         .addr_len = 4,
                         .payload_len = g->len,
                         .analysis = g->analysis,
                         .analysis_on = sc.analysis_on};
        tt_conv_feed(c, &alloc, &h, &in, &seg.r);
        tt_scn_check(&sc, i, &seg.r);
        tt_doc_stream_add(set, s, &seg, &h);
    }
    free(c);
}

static char *write_doc(const tt_doc_set *set, tt_doc_kind kind, tt_lang lang, bool absolute)
{
    tt_text t = {NULL, 0, 0};
    const tt_out o = {tt_text_write, &t};
    const tt_doc_style style = {lang, absolute, 0};
    tt_doc_write(set, kind, &style, &o);
    return t.p != NULL ? t.p : calloc(1, 1);
}

static unsigned count_of(const char *hay, const char *needle)
{
    unsigned n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Line `number` (from 1) of a text, copied into buf. */
static const char *line_of(const char *s, unsigned number, char *buf, size_t n)
{
    for (unsigned i = 1; i < number && s != NULL; i++) {
        s = strchr(s, '\n');
        s = s != NULL ? s + 1 : NULL;
    }
    buf[0] = '\0';
    if (s != NULL) {
        const char *nl = strchr(s, '\n');
        size_t len = nl != NULL ? (size_t)(nl - s) : strlen(s);
        snprintf(buf, n, "%.*s", (int)(len < n ? len : n - 1), s);
    }
    return buf;
}

/* The walkthrough of one stream: its head, a paragraph per segment in
 * order, the closing summary; no index. */
static void test_walkthrough(void)
{
    tt_doc_set set;
    tt_doc_set_init(&set, false);
    add_scenario(&set, "java-hello", 0, 1);
    char *doc = write_doc(&set, TT_DOC_WALKTHROUGH, TT_LANG_EN, false);
    char line[512];
    CHECK_STR(line_of(doc, 2, line, sizeof line), "TCP walkthrough: stream 0");
    CHECK_STR(line_of(doc, 3, line, sizeof line),
              "Client: 127.0.0.1:51618 (it sent the first SYN). Server: 127.0.0.2:55672.");
    CHECK(strncmp(doc, "=====", 5) == 0);
    CHECK(strstr(doc, "Streams in this document") == NULL);
    const char *at = doc;
    for (unsigned i = 1; i <= 11; i++) {
        char head[64];
        snprintf(head, sizeof head, "\nSegment %u (frame %u, 0.%06u s, ", i, i, (i - 1) * 1000);
        const char *p = strstr(at, head);
        CHECK(p != NULL);
        at = p != NULL ? p : at;
    }
    CHECK_EQ_U(count_of(doc, "\nSegment "), 11);
    CHECK_HAS(doc, "Summary: ");
    /* segment 4: bytes 1..19 of the client, and its raw numbers */
    CHECK_HAS(doc, "Data chunk #1 from the client: bytes 1..19 (19 bytes)");
    CHECK_HAS(doc, "Raw numbers: seq 397127575..397127593, ack 2346914955.");
    free(doc);
    doc = write_doc(&set, TT_DOC_WALKTHROUGH, TT_LANG_ZH, false);
    CHECK_STR(line_of(doc, 2, line, sizeof line), "TCP 逐段讲解：流 0");
    CHECK(utf8_valid(doc));
    free(doc);
    tt_doc_set_clear(&set);
    tt_fx_free_all();
}

/* Two streams: an index first, whose "line N" is the line of the stream's
 * title in the same document. */
static void test_walkthrough_index(void)
{
    tt_doc_set set;
    tt_doc_set_init(&set, false);
    add_scenario(&set, "java-hello", 3, 1);
    add_scenario(&set, "half-close", 5, 20);
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        char *doc = write_doc(&set, TT_DOC_WALKTHROUGH, (tt_lang)lang, false);
        char line[512], title[64];
        for (unsigned k = 0; k < 2; k++) {
            unsigned stream = k == 0 ? 3 : 5;
            const char *ix = line_of(doc, 2 + k, line, sizeof line);
            const char *mark = lang == TT_LANG_EN ? "; line " : "；第 ";
            const char *p = strstr(ix, mark);
            CHECK(p != NULL);
            unsigned number = p != NULL ? (unsigned)strtoul(p + strlen(mark), NULL, 10) : 0;
            snprintf(title, sizeof title,
                     lang == TT_LANG_EN ? "TCP walkthrough: stream %u" : "TCP 逐段讲解：流 %u",
                     stream);
            CHECK_STR(line_of(doc, number, line, sizeof line), title);
        }
        free(doc);
    }
    tt_doc_set_clear(&set);
    tt_fx_free_all();
}

/* Markdown: the segment table's headings are the handout's (table.h), a
 * row of 11 cells per segment; with two streams an index of links to
 * anchors. */
static void test_markdown(void)
{
    tt_doc_set set;
    tt_doc_set_init(&set, false);
    add_scenario(&set, "java-hello", 0, 1);
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        char *doc = write_doc(&set, TT_DOC_MARKDOWN, (tt_lang)lang, false);
        char head[512] = "|";
        for (size_t c = 0; c < TT_TABLE_COLS; c++) {
            size_t len = strlen(head);
            snprintf(head + len, sizeof head - len, " %s |",
                     tt_msg_text((tt_lang)lang, tt_table_cols[c].head));
        }
        CHECK_HAS(doc, head);
        CHECK_HAS(doc, "\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        /* the rows: a line starting "| N |" for every segment, 12 bars each */
        unsigned rows = 0;
        for (const char *p = doc; (p = strstr(p, "\n| ")) != NULL; p++) {
            const char *end = strchr(p + 1, '\n');
            unsigned bars = 0;
            for (const char *q = p + 1; q < end; q++)
                bars += *q == '|' && q[-1] != '\\';
            if (p[3] >= '0' && p[3] <= '9') {
                rows++;
                CHECK_EQ_U(bars, 12);
            }
        }
        CHECK_EQ_U(rows, 11);
        CHECK(strstr(doc, "<a id=") == NULL);
        free(doc);
    }
    char *doc = write_doc(&set, TT_DOC_MARKDOWN, TT_LANG_EN, false);
    CHECK_HAS(doc, "| 4 | 4 | 0.003000 | client -> server | [P.] | seq 1:20 ack 1 |");
    CHECK_HAS(doc, "| handshake-3 (3) | SYN-SENT -> ESTABLISHED | SYN-RECEIVED -> ESTABLISHED |");
    free(doc);
    add_scenario(&set, "half-close", 9, 20);
    doc = write_doc(&set, TT_DOC_MARKDOWN, TT_LANG_EN, false);
    CHECK_HAS(doc, "| [Stream 0](#stream-0) | 127.0.0.1:51618 -> 127.0.0.2:55672 |");
    CHECK_HAS(doc, "<a id=\"stream-0\"></a>\n\n## TCP walkthrough: stream 0\n");
    CHECK_HAS(doc, "<a id=\"stream-9\"></a>\n\n## TCP walkthrough: stream 9\n");
    free(doc);
    tt_doc_set_clear(&set);
    tt_fx_free_all();
}

/* The style's numbers: relative by default, as on the wire when absolute,
 * in every document written from the same set (nothing is remembered
 * between two writes). */
static void test_absolute(void)
{
    tt_doc_set set;
    tt_doc_set_init(&set, false);
    add_scenario(&set, "java-hello", 0, 1);
    char *rel = write_doc(&set, TT_DOC_MARKDOWN, TT_LANG_EN, false);
    char *abs = write_doc(&set, TT_DOC_MARKDOWN, TT_LANG_EN, true);
    char *again = write_doc(&set, TT_DOC_MARKDOWN, TT_LANG_EN, false);
    CHECK_HAS(rel, "| seq 1:20 ack 1 |");
    CHECK_HAS(rel, "Sequence and acknowledgment numbers are relative");
    CHECK_HAS(abs, "| seq 397127575:397127594 ack 2346914955 |");
    CHECK_HAS(abs, "Sequence and acknowledgment numbers are absolute");
    CHECK(strstr(abs, "seq 1:20") == NULL);
    CHECK_STR(again, rel);
    free(rel);
    free(abs);
    free(again);
    char *ladder = write_doc(&set, TT_DOC_LADDER, TT_LANG_EN, true);
    CHECK_HAS(ladder, "seq 397127575:397127594 ack 2346914955");
    free(ladder);
    tt_doc_set_clear(&set);
    tt_fx_free_all();
}

/* The ladder: two head lines, then per segment its arrow line (frame
 * first) and its detail line; no line wider than the ladder. */
static void test_ladder(void)
{
    tt_doc_set set;
    tt_doc_set_init(&set, false);
    add_scenario(&set, "java-hello", 0, 1);
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        char *doc = write_doc(&set, TT_DOC_LADDER, (tt_lang)lang, false);
        CHECK(utf8_valid(doc));
        unsigned frame = 0, lines = 0;
        char line[1024];
        for (const char *p = doc; *p != '\0'; lines++) {
            const char *nl = strchr(p, '\n');
            size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
            snprintf(line, sizeof line, "%.*s", (int)len, p);
            CHECK(tt_display_width(line) <= TT_LADDER_WIDTH);
            unsigned f = 0;
            if (line[0] == ' ' && sscanf(line, "%5u", &f) == 1 && f == frame + 1) {
                frame = f;
                /* the detail line under it: the time first */
                char detail[64], next[1024];
                snprintf(detail, sizeof detail, "|   0.%06u ", (f - 1) * 1000);
                CHECK_HAS(line_of(p, 2, next, sizeof next), detail);
            }
            p += len + (nl != NULL);
        }
        /* rule, title, note, blank, two head lines, 2 a segment, blank */
        CHECK(lines >= 6 + 2 * 11 + 1);
        CHECK_EQ_U(frame, 11);
        free(doc);
    }
    tt_doc_set_clear(&set);
    tt_fx_free_all();
}

/* The role counts: the scenario's roles counted by hand (java-hello: three
 * handshake steps, two data, two ACKs, four teardown steps), per stream and
 * in total; a set that keeps counts only writes the same table. */
static void test_stats(void)
{
    tt_doc_set set, counts;
    tt_doc_set_init(&set, false);
    tt_doc_set_init(&counts, true);
    add_scenario(&set, "java-hello", 0, 1);
    add_scenario(&counts, "java-hello", 0, 1);
    char *doc = write_doc(&set, TT_DOC_STATS, TT_LANG_EN, false);
    CHECK_HAS(doc, "\nRole                      Stream 0     Total\n");
    CHECK_HAS(doc, "\nhandshake-1                      1         1\n");
    CHECK_HAS(doc, "\ndata                             2         2\n");
    CHECK_HAS(doc, "\nack                              2         2\n");
    CHECK_HAS(doc, "\nteardown-4                       1         1\n");
    CHECK_HAS(doc, "\nconnections attempted            1         1\n");
    CHECK_HAS(doc, "\nconnections established          1         1\n");
    CHECK(strstr(doc, "retransmitted") == NULL);
    char *same = write_doc(&counts, TT_DOC_STATS, TT_LANG_EN, false);
    CHECK_STR(same, doc);
    CHECK_EQ_U(counts.streams[0]->n, 0); /* no segment kept */
    free(doc);
    free(same);
    /* a second stream: its own column, and the total adds both */
    add_scenario(&set, "java-hello", 4, 20);
    doc = write_doc(&set, TT_DOC_STATS, TT_LANG_EN, false);
    CHECK_HAS(doc, "\nRole                      Stream 0  Stream 4     Total\n");
    CHECK_HAS(doc, "\ndata                             2         2         4\n");
    free(doc);
    tt_doc_set_clear(&set);
    tt_doc_set_clear(&counts);
    tt_fx_free_all();
}

/* Nothing matched: one line, whatever the document; the handout stays a
 * page. A header in no stream is listed after the streams. */
static void test_empty_and_outside(void)
{
    tt_doc_set set;
    tt_doc_set_init(&set, false);
    for (int k = 0; k < TT_DOC_KIND_COUNT; k++) {
        char *doc = write_doc(&set, (tt_doc_kind)k, TT_LANG_EN, false);
        if (k == TT_DOC_HTML)
            CHECK(strstr(doc, "<html") != NULL && strstr(doc, "No TCP segment matched.") != NULL);
        else
            CHECK_STR(doc, "No TCP segment matched.\n");
        free(doc);
    }
    tt_doc_seg seg;
    memset(&seg, 0, sizeof seg);
    seg.hdr_len = (uint8_t)tt_fx_header(seg.hdr, 40000, 80, 1000, 0, TT_SYN, 8192, -1, 0, 0);
    seg.frame = 7;
    seg.r.role = TT_ROLE_HANDSHAKE_1;
    tt_header h;
    tt_doc_seg_header(&seg, &h);
    tt_doc_set_add_outside(&set, &seg, &h, NULL);
    char *doc = write_doc(&set, TT_DOC_WALKTHROUGH, TT_LANG_EN, false);
    CHECK_HAS(doc, "TCP headers that are not segments of any stream");
    CHECK_HAS(doc, "\n  Frame 7: ");
    free(doc);
    doc = write_doc(&set, TT_DOC_STATS, TT_LANG_EN, false);
    CHECK_HAS(doc, "\nhandshake-1                      1\n"); /* in the total only */
    free(doc);
    tt_doc_set_clear(&set);
}

/* The catalogue: every document once, with its -z name, title and file. */
static void test_catalogue(void)
{
    static const char *const cli[] = {"walkthrough", "markdown", "ladder", "stats", "html", "quiz"};
    CHECK_EQ_U(TT_DOC_KIND_COUNT, 6);
    unsigned menu = 0;
    for (int k = 0; k < TT_DOC_KIND_COUNT; k++) {
        const tt_doc_info *d = tt_doc_info_of((tt_doc_kind)k);
        CHECK(d != NULL && d->kind == (tt_doc_kind)k);
        if (d == NULL)
            continue;
        CHECK_STR(d->cli, cli[k]);
        CHECK(strncmp(d->file, "tcpteach-", 9) == 0);
        CHECK(d->title < TT_MSG_COUNT);
        menu += d->menu_path != TT_MSG_COUNT;
        for (int j = 0; j < k; j++)
            CHECK(strcmp(tt_doc_info_of((tt_doc_kind)j)->file, d->file) != 0);
    }
    CHECK_EQ_U(menu, 5); /* every document but the role counts */
    CHECK(tt_doc_info_of(TT_DOC_KIND_COUNT) == NULL);
}

int main(void)
{
    RUN(test_walkthrough);
    RUN(test_walkthrough_index);
    RUN(test_markdown);
    RUN(test_absolute);
    RUN(test_ladder);
    RUN(test_stats);
    RUN(test_empty_and_outside);
    RUN(test_catalogue);
    TT_TEST_MAIN_END();
}
