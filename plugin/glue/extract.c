/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: reading a frame's TCP segment from Wireshark's fields.
 * See extract.h. */
#include "config_glue.h"

#include <string.h>

#include <epan/address.h>
#include <epan/conversation.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/prefs.h>
#include <epan/prefs-int.h>

#include "compat.h"
#include "extract.h"
#include "timeus.h"

/* The Wireshark fields the post-dissector asks for: only what Wireshark
 * alone knows (where the TCP header is, its stream number, its analysis
 * findings, whether the header sits inside an ICMP error). Values the
 * segment's bytes hold (the header, the IP header before it) are read from
 * the bytes: every field asked for makes Wireshark build an item on every
 * packet, which under tshark -T fields it would not otherwise do. */
enum { W_TCP, W_STREAM, W_CHECKSUM_STATUS, W_ICMP, W_ICMPV6, W_FLAGS, W_ANALYSIS };

static const struct {
    const char *name;
    uint32_t analysis; /* TT_AN_* bit for tcp.analysis.* fields */
} wanted[] = {
    {"tcp", 0},
    {"tcp.stream", 0},
    {"tcp.checksum.status", 0}, /* asked for only while TCP checks checksums */
    {"icmp", 0},
    {"icmpv6", 0},
    {"tcp.analysis.flags", 0}, /* present whenever one of the following is */
#define TT_ANALYSIS(id, bit, field, text) {field, TT_AN_##id},
#include "analysis.def"
#undef TT_ANALYSIS
};
#define N_WANTED (sizeof wanted / sizeof wanted[0])

/* Field ids per wanted name: a name can be registered more than once (in
 * 4.0 tcp.analysis.zero_window_probe_ack also names an SCPS expert). */
#define TT_MAX_SAME_NAME 4
static int wanted_id[N_WANTED][TT_MAX_SAME_NAME];
static pref_t *pref_analyze_seq;    /* tcp.analyze_sequence_numbers */
static pref_t *pref_check_checksum; /* tcp.check_checksum */
static dissector_handle_t tt_handle;
static int proto_tcp_id = -1;

/* ---- finding the real TCP header ---- */

static bool inside(const field_info *fi, const field_info *outer)
{
    return fi->ds_tvb == outer->ds_tvb && fi->start >= outer->start &&
           fi->start < outer->start + outer->length;
}

static bool inside_any(const field_info *fi, GPtrArray *outers)
{
    for (guint i = 0; outers && i < outers->len; i++) {
        if (inside(fi, (field_info *)g_ptr_array_index(outers, i)))
            return true;
    }
    return false;
}

/* The first TCP header not quoted inside an ICMP error, else the first
 * quoted one. Sets *quoted and the index of the next real header (to tell
 * which analysis items belong to the chosen one). */
static field_info *choose_header(GPtrArray *tcps, GPtrArray *icmp, GPtrArray *icmp6, bool *quoted)
{
    if (tcps == NULL || tcps->len == 0)
        return NULL;
    for (guint i = 0; i < tcps->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(tcps, i);
        if (!inside_any(fi, icmp) && !inside_any(fi, icmp6)) {
            *quoted = false;
            return fi;
        }
    }
    *quoted = true;
    return (field_info *)g_ptr_array_index(tcps, 0);
}

/* Items that Wireshark's TCP dissector added for the chosen header: they
 * start at or after it, in the same data source, before the next header.
 * Expert items (tcp.analysis.*) have no bytes; they belong to the real
 * header, as Wireshark never analyses a quoted one. */
static bool belongs(const field_info *fi, const field_info *hdr, GPtrArray *tcps)
{
    if (fi->ds_tvb == NULL)
        return true;
    if (fi->ds_tvb != hdr->ds_tvb || fi->start < hdr->start)
        return false;
    for (guint i = 0; i < tcps->len; i++) {
        const field_info *other = (const field_info *)g_ptr_array_index(tcps, i);
        if (other != hdr && other->ds_tvb == hdr->ds_tvb && other->start > hdr->start &&
            fi->start >= other->start)
            return false;
    }
    return true;
}

/* The items of a wanted protocol (tcp, icmp, icmpv6): registered once. */
static GPtrArray *wanted_items(proto_tree *tree, int w)
{
    return wanted_id[w][0] > 0 ? proto_get_finfo_ptr_array(tree, wanted_id[w][0]) : NULL;
}

