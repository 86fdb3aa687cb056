"""Borrowing a tablet or a computer (issue 19), by keys only: Help → 4 → the device → the form →
the code and its ticket; the questionnaire's thanks screen offers it too (key 4). The staff's
register: lend (the slip is printed), returned, and the purge of the family's details."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static

from kiosk.services import Services
from kiosk.staff.help_requests import loan_notice
from screens.help import HelpScreen
from screens.loan import LoanDeviceScreen, LoanDoneScreen, LoanFormScreen
from screens.widgets import BigButton, Notice, Paragraph
from tests.support import Clock, click, press, screen_text, settle, start_at, wait_for

NEEDS_HELP = {"D_INTERNET": "none", "D_DEVICES": ["smartphone"], "D_EASE": "a_little"}


def texts(app: Any) -> str:
    found = [p.text for p in app.screen.query(Paragraph)]
    found += [str(n.render()) for n in app.screen.query(Notice) if n.display]
    return "\n".join(found)


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_a_loan_request_by_keys_from_help(make_app: Callable[..., Any],
                                                demo_services: Services, lang: str) -> None:
    app = make_app()
    tr = demo_services.i18n.translator(lang)
    async with start_at(app, HelpScreen, language=lang) as pilot:
        await press(pilot, "4")  # Help: borrow a tablet or a computer
        assert isinstance(app.screen, LoanDeviceScreen)
        assert loan_notice(tr, demo_services.config) in texts(app)  # what is kept, how long
        await press(pilot, "1")  # a tablet
        form = app.screen
        assert isinstance(form, LoanFormScreen)
        assert app.focused is form.query_one("#name", Input)
        # Nothing typed: Enter goes to the classes, Enter chooses the first and goes to the
        # phone, Enter sends: refused in the parent's language, back to the name.
        await press(pilot, "enter", "enter", "enter")
        assert app.screen is form
        assert tr("Écrivez le prénom.") in texts(app)
        assert app.focused is form.query_one("#name", Input)
        await press(pilot, *"Nadia")
        await press(pilot, "enter")  # → the classes
        assert app.focused is form.query_one("#class-0")
        await press(pilot, "enter")  # the first class → the phone
        assert app.focused is form.query_one("#phone", Input)
        await press(pilot, *"0612", "enter")  # not complete: said, nothing lost
        assert app.screen is form
        assert form.query_one("#name", Input).value == "Nadia"
        await press(pilot, *"345678", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LoanDoneScreen))
        done = app.screen
        assert isinstance(done, LoanDoneScreen)
        loan = done.loan
        assert loan.status == "waiting" and loan.device == "tablet" and loan.language == lang
        assert loan.phone == "06 12 34 56 78" and loan.name == "Nadia"
        shown = str(done.query_one("#loan-code", Static).render())
        assert shown.replace(" ", "") == loan.code
        assert tr("Votre demande de prêt est enregistrée.") in texts(app)
        assert [x.id for x in demo_services.loans.waiting()] == [loan.id]
        await press(pilot, "1")  # my ticket: shown and printed
        await wait_for(pilot, lambda: bool(demo_services.printing.jobs()))
        job = demo_services.printing.jobs()[0]
        assert job.kind == "loan" and job.language == lang
        await press(pilot, "escape")  # back to the code
        assert app.screen is done
        await press(pilot, "escape")  # finished: Escape goes Home
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.session.draft("loan") == {}


async def test_the_thanks_screen_offers_a_loan(make_app: Callable[..., Any],
                                               demo_services: Services) -> None:
    from screens.questionnaire import ThanksScreen

    app = make_app()
    orientation = demo_services.orientation.orientation_for(NEEDS_HELP, "tr")
    assert orientation.needs_help
    async with start_at(app, lambda c: ThanksScreen(c, orientation), language="tr") as pilot:
        tr = demo_services.i18n.translator("tr")
        button = app.screen.query_one("#q-loan-ask", BigButton)
        assert button.text == tr("Emprunter une tablette ou un ordinateur") != \
            "Emprunter une tablette ou un ordinateur"
        await press(pilot, "4")
        assert isinstance(app.screen, LoanDeviceScreen)
        await press(pilot, "2")  # a computer
        assert isinstance(app.screen, LoanFormScreen)
        assert tr("Un ordinateur") == "Bilgisayar" and "Bilgisayar" in texts(app)
        assert app.session.draft("loan")["device"] == "computer"


async def test_the_thanks_screen_without_need_has_no_loan_button(
        make_app: Callable[..., Any], demo_services: Services) -> None:
    from screens.questionnaire import ThanksScreen

    app = make_app()
    orientation = demo_services.orientation.orientation_for({}, "fr")
    async with start_at(app, lambda c: ThanksScreen(c, orientation), language="fr") as pilot:
        assert not app.screen.query("#q-loan-ask")
        await press(pilot, "4")  # means nothing here
        assert isinstance(app.screen, ThanksScreen)


async def test_staff_lend_return_and_purge(make_app: Callable[..., Any],
                                           demo_services: Services, clock: Clock) -> None:
    from screens.staff.loans import LoansStaffScreen

    loans = demo_services.loans
    asked = loans.request(name="Nadia", phone="0612345678", language="uk",
                          child_class="CE1", device="tablet")
    app = make_app()
    async with start_at(app, LoansStaffScreen, staff=True, size=(120, 50)) as pilot:
        screen = app.screen
        requests = screen.query_one("#loan-requests", DataTable)
        await wait_for(pilot, lambda: requests.row_count == 1)
        screen.query_one("#loan-label", Input).value = "tablette 3"
        await pilot.click("#loan-lend")
        await settle(pilot)
        await wait_for(pilot, lambda: screen.query_one("#loans-out", DataTable).row_count == 1)
        lent = loans.loan(asked.id)
        assert lent is not None and lent.status == "out" and lent.label == "tablette 3"
        jobs = demo_services.printing.jobs()
        assert [j.kind for j in jobs] == ["loan_slip"]  # the slip to sign
        assert "Fiche de prêt" in screen_text(app) and requests.row_count == 0
        await pilot.click("#loan-slip")  # printed again
        await wait_for(pilot, lambda: len(demo_services.printing.jobs()) == 2)
        await pilot.click("#loan-returned")
        await settle(pilot)
        await wait_for(pilot, lambda: screen.query_one("#loans-out", DataTable).row_count == 0)
        back = loans.loan(asked.id)
        assert back is not None and back.status == "returned" and back.name == "Nadia"
        assert "Matériel rendu." in screen_text(app)
    clock.advance(days=demo_services.config.retention.loans_days + 1)
    assert demo_services.retention.purge().loans == 1
    gone = loans.loan(asked.id)
    assert gone is not None and gone.name == "" and gone.phone == "" and gone.erased


async def test_the_staff_home_shows_loans_due_and_opens_the_register(
        make_app: Callable[..., Any], demo_services: Services, clock: Clock) -> None:
    import datetime as dt

    from screens.staff.loans import LoansStaffScreen

    loans = demo_services.loans
    loans.lend_directly(name="Omar", phone="", device="computer", label="PC 2",
                        due=demo_services.today() + dt.timedelta(days=1))
    loans.request(name="Nadia", phone="", language="ar", child_class="CE1", device="tablet")
    clock.advance(days=2)  # Omar's computer is overdue
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await app.open_staff_area()
        await settle(pilot)
        part = app.screen.query_one("#dashboard-loans", Static)
        await wait_for(pilot, lambda: "Prêts à rendre" in str(part.render()))
        shown = str(part.render())
        assert "Omar — ordinateur PC 2 — EN RETARD" in shown
        assert "Demandes de prêt en attente : 1." in shown
        await click(pilot, "#staff-loans")
        await settle(pilot)
        assert isinstance(app.screen, LoansStaffScreen)
