/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the handout's congestion plot (see ccplot.h). */
#include "ccplot.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The phases, in the order of cc_phases.def (the points' phase values). */
enum {
#define TT_CC(id, token, en, zh) CCP_##id,
#include "cc_phases.def"
#undef TT_CC
    CCP_COUNT
};

static const char *const phase_label[CCP_COUNT][TT_LANG_COUNT] = {
#define TT_CC(id, token, en, zh) {en, zh},
#include "cc_phases.def"
#undef TT_CC
};

/* Band colours: light, so that the lines stay readable on them, and told
 * apart in print. A phase without one is drawn grey. */
static const char *const phase_fill[CCP_COUNT] = {
    [CCP_TT_CC_SLOW_START] = "#bbdefb",       [CCP_TT_CC_AVOIDANCE] = "#c8e6c9",
    [CCP_TT_CC_FAST_RECOVERY] = "#ffe0b2",    [CCP_TT_CC_RTO_RECOVERY] = "#ffcdd2",
    [CCP_TT_CC_RECEIVER_LIMITED] = "#e1bee7", [CCP_TT_CC_SENDER_LIMITED] = "#fff9c4",
    [CCP_TT_CC_UNKNOWN] = "#eeeeee",
};

unsigned tt_ccplot_phase_count(void)
{
    return CCP_COUNT;
}

const char *tt_ccplot_phase_label(unsigned phase, tt_lang lang)
{
    if (phase >= CCP_COUNT || (unsigned)lang >= TT_LANG_COUNT)
        return "";
    return phase_label[phase][lang];
}

static const char *fill_of(unsigned phase)
{
    return phase < CCP_COUNT && phase_fill[phase] != NULL ? phase_fill[phase] : "#e0e0e0";
}

/* The geometry, in SVG user units (pixels at 100 %). */
#define W 760.0
#define PL 78.0  /* plot area: left */
#define PR 744.0 /*             right */
#define PT 40.0  /*             top */
#define PB 270.0 /*             bottom */
/* Pixel columns of the thinning: six points each at most. */
#define COLUMNS (TT_CCPLOT_MAX_DRAWN / 6)

/* Text content or attribute value, escaped. */
static void esc(tt_sb *b, const char *s)
{
    for (; *s; s++) {
        const char *e = *s == '&'   ? "&amp;"
                        : *s == '<' ? "&lt;"
                        : *s == '>' ? "&gt;"
                        : *s == '"' ? "&quot;"
                                    : NULL;
        if (e != NULL)
            tt_sb_raw(b, "%s", e);
        else
            tt_sb_raw(b, "%c", *s);
    }
}

/* Catalogue message `id` formatted, then escaped. */
static void esc_msg(tt_sb *b, tt_lang lang, tt_msg id, ...)
{
    char buf[1024];
    tt_sb t;
    va_list ap;
    tt_sb_init(&t, buf, sizeof buf);
    va_start(ap, id);
    tt_sb_vmsg(&t, lang, id, ap);
    va_end(ap);
    esc(b, buf);
}

/* The width of a label drawn at 12 px, roughly: CJK characters are square,
 * Latin ones about half as wide. */
static double text_width(const char *s)
{
    double w = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x80)
            w += 6.6;
        else if (c >= 0xc0)
            w += 12.0;
    }
    return w;
}

/* A "nice" step (1, 2 or 5 times a power of ten) that splits `range` into
 * at most `ticks` parts. */
static uint64_t nice_step(uint64_t range, unsigned ticks)
{
    uint64_t step = 1;
    for (;;) {
        static const unsigned mult[] = {1, 2, 5};
        for (unsigned i = 0; i < 3; i++) {
            if (range / (step * mult[i]) + (range % (step * mult[i]) != 0) <= ticks)
                return step * mult[i];
        }
        step *= 10;
    }
}

