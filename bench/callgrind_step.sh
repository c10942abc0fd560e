#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Instructions of the simulation step, counted (deterministic, unlike wall time on a shared machine):
#   bench/callgrind_step.sh [KNEAD [SESSION]]
# runs KNEAD (default build/knead) under callgrind on SESSION (default the shortened neck/shoulder
# session) and prints the whole run, kn_step inclusive, the CSV sink inside it, and the step
# without the sink (what bench_harm_path times). Needs valgrind. docs/performance.md uses it.
set -eu
knead=${1:-build/knead}
session=${2:-bench/sessions/short_neck_shoulder.yaml}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" "$knead" simulate \
  examples/subject_default.yaml "$session" -o "$out/run" -q >/dev/null 2>"$out/log"
callgrind_annotate --auto=no --inclusive=yes "$out/cg.out" 2>/dev/null |
  awk '/PROGRAM TOTALS/ {gsub(",", "", $1); total = $1}
       / [^ ]*:kn_step / {gsub(",", "", $1); step = $1}
       /:kn_report_series_sink |:kn_series_file_sink / && !sink {gsub(",", "", $1); sink = $1}
       / [^ ]*:kn_stress_table_init / {gsub(",", "", $1); table = $1}
       END {printf "whole run        %.3f G instructions\n", total / 1e9
            printf "kn_step          %.3f G\n", step / 1e9
            printf "  CSV sink       %.3f G\n", sink / 1e9
            printf "  step w/o sink  %.3f G\n", (step - sink) / 1e9
            printf "stress table     %.3f G (model build)\n", table / 1e9}'
