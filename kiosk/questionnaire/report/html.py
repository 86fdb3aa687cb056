"""The printable report: one self-contained HTML page for A4 paper and the screen.

Print styles (``@page`` A4 with margins, each part on a new page, no chart or table cut
between pages, charts scaled to the page's width) make it print well from any browser; the
test prints it with headless Chromium. It opens with the "à discuter" list, then the school's
goals, the participation (kiosk and paper), the figures, and the trends over the years.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from kiosk.questionnaire.figures import CategoryBreakdown, decimal, percent
from kiosk.questionnaire.report.charts import (
    FONT,
    Chart,
    charts,
    responses_text,
    trend_charts,
)
from kiosk.questionnaire.report.model import ReportExtras
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.suppression import NOT_ENOUGH

STYLE = (
    "body{font-family:" + FONT + ";margin:2em auto;max-width:900px;color:#000;"
    "background:#fff}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #2166ac}"
    "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;"
    "text-align:left;vertical-align:top}figure{margin:1em 0}.small{color:#333}"
    "svg{max-width:100%;height:auto}.trends{display:flex;flex-wrap:wrap;gap:0 2%}"
    ".trends figure{width:49%;margin:.5em 0}.late{color:#b2182b;font-weight:bold}"
    ".on-track{color:#1a6b1a;font-weight:bold}"
    "@page{size:A4;margin:14mm 12mm}"
    "@media print{body{margin:0;max-width:none;font-size:11pt}"
    "h2.page{break-before:page;margin-top:0}"
    "h2,h3{break-after:avoid}figure,table,tr,li,.goal{break-inside:avoid}"
    ".trends figure{width:49%}}"
)


def render_html(results: Results, *, school: str, generated: dt.datetime,
                extras: ReportExtras | None = None) -> str:
    """The whole report as one HTML page (charts inline)."""
    extras = extras or ReportExtras()
    parts = _head(results, school, generated)
    if not results.withheld:
        parts.append(_priorities_html(results, extras))
    parts.append(_goals_html(extras))
    parts += _participation(results, extras)
    parts.append(_workshops_html(extras))
    if results.withheld:
        parts.append(f'<p id="withheld">Résultats : {NOT_ENOUGH} (il en faut au moins '
                     f"{results.min_group}).</p>")
    else:
        parts += _figures(results)
    parts.append(_trends_html(extras))
    parts.append(
        '<p class="small">Réponses anonymes recueillies au kiosque de l’accueil et sur papier. '
        "Moyennes calculées sans les réponses « ne s’applique pas / je ne sais pas ».</p>"
    )
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p)


def _head(results: Results, school: str, generated: dt.datetime) -> list[str]:
    from babel.dates import format_date

    date_text = format_date(generated.date(), format="full", locale="fr")
    return [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        f"<title>Questionnaire aux parents — {escape(school)} — {escape(results.year)}</title>",
        f"<style>{STYLE}</style>",
        "</head><body>",
        "<h1>Questionnaire aux parents : l’école, les familles et le numérique</h1>",
        f"<p>{escape(school)} — année scolaire {escape(results.year)}</p>",
        f'<p class="date">Rapport établi le {escape(date_text)}.</p>',
    ]


def _participation(results: Results, extras: ReportExtras) -> list[str]:
    n = results.total
    parts = [
        '<h2>Participation</h2>',
        f'<p id="responses">{responses_text(n)}'
        + (f" pour {results.families} familles, soit un taux de réponse de "
           f"{percent(results.response_rate)}." if results.families else ".")
        + "</p>",
    ]
    if extras.channels:
        parts.append(f'<p id="channels">{escape(extras.channels)}</p>')
    if results.received > results.responses > 0:
        parts.append(f'<p class="small">Chiffres sur les {results.responses} premières '
                     f"réponses : ils avancent par {results.min_group} réponses, pour qu’une "
                     "réponse nouvelle ne se voie pas.</p>")
    if results.previous is not None:
        prev = results.previous
        parts.append(
            f"<p>Année scolaire précédente ({escape(prev.year)}) : "
            f"{responses_text(prev.total)}"
            + (f", taux de réponse {percent(prev.response_rate)}" if prev.families else "")
            + ".</p>"
        )
    parts.append(
        f'<p class="small">Pour qu’aucun parent ne puisse être reconnu, aucun chiffre ne porte '
        f"sur moins de {results.min_group} réponses.</p>"
    )
    return parts


def _workshops_html(extras: ReportExtras) -> str:
    """The e-parentalité workshops of the year: attendance counts only (never a person)."""
    if not extras.workshops:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in extras.workshops)
    return (f'<h2>Ateliers d’e-parentalité</h2>\n<ul id="workshops">{items}</ul>\n'
            '<p class="small">Familles venues sans inscription comprises ; le dernier chiffre '
            "compte les inscriptions faites depuis le questionnaire, jamais reliées aux "
            "réponses.</p>")


def _figures(results: Results) -> list[str]:
    all_charts = charts(results)
    by_name = {c.name: c for c in all_charts}
    parts: list[str] = []
    for breakdown in results.breakdowns:
        chart = by_name[f"repartition-{breakdown.id.lower().replace('_', '-')}"]
        parts.append(f"<h3>{escape(breakdown.title)}</h3>")
        parts.append(figure(chart))
        hidden = breakdown.hidden
        if hidden:
            names = ", ".join(escape(g.label) for g in hidden)
            parts.append(f'<p class="small">{names} : {NOT_ENOUGH} (non montré).</p>')
    parts += [_category_html(breakdown) for breakdown in results.categories]
    parts.append('<h2 class="page">L’école et le numérique</h2>')
    parts.append(figure(by_name["domaines"]))
    parts.append(_domain_table(results))
    for domain in results.domains:
        parts.append(figure(by_name[f"domaine-{domain.id}"]))
    parts.append('<h2 class="page">Les familles et le numérique</h2>')
    parts.append(figure(by_name["familles"]))
    parts += [figure(chart) for chart in all_charts if chart.name.startswith("question-")]
    return parts


def _priorities_html(results: Results, extras: ReportExtras) -> str:
    """The "à discuter" list at the top of the report, with the gap to each goal."""
    from kiosk.questionnaire.priorities import to_discuss

    found = to_discuss(results, extras.priority_goals)
    if not found:
        return ""
    items = "".join(
        f"<li><strong>{escape(p.title)}</strong> : {escape(p.shown)} "
        f'<span class="small">({escape(p.gap_text)})</span></li>' for p in found)
    return ('<section id="a-discuter"><h2>À discuter</h2><p class="small">Les '
            "affirmations et les indicateurs des familles les plus faibles d’abord.</p>"
            f"<ol>{items}</ol></section>")


def _goals_html(extras: ReportExtras) -> str:
    """Each goal: where it started, the target and date, this year's value, the gap."""
    if not extras.goals:
        return ('<section id="objectifs"><h2>Nos objectifs</h2><p class="small">'
                "Aucun objectif fixé pour l’instant (espace personnel → Résultats du "
                "questionnaire → Objectifs).</p></section>")
    rows = ["<tr><th>Objectif</th><th>Cette année</th><th>Écart à la cible</th>"
            "<th>Où en est-on ?</th></tr>"]
    for s in extras.goals:
        gap = s.gap
        if s.current is None:
            now, gap_text, track = NOT_ENOUGH, "—", "—"
        elif gap is not None and gap <= 0:
            now, gap_text = s.measure.shown(s.current), "atteint"
            track = '<span class="on-track">objectif atteint</span>'
        else:
            now, gap_text = s.measure.shown(s.current), s.measure.gap_text(gap or 0)
            track = ('<span class="on-track">en bonne voie</span>' if s.on_track
                     else '<span class="late">en retard sur le rythme prévu</span>')
        rows.append(f'<tr class="goal"><td>{escape(s.title)}</td><td>{escape(now)}</td>'
                    f"<td>{escape(gap_text)}</td><td>{track}</td></tr>")
    return ('<section id="objectifs"><h2>Nos objectifs</h2>'
            f'<table class="goals">{"".join(rows)}</table><p class="small">En bonne voie : au '
            "moins aussi avancé qu’une progression régulière du jour où l’objectif a été fixé "
            "jusqu’à son échéance.</p></section>")


def _trends_html(extras: ReportExtras) -> str:
    """One small chart per measure over every school year with responses."""
    drawn = trend_charts(extras)
    if not drawn:
        return ""
    years = [p.year for p in extras.trends[0].points]
    figures = "".join(figure(chart) for chart in drawn)
    return ('<section id="evolution"><h2 class="page">Évolution d’une année à l’autre</h2>'
            f'<p class="small">Années scolaires {escape(", ".join(years))}. Pour chaque '
            f"année, aucun chiffre sur moins de réponses que le seuil : « — ».</p>"
            f'<div class="trends">{figures}</div></section>')


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
            lines.append(f"<tr><td>{escape(label)}</td>{''.join(cells)}</tr>")
        parts.append('<table class="means">' + "".join(lines) + "</table>")
        parts.append(f'<p class="small">— : {NOT_ENOUGH} dans cette catégorie.</p>')
    return "".join(parts) + "</section>"


def figure(chart: Chart) -> str:
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
