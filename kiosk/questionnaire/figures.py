"""The questionnaire's figures as values: what one statement, domain, choice question,
indicator or category of respondent comes to, and the small computations that make them.

:mod:`kiosk.questionnaire.results` puts them together into :class:`Results`;
:mod:`kiosk.questionnaire.categories` computes them per category. A figure about too few
responses is *withheld* here, when it is made (:mod:`kiosk.questionnaire.suppression`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from kiosk.questionnaire.content import NOT_APPLICABLE, SCALE, Item, Questionnaire
from kiosk.questionnaire.responses import PAIRS, Response
from kiosk.questionnaire.suppression import NOT_ENOUGH, enough


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{round(value * 100)} %"


def decimal(value: float | None, digits: int = 1) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:.{digits}f}".replace(".", ",")


NO_ANSWER = ""


@dataclass(frozen=True)
class GroupCount:
    """One group of a breakdown: its size, or None when it is too small to be shown."""

    key: str
    label: str
    count: int | None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Breakdown:
    """Responses per category (or level, or language)."""

    id: str
    title: str
    groups: tuple[GroupCount, ...]

    @property
    def shown(self) -> list[GroupCount]:
        return [g for g in self.groups if g.count is not None]

    @property
    def hidden(self) -> list[GroupCount]:
        return [g for g in self.groups if g.count is None]


@dataclass(frozen=True)
class StatementResult:
    """The answers to one Part 1 statement."""

    id: str
    domain: str
    text: str
    #: Answers 1 to 5 (index 0 is the count of "1").
    counts: tuple[int, int, int, int, int]
    not_applicable: int
    #: Too few answers to show anything (then the counts are zeros).
    withheld: bool = False

    @property
    def answered(self) -> int:
        """Responses that answered this statement (1–5 or "does not apply")."""
        return sum(self.counts) + self.not_applicable

    @property
    def rated(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        """Mean of the 1–5 answers, "does not apply" excluded (None without any)."""
        rated = self.rated
        if not rated:
            return None
        return sum(value * n for value, n in zip(SCALE, self.counts, strict=True)) / rated

    @property
    def na_share(self) -> float | None:
        answered = self.answered
        return self.not_applicable / answered if answered else None


@dataclass(frozen=True)
class DomainResult:
    """A Part 1 domain: the mean of its statements' means."""

    id: str
    title: str
    statements: tuple[str, ...]
    mean: float | None


@dataclass(frozen=True)
class OptionCount:
    """One option of a choice question, and how many responses chose it."""

    id: str
    text: str
    count: int = 0


@dataclass(frozen=True)
class ChoiceResult:
    """A choice question: how many chose each option, among those who answered it."""

    id: str
    text: str
    section: str
    answered: int
    options: tuple[OptionCount, ...]
    withheld: bool = False

    def share(self, option_id: str) -> float | None:
        if not self.answered:
            return None
        return next((o.count for o in self.options if o.id == option_id), 0) / self.answered


@dataclass(frozen=True)
class IndicatorResult:
    """A key figure of Part 2: how many responses it holds for, among those who answered."""

    id: str
    label: str
    item: str
    count: int
    answered: int
    withheld: bool = False

    @property
    def share(self) -> float | None:
        return self.count / self.answered if self.answered else None


@dataclass(frozen=True)
class CategoryResult:
    """One category of respondent (e.g. "Au collège"): its responses, rate and figures.

    When the category holds too few responses (or could be worked out by subtraction), it is
    withheld: `count` is None and it has no statement or domain.
    """

    key: str
    label: str
    count: int | None
    families: int
    statements: tuple[StatementResult, ...] = ()
    domains: tuple[DomainResult, ...] = ()

    @property
    def withheld(self) -> bool:
        return self.count is None

    @property
    def rate(self) -> float | None:
        if self.count is None or self.families <= 0:
            return None
        return self.count / self.families

    def statement(self, item_id: str) -> StatementResult | None:
        return next((s for s in self.statements if s.id == item_id), None)

    def domain(self, domain_id: str) -> DomainResult | None:
        return next((d for d in self.domains if d.id == domain_id), None)


@dataclass(frozen=True)
class CategoryBreakdown:
    """The categories of one "about you" question."""

    id: str
    title: str
    categories: tuple[CategoryResult, ...]


def small_group_text(min_group: int) -> str:
    """What stands for a withheld group (it may be larger than `min_group`: a group that would
    give a smaller one away by subtraction is withheld too)."""
    return NOT_ENOUGH


def tally(responses: Sequence[Response]) -> Counter[tuple[str, object]]:
    """How many responses gave each (item id, answer) pair.

    Each response numbered its pairs when it was read (:attr:`Response.codes`), so this is one
    C-level count of small numbers: 5,000 responses cost a few milliseconds. A response
    without numbers (the numbering was full) is counted from its answers.
    """
    codes = list(map(attrgetter("codes"), responses))
    if None not in codes:
        counted = Counter(chain.from_iterable(codes))
        return Counter({PAIRS[code]: n for code, n in counted.items()})
    tally: Counter[tuple[str, object]] = Counter()
    for response in responses:
        for key, value in dict(response.answers).items():
            if isinstance(value, bool | float):
                continue
            if isinstance(value, list):
                value = tuple(value)
            try:
                tally[(key, value)] += 1
            except TypeError:
                continue
    return tally


def per_item_counts(wanted: Mapping[str, Item], found: Mapping[tuple[str, object], int]
                    ) -> dict[str, dict[object, int]]:
    """{item id → {answer → number of responses}} from a tally, valid answers only."""
    per_item: dict[str, dict[object, int]] = {item_id: {} for item_id in wanted}
    for (item_id, value), count in found.items():
        item = wanted.get(item_id)
        if item is None or isinstance(value, bool):
            continue
        if item.is_multiple:
            if not isinstance(value, tuple) or not item.accepts(list(value)):
                continue
        elif not item.accepts(value):
            continue
        per_item[item_id][value] = per_item[item_id].get(value, 0) + count
    return per_item


def statement_result(item: Item, per_value: Mapping[object, int], min_group: int
                     ) -> StatementResult:
    """One statement's figures from its {answer → count}, withheld under `min_group`."""
    counts = (per_value.get(1, 0), per_value.get(2, 0), per_value.get(3, 0),
              per_value.get(4, 0), per_value.get(5, 0))
    not_applicable = per_value.get(NOT_APPLICABLE, 0)
    if not enough(sum(counts) + not_applicable, min_group):
        return StatementResult(item.id, item.domain, item.text, (0, 0, 0, 0, 0), 0,
                               withheld=True)
    return StatementResult(item.id, item.domain, item.text, counts, not_applicable)


def domains_of(questionnaire: Questionnaire, statements: Sequence[StatementResult]
               ) -> tuple[DomainResult, ...]:
    domains = []
    for domain in questionnaire.domains:
        members = [s for s in statements if s.domain == domain.id]
        if not members:
            continue
        # Only the statements shown: a withheld one must not be found again by subtraction.
        means = [s.mean for s in members if s.mean is not None and not s.withheld]
        domains.append(
            DomainResult(
                id=domain.id,
                title=domain.title,
                statements=tuple(s.id for s in members),
                mean=sum(means) / len(means) if means else None,
            )
        )
    return tuple(domains)
