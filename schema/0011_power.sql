-- Petty power (小微权力清单): the catalogue of power items per region with versioned flows,
-- the routing rules by amount, cases (one run of an item) with their steps, joint signatures
-- and history, and the seal-use log. See docs/POWER.md and src/power/.

-- A region's power items (copied from the built-in template on first use or explicit init).
CREATE TABLE power_item (
  id            {{id}},
  region_code   {{text_c}} NOT NULL REFERENCES region(code),
  code          {{text_c}} NOT NULL,                 -- e.g. collective.purchase
  name_zh       TEXT NOT NULL,
  name_en       TEXT NOT NULL DEFAULT '',
  item_group    TEXT NOT NULL CHECK (item_group IN ('collective','service')),
  kind          TEXT NOT NULL,                       -- routing kind (routing.hpp)
  legal_basis   TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  enabled       INTEGER NOT NULL DEFAULT 1,
  flow_version  INTEGER NOT NULL,                    -- the current version in power_item_flow
  sort          INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (region_code, code)
);

-- Every version of an item's flow; never updated, so a running case can keep its version.
CREATE TABLE power_item_flow (
  id          {{id}},
  item_id     {{bigint}} NOT NULL REFERENCES power_item(id),
  version     INTEGER NOT NULL,
  flow        TEXT NOT NULL,                         -- flow_to_json
  created_by  {{bigint}},
  created_at  TEXT NOT NULL,
  UNIQUE (item_id, version)
);

-- Thresholds in fen by region and kind; the nearest region up the tree wins, else the default.
CREATE TABLE power_rule (
  region_code        {{text_c}} NOT NULL REFERENCES region(code),
  kind               {{text_c}} NOT NULL,
  medium_from_fen    {{bigint}} NOT NULL CHECK (medium_from_fen > 0),
  large_from_fen     {{bigint}} NOT NULL CHECK (large_from_fen > medium_from_fen),
  township_from_fen  {{bigint}},
  county_from_fen    {{bigint}},
  updated_by         {{bigint}},
  updated_at         TEXT NOT NULL,
  PRIMARY KEY (region_code, kind)
);

-- Case numbers QL-<region>-<year>-<seq>: a per-region, per-year counter bumped by an upsert,
-- which serialises concurrent starts on the row instead of racing on MAX()+1.
CREATE TABLE power_case_counter (
  region_code  {{text_c}} NOT NULL,
  year         INTEGER NOT NULL,
  last_seq     INTEGER NOT NULL,
  PRIMARY KEY (region_code, year)
);

CREATE TABLE power_case (
  id                 {{id}},
  region_code        {{text_c}} NOT NULL REFERENCES region(code),
  number             {{text_c}} NOT NULL UNIQUE,
  item_id            {{bigint}} NOT NULL REFERENCES power_item(id),
  flow_id            {{bigint}} NOT NULL REFERENCES power_item_flow(id),  -- the version it started with
  kind               TEXT NOT NULL,
  band               TEXT NOT NULL,
  title              TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  amount_fen         {{bigint}} CHECK (amount_fen IS NULL OR amount_fen >= 0),
  counterparty       TEXT NOT NULL DEFAULT '',
  status             {{text_c}} NOT NULL CHECK (status IN ('in_progress','returned','rejected','completed')),
  current_seq        INTEGER NOT NULL,                 -- 1-based step; steps_total + 1 when completed
  steps_total        INTEGER NOT NULL,
  first_approved_at  TEXT,                             -- after it the amount may not rise
  round              INTEGER NOT NULL DEFAULT 0,       -- bumped on each return for changes
  requester_id       {{bigint}} NOT NULL,
  requester_name     TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  completed_at       TEXT
);
CREATE INDEX power_case_region ON power_case(region_code, created_at);
CREATE INDEX power_case_status ON power_case(status, region_code);

-- The case's route: the steps its band takes, copied from its flow version.
CREATE TABLE power_case_step (
  id               {{id}},
  case_id          {{bigint}} NOT NULL REFERENCES power_case(id),
  seq              INTEGER NOT NULL,
  step_key         TEXT NOT NULL,
  name_zh          TEXT NOT NULL,
  name_en          TEXT NOT NULL DEFAULT '',
  kind             TEXT NOT NULL,
  roles            TEXT NOT NULL,                    -- JSON array of role codes
  meeting_body     TEXT NOT NULL DEFAULT '',
  time_limit_days  INTEGER NOT NULL DEFAULT 0,
  status           {{text_c}} NOT NULL CHECK (status IN ('pending','active','done','rejected')),
  started_at       TEXT,
  due_at           TEXT,                             -- started_at + time limit (calendar days)
  done_at          TEXT,
  done_by          {{bigint}},
  done_by_name     TEXT,
  result           TEXT,                             -- JSON: tender result, meeting figures, ...
  disclosure_id    {{bigint}} REFERENCES disclosure(id),
  UNIQUE (case_id, seq)
);
CREATE INDEX power_case_step_due ON power_case_step(status, due_at);

-- Joint (会签) signatures: one per role and one per user on a step.
CREATE TABLE power_case_signature (
  id         {{id}},
  case_id    {{bigint}} NOT NULL REFERENCES power_case(id),
  seq        INTEGER NOT NULL,
  round      INTEGER NOT NULL DEFAULT 0,             -- bumped when the case is returned
  role       TEXT NOT NULL,
  user_id    {{bigint}} NOT NULL,
  user_name  TEXT NOT NULL,
  comment    TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL,
  UNIQUE (case_id, seq, round, role),
  UNIQUE (case_id, seq, round, user_id)
);

-- Everything that happened to the case, in order (the case page's history).
CREATE TABLE power_case_event (
  id         {{id}},
  case_id    {{bigint}} NOT NULL REFERENCES power_case(id),
  seq        INTEGER NOT NULL,
  step_key   TEXT NOT NULL,
  action     TEXT NOT NULL,
  user_id    {{bigint}},
  user_name  TEXT NOT NULL,
  comment    TEXT NOT NULL DEFAULT '',
  detail     TEXT,                                   -- JSON
  at         TEXT NOT NULL
);
CREATE INDEX power_case_event_case ON power_case_event(case_id, id);

-- 印章使用登记: every stamp is tied to a case.
CREATE TABLE power_seal_use (
  id               {{id}},
  region_code      {{text_c}} NOT NULL REFERENCES region(code),
  case_id          {{bigint}} NOT NULL REFERENCES power_case(id),
  seal_name        TEXT NOT NULL,
  document         TEXT NOT NULL,
  copies           INTEGER NOT NULL CHECK (copies > 0),
  stamped_by       TEXT NOT NULL,
  stamped_at       TEXT NOT NULL,
  note             TEXT NOT NULL DEFAULT '',
  created_by       {{bigint}},
  created_at       TEXT NOT NULL
);
CREATE INDEX power_seal_use_region ON power_seal_use(region_code, stamped_at);
