"""Debian packages the tests need (``make debs`` installs them: ``TEST_DEBS`` in the Makefile).

A missing one fails the test where apt-get could have installed it (root or password-less
sudo): only a machine that truly cannot install it skips, and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def apt_usable() -> bool:
    """Whether ``scripts/ensure-debian-packages.sh`` could install a package here."""
    if shutil.which("apt-get") is None:
        return False
    if os.geteuid() == 0:
        return True
    if shutil.which("sudo") is None:
        return False
    return subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0


def require_program(program: str, package: str) -> None:
    """Fail (or, where apt-get cannot install `package`, skip) when `program` is missing."""
    if shutil.which(program) is not None:
        return
    if apt_usable():
        pytest.fail(f"{program} is missing: run `make debs` (installs {package})")
    pytest.skip(f"{program} is missing and apt-get cannot install {package} on this machine")
