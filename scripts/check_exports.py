#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""libknead.so exports the public API and nothing else.

  scripts/check_exports.py BUILD_DIR     check (`make exports-check` runs it on the normal build)
  scripts/check_exports.py --mark        put KN_API before every public declaration that lacks it
                                         (then run clang-format on include/knead/*.h)
  scripts/check_exports.py --list        print the public declarations (name, file:line)

The library compiles with -fvisibility=hidden; every function and object declared in
include/knead/*.h carries KN_API (include/knead/export.h), which gives it default visibility. The
check fails (exit 1), listing each, on:
  - a declaration in include/knead/*.h without KN_API;
  - a symbol `nm -D --defined-only BUILD_DIR/libknead.so` shows that no public header declares
    (an internal function leaking into the ABI);
  - a public declaration libknead.so does not export (declared but never defined, or defined in
    a file that does not include its header, or not built into the library).
A module that cmake/layers.txt builds into a library of its own (not libknead) has its header
include/knead/<module>.h left out: that API is not libknead's.
Declarations are read with a small C scanner (comments, strings and preprocessor lines dropped,
top-level statements split at `;`): typedefs, struct/enum/union definitions and macros are not
symbols. Standard library and binutils' nm only.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUBLIC = os.path.join(ROOT, "include", "knead")
MARK = "KN_API"
# what the linker itself defines in every shared object
LINKER_SYMBOLS = {"_init", "_fini", "_edata", "_end", "__bss_start"}
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def blank(text, start, end):
    """text with [start, end) replaced by spaces, newlines kept (offsets and lines stay)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def strip(text):
    """The header's code only: comments, string/char literals, preprocessor lines (with their
    continuations) and the `extern "C"` block of C++ guards replaced by blanks."""
    out, i, n = list(text), 0, len(text)

    def wipe(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    line_start = True
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            wipe(i, j)
            i = j
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            wipe(i, j + 1)
            i = j + 1
            continue
        if line_start and c == "#":
            j = i
            while True:
                k = text.find("\n", j)
                k = n if k < 0 else k
                if k > 0 and text[k - 1] == "\\" and k < n:
                    j = k + 1
                    continue
                break
            directive = text[i:k]
            wipe(i, k)
            if re.match(r"#\s*ifdef\s+__cplusplus", directive):  # extern "C" { or }, then #endif
                e = re.compile(r"^\s*#\s*endif", re.M).search(text, k)
                end = n if e is None else e.end()
                wipe(k, end)
                i = end
            else:
                i = k
            continue
        if c == "\n":
            line_start = True
        elif not c.isspace():
            line_start = False
        i += 1
    return "".join(out)


def statements(code):
    """(start offset, text) of each top-level statement ending in `;`."""
    depth, start = 0, None
    for i, c in enumerate(code):
        if start is None and not c.isspace():
            start = i
        if c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
        elif c == ";" and depth == 0 and start is not None:
            yield start, code[start:i]
            start = None


def top_level(text):
    """text with everything inside () and {} blanked: the statement's outline."""
    out, depth = [], 0
    for c in text:
        if c in "({":
            depth += 1
            out.append(c if depth == 1 else " ")
        elif c in ")}":
            depth -= 1
            out.append(c if depth == 0 else " ")
        else:
            out.append(c if depth == 0 else " ")
    return "".join(out)


def declarations(path):
    """(name, line, offset, marked) of every function and object a header declares."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    code = strip(text)
    found = []
    for start, stmt in statements(code):
        outline = top_level(stmt)
        words = IDENT.findall(outline)
        if not words or words[0] == "typedef":
            continue
        if "(" in outline:  # a function: the name is the identifier before the first (
            name = IDENT.findall(outline[: outline.index("(")])
            if not name:
                continue
            name = name[-1]
        elif words[0] == "extern":  # an object
            decl = re.split(r"[\[=]", outline)[0]
            name = IDENT.findall(decl)[-1]
        else:
            continue  # struct/enum/union definitions
        line = text.count("\n", 0, start) + 1
        found.append((name, line, start, MARK in words))
    return found


def other_libraries():
    """Modules cmake/layers.txt builds outside libknead (library column not `knead`): their
    public header include/knead/<module>.h declares another library's API."""
    out = set()
    with open(os.path.join(ROOT, "cmake", "layers.txt"), encoding="utf-8") as f:
        for line in f:
            row = line.split("#", 1)[0].split()
            if len(row) >= 3 and row[2] != "knead":
                out.add(row[0])
    return out


def headers():
    """The public headers of libknead (those of modules built into other libraries left out)."""
    skip = {m + ".h" for m in other_libraries()}
    return sorted(os.path.join(PUBLIC, f) for f in os.listdir(PUBLIC)
                  if f.endswith(".h") and f not in skip)


def mark():
    """Inserts KN_API before every unmarked declaration (export.h included where needed)."""
    for path in headers():
        if os.path.basename(path) == "export.h":
            continue
        todo = [d for d in declarations(path) if not d[3]]
        if not todo:
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for _, _, offset, _ in sorted(todo, key=lambda d: -d[2]):
            text = text[:offset] + MARK + " " + text[offset:]
        if '#include "knead/export.h"' not in text:
            m = re.search(r"^#define KNEAD_\w+_H\n", text, re.M)
            text = text[: m.end()] + '\n#include "knead/export.h"\n' + text[m.end():]
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{os.path.relpath(path, ROOT)}: {len(todo)} declaration(s) marked {MARK}")


def exported(build):
    lib = os.path.join(build, "libknead.so")
    r = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"exports-check: nm failed on {lib}: {r.stderr.strip()}")
    syms = set()
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            syms.add(parts[2].split("@")[0])
    return syms - LINKER_SYMBOLS


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build", nargs="?", help="the build directory holding libknead.so")
    ap.add_argument("--mark", action="store_true", help="add KN_API where it is missing")
    ap.add_argument("--list", action="store_true", help="print the public declarations")
    args = ap.parse_args()
    if args.mark:
        mark()
        return 0
    decls = {}
    problems = []
    for path in headers():
        rel = os.path.relpath(path, ROOT)
        for name, line, _, marked in declarations(path):
            decls.setdefault(name, f"{rel}:{line}")
            if not marked:
                problems.append(f"{rel}:{line}: {name}: public declaration without {MARK}")
    if args.list:
        for name in sorted(decls):
            print(f"{name} {decls[name]}")
        return 0
    if not args.build:
        ap.error("give the build directory (or --mark / --list)")
    syms = exported(args.build)
    for s in sorted(syms - set(decls)):
        problems.append(f"libknead.so: {s}: exported but declared in no include/knead/*.h "
                        f"(an internal symbol: give it no {MARK}, or declare it in the public API)")
    for name in sorted(set(decls) - syms):
        problems.append(f"{decls[name]}: {name}: declared public but not exported by libknead.so")
    for p in problems:
        print(p)
    if problems:
        print(f"exports-check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"exports-check: ok ({len(syms)} symbols exported, each declared in include/knead/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
