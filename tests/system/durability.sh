#!/usr/bin/env bash
# Acknowledged writes survive `kill -9` of the server: every user the API answered 201 for is
# there after a hard kill and a restart. Run by ctest per backend (see lib.sh).
source "$(dirname "$0")/lib.sh"

"$bin" init --demo --db "$db" --credentials "$tmp/cred" --log-key "$key" >/dev/null
start_server
token=$(login admin)
acked=0
for i in $(seq 1 20); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/users" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"durable.$i\",\"display_name\":\"持久$i\",\"password\":\"Passw0rd$i\",\"role\":\"resident\",\"region_code\":\"339902001001\"}")
  [ "$code" = 201 ] && acked=$((acked + 1))
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
pid=

start_server
token=$(login admin)
total=$(curl -sf "http://127.0.0.1:$port/api/v1/users?q=durable.&size=100" -H "Authorization: Bearer $token" |
  grep -o '"total":[0-9]*' | cut -d: -f2)
if [ "$acked" -ne 20 ] || [ "$total" -ne "$acked" ]; then
  echo "FAIL ($backend): $acked writes acknowledged, $total found after kill -9"
  exit 1
fi
echo "ok ($backend): $acked acknowledged writes all present after kill -9"