/* Seconds with `decimals` digits, from microseconds. */
static void put_seconds(tt_sb *b, uint64_t us, unsigned decimals)
{
    if (decimals > 6)
        decimals = 6;
    uint64_t scale = 1000000;
    for (unsigned i = 0; i < decimals; i++)
        scale /= 10;
    uint64_t v = us / scale, div = 1;
    for (unsigned i = 0; i < decimals; i++)
        div *= 10;
    uint64_t frac = v % div;
    tt_sb_raw(b, "%" PRIu64, v / div);
    if (decimals > 0) {
        tt_sb_raw(b, ".");
        for (uint64_t d = div / 10; d > 0; d /= 10)
            tt_sb_raw(b, "%c", (char)('0' + frac / d % 10));
    }
}

typedef struct {
    uint64_t t_end; /* the x axis: 0 .. t_end microseconds */
    uint64_t y_top; /* the y axis: 0 .. y_top bytes */
} scale;

static double xpos(const scale *s, uint64_t t)
{
    return PL + (PR - PL) * ((double)t / (double)s->t_end);
}

static double ypos(const scale *s, uint64_t v)
{
    uint64_t c = v > s->y_top ? s->y_top : v;
    return PB - (PB - PT) * ((double)c / (double)s->y_top);
}

static uint32_t value_of(const tt_ccplot_point *p, bool rwnd)
{
    return rwnd ? p->rwnd : p->flight;
}

/* Appends one vertex of a step line. */
static void step_to(tt_sb *b, const scale *s, uint64_t t, uint64_t v, bool first)
{
    if (first)
        tt_sb_raw(b, "M%.1f %.1f", xpos(s, t), ypos(s, v));
    else
        tt_sb_raw(b, "H%.1fV%.1f", xpos(s, t), ypos(s, v));
}

/* The points kept of one pixel column (indices, ascending, distinct). */
typedef struct {
    size_t idx[6];
    unsigned n;
} column;

static void column_keep(column *c, size_t i)
{
    for (unsigned k = 0; k < c->n; k++) {
        if (c->idx[k] == i)
            return;
    }
    unsigned k = c->n++;
    while (k > 0 && c->idx[k - 1] > i) {
        c->idx[k] = c->idx[k - 1];
        k--;
    }
    c->idx[k] = i;
}

/* One line (flight or window) as a step path; returns the vertices drawn.
 * Up to TT_CCPLOT_MAX_DRAWN points, every point; beyond, per pixel column
 * its first, last, highest and lowest point of this line and of the other
 * line (so both lines keep the same times). */
static size_t draw_line(tt_sb *b, const scale *s, const tt_ccplot_point *pts, size_t n, bool rwnd)
{
    size_t drawn = 0;
    uint64_t t = 0;
    if (n <= TT_CCPLOT_MAX_DRAWN) {
        for (size_t i = 0; i < n; i++) {
            t = pts[i].t_us > t ? pts[i].t_us : t;
            step_to(b, s, t, value_of(&pts[i], rwnd), i == 0);
        }
        return n;
    }
    column c = {{0}, 0};
    size_t lo[2] = {0, 0}, hi[2] = {0, 0};
    uint64_t col = 0, run_t = 0;
    for (size_t i = 0; i <= n; i++) {
        uint64_t ci = 0;
        if (i < n) {
            run_t = pts[i].t_us > run_t ? pts[i].t_us : run_t;
            ci = (uint64_t)((double)run_t / ((double)s->t_end + 1.0) * COLUMNS);
        }
        if (i == n || (i > 0 && ci != col)) {
            /* Flush the column that ended at i - 1. */
            column_keep(&c, i - 1);
            for (unsigned k = 0; k < 2; k++) {
                column_keep(&c, lo[k]);
                column_keep(&c, hi[k]);
            }
            for (unsigned k = 0; k < c.n; k++) {
                size_t j = c.idx[k];
                /* Drawn no earlier than the point before it. */
                t = pts[j].t_us > t ? pts[j].t_us : t;
                step_to(b, s, t, value_of(&pts[j], rwnd), drawn == 0);
                drawn++;
            }
            c.n = 0;
        }
        if (i == n)
            break;
        if (i == 0 || ci != col) {
            col = ci;
            column_keep(&c, i);
            lo[0] = hi[0] = lo[1] = hi[1] = i;
        }
        if (pts[i].flight < pts[lo[0]].flight)
            lo[0] = i;
        if (pts[i].flight > pts[hi[0]].flight)
            hi[0] = i;
        if (pts[i].rwnd < pts[lo[1]].rwnd)
            lo[1] = i;
        if (pts[i].rwnd > pts[hi[1]].rwnd)
            hi[1] = i;
    }
    return drawn;
}

