/* tcpteach core: bounded string building. Text that does not fit is cut at
 * a UTF-8 character boundary, never overflowed. */
#include "strbuf.h"

#include <stdio.h>

void tt_sb_init(tt_sb *b, char *p, size_t n)
{
    b->p = p;
    b->n = p != NULL ? n : 0;
    b->len = 0;
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

void tt_sb_vadd(tt_sb *b, const char *fmt, va_list ap)
{
    if (b->n == 0 || b->len + 1 >= b->n)
        return;
    size_t room = b->n - b->len;
    int w = vsnprintf(b->p + b->len, room, fmt, ap);
    if (w < 0) {
        b->p[b->len] = '\0';
    } else if ((size_t)w >= room) {
        b->len = b->n - 1;
        tt_sb_trim_utf8(b);
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
