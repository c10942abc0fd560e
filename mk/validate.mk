# SPDX-License-Identifier: Apache-2.0
# Validation at full size (issue 14): the population cases on a large cohort, and the dose-response
# plot. Neither is part of `make check`, which runs the population cases on 60 subjects per profile
# and the dose-response test on 20 (tests/validation).
#   make validate-cohort   the population cases at n = 2000 per profile, 2 threads, with intervals
#   make dose-response     sweeps force and onset for both profiles, writes docs/dose_response.svg
DEB_PACKAGES += python3

VALIDATE_COHORT_N ?= 2000
DOSE_RESPONSE_N ?= 200

.PHONY: validate-cohort dose-response

validate-cohort: build
	$(BUILD)/knead validate --group population -n $(VALIDATE_COHORT_N) -j 2

dose-response: build
	python3 scripts/dose_response.py --knead $(BUILD)/knead -n $(DOSE_RESPONSE_N) -j 2 \
	  --out docs/dose_response.svg