/* The phase bands: one rectangle per run of a phase, from its first point
 * to the next run's. A run narrower than a pixel is not drawn apart: the
 * band before it goes on over it (no white gaps, and at most one
 * rectangle per pixel of the plot's width). */
static void band(tt_sb *b, unsigned phase, double x0, double x1)
{
    if (phase == 0 || phase >= CCP_COUNT || x1 - x0 < 0.1)
        return;
    tt_sb_raw(b,
              "<rect class=\"band ph-%u\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
              "height=\"%.1f\" fill=\"%s\"/>\n",
              phase, x0, PT, x1 - x0, PB - PT, fill_of(phase));
}

static void draw_bands(tt_sb *b, const scale *s, const tt_ccplot_point *pts, size_t n)
{
    uint64_t t = 0, run_start = 0;
    unsigned phase = pts[0].phase, shown = phase;
    double shown_x0 = xpos(s, 0);
    bool first = true;
    for (size_t i = 0; i <= n; i++) {
        if (i < n)
            t = pts[i].t_us > t ? pts[i].t_us : t;
        if (i < n && pts[i].phase == phase)
            continue;
        /* The run of `phase` from run_start to t has ended. */
        double x0 = xpos(s, run_start), x1 = xpos(s, t);
        if (first) {
            shown = phase;
            shown_x0 = x0;
            first = false;
        } else if (x1 - x0 >= 1.0 && phase != shown) {
            band(b, shown, shown_x0, x0);
            shown = phase;
            shown_x0 = x0;
        }
        if (i == n)
            band(b, shown, shown_x0, x1);
        else {
            phase = pts[i].phase;
            run_start = t;
        }
    }
}

static void triangle(tt_sb *b, double x, double y)
{
    tt_sb_raw(b, "<path class=\"tri\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>\n", x - 5.0, y - 9.0,
              x + 5.0, y - 9.0, x, y - 1.0);
}

static void cross(tt_sb *b, double x, double y)
{
    tt_sb_raw(b, "<path class=\"cross\" d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\"/>\n",
              x - 4.5, y - 12.0, x + 4.5, y - 3.0, x - 4.5, y - 3.0, x + 4.5, y - 12.0);
}

/* The markers of one kind of event, one per pixel column at most. Returns
 * how many were drawn. */
static size_t draw_markers(tt_sb *b, const scale *s, const tt_ccplot_point *pts, size_t n,
                           uint8_t event)
{
    size_t drawn = 0;
    uint64_t t = 0, last_col = UINT64_MAX;
    for (size_t i = 0; i < n; i++) {
        t = pts[i].t_us > t ? pts[i].t_us : t;
        if (pts[i].event != event)
            continue;
        uint64_t col = (uint64_t)(xpos(s, t) - PL);
        if (col == last_col)
            continue;
        last_col = col;
        double x = xpos(s, t), y = ypos(s, pts[i].flight);
        if (event == TT_CCPLOT_EVENT_FAST_RETRANSMIT)
            triangle(b, x, y);
        else
            cross(b, x, y);
        drawn++;
    }
    return drawn;
}

/* One legend entry at (x, y): a swatch drawn by `kind`, then the label. */
enum swatch { SW_FLIGHT, SW_RWND, SW_TRI, SW_CROSS, SW_BAND };

