"""Textual screens of the kiosk: parent flows, the staff area (``screens.staff``), widgets.

Screens present and delegate: they read from the services of :mod:`kiosk`, show it, and send
the parent's choice back. All styling is in ``kiosk.tcss``.
"""
