"""Printer problems said plainly: every way python-escpos or the operating system can fail
becomes a French message for staff saying what happened and what to do; the technical detail
goes to the log only. Real parts: loopback printers (a closed port, one that never reads, one
that hangs up, one that answers its status), a host name that does not exist, missing device
files, python-escpos's and pyusb's own exceptions."""

from __future__ import annotations

import errno
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.printing import problems
from kiosk.printing.devices import PrinterUnavailable, printer_status, send, status_words
from kiosk.printing.problems import MESSAGES, diagnose, plain
from kiosk.printing.spec import parse_printer
from kiosk.tickets import sample_tickets
from tests.support import Clock
from tests.support.printers import (
    OFFLINE,
    ONLINE,
    PAPER,
    PAPER_LOW,
    PAPER_OUT,
    HangingUpPrinter,
    LoopbackPrinter,
    SilentPrinter,
    free_port,
    services_with_printer,
)

#: What staff must never read: exception names, errno numbers, English system messages.
TECHNICAL = re.compile(
    r"Errno|Error\b|Exception|errno|refused\b|Connection|timed out|not found|No such|"
    r"Traceback|\bNone\b", re.IGNORECASE)
#: What each message asks staff to do.
ACTIONS = ("Vérifiez", "Demandez", "Mettez", "Fermez", "Corrigez", "réessayez", "indiquez",
           "annulez")


def assert_plain(message: str) -> None:
    assert message and not TECHNICAL.search(message), message
    assert any(action in message for action in ACTIONS), message


def failure(printer: str, data: bytes = b"\x1b@hello\n", timeout: float = 1.0) -> (
        PrinterUnavailable):
    with pytest.raises(PrinterUnavailable) as caught:
        send(parse_printer(printer), data, timeout)
    return caught.value


@pytest.fixture
def silent() -> Iterator[SilentPrinter]:
    printer = SilentPrinter()
    yield printer
    printer.close()


@pytest.fixture
def hanging_up() -> Iterator[HangingUpPrinter]:
    printer = HangingUpPrinter()
    yield printer
    printer.close()


def test_every_message_says_what_happened_and_what_to_do() -> None:
    for code in MESSAGES:
        assert_plain(problems.problem(code, "network:192.168.1.50:9100").message)
    for message in (problems.NO_PRINTER, problems.TICKET_FILE_MISSING):
        assert_plain(message)


