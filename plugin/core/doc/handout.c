/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the HTML handout (see handout.h).
 *
 * The sequence diagram is drawn in user units of an SVG viewBox 800 wide;
 * the page scales it to its width. It is drawn as textbooks draw one: every
 * arrow straight and with one slope, each segment leaving its sender where
 * it was sent and reaching its receiver where it arrived, in the order
 * these events happened on each line (estimated from the capture point);
 * the vertical axis keeps that order, not time to scale. Each label runs
 * along its arrow where no other arrow or label is. A tall diagram is cut
 * into several SVG panels, each with its heads, where nothing written is
 * cut, so that a printed page never splits a label. */
#include "handout.h"
#include "quiz.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc.h"
#include "ccplot.h"
#include "explain.h"
#include "strbuf.h"
#include "table.h"
#include "timeus.h"

/* Geometry, in SVG user units. */
#define W 800.0
#define X_CLIENT 160.0
#define X_SERVER 640.0
#define X_MID 400.0
#define HEAD 84.0             /* y of the first event */
#define LINE 14.0             /* from one line of a label to the next */
#define PANEL_MAX 1050.0      /* the tallest panel (one printed page) */
#define PANEL_FIRST_MAX 560.0 /* the first, below the title block */
#define PAUSE_US 200000       /* gaps from this long on get a break mark */
#define STATE_GAP 13.0        /* state names beside one line stay this far apart */
#define ARROW_HEAD 9.0

/* ------------------------------------------------------------------ */
/* Small output helpers */

static void put_msg(const tt_out *o, tt_lang lang, tt_msg id)
{
    tt_out_html(o, tt_msg_text(lang, id));
}

/* Formats catalogue message `id` into buf and writes it escaped. */
static void put_fmt(const tt_out *o, char *buf, size_t n, tt_lang lang, tt_msg id, ...)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    va_list ap;
    va_start(ap, id);
    tt_sb_vmsg(&b, lang, id, ap);
    va_end(ap);
    tt_out_html(o, buf);
}

/* The markup is written through a small buffer with its own number
 * writer: a diagram is mostly coordinates, a table mostly cells. */
typedef struct em {
    const tt_out *o;
    size_t n;
    char b[2048];
} em;

static void em_init(em *e, const tt_out *o)
{
    e->o = o;
    e->n = 0;
}

static void em_flush(em *e)
{
    if (e->n > 0)
        e->o->write(e->o->ctx, e->b, e->n);
    e->n = 0;
}

static void em_s(em *e, const char *s)
{
    size_t len = strlen(s);
    if (e->n + len > sizeof e->b)
        em_flush(e);
    if (len > sizeof e->b) {
        e->o->write(e->o->ctx, s, len);
        return;
    }
    memcpy(e->b + e->n, s, len);
    e->n += len;
}

/* v with `dec` decimals (rounded half away from zero). */
static void em_num(em *e, double v, unsigned dec)
{
    char t[40], *end = t + sizeof t, *p = end;
    double scale = dec == 4 ? 10000.0 : dec == 1 ? 10.0 : 1.0;
    bool neg = v < 0;
    double a = (neg ? -v : v) * scale + 0.5;
    uint64_t k = a < 1e18 ? (uint64_t)a : 0;
    for (unsigned d = 0; d < dec; d++) {
        *--p = (char)('0' + k % 10u);
        k /= 10u;
    }
    if (dec > 0)
        *--p = '.';
    do {
        *--p = (char)('0' + k % 10u);
        k /= 10u;
    } while (k != 0);
    if (neg && (p[0] != '0' || p[1] == '.'))
        *--p = '-';
    if (e->n + (size_t)(end - p) > sizeof e->b)
        em_flush(e);
    memcpy(e->b + e->n, p, (size_t)(end - p));
    e->n += (size_t)(end - p);
}

static void em_u(em *e, unsigned v)
{
    em_num(e, (double)v, 0);
}

/* Text content, escaped. */
static void em_html(em *e, const char *s)
{
    for (; *s; s++) {
        if (e->n + 6 > sizeof e->b)
            em_flush(e);
        const char *esc = *s == '&'    ? "&amp;"
                          : *s == '<'  ? "&lt;"
                          : *s == '>'  ? "&gt;"
                          : *s == '"'  ? "&quot;"
                          : *s == '\'' ? "&#39;"
                                       : NULL;
        if (esc != NULL) {
            size_t len = strlen(esc);
            memcpy(e->b + e->n, esc, len);
            e->n += len;
        } else {
            e->b[e->n++] = *s;
        }
    }
}

/* An element with escaped text content: <tag class="cls">text</tag>. */
static void put_elem(const tt_out *o, const char *tag, const char *cls, const char *text)
{
    em e;
    em_init(&e, o);
    em_s(&e, "<");
    em_s(&e, tag);
    if (cls != NULL) {
        em_s(&e, " class=\"");
        em_s(&e, cls);
        em_s(&e, "\"");
    }
    em_s(&e, ">");
    em_html(&e, text);
    em_s(&e, "</");
    em_s(&e, tag);
    em_s(&e, ">");
    em_flush(&e);
}

/* Microseconds as seconds with three decimals, rounded: "1.005". */
static void s_text(uint64_t us, char *buf, size_t n)
{
    uint64_t ms = tt_time_ms(us);
    snprintf(buf, n, "%" PRIu64 ".%03" PRIu64, ms / 1000u, ms % 1000u);
}

/* ------------------------------------------------------------------ */
/* The document */

static const char css[] =
    "body{font-family:\"DejaVu Sans\",\"Noto Sans\",\"WenQuanYi Zen Hei\",\"Noto Sans CJK SC\","
    "\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;color:#111;"
    "background:#fff;margin:1.5em auto;max-width:1100px;padding:0 1em;line-height:1.45}\n"
    "h1{font-size:1.6em;margin:0 0 .3em}\n"
    "h2{font-size:1.35em;border-bottom:2px solid #1a237e;margin:1.2em 0 .4em}\n"
    "h3{font-size:1.1em;margin:1em 0 .3em}\n"
    "p{margin:.35em 0}\n"
    ".mono,td.num{font-family:\"DejaVu Sans Mono\",\"WenQuanYi Zen Hei Mono\",\"Noto Sans Mono "
    "CJK SC\",monospace}\n"
    "table{border-collapse:collapse;width:100%;font-size:.85em;margin:.4em 0}\n"
    "th,td{border:1px solid #9e9e9e;padding:2px 5px;vertical-align:top;text-align:left}\n"
    "th{background:#e8eaf6}\n"
    "table.sides{width:auto}\n"
    "table.sides td,table.sides th{padding:3px 8px}\n"
    "td.num,td.dir{white-space:nowrap}\n"
    "td.more{min-width:7em}\n"
    "td.role{min-width:6em}\n"
    "td.what{min-width:16em}\n"
    "tr.retrans td{background:#ffebee}\n"
    "tr.zero td{background:#fff3e0}\n"
    "tr.reset td{background:#f3e5f5}\n"
    "p.note{background:#fff8e1;border-left:4px solid #ffb300;padding:.3em .6em}\n"
    "p.caption,ul.legend{font-size:.9em;color:#333}\n"
    "ul.legend{margin:.3em 0;padding-left:1.2em}\n"
    "svg.diagram{display:block;width:100%;height:auto;max-width:1000px;margin:0 auto}\n"
    "svg.diagram text{font-size:12px;fill:#111}\n"
    "svg.diagram .who{font-weight:bold;font-size:13px}\n"
    "svg.diagram .guessed,svg.diagram .inferred,svg.diagram .corrected{font-style:italic}\n"
    "svg.diagram .tm{font-family:\"DejaVu Sans Mono\",\"WenQuanYi Zen Hei Mono\",monospace;"
    "font-size:11px;fill:#424242}\n"
    "svg.diagram .small{font-size:10px;fill:#616161}\n"
    "svg.diagram .st{font-weight:bold;fill:#1b5e20}\n"
    "svg.diagram .lbl,svg.diagram .pause{paint-order:stroke;stroke:#fff;stroke-width:4px;"
    "stroke-linejoin:round}\n"
    "svg.diagram .role{fill:#0d47a1}\n"
    "svg.diagram .lost{fill:#c62828;font-size:11px}\n"
    "svg.diagram .life{stroke:#212121;stroke-width:2}\n"
    "svg.diagram .cap{stroke:#9e9e9e;stroke-width:1;stroke-dasharray:2 3}\n"
    "svg.diagram .arrow{fill:none;stroke:#1a237e;stroke-width:1.5}\n"
    "svg.diagram .head{fill:#1a237e}\n"
    "svg.diagram .retrans .arrow{stroke:#c62828;stroke-dasharray:7 4}\n"
    "svg.diagram .retrans .head{fill:#c62828}\n"
    "svg.diagram .zero .arrow{stroke:#e65100}\n"
    "svg.diagram .zero .head{fill:#e65100}\n"
    "svg.diagram .reset .arrow{stroke:#6a1b9a;stroke-width:3}\n"
    "svg.diagram .reset .head{fill:#6a1b9a}\n"
    "svg.diagram .dot{fill:#1b5e20}\n"
    "svg.diagram .cross{stroke:#c62828;stroke-width:2.5}\n"
    "svg.diagram .lost .arrow{stroke-dasharray:none}\n"
    "svg.diagram .heads{fill:#fff}\n"
    "svg.diagram .zig{fill:#fff;stroke:#212121;stroke-width:1.2}\n"
    ".print{display:none}\n"
    "nav.toc table{width:auto}\n"
    "nav.toc td:first-child{white-space:nowrap}\n"
    "@media print{\n"
    ".screen{display:none}\n"
    ".print{display:block}\n"
    "@page{size:A4;margin:12mm}\n"
    "body{margin:0;max-width:none;padding:0;font-size:9.5pt}\n"
    "section.stream{break-before:page;page-break-before:always}\n"
    "header+section.stream{break-before:auto;page-break-before:auto}\n"
    "svg.diagram{max-width:none;break-inside:avoid;page-break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    "table.walk{font-size:7.5pt}\n"
    "td.dir{white-space:normal}\n"
    "td.more,td.role{min-width:0}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}\n"
    "h2,h3{break-after:avoid;page-break-after:avoid}\n"
    "}\n"
    /* a face whose CJK glyphs are exactly two Latin columns wide, first,
     * for Latin too: the ladder's columns count a CJK character as two */
    "pre.quiz-ladder{font-family:\"Noto Sans Mono CJK SC\",\"WenQuanYi Zen Hei Mono\","
    "\"Sarasa Mono SC\",monospace;font-size:.9em;line-height:1.25}\n"
    "details.quiz-key{margin:.8em 0}\n"
    "details.quiz-key>summary{cursor:pointer;font-weight:bold}\n"
    "@media print{\n"
    "pre.quiz-ladder{font-size:8.5pt;break-inside:avoid;page-break-inside:avoid}\n"
    "ol.quiz-questions{break-inside:avoid;page-break-inside:avoid}\n"
    "section.quiz h4{break-after:avoid;page-break-after:avoid}\n"
    "details.quiz-key{break-before:page;page-break-before:always}\n"
    "details.quiz-key>summary{list-style:none}\n"
    "details.quiz-key>summary::-webkit-details-marker{display:none}\n"
    "details.quiz-key::details-content{content-visibility:visible;display:block}\n"
    "}\n";

