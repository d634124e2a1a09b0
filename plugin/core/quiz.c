/* tcpteach core: the quiz worksheet of one stream and its answer key.
 *
 * Candidate questions are (segment, kind) pairs whose answer the capture
 * determines. A seeded hash gives every candidate a key; the questions are
 * picked one by one, preferring a kind not asked yet (the rarest kind
 * first), then a tenth of the stream not asked about yet, then the kind
 * asked least, then the smallest key. One pass over the stream keeps, per
 * kind and tenth, the few best candidates; nothing is allocated. At most one
 * question is asked per segment, so that each ladder line hides one value
 * only. */
#include "quiz.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "strbuf.h"

#define TT_QUIZ_MAX 10

typedef enum {
    Q_STATE_CLIENT,
    Q_STATE_SERVER,
    Q_ACK,
    Q_NEXT,
    Q_WINDOW,
    Q_ROLE,
    Q_KIND_COUNT
} qkind;

/* The kinds as the selection balances them: the client's and the server's
 * state are one kind. */
enum { G_STATE, G_ACK, G_NEXT, G_WINDOW, G_ROLE, G_COUNT };

static unsigned kind_group(qkind k)
{
    static const unsigned group[Q_KIND_COUNT] = {G_STATE, G_STATE, G_ACK, G_NEXT, G_WINDOW, G_ROLE};
    return group[k];
}

typedef struct question {
    size_t seg; /* index into v->segs */
    qkind kind;
} question;

typedef struct quiz {
    question q[TT_QUIZ_MAX];
    unsigned n;
} quiz;

/* ---- the seeded generator --------------------------------------------------- */

/* splitmix64: a small, well-mixed generator step, used here as a hash. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

static uint64_t candidate_key(uint64_t base, size_t seg, qkind k)
{
    return splitmix64(base ^ splitmix64((uint64_t)seg * Q_KIND_COUNT + (uint64_t)k));
}

/* ---- which questions a segment allows ------------------------------------------ */

/* A segment the state machine could read, inside the connection. */
static bool readable(const tt_walk_seg *s)
{
    const tt_result *r = s->r;
    const tt_header *h = s->h;
    return r->role != TT_ROLE_MALFORMED && r->role != TT_ROLE_ICMP_QUOTED &&
           r->role != TT_ROLE_NONE && h->bytes != NULL && h->caplen >= 20 &&
           !tt_header_malformed(h);
}

/* The shift a SYN announces in its window scale option, or -1. */
static int syn_wscale(const tt_header *h)
{
    const tt_option *o = tt_header_find_option(h, TT_OPT_WSCALE);
    if (o == NULL || o->status != TT_OPTLEN_OK || !(h->flags & TT_SYN))
        return -1;
    return tt_option_u8(h, o, 0);
}

/* States are asked about only when the capture shows where they start:
 * from the first SYN on, or after a first SYN+ACK (whose sender is surely
 * the server), never when client and server were guessed. Returns the first
 * segment whose states may be asked about (v->n: none). */
static size_t states_from(const tt_walk_view *v)
{
    for (size_t k = 0; k < v->n; k++) {
        if (v->segs[k].r->notes & TT_NOTE_DIR_GUESSED)
            return v->n;
    }
    const tt_result *first = v->segs[0].r;
    if (first->notes & TT_NOTE_INFERRED)
        return first->role == TT_ROLE_HANDSHAKE_2 ? 1 : v->n;
    return 0;
}

/* The edge of RFC 9293's diagram (or the two) that moved an endpoint on a
 * segment, as the state machine recorded them. */
typedef struct path {
    tt_state via; /* TT_ST_COUNT: one edge */
    tt_event first, second;
} path;

static bool find_path(const tt_result *r, bool client, path *out)
{
    uint8_t before = client ? r->client_before : r->server_before;
    uint8_t after = client ? r->client_after : r->server_after;
    tt_event ev[2];
    unsigned n = tt_result_edges(r, client ? 0 : 1, ev);
    if (before == after || before >= TT_ST_COUNT || after >= TT_ST_COUNT || n == 0 ||
        tt_result_corrected(r, client ? 0 : 1))
        return false;
    if (n == 1) {
        *out = (path){TT_ST_COUNT, ev[0], TT_EV_COUNT};
        return true;
    }
    *out = (path){tt_state_next((tt_state)before, ev[0]), ev[0], ev[1]};
    return true;
}

