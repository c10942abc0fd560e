#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# knead cohort as a user meets it: usage and bad input, the same results for 1 and 2 threads,
# resumption after kill -9 (nothing lost, nothing twice), a database of another run refused, the
# schema, and an incidence table whose intervals are known in closed form.
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
bg=""
trap 'kill -9 $bg 2>/dev/null; rm -rf "$tmp"' EXIT
count() { sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>/dev/null; }
pop="$src/data/populations/us_adult.yaml"

# a short session: calf work on a shortened calf, so that the two profiles differ
cat >"$tmp/calf.yaml" <<'EOF'
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
      rate: 10 Hz
      duration: 4 s
    - do: deep_stroke
      muscle: gastrocnemius
      contact: knuckles
      force: 80 N
      speed: 10 cm/s
      duration: 4 s
EOF
run=("$pop" "$tmp/calf.yaml" -n 6 --seed 3 --profiles professional,untrained_partner)

# ---- usage and bad input: exit 2, nothing written ------------------------------------------------
check help 0 "$knead" cohort --help; expect_text help "$tmp/out" "knead cohort --summary"
check no-n 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -o "$tmp/x.sqlite"
check no-o 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 3
check bad-n 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 0 -o "$tmp/x.sqlite"
check bad-profile 2 "$knead" cohort "${run[@]}" --profiles professional,amateur -o "$tmp/x.sqlite"
expect_text bad-profile "$tmp/err" 'unknown profile "amateur"'
printf 'population:\n  traits:\n    age: {unit: years, distribution: uniform, min: 18, max: 140, source: hales2020}\n' >"$tmp/badpop.yaml"
check bad-population 2 "$knead" cohort "$tmp/badpop.yaml" "$tmp/calf.yaml" -n 3 -o "$tmp/x.sqlite"
expect_text bad-population "$tmp/err" "badpop.yaml:3:61: population.traits.age.max: 140 years is out of range [18, 110] years"
printf 'population:\n  traits:\n    bmi: {distribution: fixed, value: 100, source: hales2020}\n' >"$tmp/heavy.yaml"
check no-valid-subject 2 "$knead" cohort "$tmp/heavy.yaml" "$tmp/calf.yaml" -n 3 -o "$tmp/x.sqlite"
expect_text no-valid-subject "$tmp/err" "heavy.yaml: population: subject 0: no valid subject in 100 draws; the last: subject.mass: 289 kg is out of range [30, 250] kg"
check bad-session 2 "$knead" cohort "$pop" "$src/tests/bad_input/03_session_empty.yaml" -n 3 -o "$tmp/x.sqlite"
[ ! -e "$tmp/x.sqlite" ] && ok || bad "bad input left a database behind"
echo "my notes" >"$tmp/notes.txt"
check not-a-database 2 "$knead" cohort "${run[@]}" -o "$tmp/notes.txt"
expect_text not-a-database-kept "$tmp/notes.txt" "my notes"
sqlite3 "$tmp/other.sqlite" "create table mine(x); insert into mine values (42);"
check foreign-database 2 "$knead" cohort "${run[@]}" -o "$tmp/other.sqlite"
expect_text foreign-database "$tmp/err" "is an SQLite database of something else"
[ "$(count "$tmp/other.sqlite" "select count(*) from sqlite_master")" = 1 ] && [ "$(count "$tmp/other.sqlite" "pragma journal_mode")" = delete ] && ok || bad "a foreign database was changed"
check summary-missing 2 "$knead" cohort --summary "$tmp/none.sqlite"

