# SPDX-License-Identifier: Apache-2.0
"""Subject and Session: files, dicts, and errors that say where."""

import pytest

import knead


def test_subject_from_file(root):
    s = knead.Subject.from_file(root / "examples" / "subject_default.yaml")
    # the file: 42 years, 168 cm, 64 kg, 30 % body fat (SI units once loaded)
    assert s.age == pytest.approx(42.0)
    assert s.height == pytest.approx(1.68)
    assert s.mass == pytest.approx(64.0)
    assert s.body_fat == pytest.approx(0.30)


def test_subject_from_dict_with_units():
    s = knead.Subject.from_dict({"age": 62, "height": "170 cm",
                                 "mass": "154 lb"})
    assert s.mass == pytest.approx(154 * 0.45359237, rel=1e-6)
    assert s.height == pytest.approx(1.70)
    s2 = knead.Subject.from_dict({"subject": {"age": 30}})
    assert s2.age == pytest.approx(30.0)


def test_subject_error_says_where(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("subject:\n  name: x\n  age: 200 years\n")
    with pytest.raises(knead.InputError) as info:
        knead.Subject.from_file(path)
    e = info.value
    assert e.file == str(path)
    assert e.line == 3
    assert e.column == 8  # where "200 years" starts
    assert e.field == "subject.age"
    assert "range" in e.message
    assert str(e).startswith(f"{path}:3:8: subject.age: ")


def test_dict_error_points_at_its_key():
    with pytest.raises(knead.InputError) as info:
        knead.Subject.from_dict({"age": 40, "mass": "70 m"})
    e = info.value
    assert e.field == "subject.mass"
    assert e.file == "<dict>"
    assert e.line == 4  # json.dumps(indent=2): {, "subject": {, "age", "mass"


def test_session_errors():
    with pytest.raises(knead.InputError) as info:
        knead.Session.from_dict({"actions": [{"do": "effleurage", "region": "nowhere",
                                              "force": "20 N", "duration": "1 min"}]})
    assert "region" in info.value.field
    with pytest.raises(FileNotFoundError):
        knead.Session.from_file("/nonexistent/session.yaml")


def test_session_from_file(root):
    s = knead.Session.from_file(root / "examples" / "neck_shoulder_professional.yaml")
    assert s.practitioner == "professional"
    assert s.actions > 1
    assert s.dt == pytest.approx(1e-3)
