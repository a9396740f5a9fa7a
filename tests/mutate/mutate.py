#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# mutate.py - the mutation check (`make mutate`): flips one comparison, one logical
# operator or one small constant at a time in lib/*.c and in the tools' files that
# have unit tests, rebuilds the unit runner in a scratch copy of the tree, runs it, and
# prints every mutant no test caught, then "N mutants, K killed, S survived (P %)".
#
# Python rather than sh: finding the sites needs a small C tokenizer (comments, strings,
# character constants and preprocessor lines are never mutated), and the scratch copy
# must be removed on any exit, Ctrl-C included.
#
# Environment:
#   MUTATE_FILES="lib/addr.c bin/esa-ping/stats.c"  the files (default: see default_files)
#   MUTATE_MAX=N       at most N mutants per file, spread evenly over its sites (0: all)
#   MUTATE_SEED=N      where in each stride the pick falls (default 1): same seed, same set
#   MUTATE_TIMEOUT=S   seconds the unit runner may take before the mutant counts as
#                      killed by a time-out (default 20; unmutated it takes about 1)
#   MUTATE_FUZZ=1      also replay the fuzz corpora (slower: every harness relinks)
#   MUTATE_LIST=1      only list the selected mutants, build nothing
#   CC, CFLAGS         passed to make
#
# Counting: a mutant is killed when the unit runner (or a fuzz replay) fails or times
# out; survived when all pass; a mutant that does not compile is discarded (counted in
# neither). Mutants in tests/mutate/equivalent (no behaviour can change) are left out
# of the rate and listed apart. No mutants at all in the functions tests/mutate/skip
# names (the resolver's side of lib/addr.c, which no unit test may reach), nor in a
# tool's functions that talk to the kernel or the resolver (IO_CALL): the pure
# functions are what the unit tests are for, the integration suites run the rest.

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))

COMPARE = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==",
           "&&": "||", "||": "&&"}
TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<number>\b(?:0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\b(?![.eE]))
  | (?P<op><<=|>>=|<<|>>|->|<=|>=|==|!=|&&|\|\||[<>\[\]])
  | (?P<ident>[A-Za-z_]\w*)
