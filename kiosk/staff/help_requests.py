"""Help at the kiosk: help requests for the staff, and the privacy notice shown to parents.

A **help request** is what the "I need help" button leaves for the staff: when, which
screen the parent came from, and the parent's language (so that whoever comes can bring
someone who speaks it) — nothing else about the parent. Requests live in the school year's
``help.json`` file; staff acknowledge them in the staff area; they are forgotten after
``[retention] help_requests_days``, in every school year's file (those of the last days of
July are in last year's).

The **privacy notice** is built from the configuration (the retention periods), in the
parent's language, in plain words.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kiosk.core.i18n import N_
from kiosk.core.store import DataFile, Store
from kiosk.core.text import strip_controls

if TYPE_CHECKING:
    from kiosk.core.config import Config
    from kiosk.core.i18n import Translator

FILE_KIND = "help"
TABLE = "requests"
_SCREEN_NAME = re.compile(r"[^A-Za-z0-9_.:-]")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")


@dataclass(frozen=True)
class HelpRequest:
    """A parent asked for someone to come to the kiosk."""

    id: str
    when: dt.datetime
    #: The screen the parent was on (a short technical name, e.g. "booking").
    came_from: str
    acknowledged: dt.datetime | None = None
    #: The parent's language (its code: "ar").
    language: str = "fr"


def clean_language(code: str) -> str:
    """A language code as stored ("fr" when the text cannot be one)."""
    code = strip_controls(str(code)).strip().lower()[:12]
    return code if _LANGUAGE_CODE.fullmatch(code) else "fr"


def _clean_screen_name(name: str) -> str:
    cleaned = _SCREEN_NAME.sub("", strip_controls(name))[:60]
    return cleaned or "?"


class ParentRequests:
    """Short-lived requests parents leave for the staff, in the school year's `FILE_KIND`
    file, table ``requests``, forgotten after `keep_days` (the base of the help and
    call-back requests)."""

    FILE_KIND: ClassVar[str] = FILE_KIND

    def __init__(self, store: Store, now: Callable[[], dt.datetime],
                 keep_days: int = 7) -> None:
        self._store = store
        self._now = now
        self.keep_days = keep_days
        store.check_records(self.FILE_KIND, {TABLE: self._from_row})  # reading checks it

    @property
    def _file(self) -> DataFile:
        """The current school year's file (nothing carries over: requests are short-lived)."""
        return self._store.file(self.FILE_KIND)

    @staticmethod
    def _from_row(row: Mapping[str, Any]) -> object:
        """A stored row as a request (raises on a damaged one; override)."""
        raise NotImplementedError


class HelpRequests(ParentRequests):
    """The help requests of the school year (repository)."""

    @staticmethod
    def _from_row(row: Mapping[str, Any]) -> HelpRequest:
        ack = row.get("acknowledged")
        return HelpRequest(
            id=str(row["id"]),
            when=dt.datetime.fromisoformat(str(row["when"])),
            came_from=str(row.get("came_from", "?")),
            acknowledged=dt.datetime.fromisoformat(str(ack)) if ack else None,
            language=clean_language(str(row.get("language", "fr"))),
        )

    def request(self, came_from: str, language: str = "fr") -> HelpRequest:
        """Record that a parent asks for help (durably), in `language`; old requests are
        forgotten."""
        found = HelpRequest(uuid.uuid4().hex[:12], self._now(), _clean_screen_name(came_from),
                            language=clean_language(language))
        limit = found.when - dt.timedelta(days=self.keep_days)
        with self._file.transaction() as db:
            table = db.table(TABLE)
            table.remove(lambda r: dt.datetime.fromisoformat(r["when"]) < limit)
            table.insert({"id": found.id, "when": found.when.isoformat(),
                          "came_from": found.came_from, "acknowledged": None,
                          "language": found.language})
        return found

    def all(self) -> list[HelpRequest]:
        """Every request still kept, oldest first."""
        rows = self._file.table(TABLE).all()
        return sorted((self._from_row(r) for r in rows), key=lambda r: r.when)

    def pending(self) -> list[HelpRequest]:
        """Requests nobody has acknowledged yet, oldest first."""
        return [r for r in self.all() if r.acknowledged is None]

    def acknowledge(self, request_id: str) -> bool:
        """Mark a request as handled; False when there is no such pending request."""
        with self._file.transaction() as db:
            table = db.table(TABLE)
            rows = table.search(lambda r: r["id"] == request_id and not r.get("acknowledged"))
            if not rows:
                return False
            table.update({"acknowledged": self._now().isoformat()},
                         lambda r: r["id"] == request_id)
        return True

    def forget_old(self) -> int:
        """Drop requests older than the retention period, in every school year's file on disk
        (a request made on 31 July is in last year's file); returns how many went.

        Only a file holding old requests is rewritten; a missing file is not created.
        """
        limit = self._now() - dt.timedelta(days=self.keep_days)

        def old(row: Mapping[str, Any]) -> bool:
            return dt.datetime.fromisoformat(row["when"]) < limit

        return forget_in_every_year(self._store, FILE_KIND, TABLE, old)


