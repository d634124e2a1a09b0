/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the per-stream state machine.
 *
 * Feed the segments of one TCP stream in capture order; for each one it
 * returns a small, self-contained record (tt_result) with the segment's role,
 * steps, chunk numbers and both endpoints' RFC 9293 states. Everything is
 * inferred "as seen at the capture point". Pure C11: no Wireshark, no GLib.
 */
#ifndef TCPTEACH_CONVERSATION_H
#define TCPTEACH_CONVERSATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "header.h"

/* Roles: the public vocabulary of tcpteach.role (roles.def). */
typedef enum {
#define TT_ROLE(id, token, phase, step, lk, label, plain, sk, summary, conn) id,
#include "roles.def"
#undef TT_ROLE
    TT_ROLE_COUNT
} tt_role;

/* Phases: groups of roles (phases.def), tcpteach.phase. */
typedef enum {
#define TT_PHASE(id, token) id,
#include "phases.def"
#undef TT_PHASE
    TT_PHASE_COUNT
} tt_phase;

/* RFC 9293 connection states, the events that move them (states.def). */
typedef enum {
#define TT_STATE(id, name, gloss) id,
#include "states.def"
    TT_ST_COUNT
} tt_state;

typedef enum {
#define TT_EVENT(id, token, text) id,
#include "states.def"
    TT_EV_COUNT
} tt_event;

typedef enum { TT_DIR_C2S = 0, TT_DIR_S2C = 1 } tt_dir;

/* Wireshark's own TCP analysis findings for a segment (tcp.analysis.*). */
enum {
#define TT_ANALYSIS(id, bit, field, text) TT_AN_##id = 1u << (bit),
#include "analysis.def"
#undef TT_ANALYSIS
};
#define TT_AN_ANY_RETRANSMISSION                                                                   \
    (TT_AN_RETRANSMISSION | TT_AN_FAST_RETRANSMISSION | TT_AN_SPURIOUS_RETRANSMISSION)

/* Who sent the ICMP error that quotes a header (tt_segment.icmp_sender). */
enum { TT_ICMP_FROM_DEST = 1, TT_ICMP_FROM_PATH = 2 };

/* Checksum verdict, as Wireshark gives it (tcp.checksum.status). */
typedef enum { TT_CK_UNVERIFIED = 0, TT_CK_GOOD, TT_CK_BAD } tt_checksum_status;

/* Facts about one segment that do not come from its own header bytes. */
typedef struct tt_segment {
    uint32_t frame;       /* frame number, for ordering only */
    const uint8_t *src;   /* source address bytes (4 or 16), may be NULL */
    const uint8_t *dst;   /* destination address bytes */
    uint8_t addr_len;     /* 4, 16, or 0 when unknown */
    uint32_t payload_len; /* tcp.len: bytes of data after the header */
    uint32_t analysis;    /* TT_AN_* bits reported by Wireshark */
    bool analysis_on;     /* Wireshark's sequence analysis ran (preference on) */
    bool quoted;          /* the header is quoted inside an ICMP error */
    bool has_time;        /* time_us is the capture time of the frame */
    uint8_t checksum;     /* tt_checksum_status */
    uint64_t time_us;     /* capture time in microseconds (any epoch) */
    bool has_ip_id;       /* ip_id holds the IPv4 identification of the packet */
    bool has_hash;        /* hash holds a hash of the TCP header and data captured */
    uint16_t ip_id;
    uint32_t hash;     /* to recognise a packet the capture holds twice */
    uint8_t icmp;      /* quoted: the ICMP error's version (4 or 6), 0 when not read */
    uint8_t icmp_type; /* quoted: the ICMP error's type and code */
    uint8_t icmp_code;
    uint8_t icmp_sender;  /* quoted: TT_ICMP_FROM_DEST, TT_ICMP_FROM_PATH, 0 unknown */
    const uint8_t *data;  /* the bytes of its data as captured, NULL when not known */
    uint32_t data_caplen; /* how many of them (at most payload_len: a capture may cut them) */
} tt_segment;

