/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: a worksheet for one stream. The ladder with chosen values
 * blanked (a state after a segment, an acknowledgment number, the next
 * sequence number, the window in bytes after scaling, a role), numbered
 * questions, then an answer key that explains each answer. The same capture
 * and seed always give the same quiz. Pure C11: no Wireshark, no GLib. */
#ifndef TCPTEACH_QUIZ_H
#define TCPTEACH_QUIZ_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "out.h"
#include "handout.h"
#include "pieces.h"

/* The worksheet covers a stream's first segments only, as many as the
 * handout's diagram draws. */
#define TT_QUIZ_MAX_SEGMENTS TT_HTML_MAX_SEGMENTS

/* The worksheet and its answer key as Markdown. */
void tt_quiz_markdown(const tt_out *o, const tt_walk_view *v, tt_lang lang, uint32_t seed);
/* The same as an HTML fragment (a <section>) for the handout: the answer
 * key after the questions, in a <details class="quiz-key"> element, folded
 * on screen (the handout's style sheet prints it unfolded, on a page of its
 * own). */
void tt_quiz_html(const tt_out *o, const tt_walk_view *v, tt_lang lang, uint32_t seed);

#endif
