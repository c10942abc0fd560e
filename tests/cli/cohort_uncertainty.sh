#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# knead cohort --uncertainty and --sensitivity: usage errors (exit 2, nothing written), parameter
# draws and both intervals the same for 1 and 2 threads, the parameter interval equal to the
# percentiles of the per-draw incidences computed here from the stored rows, a run with other draws
# refused, a Morris screening that is the same for any number of threads, and a course: its outcomes
# with both intervals, screened on its first session.
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
count() { sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>/dev/null; }
pop="$src/data/populations/us_adult.yaml"
cat >"$tmp/calf.yaml" <<'YAML'
session:
  name: "calf, short"
  recovery: 5 s
  actions:
    - do: posture
      posture: prone
      joints: {ankle: 30 deg, knee: 0 deg}
    - do: tapotement
      muscle: gastrocnemius
      contact: fingertips
      force: 50 N
      rate: 16 Hz
      duration: 3 s
YAML
run=("$pop" "$tmp/calf.yaml" -n 6 --seed 5 --profiles professional,untrained_partner --uncertainty --draws 3)

# ---- usage: exit 2 with the reason, no database ------------------------------------------------
check both-designs 2 "$knead" cohort "${run[@]}" --sensitivity -o "$tmp/x.sqlite"
expect_text both-designs "$tmp/err" "--uncertainty and --sensitivity are separate runs"
check draws-alone 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 6 --draws 3 -o "$tmp/x.sqlite"
expect_text draws-alone "$tmp/err" "--draws goes with --uncertainty"
check draws-one 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 6 --uncertainty --draws 1 -o "$tmp/x.sqlite"
expect_text draws-one "$tmp/err" "--draws needs a number of parameter draws, 2 to 10000"
check draws-above-n 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 2 --uncertainty --draws 3 -o "$tmp/x.sqlite"
expect_text draws-above-n "$tmp/err" "--uncertainty needs -n at least --draws (3)"
check trajectories-alone 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 2 --trajectories 3 -o "$tmp/x.sqlite"
expect_text trajectories-alone "$tmp/err" "--trajectories goes with --sensitivity"
check sensitivity-db 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 2 --sensitivity -o "$tmp/x.sqlite"
expect_text sensitivity-db "$tmp/err" "--sensitivity writes no database"
check spreads-bad 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 2 --sensitivity --spreads some
expect_text spreads-bad "$tmp/err" "--spreads needs all, source or a module with spreads"
# a session that sets so many parameters that the spreads no longer fit: its file and place
{
  cat "$tmp/calf.yaml"
  echo "  parameters:"
  for kv in iso_transient_time:0.5 poisson_ratio:0.49 glide_friction:0.15 grip_friction:0.5 \
    capillary_closing:32 nerve_perfusion_width:6 nerve_ischaemia_recovery:3 \
    nerve_paresthesia_level:0.33 nerve_transport_time:2 nerve_injury_time_ref:2 nerve_severe_dose:4; do
    echo "    ${kv%%:*}: ${kv#*:}"
  done
} >"$tmp/many.yaml"
check too-many 2 "$knead" cohort "$pop" "$tmp/many.yaml" -n 3 --uncertainty --draws 2 -o "$tmp/x.sqlite"
expect_text too-many "$tmp/err" "many.yaml:15:25: session.parameters:"
expect_text too-many "$tmp/err" "with a spread exceed the 32 a run can vary"
[ ! -e "$tmp/x.sqlite" ] && ok || bad "a usage error left a database behind"

# ---- 1 and 2 threads: the same rows, draws and intervals -------------------------------------------
check one-thread 0 "$knead" cohort "${run[@]}" -o "$tmp/a.sqlite" -j 1 -q
check two-threads 0 "$knead" cohort "${run[@]}" -o "$tmp/b.sqlite" -j 2
expect_text table "$tmp/out" "parameter uncertainty: 3 parameter draws"
for q in "select * from parameter_draws order by draw, parameter" \
  "select * from uncertainty order by outcome, profile"; do
  [ "$(count "$tmp/a.sqlite" "$q")" = "$(count "$tmp/b.sqlite" "$q")" ] && ok || bad "1 and 2 threads differ: $q"
done
"$knead" cohort --dump "$tmp/a.sqlite" >"$tmp/a.dump"
"$knead" cohort --dump "$tmp/b.sqlite" | cmp -s - "$tmp/a.dump" && ok || bad "1 and 2 threads: dumps differ"
nspread=$("$knead" atlas --format json | grep -c '"from_source"')
[ "$(count "$tmp/a.sqlite" 'select count(*) from parameter_draws')" = $((3 * nspread)) ] && ok || bad "parameter_draws: 3 x $nspread rows expected"
[ "$(count "$tmp/a.sqlite" "select value from run where key = 'parameters'")" = "uncertainty: 3 draws, all spreads" ] && ok || bad "run.parameters"
# every draw inside the source's range (lau2019: -5.1 to -4.3 Hz), and the draws differ
[ "$(count "$tmp/a.sqlite" "select count(*) from parameter_draws where parameter = 'nm_ctf_water' and value between -5.1 and -4.3")" = 3 ] && ok || bad "nm_ctf_water outside -5.1..-4.3"
[ "$(count "$tmp/a.sqlite" "select count(distinct value) from parameter_draws where parameter = 'nm_ctf_water'")" = 3 ] && ok || bad "draws not apart"
# the parameter interval from the stored rows, by hand: incidence per draw (subject % 3), then the
# 2.5th and 97.5th percentiles of the three (type 7: min + 0.05 (mid - min), max - 0.05 (max - mid))
for prof in professional untrained_partner; do
  for col in spasm bruise dizziness; do
    want=$(count "$tmp/a.sqlite" "select 1.0 * sum($col) / count(*) from results where profile = '$prof' group by subject % 3" |
      sort -g | awk '{x[NR] = $1} END {printf "%.9f %.9f", x[1] + 0.05 * (x[2] - x[1]), x[3] - 0.05 * (x[3] - x[2])}')
    got=$(count "$tmp/a.sqlite" "select printf('%.9f %.9f', parameter_lo, parameter_hi) from uncertainty where outcome = '$col' and profile = '$prof'")
    [ "$want" = "$got" ] && ok || bad "parameter interval of $col, $prof: stored $got, by hand $want"
  done
