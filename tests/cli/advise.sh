#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# knead advise as a person uses it: flags instead of files, verdict first, then reasons, then
# advice; --json for machines; bad flags give a clear message and exit 2; colour only on a
# terminal and never with NO_COLOR.
set -u
knead="$1"
. "$(dirname "$0")/lib/checks.sh"

# the issue's example: a partner's deep thumb work on the neck of someone with a fever
check issue-example 1 "$knead" advise --region neck --technique deep --contact thumb --force 60N \
  --minutes 5 --giver partner --fever 38.2
head -1 "$tmp/out" > "$tmp/first"
expect_text verdict-first "$tmp/first" "verdict: STOP"
expect_text postpone "$tmp/out" "Postpone the massage"
expect_text names-nerve "$tmp/out" "spinal accessory nerve"
expect_text safe-alternative "$tmp/out" "flat palm"
expect_text smooth "$tmp/out" "slow, smooth strokes"
expect_text fever-reason "$tmp/out" "fever              38.2 degC"
r=$(line_of "$tmp/out" "reasons"); a=$(line_of "$tmp/out" "advice")
if [ -n "$r" ] && [ -n "$a" ] && [ "$r" -lt "$a" ]; then pass=$((pass + 1)); else
  echo "FAIL order: reasons (line $r) must come before advice (line $a)"; fail=$((fail + 1)); fi
no_text no-colour-in-pipe "$tmp/out" $'\033'
no_text no-progress-in-pipe "$tmp/err" "[#"
[ -s "$tmp/err" ] && { echo "FAIL issue-example: stderr not empty"; fail=$((fail + 1)); }

# a gentle plan by a professional on a well person: go ahead (exit 0)
check gentle 0 "$knead" advise --region upper_back --technique effleurage --contact palm --force 15N --minutes 2
expect_text go-ahead "$tmp/out" "verdict: GO AHEAD"
no_text gentle-no-stop "$tmp/out" "  stop "

# the carotid sinus at 67
check carotid 1 "$knead" advise --landmark carotid_sinus --technique compression --force 20N --minutes 1 --age 67
expect_text carotid-front "$tmp/out" "No pressure on the front of the neck"
# dehydrated: drink first
check dehydrated 1 "$knead" advise --muscle gastrocnemius --force 20N --minutes 2 --dehydration 3
expect_text drink-first "$tmp/out" "Drink first"

# --json: the summary with its advice, for machines
check json 1 "$knead" advise --region neck --technique deep --contact thumb --force 60N --fever 38.2 --json
expect_text json-verdict "$tmp/out" '"advice_verdict": "stop"'
expect_text json-rule "$tmp/out" '"rule": "fever"'
expect_text json-evidence "$tmp/out" '"evidence": "expert opinion"'
head -c 1 "$tmp/out" > "$tmp/first"; expect_text json-object "$tmp/first" "{"

# a course: --sessions runs every session, its table is among the reasons, the advice covers it
check course 0 "$knead" advise --region upper_back --force 30N --minutes 2 --blood-pressure 150/95 \
  --sessions 3 --every 7
expect_text course-table "$tmp/out" "course: 3 sessions"
expect_text course-pressure "$tmp/out" "A course of calm massage may lower resting blood pressure"
check course-json 0 "$knead" advise --region upper_back --force 30N --minutes 2 --blood-pressure 150/95 \
  --sessions 2 --json
expect_text course-json-section "$tmp/out" '"per_session": ['
expect_text course-json-rule "$tmp/out" '"rule": "course_pressure"'

# bad flags: one clear line naming the flag, exit 2, nothing on stdout
bad() { # bad NAME MESSAGE FLAGS...
  local name="$1" msg="$2"; shift 2
  check "bad-$name" 2 "$knead" advise "$@"
  expect_text "bad-$name-message" "$tmp/err" "$msg"
  [ -s "$tmp/out" ] && { echo "FAIL bad-$name: wrote to stdout"; fail=$((fail + 1)); }
}
bad region '--region nek: unknown region "nek"' --region nek --force 30N
bad force-unit '--force 30kg: expected a force' --region neck --force 30kg
bad force-range '--force 3000N: 3000 N is out of range' --region neck --force 3000N
bad fever-range '--fever 45: 45 degC is out of range' --region neck --force 20N --fever 45
bad giver '--giver robot: expected one of' --region neck --force 20N --giver robot
bad no-where 'say where' --force 20N
bad no-force 'say how hard' --region neck
bad no-value '--age needs a value' --region neck --force 20N --age
bad bp 'give systolic/diastolic' --region neck --force 20N --blood-pressure 150
bad unknown 'unknown option "--bogus"' --region neck --force 20N --bogus 1
bad every-alone '--every needs --sessions' --region neck --force 20N --every 3
bad sessions-range '--sessions 1' --region neck --force 20N --sessions 1
bad yaml-injection '--region' --region 'neck", force: "1 N' --force 20N
check help 0 "$knead" advise --help; expect_text help "$tmp/out" "usage: knead advise"

# colour on a terminal (script gives the command one), none with NO_COLOR; no progress bar in a
# pipe (the runs above) and one on a terminal
if command -v script >/dev/null; then
  script -qec "$knead advise --region neck --force 60N --fever 38.2" /dev/null > "$tmp/tty" 2>&1
  expect_text tty-colour "$tmp/tty" $'\033[1;31m'
  expect_text tty-progress "$tmp/tty" "s simulated"   # a 65-minute simulation: progress on stderr
  expect_text tty-progress-rate "$tmp/tty" "x real time"
  NO_COLOR=1 script -qec "$knead advise --region neck --force 60N --fever 38.2" /dev/null > "$tmp/tty" 2>&1
  no_text no-color "$tmp/tty" $'\033[1;'
fi

finish
