"""A workshop's sign-in sheet ("feuille d'émargement"): a self-contained A4 HTML page any
browser prints (``kiosk workshops sheet`` and the staff's "Animer l'atelier" screen).

The sheet is the school's (French, for staff and the parents who sign it): the school, the
date, the workshop's title and place, one row per registered parent (number, name, language
in French, interpreter asked, a box to sign), then blank rows for those who come without
registering. Nothing is loaded from elsewhere; the page's head and print styles are those of
:mod:`kiosk.core.a4`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from kiosk.booking.model import Registration, RegistrationStatus, StaffError, Workshop
from kiosk.booking.workshops import Workshops
from kiosk.core.a4 import a4_page, escape
from kiosk.core.languages import language_name_fr

#: Blank rows under the names, for walk-ins to write their name and sign.
BLANK_ROWS = 5
#: A sheet fits one A4 page up to this many rows (names and blank rows).
ROWS_PER_PAGE = 20

CSS = """
h1{font-size:17pt;margin:0 0 1mm}
.what{font-size:12pt;margin:0 0 4mm}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:0 2mm;height:10.5mm;text-align:start;vertical-align:middle}
th{height:7mm;font-size:9.5pt;background:#eee}
tr{break-inside:avoid}
.n{width:8mm;text-align:center}
.name{width:55mm}
.lang{width:30mm;font-size:10pt}
.int{width:20mm;font-size:10pt;text-align:center}
.walk{font-size:9pt;font-style:italic}
footer{margin-top:4mm;font-size:9.5pt}
"""

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def french_date(when: dt.datetime) -> str:
    """``mardi 8 décembre 2026, 14:00`` (24-hour clock)."""
    return (f"{WEEKDAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year}, "
            f"{when:%H:%M}")


def sheet_names(registrations: Sequence[Registration]) -> list[Registration]:
    """Who is on the sheet: the registered parents (walk-ins too), not the waiting list."""
    return [r for r in registrations if r.status == RegistrationStatus.REGISTERED]


def _row(number: int, reg: Registration | None) -> str:
    if reg is None:
        return f'<tr><td class="n">{number}</td><td></td><td></td><td></td><td></td></tr>'
    name = escape(reg.name or "(effacé)")
    walk = ' <span class="walk">(sans inscription)</span>' if reg.walk_in else ""
    return (f'<tr><td class="n">{number}</td><td class="name">{name}{walk}</td>'
            f'<td class="lang">{escape(language_name_fr(reg.language))}</td>'
            f'<td class="int">{"oui" if reg.interpreter else ""}</td><td></td></tr>')


def sign_in_sheet(workshop: Workshop, registrations: Sequence[Registration], school: str, *,
                  blank_rows: int = BLANK_ROWS) -> str:
    """The sign-in sheet of `workshop` for its registered parents among `registrations`."""
    names = sheet_names(registrations)
    blanks = max(blank_rows, 0)
    rows = [_row(n, r) for n, r in enumerate(names, start=1)]
    rows += [_row(len(names) + n, None) for n in range(1, blanks + 1)]
    place = f" — {escape(workshop.place)}" if workshop.place else ""
    body = (
        f'<header><div class="school">{escape(school)}</div>'
        f'<div class="kind">Feuille d\'émargement</div></header>\n'
        f"<h1>{escape(workshop.title)}</h1>\n"
        f'<p class="what">{escape(french_date(workshop.start))}{place}</p>\n'
        '<table><thead><tr><th class="n">N°</th><th class="name">Nom</th>'
        '<th class="lang">Langue</th><th class="int">Interprète</th><th>Signature</th>'
        f'</tr></thead>\n<tbody>{"".join(rows)}</tbody></table>\n'
        f"<footer>{len(names)} inscrit(s) ; lignes vides pour les personnes venues sans "
        "inscription.</footer>"
    )
    return a4_page("fr", "ltr", f"Émargement — {workshop.title}", CSS, body)


def sheet_file_name(workshop: Workshop) -> str:
    """``emargement-2026-12-08-1400-a-1f2e3d.html``: the file a sheet is written to."""
    return f"emargement-{workshop.start:%Y-%m-%d-%H%M}-{workshop.id}.html"


def write_sheet(workshops: Workshops, workshop_id: str, school: str, out: Path) -> Path:
    """Write the sign-in sheet of a workshop to `out`, a file or a folder (the file is then
    named by :func:`sheet_file_name`); returns the file written. :class:`StaffError` in
    French when the workshop is unknown or the file cannot be written."""
    from kiosk.core.data_file import write_atomically

    workshop = workshops.workshop(workshop_id)
    if workshop is None:
        raise StaffError(f"Atelier introuvable : « {workshop_id} ».")
    page = sign_in_sheet(workshop, workshops.registrations(workshop_id), school)
    path = out / sheet_file_name(workshop) if out.is_dir() or not out.suffix else out
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, page.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise StaffError(f"Impossible d'écrire {path} ({exc.strerror or exc}).") from None
    return path
