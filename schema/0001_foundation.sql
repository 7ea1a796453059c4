-- Foundation: regions, roles, users, sessions, login log, operation log, dictionaries.
-- Dialect tokens ({{id}}, {{bigint}}, {{text_c}}) are explained in docs/STORAGE.md.
-- Times are ISO-8601 UTC text (YYYY-MM-DDTHH:MM:SSZ); flags are INTEGER 0/1.

CREATE TABLE region (
  code        {{text_c}} PRIMARY KEY,
  parent_code {{text_c}} REFERENCES region(code),
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('city','district','street','community','grid')),
  -- '/<root code>/.../<own code>/': "this region and below" is one prefix match on path.
  path        {{text_c}} NOT NULL UNIQUE,
  sort        INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX region_parent ON region(parent_code);

CREATE TABLE role (
  code        TEXT PRIMARY KEY,
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  data_scope  TEXT NOT NULL CHECK (data_scope IN ('all','region_and_below','region','own')),
  permissions TEXT NOT NULL,  -- JSON array of permission strings
  builtin     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE app_user (
  id            {{id}},
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role_code     TEXT NOT NULL REFERENCES role(code),
  region_code   {{text_c}} NOT NULL REFERENCES region(code),
  phone         TEXT,
  enabled       INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  created_by    {{bigint}},
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX app_user_region ON app_user(region_code);

CREATE TABLE user_session (
  token_hash  TEXT PRIMARY KEY,  -- hex SHA-256 of the bearer token; the token itself is never stored
  user_id     {{bigint}} NOT NULL REFERENCES app_user(id),
  csrf_token  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  revoked_at  TEXT,
  ip          TEXT,
  user_agent  TEXT
);
CREATE INDEX user_session_user_id ON user_session(user_id);

CREATE TABLE login_log (
  id          {{id}},
  at          TEXT NOT NULL,
  username    TEXT NOT NULL,
  user_id     {{bigint}},
  region_code {{text_c}},
  success     INTEGER NOT NULL,
  reason      TEXT NOT NULL,
  ip          TEXT,
  user_agent  TEXT
);
CREATE INDEX login_log_at ON login_log(at);
CREATE INDEX login_log_username ON login_log(username);

CREATE TABLE op_log (
  id          {{id}},
  at          TEXT NOT NULL,
  user_id     {{bigint}},
  username    TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  region_code {{text_c}},
  changes     TEXT NOT NULL,  -- JSON
  ip          TEXT
);
CREATE INDEX op_log_at ON op_log(at);
CREATE INDEX op_log_object ON op_log(object_type, object_id);
CREATE INDEX op_log_region ON op_log(region_code);

CREATE TABLE dict_type (
  code       TEXT PRIMARY KEY,
  name_zh    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  builtin    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE dict_item (
  type_code  TEXT NOT NULL REFERENCES dict_type(code),
  value      TEXT NOT NULL,
  label_zh   TEXT NOT NULL,
  label_en   TEXT NOT NULL,
  sort       INTEGER NOT NULL DEFAULT 0,
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (type_code, value)
);