# ---- 1 thread and 2 threads: the same database, row for row --------------------------------------
check one-thread 0 "$knead" cohort "${run[@]}" -o "$tmp/a.sqlite" -j 1 -q
check two-threads 0 "$knead" cohort "${run[@]}" -o "$tmp/b.sqlite" -j 2
expect_text printed-table "$tmp/out" "nerve conduction block"
"$knead" cohort --dump "$tmp/a.sqlite" >"$tmp/a.dump"
"$knead" cohort --dump "$tmp/b.sqlite" >"$tmp/b.dump"
cmp -s "$tmp/a.dump" "$tmp/b.dump" && ok || bad "1 and 2 threads differ: $(diff "$tmp/a.dump" "$tmp/b.dump" | head -3)"
[ "$(count "$tmp/a.sqlite" 'select count(*) from subjects')" = 6 ] && ok || bad "6 subjects expected"
[ "$(count "$tmp/a.sqlite" 'select count(*) from results')" = 12 ] && ok || bad "12 results expected"
[ "$(count "$tmp/a.sqlite" "select count(distinct age_years) from subjects")" = 6 ] && ok || bad "subjects not drawn apart"
# each subject draws their own practitioner from each profile, stored with the results
[ "$(count "$tmp/a.sqlite" "select count(distinct practitioner_force_ratio) from results where profile = 'untrained_partner'")" = 6 ] && ok || bad "partners not drawn apart"
[ "$(count "$tmp/a.sqlite" "select count(distinct practitioner_ramp_s) from results where profile = 'professional'")" = 6 ] && ok || bad "professionals not drawn apart"
[ "$(count "$tmp/a.sqlite" "select count(*) from results where practitioner_force_ratio is null or practitioner_drift_mm is null")" = 0 ] && ok || bad "practitioner traits missing"
ls "$tmp"/a.sqlite-* >/dev/null 2>&1 && bad "WAL files left after a finished run" || ok
# strata: the sexes add up to the whole
check by-sex 0 "$knead" cohort --summary "$tmp/a.sqlite" --by sex
nf=$(sed -n 's/^female .*professional (n=\([0-9]*\)).*/\1/p' "$tmp/out")
nm=$(sed -n 's/^male .*professional (n=\([0-9]*\)).*/\1/p' "$tmp/out")
[ -n "$nf" ] && [ -n "$nm" ] && [ $((nf + nm)) = 6 ] && ok || bad "by sex: ${nf:-?} + ${nm:-?} is not 6"
check by-unknown 2 "$knead" cohort --summary "$tmp/a.sqlite" --by shoe_size
# the same command again: nothing to do, nothing changed
check rerun 0 "$knead" cohort "${run[@]}" -o "$tmp/a.sqlite" -q
"$knead" cohort --dump "$tmp/a.sqlite" | cmp -s - "$tmp/a.dump" && ok || bad "a finished run changed on rerun"
# neither the order of --profiles nor -n changes a subject: subjects 0..2 of a run of 3, profiles
# the other way round, are those of the run of 6
check profile-order 0 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 3 --seed 3 --profiles untrained_partner,professional -o "$tmp/r.sqlite" --progress
expect_text progress-bar "$tmp/err" "3/3 subjects"
expect_text progress-eta "$tmp/err" "ETA 0m"
q='select subject, profile, spasm, cramp, bruise, harm, p_peak_kPa, age_years from results join subjects using (subject) where subject < 3 order by subject, profile'
[ "$(count "$tmp/a.sqlite" "$q")" = "$(count "$tmp/r.sqlite" "$q")" ] && ok || bad "profile order changed results"

# ---- another run's database: refused, untouched --------------------------------------------------
check other-seed 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 6 --seed 4 --profiles professional,untrained_partner -o "$tmp/a.sqlite"
expect_text other-seed "$tmp/err" "seed is 3 there, 4 now"
check other-n 2 "$knead" cohort "$pop" "$tmp/calf.yaml" -n 7 --seed 3 --profiles professional,untrained_partner -o "$tmp/a.sqlite"
expect_text other-n "$tmp/err" "n is 6 there, 7 now"
"$knead" cohort --dump "$tmp/a.sqlite" | cmp -s - "$tmp/a.dump" && ok || bad "a refused run changed the database"
[ "$(count "$tmp/a.sqlite" "pragma journal_mode")" = delete ] && ok || bad "a refused run changed the journal mode"

