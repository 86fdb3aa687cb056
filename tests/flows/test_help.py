"""Help requests (for the staff) and the privacy notice (for parents)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.config import RetentionSettings
from kiosk.services import Services
from kiosk.staff.help_requests import privacy_notice
from tests.support import Clock


def test_request_pending_acknowledge(services: Services, clock: Clock) -> None:
    help_requests = services.help_requests
    first = help_requests.request("booking")
    clock.advance(minutes=3)
    second = help_requests.request("questionnaire")
    assert [r.id for r in help_requests.pending()] == [first.id, second.id]
    assert first.came_from == "booking"
    assert first.when == services.now() - dt.timedelta(minutes=3)
    assert help_requests.acknowledge(first.id)
    assert not help_requests.acknowledge(first.id)  # already done
    assert not help_requests.acknowledge("no-such-id")
    assert [r.id for r in help_requests.pending()] == [second.id]
    assert help_requests.all()[0].acknowledged == services.now()


def test_requests_are_forgotten_after_the_retention(services: Services, clock: Clock) -> None:
    help_requests = services.help_requests
    help_requests.request("home")
    clock.advance(days=services.config.retention.help_requests_days, minutes=1)
    assert help_requests.forget_old() == 1
    assert help_requests.all() == []


def test_requests_survive_a_new_process(services: Services, clock: Clock) -> None:
    services.help_requests.request("home")
    from tests.support import build_services

    again = build_services(services.data_dir, clock)
    assert len(again.help_requests.pending()) == 1


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_came_from_is_cleaned(text: str) -> None:
    from kiosk.staff.help_requests import _clean_screen_name

    cleaned = _clean_screen_name(text)
    assert cleaned and len(cleaned) <= 60
    assert all(ch.isascii() and (ch.isalnum() or ch in "_.:-?") for ch in cleaned)


def test_privacy_notice_follows_the_configuration(services: Services) -> None:
    tr = services.i18n.translator("fr")
    config = services.config
    text = " ".join(privacy_notice(tr, config))
    assert "anonyme" in text
    assert "Pour un atelier, nous gardons votre prénom" in text
    assert "avec la copie de votre ticket" in text
    assert f"{config.retention.bookings_days} jours après la rencontre" in text
    assert f"pendant {config.retention.help_requests_days} jours" in text
    one_day = dataclasses.replace(
        config, retention=RetentionSettings(bookings_days=1, help_requests_days=1))
    text = " ".join(privacy_notice(tr, one_day))
    assert "effacés 1 jour après" in text and "pendant 1 jour." in text
    same_day = dataclasses.replace(config, retention=RetentionSettings(bookings_days=0))
    assert "le jour de la rencontre" in " ".join(privacy_notice(tr, same_day))


def test_privacy_notice_in_every_language(services: Services) -> None:
    for code in services.config.kiosk.languages:
        tr = services.i18n.translator(code)
        paragraphs = privacy_notice(tr, services.config)
        assert len(paragraphs) == 7
        assert all("{" not in p for p in paragraphs), code
        if code != "fr":
            assert "anonyme" not in paragraphs[0], f"{code}: not translated"
    # Babel numbers: Arabic shows its own digits or Latin ones, but the number is there.
    ar = privacy_notice(services.i18n.translator("ar"), services.config)
    assert "30" in ar[2] or "٣٠" in ar[2]
