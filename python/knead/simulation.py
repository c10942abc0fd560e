# SPDX-License-Identifier: Apache-2.0
"""knead.simulate: one session on one subject, with the outputs of `knead simulate -o DIR`."""

import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from ._lib import ffi, lib, libc, string
from .inputs import InputError, Session, Subject

SITE_KINDS = ("region", "nerve", "muscle", "body")
EVENT_COLUMNS = ("t_start_s", "t_end_s", "kind", "site_kind", "site", "action", "value", "unit",
                 "evidence")
# the session loader's range for dt (include/knead/spec.h: 0.1 ms..10 ms)
DT_MIN, DT_MAX = 1e-4, 1e-2


def site_name(site_kind, site):
    """Atlas name of a region, nerve or muscle; "body" for the whole body."""
    if site_kind == 0:
        rec = lib.kn_atlas_region(site)
    elif site_kind == 1:
        rec = lib.kn_atlas_nerve(site)
    elif site_kind == 2:
        rec = lib.kn_atlas_muscle(site)
    else:
        return "body"
    return string(rec.name) if rec != ffi.NULL else str(site)


class _Series:
    """Every recorded row, copied by the C library into one array made before the run
    (kn_series_buffer_sink): no Python runs and the GIL is not taken while the run records."""

    def __init__(self, rows_max, ncol):
        self.values = np.empty((max(rows_max, 1), ncol))
        self.buffer = ffi.new("kn_series_buffer *")
        self.buffer.values = ffi.from_buffer("double[]", self.values)  # kept alive by .values
        self.buffer.capacity = self.values.shape[0]
        self.buffer.ncol = ncol

    @property
    def nrow(self):
        return self.buffer.nrow


