#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""json_vocab.py - checks a tool's -j output against the vocabulary of esa-tools(7).

usage: json_vocab.py document|lines [LABEL] < OUTPUT

document: standard input is one JSON document (an array of objects, or an object).
lines:    standard input is JSON Lines: one object a line, each with a "type".

Every key of every object, at any depth, must be one the man page's list names, with
a value of the type it gives: never null, never an empty string; timestamps in UTC to
the second; "family" and "protocol" from their few values. Each violation is one line
on standard error (prefixed with LABEL); the status is 1 when there is any, 0 when none.
The list is read from man/esa-tools.7 under ESA_SRCDIR, between its json-vocabulary
markers, so that the page and this check cannot disagree.
"""
import json
import os
import re
import sys

ITEM = re.compile(r"^\.It Li ([a-z0-9_]+) Pq ([a-z]+)$")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
VALUES = {
    "family": {"inet", "inet6"},
    "protocol": {"tcp", "udp"},
}


def vocabulary(path):
    """The key -> type table of the man page's list."""
    table, inside = {}, False
    with open(path, encoding="utf-8") as page:
        for line in page:
            if "json-vocabulary-begin" in line:
                inside = True
            elif "json-vocabulary-end" in line:
                inside = False
            elif inside and line.startswith(".It "):
                m = ITEM.match(line.rstrip("\n"))
                if m is None:
                    raise SystemExit(f"json_vocab: {path}: not a vocabulary item: {line.strip()}")
                table[m.group(1)] = m.group(2)
    if not table:
        raise SystemExit(f"json_vocab: {path}: no vocabulary list")
    return table


def type_ok(kind, value):
    """Whether VALUE is of the vocabulary's KIND."""
    if kind == "string":
        return isinstance(value, str)
    if kind == "timestamp":
        return isinstance(value, str) and STAMP.match(value) is not None
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    raise SystemExit(f"json_vocab: unknown type in the vocabulary: {kind}")


def pairs_hook(repeats):
    """An object_pairs_hook that notes a key given twice in one object (json keeps the last)."""
    def hook(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                repeats.append(key)
            seen.add(key)
        return dict(pairs)
    return hook


def walk(value, where, table, problems):
    """Checks every object inside VALUE; appends one string a violation."""
    if isinstance(value, list):
        for i, v in enumerate(value):
            if v is None:
                problems.append(f"{where}[{i}]: null (absent values are left out)")
            walk(v, f"{where}[{i}]", table, problems)
        return
    if not isinstance(value, dict):
        return
    for key, v in value.items():
        at = f"{where}.{key}"
        kind = table.get(key)
        if kind is None:
            problems.append(f"{at}: key not in the vocabulary")
        elif v is None:
            problems.append(f"{at}: null (absent values are left out)")
        elif v == "":
            problems.append(f"{at}: empty string (absent values are left out)")
        elif not type_ok(kind, v):
            problems.append(f"{at}: {json.dumps(v)[:60]} is not of type {kind}")
        elif key in VALUES and v not in VALUES[key]:
            problems.append(f"{at}: {json.dumps(v)[:60]} is none of {sorted(VALUES[key])}")
        walk(v, at, table, problems)


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("document", "lines"):
        raise SystemExit(__doc__.split("\n\n")[1])
    form, label = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "json")
    table = vocabulary(os.path.join(os.environ.get("ESA_SRCDIR", "."), "man", "esa-tools.7"))
    text = sys.stdin.read()
    problems, repeats = [], []
    hook = pairs_hook(repeats)
    if form == "document":
        try:
            doc = json.loads(text, object_pairs_hook=hook)
        except ValueError as e:
            problems.append(f"$: not one JSON document: {e}")
        else:
            if not isinstance(doc, (list, dict)):
                problems.append("$: neither an array nor an object")
            walk(doc, "$", table, problems)
    else:
        lines = text.splitlines()
        if not lines:
            problems.append("$: no line")
        for n, line in enumerate(lines, 1):
            try:
                rec = json.loads(line, object_pairs_hook=hook)
            except ValueError as e:
                problems.append(f"line {n}: not JSON: {e}")
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("type"), str):
                problems.append(f"line {n}: not an object with a \"type\"")
            walk(rec, f"line {n}", table, problems)
    problems += [f"key {k!r} twice in one object" for k in repeats]
    for p in problems:
        print(f"{label}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
