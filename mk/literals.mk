# SPDX-License-Identifier: Apache-2.0
# The literal scan (issue 16): every physiological number lives in the parameter table
# (src/core/params.h). scripts/check_literals.py states the rule; scripts/literals_allow.txt is its
# allow-list, as data.
#   make literal-check    the scan's self-test, then the scan of src/ (fails listing file:line: literal)
#   make literal-report   the count of literals left, per folder and file (never fails)
#   LITERAL_PATHS=...     the folders or files to scan (default all of src/)
# A make target rather than a ctest: the scan reads the source tree, not the build, and needs no
# build to run; `make check` runs it (CHECK_EXTRA).

DEB_PACKAGES += python3
LITERAL_PATHS ?= src

.PHONY: literal-check literal-report

literal-check:
	sh tests/literals/check.sh
	python3 scripts/check_literals.py $(LITERAL_PATHS)

literal-report:
	-python3 scripts/check_literals.py --summary $(LITERAL_PATHS)

CHECK_EXTRA += literal-check
