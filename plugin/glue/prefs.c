/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the preferences of tcpteach (language, verbosity, the Info
 * column label, the quiz seed, tshark's fields-only mode), and Wireshark's
 * TCP preference for relative numbers. */
#include "config_glue.h"

#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/prefs-int.h>

#include "lang.h"
#include "prefs.h"

tt_prefs tt_pref = {TT_LANG_EN, TT_VERBOSITY_FULL, TRUE, TRUE, 0};

static const enum_val_t language_vals[] = {
    {"en", "English", TT_LANG_EN},
    {"zh", "\347\256\200\344\275\223\344\270\255\346\226\207 (Simplified Chinese)", TT_LANG_ZH},
    {NULL, NULL, -1}};

static const enum_val_t verbosity_vals[] = {
    {"brief", "Brief: role, steps, states and summary", TT_VERBOSITY_BRIEF},
    {"full", "Full: also the conversation, every header field and reliability notes",
     TT_VERBOSITY_FULL},
    {NULL, NULL, -1}};

/* Everything stored per frame is language-neutral, so a change of language
 * or verbosity only needs the re-dissection Wireshark does after applying
 * preferences; nothing to recompute here. */
static void prefs_applied(void) {}

void tt_prefs_register(int proto)
{
    module_t *m = prefs_register_protocol(proto, prefs_applied);
    prefs_register_enum_preference(m, "language", "Language",
                                   "Language of the explanations: English or Simplified Chinese",
                                   &tt_pref.language, language_vals, FALSE);
    prefs_register_enum_preference(m, "verbosity", "Verbosity",
                                   "Brief: only roles, steps and states; full: the whole "
                                   "teaching tree",
                                   &tt_pref.verbosity, verbosity_vals, FALSE);
    prefs_register_bool_preference(m, "info_label", "Show the role in the Info column",
                                   "Append a short role label such as [Handshake 1/3] to "
                                   "the Info column",
                                   &tt_pref.info_label);
    prefs_register_uint_preference(
        m, "quiz_seed", "Quiz seed",
        "Which values the quiz (Tools > TCP Teaching > Quiz, the handout, -z tcpteach,quiz) "
        "blanks: the same capture and seed always give the same quiz; another seed, another "
        "choice",
        10, &tt_pref.quiz_seed);
    /* Last and under its own heading: it changes nothing in the Wireshark
     * window, which always builds the whole tree. */
    prefs_register_static_text_preference(m, "tshark_only",
                                          "For tshark only (no effect in the Wireshark window):",
                                          "The preference below is used only by tshark -T fields");
    prefs_register_bool_preference(
        m, "fields_only", "tshark -T fields: build only the printed fields (tshark only)",
        "tshark only; no effect in the Wireshark window. When tshark prints only the fields "
        "named with -e, add only those of tcpteach's fields (and any a filter asks for) instead "
        "of the whole teaching tree: the same output, about twice as fast. Turn off to always "
        "build the whole tree",
        &tt_pref.fields_only);
}

bool tt_relative_numbers(void)
{
    static pref_t *relative;
    static bool looked;
    if (!looked) {
        module_t *tcp = prefs_find_module("tcp");
        relative = tcp != NULL ? prefs_find_preference(tcp, "relative_sequence_numbers") : NULL;
        looked = true;
    }
    return relative == NULL || prefs_get_bool_value(relative, pref_current);
}
