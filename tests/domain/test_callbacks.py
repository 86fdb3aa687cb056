"""Call-backs ("Je veux qu'on me rappelle") and the parent's language on help requests: the
requests kept apart from the questionnaire, marked done by staff, purged by retention."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.booking.model import InputProblem
from kiosk.core.config import RetentionSettings
from kiosk.services import Services
from kiosk.staff.callbacks import SUBJECTS, CallbackRequests
from kiosk.staff.help_requests import privacy_notice
from tests.support import FROZEN_NOW, Clock


def test_a_call_back_from_request_to_done_and_purged(services: Services, clock: Clock) -> None:
    calls = services.callbacks
    asked = calls.request(name="  Amina ", phone="06.12.34.56.78", subject="canteen",
                          language="ar")
    assert (asked.name, asked.phone, asked.language, asked.subject) == (
        "Amina", "06 12 34 56 78", "ar", "canteen")
    assert [r.id for r in calls.waiting()] == [asked.id]
    # Kept in its own file of the school year, never with the questionnaire's responses.
    assert services.store.file("callbacks").table("requests").all()[0]["name"] == "Amina"
    assert all("Amina" not in str(dict(row))
               for row in services.store.file("responses").table("responses").all())
    assert services.dashboard.gather(query_printer=False).callbacks == 1

    assert calls.mark_done(asked.id) is True
    assert calls.mark_done(asked.id) is False  # done already
    assert calls.waiting() == []
    assert [r.done for r in calls.all()] == [FROZEN_NOW]
    assert services.dashboard.gather(query_printer=False).callbacks == 0

    report = services.retention.purge()
    assert report.callbacks == 1
    assert "1 demande(s) de rappel oubliée(s)" in report.describe()
    assert calls.all() == []


def test_call_backs_waiting_too_long_are_purged(services: Services, clock: Clock) -> None:
    calls = services.callbacks
    days = services.config.retention.callbacks_days
    assert days == 30
    clock.current = FROZEN_NOW - dt.timedelta(days=days, minutes=1)
    calls.request(name="Ion", phone="0700000000", subject="grant", language="ro")
    clock.current = FROZEN_NOW - dt.timedelta(days=days - 1)
    kept = calls.request(name="Li", phone="+86 139 1234 5678", subject="ent", language="zh")
    clock.current = FROZEN_NOW

    assert services.retention.purge().callbacks == 1
    assert [r.id for r in calls.all()] == [kept.id]
    assert kept.phone == "+8613912345678"


@pytest.mark.parametrize(("name", "phone", "subject", "problem"), [
    ("", "0612345678", "canteen", "Écrivez le prénom."),
    ("Amina", "", "canteen", "Écrivez votre numéro de téléphone."),
    ("Amina", "06 12", "canteen", "Ce numéro de téléphone n'est pas complet."),
    ("Amina", "0612345678", "", "Choisissez le sujet."),
    ("Amina", "0612345678", "holidays", "Choisissez le sujet."),
    ("A\x1b[31m1", "0612345678", "other", "Un prénom s'écrit avec des lettres seulement."),
])
def test_bad_input_is_refused_with_its_message_and_nothing_stored(
    services: Services, name: str, phone: str, subject: str, problem: str
) -> None:
    with pytest.raises(InputProblem) as refused:
        services.callbacks.request(name=name, phone=phone, subject=subject, language="ar")
    assert refused.value.message.startswith(problem)
    assert services.callbacks.all() == []


def test_a_strange_language_or_damaged_record_does_not_break_the_list(
    services: Services,
) -> None:
    calls = services.callbacks
    found = calls.request(name="Awa", phone="0612345678", subject="other",
                          language="<script>\x07")
    assert found.language == "fr"
    assert set(SUBJECTS) == {"meeting", "absence", "canteen", "grant", "ent", "other"}
    with services.store.file("callbacks").transaction() as db:
        db.table("requests").insert({"id": "x", "when": "not a date", "name": "?"})
    fresh = CallbackRequests(services.store, services.now)
    assert [r.name for r in fresh.waiting()] == ["Awa"]  # the damaged record is set aside


def test_help_requests_record_the_parents_language(services: Services) -> None:
    asked = services.help_requests.request("booking", language="ar")
    assert asked.language == "ar"
    assert [r.language for r in services.help_requests.pending()] == ["ar"]
    assert services.help_requests.request("home", language="\x1b[2J").language == "fr"
    assert services.help_requests.request("home").language == "fr"
    board = services.dashboard.gather(query_printer=False)
    assert board.help_requests is not None
    assert [line.language for line in board.help_requests] == ["arabe", "français",
                                                               "français"]


def test_the_privacy_notice_says_what_a_call_back_keeps(services: Services) -> None:
    config = dataclasses.replace(services.config,
                                 retention=RetentionSettings(callbacks_days=12))
    text = " ".join(privacy_notice(services.i18n.translator("fr"), config))
    assert "Pour être rappelé" in text and "pendant 12 jours au plus" in text
    english = " ".join(privacy_notice(services.i18n.translator("en"), config))
    assert "12" in english and "Pour être rappelé" not in english


def test_a_ticket_says_the_interpreter_asked_for_in_both_parts(services: Services) -> None:
    from kiosk.tickets import sample_ticket

    for kind in ("move", "waitlist"):
        ticket = sample_ticket(services.ticket_context, kind, "ar")
        assert "Interprète demandé" in [line.text for line in ticket.french]
        assert any("مترجم" in line.text for line in ticket.lines), kind
    plain = sample_ticket(services.ticket_context, "booking", "ar")
    assert "Interprète demandé" not in "\n".join(plain.texts())
