"""The questionnaire's results: pure aggregation of anonymous responses.

:func:`compute` turns a questionnaire and its responses into :class:`Results`, the figures the
head teacher's guide asks for (tool sheets 2 and 3):

* the number of responses and the response rate against the families of the school;
* per category and per level of respondent (the "about you" items marked ``breakdown``) and
  per language: how many responses, the response rate against the families of that category
  (``[questionnaire.families]``), and per category the mean of each statement and domain
  (:mod:`kiosk.questionnaire.categories`);
* per statement of Part 1: the count of each answer 1–5 and "does not apply", the mean
  (without "does not apply") and the share of "does not apply"; per domain, the mean of its
  statements' means;
* for Part 2: the share of each option of every choice question (help asked, contact
  channels…) and the key indicators (families without internet, without a computer…);
* :func:`compare` sets the results beside those of the previous school year.

**Anonymity**: :func:`compute` never lets out a figure about fewer than ``min_group``
responses — :mod:`kiosk.questionnaire.suppression` decides, here, once: such a figure is
*withheld* (its counts are zero, its mean None, ``withheld`` True) and every output says
"pas encore assez de réponses". A withheld group of a breakdown has the count None.

Everything here is plain computation on values: the staff screen, the CLI export and the
HTML report all call it the same way. :class:`ResultsReader` is the one reader (the responses'
files); the figures as French text are in :mod:`kiosk.questionnaire.summary`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kiosk.questionnaire.content import Questionnaire
from kiosk.questionnaire.figures import (
    Breakdown,
    CategoryBreakdown,
    CategoryResult,
    ChoiceResult,
    DomainResult,
    IndicatorResult,
    OptionCount,
    StatementResult,
    domains_of,
    per_item_counts,
    statement_result,
    tally,
)
from kiosk.questionnaire.responses import Response, ResponseBook
from kiosk.questionnaire.suppression import enough


@dataclass(frozen=True)
class Results:
    """Every figure of one school year."""

    year: str
    responses: int
    families: int
    min_group: int
    breakdowns: tuple[Breakdown, ...]
    statements: tuple[StatementResult, ...]
    domains: tuple[DomainResult, ...]
    choices: tuple[ChoiceResult, ...]
    indicators: tuple[IndicatorResult, ...]
    #: Per category of respondent: response rate, statements and domains (see categories).
    categories: tuple[CategoryBreakdown, ...] = ()
    #: Problems with ``[questionnaire.families]`` (unknown category…), for staff.
    setting_problems: tuple[str, ...] = ()
    #: Responses received, when more than those the figures rest on (see ``released``).
    received: int = 0
    #: The previous school year's results, when there are any (see :func:`compare`).
    previous: Results | None = field(default=None, compare=False)

    @property
    def total(self) -> int:
        """Every response received (the figures may rest on fewer: see `received`)."""
        return max(self.received, self.responses)

    @property
    def response_rate(self) -> float | None:
        return self.total / self.families if self.families > 0 else None

    def statement(self, item_id: str) -> StatementResult | None:
        return next((s for s in self.statements if s.id == item_id), None)

    def domain(self, domain_id: str) -> DomainResult | None:
        return next((d for d in self.domains if d.id == domain_id), None)

    def choice(self, item_id: str) -> ChoiceResult | None:
        return next((c for c in self.choices if c.id == item_id), None)

    def indicator(self, indicator_id: str) -> IndicatorResult | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def breakdown(self, breakdown_id: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.id == breakdown_id), None)

    def category(self, breakdown_id: str, key: str) -> CategoryResult | None:
        for breakdown in self.categories:
            if breakdown.id == breakdown_id:
                return next((c for c in breakdown.categories if c.key == key), None)
        return None

    @property
    def withheld(self) -> bool:
        """Too few responses in all: no figure at all is shown."""
        return not enough(self.responses, self.min_group)


def compute(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    *,
    families: int = 0,
    min_group: int = 5,
    year: str = "",
    category_families: Mapping[str, Mapping[str, int]] | None = None,
) -> Results:
    """Every figure for `responses` (any number, any content: invalid answers are ignored).

    `category_families` is ``[questionnaire.families]``: {breakdown item id: {option id:
    number of families}}, for the response rate per category. Figures about fewer than
    `min_group` responses are withheld (see the module's docstring).
    """
    from kiosk.questionnaire import categories

    counts = _Counts(questionnaire, responses)
    statements = counts.statements(min_group)
    per_category = categories.compute_categories(
        questionnaire, responses, min_group, category_families or {})
    return Results(
        year=year,
        responses=len(responses),
        families=families,
        min_group=min_group,
        breakdowns=per_category.breakdowns,
        statements=statements,
        domains=domains_of(questionnaire, statements),
        choices=counts.choices(min_group),
        indicators=counts.indicators(min_group),
        categories=per_category.categories,
        setting_problems=tuple(
            categories.family_problems(questionnaire, category_families or {})),
    )


class _Counts:
    """How many responses gave each valid answer of each item, and the figures drawn from it."""

    def __init__(self, questionnaire: Questionnaire, responses: Sequence[Response]) -> None:
        self.questionnaire = questionnaire
        self.items = questionnaire.items
        self.wanted = {item.id: item for item in self.items}
        # item id → {answer value → number of responses}, valid answers only.
        self.per_item = per_item_counts(self.wanted, tally(responses))

    def answered(self, item_id: str) -> int:
        return sum(self.per_item[item_id].values())

    def chose(self, item_id: str, option_id: str) -> int:
        found = self.per_item[item_id]
        if self.wanted[item_id].is_multiple:
            return sum(n for value, n in found.items()
                       if isinstance(value, tuple) and option_id in value)
        return found.get(option_id, 0)

    def statements(self, min_group: int) -> tuple[StatementResult, ...]:
        return tuple(statement_result(item, self.per_item[item.id], min_group)
                     for item in self.items if item.is_scale)

    def choices(self, min_group: int) -> tuple[ChoiceResult, ...]:
        found = []
        for item in self.items:
            if item.is_scale:
                continue
            answered = self.answered(item.id)
            shown = enough(answered, min_group)
            found.append(ChoiceResult(
                id=item.id,
                text=item.text,
                section=item.section,
                answered=answered if shown else 0,
                options=tuple(OptionCount(o.id, o.text, self.chose(item.id, o.id) if shown else 0)
                              for o in item.options),
                withheld=not shown,
            ))
        return tuple(found)

    def indicators(self, min_group: int) -> tuple[IndicatorResult, ...]:
        found_results = []
        for indicator in self.questionnaire.indicators:
            found = self.per_item.get(indicator.item, {})
            hits = sum(n for value, n in found.items()
                       if indicator.holds({indicator.item: value}))
            answered = sum(found.values())
            if enough(answered, min_group):
                found_results.append(IndicatorResult(indicator.id, indicator.label,
                                                     indicator.item, hits, answered))
            else:
                found_results.append(IndicatorResult(indicator.id, indicator.label,
                                                     indicator.item, 0, 0, withheld=True))
        return tuple(found_results)


@dataclass(frozen=True)
class Change:
    """A figure this year beside the previous year's."""

    id: str
    label: str
    before: float | None
    now: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return self.now - self.before


def compare(current: Results, previous: Results) -> list[Change]:
    """Domain means and indicator shares, previous year beside this one (same ids only)."""
    changes: list[Change] = []
    for domain in current.domains:
        before = previous.domain(domain.id)
        if before is not None:
            changes.append(Change(domain.id, domain.title, before.mean, domain.mean))
    for indicator in current.indicators:
        old = previous.indicator(indicator.id)
        if old is not None:
            changes.append(Change(indicator.id, indicator.label, old.share, indicator.share))
    return changes


# --- reading -------------------------------------------------------------------------------


class ResultsReader:
    """Reads a school year's results from the responses' files (the one reader of results).

    `families` is the school's number of families (for the response rate, 0 when unknown);
    `min_group` the smallest group a figure may describe (``[questionnaire] min_group_size``).
    """

    def __init__(self, questionnaire: Questionnaire, responses: ResponseBook, *,
                 families: int, min_group: int,
                 category_families: Mapping[str, Mapping[str, int]] | None = None) -> None:
        self.questionnaire = questionnaire
        self.responses = responses
        self.families = families
        self.min_group = min_group
        self.category_families = category_families or {}

    def school_results(self, year: str | None = None, *, with_previous: bool = True) -> Results:
        """The results of a school year (the current one by default), with the previous year's.

        The figures rest on the responses released in whole batches of ``min_group``
        (:func:`kiosk.questionnaire.suppression.released`); `received` says how many came.
        """
        chosen = year or self.responses.year
        results = self._compute(self.responses.responses(chosen), chosen)
        if not with_previous:
            return results
        for previous_year in self.responses.earlier_years(chosen):
            old = self.responses.responses(previous_year)
            if old:
                previous = self._compute(old, previous_year)
                return Results(**{**results.__dict__, "previous": previous})
        return results

    def _compute(self, responses: Sequence[Response], year: str) -> Results:
        from kiosk.questionnaire.suppression import released

        counted = released(responses, self.min_group)
        results = compute(self.questionnaire, counted, families=self.families,
                          min_group=self.min_group, year=year,
                          category_families=self.category_families)
        if len(counted) == len(responses):
            return results
        return Results(**{**results.__dict__, "received": len(responses)})
