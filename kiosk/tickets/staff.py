"""The staff's tickets (in French): a person's appointments of a day, a workshop's attendance
sheet, and the printer test (a line in every enabled language and a QR code)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kiosk.core.i18n import N_
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.tickets.model import Ticket, TicketContext, TicketLine, finish


def appointments_list_ticket(
    context: TicketContext,
    *,
    person: str,
    day: dt.date,
    rows: Sequence[tuple[dt.time, str, str]],
) -> Ticket:
    """A member of staff's appointments of one day: (time, child and class, mode or place)."""
    fr = context.french()
    lines = [
        TicketLine(person, style="big", rtl=False),
        TicketLine(fr.date(day, "full"), style="bold", rtl=False),
    ]
    if not rows:
        lines.append(TicketLine("Aucun rendez-vous ce jour-là.", rtl=False))
    for when, who, where in sorted(rows, key=lambda r: r[0]):
        lines.append(TicketLine(f"{when:%H:%M}  {who}", style="bold", rtl=False, rule=True))
        if where:
            lines.append(TicketLine(f"       {where}", rtl=False))
    lines.append(TicketLine(f"{len(rows)} rendez-vous", style="small", rtl=False, rule=True))
    return finish(context, "appointments_list", SOURCE_LANGUAGE, "Rendez-vous du jour",
                   lines, (), None, "")


def attendance_ticket(
    context: TicketContext,
    *,
    title: str,
    start: dt.datetime,
    rows: Sequence[tuple[str, str]],
) -> Ticket:
    """The attendance sheet of a workshop: (name, status)."""
    fr = context.french()
    start = context.in_school_tz(start)
    lines = [
        TicketLine(title, style="big", rtl=False),
        TicketLine(f"{fr.date(start.date(), 'full')}, {fr.time(start)}", style="bold",
                   rtl=False),
    ]
    if not rows:
        lines.append(TicketLine("Aucun inscrit.", rtl=False))
    for name, status in rows:
        lines.append(TicketLine(f"☐ {name} — {status}", rtl=False, rule=False))
    lines.append(TicketLine(f"{len(rows)} inscrit(s)", style="small", rtl=False, rule=True))
    return finish(context, "attendance", SOURCE_LANGUAGE, "Feuille de présence", lines, (),
                   None, "")


#: The sentence printed in every language by the printer test (translated per language).
TEST_SENTENCE = N_("Bonjour ! Ce ticket se lit dans votre langue.")


def printer_test_ticket(context: TicketContext) -> Ticket:
    """A line in every enabled language, special characters and a QR code."""
    lines = [
        TicketLine("Gras", style="bold", rtl=False),
        TicketLine("Petit texte", style="small", rtl=False),
        TicketLine("Accents : é è ê à ç ù ï ô œ « » €", rtl=False),
        TicketLine("Roumain : ș ț Ș Ț ă â î", rtl=False),
    ]
    for language in context.i18n.languages:
        tr = context.i18n.translator(language.code)
        lines.append(TicketLine(language.native_name, style="bold", rtl=language.rtl,
                                rule=True))
        lines.append(TicketLine(tr(TEST_SENTENCE), rtl=language.rtl))
    payload = context.base_url or "https://example.org/kiosque/test"
    return finish(context, "printer_test", SOURCE_LANGUAGE, "Test de l'imprimante", lines, (),
                   payload, "Ce code QR doit se lire avec un téléphone.")
