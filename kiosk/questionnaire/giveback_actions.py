"""What the school will do after the questionnaire: the actions staff write for parents.

The actions are one French text, one action a line, kept with the school year's results
(``giveback.json`` of the year), with one translation per enabled language. Their statuses
(translated, missing, outdated) are those of every school text
(:class:`~kiosk.core.school_texts.Translatable`): a parent never sees a missing or outdated
translation but the French under a line saying so. :class:`ActionTexts` puts them in the
translators' files (``kiosk export translations`` / ``import translations``, msgctxt
``resultats/actions|text``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.school_texts import TextUpdate, Translatable
from kiosk.core.store import Store
from kiosk.core.text import strip_controls
from kiosk.core.text_exchange import TextItem

FILE_KIND = "giveback"
TABLE = "actions"
DOC_ID = "actions"
#: The longest actions text (a few short lines for parents).
TEXT_MAX = 2000
#: At most this many actions (lines) are kept: the summary stays short.
LINES_MAX = 8
#: The translators' files: msgctxt ``resultats/actions|text``.
PREFIX = "resultats/"
BULLETS = "-•*–—·"


class ActionsError(ValueError):
    """Actions that cannot be saved; the message is French, for staff."""


@dataclass(frozen=True)
class ActionsTranslation:
    """The actions in one language."""

    text: str
    #: Fingerprint of the French this was translated from.
    source: str
    when: dt.datetime | None = None


@dataclass(frozen=True)
class SchoolActions(Translatable):
    """What the school will do, in French (one action a line), with its translations."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("text",)

    text: str
    written: dt.datetime
    translations: Mapping[str, ActionsTranslation] = field(default_factory=dict, hash=False)

    def lines(self, lang: str = SOURCE_LANGUAGE) -> list[str]:
        """The actions in `lang` when translated (else the French), one per line."""
        found = self.current_translation(lang)
        return action_lines(found.text if found is not None else self.text)


def action_lines(text: str) -> list[str]:
    """The actions of a text: its non-empty lines, without a leading bullet."""
    lines = (line.strip().lstrip(BULLETS).strip() for line in text.splitlines())
    return [line for line in lines if line]


def check_actions(text: str, what: str = "Le texte des actions") -> str:
    """The text as stored (controls removed, one action a line), or ActionsError."""
    lines = action_lines(strip_controls(text))
    if not lines:
        raise ActionsError(f"{what} est vide.")
    if len(lines) > LINES_MAX:
        raise ActionsError(f"{what} a {len(lines)} lignes ({LINES_MAX} actions au plus : "
                           "les parents lisent un résumé court).")
    cleaned = "\n".join(lines)
    if len(cleaned) > TEXT_MAX:
        raise ActionsError(f"{what} est trop long ({len(cleaned)} caractères, {TEXT_MAX} au "
                           "plus).")
    return cleaned


def to_document(actions: SchoolActions) -> dict[str, Any]:
    return {
        "id": DOC_ID,
        "text": actions.text,
        "written": actions.written.isoformat(),
        "translations": {
            lang: {"text": t.text, "source": t.source,
                   "when": t.when.isoformat() if t.when else None}
            for lang, t in sorted(actions.translations.items())
        },
    }


def from_document(doc: Mapping[str, Any]) -> SchoolActions:
    return SchoolActions(
        text=str(doc["text"]),
        written=dt.datetime.fromisoformat(doc["written"]),
        translations={
            str(lang): ActionsTranslation(
                text=str(t.get("text", "")), source=str(t.get("source", "")),
                when=dt.datetime.fromisoformat(t["when"]) if t.get("when") else None)
            for lang, t in dict(doc.get("translations", {})).items()
        },
    )


