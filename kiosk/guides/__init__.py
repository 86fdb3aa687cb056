"""Step-by-step guides to the school's digital tools (EduConnect, absences, the canteen…), in
the parent's language: :mod:`~kiosk.guides.model` (a guide and its file),
:mod:`~kiosk.guides.library` (the shipped and the school's guides, read for a parent),
:mod:`~kiosk.guides.texts` (the translators' files), :mod:`~kiosk.guides.sheet` (the A4 sheet).
"""
