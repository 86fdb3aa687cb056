"""Staff: the questionnaire's results, as bars drawn in the terminal (French).

The same figures as ``kiosk report`` (computed by :mod:`kiosk.questionnaire.results`, in a
worker thread): the "à discuter" list, the school's goals and where it stands, responses
and response rate, responses per category, level and language, the rate and means per
category, the mean per domain and per statement, the family indicators and the answers to
Part 2, beside the previous school year's. No figure about fewer than
``[questionnaire] min_group_size`` responses is shown ("pas encore assez de réponses").

The lines are laid out for the width the screen has (:func:`laid_out`): labels and bars
narrow so that each bar and its figures hold on one line, the figures all start in the same
column, and a longer line (a heading) wraps between words. They are laid out again when the
terminal is resized.

Two buttons: "Objectifs" opens the goals screen (:mod:`screens.staff.goals`); "Écrire le
rapport" writes the report for the council (both versions) into the chosen folder: the data
folder's ``reports/`` or a USB stick mounted under /media or /run/media
(:mod:`kiosk.questionnaire.council`); a clear message when none can be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Select, Static

from kiosk.core.display import text_width, wrap
from kiosk.core.store import StorageError
from kiosk.questionnaire.council import Target, no_target_text, report_targets
from kiosk.questionnaire.goals import GoalStanding
from kiosk.questionnaire.paper import channel_text
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.summary import text_lines
from screens.staff.base import StaffScreen
from screens.widgets import literal

#: The widest and narrowest labels and bars of the results' lines.
LABEL_WIDTHS = (14, 34)
BAR_WIDTHS = (6, 30)


def laid_out(results: Results, width: int, goals: Sequence[GoalStanding] = ()) -> list[str]:
    """The results' lines for a text `width` cells wide (see the module's docstring)."""
    figures = _figures_width(results)
    room = width - 4 - figures  # two spaces of indent, a space either side of the bar
    label = max(LABEL_WIDTHS[0], min(LABEL_WIDTHS[1], room * 3 // 5))
    bar = max(BAR_WIDTHS[0], min(BAR_WIDTHS[1], room - label))
    lines: list[str] = []
    for line in text_lines(results, bar_width=bar, label_width=label, goals=goals):
        if text_width(line) <= width:
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))] + "  "
        first, *rest = wrap(line, width)
        lines.append(first)
        lines.extend(indent + part for part in wrap(" ".join(rest), width - len(indent)))
    return lines


def _figures_width(results: Results) -> int:
    """The widest figures written after a bar: a bar line is the one whose width follows the
    bar's width (the lines are drawn twice, with bars one cell apart)."""
    wide = text_lines(results, bar_width=BAR_WIDTHS[1], label_width=LABEL_WIDTHS[1])
    narrow = text_lines(results, bar_width=BAR_WIDTHS[1] - 1, label_width=LABEL_WIDTHS[1])
    if len(wide) != len(narrow):
        return 16
    before = 4 + BAR_WIDTHS[1] + LABEL_WIDTHS[1]
    return max((text_width(a) - before for a, b in zip(wide, narrow, strict=True)
                if text_width(a) - text_width(b) == 1), default=0)


@dataclass(frozen=True)
class Loaded:
    """What the screen shows: the results, the goals beside them, the kiosk/paper split."""

    results: Results
    goals: tuple[GoalStanding, ...]
    channels: str


