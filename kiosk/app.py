"""The Textual application: the composition root that wires screens to the domain services.

Two modes, each with its own screen stack: ``parent`` (the kiosk a parent uses, starting at
Welcome) and ``staff`` (behind the PIN). The parent's language lives in the
:class:`~kiosk.session.ParentSession`, never in the process: :meth:`KioskApp.set_language`
re-renders every screen of the parent stack, and :meth:`KioskApp.reset_parent` forgets the
parent and starts again at Welcome.

Attributes down, messages up: the app makes every screen (by class) with the one
:class:`~screens.context.ScreenContext`; screens tell it what happened with the messages of
:mod:`screens.messages` and the handlers below (:class:`~kiosk.navigation.Navigation`) alone
decide where to go next. After any screen closes, focus lands on a control that takes keys.

Lock-down: the app's own bindings replace Textual's (no ctrl+q, ctrl+c or command palette),
text selection is off, and ctrl+z arrives as a key because Textual clears the terminal's ISIG.

Staff open the staff area with **Ctrl+E** (:data:`STAFF_KEY`), then the PIN: a chord a parent
does not press by accident, that every terminal (and tmux) passes through.

Idle reset: every key, click, touch or scroll seen by :meth:`KioskApp.on_event` (and every
mouse press that bubbles up from a screen: Textual's test pilot bypasses ``on_event``) counts
as "someone is here". After ``[kiosk] idle_timeout`` seconds without any, the
:class:`~screens.idle.IdleOverlay` asks "Are you still there?" with a countdown of
``idle_countdown`` seconds; at zero the parent is forgotten (:meth:`KioskApp.reset_parent`)
— or, in the staff area, the staff area is closed.
"""

from __future__ import annotations

import logging
import time
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.css.stylesheet import Stylesheet

from kiosk.core import memory
from kiosk.core.i18n import N_, Translator
from kiosk.core.memory import release_free_memory
from kiosk.services import Services
from kiosk.session import ParentSession
from screens import rich_guard
from screens.base import focus_first_control
from screens.context import ScreenContext
from screens.messages import (
    Back,
    Flow,
    GlossaryRequested,
    GoHome,
    IdleExpired,
    LanguageChosen,
    LanguagePickerRequested,
    LeaveStaffArea,
    OpenFlow,
    OpenStaffTool,
    ParentFinished,
    QuitKiosk,
    SettingsChanged,
    ShowRegistration,
    ShowScreen,
    ShowTicket,
    StaffAreaRequested,
    StaffTool,
    StillHere,
)
from screens.welcome import WelcomeScreen
from screens.widgets import TINY_WIDTH

rich_guard.install()  # a widget squeezed to no width must not stop the kiosk

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen
    from textual.theme import Theme

#: Seconds between two retention purges while the kiosk runs (one at start).
RETENTION_INTERVAL = 24 * 3600
#: Seconds after start before the garbage collector paused for start-up resumes.
SETTLE_DELAY = 1.0
#: Said over Welcome, in the leaving parent's language, when they finish on a ticket.
THANKS = N_("Merci ! Au revoir et à bientôt.")
#: Seconds that "thank you" stays (it takes no key: the next parent can start at once).
THANKS_SECONDS = 2.0

def staff_home(context: ScreenContext) -> Screen[object]:
    """The staff area's first screen, imported only when staff open it (faster start)."""
    from screens.staff.home import StaffHomeScreen

    return StaffHomeScreen(context)


def flow_screen(flow: Flow, context: ScreenContext) -> Screen[object]:
    """The first screen of a parent's flow; its module is imported only now (faster start)."""
    if flow is Flow.QUESTIONNAIRE:
        from screens.questionnaire import QuestionnaireIntroScreen

        return QuestionnaireIntroScreen(context)
    if flow is Flow.BOOKING:
        from screens.booking import ChoosePersonScreen

        return ChoosePersonScreen(context)
    if flow is Flow.WORKSHOPS:
        from screens.workshops import WorkshopListScreen

        return WorkshopListScreen(context)
    if flow is Flow.ANNOUNCEMENTS:
        from screens.announcements import AnnouncementListScreen

        return AnnouncementListScreen(context)
    if flow is Flow.GUIDES:
        from screens.guides import GuideListScreen

        return GuideListScreen(context)
    if flow is Flow.CODE:
        from screens.booking_code import CodeScreen

        return CodeScreen(context)
    from screens.help import HelpScreen

    return HelpScreen(context)


