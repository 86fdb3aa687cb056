"""What a parent screen says when the listen key is pressed (``*``, the ♪ button).

:func:`widget_script` builds it from the screen's own widgets, in the order a parent reads
them: the title, the texts (paragraphs and notices), a code spelled sign by sign, then each
choice with its key ("pour Oui, touchez 1"). The texts are the logical strings the widgets were
made with — never the reordered, shaped display strings of a right-to-left screen. A screen may
override :meth:`screens.base.KioskScreen.spoken_script` to say more or otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import Screen
from textual.widgets import Static

from kiosk.audio.script import Utterance, choice_line, spell
from screens.widgets import BigButton, Paragraph

if TYPE_CHECKING:
    from kiosk.core.i18n import Translator
    from screens.context import ScreenContext


def _shown(widget: object) -> bool:
    return bool(getattr(widget, "display", True)) and bool(getattr(widget, "visible", True))


def widget_script(screen: Screen[object], tr: Translator, root: str = "") -> list[Utterance]:
    """The title, texts (paragraphs and notices), codes and choices of `screen` (the widgets
    under `root`; "": all of them but the bottom bar), in the language of `tr`."""
    lang = tr.code
    texts: list[Utterance] = []
    choices: list[Utterance] = []
    for widget in screen.query(f"{root} *" if root else "*"):
        if not _shown(widget) or any(not _shown(a) for a in widget.ancestors_with_self):
            continue
        if isinstance(widget, Paragraph):
            texts.append(Utterance(widget.text, lang))
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


class ReadAloud:
    """The listen key of a parent screen or dialog (a mixin of
    :class:`~screens.base.KioskScreen` and :class:`~screens.base.KioskModal`, which bind
    ``*`` to :meth:`action_listen` and stop the voice on any other key)."""

    #: Where the widgets said by default are ("": the whole screen; the top bar is not said,
    #: nor the bottom bar's buttons).
    SPOKEN_ROOT: ClassVar[str] = ""
    #: The turn of the voice this screen started (None: it is not speaking).
    speech_turn: int | None = None
    context: ScreenContext

    @property
    def can_speak(self) -> bool:
        """Whether the listen key and button are offered (a voice and a sound output)."""
        return self.context.speech.available

    def spoken_script(self) -> list[Utterance]:
        """What the listen key says, in logical order (override to say more or otherwise)."""
        return widget_script(cast("Screen[object]", self), self.context.tr, self.SPOKEN_ROOT)

    def action_listen(self) -> None:
        """The listen key: read the screen aloud, or stop if it is being read."""
        speech = self.context.speech
        if not speech.available:
            return
        if self.speech_turn is not None and speech.speaking:
            self.stop_speaking()
            return
        self.speech_turn = speech.say(self.spoken_script())

    def auto_read(self) -> None:
        """Read the screen as it opens where the school asked for it (``[audio] auto_read``)."""
        speech = self.context.speech
        if cast("Screen[object]", self).is_current and speech.auto_read(self.context.tr.code):
            self.speech_turn = speech.say(self.spoken_script())

    def stop_speaking(self) -> None:
        """Stop the voice this screen started, if it still speaks."""
        if self.speech_turn is not None:
            self.context.speech.stop(self.speech_turn)
            self.speech_turn = None

    def on_screen_suspend(self) -> None:
        self.stop_speaking()

    def on_unmount(self) -> None:
        self.stop_speaking()
