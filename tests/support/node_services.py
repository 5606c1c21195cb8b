"""Two small host processes of the local node (tests/support/node.py starts them, by PID):

    python -m tests.support.node_services secrets --listen ADDR:PORT --file SECRETS.json
    python -m tests.support.node_services forward --listen 127.0.0.1:PORT --to ADDR:PORT

``secrets``: the stand-in for Google Secret Manager the chart's pods read their ``sm://``
references from (the app's own SECRET_MANAGER_EMULATOR_HOST route, over gRPC, with the real
client; tests/support/secret_manager.py is the same server). The pods' configuration stays the
production one: MONGO_URI, REDIS_URL and SECRET_KEY are references, resolved at start.

``forward``: the host's way in, 127.0.0.1:PORT to a Service's cluster IP. Each connection is a new
one to the Service address, so kube-proxy picks the pods the Service selects at that moment and a
blue-green switch is followed at once (a `kubectl port-forward` would stay on one pod).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import threading
from pathlib import Path

import grpc

from tests.support.secret_manager import FakeSecretManager


def serve_secrets(listen: str, file: Path) -> None:
    from concurrent import futures  # noqa: PLC0415

    fake = FakeSecretManager()
    fake.secrets = {name: value.encode() for name, value in json.loads(file.read_text()).items()}
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers((fake.handler(),))
    if not server.add_insecure_port(listen):
        raise SystemExit(f"cannot listen on {listen}")
    server.start()
    stopped = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopped.set())
    stopped.wait()
    server.stop(grace=1)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except (ConnectionError, OSError):
        pass
    finally:
        with contextlib.suppress(ConnectionError, OSError):
            writer.close()


async def _forward(listen: str, to: str) -> None:
    host, port = to.rsplit(":", 1)

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            upstream_r, upstream_w = await asyncio.wait_for(
                asyncio.open_connection(host, int(port)), timeout=10
            )
        except (OSError, TimeoutError):
            client_w.close()
            return
        await asyncio.gather(_pipe(client_r, upstream_w), _pipe(upstream_r, client_w))

    bind, bind_port = listen.rsplit(":", 1)
    server = await asyncio.start_server(handle, bind, int(bind_port), reuse_address=True)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    secrets = sub.add_parser("secrets")
    secrets.add_argument("--listen", required=True)
    secrets.add_argument("--file", type=Path, required=True)
    forward = sub.add_parser("forward")
    forward.add_argument("--listen", required=True)
    forward.add_argument("--to", required=True)
    args = parser.parse_args(argv)
    if args.command == "secrets":
        serve_secrets(args.listen, args.file)
    else:
        asyncio.run(_forward(args.listen, args.to))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
