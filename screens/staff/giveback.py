"""Staff: "Ce que vous avez dit" — what parents read of the questionnaire's results, and the
actions the school writes for them (French, one action a line), with their translations.

French only (staff screens are not translated). The figures come from the results (each one
about fewer than ``min_group_size`` responses says "pas encore assez de réponses"); the
actions are translated like announcements (✔ translated, ✗ missing, ↻ to review), here or with
``kiosk export translations`` / ``import translations``. Every change goes in the audit log.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Select, Static, TextArea

from kiosk.core.languages import language
from kiosk.core.school_texts import STATUS_LEGEND, Status, statuses_line
from kiosk.core.store import StorageError
from kiosk.questionnaire.giveback import GivebackFacts, staff_summary
from kiosk.questionnaire.giveback_actions import ActionsError, SchoolActions
from screens.context import ScreenContext
from screens.staff.base import StaffScreen, StaffToolScreen, text_box
from screens.widgets import literal

HELP = ("Ce que les parents lisent sous Annonces (« Ce que vous avez dit »), sur le ticket et "
        "sur le site publié par `kiosk publish` : trois chiffres du questionnaire et ce que "
        "l'école va faire. Un chiffre sur moins de {k} réponses dit « pas encore assez de "
        "réponses ». Sans chiffre ni action, les parents ne voient rien.")


class GivebackStaffScreen(StaffToolScreen[GivebackFacts]):
    """The summary for parents, and the school's actions to write and translate."""

    TITLE_TEXT = "Ce que vous avez dit (résultats rendus aux parents)"
    DEFAULT_CSS = """
    #giveback-text { height: 7; }
    #giveback-summary { margin: 1 0; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Enregistrer", show=False),
    ]

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context)
        self.actions: SchoolActions | None = None
        self._filled = False

    def compose_body(self) -> ComposeResult:
        k = self.context.config.questionnaire.min_group_size
        yield Static(literal(HELP.format(k=k)), classes="staff-help")
        yield Static(literal("Chargement…"), id="giveback-summary")
        yield Static(literal("Ce que l'école va faire (en français, une action par ligne ; "
                             "vide : aucune action)"), classes="staff-label")
        yield from text_box("", id="giveback-text")
        yield Static("", id="giveback-statuses", markup=False)
        langs = self.context.giveback.actions.languages
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Enregistrer (Ctrl+S)"), id="giveback-save", variant="primary")
            yield Select([(f"{language(code).native_name} ({code})", code) for code in langs],
                         value=langs[0] if langs else Select.BLANK, allow_blank=not langs,
                         id="giveback-lang")
            yield Button(literal("Traduction…"), id="giveback-translate")
        yield Static("", id="staff-status", markup=False)

    def read(self) -> GivebackFacts:
        return self.context.giveback.facts()

    def show_data(self, data: GivebackFacts) -> None:
        self.actions = data.actions
        self.query_one("#giveback-summary", Static).update(
            literal(staff_summary(data, self.context.i18n.translator("fr"))))
        langs = self.context.giveback.actions.languages
        statuses = ("Traductions : " + statuses_line(data.actions, langs) + "\n" + STATUS_LEGEND
                    if data.actions is not None else "Aucune action écrite pour l'instant.")
        self.query_one("#giveback-statuses", Static).update(literal(statuses))
        if not self._filled:
            self._filled = True
            self.query_one("#giveback-text", TextArea).load_text(
                data.actions.text if data.actions else "")

    @on(Button.Pressed, "#giveback-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#giveback-text", TextArea).text
        self.perform(lambda: self._save(text))

    def _save(self, text: str) -> str:
        try:
            saved = self.context.giveback.actions.set(text)
        except ActionsError as exc:
            return f"⚠ {exc}"
        if saved is None:
            self.context.audit.record("giveback.actions", "actions effacées")
            return "Actions effacées."
        self.context.audit.record("giveback.actions", f"{len(saved.lines())} action(s)")
        outdated = [lang for lang, status in saved.statuses(saved.translations).items()
                    if status is Status.OUTDATED]
        note = f" Traductions à revoir : {', '.join(outdated)}." if outdated else ""
        return f"Enregistré : {len(saved.lines())} action(s).{note}"

    @on(Button.Pressed, "#giveback-translate")
    def translate(self, event: Button.Pressed) -> None:
        event.stop()
        lang = self.query_one("#giveback-lang", Select).value
        if self.actions is None:
            self.status("⚠ Écrivez et enregistrez d'abord les actions en français.")
            return
        if isinstance(lang, str):
            self.app.push_screen(GivebackTranslationScreen(self.context, self.actions, lang),
                                 self._translated)

    def _translated(self, result: object) -> None:
        if isinstance(result, SchoolActions):
            self.status("Traduction enregistrée.")
            self.reload()


class GivebackTranslationScreen(StaffScreen):
    """The translation of the school's actions into one language, beside the French."""

    TITLE_TEXT = "Traduction des actions"
    DEFAULT_CSS = """
    #giveback-translation { height: 7; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Enregistrer", show=False),
    ]

    def __init__(self, context: ScreenContext, actions: SchoolActions, lang: str) -> None:
        super().__init__(context)
        self.actions = actions
        self.lang = lang

    def compose_body(self) -> ComposeResult:
        name = language(self.lang).native_name
        yield Static(literal(f"{name} ({self.lang}) : {self.actions.status(self.lang).label}"),
                     id="giveback-translation-status")
        yield Static(literal("Français :"), classes="staff-label")
        with VerticalScroll(id="translation-source"):
            yield Static(literal(self.actions.text), classes="staff-source")
        old = self.actions.translations.get(self.lang)
        yield Static(literal(f"En {name} (une action par ligne, dans le même ordre)"),
                     classes="staff-label")
        yield from text_box(old.text if old else "", id="giveback-translation",
                            rtl=language(self.lang).rtl)
        yield Static("", id="giveback-translation-message", markup=False)
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Enregistrer (Ctrl+S)"), id="giveback-translation-save",
                         variant="primary")

    @on(Button.Pressed, "#giveback-translation-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.query_one("#giveback-translation-save", Button).disabled = True
        self._save(self.query_one("#giveback-translation", TextArea).text)

    @work(thread=True, exclusive=True, group="giveback-translation")
    def _save(self, text: str) -> None:
        context = self.context
        try:
            saved = context.giveback.actions.translate(self.lang, text)
            context.audit.record("giveback.translate", f"actions en {self.lang}")
        except (ActionsError, StorageError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.dismiss, saved)

    def _failed(self, problem: str) -> None:
        self.query_one("#giveback-translation-save", Button).disabled = False
        message = self.query_one("#giveback-translation-message", Static)
        message.add_class("staff-problem")
        message.update(literal(problem))
