# SPDX-License-Identifier: Apache-2.0
# knead cohort: SQLite storage and threads in the library; MPI (optional) in the command.
#   -DKN_MPI=ON   build `knead cohort` for mpirun (OpenMPI from Debian: libopenmpi-dev, openmpi-bin)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
target_link_libraries(kn_cohort PUBLIC PkgConfig::SQLITE3 Threads::Threads)
# (installed, knead_static names sqlite3 itself: CMakeLists.txt, KN_LIB_DEPS_INSTALLED)
target_link_libraries(knead_static PUBLIC $<BUILD_INTERFACE:PkgConfig::SQLITE3> Threads::Threads)
target_link_libraries(knead_shared PRIVATE PkgConfig::SQLITE3 Threads::Threads)

option(KN_MPI "Build knead cohort with MPI (spreads subjects over ranks and machines)" OFF)
if(KN_MPI)
  find_package(MPI REQUIRED COMPONENTS C)
  target_link_libraries(knead PRIVATE MPI::MPI_C)
  target_compile_definitions(knead PRIVATE KN_HAVE_MPI=1)
endif()

# the benchmark finds the shipped population and session in the source tree
if(TARGET bench_cohort)
  target_compile_definitions(bench_cohort PRIVATE KN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
