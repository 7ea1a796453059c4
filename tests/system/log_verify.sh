#!/usr/bin/env bash
# `qinglian log verify` end to end: a publication made through the API verifies; the same
# published row changed by hand in the database makes it fail, naming the mismatch.
# Run by ctest per backend (see lib.sh).
source "$(dirname "$0")/lib.sh"

"$bin" init --demo --db "$db" --credentials "$tmp/cred" --log-key "$key" >/dev/null
start_server
api="http://127.0.0.1:$port/api/v1"
token=$(login hefeng.clerk)
id=$(curl -sf -X POST "$api/disclosures" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"region":"339902001001","category":"finance","stage":"after","title":"2026年第三季度财务收支","body":"收入 12,000.00 元"}' |
  grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
curl -sf -X POST "$api/disclosures/$id/publish" -H "Authorization: Bearer $token" >/dev/null
stop_server

"$bin" log verify --db "$db" --log-key "$key"
sql "UPDATE disclosure SET body = '收入 1,200.00 元' WHERE id = $id"
if out=$("$bin" log verify --db "$db" --log-key "$key" 2>&1); then
  echo "FAIL ($backend): log verify accepted a hand-edited publication"; exit 1
fi
echo "$out" | grep -q "entry 0" || { echo "FAIL ($backend): mismatch not named: $out"; exit 1; }
echo "ok ($backend): hand edit detected: $out"