def staff_tool_screen(tool: StaffTool, context: ScreenContext) -> Screen[object]:
    """A management screen of the staff area (imported when staff open it)."""
    from screens.staff import (
        announcements,
        audit,
        booking,
        callbacks,
        giveback,
        help_requests,
        loans,
        paper_entry,
        print_queue,
        results,
        workshops,
    )
    from screens.staff import settings as settings_screen

    screens: dict[StaffTool, Callable[[ScreenContext], Screen[object]]] = {
        StaffTool.APPOINTMENTS: booking.AppointmentsStaffScreen,
        StaffTool.WORKSHOPS: workshops.WorkshopsStaffScreen,
        StaffTool.ANNOUNCEMENTS: announcements.AnnouncementsStaffScreen,
        StaffTool.RESULTS: results.ResultsScreen,
        StaffTool.SETTINGS: settings_screen.SettingsScreen,
        StaffTool.AUDIT: audit.AuditScreen,
        StaffTool.PRINT_QUEUE: print_queue.PrintQueueScreen,
        StaffTool.HELP: help_requests.HelpRequestsScreen,
        StaffTool.PAPER_ENTRY: paper_entry.PaperEntryScreen,
        StaffTool.GIVEBACK: giveback.GivebackStaffScreen,
        StaffTool.CALLBACKS: callbacks.CallbacksStaffScreen,
        StaffTool.LOANS: loans.LoansStaffScreen,
    }
    return screens[tool](context)


class KioskStylesheet(Stylesheet):
    """Textual's stylesheet, keeping what it parsed when the CSS variables did not change.

    Textual sets the variables again at each CSS refresh (a new screen, a mode), which throws
    away every parsed rule even when nothing changed, and re-parses into a fresh stylesheet
    with an empty cache: the kiosk's first screen parsed ``kiosk.tcss`` three times (~12 ms
    each). Here the variables are only replaced when they differ (a theme change), and a
    re-parse goes through this stylesheet's own cache: one parse at start.
    """

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:
            super().set_variables(variables)  # new values: the parsed rules are dropped

    def reparse(self) -> None:
        # parse() builds the new rules before replacing the old ones, so a CSS error leaves
        # this stylesheet as it was, as Textual's reparse() into a fresh stylesheet does.
        self.parse()


#: The key combination that asks for the staff PIN (documented in the README).
STAFF_KEY = "ctrl+e"

#: Input events that mean "someone is at the kiosk".
ACTIVITY_EVENTS = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp,
                   events.Paste)


