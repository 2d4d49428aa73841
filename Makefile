# Everyday commands. CMake does the real work; this file only names the common paths.
# `make run` and `make test` are the two set-up commands of the README: both install what is
# missing first, so a fresh Debian 12 machine needs nothing else.

BUILD_DIR      ?= build
TEST_BUILD_DIR ?= build-test
DATA_DIR       ?= data
LISTEN         ?= 127.0.0.1:8080
DEMO_CUSTOMERS ?= 2000
JOBS           ?= $(shell nproc)
# `make fuzz`: how long each generative test runs, and from which seed (docs/testing.md).
FUZZ_SECONDS    ?= 60
FUZZ_ITERATIONS ?= 100000000
FUZZ_SEED       ?= random
# `make bench BENCH_RECORD=1`: store the run's figures as the last recorded ones (docs/testing.md).
BENCH_RECORD    ?= 0

CMAKE_COMMON = -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

.PHONY: deps web web-types build build-test run test fuzz bench format tidy clean

deps:
	@bash scripts/install-deps.sh

# The web app: npm packages from the lock file (only when it changed), type-check, Vite build,
# copied beside each binary as web/ (where `rapport serve` looks by default).
web: deps
	@bash scripts/build-web.sh $(BUILD_DIR) $(TEST_BUILD_DIR)

# The web app's API types (web/src/api/schema.d.ts) from the built server's OpenAPI document:
# run after changing a schema in src/http/openapi.cpp (ctest web_types fails until then). Builds
# only the server, not the web app, since stale types are what stops the web app's type check.
web-types: deps
	@cmake -S . -B $(TEST_BUILD_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DRAPPORT_SANITIZE=ON -DRAPPORT_TESTS=ON -DRAPPORT_BENCH=ON >/dev/null
	@cmake --build $(TEST_BUILD_DIR) --target rapport -j $(JOBS)
	@bash scripts/build-web.sh --install-only
	@RAPPORT_BIN=$(TEST_BUILD_DIR)/rapport node web/scripts/api-types.mjs

build: deps web
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) --target rapport -j $(JOBS)

# The benchmarks are built here too (not run), so a change that breaks them fails `make test`.
build-test: deps web
	@cmake -S . -B $(TEST_BUILD_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DRAPPORT_SANITIZE=ON -DRAPPORT_TESTS=ON -DRAPPORT_BENCH=ON >/dev/null
	@cmake --build $(TEST_BUILD_DIR) -j $(JOBS)

run: build
	@bash scripts/run-demo.sh $(BUILD_DIR)/rapport $(DATA_DIR) $(LISTEN) $(DEMO_CUSTOMERS)

test: build-test
	@cd $(TEST_BUILD_DIR) && ctest --output-on-failure -j 2 --timeout 900

# The generative (fuzz) suites alone, each for FUZZ_SECONDS instead of the few seconds `make test`
# gives them, from a fresh random seed unless FUZZ_SEED is set. A failure prints its case seed.
fuzz: build-test
	@cd $(TEST_BUILD_DIR) && RAPPORT_FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  RAPPORT_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) RAPPORT_FUZZ_SEED=$(FUZZ_SEED) \
	  ctest --output-on-failure -j 2 -R 'Fuzz|_fuzz' --timeout 7200

# Every benchmark, then each figure beside its last recorded value (bench/last_ratios.tsv).
bench: deps web
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DRAPPORT_BENCH=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@BENCH_RECORD=$(BENCH_RECORD) bash bench/run.sh $(BUILD_DIR)

format:
	@find src bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

tidy:
	@cmake -S . -B $(TEST_BUILD_DIR) $(CMAKE_COMMON) -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
	@find src -name '*.cpp' | xargs clang-tidy -p $(TEST_BUILD_DIR) --quiet

clean:
	@rm -rf $(BUILD_DIR) $(TEST_BUILD_DIR)
