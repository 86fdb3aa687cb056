"""The guides in the translators' files (:mod:`kiosk.core.text_exchange`).

Each guide gives its title and its steps, with ``msgctxt`` ``guide/IDENTIFIER|title``,
``…|step1``, ``…|step2``…; a translation brought back is written into the school's file of the
guide (:meth:`kiosk.guides.library.GuideLibrary.apply_translations`).
"""

from __future__ import annotations

from kiosk.core.school_texts import TextUpdate
from kiosk.core.text_exchange import TextItem
from kiosk.guides.library import GuideLibrary
from kiosk.guides.model import MAX_STEP, MAX_TITLE

PREFIX = "guide/"


class GuideTexts:
    """The guides as texts to translate (a :class:`~kiosk.core.text_exchange.TextSource`)."""

    prefix = PREFIX
    always: tuple[str, ...] = ("title",)

    def __init__(self, library: GuideLibrary) -> None:
        self.library = library

    def items(self, lang: str) -> list[TextItem]:
        found = []
        for guide in self.library.all():
            old = guide.translations.get(lang)
            found.append(TextItem(
                key=PREFIX + guide.id, id=guide.id, french=guide.french,
                translation=old.values() if old else {}, status=guide.status(lang),
                comment=f"Guide « {guide.title} » ({len(guide.steps)} étapes : une action "
                        "par étape, phrases courtes)",
            ))
        return found

    def unknown(self, item_id: str) -> str:
        return f"il n'y a pas de guide « {item_id} » (supprimé ou renommé ?)."

    def together(self, item_id: str) -> str:
        return (f"guide « {item_id} » : traduisez ensemble le titre et toutes les étapes "
                "(une partie est vide).")

    def check(self, field_name: str, value: str) -> None:
        limit = MAX_TITLE if field_name == "title" else MAX_STEP
        if len(value.strip()) > limit:
            raise ValueError(f"« {field_name} » traduit est trop long ({len(value.strip())} "
                             f"caractères, {limit} au plus).")

    def apply(self, updates: list[TextUpdate]) -> None:
        self.library.apply_translations(updates)
