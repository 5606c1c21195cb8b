# Click pipeline benchmarks (not tests; results go to docs/performance.md). Each starts its own
# redis-server and FerretDB on free ports (`make tools` installs them) and stops them at the end.
BENCH_WORKER_EVENTS ?= 100000
BENCH_WORKER_LINKS  ?= 1000
BENCH_WORKER_BATCH  ?= 1000
BENCH_STATS_CLICKS  ?= 1000000

.PHONY: bench-worker
bench-worker: venv ## click worker events/s: real Redis + FerretDB, then with the MongoDB write stubbed
	$(PY) -m bench.worker.run --events $(BENCH_WORKER_EVENTS) --links $(BENCH_WORKER_LINKS) --batch $(BENCH_WORKER_BATCH) --store ferretdb
	$(PY) -m bench.worker.run --events $(BENCH_WORKER_EVENTS) --links $(BENCH_WORKER_LINKS) --batch $(BENCH_WORKER_BATCH) --store none

.PHONY: bench-stats
bench-stats: venv ## stats API server time for 365 days of 1,000,000 clicks on FerretDB
	$(PY) -m bench.stats.run --clicks $(BENCH_STATS_CLICKS)
