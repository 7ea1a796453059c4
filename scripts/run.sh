#!/usr/bin/env bash
# `make run`: creates the demo database on first start, then serves.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite:var/qinglian.db}
listen=${2:-127.0.0.1:8080}
mkdir -p var
if [[ "$db" == sqlite:* ]] && [ ! -f "${db#sqlite:}" ]; then
  ./build/qinglian init --demo --db "$db" --credentials var/demo-credentials.txt
fi
echo
echo "Qinglian 清廉 is serving on http://$listen"
if [ -f var/demo-credentials.txt ]; then
  echo "Demo logins (用户名/密码) are in $(pwd)/var/demo-credentials.txt (readable only by you)."
  echo "  e.g. admin:  $(grep -m1 '^admin ' var/demo-credentials.txt | awk '{print $1" / "$2}')"
fi
echo "Stop with Ctrl-C."
exec ./build/qinglian serve --db "$db" --listen "$listen" --web-root web/dist
