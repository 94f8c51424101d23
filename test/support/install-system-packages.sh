#!/usr/bin/env bash
# Installs the Debian packages the tests need (idempotent; root, as on CI). python3, make and g++
# build the native modules of code-server (the vscode test tier's host) with node-gyp.
set -euo pipefail
need=()
for p in chromium fonts-dejavu-core libkrb5-dev pkg-config python3 make g++ ripgrep docker-registry apache2-utils; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
