-- Disclosure (三务公开): catalogues of what must be published and by when, publications that
-- are frozen once published, and the tamper-evident publication log (RFC 9162 / C2SP).

-- A catalogue (公开目录) of one region for one year. A street's template (is_template = 1) is
-- adopted by its communities: adopting copies the items, which each community may extend.
CREATE TABLE disclosure_catalog (
  id           {{id}},
  region_code  {{text_c}} NOT NULL REFERENCES region(code),
  year         INTEGER NOT NULL,
  name         TEXT NOT NULL,
  is_template  INTEGER NOT NULL DEFAULT 0,
  adopted_from {{bigint}} REFERENCES disclosure_catalog(id),
  created_by   {{bigint}},
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (region_code, year, is_template)
);

CREATE TABLE disclosure_catalog_item (
  id          {{id}},
  catalog_id  {{bigint}} NOT NULL REFERENCES disclosure_catalog(id),
  code        TEXT NOT NULL,
  title       TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN ('party','affairs','finance','service')),
  frequency   TEXT NOT NULL CHECK (frequency IN ('immediate','monthly','quarterly','yearly')),
  -- Days after the end of each period by which the item is due (quarterly by the 20th of the
  -- next quarter's first month: 20); for 'immediate' items, days after the triggering event.
  due_days    INTEGER NOT NULL,
  -- For 'immediate' items triggered by spending: the threshold in fen (5万元 = 5000000).
  threshold_fen {{bigint}},
  description TEXT NOT NULL DEFAULT '',
  sort        INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (catalog_id, code)
);

-- A publication. Drafts are editable; publishing freezes the row (a trigger-free rule kept by
-- the service and checked by `qinglian log verify` against the log). A correction is a new
-- row that supersedes the old; a withdrawal is a log entry and a status change.
CREATE TABLE disclosure (
  id              {{id}},
  region_code     {{text_c}} NOT NULL REFERENCES region(code),
  catalog_item_id {{bigint}} REFERENCES disclosure_catalog_item(id),
  period          TEXT,            -- e.g. 2026-Q3, 2026-07, 2026: which due period it fulfils
  category        TEXT NOT NULL CHECK (category IN ('party','affairs','finance','service')),
  stage           TEXT NOT NULL CHECK (stage IN ('before','during','after')),
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,   -- Markdown; rendered without raw HTML
  links           TEXT NOT NULL DEFAULT '[]',  -- JSON [{"type","id"}] to other records
  status          TEXT NOT NULL CHECK (status IN ('draft','published','superseded','withdrawn')),
  supersedes_id   {{bigint}} REFERENCES disclosure(id),
  log_index       {{bigint}},      -- the log entry that published it
  published_at    TEXT,
  published_by    {{bigint}},
  withdrawn_reason TEXT,
  withdrawn_at    TEXT,
  withdrawn_by    {{bigint}},
  created_by      {{bigint}},
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX disclosure_region ON disclosure(region_code, status);
CREATE INDEX disclosure_item ON disclosure(catalog_item_id, period);

CREATE TABLE disclosure_attachment (
  id            {{id}},
  disclosure_id {{bigint}} NOT NULL REFERENCES disclosure(id),
  filename      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          {{bigint}} NOT NULL,
  sha256        TEXT NOT NULL,     -- hex; the content lives in the attachment store under it
  created_at    TEXT NOT NULL
);
CREATE INDEX disclosure_attachment_owner ON disclosure_attachment(disclosure_id);

-- The publication log. Each entry is the exact canonical JSON that was hashed into the tree.
CREATE TABLE tlog_entry (
  idx           {{bigint}} PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('publish','correct','withdraw')),
  disclosure_id {{bigint}} NOT NULL REFERENCES disclosure(id),
  entry         TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX tlog_entry_disclosure ON tlog_entry(disclosure_id);

-- Stored hashes of complete subtrees, at their dense stored-hash index (docs/TLOG.md).
CREATE TABLE tlog_hash (
  idx  {{bigint}} PRIMARY KEY,
  hash TEXT NOT NULL              -- base64 SHA-256
);

-- Every signed checkpoint, so consistency between consecutive ones can be re-checked.
CREATE TABLE tlog_checkpoint (
  size       {{bigint}} PRIMARY KEY,
  root       TEXT NOT NULL,       -- base64 SHA-256
  note       TEXT NOT NULL,       -- the signed note as served
  created_at TEXT NOT NULL
);

CREATE TABLE tlog_cosignature (
  id              {{id}},
  checkpoint_size {{bigint}} NOT NULL REFERENCES tlog_checkpoint(size),
  witness         TEXT NOT NULL,   -- the witness key name
  signature_line  TEXT NOT NULL,   -- the cosignature line as the witness gave it
  created_at      TEXT NOT NULL,
  UNIQUE (checkpoint_size, witness)
);

-- Residents' questions and comments on a publication, moderated by the community's
-- supervisors (三方监督) before they show; answers are public.
CREATE TABLE disclosure_comment (
  id            {{id}},
  disclosure_id {{bigint}} NOT NULL REFERENCES disclosure(id),
  body          TEXT NOT NULL,
  author        TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
  answer        TEXT,
  answered_by   {{bigint}},
  answered_at   TEXT,
  moderated_by  {{bigint}},
  client_hash   TEXT NOT NULL,     -- SHA-256 of the client address, for rate limiting only
  created_at    TEXT NOT NULL
);
CREATE INDEX disclosure_comment_owner ON disclosure_comment(disclosure_id, status);
CREATE INDEX disclosure_comment_client ON disclosure_comment(client_hash, created_at);