static double legend_item(tt_sb *b, double *x, double *y, enum swatch kind, unsigned phase,
                          const char *label)
{
    double w = 22.0 + text_width(label) + 18.0;
    if (*x + w > W - 10.0 && *x > 20.0) {
        *x = 20.0;
        *y += 20.0;
    }
    double sx = *x, sy = *y;
    switch (kind) {
    case SW_FLIGHT:
        tt_sb_raw(b,
                  "<path class=\"key-flight\" fill=\"none\" stroke=\"#0d47a1\" stroke-width=\"2\" "
                  "d=\"M%.1f %.1fH%.1f\"/>",
                  sx, sy - 4.0, sx + 18.0);
        break;
    case SW_RWND:
        tt_sb_raw(b,
                  "<path class=\"key-rwnd\" fill=\"none\" stroke=\"#ab47bc\" stroke-width=\"2\" "
                  "stroke-dasharray=\"6 4\" d=\"M%.1f %.1fH%.1f\"/>",
                  sx, sy - 4.0, sx + 18.0);
        break;
    case SW_TRI:
        tt_sb_raw(
            b, "<path class=\"key-tri\" fill=\"#e65100\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>",
            sx + 4.0, sy - 9.0, sx + 14.0, sy - 9.0, sx + 9.0, sy - 1.0);
        break;
    case SW_CROSS:
        tt_sb_raw(b,
                  "<path class=\"key-cross\" fill=\"none\" stroke=\"#c62828\" "
                  "stroke-width=\"2.4\" d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\"/>",
                  sx + 4.5, sy - 9.5, sx + 13.5, sy - 0.5, sx + 4.5, sy - 0.5, sx + 13.5, sy - 9.5);
        break;
    case SW_BAND:
        tt_sb_raw(b,
                  "<rect class=\"swatch ph-%u\" x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"11\" "
                  "fill=\"%s\" stroke=\"#9e9e9e\"/>",
                  phase, sx, sy - 10.0, fill_of(phase));
        break;
    }
    tt_sb_raw(b, "<text x=\"%.1f\" y=\"%.1f\">", sx + 24.0, sy);
    esc(b, label);
    tt_sb_raw(b, "</text>\n");
    *x += w;
    return w;
}

