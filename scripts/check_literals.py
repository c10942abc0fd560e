#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The literal scan: every physiological number lives in the parameter table (issue 16, part 4).

Usage: scripts/check_literals.py [--root DIR] [--allow FILE] [--summary] [--names] [PATH...]

Scans the C sources (.c, .h) under src/ (or the PATHs given) for numeric literals and prints
`file:line: literal` for each one that is not accounted for; exits 1 if any is left, 0 if none.
--summary prints the count per folder and per file instead of the list; --names lists the named
constants the scan accepted (for review: none of them may be a physiological number).

The rule. A numeric literal in src/ is accounted for when
  1. it is in a comment, a string or a character constant (the tokenizer skips them), or in a
     preprocessor line other than #define (#include, #if, #pragma ...);
  2. its file is exempt as a whole (`exempt PATH  # reason` in the allow-list): the parameter
     table itself, the unit conversions (each defined once, in src/core/units.h), the data
     tables whose every row carries its own source key (the atlas, the muscle mechanics table,
     the parameter spreads), and code that implements a published algorithm's constants (the
     random number generator);
  3. its value is one of the allow-list's global values: mathematical constants such as 0, 1, 2,
     0.5, and unit conversions such as 60, 1e3, 100 % (`value V ...`);
  4. the allow-list names it for its file (`PATH V ...  # reason`): a literal that is part of an
     equation's published form or of a file format;
  5. it is hexadecimal or octal: a bit pattern, a hash constant, a file mode or a code point,
     never a quantity;
  6. it is a name: in the body of an object-like `#define NAME body`, in an enum member's value,
     or the whole initializer of a `const` object (`const double tol = 1e-9;`). Named constants
     are for format and array-size limits, numerical tolerances and guards; a physiological
     number must not hide behind a name (--names lists every one, for review);
  7. it is in the initializer of a file-scope const table of a file the allow-list marks with
     `tables PATH  # reason` (format data such as the input's accepted ranges);
  8. it is an integer standing alone between brackets (`buf[64]`, `row[3]`): a size or an index,
     never a physiological value.
Everything else is reported: a number that means something about the body belongs in
src/core/params.h (KN_PARAM_LIST) with a source key or `calibrated: <to what>`.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

NUMBER = re.compile(
    r"""(?P<ident>[A-Za-z_]\w*)
      | (?P<num>(?:0[xX][0-9a-fA-F]*\.?[0-9a-fA-F]*(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[uUlLfF]*)
      | (?P<punct>[\[\]{};=,()])""",
    re.VERBOSE,
)


def strip_comments_and_strings(text):
    """Returns text with comments, string and character literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1 : j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def logical_lines(code):
    """Yields (first physical line number, logical line) joining backslash continuations."""
    lines = code.split("\n")
    i = 0
    while i < len(lines):
        start, buf = i + 1, lines[i]
        while buf.endswith("\\") and i + 1 < len(lines):
            i += 1
            buf = buf[:-1] + " " + lines[i]
        yield start, buf, i + 1 - start
        i += 1


def literal_value(tok):
    if tok.lower().startswith("0x"):
        t = tok.rstrip("uUlL")
        try:
            return float.fromhex(t) if "." in t or "p" in t.lower() else float(int(t, 16))
        except ValueError:
            return None
    try:
        return float(tok.rstrip("uUlLfF"))
    except ValueError:
        return None


def code_lines(code):
    """Yields (line number, text, named): preprocessor lines blanked, except a function-like
    macro's body (code) and an object-like #define's body (named); a logical line spread over
    continuation lines comes back under its first line's number."""
    for start, text, extra in logical_lines(code):
        s = text.lstrip()
        macro = re.match(r"#\s*define\s+\w+\([^)]*\)(.*)$", s)  # function-like: code
        define = re.match(r"#\s*define\s+\w+(\s.*)?$", s)  # object-like: a name
        if macro:
            yield start, macro.group(1), False
        elif s.startswith("#"):
            yield start, (define.group(1) or "") if define else "", True
        else:
            yield start, text, False
        for k in range(extra):
            yield start + k + 1, "", False


def scan_file(path, tables):
    """Yields (line, literal, kind) for each literal: kind 'name', 'table', 'index', 'hex', 'bare'."""
    with open(path, encoding="utf-8", errors="replace") as f:
        code = strip_comments_and_strings(f.read())
    toks = []  # (kind, text, line, in a #define body)
    for ln, text, named in code_lines(code):
        for m in NUMBER.finditer(text):
            toks.append((m.lastgroup, m.group(m.lastgroup), ln, named))
    enum_depth = table_depth = None
    depth = 0
    stmt = []  # tokens of the current file-scope statement
    for k, (kind, text, ln, named) in enumerate(toks):
        if kind == "ident" and text == "enum":
            enum_depth = depth
        elif kind == "punct" and text == "{":
            if depth == 0 and tables and "const" in stmt and "=" in stmt:
                table_depth = 0
            depth += 1
        elif kind == "punct" and text == "}":
            depth -= 1
            if enum_depth is not None and depth == enum_depth:
                enum_depth = None
            if table_depth is not None and depth == table_depth:
                table_depth = None
        elif kind == "punct" and text == ";" and depth == 0:
            enum_depth = None
            stmt = []
        if depth == 0 and not named:
            stmt.append(text)
        if kind != "num":
            continue
        prev = toks[k - 1] if k else ("", "", 0, False)
        nxt = toks[k + 1] if k + 1 < len(toks) else ("", "", 0, False)
        if named:
            yield ln, text, "name"
        elif text.lower().startswith("0x") or re.fullmatch(r"0[0-7]+[uUlL]*", text):
            yield ln, text, "hex"
        elif prev[1] == "[" and nxt[1] == "]" and re.fullmatch(r"\d+[uUlL]*", text):
            yield ln, text, "index"
        elif enum_depth is not None and prev[1] == "=" and nxt[1] in (",", "}"):
            yield ln, text, "name"
        elif prev[1] == "=" and nxt[1] == ";" and is_const_decl(toks, k - 1):
            yield ln, text, "name"
        elif table_depth is not None:
            yield ln, text, "table"
        else:
            yield ln, text, "bare"


def is_const_decl(toks, eq):
    """True if the tokens before toks[eq] ('=') read `... const TYPE NAME` back to a ; { or }."""
    j = eq - 1
    seen = []
    while j >= 0 and toks[j][1] not in (";", "{", "}", ",", "(", ")"):
        seen.append(toks[j][1])
        j -= 1
    return "const" in seen and len(seen) >= 3


def load_allow(path):
    """The allow-list: global values, per-file values, exempt files, files with format tables."""
    values, per_file, exempt, tables = set(), {}, set(), set()
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if parts[0] == "value":
                values.update(float(v) for v in parts[1:])
            elif parts[0] in ("exempt", "tables") and len(parts) == 2:
                (exempt if parts[0] == "exempt" else tables).add(parts[1])
            elif len(parts) >= 2:
                per_file.setdefault(parts[0], set()).update(literal_value(v) for v in parts[1:])
            else:
                sys.exit(f"{path}: cannot read line: {raw.rstrip()}")
    return values, per_file, exempt, tables


def source_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for d, _, files in os.walk(p):
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    yield os.path.join(d, name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--root", default=ROOT)
    ap.add_argument("--allow", default=os.path.join(HERE, "literals_allow.txt"))
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--names", action="store_true")
    a = ap.parse_args()
    values, per_file, exempt, tables = load_allow(a.allow)
    paths = a.paths or [os.path.join(a.root, "src")]
    bare = []
    for path in sorted(source_files(paths)):
        rel = os.path.relpath(os.path.abspath(path), a.root)
        if rel in exempt:
            continue
        for ln, lit, kind in scan_file(path, rel in tables):
            if kind in ("name", "table"):
                if a.names:
                    print(f"{rel}:{ln}: {lit} ({kind})")
                continue
            if kind in ("index", "hex"):
                continue
            v = literal_value(lit)
            if v in values or v in per_file.get(rel, ()):
                continue
            bare.append((rel, ln, lit))
    if a.names:
        return 0
    if a.summary:
        per_dir, per_rel = {}, {}
        for rel, _, _ in bare:
            per_dir[os.path.dirname(rel)] = per_dir.get(os.path.dirname(rel), 0) + 1
            per_rel[rel] = per_rel.get(rel, 0) + 1
        for d in sorted(per_dir):
            print(f"{d}: {per_dir[d]}")
            for r in sorted(x for x in per_rel if os.path.dirname(x) == d):
                print(f"  {r}: {per_rel[r]}")
    else:
        for rel, ln, lit in bare:
            print(f"{rel}:{ln}: {lit}")
    if bare:
        print(f"{len(bare)} numeric literal(s) outside the parameter table "
              "(rule: scripts/check_literals.py; allow-list: scripts/literals_allow.txt)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