static bool state_allows(const tt_walk_view *v, size_t i, bool client)
{
    const tt_result *r = v->segs[i].r;
    if (r->notes & TT_NOTE_INFERRED)
        return false;
    /* A correction of an assumption is no move of the diagram; and a state
     * that a later segment corrects (a lost ACK of a SYN+ACK shows itself
     * within the handshake: a short look ahead finds it) is no answer. */
    unsigned who = client ? 0 : 1;
    if (tt_result_corrected(r, who))
        return false;
    for (size_t j = i + 1; j < v->n && j <= i + 64; j++) {
        if (tt_result_corrected(v->segs[j].r, who))
            return false;
    }
    path p;
    return find_path(r, client, &p);
}

static bool ack_allows(const tt_walk_seg *s)
{
    /* Not when the peer's numbers count from a guess (its SYN was not
     * captured): the answer would be a convention, not something the
     * sheet determines. */
    return (s->h->flags & TT_ACK) != 0 && !(s->r->notes & TT_NOTE_ACK_UNKNOWN);
}

static bool consumes(const tt_walk_seg *s)
{
    return s->r->payload_len > 0 || (s->h->flags & (TT_SYN | TT_FIN));
}

static bool next_allows(const tt_walk_seg *s)
{
    const tt_result *r = s->r;
    if (!consumes(s) || (s->h->flags & TT_RST))
        return false;
    if (r->notes & (TT_NOTE_RETRANSMISSION | TT_NOTE_OUT_OF_WINDOW | TT_NOTE_SYN_DATA))
        return false;
    return r->role != TT_ROLE_KEEPALIVE && r->role != TT_ROLE_ZERO_WINDOW_PROBE &&
           r->role != TT_ROLE_REFUSED && r->role != TT_ROLE_RESET;
}

static bool window_allows(const tt_walk_seg *s)
{
    uint64_t bytes;
    const tt_header *h = s->h;
    if (h->flags & (TT_RST | TT_SYN) || !(h->flags & TT_ACK))
        return false;
    /* Only to a receiver that may still send data (not after its FIN). */
    uint8_t receiver = s->r->dir == TT_DIR_C2S ? s->r->server_after : s->r->client_after;
    if (receiver != TT_ST_ESTABLISHED && receiver != TT_ST_CLOSE_WAIT)
        return false;
    /* Where scaling matters (a known shift above 0), or a zero window under
     * a known scale (flow control stops the peer). */
    if (!tt_walk_window_bytes(s, &bytes))
        return false;
    return s->r->wscale > 0 ||
           (h->window == 0 && (s->r->wscale == 0 || s->r->wscale == TT_WS_NONE));
}

/* Room for the label on a ladder line (the ladder's arrow less its ends). */
#define LABEL_COLS 58

static size_t label_text(const tt_walk_seg *s, qkind kind, unsigned number, tt_lang lang, bool role,
                         char *buf, size_t n);

/* Whether the blank of a question fits on its ladder line: the label up to
 * the blank (with the widest number and language) is not cut. */
static bool blank_fits(const tt_walk_seg *s, qkind kind)
{
    char label[256];
    label_text(s, kind, TT_QUIZ_MAX, TT_LANG_ZH, kind == Q_ROLE, label, sizeof label);
    return tt_display_width(label) <= LABEL_COLS;
}

/* `states`: the segment's states may be asked about; `in_order`: it starts
 * where its sender's numbers had reached (no gap, nothing reordered). */
static bool allows(const tt_walk_view *v, size_t i, qkind k, bool states, bool in_order)
{
    const tt_walk_seg *s = &v->segs[i];
    if (!readable(s))
        return false;
    switch (k) {
    case Q_STATE_CLIENT:
        return states && state_allows(v, i, true);
    case Q_STATE_SERVER:
        return states && state_allows(v, i, false);
    case Q_ACK:
        return ack_allows(s) && blank_fits(s, k);
    case Q_NEXT:
        return in_order && next_allows(s) && blank_fits(s, k);
    case Q_WINDOW:
        return window_allows(s) && blank_fits(s, k);
    case Q_ROLE:
        return blank_fits(s, k);
    default:
        return false;
    }
}

/* ---- choosing the questions ------------------------------------------------------ */

static bool seg_used(const quiz *z, size_t seg)
{
    for (unsigned i = 0; i < z->n; i++) {
        if (z->q[i].seg == seg)
            return true;
    }
    return false;
}

/* A candidate's rank: smaller is better, compared field by field. */
typedef struct rank {
    unsigned covered, rarity, bin_used, asked;
    uint64_t key;
} rank;

static bool better(const rank *a, const rank *b)
{
    if (a->covered != b->covered)
        return a->covered < b->covered;
    if (a->rarity != b->rarity)
        return a->rarity < b->rarity;
    if (a->bin_used != b->bin_used)
        return a->bin_used < b->bin_used;
    if (a->asked != b->asked)
        return a->asked < b->asked;
    return a->key < b->key;
}

