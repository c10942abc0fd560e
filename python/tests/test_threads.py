# SPDX-License-Identifier: Apache-2.0
"""The GIL is released while the C library runs: threads run simulations side by side."""

import threading

import pytest

import knead

LONG_SESSION = {
    "recovery": "0 s",
    "actions": [{"do": "petrissage", "muscle": "upper_trapezius", "contact": "palm",
                 "force": "40 N", "duration": "3 min"}],
}


@pytest.mark.parametrize("series", ["full", "kept"])
def test_python_runs_while_a_simulation_runs(series):
    # the whole run is one C call (the full series is copied in C): the GIL is free throughout
    session = knead.Session.from_dict(LONG_SESSION)
    done = threading.Event()

    def work():
        knead.simulate(None, session, series=series)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    ticks = 0
    while not done.is_set():
        ticks += 1  # would stay near 0 if the run held the GIL
    t.join()
    assert ticks > 10000


def test_two_threads_give_the_results_of_one():
    session = knead.Session.from_dict(LONG_SESSION)
    expected = [knead.simulate(None, session, practitioner_seed=s).summary for s in (1, 2)]
    got = [None, None]

    def work(i):
        got[i] = knead.simulate(None, session, practitioner_seed=i + 1).summary

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected
