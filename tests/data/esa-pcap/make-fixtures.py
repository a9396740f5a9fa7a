#!/usr/bin/env python3
# make-fixtures.py - writes the damaged classic-pcap fixtures of the tail-repair tests,
# straight from the file format (global header 24 bytes, record header 16 bytes:
# ts_sec, ts_usec, incl_len, orig_len), never from esa-pcap's own output.
# The expected whole length of each is in its name's table in test_repair.c.
import struct

def header(endian='<', magic=0xa1b2c3d4, snaplen=65535, linktype=1):
    return struct.pack(endian + 'IHHiIII', magic, 2, 4, 0, 0, snaplen, linktype)

def record(n, endian='<', sec=1795000000, usec=0, orig=None):
    data = bytes((i * 7 + n) & 0xff for i in range(n))
    return struct.pack(endian + 'IIII', sec, usec, n, orig if orig is not None else n) + data

good = header() + record(60) + record(98, usec=1) + record(1514, usec=2)
files = {
    'good-3.pcap': good,                                   # 24+76+114+1530 = 1744
    'header-only.pcap': header(),                          # 24
    'torn-record-header.pcap': good + record(60)[:10],     # 1744
    'torn-record-data.pcap': good + record(200)[:100],     # 1744
    'garbage-caplen.pcap': good + struct.pack('<IIII', 1, 0, 0x7fffffff, 0x7fffffff) + b'x' * 40,
    'zero-tail.pcap': good + b'\0' * 64,                   # 1744: orig_len 0 is no packet
    'caplen-over-orig.pcap': good + record(80, orig=40),   # 1744
    'big-endian-torn.pcap': header('>') + record(60, '>') + record(70, '>')[:30],  # 100
    'nanosecond.pcap': header(magic=0xa1b23c4d) + record(60, usec=999999999),      # 100
    'short-header.pcap': header()[:20],                    # not a pcap (-1)
    'not-pcap.pcap': b'GIF89a' + b'\0' * 40,               # not a pcap (-1)
}
for name, data in files.items():
    with open(name, 'wb') as f:
        f.write(data)
