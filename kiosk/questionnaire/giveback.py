"""Results given back to parents: "Ce que vous avez dit".

The head teacher's guide asks the school to publish the results to everyone, "pour mesurer le
chemin parcouru". This is the plain-language summary parents read on the kiosk (under
Announcements), on a printed ticket and on the published website:

* **what parents said** — three figures (how many families answered, the share with internet
  at home, the share at ease with digital tools) and a few short sentences around them, in the
  parent's language (gettext msgids, plurals by ``ngettext``, numbers and percents by Babel);
* **what the school will do** — the actions staff write
  (:mod:`kiosk.questionnaire.giveback_actions`), translated like announcements.

Every figure comes from :class:`~kiosk.questionnaire.results.Results`, which withholds any
figure about fewer than ``min_group_size`` responses
(:mod:`kiosk.questionnaire.suppression`): a withheld figure's sentence says "pas encore assez
de réponses". With no figure to show and no action written, parents see nothing
(:meth:`Giveback.for_parents` gives None).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kiosk.core.i18n import N_, Translator
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE
from kiosk.core.store import StorageError
from kiosk.questionnaire.giveback_actions import ActionBook, SchoolActions
from kiosk.questionnaire.results import Results

if TYPE_CHECKING:
    from kiosk.tickets import Ticket, TicketContext

log = logging.getLogger(__name__)

TITLE = N_("Ce que vous avez dit")
HINT = N_("Les résultats du questionnaire, et ce que l'école va faire")
INTRO = N_("Merci ! Voici ce que les familles ont dit dans le questionnaire de l'école.")
INTERNET = N_("{share} des familles ont internet à la maison.")
AT_EASE = N_("{share} des parents se sentent à l'aise avec le numérique.")
SCHOOL_APP = N_("{share} des familles utilisent le site ou l'application de l'école.")
ASKS_HELP = N_("{share} des parents aimeraient une aide : un atelier, une association ou un "
               "appareil prêté.")
ANSWERED_NOT_YET = N_("Nombre de familles qui ont répondu : pas encore assez de réponses.")
INTERNET_NOT_YET = N_("Internet à la maison : pas encore assez de réponses.")
AT_EASE_NOT_YET = N_("À l'aise avec le numérique : pas encore assez de réponses.")
ACTIONS_HEADING = N_("Ce que l'école va faire")
NO_ACTIONS = N_("L'école n'a pas encore écrit ce qu'elle va faire.")

#: The items and indicators the figures come from (data/questionnaire.toml).
NO_INTERNET = "no_internet"
NOT_AT_EASE = "not_at_ease"
ASKS_HELP_INDICATOR = "asks_help"
SCHOOL_APP_ITEM = "D_SCHOOL_APP"
SCHOOL_APP_USED = ("sometimes", "often")


@dataclass(frozen=True)
class GivebackFacts:
    """What the summary says, in no language yet: the figures (None when withheld or not
    asked), and the school's actions."""

    year: str
    #: Responses the figures rest on (None: fewer than min_group_size).
    answered: int | None
    internet: float | None
    at_ease: float | None
    school_app: float | None
    asks_help: float | None
    actions: SchoolActions | None
    #: When the summary was read (the date of its ticket).
    day: dt.date

    @property
    def has_figures(self) -> bool:
        return self.answered is not None

    @property
    def shown(self) -> bool:
        """Whether parents see it: figures enough, or actions written."""
        return self.has_figures or self.actions is not None

    def reading(self, tr: Translator) -> GivebackReading:
        return reading(self, tr)


def facts_of(results: Results, actions: SchoolActions | None, day: dt.date) -> GivebackFacts:
    """The summary's figures from `results` (withheld figures stay None)."""
    def share(indicator_id: str, opposite: bool = False) -> float | None:
        found = results.indicator(indicator_id)
        if found is None or found.withheld or found.share is None:
            return None
        return 1 - found.share if opposite else found.share

    app = results.choice(SCHOOL_APP_ITEM)
    school_app = None
    if app is not None and not app.withheld and app.answered:
        school_app = sum(app.share(option) or 0.0 for option in SCHOOL_APP_USED)
    if results.withheld:
        return GivebackFacts(results.year, None, None, None, None, None, actions, day)
    return GivebackFacts(
        year=results.year, answered=results.responses,
        internet=share(NO_INTERNET, opposite=True), at_ease=share(NOT_AT_EASE, opposite=True),
        school_app=school_app, asks_help=share(ASKS_HELP_INDICATOR), actions=actions, day=day,
    )


@dataclass(frozen=True)
class Figure:
    """One of the three figures: its value as shown (None: not enough responses) and its
    sentence in the parent's language."""

    value: str | None
    sentence: str


