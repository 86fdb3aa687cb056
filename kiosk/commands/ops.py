"""Operations: backup and restore, the retention purge, serving the kiosk to a browser, and
the audit log's export."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import (
    DEMO_CONFIG,
    Commands,
    UsageError,
    resolve_config_path,
    resolve_data_dir,
)
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.services import Services


def register(commands: Commands) -> None:
    parser = commands.add(
        "backup",
        backup,
        help="save the configuration and all data in one archive",
        description=(
            "Writes one zip archive with the configuration file, every school year's data and "
            "the lasting files (print queue, audit log, staff PIN), with a manifest of "
            "checksums. Safe while the kiosk runs: each file is copied under its lock."
        ),
    )
    parser.add_argument("--out", metavar="FILE", type=Path, required=True,
                        help="the archive to write, e.g. sauvegarde-2026-11-23.zip")

    parser = commands.add(
        "restore",
        restore,
        help="replace the data (and, with --with-config, the configuration) by a backup",
        description=(
            "Checks the whole archive first (a damaged, truncated or oversized archive is "
            "refused and nothing changes), then swaps the data folder for the archive's "
            "content in one step. The previous data folder is kept aside as "
            "<folder>.before-restore-<time>. The archive's configuration is applied only with "
            "--with-config, after it is validated like any kiosk.toml; the previous file is "
            "kept as kiosk.toml.before-restore-<time>. Stop the kiosk first if you can."
        ),
        needs_services=False,
    )
    parser.add_argument("archive", metavar="FILE", type=Path)
    parser.add_argument("--with-config", action="store_true",
                        help="also restore the archive's configuration file (into --config, "
                             "else the platform's configuration file)")
    # Before --with-config existed the configuration was restored unless --data-only: that
    # is now the default, and the old option is still accepted.
    parser.add_argument("--data-only", action="store_true", help=argparse.SUPPRESS)

    parser = commands.add(
        "purge",
        purge,
        help="erase personal details past the retention period now",
        description=(
            "Erases the names and phone numbers of bookings and workshop registrations whose "
            "meeting or workshop is older than [retention] bookings_days (or than --before), "
            "keeping the anonymous figures; forgets help requests and audit entries past "
            "their periods. The kiosk also does this at start and every day."
        ),
    )
    parser.add_argument("--before", metavar="DATE", type=_date,
                        help="erase personal details of events before this day (YYYY-MM-DD)")

    export = commands.group("export", help="export data")
    parser = export.add("audit", export_audit, help="the staff audit log (CSV or JSON)")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--out", metavar="FILE", type=Path, required=True)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01"
        ) from None


# --- backup / restore ---------------------------------------------------------------------------


def backup(args: argparse.Namespace, services: Services) -> int:
    from kiosk.staff.backup import BackupError, make_backup

    try:
        summary = make_backup(
            services.store,
            services.config.source,
            Path(args.out),
            now=services.now(),
            school=services.config.school.name,
        )
    except BackupError as exc:
        raise UsageError(str(exc)) from None
    services.audit.record("backup", f"Sauvegarde écrite dans {summary.archive}")
    years = ", ".join(summary.years) or "aucune"
    print(f"Sauvegarde écrite : {summary.archive}")
    print(f"  {summary.files} fichiers de données ({summary.size} octets), années : {years}")
    print("  configuration incluse" if summary.has_config
          else "  pas de fichier de configuration (réglages par défaut)")
    return 0


def restore(args: argparse.Namespace, services: None) -> int:
    from kiosk.core import config as config_module
    from kiosk.core.audit import AuditLog
    from kiosk.core.store import StorageError, Store
    from kiosk.staff.backup import BackupError
    from kiosk.staff.restore import restore as restore_archive

    config_path = resolve_config_path(args)
    try:
        config = config_module.load(config_path)
    except config_module.ConfigError:
        # A broken configuration must not prevent restoring a good one.
        if args.data_dir is None and not args.demo:
            raise
        config = config_module.Config()
    data_dir = resolve_data_dir(args, config.kiosk.data_dir)
    if not args.with_config:
        config_target = None
    elif config_path is not None and config_path == DEMO_CONFIG:
        raise UsageError("--with-config: the demo school's configuration file is never "
                         "overwritten; give --config FILE")
    else:
        config_target = config_path or config_module.default_config_path()
    now = dt.datetime.now(config.tz)
    try:
        result = restore_archive(Path(args.archive), data_dir, config_target, now=now)
    except BackupError as exc:
        raise UsageError(str(exc)) from None
    print(f"Restauration faite dans {result.data_dir}")
    print(f"  sauvegarde du {result.summary.created or '?'}, {result.summary.files} fichiers")
    if result.previous_data is not None:
        print(f"  les données d'avant sont gardées dans {result.previous_data}")
    if result.config_written is not None:
        print(f"  configuration écrite dans {result.config_written}")
        if result.previous_config is not None:
            print(f"  l'ancienne configuration est gardée dans {result.previous_config}")
    elif result.summary.has_config:
        where = config_path or config_module.default_config_path()
        print("  la configuration de l'archive n'a pas été appliquée (ajoutez --with-config "
              f"pour l'écrire dans {where})")
    try:
        store = Store(data_dir, config.school_year(now.date()))
        AuditLog(store.lasting_file("audit"), lambda: dt.datetime.now(config.tz)).record(
            "restore", f"Données restaurées depuis {Path(args.archive).resolve()}"
        )
    except StorageError as exc:  # pragma: no cover - the restore itself succeeded
        print(f"  (le journal n'a pas pu être complété : {exc})", file=sys.stderr)
    return 0


# --- purge ------------------------------------------------------------------------------------


def purge(args: argparse.Namespace, services: Services) -> int:
    if args.before is not None and args.before > services.today():
        raise UsageError(
            f"--before {args.before.isoformat()} is in the future: personal details of "
            "meetings still to come cannot be erased."
        )
    report = services.retention.purge(before=args.before, always_record=True)
    print(f"Purge faite : {report.describe()}.")
    if report.bookings is None:
        print("  (le module des rendez-vous n'est pas installé : aucune réservation à purger)")
    return 0


# --- export audit -----------------------------------------------------------------------------


def export_audit(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.audit import export_entries
    from kiosk.core.store import write_atomically

    out = Path(args.out)
    entries = services.audit.entries()
    try:
        write_atomically(out, export_entries(entries, args.format))
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    count = len(entries)
    print(f"{count} entrées écrites dans {out}")
    record_done(services, "export", f"Journal exporté ({args.format}, {count} entrées) : {out}")
    return 0
