#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A knead built without the HTML report (-DKN_REPORT=OFF, or no node_modules at configure time):
#   tests/install/noreport.sh KNEAD
# simulate --report and knead report say in one line how to get the report, exit 2 and write
# nothing; a run without --report works as ever. `make noreport-check` runs it on the clang build.
set -u
knead="${1:?usage: noreport.sh KNEAD}"
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
source "$here/../cli/lib/checks.sh"
subject="$src/examples/subject_default.yaml"
session="$src/examples/neck_shoulder_professional.yaml"

check "simulate --report" 2 "$knead" simulate "$subject" "$session" -o "$tmp/run" --report -q
expect_text "simulate --report: how to get it" "$tmp/err" "npm ci"
if [ "$(wc -l <"$tmp/err")" = 1 ]; then ok; else bad "simulate --report: not one line"; fi
if [ -e "$tmp/run" ]; then bad "simulate --report wrote $tmp/run"; else ok; fi
check "simulate without --report" 0 "$knead" simulate "$subject" "$session" -o "$tmp/run" -q
if [ -s "$tmp/run/summary.json" ]; then ok; else bad "no summary.json"; fi
check "knead report" 2 "$knead" report "$tmp/run"
expect_text "knead report: how to get it" "$tmp/err" "npm ci"
if [ -e "$tmp/run/report.html" ]; then bad "knead report wrote report.html"; else ok; fi
finish
