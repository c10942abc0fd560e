#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Outputs checked before the run, and limits decided before work starts: an output is never an
# input, a link, an empty name, or a folder knead did not write (decided by file types and the
# .knead-output marker, not names); a user's file is never deleted; concurrent runs into one -o end
# with one complete result and nothing else; a session spanning more than 24 h and a series
# projected above --max-output are refused up front with exit 2, naming the fields to change.
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
subj="$src/tests/bad_input/good_subject.yaml"
cat >"$tmp/S.yaml" <<'YAML'
session:
  name: "short"
  recovery: 0 s
  actions:
    - do: effleurage
      region: upper_back
      force: 20 N
      duration: 2 s
YAML
cp "$tmp/S.yaml" "$tmp/S.orig"
fast() { # fast NAME: the last command was refused before the run (well under a run's time)
  if [ "$elapsed" -le 3 ]; then ok; else bad "$1: took $elapsed s, not refused up front"; fi
}
timed() { local t0=$SECONDS; check "$@"; elapsed=$((SECONDS - t0)); }
no_debris() { # no_debris NAME DIR: no temporary or old folders of knead left in DIR
  local left
  left=$(find "$2" -maxdepth 1 \( -name '*.tmp-*' -o -name '*.old-*' -o -name '*.tmp' \) | head -3)
  if [ -z "$left" ]; then ok; else bad "$1: left behind: $left"; fi
}

# ---- outputs that are inputs ---------------------------------------------------------------------
check trace-is-session 2 "$knead" simulate "$subj" "$tmp/S.yaml" --trace "$tmp/S.yaml"
expect_text trace-is-session "$tmp/err" "is the input file"
if cmp -s "$tmp/S.yaml" "$tmp/S.orig"; then ok; else bad "trace-is-session: the session changed"; fi
ln "$tmp/S.yaml" "$tmp/hard.csv"
check trace-is-hard-link 2 "$knead" simulate "$subj" "$tmp/S.yaml" --trace "$tmp/hard.csv"
rm "$tmp/hard.csv"
printf 't_s,contact,region,landmark,x_m,y_m,force_N,shear_N,velocity_m_per_s,area_m2,contact_type\n0,0,,,,,0,,,,\n' >"$tmp/in.csv"
cp "$tmp/in.csv" "$tmp/in.orig"
check events-is-input 2 "$knead" monitor --input "$tmp/in.csv" --events "$tmp/in.csv"
expect_text events-is-input "$tmp/err" "is the input file"
check events-is-stdin 2 "$knead" monitor --events "$tmp/in.csv" <"$tmp/in.csv"
if cmp -s "$tmp/in.csv" "$tmp/in.orig"; then ok; else bad "events-is-input: the recording changed"; fi

# ---- names and links: refused before the run -----------------------------------------------------
timed empty-o 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o ''
fast empty-o; expect_text empty-o "$tmp/err" "the name is empty"
check empty-trace 2 "$knead" simulate "$subj" "$tmp/S.yaml" --trace ''
ln -s "$tmp/nowhere" "$tmp/dangling"
timed dangling-o 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/dangling"
fast dangling-o; expect_text dangling-o "$tmp/err" "dangling"
check dangling-trace 2 "$knead" simulate "$subj" "$tmp/S.yaml" --trace "$tmp/dangling"
if [ -L "$tmp/dangling" ] && [ ! -e "$tmp/nowhere" ]; then ok; else bad "dangling: link changed"; fi
check first-run 0 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/old" --quiet
if [ -f "$tmp/old/.knead-output" ]; then ok; else bad "first-run: no .knead-output marker"; fi
expect_text marker "$tmp/old/.knead-output" "summary.json"
ln -s "$tmp/old" "$tmp/link"
timed link-to-old 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/link"
fast link-to-old; expect_text link-to-old "$tmp/err" "symbolic link"
timed link-slash 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/link/"
if [ -L "$tmp/link" ] && [ -f "$tmp/old/summary.json" ]; then ok; else bad "link: changed"; fi
check rerun 0 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/old" --quiet
check trace-in-outdir 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/old" --trace "$tmp/old/summary.json"
check trace-is-outdir 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/new" --trace "$tmp/new"
expect_text trace-is-outdir "$tmp/err" "inside the -o folder"

