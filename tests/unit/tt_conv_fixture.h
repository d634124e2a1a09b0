/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixtures of the unit tests that run whole conversations through the core:
 * memory that is freed all at once, and a TCP header writer. */
#ifndef TCPTEACH_TT_CONV_FIXTURE_H
#define TCPTEACH_TT_CONV_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"

/* Memory for conversations that never hand any back (a tt_alloc without
 * `free`); tt_fx_free_all releases all of it. */
static void *tt_fx_arena[1 << 14];
static size_t tt_fx_used;

static inline void *tt_fx_alloc(void *ctx, size_t n)
{
    (void)ctx;
    void *p = calloc(1, n);
    if (p == NULL || tt_fx_used == sizeof tt_fx_arena / sizeof tt_fx_arena[0])
        abort();
    tt_fx_arena[tt_fx_used++] = p;
    return p;
}

static inline void tt_fx_free_all(void)
{
    while (tt_fx_used > 0)
        free(tt_fx_arena[--tt_fx_used]);
}

/* Writes a TCP header into b[0..60): ports, numbers, flags and window; with
 * wscale >= 0 also an MSS option of `mss` and a window-scale option of
 * `wscale`. doff 0: the header's own data offset; else that value (a header
 * that lies about its length). Returns the header's length in bytes. */
static inline unsigned tt_fx_header(uint8_t *b, uint16_t sp, uint16_t dp, uint32_t seq,
                                    uint32_t ack, uint16_t flags, uint16_t window, int wscale,
                                    uint16_t mss, unsigned doff)
{
    memset(b, 0, 60);
    unsigned hlen = 20;
    b[0] = (uint8_t)(sp >> 8), b[1] = (uint8_t)sp;
    b[2] = (uint8_t)(dp >> 8), b[3] = (uint8_t)dp;
    for (int i = 0; i < 4; i++) {
        b[4 + i] = (uint8_t)(seq >> (24 - 8 * i));
        b[8 + i] = (uint8_t)(ack >> (24 - 8 * i));
    }
    if (wscale >= 0) {
        uint8_t opts[8] = {TT_OPT_MSS,    4, (uint8_t)(mss >> 8), (uint8_t)mss, TT_OPT_NOP,
                           TT_OPT_WSCALE, 3, (uint8_t)wscale};
        memcpy(b + 20, opts, sizeof opts);
        hlen += 8;
    }
    b[12] = (uint8_t)((doff ? doff : hlen / 4) << 4 | (flags >> 8));
    b[13] = (uint8_t)flags;
    b[14] = (uint8_t)(window >> 8), b[15] = (uint8_t)window;
    return hlen;
}

#endif
