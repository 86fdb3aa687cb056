"""The announcements in the translators' files (:mod:`kiosk.core.text_exchange`).

Each announcement gives two messages, its title and its text, with ``msgctxt``
``IDENTIFIER|title`` and ``IDENTIFIER|text`` (the file format of the first versions: files
exported then still import). :class:`AnnouncementTexts` is the announcements' source of
texts; the kiosk's command passes it with the workshops' one, so one file round-trips both.
:func:`export_po`, :func:`read_import` and :func:`import_po` take the book and, optionally,
the other sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kiosk.announcements.book import AnnouncementBook, TranslationUpdate
from kiosk.announcements.model import AnnouncementError, check_text, check_title
from kiosk.core import text_exchange
from kiosk.core.school_texts import TextUpdate
from kiosk.core.text_exchange import ExchangeError, ImportReport, TextItem, TextSource

FIELDS = ("title", "text")


def context_of(announcement_id: str, field_name: str) -> str:
    return f"{announcement_id}|{field_name}"


class AnnouncementTexts:
    """The announcements of the year as texts to translate (a
    :class:`~kiosk.core.text_exchange.TextSource`)."""

    prefix = ""
    always: tuple[str, ...] = FIELDS

    def __init__(self, book: AnnouncementBook) -> None:
        self.book = book

    def items(self, lang: str) -> list[TextItem]:
        found = []
        for a in self.book.all():
            old = a.translations.get(lang)
            when = f"{a.visible_from:%d/%m/%Y}"
            if a.visible_until:
                when += f" – {a.visible_until:%d/%m/%Y}"
            found.append(TextItem(
                key=a.id, id=a.id, french=a.french,
                translation={"title": old.title, "text": old.text} if old else {},
                status=a.status(lang), comment=f"Annonce {a.id} ({a.category}), visible {when}",
            ))
        return found

    def unknown(self, item_id: str) -> str:
        return f"il n'y a pas d'annonce « {item_id} » (supprimée ?)."

    def together(self, item_id: str) -> str:
        return (f"« {item_id} » : traduisez le titre et le texte ensemble (l'un des deux est "
                "vide ou absent).")

    def check(self, field_name: str, value: str) -> None:
        if field_name == "title":
            check_title(value, "Le titre traduit")
        else:
            check_text(value, "Le texte traduit")

    def apply(self, updates: list[TextUpdate]) -> None:
        self.book.apply_translations([
            TranslationUpdate(u.id, u.lang, u.values.get("title", ""), u.values.get("text", ""),
                              source=u.source)
            for u in updates
        ])


def _sources(book: AnnouncementBook, others: Sequence[TextSource]) -> list[TextSource]:
    return [AnnouncementTexts(book), *others]


def export_po(book: AnnouncementBook, lang: str, *, now: dt.datetime, school: str,
              others: Sequence[TextSource] = ()) -> bytes:
    """The PO file a translator fills in for `lang`: every announcement of the year, then the
    texts of `others` (the workshops)."""
    try:
        return text_exchange.export_po(_sources(book, others), lang, book.languages, now=now,
                                       school=school)
    except ExchangeError as exc:
        raise AnnouncementError(str(exc)) from None


def read_import(book: AnnouncementBook, data: bytes,
                others: Sequence[TextSource] = ()) -> ImportReport:
    """Check a translator's PO file; nothing is written."""
    return text_exchange.read_import(_sources(book, others), book.languages, data)


def import_po(book: AnnouncementBook, data: bytes,
              others: Sequence[TextSource] = ()) -> ImportReport:
    """Check then store a translator's file: every translation, or nothing at all."""
    return text_exchange.import_po(_sources(book, others), book.languages, data)
