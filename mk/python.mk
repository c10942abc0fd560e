# SPDX-License-Identifier: Apache-2.0
# The Python package (issue 18, part 6): python/knead over libknead through cffi, and its tests.
#   make python-check   python/tests with pytest against the build in $(BUILD) (part of check)
# Debian's Python, cffi, pandas and pytest; pip and setuptools for the offline `pip install` test.
# PYTHON is Debian's interpreter: the one that sees those packages (a python3 earlier on PATH, e.g.
# from pyenv, does not).

DEB_PACKAGES += python3-cffi python3-pandas python3-pytest python3-setuptools python3-pip
PYTHON ?= /usr/bin/python3

.PHONY: python-check
python-check: build
	KNEAD_LIBRARY=$(abspath $(BUILD))/libknead.so KNEAD_CLI=$(abspath $(BUILD))/knead \
	  $(PYTHON) -m pytest -q -p no:cacheprovider python/tests

CHECK_EXTRA += python-check
