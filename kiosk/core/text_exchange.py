"""Files for the translators of the school's own texts: a gettext PO file per language.

``kiosk export translations --lang ar --out ecole-ar.po`` writes one PO file holding every
text of the year to translate — each announcement (title, text), each workshop (title,
description, place), the school's actions given back to parents with the questionnaire's
results (text) and each guide to the school's digital tools (title, step1, step2…) — given by
:class:`TextSource` objects (the features': ``kiosk.announcements.exchange``,
``kiosk.booking.workshop_texts``, ``kiosk.questionnaire.giveback_actions``,
``kiosk.guides.texts``). Each message has

* ``msgctxt`` — the item's key and the field: ``conseil-ecole|title`` for an announcement,
  ``atelier/a-1b2c3d|place`` for a workshop, ``resultats/actions|text`` for the actions,
  ``guide/educonnect|step2`` for a guide (do not change it);
* ``msgid`` — the French (do not change it);
* ``msgstr`` — the translation: empty when missing; when the French changed since the last
  translation, the old translation marked ``#, fuzzy`` so the translator sees what to review.

Any PO editor (Poedit, Lokalize, Weblate, a plain text editor) can fill it in. Remove the
``fuzzy`` mark of a reviewed message; a message left empty or fuzzy is not imported.
``kiosk import translations ecole-ar.po`` brings it back. The whole file is checked first:
a file with any problem is reported line by line and changes nothing. A translation made from
a French text that has changed since the export is still imported, but stays "to review"
(outdated) — the kiosk knows which French it was made from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from kiosk.core.school_texts import Status, TextUpdate, source_fingerprint

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

_CONTEXT_LINE = re.compile(r'^\s*msgctxt\s+"(.*)"\s*$')


class ExchangeError(ValueError):
    """A translators' file that cannot be written (e.g. an unknown language); French, staff."""


@dataclass(frozen=True)
class TextItem:
    """One text of the school as a translator's file shows it, in one language."""

    #: msgctxt before "|": the source's prefix and the item's id.
    key: str
    id: str
    #: Field → French, in fingerprint order (an empty French field is not in the file).
    french: Mapping[str, str]
    #: Field → the translation stored for the language ({} when there is none).
    translation: Mapping[str, str]
    status: Status
    #: The translator's comment above the first message (what it is, when).
    comment: str

    @property
    def fingerprint(self) -> str:
        return source_fingerprint(*self.french.values())


class TextSource(Protocol):
    """What a feature gives the translators' files: its texts, their checks, their storage."""

    #: The keys of this source's items start with it ("" for the announcements).
    prefix: str
    #: Fields a translation always needs (others only when their French is not empty).
    always: tuple[str, ...]

    def items(self, lang: str) -> list[TextItem]: ...

    def unknown(self, item_id: str) -> str:
        """The staff's words for an id this source does not have."""
        ...

    def together(self, item_id: str) -> str:
        """The staff's words when only some fields of an item are translated."""
        ...

    def check(self, field_name: str, value: str) -> None:
        """Raises ValueError (French message) when `value` cannot be stored in `field_name`."""
        ...

    def apply(self, updates: list[TextUpdate]) -> None:
        """Store the updates in one write (all or nothing)."""
        ...


