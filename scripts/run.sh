#!/usr/bin/env bash
# The main command: installs what is missing, builds, and starts ChatHost (port 3000, data in the
# user's data folder). Arguments are passed to chathost, e.g. scripts/run.sh --port 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [[ " $* " != *" --headless "* ]]; then
    echo "No display found: starting ChatHost without a window (--headless). Ctrl+C stops it."
    set -- --headless "$@"
fi
exec build/app/chathost "$@"
