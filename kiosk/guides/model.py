"""A guide to one of the school's digital tools: a title and 4–8 short numbered steps, in French
with a translation per language, and the link its QR code carries.

A guide is one TOML file (``data/guides/ID.toml``, or the school's own in the data folder's
``guides/``, which replaces the shipped guide of the same ID)::

    order = 1
    link = "https://educonnect.education.gouv.fr/"   # or "ent": the school's [online] ent_url

    [fr]
    title = "Se connecter avec EduConnect"
    steps = ["Ouvrez …", "Touchez …", …]

    [ar]
    title = "…"
    steps = ["…", …]
    source = "1a2b3c4d5e6f7a8b"   # optional: the fingerprint of the French it was made from

A translation without ``source`` is taken as made from the French of the same file. Statuses
(translated, missing, outdated) are those of every school text
(:class:`~kiosk.core.school_texts.Translatable`): the fields are ``title``, ``step1``,
``step2``…; a translation whose number of steps differs from the French is missing a step.
:func:`parse_guide` checks a file and raises :class:`GuideError` (a French message for the
staff) when it cannot be used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.school_texts import Translatable
from kiosk.core.text import single_line

#: How many steps a guide has (one action each).
MIN_STEPS, MAX_STEPS = 4, 8
MAX_TITLE = 80
MAX_STEP = 240
#: The `link` that means the school's ENT (``[online] ent_url``).
ENT_LINK = "ent"
#: Where "ent" leads when the school has not set its ENT's address: EduConnect, the national
#: sign-in that opens the school's services.
EDUCONNECT_URL = "https://educonnect.education.gouv.fr/"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_STEP_FIELD = re.compile(r"^step([1-9][0-9]*)$")


class GuideError(ValueError):
    """A guide file that cannot be used (French, for the staff)."""


@dataclass(frozen=True)
class GuideTranslation:
    """A guide in one language: its title and steps, and the fingerprint of the French it was
    made from. ``step1``, ``step2``… read the steps (the statuses' field names)."""

    title: str
    steps: tuple[str, ...]
    source: str

    def __getattr__(self, name: str) -> str:
        match = _STEP_FIELD.match(name)
        if match and int(match.group(1)) <= len(self.steps):
            return self.steps[int(match.group(1)) - 1]
        raise AttributeError(name)

    def values(self) -> dict[str, str]:
        """Field → text (``title``, ``step1``…)."""
        return {"title": self.title, **step_fields(self.steps)}


def step_fields(steps: Sequence[str]) -> dict[str, str]:
    return {f"step{number}": step for number, step in enumerate(steps, start=1)}


@dataclass(frozen=True)
class Guide(Translatable):
    """One guide: French title and steps, the link, and the translations by language."""

    id: str
    title: str
    steps: tuple[str, ...]
    link: str
    order: int = 100
    translations: Mapping[str, GuideTranslation] = field(default_factory=dict)
    #: "école" when the file is the school's own (in the data folder), else "fourni".
    origin: str = "fourni"

    @property
    def french(self) -> dict[str, str]:
        return {"title": self.title, **step_fields(self.steps)}

    def url(self, ent_url: str) -> str:
        """The address its QR code carries ("ent": the school's ENT, else EduConnect)."""
        if self.link == ENT_LINK:
            return ent_url or EDUCONNECT_URL
        return self.link


def _text(value: object, where: str, limit: int) -> str:
    if not isinstance(value, str):
        raise GuideError(f"{where} : un texte entre guillemets est attendu.")
    text = single_line(value).strip()
    if not text:
        raise GuideError(f"{where} est vide.")
    if len(text) > limit:
        raise GuideError(f"{where} est trop long ({len(text)} caractères, {limit} au plus).")
    return text


def _steps(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise GuideError(f"{where}.steps : une liste de textes est attendue.")
    if not MIN_STEPS <= len(value) <= MAX_STEPS:
        raise GuideError(f"{where}.steps : {len(value)} étape(s) ; il en faut de {MIN_STEPS} "
                         f"à {MAX_STEPS}.")
    return tuple(_text(step, f"{where}.steps[{n}]", MAX_STEP)
                 for n, step in enumerate(value, start=1))


def _link(value: object) -> str:
    if value == ENT_LINK:
        return ENT_LINK
    if (not isinstance(value, str) or not value.startswith(("https://", "http://"))
            or len(value) > 300 or any(ch.isspace() for ch in value)):
        raise GuideError('link : une adresse https://… ou "ent" (l\'ENT de l\'école, '
                         "[online] ent_url) est attendue.")
    return value


def parse_guide(guide_id: str, data: Mapping[str, Any], languages: Sequence[str], *,
                origin: str = "fourni") -> Guide:
    """The guide of a parsed TOML file (`guide_id`: the file's name without ``.toml``)."""
    if not _ID.match(guide_id):
        raise GuideError(f"« {guide_id} » : le nom du fichier doit être en minuscules, chiffres "
                         "et tirets (ex. payer-cantine.toml).")
    known = {"order", "link", *languages}
    unknown = sorted(set(data) - known)
    if unknown:
        raise GuideError(f"clé(s) inconnue(s) : {', '.join(unknown)} (attendu : order, link, "
                         f"et une table par langue : {', '.join(languages)}).")
    french = data.get(SOURCE_LANGUAGE)
    if not isinstance(french, dict):
        raise GuideError("la table [fr] (titre et étapes en français) manque.")
    title = _text(french.get("title"), "fr.title", MAX_TITLE)
    steps = _steps(french.get("steps"), "fr")
    order = data.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool) or not 0 <= order <= 999:
        raise GuideError("order : un nombre entier de 0 à 999 est attendu.")
    guide = Guide(guide_id, title, steps, _link(data.get("link", ENT_LINK)), order, {},
                  origin)
    translations = {}
    for lang in languages:
        if lang == SOURCE_LANGUAGE or lang not in data:
            continue
        translations[lang] = _translation(data[lang], lang, guide.fingerprint)
    return Guide(guide.id, title, steps, guide.link, order, translations, origin)


def _translation(value: object, lang: str, fingerprint: str) -> GuideTranslation:
    if not isinstance(value, dict):
        raise GuideError(f"[{lang}] : une table avec title et steps est attendue.")
    source = value.get("source", fingerprint)
    if not isinstance(source, str):
        raise GuideError(f"{lang}.source : un texte est attendu.")
    steps = value.get("steps", [])
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        raise GuideError(f"{lang}.steps : une liste de {MAX_STEPS} textes au plus est attendue.")
    return GuideTranslation(
        _text(value.get("title"), f"{lang}.title", MAX_TITLE),
        tuple(_text(step, f"{lang}.steps[{n}]", MAX_STEP) for n, step in enumerate(steps, 1)),
        source,
    )


def guide_document(guide: Guide) -> dict[str, Any]:
    """The TOML document of a guide (what :func:`parse_guide` reads back), every translation
    with its ``source``."""
    document: dict[str, Any] = {"order": guide.order, "link": guide.link,
                                SOURCE_LANGUAGE: {"title": guide.title,
                                                  "steps": list(guide.steps)}}
    for lang, found in sorted(guide.translations.items()):
        document[lang] = {"title": found.title, "steps": list(found.steps),
                          "source": found.source}
    return document