# ---- knead's own folder: types and the marker, not names -----------------------------------------
mkdir -p "$tmp/dirsum/summary.json"
check dir-named-summary 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/dirsum"
if [ -d "$tmp/dirsum/summary.json" ]; then ok; else bad "dir-named-summary: folder replaced"; fi
mkdir -p "$tmp/nomark" && echo '{}' >"$tmp/nomark/summary.json"
check no-marker 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/nomark"
expect_text no-marker "$tmp/err" ".knead-output"
echo "my own report" >"$tmp/old/report.html"
check user-report-simulate 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/old"
expect_text user-report-simulate "$tmp/err" "report.html"
check user-report-report 2 "$knead" report "$tmp/old"
expect_text user-report-kept "$tmp/old/report.html" "my own report"
rm "$tmp/old/report.html"
check knead-report 0 "$knead" report "$tmp/old"
expect_text knead-report-listed "$tmp/old/.knead-output" "report.html"
check rerun-over-report 0 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/old" --quiet
cp "$tmp/S.yaml" "$tmp/old/events.csv.bak"
check foreign-file 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/old"
if [ -f "$tmp/old/events.csv.bak" ]; then ok; else bad "foreign-file: deleted"; fi
# knead report reads timeseries.csv streaming, with a bounded line: a 2 MB line is refused
mkdir "$tmp/huge" && cp "$tmp/old/summary.json" "$tmp/old/events.csv" "$tmp/huge/"
{ echo "t_s,x"; head -c 2000000 /dev/zero | tr '\0' 1; echo; } >"$tmp/huge/timeseries.csv"
check report-long-line 2 "$knead" report "$tmp/huge"
expect_text report-long-line "$tmp/err" "timeseries.csv:2: line too long"
no_debris outputs "$tmp"

# ---- concurrent runs into one -o: one complete result, nothing else ------------------------------
pids=""
for i in 1 2 3 4; do
  "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/shared" --quiet 2>"$tmp/conc$i.err" &
  pids="$pids $!"
done
codes=""
for p in $pids; do wait "$p"; codes="$codes $?"; done
if [ "$codes" = " 0 0 0 0" ]; then ok; else bad "concurrent: exit codes$codes"; cat "$tmp"/conc*.err; fi
for f in summary.json timeseries.csv events.csv columns.json .knead-output; do
  if [ -s "$tmp/shared/$f" ]; then ok; else bad "concurrent: no $f"; fi
done
if [ "$(ls -A "$tmp/shared" | wc -l)" = 5 ]; then ok; else bad "concurrent: $(ls -A "$tmp/shared")"; fi
no_debris concurrent "$tmp"

# ---- limits decided before work starts -----------------------------------------------------------
cat >"$tmp/long.yaml" <<'YAML'
session:
  actions:
    - do: rest
      duration: 240 min
      repetitions: 1000
      rest_between: 3600 s
YAML
timed span 2 "$knead" simulate "$subj" "$tmp/long.yaml" -o "$tmp/long"
fast span; expect_text span "$tmp/err" "a session may span at most 24 h"
if [ ! -e "$tmp/long" ]; then ok; else bad "span: output written"; fi
timed advise-span 2 "$knead" advise --region calf --force 40 --minutes 240 --repetitions 1000 --rest 3600
fast advise-span; expect_text advise-span "$tmp/err" "at most 24 h"
cat >"$tmp/fine.yaml" <<'YAML'
session:
  record_interval: 1 ms
  actions:
    - do: rest
      duration: 240 min
YAML
timed output-limit 2 "$knead" simulate "$subj" "$tmp/fine.yaml" -o "$tmp/fine"
fast output-limit
expect_text output-limit "$tmp/err" "record_interval, duration: timeseries.csv would take about"
expect_text output-limit "$tmp/err" "--max-output 2GB"
if [ ! -e "$tmp/fine" ]; then ok; else bad "output-limit: output written"; fi
timed trace-limit 2 "$knead" simulate "$subj" "$tmp/fine.yaml" --trace "$tmp/fine.csv"
fast trace-limit; expect_text trace-limit "$tmp/err" "the trace would take about"
check max-output-small 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/small" --max-output 1kB
check max-output-bad 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/small" --max-output lots
check max-output-raised 0 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/small" --max-output 1MB --quiet
no_debris limits "$tmp"

# ---- the compressed series: the same text as timeseries.csv, and report.html reads it ------------
check series-csv 0 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/plain" --quiet
check series-gz 0 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/gz" --timeseries=csv.gz --report --quiet
if [ -e "$tmp/gz/timeseries.csv.gz" ] && [ ! -e "$tmp/gz/timeseries.csv" ]; then ok; else bad "series-gz: files"; fi
if gzip -dc "$tmp/gz/timeseries.csv.gz" | cmp -s - "$tmp/plain/timeseries.csv"; then ok; else bad "series-gz: text differs"; fi
if cmp -s "$tmp/gz/summary.json" "$tmp/plain/summary.json"; then ok; else bad "series-gz: summary differs"; fi
if [ -s "$tmp/gz/report.html" ]; then ok; else bad "series-gz: no report.html"; fi
check series-gz-again 0 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/gz" --timeseries csv.gz --quiet
check series-format-bad 2 "$knead" simulate "$subj" "$tmp/S.yaml" -o "$tmp/bad" --timeseries hdf5
expect_text series-format-bad "$tmp/err" "--timeseries needs csv or csv.gz"
if [ ! -e "$tmp/bad" ]; then ok; else bad "series-format-bad: output written"; fi
finish
