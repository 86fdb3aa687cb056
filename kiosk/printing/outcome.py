"""What happened to a ticket: printed, queued, shown as a preview, or failed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.i18n import N_

MESSAGES = {
    "printed": N_("Votre ticket est imprimé. N'oubliez pas de le prendre."),
    "queued": N_(
        "L'imprimante ne répond pas. Votre ticket vous sera donné à l'accueil. "
        "Vous pouvez aussi photographier le code à l'écran."
    ),
    "preview": N_(
        "Voici votre ticket. Photographiez le code avec votre téléphone pour le garder."
    ),
    "failed": N_(
        "Le ticket n'a pas pu être préparé. Demandez-le à l'accueil, s'il vous plaît."
    ),
}


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to a ticket: printed, queued for later, shown as a preview, or failed.

    `message` is a French msgid (marked with N_): translate it with the parent's translator.
    """

    status: str  # printed | queued | preview | failed
    job: int | None
    preview: Path | None
    text: Path | None = None
    error: str = ""

    @property
    def message(self) -> str:
        return MESSAGES[self.status]

