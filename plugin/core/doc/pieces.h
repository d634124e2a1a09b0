/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the classroom walkthrough of a conversation, as narrative
 * paragraphs, a closing summary and a text ladder (sequence) diagram.
 * Pure C11: no Wireshark, no GLib. */
#ifndef TCPTEACH_PIECES_H
#define TCPTEACH_PIECES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conversation.h"
#include "header.h"
#include "lang.h"

/* What a whole stream did, accumulated segment by segment. */
typedef struct tt_walk_stream {
    uint32_t stream;
    uint32_t segments, malformed, retransmissions;
    uint32_t roles[TT_ROLE_COUNT];
    uint64_t bytes[2];     /* new payload bytes sent by the client [0] and server [1] */
    uint32_t chunks[2];    /* data chunks each way */
    uint32_t zero_windows; /* segments that advertised window 0 */
    uint8_t handshake;     /* bit n set: handshake step n+1 seen */
    bool syn_seen, synack_first, guessed, fin_seen;
    uint8_t guess;        /* tt_guess: how client and server were told apart */
    uint8_t syns;         /* bit 0: the client's SYN was captured, bit 1: the server's */
    bool scale_unknown;   /* a window was shown unscaled: its scale was unknown */
    bool scale_cut;       /* ... because a SYN's options were cut (TT_WS_CUT) */
    bool reset_in_flight; /* a RST came while data was unacknowledged */
    bool reset_unseen;    /* a RST came where the capture had seen no SYN and no data */
    uint8_t first_client_state, first_server_state;
    uint8_t client_state, server_state; /* after the last segment */
    uint8_t pending[2];  /* the event each side received but had not yet shown by an answer
                            (tt_event), TT_EV_COUNT when none */
    uint32_t first_fin;  /* the segment shown as teardown step 1 (its index), 0: none */
    uint32_t icmp_frame; /* an ICMP error about the client's opening SYN: its frame (0: none), */
    uint16_t icmp_port;  /* the port that SYN went to, */
    tt_result icmp;      /* and the quoted header's result (icmp-quoted) */
    uint32_t first_index, last_index; /* the first and last segment's number in the stream */
    uint32_t first_frame;             /* the first segment's frame (set by the caller) */
    uint32_t sent[2], resets[2];      /* segments, and resets among them, each side sent */
    int8_t ws_offer[2];     /* the window scale shift each side's SYN offered (tt_walk_add_header):
                               >= 0, or TT_OFFER_* */
    uint64_t dropped[2];    /* data bytes each side sent outside the receiver's window:
                               dropped by it, not counted as sent */
    uint32_t dropped_index; /* the first such segment */
    uint32_t rst_bad_ack;   /* a RST answering an unacceptable ACK (its index), 0: none */
    uint32_t proves_index;  /* an ACK proving the peer established and sent bytes the capture
                               lacks (TT_NOTE3_PROVES_EST): its index, 0: none */
    uint32_t proves_bytes;  /* ... how many bytes it acknowledges */
    uint8_t proves_side;    /* ... its sender: 0 client, 1 server */
    uint8_t ecn;            /* TT_WALK_ECN_*: what became of an ECN offer */
    uint32_t urgent_index[2]; /* the first segment each side sent with urgent data, 0: none */
    /* Bytes the capture proves each side sent (tt_walk_add_header): the
     * highest data byte number seen or implied by a FIN, the sequence number
     * of its FIN, and the peer's highest cumulative ACK (with its segment). */
    uint32_t data_hi[2], fin_at[2], acked_hi[2], acked_index[2];
    bool has_fin[2];
    bool gap[2];           /* Wireshark found bytes of this side that the capture missed */
    uint32_t fin_index[2]; /* the segment of each side's last FIN */
    uint32_t fin_rst[2];   /* a RST of the peer that answered this side's FIN in place of an
                              ACK (its index), 0: none */
    /* The whole stream as the capture holds it, when this one holds only the
     * segments a filter let through (a view); NULL: this is the whole stream. */
    const struct tt_walk_stream *capture;
} tt_walk_stream;

