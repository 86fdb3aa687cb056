"""Files for the translators of the announcements: a gettext PO file per language.

``kiosk export translations --lang ar --out annonces-ar.po`` writes one PO file holding, for
every announcement of the year, two messages: its title and its text. Each message has

* ``msgctxt`` — the announcement's identifier and the field: ``conseil-ecole|title`` or
  ``conseil-ecole|text`` (do not change it);
* ``msgid`` — the French (do not change it);
* ``msgstr`` — the translation: empty when missing; when the French changed since the last
  translation, the old translation marked ``#, fuzzy`` so the translator sees what to review.

Any PO editor (Poedit, Lokalize, Weblate, a plain text editor) can fill it in. Remove the
``fuzzy`` mark of a reviewed message; a message left empty or fuzzy is not imported.
``kiosk import translations annonces-ar.po`` brings it back. The whole file is checked first:
a file with any problem is reported line by line and changes nothing. A translation made from
a French text that has changed since the export is still imported, but stays "to review"
(outdated) — the kiosk knows which French it was made from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.announcements.book import AnnouncementBook, TranslationUpdate
from kiosk.announcements.model import (
    AnnouncementError,
    Status,
    check_text,
    check_title,
    source_fingerprint,
)
from kiosk.core.paths import SOURCE_LANGUAGE

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

FIELDS = ("title", "text")
_CONTEXT_LINE = re.compile(r'^\s*msgctxt\s+"(.*)"\s*$')


def context_of(announcement_id: str, field_name: str) -> str:
    return f"{announcement_id}|{field_name}"


def export_po(book: AnnouncementBook, lang: str, *, now: dt.datetime, school: str) -> bytes:
    """The PO file a translator fills in for `lang` (every announcement of the year)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    if lang == SOURCE_LANGUAGE or lang not in book.languages:
        raise AnnouncementError(
            f"« {lang} » n'est pas une langue à traduire du kiosque "
            f"({', '.join(book.languages)})."
        )
    catalog = Catalog(
        locale=lang,
        project=f"Annonces — {school}",
        creation_date=now,
        revision_date=now,
        fuzzy=False,
        header_comment=(
            f"# Annonces de l'école « {school} » à traduire en « {lang} ».\n"
            "# Translate each msgstr; do not change msgctxt or msgid.\n"
            "# Remove the 'fuzzy' mark once a message is reviewed;\n"
            "# empty or fuzzy messages are not imported."
        ),
    )
    for announcement in book.all():
        status = announcement.status(lang)
        old = announcement.translations.get(lang)
        when = f"{announcement.visible_from:%d/%m/%Y}"
        if announcement.visible_until:
            when += f" – {announcement.visible_until:%d/%m/%Y}"
        comments = [f"Annonce {announcement.id} ({announcement.category}), visible {when}"]
        if status is Status.OUTDATED:
            comments.append("Le français a changé depuis la traduction : à revoir.")
        for field_name in FIELDS:
            french = getattr(announcement, field_name)
            string = getattr(old, field_name) if old and status is not Status.MISSING else ""
            catalog.add(
                french,
                string,
                auto_comments=comments if field_name == "title" else [],
                flags=["fuzzy"] if status is Status.OUTDATED else [],
                context=context_of(announcement.id, field_name),
            )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, omit_header=False, include_previous=False)
    return buffer.getvalue()


