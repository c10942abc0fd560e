#!/usr/bin/env bash
# The command line as people expect it (issue 18): every spelling of an option's value that
# getopt_long takes, options before or after the files, knead help CMD, exit codes in every help,
# clear refusals (unknown, ambiguous, missing value, a value for a switch), the progress line of
# simulate and cohort (done/total, rate, time left; only on a terminal or asked for, never with
# --quiet) and NO_COLOR.
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
subj="$src/examples/subject_default.yaml"
sess="$src/tests/bad_input/good_session.yaml" # a short session: about a second

# --- one value, every spelling: each run writes its folder -----------------------------------------
spellings=("--output=$tmp/o1" "--output $tmp/o2" "-o $tmp/o3" "-o$tmp/o4" "-o=$tmp/o5")
for i in 1 2 3 4 5; do
  # shellcheck disable=SC2086 # the spelling is split on purpose
  check "spelling-$i" 0 "$knead" simulate "$subj" "$sess" -q ${spellings[$((i - 1))]}
  [ -s "$tmp/o$i/summary.json" ] && ok || bad "spelling ${spellings[$((i - 1))]}: no $tmp/o$i/summary.json"
done
[ ! -e "$tmp/=o5" ] && [ ! -e "$tmp/o5/=" ] && ok || bad "-o=DIR wrote to a folder named with '='"
# options first, files last; and "--" ends the options
check options-first 0 "$knead" simulate -q -o "$tmp/o6" "$subj" "$sess"
[ -s "$tmp/o6/summary.json" ] && ok || bad "options first: no summary.json"
check double-dash 0 "$knead" simulate -q -o "$tmp/o7" -- "$subj" "$sess"
[ -s "$tmp/o7/summary.json" ] && ok || bad "--: no summary.json"
# the same results whatever the spelling
cmp -s <(grep -v '"source"' "$tmp/o1/summary.json") <(grep -v '"source"' "$tmp/o4/summary.json") && ok ||
  bad "--output=DIR and -oDIR gave different summaries"
# other commands' values: joined, apart, long and short
check atlas-format-joined 0 "$knead" atlas --format=json; expect_text atlas-format-joined "$tmp/out" '"iso_areas": ['
printf 't_s,region,force_N,area_m2\n0,calf,1,0.006\n0.001,calf,1,0.006\n' > "$tmp/s.csv"
check monitor-input-short 0 "$knead" monitor -q -i "$tmp/s.csv"; expect_text monitor-input-short "$tmp/out" '"type":"summary"'
check monitor-input-joined 0 "$knead" monitor --quiet --input="$tmp/s.csv"; expect_text monitor-input-joined "$tmp/out" '"samples":2'
check monitor-stdin 0 "$knead" monitor -q --input - < "$tmp/s.csv"; expect_text monitor-stdin "$tmp/out" '"samples":2'
for j in -j2 "-j 2" --threads=2 "--threads 2"; do
  # shellcheck disable=SC2086
  check "cohort-threads $j" 2 "$knead" cohort $j   # parsed; then the files are missing
  expect_text "cohort-threads $j" "$tmp/err" "needs POPULATION and SESSION files"
done
check advise-joined 0 "$knead" advise --region=calf --force=10N --minutes=0.5
expect_text advise-joined "$tmp/out" "verdict: GO AHEAD"

# --- help: knead help CMD is knead CMD --help; every help lists its exit codes ----------------------
check help-top 0 "$knead" help; expect_text help-top "$tmp/out" "usage: knead <command>"
"$knead" --help | cmp -s - "$tmp/out" && ok || bad "knead help differs from knead --help"
for c in $("$knead" --commands); do
  check "help-$c" 0 "$knead" help "$c"
  "$knead" "$c" --help | cmp -s - "$tmp/out" && ok || bad "knead help $c differs from knead $c --help"
  "$knead" "$c" -h | cmp -s - "$tmp/out" && ok || bad "knead $c -h differs from knead $c --help"
  expect_text "help-$c-usage" "$tmp/out" "usage: knead $c"
  expect_text "help-$c-exit" "$tmp/out" "exit codes:"
  expect_text "help-$c-exit-0" "$tmp/out" "  0 "
  expect_text "help-$c-exit-2" "$tmp/out" "  2 "
  # an unknown option: exit 2, one line naming it, nothing on stdout
  check "unknown-$c" 2 "$knead" "$c" --frobnicate
  expect_text "unknown-$c" "$tmp/err" "knead $c: unknown option \"--frobnicate\"; try knead $c --help"
  [ ! -s "$tmp/out" ] && ok || bad "unknown-$c: wrote to stdout"
