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


#: The letters of the languages that do not write in Latin script (first, last code point).
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "ar": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "ru": ((0x0400, 0x052F),),
    "zh": ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
}
SCRIPTS["fa"] = SCRIPTS["ar"]
SCRIPTS["uk"] = SCRIPTS["ru"]


def voice_language(text: str, lang: str) -> str:
    """The language to say `text` in: `lang`, except for Latin-script text on a screen whose
    language writes in another script (the French of an untranslated question or
    announcement, a French class name on an Arabic screen): French then."""
    ranges = SCRIPTS.get(lang)
    if ranges is None:
        return lang
    letters = [ord(char) for char in text if char.isalpha()]
    if not letters or any(low <= code <= high for code in letters for low, high in ranges):
        return lang
    return "fr"


def cleaned(utterances: list[Utterance]) -> list[Utterance]:
    """The utterances without blanks nor a text said twice in a row, each in the voice that
    can say it (:func:`voice_language`)."""
    kept: list[Utterance] = []
    for item in utterances:
        text = " ".join(item.text.split())
        lang = voice_language(text, item.lang)
        if not text or (kept and kept[-1].text == text and kept[-1].lang == lang):
            continue
        kept.append(Utterance(text, lang))
    return kept


def language_names(i18n: I18n, keys: str) -> list[Utterance]:
    """The Welcome screen's script: each language's name and key, said in that language
    ("pour Français, touchez 1", "for English, press 2"…), one after the other."""
    return [choice_line(i18n.translator(lang.code), lang.native_name, key)
            for lang, key in zip(i18n.languages, keys, strict=False)]
