# SPDX-License-Identifier: Apache-2.0
# knead — the two commands of the README, and the targets they use.
#   make demo    set up, build, and simulate a bundled example
#   make check   set up, build (normal + ASan/UBSan, and gcc Release + clang Debug: mk/install.mk),
#                check formatting and licence lines, run every test, install and package
# Everything the project needs is installed here, from Debian packages, never by hand.

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# The project's own builds treat warnings as errors and require the HTML report (a plain cmake
# does neither: CMakeLists.txt, cmake/report.cmake).
KN_CMAKE_FLAGS ?= -DKN_WERROR=ON -DKN_REPORT=ON
DEB_PACKAGES = build-essential cmake pkg-config libfyaml-dev libudunits2-dev libjansson-dev \
               libcmocka-dev clang-format zlib1g-dev

.PHONY: all setup build build-asan demo check test test-asan format format-check bench validate docs clean

all: build

# Install what is missing: apt-get as root, otherwise print the exact line and stop.
setup:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "setup: installing$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -q && apt-get install -y -q --no-install-recommends $$missing || exit 1; \
	  else \
	    echo "setup: missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(BUILD)/CMakeCache.txt: | setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(KN_CMAKE_FLAGS)

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt: | setup
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKN_SANITIZE=ON $(KN_CMAKE_FLAGS)

build-asan: setup $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	$(BUILD)/knead simulate examples/subject_default.yaml examples/neck_shoulder_professional.yaml -o $(BUILD)/demo

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
format:
	clang-format -i $(FORMAT_FILES)

format-check: setup
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format-check: ok"

# parts add their own set-up and check steps in mk/*.mk (CHECK_EXTRA, DEB_PACKAGES +=)
-include mk/*.mk

check: format-check test test-asan $(CHECK_EXTRA)

bench: build
	$(BUILD)/bench_harm_path

validate: build
	$(BUILD)/knead validate --write docs/validation.md

# the generated parts of the docs (parameter table, validation table)
docs: build
	scripts/update-docs.sh $(BUILD)/knead

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(RELEASE_BUILD) $(CLANG_BUILD)
