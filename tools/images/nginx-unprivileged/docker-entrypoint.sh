#!/bin/sh
# Runs every executable /docker-entrypoint.d/*.sh when the command is nginx (as the official
# image's entrypoint does), then the command itself as PID 1.
set -e
case "$1" in
  nginx | nginx-debug)
    for script in /docker-entrypoint.d/*.sh; do
      [ -x "$script" ] && "$script"
    done
    ;;
esac
exec "$@"
