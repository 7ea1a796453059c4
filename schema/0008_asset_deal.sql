-- Asset deals (三资交易): the disposal, lease or contracting-out of a village's asset or
-- resource, walked through a step list (the 16-step 明白纸 by default, docs/ASSETS.md) and
-- disclosed at three stages through the publication log. See src/ledger/deal.hpp.

-- A region's own step list (a street edits it for its villages; the nearest ancestor with a
-- row wins, else the built-in default). steps: JSON array of step definitions.
CREATE TABLE asset_deal_template (
  region_code  {{text_c}} PRIMARY KEY REFERENCES region(code),
  steps        TEXT NOT NULL,
  updated_by   {{bigint}},
  updated_at   TEXT NOT NULL
);

CREATE TABLE asset_deal (
  id                {{id}},
  region_code       {{text_c}} NOT NULL REFERENCES region(code),
  number            {{text_c}} NOT NULL,                 -- JY-YYYY-NNN, unique per village
  title             TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('disposal','lease','contracting')),
  subject_type      TEXT NOT NULL CHECK (subject_type IN ('asset','resource')),
  subject_id        {{bigint}} NOT NULL,
  reserve_price_fen {{bigint}} NOT NULL CHECK (reserve_price_fen >= 0),  -- 底价
  method            TEXT NOT NULL CHECK (method IN ('auction','tender','listing','negotiation')),
  description       TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL CHECK (status IN ('in_progress','completed')),
  current_step      INTEGER NOT NULL,                    -- 1-based; steps_total + 1 once completed
  steps_total       INTEGER NOT NULL,
  template_from     TEXT,                                -- region whose template was copied; NULL: default
  winner            TEXT,                                -- 受让方/承租方
  price_fen         {{bigint}},                          -- 成交价
  contract_id       {{bigint}} REFERENCES contract(id),
  contract_number   TEXT,
  created_by        {{bigint}} NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  completed_at      TEXT,
  UNIQUE (region_code, number)
);
CREATE INDEX asset_deal_region ON asset_deal(region_code, created_at);

-- The deal's own copy of its steps, with who completed each and when.
CREATE TABLE asset_deal_step (
  id            {{id}},
  deal_id       {{bigint}} NOT NULL REFERENCES asset_deal(id),
  seq           INTEGER NOT NULL,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL,
  content       TEXT NOT NULL DEFAULT '',   -- 实施内容
  output        TEXT NOT NULL DEFAULT '',   -- what the step produces
  action        TEXT NOT NULL,              -- none, disclose_before, disclose_plan, record_result, sign_contract, disclose_after
  approval      INTEGER NOT NULL DEFAULT 0, -- a decision the requester may not take
  status        TEXT NOT NULL CHECK (status IN ('pending','done')),
  done_by       {{bigint}},
  done_by_name  TEXT,
  done_at       TEXT,
  note          TEXT NOT NULL DEFAULT '',
  attachments   INTEGER NOT NULL DEFAULT 0, -- paper attachments counted
  disclosure_id {{bigint}} REFERENCES disclosure(id),
  UNIQUE (deal_id, seq)
);

-- Every completion and return, in order (the timeline).
CREATE TABLE asset_deal_event (
  id           {{id}},
  deal_id      {{bigint}} NOT NULL REFERENCES asset_deal(id),
  seq          INTEGER NOT NULL,
  action       TEXT NOT NULL CHECK (action IN ('complete','return')),
  user_id      {{bigint}},
  user_name    TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  attachments  INTEGER NOT NULL DEFAULT 0,
  at           TEXT NOT NULL
);
CREATE INDEX asset_deal_event_deal ON asset_deal_event(deal_id, id);
