# SPDX-License-Identifier: Apache-2.0
# Licence, builds a packager expects, install (issue 18, parts 1-4).
#   make spdx-check       every tracked source carries `SPDX-License-Identifier: Apache-2.0`
#                         (scripts/spdx.py; `python3 scripts/spdx.py --add` adds what is missing)
#   make build-release    gcc Release, -Werror, prefix /usr: what a packager builds (and make deb)
#   make build-clang      clang Debug, -Werror, without the HTML report (-DKN_REPORT=OFF)
#   make install-check    installs build-release into a temporary prefix, builds and runs the two
#                         out-of-tree consumers (tests/install/: CMake package, pkg-config) and the
#                         installed knead, then moves the prefix and runs them again
#   make noreport-check   the clang build's knead: --report says how to get the report
#   make install          cmake --install $(BUILD) --prefix $(PREFIX) (default /usr/local)
# All four checks are part of `make check` (CHECK_EXTRA); docs/install.md.

RELEASE_BUILD ?= build-release
CLANG_BUILD ?= build-clang
PREFIX ?= /usr/local
DEB_PACKAGES += python3 clang binutils pkg-config

.PHONY: spdx-check build-release build-clang install-check noreport-check install

spdx-check:
	python3 scripts/spdx.py

$(RELEASE_BUILD)/CMakeCache.txt: | setup node_modules/.package-lock.json
	cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
	  $(KN_CMAKE_FLAGS)

build-release: setup $(RELEASE_BUILD)/CMakeCache.txt
	cmake --build $(RELEASE_BUILD) -j $(JOBS)

# clang, and no report: the configuration a plain `cmake` without node_modules gets
$(CLANG_BUILD)/CMakeCache.txt: | setup
	CC=clang cmake -S . -B $(CLANG_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKN_WERROR=ON -DKN_REPORT=OFF

build-clang: setup $(CLANG_BUILD)/CMakeCache.txt
	cmake --build $(CLANG_BUILD) -j $(JOBS)

install-check: build-release
	bash tests/install/check.sh $(RELEASE_BUILD)

noreport-check: build-clang
	bash tests/install/noreport.sh $(CLANG_BUILD)/knead

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

CHECK_EXTRA += spdx-check install-check noreport-check