/* The best candidates (smallest keys) of one kind in one tenth of the
 * stream: enough to always have one left whatever the other picks took
 * (each pick uses one segment, which has at most two candidates of a kind). */
#define SLOT_KEEP (2 * TT_QUIZ_MAX + 1)

typedef struct candidate {
    size_t seg;
    uint64_t key;
    uint8_t kind;
} candidate;

typedef struct slot {
    candidate c[SLOT_KEEP];
    unsigned n;
} slot;

static void slot_add(slot *s, candidate c)
{
    if (s->n == SLOT_KEEP && c.key >= s->c[SLOT_KEEP - 1].key)
        return;
    unsigned at = s->n < SLOT_KEEP ? s->n++ : SLOT_KEEP - 1;
    for (; at > 0 && s->c[at - 1].key > c.key; at--)
        s->c[at] = s->c[at - 1];
    s->c[at] = c;
}

static void choose(const tt_walk_view *v, uint32_t seed, quiz *z)
{
    z->n = 0;
    if (v->n == 0)
        return;
    slot slots[G_COUNT][TT_QUIZ_MAX];
    memset(slots, 0, sizeof slots);
    uint64_t base = splitmix64(((uint64_t)seed << 32) | v->w->stream);
    size_t state_start = states_from(v);
    size_t askable = 0;
    unsigned in_group[G_COUNT] = {0};
    /* How far each side's sequence numbers had reached. */
    uint32_t reached[2] = {0, 0};
    bool seen[2] = {false, false};
    /* One pass over the stream: what each segment allows. */
    for (size_t i = 0; i < v->n; i++) {
        bool any = false, group_seen[G_COUNT] = {false};
        size_t bin = (size_t)((uint64_t)i * TT_QUIZ_MAX / v->n);
        const tt_walk_seg *s = &v->segs[i];
        unsigned d = s->r->dir;
        bool in_order = false;
        if (readable(s) && consumes(s) && !(s->h->flags & TT_RST)) {
            uint32_t next = tt_walk_next_seq(s);
            in_order =
                !seen[d] || (tt_walk_seq(s) == reached[d] && (int32_t)(next - reached[d]) > 0);
            if (!seen[d] || (int32_t)(next - reached[d]) > 0)
                reached[d] = next;
            seen[d] = true;
        }
        for (unsigned k = 0; k < Q_KIND_COUNT; k++) {
            if (!allows(v, i, (qkind)k, i >= state_start, in_order))
                continue;
            unsigned g = kind_group((qkind)k);
            slot_add(&slots[g][bin], (candidate){i, candidate_key(base, i, (qkind)k), (uint8_t)k});
            any = true;
            group_seen[g] = true;
        }
        for (unsigned g = 0; g < G_COUNT; g++)
            in_group[g] += group_seen[g];
        askable += any;
    }
    unsigned target = askable < TT_QUIZ_MAX ? (unsigned)askable : TT_QUIZ_MAX;
    unsigned asked[G_COUNT] = {0};
    bool bin_used[TT_QUIZ_MAX] = {false};
    while (z->n < target) {
        bool found = false;
        rank best = {0};
        const candidate *pick = NULL;
        for (unsigned g = 0; g < G_COUNT; g++) {
            for (unsigned bin = 0; bin < TT_QUIZ_MAX; bin++) {
                const slot *sl = &slots[g][bin];
                /* the slot's best candidate on a segment not asked about yet */
                const candidate *c = NULL;
                for (unsigned k = 0; k < sl->n && c == NULL; k++) {
                    if (!seg_used(z, sl->c[k].seg))
                        c = &sl->c[k];
                }
                if (c == NULL)
                    continue;
                rank r = {asked[g] > 0, asked[g] > 0 ? 0 : in_group[g], bin_used[bin], asked[g],
                          c->key};
                if (!found || better(&r, &best)) {
                    best = r;
                    pick = c;
                    found = true;
                }
            }
        }
        if (pick == NULL)
            break;
        z->q[z->n++] = (question){pick->seg, (qkind)pick->kind};
        asked[kind_group((qkind)pick->kind)]++;
        bin_used[(size_t)((uint64_t)pick->seg * TT_QUIZ_MAX / v->n)] = true;
    }
    /* Numbered from the top of the ladder down. */
    for (unsigned i = 1; i < z->n; i++) {
        question q = z->q[i];
        unsigned j = i;
        for (; j > 0 && z->q[j - 1].seg > q.seg; j--)
            z->q[j] = z->q[j - 1];
        z->q[j] = q;
    }
}

/* The question asked about a segment, 0 when none (else its number). */
static unsigned question_of(const quiz *z, size_t seg, qkind *kind)
{
    for (unsigned i = 0; i < z->n; i++) {
        if (z->q[i].seg == seg) {
            *kind = z->q[i].kind;
            return i + 1;
        }
    }
    return 0;
}

