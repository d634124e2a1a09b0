/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the "TCP Teaching" menu of the Wireshark GUI (Tools >
 * TCP Teaching), through Wireshark's funnel API, the one Lua plugins use.
 *
 * - 1 Walkthrough, 2 Ladder diagram, 3 Walkthrough in Markdown, 4 Quiz: the
 *   document of the frames the packet list shows in one of Wireshark's text
 *   windows, in the language preference, with a "Save as..." button that
 *   writes the document to a file and a "Refresh" button that makes it
 *   again (after another display filter, for example).
 * - 5 Save handout (HTML)...: makes the HTML handout of the same frames,
 *   asks for a file name, writes it there and offers to open it in the
 *   browser.
 * Wireshark sorts the entries of a menu by name: the numbers give the order.
 *
 * The documents come from tt_output_new(): a tap listener that writes the
 * whole document to a sink each time Wireshark's taps draw. The menu asks
 * Wireshark to pass the packets to the taps again (a retap), which it does
 * before returning, so the window shows the document at once. The listener
 * keeps only the frames that passed the display filter applied last (the
 * frame's "passed display filter" flag, which a retap leaves as it is): the
 * document describes the packets on screen, never the text being typed in
 * the filter bar. The funnel API does not tell which filter was applied, so
 * a second listener counts the frames shown and the frames in all, and the
 * window says both. The listeners live as long as their window.
 *
 * The window cannot tell which packet is selected in the packet list (the
 * funnel API does not say), so the display filter decides: filter on
 * "tcp.stream == N" for one stream.
 *
 * What the funnel API allows, in every release from 4.0 to 4.6: a text
 * window of a fixed first size (620 x 450 pixels) whose text is replaced as
 * a whole (which scrolls back to the top and drops the "Highlight" marks),
 * buttons under it, and a dialog of one-line text fields (no file chooser).
 * So the window shows the text as HTML that wraps where prose wraps and
 * never wraps a diagram (a horizontal scroll bar shows instead), a save
 * tells its outcome in a small window of its own, and an existing file is
 * replaced only after a second dialog names it.
 */
#include "config_glue.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <epan/funnel.h>
#include <epan/tap.h>

#include "compat.h"
#include "glue.h"
#include "menu.h"
#include "utf8.h"

/* A document larger than this is cut (a text window of hundreds of
 * megabytes helps nobody, and memory stays bounded). */
#define TT_MENU_MAX_MIB 64u
#define TT_MENU_MAX_BYTES ((size_t)TT_MENU_MAX_MIB * 1024u * 1024u)

typedef struct menu_entry {
    tt_out_kind kind;
    tt_msg path;      /* under Tools */
    tt_msg name;      /* the document's name */
    const char *file; /* default file name, in the home folder */
} menu_entry;

/* Every document of the catalogue; those with a path have a menu entry. */
static const menu_entry entries[] = {
#define TT_DOC(name, cli, menu_path, title, file) {TT_OUT_##name, menu_path, title, file},
#include "documents.def"
#undef TT_DOC
};

static tt_lang lang_now(void)
{
    return (tt_lang)tt_pref.language;
}

static const char *msg(tt_msg id)
{
    return tt_msg_text(lang_now(), id);
}

/* "TCP Teaching: Walkthrough", in the current language (g_free it). */
static char *window_title(const menu_entry *e)
{
    return g_strdup_printf(msg(TT_M_MENU_TITLE), msg(e->name));
}

/* ---- the frames the packet list shows ---- */

/* Counts, on every pass of the packets through the taps, the frames in all
 * and those that passed the display filter applied last. */
typedef struct frame_count {
    unsigned total, shown;
    bool registered;
} frame_count;

static void count_reset(void *data)
{
    frame_count *fc = (frame_count *)data;
    fc->total = fc->shown = 0;
}

static tap_packet_status count_packet(void *data, packet_info *pinfo, epan_dissect_t *edt,
                                      const void *tap_data, tap_flags_t flags)
{
    (void)edt;
    (void)tap_data;
    (void)flags;
    frame_count *fc = (frame_count *)data;
    fc->total++;
    if (pinfo->fd->passed_dfilter)
        fc->shown++;
    return TAP_PACKET_DONT_REDRAW;
}

static void count_start(frame_count *fc)
{
    fc->total = fc->shown = 0;
    GString *err = register_tap_listener("frame", fc, NULL, TL_REQUIRES_NOTHING, count_reset,
                                         count_packet, NULL, NULL);
    fc->registered = err == NULL;
    if (err != NULL)
        g_string_free(err, TRUE);
}

static void count_stop(frame_count *fc)
{
    if (fc->registered)
        remove_tap_listener(fc);
    fc->registered = false;
}

/* The line that says which frames the document covers. */
static void describe_frames(GString *s, const frame_count *fc)
{
    if (!fc->registered)
        return;
    if (fc->shown == 0)
        g_string_append_printf(s, msg(TT_M_MENU_FRAMES_NONE), fc->total);
    else if (fc->shown == fc->total)
        g_string_append_printf(s, msg(TT_M_MENU_FRAMES_ALL), fc->total);
    else
        g_string_append_printf(s, msg(TT_M_MENU_FRAMES_SOME), fc->shown, fc->total);
    g_string_append_c(s, '\n');
}

/* ---- a document collected from the sink ---- */

typedef struct collected {
    GString *pending; /* the document being written */
    GString *doc;     /* the last whole document */
    bool cut;         /* pending went over TT_MENU_MAX_BYTES */
    bool doc_cut;
    unsigned drawn; /* how many whole documents arrived */
    bool stale;     /* the last draw may not describe the packet list */
    bool closed;    /* no capture open (no draw, or one without frames) */
    frame_count frames;
    frame_count doc_frames; /* the counts when doc was made */
    frame_count trusted;    /* the counts of the last retap the menu asked for */
} collected;

/* Inside a retap the menu asked for, the frames' "passed display filter"
 * flags are those of the packet list. Wireshark also passes the packets to
 * the taps when it reads a capture (open, reload) and when it dissects them
 * again (another preference); when it reads, the taps see each frame before
 * the display filter has marked it (4.0 marks none, 4.6 every one). A draw
 * the menu did not ask for is kept only when it counts the frames shown and
 * in all as the last one it asked for did (a change of language, for
 * example); otherwise the window asks for Refresh. */
static unsigned retapping;

static void retap(const funnel_ops_t *ops)
{
    if (ops->retap_packets == NULL)
        return;
    retapping++;
    ops->retap_packets(ops->ops_id);
    retapping--;
}

static void collected_init(collected *c)
{
    memset(c, 0, sizeof *c);
    c->pending = g_string_new(NULL);
    c->doc = g_string_new(NULL);
}

static void collected_clear(collected *c)
{
    count_stop(&c->frames);
    g_string_free(c->pending, TRUE);
    g_string_free(c->doc, TRUE);
}

static void collected_write(collected *c, const char *text, size_t len)
{
    if (c->cut)
        return;
    if (c->pending->len + len > TT_MENU_MAX_BYTES) {
        c->cut = true;
        /* Never cut inside a UTF-8 sequence. */
        len = tt_utf8_boundary(text, TT_MENU_MAX_BYTES - c->pending->len);
    }
    g_string_append_len(c->pending, text, (gssize)len);
}

/* The sink's document is whole: it becomes the one shown and saved. */
static void collected_done(collected *c)
{
    /* Wireshark 4.6 draws the taps when it closes a capture. */
    c->closed = c->frames.registered && c->frames.total == 0;
    if (retapping > 0 || c->closed) {
        if (retapping > 0)
            c->trusted = c->frames;
        c->stale = false;
    } else {
        c->stale = c->frames.total != c->trusted.total || c->frames.shown != c->trusted.shown;
    }
    GString *t = c->doc;
    c->doc = c->pending;
    c->pending = t;
    g_string_truncate(c->pending, 0);
    c->doc_cut = c->cut;
    c->cut = false;
    c->doc_frames = c->frames;
    c->drawn++;
}

/* Starts the listeners of a document of `kind` that writes into `c` through
 * `sink` (whose out.ctx and functions the caller set); NULL with *error set
 * (g_free it) when the listener cannot be made. */
static tt_output *collect_start(collected *c, tt_out_kind kind, tt_output_sink *sink, char **error)
{
    sink->displayed_only = true;
    count_start(&c->frames);
    tt_output *output = tt_output_new(kind, NULL, sink, error);
    if (output == NULL)
        count_stop(&c->frames);
    return output;
}

/* ---- the text as the window shows it ---- */

static void html_escaped(GString *s, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (text[i]) {
        case '&':
            g_string_append(s, "&amp;");
            break;
        case '<':
            g_string_append(s, "&lt;");
            break;
        case '>':
            g_string_append(s, "&gt;");
            break;
        case '"':
            g_string_append(s, "&quot;");
            break;
        default:
            g_string_append_c(s, text[i]);
        }
    }
}

