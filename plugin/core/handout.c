/* tcpteach core: the HTML handout (see handout.h).
 *
 * The sequence diagram is drawn in user units of an SVG viewBox 800 wide;
 * the page scales it to its width. Time runs down through a monotone,
 * piecewise-linear scale: every event of a drawn segment (estimated sending,
 * capture, estimated arrival) is a knot, the space between two knots grows
 * with the logarithm of the time between them, and where segments follow
 * each other closely the scale is stretched (linearly) so that every segment
 * has room for its label. A tall diagram is cut into several SVG panels at
 * places no label crosses, so that a printed page never splits a drawing. */
#include "handout.h"
#include "quiz.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "strbuf.h"
#include "timeus.h"

/* Geometry, in SVG user units. */
#define W 800.0
#define X_CLIENT 175.0
#define X_SERVER 625.0
#define X_MID 400.0
#define HEAD 84.0             /* y of the first event */
#define ROW 38.0              /* from one arrow to the next: its label's two lines */
#define LINE 14.0             /* from one line of a label to the next */
#define LABEL_TOP 32.0        /* from a capture point up to the top of its label */
#define PANEL_MAX 1050.0      /* the tallest panel (one printed page) */
#define PANEL_FIRST_MAX 560.0 /* the first, below the title block */
#define PAUSE_US 200000       /* gaps from this long on get a break mark */
#define GAP_UNIT 16.0         /* units per doubling of the time between knots */
#define STATE_GAP 13.0        /* state names beside one line stay this far apart */
#define ARROW_HEAD 9.0
#define CAP_MARGIN 50.0      /* the capture point stays this far from either line */
#define CHAR_W 7.0           /* a terminal column of label text, about */
#define LABEL_SHIFT_MAX 24.0 /* labels move at most this far off their row */

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

