/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: congestion control as seen at the capture point.
 *
 * Fed every segment of one stream in capture order (after the conversation
 * has classified it), it follows each sender's bytes in flight (the highest
 * byte sent minus the highest byte acknowledged, as the capture shows them),
 * its round trips (a round ends when the ACK passes the highest byte sent
 * when it began), its loss events (a fast retransmission, a timeout) and
 * their recovery points, and tells the phase of each data segment. The
 * congestion window itself is never in a segment: every phase is inferred
 * from the flight, its growth per round trip and the losses.
 * Pure C11: no Wireshark, no GLib. The state is fixed in size.
 */
#ifndef TCPTEACH_CC_H
#define TCPTEACH_CC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conversation.h"
#include "header.h"
#include "lang.h"

/* The phases (cc_phases.def); TT_CC_NONE: not a data segment. */
typedef enum {
#define TT_CC(id, token, en, zh) id,
#include "cc_phases.def"
#undef TT_CC
    TT_CC_COUNT
} tt_cc_phase;

/* What is known of a data segment's phase besides the phase itself (the
 * high bits of tt_cc_code). */
enum {
    TT_CC_F_NOT_AT_SENDER = 1u << 3, /* the handshake's timing puts the capture point away from
                                        this sender: the flight is approximate */
    TT_CC_F_POINT_UNKNOWN = 1u << 4, /* where the capture point lies is not known */
    TT_CC_F_PREV_AT_LOSS = 1u << 5,  /* prev_segs is the flight when the loss was detected */
    TT_CC_F_ZERO_WINDOW = 1u << 6,   /* the receiver's window was zero */
    TT_CC_F_AFTER_RTO = 1u << 7      /* since the last timeout (slow start restarted) */
};
/* Sender-limited: a segment shorter than a full one (this one, or one not
 * yet acknowledged) shows the sender had sent all it had. The bit of
 * TT_CC_F_ZERO_WINDOW, which only receiver-limited segments carry. */
#define TT_CC_F_PARTIAL TT_CC_F_ZERO_WINDOW
/* Both point flags: the handshake took under a millisecond at the capture
 * point, so both ends are close to it and the flight seen is the sender's. */
#define TT_CC_F_POINT_NEAR (TT_CC_F_NOT_AT_SENDER | TT_CC_F_POINT_UNKNOWN)
#define TT_CC_PHASE_MASK 7u

/* The per-frame record: 12 bytes, with a one-byte code (the phase and the
 * TT_CC_F_* flags) kept beside it. */
typedef struct tt_cc_mark {
    uint32_t flight;     /* bytes in flight after this segment, as seen at the capture point */
    uint32_t loss_frame; /* the frame of the loss event that began or preceded this phase */
    uint16_t prev_segs;  /* the flight one round trip earlier, in segments (or at the loss) */
    uint16_t mss;        /* the largest segment seen from this sender, bytes */
} tt_cc_mark;

static inline tt_cc_phase tt_cc_code_phase(uint8_t code)
{
    return (tt_cc_phase)(code & TT_CC_PHASE_MASK);
}

/* How many phase runs of each side the per-stream summary keeps. */
#define TT_CC_RUNS 10

typedef struct tt_cc_run {
    uint8_t phase; /* tt_cc_phase */
    uint8_t flags; /* TT_CC_F_* of its first segment */
    uint16_t rounds;
    uint32_t first_frame, last_frame, loss_frame;
    uint32_t end_frame; /* a recovery: the ACK that passed its recovery point, 0: none seen */
    uint32_t first_segs, max_segs, last_segs;
} tt_cc_run;

/* One sender's model (internal; exposed so that callers can size it). */
typedef struct tt_cc_side {
    bool started;  /* a data segment of this side was seen */
    bool have_una; /* an ACK of the peer was seen */
    bool in_round;
    uint8_t mode; /* internal */
    uint8_t last_phase;
    uint8_t run_flags;
    uint32_t una, max; /* relative: highest byte acknowledged, next byte after the highest sent */
    uint32_t mss;
    uint32_t round_end, round_max, prev1, prev2, peak1, peak2;
    uint32_t rounds;
    uint32_t recover, loss_frame, loss_flight, ssthresh;
    uint32_t rounds_since_recovery;
    uint32_t app_until; /* a short segment's end: the application ran dry up to it */
    bool app_valid;
    bool rl_sticky;    /* the last round reached the receiver's window */
    uint16_t mss_hits; /* segments of exactly `mss` bytes seen */
    uint32_t n_runs, dropped_runs;
    tt_cc_run runs[TT_CC_RUNS];
} tt_cc_side;

/* What every stream keeps (small): the handshake's times, which tell where
 * the capture point lies. */
typedef struct tt_cc_point {
    uint64_t hs_time[3];
    uint16_t mss_opt[2];  /* the MSS option of each side's SYN (by tt_dir), 0: none seen */
    uint32_t window[2];   /* the last window each side advertised, in bytes (by tt_dir) */
    uint8_t window_known; /* bit per side: window[] holds a scaled value */
    uint8_t hs_seen;
    uint8_t point; /* internal: where the capture point lies */
    bool saw_syn;
} tt_cc_point;

/* What a stream that carries data keeps besides (allocated by the caller
 * when tt_cc_is_data first says so, zeroed). */
typedef struct tt_cc {
    tt_cc_side side[2]; /* by tt_dir of the sender */
} tt_cc;

/* Whether a segment carries data whose phase is told (the first one makes
 * a stream need its tt_cc). */
bool tt_cc_is_data(const tt_result *r, const tt_header *h);

/* Feeds one classified segment (first pass, capture order); cc may be NULL
 * before the stream's first data segment. For a data segment, returns its
 * code (phase | TT_CC_F_*) and fills *mark; for any other segment returns 0
 * (TT_CC_NONE) and leaves *mark zeroed. */
uint8_t tt_cc_feed(tt_cc_point *pt, tt_cc *cc, const tt_result *r, const tt_header *h,
                   const tt_segment *s, tt_cc_mark *mark);

/* Language-neutral token of a phase (the value of tcpteach.congestion), and
 * its words. */
const char *tt_cc_token(tt_cc_phase p);
const char *tt_cc_words(tt_cc_phase p, tt_lang lang);

/* Segments of `mss` bytes in `bytes` (rounded; at least 1 when bytes > 0). */
uint32_t tt_cc_segs(uint32_t bytes, uint32_t mss);

/* Writes the lines of the tree's "Congestion control (as seen at the capture
 * point)" subtree, each ended by '\n', to buf: what the capture shows and
 * what each claim is inferred from. Returns the length. */
size_t tt_cc_explain(uint8_t code, const tt_cc_mark *m, tt_lang lang, char *buf, size_t n);

/* "congestion control: slow start" for a segment's numbers line ("" for a
 * segment that has no phase). */
size_t tt_cc_numbers_words(uint8_t code, tt_lang lang, char *buf, size_t n);

/* The per-stream paragraph: each sender's phases in order ("slow start from
 * 10 to 80 segments in 3 round trips; a loss at frame N: fast recovery until
 * frame M; congestion avoidance after"). "" when no side sent data. */
size_t tt_cc_paragraph(const tt_cc_point *pt, const tt_cc *cc, tt_lang lang, char *buf, size_t n);

#endif
