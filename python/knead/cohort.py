# SPDX-License-Identifier: Apache-2.0
"""knead.cohort: run a virtual cohort into its SQLite database (as `knead cohort ... -o DB`) or
open one, and read its tables and incidences as pandas DataFrames."""

import os
import sqlite3
from pathlib import Path

import pandas as pd

from ._lib import LOADER_LOCK, ffi, lib, string
from .inputs import InputError, Session

Z95 = 1.959963985  # normal quantile of a 95 % interval, as the CLI
PROFILES = ("professional", "untrained_partner", "rough_partner")  # kn_practitioner order
BY = ("sex", "age", "hypertension", "cramps")  # kn_cohort_by order


def _fail(diag, default_file=None):
    raise InputError.from_diag(diag, default_file)


def _incidence(s, course=False):
    """One row per outcome and profile of a kn_cohort_summary: counts, Wilson 95 % interval and,
    for two different profiles, the relative risk as the CLI shows it (untrained partner over
    professional, Katz log interval). course: the course outcomes (a session with a course)."""
    rows = []
    nprof = s.nprofile
    treat = 1 if nprof == 2 and s.profiles[1] == 1 else 0
    rr_shown = nprof == 2 and s.profiles[0] != s.profiles[1]
    count = s.kc if course else s.k
    name = lib.kn_cohort_course_outcome_name if course else lib.kn_cohort_outcome_name
    label = lib.kn_cohort_course_outcome_label if course else lib.kn_cohort_outcome_label
    for i in range(s.ncourse_outcome if course else s.noutcome):
        rr = None
        if rr_shown:
            t, c = treat, 1 - treat
            out = ffi.new("kn_interval *")
            if lib.kn_relative_risk(count[i][t], s.n[t], count[i][c], s.n[c], Z95, out) == 0:
                rr = (out.est, out.lo, out.hi)
        for p in range(nprof):
            w = lib.kn_wilson(count[i][p], s.n[p], Z95)
            row = {
                "stratum": string(s.stratum) or "all",
                "outcome": string(name(i)),
                "label": string(label(i)),
                "profile": PROFILES[s.profiles[p]],
                "n": int(s.n[p]),
                "k": int(count[i][p]),
                "incidence": w.est,
                "ci95_lo": w.lo,
                "ci95_hi": w.hi,
            }
            if rr_shown:
                row["relative_risk"] = rr[0] if rr else float("nan")
                row["rr_ci95_lo"] = rr[1] if rr else float("nan")
                row["rr_ci95_hi"] = rr[2] if rr else float("nan")
            rows.append(row)
    return pd.DataFrame(rows)


class Cohort:
    """A stored cohort: .run (dict of the run's arguments), .subjects, .results, .events (the
    database's tables), .incidence (per outcome and profile, Wilson 95 % CI, relative risk) and
    .incidence_by(trait) for one stratified table per trait. A session with a course also gives
    .course_incidence (the same over each subject's whole course), .course_results and
    .course_sessions (docs/cohort.md, "Courses of sessions"); without one they are None."""

    def __init__(self, path):
        self.path = str(path)
        if not os.path.exists(self.path):
            raise FileNotFoundError(self.path)
        s = ffi.new("kn_cohort_summary *")
        diag = ffi.new("kn_diag *")
        # checks the file as the CLI does (lock, schema, damage) before anything is read
        if lib.kn_cohort_summary_load(self.path.encode(), s, diag) != 0:
            _fail(diag, self.path)
        self.incidence = _incidence(s)
        self.course_incidence = _incidence(s, course=True) if s.ncourse_outcome else None
        self.complete = s.nprofile > 0 and s.n[0] == s.info.n
        self._tables = {}

    def _table(self, name):
        if name not in self._tables:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            with sqlite3.connect(uri, uri=True) as db:
                self._tables[name] = pd.read_sql_query(f"SELECT * FROM {name}", db)
        return self._tables[name]

    @property
    def run(self):
        """The run's arguments (population, session, n, seed, profiles, version, ...)."""
        t = self._table("run")
        return dict(zip(t["key"], t["value"]))

    @property
    def subjects(self):
        """One row per subject: its traits as drawn."""
        return self._table("subjects")

    @property
    def results(self):
        """One row per subject and profile: outcome flags (0/1) and peaks."""
        return self._table("results")

    @property
    def events(self):
        """The events kept per subject and profile."""
        return self._table("events")

    @property
    def course_results(self):
        """A course run: one row per subject and profile over the whole course (else None)."""
        return self._table("course_results") if self.course_incidence is not None else None

    @property
    def course_sessions(self):
        """A course run: one row per session of each subject's course (else None)."""
        return self._table("course_sessions") if self.course_incidence is not None else None

    def incidence_by(self, trait):
        """The incidence table per stratum of trait: "sex", "age", "hypertension" or "cramps"."""
        if trait not in BY:
            raise ValueError(f"trait must be one of {', '.join(BY)}")
        out = ffi.new("kn_cohort_summary[3]")
        nout = ffi.new("size_t *")
        diag = ffi.new("kn_diag *")
        if lib.kn_cohort_summary_by(self.path.encode(), BY.index(trait), out, 3, nout, diag):
            _fail(diag, self.path)
        return pd.concat([_incidence(out[i]) for i in range(nout[0])], ignore_index=True)

    def __repr__(self):
        return f"knead.Cohort({self.path!r})"


