#!/usr/bin/env bash
# npm run demo: the reference CA, a provisioned SoftHSM2 token with a pending
# application, and TokenDesk (Electron if it can start, else the browser build).
# Everything lives in scripts/demo.ts; this only runs it from the repo root.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx scripts/demo.ts "$@"
