# The layering enforced (issue 16): the include rules of cmake/layers.txt and the module graph.
# It runs in `make check` and takes well under a second.
#   make layers-check    every #include against the rules; include cycles between module folders;
#                        the rule table of docs/architecture.md against cmake/layers.txt
#   make module-graph    print the module graph (folder -> folders it includes); fails on a cycle
DEB_PACKAGES += python3 binutils

.PHONY: layers-check module-graph

layers-check:
	python3 scripts/check_layers.py

module-graph:
	python3 scripts/check_layers.py --graph

CHECK_EXTRA += layers-check
