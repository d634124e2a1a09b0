/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The few Wireshark API calls that differ between releases, in one place.
 * Built and tested against Wireshark 4.0, 4.4 and 4.6; each branch is named
 * by the release that introduced the change. 4.2 takes the same branches
 * as 4.4 but is not tested. */
#ifndef TCPTEACH_COMPAT_H
#define TCPTEACH_COMPAT_H

#include <stdbool.h>

#include <ws_version.h>
#include <epan/proto.h>
#include <epan/ftypes/ftypes.h>

#define TT_WS_AT_LEAST(maj, min)                                                                   \
    (WIRESHARK_VERSION_MAJOR > (maj) ||                                                            \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* field_info.value became a pointer in 4.2. */
#if TT_WS_AT_LEAST(4, 2)
#define TT_FI_VALUE(fi) ((fi)->value)
#else
#define TT_FI_VALUE(fi) (&(fi)->value)
#endif
#define TT_FI_UINT(fi) fvalue_get_uinteger(TT_FI_VALUE(fi))

/* Boolean preferences point at a C99 bool from 4.2 on (a gboolean before). */
#if TT_WS_AT_LEAST(4, 2)
typedef bool tt_pref_bool;
#else
typedef gboolean tt_pref_bool;
#endif

/* From 4.2 on, tshark primes the fields named with -e
 * (output_fields_prime_edt()) and builds an invisible tree under -T fields,
 * so proto_field_is_referenced() tells what will be printed. */
#define TT_TSHARK_PRIMES_OUTPUT_FIELDS TT_WS_AT_LEAST(4, 2)

/* A field named by a filter, a column, a tap or tshark's -e: 4.2 added
 * HF_REF_TYPE_PRINT (named for printing, -e) above HF_REF_TYPE_DIRECT. */
#if TT_WS_AT_LEAST(4, 2)
#define TT_HF_NAMED(hfinfo) ((hfinfo)->ref_type >= HF_REF_TYPE_DIRECT)
#else
#define TT_HF_NAMED(hfinfo) ((hfinfo)->ref_type == HF_REF_TYPE_DIRECT)
#endif

/* 4.6: a stat_tap_ui's init callback returns whether it succeeded. */
#if TT_WS_AT_LEAST(4, 6)
typedef bool tt_stat_tap_init_result;
#define TT_STAT_TAP_INIT_DONE true
#else
typedef void tt_stat_tap_init_result;
#define TT_STAT_TAP_INIT_DONE
#endif

/* 4.2: a funnel text window's button callback returns a C99 bool. */
#if TT_WS_AT_LEAST(4, 2)
typedef bool tt_funnel_bt_result;
#else
typedef gboolean tt_funnel_bt_result;
#endif

/* plugin_describe() exists from 4.2 on. */
#if TT_WS_AT_LEAST(4, 2)
#include <wsutil/plugins.h>
#define TT_PLUGIN_DESCRIBE                                                                         \
    WS_DLL_PUBLIC uint32_t plugin_describe(void);                                                  \
    uint32_t plugin_describe(void)                                                                 \
    {                                                                                              \
        return WS_PLUGIN_DESC_DISSECTOR;                                                           \
    }
#else
#define TT_PLUGIN_DESCRIBE
#endif

/* Sequence analysis (the Flow Graph). Wireshark exports these functions,
 * but Debian's development packages (4.0, 4.4 and 4.6) do not install
 * epan/sequence_analysis.h, so the declarations tcpteach needs are given
 * here, as each release defines them. tcpteach never allocates these
 * structures (Wireshark does), it only fills in an item Wireshark made:
 * what must match is the offset of every member up to the last one used. */
#include <epan/address.h>
#include <epan/packet_info.h>
#include <epan/tap.h>

#if TT_WS_AT_LEAST(4, 4)
/* 4.4: the item's and the analysis' flags became C99 bools, the item's
 * info type an enum (checked against the 4.4 and 4.6 libraries: they store
 * has_color_filter as one byte at offset 108, and any_addr as one byte). */
typedef struct _seq_analysis_item {
    uint32_t frame_number;
    address src_addr;
    uint16_t port_src;
    address dst_addr;
    uint16_t port_dst;
    char *frame_label; /* above the arrow */
    char *time_str;
    char *comment; /* right of the graph */
    uint16_t conv_num;
    unsigned fg_color;
    unsigned bg_color;
    bool has_color_filter;
    bool display;
    unsigned src_node;
    unsigned dst_node;
    uint16_t line_style;
    int info_type;  /* ga_info_type */
    void *info_ptr; /* 4.6 adds a callback that frees it: the item grew from 136 to 144 bytes */
} seq_analysis_item_t;

/* Only the leading members, those tcpteach reads; the rest (the node
 * list) is Wireshark's own. */
typedef struct _seq_analysis_info {
    const char *name;
    bool any_addr;
    int nconv;
    GQueue *items;
    GHashTable *ht;
} seq_analysis_info_t;

WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, unsigned tap_flags,
                                         tap_packet_cb tap_func);
#else
/* 4.0 (as in 4.0.17's header). */
#define MAX_NUM_NODES 40

typedef struct _seq_analysis_item {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    gchar *frame_label;
    gchar *time_str;
    gchar *comment;
    guint16 conv_num;
    unsigned fg_color;
    unsigned bg_color;
    gboolean has_color_filter;
    gboolean display;
    guint src_node;
    guint dst_node;
    guint16 line_style;
    guint32 info_type;
    gpointer info_ptr;
} seq_analysis_item_t;

