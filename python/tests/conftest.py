# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: the source tree, the knead CLI of the same build, a short session."""

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))  # the package of this tree, not an installed one

import knead  # noqa: E402


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """The knead binary built beside the libknead the package loaded (or KNEAD_CLI)."""
    path = os.environ.get("KNEAD_CLI") or str(Path(knead.LIBRARY_PATH).resolve().parent / "knead")
    if not os.access(path, os.X_OK):
        path = shutil.which("knead")
    if not path:
        pytest.skip("no knead binary beside libknead and none on PATH")
    return path


# about half a minute of calf work and no recovery: runs in well under a second
SHORT_SESSION = {
    "name": "short calf",
    "recovery": "0 s",
    "actions": [
        {"do": "effleurage", "muscle": "gastrocnemius", "contact": "palm", "force": "25 N",
         "duration": "20 s"},
        {"do": "compression", "muscle": "gastrocnemius", "contact": "thumb", "force": "120 N",
         "duration": "10 s"},
    ],
}


@pytest.fixture
def short_session():
    return knead.Session.from_dict(SHORT_SESSION, name="short_calf")


@pytest.fixture
def short_session_file(tmp_path):
    import json

    path = tmp_path / "short_calf.json"
    path.write_text(json.dumps({"session": SHORT_SESSION}, indent=2))
    return path
