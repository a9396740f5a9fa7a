#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""socks.py - holds a known set of sockets open for the esa-netstat socket views.

usage: socks.py READY_FILE   (run inside the test namespace; exits when stdin
closes or after 120 s)

Every port is fixed, clients' too, so the listing is the same on every run.
Addresses: 192.0.2.1 and 2001:db8::1, which the test puts on lo.
"""
import os
import select
import socket
import sys

A4, A6 = "192.0.2.1", "2001:db8::1"
keep = []


def listener(family, addr, port, backlog, v6only=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, port))
    s.listen(backlog)
    keep.append(s)
    return s


def client(family, src, sport, dst, dport):
    c = socket.socket(family, socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind((src, sport))
    c.connect((dst, dport))
    keep.append(c)
    return c


def main():
    smtp = listener(socket.AF_INET, "0.0.0.0", 25, 50)
    queue = listener(socket.AF_INET, A4, 7025, 3)
    dual = listener(socket.AF_INET6, "::", 22, 128, v6only=0)
    web = listener(socket.AF_INET6, A6, 8080, 10, v6only=1)

    # two connections left in the accept queue of 7025: qlen 2 of 3
    client(socket.AF_INET, A4, 40001, A4, 7025)
    client(socket.AF_INET, A4, 40002, A4, 7025)
    # accepted ones: 100 unread bytes on the server side of port 25
    c = client(socket.AF_INET, A4, 40003, A4, 25)
    keep.append(smtp.accept()[0])
    c.sendall(b"x" * 100)
    client(socket.AF_INET6, A6, 40004, A6, 8080)
    keep.append(web.accept()[0])
    # IPv4 to the dual-stack listener: the server's socket is IPv6, IPv4-mapped
    client(socket.AF_INET, A4, 40005, A4, 22)
    keep.append(dual.accept()[0])

    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("0.0.0.0", 514))
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    u6.bind((A6, 40053))
    u6.connect((A6, 53))	# UDP connect() sends nothing
    keep.extend([u, u6])
    del queue

    with open(sys.argv[1], "w") as f:
        f.write("ready\n")
    select.select([sys.stdin], [], [], 120)


if __name__ == "__main__":
    main()
