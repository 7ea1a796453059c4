#!/usr/bin/env bash
# Installs every Debian and npm package Qinglian needs. Idempotent and quiet when all is
# there: it only calls apt-get/npm for what is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

APT_PACKAGES=(
  # toolchain
  g++ cmake make pkg-config git
  # C++ libraries (DEVELOPERS.md "Stack")
  librestinio-dev libasio-dev libfmt-dev libspdlog-dev nlohmann-json3-dev libsimdjson-dev
  libcli11-dev libtomlplusplus-dev libssl-dev libsodium-dev libsqlite3-dev sqlite3 libpq-dev
  libqrencode-dev libxlsxwriter-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libminizip-dev libexpat1-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # tests: a real PostgreSQL 15, a browser, load tools
  postgresql-15 postgresql-client-15 chromium fonts-wqy-microhei wrk nginx-light procps curl
  # tests/system/verify_log.py, the independent log verifier: Ed25519
  python3 python3-cryptography
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js: the machine image may carry its own build (with npm bundled), which Debian's npm
# package would conflict with, so look for the commands rather than the packages.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "install-deps: Node.js >= 20 is needed to build the web app (Vite 8); found $(node --version)" >&2
  exit 1
fi

# npm packages: the web app and the browser tests, each pinned by its package-lock.json.
npm_install() {
  local dir=$1
  [ -f "$dir/package.json" ] || return 0
  local stamp="$dir/node_modules/.qinglian-lock"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return 0; fi
  echo "install-deps: npm ci in ${dir#$here/}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$dir/package-lock.json" "$stamp"
}
npm_install "$here/web"
npm_install "$here/tests/browser"
