# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
# make fuzz: seconds per fuzz target (make fuzz FUZZ_SECONDS=3600); make test-fuzz: the short run.
# The targets run side by side (tests/fuzz/run.sh): four on two cores, 30 s of the clock each
# is about 15 s of a core each, and 30 s of make test.
FUZZ_SECONDS      ?= 300
FUZZ_TEST_SECONDS ?= 30
JOBS       ?= $(shell nproc)
# Browser test files run two at a time (each starts its own server on a free port; all share one
# Chromium): the folder keeps both cores busy. E2E_CONCURRENCY=1: one by one.
E2E_CONCURRENCY ?= 2
# Where `make run` listens. For tablets in a room: make run LISTEN=0.0.0.0:8080
LISTEN     ?= 127.0.0.1:8080
CMAKE_GEN  := -G Ninja
# ccache when the machine has it (a developer's; CI builds without it), told that compiling with
# the precompiled headers (cmake/PrecompiledHeaders.cmake) may be cached: otherwise it would not.
comma      := ,
CCACHE_PCH := CCACHE_SLOPPINESS=pch_defines$(comma)time_macros$(comma)include_file_mtime$(comma)include_file_ctime
CMAKE_GEN  += $(if $(shell command -v ccache),"-DCMAKE_CXX_COMPILER_LAUNCHER=env;$(CCACHE_PCH);ccache")

WEB        := clients/web
E2E        := tests/e2e
# --no-save: install exactly what the lock says and leave it untouched. (Not `npm ci`: the
# registry this project reaches leaves other platforms' optional packages out of the lock,
# and `npm ci` refuses such a lock.)
NPM_INSTALL := npm install --no-audit --no-fund --no-save --loglevel=error

.PHONY: deps deps-browser deps-fuzz deps-package package test-package check-layers build build-asan build-fuzz web run demo test test-unit test-asan test-web test-fuzz fuzz fuzz-merge soak screenshots bench bench-web clean

deps:
	@./deploy/install-deps.sh

deps-browser:
	@./deploy/install-deps.sh --browser

deps-fuzz:
	@./deploy/install-deps.sh --fuzz

deps-package:
	@./deploy/install-deps.sh --package

# npm packages, installed again only when a lock file changes.
$(WEB)/node_modules/.installed: $(WEB)/package.json $(WEB)/package-lock.json | deps
	@cd $(WEB) && $(NPM_INSTALL)
	@touch $@

$(E2E)/node_modules/.installed: $(E2E)/package.json $(E2E)/package-lock.json | deps
	@cd $(E2E) && $(NPM_INSTALL)
	@touch $@

# The web app: protocol code generated from proto/, type-checked, bundled into clients/web/dist.
web: $(WEB)/node_modules/.installed
	@cd $(WEB) && npm run --silent build -- --logLevel warn

# The layering of the tree (tests/check_layering.sh): a wrong include fails the build.
check-layers:
	@tests/check_layering.sh

