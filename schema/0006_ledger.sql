-- Collective funds ledger (三资·资金): chart of accounts per village, vouchers (记账凭证) with
-- double-entry lines in integer fen, closed months, voucher scans. See docs/LEDGER.md.
-- Dates of business events are Asia/Shanghai calendar dates 'YYYY-MM-DD' ({{text_c}}, so they
-- range-compare by bytes on both backends); periods are 'YYYY-MM'.

-- One village's chart. Codes follow the 村集体经济组织会计制度 template (101 现金 ...);
-- sub-accounts append '.NN' to their parent's code (102.01), so an account and everything
-- below it is `code = X OR code` in the byte range of `X.`.
CREATE TABLE ledger_account (
  id          {{id}},
  region_code {{text_c}} NOT NULL REFERENCES region(code),
  code        {{text_c}} NOT NULL,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN ('asset','liability','equity','cost','profit_loss')),
  direction   TEXT NOT NULL CHECK (direction IN ('debit','credit')),
  parent_code {{text_c}},
  is_cash     INTEGER NOT NULL DEFAULT 0,
  is_bank     INTEGER NOT NULL DEFAULT 0,
  is_leaf     INTEGER NOT NULL DEFAULT 1,   -- only leaves take postings
  active      INTEGER NOT NULL DEFAULT 1,
  builtin     INTEGER NOT NULL DEFAULT 0,   -- copied from the template (not deactivatable)
  sort        INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (region_code, code)
);

-- A month is open unless it has a row here; closing is final (corrections go into an open
-- month as reversing vouchers).
CREATE TABLE ledger_period (
  region_code {{text_c}} NOT NULL REFERENCES region(code),
  period      {{text_c}} NOT NULL,
  closed_at   TEXT NOT NULL,
  closed_by   {{bigint}},
  PRIMARY KEY (region_code, period)
);

CREATE TABLE ledger_voucher (
  id                {{id}},
  region_code       {{text_c}} NOT NULL REFERENCES region(code),
  period            {{text_c}} NOT NULL,
  number            INTEGER NOT NULL,        -- 凭证号, unique per village and month
  voucher_date      {{text_c}} NOT NULL,
  summary           TEXT NOT NULL,
  settlement        TEXT NOT NULL,
  counterparty      TEXT NOT NULL DEFAULT '',
  attachment_count  INTEGER NOT NULL DEFAULT 0,
  total_fen         {{bigint}} NOT NULL,     -- sum of debits (= sum of credits)
  is_payment        INTEGER NOT NULL DEFAULT 0,
  approval_ref      TEXT,                    -- the approval that authorised a payment
  unapproved_reason TEXT,                    -- a payment flagged as made without approval
  status            TEXT NOT NULL CHECK (status IN ('posted','void')),
  reverses_id       {{bigint}} REFERENCES ledger_voucher(id),
  reversed_by_id    {{bigint}} REFERENCES ledger_voucher(id),
  void_reason       TEXT,
  created_by        {{bigint}},
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (region_code, period, number)
);

-- Voucher lines. region_code, entry_date, account_code and posted are copies of the voucher's
-- and the account's, so every report is one indexed aggregate over this table alone. Imports
-- write millions of lines, so the table keeps two indexes only: lines by voucher (the unique
-- key) and by village, account and date (reports, "is the account used?").
CREATE TABLE ledger_entry (
  id           {{id}},
  voucher_id   {{bigint}} NOT NULL REFERENCES ledger_voucher(id),
  line_no      INTEGER NOT NULL,
  region_code  {{text_c}} NOT NULL,
  entry_date   {{text_c}} NOT NULL,
  account_id   {{bigint}} NOT NULL REFERENCES ledger_account(id),
  account_code {{text_c}} NOT NULL,
  summary      TEXT NOT NULL,
  debit_fen    {{bigint}} NOT NULL DEFAULT 0,
  credit_fen   {{bigint}} NOT NULL DEFAULT 0,
  counterparty TEXT NOT NULL DEFAULT '',
  posted       INTEGER NOT NULL DEFAULT 1,   -- 0 once the voucher is voided
  UNIQUE (voucher_id, line_no)
);
CREATE INDEX ledger_entry_region_account ON ledger_entry(region_code, account_code, entry_date);

-- Scanned originals (原始凭证扫描件) of a voucher.
CREATE TABLE ledger_scan (
  id           {{id}},
  voucher_id   {{bigint}} NOT NULL REFERENCES ledger_voucher(id),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes   {{bigint}} NOT NULL,
  sha256       TEXT NOT NULL,
  data         {{blob}} NOT NULL,
  created_by   {{bigint}},
  created_at   TEXT NOT NULL
);
CREATE INDEX ledger_scan_voucher ON ledger_scan(voucher_id);