class ParentNavigation(App[int]):
    """The kiosk's navigation: the parent's language and reset, the staff area, and the
    answers to what screens tell the app (messages up). Only the app decides where to go."""

    #: The parent's mode and the staff area's, each with its own screen stack.
    PARENT_MODE: ClassVar[str] = "parent"
    STAFF_MODE: ClassVar[str] = "staff"
    # Set by KioskApp.__init__:
    services: Services
    session: ParentSession
    screen_context: ScreenContext
    parent_generation: int
    idle_timeout: float
    idle_countdown: int
    _staff_home: Callable[[], Screen[object]]
    #: Welcome shows what the settings say (the languages offered): staff changed them.
    welcome_stale: bool = False

    # -- language ------------------------------------------------------------------------------

    @property
    def tr(self) -> Translator:
        """The translator of the current parent's language."""
        return self.services.i18n.translator(self.session.language)

    def visual(self, text: str, *, rtl: bool | None = None) -> str:
        """Logical text → what the terminal shows (bidi and shaping per the `bidi` setting)."""
        return self.services.i18n.display(text, rtl=self.tr.rtl if rtl is None else rtl)

    def start_language(self, code: str) -> None:
        """The parent's session in `code` from now on (started now if it was not)."""
        if self.session.started is None:
            self.session.started = self.services.now()
        self.session.language = code
        self.set_class(self.tr.rtl, "-rtl")

    async def set_language(self, code: str) -> None:
        """Switch the parent's session to `code` and re-render every parent screen."""
        self.start_language(code)
        for screen in list(self.screen_stack):
            if screen.is_attached:
                await screen.recompose()

    # -- resetting -----------------------------------------------------------------------------

    async def reset_parent(self) -> None:
        """Forget the parent who was here: every screen popped, Welcome shown again (back in
        the parent's mode first, when the staff area was open)."""
        if self.current_mode != self.PARENT_MODE:
            await self.switch_mode(self.PARENT_MODE)
        self.forget_parent()
        if self.welcome_stale:  # staff changed the settings (the languages offered…)
            self.welcome_stale = False
            await self.screen.recompose()
            self.focus_a_control()

    def forget_parent(self) -> None:
        """Forget the parent at once, within the caller's handler: Welcome is the current
        screen when this returns, so the next key already goes to it.

        Nothing here waits. The screens above Welcome are popped in one go (their removal
        completes afterwards, and screens built for the parent just forgotten ignore their
        late events: :attr:`parent_generation`). Welcome is not composed again: it shows the
        same in every language, and it was composed afresh when the parent chose a language
        (:meth:`on_language_chosen`); after a change of settings, :meth:`reset_parent` (the
        way out of the staff area) composes it again. Returning freed memory to the system
        waits until the Welcome screen has been painted.
        """
        self.parent_generation += 1
        self.session.reset()
        if self.has_class("-rtl"):  # a class change restyles every screen: only when needed
            self.set_class(False, "-rtl")
        self.clear_notifications()
        with self.batch_update():
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.session.reset()
            self.screen.scroll_home(animate=False)
            for body in self.screen.query("#body"):
                body.scroll_home(animate=False)
            self.focus_a_control()
        self.call_after_refresh(release_free_memory)  # the parent's session goes back

    def go_home(self, *, push: bool = True) -> None:
        """Pop the parent's screens down to Home (pushed again if it is not there, unless
        `push` is false: the caller shows another screen there).

        The stack changes at once; the screens' removal completes afterwards (not awaited: a
        screen's own handler may be the caller, and it cannot wait for its own removal).
        """
        from screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if push and not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen(self.screen_context))

    # -- staff area ----------------------------------------------------------------------------

    async def open_staff_area(self) -> None:
        """Show the staff area (the caller has checked the PIN). The parent is forgotten."""
        await self.reset_parent()
        await self.switch_mode(self.STAFF_MODE)

    def action_staff_area(self) -> None:
        """The staff key combination: ask for the PIN (nothing happens in the staff area)."""
        from kiosk.staff.pin_command import set_pin_command
        from screens.staff.pin import PinDialog

        if self.current_mode == self.STAFF_MODE or isinstance(self.screen, PinDialog):
            return
        if self.services.served == "browser":  # `kiosk serve` without --allow-staff
            self.bell()
            return
        services = self.services
        command = set_pin_command(services.config, services.data_dir, demo=services.demo)
        self.push_screen(PinDialog(self.screen_context, set_pin_command=command))

    async def leave_staff_area(self) -> None:
        """Back to a fresh Welcome; the staff stack is dropped so nothing stays open."""
        await self.reset_parent()
        await self.remove_mode(self.STAFF_MODE)
        self.add_mode(self.STAFF_MODE, self._staff_home)
        self.focus_a_control()

    def focus_a_control(self) -> None:
        """After a reset or a mode switch, a key must reach something: focus the screen's
        first control when nothing has the focus (a recomposed Welcome has none)."""
        focus_first_control(self.screen)

    # -- what screens tell the app ("messages up") ---------------------------------------------

    async def on_language_chosen(self, message: LanguageChosen) -> None:
        """A language chosen on Welcome opens Home; in the picker, it re-renders the screens."""
        from screens.home import HomeScreen

        welcome = self.screen
        if not isinstance(welcome, WelcomeScreen):
            await self.set_language(message.code)
            return
        # Home at once (not awaited: the parent's next key goes to Home and waits there for
        # it to be mounted); Welcome, below it, is composed again when it is next shown.
        self.start_language(message.code)
        self.push_screen(HomeScreen(self.screen_context))
        welcome.refresh(recompose=True)

    def on_language_picker_requested(self, message: LanguagePickerRequested) -> None:
        from screens.welcome import LanguagePicker

        self.push_screen(LanguagePicker(self.screen_context))

    def on_glossary_requested(self, message: GlossaryRequested) -> None:
        from screens.glossary import GlossaryModal

        self.push_screen(GlossaryModal(self.screen_context, message.words))

    def on_go_home(self, message: GoHome) -> None:
        self.go_home()

    def on_parent_finished(self, message: ParentFinished) -> None:
        """The one way a parent is done: forget them, start again at Welcome, at once (a key
        pressed just after reaches Welcome). With `thanks`, a short "thank you" in the
        leaving parent's language is shown over Welcome."""
        thanks = self.visual(self.tr(THANKS)) if message.thanks else ""
        self.forget_parent()
        if thanks:
            self.notify(thanks, timeout=THANKS_SECONDS, markup=False)

    def on_back(self, message: Back) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def on_open_flow(self, message: OpenFlow) -> None:
        self.push_screen(flow_screen(message.flow, self.screen_context))

    def on_show_screen(self, message: ShowScreen) -> None:
        if message.over_home:
            self.go_home(push=False)
        self.push_screen(message.screen)

    def on_show_ticket(self, message: ShowTicket) -> None:
        from screens.ticket import TicketScreen

        self.push_screen(TicketScreen(self.screen_context, message.ticket))

    def on_show_registration(self, message: ShowRegistration) -> None:
        from screens.workshops import RegistrationDetailScreen

        self.push_screen(RegistrationDetailScreen(self.screen_context, message.registration))

    def on_staff_area_requested(self, message: StaffAreaRequested) -> None:
        self.run_worker(self.open_staff_area(), group="staff", exclusive=True)

    def on_leave_staff_area(self, message: LeaveStaffArea) -> None:
        self.run_worker(self.leave_staff_area(), group="staff", exclusive=True)

    def on_open_staff_tool(self, message: OpenStaffTool) -> None:
        self.push_screen(staff_tool_screen(message.tool, self.screen_context))

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Staff saved settings: the running kiosk follows them."""
        self.services.config = message.config  # what is built from it is built again
        self.welcome_stale = True  # composed again when the staff area closes
        self.idle_timeout = float(message.config.kiosk.idle_timeout)
        self.idle_countdown = int(message.config.kiosk.idle_countdown)

    def on_quit_kiosk(self, message: QuitKiosk) -> None:
        self.exit(0)


class KioskApp(ParentNavigation, inherit_bindings=False):
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
        Binding(STAFF_KEY, "staff_area", show=False, priority=True),
    ]
    #: Breakpoint classes set on every screen: compact layouts for 80×24, roomy ones above,
    #: and fewer columns below 60 (a terminal window shrunk to 40×15 must stay usable).
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (TINY_WIDTH, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    #: Start straight in the parent's mode: Textual builds Welcome while composing the app,
    #: instead of a blank default screen and then a mode switch (which parsed all the CSS
    #: twice more: ~25 ms of every start).
    DEFAULT_MODE = ParentNavigation.PARENT_MODE

    def __init__(self, services: Services, *, session: ParentSession | None = None,
                 first_screen: Callable[[ScreenContext], Screen[object]] | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        """`session`: a prepared parent's session (tests); `first_screen`: a screen shown over
        Welcome as soon as the kiosk starts (tests start on the screen they look at);
        `monotonic`: the clock of the idle reset (tests move it instead of waiting)."""
        super().__init__()
        self.stylesheet = KioskStylesheet(variables=self.get_css_variables())
        self.services = services
        self.session = session if session is not None else ParentSession()
        #: What every screen is made with ("attributes down").
        self.screen_context = ScreenContext(self.session, services,
                                            lambda: self.parent_generation)
        self._staff_home = partial(staff_home, self.screen_context)
        self.add_mode(self.PARENT_MODE, partial(WelcomeScreen, self.screen_context))
        self.add_mode(self.STAFF_MODE, self._staff_home)
        self._first_screen = first_screen
        #: Seconds without input before "Are you still there?" (tests may shorten them).
        self.idle_timeout: float = float(services.config.kiosk.idle_timeout)
        #: Seconds of that question's countdown.
        self.idle_countdown: int = int(services.config.kiosk.idle_countdown)
        #: The clock of the idle reset (tests pass one they move by hand).
        self._monotonic = monotonic
        self._last_activity = monotonic()
        #: Changes each time the parent is forgotten: screens built for an earlier parent never
        #: write into the next parent's session (their late events are ignored).
        self.parent_generation = 0
        #: Seconds after start before the first retention purge (tests set 0: at once).
        self.retention_first_delay: float = 10.0
        #: Seconds after start before pending tickets are retried (tests set less).
        self.print_queue_delay: float = 15.0

    # -- lifecycle -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        if self._first_screen is not None:
            self.start_language(self.session.language)
            self.push_screen(self._first_screen(self.screen_context))
        self.set_interval(min(1.0, self.idle_timeout / 4), self._check_idle, name="idle")
        # RGPD retention: erase what is past its period shortly after start (the purge imports
        # the booking and printing modules: ~0.5 s that the first screen must not wait for),
        # then every day.
        if self.retention_first_delay <= 0:
            self.call_after_refresh(self.purge_past_retention)
        else:
            self.set_timer(self.retention_first_delay, self.purge_past_retention,
                           name="retention-first")
        self.set_interval(RETENTION_INTERVAL, self.purge_past_retention, name="retention")
        # Tickets still waiting from before a restart (printer offline, paper out) are retried
        # in the background as soon as the kiosk runs, not only after the next print.
        self.set_timer(self.print_queue_delay, self.resume_print_queue, name="print-queue")
        # The collector paused for start-up (kiosk/memory.py) resumes once the first screen
        # is up and the parent is reading it.
        self.set_timer(SETTLE_DELAY, memory.settle_after_start, name="settle")

    @work(thread=True, exclusive=True, group="print-queue", exit_on_error=False)
    def resume_print_queue(self) -> None:
        """Restart the print queue's retries when jobs are pending (off the event loop)."""
        from kiosk.core.store import StorageError

        try:
            if self.services.printing.pending_count():
                self.services.printing.ensure_retrying()
        except StorageError as exc:  # the dashboard shows storage problems
            logging.getLogger(__name__).warning("print queue not resumed: %s", exc)

    @work(thread=True, exclusive=True, group="retention", exit_on_error=False)
    def purge_past_retention(self) -> None:
        """Erase personal details past retention (kiosk.staff.retention), off the event loop."""
        from kiosk.core.store import StorageError

        try:
            self.services.retention.purge()
        except StorageError as exc:  # shown on the dashboard's storage problems; retried daily
            logging.getLogger(__name__).warning("retention purge failed: %s", exc)

    def get_theme(self, theme_name: str) -> Theme | None:
        """Textual looks the theme up by name for every line it paints (a dictionary copy each
        time); the kiosk registers no theme after start, so the answer is remembered."""
        cache = self.__dict__.setdefault("_theme_lookups", {})
        if theme_name not in cache:
            cache[theme_name] = super().get_theme(theme_name)
        found: Theme | None = cache[theme_name]
        return found

    # -- idle reset ----------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY_EVENTS):
            self.note_activity()
        await super().on_event(event)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Clicks that reach a widget without passing through :meth:`on_event` bubble here."""
        self.note_activity()

    def note_activity(self) -> None:
        """Someone is at the kiosk: the idle time starts again."""
        self._last_activity = self._monotonic()

    def is_idle_worth_asking(self) -> bool:
        """Whether there is anything to forget (a parent's session, or the staff area open)."""
        if self.current_mode != self.PARENT_MODE:
            return True
        return len(self.screen_stack) > 1 or not self.session.is_empty

    def _check_idle(self) -> None:
        from screens.idle import IdleOverlay

        if self._monotonic() - self._last_activity < self.idle_timeout:
            return
        if isinstance(self.screen, IdleOverlay):
            return
        if not self.is_idle_worth_asking():
            self.note_activity()
            return
        self.push_screen(IdleOverlay(self.screen_context, self.idle_countdown))

    async def idle_expired(self) -> None:
        """Nobody answered "Are you still there?": forget everything, start again."""
        if self.current_mode == self.STAFF_MODE:
            await self.leave_staff_area()
        else:
            await self.reset_parent()
        self.note_activity()

    def on_still_here(self, message: StillHere) -> None:
        self.note_activity()

    def on_idle_expired(self, message: IdleExpired) -> None:
        self.run_worker(self.idle_expired(), group="idle", exclusive=True)


    # -- lock-down -----------------------------------------------------------------------------

    def action_refuse(self) -> None:
        """Keys that would leave the kiosk do nothing for parents."""
        self.bell()
