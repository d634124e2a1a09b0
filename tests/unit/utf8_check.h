/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the unit tests and the fuzz harnesses: is a string well-formed
 * UTF-8 (no stray or missing continuation bytes, no overlong forms, no
 * surrogates, nothing above U+10FFFF)? */
#ifndef TCPTEACH_UTF8_CHECK_H
#define TCPTEACH_UTF8_CHECK_H

#include <stdbool.h>

static inline bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p, need, min;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            need = 1, min = 0x80, c &= 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            need = 2, min = 0x800, c &= 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            need = 3, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        p++;
        for (unsigned i = 0; i < need; i++, p++) {
            if ((*p & 0xc0) != 0x80)
                return false;
            c = (c << 6) | (*p & 0x3fu);
        }
        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return false;
    }
    return true;
}

#endif