@dataclass
class ImportReport:
    """What a translator's file would change, and its problems (line by line)."""

    lang: str = ""
    updates: list[TranslationUpdate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_import(book: AnnouncementBook, data: bytes) -> ImportReport:
    """Check a translator's PO file against the announcements; nothing is written."""
    report = ImportReport()
    text = _decoded(data, report)
    if text is None:
        return report
    seen = _context_lines(text, report)
    catalog = _catalog(text, report)
    if catalog is None:
        return report
    lang = str(catalog.locale) if catalog.locale else ""
    report.lang = lang
    if not lang:
        report.problems.append(
            'ligne 1 : le fichier ne dit pas sa langue (en-tête "Language: ...").'
        )
    elif lang not in book.languages:
        report.problems.append(
            f"ligne 1 : la langue « {lang} » n'est pas une langue à traduire du kiosque "
            f"({', '.join(book.languages)})."
        )
    found = _fields(book, catalog, seen, report)
    _updates(book, found, lang, report)
    return report


def _decoded(data: bytes, report: ImportReport) -> str | None:
    """The file's text, or None (and the problem reported) when there is none to read."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.problems.append(
            f"ligne {line} : le fichier n'est pas en UTF-8 (enregistrez-le en UTF-8)."
        )
        return None
    if not text.strip():
        report.problems.append("ligne 1 : le fichier est vide.")
        return None
    return text


def _context_lines(text: str, report: ImportReport) -> dict[str, int]:
    """msgctxt → the line it is on; a context given twice is a problem."""
    seen: dict[str, int] = {}
    for number, source_line in enumerate(text.splitlines(), start=1):
        match = _CONTEXT_LINE.match(source_line)
        if match:
            if match.group(1) in seen:
                report.problems.append(
                    f"ligne {number} : « {match.group(1)} » apparaît deux fois "
                    f"(déjà ligne {seen[match.group(1)]})."
                )
            else:
                seen[match.group(1)] = number
    return seen


def _catalog(text: str, report: ImportReport) -> Catalog | None:
    """The PO file parsed by Babel, or None (and the problem reported)."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return read_po(io.StringIO(text), abort_invalid=True, charset="utf-8")
    except PoFileError as exc:
        report.problems.append(f"ligne {exc.lineno + 1} : syntaxe PO incorrecte ({exc}).")
    except (ValueError, TypeError, IndexError) as exc:
        report.problems.append(f"ligne 1 : ce n'est pas un fichier PO lisible ({exc}).")
    return None


#: announcement id → field ("title", "text") → (line, French msgid, translation).
Found = dict[str, dict[str, tuple[int, str, str]]]


def _fields(book: AnnouncementBook, catalog: Catalog, seen: dict[str, int],
            report: ImportReport) -> Found:
    """The translated fields of known announcements; every other message is a problem."""
    found: Found = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        context = message.context or ""
        line_no = seen.get(context) or message.lineno or 0
        where = f"ligne {line_no}"
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            report.problems.append(f"{where} : forme plurielle inattendue.")
            continue
        announcement_id, _, field_name = context.rpartition("|")
        if field_name not in FIELDS or not announcement_id:
            report.problems.append(
                f"{where} : msgctxt « {context} » n'est pas de la forme « identifiant|title » "
                "ou « identifiant|text »."
            )
            continue
        announcement = book.get(announcement_id)
        if announcement is None:
            report.problems.append(
                f"{where} : il n'y a pas d'annonce « {announcement_id} » (supprimée ?)."
            )
            continue
        if message.fuzzy:
            if message.string:
                report.notes.append(f"{where} : « {context} » est marqué fuzzy, non importé.")
            continue
        found.setdefault(announcement_id, {})[field_name] = (
            line_no,
            message.id,
            message.string,
        )
    return found


def _updates(book: AnnouncementBook, found: Found, lang: str, report: ImportReport) -> None:
    """The updates of announcements whose title and text are both translated and valid."""
    for announcement_id, fields in found.items():
        title = fields.get("title")
        body = fields.get("text")
        filled = [f for f in (title, body) if f is not None and f[2].strip()]
        if not filled:
            continue
        if title is None or body is None or len(filled) < 2:
            line = filled[0][0]
            report.problems.append(
                f"ligne {line} : « {announcement_id} » : traduisez le titre et le texte "
                "ensemble (l'un des deux est vide ou absent)."
            )
            continue
        try:
            check_title(title[2], "Le titre traduit")
        except AnnouncementError as exc:
            report.problems.append(f"ligne {title[0]} : {exc}")
            continue
        try:
            check_text(body[2], "Le texte traduit")
        except AnnouncementError as exc:
            report.problems.append(f"ligne {body[0]} : {exc}")
            continue
        source = source_fingerprint(title[1], body[1])
        announcement = book.get(announcement_id)
        if announcement is not None and source != announcement.fingerprint:
            report.notes.append(
                f"ligne {title[0]} : le français de « {announcement_id} » a changé depuis "
                "l'export ; la traduction est importée mais reste « à revoir »."
            )
        report.updates.append(
            TranslationUpdate(announcement_id, lang, title[2], body[2], source=source)
        )


def import_po(book: AnnouncementBook, data: bytes) -> ImportReport:
    """Check then store a translator's file: every translation, or nothing at all."""
    report = read_import(book, data)
    if report.ok and report.updates:
        book.apply_translations(report.updates)
    return report
