#!/usr/bin/env bash
# `qinglian import vouchers|accounts` end to end with the real binary: a file with a bad row
# exits 2 listing the row and column and writes nothing; --dry-run of a good file exits 0 and
# writes nothing; the real import exits 0; --unapproved-reason lets historic payments in.
# Run by ctest per backend (see lib.sh).
source "$(dirname "$0")/lib.sh"

"$bin" init --demo --db "$db" --credentials "$tmp/cred" --log-key "$key" >/dev/null
village=339902001203  # 柳湾村: no demo books
count() { sql "SELECT COUNT(*) FROM ledger_voucher WHERE region_code = '$village'"; }

cat >"$tmp/good.csv" <<'CSV'
日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数
2025-03-02,1,收到土地承包费,102,银行存款,"12,500.00",,张三,转账,1
2025-03-02,1,收到土地承包费,511.01,土地承包收入,,"12,500.00",张三,转账,1
2025-03-05,2,购买办公用品,541.02,办公费,86.50,,文具店,现金,2
2025-03-05,2,购买办公用品,101,现金,,86.50,文具店,现金,2
CSV
sed 's/^2025-03-05,2,购买办公用品,101,现金,,86.50/2025-03-05,2,购买办公用品,101,现金,,86.505/' "$tmp/good.csv" >"$tmp/bad.csv"

if out=$("$bin" import vouchers "$tmp/bad.csv" --region $village --db "$db" --unapproved-reason 补录历史账 2>&1); then
  echo "FAIL ($backend): a bad file was accepted: $out"; exit 1
else rc=$?; fi
[ "$rc" = 2 ] || { echo "FAIL ($backend): exit $rc, expected 2: $out"; exit 1; }
echo "$out" | grep -q "第 5 行, 贷方金额" || { echo "FAIL ($backend): row/column not named: $out"; exit 1; }
[ "$(count)" = 0 ] || { echo "FAIL ($backend): a rejected file wrote vouchers"; exit 1; }
echo "ok ($backend): rejected with exit 2: $(echo "$out" | tr '\n' ' ')"

# A payment without approval and without the option is a problem too (exit 2, 审批编号).
if out=$("$bin" import vouchers "$tmp/good.csv" --region $village --db "$db" 2>&1); then
  echo "FAIL ($backend): an unapproved payment was accepted"; exit 1
fi
echo "$out" | grep -q "第 4 行, 审批编号" || { echo "FAIL ($backend): approval problem not named: $out"; exit 1; }

"$bin" import vouchers "$tmp/good.csv" --region $village --db "$db" --unapproved-reason 补录历史账 --dry-run >/dev/null
[ "$(count)" = 0 ] || { echo "FAIL ($backend): a dry run wrote vouchers"; exit 1; }
out=$("$bin" import vouchers "$tmp/good.csv" --region $village --db "$db" --unapproved-reason 补录历史账)
echo "$out" | grep -q "Imported 2 vouchers (4 lines)" || { echo "FAIL ($backend): $out"; exit 1; }
[ "$(count)" = 2 ] || { echo "FAIL ($backend): expected 2 vouchers"; exit 1; }
[ "$(sql "SELECT unapproved_reason FROM ledger_voucher WHERE region_code = '$village' AND number = 2")" = 补录历史账 ] ||
  { echo "FAIL ($backend): the payment was not flagged"; exit 1; }
echo "ok ($backend): $out"

# The same file again: every voucher number is taken in March.
if out=$("$bin" import vouchers "$tmp/good.csv" --region $village --db "$db" --unapproved-reason 补录历史账 2>&1); then
  echo "FAIL ($backend): duplicate numbers accepted"; exit 1
fi
echo "$out" | grep -q "第 2 行, 凭证号" || { echo "FAIL ($backend): duplicate not named: $out"; exit 1; }

printf '科目编码,科目名称,年初余额\n102.01,农商银行基本户,100\n301,资本,100\n' >"$tmp/accounts.csv"
if out=$("$bin" import accounts "$tmp/accounts.csv" --region 339902001003 --db "$db" 2>&1); then
  echo "FAIL ($backend): balances without --opening-date accepted"; exit 1
fi
out=$("$bin" import accounts "$tmp/accounts.csv" --region 339902001003 --db "$db" --opening-date 2024-12-31)
echo "$out" | grep -q "Imported 1 accounts and an opening-balance voucher of 2 lines" || { echo "FAIL ($backend): $out"; exit 1; }
echo "ok ($backend): $out"
