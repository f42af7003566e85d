#!/usr/bin/env bash
# Builds ChatHost into build/ and makes the Debian package build/chathost_VERSION_ARCH.deb with
# CPack (the same as `cmake --build build --target package`). Install it with
#   sudo apt-get install ./build/chathost_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr "$@" >/dev/null
cmake --build build --parallel "$(nproc)" --target chathost chathost_packaging
(cd build && cpack --config CPackConfig.cmake)
ls -l build/chathost_*.deb