/* An element with escaped text content: <tag class="cls">text</tag>. */
static void put_elem(const tt_out *o, const char *tag, const char *cls, const char *text)
{
    if (cls != NULL)
        tt_out_printf(o, "<%s class=\"%s\">", tag, cls);
    else
        tt_out_printf(o, "<%s>", tag);
    tt_out_html(o, text);
    tt_out_printf(o, "</%s>", tag);
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
    "svg.diagram .zig{fill:#fff;stroke:#212121;stroke-width:1.2}\n"
    "@media print{\n"
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
    "pre.quiz-ladder{font-size:.9em;line-height:1.25}\n"
    "details.quiz-key{margin:.8em 0}\n"
    "details.quiz-key>summary{cursor:pointer;font-weight:bold}\n"
    "@media print{\n"
    "pre.quiz-ladder{font-size:8.5pt}\n"
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

static void side_cells_isn(const tt_out *o, const tt_walk_seg *syn, tt_lang lang)
{
    if (syn == NULL) {
        put_elem(o, "td", NULL, tt_msg_text(lang, TT_M_HT_SYN_MISSING));
        return;
    }
    tt_out_printf(o, "<td class=\"num\">%" PRIu32 "</td>", syn->h->seq);
}

/* true when the SYN's option area was captured in full. */
static bool options_whole(const tt_walk_seg *syn)
{
    return syn->h->problem == TT_HDR_OK && syn->h->caplen >= tt_header_len(syn->h);
}

static void side_cells_mss(const tt_out *o, const tt_walk_seg *syn, tt_lang lang)
{
    char buf[256];
    tt_msg id = TT_M_HT_SYN_MISSING;
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
    if (syn == NULL || !options_whole(syn))
        return -2;
    const tt_option *ws = tt_header_find_option(syn->h, TT_OPT_WSCALE);
    return ws != NULL ? (int)tt_option_u8(syn->h, ws, 0) : -1;
}

static void side_cells_ws(const tt_out *o, const tt_walk_seg *syn, tt_lang lang)
{
    int shift = offered_shift(syn);
    if (shift >= 0) {
        char buf[256];
        unsigned used = shift > 14 ? 14 : (unsigned)shift; /* RFC 7323: at most 14 */
        tt_out_str(o, "<td>");
        put_fmt(o, buf, sizeof buf, lang, TT_M_HT_WS_VALUE, (unsigned)shift, 1u << used);
        tt_out_str(o, "</td>");
        return;
    }
    put_elem(o, "td", NULL,
             tt_msg_text(lang, shift == -1   ? TT_M_HT_WS_ABSENT
                               : syn == NULL ? TT_M_HT_SYN_MISSING
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
    tt_out_str(o, "<table class=\"sides\">\n<thead><tr><th></th>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_COL_CLIENT));
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_COL_SERVER));
    tt_out_str(o, "</tr></thead>\n<tbody>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_ENDPOINT));
    put_elem(o, "td", "num", v->client);
    put_elem(o, "td", "num", v->server);
    tt_out_str(o, "</tr>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_ISN));
    side_cells_isn(o, syn[0], lang);
    side_cells_isn(o, syn[1], lang);
    tt_out_str(o, "</tr>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_MSS));
    side_cells_mss(o, syn[0], lang);
    side_cells_mss(o, syn[1], lang);
    tt_out_str(o, "</tr>\n<tr>");
    put_elem(o, "th", NULL, tt_msg_text(lang, TT_M_HT_WSCALE));
    side_cells_ws(o, syn[0], lang);
    side_cells_ws(o, syn[1], lang);
    tt_out_str(o, "</tr>\n</tbody>\n</table>\n");
    const int shift[2] = {offered_shift(syn[0]), offered_shift(syn[1])};
    if (shift[0] >= 0 && shift[1] >= 0) {
        put_elem(o, "p", "ws", tt_msg_text(lang, TT_M_HT_WS_USED));
        tt_out_str(o, "\n");
    } else if (shift[0] != -2 && shift[1] != -2) {
        put_elem(o, "p", "ws", tt_msg_text(lang, TT_M_HT_WS_UNUSED));
        tt_out_str(o, "\n");
    }
    put_elem(o, "p", "mode", tt_walk_seq_mode(v->w, lang));
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
/* The time scale */

enum { K_SEND = 0, K_CAPTURE = 1, K_ARRIVE = 2 };

typedef struct knot {
    int64_t t; /* microseconds */
    uint16_t seg;
    uint8_t kind;
} knot;

typedef struct layout {
    size_t n;
    double x_cap; /* the capture point between the two lines */
    double y_send[TT_HTML_MAX_SEGMENTS], y_cap[TT_HTML_MAX_SEGMENTS],
        y_arrive[TT_HTML_MAX_SEGMENTS];
    /* Each label: its centre, and how far its first line is lifted above
     * (its second lowered below) the usual place so that its own slanting
     * arrow does not run through it. */
    double label_x[TT_HTML_MAX_SEGMENTS], lift[TT_HTML_MAX_SEGMENTS], drop[TT_HTML_MAX_SEGMENTS];
    knot knots[3 * TT_HTML_MAX_SEGMENTS];
    double y[3 * TT_HTML_MAX_SEGMENTS];
    double bottom; /* below the last event */
    size_t n_panels;
    double panel_top[TT_HTML_MAX_SEGMENTS + 1], panel_bottom[TT_HTML_MAX_SEGMENTS + 1];
} layout;

static int knot_cmp(const void *a, const void *b)
{
    const knot *x = (const knot *)a, *y = (const knot *)b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->seg != y->seg)
        return x->seg < y->seg ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

/* About GAP_UNIT * log2(1 + dt / 1 ms), without the maths library: the
 * integer part of the logarithm from the highest bit, the rest linear
 * between powers of two (monotone, continuous, the same on every machine). */
static double gap_height(uint64_t dt_us)
{
    if (dt_us == 0)
        return 0;
    double x = 1.0 + (double)dt_us / 1000.0;
    double e = 0;
    while (x >= 2.0) {
        x /= 2.0;
        e += 1.0;
    }
    return GAP_UNIT * (e + (x - 1.0));
}

static bool has_note(const tt_walk_seg *s)
{
    return (s->r->analysis & TT_AN_LOST_SEGMENT) != 0;
}

/* Room above a label's usual two lines for a note. */
static double label_room(const tt_walk_seg *s)
{
    return has_note(s) ? LINE : 0;
}

static double side_x(unsigned side)
{
    return side == 0 ? X_CLIENT : X_SERVER;
}

static void label_numbers(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);

/* The label's width in user units, about (a wide character counts twice). */
static double label_width(const tt_walk_seg *s, tt_lang lang)
{
    char buf[512];
    label_numbers(s, lang, buf, sizeof buf);
    size_t w = tt_display_width(buf);
    tt_walk_role_label(s->r, lang, buf, sizeof buf);
    size_t w2 = tt_display_width(buf);
    if (has_note(s)) {
        size_t w3 = tt_display_width(tt_msg_text(lang, TT_M_HT_LOST));
        w2 = w3 > w2 ? w3 : w2;
    }
    return CHAR_W * (double)(w > w2 ? w : w2);
}

/* The arrow of segment i at x (a polyline through the capture point). */
static double arrow_y(const layout *L, const tt_walk_seg *s, size_t i, double x)
{
    unsigned from = s->r->dir == TT_DIR_C2S ? 0 : 1;
    double x0 = side_x(from), x1 = side_x(1 - from);
    double lo = x0 < x1 ? x0 : x1, hi = x0 < x1 ? x1 : x0;
    x = x < lo ? lo : x > hi ? hi : x;
    /* which piece: between the sender and the capture point, or after */
    bool first = (x0 < x1) ? x <= L->x_cap : x >= L->x_cap;
    double xa = first ? x0 : L->x_cap, ya = first ? L->y_send[i] : L->y_cap[i];
    double xb = first ? L->x_cap : x1, yb = first ? L->y_cap[i] : L->y_arrive[i];
    if (xb == xa)
        return yb;
    return ya + (yb - ya) * (x - xa) / (xb - xa);
}

/* Places every knot, with `lift`/`drop` of room reserved around labels. */
static void place(layout *L, const tt_walk_seg *segs, size_t m)
{
    /* gap[k]: the height between knot k-1 and knot k. */
    double gap[3 * TT_HTML_MAX_SEGMENTS];
    gap[0] = 0;
    for (size_t k = 1; k < m; k++)
        gap[k] = gap_height((uint64_t)(L->knots[k].t - L->knots[k - 1].t));
    /* Between two captures in a row, at least room for the labels: stretch
     * that stretch of time linearly. */
    size_t prev = m;
    for (size_t k = 0; k < m; k++) {
        if (L->knots[k].kind != K_CAPTURE)
            continue;
        if (prev != m) {
            size_t a = L->knots[prev].seg, b = L->knots[k].seg;
            double need = ROW + label_room(&segs[b]) + L->drop[a] + L->lift[b];
            double have = 0;
            for (size_t j = prev + 1; j <= k; j++)
                have += gap[j];
            if (have < need) {
                int64_t span = L->knots[k].t - L->knots[prev].t;
                for (size_t j = prev + 1; j <= k; j++) {
                    if (span > 0)
                        gap[j] = need * (double)(L->knots[j].t - L->knots[j - 1].t) / (double)span;
                    else
                        gap[j] = j == k ? need : 0;
                }
            }
        } else {
            /* the first label stays below the heading */
            double have = 0;
            for (size_t j = 1; j <= k; j++)
                have += gap[j];
            size_t b = L->knots[k].seg;
            double want = L->lift[b] + label_room(&segs[b]);
            if (have < want)
                gap[k] += want - have;
        }
        prev = k;
    }
    double y = HEAD;
    for (size_t k = 0; k < m; k++) {
        y += gap[k];
        L->y[k] = y;
        const knot *kn = &L->knots[k];
        double *dst = kn->kind == K_SEND      ? L->y_send
                      : kn->kind == K_CAPTURE ? L->y_cap
                                              : L->y_arrive;
        dst[kn->seg] = y;
    }
    L->bottom = (m > 0 ? y : HEAD) + 30.0;
}

/* Where each label goes on the placed arrows. An arrow only goes down, so
 * beyond the capture point (towards the receiver) it runs below the
 * capture's row: the label starts there when it fits between the lines, and
 * is otherwise moved back towards the sender and lifted clear of its arrow.
 * `lift` and `drop` (how far the arrow runs above and below the capture's
 * row under the label) are at most `limit` (NULL: LABEL_SHIFT_MAX). */
static void place_labels(layout *L, const tt_walk_seg *segs, const double *w, const double *limit)
{
    for (size_t i = 0; i < L->n; i++) {
        bool c2s = segs[i].r->dir == TT_DIR_C2S;
        double lo = X_CLIENT + 10.0, hi = X_SERVER - 10.0;
        double left;
        if (c2s) {
            left = L->x_cap + 6.0;
            if (left + w[i] > hi)
                left = hi - w[i];
        } else {
            left = L->x_cap - 6.0 - w[i];
            if (left < lo)
                left = lo;
        }
        if (left < lo)
            left = lo;
        double right = left + w[i] > hi && left == lo ? hi : left + w[i];
        L->label_x[i] = (left + right) / 2;
        double yc = L->y_cap[i];
        double ya = arrow_y(L, &segs[i], i, left), yb = arrow_y(L, &segs[i], i, right);
        double top = ya < yb ? ya : yb, low = ya < yb ? yb : ya;
        double lift = yc - top > 0 ? yc - top : 0, drop = low - yc > 0 ? low - yc : 0;
        double max = limit ? limit[i] : LABEL_SHIFT_MAX;
        L->lift[i] = lift < max ? lift : max;
        L->drop[i] = drop < LABEL_SHIFT_MAX ? drop : LABEL_SHIFT_MAX;
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

/* The delays are estimates: where one would draw an acknowledgment leaving
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
        if (!(a->h->flags & TT_ACK) || !tt_walk_window_seen(a->h)) {
            continue;
        }
        for (size_t j = 0; j < i; j++) {
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

static void lay_out(layout *L, const tt_walk_seg *segs, size_t n, const delays *d, tt_lang lang)
{
    L->n = n;
    double sum = (double)d->us[0] + (double)d->us[1];
    L->x_cap = sum > 0 ? X_CLIENT + (X_SERVER - X_CLIENT) * (double)d->us[0] / sum : X_MID;
    /* Never on a line: the bend of an arrow at the capture point shows. */
    if (L->x_cap < X_CLIENT + CAP_MARGIN)
        L->x_cap = X_CLIENT + CAP_MARGIN;
    if (L->x_cap > X_SERVER - CAP_MARGIN)
        L->x_cap = X_SERVER - CAP_MARGIN;
    int64_t sent[TT_HTML_MAX_SEGMENTS], arrived[TT_HTML_MAX_SEGMENTS];
    for (size_t i = 0; i < n; i++) {
        int64_t t = (int64_t)segs[i].t_us;
        unsigned from = segs[i].r->dir == TT_DIR_C2S ? 0 : 1;
        sent[i] = t - (int64_t)d->us[from];
        arrived[i] = t + (int64_t)d->us[1 - from];
    }
    keep_causes(segs, n, sent, arrived);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        L->knots[m++] = (knot){sent[i], (uint16_t)i, K_SEND};
        L->knots[m++] = (knot){(int64_t)segs[i].t_us, (uint16_t)i, K_CAPTURE};
        L->knots[m++] = (knot){arrived[i], (uint16_t)i, K_ARRIVE};
    }
    qsort(L->knots, m, sizeof L->knots[0], knot_cmp);
    /* Three times: the room a label needs depends on how its arrow slants,
     * and the room given makes the arrows slant more. The last pass keeps the
     * room of the one before. */
    double w[TT_HTML_MAX_SEGMENTS], lift[TT_HTML_MAX_SEGMENTS];
    for (size_t i = 0; i < n; i++) {
        w[i] = label_width(&segs[i], lang);
        L->lift[i] = L->drop[i] = 0;
        lift[i] = 0;
    }
    for (int pass = 0; pass < 3; pass++) {
        place(L, segs, m);
        place_labels(L, segs, w, pass == 2 ? lift : NULL);
        for (size_t i = 0; pass < 2 && i < n; i++) {
            if (L->lift[i] > lift[i])
                lift[i] = L->lift[i];
            L->lift[i] = lift[i];
        }
    }

    /* Panels: cut just above a label's first line, never taller than a
     * page unless one segment needs more. */
    L->n_panels = 0;
    double top = 0, last_cut = -1;
    for (size_t k = 0; k < m; k++) {
        if (L->knots[k].kind != K_CAPTURE)
            continue;
        size_t b = L->knots[k].seg;
        double cut = L->y[k] - LABEL_TOP - label_room(&segs[b]) - lift[b];
        if (cut <= top + 40.0)
            continue;
        double max = L->n_panels == 0 ? PANEL_FIRST_MAX : PANEL_MAX;
        if (cut - top > max && L->n_panels < TT_HTML_MAX_SEGMENTS) {
            double at = last_cut > top ? last_cut : cut;
            L->panel_top[L->n_panels] = top;
            L->panel_bottom[L->n_panels] = at;
            L->n_panels++;
            top = at;
        }
        last_cut = cut;
    }
    L->panel_top[L->n_panels] = top;
    L->panel_bottom[L->n_panels] = L->bottom + 22.0;
    L->n_panels++;
}

/* ------------------------------------------------------------------ */
/* Drawing */

static bool zero_window(const tt_walk_seg *s)
{
    return tt_walk_window_seen(s->h) && s->h->window == 0 && !(s->h->flags & (TT_RST | TT_SYN));
}

static void text_at(const tt_out *o, double x, double y, const char *anchor, const char *cls,
                    const char *text)
{
    tt_out_printf(o, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
    if (anchor != NULL)
        tt_out_printf(o, " text-anchor=\"%s\"", anchor);
    if (cls != NULL)
        tt_out_printf(o, " class=\"%s\"", cls);
    tt_out_str(o, ">");
    tt_out_html(o, text);
    tt_out_str(o, "</text>\n");
}

/* The label's numbers line: flags, numbers, window, SACK blocks. */
static void label_numbers(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n)
{
    char flags[32], numbers[96];
    tt_walk_flags(s->h->flags, flags, sizeof flags);
    /* The window follows, in bytes after scaling. */
    tt_walk_seq_ack(s->r, s->h, numbers, sizeof numbers);
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_raw(&b, "%s%s%s", flags, numbers[0] ? " " : "", numbers);
    if (tt_walk_window_seen(s->h) && !(s->h->flags & TT_RST)) {
        uint64_t bytes;
        tt_sb_raw(&b, " \xc2\xb7 "); /* a middle dot */
        if (tt_walk_window_bytes(s, &bytes))
            tt_sb_msg(&b, lang, TT_M_N_WIN_PLAIN, (unsigned)bytes);
        else
            tt_sb_msg(&b, lang, TT_M_N_WIN_UNKNOWN, (unsigned)s->h->window);
    }
    uint32_t blocks[4][2];
    unsigned count = tt_walk_window_seen(s->h) ? tt_walk_sack(s, blocks, 4) : 0;
    for (unsigned i = 0; i < count; i++)
        tt_sb_raw(&b, " \xc2\xb7 SACK %" PRIu32 "-%" PRIu32, blocks[i][0], blocks[i][1]);
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

/* One segment: its arrow (sender -> capture point -> receiver), and, in
 * the panel that holds its capture, its label. */
static void draw_segment(const tt_out *o, const layout *L, const tt_walk_seg *s, size_t i,
                         bool labelled, tt_lang lang)
{
    unsigned from = s->r->dir == TT_DIR_C2S ? 0 : 1;
    double x0 = side_x(from), x1 = side_x(1 - from);
    double y0 = L->y_send[i], yc = L->y_cap[i], y1 = L->y_arrive[i];
    tt_out_printf(o, "<g class=\"%s%s\">\n", labelled ? "seg" : "cont", seg_class(s));
    tt_out_printf(o, "<polyline class=\"arrow\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>\n", x0,
                  y0, L->x_cap, yc, x1, y1);
    /* The head points along the last piece. */
    double dx = x1 - L->x_cap, dy = y1 - yc;
    if (dx == 0 && dy == 0)
        dx = x1 - x0, dy = y1 - y0;
    double len = dx * dx + dy * dy;
    /* a square root without libm: a few Newton steps from a good start */
    double r = len > 0 ? (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy) : 1;
    for (int k = 0; k < 8 && len > 0; k++)
        r = (r + len / r) / 2;
    double ux = dx / r, uy = dy / r;
    double bx = x1 - ux * ARROW_HEAD, by = y1 - uy * ARROW_HEAD;
    tt_out_printf(o, "<polygon class=\"head\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>\n", x1, y1,
                  bx - uy * 4.0, by + ux * 4.0, bx + uy * 4.0, by - ux * 4.0);
    if (labelled) {
        char buf[512];
        label_numbers(s, lang, buf, sizeof buf);
        double x = L->label_x[i], y = yc - 5 - L->lift[i];
        text_at(o, x, y, "middle", "lbl", buf);
        tt_walk_role_label(s->r, lang, buf, sizeof buf);
        text_at(o, x, y - LINE, "middle", "lbl role", buf);
        if (has_note(s))
            text_at(o, x, y - 2 * LINE, "middle", "lbl lost", tt_msg_text(lang, TT_M_HT_LOST));
    }
    tt_out_str(o, "</g>\n");
}

/* Where on its line a side makes a move that segment i shows. What it
 * does itself (sends a SYN or FIN, closes) happens when it sends i (or when
 * i reaches it, if the peer sent i); what it receives happens when i
 * reaches it, or, when the move is shown on a segment it sends (its answer
 * to a FIN, or a second move on one segment), when the peer's latest
 * segment before i (its latest FIN, for a FIN received) reached it. */
static double move_y(const layout *L, const tt_walk_seg *segs, size_t i, unsigned side)
{
    return segs[i].r->dir == side ? L->y_send[i] : L->y_arrive[i];
}

typedef struct state_mark {
    double y;      /* where the change happens */
    double text_y; /* where its name is written */
    uint8_t state;
    bool corrected; /* not a move: the state shown before was an assumption */
} state_mark;

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
    for (size_t i = 0; i < L->n; i++) {
        const tt_result *r = segs[i].r;
        uint8_t before = side == 0 ? r->client_before : r->server_before;
        uint8_t after = side == 0 ? r->client_after : r->server_after;
        if (before == after || before >= TT_ST_COUNT || after >= TT_ST_COUNT)
            continue;
        /* A correction of an assumption is no edge: no move is drawn. */
        if (tt_result_corrected(r, side)) {
            out[k].y = move_y(L, segs, i, side);
            out[k].state = after;
            out[k].corrected = true;
            k++;
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
        /* Every move of a side on a segment happens where that segment
         * leaves it or reaches it. */
        double y = move_y(L, segs, i, side);
        for (unsigned e = 0; e < moves; e++) {
            out[k].y = y;
            out[k].state = (uint8_t)to[e];
            out[k].corrected = false;
            k++;
        }
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

static void draw_states(const tt_out *o, const state_mark *marks, size_t k, unsigned side,
                        double top, double bottom)
{
    double x = side_x(side);
    for (size_t a = 0; a < k; a++) {
        const state_mark *m = &marks[a];
        if (!in_panel(top, bottom, m->y - 4, m->text_y + 4) &&
            !in_panel(top, bottom, m->text_y - 12, m->text_y + 4))
            continue;
        tt_out_printf(o, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"/>\n", x, m->y);
        if (m->text_y - m->y > 6.0) /* moved down: a leader to its dot */
            tt_out_printf(o,
                          "<line class=\"cap\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                          "y2=\"%.1f\"/>\n",
                          x, m->y, side == 0 ? x - 8 : x + 8, m->text_y - 4);
        char name[32];
        snprintf(name, sizeof name, "%s%s", tt_walk_state(m->state), m->corrected ? "*" : "");
        text_at(o, side == 0 ? x - 10 : x + 10, m->text_y, side == 0 ? "end" : "start",
                m->corrected ? "st corrected" : "st", name);
    }
}

/* A zigzag across each line at y: a stretch of time drawn shorter. */
static void draw_pause(const tt_out *o, double y, uint64_t dt_us, tt_lang lang)
{
    for (unsigned side = 0; side < 2; side++) {
        double x = side_x(side);
        tt_out_printf(o,
                      "<polygon class=\"zig\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f "
                      "%.1f,%.1f\"/>\n",
                      x - 9, y - 2, x + 9, y - 8, x + 9, y + 2, x - 9, y + 8);
    }
    char num[32], buf[128];
    s_text(dt_us, num, sizeof num);
    tt_sb b;
    tt_sb_init(&b, buf, sizeof buf);
    tt_sb_msg(&b, lang, TT_M_HT_PAUSE, num);
    text_at(o, X_MID, y + 4, "middle", "small pause", buf);
}

static void draw_heading(const tt_out *o, const tt_walk_view *v, const layout *L, bool guessed,
                         bool inferred, tt_lang lang)
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
        text_at(o, side_x(side), 16, "middle", who_cls, buf);
        text_at(o, side_x(side), 31, "middle", "mono small", side == 0 ? v->client : v->server);
    }
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
                       const state_mark *const marks[2], const size_t counts[2], tt_lang lang)
{
    double top = L->panel_top[p], bottom = L->panel_bottom[p];
    double end_y = L->bottom; /* the final states */
    tt_out_printf(o,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" "
                  "viewBox=\"0 %.1f %.1f %.1f\" width=\"%.0f\" height=\"%.1f\">\n",
                  top, W, bottom - top, W, bottom - top);
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
    size_t m = 3 * L->n;
    for (size_t k = 1; k < m; k++) {
        int64_t dt = L->knots[k].t - L->knots[k - 1].t;
        double y = (L->y[k - 1] + L->y[k]) / 2;
        if (dt >= PAUSE_US && in_panel(top, bottom, y - 10, y + 10))
            draw_pause(o, y, (uint64_t)dt, lang);
    }
    /* Segments, in capture order. */
    for (size_t i = 0; i < L->n; i++) {
        double lo = L->y_send[i], hi = L->y_arrive[i];
        if (L->y_cap[i] < lo)
            lo = L->y_cap[i];
        if (!in_panel(top, bottom, lo - LABEL_TOP - LINE - L->lift[i], hi + 4))
            continue;
        bool mine = L->y_cap[i] >= top && (L->y_cap[i] < bottom || p + 1 == L->n_panels);
        draw_segment(o, L, &v->segs[i], i, mine, lang);
        if (mine) {
            char t[32];
            tt_walk_time(v->segs[i].t_us, t, sizeof t);
            text_at(o, 4, L->y_cap[i] + 4, NULL, "tm", t);
        }
    }
    for (unsigned side = 0; side < 2; side++)
        draw_states(o, marks[side], counts[side], side, top, bottom);
    if (p + 1 == L->n_panels) {
        const tt_result *last = v->segs[L->n - 1].r;
        text_at(o, X_CLIENT - 10, end_y + 4, "end", "st", tt_walk_state(last->client_after));
        text_at(o, X_SERVER + 10, end_y + 4, "start", "st", tt_walk_state(last->server_after));
        text_at(o, X_MID, end_y + 4, "middle", "small", tt_msg_text(lang, TT_M_HT_END));
    }
    tt_out_str(o, "</svg>\n");
}

static void caption(const tt_out *o, const delays *d, tt_lang lang)
{
    static const tt_msg ids[2][3] = {
        {TT_M_HT_DELAY_NONE_CLIENT, TT_M_HT_DELAY_HS_CLIENT, TT_M_HT_DELAY_RTT_CLIENT},
        {TT_M_HT_DELAY_NONE_SERVER, TT_M_HT_DELAY_HS_SERVER, TT_M_HT_DELAY_RTT_SERVER}};
    char buf[1024], num[32];
    tt_out_str(o, "<p class=\"caption\">");
    put_msg(o, lang, TT_M_HT_CAPTION);
    for (unsigned side = 0; side < 2; side++) {
        tt_walk_ms(d->us[side], num, sizeof num);
        tt_out_str(o, lang == TT_LANG_ZH ? "" : " ");
        put_fmt(o, buf, sizeof buf, lang, ids[side][d->source[side]], num);
    }
    tt_out_str(o, "</p>\n");
}

static void legend(const tt_out *o, const tt_walk_view *v, size_t n, bool pause, tt_lang lang)
{
    bool retrans = false, zero = false, reset = false, lost = false, corrected = false;
    for (size_t i = 0; i < n; i++) {
        const tt_walk_seg *s = &v->segs[i];
        corrected |= tt_result_corrected(s->r, 1);
        retrans |= (s->r->notes & TT_NOTE_RETRANSMISSION) != 0;
        zero |= zero_window(s);
        reset |= (s->h->flags & TT_RST) != 0;
        lost |= has_note(s);
    }
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_HT_LEGEND));
    tt_out_str(o, "\n<ul class=\"legend\">\n");
    put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_ARROW));
    put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_STATE));
    if (retrans)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_RETRANS));
    if (zero)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_ZERO));
    if (reset)
        put_elem(o, "li", NULL, tt_msg_text(lang, TT_M_HT_LEG_RESET));
    if (lost)
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

