"""The results report for the school council: one self-contained HTML page, charts as SVG.

:func:`write_report` writes ``rapport-questionnaire.html`` (every chart embedded inline, no
external file, script or font: it opens from a USB stick on the council room's computer) and
the same charts as separate ``.svg`` files in ``graphiques/`` for a slide show. The report is
in French, dated, and every chart says on how many responses it rests. It opens with the
"à discuter" list (:mod:`kiosk.questionnaire.priorities`). No figure about fewer than
``[questionnaire] min_group_size`` responses is drawn or written: "pas encore assez de
réponses" instead (:mod:`kiosk.questionnaire.suppression` decides, in
:mod:`kiosk.questionnaire.results`). The SVG is written here by hand: horizontal
bars and
text, nothing that needs a plotting library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kiosk.core.store import write_atomically
from kiosk.questionnaire.figures import (
    Breakdown,
    CategoryBreakdown,
    StatementResult,
    decimal,
    percent,
)
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.suppression import NOT_ENOUGH

REPORT_NAME = "rapport-questionnaire.html"
CHARTS_FOLDER = "graphiques"

WIDTH = 860
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


def _svg(title: str, count_text: str, body: list[str], height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="13">'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f'<text x="10" y="22" font-size="16" font-weight="bold" fill="#000000">'
        f"{escape(title)}</text>"
        f'<text x="{WIDTH - 10}" y="22" text-anchor="end" fill="#333333" class="count">'
        f"{escape(count_text)}</text>"
        + "".join(body)
        + "</svg>"
    )


def _label(x: int, y: int, text: str, width_chars: int = 52) -> tuple[str, int]:
    lines = _wrap(text, width_chars)[:3]
    parts = [
        f'<text x="{x}" y="{y + 14 * i}" fill="#000000">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]
    return "".join(parts), len(lines)


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
            old = previous[label] or 0.0
            px = LABEL_W + max(0.0, min(old / maximum, 1.0)) * BAR_W
            body.append(
                f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{y}" y2="{y + 26}" '
                f'stroke="{PREVIOUS_COLOUR}" stroke-width="4"/>'
            )
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


def _responses_text(n: int) -> str:
    return f"{n} réponse" if n == 1 else f"{n} réponses"


def charts(results: Results) -> list[Chart]:
    """Every chart of the report."""
    n = results.responses
    out: list[Chart] = []
    previous = results.previous
    prev_domains = (
        {d.title: d.mean for d in previous.domains} if previous is not None else None
    )
    out.append(
        bar_chart(
            "domaines",
            "L’école et le numérique : moyenne par domaine (de 1 à 5)",
            [(f"{d.id}. {d.title}", d.mean, decimal(d.mean) if d.mean is not None else NOT_ENOUGH)
             for d in results.domains],
            count_text=_responses_text(n),
            maximum=5.0,
            previous=(
                {f"{d.id}. {d.title}": prev_domains.get(d.title) for d in results.domains}
                if prev_domains is not None else None
            ),
        )
    )
    for domain in results.domains:
        members = [s for s in results.statements if s.domain == domain.id]
        out.append(
            distribution_chart(
                f"domaine-{domain.id}",
                f"Domaine {domain.id} : {domain.title}",
                members,
                _responses_text(n),
            )
        )
    prev_ind = (
        {i.label: i.share for i in previous.indicators} if previous is not None else None
    )
    out.append(
        bar_chart(
            "familles",
            "Les familles et le numérique",
            [(i.label, i.share, NOT_ENOUGH if i.withheld
              else f"{percent(i.share)} ({i.count}/{i.answered})")
             for i in results.indicators],
            count_text=_responses_text(n),
            maximum=1.0,
            previous=prev_ind,
        )
    )
    for choice in results.choices:
        if choice.section != "family":
            continue
        out.append(
            bar_chart(
                f"question-{choice.id.lower().replace('_', '-')}",
                choice.text,
                [(o.text, choice.share(o.id), NOT_ENOUGH if choice.withheld
                  else f"{percent(choice.share(o.id))} ({o.count})")
                 for o in choice.options],
                count_text=(NOT_ENOUGH if choice.withheld
                            else f"{choice.answered} réponses à cette question sur {n}"),
                maximum=1.0,
            )
        )
    for breakdown in results.breakdowns:
        out.append(breakdown_chart(breakdown, results))
    return out


def breakdown_chart(breakdown: Breakdown, results: Results) -> Chart:
    """Responses per group; groups too small to be shown are left out (said below)."""
    shown = breakdown.shown
    biggest = max((g.count or 0 for g in shown), default=0)
    chart = bar_chart(
        f"repartition-{breakdown.id.lower().replace('_', '-')}",
        f"Réponses par catégorie : {breakdown.title}",
        [(g.label, float(g.count or 0), str(g.count)) for g in shown],
        count_text=_responses_text(results.responses),
        maximum=float(biggest or 1),
    )
    return chart


def render_html(results: Results, *, school: str, generated: dt.datetime) -> str:
    """The whole report as one HTML page (charts inline)."""
    from babel.dates import format_date

    date_text = format_date(generated.date(), format="full", locale="fr")
    n = results.total
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        f"<title>Questionnaire aux parents — {escape(school)} — {escape(results.year)}</title>",
        "<style>body{font-family:" + FONT + ";margin:2em auto;max-width:900px;color:#000;"
        "background:#fff}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #2166ac}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;"
        "text-align:left}figure{margin:1em 0}.small{color:#333}</style>",
        "</head><body>",
        "<h1>Questionnaire aux parents : l’école, les familles et le numérique</h1>",
        f"<p>{escape(school)} — année scolaire {escape(results.year)}</p>",
        f'<p class="date">Rapport établi le {escape(date_text)}.</p>',
        "<h2>Participation</h2>",
        f'<p id="responses">{_responses_text(n)}'
        + (f" pour {results.families} familles, soit un taux de réponse de "
           f"{percent(results.response_rate)}." if results.families else ".")
        + "</p>",
    ]
    if results.received > results.responses > 0:
        parts.append(f'<p class="small">Chiffres sur les {results.responses} premières '
                     f"réponses : ils avancent par {results.min_group} réponses, pour qu’une "
                     "réponse nouvelle ne se voie pas.</p>")
    if results.previous is not None:
        prev = results.previous
        parts.append(
            f"<p>Année scolaire précédente ({escape(prev.year)}) : "
            f"{_responses_text(prev.total)}"
            + (f", taux de réponse {percent(prev.response_rate)}" if prev.families else "")
            + ".</p>"
        )
    parts.append(
        f'<p class="small">Pour qu’aucun parent ne puisse être reconnu, aucun chiffre ne porte '
        f"sur moins de {results.min_group} réponses.</p>"
    )
    if results.withheld:
        parts.append(f'<p id="withheld">Résultats : {NOT_ENOUGH} (il en faut au moins '
                     f"{results.min_group}).</p></body></html>")
        return "\n".join(parts)
    parts.insert(parts.index("<h2>Participation</h2>"), _priorities_html(results))
    all_charts = charts(results)
    by_name = {c.name: c for c in all_charts}
    for breakdown in results.breakdowns:
        chart = by_name[f"repartition-{breakdown.id.lower().replace('_', '-')}"]
        parts.append(f"<h3>{escape(breakdown.title)}</h3>")
        parts.append(_figure(chart))
        hidden = breakdown.hidden
        if hidden:
            names = ", ".join(escape(g.label) for g in hidden)
            parts.append(f'<p class="small">{names} : {NOT_ENOUGH} (non montré).</p>')
    parts += [_category_html(breakdown) for breakdown in results.categories]
    parts.append("<h2>L’école et le numérique</h2>")
    parts.append(_figure(by_name["domaines"]))
    parts.append(_domain_table(results))
    for domain in results.domains:
        parts.append(_figure(by_name[f"domaine-{domain.id}"]))
    parts.append("<h2>Les familles et le numérique</h2>")
    parts.append(_figure(by_name["familles"]))
    for chart in all_charts:
        if chart.name.startswith("question-"):
            parts.append(_figure(chart))
    parts.append(
        '<p class="small">Réponses anonymes recueillies au kiosque de l’accueil. '
        "Moyennes calculées sans les réponses « ne s’applique pas / je ne sais pas ».</p>"
    )
    parts.append("</body></html>")
    return "\n".join(parts)


def _priorities_html(results: Results) -> str:
    """The "à discuter" list at the top of the report."""
    from kiosk.questionnaire.priorities import to_discuss

    found = to_discuss(results)
    if not found:
        return ""
    items = "".join(
        f"<li><strong>{escape(p.title)}</strong> : {escape(p.shown)} "
        f'<span class="small">({escape(p.gap_text)})</span></li>' for p in found)
    return ('<section id="a-discuter"><h2>À discuter</h2><p class="small">Les affirmations '
            "et les indicateurs des familles les plus faibles d’abord.</p>"
            f"<ol>{items}</ol></section>")


def _category_html(breakdown: CategoryBreakdown) -> str:
    """Response rate per category, then each domain's and statement's mean per category."""
    rows = ["<tr><th>Catégorie</th><th>Réponses</th><th>Familles</th><th>Taux</th></tr>"]
    for c in breakdown.categories:
        if c.count is None:
            rows.append(f"<tr><td>{escape(c.label)}</td><td colspan=\"3\">{NOT_ENOUGH}</td></tr>")
            continue
        rows.append(f"<tr><td>{escape(c.label)}</td><td>{c.count}</td>"
                    f"<td>{c.families or '—'}</td><td>{percent(c.rate)}</td></tr>")
    parts = [f'<section class="category" id="categorie-{escape(breakdown.id.lower())}">'
             f"<h3>Par catégorie : {escape(breakdown.title)}</h3>",
             '<table class="rates">' + "".join(rows) + "</table>"]
    shown = [c for c in breakdown.categories if c.statements]
    if shown:
        head = "".join(f"<th>{escape(c.label)}</th>" for c in shown)
        lines = [f"<tr><th>Moyenne (de 1 à 5)</th>{head}</tr>"]
        first = shown[0]
        labels = [(d.id, f"{d.id}. {d.title}", "domain") for d in first.domains]
        labels += [(s.id, f"{s.id}. {s.text}", "statement") for s in first.statements]
        for item_id, label, kind in labels:
            cells = []
            for c in shown:
                found = c.domain(item_id) if kind == "domain" else c.statement(item_id)
                mean = found.mean if found is not None else None
                cells.append(f"<td>{decimal(mean) if mean is not None else '—'}</td>")
            rows_html = f"<tr><td>{escape(label)}</td>{''.join(cells)}</tr>"
            lines.append(rows_html)
        parts.append('<table class="means">' + "".join(lines) + "</table>")
        parts.append(f'<p class="small">— : {NOT_ENOUGH} dans cette catégorie.</p>')
    return "".join(parts) + "</section>"


def _figure(chart: Chart) -> str:
    return f'<figure id="{escape(chart.name)}">{chart.svg}</figure>'


def _domain_table(results: Results) -> str:
    previous = results.previous
    head = "<tr><th>Domaine</th><th>Moyenne</th>"
    head += "<th>Année précédente</th></tr>" if previous is not None else "</tr>"
    rows = [head]
    for domain in results.domains:
        row = f"<tr><td>{escape(domain.id)}. {escape(domain.title)}</td>" \
              f"<td>{decimal(domain.mean)}</td>"
        if previous is not None:
            old = previous.domain(domain.id)
            row += f"<td>{decimal(old.mean if old else None)}</td>"
        rows.append(row + "</tr>")
    return '<table class="domains">' + "".join(rows) + "</table>"


def write_report(results: Results, out_dir: Path, *, school: str,
                 generated: dt.datetime) -> Path:
    """Write the HTML report and the charts' SVG files into `out_dir`; return the HTML path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = out_dir / CHARTS_FOLDER
    folder.mkdir(exist_ok=True)
    for chart in charts(results):
        write_atomically(folder / f"{chart.name}.svg",
                         ('<?xml version="1.0" encoding="utf-8"?>\n' + chart.svg).encode())
    html_path = out_dir / REPORT_NAME
    write_atomically(html_path,
                     render_html(results, school=school, generated=generated).encode())
    return html_path
