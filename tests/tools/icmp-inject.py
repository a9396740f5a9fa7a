#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# icmp-inject.py - a hostile router for esa-traceroute's tests (scapy, Debian's
# python3-scapy): it watches the probes that cross IFACE and answers each one with ICMP
# errors that are not answers to it: no quoted header, a header cut short, a quoted
# header with ihl 15 and bad options, a quoted probe to a foreign port (or with a
# foreign echo identifier), to another destination, time exceeded in reassembly, and
# ICMPv6 errors with short payloads; all from FAKE4 / FAKE6, so that a misattributed
# reply shows as that address in the trace.
#
# usage: icmp-inject.py IFACE SRC4 SRC6 FAKE4 FAKE6 READY_FILE COUNT_FILE
# Writes READY_FILE once it listens; on SIGTERM writes the number of messages sent to
# COUNT_FILE. Run inside the router's namespace; it sends only to SRC4/SRC6.
import signal
import sys

from scapy.all import (AsyncSniffer, ICMP, ICMPv6DestUnreach, ICMPv6EchoRequest,
                       ICMPv6TimeExceeded, IP, IPv6, Raw, UDP, conf, send)

iface, src4, src6, fake4, fake6, ready, countfile = sys.argv[1:8]
conf.verb = 0
sent = 0


def quote_bytes(p):
    return bytes(p)


def hostile4(probe):
    q = probe.copy()
    full = bytes(q)
    l4 = full[20:28]
    foreign = q.copy()
    if UDP in foreign:
        foreign[UDP].dport = 9
        del foreign[UDP].chksum
    else:
        foreign[ICMP].id ^= 0x5555
        del foreign[ICMP].chksum
    other = q.copy()
    other.dst = "192.0.2.77"
    del other.chksum
    # ihl 15: 40 option bytes of an unknown type (0x9f), our header's fields kept
    ihl15 = bytearray(full[:20])
    ihl15[0] = 0x4F
    ihl15 = bytes(ihl15) + b"\x9f" * 40 + l4
    out = IP(src=fake4, dst=src4)
    return [
        out / ICMP(type=11, code=0),                        # no quoted header
        out / ICMP(type=11, code=0) / Raw(full[:12]),       # header cut mid-field
        out / ICMP(type=11, code=0) / Raw(full[:20]),       # header, no L4 bytes
        out / ICMP(type=11, code=0) / Raw(full[:24]),       # L4 header cut
        out / ICMP(type=11, code=0) / Raw(ihl15),
        out / ICMP(type=11, code=0) / Raw(bytes(foreign)[:28]),
        out / ICMP(type=11, code=0) / Raw(bytes(other)[:28]),
        out / ICMP(type=11, code=1) / Raw(full[:28]),       # reassembly: not a hop
        out / ICMP(type=3, code=1) / Raw(full[:22]),
    ]


def hostile6(probe):
    full = bytes(probe)
    foreign = probe.copy()
    if UDP in foreign:
        foreign[UDP].dport = 9
        del foreign[UDP].chksum
    else:
        foreign[ICMPv6EchoRequest].id ^= 0x5555
        del foreign[ICMPv6EchoRequest].cksum
    other = probe.copy()
    other.dst = "2001:db8:ffff::77"
    out = IPv6(src=fake6, dst=src6)
    return [
        out / ICMPv6TimeExceeded(code=0) / Raw(b""),
        out / ICMPv6TimeExceeded(code=0) / Raw(full[:10]),
        out / ICMPv6TimeExceeded(code=0) / Raw(full[:39]),
        out / ICMPv6TimeExceeded(code=0) / Raw(full[:44]),
        out / ICMPv6TimeExceeded(code=0) / Raw(bytes(foreign)[:48]),
        out / ICMPv6TimeExceeded(code=0) / Raw(bytes(other)[:48]),
        out / ICMPv6DestUnreach(code=4) / Raw(full[:41]),
    ]


def is_probe(p):
    if IP in p and p[IP].src == src4:
        return UDP in p or (ICMP in p and p[ICMP].type == 8)
    if IPv6 in p and p[IPv6].src == src6:
        return UDP in p or ICMPv6EchoRequest in p
    return False


def answer(p):
    global sent
    msgs = hostile4(p[IP]) if IP in p else hostile6(p[IPv6])
    for m in msgs:
        send(m, verbose=0)
        sent += 1


def finish(*_):
    sniffer.stop(join=False)
    with open(countfile, "w") as f:
        f.write("%d\n" % sent)
    sys.exit(0)


signal.signal(signal.SIGTERM, finish)
sniffer = AsyncSniffer(iface=iface, store=False, lfilter=is_probe, prn=answer,
                       started_callback=lambda: open(ready, "w").close())
sniffer.start()
signal.pause()
