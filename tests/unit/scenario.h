/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Scripted conversations read from scenario files (tests/unit/scenarios/,
 * whose README.md describes the format): one table row per segment, what it
 * carries and what the state machine must say about it. Every token is
 * looked up in the core's own catalogues (flags.def, analysis.def, the role
 * tokens and the state names), so that a misspelt one is an error, never a
 * silent zero. A failed expectation names the file and the line. */
#ifndef TCPTEACH_SCENARIO_H
#define TCPTEACH_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conversation.h"
#include "header.h"
#include "tt_test.h"

/* The folder of the scenario files: CMake names it, so that the test runs
 * from any build folder. */
#ifndef TT_SCENARIO_DIR
#define TT_SCENARIO_DIR "scenarios"
#endif

enum { TT_SCN_MAX_SEGMENTS = 64, TT_SCN_MAX_TOKENS = 16 };

/* One row of a scenario: the segment, then what is expected of it. */
typedef struct tt_scn_seg {
    unsigned line; /* in the file */
    bool client;   /* sent by the client (C) or the server (S) */
    uint16_t flags;
    uint32_t seq, ack, len;
    uint16_t window;
    int wscale;        /* -1: no window scale option */
    uint32_t analysis; /* TT_AN_* */
    tt_role role;
    uint8_t steps[2]; /* 0: none */
    uint32_t chunk, acked_chunk;
    tt_state client_after, server_after;
    bool retransmitted;
} tt_scn_seg;

typedef struct tt_scenario {
    char path[512];
    uint16_t cport, sport;
    bool analysis_on;
    size_t n;
    tt_scn_seg seg[TT_SCN_MAX_SEGMENTS];
} tt_scenario;

/* Reports a problem at path:line and counts it as a failed check. */
static void tt_scn_fail(const char *path, unsigned line, const char *what, const char *token)
{
    tt_test_failures++;
    fprintf(stderr, "%s:%u: %s%s%s%s\n", path, line, what, token ? " \"" : "", token ? token : "",
            token ? "\"" : "");
}

