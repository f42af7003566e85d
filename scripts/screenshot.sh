#!/usr/bin/env bash
# Takes docs/screenshot.png: the window under Xvfb with a few people chatting (Node clients).
# Needs what scripts/test.sh installs (xvfb, imagemagick, the npm packages) and a build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot.png}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  build/app/chathost --port 0 --title "Team lunch" --host-name Sam > "$0/log" 2>&1 &
  app=$!
  for _ in $(seq 50); do grep -q "listening on" "$0/log" && break; sleep 0.1; done
  port=$(grep -o "listening on http://127.0.0.1:[0-9]*" "$0/log" | grep -o "[0-9]*$")
  node scripts/demo-clients.mjs "http://127.0.0.1:$port" &
  sleep 3
  import -window root "$1"
  kill $app
' "$tmp" "$out"
echo "wrote $out"