/* What became of an ECN offer (tt_walk_stream.ecn). */
enum { TT_WALK_ECN_NONE = 0, TT_WALK_ECN_OFFERED, TT_WALK_ECN_ACCEPTED, TT_WALK_ECN_DECLINED };

/* What a side's SYN offered for the window scale (tt_walk_stream.ws_offer). */
enum {
    TT_OFFER_ABSENT = -1, /* its SYN carried no window scale option */
    TT_OFFER_CUT = -2,    /* its SYN's options were not captured in full */
    TT_OFFER_NO_SYN = -3  /* no SYN of that side was added */
};

/* What one segment adds to the role counts (-z tcpteach,stats and the
 * GUI's Statistics table, which both count through it): a segment of its
 * role, sent for the first time or again (a retransmission is counted apart,
 * so that 100 copies of one SYN do not read as 100 attempts), and whether it
 * attempted a connection (a first SYN) or established one (after it both
 * sides are ESTABLISHED, and were not before). */
typedef struct tt_count_delta {
    uint8_t role; /* tt_role; 0: counts nothing */
    bool resent, attempt, established;
} tt_count_delta;
tt_count_delta tt_count_segment(const tt_result *r);

typedef struct tt_role_counts {
    uint32_t sent[TT_ROLE_COUNT];    /* segments of each role sent for the first time */
    uint32_t resent[TT_ROLE_COUNT];  /* retransmissions of each role */
    uint32_t attempted, established; /* connections */
} tt_role_counts;
void tt_counts_add(tt_role_counts *c, const tt_result *r);

/* One segment as the classroom outputs show it: the state machine's result,
 * the parsed header, and what the capture and Wireshark add to them. */
typedef struct tt_walk_seg {
    const tt_result *r;
    const tt_header *h;
    uint32_t frame;
    uint64_t t_us;   /* capture time since the stream's first captured segment (in this
                        view or not), microseconds */
    bool has_rtt;    /* Wireshark measured an RTT on this ACK (tcp.analysis.ack_rtt) */
    bool has_flight; /* Wireshark counted bytes in flight (tcp.analysis.bytes_in_flight) */
    uint32_t flight;
    uint64_t rtt_us;
    const tt_detail *d; /* the state machine's details of a retransmission, probe,
                           keep-alive or D-SACK; NULL: none kept */
    uint8_t cc;         /* a data segment's congestion-control code (cc.h), 0: none */
    uint32_t cc_flight; /* ... and the bytes in flight the model counted after it */
} tt_walk_seg;

/* One stream for a whole document: its totals, who is who
 * ("192.0.2.1:5000"), and its segments in capture order. */
typedef struct tt_walk_view {
    const tt_walk_stream *w; /* its segments' totals; w->capture: the whole stream's */
    const char *client, *server;
    const tt_walk_seg *segs;
    size_t n;
    bool absolute; /* numbers as on the wire (every segment's h->absolute says the same) */
} tt_walk_view;

/* The numbers of a segment as shown: relative to the ISNs, or as on the wire
 * when s->h->absolute (Wireshark's tcp.relative_sequence_numbers off). */
uint32_t tt_walk_seq(const tt_walk_seg *s);
uint32_t tt_walk_ack(const tt_walk_seg *s);
/* The sequence number the sender uses next: seq + data + 1 for a SYN or FIN. */
uint32_t tt_walk_next_seq(const tt_walk_seg *s);
/* The advertised window in bytes (the window field shifted by the scale in
 * use); false when the scale is not known (*bytes is then the raw field). */
bool tt_walk_window_bytes(const tt_walk_seg *s, uint64_t *bytes);
/* The SACK blocks (left and right edges, as shown); returns how many (<= max). */
unsigned tt_walk_sack(const tt_walk_seg *s, uint32_t blocks[][2], unsigned max);
/* One sentence saying whether the numbers shown are relative or absolute,
 * and, relative, from where they count: each side's ISN when its SYN was
 * captured (w: the stream; NULL: as if both SYNs were). */
const char *tt_walk_seq_mode(const tt_walk_stream *w, bool absolute, tt_lang lang);
/* That sentence and what the extra numbers mean (time origin, window, RTT,
 * bytes in flight): the note at the head of a document about stream w
 * (NULL: a stream whose SYNs and window scales were all captured). */
