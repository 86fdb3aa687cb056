"""Two processes race for the same 50 slots: each slot is booked exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk.services import Services
from tests.support import FROZEN_NOW
from tests.support.paths import ROOT

WORKER = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from pathlib import Path
    from kiosk.core import config
    from kiosk.booking.model import BookingRefused
    from kiosk.cli import DEMO_CONFIG
    from kiosk.services import open_services

    data, ids_file, go, name, now = sys.argv[1:6]
    services = open_services(config.load(DEMO_CONFIG), Path(data))
    frozen = dt.datetime.fromisoformat(now)
    services.clock = lambda: frozen
    slot_ids = json.loads(Path(ids_file).read_text())
    deadline = time.monotonic() + 120  # the parent starts every child first, then says go
    while not Path(go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.005)
    won, refused, other = [], 0, []
    for attempt in range(200):
        slot_id = slot_ids[attempt % len(slot_ids)]
        try:
            booking = services.booking.appointments.book(
                slot_id, child=f"Enfant {name} {chr(65 + attempt // 26)}{chr(65 + attempt % 26)}",
                child_class="CP")
            won.append(slot_id)
        except BookingRefused as exc:
            if exc.reason == "taken":
                refused += 1
            else:
                other.append(exc.reason)
    print(json.dumps({"won": won, "refused": refused, "other": other}))
    """
)


def test_two_processes_never_double_book(services: Services, tmp_path: Path) -> None:
    office = services.booking
    person = office.people.add_person("Mme Martin", "enseignante", ["CP"])
    start = FROZEN_NOW.replace(day=30, hour=8)
    import datetime as dt

    ids = [office.slots.add_slot(person.id, start + dt.timedelta(minutes=10 * i), 10).id
           for i in range(50)]
    ids_file = tmp_path / "ids.json"
    ids_file.write_text(json.dumps(ids))
    go = tmp_path / "go"
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    root = ROOT
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(services.data_dir), str(ids_file), str(go),
             name, FROZEN_NOW.isoformat()],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root,
        )
        for name in ("A", "B")
    ]
    go.write_text("go")
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    won = results[0]["won"] + results[1]["won"]
    assert sorted(won) == sorted(ids)  # every slot booked exactly once
    assert all(r["other"] == [] for r in results)
    assert all(len(r["won"]) + r["refused"] == 200 for r in results)
    stored = [b for b in office.appointments.bookings() if b.status == "booked"]
    assert sorted(b.slot_id for b in stored) == sorted(ids)
    assert len({b.code for b in stored}) == 50
