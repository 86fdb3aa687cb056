"""The Textual application: the composition root that wires screens to the domain services.

Two modes, each with its own screen stack: ``parent`` (the kiosk a parent uses, starting at
Welcome) and ``staff`` (behind the PIN). The parent's language lives in the
:class:`~kiosk.session.ParentSession`, never in the process: :meth:`KioskApp.set_language`
re-renders every screen of the parent stack, and :meth:`KioskApp.reset_parent` forgets the
parent and starts again at Welcome.

Lock-down: the app's own bindings replace Textual's (no ctrl+q, ctrl+c or command palette),
text selection is off, and ctrl+z arrives as a key because Textual clears the terminal's ISIG.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from kiosk.i18n import Translator
from kiosk.services import Services
from kiosk.session import ParentSession
from screens.staff.home import StaffHomeScreen
from screens.welcome import WelcomeScreen


class KioskApp(App[int], inherit_bindings=False):
    """The reception-desk kiosk."""

    CSS_PATH = "../screens/kiosk.tcss"
    TITLE = "Kiosque École–Familles"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    #: Only harmless bindings: quitting goes through the staff area.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "refuse", show=False, priority=True),
        Binding("ctrl+c", "refuse", show=False, priority=True),
        Binding("ctrl+z", "refuse", show=False, priority=True),
        Binding("ctrl+backslash", "refuse", show=False, priority=True),
        Binding("ctrl+p", "refuse", show=False, priority=True),
    ]
    MODES: ClassVar[dict[str, object]] = {  # type: ignore[assignment]
        "parent": WelcomeScreen,
        "staff": StaffHomeScreen,
    }

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.session = ParentSession()

    # -- lifecycle -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.switch_mode("parent")

    # -- language ------------------------------------------------------------------------------

    @property
    def tr(self) -> Translator:
        """The translator of the current parent's language."""
        return self.services.i18n.translator(self.session.language)

    def visual(self, text: str, *, rtl: bool | None = None) -> str:
        """Logical text → what the terminal shows (bidi and shaping per the `bidi` setting)."""
        return self.services.i18n.display(text, rtl=self.tr.rtl if rtl is None else rtl)

    async def set_language(self, code: str) -> None:
        """Switch the parent's session to `code` and re-render every parent screen."""
        if self.session.started is None:
            self.session.started = dt.datetime.now(self.services.config.tz)
        self.session.language = code
        self.set_class(self.tr.rtl, "-rtl")
        for screen in list(self.screen_stack):
            if screen.is_attached:
                await screen.recompose()

    # -- resetting -----------------------------------------------------------------------------

    async def reset_parent(self) -> None:
        """Forget the parent who was here: every screen popped, Welcome shown again."""
        self.session.reset()
        self.set_class(False, "-rtl")
        if self.current_mode != "parent":
            await self.switch_mode("parent")
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.screen.recompose()

    # -- staff area ----------------------------------------------------------------------------

    async def open_staff_area(self) -> None:
        """Show the staff area (the caller has checked the PIN). The parent is forgotten."""
        self.session.reset()
        self.set_class(False, "-rtl")
        await self.switch_mode("staff")

    async def leave_staff_area(self) -> None:
        """Back to a fresh Welcome; the staff stack is dropped so nothing stays open."""
        await self.reset_parent()
        await self.remove_mode("staff")
        self.add_mode("staff", StaffHomeScreen)

    # -- lock-down -----------------------------------------------------------------------------

    def action_refuse(self) -> None:
        """Keys that would leave the kiosk do nothing for parents."""
        self.bell()
