/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: bounded string building. Text that does not fit is cut at
 * a UTF-8 character boundary, never overflowed. */
#include "strbuf.h"
#include "utf8.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
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

size_t tt_utf8_next(const unsigned char *p, uint32_t *cp)
{
    size_t need = tt_utf8_seq_len(p[0]);
    if (need <= 1) {
        *cp = need == 1 ? p[0] : 0xfffdu;
        return 1;
    }
    uint32_t c = p[0] & (0x7fu >> need);
    for (size_t i = 1; i < need; i++) {
        if (!tt_utf8_cont(p[i])) {
            *cp = 0xfffd;
            return i;
        }
        c = (c << 6) | (p[i] & 0x3fu);
    }
    *cp = c;
    return need;
}

/* After a cut, drop a trailing incomplete UTF-8 sequence. */
static void tt_sb_trim_utf8(tt_sb *b)
{
    size_t start = b->len;
    unsigned back = 0;
    while (start > 0 && back < 4 && tt_utf8_cont((unsigned char)b->p[start - 1])) {
        start--;
        back++;
    }
    if (start == 0) {
        b->len = 0;
    } else {
        unsigned char lead = (unsigned char)b->p[start - 1];
        size_t need = tt_utf8_seq_len(lead);
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

/* The conversions expanded here rather than by vsnprintf: formatting is
 * the explanations' and the documents' main cost. Each gives exactly what
 * printf gives. Returns the length of the conversion at p (after the '%'),
 * 0 for any other. */
static inline size_t simple_conversion(const char *p)
{
    switch (p[0]) {
    case 's':
    case 'u':
    case 'd':
    case 'c':
    case '%':
        return 1;
    case '.':
        if (p[1] == '*' && p[2] == 's')
            return 3;
        return (p[1] == '0' || p[1] == '1') && p[2] == 'f' ? 3 : 0;
    default:
        return 0;
    }
}

/* Decimal digits of v, written backwards ending at end; returns the start. */
static inline char *digits_of(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    return end;
}

/* x with `decimals` (0 or 1) digits after the point, rounded as printf
 * rounds: the exact binary value to the nearest, ties to even. fma gives
 * the product's rounding error, so x * 10 is known exactly. Returns the
 * length, 0 when out of range (printf is used then). */
static size_t fixed_point(char *out, double x, int decimals)
{
    double a = fabs(x), scale = decimals ? 10.0 : 1.0;
    if (!(a < 1e15))
        return 0; /* also NaN */
    double p = a * scale, err = fma(a, scale, -p), k = floor(p), rem = (p - k) - 0.5;
    uint64_t n = (uint64_t)k;
    if (rem > -err || (rem == -err && (n & 1u)))
        n++;
    char buf[32], *end = buf + sizeof buf;
    if (decimals) {
        *--end = (char)('0' + n % 10u);
        *--end = '.';
        n /= 10u;
    }
    char *d = digits_of(end, n);
    if (signbit(x))
        *--d = '-';
    size_t len = (size_t)(buf + sizeof buf - d);
    memcpy(out, d, len);
    return len;
}

/* Formats with the conversions above; false, at the first other one, when
 * vsnprintf must do it (what was written is then to be dropped). A text
 * cut to fit before that is what vsnprintf gives too. */
static bool simple_vadd(tt_sb *b, const char *fmt, va_list ap)
{
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        size_t run = pct ? (size_t)(pct - p) : strlen(p);
        if (run > 0 && !put_bytes(b, p, run))
            return true;
        if (pct == NULL)
            return true;
        if (pct[1] != 's' && pct[1] != 'u' && simple_conversion(pct + 1) == 0)
            return false;
        bool fits = true;
        char num[40];
        switch (pct[1]) {
        case 's': {
            const char *arg = va_arg(ap, const char *);
            arg = arg != NULL ? arg : "(null)";
            fits = put_bytes(b, arg, strlen(arg));
            break;
        }
        case 'u': {
            char *d = digits_of(num + sizeof num, va_arg(ap, unsigned));
            fits = put_bytes(b, d, (size_t)(num + sizeof num - d));
            break;
        }
        case 'd': {
            int v = va_arg(ap, int);
            char *d = digits_of(num + sizeof num, v < 0 ? 0u - (uint64_t)(int64_t)v : (uint64_t)v);
            if (v < 0)
                *--d = '-';
            fits = put_bytes(b, d, (size_t)(num + sizeof num - d));
            break;
        }
        case 'c':
            num[0] = (char)va_arg(ap, int);
            fits = put_bytes(b, num, 1);
            break;
        case '.':
            if (pct[2] == '*') {
                int prec = va_arg(ap, int);
                const char *arg = va_arg(ap, const char *);
                size_t n = 0;
                while (prec < 0 ? arg[n] != '\0' : n < (size_t)prec && arg[n] != '\0')
                    n++;
                fits = put_bytes(b, arg, n);
            } else {
                double v = va_arg(ap, double);
                int decimals = pct[2] - '0';
                size_t n = fixed_point(num, v, decimals);
                if (n > 0) {
                    fits = put_bytes(b, num, n);
                } else {
                    char wide[330]; /* the largest double has 309 digits */
                    int w = snprintf(wide, sizeof wide, decimals ? "%.1f" : "%.0f", v);
                    fits = w > 0 && put_bytes(b, wide, strlen(wide));
                }
            }
            break;
        default:
            fits = put_bytes(b, "%", 1);
            break;
        }
        if (!fits)
            return true;
        p = pct + (pct[1] == '.' ? 4 : 2); /* the "%.1f" and "%.*s" kinds are 4 long */
    }
    return true;
}

void tt_sb_vadd(tt_sb *b, const char *fmt, va_list ap)
{
    if (b->n == 0 || b->len + 1 >= b->n || b->cut)
        return;
    size_t start = b->len;
    va_list again;
    va_copy(again, ap);
    bool done = simple_vadd(b, fmt, ap);
    if (done) {
        va_end(again);
        return;
    }
    b->len = start;
    b->p[start] = '\0';
    size_t room = b->n - b->len;
    int w = vsnprintf(b->p + b->len, room, fmt, again);
    va_end(again);
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

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The checks of English number agreement at position r of p (see
 * tt_sb_en_agreement): a one-byte range "bytes N..N" (its length in *used,
 * the digits of N at *num, *num_len of them), or "1 bytes" (*num NULL). */
static bool agreement_at(const char *p, size_t from, size_t len, size_t r, size_t *used,
                         size_t *num, size_t *num_len)
{
    bool word_start = r == from || !is_letter(p[r - 1]);
    if (word_start && strncmp(p + r, "bytes ", 6) == 0) {
        size_t a = r + 6, an = 0;
        while (is_digit(p[a + an]))
            an++;
        size_t c = a + an + 2, cn = 0;
        if (an > 0 && p[a + an] == '.' && p[a + an + 1] == '.') {
            while (is_digit(p[c + cn]))
                cn++;
        }
        /* Only a range whose end is in the text: a text cut short may
         * have cut the second number. */
        if (cn == an && an > 0 && memcmp(p + a, p + c, an) == 0 && c + cn < len &&
            p[c + cn] != '.') {
            *used = c + cn - r;
            *num = a;
            *num_len = an;
            return true;
        }
    }
    if (p[r] == '1' && (r == from || p[r - 1] == ' ' || p[r - 1] == '(') &&
        strncmp(p + r + 1, " bytes", 6) == 0 && !is_letter(p[r + 7])) {
        *used = 7;
        *num = 0;
        *num_len = 0;
        return true;
    }
    return false;
}

/* English number agreement, which a format with %u cannot make: a count
 * "1 bytes" becomes "1 byte", and a one-byte range "bytes 7..7" becomes
 * "byte 7". The text only gets shorter: rewritten in place from `from`,
 * where the text is taken to start (what comes before is not looked at).
 * Both forms hold the word "bytes" (the count two characters after its
 * start), so only the places where it occurs are looked at; the text
 * between them is moved in one piece. Positions at or after w still hold
 * the original text, which the checks read. */
size_t tt_sb_en_agreement(char *p, size_t len, size_t from)
{
    const char *hit = strstr(p + from, "bytes");
    if (hit == NULL)
        return len;
    size_t r = from, w = from;
    while (hit != NULL) {
        size_t q = (size_t)(hit - p), used, num, num_len;
        /* "1 bytes" starts two before the word, the range at it */
        size_t at =
            q >= r + 2 && agreement_at(p, from, len, q - 2, &used, &num, &num_len) ? q - 2 : q;
        if (at == q && !agreement_at(p, from, len, q, &used, &num, &num_len)) {
            hit = strstr(hit + 1, "bytes");
            continue;
        }
        if (w < r)
            memmove(p + w, p + r, at - r);
        w += at - r;
        if (num_len > 0) {
            memmove(p + w, "byte ", 5);
            memmove(p + w + 5, p + num, num_len);
            w += 5 + num_len;
        } else {
            memmove(p + w, "1 byte", 6);
            w += 6;
        }
        r = at + used;
        hit = r < len ? strstr(p + r, "bytes") : NULL;
    }
    if (w < r)
        memmove(p + w, p + r, len - r);
    w += len - r;
    p[w] = '\0';
    return w;
}

void tt_sb_vmsg(tt_sb *b, tt_lang lang, tt_msg id, va_list ap)
{
    if (lang == TT_LANG_ZH || b->cut || b->n == 0) {
        tt_sb_vadd(b, tt_msg_text(lang, id), ap);
        return;
    }
    /* The whole message first, so that agreement sees whole numbers and a
     * text cut to fit stays a prefix of the uncut one. Where the buffer's
     * room is no larger than that of the whole message, the message is
     * written in place: when it fits, it is what the whole one gives. */
    char whole[2048];
    size_t start = b->len;
    if (start + 1 < b->n && b->n - start <= sizeof whole) {
        va_list again;
        va_copy(again, ap);
        tt_sb_vadd(b, tt_msg_text(lang, id), again);
        va_end(again);
        if (!b->cut) {
            b->len = tt_sb_en_agreement(b->p, b->len, start);
            return;
        }
        b->len = start; /* cut: as the whole message does it */
        b->p[start] = '\0';
        b->cut = false;
    }
    tt_sb w;
    tt_sb_init(&w, whole, sizeof whole);
    tt_sb_vadd(&w, tt_msg_text(lang, id), ap);
    w.len = tt_sb_en_agreement(whole, w.len, 0);
    put_bytes(b, whole, w.len);
    if (w.cut)
        b->cut = true;
}

/* Appends catalogue message `id`, formatted with the arguments. */
void tt_sb_msg(tt_sb *b, tt_lang lang, tt_msg id, ...)
{
    va_list ap;
    va_start(ap, id);
    tt_sb_vmsg(b, lang, id, ap);
    va_end(ap);
}

size_t tt_format_endpoint(char *out, size_t n, const char *addr, bool ipv6, unsigned port)
{
    tt_sb b;
    tt_sb_init(&b, out, n);
    tt_sb_raw(&b, ipv6 ? "[%s]:%u" : "%s:%u", addr, port);
    return b.len;
}
