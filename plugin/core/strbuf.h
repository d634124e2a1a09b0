/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: bounded string building for the explanations. */
#ifndef TCPTEACH_STRBUF_H
#define TCPTEACH_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "lang.h"

typedef struct tt_sb {
    char *p;
    size_t n;   /* capacity, including the terminating NUL */
    size_t len; /* bytes used, excluding the NUL */
    bool cut;   /* something did not fit: nothing more is appended */
} tt_sb;

/* Starts an empty string in p[0..n) (p may be NULL when n is 0). */
void tt_sb_init(tt_sb *b, char *p, size_t n);
void tt_sb_vadd(tt_sb *b, const char *fmt, va_list ap);
/* Appends printf-formatted text. */
void tt_sb_raw(tt_sb *b, const char *fmt, ...);
/* Appends catalogue message `id`, formatted with the arguments. English
 * gets its number agreement: "1 byte", "byte 7" for a one-byte range. */
void tt_sb_msg(tt_sb *b, tt_lang lang, tt_msg id, ...);
void tt_sb_vmsg(tt_sb *b, tt_lang lang, tt_msg id, va_list ap);

/* English number agreement in p[from..len) (NUL-terminated at len; the
 * text taken to start at from), which tt_sb_vmsg applies: "1 bytes" becomes "1 byte", "bytes 7..7"
 * becomes "byte 7". Rewritten in place; returns the new length. */
size_t tt_sb_en_agreement(char *p, size_t len, size_t from);

/* An endpoint as people write it: "192.0.2.1:80", "[2001:db8::1]:80". */
size_t tt_format_endpoint(char *out, size_t n, const char *addr, bool ipv6, unsigned port);

#endif
