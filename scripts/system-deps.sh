#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests, fonts, poppler-utils,
# gettext. Installs them when running as root; otherwise prints the exact command and stops.
set -euo pipefail
packages=(chromium fonts-liberation2 fonts-noto-core fonts-dejavu-core poppler-utils gettext)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages. Run:  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