static field_info *own_item(proto_tree *tree, int w, const field_info *hdr, GPtrArray *tcps)
{
    for (int k = 0; k < TT_MAX_SAME_NAME && wanted_id[w][k] > 0; k++) {
        GPtrArray *items = proto_get_finfo_ptr_array(tree, wanted_id[w][k]);
        for (guint i = 0; items && i < items->len; i++) {
            field_info *fi = (field_info *)g_ptr_array_index(items, i);
            if (belongs(fi, hdr, tcps))
                return fi;
        }
    }
    return NULL;
}

unsigned tt_extract_copy_header(tvbuff_t *ds, int offset, uint8_t *buf)
{
    int avail = tvb_captured_length_remaining(ds, offset);
    unsigned n = avail > 0 ? (unsigned)MIN(avail, TT_MAX_HEADER) : 0;
    if (n > 0)
        tvb_memcpy(ds, buf, offset, n);
    return n;
}

static uint8_t checksum_status(field_info *fi)
{
    if (fi == NULL)
        return TT_CK_UNVERIFIED;
    switch (TT_FI_UINT(fi)) {
    case PROTO_CHECKSUM_E_BAD:
        return TT_CK_BAD;
    case PROTO_CHECKSUM_E_GOOD:
        return TT_CK_GOOD;
    default:
        return TT_CK_UNVERIFIED;
    }
}

static uint8_t address_bytes(const address *a, const uint8_t **out)
{
    if ((a->type == AT_IPv4 && a->len == 4) || (a->type == AT_IPv6 && a->len == 16)) {
        *out = (const uint8_t *)a->data;
        return (uint8_t)a->len;
    }
    *out = NULL;
    return 0;
}

/* The IP header right before the header at `offset` of ds (see header.h),
 * whose source is src (alen bytes; 0: any). */
static bool carrier_of(tvbuff_t *ds, int offset, uint8_t proto, const uint8_t *src, unsigned alen,
                       tt_ip_carrier *ip)
{
    const int look_back = 320; /* IPv6 with its extension headers, IPv4 with options */
    if (offset <= 0)
        return false;
    int n = offset < look_back ? offset : look_back;
    if (tvb_captured_length_remaining(ds, offset - n) < n)
        return false;
    return tt_ip_carrier_find(tvb_get_ptr(ds, offset - n, n), (size_t)n, proto, src, alen, ip);
}

/* FNV-1a over the captured TCP header (its checksum covers the data too)
 * and the length of its data (tcp.len: not the bytes left in the frame,
 * which include a link layer's padding that a second capture point may
 * add): equal for a packet the capture holds twice, and cheap whatever the
 * payload's size. */
static uint32_t segment_hash(tvbuff_t *ds, int offset, unsigned header_len, uint32_t payload_len)
{
    int avail = tvb_captured_length_remaining(ds, offset);
    if (avail <= 0)
        return 0;
    int n = avail < (int)header_len ? avail : (int)header_len;
    const uint8_t *p = tvb_get_ptr(ds, offset, n);
    uint32_t hash = 2166136261u;
    for (int i = 0; i < n; i++)
        hash = (hash ^ p[i]) * 16777619u;
    return (hash ^ payload_len) * 16777619u;
}

/* The ICMP error that quotes the header: its version, type and code (the
 * first two bytes of the ICMP message), and whether it comes from the
 * quoted segment's destination (the source of the IP packet that carries
 * the ICMP message, against the destination in the quoted IP header, which
 * starts 8 bytes into the ICMP message). */