/* Notes about a segment, for the explanations (bit set). */
enum {
    TT_NOTE_RETRANSMISSION = 1u << 0,   /* repeats bytes (or a SYN/FIN) already sent */
    TT_NOTE_DIR_GUESSED = 1u << 1,      /* no SYN seen: client/server are a guess */
    TT_NOTE_HALF_CLOSE = 1u << 2,       /* data sent after the peer's FIN */
    TT_NOTE_CARRIES_DATA = 1u << 3,     /* handshake-3 / teardown-1 / -2 that also carries data */
    TT_NOTE_ACKS_NOTHING_NEW = 1u << 4, /* pure ACK that advances nothing */
    TT_NOTE_SYN_ACKED = 1u << 5,        /* this segment acknowledges the peer's SYN */
    TT_NOTE_FIN_ACKED = 1u << 6,        /* this segment acknowledges the peer's FIN */
    TT_NOTE_AFTER_CLOSE = 1u << 7,      /* seen after both sides had closed */
    TT_NOTE_IPV6 = 1u << 8,             /* carried over IPv6 */
    TT_NOTE_SEQ_UNKNOWN = 1u << 9,      /* the sender's relative numbers count from a guess */
    TT_NOTE_OWN_ANALYSIS = 1u << 10,    /* Wireshark's analysis was off: tcpteach's own */
    TT_NOTE_NEW_DATA_ACKED = 1u << 11,  /* acknowledges new bytes of the peer's data */
    TT_NOTE_CHUNK_UNSEEN = 1u << 12,    /* retransmits bytes whose first sending was not captured */
    TT_NOTE_OUT_OF_WINDOW = 1u << 13,   /* sequence number far outside any window: dropped */
    TT_NOTE_ACK_UNKNOWN = 1u << 14,     /* the peer's relative numbers count from a guess */
    TT_NOTE_INFERRED = 1u << 15,        /* the states before this first segment are inferred */
    TT_NOTE_NOT_LISTENING = 1u << 16,   /* a RST shows no socket listened: server was CLOSED */
    TT_NOTE_WAS_OPENING = 1u << 17,     /* a crossing SYN shows the server was opening itself */
    TT_NOTE_FIN_PENDING = 1u << 18,  /* the receiver got a FIN: it moves when it acknowledges it */
    TT_NOTE_COMPLETES_HS = 1u << 19, /* a FIN or RST that also completes the handshake */
    TT_NOTE_TFO_ACCEPTED = 1u << 20, /* acknowledges the data carried by the peer's SYN */
    TT_NOTE_TFO_REFUSED = 1u << 21,  /* acknowledges the peer's SYN but not its data */
    TT_NOTE_WS_KEEPALIVE = 1u << 22, /* a probe that Wireshark calls a keep-alive */
    TT_NOTE_ACKED_GAPS = 1u << 23,   /* the chunks completed are not numbered consecutively */
    TT_NOTE_SYN_PENDING = 1u << 24,  /* the receiver got a SYN: it moves when it answers */
    TT_NOTE_SYNACK_PENDING = 1u << 25, /* the receiver got a SYN+ACK: it moves with its ACK */
    TT_NOTE_DETAIL = 1u << 26,         /* a tt_detail was filled in */
    TT_NOTE_SYN_DATA = 1u << 27,       /* a SYN that carries data (TCP Fast Open) */
    TT_NOTE_ACK_LOST = 1u << 28,       /* a repeated SYN+ACK shows the ACK of it was lost */
    TT_NOTE_ANSWERS_SYNACK = 1u << 29  /* an ACK that answers a repeated SYN+ACK */
};

