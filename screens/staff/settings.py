"""Staff: the settings safe to change at the desk (idle time, languages, families per category
for the questionnaire's response rates), and a printer test.

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
    """Idle time, languages offered, languages read aloud, families per category, printer test."""

    TITLE_TEXT = "Réglages"
    DEFAULT_CSS = """
    .settings-family { height: auto; }
    .settings-family-label { width: 44; padding: 0 1 0 2; }
    .settings-family-input { width: 10; }
    """

    def family_boxes(self) -> list[tuple[str, str, str]]:
        """(question id, answer id, label) of every category of the questionnaire."""
        try:
            items = self.context.questionnaire.items
        except Exception:  # a questionnaire that cannot be read: no boxes, never a crash
            return []
        return [(item.id, option.id, option.text)
                for item in items if item.breakdown for option in item.options]

    def compose_families(self, config: Config) -> ComposeResult:
        boxes = self.family_boxes()
        if not boxes:
            return
        yield Static(
            literal("Familles par catégorie (taux de réponse du questionnaire) :"),
            classes="settings-label",
        )
        families = config.questionnaire.families
        for item_id, option_id, label in boxes:
            value = families.get(item_id, {}).get(option_id)
            with Horizontal(classes="settings-family"):
                yield Static(literal(label), classes="settings-family-label")
                yield Input("" if value is None else str(value),
                            id=f"families-{item_id}-{option_id}", type="integer",
                            max_length=6, compact=True, classes="settings-family-input",
                            placeholder="non réglé")

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
        yield from self.compose_families(config)
        with Horizontal(id="settings-actions"):
            yield Button(literal("Enregistrer"), id="settings-save", variant="primary")
            yield Button(literal("Tester l'imprimante"), id="settings-printer-test")
        yield Static(
            literal("Lecture automatique à voix haute, langues (ex. : ar tr ; vide : aucune ;"
                    " bouton « Enregistrer » ci-dessus) :"),
            classes="settings-label",
        )
        yield Input(" ".join(config.audio.auto_read), id="settings-auto-read", max_length=60,
                    compact=True)
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
        boxes = self.family_boxes()
        entered = {
            (item_id, option_id): self.query_one(f"#families-{item_id}-{option_id}", Input).value
            for item_id, option_id, _label in boxes
        }
        labels = {(item_id, option_id): label for item_id, option_id, label in boxes}
        families, problems = settings.family_counts(
            entered, labels, self.context.config.questionnaire.families)
        if problems:
            self._status("Réglage refusé, rien n'a été changé : " + " ".join(problems),
                         error=True)
            return
        auto_read = self.query_one("#settings-auto-read", Input).value.replace(",", " ").split()
        self._status("Enregistrement…")
        changes: dict[str, dict[str, Any]] = {
            "kiosk": {"idle_timeout": int(idle), "languages": codes},
            "audio": {"auto_read": auto_read}}
        if families != self.context.config.questionnaire.families:
            changes["questionnaire"] = {"families": families}
        self._save(changes)

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
                f"{', '.join(new.audio.auto_read) or 'aucune'}"
                + (", familles par catégorie" if "questionnaire" in changes else ""),
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
