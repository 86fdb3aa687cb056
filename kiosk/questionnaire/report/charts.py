"""The report's charts, written by hand as SVG: horizontal bars, stacked answer bars and small
trend lines — text and shapes, nothing that needs a plotting library, no external font.

Every chart says on how many responses it rests; a figure withheld for anonymity
(:mod:`kiosk.questionnaire.suppression`) is drawn as "pas encore assez de réponses", never as a
bar or a point.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

from kiosk.questionnaire.figures import (
    Breakdown,
    ChoiceResult,
    StatementResult,
    decimal,
    percent,
)
from kiosk.questionnaire.report.model import ReportExtras
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.suppression import NOT_ENOUGH
from kiosk.questionnaire.trends import Trend

WIDTH = 900
LABEL_W = 360
BAR_W = 400
ROW_H = 30
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
#: The 1–5 answers (red → green, colour-blind safe enough, plus labels) and "N/A" grey.
ANSWER_COLOURS = ("#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac")
NA_COLOUR = "#8c8c8c"
BAR_COLOUR = "#2166ac"
PREVIOUS_COLOUR = "#f4a300"


@dataclass(frozen=True)
class Chart:
    """One chart: a file name, a title and its SVG text."""

    name: str
    title: str
    svg: str


def _wrap(text: str, width: int) -> list[str]:
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [""]


def _svg(title: str, count_text: str, body: list[str], height: int,
         width: int = WIDTH, *, heading: bool = True) -> str:
    """The SVG document; `heading`: the title and the count on the first line."""
    top = (
        f'<text x="10" y="22" font-size="16" font-weight="bold" fill="#000000">'
        f"{escape(title)}</text>"
        f'<text x="{width - 10}" y="22" text-anchor="end" fill="#333333" class="count">'
        f"{escape(count_text)}</text>"
    ) if heading else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="13">'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        + top + "".join(body) + "</svg>"
    )


def _label(x: int, y: int, text: str, width_chars: int = 52) -> tuple[str, int]:
    lines = _wrap(text, width_chars)[:3]
    parts = [
        f'<text x="{x}" y="{y + 14 * i}" fill="#000000">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]
    return "".join(parts), len(lines)


def _previous_mark(old: float, maximum: float, y: int) -> str:
    """Last year's value: an orange tick across the bar."""
    px = LABEL_W + max(0.0, min(old / maximum, 1.0)) * BAR_W
    return (f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{y}" y2="{y + 26}" '
            f'stroke="{PREVIOUS_COLOUR}" stroke-width="4"/>')


def bar_chart(
    name: str,
    title: str,
    rows: list[tuple[str, float | None, str]],
    *,
    count_text: str,
    maximum: float,
    previous: dict[str, float | None] | None = None,
) -> Chart:
    """Horizontal bars: (label, value, shown value); `previous` marks last year's values."""
    body: list[str] = []
    y = 44
    for label, value, shown in rows:
        text, lines = _label(10, y + 14, label)
        row_h = max(ROW_H, 14 * lines + 10)
        body.append(text)
        body.append(
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{BAR_W}" height="18" fill="#f0f0f0"/>'
        )
        if value is not None and maximum > 0:
            w = max(0.0, min(value / maximum, 1.0)) * BAR_W
            body.append(
                f'<rect x="{LABEL_W}" y="{y + 4}" width="{w:.1f}" height="18" '
                f'fill="{BAR_COLOUR}"/>'
            )
        if previous is not None and previous.get(label) is not None and maximum > 0:
            body.append(_previous_mark(previous[label] or 0.0, maximum, y))
        body.append(
            f'<text x="{LABEL_W + BAR_W + 10}" y="{y + 18}" fill="#000000" '
            f'font-weight="bold">{escape(shown)}</text>'
        )
        y += row_h
    if previous is not None:
        body.append(
            f'<line x1="10" x2="30" y1="{y + 12}" y2="{y + 12}" stroke="{PREVIOUS_COLOUR}" '
            f'stroke-width="4"/><text x="36" y="{y + 16}" fill="#000000">'
            "année scolaire précédente</text>"
        )
        y += 24
    return Chart(name, title, _svg(title, count_text, body, y + 12))


