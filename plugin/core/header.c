/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: parse the raw bytes of one TCP header. */
#include "header.h"

#include <string.h>

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

uint8_t tt_option_required_len(uint8_t kind)
{
    switch (kind) {
    case TT_OPT_MSS:
        return 4;
    case TT_OPT_WSCALE:
        return 3;
    case TT_OPT_SACK_PERM:
        return 2;
    case TT_OPT_TIMESTAMP:
        return 10;
    default:
        return 0;
    }
}

static void parse_options(tt_header *h, unsigned end)
{
    unsigned at = 20;
    while (at < end && h->n_options < TT_MAX_OPTIONS) {
        tt_option *o = &h->options[h->n_options++];
        o->kind = h->bytes[at];
        o->offset = (uint8_t)at;
        o->status = TT_OPTLEN_OK;
        if (o->kind == TT_OPT_EOL || o->kind == TT_OPT_NOP) {
            o->len = 1;
            at++;
            if (o->kind == TT_OPT_EOL) {
                /* Everything after End of Option List is padding. */
                return;
            }
            continue;
        }
        if (at + 1 >= end) {
            o->len = (uint8_t)(end - at);
            o->status = TT_OPTLEN_OVERRUN;
            return;
        }
        uint8_t len = h->bytes[at + 1];
        uint8_t need = tt_option_required_len(o->kind);
        if (len < 2 || (need != 0 && len != need)) {
            /* A length we cannot trust: stop, the rest cannot be delimited. */
            o->len = (uint8_t)(end - at);
            o->status = TT_OPTLEN_BAD;
            return;
        }
        if (at + len > end) {
            o->len = (uint8_t)(end - at);
            o->status = TT_OPTLEN_OVERRUN;
            return;
        }
        o->len = len;
        /* A SACK option is 8n + 2 bytes with n >= 1 blocks (RFC 2018): any
         * other length is invalid, and a receiver skips it by its length. */
        if (o->kind == TT_OPT_SACK && (len < 10 || (len - 2) % 8 != 0))
            o->status = TT_OPTLEN_INVALID;
        at += len;
    }
}

void tt_header_parse(tt_header *h, const uint8_t *bytes, uint32_t caplen)
{
    memset(h, 0, sizeof *h);
    h->bytes = bytes;
    h->caplen = caplen;
    if (caplen >= 2)
        h->sport = get16(bytes);
    if (caplen >= 4)
        h->dport = get16(bytes + 2);
    if (caplen >= 8)
        h->seq = get32(bytes + 4);
    if (caplen >= 12)
        h->ack = get32(bytes + 8);
    if (caplen >= 14) {
        h->doff = bytes[12] >> 4;
        h->flags = (uint16_t)(((bytes[12] & 0x0f) << 8) | bytes[13]);
    }
    if (caplen >= 16)
        h->window = get16(bytes + 14);
    if (caplen >= 18)
        h->checksum = get16(bytes + 16);
    if (caplen >= 20)
        h->urgent = get16(bytes + 18);
    if (caplen < 20) {
        h->problem = TT_HDR_TRUNCATED;
        return;
    }
    if (h->doff < 5) {
        h->problem = TT_HDR_DOFF_SMALL;
        return;
    }
    bool syn = h->flags & TT_SYN;
    if ((syn && (h->flags & (TT_FIN | TT_RST))) || !(h->flags & (TT_SYN | TT_RST | TT_ACK)))
        h->problem = TT_HDR_BAD_FLAGS;
    unsigned hlen = tt_header_len(h);
    if (hlen > caplen) {
        if (h->problem == TT_HDR_OK)
            h->problem = TT_HDR_OPTS_CUT;
        parse_options(h, caplen);
        return;
    }
    parse_options(h, hlen);
}

void tt_header_set_captured(tt_header *h, uint32_t from_header)
{
    unsigned hlen = tt_header_len(h);
    h->data_known = true;
    h->data_captured = from_header > hlen ? from_header - hlen : 0;
}

const tt_option *tt_header_find_option(const tt_header *h, uint8_t kind)
{
    /* A header not made by the parser may claim more options than fit. */
    for (unsigned i = 0; i < h->n_options && i < TT_MAX_OPTIONS; i++) {
        if (h->options[i].kind == kind && h->options[i].status == TT_OPTLEN_OK)
            return &h->options[i];
    }
    return NULL;
}

bool tt_header_has_mptcp(const tt_header *h, unsigned subtype)
{
    for (unsigned i = 0; i < h->n_options && i < TT_MAX_OPTIONS; i++) {
        const tt_option *o = &h->options[i];
        if (o->kind == 30 && o->status == TT_OPTLEN_OK && o->len >= 3 &&
            (unsigned)o->offset + 2u < h->caplen && (h->bytes[o->offset + 2u] >> 4) == subtype)
            return true;
    }
    return false;
}

bool tt_header_has_tfo(const tt_header *h)
{
    for (unsigned i = 0; i < h->n_options && i < TT_MAX_OPTIONS; i++) {
        const tt_option *o = &h->options[i];
        if (o->status != TT_OPTLEN_OK)
            continue;
        if (o->kind == TT_OPT_TFO)
            return true;
        if (o->kind == TT_OPT_EXP2 && o->len >= 4 && (unsigned)o->offset + 4u <= h->caplen &&
            h->bytes[o->offset + 2u] == 0xf9 && h->bytes[o->offset + 3u] == 0x89)
            return true;
    }
    return false;
}

