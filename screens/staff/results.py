"""Staff: the questionnaire's results, as bars drawn in the terminal (French).

The same figures as ``kiosk report`` (computed by :mod:`kiosk.questionnaire.results`, in a worker
thread): the "à discuter" list, responses and response rate, responses per category, level and
language, the rate and means per category, the mean per domain and per statement, the family
indicators and the answers to Part 2, beside the previous school year's. No figure about fewer
than ``[questionnaire] min_group_size`` responses is shown ("pas encore assez de réponses").

The lines are laid out for the width the screen has (:func:`laid_out`): labels and bars
narrow so that each bar and its figures hold on one line, the figures all start in the same
column, and a longer line (a heading) wraps between words. They are laid out again when the
terminal is resized.
"""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from kiosk.core.display import text_width, wrap
from kiosk.core.store import StorageError
from kiosk.questionnaire.paper import channel_text
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.summary import text_lines
from screens.staff.base import StaffScreen
from screens.widgets import literal

#: The widest and narrowest labels and bars of the results' lines.
LABEL_WIDTHS = (14, 34)
BAR_WIDTHS = (6, 30)


def laid_out(results: Results, width: int) -> list[str]:
    """The results' lines for a text `width` cells wide (see the module's docstring)."""
    figures = _figures_width(results)
    room = width - 4 - figures  # two spaces of indent, a space either side of the bar
    label = max(LABEL_WIDTHS[0], min(LABEL_WIDTHS[1], room * 3 // 5))
    bar = max(BAR_WIDTHS[0], min(BAR_WIDTHS[1], room - label))
    lines: list[str] = []
    for line in text_lines(results, bar_width=bar, label_width=label):
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


class ResultsScreen(StaffScreen):
    """The results of the current school year."""

    TITLE_TEXT = "Résultats du questionnaire"

    def compose_body(self) -> ComposeResult:
        yield Static(
            literal(
                "Pour le conseil d'école : kiosk report --out DOSSIER (page HTML avec les "
                "graphiques). Pour un tableur : kiosk export responses --format csv --out "
                "reponses.csv"
            ),
            classes="settings-note",
        )
        with Horizontal(id="results-actions"):
            yield Button(literal("Actualiser"), id="results-refresh", classes="staff-action")
        yield Static(literal("Calcul des résultats…"), id="results-status")
        yield Static(literal(""), id="results-channels", markup=False)
        yield Static(literal(""), id="results-figures", markup=False)

    def on_mount(self) -> None:
        self._results: Results | None = None
        self._laid_for = 0
        self._load()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._lay_out)

    @on(Button.Pressed, "#results-refresh")
    def refresh_results(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one("#results-status", Static).update(literal("Calcul des résultats…"))
        self._load()

    @work(thread=True, exclusive=True, group="results")
    def _load(self) -> None:
        services = self.context
        try:
            results = services.results.school_results()
            channels = channel_text(services.responses.channel_counts(),
                                    services.config.questionnaire.min_group_size)
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show, results, channels)

    def _status(self, text: str) -> None:
        self.query_one("#results-status", Static).update(literal(text))

    def _show(self, results: Results, channels: str) -> None:
        # kiosk and paper answers are counted together; how many came each way, apart
        self.query_one("#results-channels", Static).update(literal(channels))
        if results.responses == 0:
            self._status("Aucune réponse au questionnaire pour l'instant cette année.")
        else:
            self._status("")
        self._results, self._laid_for = results, 0
        self._lay_out()

    def _lay_out(self) -> None:
        """Lay the results out for the figures' width now (again only when it changed)."""
        figures = self.query_one("#results-figures", Static)
        width = figures.content_region.width or max(self.app.size.width - 4, 20)
        if self._results is None or width == self._laid_for:
            return
        self._laid_for = width
        figures.update(literal("\n".join(laid_out(self._results, width))))