void tt_html_begin(const tt_out *o, const char *title, tt_lang lang)
{
    tt_out_str(o, "<!DOCTYPE html>\n");
    tt_out_printf(o, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\">\n",
                  lang == TT_LANG_ZH ? "zh-Hans" : "en");
    tt_out_str(o, "<head>\n<meta charset=\"utf-8\"/>\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                  "<title>");
    put_msg(o, lang, TT_M_HT_TITLE);
    if (title != NULL && title[0] != '\0') {
        tt_out_str(o, " - ");
        tt_out_html(o, title);
    }
    tt_out_str(o, "</title>\n<style>\n");
    tt_out_str(o, css);
    tt_out_str(o, "</style>\n</head>\n<body>\n<header>\n");
    put_elem(o, "h1", NULL, tt_msg_text(lang, TT_M_HT_TITLE));
    tt_out_str(o, "\n");
    if (title != NULL && title[0] != '\0') {
        char buf[512];
        tt_out_str(o, "<p class=\"capture\">");
        put_fmt(o, buf, sizeof buf, lang, TT_M_HT_CAPTURE, title);
        tt_out_str(o, "</p>\n");
    }
    tt_out_str(o, "<p class=\"intro\">");
    put_msg(o, lang, TT_M_HT_INTRO);
    tt_out_str(o, "</p>\n</header>\n");
}

void tt_html_end(const tt_out *o)
{
    tt_out_str(o, "</body>\n</html>\n");
}

void tt_html_message(const tt_out *o, const char *text)
{
    put_elem(o, "p", "message", text);
    tt_out_str(o, "\n");
}

void tt_html_outside(const tt_out *o, const char *const *lines, size_t n, tt_lang lang)
{
    if (n == 0)
        return;
    tt_out_str(o, "<section class=\"outside\">\n");
    put_elem(o, "h2", NULL, tt_msg_text(lang, TT_M_W_OUTSIDE));
    tt_out_str(o, "\n<ul>\n");
    for (size_t i = 0; i < n; i++) {
        put_elem(o, "li", NULL, lines[i] != NULL ? lines[i] : "");
        tt_out_str(o, "\n");
    }
    tt_out_str(o, "</ul>\n</section>\n");
}

/* ------------------------------------------------------------------ */
/* The title block: each side's SYN and what it offered */

/* The first captured SYN sent by `side` (a SYN, a SYN+ACK, a simultaneous
 * open's SYN), or NULL. */
static const tt_walk_seg *syn_of(const tt_walk_view *v, unsigned side)
{
    for (size_t i = 0; i < v->n; i++) {
        const tt_walk_seg *s = &v->segs[i];
        if (s->r->dir == side && s->h->caplen >= 14 && !tt_header_malformed(s->h) &&
            (s->h->flags & TT_SYN) && !(s->r->notes & TT_NOTE_DIR_GUESSED))
            return s;
    }
    return NULL;
}

/* Why a side has no SYN in the capture: it refused the connection (it
 * answered a SYN with a RST), nothing of it was captured, or its SYN was
 * before the capture began. */
static tt_msg no_syn(const tt_walk_view *v, unsigned side)
{
    if (tt_walk_syn_seen(v->w, side) == TT_SYN_FILTERED)
        return TT_M_HT_SYN_FILTERED;
    bool any = false;
    for (size_t i = 0; i < v->n; i++) {
        const tt_result *r = v->segs[i].r;
        if (r->dir != side)
            continue;
        if (r->role == TT_ROLE_REFUSED)
            return TT_M_HT_SYN_REFUSED;
        any = true;
    }
    return any ? TT_M_HT_SYN_MISSING : TT_M_HT_SYN_SILENT;
}

static void side_cells_isn(const tt_out *o, const tt_walk_seg *syn, tt_msg none, tt_lang lang)
{
    if (syn == NULL) {
        put_elem(o, "td", NULL, tt_msg_text(lang, none));
        return;
    }
    tt_out_printf(o, "<td class=\"num\">%" PRIu32 "</td>", syn->h->seq);
}

/* true when the SYN's option area was captured in full. */
static bool options_whole(const tt_walk_seg *syn)
{
    return syn->h->problem == TT_HDR_OK && syn->h->caplen >= tt_header_len(syn->h);
}

static void side_cells_mss(const tt_out *o, const tt_walk_seg *syn, tt_msg none, tt_lang lang)
{
    char buf[256];
    tt_msg id = none;
    if (syn != NULL && !options_whole(syn)) {
        id = TT_M_HT_OPTS_CUT;
    } else if (syn != NULL) {
        const tt_option *mss = tt_header_find_option(syn->h, TT_OPT_MSS);
        if (mss != NULL) {
            tt_out_str(o, "<td>");
            put_fmt(o, buf, sizeof buf, lang, TT_M_HT_BYTES,
                    (unsigned)tt_option_u16(syn->h, mss, 0));
            tt_out_str(o, "</td>");
            return;
        }
        id = (syn->r->notes & TT_NOTE_IPV6) ? TT_M_HT_MSS_ABSENT6 : TT_M_HT_MSS_ABSENT4;
    }
    put_elem(o, "td", NULL, tt_msg_text(lang, id));
}

/* Returns the shift offered, -1 when absent, -2 when unknown. */
static int offered_shift(const tt_walk_seg *syn)
{
    return syn != NULL ? tt_syn_wscale(syn->h) : TT_WSO_CUT; /* -1 absent, -2 cut */
}

/* The window scale a side offered; the multiplier only when scaling is in
 * use (both SYNs offered it, RFC 7323 section 2.2). */
static void side_cells_ws(const tt_out *o, const tt_walk_seg *syn, int peer_shift, tt_msg none,
                          tt_lang lang)
{
    int shift = offered_shift(syn);
    if (shift >= 0) {
        char buf[256];
        unsigned used = shift > 14 ? 14 : (unsigned)shift; /* RFC 7323: at most 14 */
        tt_out_str(o, "<td>");
        if (peer_shift >= 0)
            put_fmt(o, buf, sizeof buf, lang, TT_M_HT_WS_VALUE, (unsigned)shift, 1u << used);
        else
            put_fmt(o, buf, sizeof buf, lang,
                    peer_shift == -1 ? TT_M_HT_WS_OFFERED_UNUSED : TT_M_HT_WS_OFFERED_UNKNOWN,
                    (unsigned)shift);
        tt_out_str(o, "</td>");
        return;
    }
    put_elem(o, "td", NULL,
             tt_msg_text(lang, shift == -1   ? TT_M_HT_WS_ABSENT
                               : syn == NULL ? none
                                             : TT_M_HT_OPTS_CUT));
}

static void title_block(const tt_out *o, const tt_walk_view *v, tt_lang lang)
{
    char buf[TT_PARAGRAPH_MAX];
    tt_sb b;
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_msg(&b, lang, TT_M_HT_STREAM, (unsigned)v->w->stream);
    put_elem(o, "h2", NULL, buf);
    tt_out_str(o, "\n");
    tt_walk_who(v->w, v->client, v->server, lang, buf, sizeof buf);
    put_elem(o, "p", "who", buf);
    tt_out_str(o, "\n");

    const tt_walk_seg *syn[2] = {syn_of(v, TT_DIR_C2S), syn_of(v, TT_DIR_S2C)};
    const tt_msg none[2] = {no_syn(v, TT_DIR_C2S), no_syn(v, TT_DIR_S2C)};
    /* a side that refused the connection offered nothing */
    const int shift[2] = {none[0] == TT_M_HT_SYN_REFUSED ? -1 : offered_shift(syn[0]),
                          none[1] == TT_M_HT_SYN_REFUSED ? -1 : offered_shift(syn[1])};
    tt_out_str(o, "<table class=\"sides\">\n<thead><tr><th></th>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_COL_CLIENT));
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_COL_SERVER));
    tt_out_str(o, "</tr></thead>\n<tbody>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_ENDPOINT));
    put_elem(o, "td", "num", v->client);
    put_elem(o, "td", "num", v->server);
    tt_out_str(o, "</tr>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_ISN));
    side_cells_isn(o, syn[0], none[0], lang);
    side_cells_isn(o, syn[1], none[1], lang);
    tt_out_str(o, "</tr>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_MSS));
    side_cells_mss(o, syn[0], none[0], lang);
    side_cells_mss(o, syn[1], none[1], lang);
    tt_out_str(o, "</tr>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_WSCALE));
    side_cells_ws(o, syn[0], shift[1], none[0], lang);
    side_cells_ws(o, syn[1], shift[0], none[1], lang);
    tt_out_str(o, "</tr>\n</tbody>\n</table>\n");
    if (shift[0] >= 0 && shift[1] >= 0) {
        put_elem(o, "p", "ws", tt_msg_text(lang, TT_M_HT_WS_USED));
        tt_out_str(o, "\n");
    } else if (shift[0] != -2 && shift[1] != -2) {
        put_elem(o, "p", "ws", tt_msg_text(lang, TT_M_HT_WS_UNUSED));
        tt_out_str(o, "\n");
    }
    put_elem(o, "p", "mode", tt_walk_seq_mode(v->w, v->absolute, lang));
    tt_out_str(o, "\n");
}

/* ------------------------------------------------------------------ */
/* One-way delays between the capture point and each side */

enum { DELAY_NONE = 0, DELAY_HANDSHAKE, DELAY_RTT };

typedef struct delays {
    uint64_t us[2]; /* [0] client side, [1] server side */
    int source[2];
} delays;

static void estimate_delays(const tt_walk_seg *segs, size_t n, delays *d)
{
    memset(d, 0, sizeof *d);
    /* The handshake: the SYN+ACK answers the latest SYN before it, and the
     * ACK of step 3 the latest SYN+ACK before it. */
    size_t syn = n, synack = n, ack3 = n;
    for (size_t i = 0; i < n && synack == n; i++) {
        if (segs[i].r->role == TT_ROLE_HANDSHAKE_1)
            syn = i;
        else if (segs[i].r->role == TT_ROLE_HANDSHAKE_2 && syn != n)
            synack = i;
    }
    if (synack != n && segs[synack].t_us >= segs[syn].t_us) {
        d->us[1] = (segs[synack].t_us - segs[syn].t_us) / 2;
        d->source[1] = DELAY_HANDSHAKE;
        size_t last2 = synack;
        for (size_t i = synack + 1; i < n && ack3 == n; i++) {
            if (segs[i].r->role == TT_ROLE_HANDSHAKE_2)
                last2 = i;
            else if (segs[i].r->role == TT_ROLE_HANDSHAKE_3)
                ack3 = i;
        }
        if (ack3 != n && segs[ack3].t_us >= segs[last2].t_us) {
            d->us[0] = (segs[ack3].t_us - segs[last2].t_us) / 2;
            d->source[0] = DELAY_HANDSHAKE;
        }
    }
    /* Otherwise half the smallest round trip measured on an ACK sent by
     * that side: capture point -> that side -> capture point. */
    for (unsigned side = 0; side < 2; side++) {
        if (d->source[side] != DELAY_NONE)
            continue;
        bool found = false;
        uint64_t best = 0;
        for (size_t i = 0; i < n; i++) {
            if (segs[i].r->dir == side && segs[i].has_rtt && !(segs[i].r->notes2 & TT_NOTE2_KARN) &&
                (!found || segs[i].rtt_us < best)) {
                best = segs[i].rtt_us;
                found = true;
            }
        }
        if (found) {
            d->us[side] = best / 2;
            d->source[side] = DELAY_RTT;
        }
    }
}

/* ------------------------------------------------------------------ */
/* The layout: one slope for every arrow, the order of events kept */

/* Every arrow drops the same height D from its sender's line to its
 * receiver's line, so that equal one-way delays look equal. The heights
 * are found as the smallest that keep, on each line, the order in which
 * the events (a segment leaves, a segment arrives) happened, estimated
 * from the capture time and the delays: a difference constraint for each
 * two events that follow each other on a line, and for each two captures
 * in a row (room for the labels). D grows until all of them can hold. */

enum { LABEL_LINES = 8, LABEL_CHARS = 160 };

typedef struct event {
    int64_t t;    /* estimated time, microseconds */
    uint16_t seg; /* the segment */
    uint8_t arrive;
} event;

typedef struct edge {
    uint16_t a, b; /* s[b] >= s[a] + w */
    double w;
} edge;

/* A label: up to three lines along its arrow, in the frame of its text. */
typedef struct label {
    double ox, oy, ux, uy; /* origin and unit x axis; y axis (-uy, ux) */
    double w, h;           /* width along the arrow, height of the lines */
    double y0, y1;         /* its extent on the page, top to bottom */
    bool above;            /* above its arrow (the text's baseline side) */
    bool placed;
} label;

typedef struct layout {
    size_t n;
    double x_cap; /* the capture point between the two lines */
    double f;     /* where the capture point sits: 0 at the client, 1 at the server */
    double D;     /* the height every arrow drops */
    double cos_a, sin_a;
    double s[TT_HTML_MAX_SEGMENTS]; /* y where each segment leaves its sender */
    double y_cap[TT_HTML_MAX_SEGMENTS];
    double extra[TT_HTML_MAX_SEGMENTS]; /* more room above a segment whose label had none */
    double w_line[TT_HTML_MAX_SEGMENTS][LABEL_LINES];
    uint8_t n_lines[TT_HTML_MAX_SEGMENTS];
    char (*text)[LABEL_LINES][LABEL_CHARS]; /* each label's lines, n of them */
    const char *cls[TT_HTML_MAX_SEGMENTS][LABEL_LINES];
    bool lost[TT_HTML_MAX_SEGMENTS]; /* never arrived: drawn ending short with a cross */
    label lab[TT_HTML_MAX_SEGMENTS];
    event ev[2][2 * TT_HTML_MAX_SEGMENTS];
    size_t n_ev[2];
    edge edges[6 * TT_HTML_MAX_SEGMENTS];
    size_t n_edges;
    double pause_y[2]
                  [TT_HTML_MAX_SEGMENTS]; /* a break mark on each line before capture i; 0 none */
    double pause_text_y[TT_HTML_MAX_SEGMENTS], pause_w[TT_HTML_MAX_SEGMENTS];
    double pause_x[TT_HTML_MAX_SEGMENTS]; /* the middle of the pause's caption */
    double bottom;                        /* below the last event */
    size_t n_panels;
    double panel_top[TT_HTML_MAX_SEGMENTS + 1], panel_bottom[TT_HTML_MAX_SEGMENTS + 1];
} layout;

#define D_MIN 110.0    /* the least drop: a gentle slope, as in textbooks */
#define D_MAX 360.0    /* beyond this the order is given up rather than the page */
#define EV_GAP 18.0    /* two events on one line: end points apart, room for a state name */
#define ROW_MIN 22.0   /* two captures in a row */
#define LABEL_GAP 5.0  /* between an arrow and its label */
#define LABEL_SEP 6.0  /* between a label and the next arrow above it */
#define LABEL_END 14.0 /* a label keeps this far from either line, along its arrow */
#define PAUSE_ROOM 34.0
#define HEADS_H 48.0    /* the heads of a continuation panel */
#define WIDE_GAP 160.0  /* an empty stretch this tall is left out between panels */
#define PANEL_TOP0 52.0 /* nothing of a diagram above this, below the first heads */

static bool has_note(const tt_walk_seg *s)
{
    return (s->r->analysis & TT_AN_LOST_SEGMENT) != 0;
}

static double side_x(unsigned side)
{
    return side == 0 ? X_CLIENT : X_SERVER;
}

/* A square root without libm: Newton's steps from a good start. */
static double root(double x)
{
    if (x <= 0)
        return 0;
    double r = x > 1 ? x : 1;
    for (int k = 0; k < 40; k++) {
        double next = (r + x / r) / 2;
        if (next >= r - 1e-9 && next <= r + 1e-9)
            break;
        r = next;
    }
    return r;
}

/* The width of a line of label text in user units, about: a narrow
 * character 6.8, a wide one twice that. Drawn to exactly this length. */
static double text_width(const char *text)
{
    return 6.8 * (double)tt_display_width(text);
}

static void label_numbers(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);
static void label_window(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);

/* The lines of a segment's label, from the arrow up: its SACK blocks (one
 * a line, the last first), the window, the flags and numbers, the role, a
 * note; returns how many. */
static unsigned label_lines(const tt_walk_seg *s, bool lost, tt_lang lang,
                            char lines[LABEL_LINES][LABEL_CHARS], const char *cls[LABEL_LINES])
{
    unsigned k = 0;
    uint32_t blocks[4][2];
    unsigned count = tt_walk_window_seen(s->h) ? tt_walk_sack(s, blocks, 4) : 0;
    for (unsigned i = count; i-- > 0;) {
        snprintf(lines[k], sizeof lines[k], "SACK %" PRIu32 "-%" PRIu32, blocks[i][0],
                 blocks[i][1]);
        cls[k++] = "lbl";
    }
    label_window(s, lang, lines[k], sizeof lines[k]);
    cls[k] = "lbl";
    if (lines[k][0] != '\0')
        k++;
    label_numbers(s, lang, lines[k], sizeof lines[k]);
    cls[k++] = "lbl";
    tt_walk_role_label(s->r, lang, lines[k], sizeof lines[k]);
    cls[k++] = "lbl role";
    if (lost || has_note(s)) {
        snprintf(lines[k], sizeof lines[k], "%s",
                 tt_msg_text(lang, lost ? TT_M_HT_LOST_SEG : TT_M_HT_LOST));
        cls[k++] = "lbl lost";
    }
    return k;
}

static double label_height(const layout *L, size_t i)
{
    return L->n_lines[i] * LINE + 2;
}

/* Segments that never reached their receiver: a copy that a later resend
 * replaced because the receiver showed it missing (duplicate ACKs, SACK, a
 * partial ACK) or because no acknowledgment came before the timer, when
 * nothing acknowledged it before the resend and no D-SACK reported the
 * resend as unneeded. */
static void find_lost(layout *L, const tt_walk_seg *segs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const tt_walk_seg *s = &segs[i];
        const tt_result *r = s->r;
        if (!(r->notes & TT_NOTE_RETRANSMISSION) || (r->notes2 & TT_NOTE2_CAPTURE_DUP) ||
            s->d == NULL || s->d->prev_frame == 0)
            continue;
        if (r->why != TT_WHY_FAST && r->why != TT_WHY_SACK && r->why != TT_WHY_PARTIAL &&
            r->why != TT_WHY_TIMEOUT)
            continue;
        size_t p = i;
        while (p > 0 && segs[p - 1].frame != s->d->prev_frame)
            p--;
        if (p == 0)
            continue;
        p--;
        if (segs[p].r->dir != r->dir || !tt_walk_window_seen(segs[p].h))
            continue;
        bool covered = false;
        uint32_t end = s->h->seq + r->payload_len + ((s->h->flags & (TT_SYN | TT_FIN)) ? 1u : 0u);
        for (size_t j = p + 1; j < n && !covered; j++) {
            const tt_walk_seg *o = &segs[j];
            if (o->r->dir == r->dir) {
                continue;
            }
            /* acknowledged before the resend, or the resend reported unneeded */
            if (j < i && (o->h->flags & TT_ACK) && !(o->h->flags & TT_RST) &&
                tt_walk_window_seen(o->h) && (int32_t)(o->h->ack - end) >= 0)
                covered = true;
            if ((o->r->notes2 & TT_NOTE2_DSACK) && o->d != NULL && o->d->prev_frame == s->frame)
                covered = true;
        }
        if (!covered)
            L->lost[p] = true;
    }
    /* The ACK of a SYN+ACK that the server sent again: the resend shows
     * that ACK did not reach it before its timer expired. */
    for (size_t i = 0; i < n; i++) {
        if (!(segs[i].r->notes & TT_NOTE_ACK_LOST))
            continue;
        for (size_t j = i; j-- > 0;) {
            const tt_result *r = segs[j].r;
            if (r->dir == segs[i].r->dir)
                break; /* back to the server's previous SYN+ACK */
            if (r->role == TT_ROLE_HANDSHAKE_3) {
                L->lost[j] = true;
                break;
            }
        }
    }
}

/* The sequence number just after a segment (its data, SYN and FIN), raw. */
static uint32_t raw_end(const tt_walk_seg *s)
{
    uint32_t end = s->h->seq + s->r->payload_len;
    if (s->h->flags & TT_SYN)
        end++;
    if (s->h->flags & TT_FIN)
        end++;
    return end;
}

/* The delays are estimates: where one would have an acknowledgment leave
 * before what it acknowledges has arrived, the acknowledgment leaves when it
 * arrives (or both meet at the acknowledgment's capture time). Only what a
 * segment newly acknowledges counts, each byte range at its first sending. */
static void keep_causes(const tt_walk_seg *segs, size_t n, int64_t *sent, int64_t *arrived)
{
    uint32_t acked[2] = {0, 0};
    bool any[2] = {false, false};
    for (size_t i = 0; i < n; i++) {
        const tt_walk_seg *a = &segs[i];
        unsigned side = a->r->dir;
        if (!(a->h->flags & TT_ACK) || !tt_walk_window_seen(a->h))
            continue;
        /* Only the segments of the last few round trips can be newly acked:
         * look back over at most this many. */
        size_t from = i > 64 ? i - 64 : 0;
        for (size_t j = from; j < i; j++) {
            const tt_walk_seg *b = &segs[j];
            if (b->r->dir == side || !tt_walk_window_seen(b->h) ||
                (b->r->notes & TT_NOTE_RETRANSMISSION))
                continue;
            uint32_t end = raw_end(b);
            if (end == b->h->seq || (int32_t)(a->h->ack - end) < 0 ||
                (any[side] && (int32_t)(end - acked[side]) <= 0))
                continue;
            int64_t t = (int64_t)a->t_us;
            if (arrived[j] > sent[i]) {
                if (arrived[j] <= t) {
                    sent[i] = arrived[j];
                } else {
                    sent[i] = t;
                    arrived[j] = t;
                }
            }
        }
        if (!any[side] || (int32_t)(a->h->ack - acked[side]) > 0)
            acked[side] = a->h->ack;
        any[side] = true;
    }
}

static int event_cmp(const void *a, const void *b)
{
    const event *x = (const event *)a, *y = (const event *)b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    /* at one instant what arrives comes first: it is what the other answers */
    if (x->arrive != y->arrive)
        return x->arrive ? -1 : 1;
    return (int)x->seg - (int)y->seg;
}

/* How far down from where it leaves a segment crosses the capture line. */
static double cap_drop(const layout *L, const tt_walk_seg *s)
{
    return L->D * (s->r->dir == TT_DIR_C2S ? L->f : 1.0 - L->f);
}

static void add_edge(layout *L, size_t a, size_t b, double w)
{
    if (L->n_edges < sizeof L->edges / sizeof L->edges[0])
        L->edges[L->n_edges++] = (edge){(uint16_t)a, (uint16_t)b, w};
}

/* The constraints for the drop D. */
static void make_edges(layout *L, const tt_walk_seg *segs, const int64_t *cap_t)
{
    L->n_edges = 0;
    for (unsigned side = 0; side < 2; side++) {
        for (size_t k = 1; k < L->n_ev[side]; k++) {
            const event *p = &L->ev[side][k - 1], *q = &L->ev[side][k];
            add_edge(L, p->seg, q->seg, (p->arrive ? L->D : 0) - (q->arrive ? L->D : 0) + EV_GAP);
        }
    }
    size_t last[2] = {L->n, L->n};
    for (size_t i = 0; i < L->n; i++) {
        unsigned dir = segs[i].r->dir;
        double di = cap_drop(L, &segs[i]);
        if (i > 0) {
            double room = ROW_MIN + L->extra[i];
            if (cap_t[i] - cap_t[i - 1] >= PAUSE_US)
                room += PAUSE_ROOM;
            add_edge(L, i - 1, i, cap_drop(L, &segs[i - 1]) - di + room);
        }
        /* The label sits above its arrow, under the previous parallel one. */
        if (last[dir] != L->n)
            add_edge(L, last[dir], i,
                     (label_height(L, i) + LABEL_GAP + LABEL_SEP) / L->cos_a + L->extra[i]);
        last[dir] = i;
    }
}

/* The smallest heights that meet the constraints (longest paths, Bellman
 * and Ford); false when they cannot all hold (a cycle gains height). With
 * `forward`, only the constraints from a segment to a later one count:
 * they always hold, and keep the captures in order. */
static bool solve(layout *L, const tt_walk_seg *segs, bool forward)
{
    for (size_t i = 0; i < L->n; i++) {
        L->s[i] = HEAD + 8.0;
        double first = HEAD + label_height(L, i) + 12.0 - cap_drop(L, &segs[i]);
        if (i == 0 && L->s[i] < first)
            L->s[i] = first;
    }
    for (size_t pass = 0; pass <= L->n + 1; pass++) {
        bool changed = false;
        for (size_t e = 0; e < L->n_edges; e++) {
            const edge *g = &L->edges[e];
            if (forward && g->a > g->b)
                continue;
            if (L->s[g->a] + g->w > L->s[g->b] + 1e-6) {
                L->s[g->b] = L->s[g->a] + g->w;
                changed = true;
            }
        }
        if (!changed)
            return true;
    }
    return false;
}

static void set_drop(layout *L, double D)
{
    L->D = D;
    double len = root((X_SERVER - X_CLIENT) * (X_SERVER - X_CLIENT) + D * D);
    L->cos_a = (X_SERVER - X_CLIENT) / len;
    L->sin_a = D / len;
}

/* The arrow of segment i as a piece of line: from its left end (on the
 * client's line) to its right end (where it stops, short of the server's
 * line when lost). */
static void arrow_path(const layout *L, const tt_walk_seg *s, size_t i, bool whole, double *x0,
                       double *y0, double *x1, double *y1)
{
    bool c2s = s->r->dir == TT_DIR_C2S;
    double ys = L->s[i], ya = L->s[i] + L->D;
    double xs = c2s ? X_CLIENT : X_SERVER, xa = c2s ? X_SERVER : X_CLIENT;
    if (L->lost[i] && !whole) {
        /* it ends halfway between the capture point and the receiver */
        double t = (L->x_cap - xs) / (xa - xs);
        t = (t + 1.0) / 2;
        xa = xs + (xa - xs) * t;
        ya = ys + L->D * t;
    }
    if (c2s) {
        *x0 = xs, *y0 = ys, *x1 = xa, *y1 = ya;
    } else {
        *x0 = xa, *y0 = ya, *x1 = xs, *y1 = ys;
    }
}

static void arrow_ends(const layout *L, const tt_walk_seg *s, size_t i, double *x0, double *y0,
                       double *x1, double *y1)
{
    arrow_path(L, s, i, false, x0, y0, x1, y1);
}

/* Separating axes: do two convex polygons (2 to 4 points each) meet? */
static bool poly_meet(const double (*p)[2], size_t np, const double (*q)[2], size_t nq)
{
    for (int which = 0; which < 2; which++) {
        const double(*a)[2] = which ? q : p;
        size_t na = which ? nq : np;
        for (size_t k = 0; k < na; k++) {
            size_t k2 = (k + 1) % na;
            if (na == 2 && k == 1)
                break;
            double nx = -(a[k2][1] - a[k][1]), ny = a[k2][0] - a[k][0];
            double pmin = 1e300, pmax = -1e300, qmin = 1e300, qmax = -1e300;
            for (size_t m = 0; m < np; m++) {
                double d = p[m][0] * nx + p[m][1] * ny;
                pmin = d < pmin ? d : pmin;
                pmax = d > pmax ? d : pmax;
            }
            for (size_t m = 0; m < nq; m++) {
                double d = q[m][0] * nx + q[m][1] * ny;
                qmin = d < qmin ? d : qmin;
                qmax = d > qmax ? d : qmax;
            }
            if (pmax <= qmin || qmax <= pmin)
                return false;
        }
    }
    return true;
}

/* The four corners of a label on the page. */
static void label_corners(const label *b, double c[4][2])
{
    /* the text frame: x along (ux, uy), y down across (-uy, ux) */
    double vx = -b->uy, vy = b->ux;
    double ya = b->above ? -LABEL_GAP - b->h : LABEL_GAP;
    double yb = ya + b->h;
    const double xs[4] = {0, b->w, b->w, 0}, ys[4] = {ya, ya, yb, yb};
    for (int k = 0; k < 4; k++) {
        c[k][0] = b->ox + b->ux * xs[k] + vx * ys[k];
        c[k][1] = b->oy + b->uy * xs[k] + vy * ys[k];
    }
}

/* The first segment whose capture is at or below y (y_cap only grows). */
static size_t first_at(const layout *L, double y)
{
    size_t lo = 0, hi = L->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (L->y_cap[mid] < y)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does label b (of segment i) meet an arrow, a placed label, the heads or
 * a line? Returns the segment whose arrow or label it meets (i itself for
 * anything else), or L->n when it is free. */
static size_t label_blocked(const layout *L, const tt_walk_seg *segs, size_t i, const label *b)
{
    double c[4][2];
    label_corners(b, c);
    for (int k = 0; k < 4; k++) {
        if (c[k][0] < X_CLIENT + 4 || c[k][0] > X_SERVER - 4 || c[k][1] < PANEL_TOP0 + 2)
            return i;
    }
    double top = b->y0, low = b->y1;
    /* arrows and labels that can reach [top, low] have their capture within
     * D (and a label's height) of it */
    size_t from = first_at(L, top - L->D - 3 * LINE - 60);
    for (size_t j = from; j < L->n && L->y_cap[j] <= low + L->D + 3 * LINE + 60; j++) {
        double a[2][2];
        arrow_ends(L, &segs[j], j, &a[0][0], &a[0][1], &a[1][0], &a[1][1]);
        if (j != i && poly_meet(c, 4, (const double(*)[2])a, 2))
            return j;
        double py = L->pause_text_y[j];
        if (py > 0 && py - 12 < low && py + 4 > top) {
            double px = L->pause_x[j];
            double q[4][2] = {{px - L->pause_w[j] / 2, py - 12},
                              {px + L->pause_w[j] / 2, py - 12},
                              {px + L->pause_w[j] / 2, py + 4},
                              {px - L->pause_w[j] / 2, py + 4}};
            if (poly_meet(c, 4, (const double(*)[2])q, 4))
                return i;
        }
        if (j != i && L->lab[j].placed && L->lab[j].y1 > top && L->lab[j].y0 < low) {
            double d[4][2];
            label_corners(&L->lab[j], d);
            if (poly_meet(c, 4, (const double(*)[2])d, 4))
                return j;
        }
    }
    return L->n;
}

/* Puts label b at distance a along its arrow from (x0, y0), above or
 * below it, with its extent on the page. */
static void set_label_at(label *b, double x0, double y0, double a, bool above)
{
    b->ox = x0 + b->ux * a;
    b->oy = y0 + b->uy * a;
    b->above = above;
    double c[4][2];
    label_corners(b, c);
    b->y0 = b->y1 = c[0][1];
    for (int m = 1; m < 4; m++) {
        b->y0 = c[m][1] < b->y0 ? c[m][1] : b->y0;
        b->y1 = c[m][1] > b->y1 ? c[m][1] : b->y1;
    }
}

/* Places the label of segment i along its arrow: above it, else below it,
 * at the free place nearest the capture point. false: no place was free
 * (it is then put at the capture point anyway); *last is then the latest
 * segment that was in the way. */
static bool place_label(layout *L, const tt_walk_seg *segs, size_t i, size_t *last)
{
    *last = i;
    const tt_walk_seg *s = &segs[i];
    double x0, y0, x1, y1;
    /* a lost segment's label may run on where it would have gone */
    arrow_path(L, s, i, true, &x0, &y0, &x1, &y1);
    double len = root((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
    label *b = &L->lab[i];
    b->ux = (x1 - x0) / len;
    b->uy = (y1 - y0) / len;
    b->w = L->w_line[i][0];
    for (int k = 1; k < LABEL_LINES; k++)
        b->w = L->w_line[i][k] > b->w ? L->w_line[i][k] : b->w;
    b->h = label_height(L, i) - 2;
    double room = len - 2 * LABEL_END - b->w;
    /* the capture point, as a distance along the arrow */
    double at_cap = (L->x_cap - x0) / (x1 - x0) * len;
    double want = at_cap - b->w / 2;
    /* the places along the arrow, nearest the capture point first */
    enum { STEPS = 12 };
    double at[STEPS + 1], dist[STEPS + 1];
    int steps = room > 0 ? STEPS : 0;
    for (int k = 0; k <= steps; k++) {
        double a = room > 0 ? LABEL_END + room * k / STEPS : (len - b->w) / 2;
        double d = a > want ? a - want : want - a;
        int m = k;
        while (m > 0 && dist[m - 1] > d) {
            at[m] = at[m - 1];
            dist[m] = dist[m - 1];
            m--;
        }
        at[m] = a;
        dist[m] = d;
    }
    double best_a = LABEL_END;
    bool best_above = true, found = false;
    for (int above = 1; above >= 0 && !found; above--) {
        for (int k = 0; k <= steps && !found; k++) {
            set_label_at(b, x0, y0, at[k], above != 0);
            size_t by = label_blocked(L, segs, i, b);
            if (by != L->n && by > *last)
                *last = by;
            if (by == L->n) {
                best_a = at[k];
                best_above = above != 0;
                found = true;
            }
        }
    }
    if (!found) {
        best_a = room > 0 ? (want < LABEL_END          ? LABEL_END
                             : want > LABEL_END + room ? LABEL_END + room
                                                       : want)
                          : (len - b->w) / 2;
        best_above = true;
    }
    set_label_at(b, x0, y0, best_a, best_above);
    b->placed = true;
    return found;
}

typedef struct span {
    double lo, hi;
} span;

static int span_cmp(const void *a, const void *b)
{
    const span *x = (const span *)a, *y = (const span *)b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return 0;
}

typedef struct state_mark {
    double y;      /* where the change happens */
    double text_y; /* where its name is written */
    uint16_t seg;  /* the segment that shows it */
    uint8_t state;
    bool corrected; /* not a move: the state shown before was an assumption */
} state_mark;

/* Panels: cut where nothing written is cut (a label, a state name, a time,
 * a break mark), each no taller than a page unless nothing can be cut. */
static void cut_panels(layout *L, const state_mark *const marks[2], const size_t counts[2])
{
    size_t cap = 6 * L->n + counts[0] + counts[1] + 2;
    span *sp = malloc(2 * cap * sizeof *sp);
    L->n_panels = 0;
    double end = L->bottom + 22.0;
    if (sp == NULL) {
        L->panel_top[0] = 0;
        L->panel_bottom[0] = end;
        L->n_panels = 1;
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < L->n; i++) {
        sp[k++] = (span){L->lab[i].y0 - 2, L->lab[i].y1 + 2};
        sp[k++] = (span){L->y_cap[i] - 12, L->y_cap[i] + 5};
        if (L->pause_text_y[i] > 0)
            sp[k++] = (span){L->pause_text_y[i] - 14, L->pause_text_y[i] + 6};
        for (unsigned side = 0; side < 2; side++) {
            if (L->pause_y[side][i] > 0)
                sp[k++] = (span){L->pause_y[side][i] - 12, L->pause_y[side][i] + 12};
        }
    }
    for (unsigned side = 0; side < 2; side++) {
        for (size_t a = 0; a < counts[side]; a++)
            sp[k++] = (span){marks[side][a].text_y - 14 < marks[side][a].y - 5
                                 ? marks[side][a].text_y - 14
                                 : marks[side][a].y - 5,
                             marks[side][a].text_y + 5};
    }
    /* The same with every arrow in flight busy too, in the second half:
     * where a cut between arrows can be made, it is preferred. */
    span *fa = sp + cap;
    size_t ka = k;
    memcpy(fa, sp, k * sizeof *sp);
    for (size_t i = 0; i < L->n; i++)
        fa[ka++] = (span){L->s[i] - 2, L->s[i] + L->D + 2};
    qsort(sp, k, sizeof *sp, span_cmp);
    qsort(fa, ka, sizeof *fa, span_cmp);
    /* the free stretches between what is written, in place */
    size_t g = 0, ga = 0;
    double reach = PANEL_TOP0;
    for (size_t a = 0; a < k; a++) {
        span busy = sp[a];
        if (busy.lo > reach + 4)
            sp[g++] = (span){reach + 2, busy.lo - 2};
        reach = busy.hi > reach ? busy.hi : reach;
    }
    if (end > reach + 4)
        sp[g++] = (span){reach + 2, end};
    reach = PANEL_TOP0;
    for (size_t a = 0; a < ka; a++) {
        span busy = fa[a];
        if (busy.lo > reach + 4)
            fa[ga++] = (span){reach + 2, busy.lo - 2};
        reach = busy.hi > reach ? busy.hi : reach;
    }
    double top = 0;
    size_t from = 0;
    for (;;) {
        double max = L->n_panels == 0 ? PANEL_FIRST_MAX : PANEL_MAX;
        if (end - top <= max || L->n_panels + 1 >= TT_HTML_MAX_SEGMENTS)
            break;
        /* the lowest free place within a page, else the first one below;
         * but a wide empty stretch reaching the page's lower half that no
         * arrow enters is left out between the panels */
        double at = -1, next = -1;
        size_t wide = g;
        for (size_t a = from; a < g; a++) {
            if (sp[a].hi < top + 40)
                continue;
            double lo = sp[a].lo > top + 40 ? sp[a].lo : top + 40;
            if (lo > top + max) {
                if (at < 0)
                    at = lo;
                break;
            }
            at = sp[a].hi < top + max ? sp[a].hi : top + max;
            from = a;
            if (at >= top + max / 2 && sp[a].hi - lo >= WIDE_GAP)
                wide = a;
        }
        if (at < 0)
            break;
        /* the lowest place within the page where no arrow is cut, if it
         * leaves the panel a third of a page at least */
        if (wide == g) {
            double best = -1;
            for (size_t a = 0; a < ga; a++) {
                double lo = fa[a].lo > top + 40 ? fa[a].lo : top + 40;
                double hi = fa[a].hi < top + max ? fa[a].hi : top + max;
                if (hi >= lo)
                    best = hi;
            }
            if (best >= top + max / 3)
                at = best;
        }
        if (wide != g) {
            /* the part of it no arrow reaches into */
            double lo = sp[wide].lo > top + 40 ? sp[wide].lo : top + 40, hi = sp[wide].hi;
            for (size_t i = 0; i < L->n; i++) {
                double a0 = L->s[i], a1 = L->s[i] + L->D;
                if (a0 <= lo && a1 > lo)
                    lo = a1;
                if (a0 > lo && a0 < hi)
                    hi = a0;
            }
            if (hi - lo >= WIDE_GAP && lo + 12 <= top + max) {
                at = lo + 12;
                next = hi - 12;
            }
        }
        L->panel_top[L->n_panels] = top;
        L->panel_bottom[L->n_panels] = at;
        L->n_panels++;
        top = next > at ? next : at;
    }
    L->panel_top[L->n_panels] = top;
    L->panel_bottom[L->n_panels] = end;
    L->n_panels++;
    free(sp);
}

/* Break marks: on each line, between the events around a pause, and its
 * length written between the captures around it. */
static void place_pauses(layout *L, const int64_t *cap_t)
{
    for (size_t i = 0; i < L->n; i++) {
        L->pause_y[0][i] = L->pause_y[1][i] = L->pause_text_y[i] = 0;
        if (i == 0 || cap_t[i] - cap_t[i - 1] < PAUSE_US)
            continue;
        L->pause_text_y[i] = (L->y_cap[i - 1] + L->y_cap[i]) / 2 + 4;
        int64_t mid = (cap_t[i] + cap_t[i - 1]) / 2;
        for (unsigned side = 0; side < 2; side++) {
            const event *e = L->ev[side];
            size_t m = L->n_ev[side];
            size_t k = 0;
            while (k < m && e[k].t < mid)
                k++;
            if (k == 0 || k == m)
                continue;
            double ya = L->s[e[k - 1].seg] + (e[k - 1].arrive ? L->D : 0);
            double yb = L->s[e[k].seg] + (e[k].arrive ? L->D : 0);
            if (yb - ya >= 24)
                L->pause_y[side][i] = (ya + yb) / 2;
        }
    }
}

/* A pause's caption where no arrow runs: in the middle, or moved sideways
 * in steps to the first place clear of the arrows in flight around it (in
 * the middle when there is none). */
static void place_pause_text(layout *L, const tt_walk_seg *segs)
{
    for (size_t i = 0; i < L->n; i++) {
        L->pause_x[i] = X_MID;
        double py = L->pause_text_y[i];
        if (py <= 0)
            continue;
        double half = L->pause_w[i] / 2;
        size_t from = first_at(L, py - L->D - 40);
        for (int k = 0; k <= 24; k++) {
            double x = X_MID + (k % 2 ? 1 : -1) * ((k + 1) / 2) * 10.0;
            if (x - half < X_CLIENT + 8 || x + half > X_SERVER - 8)
                continue;
            double q[4][2] = {
                {x - half, py - 12}, {x + half, py - 12}, {x + half, py + 4}, {x - half, py + 4}};
            bool clear = true;
            for (size_t j = from; j < L->n && L->y_cap[j] <= py + L->D + 40 && clear; j++) {
                double a[2][2];
                arrow_ends(L, &segs[j], j, &a[0][0], &a[0][1], &a[1][0], &a[1][1]);
                clear = !poly_meet((const double(*)[2])q, 4, (const double(*)[2])a, 2);
            }
            if (clear) {
                L->pause_x[i] = x;
                break;
            }
        }
    }
}

/* The segment before which a page break can be made in a panel too tall
 * for a page: the last one in the panel's first page where, on both lines,
 * everything of the segments before it happens before everything of the
 * segments from it on (the break then crosses no arrow), else the last one
 * in that page. Adds the room there; false when every panel fits. */
static bool make_break(layout *L)
{
    for (size_t p = 0; p < L->n_panels; p++) {
        double top = L->panel_top[p], max = p == 0 ? PANEL_FIRST_MAX : PANEL_MAX;
        if (L->panel_bottom[p] - top <= max)
            continue;
        size_t best = L->n, quiet = L->n;
        for (size_t i = 1; i < L->n; i++) {
            if (L->y_cap[i] <= top + 120 || L->y_cap[i] > top + max - 60)
                continue;
            best = i;
            bool ok = true;
            for (unsigned side = 0; side < 2 && ok; side++) {
                bool later = false;
                for (size_t k = 0; k < L->n_ev[side] && ok; k++) {
                    later |= L->ev[side][k].seg >= i;
                    ok = !(later && L->ev[side][k].seg < i);
                }
            }
            if (ok)
                quiet = i;
        }
        size_t at = quiet != L->n ? quiet : best;
        if (at == L->n)
            return false;
        L->extra[at] += 2 * L->D + 2 * LABEL_LINES * LINE;
        return true;
    }
    return false;
}

static void lay_out(layout *L, const tt_walk_seg *segs, size_t n, const delays *d, tt_lang lang)
{
    L->n = n;
    double sum = (double)d->us[0] + (double)d->us[1];
    L->f = sum > 0 ? (double)d->us[0] / sum : 0.5;
    if (L->f < 0.12)
        L->f = 0.12;
    if (L->f > 0.88)
        L->f = 0.88;
    L->x_cap = X_CLIENT + (X_SERVER - X_CLIENT) * L->f;
    find_lost(L, segs, n);
    int64_t sent[TT_HTML_MAX_SEGMENTS], arrived[TT_HTML_MAX_SEGMENTS], cap_t[TT_HTML_MAX_SEGMENTS];
    for (size_t i = 0; i < n; i++) {
        int64_t t = (int64_t)segs[i].t_us;
        unsigned from = segs[i].r->dir == TT_DIR_C2S ? 0 : 1;
        cap_t[i] = t;
        if (i > 0 && t - (int64_t)segs[i - 1].t_us >= PAUSE_US) {
            char num[32], buf[128];
            s_text((uint64_t)(t - (int64_t)segs[i - 1].t_us), num, sizeof num);
            tt_sb b;
            tt_sb_init(&b, buf, sizeof buf);
            tt_sb_msg(&b, lang, TT_M_HT_PAUSE, num);
            L->pause_w[i] = text_width(buf) * 10.0 / 12.0 + 6;
        }
        sent[i] = t - (int64_t)d->us[from];
        arrived[i] = t + (int64_t)d->us[1 - from];
        char(*lines)[LABEL_CHARS] = L->text[i];
        const char **cls = L->cls[i];
        unsigned nl = label_lines(&segs[i], L->lost[i], lang, lines, cls);
        L->n_lines[i] = (uint8_t)nl;
        for (unsigned k = 0; k < LABEL_LINES; k++)
            L->w_line[i][k] = k < nl
                                  ? text_width(lines[k]) *
                                        (cls[k][4] == ' ' && cls[k][5] == 'l' ? 11.0 / 12.0 : 1.0)
                                  : 0;
    }
    keep_causes(segs, n, sent, arrived);
    L->n_ev[0] = L->n_ev[1] = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned from = segs[i].r->dir == TT_DIR_C2S ? 0 : 1;
        L->ev[from][L->n_ev[from]++] = (event){sent[i], (uint16_t)i, 0};
        if (!L->lost[i])
            L->ev[1 - from][L->n_ev[1 - from]++] = (event){arrived[i], (uint16_t)i, 1};
    }
    for (unsigned side = 0; side < 2; side++)
        qsort(L->ev[side], L->n_ev[side], sizeof(event), event_cmp);

    double D = D_MIN;
    for (int round = 0; round < 6; round++) {
        for (;;) {
            set_drop(L, D);
            make_edges(L, segs, cap_t);
            if (solve(L, segs, false))
                break;
            if (D >= D_MAX) {
                /* The estimated order cannot be kept with a slope a page can
                 * hold (or at all: the estimates contradict each other):
                 * keep the order of the captures, and of the events on each
                 * line as far as they follow the captures. */
                set_drop(L, D_MIN);
                make_edges(L, segs, cap_t);
                solve(L, segs, true);
                break;
            }
            D = D * 1.25 > D_MAX ? D_MAX : D * 1.25;
        }
        for (size_t i = 0; i < n; i++) {
            L->y_cap[i] = L->s[i] + cap_drop(L, &segs[i]);
            L->lab[i].placed = false;
        }
        place_pauses(L, cap_t);
        place_pause_text(L, segs);
        bool all = true;
        /* Where a label found no room, more room between the captures from
         * its segment to the latest one in its way. */
        for (size_t i = 0; i < n; i++) {
            size_t last;
            if (!place_label(L, segs, i, &last)) {
                all = false;
                for (size_t j = i; j <= last && j < n; j++)
                    L->extra[j] += LINE;
            }
        }
        if (all)
            break;
    }
    double lowest = HEAD;
    for (size_t i = 0; i < n; i++) {
        double low = L->s[i] + L->D;
        lowest = low > lowest ? low : lowest;
    }
    L->bottom = lowest + 30.0;
}

/* ------------------------------------------------------------------ */
/* Drawing */

static bool zero_window(const tt_walk_seg *s)
{
    return tt_walk_window_seen(s->h) && s->h->window == 0 && !(s->h->flags & (TT_RST | TT_SYN));
}

/* A pair "x,y". */
static void em_pt(em *e, double x, double y)
{
    em_num(e, x, 1);
    em_s(e, ",");
    em_num(e, y, 1);
}

static void em_text(em *e, double x, double y, const char *anchor, const char *cls,
                    const char *text)
{
    em_s(e, "<text x=\"");
    em_num(e, x, 1);
    em_s(e, "\" y=\"");
    em_num(e, y, 1);
    em_s(e, "\"");
    if (anchor != NULL) {
        em_s(e, " text-anchor=\"");
        em_s(e, anchor);
        em_s(e, "\"");
    }
    if (cls != NULL) {
        em_s(e, " class=\"");
        em_s(e, cls);
        em_s(e, "\"");
    }
    em_s(e, ">");
    em_html(e, text);
    em_s(e, "</text>\n");
}

static void text_at(const tt_out *o, double x, double y, const char *anchor, const char *cls,
                    const char *text)
{
    em e;
    em_init(&e, o);
    em_text(&e, x, y, anchor, cls, text);
    em_flush(&e);
}

/* The label's numbers line: flags and numbers. */
static void label_numbers(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    (void)lang;
    char flags[32], numbers[96];
    tt_walk_flags(s->h->flags, flags, sizeof flags);
    tt_walk_seq_ack(s->r, s->h, numbers, sizeof numbers);
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_raw(&b, "%s%s%s", flags, numbers[0] ? " " : "", numbers);
}

/* The label's window line: the window in bytes after scaling; "" when the
 * segment shows none. */
static void label_window(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    if (tt_walk_window_seen(s->h) && !(s->h->flags & TT_RST)) {
        uint64_t bytes;
        if (tt_walk_window_bytes(s, &bytes))
            tt_sb_msg(&b, lang, TT_M_N_WIN_PLAIN, (unsigned)bytes);
        else
            tt_sb_msg(&b, lang, TT_M_N_WIN_UNKNOWN, (unsigned)s->h->window);
    }
}

static const char *seg_class(const tt_walk_seg *s)
{
    if (s->h->flags & TT_RST)
        return " reset";
    if (s->r->notes & TT_NOTE_RETRANSMISSION)
        return " retrans";
    if (zero_window(s))
        return " zero";
    return "";
}

/* One line of a label, drawn to its estimated width exactly. */
static void label_line(em *e, double y, double w, const char *cls, const char *text)
{
    em_s(e, "<text x=\"0\" y=\"");
    em_num(e, y, 1);
    em_s(e, "\" textLength=\"");
    em_num(e, w, 1);
    em_s(e, "\" lengthAdjust=\"spacingAndGlyphs\" class=\"");
    em_s(e, cls);
    em_s(e, "\">");
    em_html(e, text);
    em_s(e, "</text>\n");
}

/* One segment: its arrow, straight from where it leaves to where it
 * arrives (or, lost, to a cross short of the receiver), and, in the panel
 * that holds its capture, its label along it. */
static void draw_segment(const tt_out *o, const layout *L, const tt_walk_seg *s, size_t i,
                         bool labelled)
{
    bool c2s = s->r->dir == TT_DIR_C2S;
    double x0, y0, x1, y1;
    arrow_ends(L, s, i, &x0, &y0, &x1, &y1);
    if (!c2s) { /* from the sender */
        double tx = x0, ty = y0;
        x0 = x1, y0 = y1, x1 = tx, y1 = ty;
    }
    em e;
    em_init(&e, o);
    em_s(&e, labelled ? "<g class=\"seg" : "<g class=\"cont");
    em_s(&e, seg_class(s));
    em_s(&e, L->lost[i] ? " lost\" data-seg=\"" : "\" data-seg=\"");
    em_u(&e, (unsigned)s->r->index);
    em_s(&e, "\">\n<line class=\"arrow\" x1=\"");
    em_num(&e, x0, 1);
    em_s(&e, "\" y1=\"");
    em_num(&e, y0, 1);
    em_s(&e, "\" x2=\"");
    em_num(&e, x1, 1);
    em_s(&e, "\" y2=\"");
    em_num(&e, y1, 1);
    em_s(&e, "\"/>\n");
    double dx = x1 - x0, dy = y1 - y0;
    double r = root(dx * dx + dy * dy);
    double ux = dx / r, uy = dy / r;
    if (L->lost[i]) {
        /* a cross where it was lost */
        em_s(&e, "<path class=\"cross\" d=\"M");
        em_pt(&e, x1 - 6, y1 - 6);
        em_s(&e, " L");
        em_pt(&e, x1 + 6, y1 + 6);
        em_s(&e, " M");
        em_pt(&e, x1 - 6, y1 + 6);
        em_s(&e, " L");
        em_pt(&e, x1 + 6, y1 - 6);
        em_s(&e, "\"/>\n");
    } else {
        double bx = x1 - ux * ARROW_HEAD, by = y1 - uy * ARROW_HEAD;
        em_s(&e, "<polygon class=\"head\" points=\"");
        em_pt(&e, x1, y1);
        em_s(&e, " ");
        em_pt(&e, bx - uy * 4.0, by + ux * 4.0);
        em_s(&e, " ");
        em_pt(&e, bx + uy * 4.0, by - ux * 4.0);
        em_s(&e, "\"/>\n");
    }
    if (labelled) {
        const label *b = &L->lab[i];
        char(*lines)[LABEL_CHARS] = L->text[i];
        const char *const *cls = L->cls[i];
        unsigned nl = L->n_lines[i];
        em_s(&e, "<g class=\"label\" transform=\"matrix(");
        em_num(&e, b->ux, 4);
        em_s(&e, " ");
        em_num(&e, b->uy, 4);
        em_s(&e, " ");
        em_num(&e, -b->uy, 4);
        em_s(&e, " ");
        em_num(&e, b->ux, 4);
        em_s(&e, " ");
        em_num(&e, b->ox, 1);
        em_s(&e, " ");
        em_num(&e, b->oy, 1);
        em_s(&e, ")\">\n");
        /* from the bottom up: the numbers, the role, a note */
        double base = (b->above ? -LABEL_GAP : LABEL_GAP + b->h) - 3.0;
        for (unsigned k = 0; k < nl; k++)
            label_line(&e, base - LINE * k, L->w_line[i][k], cls[k], lines[k]);
        em_s(&e, "</g>\n");
    }
    em_s(&e, "</g>\n");
    em_flush(&e);
}

/* Where on its line a side makes a move that segment i shows: where i
 * leaves it, or where i reaches it (a lost segment reaches nothing: its
 * receiver's moves are then drawn where it would have arrived). */
static double move_y(const layout *L, const tt_walk_seg *segs, size_t i, unsigned side)
{
    return segs[i].r->dir == side ? L->s[i] : L->s[i] + L->D;
}

static int mark_cmp(const void *a, const void *b)
{
    const state_mark *x = (const state_mark *)a, *y = (const state_mark *)b;
    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return 0;
}

/* The state changes of one side, in the order they happen on its line,
 * names moved down where they would overlap. Returns how many. */
static size_t state_marks(const layout *L, const tt_walk_seg *segs, unsigned side, state_mark *out)
{
    size_t k = 0;
    /* A move on a segment drawn lost is one its receiver never made: it is
     * left out, with the correction that later undoes it. */
    int unmade = -1; /* the state before such a move */
    for (size_t i = 0; i < L->n; i++) {
        const tt_result *r = segs[i].r;
        uint8_t before = side == 0 ? r->client_before : r->server_before;
        uint8_t after = side == 0 ? r->client_after : r->server_after;
        if (before == after || before >= TT_ST_COUNT || after >= TT_ST_COUNT)
            continue;
        if (L->lost[i] && r->dir != side) {
            unmade = before;
            continue;
        }
        if (unmade >= 0 && tt_result_corrected(r, side) && after == unmade) {
            unmade = -1;
            continue;
        }
        unmade = -1;
        double y = move_y(L, segs, i, side);
        /* A correction of an assumption is no edge: no move is drawn. */
        if (tt_result_corrected(r, side)) {
            out[k++] = (state_mark){y, y, (uint16_t)i, after, true};
            continue;
        }
        /* The moves of this side on this segment: one edge of the diagram,
         * or two (through `via`). */
        tt_state to[2] = {(tt_state)after, (tt_state)after};
        tt_event ev[2];
        unsigned moves = tt_result_edges(r, side, ev);
        if (moves == 2)
            to[0] = tt_state_next((tt_state)before, ev[0]);
        if (moves == 0)
            moves = 1;
        for (unsigned e = 0; e < moves; e++)
            out[k++] = (state_mark){y, y, (uint16_t)i, (uint8_t)to[e], false};
    }
    /* A stable order: equal positions keep the order of the segments. */
    for (size_t a = 1; a < k; a++) {
        state_mark m = out[a];
        size_t b = a;
        while (b > 0 && mark_cmp(&out[b - 1], &m) > 0) {
            out[b] = out[b - 1];
            b--;
        }
        out[b] = m;
    }
    double last = HEAD - 30.0; /* the initial state's line */
    for (size_t a = 0; a < k; a++) {
        double ty = out[a].y + 4.0;
        if (ty < last + STATE_GAP)
            ty = last + STATE_GAP;
        out[a].text_y = ty;
        last = ty;
    }
    return k;
}

static bool in_panel(double top, double bottom, double lo, double hi)
{
    return hi >= top && lo <= bottom;
}

static void draw_states(const tt_out *o, const tt_walk_seg *segs, const state_mark *marks, size_t k,
                        unsigned side, double top, double bottom)
{
    double x = side_x(side);
    em e;
    em_init(&e, o);
    for (size_t a = 0; a < k; a++) {
        const state_mark *m = &marks[a];
        if (!in_panel(top, bottom, m->y - 4, m->text_y + 4))
            continue;
        unsigned seg = (unsigned)segs[m->seg].r->index;
        em_s(&e, "<circle class=\"dot\" cx=\"");
        em_num(&e, x, 1);
        em_s(&e, "\" cy=\"");
        em_num(&e, m->y, 1);
        em_s(&e, "\" r=\"3.5\" data-seg=\"");
        em_u(&e, seg);
        em_s(&e, "\"/>\n");
        if (m->text_y - m->y > 6.0) { /* moved down: a leader to its dot */
            em_s(&e, "<line class=\"cap\" x1=\"");
            em_num(&e, x, 1);
            em_s(&e, "\" y1=\"");
            em_num(&e, m->y, 1);
            em_s(&e, "\" x2=\"");
            em_num(&e, side == 0 ? x - 8 : x + 8, 1);
            em_s(&e, "\" y2=\"");
            em_num(&e, m->text_y - 4, 1);
            em_s(&e, "\"/>\n");
        }
        em_s(&e, "<text x=\"");
        em_num(&e, side == 0 ? x - 10 : x + 10, 1);
        em_s(&e, "\" y=\"");
        em_num(&e, m->text_y, 1);
        em_s(&e,
             side == 0 ? "\" text-anchor=\"end\" class=\"" : "\" text-anchor=\"start\" class=\"");
        em_s(&e, m->corrected ? "st corrected" : "st");
        em_s(&e, "\" data-seg=\"");
        em_u(&e, seg);
        em_s(&e, side == 0 ? "\" data-side=\"client\">" : "\" data-side=\"server\">");
        em_html(&e, tt_walk_state(m->state));
        em_s(&e, m->corrected ? "*</text>\n" : "</text>\n");
    }
    em_flush(&e);
}

/* A zigzag across a line at y: time left out. */
static void draw_zig(const tt_out *o, double x, double y)
{
    tt_out_printf(o,
                  "<polygon class=\"zig\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f "
                  "%.1f,%.1f\"/>\n",
                  x - 9, y - 2, x + 9, y - 8, x + 9, y + 2, x - 9, y + 8);
}

/* The heads: who is on each line. `y` is the top of the heads. */
static void draw_heads(const tt_out *o, const tt_walk_view *v, double y, bool guessed, tt_lang lang)
{
    const char *who_cls = guessed ? "who guessed" : "who";
    char buf[256];
    for (unsigned side = 0; side < 2; side++) {
        tt_sb b;
        tt_sb_init(&b, buf, sizeof buf);
        tt_sb_raw(&b, "%s", tt_msg_text(lang, side == 0 ? TT_M_HT_COL_CLIENT : TT_M_HT_COL_SERVER));
        if (guessed)
            tt_sb_raw(&b, "%s%s", lang == TT_LANG_ZH ? "" : " ",
                      tt_msg_text(lang, TT_M_HT_GUESSED));
        text_at(o, side_x(side), y + 16, "middle", who_cls, buf);
        text_at(o, side_x(side), y + 31, "middle", "mono small", side == 0 ? v->client : v->server);
    }
}

static void draw_heading(const tt_out *o, const tt_walk_view *v, const layout *L, bool guessed,
                         bool inferred, tt_lang lang)
{
    draw_heads(o, v, 0, guessed, lang);
    uint8_t first[2] = {v->segs[0].r->client_before, v->segs[0].r->server_before};
    const char *st_cls = inferred ? "st inferred" : "st";
    text_at(o, X_CLIENT - 10, HEAD - 26, "end", st_cls, tt_walk_state(first[0]));
    text_at(o, X_SERVER + 10, HEAD - 26, "start", st_cls, tt_walk_state(first[1]));
    bool right = L->x_cap > X_MID;
    text_at(o, right ? L->x_cap - 5 : L->x_cap + 5, 46, right ? "end" : "start", "small",
            tt_msg_text(lang, TT_M_HT_CAPTURE_POINT));
    text_at(o, 4, HEAD - 12, NULL, "small", tt_msg_text(lang, TT_M_HT_TIME_HEAD));
}

static void draw_panel(const tt_out *o, const tt_walk_view *v, const layout *L, size_t p,
                       const state_mark *const marks[2], const size_t counts[2],
                       const int64_t *cap_t, tt_lang lang)
{
    double top = L->panel_top[p], bottom = L->panel_bottom[p];
    double view_top = p == 0 ? top : top - HEADS_H;
    double end_y = L->bottom; /* the final states */
    tt_out_printf(o,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" "
                  "viewBox=\"0 %.1f %.1f %.1f\" width=\"%.0f\" height=\"%.1f\" "
                  "data-top=\"%.1f\" data-bottom=\"%.1f\">\n",
                  view_top, W, bottom - view_top, W, bottom - view_top, top, bottom);
    double life_top = p == 0 ? 38.0 : top;
    double life_bottom = p + 1 == L->n_panels ? end_y + 8.0 : bottom;
    tt_out_printf(o, "<line class=\"cap\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                  L->x_cap, life_top, L->x_cap, life_bottom);
    for (unsigned side = 0; side < 2; side++)
        tt_out_printf(o, "<line class=\"life\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                      side_x(side), life_top, side_x(side), life_bottom);
    bool inferred = (v->segs[0].r->notes & TT_NOTE_INFERRED) != 0;
    bool guessed = (v->segs[0].r->notes & TT_NOTE_DIR_GUESSED) != 0;
    if (p == 0)
        draw_heading(o, v, L, guessed, inferred, lang);
    /* Long pauses. */
    for (size_t i = 1; i < L->n; i++) {
        bool any = false;
        for (unsigned side = 0; side < 2; side++) {
            double y = L->pause_y[side][i];
            if (y > 0 && in_panel(top, bottom, y - 10, y + 10)) {
                draw_zig(o, side_x(side), y);
                any = true;
            }
        }
        if (L->pause_text_y[i] > 0 &&
            in_panel(top, bottom, L->pause_text_y[i] - 12, L->pause_text_y[i] + 4))
            any = true;
        if (any) {
            char num[32], buf[128];
            s_text((uint64_t)(cap_t[i] - cap_t[i - 1]), num, sizeof num);
            tt_sb b;
            tt_sb_init(&b, buf, sizeof buf);
            tt_sb_msg(&b, lang, TT_M_HT_PAUSE, num);
            text_at(o, L->pause_x[i], L->pause_text_y[i], "middle", "small pause", buf);
        }
    }
    /* Segments, in capture order: those that reach into this panel. */
    for (size_t i = first_at(L, top - L->D - 200); i < L->n && L->y_cap[i] < bottom + L->D + 200;
         i++) {
        double lo = L->s[i], hi = L->s[i] + L->D;
        lo = L->lab[i].y0 < lo ? L->lab[i].y0 : lo;
        hi = L->lab[i].y1 > hi ? L->lab[i].y1 : hi;
        if (!in_panel(top, bottom, lo, hi + 4))
            continue;
        /* the label in the panel that holds it (no cut crosses a label),
         * the time in the panel that holds the capture */
        bool last = p + 1 == L->n_panels;
        bool labelled = L->lab[i].y0 >= top && (L->lab[i].y0 < bottom || last);
        draw_segment(o, L, &v->segs[i], i, labelled);
        if (L->y_cap[i] >= top && (L->y_cap[i] < bottom || last)) {
            char t[32];
            tt_walk_time(v->segs[i].t_us, t, sizeof t);
            text_at(o, 4, L->y_cap[i] + 4, NULL, "tm", t);
        }
    }
    for (unsigned side = 0; side < 2; side++)
        draw_states(o, v->segs, marks[side], counts[side], side, top, bottom);
    if (p + 1 == L->n_panels) {
        const tt_result *last = v->segs[L->n - 1].r;
        text_at(o, X_CLIENT - 10, end_y + 4, "end", "st end", tt_walk_state(last->client_after));
        text_at(o, X_SERVER + 10, end_y + 4, "start", "st end", tt_walk_state(last->server_after));
        /* the view's end, when the capture holds more of the stream */
        const tt_walk_stream *c = tt_walk_captured(v->w);
        bool more = tt_walk_filtered(v->w) && c->last_index > last->index;
        text_at(o, X_MID, end_y + 4, "middle", "small",
                tt_msg_text(lang, more ? TT_M_HT_END_VIEW : TT_M_HT_END));
    }
    if (p > 0) {
        /* the heads again, over whatever crosses into them */
        tt_out_printf(o,
                      "<rect class=\"heads\" x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\"/>\n",
                      view_top, W, HEADS_H);
        draw_heads(o, v, view_top, guessed, lang);
    }
    tt_out_str(o, "</svg>\n");
}

static void caption(const tt_out *o, const tt_walk_view *v, const delays *d, tt_lang lang)
{
    /* a handshake the capture holds but this view leaves out */
    bool hs_filtered =
        tt_walk_filtered(v->w) && tt_walk_captured(v->w)->handshake != 0 && v->w->handshake == 0;
    static const tt_msg ids[2][3] = {
        {TT_M_HT_DELAY_NONE_CLIENT, TT_M_HT_DELAY_HS_CLIENT, TT_M_HT_DELAY_RTT_CLIENT},
        {TT_M_HT_DELAY_NONE_SERVER, TT_M_HT_DELAY_HS_SERVER, TT_M_HT_DELAY_RTT_SERVER}};
    char buf[1024], num[32];
    tt_out_str(o, "<p class=\"caption\">");
    put_msg(o, lang, TT_M_HT_CAPTION);
    for (unsigned side = 0; side < 2; side++) {
        tt_walk_ms(d->us[side], num, sizeof num);
        tt_out_str(o, lang == TT_LANG_ZH ? "" : " ");
        tt_msg id = ids[side][d->source[side]];
        if (d->source[side] == DELAY_NONE && hs_filtered)
            id = side == 0 ? TT_M_HT_DELAY_VIEW_CLIENT : TT_M_HT_DELAY_VIEW_SERVER;
        put_fmt(o, buf, sizeof buf, lang, id, num);
    }
    tt_out_str(o, "</p>\n");
}

static void legend(const tt_out *o, const tt_walk_view *v, const layout *L, size_t n, bool pause,
                   tt_lang lang)
{
    bool retrans = false, zero = false, reset = false, gap = false, corrected = false;
    bool lost = false;
    for (size_t i = 0; i < n; i++) {
        const tt_walk_seg *s = &v->segs[i];
        /* (a correction of a move on a segment drawn lost is not drawn) */
        bool undone = false;
        for (size_t j = 0; j < i && (s->r->notes & TT_NOTE_ACK_LOST); j++)
            undone |= L->lost[j] && v->segs[j].r->dir != s->r->dir;
        corrected |= tt_result_corrected(s->r, 1) && !undone;
        retrans |= (s->r->notes & TT_NOTE_RETRANSMISSION) != 0;
        zero |= zero_window(s);
        reset |= (s->h->flags & TT_RST) != 0;
        gap |= has_note(s);
        lost |= L->lost[i];
    }
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_HT_LEGEND));
    tt_out_str(o, "\n<ul class=\"legend\">\n");
    put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_ARROW));
    put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_STATE));
    if (retrans)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_RETRANS));
    if (lost)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_LOST_SEG));
    if (zero)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_ZERO));
    if (reset)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_RESET));
    if (gap)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_LOST));
    if (v->segs[0].r->notes & TT_NOTE_INFERRED)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_INFERRED));
    if (corrected)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_CORRECTED));
    if (v->segs[0].r->notes & TT_NOTE_DIR_GUESSED)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_GUESSED));
    if (pause)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_PAUSE));
    tt_out_str(o, "\n</ul>\n");
}

