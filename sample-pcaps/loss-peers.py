#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The two ends of the sample captures made through the impairing relay (make-loss-captures.sh,
make-cc-captures.sh).

    loss-peers.py server PORT SIZE [--rcvbuf BYTES] [--pause SEC] [--read-pace BYTES:MS]
                  [--cc NAME]
    loss-peers.py client HOST PORT SIZE [--keepalive IDLE:INTVL:CNT] [--idle SEC]
                  [--blocks BYTES:MS] [--cc NAME]

The client connects, sends SIZE bytes in one sendall() (the kernel cuts them into segments),
or with --blocks in writes of BYTES with a pause of MS milliseconds after each, reads the
server's answer "ok\\n", optionally stays idle for --idle seconds, and closes. The server
accepts one connection, waits --pause seconds before reading anything (with a small --rcvbuf
this closes the client's window), reads SIZE bytes (with --read-pace at most BYTES at a time,
sleeping MS milliseconds after each read: a slow reader), answers "ok\\n", reads until the
client's FIN and closes. --keepalive sets SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL and
TCP_KEEPCNT on the client's socket. Both sockets use the congestion control --cc (default
cubic, Linux's default; set with TCP_CONGESTION whatever the namespace's default is); each end
prints it.
"""

import argparse
import socket
import sys
import time


def payload(size):
    line = b"tcpteach loss and recovery sample, one line of 64 bytes of data\n"
    return (line * (size // len(line) + 1))[:size]


def read_exactly(sock, size, pace=None):
    got = 0
    block, pause = pace if pace else (65536, 0)
    while got < size:
        chunk = sock.recv(min(block, size - got))
        if not chunk:
            sys.exit(f"loss-peers: connection closed after {got} of {size} bytes")
        got += len(chunk)
        if pause:
            time.sleep(pause)


def pace(value):
    """BYTES:MS as (bytes, seconds), or None."""
    if not value:
        return None
    size, ms = value.split(":")
    return int(size), float(ms) / 1000


def tcp_socket(cc):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, cc.encode())
    return sock


def congestion_control(sock):
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, 16).rstrip(b"\0").decode()


def server(args):
    listener = tcp_socket(args.cc)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if args.rcvbuf:
        # Set before listen(): the accepted socket inherits it, and so does the window that
        # the SYN+ACK offers.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, args.rcvbuf)
    listener.bind(("0.0.0.0", args.port))
    listener.listen(1)
    print("listening", flush=True)
    conn, peer = listener.accept()
    listener.close()
    if args.pause:
        time.sleep(args.pause)
    read_exactly(conn, args.size, pace(args.read_pace))
    conn.sendall(b"ok\n")
    while conn.recv(4096):
        pass
    cc = congestion_control(conn)
    conn.close()
    print(f"server: {args.size} bytes from {peer[0]}:{peer[1]}, {cc}", flush=True)


def client(args):
    sock = tcp_socket(args.cc)
    if args.keepalive:
        idle, intvl, cnt = (int(v) for v in args.keepalive.split(":"))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, intvl)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, cnt)
    sock.settimeout(60)
    sock.connect((args.host, args.port))
    data = payload(args.size)
    blocks = pace(args.blocks)
    if blocks:
        for start in range(0, len(data), blocks[0]):
            sock.sendall(data[start:start + blocks[0]])
            time.sleep(blocks[1])
    else:
        sock.sendall(data)
    read_exactly(sock, 3)
    if args.idle:
        time.sleep(args.idle)
    cc = congestion_control(sock)
    sock.close()
    print(f"client: sent {args.size} bytes, {cc}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="role", required=True)
    s = sub.add_parser("server")
    s.add_argument("port", type=int)
    s.add_argument("size", type=int)
    s.add_argument("--rcvbuf", type=int, default=0)
    s.add_argument("--pause", type=float, default=0)
    s.add_argument("--read-pace")
    s.add_argument("--cc", default="cubic")
    c = sub.add_parser("client")
    c.add_argument("host")
    c.add_argument("port", type=int)
    c.add_argument("size", type=int)
    c.add_argument("--keepalive")
    c.add_argument("--idle", type=float, default=0)
    c.add_argument("--blocks")
    c.add_argument("--cc", default="cubic")
    args = p.parse_args()
    if args.role == "server":
        server(args)
    else:
        client(args)


if __name__ == "__main__":
    main()