/* A block of lines: prose wraps at the window's edge, a diagram never
 * does (the window scrolls sideways instead). */

/* The diagram's fonts: the text pads a Chinese character as two columns,
 * so a diagram's rails line up only in a font whose Chinese characters are
 * exactly two Latin characters wide, its Latin and Chinese glyphs from the
 * same font (the window's own monospace font has no Chinese glyphs, and the
 * one Qt borrows them from has other widths). The first one installed is
 * used; without any, the window's monospace font. */
#define DIAGRAM_FONTS                                                                              \
    "'Noto Sans Mono CJK SC', 'WenQuanYi Zen Hei Mono', 'Sarasa Mono SC', monospace"
typedef enum { BLOCK_NONE, BLOCK_PROSE, BLOCK_DIAGRAM, BLOCK_TABLE } block_kind;

typedef struct html_text {
    GString *s;
    block_kind open;
    bool after_rule; /* nothing since the last rule */
} html_text;

static void html_block(html_text *h, block_kind kind)
{
    if (h->open == kind)
        return;
    if (h->open == BLOCK_TABLE)
        g_string_append(h->s, "</table>");
    else if (h->open != BLOCK_NONE)
        g_string_append(h->s, "</div>");
    if (kind == BLOCK_PROSE)
        g_string_append(h->s, "<div style=\"white-space:pre-wrap\">");
    else if (kind == BLOCK_DIAGRAM)
        g_string_append(h->s, "<div style=\"white-space:pre; font-family:" DIAGRAM_FONTS "\">");
    else if (kind == BLOCK_TABLE)
        g_string_append(h->s, "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    h->open = kind;
}

/* One line of text (without its newline) in a block of `kind`; `bold`
 * marks a heading. */
static void html_line(html_text *h, block_kind kind, const char *line, size_t len, bool bold)
{
    html_block(h, kind);
    h->after_rule = false;
    if (bold)
        g_string_append(h->s, "<b>");
    html_escaped(h->s, line, len);
    if (bold)
        g_string_append(h->s, "</b>");
    g_string_append_c(h->s, '\n');
}

static void html_rule(html_text *h)
{
    if (h->after_rule)
        return;
    html_block(h, BLOCK_NONE);
    g_string_append(h->s, "<hr>");
    h->after_rule = true;
}

/* A line made of one character repeated (a separator of the text
 * documents, or "---" in Markdown). */
static bool is_rule(const char *line, size_t len, char c, size_t min)
{
    if (len < min)
        return false;
    for (size_t i = 0; i < len; i++)
        if (line[i] != c)
            return false;
    return true;
}

static bool starts_with(const char *line, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(line, prefix, n) == 0;
}

/* Appends a quiz line in plain text: "**Q1.**" loses its stars. */
static void quiz_line(html_text *h, block_kind kind, const char *line, size_t len)
{
    GString *plain = g_string_sized_new(len);
    for (size_t i = 0; i < len; i++) {
        if (i + 1 < len && line[i] == '*' && line[i + 1] == '*') {
            i++;
            continue;
        }
        g_string_append_c(plain, line[i]);
    }
    html_line(h, kind, plain->str, plain->len, false);
    g_string_free(plain, TRUE);
}

/* The ladder's parts, one stream after the other: after the separator its
 * title, then a note (wrapped for a 100-column page: the window wraps it
 * again, so its lines are joined first), then the diagram up to a blank
 * line. */
typedef enum { LADDER_TEXT, LADDER_TITLE, LADDER_NOTE, LADDER_DIAGRAM } ladder_part;

/* Joins a line of a wrapped paragraph to the paragraph: with a space
 * unless both sides are Chinese (the wrapping took the space away). */
static void join_line(GString *para, const char *line, size_t len)
{
    if (para->len > 0 && len > 0 &&
        (tt_utf8_ascii((unsigned char)para->str[para->len - 1]) ||
         tt_utf8_ascii((unsigned char)line[0])))
        g_string_append_c(para, ' ');
    g_string_append_len(para, line, (gssize)len);
}

static void ladder_line(html_text *h, html_text *later, ladder_part *part, GString *para,
                        const char *line, size_t len)
{
    if (len == 0) {
        /* The blank line ends its block: a block's first line is never
         * blank (the window would drop it). The note goes after the
         * diagram, which the window shows first. */
        if (*part == LADDER_NOTE) {
            html_line(later, BLOCK_PROSE, para->str, para->len, false);
            g_string_truncate(para, 0);
            html_line(h, BLOCK_PROSE, line, len, false);
            *part = LADDER_DIAGRAM;
        } else {
            html_line(h, *part == LADDER_DIAGRAM ? BLOCK_DIAGRAM : BLOCK_PROSE, line, len, false);
            if (*part == LADDER_DIAGRAM)
                *part = LADDER_TEXT;
        }
        return;
    }
    switch (*part) {
    case LADDER_TITLE:
        html_line(h, BLOCK_PROSE, line, len, true);
        *part = LADDER_NOTE;
        break;
    case LADDER_NOTE:
        join_line(para, line, len);
        break;
    case LADDER_DIAGRAM:
        html_line(h, BLOCK_DIAGRAM, line, len, false);
        break;
    case LADDER_TEXT:
        html_line(h, BLOCK_PROSE, line, len, false);
        break;
    }
}

/* The lines kept for later (the notes on numbers, which the window shows
 * after the segments they explain) go in before a rule or at the end. */
static void flush_later(html_text *h, html_text *later)
{
    if (later->s->len == 0)
        return;
    html_block(later, BLOCK_NONE);
    html_block(h, BLOCK_NONE);
    g_string_append_len(h->s, later->s->str, later->s->len);
    g_string_truncate(later->s, 0);
    h->after_rule = false;
}

/* The first words of every note on the numbers (relative or absolute), in
 * the language preference: what the two notes have in common. */
static size_t note_prefix(const char **prefix)
{
    const char *a = msg(TT_M_N_RELATIVE), *b = msg(TT_M_N_ABSOLUTE);
    size_t n = 0;
    while (a[n] != '\0' && a[n] == b[n])
        n++;
    /* Never half a UTF-8 character. */
    while (n > 0 && ((unsigned char)a[n] & 0xc0) == 0x80)
        n--;
    *prefix = a;
    return n;
}

/* Markdown's bold marks ("**Summary.**") as bold, the rest escaped. */
static void md_inline(GString *s, const char *text, size_t len)
{
    bool bold = false;
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (i + 1 < len && text[i] == '*' && text[i + 1] == '*') {
            html_escaped(s, text + run, i - run);
            g_string_append(s, bold ? "</b>" : "<b>");
            bold = !bold;
            i++;
            run = i + 1;
        }
    }
    html_escaped(s, text + run, len - run);
    if (bold)
        g_string_append(s, "</b>");
}

