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

/* Role tokens: the public vocabulary (see tt_role_token). Order is ABI for
 * stored results only, never shown. */
typedef enum {
    TT_ROLE_NONE = 0,
    TT_ROLE_HANDSHAKE_1,
    TT_ROLE_HANDSHAKE_2,
    TT_ROLE_HANDSHAKE_3,
    TT_ROLE_SIMULTANEOUS_OPEN,
    TT_ROLE_DATA,
    TT_ROLE_DATA_PIGGYBACK,
    TT_ROLE_ACK,
    TT_ROLE_DUP_ACK,
    TT_ROLE_WINDOW_UPDATE,
    TT_ROLE_KEEPALIVE,
    TT_ROLE_KEEPALIVE_ACK,
    TT_ROLE_ZERO_WINDOW_PROBE,
    TT_ROLE_ZERO_WINDOW_PROBE_ACK,
    TT_ROLE_TEARDOWN_1,
    TT_ROLE_TEARDOWN_2,
    TT_ROLE_TEARDOWN_3,
    TT_ROLE_TEARDOWN_2_3,
    TT_ROLE_TEARDOWN_4,
    TT_ROLE_SIMULTANEOUS_CLOSE,
    TT_ROLE_REFUSED,
    TT_ROLE_RESET,
    TT_ROLE_ICMP_QUOTED,
    TT_ROLE_MALFORMED,
    TT_ROLE_COUNT
} tt_role;

/* RFC 9293 connection states, spelled as in the RFC by tt_state_name. */
typedef enum {
    TT_ST_CLOSED = 0,
    TT_ST_LISTEN,
    TT_ST_SYN_SENT,
    TT_ST_SYN_RECEIVED,
    TT_ST_ESTABLISHED,
    TT_ST_FIN_WAIT_1,
    TT_ST_FIN_WAIT_2,
    TT_ST_CLOSE_WAIT,
    TT_ST_CLOSING,
    TT_ST_LAST_ACK,
    TT_ST_TIME_WAIT,
    TT_ST_COUNT
} tt_state;

typedef enum { TT_DIR_C2S = 0, TT_DIR_S2C = 1 } tt_dir;

/* Wireshark's own TCP analysis findings for a segment (tcp.analysis.*). */
enum {
    TT_AN_RETRANSMISSION = 1u << 0,
    TT_AN_FAST_RETRANSMISSION = 1u << 1,
    TT_AN_SPURIOUS_RETRANSMISSION = 1u << 2,
    TT_AN_DUP_ACK = 1u << 3,
    TT_AN_WINDOW_UPDATE = 1u << 4,
    TT_AN_KEEP_ALIVE = 1u << 5,
    TT_AN_KEEP_ALIVE_ACK = 1u << 6,
    TT_AN_ZERO_WINDOW_PROBE = 1u << 7,
    TT_AN_ZERO_WINDOW_PROBE_ACK = 1u << 8,
    TT_AN_OUT_OF_ORDER = 1u << 9,
    TT_AN_LOST_SEGMENT = 1u << 10,
    TT_AN_ACK_LOST_SEGMENT = 1u << 11,
    TT_AN_WINDOW_FULL = 1u << 12,
    TT_AN_ZERO_WINDOW = 1u << 13,
    TT_AN_REUSED_PORTS = 1u << 14
};
#define TT_AN_ANY_RETRANSMISSION                                                                   \
    (TT_AN_RETRANSMISSION | TT_AN_FAST_RETRANSMISSION | TT_AN_SPURIOUS_RETRANSMISSION)

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
    uint8_t checksum;     /* tt_checksum_status */
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
    TT_NOTE_SEQ_UNKNOWN = 1u << 9,      /* relative numbers are a guess (no SYN seen) */
    TT_NOTE_OWN_ANALYSIS = 1u << 10,    /* Wireshark's analysis was off: tcpteach's own */
    TT_NOTE_NEW_DATA_ACKED = 1u << 11,  /* acknowledges new bytes of the peer's data */
    TT_NOTE_CHUNK_UNSEEN = 1u << 12,    /* retransmits bytes whose first sending was not captured */
    TT_NOTE_OUT_OF_WINDOW = 1u << 13    /* sequence number far outside any window: dropped */
};

/* Window scale as known when the segment was seen. */
enum {
    TT_WS_UNKNOWN = -1, /* handshake not captured: the multiplier is unknown */
    TT_WS_SYN = -2      /* a SYN segment: its window is never scaled */
};

/* Everything the explanations and the tree need about one segment, computed
 * once on the first pass. Small: one is kept per frame. */
typedef struct tt_result {
    uint32_t stream;
    uint32_t index;       /* 1-based number of this segment within its stream */
    uint32_t chunk;       /* 0 = carries no data */
    uint32_t acked_chunk; /* 0 = completes none of the peer's chunks */
    uint32_t rel_seq;     /* sequence number relative to the sender's ISN */
    uint32_t rel_ack;     /* acknowledgment number relative to the peer's ISN */
    uint32_t payload_len;
    uint32_t analysis;                   /* TT_AN_* as reported by Wireshark */
    uint16_t notes;                      /* TT_NOTE_* */
    uint8_t role;                        /* tt_role */
    uint8_t steps[2];                    /* 0 = none; teardown-2+3 has {2, 3} */
    uint8_t dir;                         /* tt_dir */
    uint8_t client_before, client_after; /* tt_state */
    uint8_t server_before, server_after; /* tt_state */
    int8_t wscale;                       /* shift applied to this segment's window, or TT_WS_* */
    uint8_t checksum;                    /* tt_checksum_status */
} tt_result;

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

/* Language-neutral tokens (public API: never translated). */
const char *tt_role_token(tt_role r);
const char *tt_state_name(tt_state s);
const char *tt_dir_token(tt_dir d);

/* Number of steps (0, 1 or 2) a result carries. */
static inline unsigned tt_result_nsteps(const tt_result *r)
{
    return (r->steps[0] != 0) + (r->steps[1] != 0);
}

#endif
