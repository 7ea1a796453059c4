-- Collective assets, resources and contracts (三资·资产/资源/合同). See docs/ASSETS.md.
-- Money is integer fen; dates are Asia/Shanghai business dates 'YYYY-MM-DD' ({{text_c}});
-- areas are integers in thousandths of their unit (area_unit 'mu' 亩 or 'm2' 平方米), so
-- 12.5 亩 is area_milli = 12500.

-- The asset register (资产台账). Disposal (status 'disposed') is written only by the asset-deal
-- module through ledger::dispose_asset_by_deal, never by a plain edit.
CREATE TABLE asset (
  id                 {{id}},
  region_code        {{text_c}} NOT NULL REFERENCES region(code),
  code               {{text_c}} NOT NULL,          -- 资产编号, unique per village
  name               TEXT NOT NULL,
  category           TEXT NOT NULL,                -- dictionary asset_category
  original_value_fen {{bigint}} NOT NULL CHECK (original_value_fen >= 0),
  acquired_date      {{text_c}} NOT NULL,
  location           TEXT NOT NULL DEFAULT '',
  custodian          TEXT NOT NULL DEFAULT '',
  status             TEXT NOT NULL CHECK (status IN ('in_use','idle','leased','disposed')),
  note               TEXT NOT NULL DEFAULT '',
  disposal_ref       TEXT,                         -- the asset deal that disposed of it
  created_by         {{bigint}},
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (region_code, code)
);

-- Photos of an asset (PDF or images checked as publication attachments are).
CREATE TABLE asset_photo (
  id           {{id}},
  asset_id     {{bigint}} NOT NULL REFERENCES asset(id),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes   {{bigint}} NOT NULL,
  sha256       TEXT NOT NULL,
  data         {{blob}} NOT NULL,
  created_by   {{bigint}},
  created_at   TEXT NOT NULL
);
CREATE INDEX asset_photo_asset ON asset_photo(asset_id);

-- Natural and built resources (资源): land, water, forest, buildings.
CREATE TABLE resource (
  id           {{id}},
  region_code  {{text_c}} NOT NULL REFERENCES region(code),
  code         {{text_c}} NOT NULL,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('land','water','forest','building','other')),
  arable       INTEGER NOT NULL DEFAULT 0,         -- land: 耕地 (the 30-year term limit applies)
  location     TEXT NOT NULL DEFAULT '',
  area_milli   {{bigint}} NOT NULL DEFAULT 0,
  area_unit    TEXT NOT NULL CHECK (area_unit IN ('mu','m2')),
  ownership    TEXT NOT NULL DEFAULT '',           -- 权属, e.g. 村集体所有
  status       TEXT NOT NULL CHECK (status IN ('available','contracted','leased','other')),
  note         TEXT NOT NULL DEFAULT '',
  created_by   {{bigint}},
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (region_code, code)
);

-- Contracts (发包 contracting / 出租 lease) of a resource or an asset.
CREATE TABLE contract (
  id                  {{id}},
  region_code         {{text_c}} NOT NULL REFERENCES region(code),
  number              {{text_c}} NOT NULL,          -- 合同编号, unique per village
  kind                TEXT NOT NULL CHECK (kind IN ('contracting','lease')),
  subject_type        TEXT NOT NULL CHECK (subject_type IN ('resource','asset')),
  resource_id         {{bigint}} REFERENCES resource(id),
  asset_id            {{bigint}} REFERENCES asset(id),
  counterparty        TEXT NOT NULL,
  counterparty_id_no  TEXT NOT NULL DEFAULT '',     -- stored in full, masked in every output
  counterparty_phone  TEXT NOT NULL DEFAULT '',
  start_date          {{text_c}} NOT NULL,
  end_date            {{text_c}} NOT NULL,
  area_milli          {{bigint}} NOT NULL DEFAULT 0,
  area_unit           TEXT NOT NULL CHECK (area_unit IN ('mu','m2')),
  unit_price_fen      {{bigint}} NOT NULL DEFAULT 0, -- per unit of area per year
  total_fen           {{bigint}} NOT NULL CHECK (total_fen > 0),
  status              TEXT NOT NULL CHECK (status IN ('active','terminated')),
  note                TEXT NOT NULL DEFAULT '',
  created_by          {{bigint}},
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (region_code, number)
);
CREATE INDEX contract_region_end ON contract(region_code, end_date);

-- Payment schedule (付款计划): instalments in due order; amounts sum to the contract's total.
CREATE TABLE contract_instalment (
  id          {{id}},
  contract_id {{bigint}} NOT NULL REFERENCES contract(id),
  seq         INTEGER NOT NULL,
  due_date    {{text_c}} NOT NULL,
  amount_fen  {{bigint}} NOT NULL CHECK (amount_fen > 0),
  UNIQUE (contract_id, seq)
);

-- Money received (收款). Applied to instalments oldest first when arrears are computed.
CREATE TABLE contract_payment (
  id          {{id}},
  contract_id {{bigint}} NOT NULL REFERENCES contract(id),
  amount_fen  {{bigint}} NOT NULL CHECK (amount_fen > 0),
  paid_date   {{text_c}} NOT NULL,
  voucher_ref TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  created_by  {{bigint}},
  created_at  TEXT NOT NULL
);
CREATE INDEX contract_payment_contract ON contract_payment(contract_id);

-- Warning thresholds per region (a street's row applies to its villages unless a village has
-- its own). Without any row the DOMAIN.md defaults apply: 20 years, arable land 30, 50 %.
CREATE TABLE asset_setting (
  region_code           {{text_c}} PRIMARY KEY REFERENCES region(code),
  max_term_years        INTEGER NOT NULL,
  max_term_years_arable INTEGER NOT NULL,
  min_price_percent     INTEGER NOT NULL,           -- unit price below this % of reference = red
  updated_by            {{bigint}},
  updated_at            TEXT NOT NULL
);

-- Reference prices per resource kind (fen per unit of area per year), region-configurable.
CREATE TABLE asset_reference_price (
  region_code {{text_c}} NOT NULL REFERENCES region(code),
  kind        TEXT NOT NULL,                        -- resource kind, 'arable' for arable land, or 'asset'
  area_unit   TEXT NOT NULL CHECK (area_unit IN ('mu','m2')),
  price_fen   {{bigint}} NOT NULL CHECK (price_fen > 0),
  PRIMARY KEY (region_code, kind, area_unit)
);

-- The asset categories (资产类别), a dictionary so a region's admin can add more.
INSERT INTO dict_type (code, name_zh, name_en, builtin, created_at, updated_at)
  VALUES ('asset_category', '资产类别', 'Asset category', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z');
INSERT INTO dict_item (type_code, value, label_zh, label_en, sort, enabled, created_at, updated_at) VALUES
  ('asset_category', 'building', '房屋建筑物', 'Buildings and structures', 1, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('asset_category', 'machinery', '机器设备', 'Machinery and equipment', 2, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('asset_category', 'vehicle', '交通工具', 'Vehicles', 3, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('asset_category', 'farm_infrastructure', '农业基础设施', 'Farm infrastructure', 4, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('asset_category', 'office', '办公设备', 'Office equipment', 5, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('asset_category', 'biological', '生物资产', 'Biological assets', 6, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'),
  ('asset_category', 'other', '其他', 'Other', 7, 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z');