# -O2 without debug info: Beast's templates make -g cost half the build time on 2 cores.
build: deps check-layers
	@cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The sanitizer tree: ASan and UBSan, compiled by clang 16 at -O0 with line tables only (enough for
# stack traces), and instrumented for libFuzzer: it holds the fuzz targets of `make test-fuzz`
# too. On the 2-core machine this tree compiles in half the time GCC took for the sanitizer tree
# alone, before a fuzz tree of its own (README, "make test"). A tree GCC configured before is
# started again.
build-asan: deps-fuzz check-layers
	@grep -qs 'CMAKE_CXX_COMPILER:.*clang++-16' $(ASAN_BUILD)/CMakeCache.txt || rm -rf $(ASAN_BUILD)
	@cmake -DCMAKE_CXX_COMPILER=clang++-16 -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -gline-tables-only" -DATELIER_SANITIZE=ON -DATELIER_FUZZ=ON -DATELIER_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

# For long fuzzing runs (make fuzz, make fuzz-merge): the same configuration at -O1, which runs
# the targets about twice as fast but takes three times as long to compile; only the fuzz
# targets and what they link are built.
FUZZ_TARGETS := client_message_fuzzer create_request_fuzzer stored_event_fuzzer websocket_reader_fuzzer
build-fuzz: deps-fuzz
	@grep -qs 'CMAKE_CXX_COMPILER:.*clang++-16' $(FUZZ_BUILD)/CMakeCache.txt || rm -rf $(FUZZ_BUILD)
	@cmake -DCMAKE_CXX_COMPILER=clang++-16 -S . -B $(FUZZ_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" -DATELIER_SANITIZE=ON -DATELIER_FUZZ=ON -DATELIER_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) --target $(FUZZ_TARGETS) -j $(JOBS)

# The Debian package: $(BUILD)/atelier-server_VERSION_ARCH.deb (cmake/Packaging.cmake).
package: build web deps-package
	@cd $(BUILD) && cpack -G DEB >/dev/null

# The package's contents, its unit, and its server unpacked and run (tests/package/).
test-package: package
	@tests/package/check_package.sh $(BUILD)

run: build web
	@./$(BUILD)/server/net/atelier-server --listen $(LISTEN) --data ./data --static $(WEB)/dist

demo: build
	@./$(BUILD)/server/demo/atelier-demo --data ./data-demo

# The benchmarks are built and run for a moment too, so that they cannot rot between passes of
# `make bench` (the fast micro-benchmarks; a small many-workshops run; a small long log).
test-unit: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@cmake --build $(BUILD) --target atelier_bench atelier-make-log atelier-many-workshops atelier-raw-fanout -j $(JOBS)
	@./$(BUILD)/bench/atelier_bench --benchmark_filter='-Reopen|DurableAppend' --benchmark_min_time=0.01 >/dev/null
	@./$(BUILD)/bench/atelier-many-workshops --workshops 50 --live 5 --unload-after 1 2>/dev/null | grep '^RESULT' >/dev/null
	@rm -rf $(BUILD)/bench/smoke-log && ./$(BUILD)/bench/atelier-make-log $(BUILD)/bench/smoke-log 20000 >/dev/null && rm -rf $(BUILD)/bench/smoke-log

test-asan: build-asan
	@ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-16 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# The web app's unit tests (vitest), then the browser tests: Playwright driving Debian's
# Chromium against the release server and the built app (one Chromium for the run, which every
# test file connects to: tests/e2e/lib/browser_server.mjs). Screenshots in tests/e2e/screenshots/.
test-web: build web deps-browser $(E2E)/node_modules/.installed
	@cd $(WEB) && npx vitest run
	@cd $(E2E) && node lib/browser_server.mjs node --test --test-concurrency=$(E2E_CONCURRENCY) --test-reporter=spec

# Each fuzz target for a short while on its committed corpus (part of `make test`); `make fuzz`
# for as long as asked. New inputs and crash inputs go to the tree's findings/<target>/; a
# crash fails the run and prints the input's path. `make fuzz-merge` minimizes what earlier runs
# found into the committed corpora.
test-fuzz: build-asan
	@tests/fuzz/run.sh $(ASAN_BUILD) $(FUZZ_TEST_SECONDS)

fuzz: build-fuzz
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-merge: build-fuzz
	@tests/fuzz/run.sh $(FUZZ_BUILD) merge

test: test-unit test-web test-package test-asan test-fuzz

# Long-running checks, kept out of `make test`: the kill -9 soak (tests/soak/) for many cycles.
# SOAK_SEED replays the random choices of a run (each run prints its seed).
SOAK_CYCLES ?= 200
soak: build
	@ATELIER_SOAK_CYCLES=$(SOAK_CYCLES) $(if $(SOAK_SEED),ATELIER_SOAK_SEED=$(SOAK_SEED)) \
	  ./$(BUILD)/tests/soak/soak_test

# The README's three screenshots, from the last browser test run.
screenshots:
	@cp $(E2E)/screenshots/table-convergence.png $(E2E)/screenshots/console-grouping.png \
	  $(E2E)/screenshots/observer-ideation.png $(E2E)/screenshots/console-timeline.png docs/screenshots/
	@cp $(E2E)/screenshots/synthesis.png docs/screenshots/synthese.png

# Micro-benchmarks (Google Benchmark), then the system benchmarks of BENCHMARKS.md (server on
# core 0, atelier-loadgen on core 1; bench/system/run.sh, which can also run one at a time).
bench: build
	@cmake --build $(BUILD) --target atelier_bench atelier-raw-fanout atelier-make-log -j $(JOBS)
	@cd bench/baseline && $(NPM_INSTALL) && npm run --silent gen
	@./$(BUILD)/bench/atelier_bench --benchmark_counters_tabular=true
	@BUILD=$(abspath $(BUILD)) bench/system/run.sh all
	@$(MAKE) --no-print-directory bench-web

# The table tablet's rendering with 500 ideas on a CPU slowed 4x (Chromium's throttling), this app
# against the one before keyed rendering, interleaved (tests/e2e/bench/tablet_render.bench.mjs;
# BENCH_BEFORE_REF=REF compares with another commit, =none measures this app alone). A benchmark,
# not a test: not part of `make test`.
bench-web: build web deps-browser $(E2E)/node_modules/.installed
	@cd $(E2E) && node bench/tablet_render.bench.mjs

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(WEB)/dist
