#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The licence line of every source file (issue 18): `SPDX-License-Identifier: Apache-2.0`.

    scripts/spdx.py          list the tracked sources without the line; exit 1 if any
    scripts/spdx.py --add    add the line where it is missing (first line, after a #! line)

The sources are the files git tracks whose names match SOURCE_PATTERNS; the line must be among the
first HEAD_LINES lines. `make spdx-check` (mk/install.mk, part of `make check`) runs the check.
"""
import fnmatch
import os
import subprocess
import sys

LICENSE = "Apache-2.0"
TAG = "SPDX-License-Identifier: " + LICENSE
HEAD_LINES = 3
# pattern -> how the line is written in that language
SOURCE_PATTERNS = {
    "*.c": "/* {} */",
    "*.h": "/* {} */",
    "*.js": "// {}",
    "*.mjs": "// {}",
    "*.css": "/* {} */",
    "*.py": "# {}",
    "*.sh": "# {}",
    "*.cmake": "# {}",
    "*.cmake.in": "# {}",
    "*.cmake.inc": "# {}",
    "*.pc.in": "# {}",
    "*.mk": "# {}",
    "CMakeLists.txt": "# {}",
    "Makefile": "# {}",
    "*.toml": "# {}",
}


def comment_style(path):
    name = os.path.basename(path)
    for pattern, style in SOURCE_PATTERNS.items():
        if fnmatch.fnmatch(name, pattern):
            return style
    return None


def tracked_sources(root):
    out = subprocess.run(["git", "ls-files", "-z"], cwd=root, check=True,
                         capture_output=True).stdout.decode()
    # third-party files never enter git (node_modules is ignored); a symlink is not a source
    return [p for p in out.split("\0")
            if p and comment_style(p) and not os.path.islink(os.path.join(root, p))
            and os.path.isfile(os.path.join(root, p))]


def has_tag(text):
    return any(TAG in line for line in text.splitlines()[:HEAD_LINES])


def add_tag(path, text):
    line = comment_style(path).format(TAG) + "\n"
    if text.startswith("#!"):
        first, _, rest = text.partition("\n")
        return first + "\n" + line + rest
    return line + text


def main(argv):
    add = "--add" in argv[1:]
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], check=True,
                          capture_output=True, text=True).stdout.strip()
    missing = []
    for rel in tracked_sources(root):
        path = os.path.join(root, rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if has_tag(text):
            continue
        if add:
            with open(path, "w", encoding="utf-8") as f:
                f.write(add_tag(rel, text))
        missing.append(rel)
    if add:
        print(f"spdx: added the licence line to {len(missing)} files")
        return 0
    for rel in missing:
        print(f"{rel}:1: no '{TAG}' in the first {HEAD_LINES} lines (scripts/spdx.py --add)")
    if missing:
        return 1
    print(f"spdx-check: ok ({len(tracked_sources(root))} sources, {LICENSE})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
