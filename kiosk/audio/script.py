"""What is said: utterances in logical order, each in its language.

A screen's spoken script is a list of :class:`Utterance`: its title, its texts, then each choice
with its key (:func:`choice_line`). Texts are the logical strings the screen was composed from,
never the reordered display strings of a right-to-left screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.i18n import N_, I18n, Translator

#: Said after a choice's words: "pour Oui, touchez 1".
CHOICE_LINE = N_("pour {choice}, touchez {key}")
#: The listen button's words.
LISTEN = N_("Écouter")


@dataclass(frozen=True)
class Utterance:
    """One text to say, in logical order, in the language `lang` (a kiosk language code)."""

    text: str
    lang: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def spell(code: str) -> str:
    """A code said sign by sign: "K7M 2QX" → "K, 7, M, 2, Q, X"."""
    return ", ".join(char for char in code if not char.isspace())


def key_spoken(key: str) -> str:
    """How a key is written in a spoken line: a digit stays a digit (each voice says it in its
    language), a letter is written in capitals."""
    return key.upper()


def choice_line(tr: Translator, choice: str, key: str) -> Utterance:
    """ "pour {choice}, touchez {key}" in the language of `tr`."""
    text = tr(CHOICE_LINE).format(choice=choice.strip(), key=key_spoken(key))
    return Utterance(text, tr.code)


def cleaned(utterances: list[Utterance]) -> list[Utterance]:
    """The utterances without blanks and without a text said twice in a row."""
    kept: list[Utterance] = []
    for item in utterances:
        text = " ".join(item.text.split())
        if not text or (kept and kept[-1].text == text and kept[-1].lang == item.lang):
            continue
        kept.append(Utterance(text, item.lang))
    return kept


def language_names(i18n: I18n, keys: str) -> list[Utterance]:
    """The Welcome screen's script: each language's name and key, said in that language
    ("pour Français, touchez 1", "for English, press 2"…), one after the other."""
    return [choice_line(i18n.translator(lang.code), lang.native_name, key)
            for lang, key in zip(i18n.languages, keys, strict=False)]
