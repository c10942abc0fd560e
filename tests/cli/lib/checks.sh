# SPDX-License-Identifier: Apache-2.0
# Sourced by the command-line tests (tests/cli/*.sh; this folder is not run as a test itself): a
# temporary folder removed on exit, the pass and fail counters, the checks the scripts share and
# their closing line. A script that needs more done on exit sets its own trap after sourcing this.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
check() { # check NAME EXPECTED_EXIT COMMAND...: its output is left in $tmp/out and $tmp/err
  local name="$1" want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" = "$want" ]; then ok; else
    bad "$name: exit $got, expected $want"; sed 's/^/  /' "$tmp/err" | head -5; fi
}
expect_text() { # expect_text NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then ok; else bad "$1: no \"$3\" in $2"; sed 's/^/  /' "$2" | head -8; fi
}
no_text() { # no_text NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then bad "$1: found \"$3\" in $2"; else ok; fi
}
line_of() { grep -nF -- "$2" "$1" | head -1 | cut -d: -f1; } # line_of FILE TEXT
finish() { # the closing line, and the script's exit status
  echo "$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