# ---- kill -9 in the middle, then resume: identical to an uninterrupted run -------------------------
cat >"$tmp/slow.yaml" <<'EOF'
session:
  name: "calf, longer"
  recovery: 5 s
  actions:
    - do: petrissage
      muscle: gastrocnemius
      contact: palm
      force: 40 N
      duration: 20 s
EOF
slow=("$pop" "$tmp/slow.yaml" -n 8 --seed 9 --profiles professional,untrained_partner)
check uninterrupted 0 "$knead" cohort "${slow[@]}" -o "$tmp/ref.sqlite" -q -j 2
"$knead" cohort "${slow[@]}" -o "$tmp/k.sqlite" -q -j 1 &
bg=$!
for _ in $(seq 1 300); do # up to 30 s for 3 subjects to be stored
  n=$(count "$tmp/k.sqlite" 'select count(*) from subjects')
  [ -n "$n" ] && [ "$n" -ge 3 ] && break
  sleep 0.1
done
kill -9 "$bg" 2>/dev/null; wait "$bg" 2>/dev/null; bg=""
n=$(count "$tmp/k.sqlite" 'select count(*) from subjects')
if [ -n "$n" ] && [ "$n" -ge 3 ] && [ "$n" -lt 8 ]; then ok; else bad "kill -9 should leave a partial run, found ${n:-none} subjects"; fi
[ "$(count "$tmp/k.sqlite" 'select count(*) from results')" = $((2 * n)) ] && ok || bad "a subject stored without both results"
check summary-partial 0 "$knead" cohort --summary "$tmp/k.sqlite"
expect_text summary-partial "$tmp/out" "incomplete: run the same command to resume"
check resume 0 "$knead" cohort "${slow[@]}" -o "$tmp/k.sqlite" -j 2
expect_text resume-count "$tmp/err" "$((8 - n)) subjects in"
"$knead" cohort --dump "$tmp/ref.sqlite" >"$tmp/ref.dump"
"$knead" cohort --dump "$tmp/k.sqlite" >"$tmp/k.dump"
cmp -s "$tmp/ref.dump" "$tmp/k.dump" && ok || bad "resumed run differs: $(diff "$tmp/ref.dump" "$tmp/k.dump" | head -3)"

# ---- a second process on a database in use: told so, exit 2, the run unharmed ----------------------
# (a run long enough to be still going while the others try; it is stopped once they have)
long=("$pop" "$tmp/slow.yaml" -n 400 --seed 9 --profiles professional,untrained_partner)
"$knead" cohort "${long[@]}" -o "$tmp/l.sqlite" -q -j 1 &
bg=$!
for _ in $(seq 1 300); do # up to 30 s for the first subject to be stored
  n=$(count "$tmp/l.sqlite" 'select count(*) from subjects')
  [ -n "$n" ] && [ "$n" -ge 1 ] && break
  sleep 0.1
done
check in-use 2 "$knead" cohort "${long[@]}" -o "$tmp/l.sqlite" -q -j 1
expect_text in-use "$tmp/err" "l.sqlite: is in use by another knead cohort process"
check in-use-summary 2 "$knead" cohort --summary "$tmp/l.sqlite"
expect_text in-use-summary "$tmp/err" "is in use by another knead cohort process"
kill -0 "$bg" 2>/dev/null && ok || bad "the run in use ended before the checks (too fast a machine?)"
kill -9 "$bg" 2>/dev/null
wait "$bg" 2>/dev/null
bg=""
n=$(count "$tmp/l.sqlite" 'select count(*) from subjects')
[ -n "$n" ] && [ "$(count "$tmp/l.sqlite" 'select count(*) from results')" = $((2 * n)) ] && ok ||
  bad "the run in use lost its rows"