/* A number in decimal or (with 0x) in hexadecimal, below 2^32. */
static bool tt_scn_u32(const char *s, uint32_t *v)
{
    int base = (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10;
    const char *p = base == 16 ? s + 2 : s;
    uint64_t x = 0;
    if (*p == '\0')
        return false;
    for (; *p != '\0'; p++) {
        unsigned d;
        if (*p >= '0' && *p <= '9')
            d = (unsigned)(*p - '0');
        else if (base == 16 && *p >= 'a' && *p <= 'f')
            d = (unsigned)(*p - 'a' + 10);
        else if (base == 16 && *p >= 'A' && *p <= 'F')
            d = (unsigned)(*p - 'A' + 10);
        else
            return false;
        x = x * (unsigned)base + d;
        if (x > UINT32_MAX)
            return false;
    }
    *v = (uint32_t)x;
    return true;
}

/* "-" for none (0), else a number of at least 1. */
static bool tt_scn_count(const char *s, uint32_t *v)
{
    if (strcmp(s, "-") == 0) {
        *v = 0;
        return true;
    }
    return tt_scn_u32(s, v) && *v != 0;
}

/* tcpdump's letters of the flags (S, S., P., F., R, R. ...), from flags.def. */
static bool tt_scn_flags(const char *s, uint16_t *flags)
{
    static const struct {
        char letter;
        uint16_t mask;
    } letters[] = {
#define TT_FLAG(id, mask, byte, token, letter, name, on, off) {letter, mask},
#include "flags.def"
    };
    *flags = 0;
    for (; *s != '\0'; s++) {
        uint16_t mask = 0;
        for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
            if (letters[i].letter != '\0' && letters[i].letter == *s)
                mask = letters[i].mask;
        if (mask == 0 || (*flags & mask) != 0)
            return false;
        *flags |= mask;
    }
    return *flags != 0;
}

/* Wireshark's findings, by their field names without "tcp.analysis."
 * (analysis.def), separated by commas; "-" for none. */
static bool tt_scn_analysis(const char *s, uint32_t *bits)
{
    static const struct {
        const char *field;
        uint32_t bit;
    } findings[] = {
#define TT_ANALYSIS(id, bit, field, text) {field, TT_AN_##id},
#include "analysis.def"
#undef TT_ANALYSIS
    };
    static const char prefix[] = "tcp.analysis.";
    *bits = 0;
    if (strcmp(s, "-") == 0)
        return true;
    while (*s != '\0') {
        size_t n = strcspn(s, ",");
        uint32_t bit = 0;
        for (size_t i = 0; i < sizeof findings / sizeof findings[0]; i++) {
            const char *name = findings[i].field + sizeof prefix - 1;
            if (strlen(name) == n && strncmp(name, s, n) == 0)
                bit = findings[i].bit;
        }
        if (bit == 0 || (*bits & bit) != 0)
            return false;
        *bits |= bit;
        s += n;
        if (*s == ',' && *++s == '\0')
            return false;
    }
    return true;
}

static bool tt_scn_role(const char *s, tt_role *role)
{
    for (int r = 1; r < TT_ROLE_COUNT; r++) {
        if (strcmp(tt_role_token((tt_role)r), s) == 0) {
            *role = (tt_role)r;
            return true;
        }
    }
    return false;
}

static bool tt_scn_state(const char *s, tt_state *state)
{
    for (int st = 0; st < TT_ST_COUNT; st++) {
        if (strcmp(tt_state_name((tt_state)st), s) == 0) {
            *state = (tt_state)st;
            return true;
        }
    }
    return false;
}

/* "-", one step ("3"), or two merged in one segment ("2+3"). */
static bool tt_scn_steps(const char *s, uint8_t steps[2])
{
    steps[0] = steps[1] = 0;
    if (strcmp(s, "-") == 0)
        return true;
    if (s[0] < '1' || s[0] > '9')
        return false;
    steps[0] = (uint8_t)(s[0] - '0');
    if (s[1] == '\0')
        return true;
    if (s[1] != '+' || s[2] < '1' || s[2] > '9' || s[3] != '\0')
        return false;
    steps[1] = (uint8_t)(s[2] - '0');
    return true;
}

/* Splits a line at blanks into at most max tokens (the line is cut up);
 * returns how many, or max + 1 when there are more. */
static size_t tt_scn_split(char *line, char **tok, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p == '\0')
            return n;
        if (n == max)
            return max + 1;
        tok[n++] = p;
        while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            p++;
        if (*p != '\0')
            *p++ = '\0';
    }
}

/* The columns of a segment row, as an error names them. */
static const char *const tt_scn_columns[] = {
    "who (C or S)",
    "flags (tcpdump's letters)",
    "seq",
    "ack",
    "len",
    "window",
    "window scale option (a shift, or -)",
    "Wireshark's findings (analysis.def names, or -)",
    "|",
    "role token",
    "steps (-, N or N+M)",
    "chunk (- or a number)",
    "acked chunk (- or a number)",
    "client state",
    "server state",
    "resent (retransmitted or -)",
};

enum { TT_SCN_COLUMNS = sizeof tt_scn_columns / sizeof tt_scn_columns[0] };

/* Reads the tokens of one segment row (8 columns, "|", 7 columns) into *g.
 * Returns -1, or the index of the first column it cannot read, or
 * TT_SCN_COLUMNS when the row has another number of columns. */
