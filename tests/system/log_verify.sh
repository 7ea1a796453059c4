#!/usr/bin/env bash
# `qinglian log verify` end to end: a publication made through the API (with an attachment
# uploaded as the raw request body) verifies; the same published row, or the attachment's
# stored content, changed by hand in the database makes it fail, naming the mismatch.
# Run by ctest per backend (see lib.sh).
source "$(dirname "$0")/lib.sh"

"$bin" init --demo --db "$db" --credentials "$tmp/cred" --log-key "$key" >/dev/null
start_server
api="http://127.0.0.1:$port/api/v1"
token=$(login hefeng.clerk)
id=$(curl -sf -X POST "$api/disclosures" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"region":"339902001001","category":"finance","stage":"after","title":"2026年第三季度财务收支","body":"收入 12,000.00 元"}' |
  grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
printf '%%PDF-1.4\n%%%%EOF\n' >"$tmp/receipt.pdf"
curl -sf -X POST "$api/disclosures/$id/attachments?filename=%E6%94%B6%E6%8D%AE.pdf" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/pdf' --data-binary @"$tmp/receipt.pdf" >/dev/null
index=$(curl -sf -X POST "$api/disclosures/$id/publish" -H "Authorization: Bearer $token" |
  grep -o '"log_index":[0-9]*' | tail -1 | cut -d: -f2)
stop_server

"$bin" log verify --db "$db" --log-key "$key"
sql "UPDATE disclosure SET body = '收入 1,200.00 元' WHERE id = $id"
if out=$("$bin" log verify --db "$db" --log-key "$key" 2>&1); then
  echo "FAIL ($backend): log verify accepted a hand-edited publication"; exit 1
fi
echo "$out" | grep -q "entry $index (publish)" || { echo "FAIL ($backend): mismatch not named: $out"; exit 1; }
echo "ok ($backend): hand edit detected: $out"

# The attachment's content replaced in place: the rows and the log still agree, the hash does not.
sql "UPDATE disclosure SET body = '收入 12,000.00 元' WHERE id = $id"
"$bin" log verify --db "$db" --log-key "$key" >/dev/null
if [ "$backend" = postgresql ]; then blob=BYTEA; else blob=BLOB; fi
sql "UPDATE attachment_blob SET content = CAST('%PDF-1.4 forged' AS $blob)"
if out=$("$bin" log verify --db "$db" --log-key "$key" 2>&1); then
  echo "FAIL ($backend): log verify accepted a replaced attachment"; exit 1
fi
echo "$out" | grep -q "no longer has SHA-256" || { echo "FAIL ($backend): attachment mismatch not named: $out"; exit 1; }
echo "ok ($backend): replaced attachment detected: $out"
