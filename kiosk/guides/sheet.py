"""A guide as an A4 sheet: a self-contained HTML page any browser prints (``kiosk guides
print``), right to left for Arabic and Persian.

The sheet holds the guide's title, its numbered steps in big type, the QR code of its link with
the address written out, and, on a sheet in another language than French, the steps in French
below (for the staff and a French-reading relative). Nothing is loaded from elsewhere: the
styles are inline and the QR code is an inline SVG.
"""

from __future__ import annotations

import html

from kiosk.core.a4 import a4_page
from kiosk.core.i18n import N_, Translator
from kiosk.guides.library import GuideReading
from kiosk.tickets.guides import GUIDE_SCAN

SCAN = GUIDE_SCAN
STEP_OF = N_("Étape {number} sur {count}")
GUIDE_HEADING = N_("Apprendre à utiliser les outils de l'école")

#: After :data:`kiosk.core.a4.BASE_CSS` (the page, the fonts, the header): bigger type.
CSS = """
@page{size:A4;margin:14mm 14mm 14mm}
body{max-width:182mm;font-size:13pt;line-height:1.4}
header{margin-bottom:5mm}
.kind{font-size:10.5pt}
.lang{font-size:10pt;border:1px solid #000;padding:1mm 2mm;white-space:nowrap}
h1{font-size:21pt;margin:0 0 4mm}
.note{border:2px solid #000;padding:2mm 3mm;margin:0 0 4mm;font-weight:bold}
.main{display:flex;gap:8mm;align-items:flex-start}
ol{list-style:none;margin:0;padding:0;flex:1}
li{display:flex;gap:4mm;align-items:flex-start;margin:0 0 5mm;break-inside:avoid}
.num{flex:none;width:11mm;height:11mm;border:2.5px solid #000;border-radius:50%;
 text-align:center;line-height:10mm;font-weight:bold;font-size:14pt}
.step{padding-top:1mm}
.side{flex:none;width:46mm;text-align:center;font-size:10pt}
.side svg{width:46mm;height:46mm;display:block}
.url{direction:ltr;unicode-bidi:isolate;word-break:break-all;font-size:9pt;margin-top:1mm}
.french{margin-top:6mm;border-top:1px solid #000;padding-top:2mm;font-size:10pt}
.french h2{font-size:11pt;margin:0 0 1mm}
.french ol{list-style:decimal;padding-inline-start:6mm}
.french li{display:list-item;margin:0 0 1mm}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def guide_sheet(shown: GuideReading, tr: Translator, school: str) -> str:
    """The A4 page of one guide in `tr`'s language (French beside when it is another one)."""
    from kiosk.printing.qr import fits, qr_svg

    lang = tr.language
    direction = "rtl" if shown.rtl else "ltr"
    steps = "".join(
        f'<li><span class="num">{n}</span><span class="step">{_e(step)}</span></li>'
        for n, step in enumerate(shown.steps, start=1)
    )
    side = ""
    if shown.url:
        code = qr_svg(shown.url) if fits(shown.url) else ""
        side = (f'<div class="side">{code}<div>{_e(tr(SCAN))}</div>'
                f'<div class="url">{_e(shown.url)}</div></div>')
    note = f'<p class="note">{_e(shown.note)}</p>' if shown.note else ""
    french = ""
    if lang.code != "fr" and shown.translated:
        items = "".join(f"<li>{_e(step)}</li>" for step in shown.french_steps)
        french = (f'<section class="french" lang="fr" dir="ltr"><h2>En français : '
                  f"{_e(shown.french_title)}</h2><ol>{items}</ol></section>")
    body = (
        f'<header><div><div class="school">{_e(school)}</div>'
        f'<div class="kind">{_e(tr(GUIDE_HEADING))}</div></div>'
        f'<div class="lang">{_e(lang.code)}</div></header>\n'
        f'<h1 dir="{direction}">{_e(shown.title)}</h1>\n{note}'
        f'<div class="main"><ol dir="{direction}">{steps}</ol>{side}</div>\n{french}'
    )
    return a4_page(lang.code, lang.direction, f"{shown.title} — {school}", CSS, body)