static int tt_scn_row(char **t, size_t n, tt_scn_seg *g)
{
    uint32_t v = 0, window = 0;
    memset(g, 0, sizeof *g);
    g->wscale = -1;
    if (n != TT_SCN_COLUMNS)
        return TT_SCN_COLUMNS;
    if (strcmp(t[0], "C") != 0 && strcmp(t[0], "S") != 0)
        return 0;
    g->client = t[0][0] == 'C';
    if (!tt_scn_flags(t[1], &g->flags))
        return 1;
    if (!tt_scn_u32(t[2], &g->seq))
        return 2;
    if (!tt_scn_u32(t[3], &g->ack))
        return 3;
    if (!tt_scn_u32(t[4], &g->len))
        return 4;
    if (!tt_scn_u32(t[5], &window) || window > UINT16_MAX)
        return 5;
    g->window = (uint16_t)window;
    if (strcmp(t[6], "-") != 0) {
        if (!tt_scn_u32(t[6], &v) || v > UINT8_MAX)
            return 6;
        g->wscale = (int)v;
    }
    if (!tt_scn_analysis(t[7], &g->analysis))
        return 7;
    if (strcmp(t[8], "|") != 0)
        return 8;
    if (!tt_scn_role(t[9], &g->role))
        return 9;
    if (!tt_scn_steps(t[10], g->steps))
        return 10;
    if (!tt_scn_count(t[11], &g->chunk))
        return 11;
    if (!tt_scn_count(t[12], &g->acked_chunk))
        return 12;
    if (!tt_scn_state(t[13], &g->client_after))
        return 13;
    if (!tt_scn_state(t[14], &g->server_after))
        return 14;
    if (strcmp(t[15], "retransmitted") == 0)
        g->retransmitted = true;
    else if (strcmp(t[15], "-") != 0)
        return 15;
    return -1;
}

/* Reads scenarios/NAME.txt into *sc. Returns false (after reporting, as a
 * failed check) when the file cannot be read or a line is wrong. */
static bool tt_scn_load(tt_scenario *sc, const char *name)
{
    memset(sc, 0, sizeof *sc);
    snprintf(sc->path, sizeof sc->path, "%s/%s.txt", TT_SCENARIO_DIR, name);
    FILE *f = fopen(sc->path, "r");
    if (f == NULL) {
        tt_scn_fail(sc->path, 0, "cannot be read", NULL);
        return false;
    }
    bool ok = true, ports = false, analysis = false;
    char buf[512];
    unsigned line = 0;
    while (ok && fgets(buf, sizeof buf, f) != NULL) {
        line++;
        if (strchr(buf, '\n') == NULL && !feof(f)) {
            tt_scn_fail(sc->path, line, "line too long", NULL);
            ok = false;
            break;
        }
        buf[strcspn(buf, "#")] = '\0'; /* a comment runs to the end of the line */
        char *t[TT_SCN_MAX_TOKENS + 1];
        size_t n = tt_scn_split(buf, t, TT_SCN_MAX_TOKENS);
        if (n == 0)
            continue;
        uint32_t cp = 0, sp = 0;
        if (strcmp(t[0], "ports") == 0) {
            ok = n == 5 && strcmp(t[1], "client") == 0 && tt_scn_u32(t[2], &cp) &&
                 cp <= UINT16_MAX && strcmp(t[3], "server") == 0 && tt_scn_u32(t[4], &sp) &&
                 sp <= UINT16_MAX && !ports && sc->n == 0;
            if (!ok)
                tt_scn_fail(sc->path, line,
                            "write once, before the segments: ports client N server N", NULL);
            sc->cport = (uint16_t)cp, sc->sport = (uint16_t)sp;
            ports = true;
        } else if (strcmp(t[0], "analysis") == 0) {
            ok = n == 2 && (strcmp(t[1], "on") == 0 || strcmp(t[1], "off") == 0) && !analysis &&
                 sc->n == 0;
            if (!ok)
                tt_scn_fail(sc->path, line, "write once, before the segments: analysis on|off",
                            NULL);
            sc->analysis_on = n == 2 && strcmp(t[1], "on") == 0;
            analysis = true;
        } else if (sc->n == TT_SCN_MAX_SEGMENTS) {
            tt_scn_fail(sc->path, line, "too many segments", NULL);
            ok = false;
        } else {
            tt_scn_seg *g = &sc->seg[sc->n++];
            int bad = tt_scn_row(t, n, g);
            g->line = line;
            ok = bad < 0 && (sc->analysis_on || g->analysis == 0);
            if (bad < 0 && !ok) {
                tt_scn_fail(sc->path, line, "Wireshark's analysis is off: write - for its findings",
                            NULL);
            } else if (bad == TT_SCN_COLUMNS) {
                tt_scn_fail(sc->path, line, "a segment row has 16 columns (8, \"|\", 7)", NULL);
            } else if (bad >= 0) {
                char what[96];
                snprintf(what, sizeof what, "column %d, %s, cannot be", bad + 1,
                         tt_scn_columns[bad]);
                tt_scn_fail(sc->path, line, what, t[bad]);
            }
        }
    }
    fclose(f);
    if (ok && (!ports || !analysis || sc->n == 0)) {
        tt_scn_fail(sc->path, line, "needs a ports line, an analysis line and segments", NULL);
        ok = false;
    }
    return ok;
}

