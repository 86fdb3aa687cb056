"""`kiosk serve`: the kiosk served to a web browser with textual-serve, on loopback.

The test starts the real command in a subprocess on a free loopback port, asks for the page,
then opens the browser's websocket: the server starts a kiosk process for that connection,
whose first screen shows the school named in the configuration — so the served kiosk really
runs on the given configuration and data folder. Then it stops everything it started.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from kiosk.cli import DEMO_CONFIG, build_parser
from kiosk.commands.ops import kiosk_command


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _serving(data_dir: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--port", str(port),
         "--config", str(DEMO_CONFIG), "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kiosks it starts stop with it
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()


async def _get_page(url: str, process: subprocess.Popen[bytes]) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):  # the server needs a moment to start (a shared machine is slow)
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"kiosk serve stopped: {output}")
            try:
                async with session.get(url) as response:
                    return response.status, await response.text()
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
    pytest.fail("kiosk serve did not answer")


async def _served_screen_text(ws_url: str, wanted: bytes) -> bytes:
    """What the kiosk process started for one browser connection sends, until `wanted`."""
    received = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        while wanted not in received:
            message = await asyncio.wait_for(ws.receive(), 60)
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                  aiohttp.WSMsgType.ERROR):
                break
    return received


async def test_serve_answers_on_loopback_and_runs_the_kiosk(tmp_path: Path) -> None:
    port = _free_port()
    data_dir = tmp_path / "data"
    with _serving(data_dir, port) as process:
        status, page = await _get_page(f"http://127.0.0.1:{port}/", process)
        assert status == 200
        assert f"ws://127.0.0.1:{port}/ws" in page
        school = "École élémentaire des Tilleuls".encode()
        shown = await _served_screen_text(f"ws://127.0.0.1:{port}/ws?width=100&height=30",
                                          school)
        assert school in shown
    # The served kiosk used the data folder given to `kiosk serve`.
    assert (data_dir / "logs" / "kiosk.log").exists()


def test_served_command_passes_config_and_data_through(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["serve", "--config", str(tmp_path / "k k.toml"), "--data-dir", str(tmp_path / "d")]
    )
    command = kiosk_command(args)
    assert command.startswith(sys.executable)
    assert f"--config '{tmp_path / 'k k.toml'}'" in command
    assert f"--data-dir {tmp_path / 'd'}" in command
    assert args.host == "127.0.0.1" and args.port == 8000
