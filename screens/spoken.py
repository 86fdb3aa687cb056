"""What a parent screen says when the listen key is pressed (``*``, the ♪ button).

:func:`widget_script` builds it from the screen's own widgets, in the order a parent reads
them: the title, the texts (paragraphs and notices), a code spelled sign by sign, then each
choice with its key ("pour Oui, touchez 1"). The texts are the logical strings the widgets were
made with — never the reordered, shaped display strings of a right-to-left screen. A screen may
override :meth:`screens.base.KioskScreen.spoken_script` to say more or otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from kiosk.audio.script import Utterance, choice_line, spell
from screens.widgets import BigButton, Notice, Paragraph

if TYPE_CHECKING:
    from textual.screen import Screen

    from kiosk.core.i18n import Translator


def _shown(widget: object) -> bool:
    return bool(getattr(widget, "display", True)) and bool(getattr(widget, "visible", True))


def widget_script(screen: Screen[object], tr: Translator) -> list[Utterance]:
    """The title, texts, codes and choices of `screen`'s body, in the language of `tr`."""
    lang = tr.code
    texts: list[Utterance] = []
    choices: list[Utterance] = []
    for widget in screen.query("#body *"):
        if not _shown(widget) or any(not _shown(a) for a in widget.ancestors_with_self):
            continue
        if isinstance(widget, Paragraph):
            texts.append(Utterance(widget.text, lang))
        elif isinstance(widget, Notice):
            texts.append(Utterance(widget._text, lang))
        elif isinstance(widget, BigButton):
            if widget.disabled or widget.has_class("nav"):
                continue
            if widget.key:
                choices.append(choice_line(tr, widget.text, widget.key))
            else:
                choices.append(Utterance(widget.text, lang))
        elif isinstance(widget, Static) and widget.has_class("big-code"):
            texts.append(Utterance(spell(str(widget.content)), lang))
    return texts + choices
