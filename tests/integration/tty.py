#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""tty.py - runs a command with its standard output on a pseudo-terminal.

usage: tty.py STDERR_FILE COMMAND [ARG...]

Standard error goes to STDERR_FILE, standard input is /dev/null; what the command
writes to the terminal is copied to our standard output. Exits with the command's
status (bounded by the caller's timeout).
"""
import os
import subprocess
import sys


def main():
    master, slave = os.openpty()
    with open(sys.argv[1], "wb") as err, open(os.devnull, "rb") as null:
        proc = subprocess.Popen(sys.argv[2:], stdin=null, stdout=slave, stderr=err)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:		# EIO: every writer to the terminal is gone
            break
        if not chunk:
            break
        out += chunk
    sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
    sys.exit(proc.wait())


if __name__ == "__main__":
    main()