/* The layout is large (a few hundred kilobytes): one per call, on the heap. */
static void diagram(const tt_out *o, const tt_walk_view *v, size_t n, tt_lang lang)
{
    /* Everything is written before it is read but the room added and the
     * losses found: only those start cleared. */
    layout *L = malloc(sizeof *L);
    state_mark *marks = malloc(4 * TT_HTML_MAX_SEGMENTS * sizeof *marks);
    if (L != NULL) {
        memset(L->extra, 0, n * sizeof L->extra[0]);
        memset(L->lost, 0, n * sizeof L->lost[0]);
        L->text = malloc(n * sizeof *L->text);
    }
    if (L == NULL || marks == NULL || L->text == NULL) {
        if (L != NULL)
            free(L->text);
        free(L);
        free(marks);
        return;
    }
    delays d;
    estimate_delays(v->segs, n, &d);
    const state_mark *sides[2] = {marks, marks + 2 * TT_HTML_MAX_SEGMENTS};
    size_t counts[2];
    /* Where writing runs on for more than a page, room for a page break is
     * made and everything laid out again. */
    for (int attempt = 0;; attempt++) {
        lay_out(L, v->segs, n, &d, lang);
        counts[0] = state_marks(L, v->segs, 0, marks);
        counts[1] = state_marks(L, v->segs, 1, marks + 2 * TT_HTML_MAX_SEGMENTS);
        for (unsigned side = 0; side < 2; side++) {
            if (counts[side] > 0 && sides[side][counts[side] - 1].text_y + 20 > L->bottom)
                L->bottom = sides[side][counts[side] - 1].text_y + 20;
        }
        cut_panels(L, sides, counts);
        if (attempt >= 8 || !make_break(L))
            break;
    }
    int64_t cap_t[TT_HTML_MAX_SEGMENTS];
    for (size_t i = 0; i < n; i++)
        cap_t[i] = (int64_t)v->segs[i].t_us;
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_HT_DIAGRAM));
    tt_out_str(o, "\n");
    caption(o, v, &d, lang);
    tt_out_printf(o, "<div class=\"diagram\" data-drop=\"%.0f\">\n", L->D);
    for (size_t p = 0; p < L->n_panels; p++)
        draw_panel(o, v, L, p, sides, counts, cap_t, lang);
    tt_out_str(o, "</div>\n");
    bool pause = false;
    for (size_t i = 1; i < n; i++)
        pause |= L->pause_y[0][i] > 0 || L->pause_y[1][i] > 0;
    legend(o, v, L, n, pause, lang);
    free(marks);
    free(L->text);
    free(L);
}
/* ------------------------------------------------------------------ */
/* The table */

