#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# report.html from the command line: `simulate --report` and `knead report DIR` give the same
# self-contained page; nothing in it loads from the network; input strings are escaped; long
# series are reduced for display; bad folders give a clear message and exit 2.
# (tests/browser/report_test.mjs opens the pages in a real browser.)
set -u
knead="$1"
src="${KN_SOURCE_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"
ok() { if "$@"; then pass=$((pass + 1)); else echo "FAIL: $*"; fail=$((fail + 1)); fi; }
subj="$src/examples/subject_default.yaml"
a12="$src/examples/article/a12_palm_over_muscle.yaml"

check simulate-report 0 "$knead" simulate "$subj" "$a12" -o "$tmp/run" --report
expect_text results-line "$tmp/out" "report.html}"
html="$tmp/run/report.html"
ok test -s "$html"
# self-contained: the library and our scripts inline, nothing fetched
expect_text inline-uplot "$html" "var uPlot="
expect_text inline-data "$html" '<script type="application/json" id="kn-data">'
expect_text csp "$html" "default-src 'none'"
no_text no-script-src "$html" "<script src"
no_text no-stylesheet-link "$html" "<link"
no_text no-http-src "$html" 'src="http'
no_text no-markers-left "$html" "@@KN:"
expect_text advice-in-data "$html" '"rule":"tell_pain"'
# long series: the display keeps 2000 points (min and max of 1000 buckets)
expect_text downsampled "$html" '"shown":2000'

# knead report on the same folder writes the same page
cp "$html" "$tmp/first.html"
check report-command 0 "$knead" report "$tmp/run"
expect_text report-line "$tmp/out" "report: $tmp/run/report.html"
ok cmp -s "$html" "$tmp/first.html"
# and works on a run made without --report
check simulate-plain 0 "$knead" simulate "$subj" "$a12" -o "$tmp/plain" -q
ok test ! -e "$tmp/plain/report.html"
check report-later 0 "$knead" report "$tmp/plain"
ok test -s "$tmp/plain/report.html"
# a folder with report.html may be replaced by a later run (knead wrote it)
check rerun-over-report 0 "$knead" simulate "$subj" "$a12" -o "$tmp/plain" -q

# escaping: markup and script in every free-text field
check xss 0 "$knead" simulate "$src/tests/browser/xss_subject.yaml" "$src/tests/browser/xss_session.yaml" -o "$tmp/xss" -q --report
x="$tmp/xss/report.html"
no_text no-raw-script-end "$x" '</script><script>window.__kn_pwned'
no_text no-raw-img "$x" '<img src=x'
no_text no-raw-svg "$x" '<svg onload'
expect_text title-escaped "$x" '<title>knead report: &lt;/script&gt;&lt;script&gt;'
expect_text json-escaped "$x" '\u003c/script\u003e\u003cscript\u003ewindow.__kn_pwned=2'
no_text no-raw-line-separator "$x" $'\u2028'
expect_text line-separator-escaped "$x" '\u2028'
# only our four script elements
n=$(grep -o '<script' "$x" | wc -l)
ok test "$n" = 4

# bad use
check report-no-args 2 "$knead" report
check report-missing 2 "$knead" report "$tmp/nowhere"
expect_text report-missing-msg "$tmp/err" "$tmp/nowhere/summary.json"
mkdir "$tmp/half"; cp "$tmp/run/summary.json" "$tmp/half/"
check report-half 2 "$knead" report "$tmp/half"
expect_text report-half-msg "$tmp/err" "timeseries.csv"
ok test ! -e "$tmp/half/report.html"
printf 't_s,x\n0,1\n1,oops\n' > "$tmp/run/timeseries.csv"
check report-bad-csv 2 "$knead" report "$tmp/run"
expect_text report-bad-csv-msg "$tmp/err" "timeseries.csv:3: column 2 (x): not a number"
check report-without-o 2 "$knead" simulate "$subj" "$a12" --report
expect_text report-without-o-msg "$tmp/err" "--report needs -o DIR"
check report-help 0 "$knead" report --help

finish
