#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end tests of `knead monitor` (issue 6): the alarms on a recorded session agree with what
# `knead simulate` finds on the same trace, file and stdin give the same result, bad lines are
# reported and skipped (or fatal) without losing anything from the good ones, sensor faults are
# counted, and usage errors exit 2.
#
#   usage: monitor.sh PATH/TO/knead
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/knead" >&2
  exit 2
fi
knead=$1
case $knead in /*) ;; *) knead=$PWD/$knead ;; esac
here=$(cd "$(dirname "$0")" && pwd)
ex=$here/../../examples
. "$here/lib/checks.sh"
export LC_ALL=C

# The alarm episodes both tools report, as kind,site_kind,site,t_start,t_end. The simulator's events
# that the monitor does not model (the practitioner's reaction, spasms and reflex responses from the reflex engine) are
# left out: the monitor has no session plan and no neuromuscular engine.
comparable() {
  tail -n +2 "$1" | awk -F, '$3 !~ /^(practitioner_eased|clonic_spasm|tonic_spasm|cramp|reflex_response)$/ \
    { print $3 "," $4 "," $5 "," $1 "," $2 }' | sort
}

# 1. a fresh trace from the simulator, replayed: the same alarms at the same times
for s in professional untrained; do
  "$knead" simulate "$ex/subject_default.yaml" "$ex/monitor/${s}_neck.yaml" -o "$tmp/sim_$s" \
    --trace "$tmp/$s.csv" -q
  rc=$?
  [ $rc -eq 0 ] || { bad "simulate --trace $s exited $rc"; continue; }
  "$knead" monitor --subject "$ex/subject_default.yaml" --input "$tmp/$s.csv" --period 0.01 \
    --events "$tmp/mon_$s.csv" --quiet >"$tmp/mon_$s.jsonl"
  rc=$?
  [ $rc -eq 0 ] || { bad "monitor on the $s trace exited $rc"; continue; }
  comparable "$tmp/sim_$s/events.csv" >"$tmp/want_$s"
  comparable "$tmp/mon_$s.csv" >"$tmp/got_$s"
  if [ ! -s "$tmp/want_$s" ]; then
    bad "$s: the simulator found no alarm to compare"
  elif diff "$tmp/want_$s" "$tmp/got_$s" >"$tmp/diff_$s"; then
    ok
  else
    bad "$s: monitor alarms differ from simulate's (< simulate, > monitor)"
    cat "$tmp/diff_$s"
  fi
done
# the untrained partner's thumb on the neck is what the monitor must catch
grep -q '^nerve_ischaemia,nerve,spinal_accessory,' "$tmp/got_untrained" && ok ||
  bad "no nerve ischaemia alarm on the spinal accessory nerve"
# the rough partner is knead 0.1.0's untrained partner: its fresh trace is the recorded one, byte
# for byte (untrained_neck.csv was recorded with that profile)
cmp -s "$tmp/untrained.csv" "$ex/monitor/untrained_neck.csv" && ok ||
  bad "rough partner's trace differs from the recorded untrained_neck.csv"

# 2. the recorded traces shipped in examples/monitor give the alarms simulate found when they were
#    recorded (examples/monitor/*.events.csv; `make monitor-traces` records both again)
for s in professional untrained; do
  "$knead" monitor --subject "$ex/subject_default.yaml" --input "$ex/monitor/${s}_neck.csv" \
    --period 0.01 --events "$tmp/rec_$s.csv" --quiet >/dev/null
  if diff <(comparable "$ex/monitor/${s}_neck.events.csv") <(comparable "$tmp/rec_$s.csv") \
    >"$tmp/rdiff"; then ok; else
    bad "recorded $s trace: alarms differ from the recorded simulate events"
    cat "$tmp/rdiff"
  fi
done

# 3. stdin and a file give the same lines (a device can pipe into it)
"$knead" monitor --subject "$ex/subject_default.yaml" --period 0.01 --status-every 2 \
  --input "$ex/monitor/untrained_neck.csv" >"$tmp/file.jsonl"
"$knead" monitor --subject "$ex/subject_default.yaml" --period 0.01 --status-every 2 \
  <"$ex/monitor/untrained_neck.csv" >"$tmp/stdin.jsonl"
cmp -s "$tmp/file.jsonl" "$tmp/stdin.jsonl" && ok || bad "stdin and --input differ"
grep -c '"type":"status"' "$tmp/file.jsonl" | grep -qx 15 && ok || bad "want 15 status lines"
tail -n 1 "$tmp/file.jsonl" | grep -q '^{"type":"summary"' && ok || bad "summary is not last"
grep -q '"type":"alarm","t_s":8.04,"alarm":"raised","reason":"pain"' "$tmp/file.jsonl" && ok ||
  bad "the pain alarm at 8.04 s is missing"
bad_json=$(grep -vc '^{"type":"\(alarm\|status\|summary\)",' "$tmp/file.jsonl")
[ "$bad_json" = 0 ] && ok || bad "$bad_json output lines are not JSON lines of a known type"

# 4. bad lines: reported with file:line:col, skipped; the good lines give exactly what they give
#    alone. With --on-error fail: the first bad line stops it with exit 2.
head -n 400 "$ex/monitor/untrained_neck.csv" >"$tmp/good.csv"
{
  head -n 100 "$tmp/good.csv"
  echo "1.0,0,neck_lateral,,0.0,0.0,abc,,,0.000132,thumb"
  echo "1.0,0,neckk_lateral,,0.0,0.0,1,,,0.000132,thumb"
  echo "1.0,0,neck_lateral,,0.0,0.0,1,,,0.000132,thumb,surplus"
  echo '{"t_s":1.0,"force_N":'
  tail -n +101 "$tmp/good.csv"
} >"$tmp/mixed.csv"
"$knead" monitor --period 0.01 --input "$tmp/good.csv" --quiet --events "$tmp/ev_good.csv" \
  >"$tmp/good.jsonl" 2>"$tmp/good.err"
"$knead" monitor --period 0.01 --input "$tmp/mixed.csv" --quiet --events "$tmp/ev_mixed.csv" \
  >"$tmp/mixed.jsonl" 2>"$tmp/mixed.err"
rc=$?
[ $rc -eq 0 ] && ok || bad "bad lines skipped: exit $rc, want 0"
cat >"$tmp/want.err" <<EOT
$tmp/mixed.csv:101:29: force_N: not a number
$tmp/mixed.csv:102:7: region: unknown region (knead atlas lists them)
$tmp/mixed.csv:103:48: line: more fields than columns
$tmp/mixed.csv:104:22: force_N: expected a value
EOT
diff "$tmp/want.err" "$tmp/mixed.err" >/dev/null && ok || {
  bad "bad-line messages"
  diff "$tmp/want.err" "$tmp/mixed.err"
}
cmp -s "$tmp/ev_good.csv" "$tmp/ev_mixed.csv" && ok || bad "bad lines changed the alarms"
grep -q '"samples":399,"rejected":0,"bad_lines":4,' "$tmp/mixed.jsonl" && ok ||
  bad "summary should count 399 samples and 4 bad lines"
"$knead" monitor --period 0.01 --input "$tmp/mixed.csv" --on-error fail >"$tmp/f.out" \
  2>"$tmp/f.err"
rc=$?
[ $rc -eq 2 ] && ok || bad "--on-error fail: exit $rc, want 2"
[ "$(cat "$tmp/f.err")" = "$tmp/mixed.csv:101:29: force_N: not a number" ] && ok ||
  bad "--on-error fail: message $(cat "$tmp/f.err")"
grep -q '"type":"summary"' "$tmp/f.out" && bad "--on-error fail printed a summary" || ok

# 5. sensor faults from the stream: counted, and the monitor goes on
cat >"$tmp/faults.csv" <<'EOT'
t_s,region,force_N,area_m2
0.000,calf,10,0.006
0.001,calf,nan,0.006
0.002,calf,-20,0.006
0.003,calf,10,0.006
0.001,calf,10,0.006
0.004,calf,10,0
0.005,calf,10,0.006
0.500,calf,10,0.006
EOT
"$knead" monitor --input "$tmp/faults.csv" --quiet >"$tmp/faults.jsonl"
# NaN, a pull, a time already past and a zero area are rejected; 0.003 and 0.005 follow gaps of
# dropped samples; 0.500 is a clock jump
want='"faults":{"fault_nonfinite":1,"fault_negative_force":1,"fault_area":1,'
want="$want"'"fault_time_backwards":1,"fault_time_jump":1,"fault_dropped":2}'
grep -q "$want" "$tmp/faults.jsonl" && ok || { bad "fault counts"; tail -n 1 "$tmp/faults.jsonl"; }
grep -q '"samples":4,"rejected":4,' "$tmp/faults.jsonl" && ok || bad "4 accepted, 4 rejected"
grep -q '"reason":"fault_nonfinite","level":"fault"' "$tmp/faults.jsonl" && ok ||
  bad "a NaN force is a fault alarm"

# 6. JSON lines give what the same CSV gives
awk -F, 'NR > 1 { printf "{\"t_s\":%s,\"region\":\"%s\",\"force_N\":%s,\"area_m2\":%s}\n", \
  $1, $2, $3, $4 }' "$tmp/faults.csv" >"$tmp/faults.jsonl.in"
"$knead" monitor --input "$tmp/faults.jsonl.in" --quiet >"$tmp/faults_json.jsonl"
cmp -s "$tmp/faults.jsonl" "$tmp/faults_json.jsonl" && ok || bad "JSON lines differ from CSV"

# 7. exit codes
"$knead" monitor --subject "$ex/subject_default.yaml" --period 0.01 --fail-on limit --quiet \
  --input "$ex/monitor/untrained_neck.csv" >/dev/null
[ $? -eq 1 ] && ok || bad "--fail-on limit on the untrained trace: want exit 1"
printf 't_s,region,force_N,area_m2\n0,calf,0,\n0.001,calf,0.01,0.006\n0.002,calf,0.02,0.006\n' |
  "$knead" monitor --fail-on warning --quiet >/dev/null
[ $? -eq 0 ] && ok || bad "--fail-on warning on a light touch: want exit 0"
"$knead" monitor --bogus >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "unknown option: want exit 2"
"$knead" monitor --input "$tmp/missing.csv" >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "missing input: want exit 2"
printf 'subject:\n  body_fat: 300 %%\n' >"$tmp/bad_subject.yaml"
"$knead" monitor --subject "$tmp/bad_subject.yaml" </dev/null >/dev/null 2>"$tmp/subj.err"
[ $? -eq 2 ] && grep -q "bad_subject.yaml:2:" "$tmp/subj.err" && ok ||
  bad "bad subject: want exit 2 and file:line:col"
"$knead" monitor --help | grep -q "usage: knead monitor" && ok || bad "--help"

# 8. limits of the stream: a line longer than 4096 bytes is a bad line and the stream goes on, in
# bounded memory (a line that never ends, /dev/zero, used to grow past 3 GB); NUL bytes and invalid
# UTF-8 are bad lines too
{
  echo 't_s,region,force_N,area_m2'
  echo '0.000,calf,10,0.006'
  head -c 30000000 /dev/zero | tr '\0' 'x'
  echo
  printf '0.001,calf,10,0.006 # caf\xe9\n'
  printf '0.00\0,calf,10,0.006\n'
  echo '0.001,calf,10,0.006'
} >"$tmp/long.csv"
"$knead" monitor --input "$tmp/long.csv" --quiet >"$tmp/long.jsonl" 2>"$tmp/long.err"
[ $? -eq 0 ] && ok || bad "long line: want exit 0"
expect_text long-line "$tmp/long.err" "long.csv:3:4097: line: line longer than 4096 bytes"
expect_text bad-utf8 "$tmp/long.err" "long.csv:4:26: line: invalid UTF-8"
expect_text nul-byte "$tmp/long.err" "long.csv:5:5: line: NUL byte in the line"
grep -q '"samples":2,"rejected":0,"bad_lines":3,' "$tmp/long.jsonl" && ok ||
  { bad "long line: 2 samples and 3 bad lines"; tail -c 300 "$tmp/long.jsonl"; }
"$knead" monitor --input /dev/zero --quiet >/dev/null 2>&1 &
zpid=$!
sleep 2
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$zpid/status" 2>/dev/null)
kill "$zpid" 2>/dev/null
wait "$zpid" 2>/dev/null
[ -n "$rss" ] && [ "$rss" -lt 100000 ] && ok || bad "/dev/zero: ${rss:-?} kB resident after 2 s"

# 9. a force or shear above the physical bound (2000 N) is a sensor fault, and nothing after it
# turns to null (1e200 N once made soreness_load_s, min_margin and every alarm value null)
cat >"$tmp/huge.csv" <<'EOT'
t_s,region,force_N,shear_N,area_m2
0.000,calf,100,,0.006
0.001,calf,1e200,,0.006
0.002,calf,1e308,,0.006
0.003,calf,100,-1e300,0.006
0.004,calf,2000,,0.006
0.005,calf,100,,0.006
EOT
"$knead" monitor --input "$tmp/huge.csv" --status-every 0 --events "$tmp/huge_events.csv" \
  >"$tmp/huge.jsonl"
grep -q '"faults":{"fault_range":3,' "$tmp/huge.jsonl" && ok ||
  { bad "three samples beyond the bound"; tail -n 1 "$tmp/huge.jsonl"; }
grep -q '"reason":"fault_range","level":"fault"' "$tmp/huge.jsonl" && ok || bad "fault_range alarm"
no_text huge-null "$tmp/huge.jsonl" "null"
grep -q '"soreness_load_s":[0-9]' "$tmp/huge.jsonl" && ok || bad "soreness_load_s is a number"
no_text huge-events "$tmp/huge_events.csv" "nan"

# 10. many episodes: each one kept apart (3 s apart, beyond the 2 s merge gap), in the summary and
# the events file, in the order they began
awk 'BEGIN { print "t_s,region,force_N,area_m2"
  for (k = 0; k < 400; k++) printf "%d,calf,%s,0.0005\n", 3 * k, (k % 2) ? "300" : "0" }' \
  >"$tmp/episodes.csv"
"$knead" monitor --input "$tmp/episodes.csv" --gap-max 5 --events "$tmp/episodes_events.csv" \
  --quiet >"$tmp/episodes.jsonl"
n_iso=$(grep -c '^[0-9.]*,[0-9.]*,iso_force,region,calf,' "$tmp/episodes_events.csv")
[ "$n_iso" = 200 ] && ok || bad "200 iso_force episodes expected, got $n_iso"
n_sum=$(grep -o '"reason":"iso_force","site_kind":"region"' "$tmp/episodes.jsonl" | wc -l)
[ "$n_sum" = 200 ] && ok || bad "200 iso_force episodes in the summary, got $n_sum"
tail -n +2 "$tmp/episodes_events.csv" | cut -d, -f1 | sort -c -g && ok || bad "events not in order"

finish