/* The segment table (table.h) as HTML. */
static void table_row(const tt_out *o, const tt_walk_seg *s, tt_lang lang)
{
    char buf[TT_SUMMARY_MAX];
    const char *cls = seg_class(s);
    tt_out_printf(o, "<tr%s%s%s>", cls[0] ? " class=\"" : "", cls[0] ? cls + 1 : "",
                  cls[0] ? "\"" : "");
    for (size_t c = 0; c < TT_TABLE_COLS; c++) {
        tt_table_cols[c].cell(s, lang, TT_TABLE_HTML, buf, sizeof buf);
        put_elem(o, "td", tt_table_cols[c].cls, buf);
    }
    tt_out_str(o, "</tr>\n");
}

static void table(const tt_out *o, const tt_walk_view *v, size_t n, tt_lang lang)
{
    /* The table answers the worksheet's questions: it stays on the screen,
     * and a printed copy says where it is. */
    tt_out_str(o, "<div class=\"screen\">\n");
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_HT_TABLE));
    tt_out_str(o, "\n<table class=\"walk\">\n<thead><tr>");
    for (size_t c = 0; c < TT_TABLE_COLS; c++)
        put_elem(o, "th", NULL, tt_msg_text(lang, tt_table_cols[c].head));
    tt_out_str(o, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++)
        table_row(o, &v->segs[i], lang);
    tt_out_str(o, "</tbody>\n</table>\n</div>\n");
    put_elem(o, "p", "print note", tt_msg_text(lang, TT_M_HT_TABLE_PRINT));
    tt_out_str(o, "\n");
}