check in-use-after 0 "$knead" cohort --summary "$tmp/l.sqlite"

# ---- a damaged database: refused with the way out and left as it is; --summary and --dump the same --
cp "$tmp/ref.sqlite" "$tmp/d.sqlite"
pages=$(($(stat -c %s "$tmp/d.sqlite") / 4096))
page=$((pages > 7 ? 6 : pages - 1)) # bytes 24576-28671 when there are that many
head -c 4096 /dev/zero | tr '\0' '\253' |
  dd of="$tmp/d.sqlite" bs=4096 seek="$page" conv=notrunc status=none
sum=$(cksum <"$tmp/d.sqlite")
check damaged 2 "$knead" cohort "${slow[@]}" -o "$tmp/d.sqlite" -q
expect_text damaged "$tmp/err" "d.sqlite: is damaged ("
expect_text damaged-recovery "$tmp/err" "delete it (or give another -o file) and run the same cohort command again"
[ ! -s "$tmp/out" ] && ok || bad "a damaged database printed a table"
[ "$(cksum <"$tmp/d.sqlite")" = "$sum" ] && ok || bad "a damaged database was changed"
check damaged-summary 2 "$knead" cohort --summary "$tmp/d.sqlite"
expect_text damaged-summary "$tmp/err" "is damaged"
check damaged-dump 2 "$knead" cohort --dump "$tmp/d.sqlite"
expect_text damaged-dump "$tmp/err" "is damaged"
# sound pages whose rows do not add up: a subject stored without its second result
cp "$tmp/ref.sqlite" "$tmp/e.sqlite"
sqlite3 "$tmp/e.sqlite" "delete from results where subject = 2 and profile = 'untrained_partner'"
check rows-missing 2 "$knead" cohort "${slow[@]}" -o "$tmp/e.sqlite" -q
expect_text rows-missing "$tmp/err" "without a result under every profile"
check rows-missing-summary 2 "$knead" cohort --summary "$tmp/e.sqlite"
# a database of another schema version
cp "$tmp/ref.sqlite" "$tmp/v.sqlite"
sqlite3 "$tmp/v.sqlite" "pragma user_version = 99"
check other-version 2 "$knead" cohort "${slow[@]}" -o "$tmp/v.sqlite" -q
expect_text other-version "$tmp/err" "is a cohort database of another knead version (schema 99"

# ---- a disk that takes nothing (a 4 KiB file size limit, SIGXFSZ ignored): exit 3, no file left ----
check full-disk 3 bash -c 'trap "" XFSZ; ulimit -f 4; exec "$@"' _ \
  "$knead" cohort "${run[@]}" -o "$tmp/full.sqlite" -q
expect_text full-disk "$tmp/err" "full.sqlite: database:"
ls "$tmp"/full.sqlite* >/dev/null 2>&1 && bad "a failed creation left $(ls "$tmp"/full.sqlite*)" || ok