def export_po(sources: Sequence[TextSource], lang: str, languages: Sequence[str], *,
              now: dt.datetime, school: str) -> bytes:
    """The PO file a translator fills in for `lang` (every text of every source)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    if lang not in languages:
        raise ExchangeError(
            f"« {lang} » n'est pas une langue à traduire du kiosque ({', '.join(languages)})."
        )
    catalog = Catalog(
        locale=lang, project=f"Annonces et ateliers — {school}", creation_date=now,
        revision_date=now, fuzzy=False,
        header_comment=(
            f"# Annonces et ateliers de l'école « {school} » à traduire en « {lang} ».\n"
            "# Translate each msgstr; do not change msgctxt or msgid.\n"
            "# Remove the 'fuzzy' mark once a message is reviewed;\n"
            "# empty or fuzzy messages are not imported."
        ),
    )
    for source in sources:
        for item in source.items(lang):
            _add(catalog, item)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, omit_header=False, include_previous=False)
    return buffer.getvalue()


def _add(catalog: Catalog, item: TextItem) -> None:
    """The messages of one item (its fields whose French is not empty)."""
    comments = [item.comment]
    if item.status is Status.OUTDATED:
        comments.append("Le français a changé depuis la traduction : à revoir.")
    first = True
    for field_name, french in item.french.items():
        if not french:
            continue
        old = item.translation.get(field_name, "") if item.status is not Status.MISSING else ""
        catalog.add(french, old, auto_comments=comments if first else [],
                    flags=["fuzzy"] if item.status is Status.OUTDATED else [],
                    context=f"{item.key}|{field_name}")
        first = False


@dataclass
class ImportReport:
    """What a translator's file would change, and its problems (line by line)."""

    lang: str = ""
    #: Per source (in the order given), the updates to store.
    updates: list[tuple[TextSource, TextUpdate]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_import(sources: Sequence[TextSource], languages: Sequence[str],
                data: bytes) -> ImportReport:
    """Check a translator's PO file against the school's texts; nothing is written."""
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
    elif lang not in languages:
        report.problems.append(
            f"ligne 1 : la langue « {lang} » n'est pas une langue à traduire du kiosque "
            f"({', '.join(languages)})."
        )
    known = {item.key: (source, item) for source in sources
             for item in source.items(lang if lang in languages else languages[0])}
    found = _fields(sources, known, catalog, seen, report)
    for key, fields in found.items():
        source, item = known[key]
        _update(source, item, fields, lang, report)
    return report


def import_po(sources: Sequence[TextSource], languages: Sequence[str],
              data: bytes) -> ImportReport:
    """Check then store a translator's file: every translation, or nothing at all."""
    report = read_import(sources, languages, data)
    if report.ok and report.updates:
        for source in sources:
            mine = [update for owner, update in report.updates if owner is source]
            if mine:
                source.apply(mine)
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


#: item key → field → (line, French msgid, translation).
Found = dict[str, dict[str, tuple[int, str, str]]]


def _owner(sources: Sequence[TextSource], key: str) -> TextSource | None:
    """The source whose prefix `key` has (the longest one), or None."""
    owners = [s for s in sources if key.startswith(s.prefix) and key != s.prefix]
    return max(owners, key=lambda s: len(s.prefix)) if owners else None


def _fields(sources: Sequence[TextSource], known: Mapping[str, tuple[TextSource, TextItem]],
            catalog: Catalog, seen: dict[str, int], report: ImportReport) -> Found:
    """The translated fields of known items; every other message is a problem."""
    found: Found = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        context = message.context or ""
        where = f"ligne {seen.get(context) or message.lineno or 0}"
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            report.problems.append(f"{where} : forme plurielle inattendue.")
            continue
        key, _, field_name = context.rpartition("|")
        source = _owner(sources, key)
        if source is None or not field_name:
            report.problems.append(
                f"{where} : msgctxt « {context} » n'est pas de la forme « identifiant|title » "
                "ou « identifiant|text »."
            )
            continue
        if key not in known:
            report.problems.append(f"{where} : {source.unknown(key[len(source.prefix):])}")
            continue
        if field_name not in known[key][1].french:
            report.problems.append(f"{where} : msgctxt « {context} » : champ inconnu "
                                   f"« {field_name} » ({', '.join(known[key][1].french)}).")
            continue
        if message.fuzzy:
            if message.string:
                report.notes.append(f"{where} : « {context} » est marqué fuzzy, non importé.")
            continue
        found.setdefault(key, {})[field_name] = (seen.get(context) or message.lineno or 0,
                                                 message.id, message.string)
    return found


def _update(source: TextSource, item: TextItem, fields: dict[str, tuple[int, str, str]],
            lang: str, report: ImportReport) -> None:
    """The update of an item whose fields in the file are all translated and valid."""
    filled = [f for f in fields.values() if f[2].strip()]
    if not filled:
        return
    needed = set(source.always) | {name for name, f in fields.items() if f[1]}
    if any(name not in fields or not fields[name][2].strip() for name in needed):
        report.problems.append(f"ligne {filled[0][0]} : {source.together(item.id)}")
        return
    for name, (line, _, value) in fields.items():
        try:
            source.check(name, value)
        except ValueError as exc:
            report.problems.append(f"ligne {line} : {exc}")
            return
    french = [fields[name][1] if name in fields else "" for name in item.french]
    source_print = source_fingerprint(*french)
    if source_print != item.fingerprint:
        first_line = min(f[0] for f in fields.values())
        report.notes.append(
            f"ligne {first_line} : le français de « {item.id} » a changé depuis l'export ; "
            "la traduction est importée mais reste « à revoir »."
        )
    values = {name: f[2] for name, f in fields.items()}
    if (item.status is Status.TRANSLATED and source_print == item.fingerprint
            and all(item.translation.get(name) == value for name, value in values.items())):
        return  # the translation stored already: nothing to write (a shipped guide stays so)
    report.updates.append((source, TextUpdate(item.id, lang, values, source=source_print)))
