#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# hostile.py - a reply faker for esa-ping (FreeBSD's test_ping.py pinger() shape):
# it reads each echo request arriving on IFACE (the kernel of its namespace is told
# not to answer) and answers with hostile packets first, then the real reply.
#
# usage: hostile.py IFACE COUNT READY_FILE
# Writes READY_FILE once it listens; ends after COUNT requests (or 30 s).
#
# Per request with sequence s (IPv4; IPv6 the same in its own terms):
#   every s: a reply with a foreign id; one with a wrong checksum; one with a foreign
#     cookie whose first 16 bytes are a timestamp 0 / all-ones / far future; one from
#     another source address; oversized replies (4000 and 65000 bytes, fragmented)
#     with a foreign id; an error whose quoted header is cut to 8 bytes and one with
#     0 bytes; outer IP options of lengths 0, 1, 2 and 41 (foreign id: the kernel
#     drops the malformed ones anyway)
#   s == 1: an unreachable quoting our probe behind an ihl=15 header with 40 NOP
#     option bytes (CVE-2022-23093)  -> one error line
#   s == 2: unreachables quoting our probe behind headers whose options have the
#     lengths 0, 1, 2 and 41 (IPv6: packet too big, MTU 1000, behind a hop-by-hop
#     header; and unreachables behind a chain of 100 headers and a header whose
#     length runs past the end, both ignored)  -> 4 error lines (IPv6: 1)
#   then the real reply, its payload bytes 8..23 overwritten with a timestamp:
#     s == 0: zeros, s == 1: all-ones, s == 2: far future, s == 3: left alone
#   s == 3: the real reply twice -> (DUP!)
import os
import struct
import sys
import time

from scapy.all import (ICMP, IP, IPOption, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrHopByHop,
                       ICMPv6DestUnreach, ICMPv6EchoReply, ICMPv6EchoRequest,
                       ICMPv6PacketTooBig, ICMPv6TimeExceeded, Ether, Raw, conf,
                       fragment, fragment6, IPv6ExtHdrFragment, PadN)

iface, count, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3]
conf.verb = 0
STAMPS = [b"\0" * 16, b"\xff" * 16, struct.pack(">QQ", 1 << 62, 999999)]


def stamped(payload, s):
    if s < len(STAMPS) and len(payload) >= 24:
        return payload[:8] + STAMPS[s] + payload[24:]
    return payload


def foreign_cookie(payload, s):
    stamp = STAMPS[s % len(STAMPS)]
    return (stamp + payload[16:]) if len(payload) >= 16 else bytes(b ^ 0xff for b in payload)


