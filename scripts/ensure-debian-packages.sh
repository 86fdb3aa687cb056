#!/bin/sh
# Install the Debian packages given as arguments when they are missing and apt-get is usable
# (as root, or with password-less sudo). Otherwise say which are missing: the tests that need
# them are skipped and say why.
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "note: apt-get is not available; missing Debian packages:$missing (tests that need them are skipped)"
    exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "note: cannot install$missing without root; tests that need them are skipped"
    exit 0
fi
echo "installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 || {
    $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1
} || echo "note: could not install$missing; tests that need them are skipped"
exit 0
