"""Staff: the announcements — list with each language's status, write, edit, preview, translate.

French only (staff screens are not translated). The list shows, for every announcement, when
it comes out (or that it is held until the weekly publication) and one sign per language:
✔ translated, ✗ missing, ↻ to review (the French changed since it was translated).
Reading and writing go through :class:`kiosk.announcements.book.AnnouncementBook` in worker
threads; every change is recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DataTable, Input, Select, Static, TextArea

from kiosk.announcements.model import (
    CATEGORIES,
    Announcement,
    AnnouncementError,
    Status,
    parse_day,
)
from kiosk.core.languages import language
from kiosk.core.store import StorageError
from screens.base import STYLES
from screens.context import ScreenContext
from screens.staff.base import StaffScreen, text_box
from screens.staff.tables import Column, FittedTable
from screens.widgets import Paragraph, TextField, literal

LEGEND = (
    "✔ traduite   ✗ manquante   ↻ à revoir (le français a changé depuis la traduction)\n"
    "📌 épinglée   ! urgente   ⏳ en attente de la prochaine parution"
)
#: French labels of the categories, for staff.
CATEGORY_WORDS = {code: label for code, label in CATEGORIES.items()}


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


#: When parents see an announcement, in the staff's words: (sentence, table cell) per case.
#: The cell takes at most 14 cells, so that with eleven languages the table fits 80 columns
#: without cutting a date.
WHEN = {
    "ended": ("terminée le {until:%d/%m/%Y}", "finie le {until:%d/%m}"),
    "held": ("en attente → {release:%d/%m %H:%M}", "→ {release:%d/%m %H:%M}"),
    "later": ("à partir du {start:%d/%m/%Y}", "dès le {start:%d/%m}"),
    "out": ("publiée {release:%d/%m %H:%M}", "{release:%d/%m %H:%M}"),
}


def when_line(announcement: Announcement, now: dt.datetime, *, cell: bool = False) -> str:
    """When parents see it, in the staff's words (`cell`: the short form of the table)."""
    if announcement.is_expired(now):
        case = "ended"
    elif not announcement.is_released(now):
        case = "held"
    elif now.date() < announcement.visible_from:
        case = "later"
    else:
        case = "out"
    return WHEN[case][cell].format(until=announcement.visible_until,
                                   release=announcement.release,
                                   start=announcement.visible_from)


