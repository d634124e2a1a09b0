/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach-result-bytes: the bytes of a tt_result, as fuzz_explain.c reads
 * them from its input, for make-seeds.py. The struct itself lays them out,
 * so the seeds follow any change of conversation.h.
 *
 *   tcpteach-result-bytes --size            sizeof(tt_result)
 *   tcpteach-result-bytes [FIELD=VALUE...]  the bytes in hex; fields not given are 0
 * FIELD: stream index chunk acked_chunk rel_seq rel_ack payload_len analysis notes role
 *        step1 step2 dir client_before client_after server_before server_after wscale
 *        checksum acked_count why guess
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversation.h"

static int set_field(tt_result *r, const char *name, long v)
{
#define TT_FIELD(f, member)                                                                        \
    if (strcmp(name, f) == 0) {                                                                    \
        r->member = v;                                                                             \
        return 1;                                                                                  \
    }
    TT_FIELD("stream", stream)
    TT_FIELD("index", index)
    TT_FIELD("chunk", chunk)
    TT_FIELD("acked_chunk", acked_chunk)
    TT_FIELD("rel_seq", rel_seq)
    TT_FIELD("rel_ack", rel_ack)
    TT_FIELD("payload_len", payload_len)
    TT_FIELD("analysis", analysis)
    TT_FIELD("notes", notes)
    TT_FIELD("role", role)
    TT_FIELD("step1", steps[0])
    TT_FIELD("step2", steps[1])
    TT_FIELD("dir", dir)
    TT_FIELD("client_before", client_before)
    TT_FIELD("client_after", client_after)
    TT_FIELD("server_before", server_before)
    TT_FIELD("server_after", server_after)
    TT_FIELD("wscale", wscale)
    TT_FIELD("checksum", checksum)
    TT_FIELD("acked_count", acked_count)
    TT_FIELD("why", why)
    TT_FIELD("guess", guess)
#undef TT_FIELD
    return 0;
}

int main(int argc, char **argv)
{
    tt_result r;
    memset(&r, 0, sizeof r);
    if (argc == 2 && strcmp(argv[1], "--size") == 0) {
        printf("%zu\n", sizeof r);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        char name[32];
        size_t n = eq ? (size_t)(eq - argv[i]) : 0;
        if (!eq || n >= sizeof name) {
            fprintf(stderr, "tcpteach-result-bytes: expected FIELD=VALUE, got %s\n", argv[i]);
            return 2;
        }
        memcpy(name, argv[i], n);
        name[n] = '\0';
        char *end;
        long v = strtol(eq + 1, &end, 0);
        if (*end != '\0' || !set_field(&r, name, v)) {
            fprintf(stderr, "tcpteach-result-bytes: bad field or value: %s\n", argv[i]);
            return 2;
        }
    }
    const unsigned char *b = (const unsigned char *)&r;
    for (size_t i = 0; i < sizeof r; i++)
        printf("%02x", b[i]);
    printf("\n");
    return 0;
}