static void icmp_facts(proto_tree *tree, const field_info *hdr, tt_segment *s)
{
    int v = 0;
    field_info *icmp = NULL;
    for (int w = W_ICMP; w <= W_ICMPV6 && icmp == NULL; w++) {
        GPtrArray *items = wanted_items(tree, w);
        for (guint i = 0; items && i < items->len; i++) {
            field_info *fi = (field_info *)g_ptr_array_index(items, i);
            if (inside(hdr, fi) && (icmp == NULL || fi->start > icmp->start)) {
                icmp = fi;
                v = w == W_ICMP ? 4 : 6;
            }
        }
    }
    if (icmp == NULL || tvb_captured_length_remaining(icmp->ds_tvb, icmp->start) < 2)
        return;
    s->icmp = (uint8_t)v;
    /* Bytes read through tvb_get_ptr: the one-byte getter changed its name
     * between the Wireshark releases we build for. */
    const uint8_t *type_code = tvb_get_ptr(icmp->ds_tvb, icmp->start, 2);
    s->icmp_type = type_code[0];
    s->icmp_code = type_code[1];
    /* The IP header that carries the ICMP message, right before it. */
    tt_ip_carrier outer;
    unsigned alen = v == 4 ? 4 : 16;
    int src_at = v == 4 ? 12 : 8, dst_at = v == 4 ? 16 : 24;
    int quoted_ip = icmp->start + 8;
    if (!carrier_of(icmp->ds_tvb, icmp->start, v == 4 ? 1 : 58, NULL, alen, &outer) ||
        tvb_captured_length_remaining(icmp->ds_tvb, quoted_ip + dst_at) < (int)alen ||
        (*tvb_get_ptr(icmp->ds_tvb, quoted_ip, 1) >> 4) != (v == 4 ? 4 : 6))
        return;
    const uint8_t *sender =
        tvb_get_ptr(icmp->ds_tvb, icmp->start - (int)outer.back + src_at, (gint)alen);
    const uint8_t *dest = tvb_get_ptr(icmp->ds_tvb, quoted_ip + dst_at, (gint)alen);
    s->icmp_sender = memcmp(sender, dest, alen) == 0 ? TT_ICMP_FROM_DEST : TT_ICMP_FROM_PATH;
    /* The quoted segment's own addresses (pinfo's are the ICMP packet's). */
    s->src = tvb_get_ptr(icmp->ds_tvb, quoted_ip + dst_at - (int)alen, (gint)alen);
    s->dst = dest;
    s->addr_len = (uint8_t)alen;
}

/* The TCP stream a quoted header is about when Wireshark did not number it
 * (a quote of only 8 bytes): the conversation of its addresses and ports. */
static bool quoted_stream(const packet_info *pinfo, const tt_segment *s, const tt_header *h,
                          uint32_t *stream)
{
    if (s->addr_len == 0 || h->caplen < 4 || proto_tcp_id < 0)
        return false;
    address a, b;
    set_address(&a, s->addr_len == 4 ? AT_IPv4 : AT_IPv6, s->addr_len, s->src);
    set_address(&b, s->addr_len == 4 ? AT_IPv4 : AT_IPv6, s->addr_len, s->dst);
    conversation_t *conv =
        find_conversation(pinfo->num, &a, &b, CONVERSATION_TCP, h->sport, h->dport, 0);
    const struct tcp_analysis *tcpd =
        conv ? (const struct tcp_analysis *)conversation_get_proto_data(conv, proto_tcp_id) : NULL;
    if (tcpd == NULL)
        return false;
    *stream = tcpd->stream;
    return true;
}

static bool tcp_checks_checksums(void)
{
    return pref_check_checksum && prefs_get_bool_value(pref_check_checksum, pref_current);
}

/* Asks Wireshark for the fields, the checksum's verdict only while TCP
 * checks checksums (when it does not, every verdict is "unverified"). */
static void ask_for_fields(void)
{
    GArray *ids = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (size_t i = 0; i < N_WANTED; i++) {
        if (i == W_CHECKSUM_STATUS && !tcp_checks_checksums())
            continue;
        for (int k = 0; k < TT_MAX_SAME_NAME && wanted_id[i][k] > 0; k++)
            g_array_append_val(ids, wanted_id[i][k]);
    }
    set_postdissector_wanted_hfids(tt_handle, ids);
}

void tt_extract_register(dissector_handle_t handle)
{
    for (size_t i = 0; i < N_WANTED; i++) {
        header_field_info *hfi = proto_registrar_get_byname(wanted[i].name);
        while (hfi != NULL && hfi->same_name_prev_id > 0)
            hfi = proto_registrar_get_nth((guint)hfi->same_name_prev_id);
        for (int k = 0; k < TT_MAX_SAME_NAME; k++, hfi = hfi ? hfi->same_name_next : NULL)
            wanted_id[i][k] = hfi ? hfi->id : -1;
    }
    proto_tcp_id = proto_get_id_by_filter_name("tcp");
    module_t *tcp = prefs_find_module("tcp");
    pref_analyze_seq = tcp ? prefs_find_preference(tcp, "analyze_sequence_numbers") : NULL;
    pref_check_checksum = tcp ? prefs_find_preference(tcp, "check_checksum") : NULL;
    tt_handle = handle;
    ask_for_fields();
    /* Preferences may change before each file is read. */
    register_init_routine(ask_for_fields);
}

