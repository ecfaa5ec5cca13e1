#!/bin/sh
# Debian's Chromium, which the dashboard tests drive with Playwright (Playwright downloads no
# browser of its own: the tests give it /usr/bin/chromium). Does nothing when it is there.
set -eu
[ -x /usr/bin/chromium ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
