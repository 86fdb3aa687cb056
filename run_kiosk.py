#!/usr/bin/env python3
"""Start the kiosk: `python run_kiosk.py [options] [subcommand]` is the same as `kiosk`."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
