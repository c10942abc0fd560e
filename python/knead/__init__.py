# SPDX-License-Identifier: Apache-2.0
"""knead: what a massage does to the body, from Python (over libknead through cffi).

    import knead
    r = knead.simulate(knead.Subject.from_file("examples/subject_default.yaml"),
                       knead.Session.from_file("examples/neck_shoulder_professional.yaml"))
    r.summary["harm"], r.timeseries.shape, r.events

See docs/python.md.
"""

from ._lib import LIBRARY_PATH, lib, string
from .inputs import InputError, Session, Subject
from .simulation import Result, simulate
from .advise import advise
from .cohort import Cohort, cohort
from .monitor import Monitor, MonitorStatus

__all__ = ["InputError", "Subject", "Session", "Result", "simulate", "advise", "cohort", "Cohort",
           "Monitor", "MonitorStatus", "version", "LIBRARY_PATH"]


def version():
    """Version of the libknead loaded, e.g. "0.1.0"."""
    return string(lib.kn_version())


__version__ = "0.1.0"
