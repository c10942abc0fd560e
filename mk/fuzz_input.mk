# SPDX-License-Identifier: Apache-2.0
# Fuzzing the input loaders (issue 15) with clang's libFuzzer: the session and subject files
# (tests/fuzz/fuzz_input.c as fuzz_session, fuzz_subject) and the population file
# (fuzz_population), seeded from tests/bad_input. They build in the monitor's fuzz tree
# (mk/monitor.mk, $(FUZZ_BUILD)) with cmake/fuzz_input.cmake.
#   make fuzz        also runs each loader's fuzzer for FUZZ_INPUT_TIME seconds (default 120)
#   make fuzz-long   every fuzzer (the stream's and the loaders') for FUZZ_LONG_TIME s each (1 h)
#   make check       runs each loader's fuzzer for 5 s (fuzz-input-check)
# A crash leaves crash-* in $(FUZZ_BUILD): rerun it with $(FUZZ_BUILD)/fuzz_KIND crash-FILE.

# also set in mk/monitor.mk, which make reads after this file (prerequisites expand at once)
FUZZ_BUILD ?= build-fuzz
FUZZ_INPUT_KINDS = session subject population
FUZZ_INPUT_TIME ?= 5
FUZZ_LONG_TIME ?= 3600

.PHONY: fuzz-input-build fuzz-input-check fuzz-long

fuzz-input-build: build $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) $(addprefix --target fuzz_,$(FUZZ_INPUT_KINDS))

# new inputs go to $(FUZZ_BUILD)/corpus_KIND; the seeds (tests/bad_input, which holds a good file
# of each kind, and data/populations) are only read. libFuzzer first runs every seed and corpus
# file once, whatever FUZZ_INPUT_TIME says: about 10 s per loader from a fresh tree.
fuzz-input-check: fuzz-input-build
	@for k in $(FUZZ_INPUT_KINDS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus_$$k && \
	  (cd $(FUZZ_BUILD) && ./fuzz_$$k -max_total_time=$(FUZZ_INPUT_TIME) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 corpus_$$k \
	    $(CURDIR)/tests/bad_input $(CURDIR)/data/populations) || exit 1; \
	done

fuzz: fuzz-input-long
.PHONY: fuzz-input-long
fuzz-input-long:
	$(MAKE) fuzz-input-check FUZZ_INPUT_TIME=120

fuzz-long:
	$(MAKE) fuzz-check FUZZ_TIME=$(FUZZ_LONG_TIME)
	$(MAKE) fuzz-input-check FUZZ_INPUT_TIME=$(FUZZ_LONG_TIME)

CHECK_EXTRA += fuzz-input-check