class Result:
    """A finished run: .summary (dict, as summary.json), .timeseries and .events (DataFrames,
    units in the column names), .report(path)."""

    def __init__(self, model, data, series, subject, session):
        self._m = model
        self._d = data
        self._series = series
        self.subject = subject
        self.session = session
        self._summary = None

    @property
    def summary(self):
        """summary.json as a dict (with the advice), as `knead simulate -o DIR` writes it."""
        if self._summary is None:
            text = lib.kn_report_json(self._m, self._d)
            if text == ffi.NULL:
                raise MemoryError("knead: could not build the summary")
            try:
                self._summary = json.loads(ffi.string(text).decode("utf-8"))
            finally:
                libc.free(text)
        return self._summary

    @property
    def harm(self):
        """Overall harm: "none", "discomfort", "minor", "injury" or "severe"."""
        return string(lib.kn_harm_name(lib.kn_data_outcome(self._m, self._d).harm))

    @property
    def duration(self):
        """s simulated."""
        return lib.kn_data_time(self._d)

    def columns(self):
        """Names of the time-series columns, each with its unit (e.g. "t_s", "..._mmHg")."""
        m = self._m
        return [string(lib.kn_series_name(m, c)) for c in range(lib.kn_series_ncol(m))]

    @property
    def timeseries(self):
        """Every recorded row (at record_interval), as timeseries.csv; units in the column names.
        With series="kept" only the rows kept in memory (at most 4096, peaks preserved)."""
        names = self.columns()
        if self._series is not None:
            values = self._series.values[: self._series.nrow]
        else:
            n = lib.kn_series_nrow(self._d)
            buf = ffi.buffer(lib.kn_series_values(self._d), n * len(names) * 8)
            values = np.frombuffer(buf, dtype=np.float64).reshape(n, len(names)).copy()
        return pd.DataFrame(values, columns=names, copy=False)

    @property
    def events(self):
        """events.csv as a DataFrame: one row per event, in order of start."""
        o = lib.kn_data_outcome(self._m, self._d)
        rows = []
        for i in range(o.nevent):
            e = o.events[i]
            rows.append((e.t_start, e.t_end, string(lib.kn_event_kind_name(e.kind)),
                         SITE_KINDS[e.site_kind] if 0 <= e.site_kind < 4 else "?",
                         site_name(e.site_kind, e.site), e.action, e.value, string(e.unit),
                         string(lib.kn_evidence_name(e.evidence))))
        return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))

    def write(self, folder):
        """Writes summary.json, timeseries.csv and events.csv into folder (created if missing),
        in the formats of `knead simulate -o DIR`."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        diag = ffi.new("kn_diag *")
        if lib.kn_report_write(self._m, self._d, str(folder).encode(), diag) != 0:
            raise OSError(InputError.from_diag(diag).text())
        if self._series is not None:  # the full series: kn_report_write left it to the caller
            path = str(folder / "timeseries.csv").encode()
            f = libc.fopen(path, b"w")
            if f == ffi.NULL:
                raise OSError(f"{folder}/timeseries.csv: cannot write")
            lib.kn_report_series_header(self._m, f)
            values = np.ascontiguousarray(self._series.values[: self._series.nrow])
            lib.kn_report_series_sink(f, ffi.from_buffer("double[]", values),
                                      values.shape[0], values.shape[1])
            bad = libc.ferror(f)
            if libc.fclose(f) != 0 or bad:
                raise OSError(f"{folder}/timeseries.csv: could not write")
        return folder

    def report(self, path):
        """Writes the HTML report. path ending in .html: that one file; otherwise a folder that
        gets summary.json, timeseries.csv, events.csv and report.html (as `-o DIR --report`).
        Returns the path of report.html."""
        path = Path(path)
        diag = ffi.new("kn_diag *")
        if path.suffix.lower() in (".html", ".htm"):
            with tempfile.TemporaryDirectory(prefix="knead-report-") as tmp:
                self.write(tmp)
                if lib.kn_report_html_write(tmp.encode(), diag) != 0:
                    raise OSError(InputError.from_diag(diag).text())
                shutil.move(os.path.join(tmp, "report.html"), path)
            return path
        self.write(path)
        if lib.kn_report_html_write(str(path).encode(), diag) != 0:
            raise OSError(InputError.from_diag(diag).text())
        return path / "report.html"

    def __repr__(self):
        return f"knead.Result(harm={self.harm!r}, duration={self.duration:g} s)"


def _as_subject(subject):
    if subject is None:
        return Subject.default()
    if isinstance(subject, Subject):
        return subject
    if isinstance(subject, dict):
        return Subject.from_dict(subject)
    return Subject.from_file(subject)


def _as_session(session):
    if isinstance(session, Session):
        return session.copy()
    if isinstance(session, dict):
        return Session.from_dict(session)
    return Session.from_file(session)


def simulate(subject, session, dt=None, seed=None, practitioner_percentile=None,
             practitioner_seed=None, series="full"):
    """Runs session on subject (each a Subject/Session, a dict or a file path; subject None: the
    default subject) and returns a Result.

    dt: s, the simulation step (default the session's, 1 ms); seed: the practitioner's random
    seed (default the session's); practitioner_percentile (1..99) or practitioner_seed: as the
    CLI's --practitioner-percentile / --practitioner-seed. series: "full" keeps every recorded row
    (as timeseries.csv), "kept" only the rows the library keeps in memory (at most 4096).
    The C library runs without the GIL: threads run several simulations at once."""
    if series not in ("full", "kept"):
        raise ValueError('series must be "full" or "kept"')
    if practitioner_percentile is not None and practitioner_seed is not None:
        raise ValueError("give practitioner_percentile or practitioner_seed, not both")
    subject = _as_subject(subject)
    session = _as_session(session)
    s = session._c
    if dt is not None:
        dt = float(dt)
        if not (DT_MIN <= dt <= DT_MAX) or not math.isfinite(dt):
            raise ValueError(f"dt: {dt} s is outside 1e-4..1e-2 s")
        if dt > s.record_interval:
            raise ValueError(f"dt: {dt} s is longer than the session's record_interval")
        s.dt = dt
    if seed is not None:
        s.seed = int(seed)
    if practitioner_percentile is not None:
        p = int(practitioner_percentile)
        if not 1 <= p <= 99:
            raise ValueError("practitioner_percentile must be 1..99")
        s.practitioner_percentile, s.practitioner_seeded = p, 0
    if practitioner_seed is not None:
        s.practitioner_percentile, s.practitioner_seeded = 0, 1
        s.practitioner_seed = int(practitioner_seed)
    return _run(subject, session, series)


def _run(subject, session, series="full"):
    diag = ffi.new("kn_diag *")
    mp = ffi.new("kn_model **")
    rc = lib.kn_model_create(subject._c, session._c, mp, diag)
    if rc != 0:
        if rc == -1:
            raise MemoryError("knead: out of memory")
        raise InputError.from_diag(diag, session.name)
    model = ffi.gc(mp[0], lib.kn_model_free)
    dp = ffi.new("kn_data **")
    if lib.kn_data_create(model, dp) != 0:
        raise MemoryError("knead: out of memory")
    data = ffi.gc(dp[0], lib.kn_data_free)
    sink = None
    if series == "full":
        sink = _Series(lib.kn_series_rows_max(model), lib.kn_series_ncol(model))
        lib.kn_data_set_series_sink(data, lib.kn_series_buffer_sink, sink.buffer)
    rc = lib.kn_run(model, data, ffi.NULL, ffi.NULL)  # the GIL is released for the whole run
    if rc != 0:
        raise RuntimeError(f"knead: the run failed: {string(lib.kn_strerror(rc))}")
    if sink is not None and sink.buffer.dropped:  # kn_series_rows_max is an upper bound
        raise RuntimeError(f"knead: {sink.buffer.dropped} rows of the series did not fit")
    return Result(model, data, sink, subject, session)