class ActionBook:
    """The school's actions of the current school year (one document)."""

    def __init__(self, store: Store, languages: Iterable[str],
                 now: Callable[[], dt.datetime]) -> None:
        self._store = store
        self.languages = [code for code in languages if code != SOURCE_LANGUAGE]
        self._now = now
        store.check_records(FILE_KIND, {TABLE: from_document})

    def get(self) -> SchoolActions | None:
        for doc in self._store.file(FILE_KIND).table(TABLE).all():
            if doc.get("id") == DOC_ID:
                return from_document(doc)
        return None

    def set(self, text: str) -> SchoolActions | None:
        """Write the French actions (translations kept: those of another French become
        outdated); an empty text removes the actions and their translations."""
        if not action_lines(strip_controls(text)):
            self.clear()
            return None
        cleaned = check_actions(text)
        with self._store.file(FILE_KIND).transaction() as db:
            table = db.table(TABLE)
            old = self._find(table)
            actions = (SchoolActions(cleaned, self._now()) if old is None
                       else replace(old, text=cleaned, written=self._now()))
            table.remove(lambda doc: doc.get("id") == DOC_ID)
            table.insert(to_document(actions))
        return actions

    def clear(self) -> None:
        with self._store.file(FILE_KIND).transaction() as db:
            db.table(TABLE).remove(lambda doc: doc.get("id") == DOC_ID)

    def translate(self, lang: str, text: str) -> SchoolActions:
        """Store the translation into `lang` of the current French."""
        return self.apply_translations([TextUpdate(DOC_ID, lang, {"text": text})])

    def apply_translations(self, updates: list[TextUpdate]) -> SchoolActions:
        """Store translations in one write: all of them, or none if one is bad."""
        with self._store.file(FILE_KIND).transaction() as db:
            table = db.table(TABLE)
            current = self._find(table)
            if current is None:
                raise ActionsError("Il n'y a pas encore d'actions à traduire.")
            translations = dict(current.translations)
            for update in updates:
                if update.lang not in self.languages:
                    raise ActionsError(f"La langue « {update.lang} » n'est pas une langue du "
                                       f"kiosque ({', '.join(self.languages)}).")
                text = check_actions(update.values.get("text", ""), "Le texte traduit")
                translations[update.lang] = ActionsTranslation(
                    text, update.source or current.fingerprint, self._now())
            updated = replace(current, translations=translations)
            table.remove(lambda doc: doc.get("id") == DOC_ID)
            table.insert(to_document(updated))
        return updated

    def restore(self, actions: SchoolActions) -> None:
        """Write the actions exactly as given (demo seeding, tests)."""
        with self._store.file(FILE_KIND).transaction() as db:
            table = db.table(TABLE)
            table.remove(lambda doc: doc.get("id") == DOC_ID)
            table.insert(to_document(actions))

    @staticmethod
    def _find(table: Any) -> SchoolActions | None:
        for doc in table.all():
            if doc.get("id") == DOC_ID:
                return from_document(doc)
        return None


class ActionTexts:
    """The school's actions as a text to translate (a
    :class:`~kiosk.core.text_exchange.TextSource`)."""

    prefix = PREFIX
    always: tuple[str, ...] = ("text",)

    def __init__(self, book: ActionBook) -> None:
        self.book = book

    def items(self, lang: str) -> list[TextItem]:
        actions = self.book.get()
        if actions is None:
            return []
        old = actions.translations.get(lang)
        return [TextItem(
            key=PREFIX + DOC_ID, id=DOC_ID, french=actions.french,
            translation={"text": old.text} if old else {}, status=actions.status(lang),
            comment="Ce que l'école va faire après le questionnaire (une action par ligne ; "
                    "gardez une ligne par action)",
        )]

    def unknown(self, item_id: str) -> str:
        return f"il n'y a pas de texte « {item_id} » dans les résultats (actions supprimées ?)."

    def together(self, item_id: str) -> str:
        return "les actions de l'école : la traduction est vide."

    def check(self, field_name: str, value: str) -> None:
        check_actions(value, "Le texte traduit")

    def apply(self, updates: list[TextUpdate]) -> None:
        self.book.apply_translations(updates)