/* More notes about a segment (bit set, tt_result.notes2). */
enum {
    TT_NOTE2_FIX_CLIENT = 1u << 0,      /* the client's state is corrected, not moved */
    TT_NOTE2_FIX_SERVER = 1u << 1,      /* the server's state is corrected, not moved */
    TT_NOTE2_FINACK_LATER = 1u << 2,    /* acknowledges the receiver's FIN, which waits for the
                                           receiver's answer to the FIN it got before */
    TT_NOTE2_FINACK_APPLIED = 1u << 3,  /* answering a FIN, the sender also takes in the ACK of
                                           its own FIN that arrived after that FIN */
    TT_NOTE2_FIN_IN_SYN_SENT = 1u << 4, /* a FIN from SYN-SENT: no edge of the diagram */
    TT_NOTE2_NEW_ATTEMPT = 1u << 5,     /* a new SYN after a RST refused the previous one */
    TT_NOTE2_RST_CLOSED = 1u << 6,      /* a RST from an end that was already closed */
    TT_NOTE2_RST_UNREAD = 1u << 7,      /* a RST instead of a FIN: an abortive close */
    TT_NOTE2_RST_AFTER_CLOSE = 1u << 8, /* a RST answering data that came after its FIN */
    TT_NOTE2_CROSSED = 1u << 10,        /* simultaneous open: answers the peer's SYN+ACK */
    TT_NOTE2_CAPTURE_DUP = 1u << 11,    /* the capture holds the previous packet twice */
    TT_NOTE2_WRAPPED = 1u << 12,        /* a relative number here has passed 2^32 (4 GiB) */
    TT_NOTE2_SENT_EARLIER = 1u << 13,   /* sent by an end shown CLOSED: sent before it closed */
    TT_NOTE2_RST_AGAIN = 1u << 14,      /* repeats the sender's previous reset */
    TT_NOTE2_NO_CONN = 1u << 15,        /* no segment of a connection seen yet: no states */
    TT_NOTE2_RST_IN_FLIGHT = 1u << 16, /* a RST while the capture shows data not yet acknowledged */
    TT_NOTE2_RST_UNSEEN = 1u << 17,    /* a RST where the capture saw neither a SYN nor data:
                                          whether data was in flight is not known */
    TT_NOTE2_PROBED_BYTE = 1u << 18,   /* a new chunk whose first byte zero-window probes
                                          carried before (not accepted then) */
    TT_NOTE2_ACK_PAST_FIN = 1u << 19,  /* the ACK number lies past the peer's FIN (covers it) */
    TT_NOTE2_ICMP4 = 1u << 20,         /* icmp-quoted: icmp_type/icmp_code of an ICMPv4 error */
    TT_NOTE2_ICMP6 = 1u << 21,         /* icmp-quoted: icmp_type/icmp_code of an ICMPv6 error */
    TT_NOTE2_ICMP_FROM_DEST = 1u << 22,   /* the ICMP error comes from the quoted segment's
                                             destination host itself */
    TT_NOTE2_ICMP_FROM_PATH = 1u << 23,   /* the ICMP error comes from another address: a router
                                             (or a host) on the way */
    TT_NOTE2_MP_FASTCLOSE = 1u << 24,     /* carries MPTCP's MP_FASTCLOSE: aborts the whole MPTCP
                                             connection (RFC 8684 section 3.5) */
    TT_NOTE2_RST_FASTCLOSE = 1u << 25,    /* a RST answering the peer's MP_FASTCLOSE: the subflow
                                             reset RFC 8684 section 3.5 asks for */
    TT_NOTE2_GAP = 1u << 26,              /* new data beyond the sender's highest byte seen: the
                                             bytes before it are missing (so far) */
    TT_NOTE2_FILLS_GAP = 1u << 27,        /* new data below the sender's highest byte seen, not a
                                             retransmission: it fills a gap (reordering) */
    TT_NOTE2_PROBE_UNANSWERED = 1u << 28, /* a zero-window probe right after the sender's previous
                                            one: the capture shows no answer to that one */
    TT_NOTE2_AFTER_RTO = 1u << 9,         /* resent after a timeout of earlier bytes: the timeout
                                             marked everything unacknowledged lost */
    TT_NOTE2_KARN = 1u << 29,             /* acknowledges bytes sent more than once: no RTT sample
                                             (Karn's rule) */
    TT_NOTE2_DELAYED_ACK = 1u << 30       /* an ACK that waited for the delayed-ACK timer */
};
enum {
    TT_NOTE_ACCECN = 1u << 30 /* Accurate ECN negotiated: AE, CWR, ECE are a counter from now on */
};
/* A duplicate ACK while no byte of the peer is missing (a macro: an enum
 * constant must fit an int). */