def v4(eth, sock):
    ip, icmp = eth[IP], eth[ICMP]
    if icmp.type != 8:
        return False
    pid, s, data = icmp.id, icmp.seq, bytes(icmp.payload)
    probe = bytes(ip)
    L2 = Ether(src=eth.dst, dst=eth.src)

    def out(pkt):
        for f in (fragment(pkt, 1400) if len(pkt) > 1400 else [pkt]):
            sock.send(L2 / f)

    def reply(**kw):
        return IP(src=ip.dst, dst=ip.src, **kw)

    out(reply() / ICMP(type=0, id=pid ^ 0x5555, seq=s) / data)
    bad = reply() / ICMP(type=0, id=pid, seq=s) / data
    bad = IP(bytes(bad))
    bad[ICMP].chksum ^= 0x1234
    out(bad)
    out(reply() / ICMP(type=0, id=pid, seq=s) / foreign_cookie(data, s))
    out(IP(src="192.0.2.3", dst=ip.src) / ICMP(type=0, id=pid, seq=s) / data)
    out(reply() / ICMP(type=0, id=pid ^ 1, seq=s) / (b"\xa5" * 4000))
    out(reply() / ICMP(type=0, id=pid ^ 1, seq=s) / (b"\x5a" * 65000))
    out(reply() / ICMP(type=11, code=0) / probe[:8])
    out(reply() / ICMP(type=11, code=0))
    for opt in (b"\x9f\x00\x00\x00", b"\x9f\x01\x00\x00", b"\x9f\x02\x01\x00",
                b"\x9f\x29" + b"\x00" * 38):
        out(reply(options=[IPOption(opt)]) / ICMP(type=0, id=pid ^ 2, seq=s) / data)
    quoted = bytes(ip)[20:]  # our probe's ICMP header and payload
    if s == 1:
        q = IP(bytes(ip)[:20])
        q.ihl, q.options = 15, [IPOption(b"\x01" * 40)]
        hdr = bytes(q)[:60]
        out(reply() / ICMP(type=3, code=1) / (hdr + quoted))
    if s == 2:
        for opt in (b"\x9f\x00\x01\x01", b"\x9f\x01\x01\x01", b"\x9f\x02\x01\x01",
                    b"\x9f\x29" + b"\x01" * 38):
            q = IP(bytes(ip)[:20])
            q.ihl, q.options = 5 + len(opt) // 4, [IPOption(opt)]
            hdr = bytes(q)[:20] + opt
            hdr = bytes([0x40 | (5 + len(opt) // 4)]) + hdr[1:]
            out(reply() / ICMP(type=3, code=1) / (hdr + quoted))
    real = reply() / ICMP(type=0, id=pid, seq=s) / stamped(data, s)
    out(real)
    if s == 3:
        out(real)
    return True


def v6(eth, sock):
    ip = eth[IPv6]
    req = eth[ICMPv6EchoRequest]
    pid, s, data = req.id, req.seq, bytes(req.data)
    probe = bytes(ip)
    L2 = Ether(src=eth.dst, dst=eth.src)

    def out(pkt):
        if len(pkt) > 1400:
            whole = (IPv6(src=pkt[IPv6].src, dst=pkt[IPv6].dst) / IPv6ExtHdrFragment() /
                     pkt[IPv6].payload)
            for f in fragment6(whole, 1400):
                sock.send(L2 / f)
        else:
            sock.send(L2 / pkt)

    def reply():
        return IPv6(src=ip.dst, dst=ip.src)

    out(reply() / ICMPv6EchoReply(id=pid ^ 0x5555, seq=s, data=data))
    bad = IPv6(bytes(reply() / ICMPv6EchoReply(id=pid, seq=s, data=data)))
    bad[ICMPv6EchoReply].cksum ^= 0x1234
    out(bad)
    out(reply() / ICMPv6EchoReply(id=pid, seq=s, data=foreign_cookie(data, s)))
    out(IPv6(src="2001:db8::3", dst=ip.src) / ICMPv6EchoReply(id=pid, seq=s, data=data))
    out(reply() / ICMPv6EchoReply(id=pid ^ 1, seq=s, data=b"\xa5" * 4000))
    out(reply() / ICMPv6EchoReply(id=pid ^ 1, seq=s, data=b"\x5a" * 65000))
    out(reply() / ICMPv6TimeExceeded(code=0) / Raw(probe[:8]))
    out(reply() / ICMPv6TimeExceeded(code=0))
    if s == 1:
        # 40 bytes of hop-by-hop options between the quoted header and our probe
        q = IPv6(probe[:40])
        q.nh = 0
        hbh = bytes([58, 4]) + bytes([1, 36]) + b"\0" * 36
        out(reply() / ICMPv6DestUnreach(code=3) / Raw(bytes(q)[:40] + hbh + probe[40:]))
    if s == 2:
        q = IPv6(probe[:40])
        q.nh = 0
        hbh = bytes([58, 0, 1, 4, 0, 0, 0, 0])
        out(reply() / ICMPv6PacketTooBig(mtu=1000) / Raw(bytes(q)[:40] + hbh + probe[40:]))
        q.nh = 60
        chain = b"".join(bytes([60, 0, 1, 4, 0, 0, 0, 0]) for _ in range(100))
        out(reply() / ICMPv6DestUnreach(code=3) / Raw(bytes(q)[:40] + chain + probe[40:]))
        runaway = bytes([58, 200, 1, 4, 0, 0, 0, 0])
        out(reply() / ICMPv6DestUnreach(code=3) / Raw(bytes(q)[:40] + runaway + probe[40:]))
    real = reply() / ICMPv6EchoReply(id=pid, seq=s, data=stamped(data, s))
    out(real)
    if s == 3:
        out(real)
    return True


def main():
    with open("/sys/class/net/%s/address" % iface) as f:
        mine = f.read().strip()
    sock = conf.L2socket(iface=iface)
    # only echo requests addressed to us reach the listening socket: our own frames (some
    # sixty a request, fragments most of them) would fill its buffer while a slow machine (an
    # emulator) answers, and the kernel would drop the next request
    listen = conf.L2listen(iface=iface, filter="not ether src %s and (icmp[0] == 8 or "
                           "(ip6 and ip6[6] == 58 and ip6[40] == 128))" % mine)
    with open(ready, "w") as f:
        f.write("ready\n")
    seen, end = 0, time.monotonic() + 30
    while seen < count and time.monotonic() < end:
        pkt = listen.recv()
        # only requests addressed to us: our own frames (and the probes quoted in
        # them) are seen going out
        if pkt is None or Ether not in pkt or pkt[Ether].src == mine:
            continue
        top = pkt[Ether].payload
        if isinstance(top, IP) and isinstance(top.payload, ICMP) and top[ICMP].type == 8:
            seen += v4(pkt, sock)
        elif isinstance(top, IPv6) and isinstance(top.payload, ICMPv6EchoRequest):
            seen += v6(pkt, sock)
    os._exit(0)


main()
