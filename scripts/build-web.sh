#!/usr/bin/env bash
# Builds web/ into web/dist with Vite, only when a source file is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/../web"
[ -f package.json ] || exit 0
stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find src index.html package.json vite.config.* public -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "build-web: vite build"
npx vite build --logLevel error
touch "$stamp"
