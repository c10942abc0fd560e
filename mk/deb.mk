# SPDX-License-Identifier: Apache-2.0
# The Debian package (issue 18, part 5), by CPack's DEB generator (cmake/install.cmake.inc).
#   make deb         $(RELEASE_BUILD)/packages/knead_<version>_<arch>.deb, Depends from
#                    dpkg-shlibdeps (dpkg-dev)
#   make deb-check   unpacks it (dpkg-deb -x) into a throw-away root and runs knead --version and
#                    one simulation from there (tests/install/deb_check.sh); part of `make check`
DEB_PACKAGES += dpkg-dev
KN_VERSION := $(shell grep -m1 '^project' CMakeLists.txt | grep -o 'VERSION [0-9.]*' | cut -d' ' -f2)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB_FILE = $(RELEASE_BUILD)/packages/knead_$(KN_VERSION)_$(DEB_ARCH).deb

.PHONY: deb deb-check

deb: build-release
	rm -f $(DEB_FILE)
	cd $(RELEASE_BUILD) && cpack -G DEB
	@test -f $(DEB_FILE) && echo "deb: $(DEB_FILE)"

deb-check: deb
	bash tests/install/deb_check.sh $(DEB_FILE)

CHECK_EXTRA += deb-check
