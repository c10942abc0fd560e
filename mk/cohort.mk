# SPDX-License-Identifier: Apache-2.0
# knead cohort: SQLite (library and the sqlite3 tool the tests read databases with), OpenMPI for the
# MPI build, and the MPI check that `make check` runs.
#   make build-mpi          knead built with -DKN_MPI=ON in $(MPI_BUILD)
#   make check-cohort-mpi   1 and 2 MPI ranks give the database one process gives
#   make bench-cohort       subjects per second per core, 1 and 2 processes
DEB_PACKAGES += libsqlite3-dev sqlite3 libopenmpi-dev openmpi-bin

MPI_BUILD ?= build-mpi
CHECK_EXTRA += check-cohort-mpi

.PHONY: build-mpi check-cohort-mpi bench-cohort

$(MPI_BUILD)/CMakeCache.txt: | setup
	cmake -S . -B $(MPI_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKN_MPI=ON -DKN_WERROR=ON

build-mpi: setup $(MPI_BUILD)/CMakeCache.txt
	cmake --build $(MPI_BUILD) -j $(JOBS) --target knead

# the script sets OpenMPI's run-as-root permission itself (CI runs as root)
check-cohort-mpi: build-mpi
	KN_SOURCE_DIR=$(CURDIR) bash tests/cli/cohort_mpi.sh $(MPI_BUILD)/knead

bench-cohort: build build-mpi
	$(BUILD)/bench_cohort $(BUILD)/knead $(MPI_BUILD)/knead