/* ------------------------------------------------------------------ */
/* The table of contents */

void tt_html_toc_begin(const tt_out *o, tt_lang lang)
{
    tt_out_str(o, "<nav class=\"toc\">\n");
    put_elem(o, "h2", NULL, tt_msg_text(lang, TT_M_HT_TOC));
    tt_out_str(o, "\n<table>\n<thead><tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_TOC_STREAM));
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_TOC_ENDPOINTS));
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_TOC_WHAT));
    tt_out_str(o, "</tr></thead>\n<tbody>\n");
}

/* A few words on what happened in a stream: how it opened, how much it
 * carried, how many resends, how it ended. */
static void toc_what(const tt_walk_view *v, tt_lang lang, char *buf, size_t n)
{
    bool syn = false, opened = false, simopen = false, refused = false, reset = false;
    unsigned retrans = 0;
    uint64_t bytes = 0;
    for (size_t i = 0; i < v->n; i++) {
        const tt_result *r = v->segs[i].r;
        syn |= r->role == TT_ROLE_HANDSHAKE_1;
        opened |= r->role == TT_ROLE_HANDSHAKE_3;
        simopen |= r->role == TT_ROLE_SIMULTANEOUS_OPEN;
        refused |= r->role == TT_ROLE_REFUSED;
        reset |= r->role == TT_ROLE_RESET;
        if (r->notes & TT_NOTE_RETRANSMISSION)
            retrans++;
        else
            bytes += r->payload_len;
    }
    const tt_result *first = v->n > 0 ? v->segs[0].r : NULL;
    const tt_result *last = v->n > 0 ? v->segs[v->n - 1].r : NULL;
    tt_msg open = refused                                              ? TT_M_HT_TOC_REFUSED
                  : opened                                             ? TT_M_HT_TOC_OPENED
                  : simopen                                            ? TT_M_HT_TOC_SIMOPEN
                  : first != NULL && (first->notes & TT_NOTE_INFERRED) ? TT_M_HT_TOC_MIDWAY
                  : syn                                                ? TT_M_HT_TOC_NO_OPEN
                                                                       : TT_M_HT_TOC_MIDWAY;
    const char *sep = tt_msg_text(lang, TT_M_HT_TOC_SEP);
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_msg(&b, lang, open);
    tt_sb_raw(&b, "%s", sep);
    if (v->n == 1)
        tt_sb_msg(&b, lang, TT_M_HT_TOC_SEGS_ONE, (unsigned)bytes);
    else
        tt_sb_msg(&b, lang, TT_M_HT_TOC_SEGS, (unsigned)v->n, (unsigned)bytes);
    if (retrans > 0) {
        tt_sb_raw(&b, "%s", sep);
        if (retrans == 1)
            tt_sb_msg(&b, lang, TT_M_HT_TOC_RETRANS_ONE);
        else
            tt_sb_msg(&b, lang, TT_M_HT_TOC_RETRANS, retrans);
    }
    if (refused || last == NULL)
        return;
    bool closed = (last->client_after == TT_ST_CLOSED || last->client_after == TT_ST_TIME_WAIT) &&
                  (last->server_after == TT_ST_CLOSED || last->server_after == TT_ST_TIME_WAIT ||
                   last->server_after == TT_ST_LISTEN);
    tt_sb_raw(&b, "%s", sep);
    tt_sb_msg(&b, lang, reset ? TT_M_HT_TOC_RESET : closed ? TT_M_HT_TOC_CLOSED : TT_M_HT_TOC_OPEN);
}

