"""What screens tell the app ("messages up").

A screen says what happened (the parent chose a language, is finished, wants Home…) and the
app (:class:`kiosk.app.KioskApp`) alone decides where to go next. Screens post these with
:func:`tell`, which hands them to the app at once (a screen that closes itself may post one
last message). Screens of one flow still open their own next step with :class:`ShowScreen`, and
dialogs that return an answer are pushed with a callback, as Textual does.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.dom import DOMNode
    from textual.screen import Screen

    from kiosk.booking.model import Registration
    from kiosk.core.config import Config
    from kiosk.glossary import Word
    from kiosk.tickets import Ticket


class Flow(enum.Enum):
    """The parent's flows, each opened from a Home tile (but CODE, see below)."""

    QUESTIONNAIRE = "questionnaire"
    BOOKING = "booking"
    WORKSHOPS = "workshops"
    ANNOUNCEMENTS = "announcements"
    HELP = "help"
    #: The guides to the school's digital tools.
    GUIDES = "guides"
    #: "I already have a code" (from the booking or the workshop flow).
    CODE = "code"


class StaffTool(enum.Enum):
    """The management screens of the staff area."""

    APPOINTMENTS = "appointments"
    WORKSHOPS = "workshops"
    ANNOUNCEMENTS = "announcements"
    RESULTS = "results"
    SETTINGS = "settings"
    AUDIT = "audit"
    PRINT_QUEUE = "print-queue"
    HELP = "help"
    PAPER_ENTRY = "paper-entry"
    GIVEBACK = "giveback"
    CALLBACKS = "callbacks"
    LOANS = "loans"


def tell(node: DOMNode, message: Message) -> None:
    """Hand `message` to the app (from a screen or a widget)."""
    node.app.post_message(message)


class LanguageChosen(Message):
    """The parent chose a language (on Welcome, or in the language picker)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class LanguagePickerRequested(Message):
    """The parent wants to change language (the Language button, Home's 0)."""


class GlossaryRequested(Message):
    """The parent pressed "?": show the glossary words of their screen."""

    def __init__(self, words: Sequence[Word]) -> None:
        super().__init__()
        self.words = tuple(words)


class GoHome(Message):
    """The parent wants the Home screen, keeping the language and what they chose."""


class ParentFinished(Message):
    """The parent is done ("J'ai fini"): forget them. With `thanks` (a ticket's "J'ai fini"),
    the app says thank you over the next Welcome."""

    def __init__(self, *, thanks: bool = False) -> None:
        super().__init__()
        self.thanks = thanks


class Back(Message):
    """Back one screen (Escape, the Back button)."""


class OpenFlow(Message):
    """A Home tile (or a flow's invitation to another one) was chosen."""

    def __init__(self, flow: Flow) -> None:
        super().__init__()
        self.flow = flow


class ShowScreen(Message):
    """The next step of a flow: show `screen` (made by the flow with its context).

    `over_home`: the parent's screens above Home are closed first (the flow has ended).
    """

    def __init__(self, screen: Screen[object], *, over_home: bool = False) -> None:
        super().__init__()
        self.screen = screen
        self.over_home = over_home


class ShowTicket(Message):
    """A flow has a ticket for the parent: show it (and print it)."""

    def __init__(self, ticket: Ticket) -> None:
        super().__init__()
        self.ticket = ticket


class ShowRegistration(Message):
    """A code typed on the booking flow's code screen is a workshop registration."""

    def __init__(self, registration: Registration) -> None:
        super().__init__()
        self.registration = registration


class StillHere(Message):
    """The parent answered "Are you still there?"."""


class IdleExpired(Message):
    """Nobody answered "Are you still there?" in time."""


class StaffAreaRequested(Message):
    """Staff gave the right PIN: open the staff area."""


class LeaveStaffArea(Message):
    """Staff close the staff area: back to a fresh Welcome."""


class OpenStaffTool(Message):
    """A staff home button: open that management screen."""

    def __init__(self, tool: StaffTool) -> None:
        super().__init__()
        self.tool = tool


class SettingsChanged(Message):
    """Staff saved new settings: the running kiosk applies them."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config


class QuitKiosk(Message):
    """Staff asked to quit the kiosk."""
