#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The install as its users meet it (issue 18, part 4): `make install-check` runs
#   tests/install/check.sh BUILD_DIR
# which installs BUILD_DIR into a temporary prefix (cmake --install --prefix), then
#   - builds and runs two out-of-tree consumers against it: find_package/ (CMake package:
#     control_loop.c from share/knead/examples on knead::knead, firmware_monitor.c on knead::monitor)
#     and the same two programs with nothing but pkg-config (knead, knead-monitor);
#   - checks libknead.so's SONAME and that the programs load the installed libknead;
#   - runs the installed knead: --version, one simulation of the installed examples, and the
#     population validation from another folder (it must find share/knead/data/populations);
#   - moves the whole prefix and runs knead and the pkg-config build again (relocatable install).
set -u
build=$(cd "${1:?usage: check.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib/checks.sh"
prefix="$tmp/prefix"

check "cmake --install" 0 cmake --install "$build" --prefix "$prefix"
libdir=$(dirname "$(find "$prefix" -name libknead.so -print -quit)")
share="$prefix/share/knead"
for f in "$prefix/bin/knead" "$libdir/libknead.a" "$libdir/libknead_monitor.a" \
  "$libdir/pkgconfig/knead.pc" "$libdir/pkgconfig/knead-monitor.pc" \
  "$libdir/cmake/knead/kneadConfig.cmake" \
  "$prefix/include/knead/knead.h" "$share/data/populations/us_adult.yaml" \
  "$share/examples/subject_default.yaml" "$share/schema/session.schema.json"; do
  if [ -e "$f" ]; then ok; else bad "not installed: ${f#"$prefix"/}"; fi
done
if [ -e "$prefix/include/knead/validate.h" ]; then bad "validate.h installed (not libknead's)"; else ok; fi
soname=$(objdump -p "$libdir/libknead.so" | awk '/SONAME/ {print $2}')
if [ "$soname" = "libknead.so.0" ]; then ok; else bad "SONAME is '$soname', expected libknead.so.0"; fi

trace="$share/examples/monitor/untrained_neck.csv"
subject="$share/examples/subject_default.yaml"
loaded_from() { # loaded_from PROGRAM: the libknead.so the dynamic loader picks for it
  ldd "$1" | awk '/libknead\.so/ {print $3}'
}

# 1. the CMake package
check "find_package: configure" 0 cmake -S "$here/find_package" -B "$tmp/fp" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
check "find_package: build" 0 cmake --build "$tmp/fp"
check "find_package: control_loop" 0 "$tmp/fp/control_loop" "$trace" "$subject"
expect_text "find_package: control_loop output" "$tmp/out" "with the monitor"
case "$(loaded_from "$tmp/fp/control_loop")" in
"$libdir"/*) ok ;;
*) bad "find_package: control_loop loads $(loaded_from "$tmp/fp/control_loop"), not $libdir" ;;
esac
check "find_package: firmware_monitor" 0 "$tmp/fp/firmware_monitor"
cat "$tmp/out"
if nm -u "$tmp/fp/firmware_monitor" | grep -qE ' (fyaml|json_|ut_|sqlite3_)'; then
  bad "firmware_monitor links more than the monitor"
else ok; fi

# 2. pkg-config alone
pkgcc() { # pkgcc OUT: control_loop.c built with the flags knead.pc gives
  local pc="$1"
  shift
  PKG_CONFIG_PATH="$pc" cc -std=c11 -o "$@" "$share/examples/monitor/control_loop.c" \
    $(PKG_CONFIG_PATH="$pc" pkg-config --cflags knead) \
    $(PKG_CONFIG_PATH="$pc" pkg-config --libs knead) -lm \
    -Wl,-rpath,"$(PKG_CONFIG_PATH="$pc" pkg-config --variable=libdir knead)"
}
check "pkg-config: modversion" 0 env PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --modversion knead
expect_text "pkg-config: version" "$tmp/out" "$("$build/knead" --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)"
check "pkg-config: build" 0 pkgcc "$libdir/pkgconfig" "$tmp/pc_loop"
check "pkg-config: control_loop" 0 "$tmp/pc_loop" "$trace" "$subject"
# the monitor alone: a static library and libm, nothing else
check "pkg-config knead-monitor: build" 0 env PKG_CONFIG_PATH="$libdir/pkgconfig" sh -c \
  "cc -std=c11 -o '$tmp/pc_fw' '$here/firmware_monitor.c' \$(pkg-config --cflags --libs knead-monitor)"
check "pkg-config knead-monitor: firmware_monitor" 0 "$tmp/pc_fw"
if ldd "$tmp/pc_fw" | grep -qE 'libknead|libfyaml|libjansson|libsqlite3|libudunits2'; then
  bad "firmware_monitor (pkg-config) loads more than libc and libm"
else ok; fi

# 3. the installed command, run from elsewhere: it finds its data in share/knead
check "installed knead --version" 0 "$prefix/bin/knead" --version
check "installed knead simulate" 0 "$prefix/bin/knead" simulate "$subject" \
  "$share/examples/neck_shoulder_professional.yaml" -o "$tmp/run" -q
if [ -s "$tmp/run/summary.json" ]; then ok; else bad "installed knead simulate wrote no summary.json"; fi
check "installed knead finds its data" 0 env -u KNEAD_DATA_DIR sh -c \
  "cd / && '$prefix/bin/knead' validate --help"
expect_text "installed knead data folder" "$tmp/out" "$share"

# 4. the prefix moved: knead.pc, the CMake package's paths and the data lookup follow
moved="$tmp/moved"
mv "$prefix" "$moved"
libdir="$moved/${libdir#"$prefix"/}"
share="$moved/share/knead"
check "moved: knead finds its data" 0 env -u KNEAD_DATA_DIR "$moved/bin/knead" validate --help
expect_text "moved: data folder" "$tmp/out" "$share"
check "moved: pkg-config build" 0 pkgcc "$libdir/pkgconfig" "$tmp/pc_moved"
check "moved: control_loop" 0 "$tmp/pc_moved" "$share/examples/monitor/untrained_neck.csv" \
  "$share/examples/subject_default.yaml"
finish