/* A row of a Markdown table ("| a | b |", "\|" inside a cell) as a table
 * row; the row of dashes under the heading is left out. */
static void md_row(html_text *h, const char *line, size_t len, bool heading)
{
    bool dashes = true;
    for (size_t i = 0; i < len; i++)
        if (strchr("|-: ", line[i]) == NULL)
            dashes = false;
    if (dashes)
        return;
    html_block(h, BLOCK_TABLE);
    h->after_rule = false;
    g_string_append(h->s, "<tr>");
    size_t i = 1; /* after the first '|' */
    while (i < len) {
        GString *cell = g_string_new(NULL);
        while (i < len && line[i] != '|') {
            if (line[i] == '\\' && i + 1 < len && line[i + 1] == '|')
                i++;
            g_string_append_c(cell, line[i]);
            i++;
        }
        i++; /* the '|' */
        g_strstrip(cell->str);
        g_string_append(h->s, heading ? "<th>" : "<td>");
        md_inline(h->s, cell->str, strlen(cell->str));
        g_string_append(h->s, heading ? "</th>" : "</td>");
        g_string_free(cell, TRUE);
    }
    g_string_append(h->s, "</tr>\n");
}

/* A Markdown line other than a table row: headings bold, bold marks bold. */
static void md_line(html_text *h, const char *line, size_t len)
{
    size_t skip = 0;
    while (skip < len && line[skip] == '#')
        skip++;
    bool heading = skip > 0 && skip < len && line[skip] == ' ';
    if (!heading)
        skip = 0;
    else
        skip++;
    html_block(h, BLOCK_PROSE);
    h->after_rule = false;
    if (heading)
        g_string_append(h->s, "<b>");
    md_inline(h->s, line + skip, len - skip);
    if (heading)
        g_string_append(h->s, "</b>");
    g_string_append_c(h->s, '\n');
}