/* ---- the ladder with blanks ---------------------------------------------------------- */

static void blank(char *buf, size_t n, unsigned number)
{
    snprintf(buf, n, "(Q%u)____", number);
}

/* The numbers of a ladder line; with a question about the segment, the
 * value it asks for is a blank, and what the question needs is shown. `full`:
 * all of tcpdump's numbers; else only those the question needs (for a line
 * that would be too wide). */
static void line_numbers(tt_sb *b, const tt_walk_seg *s, qkind kind, unsigned number, tt_lang lang,
                         bool full)
{
    const tt_result *r = s->r;
    const tt_header *h = s->h;
    char gap[16];
    blank(gap, sizeof gap, number);
    if (number != 0 && kind == Q_NEXT) {
        tt_sb_raw(b, " seq %" PRIu32, tt_walk_seq(s));
        if (r->payload_len > 0)
            tt_sb_raw(b, " len %" PRIu32, r->payload_len);
        if (full && (h->flags & TT_ACK))
            tt_sb_raw(b, " ack %" PRIu32, tt_walk_ack(s));
        /* A SYN's window scale stays on the sheet: a window question of a
         * later segment needs it. */
        int shift = syn_wscale(h);
        if (shift >= 0)
            tt_sb_raw(b, " wscale %d", shift);
        tt_sb_raw(b, " ");
        tt_sb_msg(b, lang, TT_M_Q_L_NEXT, gap);
        return;
    }
    char numbers[64];
    tt_walk_numbers(r, h, numbers, sizeof numbers);
    if (number != 0 && kind == Q_WINDOW) {
        /* The window field instead of tcpdump's "win N", then the blank. */
        tt_walk_seq_ack(r, h, numbers, sizeof numbers);
        if (full)
            tt_sb_raw(b, " %s", numbers);
        else
            tt_sb_raw(b, " ack %" PRIu32, tt_walk_ack(s));
        tt_sb_raw(b, " win %u = %s", (unsigned)h->window, gap);
        return;
    }
    if (number != 0 && kind == Q_ACK) {
        /* tcpdump's numbers with the acknowledgment number blanked. */
        char *at = strstr(numbers, "ack ");
        if (at != NULL) {
            char *end = at + 4;
            while (*end >= '0' && *end <= '9')
                end++;
            tt_sb_raw(b, " %.*sack %s%s", (int)(at - numbers), numbers, gap, end);
            return;
        }
    }
    /* A keep-alive or a zero-window probe is told by its sequence number
     * (one below the next byte, or the next byte alone): show it, which
     * tcpdump's notation leaves out of a segment without data. */
    bool probe = r->role == TT_ROLE_KEEPALIVE || r->role == TT_ROLE_ZERO_WINDOW_PROBE;
    if (probe && strstr(numbers, "seq ") == NULL)
        tt_sb_raw(b, " seq %" PRIu32, tt_walk_seq(s));
    if (numbers[0])
        tt_sb_raw(b, " %s", numbers);
    int ws = syn_wscale(h);
    if (ws >= 0)
        tt_sb_raw(b, " wscale %d", ws);
}

/* Whether all of a question line's numbers fit (judged with the widest
 * blank and language, so that both languages show the same numbers). */
static bool numbers_fit(const tt_walk_seg *s, qkind kind)
{
    char text[256], flags[16];
    tt_sb b;
    tt_sb_init(&b, text, sizeof text);
    tt_walk_flags(s->h->flags, flags, sizeof flags);
    tt_sb_raw(&b, "%s", flags);
    line_numbers(&b, s, kind, TT_QUIZ_MAX, TT_LANG_ZH, true);
    return !b.cut && tt_display_width(text) <= LABEL_COLS;
}

/* The arrow's label: flags, numbers, then the role (when `role`). A role
 * that does not fit beside a question's blank is left out rather than cut. */
static size_t label_text(const tt_walk_seg *s, qkind kind, unsigned number, tt_lang lang, bool role,
                         char *buf, size_t n)
{
    char gap[16], flags[16];
    tt_sb l;
    tt_sb_init(&l, buf, n);
    blank(gap, sizeof gap, number);
    tt_walk_flags(s->h->flags, flags, sizeof flags);
    tt_sb_raw(&l, "%s", flags);
    line_numbers(&l, s, kind, number, lang, number == 0 || numbers_fit(s, kind));
    if (!role)
        return l.len;
    if (number != 0 && kind == Q_ROLE) {
        tt_sb_raw(&l, " [%s]", gap);
        return l.len;
    }
    char label[128];
    tt_explain_label(s->r, lang, label, sizeof label);
    size_t used = tt_display_width(buf), room = used + 1 < LABEL_COLS ? LABEL_COLS - 1 - used : 0;
    if (number != 0 && tt_display_width(label) > room) {
        /* The bracketed label without what follows it ("(retransmission)"). */
        char *close = strchr(label, ']');
        if (close != NULL)
            close[1] = '\0';
        if (tt_display_width(label) > room)
            return l.len;
    }
    tt_sb_raw(&l, " %s", label);
    return l.len;
}