class ResultsScreen(StaffScreen):
    """The results of the current school year, the goals, and the report for the council."""

    TITLE_TEXT = "Résultats du questionnaire"
    DEFAULT_CSS = """
    #report-actions { height: auto; }
    #report-target { width: 2fr; }
    #report-actions Button { width: auto; min-width: 20; }
    #report-status { margin: 0 0 1 0; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static(
            literal(
                "Le rapport pour le conseil d'école (une version à imprimer en A4 et une version "
                "à projeter) s'écrit ici, dans le dossier du kiosque ou sur une clé USB. Aussi : "
                "kiosk report --out DOSSIER ; pour un tableur : kiosk export responses, kiosk "
                "export trends."
            ),
            classes="settings-note",
        )
        with Horizontal(id="results-actions"):
            yield Button(literal("Actualiser"), id="results-refresh", classes="staff-action")
            yield Button(literal("Objectifs"), id="results-goals", classes="staff-action")
        with Horizontal(id="report-actions"):
            yield Select[str]([], prompt="Où écrire le rapport ?", id="report-target",
                              allow_blank=True)
            yield Button(literal("Écrire le rapport"), id="report-write", variant="primary")
            yield Button(literal("Chercher les clés USB"), id="report-drives")
        yield Static(literal(""), id="report-status", markup=False)
        yield Static(literal("Calcul des résultats…"), id="results-status")
        yield Static(literal(""), id="results-channels", markup=False)
        yield Static(literal(""), id="results-figures", markup=False)

    def on_mount(self) -> None:
        self._loaded: Loaded | None = None
        self._laid_for = 0
        self._targets: list[Target] = []
        self._find_drives()

    def on_screen_resume(self) -> None:
        self._load()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._lay_out)

    @on(Button.Pressed, "#results-refresh")
    def refresh_results(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one("#results-status", Static).update(literal("Calcul des résultats…"))
        self._load()

    @on(Button.Pressed, "#results-goals")
    def open_goals(self, event: Button.Pressed) -> None:
        event.stop()
        from screens.staff.goals import GoalsScreen

        self.show(GoalsScreen(self.context))

    @work(thread=True, exclusive=True, group="results")
    def _load(self) -> None:
        from kiosk.questionnaire.goals import standing

        services = self.context
        try:
            results = services.results.school_results()
            goals = standing(services.goals.all(), services.questionnaire, results,
                             services.today())
            channels = channel_text(services.responses.channel_counts(),
                                    services.config.questionnaire.min_group_size)
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show, Loaded(results, tuple(goals), channels))

    def _status(self, text: str) -> None:
        self.query_one("#results-status", Static).update(literal(text))

    def _show(self, loaded: Loaded) -> None:
        # kiosk and paper answers are counted together; how many came each way, apart
        self.query_one("#results-channels", Static).update(literal(loaded.channels))
        if loaded.results.responses == 0:
            self._status("Aucune réponse au questionnaire pour l'instant cette année.")
        else:
            self._status("")
        self._loaded, self._laid_for = loaded, 0
        self._lay_out()

    def _lay_out(self) -> None:
        """Lay the results out for the figures' width now (again only when it changed)."""
        figures = self.query_one("#results-figures", Static)
        width = figures.content_region.width or max(self.app.size.width - 4, 20)
        if self._loaded is None or width == self._laid_for:
            return
        self._laid_for = width
        figures.update(literal("\n".join(laid_out(self._loaded.results, width,
                                                   self._loaded.goals))))

    # --- the report for the council -------------------------------------------------------

    @on(Button.Pressed, "#report-drives")
    def look_for_drives(self, event: Button.Pressed) -> None:
        event.stop()
        self._find_drives()

    @work(thread=True, exclusive=True, group="report-targets")
    def _find_drives(self) -> None:
        targets = report_targets(self.context.data_dir)
        self.app.call_from_thread(self._show_targets, targets)

    def _show_targets(self, targets: list[Target]) -> None:
        self._targets = targets
        select: Select[str] = self.query_one("#report-target", Select)
        usable = [t for t in targets if t.writable]
        select.set_options((t.label, str(t.path)) for t in usable)
        if usable:
            select.value = str(usable[-1].path)  # a stick just plugged in comes last
        drives = len(targets) - 1
        said = no_target_text(targets) or (
            f"{drives} clé(s) USB trouvée(s)." if drives else
            "Aucune clé USB trouvée : le rapport ira dans le dossier du kiosque.")
        self.query_one("#report-status", Static).update(literal(said))

    @on(Button.Pressed, "#report-write")
    def write_report(self, event: Button.Pressed) -> None:
        event.stop()
        value = self.query_one("#report-target", Select).value
        if not isinstance(value, str):
            said = no_target_text(self._targets) or "Choisissez d'abord où écrire le rapport."
            self.query_one("#report-status", Static).update(literal(said))
            return
        self.query_one("#report-status", Static).update(literal("Écriture du rapport…"))
        self._write(Path(value))

    @work(thread=True, exclusive=True, group="report-write")
    def _write(self, target: Path) -> None:
        from kiosk.questionnaire.council import report_folder, write_council_report

        services = self.context
        folder = report_folder(target, services.responses.year)
        try:
            from kiosk.booking.attendance import attendance_lines

            min_group = services.config.questionnaire.min_group_size
            path, _results = write_council_report(
                services.results, services.goals.all(), folder,
                school=services.config.school.name, now=services.now(),
                workshops=attendance_lines(services.booking.workshops.figures(
                    min_group=min_group)))
            services.audit.record("export", f"Rapport du questionnaire → {folder}")
            said = (f"Rapport écrit dans {folder} : {path.name} (à imprimer) et "
                    "rapport-projection.html (à projeter), graphiques/ pour les diapositives.")
        except (OSError, StorageError) as exc:
            said = (f"Rapport non écrit dans {folder} : {getattr(exc, 'strerror', None) or exc}."
                    " Vérifiez la clé (pleine ? protégée en écriture ?) ou choisissez un autre "
                    "dossier.")
        self.app.call_from_thread(
            self.query_one("#report-status", Static).update, literal(said))
