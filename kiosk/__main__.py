"""``python -m kiosk`` is the same as ``kiosk``."""

import sys

from kiosk.cli import main

sys.exit(main())
