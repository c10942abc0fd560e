# SPDX-License-Identifier: Apache-2.0
"""knead.Monitor: margins and action, checked against ISO/TS 15066 Table A.2 by hand."""

import math

import pytest

import knead

# ISO/TS 15066:2016 Table A.2, neck muscle (the ISO area of neck_lateral): quasi-static force
# limit 150 N; the transient limit is twice that while a contact is younger than 0.5 s.
NECK_F_MAX = 150.0


def test_no_contact_is_ok():
    m = knead.Monitor()
    st = m.push(0.0, None, 0.0)
    assert st.action == "ok"
    assert st.reason == "none"
    assert st.accepted


def test_force_margin_against_the_iso_limit():
    m = knead.Monitor(knead.Subject.from_dict({"age": 40}))
    st = None
    for i in range(5):  # 5 ms of 60 N: a young contact, the transient limit applies
        st = m.push(i * 1e-3, "neck_lateral", 60.0, 0.0, 1e-3)
    assert st.margins["neck_lateral"]["iso_force"] == pytest.approx(1 - 60.0 / (2 * NECK_F_MAX))
    for i in range(5, 700):  # past 0.5 s: the quasi-static limit
        st = m.push(i * 1e-3, "neck_lateral", 60.0, 0.0, 1e-3)
    assert st.margins["neck_lateral"]["iso_force"] == pytest.approx(1 - 60.0 / NECK_F_MAX)


def test_over_the_limit_says_back_off():
    m = knead.Monitor()
    raised = set()
    for i in range(700):  # 200 N on the neck for 0.7 s: over the 150 N limit
        st = m.push(i * 1e-3, "neck_lateral", 200.0, 0.0, 1e-3)
        raised.update(e[0] for e in st.events if e[1])
    assert "iso_force" in raised
    assert st.action == "limit"
    assert st.margin < 0
    assert st.margins["neck_lateral"]["iso_force"] == pytest.approx(1 - 200.0 / NECK_F_MAX)


def test_sensor_fault_is_rejected():
    m = knead.Monitor()
    m.push(0.0, "calf", 10.0, 0.0, 2e-3)
    st = m.push(1e-3, "calf", math.nan, 0.0, 2e-3)
    assert st.action == "fault"
    assert st.reason == "fault_nonfinite"
    assert not st.accepted
    with pytest.raises(ValueError):
        m.push(2e-3, "nowhere", 10.0)