@dataclass(frozen=True)
class GivebackReading:
    """The summary as a parent reads it in one language (kiosk, ticket, web page)."""

    lang: str
    title: str
    figures: tuple[Figure, ...]
    #: The short sentences around the figures (the first is the thanks).
    sentences: tuple[str, ...]
    actions_heading: str
    #: The actions (in the parent's language, else in French under `note`), or the line
    #: saying there is none yet.
    actions: tuple[str, ...]
    #: False: the actions are the French text (no current translation).
    actions_translated: bool
    #: The "not translated yet" line in the parent's language, or "".
    note: str
    rtl: bool
    french_title: str
    day: dt.date

    @property
    def text(self) -> str:
        """What parents said, as one text (for the ticket): sentences then figures."""
        return "\n".join([self.sentences[0], *(f.sentence for f in self.figures),
                          *self.sentences[1:]])


def _percent(tr: Translator, value: float) -> str:
    return tr.percent(round(value, 2))


def reading(facts: GivebackFacts, tr: Translator) -> GivebackReading:
    """The summary in `tr`'s language."""
    figures: list[Figure] = []
    if facts.answered is not None:
        n = tr.number(facts.answered)
        figures.append(Figure(n, tr.ngettext("{n} famille a répondu au questionnaire.",
                                             "{n} familles ont répondu au questionnaire.",
                                             facts.answered).format(n=n)))
    else:
        figures.append(Figure(None, tr(ANSWERED_NOT_YET)))
    for value, sentence, not_yet in ((facts.internet, INTERNET, INTERNET_NOT_YET),
                                     (facts.at_ease, AT_EASE, AT_EASE_NOT_YET)):
        if value is None:
            figures.append(Figure(None, tr(not_yet)))
        else:
            share = _percent(tr, value)
            figures.append(Figure(share, tr(sentence).format(share=share)))
    sentences = [tr(INTRO)]
    for value, sentence in ((facts.school_app, SCHOOL_APP), (facts.asks_help, ASKS_HELP)):
        if value is not None:
            sentences.append(tr(sentence).format(share=_percent(tr, value)))
    actions, translated, note = _actions(facts.actions, tr)
    return GivebackReading(
        lang=tr.code, title=tr(TITLE), figures=tuple(figures), sentences=tuple(sentences),
        actions_heading=tr(ACTIONS_HEADING), actions=actions, actions_translated=translated,
        note=note, rtl=tr.rtl, french_title=TITLE, day=facts.day,
    )


def _actions(actions: SchoolActions | None, tr: Translator) -> tuple[tuple[str, ...], bool, str]:
    if actions is None:
        return (tr(NO_ACTIONS),), True, ""
    translated = tr.code == SOURCE_LANGUAGE or actions.current_translation(tr.code) is not None
    return tuple(actions.lines(tr.code)), translated, "" if translated else tr(
        TEXT_FALLBACK_NOTE)


def ticket_of(context: TicketContext, shown: GivebackReading, qr: str) -> Ticket:
    """The printed summary: the announcement ticket, with the actions after what parents
    said (French actions left to right under the "not translated yet" line)."""
    from kiosk.tickets import TicketLine, announcement_ticket

    ticket = announcement_ticket(context, shown.lang, title=shown.title, text=shown.text,
                                 french_title=shown.french_title, published=shown.day, qr=qr)
    extra = [TicketLine(shown.actions_heading, style="bold", rule=True)]
    if shown.note:
        extra.append(TicketLine(shown.note, style="small"))
    extra += [TicketLine(f"• {line}", rtl=None if shown.actions_translated else False)
              for line in shown.actions]
    return replace(ticket, lines=(*ticket.lines, *extra))


def staff_summary(facts: GivebackFacts, fr: Translator) -> str:
    """For staff (French): what a French-speaking parent reads of the figures, and whether
    parents see the summary now."""
    shown = facts.reading(fr)
    seen = ("Les parents le voient en ce moment (Annonces → « Ce que vous avez dit »)."
            if facts.shown
            else "Les parents ne le voient pas : pas assez de réponses, et aucune action.")
    return "\n".join([*shown.sentences[:1], *(f"■ {f.sentence}" for f in shown.figures),
                      *shown.sentences[1:], seen])


class Giveback:
    """The summary given back to parents, read from the results and the school's actions.

    `results()` gives the current school year's results (withheld under min_group_size);
    `today()` the school's date.
    """

    def __init__(self, results: Callable[[], Results], actions: ActionBook,
                 today: Callable[[], dt.date]) -> None:
        self._results = results
        self.actions = actions
        self._today = today

    def facts(self) -> GivebackFacts:
        return facts_of(self._results(), self.actions.get(), self._today())

    def for_parents(self) -> GivebackFacts | None:
        """The summary parents see, or None when there is nothing to show (or it cannot be
        read: parents are never shown an error for it, the staff's log says why)."""
        try:
            facts = self.facts()
        except (StorageError, OSError, ValueError, KeyError, TypeError):
            log.exception("the summary for parents cannot be read")
            return None
        return facts if facts.shown else None
