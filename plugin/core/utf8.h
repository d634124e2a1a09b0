/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the little UTF-8 that the texts need, in one place. */
#ifndef TCPTEACH_UTF8_H
#define TCPTEACH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether a byte continues a multi-byte character (10xxxxxx). */
static inline bool tt_utf8_cont(unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

/* How many bytes a character starting with `lead` takes: 1 for ASCII,
 * 2..4 for a lead byte, 0 for a continuation byte. */
static inline size_t tt_utf8_seq_len(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
}

/* The largest cut <= `at` that does not split a character of s. */
static inline size_t tt_utf8_boundary(const char *s, size_t at)
{
    while (at > 0 && tt_utf8_cont((unsigned char)s[at]))
        at--;
    return at;
}

/* Whether a byte is a whole ASCII character (0xxxxxxx). */
static inline bool tt_utf8_ascii(unsigned char c)
{
    return c < 0x80;
}

/* How many characters (code points) a NUL-terminated string holds. */
static inline size_t tt_utf8_count(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += !tt_utf8_cont(*p);
    return n;
}

/* Decodes one character of a NUL-terminated string into *cp (U+FFFD when
 * it is broken); returns how many bytes it took (at least 1). */
size_t tt_utf8_next(const unsigned char *p, uint32_t *cp);

#endif
