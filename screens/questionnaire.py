"""The co-education questionnaire, for a parent: intro, one question per screen, review,
submit, thanks and orientation.

Answers in progress live only in the parent's session
(``session.draft("questionnaire")``): nothing is written before "Send my answers", and an
idle reset or "I am done" forgets them. The content comes from
:attr:`Services.questionnaire` and is translated through the ``questionnaire`` gettext domain;
a text without translation (a school's own wording) is shown in French with a line saying so.

Outside the questionnaire's dates (``[questionnaire] opens``/``closes``) the intro says when it
opens, or that it is closed, and offers no start; with ``one_per_family`` a
:class:`FamilyCodeScreen` asks for the code from the school letter before the first question
(the code stays in the session's draft until the answers are sent, never with them).

Keys, one meaning each on every question: 1–5 answer a statement, 0 is "does not apply / I
don't know" (statements only); choices have numbers 1–8 (multiple choices toggle); 9 moves on
to the next question — it skips a statement or a single choice, and confirms ("Valider") the
boxes ticked on a multiple choice; Escape goes back one question. The question's own actions
sit below the scrolling question, always in view.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button, Input

from kiosk.core.display import wrap
from kiosk.core.i18n import N_
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE
from kiosk.core.store import StorageError
from kiosk.questionnaire.content import (
    CONTENT_DOMAIN,
    NOT_APPLICABLE,
    SCALE,
    ContentTranslator,
    Item,
    Questionnaire,
)
from kiosk.questionnaire.dates import QuestionnaireClosed
from kiosk.questionnaire.family_codes import CodeRefused, CodeState
from kiosk.questionnaire.orientation import Orientation
from kiosk.staff.help_requests import LOAN_TITLE
from screens.base import STYLES, KioskScreen, focus_first_control
from screens.context import ScreenContext
from screens.direction import ChoiceGrid, Row
from screens.messages import Flow, OpenFlow, ParentFinished, ShowTicket, tell
from screens.questionnaire_window import CLOSED, closed_text
from screens.widgets import TINY_WIDTH, BigButton, NavBar, Notice, Paragraph, TextField, Title

FLOW = "questionnaire"
#: The simple visual of the 1–5 scale: growing blocks.
SCALE_PICTOGRAMS = ("■", "■■", "■■■", "■■■■", "■■■■■")
NA_KEY = "0"
SKIP_KEY = "9"
#: "Valider" moves on to the next question, as "skip" does: the same key, never 0 (which
#: means "does not apply" on every other question).
CONFIRM_KEY = SKIP_KEY
#: Choices are numbered from 1 to this (a question with more would give 9 two meanings).
MAX_CHOICES = 8

NOT_TRANSLATED = N_("Cette question n'est pas encore traduite dans votre langue.")
CODE_UNKNOWN = N_("Ce code n'existe pas. Vérifiez-le, s'il vous plaît.")
CODE_USED = N_("Ce code a déjà servi : une seule réponse par famille.")


def refusal_text(screen: KioskScreen, refusal: CodeRefused | QuestionnaireClosed) -> str:
    if isinstance(refusal, QuestionnaireClosed):
        return closed_text(screen) or screen.tr(CLOSED)
    return screen.tr(CODE_USED if refusal.state is CodeState.USED else CODE_UNKNOWN)


def draft_of(screen: KioskScreen) -> dict[str, Any]:
    """The questionnaire's work in progress in the parent's session."""
    draft: dict[str, Any] = screen.context.session.draft(FLOW)
    draft.setdefault("answers", {})
    draft.setdefault("position", 0)
    return draft


class ContentMixin:
    """Access to the questionnaire and its translation for the session's language."""

    context: ScreenContext

    def questionnaire(self) -> Questionnaire:
        return self.context.questionnaire

    def content(self) -> ContentTranslator:
        code = self.context.session.language
        return ContentTranslator(self.context.i18n.catalog(code, CONTENT_DOMAIN), code)


