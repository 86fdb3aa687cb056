"""Where the tests find the project and their own fixtures (wherever a test module sits)."""

from __future__ import annotations

from pathlib import Path

#: The checkout's root (run_kiosk.py, pyproject.toml, data/, locales/).
ROOT = Path(__file__).resolve().parents[2]
#: Files the tests need, shipped with them (tests/fixtures/README.md says what each is).
FIXTURES = ROOT / "tests" / "fixtures"
