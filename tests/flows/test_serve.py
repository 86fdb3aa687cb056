"""`kiosk serve`: the kiosk served to a web browser with textual-serve, on loopback.

The test starts the real command in a subprocess on a free loopback port, asks for the page,
then opens the browser's websocket: the server starts a kiosk process for that connection,
whose first screen shows the school named in the configuration — so the served kiosk really
runs on the given configuration and data folder. Then it stops everything it started.

The booking test drives the served kiosk like a browser does (keys over the websocket, the
screen's text read back) while a terminal kiosk on the same data folder books through the same
screens with Textual's Pilot, at the same time; both bookings must be on disk afterwards. Its
waits follow the French titles of the booking screens.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
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
from tests.support import new_app, press


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _serving(data_dir: Path, port: int, *, demo: bool = False
             ) -> Iterator[subprocess.Popen[bytes]]:
    school = ["--demo"] if demo else ["--config", str(DEMO_CONFIG)]
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--port", str(port), *school,
         "--data-dir", str(data_dir)],
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
    end = asyncio.get_running_loop().time() + 120
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        while wanted not in received:
            left = end - asyncio.get_running_loop().time()
            if left <= 0:
                pytest.fail(f"the served kiosk never sent {wanted!r}")
            message = await asyncio.wait_for(ws.receive(), min(60, left))
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
from kiosk.core.config import load
from kiosk.services import open_services

services = open_services(load(DEMO_CONFIG), Path(sys.argv[1]))
prefix, slots = sys.argv[2], sys.argv[3].split(",")
for index, slot in enumerate(slots):
    services.booking.book(slot, child=prefix + "abcdefghijklmnopqrst"[index], child_class="CE2")
from kiosk.booking.office import BookingRefused
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
    import datetime as dt

    from kiosk.core.config import load
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


_ANSI = re.compile(rb"\x1b\[[0-9;?$]*[A-Za-z]|\x1b\][^\x07]*\x07")


class _BrowserTerminal:
    """A browser's side of the websocket: keys in, screen text out (escape codes dropped)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.received = b""

    async def _receive(self, timeout: float) -> None:
        try:
            message = await asyncio.wait_for(self.ws.receive(), max(timeout, 0.05))
        except TimeoutError:
            return
        if message.type == aiohttp.WSMsgType.BINARY:
            self.received += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                              aiohttp.WSMsgType.ERROR):
            pytest.fail("the served kiosk closed the connection")

    async def shows(self, text: str, timeout: float = 60) -> None:
        """Wait until `text` has been drawn since the last call (fails after `timeout`)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while text.encode() not in _ANSI.sub(b"", self.received):
            if loop.time() > end:
                pytest.fail(f"the served kiosk never showed {text!r}")
            await self._receive(end - loop.time())
        self.received = b""

    async def press(self, keys: str, settle: float = 1.0) -> None:
        """Type `keys`, then let the kiosk draw for `settle` seconds (no assertion on time)."""
        await self.ws.send_json(["stdin", keys])
        loop = asyncio.get_running_loop()
        end = loop.time() + settle
        while loop.time() < end:
            await self._receive(end - loop.time())


async def _book_in_the_browser(port: int) -> None:
    """A parent books with the keyboard in the served kiosk: French, meet a teacher, the
    first person, first day, first time, child "Amina", first class, confirm."""
    url = f"ws://127.0.0.1:{port}/ws?width=100&height=40"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        term = _BrowserTerminal(ws)
        await term.shows("Tilleuls")
        for key, title in (("1", "Que voulez-vous faire"), ("2", "Avec qui voulez-vous"),
                           ("1", "Quel jour"), ("1", "quelle heure"),
                           ("1", "Pour quel enfant")):
            await term.ws.send_json(["stdin", key])
            await term.shows(title)
        # First name; Tab to the first class and Enter to choose it; Shift+Tab back to the
        # name, Enter (to the phone), Enter (continue).
        for keys in ("Amina", "\t", "\r", "\x1b[Z", "\r"):
            await term.press(keys)
        await term.ws.send_json(["stdin", "\r"])
        await term.shows("Vérifiez")
        await term.ws.send_json(["stdin", "1"])  # I confirm
        await term.shows("est réservé")


async def _book_at_the_terminal(data_dir: Path) -> None:
    """Meanwhile a parent at the terminal kiosk (same data folder) books with the second
    person, through the same screens (Textual's Pilot)."""
    from kiosk.core.config import load
    from kiosk.services import open_services

    app = new_app(open_services(load(DEMO_CONFIG), data_dir))

    async with app.run_test(size=(100, 40)) as pilot:
        for key in ("1", "2", "2", "1", "1"):  # French, meet, 2nd person, 1st day, 1st time
            await press(pilot, key)
        await press(pilot, *"Noé", "tab", "enter", "shift+tab", "enter")
        await press(pilot, "enter")
        await press(pilot, "1")
        assert type(app.screen).__name__ == "BookedScreen"


async def test_booking_in_the_served_kiosk_and_at_the_terminal_both_persist(
    tmp_path: Path,
) -> None:
    port = _free_port()
    data_dir = tmp_path / "data"
    with _serving(data_dir, port, demo=True) as process:
        await _get_page(f"http://127.0.0.1:{port}/", process)  # served: demo seeded
        await asyncio.gather(_book_in_the_browser(port), _book_at_the_terminal(data_dir))

    from kiosk.core.config import load
    from kiosk.services import open_services

    office = open_services(load(DEMO_CONFIG), data_dir).booking
    children = {b.child: b for b in office.bookings() if b.active}
    assert {"Amina", "Noé"} <= set(children)
    assert children["Amina"].person_id != children["Noé"].person_id