void tt_ccplot_svg(tt_sb *b, const tt_ccplot_point *pts, size_t n, const char *sender, tt_lang lang)
{
    if (n == 0 || pts == NULL)
        return;
    if (sender == NULL)
        sender = "";

    /* The ranges. */
    uint64_t t_last = 0;
    uint32_t max_flight = 0, max_rwnd = 0;
    size_t n_fast = 0, n_timeout = 0;
    for (size_t i = 0; i < n; i++) {
        t_last = pts[i].t_us > t_last ? pts[i].t_us : t_last;
        max_flight = pts[i].flight > max_flight ? pts[i].flight : max_flight;
        max_rwnd = pts[i].rwnd > max_rwnd ? pts[i].rwnd : max_rwnd;
        n_fast += pts[i].event == TT_CCPLOT_EVENT_FAST_RETRANSMIT;
        n_timeout += pts[i].event == TT_CCPLOT_EVENT_TIMEOUT;
    }
    scale s;
    uint64_t xstep = nice_step(t_last > 0 ? t_last : 1, 8);
    s.t_end = (t_last / xstep + (t_last % xstep != 0)) * xstep;
    if (s.t_end == 0)
        s.t_end = xstep;
    /* The window joins the y range when it is not far above the flight;
     * otherwise it is drawn along the top edge and the legend says so. */
    uint64_t top = max_flight;
    if (max_rwnd > top)
        top = (uint64_t)max_rwnd * 2 <= (uint64_t)max_flight * 3 ? max_rwnd
                                                                 : (uint64_t)max_flight * 5 / 4;
    if (top == 0)
        top = 1000;
    uint64_t ystep = nice_step(top, 6);
    s.y_top = (top / ystep + (top % ystep != 0)) * ystep;
    bool rwnd_above = max_rwnd > s.y_top;

    tt_sb_raw(b, "<figure class=\"ccplot\">\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ccplot\" "
                 "style=\"display:block;max-width:100%;height:auto\" ");
    /* The height depends on the legend: written after the legend is laid
     * out would need a second buffer, so the legend's rows are counted
     * first with the same widths. */
    double ly = PB + 62.0;
    {
        const char *labels[4 + CCP_COUNT];
        size_t k = 0;
        char rw[256];
        tt_sb t;
        tt_sb_init(&t, rw, sizeof rw);
        if (rwnd_above)
            tt_sb_msg(&t, lang, TT_M_CCP_RWND_ABOVE, (unsigned)max_rwnd);
        else
            tt_sb_msg(&t, lang, TT_M_CCP_RWND);
        labels[k++] = tt_msg_text(lang, TT_M_CCP_FLIGHT);
        labels[k++] = rw;
        if (n_fast > 0)
            labels[k++] = tt_msg_text(lang, TT_M_CCP_FAST);
        if (n_timeout > 0)
            labels[k++] = tt_msg_text(lang, TT_M_CCP_TIMEOUT);
        double x = 20.0, y = ly;
        for (size_t i = 0; i < k; i++) {
            double w = 22.0 + text_width(labels[i]) + 18.0;
            if (x + w > W - 10.0 && x > 20.0) {
                x = 20.0;
                y += 20.0;
            }
            x += w;
        }
        ly = y;
    }
    /* Phases present (a band at least a pixel wide is not known yet: every
     * phase that occurs gets its legend entry). */
    unsigned present = 0;
    for (size_t i = 0; i < n; i++) {
        if (pts[i].phase != 0 && pts[i].phase < CCP_COUNT)
            present |= 1u << pts[i].phase;
    }
    double phase_rows_y = ly + 22.0;
    {
        double x = 20.0 + text_width(tt_msg_text(lang, TT_M_CCP_PHASES)) + 10.0, y = phase_rows_y;
        for (unsigned p = 1; p < CCP_COUNT; p++) {
            if (!(present & (1u << p)))
                continue;
            double w = 22.0 + text_width(phase_label[p][lang]) + 18.0;
            if (x + w > W - 10.0 && x > 20.0) {
                x = 20.0;
                y += 20.0;
            }
            x += w;
        }
        ly = present ? y : ly;
    }
    double height = ly + 14.0;
    tt_sb_raw(b, "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n", W,
              height, W, height);
    tt_sb_raw(b, "<title>");
    esc_msg(b, lang, TT_M_CCP_TITLE, sender);
    tt_sb_raw(b, "</title>\n");
    tt_sb_raw(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>\n", W,
              height);
    tt_sb_raw(b,
              "<text class=\"ccp-title\" x=\"%.1f\" y=\"22\" font-size=\"14\" "
              "font-weight=\"bold\">",
              PL);
    esc_msg(b, lang, TT_M_CCP_TITLE, sender);
    tt_sb_raw(b, "</text>\n");

    /* Bands, grid, axes. */
    tt_sb_raw(b, "<g class=\"bands\">\n");
    draw_bands(b, &s, pts, n);
    tt_sb_raw(b, "</g>\n<g class=\"grid\" stroke=\"#bdbdbd\" stroke-width=\"0.6\">\n");
    for (uint64_t v = ystep; v <= s.y_top; v += ystep)
        tt_sb_raw(b, "<path d=\"M%.1f %.1fH%.1f\"/>\n", PL, ypos(&s, v), PR);
    tt_sb_raw(b, "</g>\n<g class=\"axes\" font-size=\"11\" fill=\"#212121\">\n");
    tt_sb_raw(b, "<path d=\"M%.1f %.1fV%.1fH%.1f\" stroke=\"#212121\" fill=\"none\"/>\n", PL, PT,
              PB, PR);
    for (uint64_t v = 0; v <= s.y_top; v += ystep) {
        double y = ypos(&s, v);
        tt_sb_raw(b, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#212121\"/>", PL - 4.0, y, PL);
        tt_sb_raw(b,
                  "<text class=\"ytick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%" PRIu64
                  "</text>\n",
                  PL - 7.0, y + 4.0, v);
    }
    unsigned decimals = xstep >= 1000000 ? 0 : xstep >= 100000 ? 1 : xstep >= 10000 ? 2 : 3;
    if (xstep < 1000)
        decimals = xstep >= 100 ? 4 : xstep >= 10 ? 5 : 6;
    for (uint64_t t = 0; t <= s.t_end; t += xstep) {
        double x = xpos(&s, t);
        tt_sb_raw(b, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"#212121\"/>", x, PB, PB + 4.0);
        tt_sb_raw(b, "<text class=\"xtick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
                  PB + 17.0);
        put_seconds(b, t, decimals);
        tt_sb_raw(b, "</text>\n");
    }
    tt_sb_raw(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\">",
              (PL + PR) / 2.0, PB + 36.0);
    esc_msg(b, lang, TT_M_CCP_XAXIS);
    tt_sb_raw(b, "</text>\n");
    tt_sb_raw(b,
              "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
              "transform=\"rotate(-90 16 %.1f)\">",
              (PT + PB) / 2.0, (PT + PB) / 2.0);
    esc_msg(b, lang, TT_M_CCP_YAXIS);
    tt_sb_raw(b, "</text>\n</g>\n");

    /* The lines: the window dashed over the flight, so that where the
     * flight sits at the window both still show. */
    tt_sb_raw(b, "<path class=\"flight\" fill=\"none\" stroke=\"#0d47a1\" "
                 "stroke-width=\"1.6\" d=\"");
    size_t drawn = draw_line(b, &s, pts, n, false);
    tt_sb_raw(b, "\"/>\n<path class=\"rwnd\" fill=\"none\" stroke=\"#ab47bc\" "
                 "stroke-width=\"1.6\" stroke-dasharray=\"6 4\" d=\"");
    draw_line(b, &s, pts, n, true);
    tt_sb_raw(b, "\"/>\n");

    /* The markers. */
    tt_sb_raw(b, "<g class=\"fast\" fill=\"#e65100\" stroke=\"#fff\" stroke-width=\"0.8\">\n");
    draw_markers(b, &s, pts, n, TT_CCPLOT_EVENT_FAST_RETRANSMIT);
    tt_sb_raw(b, "</g>\n<g class=\"timeouts\" fill=\"none\" stroke=\"#c62828\" "
                 "stroke-width=\"2.4\">\n");
    draw_markers(b, &s, pts, n, TT_CCPLOT_EVENT_TIMEOUT);
    tt_sb_raw(b, "</g>\n");

    /* The legend. */
    tt_sb_raw(b, "<g class=\"legend\" font-size=\"12\" fill=\"#212121\">\n");
    {
        double x = 20.0, y = PB + 62.0;
        char rw[256];
        tt_sb t;
        tt_sb_init(&t, rw, sizeof rw);
        if (rwnd_above)
            tt_sb_msg(&t, lang, TT_M_CCP_RWND_ABOVE, (unsigned)max_rwnd);
        else
            tt_sb_msg(&t, lang, TT_M_CCP_RWND);
        legend_item(b, &x, &y, SW_FLIGHT, 0, tt_msg_text(lang, TT_M_CCP_FLIGHT));
        legend_item(b, &x, &y, SW_RWND, 0, rw);
        if (n_fast > 0)
            legend_item(b, &x, &y, SW_TRI, 0, tt_msg_text(lang, TT_M_CCP_FAST));
        if (n_timeout > 0)
            legend_item(b, &x, &y, SW_CROSS, 0, tt_msg_text(lang, TT_M_CCP_TIMEOUT));
        if (present) {
            y += 22.0;
            tt_sb_raw(b, "<text x=\"20\" y=\"%.1f\" font-weight=\"bold\">", y);
            esc_msg(b, lang, TT_M_CCP_PHASES);
            tt_sb_raw(b, "</text>\n");
            x = 20.0 + text_width(tt_msg_text(lang, TT_M_CCP_PHASES)) + 10.0;
            for (unsigned p = 1; p < CCP_COUNT; p++) {
                if (present & (1u << p))
                    legend_item(b, &x, &y, SW_BAND, p, phase_label[p][lang]);
            }
        }
    }
    tt_sb_raw(b, "</g>\n</svg>\n<figcaption>");
    esc_msg(b, lang, TT_M_CCP_CAPTION, sender);
    if (n > TT_CCPLOT_MAX_DRAWN) {
        esc_msg(b, lang, TT_M_W_SENTENCE_SEP);
        esc_msg(b, lang, TT_M_CCP_THINNED, (unsigned)drawn, (unsigned)n);
    }
    tt_sb_raw(b, "</figcaption>\n</figure>\n");
}
