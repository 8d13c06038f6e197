#!/usr/bin/env bash
# Installs everything TokenDesk needs on a fresh Debian machine, then builds the
# native parts. Safe to run again: each step is skipped when already done.
# Used by the README's quick start and by CI (.ci/run), so the two cannot drift.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
# node-gyp builds pkcs11js and better-sqlite3 against the local Node headers (no download);
# Electron's binary cannot be fetched here: the renderer runs in Chromium via the bridge.
export npm_config_nodedir=/usr ELECTRON_SKIP_BINARY_DOWNLOAD=1

# fonts-ipafont-gothic: Japanese glyphs for the renderer in Chromium (screenshots, e2e).
# wrk: the load generator of `npm run bench`'s CA throughput (test/bench/ca-load.lua).
APT_PACKAGES=(softhsm2 opensc chromium fonts-ipafont-gothic build-essential valgrind postgresql openssl curl ca-certificates wrk)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A fresh clone (CI's case) installs exactly what package-lock.json says: `npm ci`
# refuses a lock out of step with package.json instead of rewriting it. The lock
# carries every platform's optional packages (rollup's, resvg's), so it is complete
# on any machine (test/unit/build/package-lock.test.ts). A checkout that already has
# node_modules and a newer lock gets `npm install`, which keeps what is there
# (`npm ci` would delete node_modules first).
if [ ! -e node_modules ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm install"
  npm install --no-audit --no-fund
fi
# npm 11 runs only approved install scripts (package.json "allowScripts"); make sure
# the native addons exist whatever npm decided.
[ -f node_modules/pkcs11js/build/Release/pkcs11.node ] || npm rebuild pkcs11js
[ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ] || npm rebuild better-sqlite3

npm run -s build:native
echo "setup: ready"
