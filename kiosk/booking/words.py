"""Words staff type (CLI, CSV files, staff screens) read as values: dates, times, weekdays,
roles, meeting modes, whole numbers. A word that cannot be read raises :class:`StaffError`
with a French message naming it and showing an example."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from kiosk.booking.model import StaffError

#: French (and English) words staff may type for a role (CSV, CLI), → role key.
ROLE_WORDS: dict[str, str] = {
    "teacher": "teacher", "enseignant": "teacher", "enseignante": "teacher",
    "professeur": "teacher", "maitre": "teacher", "maitresse": "teacher",
    "head": "head", "directeur": "head", "directrice": "head", "direction": "head",
    "nurse": "nurse", "infirmier": "nurse", "infirmiere": "nurse",
    "psychologist": "psychologist", "psychologue": "psychologist",
    "social": "social", "assistant social": "social", "assistante sociale": "social",
    "other": "other", "autre": "other",
}
#: Words staff may type for a meeting mode, → mode key.
MODE_WORDS: dict[str, str] = {
    "school": "school", "ecole": "school", "sur place": "school", "place": "school",
    "phone": "phone", "telephone": "phone", "tel": "phone",
    "video": "video", "visio": "video", "visioconference": "video",
}
WEEKDAY_WORDS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
#: Classes in school order (a class named "CE1 A" sorts with CE1).
CLASS_ORDER = ("TPS", "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2", "ULIS", "UPE2A")


def fold(text: str) -> str:
    """Lower case without accents (for matching words staff type)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_day(text: str) -> dt.date:
    """Staff-typed date (JJ/MM/AAAA or AAAA-MM-JJ) → date, or :class:`StaffError`."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise StaffError(f"date illisible « {text} » (ex. : 02/12/2026)")


def parse_clock(text: str) -> dt.time:
    """Staff-typed time of day (16:30 or 16h30) → time, or :class:`StaffError`."""
    match = re.fullmatch(r"([01]?\d|2[0-3])[:hH]([0-5]\d)", text.strip())
    if not match:
        raise StaffError(f"heure illisible « {text} » (ex. : 16:30)")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_int(text: str, what: str) -> int:
    """A whole number staff typed for `what`, or :class:`StaffError`."""
    try:
        return int(text.strip())
    except ValueError:
        raise StaffError(f"{what} : nombre entier attendu, pas « {text} »") from None


def parse_weekday(text: str) -> int:
    """"mardi" (or "Tuesday") → 1."""
    day = WEEKDAY_WORDS.get(fold(text))
    if day is None:
        raise StaffError(f"jour inconnu « {text} » (lundi … dimanche)")
    return day


def parse_mode(text: str) -> str:
    """"visio" → "video"; empty means "school"."""
    mode = MODE_WORDS.get(fold(text or "school"))
    if mode is None:
        raise StaffError(f"mode inconnu « {text} » (école, téléphone, visio)")
    return mode


def class_order(name: str) -> tuple[int, str]:
    """Sort key of a class name: school order first, then the name."""
    upper = name.upper()
    for index, prefix in enumerate(CLASS_ORDER):
        if upper.startswith(prefix):
            return (index, upper)
    return (len(CLASS_ORDER), upper)