#define TT_NOTE_NOTHING_MISSING (1u << 31)
/* An ACK whose first SACK block reports bytes that arrived twice (D-SACK,
 * tt_result.notes2; a macro for the same reason). */
#define TT_NOTE2_DSACK (1u << 31)

/* Notes about unusual openings and resets (bit set, tt_result.notes3). */
enum {
    TT_NOTE3_NO_OWN_SYN = 1u << 0,    /* acknowledges the peer's SYN from LISTEN, with no SYN of
                                         its own: no connection is opened by it */
    TT_NOTE3_BAD_ACK = 1u << 1,       /* an ACK that its receiver, in SYN-SENT, must find
                                         unacceptable (SEG.ACK =< ISS or > SND.NXT) */
    TT_NOTE3_RST_BAD_ACK = 1u << 2,   /* a RST <SEQ=SEG.ACK> answering such an ACK: its sender
                                         stays SYN-SENT */
    TT_NOTE3_BEYOND_WINDOW = 1u << 3, /* data beyond the window its receiver offered, too soon
                                         after that offer for the bytes before it: dropped */
    TT_NOTE3_WS_IN_USE = 1u << 4,     /* scaling is in use (a SYN+ACK carried the option), but
                                         this side's shift was in a SYN not captured */
    TT_NOTE3_PROVES_EST = 1u << 5,    /* from SYN-RECEIVED, acknowledges bytes of the peer that
                                         the capture did not show: both ends were ESTABLISHED */
    TT_NOTE3_BEFORE_RST = 1u << 6,    /* sent by an end shown CLOSED since the peer's reset:
                                         sent before that RST reached it */
    TT_NOTE3_RST_ANSWERS = 1u << 7    /* a RST from a closed end answering the peer's segment
                                         (its sequence number is that segment's ACK number) */
};

/* How client and server were told apart when no SYN was captured. */
typedef enum {
    TT_GUESS_NONE = 0,   /* a SYN was captured */
    TT_GUESS_WELL_KNOWN, /* only one port is below 1024 */
    TT_GUESS_EPHEMERAL,  /* only one port is outside the ephemeral range */
    TT_GUESS_FIRST       /* the sender of the first segment seen is the client */
} tt_guess;

/* Why a segment was sent again. */
typedef enum {
    TT_WHY_NONE = 0,
    TT_WHY_TIMEOUT,   /* no acknowledgment before the retransmission timer expired */
    TT_WHY_FAST,      /* duplicate ACKs asked for these bytes (fast retransmit) */
    TT_WHY_SACK,      /* SACK blocks showed the gap (SACK-based recovery) */
    TT_WHY_SPURIOUS,  /* the bytes had already been acknowledged */
    TT_WHY_SYN_AGAIN, /* a simultaneous open's SYN+ACK repeats the SYN (same ISN) */
    TT_WHY_SYN_DATA,  /* data of a SYN that the peer's SYN+ACK did not accept */
    TT_WHY_TLP,       /* the last segment resent sooner than a timer could fire, with nothing
                         asking for it: a tail loss probe (RFC 8985) */
    TT_WHY_EARLY,     /* sent again with nothing asking for it, sooner than any timer of TCP's
                         fires: not TCP's recovery (a tool, the application or the network) */
    TT_WHY_PARTIAL,   /* during fast recovery, an ACK that moved up to these bytes but not past
                         all that was outstanding (NewReno, RFC 6582) */
    TT_WHY_COUNT
} tt_why;

