# Raw click event benchmarks (issue 18; not tests; results go to docs/performance.md, "Raw click
# events"). Each starts its own redis-server and FerretDB (and gunicorn, the worker) on free ports
# and stops them at the end.
BENCH_EVENTS        ?= 100000
BENCH_EVENTS_DATA   ?=
BENCH_LIVE_ROUNDS   ?= 3
BENCH_LIVE_LAYOUT   ?= shared
BENCH_LIVE_WATCH    ?= quiet

.PHONY: bench-events
bench-events: venv ## filtered stats (country=DE, +device=mobile) over 30 days of one link's N raw events on FerretDB
	$(PY) -m bench.events.stats --events $(BENCH_EVENTS) $(if $(BENCH_EVENTS_DATA),--data $(BENCH_EVENTS_DATA))

.PHONY: bench-live
bench-live: venv ## redirect req/s with and without 100 live (SSE) subscribers, alternating; a click's delivery latency
	$(PY) -m bench.live.run --rounds $(BENCH_LIVE_ROUNDS) --layout $(BENCH_LIVE_LAYOUT) --watch $(BENCH_LIVE_WATCH)
