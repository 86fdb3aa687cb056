"""How the memory of `kiosk serve` grows with browser sessions (figures for the README).

Starts `kiosk serve` on a free loopback port with the demo school, opens 1, 2, 4, 8 and 12
browser sessions (WebSockets from the kiosk's own page, each running its kiosk), and prints
the resident memory (RSS, and PSS where the kernel gives it) of the server and its kiosks.

    .venv/bin/python scripts/serve_memory.py
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

STEPS = (1, 2, 4, 8, 12)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _memory_kib(pid: int, field: str) -> int:
    """`field` ("VmRSS" from status, "Pss" from smaps_rollup) of a process, in KiB."""
    path = Path(f"/proc/{pid}/{'smaps_rollup' if field == 'Pss' else 'status'}")
    with contextlib.suppress(OSError):
        for line in path.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


async def main() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = tempfile.mkdtemp(prefix="kiosk-serve-memory-")
    server = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--demo", "--data-dir", data, "--port",
         str(port), "--max-sessions", str(max(STEPS))],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    own = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    async with session.get(own):
                        break
                await asyncio.sleep(0.1)
            sockets = []
            print("sessions  RSS (MB)  PSS (MB)")
            pids = _tree(server.pid)
            print(f"{0:>8}  {sum(_memory_kib(p, 'VmRSS') for p in pids) / 1024:>8.0f}  "
                  f"{sum(_memory_kib(p, 'Pss') for p in pids) / 1024:>8.0f}")
            for step in STEPS:
                while len(sockets) < step:
                    ws = await session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=own)
                    sockets.append(ws)
                    received = b""
                    while b"Tilleuls" not in received:  # its kiosk has drawn Welcome
                        message = await ws.receive(timeout=120)
                        received += message.data if isinstance(message.data, bytes) else b""
                await asyncio.sleep(2)
                pids = _tree(server.pid)
                rss = sum(_memory_kib(p, "VmRSS") for p in pids) / 1024
                pss = sum(_memory_kib(p, "Pss") for p in pids) / 1024
                print(f"{step:>8}  {rss:>8.0f}  {pss:>8.0f}", flush=True)
            for ws in sockets:
                await ws.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    asyncio.run(main())
