#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Bad-input tests of `knead simulate` and `knead cohort`: every case in tests/bad_input/ must be
# refused with exit code 2, the exact message of its .expect file as the first line of stderr, and
# nothing left in the folder the output would go to (no output, no temporary file).
#
#   usage: bad_input.sh PATH/TO/knead
#
# A case is N_session_*.yaml|json (N any number of digits; run with good_subject.yaml),
# N_subject_*.yaml|json (run with good_session.yaml), N_population_*.yaml|json (run as
# `knead cohort CASE good_session.yaml -n 1`) or N_monitor_*.csv|jsonl (a sample stream for
# `knead monitor --on-error fail`), plus N_*.expect holding the expected first line of
# stderr. A case file may hold any bytes (NUL, UTF-16, invalid UTF-8). The cases run from the
# tests/bad_input folder with relative paths, so the file names in the messages are stable. Then
# inputs too large to keep in the repository (4 MB of "[" and the like) are made here and must be
# refused the same way, in bounded memory (ulimit -v; not under the sanitizers, whose shadow memory
# needs more), and a name with terminal escapes must reach the terminal escaped.
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

# Memory for one refusal outside the sanitizers: 4 MB of "[" took 1.4 GB before the pre-scan.
mem_limit_kb=400000
[ -n "${KN_SANITIZED:-}" ] && mem_limit_kb=unlimited

# run_case NAME SUBJECT SESSION EXPECTED_FIRST_LINE [DIR]: knead simulate, cases from DIR
run_case() {
  run_knead "$1" "$4" "${5:-$cases_dir}" simulate "$2" "$3" -o "$tmp/work/out"
}

# run_cohort_case NAME POPULATION EXPECTED_FIRST_LINE [DIR]: knead cohort with good_session.yaml
run_cohort_case() {
  run_knead "$1" "$3" "${4:-$cases_dir}" cohort "$2" "$cases_dir/good_session.yaml" -n 1 \
    -o "$tmp/work/out.sqlite"
}

# run_knead NAME EXPECTED_FIRST_LINE DIR ARGS...: runs knead ARGS in DIR; exit 2, the message,
# and an empty $tmp/work afterwards
run_knead() {
  local name=$1 expect=$2 dir=$3
  shift 3
  rm -rf "$tmp/work"
  mkdir "$tmp/work"
  local status=0
  (cd "$dir" && ulimit -v "$mem_limit_kb" && timeout 60 "$knead" "$@" \
    >"$tmp/stdout" 2>"$tmp/stderr" </dev/null) || status=$?
  local first
  first=$(head -n 1 "$tmp/stderr")
  local why=""
  if [ "$status" -ne 2 ]; then
    why="exit code $status, expected 2"
  elif [ "$first" != "$expect" ]; then
    why="stderr line 1 is: $first"$'\n'"        expected:       $expect"
  elif [ -n "$(ls -A "$tmp/work")" ]; then
    why="output left behind: $(ls -A "$tmp/work" | tr '\n' ' ')"
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
  _population_*) run_cohort_case "$stem" "$file" "$expect" ;;
  _monitor_*) run_monitor_case "$stem" "$file" "$expect" ;;
  *)
    echo "FAIL $stem: name must start with N_session_, N_subject_, N_population_ or N_monitor_"
    failed=$((failed + 1))
    ;;
  esac
done

# Files that do not exist cannot be case files; check them here.
run_case missing_subject no_such_subject.yaml good_session.yaml \
  "no_such_subject.yaml: cannot open file: No such file or directory"
run_case missing_session good_subject.yaml no_such_session.yaml \
  "no_such_session.yaml: cannot open file: No such file or directory"
