# SPDX-License-Identifier: Apache-2.0
"""knead.simulate against the CLI: the same inputs give the same summary.json, series and events."""

import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import knead


def test_summary_timeseries_events_match_the_cli(cli, tmp_path, short_session_file, root):
    subject = root / "examples" / "subject_default.yaml"
    out = tmp_path / "cli"
    subprocess.run([cli, "simulate", str(subject), str(short_session_file), "-o", str(out), "-q"],
                   check=True)
    r = knead.simulate(knead.Subject.from_file(subject),
                       knead.Session.from_file(short_session_file))
    with open(out / "summary.json") as f:
        assert r.summary == json.load(f)
    csv = pd.read_csv(out / "timeseries.csv")
    ts = r.timeseries
    assert list(ts.columns) == list(csv.columns)
    assert ts.shape == csv.shape
    # the CLI writes %.6g: equal to 6 significant digits
    np.testing.assert_allclose(ts.to_numpy(), csv.to_numpy(), rtol=5e-6, atol=0)
    ev = pd.read_csv(out / "events.csv")
    assert len(ev) == len(r.events) > 0
    assert list(r.events.columns) == list(ev.columns)
    for col in ("kind", "site_kind", "site", "unit", "evidence"):
        assert list(r.events[col]) == list(ev[col])
    np.testing.assert_allclose(r.events["t_start_s"], ev["t_start_s"], atol=5e-4)


def test_write_gives_the_cli_files(cli, tmp_path, short_session_file, root):
    subject = root / "examples" / "subject_default.yaml"
    subprocess.run([cli, "simulate", str(subject), str(short_session_file), "-o",
                    str(tmp_path / "cli"), "-q"], check=True)
    r = knead.simulate(subject, short_session_file)
    r.write(tmp_path / "py")
    for name in ("summary.json", "timeseries.csv", "events.csv"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_units_in_the_column_names(short_session):
    r = knead.simulate(None, short_session)
    ts = r.timeseries
    assert ts.columns[0] == "t_s"
    # 30 s recorded every 0.1 s (the default record_interval)
    assert len(ts) == 300
    assert ts["t_s"].iloc[1] - ts["t_s"].iloc[0] == pytest.approx(0.1)
    assert any(c.endswith("_mmHg") for c in ts.columns)
    assert list(r.events.columns)[:2] == ["t_start_s", "t_end_s"]


def test_kept_series_spans_the_run(short_session):
    full = knead.simulate(None, short_session).timeseries
    kept = knead.simulate(None, short_session, series="kept").timeseries
    # 300 rows fit in the 4096 kept in memory: the same rows
    np.testing.assert_array_equal(full.to_numpy(), kept.to_numpy())


def test_dt_and_seed(short_session):
    r = knead.simulate(None, short_session, dt=2e-3, seed=7)
    assert r.session.dt == pytest.approx(2e-3)
    assert r.session.seed == 7
    # the caller's session is not changed
    assert short_session.dt == pytest.approx(1e-3)
    with pytest.raises(ValueError):
        knead.simulate(None, short_session, dt=1.0)


def test_same_inputs_same_result(short_session):
    a = knead.simulate(None, short_session, practitioner_seed=3)
    b = knead.simulate(None, short_session, practitioner_seed=3)
    assert a.summary == b.summary


def test_report_html(tmp_path, short_session):
    r = knead.simulate(None, short_session)
    try:
        path = r.report(tmp_path / "run.html")
    except OSError as e:  # a build without the report's chart library (issue 18, part 3)
        pytest.skip(f"report not available in this build: {e}")
    text = path.read_text()
    assert text.startswith("<!DOCTYPE html>") or text.lower().startswith("<!doctype html")
    assert (r.report(tmp_path / "dir")).name == "report.html"
    assert (tmp_path / "dir" / "summary.json").exists()
