"""Printer commands: ``kiosk print-test`` and ``kiosk print-queue``."""

from __future__ import annotations

import argparse
import dataclasses
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError

if TYPE_CHECKING:
    from kiosk.printing.service import PrintService
    from kiosk.services import Services


#: The tickets `kiosk print-test --kind` prints.
PRINT_TEST_KINDS = ("test", "booking", "workshop", "waitlist", "questionnaire", "announcement",
                    "guide", "login_card", "lexique", "pret", "pret_fiche")


def register(commands: Commands) -> None:
    parser = commands.add(
        "print-test",
        print_test,
        help="print (or preview) a test ticket, or a sample ticket of any kind and language",
        description=(
            "Prints a test ticket with a line in every enabled language, special characters "
            "and a QR code, on the configured printer or the one given with --printer, and "
            "reports the printer's status when it can tell. Missing fonts are reported. "
            "With --kind, prints instead a realistic ticket of that kind from the demo school "
            "in the language --lang, so that a school can check its own printer with a real "
            "ticket in each language. "
            "Printer forms: preview, network:HOST:PORT, usb:VENDOR:PRODUCT, "
            "serial:DEVICE[:BAUD], file:PATH, cups:QUEUE."
        ),
    )
    parser.add_argument("--printer", metavar="SPEC", help="printer to use instead of [printer]")
    parser.add_argument("--profile", metavar="NAME", help="python-escpos printer profile")
    parser.add_argument("--timeout", metavar="SECONDS", type=float, help="network timeout")
    parser.add_argument("--kind", choices=PRINT_TEST_KINDS, default="test",
                        help="which ticket: " + ", ".join(PRINT_TEST_KINDS) + " (default: test)")
    parser.add_argument("--lang", metavar="CODE", default="fr",
                        help="the parent's language of the sample ticket (default: fr)")
    parser.add_argument("--paper-width", metavar="MM", type=int, choices=(58, 80),
                        help="paper roll width in millimetres, 58 or 80 (default: [printer])")

    parser = commands.add(
        "print-queue",
        print_queue,
        help="list the print queue; retry, reprint or cancel tickets",
        description=(
            "Without options, lists the latest print jobs. --retry sends the pending jobs "
            "again; --reprint N prints job N again, marked DUPLICATA; --cancel N drops a "
            "pending job."
        ),
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--retry", action="store_true", help="send the pending jobs again")
    group.add_argument("--reprint", metavar="N", type=int, help="print job N again (duplicate)")
    group.add_argument("--cancel", metavar="N", type=int, help="cancel pending job N")


def _service(args: argparse.Namespace, services: Services) -> PrintService:
    from kiosk.printing.spec import PrinterSpecError, parse_printer

    settings = services.config.printer
    changes: dict[str, object] = {}
    if getattr(args, "printer", None) is not None:
        changes["printer"] = args.printer
    if getattr(args, "profile", None) is not None:
        changes["profile"] = args.profile
    if getattr(args, "timeout", None) is not None:
        if not 0.5 <= args.timeout <= 60:
            raise UsageError("--timeout: a number of seconds between 0.5 and 60")
        changes["timeout"] = float(args.timeout)
    if getattr(args, "paper_width", None) is not None:
        changes["paper_width"] = int(args.paper_width)
    if changes:
        settings = dataclasses.replace(settings, **changes)  # type: ignore[arg-type]
    try:
        parse_printer(settings.printer, settings.profile)
    except PrinterSpecError as exc:
        from kiosk.printing.problems import problem
        from kiosk.printing.spec import SPEC_FORMS

        forms = "\n  ".join(SPEC_FORMS)
        raise UsageError(f"{problem('config', exc.spec).message}\nFormes acceptées :\n"
                         f"  {forms}") from None
    if not changes:
        return services.printing
    return services.printing.with_settings(settings)


def print_test(args: argparse.Namespace, services: Services) -> int:
    from kiosk.tickets import sample_ticket

    printing = _service(args, services)
    if args.lang not in services.i18n.codes:
        raise UsageError(f"--lang: {args.lang!r} is not an enabled language "
                         f"({', '.join(services.i18n.codes)})")
    ticket = sample_ticket(printing.tickets, args.kind, args.lang)
    outcome, warnings, status = printing.print_test(ticket)
    for warning in warnings:
        print(f"ATTENTION : {warning}")
    spec = printing.spec
    where = spec.describe() if not isinstance(spec, Exception) else printing.settings.printer
    if outcome.status == "printed":
        print(f"Ticket de test n° {outcome.job} imprimé sur {where}.")
        if status:
            print(f"État de l'imprimante : {status}")
    elif outcome.status == "preview":
        print(f"Aperçu du ticket de test n° {outcome.job} : {outcome.preview}")
        print(f"Version texte : {outcome.text}")
    elif outcome.status == "queued":
        print(f"Le ticket de test n° {outcome.job} n'est pas imprimé (il ne sera pas réessayé).")
        print(outcome.error)
        print(f"Aperçu : {outcome.preview}")
        print(_log_hint(services))
        return 1
    else:
        print(f"Le ticket de test n'est pas imprimé. {outcome.error}".strip())
        print(_log_hint(services))
        return 1
    return 1 if warnings else 0


def print_queue(args: argparse.Namespace, services: Services) -> int:
    printing = services.printing
    if args.retry:
        pending = printing.pending_count()
        printed = printing.retry_pending()
        print(f"{printed} ticket(s) imprimé(s) sur {pending} en attente.")
        if printed == pending:
            return 0
        waiting = printing.queue.pending()
        if waiting and waiting[0].error:
            print(waiting[0].error)
        return 1
    if args.reprint is not None:
        outcome = printing.reprint(args.reprint)
        if outcome.status == "failed":
            raise UsageError(outcome.error or f"ticket n° {args.reprint} introuvable")
        print(f"Duplicata du ticket n° {args.reprint} : ticket n° {outcome.job}, "
              f"{_STATUS.get(outcome.status, outcome.status)}.")
        return 0
    if args.cancel is not None:
        if not printing.cancel(args.cancel):
            raise UsageError(f"le ticket n° {args.cancel} n'est pas en attente")
        print(f"Ticket n° {args.cancel} annulé.")
        return 0
    jobs = printing.jobs(limit=50)
    if not jobs:
        print("La file d'impression est vide.")
        return 0
    for job in jobs:
        dup = f" duplicata de {job.duplicate_of}" if job.duplicate_of else ""
        print(f"{job.number:>6}  {job.created[:16].replace('T', ' ')}  "
              f"{_STATUS.get(job.status, job.status):<11} {job.kind:<18} {job.language:<3}"
              f"{dup}")
        if job.status == "pending" and job.error:
            print(f"        {job.error}")
    return 0


def _log_hint(services: Services) -> str:
    return f"(Détail technique : {services.data_dir / 'logs' / 'kiosk.log'})"


_STATUS = {
    "pending": "en attente",
    "printed": "imprimé",
    "preview": "aperçu",
    "cancelled": "annulé",
    "queued": "en attente",
}
