#!/usr/bin/env bash
# Installs what ChatHost needs and is missing: Debian packages, then the pinned npm packages.
#   scripts/setup.sh           what building and running the app needs
#   scripts/setup.sh --tests   also what the test suite needs (clients, Chromium, Xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--tests" ] && want_tests=1

packages=(g++ cmake ninja-build pkg-config
          qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools
          qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite libgl-dev libqrencode-dev)
# The package (issue 14): icons rendered at build time, dpkg-shlibdeps and fakeroot for CPack.
packages+=(librsvg2-bin dpkg-dev fakeroot file)
# --- issue 14, light page: build-time compression of the page (gzip via zopfli, brotli) ---
packages+=(zopfli brotli)
# --- end light page ---
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "$want_tests" = 1 ]; then
    packages+=(python3 python3-socketio python3-websocket python3-requests
               chromium xvfb xauth imagemagick clang-format fonts-dejavu-core iproute2
               clang libclang-rt-14-dev)
    # The package test (issue 14): its checkers, and the tools that install and read it.
    packages+=(lintian desktop-file-utils appstream systemd man-db)
    # --- issue 14, name on the LAN: a real avahi-daemon on a private bus (test_avahi.py) ---
    packages+=(avahi-daemon avahi-utils dbus-daemon)
    # --- end name on the LAN ---
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages pinned by package-lock.json: the browser client we embed and the test clients.
stamp=node_modules/.chathost-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi
