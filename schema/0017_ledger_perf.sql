-- Monthly totals per village and account (issue 4, balances latency): the posted debits and
-- credits of ledger_entry summed by (region_code, month of entry_date, account_id). Ten years
-- of a large village are ~600k lines, which SUM(...) GROUP BY account_id scans in about a
-- second on SQLite; the same figures from this table read ~120 rows per account. Kept in the
-- same transaction as every write of ledger_entry (src/ledger/voucher.cpp: create, update,
-- void, reverse and the import's bulk path add or subtract their lines), so it never
-- disagrees with the lines; ledger::balances reads whole months here and the partial months
-- at the edges of its range from ledger_entry. See docs/LEDGER.md § Reports.
CREATE TABLE ledger_month_total (
  region_code {{text_c}} NOT NULL,
  period      {{text_c}} NOT NULL,   -- 'YYYY-MM' of entry_date
  account_id  {{bigint}} NOT NULL REFERENCES ledger_account(id),
  debit_fen   {{bigint}} NOT NULL DEFAULT 0,
  credit_fen  {{bigint}} NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, period, account_id)
);

INSERT INTO ledger_month_total (region_code, period, account_id, debit_fen, credit_fen)
SELECT region_code, SUBSTR(entry_date, 1, 7), account_id, SUM(debit_fen), SUM(credit_fen)
FROM ledger_entry WHERE posted = 1
GROUP BY region_code, SUBSTR(entry_date, 1, 7), account_id;
