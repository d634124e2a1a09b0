/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: where a classroom document goes (stdout for tshark, a
 * string for the GUI's text window). Pure C11: no Wireshark, no GLib. */
#ifndef TCPTEACH_OUT_H
#define TCPTEACH_OUT_H

#include <stddef.h>

typedef struct tt_out {
    void (*write)(void *ctx, const char *text, size_t len);
    void *ctx;
} tt_out;

/* Writes a string as it is. */
void tt_out_str(const tt_out *o, const char *text);
/* Writes printf-formatted text (any length). */
void tt_out_printf(const tt_out *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Writes text with &, <, >, " and ' escaped for HTML/XML. */
void tt_out_html(const tt_out *o, const char *text);

#endif