/* Option payload readers: `at` counts from the first byte after kind and
 * length; out-of-range reads give 0. */
static const uint8_t *opt_payload(const tt_header *h, const tt_option *o, unsigned at,
                                  unsigned width)
{
    if (o == NULL || 2u + at + width > o->len)
        return NULL;
    unsigned pos = (unsigned)o->offset + 2u + at;
    if (pos + width > h->caplen)
        return NULL;
    return h->bytes + pos;
}

uint32_t tt_option_u32(const tt_header *h, const tt_option *o, unsigned at)
{
    const uint8_t *p = opt_payload(h, o, at, 4);
    return p ? get32(p) : 0;
}

uint16_t tt_option_u16(const tt_header *h, const tt_option *o, unsigned at)
{
    const uint8_t *p = opt_payload(h, o, at, 2);
    return p ? get16(p) : 0;
}

uint8_t tt_option_u8(const tt_header *h, const tt_option *o, unsigned at)
{
    const uint8_t *p = opt_payload(h, o, at, 1);
    return p ? *p : 0;
}

enum {
    TT_IPPROTO_HOPOPTS = 0,
    TT_IPPROTO_ROUTING = 43,
    TT_IPPROTO_FRAGMENT = 44,
    TT_IPPROTO_AH = 51,
    TT_IPPROTO_DSTOPTS = 60
};

static bool ipv4_before(const uint8_t *before, size_t n, uint8_t proto, const uint8_t *src,
                        tt_ip_carrier *out)
{
    for (size_t ihl = 5; ihl <= 15 && ihl * 4 <= n; ihl++) {
        const uint8_t *ip = before + n - ihl * 4;
        if (ip[0] != (0x40 | ihl) || ip[9] != proto || (src && memcmp(ip + 12, src, 4) != 0))
            continue;
        uint16_t total = get16(ip + 2);
        if (total != 0 && total < ihl * 4)
            continue;
        out->version = 4;
        out->has_id = true;
        out->id = get16(ip + 4);
        out->has_len = total != 0;
        out->len = total != 0 ? total - (uint32_t)ihl * 4 : 0;
        out->fragment = (get16(ip + 6) & 0x3fff) != 0; /* more fragments, or an offset */
        out->back = ihl * 4;
        return true;
    }
    return false;
}

/* Does the chain of IPv6 extension headers from `at` (next header nh) end
 * exactly at `end` with `proto` next? */
static bool ipv6_chain_ends(const uint8_t *b, size_t at, size_t end, uint8_t nh, uint8_t proto,
                            bool *fragment)
{
    while (at < end) {
        size_t len;
        if (end - at < 8)
            return false;
        switch (nh) {
        case TT_IPPROTO_HOPOPTS:
        case TT_IPPROTO_ROUTING:
        case TT_IPPROTO_DSTOPTS:
            len = ((size_t)b[at + 1] + 1) * 8;
            break;
        case TT_IPPROTO_FRAGMENT:
            len = 8;
            *fragment = true;
            break;
        case TT_IPPROTO_AH:
            len = ((size_t)b[at + 1] + 2) * 4;
            break;
        default:
            return false;
        }
        nh = b[at];
        at += len;
    }
    return at == end && nh == proto;
}

static bool ipv6_before(const uint8_t *before, size_t n, uint8_t proto, const uint8_t *src,
                        tt_ip_carrier *out)
{
    for (size_t ext = 0; ext + 40 <= n; ext += 8) {
        size_t start = n - 40 - ext;
        const uint8_t *ip = before + start;
        bool fragment = false;
        if ((ip[0] >> 4) != 6 || (src && memcmp(ip + 8, src, 16) != 0) ||
            !ipv6_chain_ends(before, start + 40, n, ip[6], proto, &fragment))
            continue;
        out->fragment = fragment;
        uint16_t plen = get16(ip + 4);
        out->version = 6; /* no identification: it is zero from the start */
        out->has_len = plen != 0 && plen >= ext;
        out->len = out->has_len ? plen - (uint32_t)ext : 0;
        out->back = 40 + ext;
        return true;
    }
    return false;
}

bool tt_ip_carrier_find(const uint8_t *before, size_t n, uint8_t proto, const uint8_t *src,
                        unsigned alen, tt_ip_carrier *out)
{
    memset(out, 0, sizeof *out);
    if (before == NULL)
        return false;
    if (alen != 16 && ipv4_before(before, n, proto, alen == 4 ? src : NULL, out))
        return true;
    return alen != 4 && ipv6_before(before, n, proto, alen == 16 ? src : NULL, out);
}

/* The bytes from the TCP header on: the IP payload there, cut to the frame. */
static uint32_t bytes_from_header(const tt_ip_carrier *ip, uint32_t reported)
{
    return ip && ip->has_len && ip->len < reported ? ip->len : reported;
}

uint32_t tt_segment_data_len(const tt_ip_carrier *ip, uint32_t reported, unsigned header_len)
{
    if (ip && ip->fragment)
        return 0;
    uint32_t total = bytes_from_header(ip, reported);
    return total > header_len ? total - header_len : 0;
}

bool tt_segment_short(const tt_ip_carrier *ip, uint32_t reported, unsigned header_len)
{
    return !(ip && ip->fragment) && bytes_from_header(ip, reported) < header_len;
}
