"""Results per category (rates, statements, domains), families per category in kiosk.toml,
and the "à discuter" priorities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.core.config import ConfigError, load
from kiosk.questionnaire.loading import load as load_questionnaire
from kiosk.questionnaire.priorities import Goal, rank, to_discuss
from kiosk.questionnaire.report import render_html
from kiosk.questionnaire.responses import Response, response_from
from kiosk.questionnaire.results import compute
from kiosk.questionnaire.summary import text_lines
from kiosk.questionnaire.suppression import NOT_ENOUGH

Q = load_questionnaire()


def response(answers: dict[str, Any]) -> Response:
    found = response_from({"answers": answers, "language": "fr", "hour": "2026-11-23T10"})
    assert found is not None
    return found


#: 6 parents: A1 4,4,4,4,4,5 (mean 25/6), A2 3 ×6, D_INTERNET box ×6;
#: 5 elected: A1 2 ×5 (mean 2), A2 1 ×3 (then skipped), D_INTERNET none ×5.
ROLES = [
    *(response({"P_ROLE": "parent", "A1": 5 if i == 5 else 4, "A2": 3, "D_INTERNET": "box"})
      for i in range(6)),
    *(response({"P_ROLE": "elected", "A1": 2, "D_INTERNET": "none",
                **({"A2": 1} if i < 3 else {})}) for i in range(5)),
]
FAMILIES = {"P_ROLE": {"parent": 60, "elected": 10}}


def test_rate_and_figures_per_category():
    results = compute(Q, ROLES, min_group=5, category_families=FAMILIES)
    parent = results.category("P_ROLE", "parent")
    elected = results.category("P_ROLE", "elected")
    assert parent is not None and elected is not None
    assert (parent.count, parent.families, parent.rate) == (6, 60, pytest.approx(0.1))
    assert (elected.count, elected.rate) == (5, pytest.approx(0.5))
    assert parent.statement("A1").mean == pytest.approx(25 / 6)
    assert elected.statement("A1").mean == pytest.approx(2.0)
    # A2: 3 elected answered (too few) — and the parents' A2 would give them by subtraction
    # from the whole, so it is withheld too.
    assert elected.statement("A2").withheld and parent.statement("A2").withheld
    assert results.statement("A2").mean == pytest.approx((6 * 3 + 3) / 9)
    # Domains per category: the mean of the statements shown only.
    assert parent.domain("A").mean == pytest.approx(25 / 6)
    assert elected.domain("A").mean == pytest.approx(2.0)
    other = results.category("P_ROLE", "other")
    assert other is not None and other.count == 0 and other.rate is None
    text = "\n".join(text_lines(results))
    assert "6 réponses sur 60 familles, taux 10 %" in text
    assert "5 réponses sur 10 familles, taux 50 %" in text
    html = render_html(results, school="École", generated=_now())
    assert 'id="categorie-p_role"' in html and "<td>50 %</td>" in html


def test_a_small_category_has_no_figure_and_no_rate():
    few = ROLES[:9]  # 6 parents, 3 elected: the elected are too few, the parents give them
    results = compute(Q, few, min_group=5, category_families=FAMILIES)
    for key in ("parent", "elected"):
        found = results.category("P_ROLE", key)
        assert found is not None and found.count is None and found.rate is None
        assert found.statements == ()
    assert NOT_ENOUGH in "\n".join(text_lines(results))


def test_families_per_category_are_read_and_checked_in_kiosk_toml(tmp_path: Path):
    path = tmp_path / "kiosk.toml"
    path.write_text("[questionnaire.families.P_LEVEL]\ncollege = 300\nlycee = 250\n",
                    encoding="utf-8")
    assert load(path).questionnaire.families == {"P_LEVEL": {"college": 300, "lycee": 250}}
    for text, said in [
        ("[questionnaire.families.P_LEVEL]\ncollege = -3\n", "between 0 and 100000"),
        ("[questionnaire.families.P_LEVEL]\ncollege = \"300\"\n", "whole numbers"),
        ("[questionnaire]\nfamilies = 3\n", "a table per question"),
        ("[questionnaire.families.\"P LEVEL\"]\ncollege = 3\n", "question ids"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=said) as caught:
            load(path)
        assert "[questionnaire] families" in caught.value.describe()


def test_unknown_categories_are_said_and_ignored():
    results = compute(Q, ROLES, min_group=5,
                      category_families={"P_ROLE": {"parent": 60, "uncle": 3}, "A1": {"x": 1}})
    problems = "\n".join(results.setting_problems)
    assert "uncle : réponse inconnue" in problems and "A1 : ce n'est pas" in problems
    assert "uncle" in "\n".join(text_lines(results))
    assert results.category("P_ROLE", "parent").rate == pytest.approx(0.1)


# --- priorities --------------------------------------------------------------------------------


def test_priorities_rank_weakest_first_and_never_use_a_withheld_figure():
    results = compute(Q, ROLES, min_group=5)
    ranked = rank(results)
    ids = [p.id for p in ranked]
    # A2: mean 21/9 (strength (21/9 − 1) / 4 = 1/3); A1: mean 35/11 and no_internet:
    # 5/11 families (both 6/11); the other statements: nobody answered (withheld).
    assert ids[0] == "A2" and set(ids[1:3]) == {"A1", "no_internet"}
    assert "A2" in ids  # 9 answers: shown
    assert "asks_help" not in ids  # nobody answered: withheld
    assert all(p.gap is None and p.gap_text == "pas d'objectif fixé" for p in ranked)
    assert len(to_discuss(results)) == min(5, len(ranked))
    text = "\n".join(text_lines(results))
    assert text.index("À discuter") < text.index("Réponses par catégorie")
    html = render_html(results, school="École", generated=_now())
    assert html.index('id="a-discuter"') < html.index("<h2>Participation</h2>")


def test_a_goal_gives_the_gap_still_to_go():
    results = compute(Q, ROLES, min_group=5)
    goals = {"no_internet": Goal(0.2), "A1": Goal(3.0)}
    found = {p.id: p for p in rank(results, goals)}
    assert found["no_internet"].gap == pytest.approx(5 / 11 - 0.2)
    assert found["no_internet"].gap_text == "objectif 20 % : encore 25 points"
    assert found["A1"].gap is not None and found["A1"].gap < 0
    assert found["A1"].gap_text == "objectif 3,0 atteint"


def _now() -> Any:
    import datetime as dt

    return dt.datetime(2026, 11, 23, 10, 0)
