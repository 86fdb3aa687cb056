"""``memory_growth``: resident memory after 1,000 parent sessions ÷ after 100 (target ≤ 1.10).

The sessions are those of the soak test (:mod:`kiosk.bench.soak_probe`: every flow, language
changes, idle resets, resizes) on one app, on the demo school in a temporary data folder. They
run in a fresh Python process so that the other figures' memory does not blur the ratio.
Quick mode: after 200 sessions ÷ after 20. The terminal is resized between 40×15 and 120×40,
as in the soak test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.bench.runner import figure


def measure(first: int, last: int, data_dir: Path) -> dict[int, int]:
    """Run `last` sessions here; resident bytes after `first` and after `last`."""
    from kiosk import demo
    from kiosk.bench.soak_probe import run
    from kiosk.cli import DEMO_CONFIG
    from kiosk.core import config as config_module
    from kiosk.services import open_services

    services = open_services(config_module.load(DEMO_CONFIG), data_dir, demo=True)
    demo.seed(services)
    result = run(services, last, memory_at=(first, last))
    return result.memory


@figure("memory_growth", 1.10)
def memory_growth(quick: bool) -> float:
    first, last = (20, 200) if quick else (100, 1000)
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as folder:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.bench.soak", str(first), str(last), folder],
            check=True, capture_output=True, text=True,
        )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    memory: dict[int, int] = {int(k): int(v) for k, v in found.items()}
    return memory[last] / memory[first]


if __name__ == "__main__":
    counts = [int(arg) for arg in sys.argv[1:3]]
    found = measure(counts[0], counts[1], Path(sys.argv[3]) / "data")
    print(json.dumps(found))