def distribution_chart(name: str, title: str, statements: list[StatementResult],
                       count_text: str) -> Chart:
    """One stacked bar per statement: the shares of 1, 2, 3, 4, 5 and N/A."""
    body: list[str] = []
    y = 44
    legend = ["1", "2", "3", "4", "5", "NA"]
    colours = [*ANSWER_COLOURS, NA_COLOUR]
    for i, (word, colour) in enumerate(zip(legend, colours, strict=True)):
        x: float = LABEL_W + i * 66
        body.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>'
                    f'<text x="{x + 18}" y="{y + 12}" fill="#000000">'
                    f'{"N/A" if word == "NA" else word}</text>')
    y += 24
    for statement in statements:
        label = f"{statement.id}. {statement.text}"
        text, lines = _label(10, y + 14, label, 50)
        row_h = max(ROW_H, 14 * lines + 10)
        body.append(text)
        total = statement.answered
        if statement.withheld:
            body.append(f'<text x="{LABEL_W}" y="{y + 18}" fill="#333333">{NOT_ENOUGH}</text>')
            y += row_h
            continue
        x = float(LABEL_W)
        parts = [*statement.counts, statement.not_applicable]
        for count, colour in zip(parts, colours, strict=True):
            if total and count:
                w = count / total * BAR_W
                body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="18" '
                            f'fill="{colour}"/>')
                x += w
        body.append(
            f'<text x="{LABEL_W + BAR_W + 10}" y="{y + 18}" fill="#000000">'
            f"moy. {escape(decimal(statement.mean))} · n = {total}</text>"
        )
        y += row_h
    return Chart(name, title, _svg(title, count_text, body, y + 12))


def responses_text(n: int) -> str:
    return f"{n} réponse" if n == 1 else f"{n} réponses"


def charts(results: Results) -> list[Chart]:
    """Every chart of the report (trends apart: :func:`trend_chart`)."""
    n = results.responses
    out = [_domains_chart(results)]
    for domain in results.domains:
        members = [s for s in results.statements if s.domain == domain.id]
        out.append(distribution_chart(f"domaine-{domain.id}", f"Domaine {domain.id} : "
                                      f"{domain.title}", members, responses_text(n)))
    previous = results.previous
    out.append(
        bar_chart(
            "familles",
            "Les familles et le numérique",
            [(i.label, i.share, NOT_ENOUGH if i.withheld
              else f"{percent(i.share)} ({i.count}/{i.answered})")
             for i in results.indicators],
            count_text=responses_text(n),
            maximum=1.0,
            previous=({i.label: i.share for i in previous.indicators}
                      if previous is not None else None),
        )
    )
    out += [_choice_chart(choice, n) for choice in results.choices if choice.section == "family"]
    out += [breakdown_chart(breakdown, results) for breakdown in results.breakdowns]
    return out


def _domains_chart(results: Results) -> Chart:
    previous = results.previous
    before = {d.id: d.mean for d in previous.domains} if previous is not None else None
    return bar_chart(
        "domaines",
        "L’école et le numérique : moyenne par domaine (de 1 à 5)",
        [(f"{d.id}. {d.title}", d.mean, decimal(d.mean) if d.mean is not None else NOT_ENOUGH)
         for d in results.domains],
        count_text=responses_text(results.responses),
        maximum=5.0,
        previous=({f"{d.id}. {d.title}": before.get(d.id) for d in results.domains}
                  if before is not None else None),
    )


def _choice_chart(choice: ChoiceResult, n: int) -> Chart:
    return bar_chart(
        f"question-{choice.id.lower().replace('_', '-')}",
        choice.text,
        [(o.text, choice.share(o.id), NOT_ENOUGH if choice.withheld
          else f"{percent(choice.share(o.id))} ({o.count})")
         for o in choice.options],
        count_text=(NOT_ENOUGH if choice.withheld
                    else f"{choice.answered} réponses à cette question sur {n}"),
        maximum=1.0,
    )


