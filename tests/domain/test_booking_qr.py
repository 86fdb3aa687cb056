"""The QR code of a booking or a workshop place: a compact event (UTC times, summary, place;
no time-zone block, no child's name, no reminder) that decodes (zxing-cpp) to the same day and
hour as the printed part; a waiting-list place carries none."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import qrcode
import zxingcpp

from kiosk.core import config as config_module
from kiosk.core import ical
from kiosk.printing.qr import MAX_VERSION, qr_spec
from kiosk.services import Services
from tests.support import Clock, build_services

PARIS = ZoneInfo("Europe/Paris")


def _offline(services: Services) -> Services:
    services.config = config_module.replace(services.config, "online", base_url="")
    services.__dict__.pop("booking", None)
    return services


def _fields(payload: str) -> dict[str, str]:
    lines = payload.split("\n")
    assert lines[0] == "BEGIN:VEVENT" and lines[-1] == "END:VEVENT"
    return dict(line.split(":", 1) for line in lines[1:-1])


def _utc(stamp: str) -> dt.datetime:
    assert stamp.endswith("Z")
    return dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def test_qr_of_a_booking_decodes_to_a_compact_event(tmp_path, clock: Clock) -> None:
    services = _offline(build_services(tmp_path / "data", clock))
    office = services.booking
    person = office.people.add_person("Mme Benali", "teacher", ["CM1"])
    start = dt.datetime(2026, 12, 1, 16, 45, tzinfo=PARIS)
    slot = office.slots.add_slot(person.id, start, 20, place="Salle 4, 1er étage; bâtiment B")
    booking = office.appointments.book(slot.id, child="Yusuf", child_class="CM1", language="tr")
    payload = office.calendar.booking_qr(booking, services.i18n.translator("tr"))
    image = qrcode.make(payload, error_correction=qrcode.constants.ERROR_CORRECT_M).get_image()
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert [f.text for f in found] == [payload]
    event = _fields(payload)
    assert set(event) == {"DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"}
    assert booking.code in event["DESCRIPTION"]  # to move or cancel it from the phone
    # 16:45 in Paris in December is 15:45 UTC: the phone shows 16:45 wherever it is set.
    assert _utc(event["DTSTART"]) == start and _utc(event["DTEND"]) == start + dt.timedelta(
        minutes=20)
    assert event["LOCATION"] == "Salle 4\\, 1er étage\\; bâtiment B"
    assert "Mme Benali" in event["SUMMARY"]
    assert "Yusuf" not in payload and "VTIMEZONE" not in payload and "VALARM" not in payload
    assert qr_spec(payload).version <= MAX_VERSION


def test_the_event_stays_in_the_code_even_with_an_online_address(
    demo_services: Services,
) -> None:
    """No page of a family's booking is published, so the QR never points online for it."""
    assert demo_services.config.online.base_url  # the demo school has an online address
    office = demo_services.booking
    person = office.people.add_person("Mme Ouali", "teacher", ["CM1"])
    start = dt.datetime(2027, 7, 1, 16, 45, tzinfo=PARIS)  # summer time: UTC+2
    booking = office.appointments.book(office.slots.add_slot(person.id, start, 20).id,
                                       child="Yusuf", child_class="CM1")
    payload = office.calendar.booking_qr(booking, demo_services.i18n.translator("fr"))
    assert _fields(payload)["DTSTART"] == "20270701T144500Z"
    assert demo_services.config.online.base_url not in payload


def test_the_booking_ticket_says_the_same_day_and_hour_as_its_code(
    demo_services: Services,
) -> None:
    office = demo_services.booking
    person = office.people.add_person("M. Haddad", "teacher", ["CE2"])
    start = dt.datetime(2027, 3, 28, 9, 30, tzinfo=PARIS)  # the morning clocks go forward
    booking = office.appointments.book(office.slots.add_slot(person.id, start, 15,
                                                             place="Salle 9").id,
                                       child="Amine", child_class="CE2", language="ar")
    ticket = office.calendar.booking_ticket(demo_services.ticket_context, booking, "ar")
    assert ticket.qr is not None
    coded = _utc(_fields(ticket.qr)["DTSTART"]).astimezone(PARIS)
    french = [line.text for line in ticket.french]
    assert coded.strftime("%H:%M") == "09:30" and "09:30 – 09:45" in french
    assert "dimanche 28 mars 2027" in french
    assert any(line.text == "09:30 – 09:45" for line in ticket.lines)  # 24-hour clock in ar
    assert "Avec : M. Haddad (Enseignant ou enseignante)" in french  # the role in French
    assert "Pour l'enfant : Amine (CE2)" in french  # and the child's class
    assert "Amine" not in ticket.qr


def test_a_workshop_place_has_its_event_and_a_waiting_place_none(
    demo_services: Services,
) -> None:
    office = demo_services.booking
    start = dt.datetime(2026, 12, 3, 18, 0, tzinfo=PARIS)
    workshop = office.workshops.add_workshop("Pronote pas à pas", start, 90, "Bibliothèque", 1)
    placed = office.workshops.register(workshop.id, name="Nadia", language="zh")
    waiting = office.workshops.register(workshop.id, name="Omar", language="zh")
    workshop = office.workshops.workshop(workshop.id) or workshop
    context = demo_services.ticket_context
    ticket = office.calendar.registration_ticket(context, workshop, placed, "zh")
    assert ticket.qr is not None
    event = _fields(ticket.qr)
    assert event["SUMMARY"] == "Pronote pas à pas" and event["LOCATION"] == "Bibliothèque"
    assert _utc(event["DTSTART"]) == start
    assert "Nadia" not in ticket.qr
    queued = office.calendar.registration_ticket(context, workshop, waiting, "zh")
    assert queued.qr is None and queued.qr_caption == ""


def test_a_long_event_is_shortened_to_fit_a_version_10_code() -> None:
    start = dt.datetime(2026, 12, 3, 17, 0, tzinfo=dt.UTC)
    payload = ical.compact_event(start=start, end=start + dt.timedelta(hours=1),
                                 summary="لقاء " * 80, location="قاعة " * 60)
    assert len(payload.encode()) <= ical.COMPACT_MAX_BYTES
    assert qr_spec(payload).version <= MAX_VERSION and qr_spec(payload).level == "M"
    assert "SUMMARY:لقاء" in payload and payload.endswith("END:VEVENT")
    link = ical.compact_event(start=start, end=start, summary="Réunion " * 20,
                              location="https://visio.example.fr/" + "x" * 150,
                              description="Code : K7M2QX")
    assert "LOCATION" not in link  # an address is left out, never cut
    assert "DESCRIPTION:Code : K7M2QX" in link and len(link.encode()) <= ical.COMPACT_MAX_BYTES
