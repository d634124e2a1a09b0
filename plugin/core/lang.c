/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the message catalogue (English and Simplified Chinese).
 * The texts live in messages.def; this file only turns them into a table. */
#include "lang.h"

#include <stddef.h>

static const char *const catalogue[TT_MSG_COUNT][TT_LANG_COUNT] = {
#define TT_MSG(id, en, zh) [id] = {en, zh},
#include "messages.def"
#undef TT_MSG
};

const char *tt_msg_text(tt_lang lang, tt_msg id)
{
    if ((unsigned)id >= TT_MSG_COUNT)
        return "";
    if ((unsigned)lang >= TT_LANG_COUNT)
        lang = TT_LANG_EN;
    const char *text = catalogue[id][lang];
    return text != NULL ? text : "";
}