/* The layout is large (a few tens of kilobytes): one per call, on the heap. */
static void diagram(const tt_out *o, const tt_walk_view *v, size_t n, tt_lang lang)
{
    layout *L = calloc(1, sizeof *L);
    state_mark *marks = calloc(4 * TT_HTML_MAX_SEGMENTS, sizeof *marks);
    if (L == NULL || marks == NULL) {
        free(L);
        free(marks);
        return;
    }
    delays d;
    estimate_delays(v->segs, n, &d);
    lay_out(L, v->segs, n, &d, lang);
    const state_mark *sides[2] = {marks, marks + 2 * TT_HTML_MAX_SEGMENTS};
    size_t counts[2] = {state_marks(L, v->segs, 0, marks),
                        state_marks(L, v->segs, 1, marks + 2 * TT_HTML_MAX_SEGMENTS)};
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_HT_DIAGRAM));
    tt_out_str(o, "\n");
    caption(o, &d, lang);
    tt_out_str(o, "<div class=\"diagram\">\n");
    for (size_t p = 0; p < L->n_panels; p++)
        draw_panel(o, v, L, p, sides, counts, lang);
    tt_out_str(o, "</div>\n");
    bool pause = false;
    for (size_t k = 1; k < 3 * n; k++)
        pause |= L->knots[k].t - L->knots[k - 1].t >= PAUSE_US;
    legend(o, v, n, pause, lang);
    free(marks);
    free(L);
}

