/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: plain-language explanations of a segment, in English or
 * Simplified Chinese. Pure C11: no Wireshark, no GLib.
 *
 * The explanation functions do not build any tree themselves: they call an
 * emitter once per line, with a depth and the byte range (relative to the
 * start of the TCP header) that the line explains. The Wireshark glue turns
 * those calls into tree items; the tests turn them into text.
 */
#ifndef TCPTEACH_EXPLAIN_H
#define TCPTEACH_EXPLAIN_H

#include <stddef.h>

#include "conversation.h"
#include "header.h"
#include "lang.h"

/* Room enough for any summary (tcpteach.summary), and for any walkthrough
 * paragraph, whatever the result holds: callers size their buffers so. */
#define TT_SUMMARY_MAX 4096
#define TT_PARAGRAPH_MAX 6144

typedef struct tt_emitter {
    /* depth 0 is a direct child of the section item, depth 1 a child of the
     * last depth-0 line, and so on. offset/length: the bytes explained,
     * relative to the TCP header start; offset < 0 means "no bytes"
     * (a generated line). text is UTF-8 and only valid during the call. */
    void (*line)(void *ctx, int depth, int offset, int length, const char *text);
    void *ctx;
} tt_emitter;

/* A segment's sequence and acknowledgment numbers as shown in labels,
 * summaries and the classroom outputs: relative to each side's ISN (the
 * default, as in Wireshark) or as on the wire when h->absolute (the glue
 * follows Wireshark's tcp.relative_sequence_numbers preference; the header
 * tree always shows both). */
uint32_t tt_shown_seq(const tt_result *r, const tt_header *h);
uint32_t tt_shown_ack(const tt_result *r, const tt_header *h);

/* Short label for the Info column, e.g. "[Handshake 1/3]", "[Data #2]",
 * "[Piggybacked ACK]", "[Teardown 2+3/4]". Returns strlen of the result. */
size_t tt_explain_label(const tt_result *r, tt_lang lang, char *buf, size_t n);

/* The role in words, as in the label but without brackets (e.g.
 * "Handshake 1/3", "三次握手第 1 步"), for tcpteach.label and for the
 * Chinese tree. Returns strlen of the result. */
size_t tt_explain_role_text(const tt_result *r, tt_lang lang, char *buf, size_t n);

/* A phase (tcpteach.phase) in words, e.g. "连接建立". */
const char *tt_explain_phase(tt_lang lang, unsigned phase);

/* A state as the reader's language names it: the RFC's name in English
 * ("SYN-SENT"), the RFC's with the textbook's beside it in Chinese
 * ("SYN-SENT（同步已发送）"). */
const char *tt_explain_state(tt_lang lang, unsigned st);

/* An ICMP error that quotes a header (icmp-quoted with its type and code
 * known), as RFC 1122 section 4.2.3.9 sorts them. */
typedef enum {
    TT_ICMP_UNKNOWN = 0, /* not read */
    TT_ICMP_HARD,        /* port or protocol unreachable: TCP may abort */
    TT_ICMP_SOFT,        /* other unreachables, time exceeded, parameter problem */
    TT_ICMP_PMTU,        /* fragmentation needed / packet too big: path MTU discovery */
    TT_ICMP_OTHER        /* source quench, redirect, anything else */
} tt_icmp_kind;
tt_icmp_kind tt_icmp_kind_of(const tt_result *r);
/* Its name in words, e.g. "destination unreachable, port unreachable". */
const char *tt_icmp_name(const tt_result *r, tt_lang lang);

/* One sentence: the role and what the segment does in the conversation
 * (tcpteach.summary). */
size_t tt_explain_summary(const tt_result *r, const tt_header *h, tt_lang lang, char *buf,
                          size_t n);

/* "Conversation" section: stream, who is client and server (the glue
 * formats the endpoints, e.g. "127.0.0.1:38001"), segment N of the stream,
 * both endpoints' states before -> after, and the guess when no SYN was seen. */
void tt_explain_conversation(const tt_result *r, const char *client, const char *server,
                             tt_lang lang, const tt_emitter *e);

/* "Header explained" section: one line per header field with sub-lines for
 * flag bits and options; each points at the bytes it explains. */
void tt_explain_header(const tt_header *h, const tt_result *r, tt_lang lang, const tt_emitter *e);
/* The same for one field only: the acknowledgment number (offset 8) or the
 * window (offset 14); nothing for another offset. */
void tt_explain_header_field(const tt_header *h, const tt_result *r, tt_lang lang, int offset,
                             const tt_emitter *e);

/* "Reliability notes" section: which of TCP's guarantees this segment shows,
 * and Wireshark's analysis findings in plain words. */
void tt_explain_reliability(const tt_header *h, const tt_result *r, tt_lang lang,
                            const tt_emitter *e);

/* Why a retransmission was sent, as the value of tcpteach.resend_cause
 * ("fast-retransmit", "sack-recovery", "tail-loss-probe", "timeout",
 * "after-timeout", "partial-ack", "spurious", "syn-data", "syn-again",
 * "too-soon"); NULL when the segment is not a retransmission. */
const char *tt_resend_cause_token(const tt_result *r);
/* The same in words ("fast retransmit", "快重传"). */
const char *tt_explain_resend_cause(const tt_result *r, tt_lang lang);

/* The same, with the details of a retransmission (NULL: none kept): how
 * long after the first sending, which duplicate ACKs asked for it. */
void tt_explain_reliability_detail(const tt_header *h, const tt_result *r, const tt_detail *d,
                                   tt_lang lang, const tt_emitter *e);

/* The message for a malformed header, e.g. "malformed: data offset 3 < 5". */
size_t tt_explain_problem(const tt_header *h, tt_lang lang, char *buf, size_t n);

#endif
