"""Staff: the dashboard, the first thing staff see in the staff area.

Today's appointments per person, workshops to come, questionnaire responses, the print queue
and printer, families to contact, parents' help requests (with "J'y vais"), and storage
problems. The figures come from :meth:`kiosk.staff.dashboard.StaffDashboard.gather`, in a
thread worker, refreshed every :data:`REFRESH_SECONDS` and after each action.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.audio.speech import Speech
from kiosk.booking.attendance import attendance_lines
from kiosk.core.store import StorageError
from kiosk.printing.problems import plain
from kiosk.staff.dashboard import Dashboard
from screens.context import context_of
from screens.staff.help_requests import SCREEN_WORDS
from screens.widgets import literal

REFRESH_SECONDS = 30.0


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def appointments_text(board: Dashboard) -> str:
    if board.appointments is None:
        return "Rendez-vous : module non installé."
    if not board.appointments:
        return "Rendez-vous aujourd'hui : aucun créneau."
    lines = ["Rendez-vous aujourd'hui :"]
    for day in board.appointments:
        lines.append(f"  {day.person} — {_plural(day.booked, 'rendez-vous', 'rendez-vous')}"
                     f" sur {_plural(len(day.lines), 'créneau', 'créneaux')}")
        for line in day.lines:
            text = line.who if line.booked or line.who else line.note
            extra = f" ({line.note})" if line.booked and line.note else ""
            if not line.booked and line.who and line.note:
                extra = f" ({line.note})"
            lines.append(f"    {line.time:%H:%M}  {text}{extra}")
    return "\n".join(lines)


def workshops_text(board: Dashboard) -> str:
    if board.workshops is None:
        return "Ateliers : module non installé."
    lines = ["Ateliers à venir :" if board.workshops else "Ateliers à venir : aucun."]
    for w in board.workshops:
        waiting = f", {w.waiting} en liste d'attente" if w.waiting else ""
        lines.append(f"  {w.start:%d/%m %H:%M}  {w.title} — {w.registered}/{w.capacity} "
                     f"inscrits{waiting}")
    if board.attendance is not None:
        lines.extend(f"  {line}" for line in attendance_lines(board.attendance))
    return "\n".join(lines)


def responses_text(board: Dashboard) -> str:
    figures = board.responses
    if figures is None:
        return "Questionnaire : module non installé."
    rate = (
        f", taux de réponse {figures.rate:.0%} ({figures.families} familles)"
        if figures.rate is not None
        else " (nombre de familles non réglé : [school] families)"
    )
    return (f"Questionnaire : {figures.today} réponse(s) aujourd'hui, "
            f"{figures.total} cette année{rate}.")


def audio_text(speech: Speech) -> str:
    """Whether parents can have the screens read aloud, and why not."""
    if not speech.available:
        return (f"Lecture à voix haute : indisponible — {speech.why_not}. Le bouton « Écouter » "
                "n'est pas proposé aux parents.")
    player = speech.player.name if speech.player else "?"
    auto = ", ".join(speech.settings.auto_read) or "aucune"
    return (f"Lecture à voix haute : disponible (lecteur {player}, volume "
            f"{speech.settings.volume} %, lecture automatique : {auto}).")


def loans_text(board: Dashboard) -> str:
    """ "Prêts à rendre" (due within 7 days or overdue) and the requests waiting."""
    figures = board.loans
    if figures is None:
        return "Prêts de matériel : module non installé."
    waiting = f"Demandes de prêt en attente : {figures.waiting}."
    if not figures.due:
        return f"Prêts à rendre (7 jours) : aucun. {waiting}"
    lines = [f"Prêts à rendre (7 jours) : {len(figures.due)}. {waiting}"]
    for name, device, due, overdue in figures.due:
        late = " — EN RETARD" if overdue else ""
        lines.append(f"  {due:%d/%m}  {name} — {device}{late}")
    return "\n".join(lines)


def printer_text(board: Dashboard) -> str:
    figures = board.printer
    if figures is None:
        return "Imprimante : module non installé."
    lines = [f"Imprimante : {figures.printer}"]
    if figures.status:  # what the printer says, or why it cannot be asked (plain French)
        lines.append(f"  État : {figures.status}")
    if figures.pending:
        lines.append(f"  {_plural(figures.pending, 'ticket')} en attente d'impression.")
        problem = plain(figures.last_error, figures.printer)  # what happened, what to do
        if problem and not figures.status.startswith(problem):  # not said twice
            lines.append(f"  ⚠ {problem}")
    else:
        lines.append("  File d'impression vide.")
    lines.extend(f"  ⚠ {warning}" for warning in figures.warnings)
    return "\n".join(lines)


class DashboardPanel(Vertical):
    """The dashboard, as a block of the staff home."""

    DEFAULT_CSS = """
    DashboardPanel { height: auto; }
    DashboardPanel Vertical { height: auto; }
    DashboardPanel Horizontal { height: auto; }
    DashboardPanel .dashboard-line { width: 1fr; }
    DashboardPanel .dashboard-title { width: 1fr; }
    """

    def __init__(self, *, id: str | None = "dashboard", start_problems: bool = True) -> None:
        super().__init__(id=id)
        self.board: Dashboard | None = None
        #: Whether to list the problems found at start (the staff home already lists them).
        self.start_problems = start_problems
        #: The printer's own answer and when it was asked (only on opening and "Actualiser").
        self._printer_checked: tuple[str, dt.datetime] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="dashboard-head"):
            yield Static(literal("Tableau de bord — chargement…"), id="dashboard-at",
                         classes="dashboard-title")
            yield Button(literal("Actualiser"), id="dashboard-refresh", compact=True)
        yield Vertical(id="dashboard-problems")
        yield Vertical(id="dashboard-help")
        yield Static(id="dashboard-appointments", classes="dashboard-part")
        yield Static(id="dashboard-workshops", classes="dashboard-part")
        yield Vertical(id="dashboard-notify")
        yield Static(id="dashboard-loans", classes="dashboard-part")
        yield Static(id="dashboard-responses", classes="dashboard-part")
        yield Static(id="dashboard-printer", classes="dashboard-part")
        yield Static(literal(audio_text(context_of(self).speech)), id="dashboard-audio",
                     classes="dashboard-part")

    def on_mount(self) -> None:
        self.refresh_figures(query_printer=True)
        # The periodic refresh does not ask the printer itself (a network printer serves one
        # connection at a time: a ticket being printed comes first).
        self.set_interval(REFRESH_SECONDS, self.refresh_figures, name="dashboard")

    @on(Button.Pressed, "#dashboard-refresh")
    def _refresh_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.refresh_figures(query_printer=True)

    @work(thread=True, exclusive=True, group="dashboard")
    def refresh_figures(self, query_printer: bool = False) -> None:
        """Gather the figures off the event loop, then show them."""
        board = context_of(self).dashboard.gather(query_printer=query_printer)
        if board.printer is not None:
            if query_printer:
                self._printer_checked = (board.printer.status, board.at)
            elif self._printer_checked is not None and self._printer_checked[0]:
                status, when = self._printer_checked
                board.printer = replace(board.printer,
                                        status=f"{status} (vérifié à {when:%H:%M})")
        self.app.call_from_thread(self._deliver, board)

    def _deliver(self, board: Dashboard) -> None:
        self.call_later(self.show, board)

    async def show(self, board: Dashboard) -> None:
        self.board = board
        self.query_one("#dashboard-at", Static).update(
            literal(f"Tableau de bord — {board.at:%d/%m/%Y à %H:%M}"))
        for part, text in (
            ("#dashboard-appointments", appointments_text(board)),
            ("#dashboard-workshops", workshops_text(board)),
            ("#dashboard-loans", loans_text(board)),
            ("#dashboard-responses", responses_text(board)),
            ("#dashboard-printer", printer_text(board)),
        ):
            self.query_one(part, Static).update(literal(text))
        await self._show_problems(board)
        await self._show_help(board)
        await self._show_notify(board)

    async def _show_problems(self, board: Dashboard) -> None:
        box = self.query_one("#dashboard-problems", Vertical)
        await box.remove_children()
        shown_above = (
            set() if self.start_problems
            else {p.message for p in context_of(self).problems}
        )
        await box.mount_all(
            Static(literal("⚠ " + problem), classes="staff-problem")
            for problem in board.problems if problem not in shown_above
        )

    async def _show_help(self, board: Dashboard) -> None:
        box = self.query_one("#dashboard-help", Vertical)
        await box.remove_children()
        rows: list[Static | Horizontal] = []
        if board.callbacks:
            rows.append(Static(literal(f"☎ À rappeler : {board.callbacks} demande(s) "
                                       "(écran « À rappeler »)"), classes="dashboard-alert"))
        if board.help_requests is None:
            await box.mount_all(rows)
            return
        if not board.help_requests:
            rows.append(Static(literal("Demandes d'aide : aucune en attente."),
                               classes="dashboard-part"))
            await box.mount_all(rows)
            return
        rows.append(
            Static(literal(f"⚑ Demandes d'aide en attente : {len(board.help_requests)}"),
                   classes="dashboard-alert"))
        for request in board.help_requests:
            where = SCREEN_WORDS.get(request.came_from, request.came_from)
            spoken = f" ({request.language})" if request.language not in ("", "français") else ""
            rows.append(Horizontal(
                Static(literal(f"{request.when:%H:%M} — depuis {where}{spoken}"),
                       classes="dashboard-line"),
                Button(literal("J'y vais"), id=f"dash-ack-{request.id}",
                       classes="dashboard-ack", compact=True),
            ))
        await box.mount_all(rows)

    async def _show_notify(self, board: Dashboard) -> None:
        box = self.query_one("#dashboard-notify", Vertical)
        await box.remove_children()
        if board.to_notify is None:
            return
        if not board.to_notify:
            await box.mount(Static(literal("Familles à prévenir : aucune."),
                                   classes="dashboard-part"))
            return
        rows: list[Static | Horizontal] = [
            Static(literal(f"Familles à prévenir : {len(board.to_notify)}"),
                   classes="dashboard-alert")
        ]
        for index, item in enumerate(board.to_notify):
            phone = f", tél. {item.phone}" if item.phone else ", pas de téléphone"
            rows.append(Horizontal(
                Static(literal(f"{item.who}{phone} — {item.what} ({item.why})"),
                       classes="dashboard-line"),
                Button(literal("Prévenu"), id=f"dash-notified-{index}",
                       classes="dashboard-notified", compact=True),
            ))
        await box.mount_all(rows)

    # -- actions -----------------------------------------------------------------------------

    @on(Button.Pressed, ".dashboard-ack")
    def _ack_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        event.button.disabled = True
        self._acknowledge((event.button.id or "").removeprefix("dash-ack-"))

    @work(thread=True, group="dashboard-action")
    def _acknowledge(self, request_id: str) -> None:
        try:
            context_of(self).help_requests.acknowledge(request_id)
        except StorageError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
        self.app.call_from_thread(self.refresh_figures)

    @on(Button.Pressed, ".dashboard-notified")
    def _notified_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.board is None or self.board.to_notify is None:
            return
        index = int((event.button.id or "").rsplit("-", 1)[-1])
        if index >= len(self.board.to_notify):
            return
        item = self.board.to_notify[index]
        event.button.disabled = True
        self._mark_notified(item.kind, item.id)

    @work(thread=True, group="dashboard-action")
    def _mark_notified(self, kind: str, record_id: str) -> None:
        try:
            context_of(self).booking.notices.mark_notified(kind, record_id)
        except (StorageError, ValueError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
        self.app.call_from_thread(self.refresh_figures)
