# Qinglian: the two set-up commands are `make run` and `make test` (see README.md).
JOBS ?= $(shell nproc)
BUILD ?= build
DB ?= sqlite:var/qinglian.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build web run test bench bench-log bench-import clean

all: build

deps:
	@./scripts/install-deps.sh

# Compiles the server and the web app; the binary lands at build/qinglian.
build: deps
	@cmake -S . -B $(BUILD) -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory
	@./scripts/build-web.sh

run: build
	@./scripts/run.sh "$(DB)" "$(LISTEN)"

# Every test: C++ unit tests, integration tests on SQLite and on a throwaway PostgreSQL 15,
# and browser tests in headless Chromium. Ends with ctest's summary line.
test: build
	@cd $(BUILD) && ctest --output-on-failure --timeout 900

# HTTP benchmarks: the API beside a bare RESTinio server, the public page beside nginx.
bench: build
	@./bench/run.sh
	@./bench/public_page.sh

# The publication log at 10M entries (durable appends, proofs) beside SHA-256 and raw SQLite.
# The first run builds a ~5 GB cached log under /tmp (several minutes); later runs reuse it.
bench-log: build
	@$(BUILD)/bench_tlog_db_bench

# Voucher import of 1M CSV lines (parse + validate + create_vouchers) beside raw SQLite
# prepared inserts of the same rows, in the same run (docs/PERFORMANCE.md).
bench-import: build
	@$(BUILD)/bench_voucher_import

clean:
	rm -rf $(BUILD) web/dist
