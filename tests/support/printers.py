"""Real network printers on the loopback interface, for the printing tests: one that prints
and answers ESC/POS status queries (:class:`LoopbackPrinter`), one that never reads what it is
sent (:class:`SilentPrinter`: a timeout), one that hangs up on every connection
(:class:`HangingUpPrinter`: the connection cut), and a port where nobody listens
(:func:`free_port`: connection refused)."""

from __future__ import annotations

import dataclasses
import socket
import struct
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from tests.support.factories import build_services

if TYPE_CHECKING:
    from kiosk.services import Services
    from tests.support.clock import Clock

ESC_INIT = b"\x1b@"
#: ESC/POS real-time status answers (DLE EOT 1 and DLE EOT 4).
ONLINE, OFFLINE = b"\x16", b"\x1e"
PAPER, PAPER_LOW, PAPER_OUT = b"\x12", b"\x1e", b"\x72"


def services_with_printer(data_dir: Path, clock: Clock, printer: str, **more: object) -> Services:
    """The demo configuration's services on `data_dir` with the printer `printer` (a 1 s
    timeout unless `more` says otherwise)."""
    cfg = config_module.load(DEMO_CONFIG)
    settings = dataclasses.replace(cfg.printer, **{"printer": printer, "timeout": 1.0, **more})
    return build_services(data_dir, clock, dataclasses.replace(cfg, printer=settings))


def free_port() -> int:
    """A loopback port nobody listens on (a printer that is switched off)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Listener:
    """A TCP server on a free loopback port; each connection goes to :meth:`handle` (none are
    accepted when `accepts` is False)."""

    def __init__(self, port: int = 0, *, accepts: bool = True) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(8)
        self.port = int(self.sock.getsockname()[1])
        if accepts:
            threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.handle(conn)

    def handle(self, conn: socket.socket) -> None:
        conn.close()

    def close(self) -> None:
        self.sock.close()


class LoopbackPrinter(_Listener):
    """A printer on 127.0.0.1 that records what it receives and answers status queries with
    `online` and `paper` (a real printer's bytes by default: online, paper present)."""

    def __init__(self, port: int = 0, *, online: bytes = ONLINE, paper: bytes = PAPER) -> None:
        self.answers = {b"\x10\x04\x01": online, b"\x10\x04\x04": paper}
        self.jobs: list[bytes] = []
        self._lock = threading.Lock()
        super().__init__(port)

    def handle(self, conn: socket.socket) -> None:
        threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        data = b""
        conn.settimeout(10)
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
                for query, answer in self.answers.items():
                    if chunk.endswith(query) and answer:
                        conn.sendall(answer)
        with self._lock:
            self.jobs.append(data)

    @property
    def tickets(self) -> list[bytes]:
        """Received jobs that are tickets (not bare status queries)."""
        with self._lock:
            return [job for job in self.jobs if job.startswith(ESC_INIT)]


class SilentPrinter(_Listener):
    """A printer that takes the connection but never reads: a job bigger than the system's
    buffers waits until the sender's timeout."""

    def __init__(self) -> None:
        super().__init__(accepts=False)


class HangingUpPrinter(_Listener):
    """A printer that accepts each connection and resets it at once (a cable pulled out)."""

    def handle(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()  # with a zero linger: a reset, not a polite close
