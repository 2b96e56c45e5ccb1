# A thin front for Meson; ./configure sets up build/ first.
#   make            build (build/, sanitizers on)
#   make check      every test suite, then the line "N passed, N failed, N skipped"
#   make demo       the main job: a sandbox domain with Sambex in it
#   make bench      benchmarks in a release build (build-release/)
#   make fuzz TARGET=name SECONDS=n   run one libFuzzer target with clang (build-fuzz/)
BUILD := build
TARGET ?=
SECONDS ?= 60

.PHONY: all check demo bench fuzz fuzz-list clean

all: $(BUILD)/build.ninja
	meson compile -C $(BUILD)

$(BUILD)/build.ninja:
	@echo "No build directory: run ./configure first" >&2; exit 1

check: all
	@rm -f $(BUILD)/meson-logs/testlog.json
	@meson test -C $(BUILD) --print-errorlogs --no-rebuild; rc=$$?; \
	python3 testsuite/summary.py $(BUILD)/meson-logs/testlog.json && exit $$rc

demo: all
	@testsuite/sandbox/demo $(BUILD)

build-release/build.ninja:
	meson setup build-release --buildtype=release -Dsanitize=false >/dev/null

bench: build-release/build.ninja
	meson compile -C build-release
	meson test -C build-release --benchmark --no-rebuild --verbose 2>&1 | \
		grep -E '^[A-Za-z0-9_.]+ [-0-9.e+]+ [A-Za-z/%]+$$'

build-fuzz/build.ninja:
	CC=clang meson setup build-fuzz -Dfuzzing=true >/dev/null

fuzz-list: build-fuzz/build.ninja
	@ls testsuite/fuzz/corpus

fuzz: build-fuzz/build.ninja
	@test -n "$(TARGET)" || { echo "usage: make fuzz TARGET=name [SECONDS=n]; targets:"; \
		ls testsuite/fuzz/corpus; exit 2; }
	@# New test areas are found at configure time only (fs.is_dir): look again, it is cheap.
	meson setup --reconfigure build-fuzz >/dev/null
	meson compile -C build-fuzz fuzz_$(TARGET)
	mkdir -p build-fuzz/corpus/$(TARGET) build-fuzz/artifacts
	build-fuzz/testsuite/fuzz/fuzz_$(TARGET) -max_total_time=$(SECONDS) -print_final_stats=1 \
		-artifact_prefix=build-fuzz/artifacts/$(TARGET)- \
		build-fuzz/corpus/$(TARGET) testsuite/fuzz/corpus/$(TARGET)

clean:
	rm -rf build build-release build-fuzz
