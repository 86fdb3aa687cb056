"""The "?" key of a parent screen: the school words found on it (ENT, AESH, QCM…), each with
its one-sentence explanation, in the parent's language (:mod:`kiosk.glossary`).

A modal: the words scroll in their column, the two actions (print the "petit lexique", close)
stay below it, in view at 80×24; Escape closes it. Right to left for ar and fa, like every
parent screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button

from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.glossary import Word
from kiosk.tickets import lexicon_ticket
from screens.base import KioskModal
from screens.context import ScreenContext
from screens.direction import Row
from screens.messages import ShowTicket, tell
from screens.widgets import BigButton, Paragraph, Title

GLOSSARY_TITLE = N_("Les mots de l'école sur cette page")


def heading(word: Word, lang: str) -> str:
    """The word in the parent's language, with the French word beside it when it differs.

    A dash, not brackets: French words carry their own ("QCM (questionnaire à choix
    multiples)"), and brackets inside brackets read badly, worst of all right to left.
    """
    shown = word.word(lang)
    if lang == "fr" or shown.casefold() == word.french.casefold():
        return shown
    return f"{shown} — {isolate(word.french)}"


class WordList(VerticalScroll, can_focus=False):
    """The words and their explanations. Not a Tab stop: a focused scroll area shows no mark,
    so Tab goes between the two buttons only; Page Up / Page Down (and the mouse) scroll it."""


class GlossaryModal(KioskModal):
    """The glossary words of one screen with their explanations; the "petit lexique" (the
    whole glossary) is printed from here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "scroll_words(-1)", show=False),
        Binding("pagedown", "scroll_words(1)", show=False),
    ]

    DEFAULT_CSS = """
    GlossaryModal { align: center middle; }
    #glossary-box {
        width: 100%; max-width: 100; height: auto; max-height: 100%;
        background: #000000; border: heavy #ffffff; padding: 0 1;
    }
    #glossary-title { margin: 0; }
    #glossary-words { height: auto; }
    .glossary-word { text-style: bold; color: #ffff99; }
    .glossary-explanation { margin: 0 0 1 0; }
    #glossary-actions { height: auto; }
    """

    def __init__(self, context: ScreenContext, words: Sequence[Word]) -> None:
        super().__init__(context)
        self.words = tuple(words)

    def compose(self) -> ComposeResult:
        lang = self.tr.code
        with Vertical(id="glossary-box"):
            yield Title(self.tr(GLOSSARY_TITLE), id="glossary-title")
            with WordList(id="glossary-words"):
                for index, word in enumerate(self.words):
                    yield Paragraph(heading(word, lang), id=f"glossary-word-{index}",
                                    classes="glossary-word")
                    yield Paragraph(word.explanation(lang), classes="glossary-explanation")
            with Row(id="glossary-actions"):
                yield BigButton(self.tr("Imprimer le petit lexique"), key="1",
                                id="glossary-print")
                yield BigButton(self.tr("Fermer"), key="2", id="glossary-close")

    def on_mount(self) -> None:
        self.query_one("#glossary-close", BigButton).focus()
        self.call_after_refresh(self._fit_words)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_words)

    def _fit_words(self) -> None:
        """The words take the room the title and the buttons leave, never theirs: with many
        words (or a small screen) the list scrolls and both buttons stay in view."""
        box = self.query_one("#glossary-box")
        words = self.query_one(WordList)
        above = words.region.y - box.region.y  # the box's border, the title and its margin
        below = self.query_one("#glossary-actions").outer_size.height + 1  # and the border
        room = max(2, self.size.height - above - below)
        if words.max_scroll_y or words.outer_size.height > room:  # only when it would overflow
            words.styles.max_height = room

    def action_scroll_words(self, direction: int) -> None:
        words = self.query_one(WordList)
        if direction > 0:
            words.scroll_page_down(animate=False)
        else:
            words.scroll_page_up(animate=False)

    @on(Button.Pressed, "#glossary-print")
    def print_lexicon(self, event: Button.Pressed) -> None:
        event.stop()
        lang = self.tr.code
        ticket = lexicon_ticket(self.context.tickets, lang, self.context.glossary.lexicon(lang))
        self.dismiss(None)
        tell(self, ShowTicket(ticket))

    @on(Button.Pressed, "#glossary-close")
    def close(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


__all__ = ["GLOSSARY_TITLE", "GlossaryModal", "heading"]
