/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the HTML handout. One self-contained document (inline CSS
 * and SVG, no script, no external file) that opens from a USB stick and
 * prints on A4: per stream a title block, a time-scaled sequence diagram,
 * the walkthrough table, the closing summary and the quiz with its answers
 * folded away. Well-formed XHTML-compatible markup; byte-for-byte
 * deterministic. Pure C11: no Wireshark, no GLib. */
#ifndef TCPTEACH_HANDOUT_H
#define TCPTEACH_HANDOUT_H

#include <stddef.h>
#include <stdint.h>

#include "ccplot.h"
#include "lang.h"
#include "out.h"
#include "pieces.h"

/* At most this many segments of a stream are drawn; the rest are counted in
 * a note (the table below the diagram lists the same segments). */
#define TT_HTML_MAX_SEGMENTS 200

/* The document's head and opening; `title` names the capture (plain text). */
void tt_html_begin(const tt_out *o, const char *title, tt_lang lang);
/* One stream: title block, diagram, table, summary, quiz (seeded). */
void tt_html_stream(const tt_out *o, const tt_walk_view *v, tt_lang lang, uint32_t quiz_seed);
/* TCP headers outside any stream (quoted in ICMP errors ...): one line each,
 * already written in the document's language. */
void tt_html_outside(const tt_out *o, const char *const *lines, size_t n, tt_lang lang);
/* The table of contents of a document with several streams: begin, one
 * entry per stream (number linked to its section, endpoints, what happened
 * in a few words), end. */
void tt_html_toc_begin(const tt_out *o, tt_lang lang);
void tt_html_toc_entry(const tt_out *o, const tt_walk_view *v, tt_lang lang);
void tt_html_toc_end(const tt_out *o);
/* The congestion plot of one direction of a stream (ccplot.h): `pts` from
 * the sender's data segments, `sender` names the sending side. Writes
 * nothing when n is 0. */
void tt_html_ccplot(const tt_out *o, const tt_ccplot_point *pts, size_t n, const char *sender,
                    tt_lang lang);
/* A whole page saying only `text` (e.g. no TCP segment matched). */
void tt_html_empty(const tt_out *o, const char *text, tt_lang lang);
/* A one-line message instead of streams (e.g. no TCP stream matched). */
void tt_html_message(const tt_out *o, const char *text);
void tt_html_end(const tt_out *o);

#endif