done
# every option a help names is one the parser takes (the same table; none left out): given with a
# value joined ("--opt=x") or alone, then --help, it is never refused as unknown
n=0
for c in $("$knead" --commands); do
  "$knead" "$c" --help > "$tmp/help"
  for opt in $(grep -oE -- '^(  -[a-zA-Z], |      )--[a-z][a-z-]+( [A-Z])?' "$tmp/help" | grep -oE -- '--[a-z-]+( [A-Z])?' | tr ' ' '#'); do
    case "$opt" in *'#'*) arg="${opt%%#*}=x" ;; *) arg="$opt" ;; esac
    "$knead" "$c" "$arg" --help > /dev/null 2> "$tmp/err" < /dev/null
    grep -qE 'unknown option|ambiguous|takes no value' "$tmp/err" && bad "$c $arg: refused: $(cat "$tmp/err")" || ok
    n=$((n + 1))
  done
done
[ "$n" -ge 60 ] && ok || bad "only $n options found in the helps"
check help-unknown 2 "$knead" help massage; expect_text help-unknown "$tmp/err" 'unknown command "massage"'
check unknown-short 2 "$knead" simulate -x; expect_text unknown-short "$tmp/err" 'unknown option "-x"'
check ambiguous 2 "$knead" simulate "$subj" "$sess" --pr
expect_text ambiguous "$tmp/err" 'ambiguous option "--pr": --progress, --practitioner-percentile, --practitioner-seed'
check abbreviated 0 "$knead" simulate "$subj" "$sess" --qui; [ ! -s "$tmp/out" ] && ok || bad "--qui is --quiet"
check switch-value 2 "$knead" simulate "$subj" "$sess" --quiet=yes
expect_text switch-value "$tmp/err" "--quiet takes no value"
check missing-value 2 "$knead" simulate "$subj" "$sess" -o; expect_text missing-value "$tmp/err" "-o needs a folder"
check missing-value-long 2 "$knead" simulate "$subj" "$sess" --output
expect_text missing-value-long "$tmp/err" "--output needs a folder"
check missing-n 2 "$knead" cohort -n; expect_text missing-n "$tmp/err" "-n needs a number of subjects"
check advise-operand 2 "$knead" advise calf; expect_text advise-operand "$tmp/err" 'unexpected argument "calf"'

# --- progress: done/total, rate, time left ---------------------------------------------------------
check progress-asked 0 "$knead" simulate "$subj" "$sess" --progress
expect_text progress-total "$tmp/err" "/3700 s simulated"   # the session's 62 min incl. recovery
expect_text progress-done "$tmp/err" "3700/3700 s simulated"
expect_text progress-rate "$tmp/err" "x real time"
expect_text progress-eta "$tmp/err" "ETA 0m"
no_text progress-file-no-escapes "$tmp/err" $'\033['
check progress-pipe 0 "$knead" simulate "$subj" "$sess"   # stderr is a file: nothing
[ ! -s "$tmp/err" ] && ok || bad "progress drawn with stderr not a terminal"
check progress-quiet 0 "$knead" simulate "$subj" "$sess" --progress --quiet
[ ! -s "$tmp/err" ] && ok || bad "progress drawn with --quiet"
if command -v script >/dev/null; then
  script -qec "$knead simulate $subj $sess" /dev/null > "$tmp/tty" 2>&1
  expect_text tty-progress "$tmp/tty" "s simulated"
  expect_text tty-progress-cleared "$tmp/tty" $'\r\033[K'
  expect_text tty-colour "$tmp/tty" $'\033[1;32m'
  script -qec "$knead simulate $subj $sess --no-progress" /dev/null > "$tmp/tty" 2>&1
  no_text tty-no-progress "$tmp/tty" "s simulated"
  script -qec "$knead simulate $subj $sess -q" /dev/null > "$tmp/tty" 2>&1
  no_text tty-quiet "$tmp/tty" "s simulated"
  # NO_COLOR: any non-empty value turns colour off; empty leaves it on (no-color.org)
  NO_COLOR=1 script -qec "$knead simulate $subj $sess" /dev/null > "$tmp/tty" 2>&1
  no_text no-color "$tmp/tty" $'\033[1;'
  NO_COLOR= script -qec "$knead simulate $subj $sess" /dev/null > "$tmp/tty" 2>&1
  expect_text no-color-empty "$tmp/tty" $'\033[1;32m'
else
  bad "no script(1) (bsdutils) to give knead a terminal"
fi

finish
