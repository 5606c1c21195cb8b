# Benchmarks (not tests): each prints its figures with the command and machine; results are
# recorded by hand in docs/performance.md. They start their own servers on loopback ports.

.PHONY: bench-redirect
bench-redirect: tools venv ## wrk: redirect hot path vs bare Flask vs nginx `return 302` (~3 min)
	$(PY) -m bench.redirect.run $(BENCH_ARGS)