# Inputs too large to keep: made here, refused by the pre-scan before the parser builds anything.
big=$tmp/big
mkdir -p "$big"
cp "$cases_dir/good_subject.yaml" "$cases_dir/good_session.yaml" "$big/"
repeat() { # repeat TEXT BYTES: TEXT over and over, BYTES long
  yes "$1" | tr -d '\n' | head -c "$2"
}
{ printf 'session: '; repeat '[' 4000000; } >"$big/open_brackets.yaml"
{ printf 'session: '; repeat '{' 4000000; } >"$big/open_braces.yaml"
{ printf 'session: '; repeat '[1,' 4000000; } >"$big/open_items.yaml"
{ printf 'session: ['; repeat '1,' 4000000; printf ']\n'; } >"$big/many_nodes.yaml"
{ printf 'session: ['; repeat '[],' 300000; printf ']\n'; } >"$big/many_brackets.yaml"
{ printf 'session:\n  name: "'; repeat 'x' 5000000; printf '"\n'; } >"$big/too_big.yaml"
{ printf 'subject: '; repeat '[' 4000000; } >"$big/subject_brackets.yaml"
{ printf 'population: '; repeat '{' 4000000; } >"$big/population_braces.yaml"
run_case big_open_brackets good_subject.yaml open_brackets.yaml \
  "open_brackets.yaml:1:74: yaml: nesting deeper than 64 levels" "$big"
run_case big_open_braces good_subject.yaml open_braces.yaml \
  "open_braces.yaml:1:74: yaml: nesting deeper than 64 levels" "$big"
run_case big_open_items good_subject.yaml open_items.yaml \
  "open_items.yaml:1:202: yaml: nesting deeper than 64 levels" "$big"
run_case big_many_nodes good_subject.yaml many_nodes.yaml \
  "many_nodes.yaml:1:1200006: yaml: too many YAML nodes (more than 600000)" "$big"
run_case big_many_brackets good_subject.yaml many_brackets.yaml \
  "many_brackets.yaml:1:196616: yaml: more than 65536 \"[\" and \"{\" in one file" "$big"
run_case big_too_big good_subject.yaml too_big.yaml \
  "too_big.yaml: file is larger than 4 MiB" "$big"
run_case big_subject good_subject.yaml subject_brackets.yaml \
  "subject_brackets.yaml:1:74: yaml: nesting deeper than 64 levels" "$big"
run_cohort_case big_population population_braces.yaml \
  "population_braces.yaml:1:77: yaml: nesting deeper than 64 levels" "$big"
rm -rf "$big"

# A name with terminal escapes reaches the terminal escaped: no ESC or BEL byte in the output.
printf 'session:\n  name: "\\e]0;owned\\a\\e[2Jx"\n  actions:\n    - do: rest\n      duration: 1 s\n' \
  >"$tmp/escapes.yaml"
rm -rf "$tmp/esc_out"
if ! (cd "$cases_dir" && "$knead" simulate good_subject.yaml "$tmp/escapes.yaml" -o "$tmp/esc_out" \
  >"$tmp/stdout" 2>"$tmp/stderr" </dev/null); then
  echo "FAIL escapes: the session with an escaped name was refused: $(head -n 1 "$tmp/stderr")"
  failed=$((failed + 1))
elif LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/stdout" "$tmp/stderr"; then
  echo "FAIL escapes: a control character reached the terminal"
  failed=$((failed + 1))
elif ! grep -qF 'session: \x1b]0;owned\x07\x1b[2Jx,' "$tmp/stdout"; then
  echo "FAIL escapes: the name is not shown escaped: $(grep '^session:' "$tmp/stdout")"
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi

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

# The good population too.
rm -rf "$tmp/work" && mkdir "$tmp/work"
if (cd "$cases_dir" && timeout 300 "$knead" cohort good_population.yaml good_session.yaml -n 1 \
  -o "$tmp/work/out.sqlite" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null); then
  passed=$((passed + 1))
else
  echo "FAIL good population: knead cohort good_population.yaml good_session.yaml -n 1 failed:"
  head -n 3 "$tmp/stderr" | sed 's/^/        /'
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
