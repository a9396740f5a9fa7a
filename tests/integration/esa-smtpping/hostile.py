#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# hostile.py - a scripted SMTP server that misbehaves in one chosen way, for
# hostile.bats. Runs in the test's namespace until killed.
#
# usage: hostile.py MODE ADDRESS PORT [CERT KEY]   (with CERT and KEY: TLS from the
#        first byte, as on port 465)
import asyncio
import ssl
import sys

MODE, ADDR, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])
TLS = None
if len(sys.argv) > 5:
    TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    TLS.load_cert_chain(sys.argv[4], sys.argv[5])
SESSIONS = 0

EHLO = b"250-hostile.example.com\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
EHLO_TLS = b"250-hostile.example.com\r\n250-STARTTLS\r\n250 8BITMIME\r\n"


async def forever(w, chunk, pause):
    """Writes CHUNK every PAUSE seconds until the client goes."""
    while True:
        w.write(chunk)
        await w.drain()
        await asyncio.sleep(pause)


def reply(mode, session, cmd):
    """The reply to one command line, or None to close the connection."""
    verb = cmd.split(b" ")[0].split(b":")[0].upper()
    if mode == "close":
        return None
    if verb == b"EHLO":
        if mode == "ehlo-refused":
            return b"502 5.5.2 EHLO not implemented\r\n"
        if mode == "injection":
            return EHLO_TLS
        if mode == "bare-lf":
            return EHLO.replace(b"\r\n", b"\n")
        return EHLO
    if verb == b"HELO":
        return b"250 hostile.example.com\r\n"
    if verb == b"STARTTLS":
        if mode == "injection":
            # a reply smuggled in the clear behind the 220 (CVE-2011-0411's class)
            return b"220 2.0.0 go ahead\r\n250 injected\r\n"
        return b"220 2.0.0 go ahead\r\n"
    if verb == b"MAIL" and mode == "421":
        return b"421 4.3.2 shutting down\r\n"
    if verb == b"RCPT" and mode == "mixed" and session % 2 == 0:
        return b"550 5.1.1 no such user\r\n"
    if verb == b"QUIT":
        return b"221 bye\r\n"
    if mode == "bare-lf":
        return b"250 ok\n"
    return b"250 ok\r\n"


def banner(mode):
    if mode == "junk":
        return b"220 hostile \x1b[2J\x1b]0;owned\x07 \xff\xfe\xc3\x28 \xe2\x80\xae ok\r\n"
    if mode == "disagree":
        return b"220-hostile.example.com\r\n250 but this is 250\r\n"
    if mode == "early":
        return b"220 hostile.example.com\r\n250 answered before the command\r\n"
    if mode == "bare-lf":
        return b"220 hostile.example.com\n"
    if mode == "multi":
        return b"".join(b"220-line %d\r\n" % i for i in range(1000)) + b"220 last\r\n"
    return b"220 hostile.example.com ESMTP\r\n"


async def session(r, w):
    global SESSIONS
    SESSIONS += 1
    n = SESSIONS
    try:
        if MODE in ("silent", "tls-stall"):
            await asyncio.sleep(3600)
        if MODE == "slow":
            await forever(w, b"2", 1)
        if MODE == "long-line":
            w.write(b"220 " + b"x" * (1 << 20))
            await w.drain()
            await asyncio.sleep(3600)
        if MODE == "endless":
            await forever(w, b"220-more\r\n" * 100, 0.01)
        w.write(banner(MODE))
        await w.drain()
        data_mode = False
        while True:
            line = await r.readline()
            if not line:
                return
            if data_mode:
                if line in (b".\r\n", b".\n"):
                    data_mode = False
                    w.write(b"250 2.0.0 queued\r\n")
                continue
            if line.upper().startswith(b"DATA"):
                data_mode = True
                w.write(b"354 go ahead\r\n")
                continue
            out = reply(MODE, n, line.rstrip(b"\r\n"))
            if out is None:
                w.close()
                return
            w.write(out)
            await w.drain()
            if out.startswith(b"421") or out.startswith(b"221"):
                w.close()
                return
    except (ConnectionError, asyncio.IncompleteReadError):
        pass


async def main():
    # tls-stall: the TCP connection is taken, the ClientHello never answered
    ctx = TLS if MODE != "tls-stall" else None
    server = await asyncio.start_server(session, ADDR, PORT, ssl=ctx)
    async with server:
        await server.serve_forever()


asyncio.run(main())