def breakdown_chart(breakdown: Breakdown, results: Results) -> Chart:
    """Responses per group; groups too small to be shown are left out (said below)."""
    shown = breakdown.shown
    biggest = max((g.count or 0 for g in shown), default=0)
    chart = bar_chart(
        f"repartition-{breakdown.id.lower().replace('_', '-')}",
        f"Réponses par catégorie : {breakdown.title}",
        [(g.label, float(g.count or 0), str(g.count)) for g in shown],
        count_text=responses_text(results.responses),
        maximum=float(biggest or 1),
    )
    return chart




#: A trend chart: small enough for two side by side on an A4 page.
TREND_W = 400
TREND_H = 200


def trend_chart(trend: Trend, index: int) -> Chart:
    """A small line chart of one measure over the school years: a point per year with its
    value; a withheld year has no point, only "—" and a note below."""
    m = trend.measure
    title_lines = _wrap(m.label, 46)
    if len(title_lines) > 2:
        title_lines = [title_lines[0], title_lines[1].rstrip(",;:") + " …"]
    body = [f'<text x="10" y="{18 + 16 * i}" font-size="13" font-weight="bold" '
            f'fill="#000000">{escape(line)}</text>' for i, line in enumerate(title_lines)]
    top, bottom, left, right = 30 + 16 * len(title_lines), TREND_H - 50, 50, TREND_W - 40
    low, high = (0.0, 1.0) if m.is_share else (1.0, 5.0)
    body += _trend_axes(low, high, top, bottom, left, right, m.is_share)
    points = trend.points
    step = (right - left) / max(len(points) - 1, 1)
    xy: list[tuple[float, float] | None] = []
    for i, point in enumerate(points):
        x = left + step * i if len(points) > 1 else (left + right) / 2
        body.append(f'<text x="{x:.1f}" y="{bottom + 15}" text-anchor="middle" font-size="11" '
                    f'fill="#000000">{escape(point.year)}</text>'
                    f'<text x="{x:.1f}" y="{bottom + 28}" text-anchor="middle" font-size="10" '
                    f'fill="#333333">n = {point.responses}</text>')
        if point.value is None:
            body.append(f'<text x="{x:.1f}" y="{bottom - 4}" text-anchor="middle" '
                        f'fill="#555555">—</text>')
            xy.append(None)
            continue
        y = bottom - (point.value - low) / (high - low) * (bottom - top)
        xy.append((x, y))
        shown = percent(point.value) if m.is_share else decimal(point.value)
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BAR_COLOUR}"/>'
                    f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="12" '
                    f'font-weight="bold" fill="#000000">{escape(shown)}</text>')
    body += _trend_lines(xy)
    note = "n : nombre de réponses de l’année"
    if any(p.value is None for p in points):
        note += f" — « — » : {NOT_ENOUGH}"
    body.append(f'<text x="10" y="{TREND_H - 6}" font-size="10" fill="#333333" class="count">'
                f"{escape(note)}</text>")
    return Chart(f"evolution-{index:02d}", m.label,
                 _svg(m.label, "", body, TREND_H, TREND_W, heading=False))


def trend_charts(extras: ReportExtras) -> list[Chart]:
    """The trend charts shown: measures with a value, when there are two years or more."""
    shown = [t for t in extras.trends if t.shown and len(t.points) > 1]
    return [trend_chart(t, i) for i, t in enumerate(shown, start=1)]


def _trend_axes(low: float, high: float, top: int, bottom: int, left: int, right: int,
                share: bool) -> list[str]:
    """The scale's lowest and highest values, as light lines with their labels."""
    out = []
    for value, y in ((low, bottom), (high, top)):
        label = percent(value) if share else decimal(value, 0)
        out.append(f'<line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#cccccc"/>'
                   f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="11" '
                   f'fill="#333333">{escape(label)}</text>')
    return out


def _trend_lines(xy: list[tuple[float, float] | None]) -> list[str]:
    """Lines between consecutive years that both have a value."""
    out = []
    for a, b in pairwise(xy):
        if a is not None and b is not None:
            out.append(f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
                       f'stroke="{BAR_COLOUR}" stroke-width="2"/>')
    return out
