"""Results given back to parents ("Ce que vous avez dit", issue 17): the figures go through
the one suppression rule, the sentences are translated with plurals and the locale's numbers,
the school's actions have the statuses of every school text and round-trip through the
translators' files, and `kiosk publish` writes a page per language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kiosk.announcements.publish import SUMMARY_PAGE, announcement_url, page_path
from kiosk.core import config as config_module
from kiosk.core import text_exchange
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE, Status
from kiosk.questionnaire.giveback import (
    AT_EASE_NOT_YET,
    INTERNET_NOT_YET,
    NO_ACTIONS,
    GivebackFacts,
    ticket_of,
)
from kiosk.questionnaire.giveback_actions import LINES_MAX, ActionsError, ActionTexts
from kiosk.services import Services

K = 5  # the demo configuration's [questionnaire] min_group_size


def doc(internet: str | None, ease: str | None, hour: int = 10) -> dict[str, Any]:
    answers: dict[str, Any] = {"A1": 4}
    if internet:
        answers["D_INTERNET"] = internet
    if ease:
        answers["D_EASE"] = ease
    return {"answers": answers, "language": "fr", "hour": f"2026-11-18T{hour:02d}",
            "version": 1}


def facts(answered: int | None, **shares: float | None) -> GivebackFacts:
    values: dict[str, Any] = {"internet": None, "at_ease": None, "school_app": None,
                              "asks_help": None, **shares}
    return GivebackFacts(year="2026-2027", answered=answered, actions=None,
                         day=dt.date(2026, 11, 20), **values)


def test_the_settings_file_threshold_is_the_one_used(services: Services) -> None:
    assert services.config.questionnaire.min_group_size == K


def test_nothing_is_shown_with_too_few_responses_and_no_action(services: Services) -> None:
    assert services.giveback.for_parents() is None
    services.responses.add_many([doc("box", "very", h) for h in range(8, 8 + K - 1)])
    assert services.giveback.for_parents() is None  # K - 1 responses: no figure at all
    found = services.giveback.facts()
    assert found.answered is None and found.internet is None and found.at_ease is None
    # Actions alone are worth showing: the figures then say "not enough responses yet".
    services.giveback_actions.set("Un atelier le mardi.")
    shown = services.giveback.for_parents()
    assert shown is not None and not shown.has_figures
    for lang in ("fr", "ar", "zh"):
        tr = services.i18n.translator(lang)
        reading = shown.reading(tr)
        assert [f.value for f in reading.figures] == [None, None, None]
        assert tr(INTERNET_NOT_YET) in [f.sentence for f in reading.figures]
        assert tr(AT_EASE_NOT_YET) in [f.sentence for f in reading.figures]
        assert not any(ch.isdigit() for f in reading.figures for ch in f.sentence), lang
    assert "pas encore assez de réponses" in shown.reading(services.i18n.translator("fr")
                                                          ).figures[1].sentence


def test_figures_with_enough_responses_in_the_parents_language(services: Services) -> None:
    # 10 responses: 8 with internet (2 without), 5 at ease, 5 not at all.
    services.responses.add_many(
        [doc("box" if i < 8 else "none", "very" if i < 5 else "not_at_all", 8 + i % 9)
         for i in range(10)])
    shown = services.giveback.for_parents()
    assert shown is not None
    assert (shown.answered, shown.internet, shown.at_ease) == (10, pytest.approx(0.8),
                                                               pytest.approx(0.5))
    fr = shown.reading(services.i18n.translator("fr"))
    assert [f.value for f in fr.figures] == ["10", "80\xa0%", "50\xa0%"]
    assert fr.figures[0].sentence == "10 familles ont répondu au questionnaire."
    assert fr.figures[1].sentence == "80\xa0% des familles ont internet à la maison."
    assert fr.actions == (NO_ACTIONS,) and fr.actions_translated
    turkish = shown.reading(services.i18n.translator("tr"))
    assert turkish.figures[1].value == "%80" and "%80" in turkish.figures[1].sentence
    arabic = shown.reading(services.i18n.translator("ar"))
    assert arabic.rtl and "إنترنت" in arabic.figures[1].sentence
    assert "pas encore" not in " ".join(arabic.text.split("\n"))


def test_a_question_answered_by_too_few_is_withheld_alone(services: Services) -> None:
    # 10 responses, only 3 say whether they have internet: the count shows, internet does not.
    services.responses.add_many(
        [doc("box" if i < 3 else None, "fairly", 8 + i % 9) for i in range(10)])
    shown = services.giveback.facts()
    assert shown.answered == 10 and shown.internet is None and shown.at_ease == 1.0
    en = shown.reading(services.i18n.translator("en"))
    assert en.figures[1].value is None
    assert en.figures[1].sentence == "Internet at home: not enough answers yet."


@pytest.mark.parametrize(("lang", "n", "words"), [
    ("fr", 1, "1 famille a répondu"), ("fr", 2, "2 familles ont répondu"),
    ("ru", 2, "2 семьи"), ("ru", 5, "5 семей"), ("ru", 21, "21 семья"),
    ("en", 1234, "1,234 families"), ("fr", 1234, "1\u202f234 familles"),
])
def test_plurals_and_numbers_follow_the_language(services: Services, lang: str, n: int,
                                                 words: str) -> None:
    reading = facts(n).reading(services.i18n.translator(lang))
    assert words in reading.figures[0].sentence


def test_actions_have_the_statuses_of_every_school_text(services: Services) -> None:
    book = services.giveback_actions
    saved = book.set("- Un atelier le mardi.\n\n• Des tablettes prêtées.\x1b[31m")
    assert saved is not None and saved.lines() == ["Un atelier le mardi.",
                                                   "Des tablettes prêtées.[31m"]
    assert saved.status("ar") is Status.MISSING
    book.translate("ar", "ورشة يوم الثلاثاء.\nأجهزة لوحية معارة.")
    assert book.get() is not None and book.get().status("ar") is Status.TRANSLATED  # type: ignore[union-attr]
    book.set("Un atelier le jeudi.\nDes tablettes prêtées.")
    actions = book.get()
    assert actions is not None and actions.status("ar") is Status.OUTDATED
    # An outdated translation is never shown: the French, under the line in Arabic.
    services.responses.add_many([doc("box", "very", 8 + i) for i in range(K)])
    tr = services.i18n.translator("ar")
    shown = services.giveback.facts().reading(tr)
    assert not shown.actions_translated and shown.note == tr(TEXT_FALLBACK_NOTE)
    assert shown.actions == ("Un atelier le jeudi.", "Des tablettes prêtées.")
    with pytest.raises(ActionsError):
        book.translate("ar", "   ")
    with pytest.raises(ActionsError):
        book.set("\n".join(f"Action {i}" for i in range(LINES_MAX + 1)))
    with pytest.raises(ActionsError):
        book.translate("xx", "x")
    assert book.get() == actions  # nothing lost by the refused changes
    assert book.set("  \n ") is None and book.get() is None


def test_actions_round_trip_through_the_translators_file(services: Services) -> None:
    book = services.giveback_actions
    book.set("Un atelier le mardi.\nDes tablettes prêtées.")
    sources = [ActionTexts(book)]
    po = text_exchange.export_po(sources, "zh", book.languages, now=services.now(),
                                 school="École").decode()
    assert 'msgctxt "resultats/actions|text"' in po
    filled = po.replace('prêtées."\nmsgstr ""',
                        'prêtées."\nmsgstr "周二的工作坊。\\n借用平板电脑。"')
    assert filled != po
    report = text_exchange.import_po(sources, book.languages, filled.encode())
    assert report.ok, report.problems
    actions = book.get()
    assert actions is not None and actions.status("zh") is Status.TRANSLATED
    assert actions.lines("zh") == ["周二的工作坊。", "借用平板电脑。"]
    # A bad translation (too many lines) is refused with its line, and nothing changes.
    bad = po.replace('prêtées."\nmsgstr ""', 'prêtées."\nmsgstr "' + "a\\n" * 12 + '"')
    report = text_exchange.import_po(sources, book.languages, bad.encode())
    assert not report.ok and "ligne" in report.problems[0]
    assert book.get() == actions


def test_publish_writes_a_page_per_language(demo_services: Services, tmp_path: Path) -> None:
    site = demo_services.publisher.publish(tmp_path / "site")
    paths = {page.path for page in site.pages}
    for lang in demo_services.i18n.languages:
        page = tmp_path / "site" / page_path(lang.code, SUMMARY_PAGE)
        assert page_path(lang.code, SUMMARY_PAGE) in paths
        html = page.read_text("utf-8")
        direction = "rtl" if lang.code in ("ar", "fa") else "ltr"
        assert f'<html lang="{lang.code}" dir="{direction}">' in html
        index = (tmp_path / "site" / lang.code / "index.html").read_text("utf-8")
        assert f'href="{SUMMARY_PAGE}.html"' in index
    arabic = (tmp_path / "site" / "ar" / f"{SUMMARY_PAGE}.html").read_text("utf-8")
    assert "ما ستفعله المدرسة" in arabic and "ورشتان" in arabic
    # The demo's actions have no Albanian translation: French, marked, under the line.
    albanian = (tmp_path / "site" / "sq" / f"{SUMMARY_PAGE}.html").read_text("utf-8")
    assert '<div lang="fr" dir="ltr"><ul><li>Deux ateliers' in albanian
    assert "nuk është përkthyer ende" in albanian
    url = announcement_url(demo_services.config, "ar", SUMMARY_PAGE)
    assert url is not None and url.endswith("/ar/ce_que_vous_avez_dit.html")
    assert url in {page.url for page in site.pages}


def test_nothing_to_give_back_publishes_no_page(services: Services, tmp_path: Path) -> None:
    site = services.publisher.publish(tmp_path / "site")
    assert not any(SUMMARY_PAGE in page.path for page in site.pages)
    assert SUMMARY_PAGE not in (tmp_path / "site" / "fr" / "index.html").read_text("utf-8")
    # Once there is something, a new run adds it; when it is gone again, the page goes too.
    services.giveback_actions.set("Un atelier le mardi.")
    site = services.publisher.publish(tmp_path / "site")
    assert page_path("fa", SUMMARY_PAGE) in {page.path for page in site.pages}
    persian = (tmp_path / "site" / page_path("fa", SUMMARY_PAGE)).read_text("utf-8")
    fa = services.i18n.translator("fa")
    assert fa(INTERNET_NOT_YET) in persian and 'class="figure"' not in persian
    services.giveback_actions.set("")
    site = services.publisher.publish(tmp_path / "site")
    assert page_path("fa", SUMMARY_PAGE) in site.removed


def test_the_ticket_prints_the_actions_french_ones_left_to_right(
        demo_services: Services) -> None:
    shown = demo_services.giveback.facts()
    sq = shown.reading(demo_services.i18n.translator("sq"))
    ticket = ticket_of(demo_services.ticket_context, sq, "https://x.example/sq/p.html")
    texts = [line.text for line in ticket.lines]
    assert sq.note in texts and texts.index(sq.actions_heading) < texts.index(sq.note)
    french = [line for line in ticket.lines if line.text.startswith("• Deux ateliers")]
    assert len(french) == 1 and french[0].rtl is False
    ar = shown.reading(demo_services.i18n.translator("ar"))
    ticket = ticket_of(demo_services.ticket_context, ar, "https://x.example/ar/p.html")
    assert ticket.rtl and not any(line.rtl is False for line in ticket.lines)
    assert ticket.french_heading and ticket.french[0].text == "Ce que vous avez dit"


def test_the_settings_threshold_moves_the_rule(services: Services) -> None:
    services.responses.add_many([doc("box", "very", 8 + i) for i in range(K)])
    assert services.giveback.facts().answered == K
    services.config = config_module.replace(services.config, "questionnaire",
                                            min_group_size=K + 1)
    assert services.giveback.facts().answered is None
