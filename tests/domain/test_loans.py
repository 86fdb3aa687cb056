"""Equipment loans (issue 19): the register from request to return, overdue loans, the purge of
personal details that never touches a loan still out, bad input, unique codes, the tickets."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from kiosk.booking.codes import is_code_shaped
from kiosk.booking.model import InputProblem, StaffError
from kiosk.core.config import RetentionSettings
from kiosk.services import Services
from kiosk.staff.help_requests import privacy_notice
from kiosk.staff.loans import Loan, LoanRegister
from tests.support import Clock, build_services


def ask(services: Services, name: str = "Nadia", device: str = "tablet") -> Loan:
    return services.loans.request(name=name, phone="06 12 34 56 78", language="ar",
                                  child_class="CE1", device=device)


def test_a_loan_from_request_to_return(services: Services, clock: Clock) -> None:
    loans = services.loans
    asked = loans.request(name="  Nadia ", phone="٠٦١٢٣٤٥٦٧٨", language="ar",
                          child_class="CE1", device="tablet")
    assert asked.status == "waiting" and asked.name == "Nadia"
    assert asked.phone == "06 12 34 56 78" and asked.language == "ar"
    assert is_code_shaped(asked.code) and loans.by_code(asked.code.lower()) == asked
    assert loans.waiting() == [asked] and loans.out() == []

    clock.advance(days=1)
    lent = loans.lend(asked.id, label=" tablette 3 ")
    assert lent.status == "out" and lent.label == "tablette 3"
    assert lent.out == services.today()
    assert lent.due == services.today() + dt.timedelta(days=services.config.loans.days)
    assert loans.waiting() == [] and [x.id for x in loans.out()] == [asked.id]
    with pytest.raises(StaffError):
        loans.lend(asked.id, label="4")  # already lent

    clock.advance(days=10)
    back = loans.mark_returned(asked.id)
    assert back.status == "returned" and back.returned == services.today()
    assert loans.out() == [] and back.name == "Nadia"  # kept until the retention period
    with pytest.raises(StaffError):
        loans.mark_returned(asked.id)
    again = build_services(services.data_dir, clock).loans  # a new process reads it back
    assert again.loan(asked.id) == back


def test_overdue_loans_come_first_and_show_on_the_dashboard(services: Services,
                                                            clock: Clock) -> None:
    loans = services.loans
    today = services.today()
    late = loans.lend_directly(name="Omar", phone="", device="computer", label="PC 2",
                               due=today + dt.timedelta(days=2))
    later = loans.lend_directly(name="Léa", phone="", device="tablet", label="7",
                                due=today + dt.timedelta(days=20))
    soon = loans.lend_directly(name="Sami", phone="", device="tablet", label="8",
                               due=today + dt.timedelta(days=5))
    ask(services)
    clock.advance(days=3)  # Omar's is overdue now, Sami's due in 2 days, Léa's in 17
    assert [x.id for x in loans.out()] == [late.id, soon.id, later.id]
    assert loans.out()[0].overdue(services.today())
    assert [x.id for x in loans.due_soon()] == [late.id, soon.id]
    figures = services.dashboard.gather(query_printer=False).loans
    assert figures is not None and figures.waiting == 1
    assert [(name, overdue) for name, _, _, overdue in figures.due] == [("Omar", True),
                                                                      ("Sami", False)]


def test_the_purge_erases_ended_loans_and_keeps_open_ones(services: Services,
                                                          clock: Clock) -> None:
    loans = services.loans
    keep = services.config.retention.loans_days
    returned = loans.lend_directly(name="Nadia", phone="0612345678", device="tablet",
                                   label="1")
    still_out = loans.lend_directly(name="Omar", phone="0612345679", device="computer",
                                    label="2", due=services.today() + dt.timedelta(days=300))
    unanswered = ask(services, "Sami")
    loans.mark_returned(returned.id)
    clock.advance(days=keep - 1)
    assert services.retention.purge().loans == 0  # not yet
    recent = ask(services, "Léa")
    clock.advance(days=2)
    report = services.retention.purge()
    assert report.loans == 2 and "2 prêt(s)" in report.describe()
    by_id = {x.id: x for x in loans.all()}
    assert by_id[returned.id].name == "" and by_id[returned.id].phone == ""
    assert by_id[returned.id].erased and by_id[returned.id].label == "1"  # counts stay
    assert by_id[unanswered.id].name == "" and by_id[unanswered.id].status == "cancelled"
    assert by_id[still_out.id].name == "Omar" and by_id[still_out.id].phone  # never erased
    assert by_id[recent.id].name == "Léa"
    assert services.retention.purge().loans == 0  # nothing twice
    clock.advance(days=400)  # a loan out long overdue is still kept
    services.retention.purge()
    assert loans.loan(still_out.id).name == "Omar"


def test_bad_input_says_why_and_keeps_nothing(services: Services) -> None:
    loans = services.loans
    for name, phone, child_class, device, message in (
        ("", "", "CE1", "tablet", "Écrivez le prénom."),
        ("N4dia", "", "CE1", "tablet", "Un prénom s'écrit avec des lettres seulement."),
        ("Nadia", "06 12", "CE1", "tablet", "Ce numéro de téléphone n'est pas complet."),
        ("Nadia", "", " \x1b ", "tablet", "Choisissez la classe."),
        ("Nadia", "", "CE1", "phone", "Choisissez le matériel."),
    ):
        with pytest.raises(InputProblem) as problem:
            loans.request(name=name, phone=phone, language="fr", child_class=child_class,
                          device=device)
        assert problem.value.message.startswith(message)
    assert loans.all() == []
    asked = loans.request(name="Na\x1bdia\x07", phone="", language="../../x",
                          child_class="CE1\nCE2" + "x" * 50, device="computer")
    assert asked.name == "Nadia"
    assert asked.language == "fr" and "\n" not in asked.child_class
    assert len(asked.child_class) <= 30
    with pytest.raises(StaffError, match="numéro"):
        loans.lend(asked.id, label="   ")
    with pytest.raises(StaffError, match="passée"):
        loans.lend(asked.id, label="3", due=services.today() - dt.timedelta(days=1))
    with pytest.raises(StaffError):
        loans.lend_directly(name="", phone="", device="tablet", label="3")
    with pytest.raises(StaffError):
        loans.cancel("no-such-loan")
    assert [x.status for x in loans.all()] == ["waiting"]


def test_codes_are_unique_among_loans(services: Services,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.booking import codes

    first = ask(services)
    # The next draws give the first code twice, then a new one: the new one is kept.
    chars = iter(first.code + first.code + "ZZZ222")
    monkeypatch.setattr(codes.secrets, "choice", lambda alphabet: next(chars))
    second = ask(services, "Omar")
    assert second.code == "ZZZ222" != first.code
    monkeypatch.undo()
    many = {ask(services, "Léa").code for _ in range(30)}
    assert len(many) == 30 and not many & {first.code, second.code}


def test_open_loans_continue_into_the_next_school_year(tmp_path: Path, clock: Clock) -> None:
    services = build_services(tmp_path / "data", clock)
    loans = services.loans
    out = loans.lend_directly(name="Nadia", phone="", device="tablet", label="1",
                              due=services.today() + dt.timedelta(days=300))
    waiting = ask(services, "Omar")
    done = ask(services, "Léa")
    loans.cancel(done.id)
    clock.advance(days=260)  # 10 August: a new school year
    assert services.school_year() != "2026-2027"
    fresh = LoanRegister(services.store, services.now)
    assert {x.id for x in fresh.all()} == {out.id, waiting.id}
    assert fresh.by_code(out.code) is not None


def test_the_privacy_notice_and_the_tickets_say_it(services: Services) -> None:
    tr = services.i18n.translator("fr")
    text = " ".join(privacy_notice(tr, services.config))
    days = services.config.retention.loans_days
    assert "Pour un prêt de matériel" in text and f"{days} jours après le retour" in text
    one = dataclasses.replace(services.config, retention=RetentionSettings(loans_days=1))
    assert "effacés 1 jour après le retour" in " ".join(privacy_notice(tr, one))

    from kiosk.tickets import loan_slip_ticket, loan_ticket

    context = services.ticket_context
    ticket = loan_ticket(context, "ar", name="Nadia", device="Une tablette",
                         child_class="CE1", code="K7M2QX", qr=None)
    arabic = services.i18n.translator("ar")
    assert ticket.kind == "loan" and ticket.qr is None
    assert arabic("Une tablette") in "\n".join(t.text for t in ticket.lines)
    french = "\n".join(t.text for t in ticket.french)
    assert "Matériel : Une tablette" in french and "Votre code : K7M2QX" in french
    today = services.today()
    slip = loan_slip_ticket(context, "uk", name="Nadia", device="tablette 3", out=today,
                            due=today + dt.timedelta(days=30))
    texts = slip.texts()
    assert slip.kind == "loan_slip" and "Famille : Nadia" in texts
    assert services.i18n.translator("uk")(
        "Ce matériel est prêté par l'école. Je le rendrai en bon état à la date prévue."
    ) in texts
    assert sum("Signature" in t for t in texts) == 2


def test_kiosk_loans_list(services: Services, capsys: pytest.CaptureFixture[str],
                          tmp_path: Path) -> None:
    from kiosk.commands.loans import list_loans

    ask(services)
    services.loans.lend_directly(name="Omar", phone="", device="computer", label="PC 2")
    assert list_loans(argparse.Namespace(csv=None), services) == 0
    out = capsys.readouterr().out
    assert "Nadia" in out and "demande en attente" in out and "ordinateur PC 2" in out
    target = tmp_path / "loans.csv"
    assert list_loans(argparse.Namespace(csv=target), services) == 0
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Code;État;Prénom") and len(lines) == 3
    assert list_loans(argparse.Namespace(csv=tmp_path), services) == 1  # a folder