/* Window scale as known when the segment was seen. */
enum {
    TT_WS_UNKNOWN = -1, /* handshake not captured: the multiplier is unknown */
    TT_WS_SYN = -2,     /* a SYN segment: its window is never scaled */
    TT_WS_NONE = -3,    /* both SYNs seen, not both offered it: not in use */
    TT_WS_CUT = -4      /* a SYN's options were not captured: unknown */
};

/* Everything the explanations and the tree need about one segment, computed
 * once on the first pass. Small (56 bytes): one is kept per frame. */
typedef struct tt_result {
    uint32_t stream;
    uint32_t index;       /* 1-based number of this segment within its stream */
    uint32_t chunk;       /* 0 = carries no data */
    uint32_t acked_chunk; /* highest-numbered peer chunk it completes, 0 = none */
    uint32_t rel_seq;     /* sequence number relative to the sender's ISN */
    uint32_t rel_ack;     /* acknowledgment number relative to the peer's ISN */
    uint32_t payload_len;
    uint32_t notes;                      /* TT_NOTE_* */
    uint16_t analysis;                   /* TT_AN_* as reported by Wireshark */
    uint8_t role;                        /* tt_role */
    uint8_t steps[2];                    /* 0 = none; teardown-2+3 has {2, 3} */
    uint8_t client_before, client_after; /* tt_state */
    uint8_t server_before, server_after; /* tt_state */
    int8_t wscale;                       /* shift applied to this segment's window, or TT_WS_* */
    uint8_t acked_count;                 /* chunks it completes (at most 255) */
    uint8_t dir : 1;                     /* tt_dir */
    uint8_t checksum : 2;                /* tt_checksum_status */
    uint8_t guess : 2;                   /* tt_guess */
    uint8_t edge[2][2];                  /* the events that moved the client [0] and the
                                            server [1], in order, plus one; 0: none (read
                                            them with tt_result_edges) */
    uint32_t notes2;                     /* TT_NOTE2_* */
    uint8_t icmp_type, icmp_code;        /* icmp-quoted with TT_NOTE2_ICMP4/6: the error */
    uint8_t why;                         /* tt_why, for a retransmission */
    uint8_t notes3;                      /* TT_NOTE3_* */
    uint8_t peer_syn;                    /* TT_PEER_SYN_*: what the peer's last SYN offered */
} tt_result;

/* What the peer's last SYN (or SYN+ACK) offered, as far as the capture
 * shows it (tt_result.peer_syn): the answer to an offer, and options that
 * may only follow one, are explained against it. 0: no SYN of the peer
 * seen. */
enum {
    TT_PEER_SYN_SEEN = 1u << 0,    /* its flags were captured */
    TT_PEER_SYN_OPTS = 1u << 1,    /* ... and all of its options */
    TT_PEER_SYN_ECN = 1u << 2,     /* it offered ECN: ECE and CWR set (RFC 3168), with AE too
                                      for Accurate ECN, which a classic peer answers as ECN */
    TT_PEER_SYN_SACKP = 1u << 3,   /* it carried SACK-permitted (RFC 2018) */
    TT_PEER_SYN_TFO = 1u << 4,     /* it carried a TCP Fast Open option: kind 34, or the
                                      experimental kind 254 with ExID 0xF989 (RFC 7413) */
    TT_PEER_SYN_CHANGED = 1u << 5, /* its copies did not all offer the same options */
    TT_PEER_SYN_WS = 1u << 6,      /* it carried a window scale option */
    TT_PEER_SYN_TS = 1u << 7       /* it carried timestamps */
};

/* The options a SYN offers, packed in one word (tt_syn_options): the MSS in
 * the low 16 bits, the window scale shift in bits 20-23. */
