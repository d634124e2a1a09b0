/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: the language-neutral tokens of the public field API,
 * generated from the catalogues. */
#include "conversation.h"

static const struct role_info {
    const char *token;
    uint8_t phase, step;
} roles[TT_ROLE_COUNT] = {
#define TT_ROLE(id, token, phase, step, lk, label, plain, sk, summary, conn)                       \
    [id] = {token, phase, step},
#include "roles.def"
#undef TT_ROLE
};

static const char *const phase_tokens[TT_PHASE_COUNT] = {
#define TT_PHASE(id, token) [id] = token,
#include "phases.def"
#undef TT_PHASE
};

static const char *const state_names[TT_ST_COUNT] = {
#define TT_STATE(id, name, gloss) [id] = name,
#include "states.def"
};

static const char *const event_tokens[TT_EV_COUNT] = {
#define TT_EVENT(id, token, text) [id] = token,
#include "states.def"
};

const char *tt_role_token(tt_role r)
{
    return (unsigned)r < TT_ROLE_COUNT ? roles[r].token : "";
}

tt_phase tt_role_phase(tt_role r)
{
    return (unsigned)r < TT_ROLE_COUNT ? (tt_phase)roles[r].phase : TT_PHASE_OTHER;
}

unsigned tt_role_step(tt_role r)
{
    return (unsigned)r < TT_ROLE_COUNT ? roles[r].step : 0;
}

const char *tt_phase_token(tt_phase p)
{
    return (unsigned)p < TT_PHASE_COUNT ? phase_tokens[p] : "";
}

const char *tt_state_name(tt_state s)
{
    return (unsigned)s < TT_ST_COUNT ? state_names[s] : "";
}

const char *tt_event_token(tt_event e)
{
    return (unsigned)e < TT_EV_COUNT ? event_tokens[e] : "";
}

const char *tt_dir_token(tt_dir d)
{
    return d == TT_DIR_C2S ? "client-to-server" : "server-to-client";
}
