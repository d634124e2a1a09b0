/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: RFC 9293's state diagram, generated from its edge table
 * (states.def): where an event takes a state, and which edges explain a
 * change of state. */
#include "conversation.h"

static const struct edge {
    uint8_t from, event, to;
    const char *section;
} edges[] = {
#define TT_EDGE(from, event, to, section) {from, event, to, section},
#include "states.def"
};

#define N_EDGES (sizeof edges / sizeof edges[0])

static const struct edge *find_edge(tt_state from, tt_event event)
{
    for (size_t i = 0; i < N_EDGES; i++) {
        if (edges[i].from == from && edges[i].event == event)
            return &edges[i];
    }
    return NULL;
}

tt_state tt_state_next(tt_state from, tt_event event)
{
    const struct edge *e = find_edge(from, event);
    return e != NULL ? (tt_state)e->to : TT_ST_COUNT;
}

const char *tt_edge_section(tt_state from, tt_event event)
{
    const struct edge *e = find_edge(from, event);
    return e != NULL ? e->section : "";
}

unsigned tt_state_path(tt_state from, tt_state to, tt_path *p)
{
    *p = (tt_path){0, {TT_EV_COUNT, TT_EV_COUNT}, TT_ST_COUNT};
    for (size_t i = 0; i < N_EDGES; i++) {
        if (edges[i].from == from && edges[i].to == to) {
            p->n = 1;
            p->ev[0] = (tt_event)edges[i].event;
            return 1;
        }
    }
    for (size_t i = 0; i < N_EDGES; i++) {
        if (edges[i].from != from)
            continue;
        const struct edge *second = NULL;
        for (size_t j = 0; j < N_EDGES && second == NULL; j++) {
            if (edges[j].from == edges[i].to && edges[j].to == to)
                second = &edges[j];
        }
        if (second != NULL) {
            *p = (tt_path){
                2, {(tt_event)edges[i].event, (tt_event)second->event}, (tt_state)edges[i].to};
            return 2;
        }
    }
    return 0;
}

unsigned tt_result_path(const tt_result *r, unsigned side, tt_path *p)
{
    *p = (tt_path){0, {TT_EV_COUNT, TT_EV_COUNT}, TT_ST_COUNT};
    uint8_t before = side == 0 ? r->client_before : r->server_before;
    if (side > 1 || before >= TT_ST_COUNT || tt_result_corrected(r, side))
        return 0;
    p->n = tt_result_edges(r, side, p->ev);
    if (p->n == 2)
        p->via = tt_state_next((tt_state)before, p->ev[0]);
    return p->n;
}
