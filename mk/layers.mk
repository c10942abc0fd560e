# SPDX-License-Identifier: Apache-2.0
# The layering enforced (issue 16): the include rules of cmake/layers.txt, the module graph, the
# symbols each module's objects use, and the exports of libknead.so. The checks run in
# `make check` and take about a second each.
#   make layers-check    every #include against the rules; include cycles between module folders;
#                        the rule table of docs/architecture.md against cmake/layers.txt
#   make module-graph    print the module graph (folder -> folders it includes); fails on a cycle
#   make symbols-check   the functions each module's objects call, against the same rules
#   make exports-check   libknead.so exports exactly what include/knead/*.h declares with KN_API
DEB_PACKAGES += python3 binutils

.PHONY: layers-check module-graph symbols-check exports-check

layers-check:
	python3 scripts/check_layers.py

module-graph:
	python3 scripts/check_layers.py --graph

symbols-check: build
	python3 scripts/check_layers.py --objects $(BUILD)

exports-check: build
	python3 scripts/check_exports.py $(BUILD)

CHECK_EXTRA += layers-check symbols-check exports-check
