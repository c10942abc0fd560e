# SPDX-License-Identifier: Apache-2.0
# The output files' contract (issue 18, part 8): summary.json's JSON Schema.
#   make summary-schema   runs every bundled session example (and the example subjects on the
#                         illness example) and writes docs/schema/summary.schema.json from their
#                         summaries (scripts/summary_schema.py). Run it when summary.json's layout
#                         changes on purpose, and bump KN_SUMMARY_SCHEMA_VERSION
#                         (include/knead/report.h) with it.
# The check itself runs in ctest (tests/cli/scenarios.sh): every scenario's summary.json against
# the committed schema, with Debian's python3-jsonschema.

DEB_PACKAGES += python3-jsonschema
SCHEMA_RUNS ?= $(BUILD)/schema-runs

.PHONY: summary-schema
summary-schema: build
	rm -rf $(SCHEMA_RUNS) && mkdir -p $(SCHEMA_RUNS)
	for s in examples/*.yaml examples/article/*.yaml; do \
	  case $$(basename $$s) in subject_*) continue;; esac; \
	  $(BUILD)/knead simulate examples/subject_default.yaml $$s -o $(SCHEMA_RUNS)/$$(basename $$s .yaml) -q || exit 1; \
	done
	for subj in examples/subject_*.yaml; do \
	  $(BUILD)/knead simulate $$subj examples/article/a6_massage_when_ill.yaml \
	    -o $(SCHEMA_RUNS)/ill_$$(basename $$subj .yaml) -q || exit 1; \
	done
	/usr/bin/python3 scripts/summary_schema.py write docs/schema/summary.schema.json $(SCHEMA_RUNS)/*/summary.json
	/usr/bin/python3 scripts/summary_schema.py check docs/schema/summary.schema.json $(SCHEMA_RUNS)/*/summary.json
