#!/usr/bin/env bash
# Regenerates docs/demo-timeline.png, the README's picture: one traced demo migration (v2, 2 devices, a few
# pre-copy iterations), its stderr log broken down by 'vfio-migrate report', the HTML painted by headless chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vfio-migrate
bin=$(swift build --show-bin-path)
scratch=$(mktemp -d /tmp/ste-demo-timeline.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
"$bin/vfio-migrate" demo --devices 2 --pages 64 --page-size 1024 --dirty-rate 2000 --bandwidth 4 --downtime-limit 2 \
    --trace '*' 2>"$scratch/demo.log"
"$bin/vfio-migrate" report "$scratch/demo.log" --html "$scratch/timeline.html" --chrome-trace "$scratch/timeline.json"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,470 \
    --screenshot="$PWD/docs/demo-timeline.png" "file://$scratch/timeline.html" 2>/dev/null
echo "wrote docs/demo-timeline.png"
