"""Staff: the settings safe to change at the desk (idle time, languages), and a printer test.

Saved to the configuration file with the same checks as at start (:mod:`kiosk.staff.settings`), then
applied to the running kiosk at once.
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Static

from kiosk.core.config import Config, ConfigError
from kiosk.core.store import StorageError
from kiosk.staff import settings
from screens.messages import SettingsChanged, tell
from screens.staff.base import StaffScreen
from screens.widgets import literal


class SettingsScreen(StaffScreen):
    """Idle time, languages offered, languages read aloud, printer test."""

    TITLE_TEXT = "Réglages"

    def compose_body(self) -> ComposeResult:
        config = self.context.config
        target = settings.settings_file(config)
        if not target.writable:
            where = (
                "Mode démonstration : les changements s'appliquent à ce kiosque jusqu'à sa "
                f"fermeture, sans être enregistrés ({target.path} est livré avec le logiciel)."
            )
        elif target.exists:
            where = f"Les réglages sont enregistrés dans {target.path} (copie de l'ancien : .bak)."
        else:
            where = (
                "Le kiosque utilise les réglages par défaut. Le fichier de configuration sera "
                f"créé à la première sauvegarde : {target.path}"
            )
        yield Static(literal(where), id="settings-file", classes="settings-note")
        yield Static(
            literal(
                "Délai d'inactivité avant « Êtes-vous encore là ? » "
                "(en secondes, de 10 à 3600 ; plus long que le compte à rebours de "
                f"{config.kiosk.idle_countdown} s) :"
            ),
            classes="settings-label",
        )
        yield Input(str(config.kiosk.idle_timeout), id="settings-idle", type="integer",
                    max_length=5, compact=True)
        yield Static(literal("Langues proposées aux parents :"), classes="settings-label")
        with Vertical(id="settings-languages"):
            for lang in settings.available_languages():
                yield Checkbox(
                    literal(f"{lang.code} — {self.context.display(lang.native_name)}"),
                    value=lang.code in config.kiosk.languages,
                    id=f"lang-{lang.code}",
                    classes="settings-language",
                    compact=True,
                )
        yield Static(
            literal("Lire chaque nouvel écran à voix haute dans ces langues (codes séparés par "
                    "des espaces, par exemple : ar tr ; vide : aucune) :"),
            classes="settings-label",
        )
        yield Input(" ".join(config.audio.auto_read), id="settings-auto-read", max_length=60,
                    compact=True)
        with Horizontal(id="settings-actions"):
            yield Button(literal("Enregistrer"), id="settings-save", variant="primary")
            yield Button(literal("Tester l'imprimante"), id="settings-printer-test")
        yield Static(literal(""), id="settings-status", classes="settings-status")

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#settings-status", Static)
        status.update(literal(text))
        status.set_class(error, "-error")

    # -- save ----------------------------------------------------------------------------------

    def chosen(self) -> tuple[str, list[str]]:
        """(idle timeout text, languages ticked in order)."""
        idle = self.query_one("#settings-idle", Input).value.strip()
        codes = [
            (box.id or "").removeprefix("lang-")
            for box in self.query(".settings-language").results(Checkbox)
            if box.value
        ]
        return idle, codes

    @on(Button.Pressed, "#settings-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        idle, codes = self.chosen()
        if not idle.isdigit():
            self._status("Le délai d'inactivité doit être un nombre entier de secondes.",
                         error=True)
            return
        if not codes:
            self._status("Cochez au moins une langue.", error=True)
            return
        auto_read = self.query_one("#settings-auto-read", Input).value.replace(",", " ").split()
        self._status("Enregistrement…")
        self._save({"kiosk": {"idle_timeout": int(idle), "languages": codes},
                    "audio": {"auto_read": auto_read}})

    @work(thread=True, exclusive=True, group="settings-save")
    def _save(self, changes: dict[str, dict[str, Any]]) -> None:
        services = self.context
        try:
            new = settings.save(services.config, changes)
        except ConfigError as exc:
            self.app.call_from_thread(
                self._status, f"Réglage refusé, rien n'a été changé : {exc.describe()}",
                error=True)
            return
        except OSError as exc:
            self.app.call_from_thread(
                self._status,
                f"Le fichier n'a pas pu être écrit ({exc.strerror or exc}) ; rien n'a été "
                "changé.", error=True)
            return
        # The settings were saved even if the log cannot be written (storage problems are
        # shown on the dashboard).
        with contextlib.suppress(StorageError):
            services.audit.record(
                "settings",
                f"Réglages : inactivité {new.kiosk.idle_timeout} s, langues "
                f"{', '.join(new.kiosk.languages)}, lecture automatique "
                f"{', '.join(new.audio.auto_read) or 'aucune'}",
            )
        self.app.call_from_thread(self._applied, new)

    def _applied(self, new: Config) -> None:
        tell(self, SettingsChanged(new))  # the app applies them to the running kiosk
        target = settings.settings_file(new)
        saved = "appliqués à ce kiosque" if not target.writable else (
            f"enregistrés dans {target.path} et appliqués")
        self._status(f"Réglages {saved}.")

    # -- printer test --------------------------------------------------------------------------

    @on(Button.Pressed, "#settings-printer-test")
    def printer_test_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._status("Impression d'un ticket de test…")
        self._printer_test()

    @work(thread=True, exclusive=True, group="settings-printer")
    def _printer_test(self) -> None:
        services = self.context
        printing: Any = getattr(services, "printing", None)
        if not hasattr(printing, "print_test"):
            self.app.call_from_thread(
                self._status, "L'impression n'est pas disponible sur ce kiosque.", error=True)
            return
        try:
            outcome, warnings, status = printing.print_test()
        except Exception as exc:  # a printer can fail in many ways; say it, never crash
            self.app.call_from_thread(
                self._status, f"Le test d'impression a échoué : {exc}", error=True)
            return
        said = {
            "printed": "Ticket de test imprimé.",
            "preview": "Pas d'imprimante configurée : ticket de test en aperçu seulement"
                       + (f" ({outcome.preview})." if outcome.preview else "."),
            "queued": "L'imprimante ne répond pas : le ticket de test attend dans la file "
                      "d'impression.",
            "failed": "Le test d'impression a échoué.",
        }.get(outcome.status, outcome.status)
        lines = [said]
        if outcome.error:
            lines.append(f"Erreur : {outcome.error}")
        if status:
            lines.append(f"État de l'imprimante : {status}")
        lines += [f"⚠ {w}" for w in warnings]
        self.app.call_from_thread(self._status, "\n".join(lines),
                                  error=outcome.status in ("queued", "failed"))