/* The document as the window shows it: the separators become rules as wide
 * as the window, prose wraps, the ladder's diagram never wraps, the
 * Markdown walkthrough is shown rendered (its table as a table), and the
 * quiz is plain text (no Markdown marks; its diagram never wraps). The
 * note on the numbers of each stream comes after its segments, so that
 * the window opens on the first of them. */
static void html_document(html_text *h, tt_out_kind kind, const GString *doc)
{
    html_text later = {g_string_new(NULL), BLOCK_NONE, false};
    const char *prefix = NULL;
    size_t prefix_len = note_prefix(&prefix);
    bool in_table = false, skip_blank = false;
    bool fence = false, key = false;
    ladder_part part = LADDER_TEXT;
    /* The quiz's answer keys, each under its heading until the next
     * stream's heading: the window leaves them out (a class may see it). */
    const char *key_head = tt_msg_text((tt_lang)tt_pref.language, TT_M_Q_KEY);
    GString *para = g_string_new(NULL);
    const char *p = doc->str, *end = doc->str + doc->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
        bool blank_after_note = skip_blank && len == 0;
        skip_blank = false;
        if (blank_after_note) {
            /* the note's blank line went with it */
        } else if (is_rule(p, len, '=', 20)) {
            if (para->len > 0)
                html_line(h, BLOCK_PROSE, para->str, para->len, false);
            g_string_truncate(para, 0);
            flush_later(h, &later);
            html_rule(h);
            part = LADDER_TITLE;
        } else if (kind == TT_OUT_LADDER) {
            ladder_line(h, &later, &part, para, p, len);
        } else if (!key && prefix_len > 0 && len >= prefix_len &&
                   memcmp(p, prefix, prefix_len) == 0) {
            html_line(&later, BLOCK_PROSE, p, len, false);
            skip_blank = true;
        } else if (kind == TT_OUT_MARKDOWN) {
            bool row = len > 0 && p[0] == '|';
            if (row) {
                md_row(h, p, len, !in_table);
            } else if (is_rule(p, len, '-', 3)) {
                flush_later(h, &later);
                html_rule(h);
            } else {
                md_line(h, p, len);
            }
            in_table = row;
        } else if (kind == TT_OUT_QUIZ) {
            if (starts_with(p, len, "## ")) {
                key = false;
                flush_later(h, &later);
            } else if (starts_with(p, len, "### ") && starts_with(p + 4, len - 4, key_head)) {
                key = true;
                html_line(h, BLOCK_PROSE, msg(TT_M_MENU_QUIZ_KEY_LEFT_OUT),
                          strlen(msg(TT_M_MENU_QUIZ_KEY_LEFT_OUT)), false);
            }
            if (key) {
                /* left out */
            } else if (starts_with(p, len, "```")) {
                fence = !fence;
                if (!fence) {
                    /* A blank line between the diagram and the questions. */
                    html_block(h, BLOCK_NONE);
                    g_string_append(h->s, "<div>&nbsp;</div>");
                }
            } else if (fence) {
                html_line(h, BLOCK_DIAGRAM, p, len, false);
            } else if (is_rule(p, len, '-', 3)) {
                flush_later(h, &later);
                html_rule(h);
            } else if (starts_with(p, len, "### ")) {
                html_line(h, BLOCK_PROSE, p + 4, len - 4, true);
            } else if (starts_with(p, len, "## ")) {
                html_line(h, BLOCK_PROSE, p + 3, len - 3, true);
            } else {
                quiz_line(h, BLOCK_PROSE, p, len);
            }
        } else {
            html_line(h, BLOCK_PROSE, p, len, false);
        }
        p = nl != NULL ? nl + 1 : end;
    }
    if (para->len > 0)
        html_line(h, BLOCK_PROSE, para->str, para->len, false);
    g_string_free(para, TRUE);
    flush_later(h, &later);
    g_string_free(later.s, TRUE);
}

