# SPDX-License-Identifier: Apache-2.0
"""knead.cohort: the same database as `knead cohort`, tables and incidences as DataFrames."""

import subprocess

import pytest

import knead


def dump(cli, db):
    return subprocess.run([cli, "cohort", "--dump", str(db)], check=True, capture_output=True,
                          text=True).stdout


def test_cohort_run_matches_the_cli(cli, root, tmp_path, short_session_file):
    pop = root / "data" / "populations" / "us_adult.yaml"
    n = 3
    py_db, cli_db = tmp_path / "py.sqlite", tmp_path / "cli.sqlite"
    c = knead.cohort(pop, short_session_file, n=n, output=py_db,
                     profiles=["professional", "untrained_partner"], threads=2)
    subprocess.run([cli, "cohort", str(pop), str(short_session_file), "-n", str(n), "-o",
                    str(cli_db), "--profiles", "professional,untrained_partner", "-j", "2", "-q"],
                   check=True)
    assert dump(cli, py_db) == dump(cli, cli_db)

    assert c.complete
    assert len(c.subjects) == n
    assert len(c.results) == 2 * n
    inc = c.incidence
    assert set(inc["profile"]) == {"professional", "untrained_partner"}
    # the counts are the results table's
    for _, row in inc.iterrows():
        res = c.results[c.results["profile"] == row["profile"]]
        assert row["k"] == int(res[row["outcome"]].sum())
        assert row["n"] == n
    # Wilson 95 % upper bound for 0 of n: z^2 / (n + z^2)
    z2 = 1.959963985**2
    zero = inc[inc["k"] == 0].iloc[0]
    assert zero["ci95_lo"] == 0.0
    assert zero["ci95_hi"] == pytest.approx(z2 / (n + z2))
    assert "relative_risk" in inc.columns
    assert c.run["n"] == str(n)
    assert c.course_incidence is None and c.course_results is None  # no course in the session

    # opening the database gives the same tables
    again = knead.cohort(output=py_db)
    assert again.incidence.equals(inc)
    by = again.incidence_by("sex")
    assert set(by["stratum"]) <= {"female", "male"}
    assert by.groupby(["stratum", "profile"])["n"].first().sum() == 2 * n


def test_cohort_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        knead.cohort(output=tmp_path / "none.sqlite")
    with pytest.raises(TypeError):
        knead.cohort()


def test_cohort_of_a_course(cli, root, tmp_path):
    """A session with a course: the course tables and the course incidence, as the CLI writes them."""
    import json

    from conftest import SHORT_SESSION

    session = dict(SHORT_SESSION, name="short calf, 3 days running", course={"every": "1 d",
                                                                           "sessions": 3})
    path = tmp_path / "course.json"
    path.write_text(json.dumps({"session": session}))
    pop = root / "data" / "populations" / "us_adult.yaml"
    n = 2
    py_db, cli_db = tmp_path / "py.sqlite", tmp_path / "cli.sqlite"
    c = knead.cohort(pop, path, n=n, output=py_db, threads=1)
    subprocess.run([cli, "cohort", str(pop), str(path), "-n", str(n), "-o", str(cli_db), "-q"],
                   check=True)
    assert dump(cli, py_db) == dump(cli, cli_db)
    assert c.run["course_sessions"] == "3" and c.run["schema_version"] == "3"
    assert len(c.course_results) == n and len(c.course_sessions) == 3 * n
    assert list(c.course_sessions["start_d"][:3]) == [0.0, 1.0, 2.0]
    inc = c.course_incidence
    for _, row in inc.iterrows():  # the counts are the course_results table's
        assert row["k"] == int(c.course_results[row["outcome"]].sum()) and row["n"] == n
