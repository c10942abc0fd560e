#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Golden scenario tests: each example with an expectation file in tests/scenarios must produce the
# expected lines in summary.json (and none of the forbidden ones), deterministically.
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
for expect in "$src"/tests/scenarios/*.expect; do
  name=$(basename "$expect" .expect)
  session="$src/examples/$name.yaml"
  [ -f "$session" ] || session="$src/examples/article/$name.yaml"
  out="$tmp/$name"
  # a first line "# subject: FILE" names the subject (in examples/); default subject_default.yaml
  subject=$(sed -n '1s/^# subject: *//p' "$expect")
  subject="$src/examples/${subject:-subject_default.yaml}"
  if ! "$knead" simulate "$subject" "$session" -o "$out" -q; then
    echo "FAIL $name: knead simulate failed"; fail=$((fail + 1)); continue
  fi
  ok=1
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    [ "${line#\#}" = "$line" ] || continue
    if [ "${line#!}" != "$line" ]; then
      if grep -qF -- "${line#!}" "$out/summary.json"; then echo "FAIL $name: found ${line#!}"; ok=0; fi
    elif ! grep -qF -- "$line" "$out/summary.json"; then
      echo "FAIL $name: missing $line"; ok=0
    fi
  done < "$expect"
  # the same inputs give the same bytes (checked by the normal build; under AddressSanitizer,
  # which make test-asan marks with ASAN_OPTIONS, the second run would only double the time)
  if [ -z "${ASAN_OPTIONS:-}" ]; then
    "$knead" simulate "$subject" "$session" -o "$tmp/again" -q
    for f in summary.json timeseries.csv events.csv columns.json; do
      cmp -s "$out/$f" "$tmp/again/$f" || { echo "FAIL $name: $f differs between two runs"; ok=0; }
    done
    rm -rf "$tmp/again"
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
# every summary against summary.json's JSON Schema (docs/schema; make summary-schema writes it)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if "$py" "$src/scripts/summary_schema.py" check "$src/docs/schema/summary.schema.json" \
  "$tmp"/*/summary.json; then
  pass=$((pass + 1))
else
  echo "FAIL summary.json does not match docs/schema/summary.schema.json (a layout change on purpose:"
  echo "     make summary-schema, and bump KN_SUMMARY_SCHEMA_VERSION in include/knead/report.h)"
  fail=$((fail + 1))
fi
finish