static size_t quiz_line(const tt_walk_seg *s, qkind kind, unsigned number, tt_lang lang, char *buf,
                        size_t n)
{
    const tt_result *r = s->r;
    char label[256], gap[16];
    blank(gap, sizeof gap, number);
    label_text(s, kind, number, lang, true, label, sizeof label);
    const char *client = r->client_after != r->client_before ? tt_walk_state(r->client_after) : "";
    const char *server = r->server_after != r->server_before ? tt_walk_state(r->server_after) : "";
    if (number != 0 && kind == Q_STATE_CLIENT)
        client = gap;
    if (number != 0 && kind == Q_STATE_SERVER)
        server = gap;
    return tt_ladder_compose(r->index, client, r->dir == TT_DIR_C2S, label, server, buf, n);
}

/* ---- questions and answers -------------------------------------------------------- */

static void sep(tt_sb *b, tt_lang lang)
{
    tt_sb_msg(b, lang, TT_M_W_SENTENCE_SEP);
}

static const char *side(tt_lang lang, bool client)
{
    return tt_msg_text(lang, client ? TT_M_CLIENT : TT_M_SERVER);
}

static bool from_client(const tt_walk_seg *s)
{
    return s->r->dir == TT_DIR_C2S;
}

static size_t ask(const tt_walk_view *v, const question *q, tt_lang lang, char *buf, size_t n)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    unsigned index = s->r->index;
    bool c2s = from_client(s);
    tt_sb b;
    tt_sb_init(&b, buf, n);
    switch (q->kind) {
    case Q_STATE_CLIENT:
    case Q_STATE_SERVER:
        tt_sb_msg(
            &b, lang, TT_M_Q_ASK_STATE, index,
            tt_msg_text(lang, q->kind == Q_STATE_CLIENT ? TT_M_CLIENT_POSS : TT_M_SERVER_POSS));
        break;
    case Q_ACK:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_ACK, index);
        break;
    case Q_NEXT:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_NEXT, index, side(lang, c2s));
        break;
    case Q_WINDOW:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_WINDOW, index, side(lang, c2s), (unsigned)s->h->window,
                  side(lang, !c2s), (unsigned)tt_walk_ack(s));
        break;
    default:
        tt_sb_msg(&b, lang, TT_M_Q_ASK_ROLE, index);
        break;
    }
    return b.len;
}

/* Collects the lines that the header explanation emits about some bytes. */
typedef struct collect {
    tt_sb *b;
    tt_lang lang;
    int offset;
} collect;

static void collect_line(void *ctx, int depth, int offset, int length, const char *text)
{
    collect *c = (collect *)ctx;
    (void)depth;
    (void)length;
    if (offset == c->offset) {
        sep(c->b, c->lang);
        tt_sb_raw(c->b, "%s", text);
    }
}

static const tt_msg event_text[TT_EV_COUNT] = {
#define TT_EVENT(id, token, text) [id] = text,
#include "states.def"
};

/* The edge (or the two) that moved the endpoint, with its section. */
static void state_edge(tt_sb *b, const tt_result *r, bool client, tt_lang lang)
{
    path p;
    if (!find_path(r, client, &p))
        return;
    tt_state before = (tt_state)(client ? r->client_before : r->server_before);
    tt_state after = (tt_state)(client ? r->client_after : r->server_after);
    char edge[512];
    tt_sb e;
    tt_sb_init(&e, edge, sizeof edge);
    if (p.via == TT_ST_COUNT) {
        tt_sb_msg(&e, lang, TT_M_CONV_EDGE, tt_state_name(before),
                  tt_msg_text(lang, event_text[p.first]), tt_state_name(after),
                  tt_edge_section(before, p.first));
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_SENTENCE, edge);
        return;
    }
    sep(b, lang);
    tt_sb_msg(b, lang, TT_M_Q_EDGE2, tt_state_name(before), tt_msg_text(lang, event_text[p.first]),
              tt_state_name(p.via), tt_edge_section(before, p.first),
              tt_msg_text(lang, event_text[p.second]), tt_state_name(after),
              tt_edge_section(p.via, p.second));
    if ((p.first == TT_EV_RCV_ACK_OF_SYN || p.first == TT_EV_RCV_ACK_OF_FIN) &&
        p.second == TT_EV_RCV_FIN) {
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_ACK_FIRST);
    }
}

