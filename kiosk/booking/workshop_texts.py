"""The workshops in the translators' files (:mod:`kiosk.core.text_exchange`).

Each workshop to come (not cancelled) gives up to three messages — its title, description and
place, those whose French is not empty — with ``msgctxt`` ``atelier/IDENTIFIER|title``,
``…|description``, ``…|place``.
"""

from __future__ import annotations

from kiosk.booking.workshops import Workshops, check_field
from kiosk.core.school_texts import TextUpdate
from kiosk.core.text_exchange import TextItem

PREFIX = "atelier/"


class WorkshopTexts:
    """The workshops to come as texts to translate (a
    :class:`~kiosk.core.text_exchange.TextSource`)."""

    prefix = PREFIX
    always: tuple[str, ...] = ("title",)

    def __init__(self, workshops: Workshops) -> None:
        self.workshops = workshops

    def items(self, lang: str) -> list[TextItem]:
        found = []
        for w in self.workshops.upcoming():
            old = w.translations.get(lang)
            translation = ({"title": old.title, "description": old.description,
                            "place": old.place} if old else {})
            found.append(TextItem(
                key=PREFIX + w.id, id=w.id, french=w.french, translation=translation,
                status=w.status(lang), comment=f"Atelier du {w.start:%d/%m/%Y à %H:%M}",
            ))
        return found

    def unknown(self, item_id: str) -> str:
        return f"il n'y a pas d'atelier à venir « {item_id} » (annulé ou passé ?)."

    def together(self, item_id: str) -> str:
        return (f"atelier « {item_id} » : traduisez ensemble le titre, la description et le "
                "lieu (une partie est vide).")

    def check(self, field_name: str, value: str) -> None:
        check_field(field_name, value, what=" traduit")

    def apply(self, updates: list[TextUpdate]) -> None:
        self.workshops.apply_translations(updates)

