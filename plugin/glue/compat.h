/* The few Wireshark API calls that differ between releases, in one place.
 * Built and tested against Wireshark 4.0; the 4.2+ branches follow the
 * documented API changes of those releases. */
#ifndef TCPTEACH_COMPAT_H
#define TCPTEACH_COMPAT_H

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

#endif
