"""Anonymity: the one place that decides whether a figure about a set of responses is shown.

The rule (``[questionnaire] min_group_size``, *k* below) holds for every output — the staff
results screen, the report, the exports, published pages, the dashboard and the CLI:

* :func:`enough` — no figure (distribution, percentage, mean, count of a category) is shown
  for a set of fewer than *k* responses; the outputs say :data:`NOT_ENOUGH` instead.
* :func:`hidden_groups` — the same for the groups of a breakdown, *including what can be
  worked out by subtraction*: when the groups left hidden (plus the responses in no shown
  group) hold between 1 and *k* − 1 responses, the whole minus the shown groups would give
  their figures, so the smallest shown groups are hidden too until the rest is 0 or ≥ *k*.
* :func:`k_anonymous` — the response-level export: every value of a category column
  (language, week, level, role…) held by fewer than *k* rows, and then every combination of
  these columns held by fewer than *k* rows, is merged into :data:`OTHER`.
* :func:`released` — over time: figures and exports rest on the responses in whole batches
  of *k*, in the order they came. Looking before and after one parent answered shows the
  same figures (and the same rows), so the difference never isolates that parent: figures
  move only when *k* new responses are in.

Nothing here knows about the questionnaire's content: the callers give counts and rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

#: What staff read instead of a figure about too few responses.
NOT_ENOUGH = "pas encore assez de réponses"
#: A category value merged with the others that are too rare to be shown on their own.
OTHER = "autre"


def enough(count: int | None, min_group: int) -> bool:
    """True when a figure about `count` responses may be shown (never for an empty set)."""
    return count is not None and count > 0 and count >= min_group


def released(responses: Sequence[T], min_group: int) -> list[T]:
    """The responses figures may rest on: the first ones, in whole batches of `min_group`
    (in the order they were stored, the order they came)."""
    whole = len(responses) // max(min_group, 1) * max(min_group, 1)
    return list(responses[:whole])


def hidden_groups(
    members: Mapping[tuple[str, ...], int],
    groups: Iterable[str],
    min_group: int,
) -> set[str]:
    """The groups of a breakdown whose figures must not be shown.

    `members` counts the responses by *signature*: the groups a response belongs to (a
    tuple, empty for a response in none; a response may belong to several groups when the
    breakdown question allows several answers). `groups` are the groups that could be shown;
    a group absent from it (e.g. "no answer", never described) always counts as hidden.
    A group with no response is never hidden (there is nobody to recognise).
    """
    size: Counter[str] = Counter()
    for signature, count in members.items():
        for group in set(signature):
            size[group] += count
    candidates = list(dict.fromkeys(groups))
    hidden = {g for g in candidates if 0 < size[g] < min_group}
    while True:
        shown = {g for g in candidates if g not in hidden and size[g] > 0}
        outside = sum(n for signature, n in members.items() if not shown.intersection(signature))
        if outside == 0 or outside >= min_group or not shown:
            break
        # Subtraction would single out the few left outside: hide the smallest shown group.
        hidden.add(min(shown, key=lambda g: (size[g], g)))
    if not any(g not in hidden and size[g] > 0 for g in candidates):
        hidden.update(g for g in candidates if size[g] > 0)
    return hidden


def k_anonymous(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str],
    min_group: int,
) -> list[dict[str, object]] | None:
    """`rows` with the category `columns` generalised until every combination of their values
    is held by at least `min_group` rows (rare values become :data:`OTHER`).

    Returns None when that cannot be reached: fewer than `min_group` rows in all (then no
    row may be exported). The other columns are kept as they are; the order is kept.
    """
    if not enough(len(rows), min_group):
        return None
    out = [dict(row) for row in rows]
    for column in columns:
        _merge_rare(out, column, min_group)
    while True:
        combos = Counter(_key(row, columns) for row in out)
        small = [key for key, n in combos.items() if n < min_group]
        if not small:
            return out
        key = min(small, key=lambda k: (combos[k], k))
        if all(value == OTHER for value in key):
            # Already fully merged and still too few: merge the smallest other combination in.
            others = [k for k in combos if k != key]
            target = min(others, key=lambda k: (combos[k], k))
            for row in out:
                if _key(row, columns) == target:
                    row.update(dict.fromkeys(columns, OTHER))
            continue
        # Generalise the column whose value is rarest among all rows.
        column = min((c for c, v in zip(columns, key, strict=True) if v != OTHER),
                     key=lambda c: (sum(1 for r in out if r[c] == row_value(key, columns, c)),
                                    columns.index(c)))
        for row in out:
            if _key(row, columns) == key:
                row[column] = OTHER


def row_value(key: tuple[str, ...], columns: Sequence[str], column: str) -> str:
    return key[list(columns).index(column)]


def _key(row: Mapping[str, object], columns: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(row.get(c, "")) for c in columns)


def _merge_rare(rows: list[dict[str, object]], column: str, min_group: int) -> None:
    """Values of `column` held by fewer than `min_group` rows become OTHER (and, should OTHER
    itself still be too rare, the next rarest value joins it)."""
    for row in rows:
        row[column] = str(row.get(column, ""))
    while True:
        counts = Counter(str(row[column]) for row in rows)
        rare = {v for v, n in counts.items() if n < min_group and v != OTHER}
        if not rare:
            if 0 < counts.get(OTHER, 0) < min_group and len(counts) > 1:
                rare = {min((v for v in counts if v != OTHER), key=lambda v: (counts[v], v))}
            else:
                return
        for row in rows:
            if row[column] in rare:
                row[column] = OTHER
