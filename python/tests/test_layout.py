# SPDX-License-Identifier: Apache-2.0
"""The hand-written cffi declarations (knead/_lib.py) against the real headers: a C program
compiled with include/knead prints every struct's size and every field's offset and size, which
must equal cffi's (a field of a wrong type or a missing one fails, even where padding hides it)."""

import importlib
import shutil
import subprocess

import pytest

from knead import _lib


def test_struct_layouts_match_the_headers(root, tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        pytest.skip("no C compiler to read the headers with")
    ffi = _lib.ffi
    checks = []  # (C expression, value cffi gives)
    for name in _lib.STRUCTS:
        checks.append((f"sizeof({name})", ffi.sizeof(name)))
        for field, f in ffi.typeof(name).fields:
            checks.append((f"offsetof({name}, {field})", ffi.offsetof(name, field)))
            checks.append((f"sizeof((({name} *)0)->{field})", ffi.sizeof(f.type)))
    for ours, theirs in _lib.PREFIX_STRUCTS:
        for field, f in ffi.typeof(ours).fields:
            checks.append((f"offsetof({theirs}, {field})", ffi.offsetof(ours, field)))
            checks.append((f"sizeof((({theirs} *)0)->{field})", ffi.sizeof(f.type)))
    # the enum values the package writes as numbers
    # (knead.cohort is the function; the module is knead.cohort in sys.modules)
    cohort = importlib.import_module("knead.cohort")
    monitor = importlib.import_module("knead.monitor")
    simulation = importlib.import_module("knead.simulation")

    for i, name in enumerate(cohort.PROFILES):
        checks.append((f"KN_PRACTITIONER_{name.upper()}", i))
    for i, name in enumerate(cohort.BY):
        checks.append((f"KN_BY_{name.upper()}", i))
    for i, name in enumerate(simulation.SITE_KINDS):
        checks.append((f"KN_SITE_{name.upper()}", i))
    checks.append(("KN_LIMIT_COUNT", len(monitor.LIMITS)))
    lines = [f'  printf("%zu\\n", (size_t)({expr}));' for expr, _ in checks]
    src = tmp_path / "layout.c"
    src.write_text("#include <stddef.h>\n#include <stdio.h>\n#include \"knead/knead.h\"\n"
                   "int main(void) {\n" + "\n".join(lines) + "\n  return 0;\n}\n")
    exe = tmp_path / "layout"
    subprocess.run([cc, "-std=c11", "-I", str(root / "include"), str(src), "-o", str(exe)],
                   check=True)
    got = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout.split()
    wrong = [f"{expr}: header {int(real)}, knead/_lib.py {mine}"
             for (expr, mine), real in zip(checks, got) if int(real) != mine]
    assert len(got) == len(checks)
    assert not wrong, "\n".join(wrong)


def test_enum_names_match():
    # the enum values the package relies on, by their names in the library
    from knead._lib import lib, string

    assert string(lib.kn_monitor_level_name(2)) == "limit"
    assert string(lib.kn_practitioner_name(1)) == "untrained_partner"
    assert string(lib.kn_cohort_by_name(0)) == "sex"
    assert string(lib.kn_monitor_limit_name(8)) == "muscle_damage"
    assert string(lib.kn_monitor_limit_name(9)) == "?"  # KN_LIMIT_COUNT is 9
