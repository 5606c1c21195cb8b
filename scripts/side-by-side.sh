#!/usr/bin/env bash
# side-by-side.sh TARGET...: runs `make TARGET` for each TARGET at the same time, for check suites
# that mostly wait (on controllers, containers, delays) rather than compute. Each suite writes to
# its own log; a suite's log is printed whole, between two marker lines, as soon as it ends, so
# the output reads suite by suite. Exit status: 0 only when every suite passed (all of them run to
# their end either way, so each one cleans up after itself and reports). A TERM or INT stops every
# suite by the process group of the PID it was started with, then prints what they wrote.
#   SIDE_BY_SIDE_LOGS  folder for the logs (default: a new temporary folder)
#   MAKE               the make command (default: make)
#   STOP_GRACE         seconds a stopped suite gets for its teardown before it is killed (180)
set -uo pipefail

(($#)) || { echo "usage: $0 TARGET..." >&2; exit 2; }
if [[ -n "${SIDE_BY_SIDE_LOGS:-}" ]]; then
  logs="$SIDE_BY_SIDE_LOGS" && mkdir -p "$logs"
else  # printed whole anyway: a folder of our own is removed at the end
  logs="$(mktemp -d "${TMPDIR:-/tmp}/side-by-side.XXXXXX")" && trap 'rm -rf "$logs"' EXIT
fi
read -r -a make_cmd <<<"${MAKE:-make}"

declare -A target_of started_at
failed=()

print_log() {  # target status
  printf '===== %s: %s =====\n' "$1" "$2"
  cat "$logs/$1.log"
  printf '===== %s: end of its output =====\n' "$1"
}

# INT, as Ctrl-C would: pytest then runs its teardown (clusters stopped, the host restored,
# stacks removed) before it exits. What still runs after STOP_GRACE seconds is killed.
stop_all() {
  trap - TERM INT
  echo "[side-by-side] stopping: ${target_of[*]}" >&2
  for pid in "${!target_of[@]}"; do kill -INT -- "-$pid" 2>/dev/null; done
  local deadline=$((SECONDS + ${STOP_GRACE:-180}))
  for pid in "${!target_of[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 1; done
    kill -KILL -- "-$pid" 2>/dev/null
    wait "$pid"
    print_log "${target_of[$pid]}" "stopped"
  done
  exit 130
}
trap stop_all TERM INT

# Job control: each suite runs in a process group of its own, led by the PID recorded here, and
# keeps the default INT handling (without it, bash starts background commands with INT ignored).
set -m
for target in "$@"; do
  # env --default-signal=INT: a shell started in the background without job control (`make test &`,
  # nohup, some CI runners) hands INT down ignored, and neither bash nor Python can take an
  # ignored-at-start signal back; exec'd with INT at its default, pytest gets its KeyboardInterrupt.
  env --default-signal=INT "${make_cmd[@]}" --no-print-directory "$target" \
    >"$logs/$target.log" 2>&1 </dev/null &
  target_of[$!]="$target"
  started_at[$!]=$SECONDS
  echo "[side-by-side] $target started (PID $!, log $logs/$target.log)"
done
set +m  # no job notices in the output

while ((${#target_of[@]})); do
  wait -n -p done_pid "${!target_of[@]}"
  status=$?
  target="${target_of[$done_pid]}"
  took=$((SECONDS - started_at[$done_pid]))
  unset "target_of[$done_pid]"
  if ((status == 0)); then
    print_log "$target" "passed in ${took} s"
  else
    failed+=("$target")
    print_log "$target" "FAILED (exit $status) after ${took} s"
  fi
done

if ((${#failed[@]})); then
  echo "[side-by-side] failed: ${failed[*]}" >&2
  exit 1
fi
echo "[side-by-side] all passed: $*"
