"""Damaged data that parses (issue 16): a record that is valid JSON but holds a bad value (a
slot whose ``start`` is ``"not-a-date"``) is left out of what the kiosk shows, reported with its
file and id by ``kiosk where`` and ``kiosk repair``, kept by every write, and moved aside by
``kiosk repair --apply``; the rest of the kiosk keeps working. For every kind of record."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import DEMO_CONFIG, main
from kiosk.services import Services
from kiosk.tickets import printer_test_ticket
from tests.support import FROZEN_NOW, Clock, build_services


def run(data: Path, *argv: str) -> int:
    return main([*argv, "--config", str(DEMO_CONFIG), "--data-dir", str(data)])


def damage(path: Path, table: str, find: Callable[[dict[str, Any]], bool],
           change: dict[str, Any]) -> str:
    """Give the first record of `table` that `find` accepts bad values; its id."""
    data = json.loads(path.read_text("utf-8"))
    doc = next(d for d in data[table].values() if find(d))
    doc.update(change)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return str(doc.get("id", doc.get("number")))


def test_a_slot_that_is_not_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    services = build_services(data, Clock())
    office = services.booking
    person = office.people.add_person("Mme Martin", "teacher", ["CP"])
    # The commands read the real clock: slots a month ahead of it are free for both.
    day = (dt.datetime.now(FROZEN_NOW.tzinfo) + dt.timedelta(days=30)).replace(
        hour=16, minute=0, second=0, microsecond=0)
    slots = [office.slots.add_slot(person.id, day + dt.timedelta(minutes=15 * n), 15)
             for n in range(3)]
    path = office.records.file.path
    bad_id = damage(path, "slots", lambda d: d["id"] == slots[0].id, {"start": "not-a-date"})
    capsys.readouterr()

    assert run(data, "people", "list") == 0
    assert "2 créneau(x) libre(s)" in capsys.readouterr().out
    assert run(data, "where") == 1
    shown = capsys.readouterr().out
    assert str(path) in shown and bad_id in shown and "not-a-date" in shown
    # Parents see the other slots and book one; the bad record stays in the file, untouched.
    reopened = build_services(data, Clock())
    free = reopened.booking.slots.free_slots(person.id)
    assert [s.id for s in free] == [s.id for s in slots[1:]]
    reopened.booking.appointments.book(free[0].id, child="Lina", child_class="CP")
    stored = json.loads(path.read_text("utf-8"))["slots"]
    assert [d["start"] for d in stored.values() if d["id"] == bad_id] == ["not-a-date"]

    assert run(data, "repair") == 1
    assert bad_id in capsys.readouterr().out
    assert run(data, "repair", "--apply") == 0
    assert "1 enregistrement(s)" in capsys.readouterr().out
    stored = json.loads(path.read_text("utf-8"))["slots"]
    assert bad_id not in {d["id"] for d in stored.values()} and len(stored) == 2
    aside = json.loads(path.with_name("bookings.set-aside.json").read_text("utf-8"))
    assert [(r["table"], r["record"]["id"]) for r in aside] == [("slots", bad_id)]
    assert run(data, "where") == 0
    assert build_services(data, Clock()).booking.appointments.bookings()[0].child == "Lina"


@dataclass(frozen=True)
class Kind:
    """How to make two records of a kind, damage one, and list what is left."""

    table: str
    make: Callable[[Services], Path]  # makes two records; returns their file
    change: dict[str, Any]
    listed: Callable[[Services], list[Any]]


def _people(s: Services) -> Path:
    s.booking.people.add_person("Mme A", "teacher", ["CP"])
    s.booking.people.add_person("Mme B", "teacher", ["CE1"])
    return s.booking.records.file.path


def _slots(s: Services) -> Path:
    person = s.booking.people.add_person("Mme A", "teacher", ["CP"])
    for n in range(2):
        s.booking.slots.add_slot(person.id, FROZEN_NOW + dt.timedelta(days=2, hours=n), 15)
    return s.booking.records.file.path


def _bookings(s: Services) -> Path:
    _slots(s)
    for n, slot in enumerate(s.booking.slots.all()):
        s.booking.appointments.book(slot.id, child=f"Enfant{'ab'[n]}", child_class="CP")
    return s.booking.records.file.path


def _workshops(s: Services) -> Path:
    for n in range(2):
        s.booking.workshops.add_workshop(f"Atelier {n}", FROZEN_NOW + dt.timedelta(days=2 + n),
                                         60, "Salle", 5)
    return s.booking.records.file.path


def _registrations(s: Services) -> Path:
    workshop = s.booking.workshops.add_workshop("Atelier", FROZEN_NOW + dt.timedelta(days=2),
                                                60, "Salle", 5)
    for who in ("Awa", "Ion"):
        s.booking.workshops.register(workshop.id, name=who)
    return s.booking.records.file.path


def _announcements(s: Services) -> Path:
    for n in range(2):
        s.announcements.write(title=f"Annonce {n}", text="Texte", urgent=True)
    return s.store.file("announcements").path


def _responses(s: Services) -> Path:
    for value in (1, 2):
        s.responses.add_response(s.questionnaire, {"A1": value}, "fr")
    return s.store.file("responses").path


def _help(s: Services) -> Path:
    s.help_requests.request("home")
    s.help_requests.request("booking")
    return s.store.file("help").path


def _print_jobs(s: Services) -> Path:
    for n in range(2):
        s.printing.queue.add(printer_test_ticket(s.ticket_context), data=b"x", png=b"p",
                             text=f"job {n}", printer="preview", status="printed")
    return s.store.lasting_file("print_queue").path


KINDS = {
    "people": Kind("people", _people, {"classes": 5},
                   lambda s: s.booking.people.all(include_inactive=True)),
    "slots": Kind("slots", _slots, {"start": "not-a-date"}, lambda s: s.booking.slots.all()),
    "bookings": Kind("bookings", _bookings, {"created": 12},
                     lambda s: s.booking.appointments.bookings()),
    "workshops": Kind("workshops", _workshops, {"capacity": "beaucoup"},
                      lambda s: s.booking.workshops.all()),
    "registrations": Kind("registrations", _registrations, {"status": "perdu"},
                          lambda s: s.booking.workshops.registrations(
                              s.booking.workshops.all()[0].id)),
    "announcements": Kind("announcements", _announcements, {"visible_from": "hier"},
                          lambda s: s.announcements.all()),
    "responses": Kind("responses", _responses, {"answers": "rien"},
                      lambda s: s.responses.responses()),
    "help requests": Kind("requests", _help, {"when": None}, lambda s: s.help_requests.all()),
    "print jobs": Kind("jobs", _print_jobs, {"number": "premier"},
                       lambda s: s.printing.queue.jobs()),
}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_of_record_is_checked_when_read(tmp_path: Path, name: str) -> None:
    kind = KINDS[name]
    data = tmp_path / "data"
    path = kind.make(build_services(data, Clock()))
    first = [True]

    def once(_doc: dict[str, Any]) -> bool:
        found, first[0] = first[0], False
        return found

    damage(path, kind.table, once, kind.change)

    services = build_services(data, Clock())
    assert len(kind.listed(services)) == 1  # the rest keeps working
    bad = services.bad_records()
    assert [(b.path, b.table) for b in bad] == [(path, kind.table)]
    assert str(path) in bad[0].describe()
