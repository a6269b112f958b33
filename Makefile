# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
CMAKE_GEN  := -G Ninja

.PHONY: deps build build-asan run demo test test-unit test-asan bench clean

deps:
	@./deploy/install-deps.sh

# -O2 without debug info: Beast's templates make -g cost half the build time on 2 cores.
build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Line tables only (-g1): enough for sanitizer stack traces, much cheaper to compile.
build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" -DATELIER_SANITIZE=ON -DATELIER_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

run: build
	@./$(BUILD)/server/net/atelier-server --listen 127.0.0.1:8080 --data ./data $(if $(wildcard clients/web/dist),--static clients/web/dist)

demo: build
	@./$(BUILD)/server/demo/atelier-demo --data ./data-demo

test-unit: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-asan: build-asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

test: test-unit test-asan

bench: build
	@cmake --build $(BUILD) --target atelier_bench -j $(JOBS)
	@./$(BUILD)/bench/atelier_bench --benchmark_counters_tabular=true

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