# ---- the schema (docs/cohort.md documents it) ------------------------------------------------------
sqlite3 "$tmp/a.sqlite" .schema >"$tmp/schema"
cat >"$tmp/schema.expect" <<'EOF'
CREATE TABLE run(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE subjects(subject INTEGER PRIMARY KEY, sex TEXT NOT NULL, age_years REAL, height_m REAL, mass_kg REAL, bmi_kg_m2 REAL, body_fat REAL, cramps_per_month REAL, hypohydration REAL, serum_sodium_mmol_L REAL, serum_potassium_mmol_L REAL, serum_magnesium_mmol_L REAL, serum_calcium_mmol_L REAL, exertion REAL, inactive_weeks REAL, posture_h REAL, atherosclerosis INTEGER, chronic_illness INTEGER, cramp_training INTEGER, pain_threshold_scale REAL, core_temperature_degC REAL, acute_illness INTEGER, systolic_mmHg REAL, diastolic_mmHg REAL, hypertension INTEGER, carotid_sinus_hypersensitivity INTEGER, bp_medication INTEGER, heart_rate_per_min REAL);
CREATE TABLE results(subject INTEGER NOT NULL REFERENCES subjects, profile TEXT NOT NULL, spasm INTEGER NOT NULL, reflex_response INTEGER NOT NULL, cramp INTEGER NOT NULL, nerve_block INTEGER NOT NULL, nerve_injury INTEGER NOT NULL, bruise INTEGER NOT NULL, soreness INTEGER NOT NULL, carotid_event INTEGER NOT NULL, dizziness INTEGER NOT NULL, ioh INTEGER NOT NULL, harm_injury INTEGER NOT NULL, harm TEXT, nerve_grade TEXT, bruise_grade TEXT, clonic_spasms, tonic_spasms, cramps, soreness_probability, bruise_probability, p_peak_kPa, pain_peak, bruise_index, injury_dose, muscle_damage, duration_s, events, events_kept, practitioner_force_ratio, practitioner_force_bias_N, practitioner_force_cv, practitioner_ramp_s, practitioner_drift_mm, practitioner_pain_delay_s, PRIMARY KEY(subject, profile));
CREATE TABLE events(subject INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, site TEXT, t_start_s REAL, t_end_s REAL, value REAL, unit TEXT, evidence TEXT, PRIMARY KEY(subject, profile, seq));
EOF
cmp -s "$tmp/schema" "$tmp/schema.expect" && ok || bad "schema: $(diff "$tmp/schema.expect" "$tmp/schema")"
[ "$(count "$tmp/a.sqlite" "select value from run where key = 'profiles'")" = "professional,untrained_partner" ] && ok || bad "run.profiles"

# ---- an incidence with a known interval --------------------------------------------------------------
# Every subject is the default subject, and 15 minutes of 40 N thumb pressure over the posterior
# triangle injure the spinal accessory nerve (examples/article/a10; 8 minutes gave dose 1.03, at the
# threshold, once the structural dose rate was bounded above 400 mmHg): 4 of 4. Wilson's interval for
# k = n is [n / (n + z^2), 1] (z = 1.959964): 4 / 7.841459 = 51.01 %; for k = 0 it is
# [0, z^2 / (n + z^2)] = 48.99 %.
cat >"$tmp/fixed.yaml" <<'EOF'
population:
  name: "the default subject"
  traits:
    age: {unit: years, distribution: fixed, value: 40, source: "calibrated: test"}
EOF
cat >"$tmp/injure.yaml" <<'EOF'
session:
  name: "posterior triangle, 15 min"
  recovery: 5 s
  actions:
    - do: compression
      landmark: posterior_triangle
      contact: thumb
      force: 40 N
      duration: 15 min
EOF
check known 0 "$knead" cohort "$tmp/fixed.yaml" "$tmp/injure.yaml" -n 4 -o "$tmp/known.sqlite" -q
check known-summary 0 "$knead" cohort --summary "$tmp/known.sqlite"
lo=$(awk 'BEGIN { z = 1.959963984540054; printf "%.2f", 100 * 4 / (4 + z * z) }')
hi0=$(awk 'BEGIN { z = 1.959963984540054; printf "%.2f", 100 * z * z / (4 + z * z) }')
[ "$lo" = "51.01" ] && [ "$hi0" = "48.99" ] && ok || bad "awk arithmetic"
expect_text known-header "$tmp/out" 'cohort: 4 of 4 subjects; population "the default subject"; session "posterior triangle, 15 min"; seed 1'
expect_text known-injury "$tmp/out" "nerve injury                    4 100.00 [$lo, 100.00]"
expect_text known-block "$tmp/out" "nerve conduction block          4 100.00 [$lo, 100.00]"
expect_text known-zero "$tmp/out" "cramp                           0   0.00 [ 0.00, $hi0]"
expect_text known-method "$tmp/out" "95 % confidence interval (Wilson)"

# ---- a course: every subject's whole course, in its own tables (schema 3) ----------------------------
# The same default subject, 6 min of 60 N on the spinal accessory nerve at 0 d, 1 d, 2 d and 93 d.
# One session leaves a structural dose between 0.5 and 1 (no injury). The carried dose stays whole
# until the shortest recovery (nerve_injury_recovery_min, 2 weeks), so at 1 d the second session
# adds its dose to the first's: twice one session's, >= 1, an injury that no single session gives;
# the third (2 d) is given on that injured, unrecovered nerve and ends with three times the dose (<
# nerve_severe_dose 4). The fourth comes 91 d after the third, beyond the longest recovery
# (nerve_injury_recovery_max, 12 weeks): nothing is carried, its dose is one session's again.
# The contact is a device: no hand noise, so every session's own dose is the same (a course gives
# each session its own hand noise). Soreness is felt from 6 h after a session, strongest at 18 h
# and down to a tenth at 30 h (Cambron 2007; course_soreness_peak; the shape (x e^(1-x))^k of
# x = (t - 6 h) / 12 h, docs/model.md "Soreness over days", k = ln 0.1 / (ln 2 - 1)): the second
# session starts 24 h - 6 min after the first ended, x = 17.9 / 12, a share of 0.5022.
cat >"$tmp/course.yaml" <<'EOF'
session:
  name: "posterior triangle, 6 min, four times"
  giver: device
  recovery: 5 s
  course: {at: [0 d, 1 d, 2 d, 93 d]}
  actions:
    - do: compression
      landmark: posterior_triangle
      contact: thumb
      force: 60 N
      duration: 6 min
EOF
check course 0 "$knead" cohort "$tmp/fixed.yaml" "$tmp/course.yaml" -n 2 -o "$tmp/course.sqlite" -j 2
cp "$tmp/out" "$tmp/course.out"
[ "$(count "$tmp/course.sqlite" 'pragma user_version')" = 3 ] && [ "$(count "$tmp/a.sqlite" 'pragma user_version')" = 2 ] && ok || bad "schema versions: a course run 3, a run without one 2"
[ "$(count "$tmp/course.sqlite" "select value from run where key = 'course_sessions'")" = 4 ] && ok || bad "run.course_sessions"
[ "$(count "$tmp/course.sqlite" 'select count(*) from course_results')" = 2 ] && ok || bad "a course row per subject"
[ "$(count "$tmp/course.sqlite" 'select count(*) from course_sessions')" = 8 ] && ok || bad "a row per session of each course"
[ "$(count "$tmp/a.sqlite" "select count(*) from sqlite_master where name like 'course%'")" = 0 ] && ok || bad "course tables in a run without a course"
# within recovery: the second session on an unrecovered nerve, with twice the dose
q='select count(*) from course_sessions s2 join course_sessions s1 using (subject, profile) where s1.session = 1 and s2.session = 2 and s2.nerves_unrecovered = 1 and s1.nerve_dose_max > 0.5 and s1.nerve_dose_max < 1 and abs(s2.nerve_dose_max - 2 * s1.nerve_dose_max) < 1e-9 * s1.nerve_dose_max'
[ "$(count "$tmp/course.sqlite" "$q")" = 2 ] && ok || bad "session 2: the first session's dose not carried whole"
q='select count(*) from course_sessions s3 join course_sessions s1 using (subject, profile) where s1.session = 1 and s3.session = 3 and s3.nerves_unrecovered = 1 and abs(s3.nerve_dose_max - 3 * s1.nerve_dose_max) < 1e-9 * s1.nerve_dose_max'
[ "$(count "$tmp/course.sqlite" "$q")" = 2 ] && ok || bad "session 3: the first two sessions' doses not carried whole"
# beyond recovery: nothing carried
q='select count(*) from course_sessions s4 join course_sessions s1 using (subject, profile) where s1.session = 1 and s4.session = 4 and s4.nerves_unrecovered = 0 and s4.nerve_dose_max = s1.nerve_dose_max and s4.sore_at_start = 0'
[ "$(count "$tmp/course.sqlite" "$q")" = 2 ] && ok || bad "session 4: a dose carried beyond the longest recovery"
share=$(awk 'BEGIN { x = 17.9 / 12; k = log(0.1) / (log(2) - 1); printf "%.12g", exp(k * (log(x) + 1 - x)) }')
q="select count(*) from course_sessions s2 join course_sessions s1 using (subject, profile) where s1.session = 1 and s2.session = 2 and s1.soreness_probability > 0 and abs(s2.sore_at_start - s1.soreness_probability * $share) < 1e-9 * s1.soreness_probability"
[ "$(count "$tmp/course.sqlite" "$q")" = 2 ] && ok || bad "session 2: soreness felt at its start is not the share at 23.9 h of the first's chance"
# the table: no single session injures, the course does, in both subjects (Wilson for k = n = 2:
# [2 / (2 + z^2), 1]; for k = 0: [0, z^2 / (2 + z^2)])
lo2=$(awk 'BEGIN { z = 1.959963984540054; printf "%.2f", 100 * 2 / (2 + z * z) }')
hi2=$(awk 'BEGIN { z = 1.959963984540054; printf "%.2f", 100 * z * z / (2 + z * z) }')
expect_text course-single "$tmp/course.out" "nerve injury                    0   0.00 [ 0.00, $hi2]"
expect_text course-title "$tmp/course.out" "course (4 sessions)         professional (n=2)"
expect_text course-injury "$tmp/course.out" "nerve injury, carried dose      2 100.00 [$lo2, 100.00]"
expect_text course-unrecovered "$tmp/course.out" "on an unrecovered injury        2 100.00 [$lo2, 100.00]"
expect_text course-harm "$tmp/course.out" "any injury over the course      2 100.00 [$lo2, 100.00]"
expect_text course-cramp "$tmp/course.out" "cramp in any session            0   0.00 [ 0.00, $hi2]"
# the pressure rows: the mean of the stored changes; the default subject is not hypertensive
m=$(count "$tmp/course.sqlite" "select printf('%+.1f/%+.1f', avg(systolic_change_mmHg), avg(diastolic_change_mmHg)) from course_results")
expect_text course-bp "$tmp/course.out" "BP change, all                  2 $m"
expect_text course-bp-hyper "$tmp/course.out" "BP change, hypertensive         0 -"
check course-by 0 "$knead" cohort --summary "$tmp/course.sqlite" --by hypertension
expect_text course-by "$tmp/out" "no hypertension             professional (n=2)"
[ "$(grep -c '^course (4 sessions)' "$tmp/out")" = 3 ] && ok || bad "--by: a course table for the whole and each stratum"
# resumed, dumped with its course tables, refused when a session's row is missing
"$knead" cohort --dump "$tmp/course.sqlite" >"$tmp/course.dump"
expect_text course-dump "$tmp/course.dump" "# course_sessions"
check course-rerun 0 "$knead" cohort "$tmp/fixed.yaml" "$tmp/course.yaml" -n 2 -o "$tmp/course.sqlite" -q
"$knead" cohort --dump "$tmp/course.sqlite" | cmp -s - "$tmp/course.dump" && ok || bad "a finished course run changed on rerun"
cp "$tmp/course.sqlite" "$tmp/course_bad.sqlite"
sqlite3 "$tmp/course_bad.sqlite" "delete from course_sessions where subject = 1 and session = 4"
check course-rows-missing 2 "$knead" cohort --summary "$tmp/course_bad.sqlite"
expect_text course-rows-missing "$tmp/err" "holds courses without a row for each of their sessions"

finish