enum {
    TT_SYNO_MSS = 1u << 16,   /* an MSS option */
    TT_SYNO_WS = 1u << 17,    /* a window scale option */
    TT_SYNO_SACKP = 1u << 18, /* SACK-permitted */
    TT_SYNO_TS = 1u << 19,    /* timestamps */
    TT_SYNO_WS_SHIFT = 20,
    TT_SYNO_KNOWN = 1u << 24 /* all of its options were captured and read */
};
#define TT_SYNO_MSS_OF(o) ((unsigned)((o)&0xffffu))
#define TT_SYNO_SHIFT_OF(o) ((unsigned)(((o) >> TT_SYNO_WS_SHIFT) & 0xfu))

/* The window scale shift a SYN offers (RFC 7323), as its option carries it
 * (not capped at 14); TT_WSO_ABSENT when it carries no window scale option,
 * TT_WSO_CUT when its options were not all captured (or the header is
 * damaged): then nothing is known. The one reading of that option for the
 * handout, the walkthrough's scale and the SYN's options. */
enum { TT_WSO_ABSENT = -1, TT_WSO_CUT = -2 };
int tt_syn_wscale(const tt_header *h);

/* The options of a SYN (or SYN+ACK) that decide what the connection uses,
 * packed (TT_SYNO_*); 0 when they were not all captured. */
uint32_t tt_syn_options(const tt_header *h);

/* The rarer facts about a retransmission, a probe, a keep-alive or a
 * D-SACK, filled in (and TT_NOTE_DETAIL set) only for those segments, so
 * that a caller can keep them aside. Times are in microseconds. */
typedef struct tt_detail {
    uint32_t orig_frame;          /* the frame that first sent these bytes, 0 unknown */
    uint32_t prev_frame;          /* the previous copy (or probe, keep-alive), 0 unknown; for a
                                     D-SACK: the copy it shows was not needed */
    uint32_t dup_first, dup_last; /* the duplicate ACKs that asked for them since that copy */
    uint32_t dup_count;           /* how many (0: none seen) */
    uint32_t trigger_frame;       /* the ACK that set it off: the third duplicate ACK (or the
                                     last one), the ACK whose SACK blocks show the hole, the ACK
                                     that had already acknowledged it, the timeout before it */
    uint32_t earlier;             /* how many times they were sent before */
    uint64_t since_us;            /* time since the first sending, when known */
    uint64_t gap_us;              /* since the previous copy (probe; for a keep-alive: since the
                                     last segment of the connection) */
    uint64_t prev_gap_us;         /* the interval between the two copies before (back-off) */
    uint64_t trigger_us;          /* since trigger_frame */
    uint32_t rtt_us;              /* the round trip as the capture shows it, 0: unknown */
    bool has_since, has_gap, has_prev_gap, has_trigger;
    bool sacked;          /* the ACKs that asked for them carried SACK blocks */
    bool unanswered;      /* a keep-alive: the previous one got no answer */
    uint32_t probe_frame; /* a timer copy: the probe or ACK after the previous copy that
                             restarted the timer, 0: none */
    uint64_t probe_us;    /* ... the time since it */
    bool restart_ack;     /* ... it was an ACK of new bytes (else a tail loss probe) */
    uint8_t prev_why;     /* for a D-SACK: the tt_why of the copy it reports */
    uint32_t repeat_first, repeat_last; /* the chunks whose bytes it repeats, 0: none known */
    uint32_t new_offset, new_len;       /* bytes it sends for the first time: from this offset in
                                           its data, this many (0: none); they are its chunk */
    uint32_t compared;                  /* bytes it repeats that were compared with their first
                                           copy (both copies captured, not yet acknowledged) */
    uint32_t differ_count;              /* ... of them, how many differ (0: none) */
    uint32_t differ_offset;             /* the first that differs: its offset in this data */
    uint32_t differ_frame;              /* ... and the frame that sent it first (0: unknown) */
    uint32_t syn_was;                   /* a copy of a SYN: the options of the previous copy
                                           (tt_syn_options), 0: not known */
} tt_detail;

/* Allocation hooks: the caller owns all memory (e.g. a file-scoped arena).
 * The conversation asks for little and only when data flows. What it has
 * outgrown it hands back through `free`; when that is NULL it just stops
 * using it, and the caller reclaims it with the rest (an arena). */
