# Qinglian: the two set-up commands are `make run` and `make test` (see README.md).
JOBS ?= $(shell nproc)
BUILD ?= build
DB ?= sqlite:var/qinglian.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build web run test bench bench-approvals bench-log bench-import bench-ledger clean

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

# HTTP benchmarks: the API beside a bare RESTinio server, the public page beside nginx, and
# approval actions beside the authenticated list endpoint.
bench: build
	@./bench/run.sh
	@./bench/public_page.sh
	@QL_BUILD_DIR=$(BUILD) ./bench/approvals.sh

# Approval actions per second (50 concurrent clients) beside GET /api/v1/users in the same run
# (docs/PERFORMANCE.md); QL_BENCH_DURATION etc. as for bench/run.sh.
bench-approvals: build
	@QL_BUILD_DIR=$(BUILD) ./bench/approvals.sh

# The publication log at 10M entries (durable appends, proofs) beside SHA-256 and raw SQLite.
# The first run builds a ~5 GB cached log under /tmp (several minutes); later runs reuse it.
bench-log: build
	@$(BUILD)/bench_tlog_db_bench

# Voucher import of 1M CSV lines (parse + validate + create_vouchers) beside raw SQLite
# prepared inserts of the same rows, in the same run (docs/PERFORMANCE.md).
bench-import: build
	@$(BUILD)/bench_voucher_import

# Account balances (GET /api/v1/ledger/balances) over ten years of a large village and a street
# of 30 villages, as p50/p95/p99 latency beside a bare SUM ... GROUP BY in the same run.
bench-ledger: build
	@$(BUILD)/bench_ledger_balances

clean:
	rm -rf $(BUILD) web/dist
