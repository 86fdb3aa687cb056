"""What happened to a ticket (printed, queued, preview, failed), and whether the parent may
have one more copy of it.

The copies rule is the domain's, not the screen's: paper is not free, so a parent may ask for
:data:`MAX_COPIES` copies of one ticket on one screen, and a preview (no printer) has nothing
to print again. The ticket screen asks :class:`TicketCopies`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.i18n import N_

#: Copies a parent may ask for on one screen (paper is not free).
MAX_COPIES = 3

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


class TicketCopies:
    """The copies of one ticket a parent asked for on one screen, and whether one more may go.

    Every copy after the first is printed as a DUPLICATE of the original job (the first outcome
    that has a job number), so the reception can tell them apart.
    """

    def __init__(self, limit: int = MAX_COPIES) -> None:
        self.limit = limit
        #: Copies asked for so far (the first one included).
        self.asked = 0
        #: The original job's outcome (the first one with a job number), else the last one.
        self.original: PrintOutcome | None = None
        self._last: PrintOutcome | None = None

    def first(self) -> bool:
        """Count the first copy; False when it was already asked for (nothing to print)."""
        if self.asked or self.original is not None:
            return False
        self.asked = 1
        return True

    def record(self, outcome: PrintOutcome) -> None:
        """Remember what happened to the latest copy."""
        if self.original is None or self.original.job is None:
            self.original = outcome
        self._last = outcome

    def can_print_again(self) -> bool:
        """Whether one more copy is allowed: under the limit, and a printer to print it."""
        last = self._last
        return last is not None and self.asked < self.limit and last.status != "preview"

    @property
    def offers_copies(self) -> bool:
        """Whether "print again" can ever work for this ticket: not once it is only a preview
        (there is no printer; the preview's message tells the parent to photograph the code)."""
        return self._last is None or self._last.status != "preview"

    def again(self) -> bool:
        """Count one more copy when it is allowed; False (nothing counted) when it is not."""
        if not self.can_print_again():
            return False
        self.asked += 1
        return True

    @property
    def reprint_of(self) -> int | None:
        """The job the next copy duplicates (None: print the ticket anew)."""
        return self.original.job if self.original is not None else None
