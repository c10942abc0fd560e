#!/usr/bin/env bash
# Bad-input tests of `knead simulate`: every case in tests/bad_input/ must be refused with exit
# code 2, the exact message of its .expect file as the first line of stderr, and no output directory.
#
#   usage: bad_input.sh PATH/TO/knead
#
# A case is N_session_ (any number of digits)*.yaml|json (run with good_subject.yaml) or NN_subject_*.yaml|json (run with
# good_session.yaml), or NN_monitor_*.csv|jsonl (a sample stream for `knead monitor --on-error
# fail`), plus NN_*.expect holding the expected first line of stderr. The cases run from
# the tests/bad_input folder with relative paths, so the file names in the messages are stable.
set -u

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/knead" >&2
  exit 2
fi
knead=$1
case $knead in /*) ;; *) knead=$PWD/$knead ;; esac
if [ ! -x "$knead" ]; then
  echo "bad_input.sh: $knead is not an executable" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
cases_dir=$here/../bad_input
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C # system error texts ("No such file or directory") in English

passed=0
failed=0

# run_case NAME SUBJECT SESSION EXPECTED_FIRST_LINE
run_case() {
  local name=$1 subject=$2 session=$3 expect=$4
  rm -rf "$tmp/out"
  local status=0
  (cd "$cases_dir" && timeout 60 "$knead" simulate "$subject" "$session" -o "$tmp/out" \
    >"$tmp/stdout" 2>"$tmp/stderr" </dev/null) || status=$?
  local first
  first=$(head -n 1 "$tmp/stderr")
  local why=""
  if [ "$status" -ne 2 ]; then
    why="exit code $status, expected 2"
  elif [ "$first" != "$expect" ]; then
    why="stderr line 1 is: $first"$'\n'"        expected:       $expect"
  elif [ -e "$tmp/out" ]; then
    why="output directory was created"
  fi
  if [ -n "$why" ]; then
    echo "FAIL $name: $why"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}

# run_monitor_case NAME STREAM EXPECTED_FIRST_LINE: a bad line of a monitor stream with
# --on-error fail: exit 2, the message, nothing on stdout and no events file
run_monitor_case() {
  local name=$1 stream=$2 expect=$3
  rm -rf "$tmp/out"
  local status=0
  (cd "$cases_dir" && timeout 60 "$knead" monitor --input "$stream" --on-error fail \
    --events "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null) || status=$?
  local first why=""
  first=$(head -n 1 "$tmp/stderr")
  if [ "$status" -ne 2 ]; then
    why="exit code $status, expected 2"
  elif [ "$first" != "$expect" ]; then
    why="stderr line 1 is: $first"$'\n'"        expected:       $expect"
  elif [ -s "$tmp/stdout" ] || [ -e "$tmp/out" ]; then
    why="output was written"
  fi
  if [ -n "$why" ]; then
    echo "FAIL $name: $why"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}

shopt -s nullglob
for input in "$cases_dir"/[0-9]*_*.yaml "$cases_dir"/[0-9]*_*.json "$cases_dir"/[0-9]*_monitor_*.csv \
  "$cases_dir"/[0-9]*_monitor_*.jsonl; do
  file=$(basename "$input")
  stem=${file%.*}
  expect_file=$cases_dir/$stem.expect
  if [ ! -f "$expect_file" ]; then
    echo "FAIL $stem: no $stem.expect"
    failed=$((failed + 1))
    continue
  fi
  expect=$(head -n 1 "$expect_file")
  case ${file#"${file%%_*}"} in # what follows the case number
  _session_*) run_case "$stem" good_subject.yaml "$file" "$expect" ;;
  _subject_*) run_case "$stem" "$file" good_session.yaml "$expect" ;;
  _monitor_*) run_monitor_case "$stem" "$file" "$expect" ;;
  *)
    echo "FAIL $stem: name must start with NN_session_, NN_subject_ or NN_monitor_"
    failed=$((failed + 1))
    ;;
  esac
done

# Files that do not exist cannot be case files; check them here.
run_case missing_subject no_such_subject.yaml good_session.yaml \
  "no_such_subject.yaml: cannot open file: No such file or directory"
run_case missing_session good_subject.yaml no_such_session.yaml \
  "no_such_session.yaml: cannot open file: No such file or directory"
# The good pair itself must be accepted, or every case above could pass for the wrong reason.
rm -rf "$tmp/out"
if (cd "$cases_dir" && timeout 300 "$knead" simulate good_subject.yaml good_session.yaml \
  -o "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null); then
  passed=$((passed + 1))
else
  echo "FAIL good pair: knead simulate good_subject.yaml good_session.yaml failed:"
  head -n 3 "$tmp/stderr" | sed 's/^/        /'
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
