"""Staff: a workshop's translation status, its French changed (translations to review), and a
translation written on its screen (Pilot, French)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import DataTable, Input, Static

from kiosk.core.school_texts import Status
from kiosk.services import Services
from screens.staff import workshops as workshop_staff
from tests.support import click, settle, wait_for

SIZE = (120, 50)


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_status_edit_and_translate_a_workshop(make_app: Any,
                                                    demo_services: Services) -> None:
    workshops = demo_services.booking.workshops
    start = demo_services.now() + dt.timedelta(days=2)
    workshop = workshops.add_workshop("Atelier photos", start, 60, "Salle 1", 6,
                                      description="Envoyer une photo.")
    workshops.translate(workshop.id, "ar", title="ورشة الصور", description="إرسال صورة.",
                        place="القاعة 1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.open_staff_area()
        await settle(pilot)
        await pilot.app.push_screen(workshop_staff.WorkshopsStaffScreen(app.screen_context))
        await settle(pilot)
        table = app.screen.query_one("#workshops-table", DataTable)
        await wait_for(pilot, lambda: table.row_count > 0)
        row = [str(cell) for cell in table.get_row(workshop.id)]
        assert "✗ 10" in row  # Arabic done, 10 languages missing
        await pilot.app.push_screen(workshop_staff.WorkshopStaffScreen(app.screen_context,
                                                                       workshop.id))
        await settle(pilot)
        await wait_for(pilot, lambda: "ar ✔" in shown(app, "#workshop-translations"))
        assert "zh ✗" in shown(app, "#workshop-translations")
        assert app.screen.query_one("#f-place", Input).value == "Salle 1"
        # The French changes: the Arabic translation is to review.
        app.screen.query_one("#f-place", Input).value = "Salle 2"
        await click(pilot, "#workshop-edit")
        await wait_for(pilot, lambda: "ar ↻" in shown(app, "#workshop-translations"))
        assert workshops.workshop(workshop.id).place == "Salle 2"  # type: ignore[union-attr]
        # Choosing a language shows its stored translation; saving it makes it current.
        app.screen.query_one("#t-lang", Input).value = "ar"
        await settle(pilot)
        assert app.screen.query_one("#t-title", Input).value == "ورشة الصور"
        app.screen.query_one("#t-place", Input).value = "القاعة 2"
        await click(pilot, "#translation-save")
        await wait_for(pilot, lambda: "ar ✔" in shown(app, "#workshop-translations"))
        stored = workshops.workshop(workshop.id)
        assert stored is not None and stored.status("ar") is Status.TRANSLATED
        assert stored.translations["ar"].place == "القاعة 2"
        # A language the kiosk does not have is refused, nothing written.
        app.screen.query_one("#t-lang", Input).value = "de"
        await click(pilot, "#translation-save")
        await wait_for(pilot, lambda: "⚠" in shown(app, "#staff-status"))
        assert "de" not in workshops.workshop(workshop.id).translations  # type: ignore[union-attr]
