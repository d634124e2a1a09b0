/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the output sink of the classroom documents. */
#include "out.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tt_out_str(const tt_out *o, const char *text)
{
    o->write(o->ctx, text, strlen(text));
}

void tt_out_printf(const tt_out *o, const char *fmt, ...)
{
    char small[512];
    tt_sb b;
    tt_sb_init(&b, small, sizeof small);
    va_list ap;
    va_start(ap, fmt);
    tt_sb_vadd(&b, fmt, ap);
    va_end(ap);
    if (!b.cut) {
        o->write(o->ctx, small, b.len);
        return;
    }
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *big = len > 0 ? malloc((size_t)len + 1) : NULL;
    if (big == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)len + 1, fmt, ap);
    va_end(ap);
    o->write(o->ctx, big, (size_t)len);
    free(big);
}

void tt_out_html(const tt_out *o, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            continue;
        }
        if (p > run)
            o->write(o->ctx, run, (size_t)(p - run));
        tt_out_str(o, esc);
        run = p + 1;
    }
    if (*run)
        tt_out_str(o, run);
}
