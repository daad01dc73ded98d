#!/bin/sh
set -e
rm -f /etc/udev/rules.d/20-c3vault-hw.rules "/usr/bin/${executable}"
if command -v udevadm >/dev/null 2>&1; then udevadm control --reload-rules || true; fi
