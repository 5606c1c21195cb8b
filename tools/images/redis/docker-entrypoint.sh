#!/bin/sh
# Like the official image: a redis-server command without --protected-mode gets `no` (the
# container network is the boundary, and other containers must reach it).
set -e
if [ "$1" = "redis-server" ]; then
  case " $* " in
    *" --protected-mode "*) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
fi
exec "$@"
