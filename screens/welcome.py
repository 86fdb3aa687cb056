"""Welcome: the school's name and the language picker (each language in its own script).

This is the root of the parent's screen stack, and where every new parent starts. Choosing a
language tells the app (:class:`~screens.messages.LanguageChosen`), which starts the parent's
session in that language and opens Home. The same picker, as a
dialog (:class:`LanguagePicker`), lets a parent switch language on any screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Grid
from textual.widgets import Button

from kiosk.audio.script import Utterance, language_names
from kiosk.core.i18n import N_
from screens.base import Body, KioskModal, KioskScreen
from screens.direction import ChoiceGrid
from screens.messages import LanguageChosen, tell
from screens.widgets import BigButton, NavBar, Paragraph, Title

#: Keys for the languages, in order: digits first, then letters (shown on the buttons).
LANGUAGE_KEYS = "1234567890abcdefghijklmnopqrstuvwxyz"

TOUCH_HINT = N_("Touchez ou tapez {key}")


def language_buttons(widget: KioskScreen | KioskModal, *, hints: bool = True) -> ComposeResult:
    """One big button per enabled language: its name and a hint, both in that language."""
    i18n = widget.context.i18n
    for index, lang in enumerate(i18n.languages[: len(LANGUAGE_KEYS)]):
        key = LANGUAGE_KEYS[index]
        own = i18n.translator(lang.code)
        yield BigButton(
            lang.native_name,
            hint=own(TOUCH_HINT).format(key=key.upper()) if hints else "",
            key=key,
            rtl=lang.rtl,
            id=f"lang-{lang.code}",
            classes="language",
        )


class WelcomeScreen(KioskScreen):
    """The first screen: who we are, and "choose your language"."""

    SCREEN_NAME = "welcome"
    SHOW_BACK = False
    SHOW_HOME = False
    SHOW_LANGUAGE = False
    IN_TRAIL = False

    def compose(self) -> ComposeResult:
        with Body(id="body"):
            yield Title(self.context.config.school.name, rtl=None, id="welcome-school")
            with Center(), Grid(id="languages"):
                yield from language_buttons(self)
        if self.can_speak:
            yield NavBar(back=False, home=False, language=False, listen=True, listen_words=False)

    def spoken_script(self) -> list[Utterance]:
        """Each language's name and key, said in that language, one after the other."""
        return language_names(self.context.i18n, LANGUAGE_KEYS)

    def action_back(self) -> None:
        """Nothing before Welcome."""

    @on(Button.Pressed, ".language")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        tell(self, LanguageChosen((event.button.id or "").removeprefix("lang-")))


class LanguagePicker(KioskModal):
    """Switch language without losing anything: every open screen is shown again in it."""

    def compose(self) -> ComposeResult:
        with Body(id="picker"):
            yield Paragraph(self.tr("Choisissez votre langue"), classes="dialog-title")
            with ChoiceGrid(id="languages", classes="picker"):
                yield from language_buttons(self, hints=False)
            yield BigButton(self.tr("Annuler") + " (" + self.tr("Échap") + ")",
                            id="cancel", classes="nav")

    def spoken_script(self) -> list[Utterance]:
        """Each language's name and key, in that language (as on Welcome)."""
        return language_names(self.context.i18n, LANGUAGE_KEYS)

    @on(Button.Pressed, "#cancel")
    def cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    @on(Button.Pressed, ".language")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        code = (event.button.id or "").removeprefix("lang-")
        self.dismiss(code)
        tell(self, LanguageChosen(code))
