-- Works projects (工程项目) of a village and the vouchers that paid them, for the
-- 年度工程项目汇总核查表 and the 离任经济责任审计. See docs/LEDGER.md § Projects.
-- Money is integer fen; dates are Asia/Shanghai business dates 'YYYY-MM-DD' ({{text_c}}).
-- Paid amounts and dates are never stored here: they come from the linked vouchers.

CREATE TABLE project (
  id                   {{id}},
  region_code          {{text_c}} NOT NULL REFERENCES region(code),
  name                 TEXT NOT NULL,
  year                 INTEGER NOT NULL,
  category             TEXT NOT NULL CHECK (category IN ('works','purchase','service')),
  contract_amount_fen  {{bigint}} NOT NULL CHECK (contract_amount_fen >= 0),
  contractor           TEXT NOT NULL DEFAULT '',
  procurement_method   TEXT NOT NULL,              -- dictionary procurement_method
  start_date           {{text_c}},
  finish_date          {{text_c}},
  acceptance_date      {{text_c}},                 -- 验收
  acceptance_result    TEXT CHECK (acceptance_result IN ('passed','failed')),
  audit_date           {{text_c}},                 -- 审计
  audited_amount_fen   {{bigint}} CHECK (audited_amount_fen >= 0),
  settlement_amount_fen {{bigint}} CHECK (settlement_amount_fen >= 0),  -- 结算
  power_case_id        {{bigint}},                 -- the petty-power case that decided it (no FK: other module)
  note                 TEXT NOT NULL DEFAULT '',
  created_by           {{bigint}},
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX project_region_year ON project(region_code, year);

-- The payment vouchers of a project. A voucher pays at most one project, so no payment is
-- counted twice.
CREATE TABLE project_payment (
  project_id  {{bigint}} NOT NULL REFERENCES project(id),
  voucher_id  {{bigint}} NOT NULL REFERENCES ledger_voucher(id) UNIQUE,
  created_by  {{bigint}},
  created_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, voucher_id)
);

-- Procurement methods (采购/发包方式), a dictionary so a region's admin can add more. The
-- project check ranks only the trading-centre and tender methods (see docs/LEDGER.md).
INSERT INTO dict_type (code, name_zh, name_en, builtin, created_at, updated_at)
  VALUES ('procurement_method', '采购方式', 'Procurement method', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z');
INSERT INTO dict_item (type_code, value, label_zh, label_en, sort, enabled, created_at, updated_at) VALUES
  ('procurement_method', 'public_tender', '公开招标', 'Public tender', 1, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('procurement_method', 'invited_tender', '邀请招标', 'Invited tender', 2, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('procurement_method', 'competitive_negotiation', '竞争性谈判', 'Competitive negotiation', 3, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('procurement_method', 'inquiry', '询价', 'Request for quotations', 4, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('procurement_method', 'township_centre', '镇交易中心', 'Township trading centre', 5, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('procurement_method', 'county_centre', '县交易中心', 'County trading centre', 6, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('procurement_method', 'representatives_meeting', '村民代表会议议定', 'Decided by villagers'' representatives', 7, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('procurement_method', 'direct', '直接发包', 'Direct award', 8, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z');