done
# the Wilson interval of the whole cohort, as the main table prints it
w=$(count "$tmp/a.sqlite" "select printf('%.2f [%5.2f, %5.2f]', 100 * incidence, 100 * wilson_lo, 100 * wilson_hi) from uncertainty where outcome = 'dizziness' and profile = 'professional'")
grep '^dizziness felt on standing' "$tmp/out" | head -1 | grep -qF "$w" && ok || bad "uncertainty table's Wilson interval ($w) is not the incidence table's"
check summary 0 "$knead" cohort --summary "$tmp/a.sqlite"
expect_text summary "$tmp/out" "parameter interval (2.5-97.5th percentile"
# another design on the same database: refused, named
check other-draws 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 6 --seed 5 --profiles professional,untrained_partner --uncertainty --draws 2 -o "$tmp/a.sqlite"
expect_text other-draws "$tmp/err" "parameters is uncertainty: 3 draws, all spreads there, uncertainty: 2 draws, all spreads now"
check no-draws 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 6 --seed 5 --profiles professional,untrained_partner -o "$tmp/a.sqlite"
expect_text no-draws "$tmp/err" "there, none now"

# ---- Morris screening: the same ranking for 1 and 2 threads, finite effects -----------------------
sens=("$pop" "$tmp/calf.yaml" -n 1 --seed 2 --sensitivity --trajectories 2 --spreads source --profiles untrained_partner -q)
check morris-1 0 "$knead" cohort "${sens[@]}" -j 1
cp "$tmp/out" "$tmp/m1"
check morris-2 0 "$knead" cohort "${sens[@]}" -j 2
cmp -s "$tmp/out" "$tmp/m1" && ok || bad "Morris: 1 and 2 threads differ: $(diff "$tmp/m1" "$tmp/out" | head -3)"
nsrc=$("$knead" atlas --format json | grep -c '"from_source": true')
expect_text morris-size "$tmp/out" "$nsrc parameters with a spread (source spreads), 2 trajectories of $((nsrc + 1)) points, 1 subjects per point: $((2 * (nsrc + 1))) simulations per profile"
expect_text morris-constant "$tmp/out" "untrained_partner, the same at every point:"
no_text morris-finite "$tmp/out" "nan"
no_text morris-finite "$tmp/out" "inf "

# ---- a course: its outcomes get both intervals too (from course_results); --sensitivity screens the
# first session and says so ----------------------------------------------------------------------
sed '/^  actions:/i\  course: {every: 1 d, sessions: 2}' "$tmp/calf.yaml" >"$tmp/course.yaml"
check course 0 "$knead" cohort "$pop" "$tmp/course.yaml" -n 4 --seed 5 --uncertainty --draws 2 -o "$tmp/course.sqlite" -j 2
expect_text course-table "$tmp/out" "any injury over the course"
cols=$(count "$tmp/course.sqlite" "select name from pragma_table_info('course_results') where name like 'course%'")
[ "$(echo "$cols" | wc -w)" -ge 5 ] && ok || bad "course_results: course outcome columns missing"
for col in $cols; do # k and n from the stored rows; 2 draws: type 7 gives x1 + p (x2 - x1)
  want=$(count "$tmp/course.sqlite" "select sum($col) || ' ' || count(*) from course_results")
  got=$(count "$tmp/course.sqlite" "select k || ' ' || n from uncertainty where outcome = '$col'")
  [ -n "$got" ] && [ "$want" = "$got" ] && ok || bad "uncertainty row of $col: stored '$got', by hand '$want'"
  want=$(count "$tmp/course.sqlite" "select 1.0 * sum($col) / count(*) from course_results group by subject % 2" |
    sort -g | awk '{x[NR] = $1} END {printf "%.9f %.9f", x[1] + 0.025 * (x[2] - x[1]), x[1] + 0.975 * (x[2] - x[1])}')
  got=$(count "$tmp/course.sqlite" "select printf('%.9f %.9f', parameter_lo, parameter_hi) from uncertainty where outcome = '$col'")
  [ "$want" = "$got" ] && ok || bad "parameter interval of $col: stored $got, by hand $want"
done
check course-morris 0 "$knead" cohort "$pop" "$tmp/course.yaml" -n 1 --sensitivity --trajectories 2 --spreads systemic -j 2
expect_text course-morris "$tmp/out" "a course of 2 sessions: screened on its first session"

finish