typedef struct _seq_analysis_info {
    const char *name;
    gboolean any_addr;
    int nconv;
    GQueue *items;
    GHashTable *ht;
    address nodes[MAX_NUM_NODES];
    guint32 num_nodes;
} seq_analysis_info_t;

WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, guint tap_flags,
                                         tap_packet_cb tap_func);
#endif

WS_DLL_PUBLIC seq_analysis_item_t *
sequence_analysis_create_sai_with_addresses(packet_info *pinfo, seq_analysis_info_t *sainfo);
WS_DLL_PUBLIC void sequence_analysis_use_color_filter(packet_info *pinfo, seq_analysis_item_t *sai);

/* ---- libwireshark used as a library (the re-dissection test program) ---- */

#include <epan/epan.h>
#include <wsutil/report_message.h>

/* 4.4: the packet provider's interface lookups also take the pcapng section
 * number (4.0: interface id only). */
#if TT_WS_AT_LEAST(4, 4)
#define TT_IFACE_LOOKUP_PARAMS                                                                     \
    struct packet_provider_data *prov, uint32_t interface_id, unsigned section_number
#define TT_IFACE_SECTION_UNUSED() ((void)section_number)
#else
#define TT_IFACE_LOOKUP_PARAMS struct packet_provider_data *prov, guint32 interface_id
#define TT_IFACE_SECTION_UNUSED() ((void)0)
#endif

/* 4.4: report_message_routines take a C99 bool for "for writing" and a
 * 64-bit frame number (4.0: gboolean, guint32). */
#if TT_WS_AT_LEAST(4, 4)
typedef bool tt_report_bool;
typedef uint64_t tt_report_frame;
#else
typedef gboolean tt_report_bool;
typedef guint32 tt_report_frame;
#endif

/* 4.6: report_message_routines gained report_rename_failure. */
#define TT_REPORT_HAS_RENAME_FAILURE TT_WS_AT_LEAST(4, 6)

/* 4.6: a record carries its own data buffer, so wtap_read(),
 * wtap_seek_read() and epan_dissect_run*() no longer take a Buffer or the
 * frame's tvb (epan builds it from the record); wtap_rec_init() takes the
 * buffer's initial size. */
#if TT_WS_AT_LEAST(4, 6)
#define TT_WTAP_READ(wth, rec, buf, err, err_info, offset)                                         \
    wtap_read(wth, rec, err, err_info, offset)
#define TT_WTAP_SEEK_READ(wth, off, rec, buf, err, err_info)                                       \
    wtap_seek_read(wth, off, rec, err, err_info)
/* the tvb argument is not evaluated (sizeof) */
#define TT_DISSECT_RUN(run, edt, file_type, rec, tvb, fd, cinfo)                                   \
    ((void)sizeof(tvb), run(edt, file_type, rec, fd, cinfo))
#define TT_REC_BYTES(rec, buf) ws_buffer_start_ptr(&(rec)->data)
#define TT_WTAP_REC_INIT(rec, size) wtap_rec_init(rec, size)
#else
#define TT_WTAP_READ(wth, rec, buf, err, err_info, offset)                                         \
    wtap_read(wth, rec, buf, err, err_info, offset)
#define TT_WTAP_SEEK_READ(wth, off, rec, buf, err, err_info)                                       \
    wtap_seek_read(wth, off, rec, buf, err, err_info)
#define TT_DISSECT_RUN(run, edt, file_type, rec, tvb, fd, cinfo)                                   \
    run(edt, file_type, rec, tvb, fd, cinfo)
#define TT_REC_BYTES(rec, buf) ws_buffer_start_ptr(buf)
#define TT_WTAP_REC_INIT(rec, size) wtap_rec_init(rec)
#endif

/* 4.6: ws_log_init() and configuration_init() lost their program-name and
 * environment-prefix arguments; proto_item_fill_label() also returns where
 * the value starts in the label; get_data_source_name() became
 * get_data_source_description(). */
#if TT_WS_AT_LEAST(4, 6)
#define TT_LOG_INIT(progname, vcmdarg_err) ws_log_init(vcmdarg_err)
#define TT_CONFIGURATION_INIT(arg0) configuration_init(arg0)
#define TT_FILL_LABEL(fi, label) proto_item_fill_label(fi, label, NULL)
#define TT_DATA_SOURCE_NAME(src) get_data_source_description(src)
#else
#define TT_LOG_INIT(progname, vcmdarg_err) ws_log_init(progname, vcmdarg_err)
#define TT_CONFIGURATION_INIT(arg0) configuration_init(arg0, NULL)
#define TT_FILL_LABEL(fi, label) proto_item_fill_label(fi, label)
#define TT_DATA_SOURCE_NAME(src) get_data_source_name(src)
#endif

/* 4.6: libwireshark primes the postdissectors' wanted fields itself on a
 * frame's first dissection, and no longer exports the call. */
#if TT_WS_AT_LEAST(4, 6)
#define TT_PRIME_POSTDISSECTOR_FIELDS(edt) ((void)(edt))
#else
#define TT_PRIME_POSTDISSECTOR_FIELDS(edt) prime_epan_dissect_with_postdissector_wanted_hfids(edt)
#endif

#endif