def forget_in_every_year(store: Store, kind: str, table_name: str,
                         gone: Callable[[Mapping[str, Any]], bool]) -> int:
    """Drop the rows of `table_name` that are `gone`, in every school year's `kind` file on
    disk; returns how many went. Only a file holding such rows is rewritten; a missing file
    is not created."""
    removed = 0
    for data_file in store.files_of_every_year(kind):
        # Read without the lock first: most files have nothing to forget.
        if not any(gone(row) for row in data_file.snapshot().get(table_name, {}).values()):
            continue
        with data_file.transaction() as db:  # re-read under the lock
            table = db.table(table_name)
            found = [row.doc_id for row in table.all() if gone(row)]
            if found:  # another process may have forgotten them meanwhile
                removed += len(table.remove(doc_ids=found))
    return removed


# --- the privacy notice --------------------------------------------------------------------------

PRIVACY_TITLE = N_("Ce que le kiosque garde sur vous")
#: Borrowing a device (Help's and the questionnaire thanks screen's button, the loan form).
LOAN_TITLE = N_("Emprunter une tablette ou un ordinateur")


def privacy_notice(tr: Translator, config: Config) -> list[str]:
    """The privacy notice in the parent's language: short paragraphs in plain words."""
    retention = config.retention
    paragraphs = [
        tr("Le questionnaire est anonyme : nous ne gardons ni votre nom, ni rien qui dise "
           "qui a répondu."),
    ]
    paragraphs.append(tr(
        "Pour un rendez-vous, nous gardons le prénom et la classe de l'enfant, et votre "
        "téléphone si vous le donnez. Pour un atelier, nous gardons votre prénom, et votre "
        "téléphone si vous le donnez."))
    if retention.bookings_days == 0:
        paragraphs.append(tr(
            "Ils sont effacés le jour de la rencontre, avec la copie de votre ticket."))
    else:
        paragraphs.append(tr.ngettext(
            "Ils sont effacés {days} jour après la rencontre, avec la copie de votre ticket.",
            "Ils sont effacés {days} jours après la rencontre, avec la copie de votre ticket.",
            retention.bookings_days,
        ).format(days=tr.number(retention.bookings_days)))
    paragraphs.append(tr.ngettext(
        "Une demande d'aide garde seulement l'heure, l'écran où vous étiez et votre langue, "
        "pendant {days} jour.",
        "Une demande d'aide garde seulement l'heure, l'écran où vous étiez et votre langue, "
        "pendant {days} jours.",
        max(retention.help_requests_days, 1),
    ).format(days=tr.number(max(retention.help_requests_days, 1))))
    paragraphs.append(callback_notice(tr, config))
    paragraphs.append(loan_notice(tr, config))
    paragraphs.append(tr("Quand vous avez fini, ou si vous partez, l'écran oublie tout ce "
                         "que vous avez choisi ou tapé."))
    return paragraphs


def callback_notice(tr: Translator, config: Config) -> str:
    """What a call-back request keeps, and for how long (the privacy notice, and the consent
    line of the call-back form)."""
    days = max(config.retention.callbacks_days, 1)
    return tr.ngettext(
        "Pour être rappelé, vous donnez votre prénom, votre téléphone, votre langue et le "
        "sujet. Ils sont gardés à part du questionnaire, jusqu'à l'appel, pendant {days} jour "
        "au plus.",
        "Pour être rappelé, vous donnez votre prénom, votre téléphone, votre langue et le "
        "sujet. Ils sont gardés à part du questionnaire, jusqu'à l'appel, pendant {days} jours "
        "au plus.",
        days,
    ).format(days=tr.number(days))


def loan_notice(tr: Translator, config: Config) -> str:
    """What an equipment loan keeps, and for how long (the privacy notice, the loan form)."""
    days = config.retention.loans_days
    return tr.ngettext(
        "Pour un prêt de matériel, nous gardons votre prénom, votre téléphone et la classe de "
        "l'enfant. Ils sont effacés {days} jour après le retour du matériel.",
        "Pour un prêt de matériel, nous gardons votre prénom, votre téléphone et la classe de "
        "l'enfant. Ils sont effacés {days} jours après le retour du matériel.",
        days,
    ).format(days=tr.number(days))