class AnnouncementsStaffScreen(StaffScreen):
    """Every announcement of the year, with its translations at a glance."""

    TITLE_TEXT = "Annonces"

    def compose_body(self) -> ComposeResult:
        services = self.context
        book = services.announcements
        day = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")[
            book.rhythm.weekday
        ]
        yield Static(
            literal(
                f"Parution chaque {day} à {book.rhythm.time:%H:%M} (réglage [announcements]). "
                "Une annonce écrite après la dernière parution attend la suivante, sauf si elle "
                "est urgente."
            ),
            classes="staff-help",
        )
        yield Static(literal(LEGEND), id="announcements-legend")
        yield Static(literal("Chargement…"), id="announcements-status")
        yield FittedTable(id="announcements-table")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Nouvelle annonce"), id="announcement-new", variant="primary")
            yield Button(literal("Modifier (Entrée)"), id="announcement-open")

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="staff-announcements")
    def load(self) -> None:
        try:
            items = self.context.announcements.all()
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show, items)

    def _status(self, text: str) -> None:
        self.query_one("#announcements-status", Static).update(literal(text))

    def _show(self, items: list[Announcement]) -> None:
        services = self.context
        langs = services.announcements.languages
        now = services.now()
        table = self.query_one("#announcements-table", FittedTable)
        # The title gives way first; signs and dates are never cut.
        table.set_columns([Column("Titre", "title", cut=True),
                           Column("", "marks", cut=False),
                           *(Column(lang, f"lang-{lang}", cut=False) for lang in langs),
                           Column("Parution", "when", cut=False)])
        for item in items:
            marks = ("📌" if item.pinned else "") + ("!" if item.urgent else "")
            marks += "" if item.is_released(now) else "⏳"
            table.add_row(
                item.title,  # shown literally, shaped if typed in Arabic or Persian
                marks,
                *[item.status(lang).symbol for lang in langs],
                when_line(item, now, cell=True),
                key=item.id,
            )
        if not items:
            self._status("Aucune annonce cette année. « Nouvelle annonce » pour commencer.")
        else:
            missing = sum(
                1 for item in items for lang in langs if item.status(lang) is not Status.TRANSLATED
            )
            self._status(f"{len(items)} annonce(s) ; {missing} traduction(s) à faire ou revoir.")
        self._items = {item.id: item for item in items}

    def _selected(self) -> Announcement | None:
        table = self.query_one("#announcements-table", FittedTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return getattr(self, "_items", {}).get(key)

    @on(DataTable.RowSelected, "#announcements-table")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = getattr(self, "_items", {}).get(event.row_key.value)
        if item is not None:
            self.show(AnnouncementEditorScreen(self.context, item))

    @on(Button.Pressed, "#announcement-open")
    def open_selected(self, event: Button.Pressed) -> None:
        event.stop()
        item = self._selected()
        if item is not None:
            self.show(AnnouncementEditorScreen(self.context, item))

    @on(Button.Pressed, "#announcement-new")
    def new(self, event: Button.Pressed) -> None:
        event.stop()
        self.show(AnnouncementEditorScreen(self.context, None))


class AnnouncementEditorScreen(StaffScreen):
    """Write a new announcement or change one; preview it; open a translation."""

    TITLE_TEXT = "Annonce"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Enregistrer", show=False),
    ]

    def __init__(self, context: ScreenContext, announcement: Announcement | None) -> None:
        super().__init__(context)
        self.announcement = announcement
        self._confirm_delete = False

    def compose_body(self) -> ComposeResult:
        a = self.announcement
        services = self.context
        langs = services.announcements.languages
        if a is not None:
            statuses = "   ".join(f"{lang} {a.status(lang).symbol}" for lang in langs)
            yield Static(literal(f"{a.id} — {when_line(a, services.now())}"),
                         id="editor-when")
            yield Static(literal(f"Traductions : {statuses}"), id="editor-statuses")
        yield Static(literal("Titre (en français)"), classes="staff-label")
        yield TextField(a.title if a else "", id="editor-title", max_length=160,
                        notice="editor-message")
        yield Static(literal("Texte (en français ; une ligne vide sépare les paragraphes)"),
                     classes="staff-label")
        yield from text_box(a.text if a else "", id="editor-text")
        with Horizontal(classes="staff-row"):
            with Vertical():
                yield Static(literal("Catégorie"), classes="staff-label")
                yield Select(
                    [(label, code) for code, label in CATEGORY_WORDS.items()],
                    value=a.category if a else "info",
                    allow_blank=False,
                    id="editor-category",
                )
            with Vertical():
                yield Static(literal("Visible à partir du (JJ/MM/AAAA)"), classes="staff-label")
                yield TextField(_day(a.visible_from if a else services.today()),
                                id="editor-from")
            with Vertical():
                yield Static(literal("Jusqu'au (vide : sans fin)"), classes="staff-label")
                yield TextField(_day(a.visible_until) if a else "", id="editor-until")
        with Horizontal(classes="staff-row"):
            yield Checkbox(literal("Épinglée (en tête de liste)"), a.pinned if a else False,
                           id="editor-pinned")
            yield Checkbox(literal("Urgente (paraît tout de suite)"), a.urgent if a else False,
                           id="editor-urgent")
        yield Static("", id="editor-message", markup=False)
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Enregistrer (Ctrl+S)"), id="editor-save", variant="primary")
            if a is not None:
                yield Button(literal("Supprimer"), id="editor-delete", variant="error")
        if a is not None:
            options = [(f"{language(code).native_name} ({code})", code) for code in langs]
            with Horizontal(classes="staff-row"):
                yield Select(options, value=langs[0] if langs else Select.BLANK,
                             allow_blank=not langs, id="editor-lang")
                yield Button(literal("Aperçu"), id="editor-preview")
                yield Button(literal("Traduction…"), id="editor-translate")
            yield Button(literal("Aperçu en français"), id="editor-preview-fr")

    # -- saving --------------------------------------------------------------------------------

    def _message(self, text: str, error: bool = False) -> None:
        # A save that ends after staff left the editor has no message line to show it in.
        for message in self.query("#editor-message").results(Static):
            message.set_class(error, "staff-problem")
            message.update(literal(text))

    def _form(self) -> dict[str, Any]:
        until = parse_day(self.query_one("#editor-until", Input).value, "Date de fin")
        start = parse_day(self.query_one("#editor-from", Input).value, "Date de début")
        return {
            "title": self.query_one("#editor-title", Input).value,
            "text": self.query_one("#editor-text", TextArea).text,
            "category": str(self.query_one("#editor-category", Select).value),
            "visible_from": start or self.context.today(),
            "visible_until": until,
            "pinned": self.query_one("#editor-pinned", Checkbox).value,
            "urgent": self.query_one("#editor-urgent", Checkbox).value,
        }

    @on(Button.Pressed, "#editor-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            fields = self._form()
        except AnnouncementError as exc:
            self._message(str(exc), error=True)
            return
        self.query_one("#editor-save", Button).disabled = True
        self._save(fields)

    @work(thread=True, exclusive=True, group="announcement-save")
    def _save(self, fields: dict[str, Any]) -> None:
        services = self.context
        book = services.announcements
        try:
            if self.announcement is None:
                saved = book.write(**fields)
                services.audit.record("announcement.write", f"« {saved.title} » ({saved.id})")
            else:
                saved = book.edit(self.announcement.id, **fields)
                services.audit.record("announcement.edit", f"« {saved.title} » ({saved.id})")
        except (AnnouncementError, StorageError) as exc:
            self.app.call_from_thread(self.call_later, self._saved, None, str(exc))
            return
        self.app.call_from_thread(self.call_later, self._saved, saved, "")

    async def _saved(self, saved: Announcement | None, problem: str) -> None:
        if saved is None:
            self.query_one("#editor-save", Button).disabled = False
            self._message(problem, error=True)
            return
        self.announcement = saved
        if not self.is_attached:  # staff left the editor meanwhile: the save stands
            return
        await self.recompose()
        now = self.context.now()
        outdated = [lang for lang, s in saved.statuses(saved.translations).items()
                    if s is Status.OUTDATED]
        note = f"Enregistrée — {when_line(saved, now)}."
        if outdated:
            note += f" Traductions à revoir : {', '.join(outdated)}."
        self._message(note)

    # -- deleting ------------------------------------------------------------------------------

    @on(Button.Pressed, "#editor-delete")
    def delete_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if not self._confirm_delete:
            self._confirm_delete = True
            event.button.label = literal("Confirmer la suppression")
            self._message("Appuyez encore pour supprimer l'annonce et ses traductions.", True)
            return
        self._delete()

    @work(thread=True, exclusive=True, group="announcement-save")
    def _delete(self) -> None:
        services = self.context
        assert self.announcement is not None
        try:
            gone = services.announcements.remove(self.announcement.id)
            services.audit.record("announcement.remove", f"« {gone.title} » ({gone.id})")
        except (AnnouncementError, StorageError) as exc:
            self.app.call_from_thread(self._message, str(exc), True)
            return
        self.app.call_from_thread(self.app.pop_screen)

    # -- preview and translation ---------------------------------------------------------------

    def _chosen_lang(self) -> str | None:
        value = self.query_one("#editor-lang", Select).value
        return value if isinstance(value, str) else None

    @on(Button.Pressed, "#editor-preview")
    def preview(self, event: Button.Pressed) -> None:
        event.stop()
        lang = self._chosen_lang()
        if self.announcement is not None and lang:
            self.app.push_screen(PreviewModal(self.context, self.announcement, lang))

    @on(Button.Pressed, "#editor-preview-fr")
    def preview_fr(self, event: Button.Pressed) -> None:
        event.stop()
        if self.announcement is not None:
            self.app.push_screen(PreviewModal(self.context, self.announcement, "fr"))

    @on(Button.Pressed, "#editor-translate")
    def translate(self, event: Button.Pressed) -> None:
        event.stop()
        lang = self._chosen_lang()
        if self.announcement is not None and lang:
            self.app.push_screen(TranslationEditorScreen(self.context, self.announcement, lang),
                                 self._translated)

    async def _translated(self, result: object) -> None:
        if isinstance(result, Announcement):
            self.announcement = result
            await self.recompose()
            self._message("Traduction enregistrée.")


class TranslationEditorScreen(StaffScreen):
    """The translation of one announcement into one language, beside the French."""

    TITLE_TEXT = "Traduction"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Enregistrer", show=False),
    ]

    def __init__(self, context: ScreenContext, announcement: Announcement, lang: str) -> None:
        super().__init__(context)
        self.announcement = announcement
        self.lang = lang

    def compose_body(self) -> ComposeResult:
        a = self.announcement
        name = language(self.lang).native_name
        status = a.status(self.lang)
        yield Static(literal(f"{a.id} — {name} ({self.lang}) : {status.label}"),
                     id="translation-status")
        yield Static(literal("Français :"), classes="staff-label")
        with VerticalScroll(id="translation-source"):
            yield Static(literal(a.title), classes="staff-source-title")
            yield Static(literal(a.text), classes="staff-source")
        old = a.translations.get(self.lang)
        yield Static(literal(f"Titre en {name}"), classes="staff-label")
        yield TextField(old.title if old else "", id="translation-title", max_length=160,
                        notice="translation-message")
        yield Static(literal(f"Texte en {name}"), classes="staff-label")
        yield from text_box(old.text if old else "", id="translation-text",
                            rtl=language(self.lang).rtl)
        yield Static("", id="translation-message", markup=False)
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Enregistrer (Ctrl+S)"), id="translation-save",
                         variant="primary")

    @on(Button.Pressed, "#translation-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.query_one("#translation-save", Button).disabled = True
        self._save(self.query_one("#translation-title", Input).value,
                   self.query_one("#translation-text", TextArea).text)

    @work(thread=True, exclusive=True, group="translation-save")
    def _save(self, title: str, text: str) -> None:
        services = self.context
        try:
            saved = services.announcements.translate(self.announcement.id, self.lang, title,
                                                     text)
            services.audit.record("announcement.translate",
                                  f"{self.announcement.id} en {self.lang}")
        except (AnnouncementError, StorageError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.dismiss, saved)

    def _failed(self, problem: str) -> None:
        self.query_one("#translation-save", Button).disabled = False
        message = self.query_one("#translation-message", Static)
        message.add_class("staff-problem")
        message.update(literal(problem))


class PreviewModal(ModalScreen[None]):
    """What a parent would read in one language (fallback line included)."""

    CSS_PATH = STYLES / "staff" / "staff.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def __init__(self, context: ScreenContext, announcement: Announcement, lang: str) -> None:
        super().__init__()
        self.context = context
        self.announcement = announcement
        self.lang = lang

    def compose(self) -> ComposeResult:
        services = self.context
        tr = services.i18n.translator(self.lang)
        shown = services.announcements.reading(self.announcement, tr)
        with VerticalScroll(id="preview-box"):
            yield Static(literal(f"Aperçu — {tr.language.native_name} ({self.lang})"),
                         classes="staff-title")
            yield Paragraph(shown.title, rtl=shown.rtl, classes="preview-title")
            yield Paragraph(f"{shown.category} · {shown.published_text}", rtl=tr.rtl,
                            classes="preview-meta")
            if shown.note:
                yield Paragraph(shown.note, rtl=tr.rtl, id="preview-fallback")
            yield Paragraph(shown.text, rtl=shown.rtl, id="preview-text")
            yield Button(literal("Fermer (Échap)"), id="preview-close")

    @on(Button.Pressed, "#preview-close")
    def close_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