void tt_html_toc_entry(const tt_out *o, const tt_walk_view *v, tt_lang lang)
{
    char buf[TT_PARAGRAPH_MAX];
    if (v == NULL || v->w == NULL)
        return;
    tt_out_str(o, "<tr><td>");
    tt_out_printf(o, "<a href=\"#stream-%" PRIu32 "\">", v->w->stream);
    put_fmt(o, buf, sizeof buf, lang, TT_M_HT_STREAM, (unsigned)v->w->stream);
    tt_out_str(o, "</a></td><td class=\"num\">");
    tt_out_html(o, v->client != NULL ? v->client : "");
    tt_out_str(o, " \xe2\x86\x92 "); /* an arrow */
    tt_out_html(o, v->server != NULL ? v->server : "");
    tt_out_str(o, "</td>");
    tt_walk_view view = *v;
    if (view.segs == NULL)
        view.n = 0;
    toc_what(&view, lang, buf, sizeof buf);
    put_elem(o, "td", NULL, buf);
    tt_out_str(o, "</tr>\n");
}

void tt_html_toc_end(const tt_out *o)
{
    tt_out_str(o, "</tbody>\n</table>\n</nav>\n");
}

/* A page that says only `text` (nothing matched). */
void tt_html_ccplot(const tt_out *o, const tt_ccplot_point *pts, size_t n, const char *sender,
                    tt_lang lang)
{
    if (n == 0 || pts == NULL)
        return;
    char *buf = malloc(TT_CCPLOT_SVG_MAX);
    if (buf == NULL)
        return;
    tt_sb b;
    tt_sb_init(&b, buf, TT_CCPLOT_SVG_MAX);
    tt_ccplot_svg(&b, pts, n, sender, lang);
    if (!b.cut) /* never half a figure: the buffer holds any plot */
        tt_out_str(o, buf);
    free(buf);
}

