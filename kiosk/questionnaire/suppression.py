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
    Each step merges the smallest combination held by too few rows, one column at a time
    (the column whose value is the rarest), so a few thousand rows take well under a second.
    """
    if not enough(len(rows), min_group):
        return None
    out = [dict(row) for row in rows]
    for column in columns:
        _merge_rare(out, column, min_group)
    combos = _Combos(out, columns)
    while combos.step(min_group):
        pass
    for key, members in combos.groups.items():
        for index in members:
            out[index].update(zip(columns, key, strict=True))
    return out


class _Combos:
    """The rows grouped by their combination of category values, merged step by step."""

    def __init__(self, rows: list[dict[str, object]], columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.groups: dict[tuple[str, ...], list[int]] = {}
        for index, row in enumerate(rows):
            self.groups.setdefault(_key(row, columns), []).append(index)
        # How many rows hold each value of each column (to find the rarest).
        self.values = [Counter(str(row[c]) for row in rows) for c in columns]
        self.all_other = (OTHER,) * len(self.columns)

    def step(self, min_group: int) -> bool:
        """One round over the combinations held by too few rows; False when there is none."""
        groups = self.groups
        small = sorted((k for k, found in groups.items() if len(found) < min_group),
                       key=lambda k: (len(groups[k]), k))
        for key in small:
            found = groups.get(key)
            if found is None or len(found) >= min_group:
                continue
            if key == self.all_other:
                others = [k for k in groups if k != key]
                if others:  # merge the smallest other combination into it
                    self.move(min(others, key=lambda k: (len(groups[k]), k)), key)
                continue
            position = min((i for i, v in enumerate(key) if v != OTHER),
                           key=lambda i: (self.values[i][key[i]], i))
            self.move(key, (*key[:position], OTHER, *key[position + 1:]))
        return bool(small)

    def move(self, source: tuple[str, ...], target: tuple[str, ...]) -> None:
        found = self.groups.pop(source)
        self.groups.setdefault(target, []).extend(found)
        for i, (before, after) in enumerate(zip(source, target, strict=True)):
            if before != after:
                self.values[i][before] -= len(found)
                self.values[i][after] += len(found)


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
