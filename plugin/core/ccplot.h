/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the handout's congestion plot. For one direction of a
 * stream, the sender's bytes in flight at the capture point over time (a
 * step line) and the receiver's advertised window (a second line), drawn
 * like the textbook's congestion-window figure: background bands shaded by
 * phase, a triangle at each fast retransmission and a cross at each resend
 * after a timeout, axes with their units, a legend and a caption saying that
 * the line is what the capture point saw, not the congestion window itself.
 * Well-formed XML (an HTML <figure> holding an inline <svg>), bounded in
 * size whatever the input, byte-for-byte deterministic. Pure C11. */
#ifndef TCPTEACH_CCPLOT_H
#define TCPTEACH_CCPLOT_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "strbuf.h"

/* One moment of the plot: usually one data segment of the sender. */
typedef struct {
    uint64_t t_us;   /* microseconds since the stream's first segment */
    uint32_t flight; /* the sender's bytes in flight after this moment */
    uint32_t rwnd;   /* the receiver's last advertised window, scaled, in bytes */
    uint8_t phase;   /* a phase of cc_phases.def, in its order (0: none) */
    uint8_t event;   /* TT_CCPLOT_EVENT_* */
} tt_ccplot_point;

#define TT_CCPLOT_EVENT_NONE 0
#define TT_CCPLOT_EVENT_FAST_RETRANSMIT 1
#define TT_CCPLOT_EVENT_TIMEOUT 2

/* At most this many points are drawn per line: beyond it the points are
 * thinned per pixel column, keeping each column's first, last, highest and
 * lowest values; every event keeps its marker (one per kind and column). */
#define TT_CCPLOT_MAX_DRAWN 2000

/* A buffer of this size holds any plot (the unit test checks the worst
 * case); a smaller one cuts the plot (the strbuf's cut flag). */
#define TT_CCPLOT_SVG_MAX (320u * 1024u)

/* Writes the plot of points pts[0..n) (in time order; a point earlier than
 * its predecessor is drawn at its predecessor's time). `sender` names the
 * sending side in plain text (escaped here), e.g. "client 10.0.0.1:43366".
 * Writes nothing when n is 0. */
void tt_ccplot_svg(tt_sb *b, const tt_ccplot_point *pts, size_t n, const char *sender,
                   tt_lang lang);

/* The number of phases in cc_phases.def, and a phase's label in a language
 * ("" for none, or for a value out of range). */
unsigned tt_ccplot_phase_count(void);
const char *tt_ccplot_phase_label(unsigned phase, tt_lang lang);

#endif
