# SPDX-License-Identifier: Apache-2.0
"""`pip install ./python` works offline: into a throw-away virtual environment that sees the
system's cffi, numpy and pandas, built with the system's setuptools (docs/python.md, Install)."""

import shutil
import subprocess
import sys

import pytest

import knead


def test_offline_pip_install(root, tmp_path):
    try:
        import setuptools  # noqa: F401
    except ImportError:
        pytest.skip("no setuptools (Debian: python3-setuptools)")
    env_dir = tmp_path / "env"
    r = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env_dir)],
                       capture_output=True, text=True)
    if r.returncode != 0 or not (env_dir / "bin" / "pip").exists():
        pytest.skip(f"no venv with pip here (Debian: python3-venv): {r.stderr.strip()}")
    src = tmp_path / "src"  # a copy: pip writes build/ and *.egg-info beside the sources
    shutil.copytree(root / "python", src, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__", ".pytest_cache"))
    subprocess.run([str(env_dir / "bin" / "pip"), "install", "-q", "--no-index",
                    "--no-build-isolation", str(src)], check=True)
    out = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c",
         "import knead; print(knead.__file__); print(knead.version())"],
        cwd=tmp_path, env={"KNEAD_LIBRARY": knead.LIBRARY_PATH, "PATH": "/usr/bin:/bin"},
        check=True, capture_output=True, text=True).stdout.split("\n")
    assert out[0].startswith(str(env_dir))  # the installed copy, not the source tree
    assert out[1] == knead.version()
