/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: parse the raw bytes of one TCP header.
 *
 * Pure C11: no Wireshark, no GLib. The parser never reads past the number of
 * captured bytes it is given and reports what is wrong instead of failing.
 */
#ifndef TCPTEACH_HEADER_H
#define TCPTEACH_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The 12 bits of the flags field: TT_FIN, TT_SYN, ... TT_AE, TT_RESERVED
 * (the catalogue flags.def says what each means). */
enum {
#define TT_FLAG(id, mask, byte, token, letter, name, on, off) id = mask,
#include "flags.def"
};

/* What is wrong with a header, if anything. */
typedef enum {
    TT_HDR_OK = 0,
    TT_HDR_TRUNCATED,    /* fewer than 20 bytes were captured */
    TT_HDR_DOFF_SMALL,   /* data offset < 5 (header shorter than the fixed part) */
    TT_HDR_OPTS_CUT,     /* data offset says more bytes than were captured */
    TT_HDR_BAD_FLAGS,    /* SYN with FIN or RST, or none of SYN, RST, ACK */
    TT_HDR_SHORT_SEGMENT /* set by the caller: the header is longer than the whole
                            segment (Wireshark's "short segment") */
} tt_hdr_problem;

/* TCP option kinds that the explanations know by name. */
enum {
    TT_OPT_EOL = 0,
    TT_OPT_NOP = 1,
    TT_OPT_MSS = 2,
    TT_OPT_WSCALE = 3,
    TT_OPT_SACK_PERM = 4,
    TT_OPT_SACK = 5,
    TT_OPT_TIMESTAMP = 8,
    TT_OPT_QS = 27,  /* Quick-Start Response (RFC 4782) */
    TT_OPT_UTO = 28, /* User Timeout (RFC 5482) */
    TT_OPT_TFO = 34,
    TT_OPT_EXP2 = 254 /* experimental, named by its ExID (RFC 6994) */
};

typedef enum {
    TT_OPTLEN_OK = 0,
    TT_OPTLEN_BAD,     /* length byte < 2, or not the size this kind must have */
    TT_OPTLEN_OVERRUN, /* length runs past the end of the options area */
    TT_OPTLEN_INVALID  /* delimited by its length, but a length this kind may not have */
} tt_opt_status;

typedef struct tt_option {
    uint8_t kind;
    uint8_t len;    /* bytes this option occupies (1 for EOL/NOP) */
    uint8_t offset; /* from the start of the TCP header */
    uint8_t status; /* tt_opt_status */
} tt_option;

#define TT_MAX_OPTIONS 40 /* 40 option bytes, at most one option per byte */

/* The largest window scale shift (RFC 7323, section 2.3): a larger one in a
 * SYN is used as this. */
#define TT_WSCALE_MAX 14

typedef struct tt_header {
    const uint8_t *bytes; /* the captured header bytes (borrowed, not owned) */
    uint32_t caplen;      /* how many of them were captured */
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t doff;   /* data offset in 32-bit words (4 bits) */
    uint16_t flags; /* 12 bits */
    uint16_t window;
    uint16_t checksum;
    uint16_t urgent;
    uint8_t problem; /* tt_hdr_problem */
    bool data_known; /* data_captured is known (tt_header_set_captured) */
    /* How its sequence and acknowledgment numbers are shown in summaries,
     * labels and documents: as on the wire (true), or relative to each
     * side's ISN (false, Wireshark's default). Not from the bytes: the
     * caller sets it after parsing, from Wireshark's
     * tcp.relative_sequence_numbers or a document's style. */
    bool absolute;
    uint32_t data_captured; /* bytes of the segment's data the capture kept */
    uint8_t n_options;
    tt_option options[TT_MAX_OPTIONS];
} tt_header;

/* Parses `caplen` captured bytes starting at the TCP header. Fields that were
 * not captured are left zero; `problem` says what was missing. */
void tt_header_parse(tt_header *h, const uint8_t *bytes, uint32_t caplen);

/* Says how many bytes the capture kept from the header's start on (the
 * whole frame's remainder, not only the first bytes handed to the parser),
 * so that data cut by the snapshot length can be told from data present. */
void tt_header_set_captured(tt_header *h, uint32_t from_header);

/* A header no segment of a connection can have (it is explained, and
 * changes no state); a merely truncated capture of options is not. */
static inline bool tt_header_malformed(const tt_header *h)
{
    return h->problem != TT_HDR_OK && h->problem != TT_HDR_OPTS_CUT;
}

/* Header length in bytes (doff * 4). */
static inline unsigned tt_header_len(const tt_header *h)
{
    return (unsigned)h->doff * 4u;
}

/* The only length a fixed-size option kind may have (0: any length >= 2). */
uint8_t tt_option_required_len(uint8_t kind);

/* Reads an option's payload (after kind and length), or 0 when absent. */
const tt_option *tt_header_find_option(const tt_header *h, uint8_t kind);
/* True when the header carries a Multipath TCP option (kind 30) of that
 * subtype (the high nibble of its third byte, RFC 8684 section 3). */
enum { TT_MPTCP_FASTCLOSE = 7 };
bool tt_header_has_mptcp(const tt_header *h, unsigned subtype);
/* True when the header carries a TCP Fast Open option (RFC 7413): kind 34,
 * or the experimental kind 254 with ExID 0xF989 it had before. */
bool tt_header_has_tfo(const tt_header *h);
uint32_t tt_option_u32(const tt_header *h, const tt_option *o, unsigned at);
uint16_t tt_option_u16(const tt_header *h, const tt_option *o, unsigned at);
uint8_t tt_option_u8(const tt_header *h, const tt_option *o, unsigned at);

/* The IP header that carries a transport header, found by looking back from
 * the transport header: an IPv4 header (with its options) or an IPv6 header
 * (with its extension headers) that ends right there, whose next protocol
 * is `proto` and whose source address is `src` (alen bytes; NULL: any). */
typedef struct tt_ip_carrier {
    uint8_t version; /* 4 or 6 */
    bool has_id;     /* IPv4: id is its identification field */
    uint16_t id;
    bool has_len; /* len is the IP payload from the transport header on, as the
                     IP header gives it (not for IPv4 total length 0, as
                     segmentation offload leaves it, nor IPv6 jumbograms) */
    uint32_t len;
    bool fragment; /* a fragment of a datagram (Wireshark gives no tcp.len) */
    size_t back;   /* how many bytes before the transport header it starts */
} tt_ip_carrier;

/* `before` holds the n bytes right before the transport header. */
bool tt_ip_carrier_find(const uint8_t *before, size_t n, uint8_t proto, const uint8_t *src,
                        unsigned alen, tt_ip_carrier *out);

/* The length of a TCP segment's data as Wireshark counts it (tcp.len): the
 * IP payload from the TCP header on, cut to the bytes the frame reports
 * after it (`reported`), less the header's length (as its data offset
 * gives it, even when too small); 0 when the header does not fit or the
 * carrier is a fragment. Without a carrier (NULL), the reported bytes. */
uint32_t tt_segment_data_len(const tt_ip_carrier *ip, uint32_t reported, unsigned header_len);

/* A segment shorter than its own header, as Wireshark's tcp.short_segment
 * says: the bytes from the header on (as for tt_segment_data_len) are fewer
 * than the header's length; never for a fragment. */
bool tt_segment_short(const tt_ip_carrier *ip, uint32_t reported, unsigned header_len);

#endif
