"""The figures the kiosk measures, each under one key: what goals and trends are about.

A *measure* is one figure of :class:`~kiosk.questionnaire.results.Results`:

* ``statement:A1`` — a Part 1 statement's mean (1 to 5);
* ``domain:A`` — a domain's mean (1 to 5);
* ``indicator:no_internet`` — a Part 2 indicator's share (0 to 1);
* ``option:D_SCHOOL_APP=sometimes+often`` — the share of the responses to a single-choice
  Part 2 question that chose one of these options (0 to 1), e.g. the parents who use the
  school's digital space.

:func:`value_of` reads a measure's value from a year's results, and is None whenever the
results withhold the figure (:mod:`kiosk.questionnaire.suppression`): a goal or a trend never
shows a figure about fewer than ``min_group_size`` responses.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.questionnaire.content import Questionnaire
from kiosk.questionnaire.figures import decimal, percent
from kiosk.questionnaire.results import Results

STATEMENT, DOMAIN, INDICATOR, OPTION = "statement", "domain", "indicator", "option"
#: The use of the school's digital space (site, app, ENT): always measured when asked.
SCHOOL_SPACE_ITEM = "D_SCHOOL_APP"
SCHOOL_SPACE = f"{OPTION}:{SCHOOL_SPACE_ITEM}=sometimes+often"


@dataclass(frozen=True)
class Measure:
    """One figure the kiosk measures."""

    key: str
    kind: str
    label: str

    @property
    def is_share(self) -> bool:
        return self.kind in (INDICATOR, OPTION)

    def shown(self, value: float | None) -> str:
        """The value as staff read it ("3,4 sur 5", "42 %")."""
        if value is None:
            return "—"
        return percent(value) if self.is_share else f"{decimal(value)} sur 5"

    def gap_text(self, gap: float) -> str:
        """A difference on this measure's scale ("12 points", "0,4")."""
        return f"{round(abs(gap) * 100)} points" if self.is_share else decimal(abs(gap))


def measures(questionnaire: Questionnaire, *, trends_only: bool = False) -> list[Measure]:
    """Every measure of the questionnaire, in its order (domains first).

    With `trends_only`, the option measures are the school's digital space only."""
    found = [Measure(f"{DOMAIN}:{d.id}", DOMAIN, f"Domaine {d.id}. {d.title}")
             for d in questionnaire.domains]
    found += [Measure(f"{STATEMENT}:{s.id}", STATEMENT, f"{s.id}. {s.text.rstrip('.')}")
              for s in questionnaire.statements]
    found += [Measure(f"{INDICATOR}:{i.id}", INDICATOR, i.label)
              for i in questionnaire.indicators]
    for item in questionnaire.items:
        if item.section != "family" or item.kind != "single":
            continue
        if item.id == SCHOOL_SPACE_ITEM and item.option("sometimes") and item.option("often"):
            found.append(Measure(SCHOOL_SPACE, OPTION,
                                 "Parents qui utilisent le site ou l’application de l’école "
                                 "(parfois ou souvent)"))
        if trends_only:
            continue
        found += [Measure(f"{OPTION}:{item.id}={o.id}", OPTION, f"{item.text} — {o.text}")
                  for o in item.options]
    return found


def find(questionnaire: Questionnaire, key: str) -> Measure | None:
    """The measure for `key`: its full key, or only the id ("A1", "A", "no_internet")."""
    key = key.strip()
    every = measures(questionnaire)
    exact = next((m for m in every if m.key == key), None)
    if exact is not None:
        return exact
    by_id = [m for m in every if m.key.split(":", 1)[1] == key]
    return by_id[0] if len(by_id) == 1 else None


def value_of(results: Results, key: str) -> float | None:
    """The measure's value in `results` (None: unknown, or withheld for anonymity)."""
    kind, _, rest = key.partition(":")
    if results.withheld:
        return None
    if kind == STATEMENT:
        statement = results.statement(rest)
        return None if statement is None or statement.withheld else statement.mean
    if kind == DOMAIN:
        domain = results.domain(rest)
        return None if domain is None else domain.mean
    if kind == INDICATOR:
        indicator = results.indicator(rest)
        return None if indicator is None or indicator.withheld else indicator.share
    if kind == OPTION:
        item_id, _, options = rest.partition("=")
        choice = results.choice(item_id)
        if choice is None or choice.withheld or not choice.answered:
            return None
        wanted = set(options.split("+"))
        return sum(o.count for o in choice.options if o.id in wanted) / choice.answered
    return None
