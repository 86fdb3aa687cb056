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
from typing import Any

import aiohttp
import pytest

from kiosk.cli import DEMO_CONFIG, build_parser
from kiosk.commands.serve import kiosk_command
from kiosk.commands.web_server import origin_of
from tests.support import new_app, press


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _serving(data_dir: Path, port: int, *options: str, demo: bool = False,
             output: list[bytes] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """`kiosk serve` with `options`; what it printed is added to `output` when it stopped."""
    school = ["--demo"] if demo else ["--config", str(DEMO_CONFIG)]
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--port", str(port), *school,
         "--data-dir", str(data_dir), *options],
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
            printed = process.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            printed = process.communicate()[0]
        if output is not None:
            output.append(printed or b"")


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
    origin = origin_of(ws_url.replace("ws", "http", 1))  # the kiosk's own page
    async with aiohttp.ClientSession() as session, \
            session.ws_connect(ws_url, origin=origin) as ws:
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
    assert command.endswith("--served browser")  # no staff area in a browser by default


_BOOKER = """
import sys
from pathlib import Path
from kiosk.cli import DEMO_CONFIG
from kiosk.core.config import load
from kiosk.services import open_services

services = open_services(load(DEMO_CONFIG), Path(sys.argv[1]))
prefix, slots = sys.argv[2], sys.argv[3].split(",")
for index, slot in enumerate(slots):
    services.booking.appointments.book(slot, child=prefix + "abcdefghijklmnopqrst"[index],
                                       child_class="CE2")
from kiosk.booking.model import BookingRefused
try:
    services.booking.appointments.book(sys.argv[4], child=prefix + "z", child_class="CM1")
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
    person = office.people.add_person("Mme Martin", "teacher", ["CE2", "CM1"])
    start = (services.now() + dt.timedelta(days=3)).replace(hour=8, minute=0, second=0,
                                                            microsecond=0)
    slots = [office.slots.add_slot(person.id, start + dt.timedelta(minutes=10 * i), 10).id
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

    appointments = open_services(load(DEMO_CONFIG), data_dir).booking.appointments
    bookings = [b for b in appointments.bookings() if b.active]
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
    origin = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session, \
            session.ws_connect(url, origin=origin) as ws:
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
    children = {b.child: b for b in office.appointments.bookings() if b.active}
    assert {"Amina", "Noé"} <= set(children)
    assert children["Amina"].person_id != children["Noé"].person_id


# --- safety of the served kiosk (issue 16) -----------------------------------------------------


async def _handshake_status(url: str, origin: str | None) -> int:
    """The HTTP status a WebSocket handshake gets (101 when accepted, then closed)."""
    headers = {"Origin": origin} if origin is not None else {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status


async def test_a_page_of_another_site_cannot_drive_the_kiosk(tmp_path: Path) -> None:
    """A WebSocket from another origin (any page open in a browser on that computer) or with
    no Origin is refused before a kiosk starts; the kiosk's own page is accepted."""
    port = _free_port()
    with _serving(tmp_path / "data", port) as process:
        await _get_page(f"http://127.0.0.1:{port}/", process)
        url = f"ws://127.0.0.1:{port}/ws"
        assert await _handshake_status(url, "http://evil.example") == 403
        assert await _handshake_status(url, f"http://127.0.0.1:{port + 1}") == 403
        assert await _handshake_status(url, f"https://127.0.0.1:{port}") == 403
        assert await _handshake_status(url, None) == 403
        assert _children(process.pid) == []  # no kiosk was started for a refused page
        assert await _handshake_status(url, f"http://127.0.0.1:{port}") == 101
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("refused a connection from origin") == 4


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


async def test_the_page_points_at_the_address_the_browser_used(tmp_path: Path) -> None:
    """Bound to every address, the page never sends browsers to ws://0.0.0.0: it uses the
    address the browser asked for, or --public-url behind a reverse proxy."""
    port = _free_port()
    printed: list[bytes] = []
    with _serving(tmp_path / "data", port, "--host", "0.0.0.0", output=printed) as process:
        status, page = await _get_page(f"http://127.0.0.1:{port}/", process)
        assert status == 200 and f"ws://127.0.0.1:{port}/ws" in page
        assert "0.0.0.0" not in page
        async with aiohttp.ClientSession() as session, session.get(
                f"http://127.0.0.1:{port}/", headers={"Host": f"accueil.local:{port}"}) as got:
            assert f"ws://accueil.local:{port}/ws" in await got.text()
    assert b"ATTENTION" in printed[0]  # the warning that the kiosk is exposed stays

    port = _free_port()
    public = "https://kiosque.ecole.example"
    with _serving(tmp_path / "data", port, "--public-url", public) as process:
        status, page = await _get_page(f"http://127.0.0.1:{port}/", process)
        assert "wss://kiosque.ecole.example/ws" in page
        url = f"ws://127.0.0.1:{port}/ws"
        assert await _handshake_status(url, f"http://127.0.0.1:{port}") == 403
        assert await _handshake_status(url, public) == 101


async def test_past_max_sessions_a_plain_page_says_the_kiosk_is_busy(tmp_path: Path) -> None:
    port = _free_port()
    own = f"http://127.0.0.1:{port}"
    with _serving(tmp_path / "data", port, "--max-sessions", "1") as process:
        await _get_page(f"{own}/", process)
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=own) as first:
                await first.receive(timeout=60)  # the first kiosk runs
                async with session.get(f"{own}/") as page:
                    assert page.status == 503
                    assert "Le kiosque est occupé" in await page.text()
                assert await _handshake_status(f"ws://127.0.0.1:{port}/ws", own) == 503
            # The first browser left: there is room again (once its kiosk has stopped).
            status = 503
            for _ in range(100):
                async with session.get(f"{own}/") as page:
                    status = page.status
                if status == 200:
                    break
                await asyncio.sleep(0.1)
            assert status == 200


def test_serve_refuses_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    base = ["--config", str(DEMO_CONFIG), "--data-dir", str(tmp_path / "d"), "serve"]
    assert main([*base, "--max-sessions", "0"]) == 2
    assert "--max-sessions" in capsys.readouterr().err
    assert main([*base, "--public-url", "kiosque.example"]) == 2
    assert "--public-url" in capsys.readouterr().err


async def test_a_browser_gets_no_staff_area_unless_allowed(make_app: Any) -> None:
    """`kiosk serve` starts its kiosks with --served browser: Ctrl+E does nothing there."""
    from kiosk.app import KioskApp

    app: KioskApp = make_app()
    app.services.served = "browser"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen_stack[-1].__class__.__name__ == "WelcomeScreen"
        await pilot.press("1")  # the keys still work for the parent
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"


def test_wrong_pins_in_a_browser_never_lock_the_reception_desk(services: Any) -> None:
    from kiosk.staff.pin import MAX_ATTEMPTS, CheckOutcome, StaffAccess

    desk = services.staff_access
    desk.set_pin("2580")
    browser = StaffAccess(services.store.lasting_file("staff"), services.now, browser=True)
    for _ in range(MAX_ATTEMPTS):
        browser.check("0000")
    assert browser.check("2580").outcome is CheckOutcome.LOCKED  # browsers are locked out
    assert desk.locked_until() is None
    assert desk.check("2580").outcome is CheckOutcome.OK  # the desk is not
    desk.set_pin("1357")  # setting the PIN again lifts the browsers' lock too
    assert browser.check("1357").outcome is CheckOutcome.OK