typedef struct tt_alloc {
    void *(*alloc)(void *ctx, size_t size); /* zeroed memory, never NULL */
    void *ctx;
    void (*free)(void *ctx, void *p); /* NULL: memory is never handed back */
} tt_alloc;

typedef struct tt_conv tt_conv;

/* Size of a conversation object, to be allocated by the caller (zeroed). */
size_t tt_conv_size(void);
void tt_conv_init(tt_conv *c, uint32_t stream);

/* Classifies one segment of the stream and updates the conversation.
 * A quoted (ICMP) or malformed header is explained but changes no state. */
void tt_conv_feed(tt_conv *c, const tt_alloc *a, const tt_header *h, const tt_segment *s,
                  tt_result *out);

/* The same, also filling in *detail (when not NULL) for a retransmission;
 * out->notes then has TT_NOTE_DETAIL. */
void tt_conv_feed_detail(tt_conv *c, const tt_alloc *a, const tt_header *h, const tt_segment *s,
                         tt_result *out, tt_detail *detail);

/* Whether each endpoint's change of state in a result is an edge of
 * RFC 9293's diagram, or two edges on one segment (always true: the state
 * machine moves only through the edge table; tests check it). */
bool tt_result_moves_ok(const tt_result *r);

/* The edges of RFC 9293's diagram that moved a side (0 client, 1 server) on
 * this segment, in order, written to ev; returns how many (0, 1 or 2). A
 * corrected state (tt_result_corrected) has none. */
unsigned tt_result_edges(const tt_result *r, unsigned side, tt_event ev[2]);

/* Whether the segment corrects the state assumed for a side (the server was
 * not listening, or was opening itself; a repeated SYN+ACK shows the ACK of
 * it was lost): a correction, not a move of the diagram. */
bool tt_result_corrected(const tt_result *r, unsigned side);

/* Whether an event is shown on a segment its endpoint sends (an edge with
 * a "snd" part, RFC 9293's diagram) rather than on one it receives. */
bool tt_event_sends(tt_event e);

/* Language-neutral tokens (public API: never translated). */
const char *tt_role_token(tt_role r);
tt_phase tt_role_phase(tt_role r);
unsigned tt_role_step(tt_role r); /* a role's one step number, 0: none or varies */
const char *tt_phase_token(tt_phase p);
const char *tt_state_name(tt_state s);
const char *tt_event_token(tt_event e);
const char *tt_dir_token(tt_dir d);

/* The state diagram: where `event` takes an endpoint in state `from`, or
 * TT_ST_COUNT when the diagram has no such edge. */
tt_state tt_state_next(tt_state from, tt_event event);

/* A way through the diagram: one edge, or two through `via`. */
typedef struct tt_path {
    unsigned n;     /* how many edges: 0 (none), 1 or 2 */
    tt_event ev[2]; /* the events of the edges, in order (TT_EV_COUNT: unused) */
    tt_state via;   /* with two edges: the state between them, else TT_ST_COUNT */
} tt_path;

/* The edges of the diagram that lead from `from` to `to`: the edge, when
 * one does, else the first pair in the table's order; returns how many (0:
 * no way of one or two edges). (Which edges a segment took is recorded by
 * the state machine: tt_result_path.) */
unsigned tt_state_path(tt_state from, tt_state to, tt_path *p);

/* The edges that moved a side (0 client, 1 server) on this segment, as the
 * state machine recorded them, with the state between two; returns how
 * many (0: it did not move, or its state was corrected). */
unsigned tt_result_path(const tt_result *r, unsigned side, tt_path *p);

/* The RFC 9293 section an edge comes from ("" when there is none). */
const char *tt_edge_section(tt_state from, tt_event event);

/* Number of steps (0, 1 or 2) a result carries. */
static inline unsigned tt_result_nsteps(const tt_result *r)
{
    return (r->steps[0] != 0) + (r->steps[1] != 0);
}

#endif