void tt_html_empty(const tt_out *o, const char *text, tt_lang lang)
{
    tt_html_begin(o, NULL, lang);
    tt_html_message(o, text);
    tt_html_end(o);
}

/* A sender needs this many data segments with a congestion-control phase
 * for its plot to show more than a few dots. */
#define CC_PLOT_MIN_POINTS 10u

/* The congestion plot of one sender: a point per data segment of that
 * sender with a phase, the receiver's window as its last segment before
 * advertised it, the fast retransmissions and the resends after a timeout
 * marked. Nothing when the sender has too few such segments. */
static void cc_plot_side(const tt_out *o, const tt_walk_view *v, unsigned side, tt_lang lang)
{
    size_t count = 0;
    for (size_t i = 0; i < v->n; i++)
        count += v->segs[i].r->dir == side && v->segs[i].cc != 0;
    if (count < CC_PLOT_MIN_POINTS)
        return;
    tt_ccplot_point *pts = malloc(count * sizeof *pts);
    if (pts == NULL)
        return;
    size_t k = 0;
    uint32_t rwnd = 0;
    for (size_t i = 0; i < v->n; i++) {
        const tt_walk_seg *s = &v->segs[i];
        uint64_t bytes;
        if (s->r->dir != side) {
            if (tt_walk_window_bytes(s, &bytes))
                rwnd = bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;
            continue;
        }
        if (s->cc == 0)
            continue;
        uint8_t event = TT_CCPLOT_EVENT_NONE;
        if (s->r->why == TT_WHY_FAST)
            event = TT_CCPLOT_EVENT_FAST_RETRANSMIT;
        else if (s->r->why == TT_WHY_TIMEOUT)
            event = TT_CCPLOT_EVENT_TIMEOUT;
        pts[k++] =
            (tt_ccplot_point){s->t_us, s->cc_flight, rwnd, (uint8_t)tt_cc_code_phase(s->cc), event};
    }
    char sender[160];
    snprintf(sender, sizeof sender, "%s %s",
             tt_msg_text(lang, side == TT_DIR_C2S ? TT_M_CLIENT : TT_M_SERVER),
             side == TT_DIR_C2S ? v->client : v->server);
    tt_html_ccplot(o, pts, k, sender, lang);
    free(pts);
}

