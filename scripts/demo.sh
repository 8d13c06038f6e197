#!/usr/bin/env bash
# Interim demo until the desktop app lands: a demo software token in
# .tokendesk-data/softhsm, listed by the CLI. Re-running reuses the token.
set -euo pipefail
cd "$(dirname "$0")/.."
data=.tokendesk-data/softhsm
mkdir -p "$data/tokens"
export SOFTHSM2_CONF="$PWD/$data/softhsm2.conf"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$PWD/$data/tokens" > "$SOFTHSM2_CONF"
if ! softhsm2-util --show-slots | grep -q 'Label:.*TokenDesk demo'; then
  # Demo-only PINs, printed so the demo can be followed; never used for a real token.
  softhsm2-util --init-token --free --label 'TokenDesk demo' --so-pin 00000000 --pin 0000 >/dev/null
fi
echo "Demo software token (SOFTHSM2_CONF=$SOFTHSM2_CONF):"
npm run -s tokendesk -- tokens --module /usr/lib/softhsm/libsofthsm2.so