def wrapped(text: str, width: int) -> str:
    """`text` cut into lines of `width` cells in reading order.

    A button reorders right-to-left text line by line: wrapping before that keeps the lines
    of an Arabic or Persian label in the right order.
    """
    return "\n".join(wrap(text, max(6, width)))


def answer_text(item: Item, value: object, content: ContentTranslator,
                questionnaire: Questionnaire) -> str:
    """An answer in words, in the parent's language."""
    if value is None:
        return ""
    if item.is_scale:
        if value == NOT_APPLICABLE:
            return content(questionnaire.not_applicable)
        if isinstance(value, int) and value in SCALE:
            return f"{value} – {content(questionnaire.scale[value - 1])}"
        return ""
    chosen = value if isinstance(value, list) else [value]
    return ", ".join(content(o.text) for o in item.options if o.id in chosen)


class QuestionnaireIntroScreen(ContentMixin, KioskScreen):
    """What the questionnaire is for, how long, anonymous, every question can be skipped."""

    CSS_PATH = STYLES / "questionnaire.tcss"
    TITLE_TEXT = N_("Questionnaire pour les parents")
    SCREEN_NAME = "questionnaire"

    def compose_body(self) -> ComposeResult:
        closed = closed_text(self)
        if closed is not None:
            yield Title(closed, id="q-closed")
            return
        questionnaire = self.questionnaire()
        total = len(questionnaire.items)
        lines = [
            self.tr("L'école veut savoir comment elle utilise le numérique avec les familles, "
                    "et ce qui vous aiderait."),
            self.tr("Environ {minutes} minutes, {count} questions.").format(
                minutes=self.tr.number(questionnaire.minutes), count=self.tr.number(total)),
            self.tr("C'est anonyme : on ne demande pas votre nom."),
            self.tr("Vous pouvez passer chaque question."),
            self.tr("Rien n'est enregistré avant « Envoyer ». Si vous partez avant, "
                    "vos réponses sont effacées."),
        ]
        yield Paragraph("\n".join(lines), id="q-intro")
        draft = draft_of(self)
        with Row(classes="q-actions"):
            if draft["answers"]:
                yield BigButton(self.tr("Continuer"), key="1", pictogram="▶", id="q-start",
                                variant="primary")
                yield BigButton(self.tr("Recommencer"), key="2", pictogram="↺",
                                id="q-restart")
            else:
                yield BigButton(self.tr("Commencer"), key="1", pictogram="▶", id="q-start",
                                variant="primary")

    @on(Button.Pressed, "#q-start")
    async def start(self, event: Button.Pressed) -> None:
        event.stop()
        draft = draft_of(self)
        position = min(int(draft["position"]), len(self.questionnaire().items) - 1)
        self._begin(max(0, position))

    @on(Button.Pressed, "#q-restart")
    async def restart(self, event: Button.Pressed) -> None:
        event.stop()
        code = draft_of(self).get("code")
        self.context.session.drop_draft(FLOW)
        if code is not None:
            draft_of(self)["code"] = code  # starting again needs no second code
        self._begin(0)

    def _begin(self, position: int) -> None:
        if self.context.responses.needs_code and not draft_of(self).get("code"):
            self.show(FamilyCodeScreen(self.context))
        else:
            self.show(QuestionScreen(self.context, position))