/* Plain header lines (each ends with a newline) as prose. */
static void html_prose(html_text *h, const char *text)
{
    const char *p = text;
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
        html_line(h, BLOCK_PROSE, p, len, false);
        p = nl != NULL ? nl + 1 : p + len;
    }
}

/* Shows `header` (plain lines; the first one bold: the window's title),
 * then, when `doc` is not NULL, a rule and the document, then `footer`
 * (plain lines, or NULL) after a rule. */
static void set_window_text(const funnel_ops_t *ops, funnel_text_window_t *tw, const char *header,
                            tt_out_kind kind, const GString *doc, const char *footer)
{
    html_text h = {g_string_new("<html><body>"), BLOCK_NONE, false};
    const char *nl = strchr(header, '\n');
    size_t first = nl != NULL ? (size_t)(nl - header) : strlen(header);
    html_line(&h, BLOCK_PROSE, header, first, true);
    html_prose(&h, header + first + (nl != NULL ? 1 : 0));
    if (doc != NULL) {
        html_rule(&h);
        html_document(&h, kind, doc);
    }
    if (footer != NULL && footer[0] != '\0') {
        html_rule(&h);
        html_prose(&h, footer);
    }
    html_block(&h, BLOCK_NONE);
    g_string_append(h.s, "</body></html>");
    ops->set_text(tw, h.s->str);
    g_string_free(h.s, TRUE);
}

/* A window that only says something (no buttons). */
static funnel_text_window_t *message_window(const funnel_ops_t *ops, const char *title,
                                            const char *text)
{
    funnel_text_window_t *tw = ops->new_text_window(ops->ops_id, title);
    GString *header = g_string_new(title);
    g_string_append_printf(header, "\n%s\n", text);
    set_window_text(ops, tw, header->str, TT_OUT_WALKTHROUGH, NULL, NULL);
    g_string_free(header, TRUE);
    return tw;
}

/* ---- saving ---- */

/* A file name as typed: "~/x" and relative names are in the home folder.
 * NULL when nothing was typed. */
static char *resolve_file_name(const char *typed)
{
    char *name = g_strstrip(g_strdup(typed != NULL ? typed : ""));
    char *path = NULL;
    if (name[0] == '\0')
        path = NULL;
    else if (name[0] == '~' && (name[1] == '/' || name[1] == '\0'))
        path = g_build_filename(g_get_home_dir(), name + 1, NULL);
    else if (g_path_is_absolute(name))
        path = g_strdup(name);
    else
        path = g_build_filename(g_get_home_dir(), name, NULL);
    g_free(name);
    return path;
}

