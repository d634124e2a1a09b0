/* tcpteach core: the language-neutral tokens of the public field API. */
#include "conversation.h"

static const char *const role_tokens[TT_ROLE_COUNT] = {
    [TT_ROLE_NONE] = "",
    [TT_ROLE_HANDSHAKE_1] = "handshake-1",
    [TT_ROLE_HANDSHAKE_2] = "handshake-2",
    [TT_ROLE_HANDSHAKE_3] = "handshake-3",
    [TT_ROLE_SIMULTANEOUS_OPEN] = "simultaneous-open",
    [TT_ROLE_DATA] = "data",
    [TT_ROLE_DATA_PIGGYBACK] = "data-piggyback",
    [TT_ROLE_ACK] = "ack",
    [TT_ROLE_DUP_ACK] = "dup-ack",
    [TT_ROLE_WINDOW_UPDATE] = "window-update",
    [TT_ROLE_KEEPALIVE] = "keepalive",
    [TT_ROLE_KEEPALIVE_ACK] = "keepalive-ack",
    [TT_ROLE_ZERO_WINDOW_PROBE] = "zero-window-probe",
    [TT_ROLE_ZERO_WINDOW_PROBE_ACK] = "zero-window-probe-ack",
    [TT_ROLE_TEARDOWN_1] = "teardown-1",
    [TT_ROLE_TEARDOWN_2] = "teardown-2",
    [TT_ROLE_TEARDOWN_3] = "teardown-3",
    [TT_ROLE_TEARDOWN_2_3] = "teardown-2+3",
    [TT_ROLE_TEARDOWN_4] = "teardown-4",
    [TT_ROLE_SIMULTANEOUS_CLOSE] = "simultaneous-close",
    [TT_ROLE_REFUSED] = "refused",
    [TT_ROLE_RESET] = "reset",
    [TT_ROLE_ICMP_QUOTED] = "icmp-quoted",
    [TT_ROLE_MALFORMED] = "malformed",
};

static const char *const state_names[TT_ST_COUNT] = {
    [TT_ST_CLOSED] = "CLOSED",           [TT_ST_LISTEN] = "LISTEN",
    [TT_ST_SYN_SENT] = "SYN-SENT",       [TT_ST_SYN_RECEIVED] = "SYN-RECEIVED",
    [TT_ST_ESTABLISHED] = "ESTABLISHED", [TT_ST_FIN_WAIT_1] = "FIN-WAIT-1",
    [TT_ST_FIN_WAIT_2] = "FIN-WAIT-2",   [TT_ST_CLOSE_WAIT] = "CLOSE-WAIT",
    [TT_ST_CLOSING] = "CLOSING",         [TT_ST_LAST_ACK] = "LAST-ACK",
    [TT_ST_TIME_WAIT] = "TIME-WAIT",
};

const char *tt_role_token(tt_role r)
{
    return (unsigned)r < TT_ROLE_COUNT ? role_tokens[r] : "";
}

const char *tt_state_name(tt_state s)
{
    return (unsigned)s < TT_ST_COUNT ? state_names[s] : "";
}

const char *tt_dir_token(tt_dir d)
{
    return d == TT_DIR_C2S ? "client-to-server" : "server-to-client";
}