/* "21 + 0 + 1 (FIN) = 22": how a segment's next sequence number is reached. */
static void next_arith(tt_sb *b, const tt_walk_seg *s, tt_lang lang)
{
    tt_sb_raw(b, "%" PRIu32 " + %" PRIu32, tt_walk_seq(s), s->r->payload_len);
    if (s->h->flags & TT_SYN)
        tt_sb_msg(b, lang, TT_M_Q_PLUS_SYN);
    if (s->h->flags & TT_FIN)
        tt_sb_msg(b, lang, TT_M_Q_PLUS_FIN);
    tt_sb_raw(b, " = %" PRIu32, tt_walk_next_seq(s));
    if (tt_walk_next_seq(s) < tt_walk_seq(s))
        tt_sb_msg(b, lang, TT_M_Q_WRAP);
}

/* The latest segment before `seg`, from the other side than `dir`, whose
 * next sequence number is `next` (retransmissions only when `again`). */
static const tt_walk_seg *ends_at(const tt_walk_view *v, size_t seg, unsigned dir, uint32_t next,
                                  bool again)
{
    for (size_t k = seg; k-- > 0;) {
        const tt_walk_seg *p = &v->segs[k];
        if (p->r->dir == dir || !readable(p) || !consumes(p) || (p->h->flags & TT_RST))
            continue;
        if (((p->r->notes & TT_NOTE_RETRANSMISSION) != 0) != again)
            continue;
        if (tt_walk_next_seq(p) == next)
            return p;
    }
    return NULL;
}

static void why_ack(tt_sb *b, const tt_walk_view *v, const question *q, tt_lang lang)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    uint32_t ack = tt_walk_ack(s);
    /* The peer's segment whose end this number is, the latest one (a first
     * sending rather than its retransmission). */
    const tt_walk_seg *p = NULL;
    for (int pass = 0; pass < 2 && p == NULL; pass++)
        p = ends_at(v, q->seg, s->r->dir, ack, pass == 1);
    if (p != NULL) {
        char arith[128];
        tt_sb a;
        tt_sb_init(&a, arith, sizeof arith);
        next_arith(&a, p, lang);
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_WHY_ACK_FROM, (unsigned)p->r->index, side(lang, from_client(p)),
                  arith);
    }
    collect c = {b, lang, 8};
    tt_emitter e = {collect_line, &c};
    tt_explain_header(s->h, s->r, lang, &e);
}

static void why_next(tt_sb *b, const tt_walk_view *v, const question *q, tt_lang lang)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    char arith[128];
    tt_sb a;
    tt_sb_init(&a, arith, sizeof arith);
    next_arith(&a, s, lang);
    sep(b, lang);
    tt_sb_msg(b, lang, TT_M_Q_WHY_NEXT, arith);
    sep(b, lang);
    tt_sb_msg(b, lang, TT_M_Q_SND_NXT, side(lang, from_client(s)));
    uint32_t next = tt_walk_next_seq(s);
    /* The peer's first acknowledgment of exactly this number, if any. */
    for (size_t k = q->seg + 1; k < v->n; k++) {
        const tt_walk_seg *p = &v->segs[k];
        if (p->r->dir == s->r->dir || !readable(p) || !(p->h->flags & TT_ACK) ||
            (p->h->flags & TT_RST))
            continue;
        if (tt_walk_ack(p) == next) {
            sep(b, lang);
            tt_sb_msg(b, lang, TT_M_Q_CONFIRMED, (unsigned)p->r->index, side(lang, from_client(p)),
                      (unsigned)next);
            break;
        }
    }
}

static void why_window(tt_sb *b, const tt_walk_view *v, const question *q, tt_lang lang)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    bool c2s = from_client(s);
    /* The sender's SYN, whose option gave the shift. */
    for (size_t k = 0; k < q->seg; k++) {
        const tt_walk_seg *p = &v->segs[k];
        if (p->r->dir != s->r->dir || !readable(p) || !(p->h->flags & TT_SYN))
            continue;
        int ws = syn_wscale(p->h);
        if (ws >= 0 && (ws > 14 ? 14 : ws) == s->r->wscale) {
            sep(b, lang);
            tt_sb_msg(b, lang, TT_M_Q_WHY_WS_FROM,
                      tt_msg_text(lang, c2s ? TT_M_CLIENT_WORD : TT_M_SERVER_WORD),
                      (unsigned)p->r->index, (unsigned)ws);
            break;
        }
    }
    collect c = {b, lang, 14};
    tt_emitter e = {collect_line, &c};
    tt_explain_header(s->h, s->r, lang, &e);
    uint64_t bytes;
    tt_walk_window_bytes(s, &bytes);
    if (bytes > 0) {
        uint32_t ack = tt_walk_ack(s);
        sep(b, lang);
        tt_sb_msg(b, lang, TT_M_Q_WHY_WINDOW, side(lang, !c2s), (unsigned)ack,
                  (unsigned)(uint32_t)(ack + bytes - 1));
    }
}