class FamilyCodeScreen(KioskScreen):
    """One answer per family: the code from the school letter, before the first question."""

    CSS_PATH = STYLES / "questionnaire.tcss"
    TITLE_TEXT = N_("Tapez le code reçu avec la lettre de l'école")
    SCREEN_NAME = "questionnaire-code"

    def compose_body(self) -> ComposeResult:
        yield Paragraph(self.tr("Le code a 8 lettres et chiffres, par exemple K7QM 3XTP."),
                        id="q-code-hint")
        yield TextField("", id="q-code", max_length=16,
                        notice="q-code-notice")
        yield Notice("", id="q-code-notice", classes="error")
        yield BigButton(self.tr("Valider"), pictogram="✔", id="q-code-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#q-code", Input).focus()

    @on(Input.Submitted, "#q-code")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._check(event.value)

    @on(Button.Pressed, "#q-code-ok")
    def ok(self, event: Button.Pressed) -> None:
        event.stop()
        self._check(self.query_one("#q-code", Input).value)

    def _check(self, text: str) -> None:
        self.query_one("#q-code-ok", BigButton).disabled = True
        self._look_up(text)

    @work(thread=True, exclusive=True, group="q-code")
    def _look_up(self, text: str) -> None:
        codes = self.context.responses.family_codes
        try:
            state = codes.state(text) if codes is not None else CodeState.VALID
        except StorageError:
            state = None
        self.app.call_from_thread(self._checked, text, state)

    def _checked(self, text: str, state: CodeState | None) -> None:
        self.query_one("#q-code-ok", BigButton).disabled = False
        if state is CodeState.VALID:
            draft_of(self)["code"] = text
            self.show(QuestionScreen(self.context, 0))
            return
        notice = self.query_one("#q-code-notice", Notice)
        if state is None:
            notice.show(self.tr("Vos réponses n'ont pas pu être enregistrées. Demandez à "
                                "l'accueil de l'école, s'il vous plaît."))
        else:
            notice.show(self.tr(CODE_USED if state is CodeState.USED else CODE_UNKNOWN))
        self.query_one("#q-code", Input).focus()


