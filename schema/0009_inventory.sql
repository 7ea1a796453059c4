-- Yearly stock-take (年度清查) of a village's assets and resources. See src/ledger/inventory.hpp.
CREATE TABLE inventory (
  id           {{id}},
  region_code  {{text_c}} NOT NULL REFERENCES region(code),
  year         INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('open','closed')),
  note         TEXT NOT NULL DEFAULT '',
  created_by   {{bigint}},
  created_at   TEXT NOT NULL,
  closed_by    {{bigint}},
  closed_at    TEXT,
  updated_at   TEXT NOT NULL,
  UNIQUE (region_code, year)
);

-- One line of the count sheet: a snapshot of a register entry when the session started
-- (book_*), or an item found that is not in the register (item_type 'surplus', 盘盈).
CREATE TABLE inventory_item (
  id                {{id}},
  inventory_id      {{bigint}} NOT NULL REFERENCES inventory(id),
  item_type         TEXT NOT NULL CHECK (item_type IN ('asset','resource','surplus')),
  ref_id            {{bigint}},              -- asset.id / resource.id; for surplus the row registered at close
  code              {{text_c}} NOT NULL,
  name              TEXT NOT NULL,
  category          TEXT NOT NULL DEFAULT '', -- asset category or resource kind
  book_value_fen    {{bigint}} NOT NULL DEFAULT 0,
  book_area_milli   {{bigint}} NOT NULL DEFAULT 0,
  area_unit         TEXT NOT NULL DEFAULT '',
  book_location     TEXT NOT NULL DEFAULT '',
  book_custodian    TEXT NOT NULL DEFAULT '',
  result            TEXT NOT NULL CHECK (result IN ('pending','found','missing','changed')),
  new_value_fen     {{bigint}},
  new_area_milli    {{bigint}},
  new_location      TEXT,
  new_custodian     TEXT,
  note              TEXT NOT NULL DEFAULT '',
  surplus_kind      TEXT,                    -- surplus: 'asset' or 'resource'
  acquired_date     TEXT,                    -- surplus asset
  add_to_register   INTEGER NOT NULL DEFAULT 0,
  counted_by        {{bigint}},
  counted_at        TEXT
);
CREATE INDEX inventory_item_session ON inventory_item(inventory_id, item_type, code);
