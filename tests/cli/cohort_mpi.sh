#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# knead cohort under MPI: 1 and 2 ranks (and 2 ranks x 2 threads) give the database a single
# process with one thread gives, row for row, for a session and for a course of sessions. Needs a
# knead built with -DKN_MPI=ON (make check-cohort-mpi builds one in build-mpi and runs this script
# with it); with a knead built without MPI it checks nothing and says so.
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
if ! "$knead" cohort --help 2>/dev/null | grep -q "Built with MPI"; then
  echo "skipped: $knead is built without MPI (make check-cohort-mpi runs this with build-mpi/knead)"
  echo "0 passed, 0 failed"
  exit 0
fi
# CI and the developers' machines run as root; OpenMPI refuses that unless told it is intended
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# one machine, no network: shared memory and loopback only
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
pop="$src/data/populations/us_adult.yaml"
cat >"$tmp/calf.yaml" <<'EOS'
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
EOS
run=("$pop" "$tmp/calf.yaml" -n 9 --seed 11 --profiles professional,untrained_partner -q)
step() { # step NAME COMMAND...: runs, then dumps NAME.sqlite to NAME.dump
  local name="$1"; shift
  if "$@" -o "$tmp/$name.sqlite" >"$tmp/$name.out" 2>&1; then ok; else
    bad "$name: exit $?"; sed 's/^/  /' "$tmp/$name.out" | head -8; fi
  "$knead" cohort --dump "$tmp/$name.sqlite" >"$tmp/$name.dump" 2>/dev/null
}
step single "$knead" cohort "${run[@]}" -j 1
step rank1 mpirun -n 1 "$knead" cohort "${run[@]}" -j 1
step rank2 mpirun -n 2 --oversubscribe "$knead" cohort "${run[@]}" -j 1
step rank2x2 mpirun -n 2 --oversubscribe "$knead" cohort "${run[@]}" -j 2
[ "$(grep -c . "$tmp/single.dump")" -gt 20 ] && ok || bad "single: empty dump"
for r in rank1 rank2 rank2x2; do
  cmp -s "$tmp/single.dump" "$tmp/$r.dump" && ok || bad "$r differs from one process: $(diff "$tmp/single.dump" "$tmp/$r.dump" | head -3)"
done
# resuming under MPI: one process is killed after storing a few subjects, 2 ranks finish the run
"$knead" cohort "$pop" "$tmp/calf.yaml" -n 9 --seed 11 --profiles professional,untrained_partner -q -o "$tmp/part.sqlite" -j 1 &
pid=$!
for _ in $(seq 1 200); do
  n=$(sqlite3 -cmd ".timeout 5000" "$tmp/part.sqlite" 'select count(*) from subjects' 2>/dev/null)
  [ -n "$n" ] && [ "$n" -ge 2 ] && break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
if mpirun -n 2 --oversubscribe "$knead" cohort "${run[@]}" -j 1 -o "$tmp/part.sqlite" >"$tmp/part.out" 2>&1; then ok; else
  bad "resume with 2 ranks: exit $?"; head -5 "$tmp/part.out"; fi
"$knead" cohort --dump "$tmp/part.sqlite" | cmp -s - "$tmp/single.dump" && ok || bad "resumed with 2 ranks differs"
# a course: each rank runs its subjects' whole courses; the course rows come to rank 0 with the unit
{ sed '/^  actions:/i\  course: {every: 2 d, sessions: 2}' "$tmp/calf.yaml" | sed 's/calf, short/calf, a course of two/'; } >"$tmp/course.yaml"
course=("$pop" "$tmp/course.yaml" -n 4 --seed 11 --profiles professional,untrained_partner -q)
step course_single "$knead" cohort "${course[@]}" -j 1
step course_rank2 mpirun -n 2 --oversubscribe "$knead" cohort "${course[@]}" -j 1
grep -q "^# course_sessions" "$tmp/course_single.dump" && [ "$(grep -c . "$tmp/course_single.dump")" -gt 30 ] && ok || bad "course_single: no course rows"
cmp -s "$tmp/course_single.dump" "$tmp/course_rank2.dump" && ok || bad "a course under 2 ranks differs from one process: $(diff "$tmp/course_single.dump" "$tmp/course_rank2.dump" | head -3)"
finish
