/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach-catalogue: prints the core's public vocabulary, so that tests and
 * tools read it from the one place it is defined instead of copying it.
 *
 *   tcpteach-catalogue roles|phases|states|directions  one token a line
 *   tcpteach-catalogue role-phases                   "role<TAB>phase" a line
 *   tcpteach-catalogue edges       "FROM<TAB>event<TAB>TO" a line: the edges of
 *                                  RFC 9293's state diagram (states.def)
 *   tcpteach-catalogue regex roles|states|directions  one anchored extended
 *                                                     regular expression
 *                                                     (grep -E, Python re)
 */
#include <stdio.h>
#include <string.h>

#include "conversation.h"

typedef const char *(*tt_list_fn)(unsigned i);

static const char *role_at(unsigned i)
{
    /* TT_ROLE_NONE (0) is "no role", not a token. */
    return i + 1 < TT_ROLE_COUNT ? tt_role_token((tt_role)(i + 1)) : NULL;
}

static const char *state_at(unsigned i)
{
    return i < TT_ST_COUNT ? tt_state_name((tt_state)i) : NULL;
}

static const char *phase_at(unsigned i)
{
    return i < TT_PHASE_COUNT ? tt_phase_token((tt_phase)i) : NULL;
}

/* Lines made of several tokens are built in one buffer, valid until the
 * next call. */
static char line[128];

static const char *role_phase_at(unsigned i)
{
    const char *role = role_at(i);
    if (role == NULL)
        return NULL;
    snprintf(line, sizeof line, "%s\t%s", role, tt_phase_token(tt_role_phase((tt_role)(i + 1))));
    return line;
}

static const char *edge_at(unsigned i)
{
    unsigned k = 0;
    for (unsigned st = 0; st < TT_ST_COUNT; st++) {
        for (unsigned ev = 0; ev < TT_EV_COUNT; ev++) {
            tt_state to = tt_state_next((tt_state)st, (tt_event)ev);
            if (to == TT_ST_COUNT || k++ != i)
                continue;
            snprintf(line, sizeof line, "%s\t%s\t%s", tt_state_name((tt_state)st),
                     tt_event_token((tt_event)ev), tt_state_name(to));
            return line;
        }
    }
    return NULL;
}

static const char *direction_at(unsigned i)
{
    static const tt_dir dirs[] = {TT_DIR_C2S, TT_DIR_S2C};
    return i < sizeof dirs / sizeof dirs[0] ? tt_dir_token(dirs[i]) : NULL;
}

/* Each list the core exports. A new one (e.g. the phase of each role, once
 * the core has a function for it) is one function above and one line here. */
static const struct {
    const char *name;
    tt_list_fn at;
} lists[] = {
    {"roles", role_at},   {"phases", phase_at}, {"role-phases", role_phase_at},
    {"states", state_at}, {"edges", edge_at},   {"directions", direction_at},
};

static tt_list_fn find_list(const char *name)
{
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        if (strcmp(lists[i].name, name) == 0) {
            return lists[i].at;
        }
    }
    return NULL;
}

static void print_escaped(const char *token)
{
    for (const char *c = token; *c; c++) {
        if (strchr(".[]()*+?{}|^$\\", *c)) {
            putchar('\\');
        }
        putchar(*c);
    }
}

static int usage(void)
{
    fputs("usage: tcpteach-catalogue [regex] roles|phases|states|directions\n"
          "       tcpteach-catalogue role-phases|edges\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    int regex = argc == 3 && strcmp(argv[1], "regex") == 0;
    if (argc != 2 + regex) {
        return usage();
    }
    tt_list_fn at = find_list(argv[1 + regex]);
    if (!at) {
        return usage();
    }
    if (regex) {
        fputs("^(", stdout);
    }
    for (unsigned i = 0; at(i); i++) {
        if (!*at(i)) {
            fprintf(stderr, "tcpteach-catalogue: %s: entry %u is empty\n", argv[1 + regex], i);
            return 1;
        }
        if (regex) {
            if (i > 0) {
                putchar('|');
            }
            print_escaped(at(i));
        } else {
            puts(at(i));
        }
    }
    if (regex) {
        puts(")$");
    }
    return ferror(stdout) ? 1 : 0;
}
