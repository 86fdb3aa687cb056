"""The projection version of the report, for the school council's screen.

One self-contained HTML file (charts inline, a few lines of inline script, no external file,
script or font): big type, one figure a slide, filling the screen. Arrow keys, space, Page
Up/Down, Home and End go from slide to slide (a click too); the slide's number shows in a
corner and in the address (``#5``: a reload stays on slide 5). Without script, the slides
simply follow one another; printed, one slide a landscape A4 page (a handout).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from kiosk.questionnaire.report.charts import FONT, Chart, charts, responses_text, trend_charts
from kiosk.questionnaire.report.model import ReportExtras
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.suppression import NOT_ENOUGH

STYLE = (
    "html,body{margin:0;background:#fff;color:#000;font-family:" + FONT + "}"
    ".slide{box-sizing:border-box;min-height:100vh;padding:3vh 4vw;display:flex;"
    "flex-direction:column;justify-content:center;break-after:page}"
    ".js .slide{display:none}.js .slide.current{display:flex}"
    "h1{font-size:5vh;margin:0 0 2vh}h2{font-size:4.4vh;margin:0 0 2vh}"
    "p,li,td,th{font-size:3.4vh;line-height:1.35}li{margin:.6vh 0}"
    "svg{width:100%;height:auto;max-height:78vh}table{border-collapse:collapse}"
    "td,th{border:1px solid #999;padding:.4vh 1vw;text-align:left}"
    "#counter{position:fixed;right:2vw;bottom:1.5vh;font-size:2.2vh;color:#555}"
    "@page{size:A4 landscape;margin:8mm}"
    "@media print{.js .slide{display:flex}.slide{min-height:0;height:185mm;"
    "break-inside:avoid;overflow:hidden}.slide:last-of-type{break-after:auto}"
    "#counter{display:none}svg{max-height:160mm}}"
)

SCRIPT = (
    "(function(){document.documentElement.className='js';"
    "var s=document.querySelectorAll('.slide'),i=0,c=document.getElementById('counter');"
    "function go(n){i=Math.max(0,Math.min(s.length-1,n));"
    "for(var k=0;k<s.length;k++){s[k].classList.toggle('current',k===i);}"
    "c.textContent=(i+1)+' / '+s.length;history.replaceState(null,'','#'+(i+1));}"
    "document.addEventListener('keydown',function(e){"
    "var next=['ArrowRight','ArrowDown',' ','PageDown','Enter'],"
    "back=['ArrowLeft','ArrowUp','PageUp','Backspace'];"
    "if(next.indexOf(e.key)>=0){go(i+1);e.preventDefault();}"
    "else if(back.indexOf(e.key)>=0){go(i-1);e.preventDefault();}"
    "else if(e.key==='Home'){go(0);}else if(e.key==='End'){go(s.length-1);}});"
    "document.addEventListener('click',function(){go(i+1);});"
    "go((parseInt(location.hash.slice(1),10)||1)-1);})();"
)


def slide(inner: str, slide_id: str = "") -> str:
    ident = f' id="{escape(slide_id)}"' if slide_id else ""
    return f'<section class="slide"{ident}>{inner}</section>'


def chart_slide(chart: Chart) -> str:
    return slide(f'<figure id="{escape(chart.name)}">{chart.svg}</figure>',
                 f"diapo-{chart.name}")


def render_projection(results: Results, *, school: str, generated: dt.datetime,
                      extras: ReportExtras | None = None) -> str:
    """The slides: title, à discuter, goals, participation, then one chart a slide."""
    from babel.dates import format_date

    extras = extras or ReportExtras()
    date_text = format_date(generated.date(), format="long", locale="fr")
    slides = [slide(f"<h1>Questionnaire aux parents : l’école, les familles et le numérique"
                    f"</h1><p>{escape(school)} — année scolaire {escape(results.year)}</p>"
                    f"<p>Conseil d’école — {escape(date_text)}</p>", "diapo-titre")]
    slides += _text_slides(results, extras)
    if not results.withheld:
        slides += [chart_slide(c) for c in charts(results)]
    slides += [chart_slide(chart) for chart in trend_charts(extras)]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        f"<title>Conseil d’école — {escape(school)} — {escape(results.year)}</title>",
        f"<style>{STYLE}</style></head><body>",
        *slides,
        '<div id="counter"></div>',
        f"<script>{SCRIPT}</script>",
        "</body></html>",
    ])


def _text_slides(results: Results, extras: ReportExtras) -> list[str]:
    from kiosk.questionnaire.priorities import to_discuss

    n = results.total
    rate = (f" pour {results.families} familles : taux de réponse "
            f"{escape(_percent(results.response_rate))}" if results.families else "")
    out = [slide(f"<h2>Participation</h2><p>{responses_text(n)}{rate}.</p>"
                 + (f"<p>{escape(extras.channels)}</p>" if extras.channels else "")
                 + f"<p>Aucun chiffre ne porte sur moins de {results.min_group} réponses.</p>"
                 + ("" if not results.withheld else f"<p>Résultats : {NOT_ENOUGH}.</p>"),
                 "diapo-participation")]
    found = [] if results.withheld else to_discuss(results, extras.priority_goals)
    if found:
        items = "".join(f"<li><strong>{escape(p.title)}</strong> : {escape(p.shown)}</li>"
                        for p in found)
        out.append(slide(f"<h2>À discuter</h2><ol>{items}</ol>", "diapo-a-discuter"))
    for i, s in enumerate(extras.goals, start=1):
        out.append(slide(f"<h2>Objectif {i}</h2><p><strong>{escape(s.title)}</strong></p>"
                         f"<p>{escape(s.status)}</p>", f"diapo-objectif-{i}"))
    if extras.workshops:  # attendance counts only, as in the A4 report
        items = "".join(f"<li>{escape(line)}</li>" for line in extras.workshops)
        out.append(slide(f"<h2>Ateliers d’e-parentalité</h2><ul>{items}</ul>",
                         "diapo-ateliers"))
    return out


def _percent(value: float | None) -> str:
    from kiosk.questionnaire.figures import percent

    return percent(value)
