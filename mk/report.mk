# SPDX-License-Identifier: Apache-2.0
# The HTML report (issue 5): its front end comes from npm, its browser test needs Chromium.
#   make web-deps       npm ci: the charting library inlined into report.html, and playwright-core
#   make browser-check  reports from several examples opened in headless Chromium (part of check)
# Debian's chromium for the browser test; Node.js and npm only where the machine has none (a
# machine that already has Node.js from elsewhere keeps it: Debian's npm would conflict with it).
DEB_PACKAGES += chromium
ifeq ($(shell command -v npm 2>/dev/null),)
DEB_PACKAGES += nodejs npm
endif

# node_modules/.package-lock.json is written by npm ci; it is newer than the lock file once the
# pinned packages are installed.
node_modules/.package-lock.json: package.json package-lock.json | setup
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: web-deps browser-check
web-deps: node_modules/.package-lock.json

# the build inlines node_modules/uplot into libknead (cmake/report.cmake), so it needs npm ci first
build build-asan: node_modules/.package-lock.json
$(BUILD)/CMakeCache.txt $(ASAN_BUILD)/CMakeCache.txt: | node_modules/.package-lock.json

browser-check: build node_modules/.package-lock.json
	node tests/browser/report_test.mjs --knead $(BUILD)/knead --out $(BUILD)/browser

CHECK_EXTRA += browser-check
