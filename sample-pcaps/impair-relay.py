#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""An impairing relay between two TUN devices, for the loss and recovery sample captures.

    impair-relay.py CLIENT_TUN SERVER_TUN READY_FILE [RULE...]

Creates the two TUN devices (IFF_TUN | IFF_NO_PI: each read or write is one IPv4 packet) in
the network namespace it runs in, touches READY_FILE, and then copies every packet from one
device to the other: what the client sends (c2s) goes to the server's device, and back (s2c).
make-loss-captures.sh moves each device into its own namespace after READY_FILE appears (a
device keeps its file descriptor when it moves), so the relay is the only path between the
client's and the server's namespaces and decides, packet by packet, what happens to it.

Every packet goes through a 10 Mbit/s link (a 1500-byte packet takes 1.2 ms) and a fixed
one-way delay (default 10 ms each way, so a round trip is about 21 ms), like a small real path.
The rules change that for chosen packets. Sequence numbers in rules are relative, as Wireshark
shows them: the relay learns each direction's initial sequence number from its SYN, and a rule
on byte N picks the FIRST copy of the c2s segment that carries byte N (1 is the first data
byte); later copies (retransmissions) pass.

    delay=MS          one-way delay of every packet, both directions (default 10)
    rate=MBIT         link rate (default 10)
    drop=N            drop the first copy of the c2s data segment carrying byte N
    hold=N:MS         delay the first copy of the c2s data segment carrying byte N by MS more
    blackhole=N:SEC   from the first c2s segment carrying byte N, drop every c2s packet for SEC s
    drop-syn=K        drop the first K c2s SYNs
    drop-ka-ack=K     drop the server's answer to the K-th c2s keep-alive (a segment without
                      data whose sequence number is one below the next one)

Each decision other than "forward" is printed on standard output, with the time since the
relay started, so that the script's log says what the relay did.
"""

import fcntl
import heapq
import os
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def parse(pkt):
    """Returns (flags, seq, payload length) of an IPv4 TCP packet, or None."""
    if len(pkt) < 20 or pkt[0] >> 4 != 4 or pkt[9] != 6:
        return None
    ihl = (pkt[0] & 0x0F) * 4
    total = struct.unpack_from("!H", pkt, 2)[0]
    if len(pkt) < ihl + 20:
        return None
    seq = struct.unpack_from("!I", pkt, ihl + 4)[0]
    doff = (pkt[ihl + 12] >> 4) * 4
    flags = pkt[ihl + 13]
    return flags, seq, total - ihl - doff


class Rules:
    def __init__(self, args):
        self.delay = 0.010
        self.rate = 10e6
        self.drops = []  # byte numbers, each used once
        self.holds = []  # (byte, seconds)
        self.blackhole = None  # (byte, seconds)
        self.blackhole_until = None
        self.drop_syn = 0
        self.drop_ka_ack = 0
        self.keepalives = 0
        self.drop_next_s2c = False
        self.next_seq = None  # the c2s sequence number after the highest byte sent
        self.isn = {}
        for arg in args:
            key, _, value = arg.partition("=")
            if key == "delay":
                self.delay = float(value) / 1000
            elif key == "rate":
                self.rate = float(value) * 1e6
            elif key == "drop":
                self.drops.append(int(value))
            elif key == "hold":
                byte, ms = value.split(":")
                self.holds.append((int(byte), float(ms) / 1000))
            elif key == "blackhole":
                byte, sec = value.split(":")
                self.blackhole = (int(byte), float(sec))
            elif key == "drop-syn":
                self.drop_syn = int(value)
            elif key == "drop-ka-ack":
                self.drop_ka_ack = int(value)
            else:
                sys.exit(f"impair-relay: unknown rule {arg!r}")

    def decide(self, direction, pkt, now):
        """Returns None (drop) or the extra delay in seconds for this packet."""
        parsed = parse(pkt)
        if parsed is None:
            return 0.0
        flags, seq, length = parsed
        syn = flags & 0x02
        if syn:
            self.isn[direction] = seq
        if direction != "c2s":
            if self.drop_next_s2c:
                self.drop_next_s2c = False
                return None
            return 0.0
        end = (seq + length + (1 if syn or flags & 0x01 else 0)) % 2**32
        if self.next_seq is None or 0 < (end - self.next_seq) % 2**32 < 2**31:
            self.next_seq = end
        elif length == 0 and flags == 0x10 and (seq + 1) % 2**32 == self.next_seq:
            self.keepalives += 1
            self.drop_next_s2c = self.keepalives == self.drop_ka_ack
        if syn and not flags & 0x10 and self.drop_syn > 0:
            self.drop_syn -= 1
            return None
        if self.blackhole_until is not None:
            if now < self.blackhole_until:
                return None
            self.blackhole_until = None
        if length <= 0 or direction not in self.isn:
            return 0.0
        first = (seq - self.isn[direction] - 1) % 2**32 + 1  # relative number of the first byte

        def carries(byte):
            return first <= byte < first + length

        if self.blackhole is not None and carries(self.blackhole[0]):
            self.blackhole_until = now + self.blackhole[1]
            self.blackhole = None
            return None
        for byte in self.drops:
            if carries(byte):
                self.drops.remove(byte)
                return None
        for hold in self.holds:
            if carries(hold[0]):
                self.holds.remove(hold)
                return hold[1]
        return 0.0


def describe(pkt, rules, direction):
    parsed = parse(pkt)
    if parsed is None:
        return "non-TCP packet"
    flags, seq, length = parsed
    isn = rules.isn.get(direction)
    rel = (seq - isn) % 2**32 if isn is not None else seq
    names = "".join(n for bit, n in ((2, "S"), (1, "F"), (4, "R"), (16, ".")) if flags & bit)
    return f"{direction} [{names}] seq {rel} len {length}"


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    client_name, server_name, ready = sys.argv[1:4]
    rules = Rules(sys.argv[4:])
    client = open_tun(client_name)
    server = open_tun(server_name)
    with open(ready, "w"):
        pass
    start = time.monotonic()
    out = {client: (server, "c2s"), server: (client, "s2c")}
    link_free = {client: 0.0, server: 0.0}  # when each direction's link is idle again
    queue = []  # (due, order, fd, packet)
    order = 0
    while True:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, fd, pkt = heapq.heappop(queue)
            os.write(fd, pkt)
        timeout = max(0.0, queue[0][0] - now) if queue else None
        readable, _, _ = select.select([client, server], [], [], timeout)
        for fd in readable:
            pkt = os.read(fd, 65536)
            now = time.monotonic()
            target, direction = out[fd]
            extra = rules.decide(direction, pkt, now)
            if extra is None:
                print(f"{now - start:9.6f} drop {describe(pkt, rules, direction)}", flush=True)
                continue
            if extra:
                print(f"{now - start:9.6f} hold {extra * 1000:.0f} ms "
                      f"{describe(pkt, rules, direction)}", flush=True)
            sent = max(now, link_free[fd]) + len(pkt) * 8 / rules.rate
            link_free[fd] = sent
            order += 1
            heapq.heappush(queue, (sent + rules.delay + extra, order, target, pkt))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
