# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks that tcpteach agrees with Wireshark's own TCP analysis wherever
both speak: reads `tshark -T fields` output with the columns
frame.number, tcpteach.role, tcpteach.retransmission and Wireshark's
tcp.analysis flags, and reports every frame where they disagree (except
on a copy of a packet that the capture holds twice, which Wireshark takes
for a retransmission or a duplicate ACK, on a resend that Wireshark
calls out-of-order, and on a duplicate ACK with SACK blocks whose window
moved, which Wireshark calls a window update).

Used by check.py: check(HEAD, ROWS).
"""

# Wireshark's finding -> the role tcpteach must give.
ROLE_OF = {
    "tcp.analysis.duplicate_ack": "dup-ack",
    "tcp.analysis.window_update": "window-update",
    "tcp.analysis.keep_alive": "keepalive",
    "tcp.analysis.keep_alive_ack": "keepalive-ack",
    "tcp.analysis.zero_window_probe": "zero-window-probe",
    "tcp.analysis.zero_window_probe_ack": "zero-window-probe-ack",
}
RETRANSMISSION = ("tcp.analysis.retransmission", "tcp.analysis.fast_retransmission",
                  "tcp.analysis.spurious_retransmission")
# tcpteach recognises zero-window probes itself (the peer's last window was 0),
# whatever Wireshark calls them: Wireshark calls Linux's empty probe a
# keep-alive, and the answer to it a keep-alive ACK (or a duplicate ACK or a
# window update when the window opens). These findings stand for the role too.
ALSO_MEANS = {
    "zero-window-probe": ("tcp.analysis.keep_alive",),
    "zero-window-probe-ack": ("tcp.analysis.keep_alive_ack", "tcp.analysis.duplicate_ack",
                              "tcp.analysis.window_update"),
}
# Roles that come from a segment's flags and take precedence over these findings.
STRUCTURAL = ("handshake", "teardown", "simultaneous", "refused", "reset", "malformed",
              "icmp-quoted")


def check(head, rows):
    """(number of checks, [disagreements]) for -T fields rows with these columns."""
    col = {name: i for i, name in enumerate(head)}
    bad = []
    checked = 0
    for r in rows:
        role = r[col["tcpteach.role"]]
        if not role or role.startswith(STRUCTURAL):
            continue
        frame = r[col["frame.number"]]
        # A packet the capture holds twice: Wireshark, comparing sequence
        # numbers only, calls the copy a retransmission or a duplicate ACK;
        # tcpteach recognises the copy (same bytes and IP ID, within 1 ms).
        if "tcpteach.capture_duplicate" in col and r[col["tcpteach.capture_duplicate"]]:
            checked += 1
            continue
        own = ALSO_MEANS.get(role, ())
        # An ACK that reports new data in a SACK block counts as a duplicate ACK
        # (RFC 6675 section 2) even when its window moved, which makes it a window
        # update for Wireshark (RFC 5681's definition wants the same window).
        sack_dup_ack = (role == "dup-ack" and "tcp.options.sack_le" in col and
                        r[col["tcp.options.sack_le"]] and r[col["tcp.analysis.window_update"]])
        for field, want in ROLE_OF.items():
            if sack_dup_ack and field in ("tcp.analysis.duplicate_ack",
                                          "tcp.analysis.window_update"):
                checked += 1
                continue
            if r[col[field]] and field in own:
                checked += 1
                continue
            if not r[col[field]] and role == want and role in ALSO_MEANS:
                checked += 1
                continue
            if r[col[field]] and role != want:
                bad.append(f"frame {frame}: Wireshark says {field}, tcpteach says {role}")
            elif not r[col[field]] and role == want:
                bad.append(f"frame {frame}: tcpteach says {role}, Wireshark does not say {field}")
            checked += 1
        retrans = any(r[col[f]] for f in RETRANSMISSION)
        # Wireshark calls a segment below the next expected number "out-of-order"
        # instead of a retransmission when it follows the previous segment within
        # 3 ms: in SACK recovery the second and later holes are resent that fast
        # (loss-sack-recovery.pcapng), and their bytes were sent before.
        out_of_order = "tcp.analysis.out_of_order" in col and r[col["tcp.analysis.out_of_order"]]
        if out_of_order and not retrans:
            retrans = r[col["tcpteach.retransmission"]] == "1"
        if retrans != (r[col["tcpteach.retransmission"]] == "1") and role != "keepalive":
            bad.append(f"frame {frame}: retransmission: Wireshark {retrans}, tcpteach "
                       f"{r[col['tcpteach.retransmission']]}")
        checked += 1
    return checked, bad

