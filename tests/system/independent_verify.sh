#!/usr/bin/env bash
# The publication log checked by an outside verifier (verify_log.py, written from RFC 9162 and
# the C2SP specs only) against the real server: publications made through the API, a saved
# checkpoint, more publications, then the checkpoint signature, the root rebuilt from
# tlog-tiles, the entries, inclusion and consistency proofs must all verify. A forged
# signature, a tampered stored hash and a tampered entry must each make it fail.
# Run by ctest per backend (see lib.sh).
source "$(dirname "$0")/lib.sh"
verifier="$(dirname "$0")/verify_log.py"

"$bin" init --demo --db "$db" --credentials "$tmp/cred" --log-key "$key" >/dev/null
start_server
base="http://127.0.0.1:$port"
token=$(login hefeng.clerk)

# Publishes $1 publications with distinct titles through the API.
publish() {
  local i id
  for i in $(seq "$1"); do
    id=$(curl -sf -X POST "$base/api/v1/disclosures" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' \
      -d "{\"region\":\"339902001001\",\"category\":\"finance\",\"stage\":\"after\",\"title\":\"第 $2-$i 期收支\",\"body\":\"| 项目 | 金额 |\\n| --- | ---: |\\n| 收入 | $i,000.00 |\"}" |
      grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
    curl -sf -X POST "$base/api/v1/disclosures/$id/publish" -H "Authorization: Bearer $token" >/dev/null
  done
}

# Runs the verifier; fails the test unless it exits with $1 (0 verified, 1 rejected) and, when
# it rejects, unless its message contains $2.
expect_verifier() {
  local want=$1 says=$2 rc=0
  shift 2
  python3 "$verifier" "$base" "$@" >"$tmp/out" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL ($backend): verifier exited $rc, expected $want ($*):"; cat "$tmp/out"; exit 1
  fi
  if [ -n "$says" ] && ! grep -q -- "$says" "$tmp/out"; then
    echo "FAIL ($backend): verifier did not say '$says':"; cat "$tmp/out"; exit 1
  fi
}

# The demo has published already (its completed 四议两公开 cases): ours follow its n0 entries.
n0=$(curl -sf "$base/log/checkpoint" | sed -n 2p)
publish 3 a
curl -sf "$base/log/checkpoint" >"$tmp/old.cp"
grep -q "^$((n0 + 3))\$" "$tmp/old.cp" || { echo "FAIL ($backend): checkpoint is not of size $((n0 + 3)):"; cat "$tmp/old.cp"; exit 1; }
publish 5 b

expect_verifier 0 "" --old-checkpoint "$tmp/old.cp"
cat "$tmp/out"
grep -q "size $((n0 + 8))," "$tmp/out" || { echo "FAIL ($backend): expected a tree of $((n0 + 8)) entries"; exit 1; }

# A checkpoint whose signature was altered (one base64 character of the signature line).
curl -sf "$base/log/checkpoint" >"$tmp/cp"
python3 - "$tmp/cp" "$tmp/forged.cp" <<'EOF'
import sys
note = open(sys.argv[1], encoding="utf-8").read()
text, sigs = note.rsplit("\n\n", 1)
line = sigs.split("\n")[0]
i = len(line) - 10  # inside the signature bytes, past the 4-byte key id
line = line[:i] + ("A" if line[i] != "A" else "B") + line[i + 1:]
open(sys.argv[2], "w", encoding="utf-8").write(text + "\n\n" + line + "\n")
EOF
expect_verifier 1 "signature on the checkpoint does not verify" --checkpoint "$tmp/forged.cp"
# A checkpoint whose root was changed but whose signature was kept.
python3 - "$tmp/cp" "$tmp/moved.cp" <<'EOF'
import base64, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
lines[2] = base64.b64encode(bytes(32)).decode()
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
EOF
expect_verifier 1 "signature on the checkpoint does not verify" --checkpoint "$tmp/moved.cp"
# Another key than the log's: its signature is missing.
other=$(python3 -c "
import base64, hashlib
name = 'other-log'
key = bytes(range(32))
kid = hashlib.sha256(name.encode() + b'\n\x01' + key).digest()[:4]
print(f'{name}+{kid.hex()}+' + base64.b64encode(b'\x01' + key).decode())")
expect_verifier 1 "no signature by the log key" --vkey "$other" --origin "$(head -1 "$tmp/cp")"

# A stored hash of the tree changed in the database: the tiles and proofs the server now serves
# no longer match the signed root. The stored hash of our fifth leaf (leaf n0+5, one of those
# added after the old checkpoint) is used by the tiles, the inclusion proofs and the
# consistency proof; its stored-hash index is n + n/2 + n/4 + ... (tlog's storage order).
leaf=$((n0 + 5)) idx=0
for ((n = leaf; n > 0; n >>= 1)); do idx=$((idx + n)); done
saved=$(sql "SELECT hash FROM tlog_hash WHERE idx = $idx")
sql "UPDATE tlog_hash SET hash = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' WHERE idx = $idx"  # 32 zero bytes
expect_verifier 1 "VERIFICATION FAILED" --old-checkpoint "$tmp/old.cp"
sql "UPDATE tlog_hash SET hash = '$saved' WHERE idx = $idx"
expect_verifier 0 "" --old-checkpoint "$tmp/old.cp"

# An entry changed in the database: it no longer hashes to its leaf.
sql "UPDATE tlog_entry SET entry = replace(entry, '收支', '收入') WHERE idx = $((n0 + 4))"
expect_verifier 1 "does not hash to its leaf"

stop_server
echo "ok ($backend): independent verifier accepts the log and rejects forged or tampered data"
