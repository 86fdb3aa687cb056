"""The frame of every printed A4 sheet: a self-contained HTML page any browser prints.

:func:`a4_page` writes the document around a sheet's body (language, direction, title, the
shared print styles :data:`BASE_CSS` followed by the sheet's own), so that the paper
questionnaire, the guides and the workshop's sign-in sheet share one head and one page set-up.
Nothing is loaded from elsewhere: styles are inline.
"""

from __future__ import annotations

import html

#: A4 page, black on white, the fonts that cover the kiosk's scripts, a header line.
BASE_CSS = """
@page{size:A4;margin:12mm 12mm 14mm}
*{box-sizing:border-box}
body{font-family:"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC","DejaVu Sans",sans-serif;
 color:#000;background:#fff;margin:0 auto;max-width:186mm;font-size:11.5pt;line-height:1.35}
header{border-bottom:2px solid #000;margin-bottom:4mm;display:flex;gap:4mm;
 justify-content:space-between;align-items:flex-end}
.school{font-size:12pt;font-weight:bold}
@media screen{body{padding:8mm}}
"""


def escape(text: str) -> str:
    """Text as HTML (quotes too)."""
    return html.escape(text, quote=True)


def a4_page(lang: str, direction: str, title: str, css: str, body: str) -> str:
    """The whole HTML document of a sheet in `lang` (``ltr``/``rtl``), its `css` after the
    shared :data:`BASE_CSS` (a later rule wins: a sheet sets its own margins, type size)."""
    styles = BASE_CSS + css
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang.replace("_", "-"))}" dir="{escape(direction)}">\n'
        '<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{styles}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
