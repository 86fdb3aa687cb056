"""Anonymity that holds: the suppression rule, and an attempt to single out a respondent from
every output (staff screen text, report, CSV and JSON exports) that fails."""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.questionnaire.export import export_table, quasi_identifiers
from kiosk.questionnaire.loading import load
from kiosk.questionnaire.report import render_html
from kiosk.questionnaire.responses import Response, response_from
from kiosk.questionnaire.results import compute
from kiosk.questionnaire.summary import text_lines
from kiosk.questionnaire.suppression import (
    NOT_ENOUGH,
    OTHER,
    enough,
    hidden_groups,
    k_anonymous,
)
from kiosk.services import Services
from tests.domain.test_results import run_cli

Q = load()


# --- the rule ---------------------------------------------------------------------------------


def test_enough_is_at_least_the_threshold_and_never_empty():
    assert not enough(4, 5) and enough(5, 5) and enough(6, 5)
    assert not enough(0, 2) and not enough(None, 2)


def test_a_group_found_by_subtraction_is_hidden_too():
    # 12 in one group, 1 in another: the 12 would give the 1 away (whole − 12).
    assert hidden_groups({("fr",): 12, ("ar",): 1}, ["fr", "ar"], 5) == {"fr", "ar"}
    # 12, 3 and 3: hiding the two 3s leaves 6 outside the shown group — enough.
    assert hidden_groups({("a",): 12, ("b",): 3, ("c",): 3}, "abc", 5) == {"b", "c"}
    # Responses in no group at all (skipped the question) count as outside.
    assert hidden_groups({("a",): 9, ("b",): 9, (): 2}, "ab", 5) == {"a"}
    # Several answers allowed: a response in a shown group is not outside.
    assert hidden_groups({("a", "b"): 6, ("a",): 6}, "ab", 5) == set()
    assert hidden_groups({("a",): 0, ("b",): 7}, "ab", 5) == set()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 12), max_size=6),
       st.integers(0, 6), st.integers(2, 8))
def test_what_is_left_outside_the_shown_groups_is_never_a_few(
    sizes: dict[str, int], skipped: int, k: int
):
    members: dict[tuple[str, ...], int] = {(g,): n for g, n in sizes.items()}
    members[()] = skipped
    hidden = hidden_groups(members, sizes, k)
    shown = [g for g in sizes if g not in hidden and sizes[g] > 0]
    assert all(sizes[g] >= k for g in shown)
    outside = sum(members.values()) - sum(sizes[g] for g in shown)
    assert outside == 0 or outside >= k or not shown


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["fr", "ar", "tr", "zh"]),
                          st.sampled_from(["W47", "W48", "W49"]),
                          st.sampled_from(["parent", "elected", ""])), max_size=40),
       st.integers(2, 6))
def test_every_combination_of_categories_is_held_by_k_rows(
    raw: list[tuple[str, str, str]], k: int
):
    rows = [{"lang": a, "week": b, "role": c, "answer": i} for i, (a, b, c) in enumerate(raw)]
    safe = k_anonymous(rows, ["lang", "week", "role"], k)
    if len(rows) < k:
        assert safe is None
        return
    assert safe is not None and len(safe) == len(rows)
    combos = Counter((r["lang"], r["week"], r["role"]) for r in safe)
    assert all(n >= k for n in combos.values())
    for column in ("lang", "week", "role"):
        assert all(n >= k for n in Counter(r[column] for r in safe).values())
    # Values are kept or merged into "autre", never changed into another real value.
    for before, after in zip(rows, safe, strict=True):
        assert after["answer"] == before["answer"]
        assert all(after[c] in (before[c], OTHER) for c in ("lang", "week", "role"))


# --- the attack -------------------------------------------------------------------------------

#: The one Arabic-speaking parent: elected, answered at 10:00 on Wednesday, and answered
#: unlike everybody else (1 where the others say 4 or 5, "no internet").
TARGET = {"A1": 1, "A2": 1, "B1": 1, "D_INTERNET": "none", "D_EASE": "not_at_all",
          "P_ROLE": "elected", "P_LEVEL": ["lycee"]}


def crowd() -> list[dict[str, Any]]:
    """The target, then 12 French parents on other days and hours (in the order they came:
    the figures rest on the first 10, whole batches of 5)."""
    return [TARGET_DOC, *french()]


TARGET_DOC = {"answers": TARGET, "language": "ar", "hour": "2026-11-18T10", "version": 1}


def french() -> list[dict[str, Any]]:
    docs = []
    for i in range(12):
        docs.append({"answers": {"A1": 4 + i % 2, "A2": 5, "B1": 4, "D_INTERNET": "box",
                                 "D_EASE": "very", "P_ROLE": "parent",
                                 "P_LEVEL": ["college"]},
                     "language": "fr", "hour": f"2026-11-{16 + i % 5:02d}T{8 + i % 8:02d}",
                     "version": 1})
    return docs


def responses() -> list[Response]:
    return [r for r in map(response_from, crowd()) if r is not None]


def test_the_crowd_is_what_the_attack_needs():
    found = {item.id: item for item in Q.items}
    for doc in crowd():
        for key, value in doc["answers"].items():
            assert found[key].accepts(value), key
    assert len(responses()) == 13


