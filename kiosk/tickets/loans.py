"""The tickets of an equipment loan: the parent's request (with its code), and the loan slip
staff print for the family to sign when the device goes out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kiosk.core.i18n import N_, Translator
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.tickets.model import Ticket, TicketContext, TicketLine, finish, french_line

#: What the parent reads once the request is made (screen and ticket).
LOAN_NEXT_STEP = N_("L'école vous appellera quand le matériel sera prêt. Venez à l'accueil "
                    "avec ce code.")
#: The conditions the family signs, in French and in the parent's language.
LOAN_CONDITIONS = N_("Ce matériel est prêté par l'école. Je le rendrai en bon état à la date "
                     "prévue.")


def loan_ticket(
    context: TicketContext,
    lang: str,
    *,
    name: str,
    device: str,
    child_class: str,
    code: str,
    qr: str | None,
) -> Ticket:
    """A parent's request to borrow a device: what was asked, the code to bring to the desk.

    `device` is the French msgid of the device ("Une tablette"): each part translates it.
    `qr`: the school's page of digital-help resources (``[online] resources_url``), or None."""
    tr = context.i18n.translator(lang)

    def body(t: Translator) -> list[TicketLine]:
        return [
            TicketLine(t(N_("Matériel : {device}")).format(device=t(device)), style="bold"),
            TicketLine(t(N_("Nom : {name}")).format(name=name)),
            TicketLine(t(N_("Classe de l'enfant : {child_class}")).format(
                child_class=child_class)),
            TicketLine(t(N_("Votre code : {code}")).format(code=code), style="big"),
        ]

    lines = [*body(tr), TicketLine(tr(LOAN_NEXT_STEP), style="small")]
    french = [french_line("Demande de prêt de matériel", "bold"),
              *[replace(line, rtl=False) for line in body(context.french())]]
    return finish(
        context, "loan", lang, tr("Demande de prêt de matériel"), lines, french, qr or None,
        tr("Scannez ce code pour retrouver ces informations sur votre téléphone."),
    )


def loan_slip_ticket(
    context: TicketContext,
    lang: str,
    *,
    name: str,
    device: str,
    out: dt.date,
    due: dt.date,
    code: str = "",
) -> Ticket:
    """The loan slip the family signs (staff's French, with the conditions also in the
    parent's language `lang`); `device` in the staff's words ("tablette n° 3")."""
    fr = context.french()
    lines = [
        TicketLine(f"Famille : {name}", style="bold", rtl=False),
        TicketLine(f"Matériel : {device}", style="bold", rtl=False),
        TicketLine(f"Sorti le : {fr.date(out, 'long')}", rtl=False),
        TicketLine(f"À rendre le : {fr.date(due, 'long')}", style="bold", rtl=False),
    ]
    if code:
        lines.append(TicketLine(f"Code : {code}", rtl=False))
    lines.append(TicketLine(fr(LOAN_CONDITIONS), rtl=False, rule=True))
    if lang != SOURCE_LANGUAGE:
        tr = context.i18n.translator(lang)
        lines.append(TicketLine(tr(LOAN_CONDITIONS), rtl=tr.rtl))
    for who in ("Signature de la famille :", "Signature de l'école :"):
        lines.append(TicketLine(who, rtl=False, rule=True))
        lines.append(TicketLine(" ", rtl=False))
        lines.append(TicketLine("_" * 24, rtl=False))
    return finish(context, "loan_slip", SOURCE_LANGUAGE, "Prêt de matériel", lines, (), None,
                  "")
