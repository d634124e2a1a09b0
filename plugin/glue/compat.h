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
#define TT_FI_UINT(fi) fvalue_get_uinteger((fi)->value)
#else
#define TT_FI_UINT(fi) fvalue_get_uinteger(&(fi)->value)
#endif

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

/* Sequence analysis (the Flow Graph). Wireshark 4.0 exports these
 * functions, but Debian's libwireshark-dev does not ship
 * epan/sequence_analysis.h: the declarations below are those of
 * Wireshark 4.0.17's header, field for field, limited to what tcpteach
 * uses. Later releases install the header. */
#if TT_WS_AT_LEAST(4, 2)
#include <epan/sequence_analysis.h>
#else
#include <epan/address.h>
#include <epan/packet_info.h>
#include <epan/tap.h>

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
WS_DLL_PUBLIC seq_analysis_item_t *
sequence_analysis_create_sai_with_addresses(packet_info *pinfo, seq_analysis_info_t *sainfo);
#endif

#endif
