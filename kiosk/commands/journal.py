"""The audit-log line a staff command writes once its work is done."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.services import Services


def record_done(services: Services, action: str, detail: str) -> bool:
    """Write `action` to the audit log after the command did what was asked (a file exported…).

    When the log cannot be written (a damaged ``audit.json`` set aside, a full disk), the
    command's own work stands: this says which file on standard error and returns False, and
    the command still ends with status 0.
    """
    from kiosk.core.store import StorageError

    try:
        services.audit.record(action, detail)
    except StorageError as exc:
        print(f"kiosk: c'est fait, mais le journal des actions ({services.audit.path}) n'a pas "
              f"pu être complété : {exc}", file=sys.stderr)
        return False
    return True
