"""The QR code of a booking decodes (zxing-cpp) to a VEVENT with the right start and end."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import qrcode
import zxingcpp

from kiosk.core import config as config_module
from kiosk.core import ical
from kiosk.services import Services
from tests.support import Clock, build_services


def _offline(services: Services) -> Services:
    services.config = config_module.replace(services.config, "online", base_url="")
    services.__dict__.pop("booking", None)
    return services


def _event(lines: list[str]) -> dict[str, str]:
    inside = lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("END:VEVENT")]
    fields = {}
    for line in inside:
        name, _, value = line.partition(":")
        fields.setdefault(name, value)
    return fields


def test_qr_of_a_booking_decodes_to_the_event(tmp_path, clock: Clock) -> None:
    services = _offline(build_services(tmp_path / "data", clock))
    office = services.booking
    person = office.people.add_person("Mme Benali", "enseignante", ["CM1"])
    start = dt.datetime(2026, 12, 1, 16, 45, tzinfo=ZoneInfo("Europe/Paris"))
    slot = office.slots.add_slot(person.id, start, 20, place="Salle 4, 1er étage; bâtiment B")
    booking = office.appointments.book(slot.id, child="Yusuf", child_class="CM1", language="tr")
    payload = office.calendar.booking_qr(booking, services.i18n.translator("tr"))
    image = qrcode.make(payload, error_correction=qrcode.constants.ERROR_CORRECT_M).get_image()
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert len(found) == 1
    text = found[0].text
    assert text == payload
    lines = ical.unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    event = _event(lines)
    assert event["DTSTART;TZID=Europe/Paris"] == "20261201T164500"
    assert event["DTEND;TZID=Europe/Paris"] == "20261201T170500"
    assert event["LOCATION"] == "Salle 4\\, 1er étage\\; bâtiment B"
    assert "UID" in event and "DTSTAMP" in event and "Mme Benali" in event["SUMMARY"]
    assert "BEGIN:VALARM" in lines and "TRIGGER:-P1D" in lines
    # The VTIMEZONE says +01:00 in December, so the start is 15:45 UTC.
    assert "TZOFFSETTO:+0100" in lines


def test_the_event_stays_in_the_code_even_with_an_online_address(
    demo_services: Services,
) -> None:
    """No page of a family's booking is published, so the QR never points online for it."""
    assert demo_services.config.online.base_url  # the demo school has an online address
    office = demo_services.booking
    person = office.people.add_person("Mme Ouali", "enseignante", ["CM1"])
    start = dt.datetime(2026, 12, 1, 16, 45, tzinfo=ZoneInfo("Europe/Paris"))
    booking = office.appointments.book(office.slots.add_slot(person.id, start, 20).id,
                                       child="Yusuf", child_class="CM1")
    payload = office.calendar.booking_qr(booking, demo_services.i18n.translator("fr"))
    assert payload.startswith("BEGIN:VCALENDAR")
    assert "DTSTART;TZID=Europe/Paris:20261201T164500" in payload.replace("\r\n ", "")
    assert demo_services.config.online.base_url not in payload
