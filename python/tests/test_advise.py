# SPDX-License-Identifier: Apache-2.0
"""knead.advise: the CLI's flags as keywords, the same answer as `knead advise --json`."""

import json
import subprocess

import pytest

import knead


def test_advise_matches_the_cli(cli):
    flags = dict(region="neck", technique="deep", contact="thumb", force="60N", minutes="1",
                 giver="partner", fever="38.2", ill=True, blood_pressure="150/95")
    argv = [cli, "advise", "--json"]
    for k, v in flags.items():
        argv += [f"--{k.replace('_', '-')}"] + ([] if v is True else [v])
    out = subprocess.run(argv, capture_output=True, text=True)
    assert out.returncode == 1, out.stderr  # change or stop
    r = knead.advise(**flags)
    assert r.summary == json.loads(out.stdout)
    assert r.summary["advice_verdict"] == "stop"
    assert "fever" in [a["rule"] for a in r.summary["advice"]]


def test_advise_bad_value_names_the_keyword():
    with pytest.raises(knead.InputError) as info:
        knead.advise(region="calf", force="20N", age=200)
    assert info.value.field == "age"
    with pytest.raises(ValueError):
        knead.advise(force="20N")  # no place
    with pytest.raises(TypeError):
        knead.advise(region="calf", force="20N", colour="blue")