def test_a_printer_switched_off_refuses_the_connection(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        exc = failure(f"network:127.0.0.1:{free_port()}")
    assert exc.problem.code == "refused"
    assert_plain(str(exc))
    assert "allumée" in str(exc) and "kiosk.toml" in str(exc)
    assert "Connection refused" in caplog.text  # the detail is in the log, only there
    assert "Connection refused" in exc.detail


def test_an_unknown_host_name() -> None:
    exc = failure("network:printer.invalid:9100")
    assert exc.problem.code == "unknown_host"
    assert_plain(str(exc))
    assert "printer.invalid" in str(exc) and "kiosk.toml" in str(exc)


def test_a_printer_that_does_not_read_times_out(silent: SilentPrinter) -> None:
    # More than every buffer between the kiosk and a printer that never reads.
    exc = failure(f"network:127.0.0.1:{silent.port}", b"\x1b@" + b"x" * 32_000_000, 0.5)
    assert exc.problem.code == "timeout"
    assert_plain(str(exc))
    assert "ne répond pas" in str(exc)


def test_a_connection_cut_while_printing(hanging_up: HangingUpPrinter) -> None:
    exc = failure(f"network:127.0.0.1:{hanging_up.port}", b"\x1b@" + b"x" * 8_000_000)
    assert exc.problem.code == "cut"
    assert_plain(str(exc))
    assert "câble" in str(exc) and "papier" in str(exc)


@pytest.mark.parametrize("printer", ["file:/nonexistent-folder/lp0",
                                     "serial:/dev/ttyKIOSKNOPE"])
def test_a_device_that_is_not_there(printer: str) -> None:
    exc = failure(printer)
    assert exc.problem.code == "no_device"
    assert_plain(str(exc))
    assert "câble" in str(exc) and "allumée" in str(exc)


def test_a_usb_printer_that_is_not_plugged_in() -> None:
    from escpos.printer import Usb

    exc = failure("usb:04b8:0e15")
    # Without the libusb library the kiosk cannot look for USB printers at all.
    assert exc.problem.code == ("no_device" if Usb.is_usable() and _libusb() else "driver")
    assert_plain(str(exc))


def _libusb() -> bool:
    import usb.core

    try:
        usb.core.find()
    except usb.core.NoBackendError:
        return False
    return True


def _escpos_wrapped(cause: BaseException) -> BaseException:
    """`cause` wrapped as python-escpos wraps what it catches (context kept, no cause)."""
    from escpos.exceptions import DeviceNotFoundError

    try:
        try:
            raise cause
        except Exception as e:
            raise DeviceNotFoundError(  # noqa: B904 (python-escpos keeps no cause)
                f"Unable to open USB printer on (1208, 3605):\n{e}")
    except DeviceNotFoundError as wrapped:
        return wrapped


@pytest.mark.parametrize(("cause", "code"), [
    (OSError(errno.EHOSTUNREACH, "No route to host"), "unreachable"),
    (OSError(errno.ENETUNREACH, "Network is unreachable"), "unreachable"),
    (PermissionError(errno.EACCES, "Permission denied"), "permission"),
    (OSError(errno.EBUSY, "Device or resource busy"), "busy"),
    (BrokenPipeError(errno.EPIPE, "Broken pipe"), "cut"),
])
def test_system_errors_behind_python_escpos(cause: OSError, code: str) -> None:
    found = diagnose(_escpos_wrapped(cause), parse_printer("network:10.0.0.9:9100"))
    assert found.code == code
    assert_plain(found.message)


def test_usb_permission_and_busy_from_pyusb() -> None:
    import usb.core

    denied = usb.core.USBError("Access denied (insufficient permissions)", -3, errno.EACCES)
    busy = usb.core.USBError("Resource busy", -6, errno.EBUSY)
    timeout = usb.core.USBTimeoutError("Operation timed out", -7, errno.ETIMEDOUT)
    spec = parse_printer("usb:04b8:0e15")
    assert diagnose(_escpos_wrapped(denied), spec).code == "permission"
    assert diagnose(busy, spec).code == "busy"
    assert diagnose(timeout, spec).code == "timeout"
    assert "droit" in diagnose(denied, spec).message


def test_an_unknown_failure_still_says_what_to_do() -> None:
    found = diagnose(RuntimeError("printer firmware said 0x42"))
    assert found.code == "other"
    assert_plain(found.message)
    assert "journal" in found.message


def test_paper_out_and_other_states_from_the_printers_status_bytes() -> None:
    where = "network:10.0.0.9:9100"
    assert status_words(ONLINE, PAPER, where) == "en ligne, papier en place"
    assert "bientôt fini" in status_words(ONLINE, PAPER_LOW, where)
    assert status_words(ONLINE, PAPER_OUT, where) == MESSAGES["paper"].format(where=where)
    assert "hors ligne" in status_words(OFFLINE, PAPER, where)
    assert "capot" in status_words(OFFLINE, PAPER, where)
    assert "pas une imprimante" in status_words(b"H", b"T", where)  # an HTTP server answered
    assert "ne donne pas son état" in status_words(b"", b"", where)


def test_the_status_of_a_loopback_printer_out_of_paper() -> None:
    printer = LoopbackPrinter(paper=PAPER_OUT)
    try:
        status = printer_status(parse_printer(f"network:127.0.0.1:{printer.port}"), 1.0)
    finally:
        printer.close()
    assert "n'a plus de papier" in status and "rouleau" in status


def test_the_status_of_a_printer_switched_off_is_plain() -> None:
    status = printer_status(parse_printer(f"network:127.0.0.1:{free_port()}"), 1.0)
    assert status.startswith("L'imprimante") and "refuse la connexion" in status
    assert_plain(status)


def test_texts_stored_by_older_versions_are_shown_plainly() -> None:
    where = "network:10.0.0.9:9100"
    old = ("network:10.0.0.9:9100: Device not found (Could not open socket for 10.0.0.9: "
           "[Errno 111] Connection refused)")
    assert plain(old, where) == MESSAGES["refused"].format(where=where)
    assert plain("aucune imprimante configurée (preview)") == problems.NO_PRINTER
    assert plain("USBError: [Errno 13] Access denied (insufficient permissions)", where) == \
        MESSAGES["permission"].format(where=where)
    already = MESSAGES["timeout"].format(where=where)
    assert plain(already, where) == already
    assert plain("") == ""


def test_the_print_service_queues_with_a_plain_problem_and_logs_the_detail(
        tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    services = services_with_printer(tmp_path / "d", clock, f"network:127.0.0.1:{free_port()}")
    with caplog.at_level(logging.WARNING):
        outcome = services.printing.submit(sample_tickets(services.ticket_context, "ar")[0])
    services.printing.stop()
    assert outcome.status == "queued"
    assert_plain(outcome.error)
    [job] = services.printing.queue.pending()
    assert job.error == outcome.error
    assert "Errno 111" in caplog.text
    # The parent's message is the translated "ask at the desk", never the problem.
    assert outcome.message.startswith("L'imprimante ne répond pas. Votre ticket vous sera donné")


def test_a_bad_printer_in_the_configuration_is_said_plainly(tmp_path: Path,
                                                            clock: Clock) -> None:
    services = services_with_printer(tmp_path / "d", clock, "usb:zz:1")
    outcome = services.printing.submit(sample_tickets(services.ticket_context, "fr")[0])
    services.printing.stop()
    assert outcome.status == "queued"
    assert_plain(outcome.error)
    assert "usb:zz:1" in outcome.error and "kiosk.toml" in outcome.error
    assert outcome.error in services.printing.warnings()


def test_each_problem_has_a_few_words_for_a_table_column() -> None:
    for code, template in MESSAGES.items():
        assert problems.short(template.format(where="usb:04b8:0e15")) == problems.SHORT[code]
    assert problems.short(problems.NO_PRINTER) == "aucune imprimante"
    assert problems.short("something else") == "something else"
