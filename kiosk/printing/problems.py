"""What went wrong with the printer, in plain French for the school's staff.

python-escpos and the operating system fail in many ways (``DeviceNotFoundError: Could not
open socket … [Errno 111] Connection refused``, ``USBError: [Errno 13] Access denied``…).
Staff need to know what happened and what to do, not the exception: :func:`diagnose` turns
any failure into a :class:`PrinterProblem` (a code and a message saying both), the technical
detail going to the log only. :func:`plain` does the same for a text stored by an older
version (the print queue keeps the last problem of each job).
"""

from __future__ import annotations

import errno
import re
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.printing.spec import PrinterSpec

#: Where the printer is set, said in every message that asks to check it.
WHERE_SET = "le réglage [printer] printer de kiosk.toml"

#: What each kind of problem means and what to do. ``{where}`` is the printer as configured.
MESSAGES = {
    "refused": (
        "L'imprimante {where} refuse la connexion : elle est sans doute éteinte, en train de "
        "démarrer, ou ce n'est pas la bonne adresse. Vérifiez qu'elle est allumée, puis "
        f"l'adresse de l'imprimante dans {WHERE_SET}."
    ),
    "timeout": (
        "L'imprimante {where} ne répond pas à temps. Vérifiez qu'elle est allumée et "
        "branchée (câble réseau ou USB), puis réessayez."
    ),
    "unreachable": (
        "L'imprimante {where} est introuvable sur le réseau. Vérifiez qu'elle est allumée, "
        f"que son câble réseau est branché, et son adresse dans {WHERE_SET}."
    ),
    "unknown_host": (
        "Le nom de l'imprimante {where} n'est pas connu sur le réseau. Vérifiez l'adresse de "
        f"l'imprimante dans {WHERE_SET} (une adresse comme 192.168.1.50 est plus sûre)."
    ),
    "no_device": (
        "L'imprimante {where} n'est pas détectée. Vérifiez qu'elle est allumée et que son "
        f"câble est bien branché à l'ordinateur, puis {WHERE_SET}."
    ),
    "permission": (
        "L'ordinateur n'a pas le droit d'utiliser l'imprimante {where}. Demandez à la "
        "personne qui a installé le kiosque de donner l'accès à l'imprimante (README, "
        "« Tickets and printers »)."
    ),
    "busy": (
        "L'imprimante {where} est occupée par un autre programme. Fermez-le ou "
        "débranchez puis rebranchez l'imprimante, puis réessayez."
    ),
    "cut": (
        "La connexion avec l'imprimante {where} a été coupée pendant l'impression. "
        "Vérifiez le câble et le papier, puis réessayez."
    ),
    "paper": (
        "L'imprimante {where} n'a plus de papier. Mettez un rouleau neuf et refermez bien "
        "le capot."
    ),
    "not_printer": (
        "L'appareil à l'adresse {where} répond, mais ce n'est pas une imprimante de tickets. "
        f"Vérifiez l'adresse de l'imprimante dans {WHERE_SET}."
    ),
    "driver": (
        "Il manque un composant pour ce type d'imprimante ({where}). Demandez à la personne "
        "qui a installé le kiosque de l'ajouter, ou choisissez une imprimante réseau."
    ),
    "config": (
        "L'imprimante est mal configurée : « {where} » n'est pas une imprimante que le "
        f"kiosque sait joindre. Corrigez {WHERE_SET}, par exemple "
        "network:192.168.1.50:9100 ou usb:04b8:0e15."
    ),
    "other": (
        "L'imprimante {where} n'a pas pris le ticket. Vérifiez qu'elle est allumée, branchée "
        "et qu'elle a du papier, puis réessayez. Le détail est dans le journal du kiosque."
    ),
}

#: Each problem in a few words, for a table's narrow column (the message says the rest).
SHORT = {
    "refused": "refuse la connexion",
    "timeout": "ne répond pas",
    "unreachable": "introuvable sur le réseau",
    "unknown_host": "nom inconnu sur le réseau",
    "no_device": "non détectée (câble ?)",
    "permission": "accès refusé",
    "busy": "occupée",
    "cut": "connexion coupée",
    "paper": "plus de papier",
    "not_printer": "pas une imprimante",
    "driver": "composant manquant",
    "config": "mal configurée",
    "other": "ticket non pris",
}

#: Not a printer failure: there is no printer to send to (the "preview" printer).
NO_PRINTER = (
    f"Aucune imprimante n'est configurée (aperçu à l'écran seulement) : indiquez-la dans "
    f"{WHERE_SET}."
)
#: A pending job whose saved bytes are gone (a data folder copied without its print files).
TICKET_FILE_MISSING = (
    "Le fichier du ticket est introuvable : annulez ce ticket et réimprimez-le (duplicata)."
)
#: A ticket that could not be drawn (a font, the disk): nothing reached the printer.
UNPREPARED = (
    "Le ticket n'a pas pu être préparé (le détail est dans le journal du kiosque)."
)

_ERRNO_CODES = {
    errno.ECONNREFUSED: "refused",
    errno.ETIMEDOUT: "timeout",
    errno.ENETUNREACH: "unreachable",
    errno.EHOSTUNREACH: "unreachable",
    errno.EHOSTDOWN: "unreachable",
    errno.ENETDOWN: "unreachable",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EBUSY: "busy",
    errno.ECONNRESET: "cut",
    errno.EPIPE: "cut",
    errno.ECONNABORTED: "cut",
    errno.ENOENT: "no_device",
    errno.ENODEV: "no_device",
    errno.ENXIO: "no_device",
    errno.EIO: "no_device",
}