/* ------------------------------------------------------------------ */
/* The table */

static void state_cell(const tt_out *o, uint8_t before, uint8_t after, tt_lang lang)
{
    char buf[128];
    if (before == after) {
        put_elem(o, "td", NULL, tt_walk_state(after));
        return;
    }
    tt_out_str(o, "<td>");
    put_fmt(o, buf, sizeof buf, lang, TT_M_HT_STATE_CHANGE, tt_walk_state(before),
            tt_walk_state(after));
    tt_out_str(o, "</td>");
}

static void table_row(const tt_out *o, const tt_walk_seg *s, tt_lang lang)
{
    char buf[TT_SUMMARY_MAX];
    const tt_result *r = s->r;
    const char *cls = seg_class(s);
    tt_out_printf(o, "<tr%s%s%s>", cls[0] ? " class=\"" : "", cls[0] ? cls + 1 : "",
                  cls[0] ? "\"" : "");
    tt_out_printf(o, "<td class=\"num\">%u</td><td class=\"num\">%" PRIu32 "</td>",
                  (unsigned)r->index, s->frame);
    tt_walk_time(s->t_us, buf, sizeof buf);
    put_elem(o, "td", "num", buf);
    put_elem(o, "td", "dir", tt_msg_text(lang, r->dir == TT_DIR_C2S ? TT_M_W_C2S : TT_M_W_S2C));
    tt_walk_flags(s->h->flags, buf, sizeof buf);
    put_elem(o, "td", "num", buf);
    tt_walk_numbers(r, s->h, buf, sizeof buf);
    put_elem(o, "td", "num", buf);
    /* The numbers beyond seq/ack; the time has its own column. */
    tt_walk_more(s, lang, buf, sizeof buf);
    const char *sep = strstr(buf, tt_msg_text(lang, TT_M_N_SEP));
    put_elem(o, "td", "more", sep != NULL ? sep + strlen(tt_msg_text(lang, TT_M_N_SEP)) : "");
    tt_walk_role_label(r, lang, buf, sizeof buf);
    put_elem(o, "td", "role", buf);
    state_cell(o, r->client_before, r->client_after, lang);
    state_cell(o, r->server_before, r->server_after, lang);
    tt_explain_summary(r, s->h, lang, buf, sizeof buf);
    put_elem(o, "td", "what", buf);
    tt_out_str(o, "</tr>\n");
}

static void table(const tt_out *o, const tt_walk_view *v, size_t n, tt_lang lang)
{
    static const tt_msg heads[] = {TT_M_HT_TH_INDEX,   TT_M_HT_TH_FRAME, TT_M_HT_TH_TIME,
                                   TT_M_HT_TH_DIR,     TT_M_HT_TH_FLAGS, TT_M_HT_TH_NUMBERS,
                                   TT_M_HT_TH_MORE,    TT_M_HT_TH_ROLE,  TT_M_HT_COL_CLIENT,
                                   TT_M_HT_COL_SERVER, TT_M_HT_TH_WHAT};
    put_elem(o, "h3", NULL, tt_msg_text(lang, TT_M_HT_TABLE));
    tt_out_str(o, "\n<table class=\"walk\">\n<thead><tr>");
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        put_elem(o, "th", NULL, tt_msg_text(lang, heads[i]));
    tt_out_str(o, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++)
        table_row(o, &v->segs[i], lang);
    tt_out_str(o, "</tbody>\n</table>\n");
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

    /* The worksheet of this stream, its answers folded away. */
    tt_quiz_html(o, v, lang, quiz_seed);

    tt_out_str(o, "</section>\n");
}
