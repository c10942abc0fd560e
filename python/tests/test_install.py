# SPDX-License-Identifier: Apache-2.0
"""`pip install ./python` works offline: into a throw-away virtual environment that sees the
system's cffi, numpy, pandas and pip, built with the system's setuptools (docs/python.md,
Install). The environment is made without a pip of its own (that copy takes most of the time)."""

import importlib.util
import shutil
import subprocess
import sys

import pytest

import knead


def test_offline_pip_install(root, tmp_path):
    for module in ("pip", "setuptools"):  # looked for, not imported: they patch distutils
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is missing (Debian: python3-pip, python3-setuptools)")
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages",
                    str(env_dir)], check=True)
    src = tmp_path / "src"  # a copy: pip writes build/ and *.egg-info beside the sources
    shutil.copytree(root / "python", src, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__", ".pytest_cache"))
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index",
                    "--no-build-isolation", str(src)], check=True)
    out = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c",
         "import knead; print(knead.__file__); print(knead.version())"],
        cwd=tmp_path, env={"KNEAD_LIBRARY": knead.LIBRARY_PATH, "PATH": "/usr/bin:/bin"},
        check=True, capture_output=True, text=True).stdout.split("\n")
    assert out[0].startswith(str(env_dir))  # the installed copy, not the source tree
    assert out[1] == knead.version()