/* The answer and why, as one paragraph. */
static size_t answer(const tt_walk_view *v, const question *q, tt_lang lang, char *buf, size_t n)
{
    const tt_walk_seg *s = &v->segs[q->seg];
    const tt_result *r = s->r;
    tt_sb b;
    tt_sb_init(&b, buf, n);
    char value[160], label[128];
    tt_walk_role_label(r, lang, label, sizeof label);
    switch (q->kind) {
    case Q_STATE_CLIENT:
    case Q_STATE_SERVER: {
        bool client = q->kind == Q_STATE_CLIENT;
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS,
                  tt_walk_state(client ? r->client_after : r->server_after));
        sep(&b, lang);
        tt_sb_msg(&b, lang, TT_M_Q_WHY_STATE, (unsigned)r->index, label, side(lang, client),
                  tt_walk_state(client ? r->client_before : r->server_before));
        state_edge(&b, r, client, lang);
        break;
    }
    case Q_ACK:
        snprintf(value, sizeof value, "%" PRIu32, tt_walk_ack(s));
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, value);
        why_ack(&b, v, q, lang);
        break;
    case Q_NEXT:
        snprintf(value, sizeof value, "%" PRIu32, tt_walk_next_seq(s));
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, value);
        why_next(&b, v, q, lang);
        break;
    case Q_WINDOW: {
        uint64_t bytes;
        char num[32];
        tt_walk_window_bytes(s, &bytes);
        snprintf(num, sizeof num, "%" PRIu64, bytes);
        tt_sb v2;
        tt_sb_init(&v2, value, sizeof value);
        tt_sb_msg(&v2, lang, TT_M_Q_BYTES, num);
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, value);
        why_window(&b, v, q, lang);
        break;
    }
    default: {
        char summary[TT_SUMMARY_MAX];
        tt_explain_summary(r, s->h, lang, summary, sizeof summary);
        tt_sb_msg(&b, lang, TT_M_Q_ANSWER_IS, label);
        sep(&b, lang);
        tt_sb_raw(&b, "%s", summary);
        break;
    }
    }
    return b.len;
}

/* ---- the two documents -------------------------------------------------------------- */

#define TEXT_MAX (TT_SUMMARY_MAX + 4096)

static void write_ladder(const tt_out *o, const tt_walk_view *v, const quiz *z, tt_lang lang,
                         bool html)
{
    char line[1024];
    tt_ladder_top_rfc(v->w, v->client, v->server, lang, line, sizeof line);
    html ? tt_out_html(o, line) : tt_out_str(o, line);
    tt_out_str(o, "\n");
    for (size_t i = 0; i < v->n; i++) {
        qkind kind = Q_ROLE;
        unsigned number = question_of(z, i, &kind);
        quiz_line(&v->segs[i], kind, number, lang, line, sizeof line);
        html ? tt_out_html(o, line) : tt_out_str(o, line);
        tt_out_str(o, "\n");
    }
}

/* The notation paragraph: only what this worksheet's ladder uses. */
static void notation(const tt_walk_view *v, const quiz *z, tt_lang lang, char *buf, size_t n)
{
    bool next = false, win = false, wscale = false, role = false, syn_data = false;
    for (unsigned i = 0; i < z->n; i++) {
        next = next || z->q[i].kind == Q_NEXT;
        win = win || z->q[i].kind == Q_WINDOW;
        role = role || z->q[i].kind == Q_ROLE;
    }
    for (size_t i = 0; i < v->n && !wscale; i++)
        wscale = syn_wscale(v->segs[i].h) >= 0;
    for (size_t i = 0; i < v->n && !syn_data; i++)
        syn_data = (v->segs[i].h->flags & TT_SYN) && v->segs[i].r->payload_len > 0;
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_msg(&b, lang, TT_M_Q_NOTATION);
    const struct {
        bool used;
        tt_msg text;
    } parts[] = {{syn_data, TT_M_Q_NOTE_SYN_DATA},
                 {next, TT_M_Q_NOTE_NEXT},
                 {wscale, TT_M_Q_NOTE_WSCALE},
                 {win, TT_M_Q_NOTE_WIN},
                 {role, TT_M_Q_NOTE_ROLE}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i].used) {
            tt_sb_msg(&b, lang, TT_M_N_SEP);
            tt_sb_msg(&b, lang, parts[i].text);
        }
    }
    tt_sb_msg(&b, lang, TT_M_Q_NOTE_END);
}

