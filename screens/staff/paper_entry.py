"""Staff: type in the questionnaire's paper sheets (``kiosk questionnaire paper``), fast.

One line per question, numbered as on the sheet. On a line: 1–5 answer a statement, 0 is
"ne s'applique pas"; on a choice question the number of the box (a multiple choice toggles
it). A statement or a single choice moves on to the next line by itself; Entrée or ↓ moves on,
↑ goes back, Retour arrière clears the line. The sheet's language (printed in its corner) is
chosen at the top. "Enregistrer la feuille" stores it as one anonymous response marked
``paper``; the results count kiosk and paper answers together and say how many came each way.
"""

from __future__ import annotations

from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Select, Static

from kiosk.core.store import StorageError
from kiosk.questionnaire.content import NOT_APPLICABLE, Item, Questionnaire
from kiosk.questionnaire.dates import QuestionnaireClosed
from kiosk.questionnaire.paper import channel_text, entry_items, paper_answer
from kiosk.questionnaire.responses import PAPER
from screens.staff.base import StaffScreen
from screens.widgets import literal

NOTE = (
    "Une ligne par question, comme sur la feuille. Touches : 1 à 5, 0 = ne s'applique pas ; "
    "question à choix : numéro de la case (plusieurs cases : chaque numéro coche ou décoche, "
    "Entrée passe à la suivante). ↑ ↓ : ligne précédente ou suivante ; Retour arrière : "
    "effacer la ligne. Puis Tab jusqu'à « Enregistrer la feuille »."
)


def shown_answer(item: Item, value: object) -> str:
    """An answer as typed, read back in a few cells: "4", "0", "1 3" (box numbers), "—"."""
    if value is None:
        return "—"
    if item.is_scale:
        return "0" if value == NOT_APPLICABLE else str(value)
    chosen = value if isinstance(value, list) else [value]
    return " ".join(str(index) for index, option in enumerate(item.options, start=1)
                    if option.id in chosen)


class PaperLine(Static, can_focus=True):
    """One question of the sheet, on one line: its number, the answer typed, its words."""

    DEFAULT_CSS = """
    PaperLine {
        height: 1;
        width: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    PaperLine:focus {
        background: #ffe14d;
        color: #000000;
        text-style: bold;
    }
    """

    def __init__(self, number: int, item: Item, questionnaire: Questionnaire) -> None:
        super().__init__(markup=False, id=f"paper-{item.id}", classes="paper-line")
        self.number = number
        self.item = item
        self.questionnaire = questionnaire
        self.value: Any = None
        self._draw()

    def _draw(self) -> None:
        answer = shown_answer(self.item, self.value)
        kind = "" if self.item.is_scale else f" ({len(self.item.options)} cases)"
        self.update(literal(f"{self.number:>2}. [{answer:^7}] {self.item.text}{kind}"))

    def set_value(self, value: object) -> None:
        self.value = value
        self._draw()

    def on_key(self, event: events.Key) -> None:
        key = event.key
        if key in ("enter", "down"):
            self._advance()
        elif key == "up":
            self.screen.focus_previous(PaperLine)
        elif key in ("backspace", "delete"):
            self.set_value(None)
        elif len(key) == 1 and key.isdigit():
            self.set_value(paper_answer(self.item, key, self.value))
            if self.value is not None and not self.item.is_multiple:
                self._advance()
        else:
            return
        event.stop()
        event.prevent_default()

    def _advance(self) -> None:
        """The next line; after the last one, "Enregistrer la feuille"."""
        lines = list(self.screen.query(PaperLine))
        if lines and lines[-1] is self:
            self.screen.query_one("#paper-save", Button).focus()
        else:
            self.screen.focus_next(PaperLine)


class PaperEntryScreen(StaffScreen):
    """Quick entry of the paper questionnaires."""

    DEFAULT_CSS = """
    #paper-language {
        width: 1fr;
        max-width: 50;
    }
    #paper-language-label {
        width: auto;
        padding: 1 1 0 0;
    }
    """

    TITLE_TEXT = "Saisie des questionnaires papier"

    def compose_body(self) -> ComposeResult:
        context = self.context
        questionnaire = context.questionnaire
        yield Static(literal(NOTE), classes="settings-note")
        languages = [(f"{lang.native_name} · {lang.code}", lang.code)
                     for lang in context.i18n.languages]
        with Horizontal(classes="staff-row"):
            yield Static(literal("Langue de la feuille :"), id="paper-language-label")
            yield Select(languages, value=languages[0][1], allow_blank=False,
                         id="paper-language")
        for number, item in enumerate(entry_items(questionnaire), start=1):
            yield PaperLine(number, item, questionnaire)
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Enregistrer la feuille"), id="paper-save",
                         classes="staff-action", variant="primary")
            yield Button(literal("Vider la feuille"), id="paper-clear", classes="staff-action")
        yield Static(literal(""), id="staff-status", markup=False)
        yield Static(literal(""), id="paper-channels", markup=False)

    def on_mount(self) -> None:
        next(iter(self.query(PaperLine))).focus()
        self._count()

    def answers(self) -> dict[str, object]:
        return {line.item.id: line.value for line in self.query(PaperLine)
                if line.value is not None}

    def language(self) -> str:
        value = self.query_one("#paper-language", Select).value
        return value if isinstance(value, str) else self.context.config.kiosk.languages[0]

    @on(Button.Pressed, "#paper-clear")
    def clear(self, event: Button.Pressed) -> None:
        event.stop()
        self._clear()
        self._status("Feuille vidée : rien n'a été enregistré.")

    def _clear(self) -> None:
        for line in self.query(PaperLine):
            line.set_value(None)
        first = next(iter(self.query(PaperLine)))
        first.focus()
        first.scroll_visible(animate=False)

    @on(Button.Pressed, "#paper-save")
    def save(self, event: Button.Pressed) -> None:
        event.stop()
        answers = self.answers()
        if not answers:
            self._status("⚠ Aucune réponse saisie : rien n'est enregistré.")
            return
        event.button.disabled = True
        self._save(answers, self.language())

    @work(thread=True, exclusive=True, group="paper-save")
    def _save(self, answers: dict[str, object], language: str) -> None:
        context = self.context
        try:
            context.responses.add_response(context.questionnaire, answers, language,
                                           channel=PAPER)
        except QuestionnaireClosed as exc:
            text = f"⚠ Pas enregistrée : {exc}. La feuille reste à l'écran."
            self.app.call_from_thread(self._saved, text, False)
            return
        except StorageError as exc:
            text = f"⚠ Enregistrement impossible : {exc}. La feuille reste à l'écran."
            self.app.call_from_thread(self._saved, text, False)
            return
        text = f"Feuille enregistrée ({language}, {len(answers)} réponses). Feuille suivante :"
        self.app.call_from_thread(self._saved, text, True)

    def _saved(self, text: str, stored: bool) -> None:
        if not self.is_attached:
            return
        self.query_one("#paper-save", Button).disabled = False
        self._status(text)
        if stored:
            self._clear()
            self._count()

    def _status(self, text: str) -> None:
        self.query_one("#staff-status", Static).update(literal(text))

    @work(thread=True, exclusive=True, group="paper-count")
    def _count(self) -> None:
        context = self.context
        try:
            text = channel_text(context.responses.channel_counts(),
                                context.config.questionnaire.min_group_size)
        except StorageError as exc:
            text = f"⚠ Lecture impossible : {exc}"
        self.app.call_from_thread(self._show_count, text)

    def _show_count(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#paper-channels", Static).update(literal(text))
