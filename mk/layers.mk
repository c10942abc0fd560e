# The layering enforced (issue 16): the include rules of cmake/layers.txt, the module graph, and
# the exports of libknead.so. Both checks run in `make check` and take about a second.
#   make layers-check    every #include against the rules; include cycles between module folders;
#                        the rule table of docs/architecture.md against cmake/layers.txt
#   make module-graph    print the module graph (folder -> folders it includes); fails on a cycle
#   make exports-check   libknead.so exports exactly what include/knead/*.h declares with KN_API
DEB_PACKAGES += python3 binutils

.PHONY: layers-check module-graph exports-check

layers-check:
	python3 scripts/check_layers.py

module-graph:
	python3 scripts/check_layers.py --graph

exports-check: build
	python3 scripts/check_exports.py $(BUILD)

CHECK_EXTRA += layers-check exports-check