static void heading_text(const tt_walk_view *v, tt_lang lang, char *title, char *who, size_t n)
{
    snprintf(title, n, tt_msg_text(lang, TT_M_Q_TITLE), (unsigned)v->w->stream);
    tt_walk_who(v->w, v->client, v->server, lang, who, n);
}

static void seed_text(uint32_t seed, tt_lang lang, char *buf, size_t n)
{
    tt_sb b;
    tt_sb_init(&b, buf, n);
    tt_sb_msg(&b, lang, TT_M_Q_SEED, (unsigned)seed);
    sep(&b, lang);
    tt_sb_msg(&b, lang, TT_M_Q_STATES_NOTE);
}

void tt_quiz_markdown(const tt_out *o, const tt_walk_view *v, tt_lang lang, uint32_t seed)
{
    quiz z;
    choose(v, seed, &z);
    char text[TEXT_MAX];
    char title[256], who[512];
    heading_text(v, lang, title, who, sizeof who);
    tt_out_printf(o, "## %s\n\n%s\n\n", title, who);
    if (z.n == 0) {
        tt_out_printf(o, "%s\n\n", tt_msg_text(lang, TT_M_Q_NONE));
        return;
    }
    notation(v, &z, lang, text, sizeof text);
    tt_out_printf(o, "%s\n\n%s\n\n%s\n\n```text\n", tt_walk_seq_mode(v->w, lang),
                  tt_msg_text(lang, TT_M_Q_INTRO), text);
    write_ladder(o, v, &z, lang, false);
    tt_out_printf(o, "```\n\n### %s\n\n", tt_msg_text(lang, TT_M_Q_QUESTIONS));
    for (unsigned i = 0; i < z.n; i++) {
        ask(v, &z.q[i], lang, text, sizeof text);
        tt_out_printf(o, "**Q%u.** %s\n\n", i + 1, text);
    }
    seed_text(seed, lang, text, sizeof text);
    /* A break: the worksheet can be printed without its answers. */
    tt_out_printf(o, "---\n\n### %s\n\n%s\n\n", tt_msg_text(lang, TT_M_Q_KEY), text);
    for (unsigned i = 0; i < z.n; i++) {
        answer(v, &z.q[i], lang, text, sizeof text);
        tt_out_printf(o, "**Q%u.** %s\n\n", i + 1, text);
    }
}

static void html_p(const tt_out *o, const char *cls, const char *text)
{
    tt_out_printf(o, "<p class=\"%s\">", cls);
    tt_out_html(o, text);
    tt_out_str(o, "</p>\n");
}

void tt_quiz_html(const tt_out *o, const tt_walk_view *v, tt_lang lang, uint32_t seed)
{
    quiz z;
    choose(v, seed, &z);
    char text[TEXT_MAX];
    char title[256], who[512];
    heading_text(v, lang, title, who, sizeof who);
    tt_out_str(o, "<section class=\"quiz\">\n<h3>");
    tt_out_html(o, title);
    tt_out_str(o, "</h3>\n");
    html_p(o, "quiz-who", who);
    if (z.n == 0) {
        html_p(o, "quiz-none", tt_msg_text(lang, TT_M_Q_NONE));
        tt_out_str(o, "</section>\n");
        return;
    }
    html_p(o, "quiz-numbers", tt_walk_seq_mode(v->w, lang));
    html_p(o, "quiz-intro", tt_msg_text(lang, TT_M_Q_INTRO));
    notation(v, &z, lang, text, sizeof text);
    html_p(o, "quiz-notation", text);
    tt_out_str(o, "<pre class=\"quiz-ladder\">");
    write_ladder(o, v, &z, lang, true);
    tt_out_str(o, "</pre>\n<h4>");
    tt_out_html(o, tt_msg_text(lang, TT_M_Q_QUESTIONS));
    tt_out_str(o, "</h4>\n<ol class=\"quiz-questions\" style=\"list-style-type: none\">\n");
    for (unsigned i = 0; i < z.n; i++) {
        ask(v, &z.q[i], lang, text, sizeof text);
        tt_out_printf(o, "<li><strong>Q%u.</strong> ", i + 1);
        tt_out_html(o, text);
        tt_out_str(o, "\n<details><summary>");
        tt_out_html(o, tt_msg_text(lang, TT_M_Q_ANSWER));
        tt_out_str(o, "</summary><p>");
        answer(v, &z.q[i], lang, text, sizeof text);
        tt_out_html(o, text);
        tt_out_str(o, "</p></details></li>\n");
    }
    tt_out_str(o, "</ol>\n");
    seed_text(seed, lang, text, sizeof text);
    html_p(o, "quiz-seed", text);
    tt_out_str(o, "</section>\n");
}
