-- Witnesses of the publication log (c2sp.org/tlog-witness): the cosignature/v1 keys whose
-- cosignatures the server accepts and serves on /log/checkpoint (docs/TLOG.md).
CREATE TABLE tlog_witness (
  name       TEXT PRIMARY KEY,   -- the key name, unique among witnesses
  vkey       TEXT NOT NULL,      -- "<name>+<hex key id>+<base64(0x04 || key)>"
  created_at TEXT NOT NULL
);
