"""`make test` runs the suites that mostly wait side by side (scripts/side-by-side.sh): they
really run at the same time, each one's output stays one readable block, a failing suite fails
the run only after the others ended, a stop reaches every suite's teardown, and the suites'
own prerequisites are made once before they start."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.shipping.support import make_prerequisites, make_variable
from tests.support.processes import REPO

SCRIPT = REPO / "scripts" / "side-by-side.sh"

# `first` waits for a file that only `second` writes: run one after the other, it gives up.
MAKEFILE = """\
SHELL := /bin/bash
first:
\t@echo first starts; for i in $$(seq 300); do [[ -f second-ran ]] && break; sleep 0.1; done; \\
\t  [[ -f second-ran ]] && echo first saw second
second:
\t@echo second starts; touch second-ran; echo second ends
broken:
\t@echo broken starts; exit 3
stoppable:
\t@echo stoppable starts; python3 stoppable.py
"""
# Writes its PID, then sleeps until interrupted; its teardown writes a marker.
STOPPABLE = """\
import os, pathlib, time
pathlib.Path("stoppable.pid").write_text(str(os.getpid()))
try:
    time.sleep(600)
except KeyboardInterrupt:
    pathlib.Path("teardown-ran").write_text("yes")
    raise SystemExit(1)
"""


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "Makefile").write_text(MAKEFILE)
    (tmp_path / "stoppable.py").write_text(STOPPABLE)
    return tmp_path


def _run(folder: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MAKE": f"make -C {folder}"}
    return subprocess.run(
        [str(SCRIPT), *targets], cwd=folder, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def _block(output: str, target: str) -> list[str]:
    """The lines printed between a suite's two marker lines."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"===== {target}: "))
    end = lines.index(f"===== {target}: end of its output =====")
    return lines[start + 1 : end]


def test_suites_run_at_the_same_time_each_printed_as_one_block(tmp_path: Path) -> None:
    result = _run(_folder(tmp_path), "first", "second")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _block(result.stdout, "first") == ["first starts", "first saw second"]
    assert _block(result.stdout, "second") == ["second starts", "second ends"]
    assert "[side-by-side] all passed: first second" in result.stdout


def test_a_failed_suite_fails_the_run_after_the_others_ended(tmp_path: Path) -> None:
    result = _run(_folder(tmp_path), "broken", "first", "second")
    assert result.returncode != 0
    assert "===== broken: FAILED (exit 2)" in result.stdout
    assert _block(result.stdout, "first") == ["first starts", "first saw second"]
    assert "[side-by-side] failed: broken" in result.stderr


def test_a_stop_interrupts_every_suite_so_its_teardown_runs(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    env = {**os.environ, "MAKE": f"make -C {folder}", "STOP_GRACE": "30"}
    runner = subprocess.Popen(
        [str(SCRIPT), "stoppable", "second"], cwd=folder, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    pid_file = folder / "stoppable.pid"
    deadline = time.monotonic() + 60
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pid_file.exists(), "the stoppable suite never started"
    runner.send_signal(signal.SIGTERM)
    output, _ = runner.communicate(timeout=60)
    assert runner.returncode != 0, output
    assert (folder / "teardown-ran").exists(), output
    assert not Path(f"/proc/{pid_file.read_text()}").exists(), "the suite's process survived"
    assert "===== stoppable: stopped =====" in output


def test_make_test_runs_the_waiting_suites_side_by_side_after_their_prerequisites() -> None:
    suites = make_variable("SIDE_BY_SIDE")
    assert {"test-cluster", "test-containers"} <= set(suites)
    assert "test-side-by-side" in make_prerequisites("test")
    assert not set(suites) & set(make_prerequisites("test")), "a suite would run twice"
    made_first = set(make_prerequisites("test-side-by-side"))
    for suite in suites:
        missing = set(make_prerequisites(suite)) - made_first
        assert not missing, f"{suite} would make {missing} while another suite runs"
