"""Printed sheets of the questionnaire, as self-contained A4 HTML pages any browser prints.

* :func:`paper_questionnaire` — the whole questionnaire in one language (right to left for
  Arabic and Persian): big boxes 1–5 and "does not apply" for each statement, the choices of
  Part 2 with a box each, numbered as the staff's quick entry screen numbers them
  (:func:`entry_items`), the school's name and the sheet's language code for staff.
* :func:`code_slips` — the one-time family codes (:mod:`kiosk.questionnaire.family_codes`) as
  cut-out slips, each with the code and a QR code to the kiosk's online address.

Both take a :class:`~kiosk.core.i18n.Translator` (the kiosk's words) and a
:class:`~kiosk.questionnaire.content.ContentTranslator` (the questionnaire's own texts).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kiosk.core.a4 import a4_page
from kiosk.core.i18n import N_
from kiosk.questionnaire.content import SCALE, ContentTranslator, Item, Questionnaire

if TYPE_CHECKING:
    from kiosk.core.i18n import Translator

TICK_ONE = N_("Cochez une seule case par ligne.")
ONE_ANSWER = N_("Une seule réponse.")
SEVERAL_ANSWERS = N_("Plusieurs réponses possibles.")
HAND_IN = N_("Rendez cette feuille à l'accueil de l'école, s'il vous plaît.")
SLIP_TITLE = N_("Votre code pour le questionnaire des parents")
SLIP_ONCE = N_("Une seule réponse par famille : ce code ne sert qu'une fois. "
               "Vos réponses restent anonymes.")
SLIP_WHERE = N_("Au kiosque de l'accueil ou à cette adresse :")

#: After :data:`kiosk.core.a4.BASE_CSS` (the page, the fonts, the header).
CSS = """
h1{font-size:17pt;margin:0}
.lang{font-size:10pt;border:1px solid #000;padding:1mm 2mm;white-space:nowrap}
.intro p{margin:1mm 0}
.legend{display:flex;flex-wrap:wrap;gap:2mm 5mm;margin:3mm 0;font-size:10.5pt}
.legend span{white-space:nowrap}
h2{font-size:13.5pt;margin:5mm 0 2mm;border-bottom:1px solid #000;break-after:avoid}
table{border-collapse:collapse;width:100%}
td,th{padding:1.5mm 1mm;vertical-align:middle}
th{font-size:9pt;font-weight:normal;text-align:center}
tr{break-inside:avoid}
tbody tr{border-top:1px solid #999}
.num{width:9mm;font-weight:bold;text-align:start}
.box{width:12mm;height:12mm;border:2px solid #000;display:inline-block;text-align:center;
 line-height:11mm;color:#bbb;font-size:10pt}
.boxcell{width:14mm;text-align:center}
.choice{break-inside:avoid;margin:3mm 0}
.choice .q{font-weight:bold}
.choice .hint{font-size:9.5pt;font-style:italic}
.options{display:flex;flex-wrap:wrap;gap:2mm 6mm;margin-top:1.5mm}
.option{display:flex;align-items:center;gap:2mm;min-width:40%}
.option .box{width:9mm;height:9mm;line-height:8mm}
footer{margin-top:6mm;border-top:2px solid #000;padding-top:2mm;font-weight:bold}
.slips{display:grid;grid-template-columns:1fr 1fr;gap:0}
.slip{border:1px dashed #000;padding:3.5mm;height:67mm;display:flex;gap:3mm;
 break-inside:avoid;overflow:hidden;font-size:9.5pt;line-height:1.3}
.slip .words{flex:1}
.slip .school{font-size:10pt}
.slip .code{font-family:"DejaVu Sans Mono",monospace;font-size:19pt;font-weight:bold;
 letter-spacing:.8mm;margin:2mm 0;direction:ltr;unicode-bidi:isolate;white-space:nowrap}
.slip .side{width:30mm;flex:none;display:flex;flex-direction:column;align-items:center;gap:1mm}
.slip .url{font-size:7.5pt;direction:ltr;unicode-bidi:isolate;word-break:break-all;
 text-align:center}
.slip svg{width:30mm;height:30mm}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _document(tr: Translator, title: str, body: str) -> str:
    lang = tr.language
    return a4_page(lang.code, lang.direction, title, CSS, body)


def entry_items(questionnaire: Questionnaire) -> list[Item]:
    """The items of a paper sheet, in the order (and with the numbers, from 1) staff type."""
    return questionnaire.items


def _statement_rows(items: Sequence[tuple[int, Item]], content: ContentTranslator) -> str:
    rows = []
    for number, item in items:
        boxes = "".join(f'<td class="boxcell"><span class="box">{n}</span></td>' for n in SCALE)
        rows.append(
            f'<tr><td class="num">{number}.</td><td>{_e(content(item.text))}</td>{boxes}'
            '<td class="boxcell"><span class="box">0</span></td></tr>'
        )
    return "".join(rows)


def _statements(items: Sequence[tuple[int, Item]], questionnaire: Questionnaire,
                content: ContentTranslator) -> str:
    heads = "".join(f"<th>{n}</th>" for n in SCALE)
    na = _e(content(questionnaire.not_applicable))
    return (
        f'<table><thead><tr><th></th><th></th>{heads}<th>{na}</th></tr></thead>'
        f"<tbody>{_statement_rows(items, content)}</tbody></table>"
    )


def _choice(number: int, item: Item, tr: Translator, content: ContentTranslator) -> str:
    hint = tr(SEVERAL_ANSWERS if item.is_multiple else ONE_ANSWER)
    options = "".join(
        f'<span class="option"><span class="box">{index}</span>{_e(content(option.text))}</span>'
        for index, option in enumerate(item.options, start=1)
    )
    return (
        f'<div class="choice"><div class="q">{number}. {_e(content(item.text))}</div>'
        f'<div class="hint">{_e(hint)}</div><div class="options">{options}</div></div>'
    )


def paper_questionnaire(questionnaire: Questionnaire, tr: Translator,
                        content: ContentTranslator, school: str) -> str:
    """The questionnaire as an A4 page to print, in `tr`'s language."""
    title = tr("Questionnaire pour les parents")
    numbered = list(enumerate(entry_items(questionnaire), start=1))
    legend = "".join(
        f"<span><b>{n}</b> = {_e(content(label))}</span>"
        for n, label in zip(SCALE, questionnaire.scale, strict=True)
    ) + f"<span><b>0</b> = {_e(content(questionnaire.not_applicable))}</span>"
    parts = [
        f'<header><div><div class="school">{_e(school)}</div><h1>{_e(title)}</h1></div>'
        f'<div class="lang">{_e(tr.language.native_name)} · {_e(tr.code)}</div></header>',
        '<div class="intro">'
        + "".join(f"<p>{_e(tr(text))}</p>" for text in (
            "C'est anonyme : on ne demande pas votre nom.",
            "Vous pouvez passer chaque question.", TICK_ONE))
        + "</div>",
        f'<div class="legend">{legend}</div>',
    ]
    for section in questionnaire.sections:
        in_section = [(n, item) for n, item in numbered if item.section == section.id]
        if not in_section:
            continue
        parts.append(f"<section><h2>{_e(content(section.title))}</h2>")
        run: list[tuple[int, Item]] = []
        for number, item in in_section:
            if item.is_scale:
                run.append((number, item))
                continue
            if run:
                parts.append(_statements(run, questionnaire, content))
                run = []
            parts.append(_choice(number, item, tr, content))
        if run:
            parts.append(_statements(run, questionnaire, content))
        parts.append("</section>")
    parts.append(f"<footer>{_e(tr(HAND_IN))} {_e(tr('Merci pour vos réponses !'))}</footer>")
    return _document(tr, f"{title} — {school}", "\n".join(parts))


def code_slips(codes: Sequence[str], tr: Translator, school: str, url: str) -> str:
    """The codes as A4 sheets of cut-out slips (8 a page), in `tr`'s language."""
    from kiosk.printing.qr import fits, qr_svg
    from kiosk.questionnaire.family_codes import shown

    qr = qr_svg(url) if url and fits(url) else ""  # a QR code of version 10 at most
    side = f'<div class="side">{qr}<div class="url">{_e(url)}</div></div>' if url else ""
    where = f"<div>{_e(tr(SLIP_WHERE))}</div>" if url else ""
    slips = "".join(
        f'<div class="slip"><div class="words"><div class="school">{_e(school)}</div>'
        f"<div>{_e(tr(SLIP_TITLE))}</div>"
        f'<div class="code">{_e(shown(code))}</div>'
        f"<div>{_e(tr(SLIP_ONCE))}</div>{where}</div>{side}</div>"
        for code in codes
    )
    return _document(tr, f"{tr(SLIP_TITLE)} — {school}", f'<div class="slips">{slips}</div>')


# --- typing a paper sheet in (staff) ----------------------------------------------------------


def paper_answer(item: Item, key: str, current: object) -> object:
    """The answer after staff press `key` on `item`'s line (None: no answer).

    A statement: 1–5, or 0 for "does not apply". A choice: the box's number (a multiple
    choice toggles it; an exclusive option clears the others). Any other key changes nothing.
    """
    if not (len(key) == 1 and key.isdigit()):
        return current
    number = int(key)
    if item.is_scale:
        if number == 0:
            from kiosk.questionnaire.content import NOT_APPLICABLE

            return NOT_APPLICABLE
        return number if number in SCALE else current
    if not 1 <= number <= len(item.options):
        return current
    option = item.options[number - 1]
    if not item.is_multiple:
        return option.id
    chosen = item.toggled(current, option.id)
    return chosen or None


def channel_text(counts: dict[str, int], min_group: int) -> str:
    """How many responses came by the kiosk and on paper (French, for staff); a number of
    fewer than `min_group` responses is not shown."""

    def shown_count(count: int) -> str:
        return f"moins de {min_group}" if 0 < count < min_group else str(count)

    return (f"Réponses reçues : {shown_count(counts.get('kiosk', 0))} au kiosque, "
            f"{shown_count(counts.get('paper', 0))} sur papier.")