/* The congestion plots of a stream, under their heading, when a sender
 * has enough data segments for one. */
static void cc_plots(const tt_out *o, const tt_walk_view *v, tt_lang lang)
{
    size_t count[2] = {0, 0};
    for (size_t i = 0; i < v->n; i++)
        count[v->segs[i].r->dir] += v->segs[i].cc != 0;
    if (count[0] < CC_PLOT_MIN_POINTS && count[1] < CC_PLOT_MIN_POINTS)
        return;
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_CC_HEAD));
    tt_out_str(o, "\n");
    cc_plot_side(o, v, TT_DIR_C2S, lang);
    cc_plot_side(o, v, TT_DIR_S2C, lang);
}

/* ------------------------------------------------------------------ */

void tt_html_stream(const tt_out *o, const tt_walk_view *v_in, tt_lang lang, uint32_t quiz_seed)
{
    char buf[TT_PARAGRAPH_MAX];
    if (v_in == NULL || v_in->w == NULL)
        return;
    tt_walk_view view = *v_in;
    if (view.client == NULL)
        view.client = "";
    if (view.server == NULL)
        view.server = "";
    if (view.segs == NULL)
        view.n = 0;
    const tt_walk_view *v = &view;
    tt_out_printf(o, "<section class=\"stream\" id=\"stream-%" PRIu32 "\">\n", v->w->stream);
    title_block(o, v, lang);
    size_t n = v->n;
    if (n > TT_HTML_MAX_SEGMENTS) {
        n = TT_HTML_MAX_SEGMENTS;
        tt_out_str(o, "<p class=\"note capped\">");
        put_fmt(o, buf, sizeof buf, lang, TT_M_HT_CAPPED, (unsigned)v->n, (unsigned)n,
                (unsigned)(v->n - n));
        tt_out_str(o, "</p>\n");
    }
    if (n > 0) {
        diagram(o, v, n, lang);
        table(o, v, n, lang);
    }
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_HT_SUMMARY));
    tt_out_str(o, "\n");
    tt_walk_closing(v->w, lang, buf, sizeof buf);
    put_elem(o, "p", "summary", buf);
    tt_out_str(o, "\n");
    if (tt_walk_losses(v, lang, buf, sizeof buf) > 0) {
        put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_L_HEAD));
        tt_out_str(o, "\n");
        put_elem(o, "p", "summary", buf);
        tt_out_str(o, "\n");
    }
    cc_plots(o, v, lang);

    /* The worksheet of this stream, its answers folded away. */
    tt_quiz_html(o, v, lang, quiz_seed);

    tt_out_str(o, "</section>\n");
}
