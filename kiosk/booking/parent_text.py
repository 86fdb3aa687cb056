"""What parents type (a first name, a phone number), checked and cleaned.

A problem raises :class:`InputProblem` whose message is a French msgid the screen translates.
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.booking.model import InputProblem
from kiosk.core.i18n import N_
from kiosk.core.text import strip_controls

NAME_MAX = 40
#: Invisible marks a paste or a phone keyboard may bring into a name (direction marks and
#: embeddings, isolates, zero-width space, word joiner, byte-order mark): the parent sees only
#: letters, so they are dropped rather than refused. ZWNJ/ZWJ stay: Persian names need them.
_INVISIBLE_MARKS = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2060\u2066\u2067\u2068\u2069\ufeff"))
_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")
#: Full-width plus and the other pluses a phone keyboard may give.
_PLUS_SIGNS = dict.fromkeys(map(ord, "\uff0b\u207a\u208a"), "+")


def western_digits(text: str) -> str:
    """`text` with every decimal digit of any script (Arabic-Indic ٠-٩, Persian ۰-۹,
    full-width ０-９, Devanagari…) replaced by the Western digit 0-9 of the same value."""
    return "".join(
        str(value) if (value := unicodedata.decimal(char, None)) is not None else char
        for char in text
    )


def clean_name(text: str) -> str:
    """A first name as typed (trimmed, no control characters), or :class:`InputProblem`."""
    name = " ".join(strip_controls(text).translate(_INVISIBLE_MARKS).split())
    if not name:
        raise InputProblem(N_("Écrivez le prénom."))
    if len(name) > NAME_MAX:
        raise InputProblem(N_("Ce prénom est trop long (40 signes au plus)."))
    for char in name:
        category = unicodedata.category(char)
        if not (category[0] in "LM" or char in " -'’.\u200c\u200d"):  # ZWNJ/ZWJ: Persian names
            raise InputProblem(N_("Un prénom s'écrit avec des lettres seulement."))
    if not any(unicodedata.category(c)[0] == "L" for c in name):
        raise InputProblem(N_("Un prénom s'écrit avec des lettres seulement."))
    return name


def clean_phone(text: str) -> str:
    """"" for no phone, else a phone number in French (10 digits) or international form.

    Digits may be typed in any script (Arabic-Indic, Persian, full-width…); the number is
    stored with Western digits."""
    raw = western_digits(strip_controls(text).translate(_INVISIBLE_MARKS)
                         .translate(_PLUS_SIGNS)).strip()
    if not raw:
        return ""
    compact = _PHONE_SEPARATORS.sub("", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"0[1-9][0-9]{8}", compact):
        return " ".join(compact[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"\+[1-9][0-9]{6,14}", compact):
        if compact.startswith("+33") and len(compact) == 12:
            rest = compact[3:]
            return "+33 " + rest[0] + " " + " ".join(rest[i : i + 2] for i in range(1, 9, 2))
        return compact
    raise InputProblem(
        N_("Ce numéro de téléphone n'est pas complet. Exemple : 06 12 34 56 78 ou +90 …")
    )


def family_key(first: str, second: str) -> tuple[str, str]:
    """Two typed words compared as one family (a child's first name and class, or a parent's
    name and phone): case, spacing and Unicode forms ignored."""
    return (unicodedata.normalize("NFKC", first).casefold().strip(),
            unicodedata.normalize("NFKC", second).casefold().strip())
