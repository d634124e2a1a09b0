/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: per-frame and per-stream storage. See frame_store.h. */
#include "config_glue.h"

#include <string.h>

#include <epan/tap.h>

#include "frame_store.h"
#include "glue.h"
#include "output_need.h"

/* A file-scoped table indexed by a dense number (frame or stream number),
 * grown in chunks; a bit per element says whether it was filled. */
#define DENSE_CHUNK 4096u

typedef struct dense_table {
    uint8_t **chunks;
    uint32_t n_chunks;
    size_t elem; /* bytes per element */
} dense_table;

static dense_table frames = {NULL, 0, sizeof(frame_rec)};
static dense_table conversations; /* by tcp.stream: tt_conv (elem set at handoff) */
static dense_table streams = {NULL, 0, sizeof(tt_stream_rec)}; /* by tcp.stream */
static dense_table cc_slots = {NULL, 0, sizeof(tt_cc_slot)};   /* by tcp.stream */
static wmem_map_t *frame_extras;                               /* frame number -> frame_extra */
static wmem_map_t *frame_details; /* frame number -> tt_detail (retransmissions) */

/* The element i, or NULL when it was never filled and create is false. */
static void *dense_get(dense_table *t, uint32_t i, bool create, bool *fresh)
{
    uint32_t c = i / DENSE_CHUNK, k = i % DENSE_CHUNK;
    if (c >= t->n_chunks) {
        if (!create)
            return NULL;
        uint32_t n = MAX(c + 1, t->n_chunks * 2);
        t->chunks = (uint8_t **)wmem_realloc(wmem_file_scope(), t->chunks, n * sizeof *t->chunks);
        memset(t->chunks + t->n_chunks, 0, (n - t->n_chunks) * sizeof *t->chunks);
        t->n_chunks = n;
    }
    if (t->chunks[c] == NULL) {
        if (!create)
            return NULL;
        t->chunks[c] =
            (uint8_t *)wmem_alloc0(wmem_file_scope(), DENSE_CHUNK * t->elem + DENSE_CHUNK / 8);
    }
    uint8_t *used = t->chunks[c] + DENSE_CHUNK * t->elem + k / 8;
    uint8_t bit = (uint8_t)(1u << (k % 8));
    if (fresh != NULL)
        *fresh = (*used & bit) == 0;
    if ((*used & bit) == 0) {
        if (!create)
            return NULL;
        *used |= bit;
    }
    return t->chunks[c] + (size_t)k * t->elem;
}

/* A new capture file: the tables' memory went with the previous file scope. */
static void forget_file(void)
{
    frames.chunks = conversations.chunks = streams.chunks = cc_slots.chunks = NULL;
    frames.n_chunks = conversations.n_chunks = streams.n_chunks = cc_slots.n_chunks = 0;
}

void tt_store_register(void)
{
    conversations.elem = (tt_conv_size() + 7) & ~(size_t)7;
    frame_extras =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    frame_details =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    register_init_routine(forget_file);
    register_cleanup_routine(forget_file);
}

frame_rec *tt_store_frame(uint32_t num)
{
    return (frame_rec *)dense_get(&frames, num, false, NULL);
}

frame_rec *tt_store_new_frame(uint32_t num)
{
    return (frame_rec *)dense_get(&frames, num, true, NULL);
}

const frame_extra *tt_store_extra(uint32_t num)
{
    return (const frame_extra *)wmem_map_lookup(frame_extras, GUINT_TO_POINTER(num));
}

frame_extra *tt_store_new_extra(uint32_t num)
{
    frame_extra *x = wmem_new0(wmem_file_scope(), frame_extra);
    wmem_map_insert(frame_extras, GUINT_TO_POINTER(num), x);
    return x;
}

const tt_detail *tt_store_detail(uint32_t num)
{
    return (const tt_detail *)wmem_map_lookup(frame_details, GUINT_TO_POINTER(num));
}

void tt_store_keep_detail(uint32_t num, const tt_detail *d)
{
    wmem_map_insert(frame_details, GUINT_TO_POINTER(num),
                    wmem_memdup(wmem_file_scope(), d, sizeof *d));
}

static void *file_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return wmem_alloc0(wmem_file_scope(), size);
}

static void file_free(void *ctx, void *p)
{
    (void)ctx;
    wmem_free(wmem_file_scope(), p);
}

const tt_alloc tt_file_allocator = {.alloc = file_alloc, .free = file_free};

tt_conv *tt_store_conversation(uint32_t stream)
{
    bool fresh = false;
    tt_conv *c = (tt_conv *)dense_get(&conversations, stream, true, &fresh);
    if (fresh)
        tt_conv_init(c, stream);
    return c;
}

tt_cc_slot *tt_store_cc(uint32_t stream, bool create)
{
    return (tt_cc_slot *)dense_get(&cc_slots, stream, create, NULL);
}

/* 1: the program is tshark, 0: it is not, -1: not known yet. */
static int in_tshark = -1;

bool tt_store_keeps_streams(void)
{
    if (in_tshark < 0)
        in_tshark = tt_program_is_tshark();
    return !in_tshark || have_tap_listener(tt_tap_id);
}

void tt_store_add_segment(uint32_t stream, const packet_info *pinfo, const tt_result *r,
                          const tt_header *h)
{
    bool fresh = false;
    tt_stream_rec *rec = (tt_stream_rec *)dense_get(&streams, stream, true, &fresh);
    if (fresh) {
        tt_walk_init(&rec->all, stream);
        rec->all.first_frame = pinfo->num;
        rec->first_ts = pinfo->abs_ts;
    }
    tt_walk_add_header(&rec->all, r, h);
}

const tt_stream_rec *tt_store_stream(uint32_t stream)
{
    return (const tt_stream_rec *)dense_get(&streams, stream, false, NULL);
}
