#!/bin/sh
# Runs as root after the .deb is installed: the udev rules let the user reach Ledger and
# Trezor devices without root (resources/linux/20-c3vault-hw.rules).
set -e
install -m 644 "/opt/${sanitizedProductName}/resources/udev/20-c3vault-hw.rules" /etc/udev/rules.d/20-c3vault-hw.rules
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger || true
fi
# The launcher link that electron-builder's default script makes.
ln -sf "/opt/${sanitizedProductName}/${executable}" "/usr/bin/${executable}"