#: Words of a technical message and the problem they mean, most telling first (the message
#: of an exception python-escpos raised without keeping its cause, or a stored text).
_WORDS = (
    ("name or service not known", "unknown_host"),
    ("temporary failure in name resolution", "unknown_host"),
    ("nodename nor servname", "unknown_host"),
    ("no address associated", "unknown_host"),
    ("gaierror", "unknown_host"),
    ("connection refused", "refused"),
    ("connexion refusée", "refused"),
    ("errno 111", "refused"),
    ("timed out", "timeout"),
    ("timeout", "timeout"),
    ("no route to host", "unreachable"),
    ("network is unreachable", "unreachable"),
    ("host is down", "unreachable"),
    ("access denied", "permission"),
    ("permission denied", "permission"),
    ("insufficient permissions", "permission"),
    ("resource busy", "busy"),
    ("broken pipe", "cut"),
    ("connection reset", "cut"),
    ("paper", "paper"),
    ("needs the py", "driver"),
    ("no backend available", "driver"),
    ("incorrect printer name", "config"),
    ("accepted forms", "config"),
    ("not found", "no_device"),
    ("no such file", "no_device"),
    ("no such device", "no_device"),
    ("could not open port", "no_device"),
    ("cable not plugged", "no_device"),
    ("could not open", "no_device"),
    ("unable to open", "no_device"),
)


@dataclass(frozen=True)
class PrinterProblem:
    """A printer failure for staff: `code` (one of :data:`MESSAGES`) and `message` (plain
    French: what happened, what to do)."""

    code: str
    message: str


def problem(code: str, where: str) -> PrinterProblem:
    """The problem `code` with the printer `where` (as configured, e.g. network:10.0.0.9:9100)."""
    return PrinterProblem(code, MESSAGES.get(code, MESSAGES["other"]).format(where=where))


def diagnose(exc: BaseException, spec: PrinterSpec | None = None) -> PrinterProblem:
    """What `exc` (raised while reaching the printer `spec`) means for staff.

    The exception and every exception it was raised from or during are looked at: python-escpos
    wraps the system's error in a ``DeviceNotFoundError`` that keeps it only as context."""
    where = spec.describe() if spec is not None else "configurée"
    return problem(classify(exc), where)


def classify(exc: BaseException) -> str:
    """The code of the problem `exc` shows (see :data:`MESSAGES`)."""
    chain = _chain(exc)
    for link in chain:
        code = _by_type(link)
        if code:
            return code
    for link in chain:
        code = words_code(f"{link.__class__.__name__}: {link}")
        if code:
            return code
    return "other"


def words_code(text: str) -> str:
    """The problem a technical text names ("" when it names none)."""
    lowered = text.lower()
    return next((code for words, code in _WORDS if words in lowered), "")


def plain(text: str, where: str = "configurée") -> str:
    """`text` as staff should read it: itself when it is already one of our messages (or
    empty), else the plain message of the problem it names (a text stored by an older
    version, such as ``network:10.0.0.9:9100: [Errno 111] Connection refused``)."""
    text = " ".join(text.split())
    if not text or _is_plain(text):
        return text
    if text in _OLD_TEXTS:
        return _OLD_TEXTS[text]
    return problem(words_code(text) or "other", where).message


def short(text: str) -> str:
    """A plain message (see :func:`plain`) in a few words (:data:`SHORT`); `text` itself
    when it is none of ours."""
    text = " ".join(text.split())
    for code, template in MESSAGES.items():
        pattern = ".+".join(re.escape(part) for part in template.split("{where}"))
        if re.fullmatch(pattern, text):
            return SHORT[code]
    return {NO_PRINTER: "aucune imprimante", TICKET_FILE_MISSING: "fichier du ticket perdu",
            UNPREPARED: "ticket non préparé"}.get(text, text)


def _is_plain(text: str) -> bool:
    return text.startswith(_PLAIN_STARTS)


#: What older versions stored for these, in French already but without what to do.
_OLD_TEXTS = {
    "aucune imprimante configurée (preview)": NO_PRINTER,
    "fichier du ticket introuvable": TICKET_FILE_MISSING,
}

#: How our messages begin (a stored text that begins so is already plain).
_PLAIN_STARTS = tuple({message.split("{")[0][:20]
                       for message in (*MESSAGES.values(), NO_PRINTER, TICKET_FILE_MISSING,
                                       UNPREPARED)})


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in seen and len(seen) < 10:
        seen.append(link)
        link = link.__cause__ or link.__context__
    return seen


def _by_type(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return "unknown_host"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, PermissionError):
        return "permission"
    if isinstance(exc, BrokenPipeError | ConnectionResetError):
        return "cut"
    name = exc.__class__.__name__
    if name == "USBTimeoutError":
        return "timeout"
    if name == "NoBackendError":
        return "driver"
    number = getattr(exc, "errno", None)
    if isinstance(number, int):
        # pyusb's USBError keeps the negative libusb code in `backend_error_code`, and a
        # positive errno in `errno` (13: access denied, 16: busy, 19: no device).
        return _ERRNO_CODES.get(number, "")
    return ""