class QuestionScreen(ContentMixin, KioskScreen):
    """One question at a time; answering moves on to the next one (or back to the review)."""

    CSS_PATH = STYLES / "questionnaire.tcss"
    SCREEN_NAME = "questionnaire-question"

    def __init__(self, context: ScreenContext, position: int, *, editing: bool = False) -> None:
        super().__init__(context)
        self.position = position
        #: Opened from the review: answering goes back to it.
        self.editing = editing

    @property
    def item(self) -> Item:
        return self.questionnaire().items[self.position]

    def compose_body(self) -> ComposeResult:
        questionnaire = self.questionnaire()
        content = self.content()
        items = questionnaire.items
        item = self.item
        value = draft_of(self)["answers"].get(item.id)
        yield Paragraph(
            self.tr("Question {number} sur {total}").format(
                number=self.tr.number(self.position + 1), total=self.tr.number(len(items))),
            id="q-progress",
        )
        section = questionnaire.section(item.section)
        if section is not None:
            yield Paragraph(content(section.title), id="q-section",
                            rtl=None if content.is_translated(section.title) else False)
        translated = content.is_translated(item.text)
        yield Title(content(item.text), id="q-text", rtl=None if translated else False)
        if not translated:
            yield Notice(self.tr(NOT_TRANSLATED), id="q-untranslated")
        screen_width = min(self.app.size.width or 80, 150)
        if item.is_scale:
            per_row = 1 if screen_width < TINY_WIDTH else 5  # as #q-scale in kiosk.tcss
            label_width = (screen_width - 8) // per_row - 5
            with ChoiceGrid(id="q-scale"):
                for number, label in zip(SCALE, questionnaire.scale, strict=True):
                    yield BigButton(
                        wrapped(content(label), label_width), key=str(number),
                        pictogram=SCALE_PICTOGRAMS[number - 1],
                        id=f"q-answer-{number}",
                        classes="q-answer q-scale" + (" -chosen" if value == number else ""),
                    )
        else:
            chosen = value if isinstance(value, list) else [value]
            with ChoiceGrid(id="q-options"):
                for index, option in enumerate(item.options, start=1):
                    picked = option.id in chosen
                    mark = ("☑" if picked else "☐") if item.is_multiple else ""
                    columns = 1 if screen_width < 110 else 2
                    yield BigButton(
                        wrapped(content(option.text), (screen_width - 6) // columns - 10),
                        key=str(index), pictogram=mark,
                        id=f"q-option-{option.id}",
                        classes="q-answer q-option" + (" -chosen" if picked else ""),
                    )
        if not self.actions_apart:
            yield from self.compose_actions()

    def glossary_sources(self) -> list[str]:
        """The statement in French: its acronyms (QCM, TNI) are found whatever the language."""
        return [self.item.text]

    @property
    def actions_apart(self) -> bool:
        """Whether the question's own actions sit apart, below the scrolling column: not in
        the tiny layout (below 60 columns), where they would leave the question no room."""
        return (self.app.size.width or 80) >= TINY_WIDTH

    def compose(self) -> ComposeResult:
        """The question and its answers scroll in the screen's column; the question's own
        actions (does not apply, skip, confirm) stay below it, always in view, above the nav
        bar: at 80×24 a focused "Valider" never scrolls the question away."""
        for widget in super().compose():
            if isinstance(widget, NavBar) and self.actions_apart:
                yield from self.compose_actions()
            yield widget

    def compose_actions(self) -> ComposeResult:
        item = self.item
        with Row(classes="q-actions q-question-actions"):
            if item.is_scale:
                questionnaire = self.questionnaire()
                value = draft_of(self)["answers"].get(item.id)
                # Not "?": that is the glossary's key and bar button on the same screen.
                yield BigButton(
                    self.content()(questionnaire.not_applicable), key=NA_KEY, pictogram="∅",
                    id="q-answer-na",
                    classes="q-answer" + (" -chosen" if value == NOT_APPLICABLE else ""),
                )
                yield BigButton(self.tr("Passer cette question"), key=SKIP_KEY, pictogram="»",
                                id="q-skip")
            elif item.is_multiple:
                yield BigButton(self.tr("Valider"), key=CONFIRM_KEY, pictogram="✔",
                                id="q-confirm", variant="primary")
            else:
                yield BigButton(self.tr("Passer cette question"), key=SKIP_KEY,
                                pictogram="»", id="q-skip")

    def on_mount(self) -> None:
        self._focus_answer()

    def _focus_answer(self) -> None:
        chosen = list(self.query(".q-answer.-chosen"))
        target = chosen[0] if chosen else next(iter(self.query(".q-answer")), None)
        if target is not None:
            target.focus()

    # -- answering -----------------------------------------------------------------------------

    def _set(self, value: object) -> None:
        answers = draft_of(self)["answers"]
        if value is None or value == []:
            answers.pop(self.item.id, None)
        else:
            answers[self.item.id] = value

    @on(Button.Pressed, ".q-scale")
    async def rate(self, event: Button.Pressed) -> None:
        event.stop()
        self._set(int((event.button.id or "").removeprefix("q-answer-")))
        await self.next_question()

    @on(Button.Pressed, "#q-answer-na")
    async def not_applicable(self, event: Button.Pressed) -> None:
        event.stop()
        self._set(NOT_APPLICABLE)
        await self.next_question()

    @on(Button.Pressed, ".q-option")
    async def choose(self, event: Button.Pressed) -> None:
        event.stop()
        item = self.item
        option_id = (event.button.id or "").removeprefix("q-option-")
        option = item.option(option_id)
        if option is None:
            return
        if not item.is_multiple:
            self._set(option_id)
            await self.next_question()
            return
        current = item.toggled(draft_of(self)["answers"].get(item.id), option_id)
        self._set(current)
        for button in self.query(".q-option").results(BigButton):
            picked = button.id is not None and button.id.removeprefix("q-option-") in current
            button.set_class(picked, "-chosen")
            button.pictogram = "☑" if picked else "☐"
            button.refresh_label()

    @on(Button.Pressed, "#q-confirm")
    async def confirm(self, event: Button.Pressed) -> None:
        event.stop()
        await self.next_question()

    @on(Button.Pressed, "#q-skip")
    async def skip(self, event: Button.Pressed) -> None:
        event.stop()
        await self.next_question()

    # -- moving --------------------------------------------------------------------------------

    async def next_question(self) -> None:
        if self.editing:
            self.dismiss(None)
            return
        total = len(self.questionnaire().items)
        if self.position + 1 >= total:
            draft_of(self)["position"] = total - 1
            self.show(ReviewScreen(self.context))
            return
        await self._show(self.position + 1)

    async def _show(self, position: int) -> None:
        self.position = position
        draft_of(self)["position"] = position
        await self.recompose()
        self._focus_answer()

    def action_back(self) -> None:
        if self.editing or self.position == 0:
            self.dismiss(None)
            return
        self.run_worker(self._show(self.position - 1), exclusive=True, group="q-move")


class ReviewScreen(ContentMixin, KioskScreen):
    """Every answer, each one a button to change it; then "Send my answers"."""

    CSS_PATH = STYLES / "questionnaire.tcss"
    TITLE_TEXT = N_("Vérifiez vos réponses")
    SCREEN_NAME = "questionnaire-review"

    def compose_body(self) -> ComposeResult:
        yield Paragraph(self.tr("Touchez une question pour changer la réponse. Puis envoyez."),
                        id="q-review-hint")
        yield Notice(id="q-submit-notice", classes="error")
        yield BigButton(self.tr("Envoyer mes réponses"), key="1", pictogram="✉",
                        id="q-submit", variant="success")
        questionnaire = self.questionnaire()
        content = self.content()
        answers = draft_of(self)["answers"]
        width = min(self.app.size.width or 80, 150) - 12
        for number, item in enumerate(questionnaire.items, start=1):
            shown = answer_text(item, answers.get(item.id), content, questionnaire)
            yield Paragraph(f"{self.tr.number(number)}. {content(item.text)}",
                            rtl=None if content.is_translated(item.text) else False,
                            classes="q-review-question")
            yield BigButton(
                wrapped("✎ " + (shown or self.tr("(pas de réponse)")), width),
                id=f"q-review-{item.id}",
                classes="q-review-item",
            )

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if getattr(self, "_left", False) and self.resumed_for_this_parent:
            # back from changing an answer: show it
            self._left = False
            self.run_worker(self._show_again(), exclusive=True, group="q-review")

    async def _show_again(self) -> None:
        """Composed again (an answer may have changed); the focus goes back to the button
        that had it (the answer just changed), else to the first control."""
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        if not self.is_current:
            return
        again = self.query(f"#{focused}") if focused else None
        if again:
            again.first().focus()
        else:
            focus_first_control(self)

    @on(Button.Pressed, ".q-review-item")
    async def edit(self, event: Button.Pressed) -> None:
        event.stop()
        item_id = (event.button.id or "").removeprefix("q-review-")
        ids = [item.id for item in self.questionnaire().items]
        if item_id in ids:
            self.show(QuestionScreen(self.context, ids.index(item_id), editing=True))

    @on(Button.Pressed, "#q-submit")
    def submit(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one("#q-submit", BigButton).disabled = True
        draft = draft_of(self)
        self._save(dict(draft["answers"]), self.context.session.language, draft.get("code"))

    @work(thread=True, exclusive=True, group="q-submit")
    def _save(self, answers: dict[str, Any], language: str, code: str | None) -> None:
        context = self.context
        try:
            context.responses.add_response(context.questionnaire, answers, language, code=code)
        except (CodeRefused, QuestionnaireClosed) as refusal:
            self.app.call_from_thread(self._failed, refusal)
            return
        except StorageError:
            self.app.call_from_thread(self._failed, None)
            return
        orientation = context.orientation.orientation_for(answers, language)
        self.app.call_from_thread(self._saved, orientation)

    def _failed(self, refusal: CodeRefused | QuestionnaireClosed | None) -> None:
        self.query_one("#q-submit", BigButton).disabled = refusal is not None
        notice = self.query_one("#q-submit-notice", Notice)
        if refusal is None:
            notice.show(self.tr("Vos réponses n'ont pas pu être enregistrées. Demandez à "
                                "l'accueil de l'école, s'il vous plaît."))
        else:
            notice.show(refusal_text(self, refusal))
        notice.scroll_visible(animate=False)

    def _saved(self, orientation: Orientation) -> None:
        self.context.session.drop_draft(FLOW)
        self.show(ThanksScreen(self.context, orientation), over_home=True)


class ThanksScreen(ContentMixin, KioskScreen):
    """Thanks; for a parent who may need help: workshops, partners nearby, equipment loans."""

    CSS_PATH = STYLES / "questionnaire.tcss"
    TITLE_TEXT = N_("Merci pour vos réponses !")
    SCREEN_NAME = "questionnaire-thanks"
    SHOW_BACK = False

    def __init__(self, context: ScreenContext, orientation: Orientation) -> None:
        super().__init__(context)
        self.orientation = orientation

    def compose_body(self) -> ComposeResult:
        orientation = self.orientation
        yield Paragraph(self.tr("Vos réponses sont enregistrées, sans votre nom. "
                                "Elles aideront l'école."), id="q-thanks")
        # The ticket carries everything below: its button comes first (no need to scroll).
        with Row(classes="q-actions"):
            yield BigButton(self.tr("Imprimer mon ticket"), key="1", pictogram="🖶",
                            id="q-ticket", variant="primary")
            yield BigButton(self.tr("J'ai fini"), key="2", pictogram="✔", id="q-done")
        if orientation.needs_help:
            yield Paragraph(self.tr("L'école peut vous aider avec le numérique :"),
                            classes="q-orientation-title")
            if orientation.workshops:
                yield Paragraph(self.tr("Prochains ateliers à l'école :"),
                                classes="q-orientation-title")
                french = orientation.untranslated
                if any(title in french for title, _, _ in orientation.workshops):
                    yield Paragraph(self.tr(TEXT_FALLBACK_NOTE), id="q-workshops-untranslated")
                for title, start, place in orientation.workshops:
                    when = f"{self.tr.date(start.date(), 'full')}, {self.tr.time(start)}"
                    yield Paragraph(f"• {title}", rtl=self.tr.rtl and title not in french,
                                    classes="q-workshop -name")
                    yield Paragraph(when, classes="q-workshop")
                    if place:
                        yield Paragraph(place, rtl=self.tr.rtl and place not in french,
                                        classes="q-workshop")
                yield BigButton(self.tr("S'inscrire à un atelier"), key="3",
                                    pictogram="✎", id="q-workshops")
            if orientation.partners:
                yield Paragraph(self.tr("Lieux d'aide près de chez vous :"),
                                classes="q-orientation-title")
                for name, address, hours in orientation.partners:
                    yield Paragraph(f"• {name}", rtl=False, classes="q-partner -name")
                    if address:
                        yield Paragraph(address, rtl=False, classes="q-partner")
                    if hours:
                        yield Paragraph(hours, classes="q-partner")
            yield Paragraph(self.tr("Prêt de matériel :"), classes="q-orientation-title")
            if orientation.loan_info:
                yield Paragraph(orientation.loan_info, id="q-loan")
            yield BigButton(self.tr(LOAN_TITLE), key="4", pictogram="▭", id="q-loan-ask")

    @on(Button.Pressed, "#q-workshops")
    def workshops(self, event: Button.Pressed) -> None:
        event.stop()
        from screens.workshops import GUIDED

        # Offered only to a parent who said they needed help: a registration made now is
        # counted as such (its code's hash in a separate set; the answers stay anonymous).
        self.context.session.draft(GUIDED)["from"] = "questionnaire"
        tell(self, OpenFlow(Flow.WORKSHOPS))

    @on(Button.Pressed, "#q-loan-ask")
    def borrow(self, event: Button.Pressed) -> None:
        event.stop()
        from screens.loan import LoanDeviceScreen

        self.show(LoanDeviceScreen(self.context))

    @on(Button.Pressed, "#q-ticket")
    def ticket(self, event: Button.Pressed) -> None:
        event.stop()
        from kiosk.tickets import questionnaire_ticket

        context = self.context
        orientation = self.orientation
        ticket = questionnaire_ticket(
            context.tickets,
            context.session.language,
            needs_help=orientation.needs_help,
            workshops=orientation.workshops,
            french_workshops=orientation.french_workshops,
            untranslated=orientation.untranslated,
            partners=orientation.partners,
            loan_info=orientation.loan_info,
            qr=context.config.online.resources_url,
        )
        tell(self, ShowTicket(ticket))

    @on(Button.Pressed, "#q-done")
    def done(self, event: Button.Pressed) -> None:
        event.stop()
        tell(self, ParentFinished())
