#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian package as a user gets it (issue 18, part 5): `make deb-check` runs
#   tests/install/deb_check.sh knead_<version>_<arch>.deb
# Checks the control fields (name, version, Depends worked out from the shared libraries) and the
# files, unpacks it with dpkg-deb -x into a throw-away root (nothing is installed on the machine)
# and runs knead --version and one simulation of the packaged examples from there.
set -u
deb=$(cd "$(dirname "${1:?usage: deb_check.sh PACKAGE.deb}")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib/checks.sh"
root="$tmp/root"

check "dpkg-deb --field" 0 dpkg-deb --field "$deb" Package Version Architecture Depends
cp "$tmp/out" "$tmp/fields"
sed 's/^/  /' "$tmp/fields"
expect_text "package name" "$tmp/fields" "Package: knead"
version=$(basename "$deb" | cut -d_ -f2)
expect_text "version" "$tmp/fields" "Version: $version"
# the libraries knead links, as dpkg-shlibdeps names their packages on Debian 12
for dep in libc6 libfyaml0 libjansson4 libudunits2-0 libsqlite3-0; do
  expect_text "Depends: $dep" "$tmp/fields" "$dep"
done
check "dpkg-deb --contents" 0 dpkg-deb --contents "$deb"
for f in ./usr/bin/knead ./usr/include/knead/knead.h /pkgconfig/knead.pc /cmake/knead/kneadConfig.cmake \
  /libknead.so.0 ./usr/share/knead/data/populations/us_adult.yaml ./usr/share/doc/knead/LICENSE \
  ./usr/share/doc/knead/copyright; do
  expect_text "packaged: $f" "$tmp/out" "$f"
done

check "dpkg-deb -x" 0 dpkg-deb -x "$deb" "$root"
knead="$root/usr/bin/knead"
share="$root/usr/share/knead"
check "knead --version" 0 "$knead" --version
expect_text "knead --version" "$tmp/out" "$version"
check "knead simulate" 0 env -u KNEAD_DATA_DIR "$knead" simulate "$share/examples/subject_default.yaml" \
  "$share/examples/neck_shoulder_professional.yaml" -o "$tmp/run" -q
if [ -s "$tmp/run/summary.json" ] && [ -s "$tmp/run/timeseries.csv" ]; then ok; else
  bad "knead simulate from the package wrote no summary.json/timeseries.csv"
fi
check "packaged knead finds its data" 0 env -u KNEAD_DATA_DIR "$knead" validate --help
expect_text "packaged data folder" "$tmp/out" "$share"
finish