/* Writes the document to the file the user named; returns a line saying
 * what happened, which names that file (never a temporary one). */
static char *write_document(const GString *doc, const char *path, bool *saved)
{
    *saved = false;
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
        return g_strdup_printf(msg(TT_M_MENU_IS_FOLDER), path);
    FILE *f = g_fopen(path, "wb");
    if (f == NULL)
        return g_strdup_printf(msg(TT_M_MENU_SAVE_FAILED), path, g_strerror(errno));
    size_t written = fwrite(doc->str, 1, doc->len, f);
    int err = written == doc->len ? 0 : errno;
    if (fclose(f) != 0 && err == 0)
        err = errno;
    if (written != doc->len || err != 0)
        return g_strdup_printf(msg(TT_M_MENU_SAVE_FAILED), path, g_strerror(err != 0 ? err : EIO));
    *saved = true;
    return g_strdup_printf(msg(TT_M_MENU_SAVED), path, (unsigned)doc->len);
}

/* A document on its way to a file: the dialogs that ask for the name own
 * it, one after the other. */
typedef struct save_job {
    const menu_entry *entry;
    GString *doc;
    char *replace; /* the existing file the user was asked about */
} save_job;

static void save_job_free(void *data)
{
    save_job *job = (save_job *)data;
    if (job->doc != NULL)
        g_string_free(job->doc, TRUE);
    g_free(job->replace);
    g_free(job);
}

typedef struct open_later {
    const funnel_ops_t *ops;
    char *path;
} open_later;

static tt_funnel_bt_result open_clicked(funnel_text_window_t *tw, void *data)
{
    (void)tw;
    open_later *r = (open_later *)data;
    if (r->ops->browser_open_data_file != NULL)
        r->ops->browser_open_data_file(r->path);
    return TRUE;
}

static void open_later_free(void *data)
{
    open_later *r = (open_later *)data;
    g_free(r->path);
    g_free(r);
}

static void save_answered(char **user_input, void *data);

static void ask_file_name(const funnel_ops_t *ops, save_job *job, const char *path)
{
    char *title = NULL;
    const char *names[] = {NULL, NULL};
    const char *values[] = {path, NULL};
    if (job->replace != NULL) {
        char *base = g_path_get_basename(job->replace);
        title = g_strdup_printf(msg(TT_M_MENU_REPLACE_TITLE), base);
        g_free(base);
        names[0] = msg(TT_M_MENU_REPLACE_FIELD);
    } else {
        title = g_strdup_printf(msg(TT_M_MENU_SAVE_TITLE), msg(job->entry->name));
        names[0] = msg(TT_M_MENU_FILE_NAME);
    }
    ops->new_dialog(ops->ops_id, title, names, values, save_answered, job, save_job_free);
    g_free(title);
}

/* Starts saving a copy of `doc`: the dialog suggests the entry's file name
 * in the home folder. */
static void save_start(const funnel_ops_t *ops, const menu_entry *e, const GString *doc)
{
    save_job *job = g_new0(save_job, 1);
    job->entry = e;
    job->doc = g_string_new_len(doc->str, (gssize)doc->len);
    char *suggested = g_build_filename(g_get_home_dir(), e->file, NULL);
    ask_file_name(ops, job, suggested);
    g_free(suggested);
}

static void save_answered(char **user_input, void *data)
{
    save_job *job = (save_job *)data;
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    char *path = resolve_file_name(user_input != NULL ? user_input[0] : NULL);
    g_strfreev(user_input);
    if (ops == NULL || ops->new_text_window == NULL || job->doc == NULL) {
        g_free(path);
        return;
    }
    if (path != NULL && g_file_test(path, G_FILE_TEST_EXISTS) &&
        !g_file_test(path, G_FILE_TEST_IS_DIR) &&
        (job->replace == NULL || strcmp(job->replace, path) != 0)) {
        /* Ask once more, naming the file: the next dialog owns the
         * document. */
        save_job *next = g_new0(save_job, 1);
        next->entry = job->entry;
        next->doc = job->doc;
        job->doc = NULL;
        next->replace = g_strdup(path);
        ask_file_name(ops, next, path);
        g_free(path);
        return;
    }
    bool saved = false;
    char *line =
        path != NULL ? write_document(job->doc, path, &saved) : g_strdup(msg(TT_M_MENU_NO_NAME));
    char *title = g_strdup_printf(msg(TT_M_MENU_SAVED_TITLE), msg(job->entry->name));
    funnel_text_window_t *tw = message_window(ops, title, line);
    g_free(title);
    g_free(line);
    if (path != NULL && !saved && ops->new_dialog != NULL) {
        /* Ask again with the name as typed, to be corrected: the next
         * dialog owns the document. */
        save_job *next = g_new0(save_job, 1);
        next->entry = job->entry;
        next->doc = job->doc;
        job->doc = NULL;
        ask_file_name(ops, next, path);
        g_free(path);
        return;
    }
    if (path != NULL && job->entry->kind == TT_OUT_HTML && ops->browser_open_data_file != NULL &&
        g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        open_later *r = g_new0(open_later, 1);
        r->ops = ops;
        r->path = path;
        path = NULL;
        funnel_bt_t *bt = g_new0(funnel_bt_t, 1);
        bt->tw = tw;
        bt->func = open_clicked;
        bt->data = r;
        bt->free_fcn = g_free;
        bt->free_data_fcn = open_later_free;
        ops->add_button(tw, bt, msg(TT_M_MENU_OPEN_BROWSER));
    }
    g_free(path);
}

