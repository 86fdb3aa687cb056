"""Results per category of respondent: counts, response rates, statements and domains.

The questionnaire's "about you" items marked ``breakdown`` (role, level…) split the responses
into categories; the language the parent chose is one more breakdown (counts only). Staff
give the number of families of each category in ``[questionnaire.families]`` (or on the
staff settings screen), for the response rate per category.

Every figure goes through :mod:`kiosk.questionnaire.suppression`: a category of fewer than
``min_group`` responses is withheld, and so is the smallest other category when subtraction
from the whole would single out the few left (per category count, and again per statement,
since each statement has its own set of answers).

A response is filed by its *signature*: the categories it belongs to (several for a question
with several answers, none when skipped). The answers of each signature are counted once
(:func:`kiosk.questionnaire.results.tally`, C-level); a category's figures are the sums over
the signatures that hold it, so the cost is one pass over the responses.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from kiosk.core.languages import language_name_fr
from kiosk.questionnaire.content import Item, Questionnaire
from kiosk.questionnaire.figures import (
    NO_ANSWER,
    Breakdown,
    CategoryBreakdown,
    CategoryResult,
    GroupCount,
    StatementResult,
    domains_of,
    per_item_counts,
    statement_result,
    tally,
)
from kiosk.questionnaire.responses import Response
from kiosk.questionnaire.suppression import hidden_groups

Signature = tuple[str, ...]
#: The key of the languages too rare to be named, counted together.
OTHER_LANGUAGES = "autres"


@dataclass(frozen=True)
class PerCategory:
    breakdowns: tuple[Breakdown, ...]
    categories: tuple[CategoryBreakdown, ...]


def compute_categories(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    min_group: int,
    families: Mapping[str, Mapping[str, int]],
) -> PerCategory:
    """Counts per category (and language), and each category's figures."""
    breakdowns: list[Breakdown] = []
    categories: list[CategoryBreakdown] = []
    for item in questionnaire.items:
        if not item.breakdown:
            continue
        split = _Split(questionnaire, item, responses, min_group)
        breakdowns.append(split.breakdown())
        categories.append(split.categories(families.get(item.id, {})))
    breakdowns.append(_languages(responses, min_group))
    return PerCategory(tuple(breakdowns), tuple(categories))


def _signature(item: Item, value: object) -> Signature:
    if item.is_multiple:
        if isinstance(value, tuple) and item.accepts(list(value)):
            return value
        return ()
    return (value,) if isinstance(value, str) and item.accepts(value) else ()


class _Split:
    """The responses of one breakdown question, filed by signature."""

    def __init__(self, questionnaire: Questionnaire, item: Item,
                 responses: Sequence[Response], min_group: int) -> None:
        self.questionnaire = questionnaire
        self.item = item
        self.min_group = min_group
        self.by_signature: dict[Signature, list[Response]] = defaultdict(list)
        known: dict[object, Signature] = {}
        for response in responses:
            value = response.answers.get(item.id)
            try:
                signature = known[value]
            except KeyError:
                signature = known[value] = _signature(item, value)
            except TypeError:  # pragma: no cover - answers are hashable when read
                signature = ()
            self.by_signature[signature].append(response)
        self.sizes = {sig: len(found) for sig, found in self.by_signature.items()}
        options = [o.id for o in item.options]
        # "No answer" is a group of the counts (it may be shown when large enough).
        with_no_answer = {(sig or (NO_ANSWER,)): n for sig, n in self.sizes.items()}
        self.hidden = hidden_groups(with_no_answer, [*options, NO_ANSWER], min_group)
        self.size = Counter[str]()
        for sig, n in with_no_answer.items():
            for group in set(sig):
                self.size[group] += n

    def breakdown(self) -> Breakdown:
        groups = [GroupCount(o.id, o.text, None if o.id in self.hidden else self.size[o.id])
                  for o in self.item.options]
        groups.append(GroupCount(NO_ANSWER, "Sans réponse",
                                 None if NO_ANSWER in self.hidden else self.size[NO_ANSWER]))
        return Breakdown(self.item.id, self.item.text.rstrip(" :"), tuple(groups))

    def shown(self) -> list[str]:
        return [o.id for o in self.item.options
                if o.id not in self.hidden and self.size[o.id] > 0]

    def categories(self, families: Mapping[str, int]) -> CategoryBreakdown:
        shown = self.shown()
        statements = self._statements(shown)
        found = []
        for option in self.item.options:
            wanted = families.get(option.id, 0)
            if option.id not in shown:
                count = None if option.id in self.hidden else self.size[option.id]
                found.append(CategoryResult(option.id, option.text, count, wanted))
                continue
            own = tuple(statements[option.id])
            found.append(CategoryResult(option.id, option.text, self.size[option.id], wanted,
                                        own, domains_of(self.questionnaire, own)))
        return CategoryBreakdown(self.item.id, self.item.text.rstrip(" :"), tuple(found))

    def _statements(self, shown: list[str]) -> dict[str, list[StatementResult]]:
        """Each shown category's statements, withheld where subtraction would tell too much."""
        scale = {item.id: item for item in self.questionnaire.items if item.is_scale}
        per_signature = {sig: per_item_counts(scale, tally(found))
                         for sig, found in self.by_signature.items()}
        out: dict[str, list[StatementResult]] = {g: [] for g in shown}
        for item_id, item in scale.items():
            answered = {sig: sum(counts[item_id].values())
                        for sig, counts in per_signature.items()}
            hidden = hidden_groups(answered, shown, self.min_group)
            for group in shown:
                per_value: Counter[object] = Counter()
                if group not in hidden:
                    for sig, counts in per_signature.items():
                        if group in sig:
                            per_value.update(counts[item_id])
                out[group].append(statement_result(item, per_value, self.min_group))
        return out


def _languages(responses: Sequence[Response], min_group: int) -> Breakdown:
    """Responses per language. The languages withheld are not named (naming one would say a
    parent answered in it): they are counted together as "autres langues" when shown."""
    languages = Counter(map(attrgetter("language"), responses))
    hidden = hidden_groups({(code,): n for code, n in languages.items()}, languages, min_group)
    groups = [GroupCount(code, language_name_fr(code), count)
              for code, count in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))
              if code not in hidden]
    rest = sum(languages[code] for code in hidden)
    if groups and rest:
        groups.append(GroupCount(OTHER_LANGUAGES, "Autres langues", rest))
    return Breakdown("language", "Langue utilisée", tuple(groups))


def family_problems(questionnaire: Questionnaire,
                    families: Mapping[str, Mapping[str, int]]) -> list[str]:
    """What is wrong with ``[questionnaire.families]`` for this questionnaire (French, staff)."""
    breakdowns = {item.id: item for item in questionnaire.items if item.breakdown}
    known = ", ".join(breakdowns) or "aucune"
    problems = []
    for item_id, per_option in families.items():
        item = breakdowns.get(item_id)
        if item is None:
            problems.append(
                f"[questionnaire.families] {item_id} : ce n'est pas une question « à propos de "
                f"vous » qui répartit les résultats (questions possibles : {known}) ; ignoré.")
            continue
        options = {o.id for o in item.options}
        for option_id in per_option:
            if option_id not in options:
                problems.append(
                    f"[questionnaire.families.{item_id}] {option_id} : réponse inconnue "
                    f"(réponses possibles : {', '.join(sorted(options))}) ; ignoré.")
    return problems
