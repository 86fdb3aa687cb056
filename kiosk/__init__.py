"""Kiosque École–Familles: the domain of the reception-desk kiosk (no Textual here).

Only :mod:`kiosk.app` (the Textual application) and :mod:`kiosk.cli` wire the screens to
these services.
"""

__version__ = "0.1.0"
