#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# listener.py - a process that holds sockets for the esa-tcpservices suite, then waits.
#
# usage: listener.py [-n COMM] [-f CHILDREN] [-r READYFILE] SPEC...
# SPEC: tcp4/ADDR/PORT, tcp6/ADDR/PORT (dual stack), tcp6only/ADDR/PORT, udp4/ADDR/PORT,
#       udp6only/ADDR/PORT, dup/N (socket number N, from 0, again on another fd),
#       udp4conn/ADDR/PORT/PEER/PEERPORT (a connected UDP socket).
# -n sets the command name (/proc/self/comm), -f forks CHILDREN processes that
# inherit every socket (a master and its workers). When all are ready, READYFILE
# gets the pids, one a line (the parent's first). Every process ends on SIGTERM.
import os
import signal
import socket
import sys
import time


def bind(spec):
    kind, rest = spec.split("/", 1)
    if kind == "udp4conn":
        addr, port, peer, pport = rest.split("/")
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((addr, int(port)))
        s.connect((peer, int(pport)))
        return s
    addr, port = rest.split("/")
    fam = socket.AF_INET if kind.endswith("4") else socket.AF_INET6
    typ = socket.SOCK_STREAM if kind.startswith("tcp") else socket.SOCK_DGRAM
    s = socket.socket(fam, typ)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if kind.endswith("only") else 0)
    s.bind((addr, int(port)))
    if typ == socket.SOCK_STREAM:
        s.listen(16)
    return s


def main():
    args = sys.argv[1:]
    comm, children, ready = None, 0, None
    while args and args[0].startswith("-"):
        opt, val = args[0], args[1]
        args = args[2:]
        if opt == "-n":
            comm = val
        elif opt == "-f":
            children = int(val)
        elif opt == "-r":
            ready = val
    if comm is not None:
        with open("/proc/self/comm", "w") as f:
            f.write(comm)
    keep = []
    for spec in args:
        if spec.startswith("dup/"):
            keep.append(os.dup(keep[int(spec[4:])].fileno()))
        else:
            keep.append(bind(spec))
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    pids = [os.getpid()]
    for _ in range(children):
        pid = os.fork()
        if pid == 0:
            while True:
                time.sleep(3600)
        pids.append(pid)
    if ready:
        tmp = ready + ".tmp"
        with open(tmp, "w") as f:
            f.write("".join("%d\n" % p for p in pids))
        os.rename(tmp, ready)
    try:
        while True:
            time.sleep(3600)
    finally:
        for p in pids[1:]:
            os.kill(p, signal.SIGTERM)


main()
