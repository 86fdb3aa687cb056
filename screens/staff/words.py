"""Stored values in the staff's words (French, not translated): one place for the staff
screens' tables (an unknown value is shown as recorded)."""

from __future__ import annotations

#: Actions of the audit log.
ACTION_WORDS = {
    "backup": "sauvegarde",
    "restore": "restauration",
    "purge": "purge (RGPD)",
    "export": "export",
    "settings": "réglages",
    "serve": "service navigateur",
    "pin.set": "code du personnel changé",
    "publish": "version en ligne publiée",
    "person.add": "personne ajoutée",
    "slot.add": "créneau ajouté",
    "slot.pattern": "créneaux répétés ajoutés",
    "slot.import": "créneaux importés",
    "slot.cancel": "créneau annulé",
    "notify.done": "famille prévenue",
    "workshop.add": "atelier ajouté",
    "workshop.import": "ateliers importés",
    "workshop.cancel": "atelier annulé",
    "announcement.write": "annonce écrite",
    "announcement.edit": "annonce modifiée",
    "announcement.remove": "annonce retirée",
    "announcement.translate": "annonce traduite",
    "announcement.import": "traductions importées",
    "announcement.export": "traductions exportées",
    "loan.lend": "matériel prêté",
    "loan.returned": "matériel rendu",
    "loan.cancel": "prêt annulé",
}

#: Print jobs: their state and what they print.
JOB_STATUS_WORDS = {"pending": "en attente", "printed": "imprimé", "preview": "aperçu seul",
                    "cancelled": "annulé"}
JOB_KIND_WORDS = {"appointment": "rendez-vous", "workshop": "atelier",
                  "questionnaire": "questionnaire", "announcement": "annonce",
                  "appointments_list": "liste de rendez-vous", "attendance": "présences",
                  "printer_test": "test imprimante", "loan": "demande de prêt",
                  "loan_slip": "fiche de prêt"}

#: The roles of the people who receive parents.
ROLE_WORDS = {"teacher": "enseignant", "head": "direction", "nurse": "infirmier",
              "psychologist": "psychologue", "social": "social", "other": "autre"}

#: Workshop registrations: their state and the attendance ticked.
REGISTRATION_WORDS = {"registered": "inscrit", "waiting": "attente", "cancelled": "annulé",
                      "workshop_cancelled": "atelier annulé"}
ATTENDANCE_WORDS = {"present": "présent", "absent": "absent", "": "—"}
