#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Dose-response of harm: spasm and bruising incidence against planned force and onset rate.

Sweeps the session of examples/cohort/dose_response.yaml.in (a thumb compression on the neck and a
forearm stroke on the calf) for both practitioner profiles with `knead cohort`, then draws
docs/dose_response.svg: incidence with its Wilson 95 % interval against the planned force (each
profile at its default onset) and against the onset rate (planned force / onset time, at 60 N).
Plain Python 3 standard library (Debian's python3); the SVG is written directly.

  scripts/dose_response.py [--knead build/knead] [-n 200] [-j 2] [--out docs/dose_response.svg]

The template is the one place that names the parameters the onset sets (see its header); this
script reads every @ONSET_<PROFILE>@ placeholder and the parameter named on its line, and takes the
parameters' defaults from `knead atlas --format json`.
"""
import argparse
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE = os.path.join(ROOT, "examples", "cohort", "dose_response.yaml.in")
POPULATION = os.path.join(ROOT, "data", "populations", "us_adult.yaml")
PROFILES = ["professional", "untrained_partner"]
ROWS = ["spasm", "bruise"]  # cohort outcome rows (src/cohort/outcomes.c)
FORCES = [20, 60, 100, 150, 200]  # N, at the profile's default onset
BASE_FORCE = 150  # N, for the onset sweep: where clinically defined spasms begin (test_dose_response.c)
ONSET_FACTORS = [10, 3, 1, 0.3, 0.1]  # x the profile's default onset time (the parameter's range)


def wilson(k, n, z=1.959963985):
    if n == 0:
        return 0.0, 0.0, 1.0
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return p, max(0.0, c - h), min(1.0, c + h)


def onset_parameters(template):
    """{PROFILE_SUFFIX: parameter name} from the template's placeholder lines."""
    out = {}
    for line in template.splitlines():
        if line.lstrip().startswith("#"):
            continue
        m = re.match(r"\s*([A-Za-z0-9_]+)\s*:\s*@ONSET_([A-Z_]+)@", line)
        if m:
            out[m.group(2)] = m.group(1)
    return out


def session_text(template, params, defaults, profile, force, onset):
    text = template.replace("@FORCE@", "%g" % force)
    for suffix, name in params.items():
        value = onset if suffix == profile.upper() else defaults[name]
        text = text.replace("@ONSET_%s@" % suffix, "%.6g" % value)
    return text


def run_point(knead, text, profile, n, threads, tmp):
    ses = os.path.join(tmp, "session.yaml")
    db = os.path.join(tmp, "results.sqlite")
    with open(ses, "w") as f:
        f.write(text)
    for p in (db, db + "-wal", db + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    subprocess.run([knead, "cohort", POPULATION, ses, "-n", str(n), "--profiles", profile,
                    "-j", str(threads), "-q", "-o", db], check=True)
    con = sqlite3.connect(db)
    row = con.execute("SELECT count(*), %s FROM results" %
                      ", ".join("sum(%s)" % r for r in ROWS)).fetchone()
    con.close()
    return row[0], dict(zip(ROWS, row[1:]))


# ---- the SVG -----------------------------------------------------------------------------------

COLOURS = {("professional", "spasm"): "#1f77b4", ("professional", "bruise"): "#17becf",
           ("untrained_partner", "spasm"): "#d62728", ("untrained_partner", "bruise"): "#ff7f0e"}
DASH = {"spasm": "", "bruise": "6,3"}


def panel(x0, y0, w, h, title, xlabel, series, log_x):
    """One chart: series is {(profile, row): [(x, p, lo, hi), ...]}."""
    xs = [pt[0] for pts in series.values() for pt in pts]
    lo_x, hi_x = min(xs), max(xs)
    if log_x:
        fx = lambda x: x0 + w * (math.log10(x) - math.log10(lo_x)) / (
            math.log10(hi_x) - math.log10(lo_x))
    else:
        fx = lambda x: x0 + w * (x - lo_x) / (hi_x - lo_x)
    fy = lambda p: y0 + h * (1 - p)
    s = ['<text x="%g" y="%g" font-size="14" font-weight="bold">%s</text>' % (x0, y0 - 12, title)]
    s.append('<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="#444"/>' %
             (x0, y0, w, h))
    for p in (0, 0.25, 0.5, 0.75, 1.0):
        s.append('<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#ddd"/>' %
                 (x0, fy(p), x0 + w, fy(p)))
        s.append('<text x="%g" y="%g" font-size="11" text-anchor="end">%d %%</text>' %
                 (x0 - 6, fy(p) + 4, round(100 * p)))
    ticks = sorted(set(xs))
    last = -1e9
    for x in ticks:
        s.append('<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#444"/>' %
                 (fx(x), y0 + h, fx(x), y0 + h + 4))
        if fx(x) - last < 30:  # a label too close to the previous one is left out
            continue
        last = fx(x)
        s.append('<text x="%g" y="%g" font-size="10" text-anchor="middle">%s</text>' %
                 (fx(x), y0 + h + 16, "%g" % float("%.2g" % x)))
    s.append('<text x="%g" y="%g" font-size="12" text-anchor="middle">%s</text>' %
             (x0 + w / 2, y0 + h + 34, xlabel))
    for key, pts in series.items():
        pts = sorted(pts)
        colour = COLOURS[key]
        path = " ".join("%s%g,%g" % ("M" if i == 0 else "L", fx(x), fy(p))
                        for i, (x, p, lo, hi) in enumerate(pts))
        dash = ' stroke-dasharray="%s"' % DASH[key[1]] if DASH[key[1]] else ""
        s.append('<path d="%s" fill="none" stroke="%s" stroke-width="2"%s/>' % (path, colour, dash))
        for x, p, lo, hi in pts:
            s.append('<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s"/>' %
                     (fx(x), fy(lo), fx(x), fy(hi), colour))
            s.append('<circle cx="%g" cy="%g" r="3" fill="%s"/>' % (fx(x), fy(p), colour))
    return s


def write_svg(path, by_force, by_rate, n, version):
    W, H = 980, 470
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif">' % (W, H),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="20" y="24" font-size="15">Dose-response: incidence of spasm and bruising, US '
         'adults, %d subjects per point (Wilson 95 %% interval), knead %s</text>' % (n, version)]
    s += panel(70, 70, 380, 300, "against planned force (default onset)", "planned force (N)",
               by_force, False)
    s += panel(560, 70, 380, 300, "against onset rate (%d N)" % BASE_FORCE,
               "onset rate: planned force / onset time (N/s, log scale)", by_rate, True)
    y = 430
    x = 70
    for (profile, row), colour in COLOURS.items():
        dash = ' stroke-dasharray="%s"' % DASH[row] if DASH[row] else ""
        s.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>' %
                 (x, y, x + 30, y, colour, dash))
        s.append('<text x="%d" y="%d" font-size="12">%s, %s</text>' %
                 (x + 36, y + 4, row, profile.replace("_", " ")))
        x += 220
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--knead", default=os.path.join(ROOT, "build", "knead"))
    ap.add_argument("-n", type=int, default=200, help="subjects per point and profile")
    ap.add_argument("-j", type=int, default=2, help="threads of each cohort run")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "dose_response.svg"))
    a = ap.parse_args()
    with open(TEMPLATE) as f:
        template = f.read()
    params = onset_parameters(template)
    atlas = json.loads(subprocess.run([a.knead, "atlas", "--format", "json"], check=True,
                                      capture_output=True, text=True).stdout)
    defaults = {p["name"]: p["value"] for p in atlas["parameters"]}
    by_force, by_rate = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for profile in PROFILES:
            name = params[profile.upper()]
            onset0 = defaults[name]
            for force in FORCES:
                n, k = run_point(a.knead, session_text(template, params, defaults, profile, force,
                                                       onset0), profile, a.n, a.j, tmp)
                for row in ROWS:
                    p, lo, hi = wilson(k[row], n)
                    by_force.setdefault((profile, row), []).append((force, p, lo, hi))
                    print("%-18s %-6s force %5g N  onset %6g s: %3d of %d" %
                          (profile, row, force, onset0, k[row], n), flush=True)
            for factor in ONSET_FACTORS:
                onset = onset0 * factor
                n, k = run_point(a.knead, session_text(template, params, defaults, profile,
                                                       BASE_FORCE, onset), profile, a.n, a.j, tmp)
                for row in ROWS:
                    p, lo, hi = wilson(k[row], n)
                    by_rate.setdefault((profile, row), []).append((BASE_FORCE / onset, p, lo, hi))
                    print("%-18s %-6s force %5g N  onset %6g s: %3d of %d" %
                          (profile, row, BASE_FORCE, onset, k[row], n), flush=True)
    write_svg(a.out, by_force, by_rate, a.n, atlas.get("knead_version", "?"))
    print("wrote", a.out)


if __name__ == "__main__":
    sys.exit(main())