size_t tt_walk_numbers_note(const tt_walk_stream *w, bool absolute, tt_lang lang, char *buf,
                            size_t n);
/* The numbers beyond seq/ack, for a second line or a table column:
 * "t=0.000120 s; win 512 x 128 = 65536 bytes; RTT 0.045 ms; in flight 19
 * bytes; SACK 21-41". Only what the segment has. */
size_t tt_walk_more(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);
/* The same without the time. */
size_t tt_walk_more_numbers(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);
/* "Numbers: win 512 x 128 = 65536 bytes; RTT 0.045 ms." for the walkthrough
 * paragraph (its heading already has the time); "" when there is nothing. */
size_t tt_walk_numbers_line(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);
/* Time in seconds with microseconds: "12.000120". */
void tt_walk_time(uint64_t us, char *buf, size_t n);
/* Microseconds as milliseconds with three decimals: "0.045". */
void tt_walk_ms(uint64_t us, char *buf, size_t n);
/* A sound header whose window field was captured (so its window and options
 * can be shown). */
bool tt_walk_window_seen(const tt_header *h);
/* A state's name; CLOSED for a value outside the diagram. */
const char *tt_walk_state(uint8_t st);

void tt_walk_init(tt_walk_stream *w, uint32_t stream);
void tt_walk_add(tt_walk_stream *w, const tt_result *r);
/* The same, also noting what a SYN's header offered (the window scale). */
void tt_walk_add_header(tt_walk_stream *w, const tt_result *r, const tt_header *h);

/* The whole stream as captured: w->capture, or w itself. */
const tt_walk_stream *tt_walk_captured(const tt_walk_stream *w);
/* Whether w is a view without some of the captured segments (a filter
 * left them out). */
bool tt_walk_filtered(const tt_walk_stream *w);
/* Where a side's SYN (a SYN, SYN+ACK or crossing SYN) is, for sentences
 * about that side: only what its own segments show. */
typedef enum {
    TT_SYN_SHOWN,        /* among w's segments */
    TT_SYN_FILTERED,     /* in the capture, not in this view (filtered out) */
    TT_SYN_NOT_CAPTURED, /* the side sent other segments; its SYN is not in the capture */
    TT_SYN_NOT_SENT      /* the side answered the peer's SYN with a reset, or with nothing:
                            it sent no SYN */
} tt_syn_seen;
tt_syn_seen tt_walk_syn_seen(const tt_walk_stream *w, unsigned side);
/* The window scale shift a side's windows are multiplied by after the
 * handshake (RFC 7323: only when both SYNs carried the option; at most 14),
 * from the whole capture; TT_WS_NONE: scaling is not in use; TT_WS_UNKNOWN:
 * not known (a SYN not captured, or its options cut). */
int tt_walk_scale(const tt_walk_stream *w, unsigned side);
/* A header of the stream quoted in an ICMP error (frame `frame`); it is not
 * one of the stream's segments, but the closing summary tells what it did
 * to a connection attempt. */
void tt_walk_add_icmp(tt_walk_stream *w, const tt_result *r, const tt_header *h, uint32_t frame);

/* Stream heading lines: the title and who is client and server. */
size_t tt_walk_title(const tt_walk_stream *w, tt_lang lang, char *buf, size_t n);
size_t tt_walk_who(const tt_walk_stream *w, const char *client, const char *server, tt_lang lang,
                   char *buf, size_t n);

/* One paragraph for one segment: number, frame, time (text, seconds), direction,
 * role, what it does with its numbers, and both endpoints' state changes. */
size_t tt_walk_paragraph(const tt_result *r, const tt_header *h, uint32_t frame, const char *when,
                         tt_lang lang, char *buf, size_t n);

/* The closing summary: handshake, bytes and chunks each way,
 * retransmissions, and how the conversation ended. */
size_t tt_walk_closing(const tt_walk_stream *w, tt_lang lang, char *buf, size_t n);

/* How a stream went, in a few words, for an index of streams: "three-way
 * handshake, 19 + 18 bytes, four-step close". From the whole capture
 * (w->capture when w is a view). */
