/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An output sink (out.h) into a growing string, for the tests of the
 * documents. */
#ifndef TCPTEACH_TT_TEXT_H
#define TCPTEACH_TT_TEXT_H

#include <stdlib.h>
#include <string.h>

#include "out.h"

typedef struct tt_text {
    char *p; /* NUL-terminated once anything was written; free it */
    size_t len, cap;
} tt_text;

static inline void tt_text_write(void *ctx, const char *s, size_t len)
{
    tt_text *t = (tt_text *)ctx;
    if (t->len + len + 1 > t->cap) {
        t->cap = (t->len + len + 1) * 2;
        t->p = (char *)realloc(t->p, t->cap);
        if (t->p == NULL)
            abort();
    }
    memcpy(t->p + t->len, s, len);
    t->len += len;
    t->p[t->len] = '\0';
}

#endif