def test_the_results_give_nothing_that_singles_out_the_arabic_parent():
    results = compute(Q, responses(), families=200, min_group=5, year="2026-2027")
    # Every breakdown: the whole minus the groups shown is 0 or at least 5 responses.
    for breakdown in results.breakdowns:
        shown = sum(g.count or 0 for g in breakdown.shown)
        assert shown == 0 or results.responses - shown in (0, *range(5, 14)), breakdown.id
        assert all(g.count is None or g.count == 0 or g.count >= 5 for g in breakdown.groups)
    # No category figure at all: "elected" and "lycée" are one person, the rest would say it.
    for category_breakdown in results.categories:
        assert all(not c.statements for c in category_breakdown.categories)
    text = "\n".join(text_lines(results))
    html = render_html(results, school="École", generated=_now())
    for output in (text, html):
        assert "arabe" not in output.lower() and "10h" not in output
        assert "18/11" not in output and "mercredi" not in output
    assert NOT_ENOUGH in text and NOT_ENOUGH in html


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_no_exported_row_can_be_told_apart(services: Services, tmp_path: Path, fmt: str):
    services.responses.add_many(crowd())
    out = tmp_path / f"reponses.{fmt}"
    status, _stdout, _ = run_cli(services, "export", "responses", "--format", fmt,
                                 "--out", str(out))
    assert status == 0
    rows: list[dict[str, Any]]
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=";"))
    else:
        rows = json.loads(out.read_text(encoding="utf-8"))["responses"]
    assert len(rows) == 10  # whole batches of 5: the first 10 of 13
    raw = out.read_text(encoding="utf-8-sig")
    assert not re.search(r"\bar\b|arabe|T10|10h|2026-11-18", raw)
    # The target's row is there (its answers are data) but whatever describes the person —
    # language, week, version, role, level — is shared by at least 4 other rows.
    columns = quasi_identifiers(Q)
    combos = Counter(tuple(str(r[c]) for c in columns) for r in rows)
    assert min(combos.values()) >= 5
    target_rows = [r for r in rows if str(r["A1"]) == "1"]
    assert len(target_rows) == 1
    twins = [r for r in rows
             if all(str(r[c]) == str(target_rows[0][c]) for c in columns)]
    assert len(twins) >= 5
    assert {str(r["P_ROLE"]) for r in rows} == {OTHER}  # 1 elected among 12: merged
    assert {str(r["langue"]) for r in rows} == {OTHER}


def test_export_rows_come_in_random_order():
    found = responses()
    orders = set()
    for seed in range(5):
        _columns, rows = export_table(Q, found, min_group=5, rng=random.Random(seed))
        orders.add(tuple(str(r["A1"]) for r in rows))
    assert len(orders) > 1
    assert export_table(Q, found[:4], min_group=5)[1] == []  # fewer than 5 in all: no row


def test_fewer_responses_than_the_threshold_show_no_figure_anywhere(
    services: Services, tmp_path: Path
):
    services.responses.add_many(crowd()[:3])
    results = services.results.school_results()
    assert results.withheld
    text = "\n".join(text_lines(results))
    figures = text.split("Aucun chiffre", 1)[1]  # after the number and rate of responses
    assert NOT_ENOUGH in figures and "moy." not in figures and "%" not in figures
    status, stdout, _ = run_cli(services, "report", "--out", str(tmp_path / "r"))
    assert status == 0
    html = (tmp_path / "r" / "rapport-questionnaire.html").read_text(encoding="utf-8")
    assert NOT_ENOUGH in html and "<svg" not in html
    status, stdout, _ = run_cli(services, "export", "responses", "--out",
                                str(tmp_path / "x.csv"))
    assert status == 0 and NOT_ENOUGH in stdout
    lines = (tmp_path / "x.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(lines) == 1  # the header only


def _now() -> Any:
    import datetime as dt

    return dt.datetime(2026, 11, 23, 10, 0)


def test_looking_before_and_after_one_parent_answered_shows_no_difference(
    services: Services, tmp_path: Path
):
    """Staff look at the results and export at 12 responses, see the Arabic-speaking parent
    answer at the kiosk, and look again: nothing changed, so nothing tells their answers."""
    services.responses.add_many(french())

    def look(name: str) -> tuple[str, list[list[tuple[str, str]]], str]:
        results = services.results.school_results()
        figures = "\n".join(text_lines(results)).split("Aucun chiffre", 1)[1]
        out = tmp_path / f"{name}.csv"
        assert run_cli(services, "export", "responses", "--out", str(out))[0] == 0
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = sorted(sorted((k, v) for k, v in row.items() if k != "numero")
                          for row in csv.DictReader(handle, delimiter=";"))
        html = render_html(results, school="École", generated=_now())
        return figures, rows, html.split("aucun chiffre ne porte", 1)[1]

    before = look("before")
    services.responses.add_many([TARGET_DOC])
    after = look("after")
    assert after == before
    assert "13 réponses" in "\n".join(text_lines(services.results.school_results()))


def test_a_large_year_is_exported_k_anonymous_and_whole():
    from kiosk.bench.results import _responses

    found = _responses(2000)
    _columns, rows = export_table(Q, found, min_group=5, rng=random.Random(3))
    assert len(rows) == 2000
    identifiers = quasi_identifiers(Q)
    combos = Counter(tuple(str(r[c]) for c in identifiers) for r in rows)
    assert min(combos.values()) >= 5
    assert len(combos) > 50  # generalised where needed, not everything merged
    assert sorted(str(r["A1"]) for r in rows) == sorted(
        "NA" if r.answers.get("A1") == "na" else str(r.answers.get("A1", "")) for r in found)