bool tt_extract(packet_info *pinfo, proto_tree *tree, tt_extracted *x)
{
    GPtrArray *tcps = wanted_items(tree, W_TCP);
    bool quoted = false;
    field_info *hdr =
        choose_header(tcps, wanted_items(tree, W_ICMP), wanted_items(tree, W_ICMPV6), &quoted);
    if (hdr == NULL)
        return false;

    x->n = tt_extract_copy_header(hdr->ds_tvb, hdr->start, x->bytes);
    tt_header_parse(&x->h, x->bytes, x->n);

    tt_segment s = {.frame = pinfo->num, .quoted = quoted};
    s.has_time = pinfo->abs_ts.secs >= 0;
    s.time_us = tt_time_us((int64_t)pinfo->abs_ts.secs, (int32_t)pinfo->abs_ts.nsecs);
    s.analysis_on = pref_analyze_seq ? prefs_get_bool_value(pref_analyze_seq, pref_current) : TRUE;
    const uint8_t *dst;
    s.addr_len = address_bytes(&pinfo->src, &s.src);
    if (address_bytes(&pinfo->dst, &dst) == s.addr_len)
        s.dst = dst;
    else
        s.addr_len = 0;
    s.checksum = tcp_checks_checksums()
                     ? checksum_status(own_item(tree, W_CHECKSUM_STATUS, hdr, tcps))
                     : TT_CK_UNVERIFIED;
    if (quoted) {
        s.src = s.dst = NULL; /* the ICMP packet's: the quote's are read below */
        s.addr_len = 0;
        icmp_facts(tree, hdr, &s);
    } else {
        /* From the IP header that carries the segment: the data's length as
         * Wireshark's tcp.len gives it (cut to what the frame reports; none
         * when the data offset is cut off), whether the segment is shorter
         * than its header, and the IPv4 identification. */
        tt_ip_carrier ip = {0};
        const tt_ip_carrier *carrier =
            carrier_of(hdr->ds_tvb, hdr->start, 6, s.src, s.addr_len, &ip) ? &ip : NULL;
        int reported = tvb_reported_length_remaining(hdr->ds_tvb, hdr->start);
        unsigned header_len = tt_header_len(&x->h);
        if (x->h.caplen >= 13 && reported > 0) {
            s.payload_len = tt_segment_data_len(carrier, (uint32_t)reported, header_len);
            if (tt_segment_short(carrier, (uint32_t)reported, header_len) &&
                !tt_header_malformed(&x->h))
                x->h.problem = TT_HDR_SHORT_SEGMENT;
        }
        s.has_ip_id = carrier != NULL && ip.has_id;
        s.ip_id = ip.id;
        s.hash = segment_hash(hdr->ds_tvb, hdr->start, header_len, s.payload_len);
        s.has_hash = true;
        /* The data's bytes as captured, to compare a resend with its first
         * copy (valid during this dissection only: fed at once). */
        int data_at = hdr->start + (int)header_len;
        int avail = s.payload_len > 0 ? tvb_captured_length_remaining(hdr->ds_tvb, data_at) : 0;
        if (avail > 0) {
            s.data_caplen = (uint32_t)avail < s.payload_len ? (uint32_t)avail : s.payload_len;
            s.data = tvb_get_ptr(hdr->ds_tvb, data_at, (int)s.data_caplen);
        }
    }
    bool flagged = !quoted && own_item(tree, W_FLAGS, hdr, tcps) != NULL;
    for (size_t w = W_ANALYSIS; w < N_WANTED && flagged; w++) {
        if (own_item(tree, (int)w, hdr, tcps))
            s.analysis |= wanted[w].analysis;
    }

    x->s = s;
    x->ds = hdr->ds_tvb;
    x->start = hdr->start;
    field_info *stream = own_item(tree, W_STREAM, hdr, tcps);
    x->has_stream = stream != NULL;
    x->stream = x->has_stream ? TT_FI_UINT(stream) : 0;
    if (!x->has_stream && quoted)
        x->has_stream = quoted_stream(pinfo, &x->s, &x->h, &x->stream);
    return true;
}

/* Later passes: where are the header bytes now? In the frame itself they
 * are at the stored offset; elsewhere, find the data source in the tree. */
header_loc tt_extract_locate(tvbuff_t *tvb, proto_tree *tree, const frame_extra *x)
{
    header_loc loc = {NULL, (int)x->hdr_offset};
    if (x->in_frame) {
        loc.ds = tvb;
        return loc;
    }
    if (tree == NULL || wanted_id[W_TCP][0] <= 0)
        return loc;
    GPtrArray *tcps = proto_find_finfo(tree, wanted_id[W_TCP][0]);
    for (guint i = 0; tcps && i < tcps->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(tcps, i);
        if ((uint32_t)fi->start == x->hdr_offset) {
            loc.ds = fi->ds_tvb;
            break;
        }
    }
    if (tcps)
        g_ptr_array_free(tcps, TRUE);
    return loc;
}
