"""The questionnaire's results: pure aggregation of anonymous responses.

:func:`compute` turns a questionnaire and its responses into :class:`Results`, the figures the
head teacher's guide asks for (tool sheets 2 and 3):

* the number of responses and the response rate against the families of the school;
* per category and per level of respondent (the "about you" items marked ``breakdown``) and
  per language: how many responses — **a group smaller than the configured threshold is never
  shown** (its count is ``None``, said as "fewer than N responses") so that nobody of a small
  class can be recognised;
* per statement of Part 1: the count of each answer 1–5 and "does not apply", the mean
  (without "does not apply") and the share of "does not apply"; per domain, the mean of its
  statements' means;
* for Part 2: the share of each option of every choice question (help asked, contact
  channels…) and the key indicators (families without internet, without a computer…);
* :func:`compare` sets the results beside those of the previous school year.

Everything here is plain computation on values: the staff screen, the CLI export and the
HTML report all call it the same way. :class:`ResultsReader` is the one reader (the responses'
files); the figures as French text are in :mod:`kiosk.questionnaire.summary`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import attrgetter

from kiosk.questionnaire.content import NOT_APPLICABLE, SCALE, Questionnaire
from kiosk.questionnaire.responses import PAIRS, Response, ResponseBook

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
    id: str
    text: str
    count: int


@dataclass(frozen=True)
class ChoiceResult:
    """A choice question: how many chose each option, among those who answered it."""

    id: str
    text: str
    section: str
    answered: int
    options: tuple[OptionCount, ...]

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

    @property
    def share(self) -> float | None:
        return self.count / self.answered if self.answered else None


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
    #: The previous school year's results, when there are any (see :func:`compare`).
    previous: Results | None = field(default=None, compare=False)

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.families if self.families > 0 else None

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


@lru_cache(maxsize=64)
def language_name_fr(code: str) -> str:
    """The language's name in French, for staff ("arabe")."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code).get_display_name("fr") or code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code or "?"


def small_group_text(min_group: int) -> str:
    return f"moins de {min_group} réponses"


def _group(key: str, label: str, count: int, min_group: int) -> GroupCount:
    hidden = 0 < count < min_group
    return GroupCount(key, label, None if hidden else count)


def _tally(responses: Sequence[Response]) -> Counter[tuple[str, object]]:
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


def compute(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    *,
    families: int = 0,
    min_group: int = 5,
    year: str = "",
) -> Results:
    """Every figure for `responses` (any number, any content: invalid answers are ignored)."""
    counts = _Counts(questionnaire, responses)
    statements = counts.statements()
    return Results(
        year=year,
        responses=len(responses),
        families=families,
        min_group=min_group,
        breakdowns=counts.breakdowns(responses, min_group),
        statements=statements,
        domains=_domains(questionnaire, statements),
        choices=counts.choices(),
        indicators=counts.indicators(),
    )


class _Counts:
    """How many responses gave each valid answer of each item, and the figures drawn from it."""

    def __init__(self, questionnaire: Questionnaire, responses: Sequence[Response]) -> None:
        self.questionnaire = questionnaire
        self.items = questionnaire.items
        self.wanted = {item.id: item for item in self.items}
        # item id → {answer value → number of responses}, valid answers only.
        self.per_item: dict[str, dict[object, int]] = {item.id: {} for item in self.items}
        for (item_id, value), count in _tally(responses).items():
            item = self.wanted.get(item_id)
            if item is None or isinstance(value, bool):
                continue
            if item.is_multiple:
                if not isinstance(value, tuple) or not item.accepts(list(value)):
                    continue
            elif not item.accepts(value):
                continue
            self.per_item[item_id][value] = self.per_item[item_id].get(value, 0) + count

    def answered(self, item_id: str) -> int:
        return sum(self.per_item[item_id].values())

    def chose(self, item_id: str, option_id: str) -> int:
        found = self.per_item[item_id]
        if self.wanted[item_id].is_multiple:
            return sum(n for value, n in found.items()
                       if isinstance(value, tuple) and option_id in value)
        return found.get(option_id, 0)

    def statements(self) -> tuple[StatementResult, ...]:
        return tuple(
            StatementResult(
                id=item.id,
                domain=item.domain,
                text=item.text,
                counts=(
                    self.per_item[item.id].get(1, 0), self.per_item[item.id].get(2, 0),
                    self.per_item[item.id].get(3, 0), self.per_item[item.id].get(4, 0),
                    self.per_item[item.id].get(5, 0),
                ),
                not_applicable=self.per_item[item.id].get(NOT_APPLICABLE, 0),
            )
            for item in self.items
            if item.is_scale
        )

    def choices(self) -> tuple[ChoiceResult, ...]:
        return tuple(
            ChoiceResult(
                id=item.id,
                text=item.text,
                section=item.section,
                answered=self.answered(item.id),
                options=tuple(OptionCount(o.id, o.text, self.chose(item.id, o.id))
                              for o in item.options),
            )
            for item in self.items
            if not item.is_scale
        )

    def breakdowns(self, responses: Sequence[Response], min_group: int
                   ) -> tuple[Breakdown, ...]:
        total = len(responses)
        breakdowns = []
        for item in self.items:
            if not item.breakdown:
                continue
            groups = [_group(o.id, o.text, self.chose(item.id, o.id), min_group)
                      for o in item.options]
            groups.append(
                _group(NO_ANSWER, "Sans réponse", total - self.answered(item.id), min_group))
            breakdowns.append(Breakdown(item.id, item.text.rstrip(" :"), tuple(groups)))
        languages = Counter(map(attrgetter("language"), responses))
        breakdowns.append(
            Breakdown(
                "language",
                "Langue utilisée",
                tuple(
                    _group(code, language_name_fr(code), count, min_group)
                    for code, count in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))
                ),
            )
        )
        return tuple(breakdowns)

    def indicators(self) -> tuple[IndicatorResult, ...]:
        found_results = []
        for indicator in self.questionnaire.indicators:
            found = self.per_item.get(indicator.item, {})
            hits = sum(n for value, n in found.items()
                       if indicator.holds({indicator.item: value}))
            found_results.append(
                IndicatorResult(indicator.id, indicator.label, indicator.item, hits,
                                sum(found.values()))
            )
        return tuple(found_results)


def _domains(questionnaire: Questionnaire, statements: Sequence[StatementResult]
             ) -> tuple[DomainResult, ...]:
    domains = []
    for domain in questionnaire.domains:
        members = [s for s in statements if s.domain == domain.id]
        if not members:
            continue
        means = [s.mean for s in members if s.mean is not None]
        domains.append(
            DomainResult(
                id=domain.id,
                title=domain.title,
                statements=tuple(s.id for s in members),
                mean=sum(means) / len(means) if means else None,
            )
        )
    return tuple(domains)


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
                 families: int, min_group: int) -> None:
        self.questionnaire = questionnaire
        self.responses = responses
        self.families = families
        self.min_group = min_group

    def school_results(self, year: str | None = None, *, with_previous: bool = True) -> Results:
        """The results of a school year (the current one by default), with the previous year's."""
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
        return compute(self.questionnaire, responses, families=self.families,
                       min_group=self.min_group, year=year)
