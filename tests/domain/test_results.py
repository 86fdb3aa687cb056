"""Results of the questionnaire: hand-computed figures, small groups, storage, export, report."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.questionnaire.content import NOT_APPLICABLE
from kiosk.questionnaire.loading import load
from kiosk.questionnaire.responses import Response, response_from
from kiosk.questionnaire.results import compute
from kiosk.questionnaire.summary import text_lines
from kiosk.services import Services

Q = load()


def response(answers: dict[str, Any], language: str = "fr") -> Response:
    found = response_from({"answers": answers, "language": language, "hour": "2026-11-23T10",
                           "version": 1})
    assert found is not None
    return found


#: Eight responses written by hand. Figures below are computed by hand from this table.
#:   A1: 5, 4, 4, 2, NA, 1, (skipped), 3      → counts 1:1 2:1 3:1 4:2 5:1, NA 1, answered 7
#:        mean = (5+4+4+2+1+3)/6 = 19/6 = 3.1667, NA share = 1/7
#:   A2: 3, 3, NA, NA, (skipped ×4)            → mean 3.0, NA share 2/4 = 0.5
#:   domain A = (19/6 + 3) / 2 = 37/12 = 3.0833
#:   D_INTERNET: none, none, box, phone_only, box, (skipped ×3) → no internet 2/5 = 40 %
#:   D_DEVICES: [smartphone], [computer, tablet], [none], [smartphone, computer], skipped ×4
#:        → without a computer: 2/4 = 50 %
#:   P_ROLE: parent ×6, elected ×1, skipped ×1  (threshold 5: "elected" and "no answer" hidden)
HAND = [
    response({"A1": 5, "A2": 3, "D_INTERNET": "none", "D_DEVICES": ["smartphone"],
              "P_ROLE": "parent"}),
    response({"A1": 4, "A2": 3, "D_INTERNET": "none", "D_DEVICES": ["computer", "tablet"],
              "P_ROLE": "parent"}, "ar"),
    response({"A1": 4, "A2": NOT_APPLICABLE, "D_INTERNET": "box", "D_DEVICES": ["none"],
              "P_ROLE": "parent"}, "ar"),
    response({"A1": 2, "A2": NOT_APPLICABLE, "D_INTERNET": "phone_only",
              "D_DEVICES": ["smartphone", "computer"], "P_ROLE": "elected"}),
    response({"A1": NOT_APPLICABLE, "D_INTERNET": "box", "P_ROLE": "parent"}),
    response({"A1": 1, "P_ROLE": "parent"}, "tr"),
    response({"P_ROLE": "parent", "D_HELP": ["loan", "workshop"]}),
    response({"A1": 3, "D_HELP": ["paper"]}),
]


def test_hand_computed_figures():
    # Threshold 2: every set of 2 answers or more is shown (B1, never answered, is not).
    results = compute(Q, HAND, families=40, min_group=2, year="2026-2027")
    assert results.responses == 8
    assert results.response_rate == pytest.approx(8 / 40)

    a1 = results.statement("A1")
    assert a1.counts == (1, 1, 1, 2, 1)
    assert a1.not_applicable == 1
    assert a1.answered == 7
    assert a1.mean == pytest.approx(19 / 6)
    assert a1.na_share == pytest.approx(1 / 7)
    a2 = results.statement("A2")
    assert a2.mean == pytest.approx(3.0)
    assert a2.na_share == pytest.approx(0.5)
    assert results.statement("B1").mean is None and results.statement("B1").answered == 0
    assert results.statement("B1").withheld
    assert results.domain("A").mean == pytest.approx(37 / 12)
    assert results.domain("B").mean is None

    no_internet = results.indicator("no_internet")
    assert (no_internet.count, no_internet.answered) == (2, 5)
    assert no_internet.share == pytest.approx(0.4)
    no_computer = results.indicator("no_computer")
    assert (no_computer.count, no_computer.answered) == (2, 4)
    asks_help = results.indicator("asks_help")
    assert (asks_help.count, asks_help.answered) == (1, 2)
    help_choice = results.choice("D_HELP")
    assert help_choice.answered == 2
    assert help_choice.share("loan") == pytest.approx(0.5)
    assert help_choice.share("paper") == pytest.approx(0.5)
    assert help_choice.share("partner") == 0


def test_small_groups_are_never_shown():
    results = compute(Q, HAND, families=40, min_group=5)
    role = results.breakdown("P_ROLE")
    counts = {g.key: g.count for g in role.groups}
    # "elected" (1) and "no answer" (1) are too small; "parent" (6) would give their 2 by
    # subtraction from the 8 responses, so it is withheld too.
    assert counts == {"parent": None, "elected": None, "other": 0, "": None}
    languages = {g.key: g.count for g in results.breakdown("language").groups}
    assert languages == {}  # 5 French, 3 others: the French would give the others away
    text = "\n".join(text_lines(results))
    assert "pas encore assez de réponses" in text
    assert "arabe" not in text and "turc" not in text  # not even named
    assert "Parent élu" in text  # the questionnaire's own categories are always listed
    # Statements and indicators about fewer than 5 answers: withheld, never a figure.
    a2 = results.statement("A2")
    assert a2.withheld and a2.mean is None and a2.counts == (0, 0, 0, 0, 0)
    assert results.statement("A1").mean == pytest.approx(19 / 6)  # 7 answers: shown
    assert results.indicator("asks_help").withheld
    assert results.indicator("asks_help").share is None
    assert results.choice("D_HELP").withheld
    assert results.domain("A").mean == pytest.approx(19 / 6)  # A2 left out, not found back
    # With a threshold of 2, the 2 left outside "parent" are enough: it is shown.
    shown = compute(Q, HAND, min_group=2).breakdown("P_ROLE")
    assert {g.key: g.count for g in shown.groups}["parent"] == 6


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.dictionaries(
                st.sampled_from([*(i.id for i in Q.all_items), "ZZ", ""]),
                st.one_of(
                    st.integers(-2, 8), st.sampled_from([NOT_APPLICABLE, "none", "box", "x"]),
                    st.booleans(), st.none(), st.floats(allow_nan=True),
                    st.lists(st.sampled_from(["smartphone", "computer", "none", "loan", "?"]),
                             max_size=4),
                    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
                ),
                max_size=12,
            ),
            st.sampled_from(["fr", "ar", "", "xx-YY", "zh"]),
        ),
        max_size=40,
    ),
    st.integers(0, 500),
    st.integers(2, 10),
)
def test_random_answers_never_break_the_aggregation(
    raw: list[tuple[dict[str, Any], str]], families: int, min_group: int
):
    responses = [Response(answers=a, language=lang, hour="", version=1) for a, lang in raw]
    results = compute(Q, responses, families=families, min_group=min_group)
    assert results.responses == len(raw)
    for statement in results.statements:
        assert statement.answered <= len(raw)
        if statement.mean is not None:
            assert 1 <= statement.mean <= 5
    for indicator in results.indicators:
        assert 0 <= indicator.count <= indicator.answered <= len(raw)
    for breakdown in results.breakdowns:
        for group in breakdown.groups:
            assert group.count is None or group.count == 0 or group.count >= min_group
        if breakdown.id == "language":  # a partition, whole when anything is shown
            assert not breakdown.groups or sum(g.count or 0 for g in breakdown.groups) == len(raw)
    for statement in results.statements:
        assert statement.withheld or statement.answered >= min_group
    for category_breakdown in results.categories:
        for category in category_breakdown.categories:
            for statement in category.statements:
                assert statement.withheld or statement.answered >= min_group
    text_lines(results)
    # Stored and read back, the same responses give the same figures.
    again = [response_from({"answers": a, "language": lang}) for a, lang in raw]
    assert compute(Q, [r for r in again if r is not None],
                   min_group=min_group).statements == results.statements


# --- storage ---------------------------------------------------------------------------------


def test_a_submission_is_anonymous_and_keeps_the_hour_only(services: Services):
    saved = services.responses.add_response(
        Q, {"A1": 4, "D_DEVICES": ["tablet", "smartphone"], "bogus": 1, "A2": 9}, "ar"
    )
    assert saved.hour == "2026-11-23T10"
    raw = json.loads(services.store.file("responses").path.read_text(encoding="utf-8"))
    docs = list(raw["responses"].values())
    assert docs == [{"answers": {"A1": 4, "D_DEVICES": ["smartphone", "tablet"]},
                     "language": "ar", "hour": "2026-11-23T10", "version": 1,
                     "channel": "kiosk"}]
    assert services.responses.responses()[0].answers["D_DEVICES"] == ("smartphone", "tablet")


def test_results_compare_with_the_previous_school_year(services: Services):
    services.responses.add_many(
        [{"answers": {"A1": 2, "D_INTERNET": "none"}, "language": "fr",
          "hour": "2025-11-20T10", "version": 1}] * 5,
        year="2025-2026",
    )
    for _ in range(5):
        services.responses.add_response(Q, {"A1": 4, "D_INTERNET": "box"}, "fr")
    results = services.results.school_results()
    assert results.year == "2026-2027" and results.responses == 5
    assert results.previous is not None and results.previous.responses == 5
    assert results.previous.domain("A").mean == pytest.approx(2.0)
    assert results.previous.indicator("no_internet").share == pytest.approx(1.0)
    assert "2025-2026 : 2,0" in "\n".join(text_lines(results))


# --- export and report -----------------------------------------------------------------------


def run_cli(services: Services, *argv: str) -> tuple[int, str, str]:
    from kiosk import cli

    out, err = io.StringIO(), io.StringIO()
    real = cli.open_from_args
    cli.open_from_args = lambda args: services  # type: ignore[assignment]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(list(argv))
    finally:
        cli.open_from_args = real  # type: ignore[assignment]
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def answered(services: Services) -> Services:
    for item in HAND:
        services.responses.add_response(
            Q, {k: list(v) if isinstance(v, tuple) else v for k, v in item.answers.items()},
            item.language,
        )
    return services


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_csv_export_opens_in_a_french_spreadsheet(answered: Services, tmp_path: Path):
    out = tmp_path / "reponses.csv"
    status, stdout, _ = run_cli(answered, "export", "responses", "--format", "csv",
                                "--out", str(out))
    # 8 received: the first 5 come out (whole batches of min_group_size = 5).
    assert status == 0 and "5 réponses exportées" in stdout and "sur 8" in stdout
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = read_csv(out)
    assert len(rows) == 5
    assert list(rows[0])[:6] == ["numero", "semaine", "langue", "version", "A1", "A2"]
    assert set(rows[0]) >= {item.id for item in Q.all_items}
    assert sorted(int(r["numero"]) for r in rows) == list(range(1, 6))
    assert {r["semaine"] for r in rows} == {"2026-W48"}  # the week only, no day or hour
    # The answers are all there (rows in random order)…
    assert sorted(r["A1"] for r in rows) == sorted(["5", "4", "4", "2", "NA"])
    assert sorted(r["D_DEVICES"] for r in rows) == sorted(
        ["smartphone", "computer,tablet", "none", "smartphone,computer", ""])
    # …but 2 Arabic among 5 cannot be told apart from the 3 French.
    assert {r["langue"] for r in rows} == {"autre"}
    assert [e.action for e in answered.audit.entries()] == ["export"]


def test_json_export_holds_the_same_rows(answered: Services, tmp_path: Path):
    csv_out, json_out = tmp_path / "r.csv", tmp_path / "r.json"
    run_cli(answered, "export", "responses", "--format", "csv", "--out", str(csv_out))
    status, _, _ = run_cli(answered, "export", "responses", "--format", "json",
                           "--out", str(json_out))
    assert status == 0
    document = json.loads(json_out.read_text(encoding="utf-8"))
    rows = read_csv(csv_out)
    assert document["school_year"] == "2026-2027"

    def content(found: list[dict[str, Any]]) -> list[list[tuple[str, str]]]:
        return sorted(sorted((k, str(v)) for k, v in row.items() if k != "numero")
                      for row in found)

    assert content(document["responses"]) == content(rows)


def test_export_refuses_a_bad_year(answered: Services, tmp_path: Path):
    status, _, err = run_cli(answered, "export", "responses", "--out", str(tmp_path / "x.csv"),
                             "--year", "2026")
    assert status == 2 and "2025-2026" in err


class _Report(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svgs = 0
        self.figures: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []
        self._svg_text: list[str] = []
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "svg":
            self.svgs += 1
            self._in_svg += 1
        if tag == "figure":
            self.figures.append(values.get("id") or "")
        for key in ("src", "href"):
            if values.get(key):
                self.external.append(values[key] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report_is_self_contained_dated_and_counts_on_every_chart(
    answered: Services, tmp_path: Path
):
    status, _stdout, _ = run_cli(answered, "report", "--out", str(tmp_path / "rapport"))
    assert status == 0
    html_file = tmp_path / "rapport" / "rapport-questionnaire.html"
    parser = _Report()
    parser.feed(html_file.read_text(encoding="utf-8"))
    text = " ".join(parser.text)
    assert "lundi 23 novembre 2026" in text
    assert "8 réponses pour 180 familles" in text
    assert parser.external == []  # nothing outside the page
    assert parser.svgs == len(parser.figures) >= 10
    assert "domaines" in parser.figures and "familles" in parser.figures
    charts = sorted((tmp_path / "rapport" / "graphiques").glob("*.svg"))
    assert len(charts) == parser.svgs
    for chart in charts:
        svg = chart.read_text(encoding="utf-8")
        assert 'class="count"' in svg and "réponse" in svg, chart.name
    # Small groups (and "parent", which would give them by subtraction): left out of the
    # chart, named below it.
    role_chart = (tmp_path / "rapport" / "graphiques" / "repartition-p-role.svg").read_text()
    assert "Parent élu" not in role_chart and ">Parent<" not in role_chart
    assert "pas encore assez de réponses" in text
    assert [e.action for e in answered.audit.entries()] == ["export"]


def test_demo_responses_are_seeded_once(demo_services: Services):
    count = demo_services.responses.count()
    assert count > 20
    from kiosk.demo.questionnaire import seed_demo

    seed_demo(demo_services, dt.date(2026, 11, 23))
    assert demo_services.responses.count() == count
    assert demo_services.results.school_results().previous is not None
