#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The literal scan's own test: scripts/check_literals.py on tests/literals/sample.c.in with
# tests/literals/allow.txt must report exactly the lines of expected.txt (worked out by hand from
# the rule in the script's header) and exit 1. Run from the repository's root.
set -eu
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
python3 scripts/check_literals.py --allow tests/literals/allow.txt tests/literals/sample.c.in \
  >"$out" 2>/dev/null || rc=$?
if [ "$rc" -ne 1 ]; then
  echo "check_literals.py exited $rc, expected 1" >&2
  exit 1
fi
diff -u tests/literals/expected.txt "$out"
echo "literal scan self-test: ok"
