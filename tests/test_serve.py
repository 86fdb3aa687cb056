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


_BOOKER = """
import sys
from pathlib import Path
from kiosk.cli import DEMO_CONFIG
from kiosk.config import load
from kiosk.services import open_services

services = open_services(load(DEMO_CONFIG), Path(sys.argv[1]))
prefix, slots = sys.argv[2], sys.argv[3].split(",")
for index, slot in enumerate(slots):
    services.booking.book(slot, child=prefix + "abcdefghijklmnopqrst"[index], child_class="CE2")
from kiosk.booking import BookingRefused
try:
    services.booking.book(sys.argv[4], child=prefix + "z", child_class="CM1")
    print("got-contested")
except BookingRefused:
    print("contested-taken")
"""


def test_two_kiosk_processes_booking_on_the_same_data_both_persist(tmp_path: Path) -> None:
    """Two kiosk processes (as `kiosk serve` starts one per browser beside the terminal
    kiosk) book at the same time on one data folder: every booking persists, and a slot both
    want goes to exactly one. The processes book through the domain (services.booking), the
    code the booking screens call; no screen is driven here."""
    pytest.importorskip("kiosk.booking")
    import datetime as dt

    from kiosk.config import load
    from kiosk.services import open_services

    data_dir = tmp_path / "data"
    services = open_services(load(DEMO_CONFIG), data_dir)
    office = services.booking
    person = office.add_person("Mme Martin", "teacher", ["CE2", "CM1"])
    start = (services.now() + dt.timedelta(days=3)).replace(hour=8, minute=0, second=0,
                                                            microsecond=0)
    slots = [office.add_slot(person.id, start + dt.timedelta(minutes=10 * i), 10).id
             for i in range(21)]
    contested, first, second = slots[0], slots[1:11], slots[11:]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _BOOKER, str(data_dir), prefix, ",".join(mine), contested],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for prefix, mine in (("Served", first), ("Terminal", second))
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    assert sorted(out.strip() for out, _ in outputs) == ["contested-taken", "got-contested"]

    bookings = [b for b in open_services(load(DEMO_CONFIG), data_dir).booking.bookings()
                if b.active]
    assert len(bookings) == 21
    by_slot = {b.slot_id: b.child for b in bookings}
    assert all(by_slot[s].startswith("Served") for s in first)
    assert all(by_slot[s].startswith("Terminal") for s in second)
    assert by_slot[contested].endswith("z")
