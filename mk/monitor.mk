# SPDX-License-Identifier: Apache-2.0
# The real-time safety monitor (issue 6): fuzzing its sample stream with clang's libFuzzer, the
# recorded example traces, and its benchmark.
#   make fuzz             fuzz for 10 minutes (FUZZ_TIME=seconds to change); make check runs 20 s
#   make monitor-traces   record examples/monitor/*.csv again with knead simulate --trace
#   make bench-monitor    the monitor's benchmark (figures for docs/performance.md)

DEB_PACKAGES += clang libclang-rt-14-dev
FUZZ_BUILD ?= build-fuzz
FUZZ_TIME ?= 20

.PHONY: fuzz fuzz-build fuzz-check monitor-traces bench-monitor

# a clang build of its own: the fuzz target compiles the monitor's sources with the fuzzer's
# instrumentation, ASan and UBSan (cmake/monitor.cmake, KN_FUZZ)
$(FUZZ_BUILD)/CMakeCache.txt: | build
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKN_FUZZ=ON

fuzz-build: build $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_stream

# new inputs go to $(FUZZ_BUILD)/corpus; tests/fuzz/corpus holds the seeds and is only read
fuzz-check: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_BUILD)/fuzz_stream -max_total_time=$(FUZZ_TIME) -timeout=5 -rss_limit_mb=2048 \
	  -max_len=4096 -print_final_stats=1 $(FUZZ_BUILD)/corpus tests/fuzz/corpus

fuzz:
	$(MAKE) fuzz-check FUZZ_TIME=600

CHECK_EXTRA += fuzz-check

monitor-traces: build
	for s in professional untrained; do \
	  $(BUILD)/knead simulate examples/subject_default.yaml examples/monitor/$${s}_neck.yaml \
	    -o $(BUILD)/trace_$$s --trace examples/monitor/$${s}_neck.csv -q || exit 1; \
	  cp $(BUILD)/trace_$$s/events.csv examples/monitor/$${s}_neck.events.csv; \
	done

bench-monitor: build
	$(BUILD)/bench_monitor
