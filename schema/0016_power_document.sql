-- Documents of power cases (办件材料): the files uploaded to a case's steps, each optionally
-- naming which of the step's required documents (the flow's `attachments`) it is. The bytes are
-- content-addressed in attachment_blob, shared with publication attachments, so the same file
-- is stored once; a blob is dropped only when neither table cites it. A row is never changed,
-- and it is deleted only by its uploader while its step is open (src/power/document.hpp).
CREATE TABLE power_case_document (
  id                {{id}},
  case_id           {{bigint}} NOT NULL REFERENCES power_case(id),
  seq               INTEGER NOT NULL,                  -- the step (power_case_step.seq)
  step_key          TEXT NOT NULL,
  document          TEXT NOT NULL DEFAULT '',          -- a required document's name, or '' for other material
  filename          TEXT NOT NULL,
  content_type      TEXT NOT NULL,
  size              {{bigint}} NOT NULL,
  sha256            {{text_c}} NOT NULL REFERENCES attachment_blob(sha256),
  uploaded_by       {{bigint}},
  uploaded_by_name  TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  UNIQUE (case_id, seq, sha256)                        -- one file appears once per step
);
CREATE INDEX power_case_document_case ON power_case_document(case_id, seq);
CREATE INDEX power_case_document_sha256 ON power_case_document(sha256);
