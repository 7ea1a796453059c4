-- Residents' questions and comments (居民留言) on publications: what 0002's table lacked for
-- moderation by the community's supervisors (三方监督) and public answers.
-- kind: a question expects an answer, a comment need not get one.
ALTER TABLE disclosure_comment ADD COLUMN kind TEXT NOT NULL DEFAULT 'comment'
  CHECK (kind IN ('question', 'comment'));
-- The moderation decision: who (moderated_by, 0002), when, and why a comment was rejected.
ALTER TABLE disclosure_comment ADD COLUMN moderated_at TEXT;
ALTER TABLE disclosure_comment ADD COLUMN reject_reason TEXT;
ALTER TABLE disclosure_comment ADD COLUMN updated_at TEXT;
-- The per-publication cap counts recent submissions of one publication.
CREATE INDEX disclosure_comment_recent ON disclosure_comment(disclosure_id, created_at);

-- Answering is the secretary's and the clerk's job. New databases get the permission from the
-- built-in roles when they are seeded (after the migrations); databases seeded before this
-- migration get it here, unless an administrator already changed the role's permissions to
-- include it. Permissions are a JSON array of strings, never empty for these two roles.
UPDATE role SET permissions = SUBSTR(permissions, 1, LENGTH(permissions) - 1) || ',"disclosure:comment:answer"]'
  WHERE builtin = 1 AND code IN ('secretary', 'clerk') AND permissions LIKE '[%"%]'
    AND permissions NOT LIKE '%disclosure:comment:answer%';