def cohort(population=None, session=None, n=None, output=None, seed=1, profiles=None,
           threads=None):
    """Runs a cohort as `knead cohort POPULATION SESSION -n N -o OUTPUT [--seed S] [--profiles
    LIST] [-j THREADS]` and returns the Cohort; with output alone, opens that database.

    population and session are file paths (the database records their hashes, so a run resumes
    only with the same files); profiles: a list or comma-separated string of professional,
    untrained_partner, rough_partner (default: the session's); threads: default the machine's
    cores. A database of an unfinished run of the same arguments is resumed. Parameter
    uncertainty and sensitivity runs are the CLI's (--uncertainty, --sensitivity)."""
    if population is None and session is None:
        if output is None:
            raise TypeError("cohort() needs output (a database to open) or population, session, n")
        return Cohort(output)
    if population is None or session is None or n is None or output is None:
        raise TypeError("a run needs population, session, n and output")
    n, seed = int(n), int(seed)
    if n < 1:
        raise ValueError("n must be at least 1")
    population, session, output = os.fspath(population), os.fspath(session), os.fspath(output)
    diag = ffi.new("kn_diag *")
    pp = ffi.new("kn_population **")
    with LOADER_LOCK:
        rc = lib.kn_population_load(population.encode(), pp, diag)
    if rc:
        _fail(diag, population)
    pop = ffi.gc(pp[0], lib.kn_population_free)
    sess = Session.from_file(session)
    job = ffi.new("kn_cohort_job *")
    job.population = pop
    job.session = sess._c
    job.seed = seed
    job.design = ffi.NULL
    if profiles is None:
        job.profiles[0] = sess._c.practitioner
        job.nprofile = 1
    else:
        names = profiles.split(",") if isinstance(profiles, str) else list(profiles)
        if not 1 <= len(names) <= 2:
            raise ValueError("profiles: one or two of " + ", ".join(PROFILES))
        for i, name in enumerate(names):
            if name not in PROFILES:
                raise ValueError(f"unknown profile {name!r}; profiles are " + ", ".join(PROFILES))
            job.profiles[i] = PROFILES.index(name)
        job.nprofile = len(names)

    info = ffi.new("kn_cohort_run_info *")
    lib.kn_cohort_design_describe(ffi.NULL, info.parameters, len(info.parameters))
    info.population_file = population.encode()[:255]
    info.session_file = session.encode()[:255]
    if lib.kn_cohort_hash_file(population.encode(), info.population_hash,
                               len(info.population_hash)) or \
            lib.kn_cohort_hash_file(session.encode(), info.session_hash, len(info.session_hash)):
        raise OSError("knead: cannot read the input files")
    info.population_name = ffi.string(lib.kn_population_name(pop))[:127]
    info.session_name = ffi.string(sess._c.name)[:127]
    info.n = n
    info.seed = seed
    info.course_sessions = sess._c.course.nsession  # a course run has its course tables
    info.profiles = ",".join(PROFILES[job.profiles[p]] for p in range(job.nprofile)).encode()
    info.version = ffi.string(lib.kn_version())

    sp = ffi.new("kn_cohort_store **")
    if lib.kn_cohort_store_open(output.encode(), info, sp, diag):
        _fail(diag, output)
    store = sp[0]
    try:
        done = ffi.new("unsigned char[]", n)
        if lib.kn_cohort_store_done(store, done, n, diag):
            _fail(diag, output)
        pending = [i for i in range(n) if not done[i]]
        indices = ffi.new("uint64_t[]", pending or [0])
        failure = []

        @ffi.callback("kn_cohort_deliver_fn")
        def deliver(unit, ctx):  # in this thread, one finished subject at a time
            d = ffi.new("kn_diag *")
            if lib.kn_cohort_store_write(store, unit, d):
                failure.append(InputError.from_diag(d, output))
                return 1
            return 0

        nthread = int(threads) if threads else (os.cpu_count() or 1)
        if pending:
            # the pool draws subjects with the subject loader (UDUNITS-2): no other thread of
            # this process may load a document meanwhile
            with LOADER_LOCK:
                rc = lib.kn_cohort_pool_run(job, indices, len(pending), max(nthread, 1), deliver,
                                            ffi.NULL, ffi.NULL, diag)
            if failure:
                raise OSError(failure[0].text())
            if rc:
                _fail(diag, session)
        if lib.kn_cohort_store_finish(store, diag):
            _fail(diag, output)
    finally:
        lib.kn_cohort_store_close(store)
    return Cohort(output)
