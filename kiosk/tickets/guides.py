"""The tickets of the guides to the school's digital tools: a guide's steps, and the "my
login" card, a slip with empty boxes where the parent writes their EduConnect identifier by
hand (the kiosk never asks for it, nor stores it).

Both are in the parent's language with the French beside (:func:`finish` adds it when the
language is not French); a guide's title and steps are given already translated (or the
French, said "not translated yet", when there is no current translation).
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.i18n import N_, Translator
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE
from kiosk.tickets.model import Ticket, TicketContext, TicketLine, finish, french_line

GUIDE_SCAN = N_("Scannez ce code avec votre téléphone pour ouvrir la page.")
CARD_TITLE = N_("Ma carte de connexion EduConnect")
CARD_WRITE = N_("Écrivez vous-même votre identifiant dans les cases, à la main :")
CARD_IDENTIFIER = N_("Mon identifiant :")
CARD_SECRET = N_("N'écrivez jamais votre mot de passe ici. Ne le donnez à personne, même pas "
                 "à l'école.")
CARD_KEEP = N_("Gardez cette carte chez vous, dans un endroit sûr.")
CARD_FORGOTTEN = N_("Mot de passe oublié ? Sur la page EduConnect, touchez « Mot de passe "
                    "oublié ». Vous recevez un SMS.")
#: One row of boxes to write in, printed large: a box takes two columns, and 7 fit the 58 mm
#: paper's 16 large columns; three rows hold any EduConnect identifier.
BOXES = "□" * 7


def _numbered(steps: Sequence[str], rtl: bool | None = None) -> list[TicketLine]:
    return [TicketLine(f"{number}. {step}", rtl=rtl)
            for number, step in enumerate(steps, start=1)]


def guide_ticket(
    context: TicketContext,
    lang: str,
    *,
    title: str,
    steps: Sequence[str],
    french_title: str,
    french_steps: Sequence[str],
    url: str,
    translated: bool = True,
    for_name: str = "",
) -> Ticket:
    """A guide's numbered steps, its QR code to `url` (the official page or the school's
    ENT). Not `translated`: the parent's part says so above the French, left to right.
    `for_name`: the first name of the parent it is printed for (a workshop's room), on top."""
    tr = context.i18n.translator(lang)
    if translated:
        lines = _numbered(steps)
    else:  # the title (the ticket's) is the French one too
        lines = [TicketLine(tr(TEXT_FALLBACK_NOTE), style="small"),
                 *_numbered(french_steps, rtl=False)]
    if for_name:
        lines.insert(0, TicketLine(for_name, style="bold", rule=True))
    french = [french_line(french_title, "bold"), *_numbered(french_steps, rtl=False)]
    return finish(context, "guide", lang, title if translated else french_title, lines,
                  french, url, tr(GUIDE_SCAN))


def _card_lines(t: Translator, rtl: bool | None) -> list[TicketLine]:
    return [
        TicketLine(t(CARD_WRITE), rtl=rtl),
        TicketLine(t(CARD_IDENTIFIER), style="bold", rtl=rtl),
        *(TicketLine(BOXES, style="big", align="center", rtl=False) for _ in range(3)),
        TicketLine(t(CARD_SECRET), style="bold", rtl=rtl, rule=True),
        TicketLine(t(CARD_KEEP), rtl=rtl),
        TicketLine(t(CARD_FORGOTTEN), style="small", rtl=rtl),
    ]


def login_card_ticket(context: TicketContext, lang: str, *, url: str) -> Ticket:
    """The "my login" card: empty boxes for the EduConnect identifier, written by hand, never
    the password; its QR code leads to `url` (EduConnect's page)."""
    tr = context.i18n.translator(lang)
    french = [french_line(CARD_TITLE, "bold"), *_card_lines(context.french(), False)[:2],
              french_line(CARD_SECRET)]
    return finish(context, "login_card", lang, tr(CARD_TITLE), _card_lines(tr, None), french,
                  url, tr(GUIDE_SCAN))
