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

# Install on a fresh clone or when the lock file changed since the last install.
# `npm install` rather than `npm ci`: the registry mirror here lacks some of
# rollup's optional per-platform packages, so npm cannot write them into the lock
# and `npm ci` refuses the lock as out of sync; `npm install` installs the locked
# versions all the same.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm install"
  npm install --no-audit --no-fund
fi
# npm 11 runs only approved install scripts (package.json "allowScripts"); make sure
# the native addons exist whatever npm decided.
[ -f node_modules/pkcs11js/build/Release/pkcs11.node ] || npm rebuild pkcs11js
[ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ] || npm rebuild better-sqlite3

npm run -s build:native
echo "setup: ready"
