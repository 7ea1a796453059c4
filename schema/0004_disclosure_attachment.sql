-- Publication attachments (PDF and images) as content-addressed blobs, stored once however many
-- publications cite them. An attachment row never changes once its publication is published,
-- and the log entry carries every hash, so `qinglian log verify` recomputes both the entry and
-- each blob's hash.
CREATE TABLE attachment_blob (
  sha256     {{text_c}} PRIMARY KEY,  -- lowercase hex of the content
  size       {{bigint}} NOT NULL,
  content    {{blob}} NOT NULL,
  created_at TEXT NOT NULL
);

-- 0002 declared disclosure_attachment before any route wrote it (it is empty on every
-- database). It is recreated with the foreign key to its blob, so that a blob can never be
-- removed while a publication cites it, even by two transactions racing on PostgreSQL; SQLite
-- cannot add a foreign key to an existing table.
DROP TABLE disclosure_attachment;
CREATE TABLE disclosure_attachment (
  id            {{id}},
  disclosure_id {{bigint}} NOT NULL REFERENCES disclosure(id),
  filename      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          {{bigint}} NOT NULL,
  sha256        {{text_c}} NOT NULL REFERENCES attachment_blob(sha256),
  created_at    TEXT NOT NULL,
  UNIQUE (disclosure_id, sha256)     -- one file appears once per publication
);
CREATE INDEX disclosure_attachment_sha256 ON disclosure_attachment(sha256);