/* ---- a document in a text window ---- */

typedef struct text_window {
    const menu_entry *entry;
    const funnel_ops_t *ops;
    funnel_text_window_t *tw;
    tt_output *output;
    tt_output_sink sink;
    collected c;
    tt_lang lang; /* of the window's title */
} text_window;

static void add_buttons(text_window *w);
static void window_closed(void *data);

/* A window's title cannot change: after a change of the language
 * preference, a window with the title in the new language takes the old
 * one's place (the old one is closed without ending the document). */
static void retitle(text_window *w)
{
    funnel_text_window_t *old = w->tw;
    char *title = window_title(w->entry);
    w->tw = w->ops->new_text_window(w->ops->ops_id, title);
    g_free(title);
    w->lang = lang_now();
    w->ops->set_close_cb(w->tw, window_closed, w);
    add_buttons(w);
    w->ops->set_close_cb(old, NULL, NULL);
    if (w->ops->destroy_text_window != NULL)
        w->ops->destroy_text_window(old);
}

static void show(text_window *w)
{
    if (w->lang != lang_now())
        retitle(w);
    char *title = window_title(w->entry);
    GString *s = g_string_new(title);
    g_free(title);
    g_string_append_c(s, '\n');
    if (w->c.stale || w->c.closed) {
        g_string_append_printf(s, "%s\n",
                               msg(w->c.closed ? TT_M_MENU_NO_CAPTURE : TT_M_MENU_STALE));
        g_string_append_printf(
            s, "%s\n", msg(w->c.closed ? TT_M_MENU_CLOSED_BUTTONS : TT_M_MENU_STALE_BUTTONS));
        set_window_text(w->ops, w->tw, s->str, w->entry->kind, NULL, NULL);
        g_string_free(s, TRUE);
        return;
    }
    describe_frames(s, &w->c.doc_frames);
    if (w->entry->kind == TT_OUT_LADDER)
        g_string_append_printf(s, "%s\n", msg(TT_M_MENU_LADDER_LABEL));
    else if (w->entry->kind == TT_OUT_QUIZ)
        g_string_append_printf(s, "%s\n", msg(TT_M_MENU_QUIZ_LABEL));
    if (w->c.doc_cut) {
        g_string_append_printf(s, msg(TT_M_MENU_TOO_LONG), TT_MENU_MAX_MIB, TT_MENU_MAX_MIB);
        g_string_append_c(s, '\n');
    }
    /* What the buttons do comes after the document: the window opens on
     * the document itself. */
    GString *foot = g_string_new(NULL);
    g_string_append_printf(foot, "%s\n", msg(TT_M_MENU_SAVE_HINT));
    if (w->entry->kind == TT_OUT_QUIZ)
        g_string_append_printf(foot, "%s\n", msg(TT_M_MENU_QUIZ_HINT));
    set_window_text(w->ops, w->tw, s->str, w->entry->kind, w->c.doc, foot->str);
    g_string_free(foot, TRUE);
    g_string_free(s, TRUE);
}

static void window_write(void *ctx, const char *text, size_t len)
{
    collected_write(&((text_window *)ctx)->c, text, len);
}

static void window_done(void *ctx)
{
    text_window *w = (text_window *)ctx;
    collected_done(&w->c);
    /* The first document arrives before the window exists. */
    if (w->tw != NULL)
        show(w);
}

static void window_closed(void *data)
{
    text_window *w = (text_window *)data;
    if (w->output != NULL)
        tt_output_free(w->output);
    collected_clear(&w->c);
    g_free(w);
}

static tt_funnel_bt_result save_clicked(funnel_text_window_t *tw, void *data)
{
    (void)tw;
    text_window *w = (text_window *)data;
    if (w->c.stale || w->c.closed) {
        /* Nothing to save: the window says so already (and what the
         * buttons do then); no second window. */
        show(w);
    } else {
        save_start(w->ops, w->entry, w->c.doc);
    }
    return TRUE;
}

