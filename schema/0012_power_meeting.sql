-- 四议两公开 meeting records of power cases: attendance and votes, and whether the quorum
-- (at least two thirds present) and majority (more than half of all members in favour) held.
CREATE TABLE power_meeting (
  id               {{id}},
  case_id          {{bigint}} NOT NULL REFERENCES power_case(id),
  seq              INTEGER NOT NULL,
  body             TEXT NOT NULL,                    -- two_committees, party_members, representatives
  held_at          TEXT NOT NULL,
  members_total    INTEGER NOT NULL CHECK (members_total > 0),
  present          INTEGER NOT NULL CHECK (present >= 0),
  attendees        TEXT NOT NULL DEFAULT '',
  votes_for        INTEGER NOT NULL CHECK (votes_for >= 0),
  votes_against    INTEGER NOT NULL CHECK (votes_against >= 0),
  votes_abstain    INTEGER NOT NULL CHECK (votes_abstain >= 0),
  passed           INTEGER NOT NULL,
  resolution       TEXT NOT NULL DEFAULT '',
  recorded_by      {{bigint}},
  recorded_by_name TEXT NOT NULL,
  recorded_at      TEXT NOT NULL
);
CREATE INDEX power_meeting_case ON power_meeting(case_id, seq);