/* Checks the result of segment i (0-based) against its row: its role,
 * steps, chunks, states, retransmission, direction and number. */
static void tt_scn_check(const tt_scenario *sc, size_t i, const tt_result *r)
{
    const tt_scn_seg *g = &sc->seg[i];
    char got[64], want[64];
#define TT_SCN_EXPECT(what, cond, gotfmt, wantfmt)                                                 \
    do {                                                                                           \
        tt_test_checks++;                                                                          \
        if (!(cond)) {                                                                             \
            gotfmt;                                                                                \
            wantfmt;                                                                               \
            tt_test_failures++;                                                                    \
            fprintf(stderr, "%s:%u: %s is %s, expected %s\n", sc->path, g->line, what, got, want); \
        }                                                                                          \
    } while (0)
#define TT_SCN_EXPECT_U(what, a, b)                                                                \
    TT_SCN_EXPECT(what, (unsigned long)(a) == (unsigned long)(b),                                  \
                  snprintf(got, sizeof got, "%lu", (unsigned long)(a)),                            \
                  snprintf(want, sizeof want, "%lu", (unsigned long)(b)))
#define TT_SCN_EXPECT_S(what, a, b)                                                                \
    TT_SCN_EXPECT(what, strcmp(a, b) == 0, snprintf(got, sizeof got, "\"%s\"", a),                 \
                  snprintf(want, sizeof want, "\"%s\"", b))
    TT_SCN_EXPECT_S("the role", tt_role_token((tt_role)r->role), tt_role_token(g->role));
    TT_SCN_EXPECT_U("the first step", r->steps[0], g->steps[0]);
    TT_SCN_EXPECT_U("the second step", r->steps[1], g->steps[1]);
    TT_SCN_EXPECT_U("the chunk", r->chunk, g->chunk);
    TT_SCN_EXPECT_U("the acked chunk", r->acked_chunk, g->acked_chunk);
    TT_SCN_EXPECT_S("the client's state", tt_state_name((tt_state)r->client_after),
                    tt_state_name(g->client_after));
    TT_SCN_EXPECT_S("the server's state", tt_state_name((tt_state)r->server_after),
                    tt_state_name(g->server_after));
    TT_SCN_EXPECT_U("retransmitted", (r->notes & TT_NOTE_RETRANSMISSION) != 0, g->retransmitted);
    TT_SCN_EXPECT_S("the direction", tt_dir_token((tt_dir)r->dir),
                    tt_dir_token(g->client ? TT_DIR_C2S : TT_DIR_S2C));
    TT_SCN_EXPECT_U("the segment's number", r->index, i + 1);
#undef TT_SCN_EXPECT_S
#undef TT_SCN_EXPECT_U
#undef TT_SCN_EXPECT
}

#endif