static tt_funnel_bt_result refresh_clicked(funnel_text_window_t *tw, void *data)
{
    (void)tw;
    text_window *w = (text_window *)data;
    unsigned drawn = w->c.drawn;
    retap(w->ops);
    if (w->c.drawn == drawn) {
        /* No draw: the capture was closed. */
        w->c.closed = true;
        show(w);
    }
    return TRUE;
}

static void add_button(text_window *w, funnel_bt_cb_t func, tt_msg label)
{
    funnel_bt_t *bt = g_new0(funnel_bt_t, 1);
    bt->tw = w->tw;
    bt->func = func;
    bt->data = w;
    bt->free_fcn = g_free; /* the window frees w itself, through window_closed */
    w->ops->add_button(w->tw, bt, msg(label));
}

static void add_buttons(text_window *w)
{
    add_button(w, save_clicked, TT_M_MENU_SAVE_BUTTON);
    add_button(w, refresh_clicked, TT_M_MENU_REFRESH_BUTTON);
}

/* Makes the document of `kind` for the frames the packet list shows, from a
 * retap that runs before this returns. Returns false, with `problem` set
 * (g_free it), when there is none: no capture open, or no listener. */
static bool collect_now(const funnel_ops_t *ops, collected *c, tt_out_kind kind,
                        tt_output_sink *sink, tt_output **output, char **problem)
{
    char *error = NULL;
    *output = collect_start(c, kind, sink, &error);
    if (*output == NULL) {
        *problem = g_strdup_printf(msg(TT_M_MENU_BAD_FILTER), error != NULL ? error : "");
        g_free(error);
        return false;
    }
    retap(ops);
    if (c->drawn == 0 || c->closed) {
        /* Wireshark draws every listener at the end of a retap, whatever
         * the frames: no draw, or one without frames, means no capture. */
        *problem = g_strdup(msg(TT_M_MENU_NO_CAPTURE));
        return false;
    }
    return true;
}

static void open_document(void *data)
{
    const menu_entry *e = (const menu_entry *)data;
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    if (ops == NULL || ops->new_text_window == NULL)
        return;

    text_window *w = g_new0(text_window, 1);
    w->entry = e;
    w->ops = ops;
    collected_init(&w->c);
    w->sink.out.write = window_write;
    w->sink.out.ctx = w;
    w->sink.done = window_done;
    char *title = window_title(e);
    char *problem = NULL;
    /* The window comes after the retap, so that no capture means no
     * document window at all. */
    bool made = collect_now(ops, &w->c, e->kind, &w->sink, &w->output, &problem);
    if (!made) {
        message_window(ops, title, problem);
        g_free(problem);
        g_free(title);
        window_closed(w);
        return;
    }
    w->tw = ops->new_text_window(ops->ops_id, title);
    g_free(title);
    w->lang = lang_now();
    ops->set_close_cb(w->tw, window_closed, w);
    add_buttons(w);
    show(w);
}

/* ---- the handout, straight to a file ---- */

static void handout_write(void *ctx, const char *text, size_t len)
{
    collected_write((collected *)ctx, text, len);
}

static void handout_done(void *ctx)
{
    collected_done((collected *)ctx);
}

/* Makes the handout of the frames the packet list shows, then asks where to
 * save it (nothing is asked when there is nothing to save). */
static void save_handout(void *data)
{
    const menu_entry *e = (const menu_entry *)data;
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    if (ops == NULL || ops->new_dialog == NULL || ops->new_text_window == NULL)
        return;
    collected c;
    collected_init(&c);
    tt_output_sink sink = {{handout_write, &c}, handout_done, true};
    tt_output *output = NULL;
    char *problem = NULL;
    bool made = collect_now(ops, &c, e->kind, &sink, &output, &problem);
    /* The retap is over: the listeners may go. */
    if (output != NULL)
        tt_output_free(output);
    if (!made) {
        char *title = window_title(e);
        message_window(ops, title, problem);
        g_free(title);
        g_free(problem);
    } else {
        save_start(ops, e, c.doc);
    }
    collected_clear(&c);
}

void tt_menu_register(void)
{
    /* No retap from Wireshark (the last argument): the callbacks start
     * their listener first, then ask for the retap themselves. */
    for (size_t k = 0; k < G_N_ELEMENTS(entries); k++) {
        if (entries[k].path == TT_MSG_COUNT)
            continue;
        /* The handout is saved to a file, the others shown in a window. */
        funnel_register_menu(tt_msg_text(TT_LANG_EN, entries[k].path),
                             REGISTER_TOOLS_GROUP_UNSORTED,
                             entries[k].kind == TT_OUT_HTML ? save_handout : open_document,
                             (void *)&entries[k], NULL, FALSE);
    }
}
