/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: registration of the protocol, its fields, subtrees and
 * expert infos (its preferences: prefs.c), and the plugin entry points. */
#include "config_glue.h"

#include <epan/packet.h>
#include <epan/expert.h>

#include "compat.h"
#include "glue.h"
#include "menu.h"

tt_hf tt_hf_ids = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                   -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
tt_ett tt_ett_ids = {-1, -1, -1, -1, -1, -1};
expert_field tt_ei_malformed = EI_INIT;
expert_field tt_ei_guessed = EI_INIT;

static dissector_handle_t tt_handle;

/* Students should see the teaching tree without hunting for it: the
 * subtree starts expanded (the GUI keeps expansion state per subtree id,
 * which exists only once every dissector has registered). */
static void expand_by_default(void)
{
    tree_expanded_set(tt_ett_ids.top, TRUE);
}

static void register_fields(void)
{
    static hf_register_info hf[] = {
        {&tt_hf_ids.role,
         {"Role", "tcpteach.role", FT_STRING, BASE_NONE, NULL, 0x0,
          "The segment's role in the conversation (a stable token, e.g. handshake-1)", HFILL}},
        {&tt_hf_ids.label,
         {"Role in words", "tcpteach.label", FT_STRING, BASE_NONE, NULL, 0x0,
          "The segment's role in the selected language, as in the Info column (e.g. Handshake "
          "1/3); for columns. Filters use tcpteach.role, whose tokens never change",
          HFILL}},
        {&tt_hf_ids.phase_label,
         {"Phase in words", "tcpteach.phase_label", FT_STRING, BASE_NONE, NULL, 0x0,
          "The phase of the segment's role in the selected language (e.g. Connection "
          "establishment); for columns. Filters use tcpteach.phase",
          HFILL}},
        {&tt_hf_ids.direction_label,
         {"Direction in words", "tcpteach.direction_label", FT_STRING, BASE_NONE, NULL, 0x0,
          "Who sent the segment to whom, in the selected language (e.g. client -> server); for "
          "columns. Filters use tcpteach.direction",
          HFILL}},
        {&tt_hf_ids.client_state_label,
         {"Client state in words", "tcpteach.client_state_label", FT_STRING, BASE_NONE, NULL, 0x0,
          "The client's RFC 9293 state after this segment in the selected language (the RFC's "
          "name in English); for columns. Filters use tcpteach.client_state",
          HFILL}},
        {&tt_hf_ids.server_state_label,
         {"Server state in words", "tcpteach.server_state_label", FT_STRING, BASE_NONE, NULL, 0x0,
          "The server's RFC 9293 state after this segment in the selected language (the RFC's "
          "name in English); for columns. Filters use tcpteach.server_state",
          HFILL}},
        {&tt_hf_ids.phase,
         {"Phase", "tcpteach.phase", FT_STRING, BASE_NONE, NULL, 0x0,
          "The group of the segment's role: handshake, data, ack, flow-control, teardown, "
          "reset, problem or other",
          HFILL}},
        {&tt_hf_ids.step,
         {"Step", "tcpteach.step", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Handshake step 1..3 or teardown step 1..4 (teardown-2+3 carries 2 and 3)", HFILL}},
        {&tt_hf_ids.chunk,
         {"Data chunk", "tcpteach.chunk", FT_UINT32, BASE_DEC, NULL, 0x0,
          "1-based number of the data chunk in its direction (a retransmission repeats it)",
          HFILL}},
        {&tt_hf_ids.acked_chunk,
         {"Acknowledged chunk", "tcpteach.acked_chunk", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Highest chunk of the peer's direction that this ACK newly completes", HFILL}},
        {&tt_hf_ids.client_state,
         {"Client state", "tcpteach.client_state", FT_STRING, BASE_NONE, NULL, 0x0,
          "The client's RFC 9293 state after this segment", HFILL}},
        {&tt_hf_ids.server_state,
         {"Server state", "tcpteach.server_state", FT_STRING, BASE_NONE, NULL, 0x0,
          "The server's RFC 9293 state after this segment", HFILL}},
        {&tt_hf_ids.direction,
         {"Direction", "tcpteach.direction", FT_STRING, BASE_NONE, NULL, 0x0,
          "client-to-server or server-to-client", HFILL}},
        {&tt_hf_ids.direction_guessed,
         {"Direction guessed", "tcpteach.direction_guessed", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "No SYN was captured: which end is the client is a guess", HFILL}},
        {&tt_hf_ids.retransmission,
         {"Retransmission", "tcpteach.retransmission", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "The segment repeats bytes (or a SYN/FIN) already sent", HFILL}},
        {&tt_hf_ids.capture_duplicate,
         {"Capture duplicate", "tcpteach.capture_duplicate", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "The capture holds the previous packet twice: a copy, not a retransmission", HFILL}},
        {&tt_hf_ids.resend_cause,
         {"Resend cause", "tcpteach.resend_cause", FT_STRING, BASE_NONE, NULL, 0x0,
          "Why a retransmission was sent: fast-retransmit, sack-recovery, tail-loss-probe, "
          "timeout, after-timeout, partial-ack, spurious, syn-data, syn-again or too-soon",
          HFILL}},
        {&tt_hf_ids.congestion,
         {"Congestion control phase", "tcpteach.congestion", FT_STRING, BASE_NONE, NULL, 0x0,
          "The congestion-control phase of a sender's data segment, as seen at the capture "
          "point: slow-start, congestion-avoidance, fast-recovery, rto-recovery, "
          "receiver-limited, sender-limited or unknown (inferred from the bytes in flight per "
          "round trip, the losses and the receiver's window)",
          HFILL}},
        {&tt_hf_ids.half_close,
         {"Half-close", "tcpteach.half_close", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "Data sent after the peer's FIN: this direction is still open", HFILL}},
        {&tt_hf_ids.segment,
         {"Segment of the stream", "tcpteach.segment", FT_UINT32, BASE_DEC, NULL, 0x0,
          "1-based number of this segment within its TCP stream", HFILL}},
        {&tt_hf_ids.summary,
         {"Summary", "tcpteach.summary", FT_STRING, BASE_NONE, NULL, 0x0,
          "One sentence: the role and what the segment does", HFILL}},
        {&tt_hf_ids.text,
         {"Explanation", "tcpteach.text", FT_STRING, BASE_NONE, NULL, 0x0,
          "The whole teaching tree of the segment as one text, line after line separated by "
          "\" | \" (a hidden field, for filters such as tcpteach.text contains \"window\")",
          HFILL}},
        {&tt_hf_ids.line,
         {"Line", "tcpteach.line", FT_NONE, BASE_NONE, NULL, 0x0,
          "A line of the teaching tree (its text is the label; tcpteach.text holds them all)",
          HFILL}},
        {&tt_hf_ids.continued,
         {"Continued", "tcpteach.continued", FT_NONE, BASE_NONE, NULL, 0x0,
          "The rest of a long line of the teaching tree", HFILL}},
    };
    static gint *ett[] = {&tt_ett_ids.top,    &tt_ett_ids.conversation,
                          &tt_ett_ids.header, &tt_ett_ids.reliability,
                          &tt_ett_ids.line,   &tt_ett_ids.congestion};
    static ei_register_info ei[] = {
        {&tt_ei_malformed,
         {"tcpteach.malformed_header", PI_PROTOCOL, PI_NOTE,
          "This TCP header cannot be a valid segment of a connection", EXPFILL}},
        {&tt_ei_guessed,
         {"tcpteach.guessed", PI_SEQUENCE, PI_CHAT,
          "No SYN captured for this stream: client and server are guessed", EXPFILL}},
    };
    proto_register_field_array(tt_hf_ids.proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *em = expert_register_protocol(tt_hf_ids.proto);
    expert_register_field_array(em, ei, array_length(ei));
}

static void proto_register_tcpteach(void)
{
    tt_hf_ids.proto =
        proto_register_protocol("TCP Teaching Annotations", "TCP Teaching", "tcpteach");
    register_fields();
    tt_prefs_register(tt_hf_ids.proto);
    tt_handle = register_dissector("tcpteach", tt_dissect, tt_hf_ids.proto);
    register_postdissector(tt_handle);
    register_init_routine(expand_by_default);
    tt_walkthrough_register();
    tt_gui_register();
    tt_menu_register();
}

static void proto_reg_handoff_tcpteach(void)
{
    tt_dissect_handoff(tt_handle);
}

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = TCPTEACH_VERSION;
/* The series this binary loads into, readable without loading it
 * (tools/check-install.sh looks for it in the file). */
WS_DLL_PUBLIC_DEF const gchar tcpteach_wireshark_series[] =
    "tcpteach built for Wireshark " TCPTEACH_WS_SERIES;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
TT_PLUGIN_DESCRIBE

void plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = proto_register_tcpteach;
    plug.register_handoff = proto_reg_handoff_tcpteach;
    proto_register_plugin(&plug);
}
