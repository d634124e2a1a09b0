/* tcpteach core: bounded string building. Text that does not fit is cut at
 * a UTF-8 character boundary, never overflowed. */
#include "strbuf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void tt_sb_init(tt_sb *b, char *p, size_t n)
{
    b->p = p;
    b->n = p != NULL ? n : 0;
    b->len = 0;
    b->cut = false;
    if (b->n > 0)
        p[0] = '\0';
}

/* After a cut, drop a trailing incomplete UTF-8 sequence. */
static void tt_sb_trim_utf8(tt_sb *b)
{
    size_t start = b->len;
    unsigned back = 0;
    while (start > 0 && back < 4 && ((unsigned char)b->p[start - 1] & 0xc0) == 0x80) {
        start--;
        back++;
    }
    if (start == 0) {
        b->len = 0;
    } else {
        unsigned char lead = (unsigned char)b->p[start - 1];
        size_t need = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
        if (need == 1)
            b->len = start; /* stray continuation bytes after ASCII */
        else if (need != back + 1)
            b->len = start - 1; /* incomplete sequence */
    }
    b->p[b->len] = '\0';
}

/* Appends len bytes; returns false (after cutting at a UTF-8 boundary)
 * when they did not fit. */
static bool put_bytes(tt_sb *b, const char *s, size_t len)
{
    size_t room = b->n - 1 - b->len;
    bool fits = len <= room;
    memcpy(b->p + b->len, s, fits ? len : room);
    b->len += fits ? len : room;
    b->p[b->len] = '\0';
    if (!fits) {
        tt_sb_trim_utf8(b);
        b->cut = true;
    }
    return fits;
}

/* Formats that use only %s, %u and %% (all the catalogue's) are expanded
 * here: formatting is the explanations' main cost on every packet. */
static bool simple_format(const char *fmt)
{
    for (const char *p = strchr(fmt, '%'); p != NULL; p = strchr(p + 2, '%')) {
        if (p[1] != 's' && p[1] != 'u' && p[1] != '%')
            return false;
    }
    return true;
}

static void simple_vadd(tt_sb *b, const char *fmt, va_list ap)
{
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        size_t run = pct ? (size_t)(pct - p) : strlen(p);
        if (run > 0 && !put_bytes(b, p, run))
            return;
        if (pct == NULL)
            return;
        bool fits = true;
        if (pct[1] == 's') {
            const char *arg = va_arg(ap, const char *);
            arg = arg != NULL ? arg : "(null)";
            fits = put_bytes(b, arg, strlen(arg));
        } else if (pct[1] == 'u') {
            char digits[16];
            char *d = digits + sizeof digits;
            unsigned v = va_arg(ap, unsigned);
            do {
                *--d = (char)('0' + v % 10u);
                v /= 10u;
            } while (v != 0);
            fits = put_bytes(b, d, (size_t)(digits + sizeof digits - d));
        } else {
            fits = put_bytes(b, "%", 1);
        }
        if (!fits)
            return;
        p = pct + 2;
    }
}

void tt_sb_vadd(tt_sb *b, const char *fmt, va_list ap)
{
    if (b->n == 0 || b->len + 1 >= b->n || b->cut)
        return;
    if (simple_format(fmt)) {
        simple_vadd(b, fmt, ap);
        return;
    }
    size_t room = b->n - b->len;
    int w = vsnprintf(b->p + b->len, room, fmt, ap);
    if (w < 0) {
        b->p[b->len] = '\0';
    } else if ((size_t)w >= room) {
        b->len = b->n - 1;
        tt_sb_trim_utf8(b);
        b->cut = true;
    } else {
        b->len += (size_t)w;
    }
}

void tt_sb_raw(tt_sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tt_sb_vadd(b, fmt, ap);
    va_end(ap);
}

/* Appends catalogue message `id`, formatted with the arguments. */
void tt_sb_msg(tt_sb *b, tt_lang lang, tt_msg id, ...)
{
    va_list ap;
    va_start(ap, id);
    tt_sb_vadd(b, tt_msg_text(lang, id), ap);
    va_end(ap);
}
