/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the message catalogue (English and Simplified Chinese). */
#ifndef TCPTEACH_LANG_H
#define TCPTEACH_LANG_H

typedef enum { TT_LANG_EN = 0, TT_LANG_ZH = 1, TT_LANG_COUNT } tt_lang;

/* Message identifiers; the catalogue in lang.c holds one entry per language
 * for each. Entries may be printf formats. */
typedef enum {
#define TT_MSG(id, en, zh) id,
#include "messages.def"
#undef TT_MSG
    TT_MSG_COUNT
} tt_msg;

/* The text of a message in a language (never NULL). */
const char *tt_msg_text(tt_lang lang, tt_msg id);

#endif
