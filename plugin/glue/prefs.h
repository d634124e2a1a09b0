/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the preferences of tcpteach, and the one of Wireshark's
 * TCP preferences that the summaries follow. */
#ifndef TCPTEACH_PREFS_H
#define TCPTEACH_PREFS_H

#include <stdbool.h>

#include "compat.h"

typedef struct tt_prefs {
    int language;  /* tt_lang */
    int verbosity; /* TT_VERBOSITY_* */
    tt_pref_bool info_label;
    tt_pref_bool fields_only; /* under tshark -T fields, build only what is printed */
    unsigned quiz_seed;       /* which questions the quiz picks (same seed, same quiz) */
} tt_prefs;

enum { TT_VERBOSITY_BRIEF = 0, TT_VERBOSITY_FULL = 1 };

extern tt_prefs tt_pref;

/* Registers the preferences of the protocol `proto` (tcpteach.*). */
void tt_prefs_register(int proto);

/* Wireshark's tcp.relative_sequence_numbers preference. */
bool tt_relative_numbers(void);

#endif
