/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the libFuzzer harnesses: reading the input as a stream
 * of values, checking invariants, and an allocator that frees everything at
 * the end of a run (so LeakSanitizer only reports real leaks). */
#ifndef TCPTEACH_FUZZ_UTIL_H
#define TCPTEACH_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/utf8_check.h"

/* An invariant that must hold: print what broke and abort, so libFuzzer
 * keeps the input as a crash artifact. */
#define FZ_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant violated: %s: ", __FILE__, __LINE__, #cond);         \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The fuzzer's input, consumed front to back; reads past the end give 0. */
typedef struct fz_in {
    const uint8_t *p;
    size_t n;
} fz_in;

static inline uint8_t fz_u8(fz_in *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static inline uint16_t fz_u16(fz_in *in)
{
    uint16_t hi = fz_u8(in);
    return (uint16_t)((hi << 8) | fz_u8(in));
}

static inline uint32_t fz_u32(fz_in *in)
{
    uint32_t hi = fz_u16(in);
    return (hi << 16) | fz_u16(in);
}

/* Copies up to `want` bytes; the rest of `out` is zeroed. */
static inline void fz_bytes(fz_in *in, uint8_t *out, size_t want)
{
    size_t got = want < in->n ? want : in->n;
    memcpy(out, in->p, got);
    memset(out + got, 0, want - got);
    in->p += got;
    in->n -= got;
}

/* A private copy of exactly `n` bytes, so AddressSanitizer catches any read
 * past the end. Never NULL (a 0-byte copy is a 1-byte allocation). */
static inline uint8_t *fz_exact_copy(const uint8_t *src, size_t n)
{
    uint8_t *p = (uint8_t *)malloc(n > 0 ? n : 1);
    if (p == NULL)
        abort();
    if (n > 0)
        memcpy(p, src, n);
    return p;
}

/* Every block the core asks for, freed at once by fz_pool_free. */
typedef struct fz_pool {
    void **blocks;
    size_t count, cap;
} fz_pool;

static inline void *fz_pool_alloc(void *ctx, size_t size)
{
    fz_pool *pool = (fz_pool *)ctx;
    if (pool->count == pool->cap) {
        size_t cap = pool->cap ? pool->cap * 2 : 16;
        void **blocks = (void **)realloc(pool->blocks, cap * sizeof *blocks);
        if (blocks == NULL)
            abort();
        pool->blocks = blocks;
        pool->cap = cap;
    }
    void *p = calloc(1, size > 0 ? size : 1);
    if (p == NULL)
        abort();
    pool->blocks[pool->count++] = p;
    return p;
}

static inline void fz_pool_free(fz_pool *pool)
{
    for (size_t i = 0; i < pool->count; i++)
        free(pool->blocks[i]);
    free(pool->blocks);
    memset(pool, 0, sizeof *pool);
}

#endif
