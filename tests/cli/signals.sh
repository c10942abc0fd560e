#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Interruption: SIGINT, SIGTERM and SIGHUP at random moments during simulate, report, monitor and
# cohort end with exit 130, 143 or 129 and one line, and leave nothing behind: no temporary folder
# or file, no parent folder the run created, no half-written trace or events file; an interrupted
# cohort keeps the subjects it finished and the same command completes it, each subject once.
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
set -m # job control: background jobs keep the default SIGINT (a plain script ignores it for them)
subj="$src/tests/bad_input/good_subject.yaml"
signum() { case $1 in INT) echo 2 ;; TERM) echo 15 ;; HUP) echo 1 ;; esac; }
# until_caught PID SIG: waits (up to 5 s) until PID has installed its handler for SIG (the SigCgt
# mask of /proc/PID/status), or has ended. A signal sent before that kills the process by the
# default action: the same exit code, but no chance to say so, and not what these tests are about
# (a slow start, e.g. under AddressSanitizer, made the report case flaky).
until_caught() {
  local bit=$(($(signum "$2") - 1)) mask i
  for ((i = 0; i < 1000; i++)); do
    mask=$(awk '/^SigCgt:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 0
    [ -n "$mask" ] || return 0
    if (((16#$mask >> bit) & 1)); then return 0; fi
    sleep 0.005
  done
}
cat >"$tmp/rest.yaml" <<'YAML'
session:
  name: "a long rest: about 2 s of computing"
  recovery: 0 s
  actions:
    - do: effleurage
      region: upper_back
      force: 20 N
      duration: 30 s
    - do: rest
      duration: 20 min
YAML
leftovers() { # leftovers NAME DIR: nothing temporary in DIR or below
  local left
  left=$(find "$2" \( -name '*.tmp-*' -o -name '*.old-*' -o -name '*.tmp' \) | head -3)
  if [ -z "$left" ]; then ok; else bad "$1: left behind: $left"; fi
}
# interrupted NAME SIG CODE ERRFILE: the exit code of an interrupted run and its one line
interrupted() {
  local want=$((128 + $(signum "$2")))
  if [ "$3" = "$want" ]; then ok; else bad "$1: exit $3, expected $want"; sed 's/^/  /' "$4" | head -3; fi
  if [ "$(wc -l <"$4")" = 1 ]; then ok; else bad "$1: $(wc -l <"$4") lines on stderr"; fi
  expect_text "$1" "$4" "interrupted by SIG$2"
}

# ---- simulate: at random moments, with parents to create and a trace -----------------------------
n_interrupted=0
for sig in INT TERM HUP INT TERM HUP; do
  mkdir -p "$tmp/sim"
  delay=$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.05 + 1.2 * r / 32768 }')
  "$knead" simulate "$subj" "$tmp/rest.yaml" -o "$tmp/sim/new/parent/out" \
    --trace "$tmp/sim/trace.csv" --quiet 2>"$tmp/err" &
  pid=$!
  sleep "$delay"
  kill -s "$sig" "$pid" 2>/dev/null
  wait "$pid"
  code=$?
  if [ "$code" = 0 ]; then # it ended before the signal: then everything is there
    [ -f "$tmp/sim/new/parent/out/timeseries.csv" ] && [ -f "$tmp/sim/trace.csv" ] && ok ||
      bad "simulate $sig: exit 0 without its results"
  else
    n_interrupted=$((n_interrupted + 1))
    interrupted "simulate $sig after $delay s" "$sig" "$code" "$tmp/err"
    if [ ! -e "$tmp/sim/new" ] && [ ! -e "$tmp/sim/trace.csv" ]; then ok; else
      bad "simulate $sig after $delay s: left $(find "$tmp/sim" | tail -n +2 | head -3)"; fi
  fi
  leftovers "simulate $sig" "$tmp/sim"
  rm -rf "$tmp/sim"
done
[ "$n_interrupted" -ge 3 ] && ok || bad "simulate: only $n_interrupted of 6 runs were interrupted"

# an interrupted rerun leaves the earlier result as it was
"$knead" simulate "$subj" "$tmp/rest.yaml" -o "$tmp/keep" --quiet
cp "$tmp/keep/summary.json" "$tmp/summary.before"
"$knead" simulate "$subj" "$tmp/rest.yaml" -o "$tmp/keep" --quiet 2>"$tmp/err" &
pid=$!
sleep 0.3
kill -s TERM "$pid"
wait "$pid"
interrupted "simulate rerun" TERM $? "$tmp/err"
cmp -s "$tmp/keep/summary.json" "$tmp/summary.before" && ok || bad "rerun: earlier result changed"
leftovers "simulate rerun" "$tmp"

# ---- report: at any moment, either a whole report.html or none, never a temporary file ----------
for sig in INT TERM HUP; do
  "$knead" report "$tmp/keep" >/dev/null 2>"$tmp/err" &
  pid=$!
  until_caught "$pid" "$sig"
  sleep "0.0$((RANDOM % 10))"
  kill -s "$sig" "$pid" 2>/dev/null
  wait "$pid"
  code=$?
  want=$((128 + $(signum "$sig")))
  if [ "$code" = 0 ] || [ "$code" = "$want" ]; then ok; else bad "report $sig: exit $code"; fi
  if [ "$code" = "$want" ]; then expect_text "report $sig" "$tmp/err" "interrupted by SIG$sig"; fi
  leftovers "report $sig" "$tmp/keep"
done

# ---- monitor: a live stream interrupted; --events not written half -------------------------------
for sig in INT TERM HUP; do
  rm -f "$tmp/live"
  mkfifo "$tmp/live"
  "$knead" monitor --input "$tmp/live" --events "$tmp/ev.csv" --quiet >/dev/null 2>"$tmp/err" &
  pid=$!
  exec 3>"$tmp/live"
  echo "t_s,contact,region,landmark,x_m,y_m,force_N,shear_N,velocity_m_per_s,area_m2,contact_type" >&3
  for i in 0 1 2 3 4 5 6 7 8 9; do echo "0.00$i,0,upper_back,,0,0,20,,,0.004,palm" >&3; done
  until_caught "$pid" "$sig"
  sleep 0.3
  kill -s "$sig" "$pid"
  wait "$pid"
  code=$?
  exec 3>&-
  interrupted "monitor $sig" "$sig" "$code" "$tmp/err"
  if [ ! -e "$tmp/ev.csv" ]; then ok; else bad "monitor $sig: wrote --events"; fi
  leftovers "monitor $sig" "$tmp"
done

# ---- cohort: interrupted, it keeps what it finished; the same command completes it ---------------
cat >"$tmp/calf.yaml" <<'YAML'
session:
  name: "calf, short"
  recovery: 5 s
  actions:
    - do: tapotement
      muscle: gastrocnemius
      contact: fingertips
      force: 50 N
      rate: 10 Hz
      duration: 4 s
YAML
run=("$src/data/populations/us_adult.yaml" "$tmp/calf.yaml" -n 16 --seed 5 -o "$tmp/c.sqlite"
  --threads 2 --quiet)
"$knead" cohort "${run[@]}" >/dev/null 2>"$tmp/err" &
pid=$!
sleep 1.5
kill -s INT "$pid"
wait "$pid"
code=$?
if [ "$code" = 0 ]; then
  echo "note: the cohort ended before the signal"
else
  interrupted "cohort INT" INT "$code" "$tmp/err"
fi
rows() { sqlite3 -cmd ".timeout 5000" "$tmp/c.sqlite" "$1" 2>/dev/null; }
before=$(rows 'select count(*) from results')
check cohort-resume 0 "$knead" cohort "${run[@]}"
[ "$(rows 'select count(*) from subjects')" = 16 ] && ok || bad "cohort: not 16 subjects"
[ "$(rows 'select count(*) from (select distinct subject, profile from results)')" = "$(rows 'select count(*) from results')" ] &&
  ok || bad "cohort: a subject twice"
echo "cohort: $before results kept at the signal, 16 after the resume"
leftovers cohort "$tmp"
finish