""", re.S | re.X)


def default_files():
    """Every lib/*.c, and each bin/T/X.c that tests/unit/T/test_X.c tests."""
    files = sorted("lib/" + f for f in os.listdir(os.path.join(SRC, "lib"))
                   if f.endswith(".c"))
    unit = os.path.join(SRC, "tests", "unit")
    for tool in sorted(os.listdir(unit)):
        tdir = os.path.join(unit, tool)
        if tool == "lib" or not os.path.isdir(tdir):
            continue
        for t in sorted(os.listdir(tdir)):
            if t.startswith("test_") and t.endswith(".c"):
                f = "bin/%s/%s" % (tool, t[len("test_"):])
                if os.path.exists(os.path.join(SRC, f)):
                    files.append(f)
    return files


def blank_preprocessor(text):
    """The text with every preprocessor line (and its continuations) blanked, same length."""
    out, cont = [], False
    for line in text.splitlines(keepends=True):
        if cont or line.lstrip().startswith("#"):
            cont = line.rstrip("\n").endswith("\\")
            out.append(re.sub(r"[^\n]", " ", line))
        else:
            out.append(line)
    return "".join(out)


def blank_asserts(text):
    """The text with the arguments of every assert() blanked, same length: a mutant there
    changes only whether a caller's broken contract aborts, which no test provokes."""
    out = list(text)
    for m in re.finditer(r"\bassert\s*\(", text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if text[i] != "\n":
                out[i] = " "
            i += 1
    return "".join(out)


def blank_functions(text, names):
    """The text with the bodies of the functions NAMES blanked, same length. A
    definition is written as style(9) has it: the name at the start of a line, the
    body from a "{" to a "}" alone at the start of a line."""
    out = text
    for name in names:
        m = re.search(r"^%s\(.*?^\}" % re.escape(name), out, re.S | re.M)
        if m is not None:
            out = out[:m.start()] + re.sub(r"[^\n]", " ", m.group()) + out[m.end():]
    return out


# Calls that make a tool's function talk to the kernel (netlink, nftables) or the
# resolver: such a function is not one of the pure functions the unit tests are for
# (the integration suites run it).
IO_CALL = re.compile(r"\b(nl_dump|nl_ack|nl_talk|nl_open|nl_genl_family|link_load|socket|addr_name|nft_ctx_new|nft_run_cmd_from_buffer|"
                     r"sendto|sendmsg|send|recvfrom|recvmsg|recv|ioctl|getaddrinfo|"
                     r"getnameinfo|res_nquery|res_nsearch|res_query|res_search)\s*\(")


def io_functions(text):
    """The names of the functions of TEXT (style(9) definitions) that make an IO_CALL,
    call a function of TEXT that does, or are static and named only by such functions
    (a dump's callback: no test can reach it)."""
    defs = list(re.finditer(r"^(\w+)\(.*?^\}", text, re.S | re.M))
    bodies = {m.group(1): m.group()[len(m.group(1)) + 1:] for m in defs}
    static = {m.group(1) for m in defs
              if re.search(r"(^|\n)static\b[^\n]*\n$", text[:m.start()])}
    io = {n for n, b in bodies.items() if IO_CALL.search(b)}
    while True:
        more = {n for n, b in bodies.items() if n not in io and
                any(re.search(r"\b%s\s*\(" % re.escape(c), b) for c in io)}
        for n in static - io - more:
            users = [u for u, b in bodies.items()
                     if u != n and re.search(r"\b%s\b" % re.escape(n), b)]
            if users and all(u in io for u in users):
                more.add(n)
        if not more:
            return sorted(io)
        io |= more


def sites(text, skip=()):
    """The mutation sites of a C file: (offset, original, replacement), in file order,
    none in the functions SKIP."""
    found, depth = [], 0
    text = blank_functions(blank_asserts(blank_preprocessor(text)), skip)
    skip_to = 0
    for m in TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind in ("comment", "string") or m.start() < skip_to:
            continue
        if tok == "[":
            # an attribute table's size, tb[IFLA_MAX + 1]: one less only overflows,
            # which a test without the sanitizers cannot see (the "]" is skipped too)
            size = re.match(r"\s*[A-Z_][A-Z0-9_]*\s*\+\s*1\s*\]", text[m.end():])
            if size is not None:
                skip_to = m.end() + size.end()
            else:
                depth += 1
        elif tok == "]":
            depth = max(0, depth - 1)
        elif kind == "op" and tok in COMPARE:
            found.append((m.start(), tok, COMPARE[tok]))
        elif kind == "number":
            digits = re.match(r"0[xX][0-9a-fA-F]+|[0-9]+", tok).group()
            suffix = tok[len(digits):]
            value = int(digits, 0) if not re.fullmatch(r"0[0-7]+", digits) else int(digits, 8)
            # array sizes change nothing a test can see; an index 0 or 1 does
            if depth and value > 1:
                pass
            elif value == 0:
                found.append((m.start(), tok, "1" + suffix))
            elif value == 1:
                found.append((m.start(), tok, "0" + suffix))
            elif value < 256:
                found.append((m.start(), tok, str(value + 1) + suffix))
    return found


def pick(path, all_sites, cap, seed):
    """At most cap sites, evenly spread, the offset in each stride fixed by the seed."""
    if cap <= 0 or len(all_sites) <= cap:
        return all_sites
    rng = random.Random(seed * 1000003 + zlib.crc32(path.encode()))
    stride = len(all_sites) / cap
    start = rng.random() * stride
    return [all_sites[int(start + i * stride)] for i in range(cap)]


def load_skip():
    """tests/mutate/skip: FILE<TAB>FUNCTION<TAB>REASON, # comments: {file: [function]}."""
    skip = {}
    with open(os.path.join(HERE, "skip")) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if line.strip() and not line.startswith("#") and len(parts) >= 3:
                skip.setdefault(parts[0], []).append(parts[1])
    return skip


def load_equivalent():
    """tests/mutate/equivalent: FILE<TAB>CHANGE<TAB>LINE<TAB>REASON, # comments; LINE
    may be "FUNCTION: LINE" where the line alone is found elsewhere in the file too."""
    eq = {}
    path = os.path.join(HERE, "equivalent")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 4:
                    eq[(parts[0], parts[1], parts[2])] = parts[3]
    return eq


def describe(text, off, orig, new):
    """(line number, the line stripped, "'orig' -> 'new'" with the column's occurrence)."""
    lineno = text.count("\n", 0, off) + 1
    bol = text.rfind("\n", 0, off) + 1
    eol = text.find("\n", off)
    line = text[bol:eol if eol >= 0 else len(text)]
    nth = line[:off - bol].count(orig) + 1
    change = "'%s' -> '%s'" % (orig, new) + (" (#%d)" % nth if nth > 1 else "")
    return lineno, line.strip(), change


def run(cmd, cwd, timeout):
    """The exit status of cmd, or None when it timed out (its process group is killed)."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        st = p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        return None
    except BaseException:
        # interrupted: nothing of this run may outlive it
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        raise
    # a mutant's test may leave a child spinning after the runner ended (a fork whose
    # parent Check killed): the group goes with the run
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return st


def main():
    files = os.environ.get("MUTATE_FILES", "").split() or default_files()
    cap = int(os.environ.get("MUTATE_MAX", "0") or 0)
    seed = int(os.environ.get("MUTATE_SEED", "1") or 1)
    timeout = int(os.environ.get("MUTATE_TIMEOUT", "20") or 20)
    fuzz = os.environ.get("MUTATE_FUZZ") == "1"
    equivalent = load_equivalent()
    skip = load_skip()

    plan = []
    for f in files:
        with open(os.path.join(SRC, f)) as fh:
            text = fh.read()
        names = skip.get(f, []) + (io_functions(text) if f.startswith("bin/") else [])
        chosen = pick(f, sites(text, names), cap, seed)
        plan.append((f, text, chosen))
    total = sum(len(c) for _, _, c in plan)
    print("mutate: %d files, %d mutants%s" % (len(files), total,
          " (at most %d a file, seed %d)" % (cap, seed) if cap else ""), flush=True)
    if os.environ.get("MUTATE_LIST") == "1":
        for f, text, chosen in plan:
            for off, orig, new in chosen:
                n, line, change = describe(text, off, orig, new)
                print("%s:%d: %s in: %s" % (f, n, change, line))
        return 0

    scratch = tempfile.mkdtemp(prefix="esa-mutate.")
    # SIGTERM ends the run as Ctrl-C does, so the scratch copy is removed either way
    signal.signal(signal.SIGTERM, lambda s, fr: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        return mutate(plan, scratch, timeout, fuzz, equivalent)
    except KeyboardInterrupt:
        print("mutate: interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def mutate(plan, scratch, timeout, fuzz, equivalent):
    """Builds the scratch copy, runs every mutant; the exit status of the script."""
    # the tree as it is now (uncommitted tests count), tracked files only
    names = subprocess.run(["git", "ls-files", "-z"], cwd=SRC, check=True,
                           capture_output=True).stdout.split(b"\0")
    for n in filter(None, names):
        n = n.decode()
        if os.path.isfile(os.path.join(SRC, n)):
            os.makedirs(os.path.dirname(os.path.join(scratch, n)), exist_ok=True)
            shutil.copy2(os.path.join(SRC, n), os.path.join(scratch, n))
    make = ["make", "-s", "O=build"] + ["%s=%s" % (v, os.environ[v])
                                        for v in ("CC", "CFLAGS") if v in os.environ]
    targets = ["build/tests/unit-tests"]
    if fuzz:
        targets += ["build/tests/" + f[:-2] for f in
                    sorted(os.listdir(os.path.join(scratch, "tests", "fuzz")))
                    if f.startswith("fuzz_") and f.endswith(".c")]

    def test():
        st = run(make + targets, scratch, 600)
        if st != 0:
            return "build"
        env_run = ["env", "CK_VERBOSITY=silent", "build/tests/unit-tests"]
        st = run(env_run, scratch, timeout)
        if st is None:
            return "timeout"
        if st != 0:
            return "killed"
        for t in targets[1:]:
            name = os.path.basename(t)
            st = run([t, "tests/fuzz/corpus/" + name], scratch, timeout)
            if st is None:
                return "timeout"
            if st != 0:
                return "killed"
        return "survived"

    base = test()
    if base != "survived":
        print("mutate: the unmutated tree does not pass (%s)" % base, file=sys.stderr)
        return 2

    counts = {"killed": 0, "timeout": 0, "survived": 0, "build": 0, "equivalent": 0}
    survivors, equivs = [], []
    done, total = 0, sum(len(c) for _, _, c in plan)
    for f, text, chosen in plan:
        print("mutate: %s (%d of %d done)" % (f, done, total), flush=True)
        done += len(chosen)
        path = os.path.join(scratch, f)
        for off, orig, new in chosen:
            n, line, change = describe(text, off, orig, new)
            fn = re.findall(r"^(\w+)\(", text[:off], re.M)
            reason = equivalent.get((f, change, line),
                                    equivalent.get((f, change, "%s: %s" % (fn[-1] if fn else "", line))))
            if reason is not None:
                counts["equivalent"] += 1
                equivs.append("%s:%d: %s (equivalent: %s)" % (f, n, change, reason))
                continue
            with open(path, "w") as fh:
                fh.write(text[:off] + new + text[off + len(orig):])
            try:
                result = test()
            finally:
                with open(path, "w") as fh:
                    fh.write(text)
            counts[result] += 1
            if result == "survived":
                survivors.append("%s:%d: %s in: %s" % (f, n, change, line))
                print("survived: " + survivors[-1], flush=True)
    for e in equivs:
        print("equivalent: " + e)
    counted = counts["killed"] + counts["timeout"] + counts["survived"]
    rate = 100.0 * counts["survived"] / counted if counted else 0.0
    print("mutate: %d not compiled (discarded), %d equivalent (left out), %d timed out "
          "(counted as killed)" % (counts["build"], counts["equivalent"], counts["timeout"]))
    print("%d mutants, %d killed, %d survived (%.1f %%)" %
          (counted, counts["killed"] + counts["timeout"], counts["survived"], rate))
    return 1 if counts["survived"] else 0


if __name__ == "__main__":
    sys.exit(main())
