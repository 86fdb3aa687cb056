"""The school's own texts (announcements, workshops): written in French, with translations.

Each translation remembers a fingerprint of the French it was made from
(:func:`source_fingerprint`), so where it stands in one language (its :class:`Status`) is
computed, never stored:

* ``translated`` — there is a translation of the current French;
* ``missing`` — nobody has translated it into that language yet (or a part is empty);
* ``outdated`` — the French changed after the translation was made.

:class:`Translatable` gives an announcement or a workshop these statuses from the names of its
French fields; a parent never sees a missing or outdated translation, but the French under
:data:`FALLBACK_NOTE` in their language. The translators' files are
:mod:`kiosk.core.text_exchange`.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from kiosk.core.i18n import N_
from kiosk.core.paths import SOURCE_LANGUAGE

#: The line a parent reads above the French when there is no (current) translation.
FALLBACK_NOTE = N_(
    "Cette annonce n'est pas encore traduite dans votre langue. Voici le texte en français :"
)
#: The same line for the other school texts (workshops): it does not call them announcements.
TEXT_FALLBACK_NOTE = N_(
    "Ce texte n'est pas encore traduit dans votre langue. Voici le texte en français :"
)


class Status(enum.StrEnum):
    """Where the translation of a school text into one language stands."""

    TRANSLATED = "translated"
    MISSING = "missing"
    OUTDATED = "outdated"

    @property
    def label(self) -> str:
        """French word for the staff."""
        return {"translated": "traduite", "missing": "manquante", "outdated": "à revoir"}[
            self.value
        ]

    @property
    def symbol(self) -> str:
        """One character for the staff lists."""
        return {"translated": "✔", "missing": "✗", "outdated": "↻"}[self.value]


#: The staff's legend of :attr:`Status.symbol`.
STATUS_LEGEND = "✔ traduite   ✗ manquante   ↻ à revoir (le français a changé depuis la traduction)"


def source_fingerprint(*parts: str) -> str:
    """A fingerprint of the French fields a translation was made from (in their order)."""
    digest = hashlib.sha256("\n\x00\n".join(parts).encode()).hexdigest()
    return digest[:16]


class Translatable:
    """A school text with French fields and one translation per language (a mixin for frozen
    dataclasses that have a ``translations`` mapping: language → an object with the same
    fields and a ``source`` fingerprint).

    A translation is missing when a field whose French is not empty has an empty
    translation; it is outdated when the French changed since it was made.
    """

    #: Names of the French fields a translation carries, in fingerprint order.
    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ()
    translations: Mapping[str, Any]

    @property
    def french(self) -> dict[str, str]:
        """The French fields, by name."""
        return {name: str(getattr(self, name)) for name in self.TRANSLATED_FIELDS}

    @property
    def fingerprint(self) -> str:
        return source_fingerprint(*self.french.values())

    def status(self, lang: str) -> Status:
        """Where its translation into `lang` stands (French is the source: always translated)."""
        if lang == SOURCE_LANGUAGE:
            return Status.TRANSLATED
        found = self.translations.get(lang)
        if found is None or any(
            french.strip() and not str(getattr(found, name, "")).strip()
            for name, french in self.french.items()
        ):
            return Status.MISSING
        if found.source != self.fingerprint:
            return Status.OUTDATED
        return Status.TRANSLATED

    def statuses(self, langs: Iterable[str]) -> dict[str, Status]:
        return {lang: self.status(lang) for lang in langs if lang != SOURCE_LANGUAGE}

    def current_translation(self, lang: str) -> Any:
        """The translation a parent reading `lang` is shown, or None (French: the source, or
        no current translation)."""
        if lang == SOURCE_LANGUAGE or self.status(lang) is not Status.TRANSLATED:
            return None
        return self.translations[lang]


def statuses_line(item: Translatable, langs: Iterable[str]) -> str:
    """``ar ✔  zh ✗  uk ↻`` — an item's statuses for the staff."""
    return "  ".join(f"{lang} {status.symbol}" for lang, status in item.statuses(langs).items())


@dataclass(frozen=True)
class TextUpdate:
    """One translation to store (from a staff editor or a translator's file): the item's id,
    the language, each field's translation, and the fingerprint of the French it was made
    from (None: the current French)."""

    id: str
    lang: str
    values: Mapping[str, str]
    source: str | None = None