size_t tt_walk_outcome(const tt_walk_stream *w, tt_lang lang, char *buf, size_t n);

/* The "loss and recovery" paragraph: each chunk, SYN or FIN sent again,
 * with the cause and the interval of every copy, the back-off of a timer,
 * a copy a D-SACK shows was not needed, and when the bytes were finally
 * acknowledged. "" when nothing was sent again. */
size_t tt_walk_losses(const tt_walk_view *v, tt_lang lang, char *buf, size_t n);

/* Where the capture point sits, from the handshake's times: SYN to SYN+ACK
 * is the path from the capture point to the server and back, SYN+ACK to
 * ACK the path to the client and back; so which part of the round trip
 * Wireshark's RTT figures cover. "" without a clean handshake. */
size_t tt_walk_path(const tt_walk_view *v, tt_lang lang, char *buf, size_t n);

/* For a retransmission or a zero-window probe: "It comes 240.000 ms after
 * the previous copy (frame 15)."; "" otherwise. */
size_t tt_walk_resend_gap(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);

/* tcpdump's flag notation: "[S]", "[S.]", "[P.]", "[F.]", "[R.]", "[.]". */
size_t tt_walk_flags(uint16_t flags, char *buf, size_t n);

/* The role's label without its brackets: "Handshake 1/3", "Data #2
 * (retransmission)". */
size_t tt_walk_role_label(const tt_result *r, tt_lang lang, char *buf, size_t n);

/* The Flow Graph's arrow label: the role label first, then the flags in
 * tcpdump's notation when they fit, in at most 20 characters (what
 * Wireshark's text Flow Graph keeps), e.g. "Handshake 2/3 [S.]",
 * "ACK + Data #1 [P.]", "Teardown 1/4 [F.]", "Data #2 (resent) [.]". */
size_t tt_walk_flow_label(const tt_result *r, const tt_header *h, tt_lang lang, char *buf,
                          size_t n);

/* The numbers as tcpdump prints them: "seq 1:20 ack 1", "seq 0", "ack 20"
 * (relative, or absolute when h->absolute). */
size_t tt_walk_numbers(const tt_result *r, const tt_header *h, char *buf, size_t n);
/* The same without the window: "seq 1:20 ack 1". */
size_t tt_walk_seq_ack(const tt_result *r, const tt_header *h, char *buf, size_t n);

/* Columns a UTF-8 string takes in a terminal (East Asian wide characters
 * take two). */
size_t tt_display_width(const char *utf8);

/* The ladder diagram: two heading lines (client on the left, server on the
 * right, with their states before the first segment), then one line per
 * segment with its arrow and the states that changed, by the RFC's names in
 * every language (the name every view gives first; in Chinese the others
 * add the textbook's name in brackets, for which the column has no room).
 * Lines are at most
 * TT_LADDER_WIDTH columns wide. */
#define TT_LADDER_WIDTH 100
size_t tt_ladder_top(const tt_walk_stream *w, const char *client, const char *server, tt_lang lang,
                     char *buf, size_t n);
/* The same (the quiz's name for it). */
size_t tt_ladder_top_rfc(const tt_walk_stream *w, const char *client, const char *server,
                         tt_lang lang, char *buf, size_t n);
size_t tt_ladder_line(const tt_result *r, const tt_header *h, uint32_t frame, tt_lang lang,
                      char *buf, size_t n);
/* A ladder line from its parts: a number in the first column (the ladder's
 * frame, or another), the text beside the client's bar (a state, or ""),
 * the arrow's direction and label, the text beside the server's bar. */
size_t tt_ladder_compose(uint32_t number, const char *client, bool c2s, const char *label,
                         const char *server, char *buf, size_t n);
/* The line under a segment's arrow: time, window, RTT, bytes in flight and
 * SACK blocks (tt_walk_more), between the two bars. */
size_t tt_ladder_more(const tt_walk_seg *s, tt_lang lang, char *buf, size_t n);

/* Text broken into lines of at most `cols` columns: at spaces, or between
 * wide (CJK) characters; a longer word stays whole on its own line. */
size_t tt_wrap(const char *text, size_t cols, char *buf, size_t n);

#endif
