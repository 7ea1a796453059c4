-- Which of its default permissions each built-in role has been given so far. A newer version
-- that adds a permission to a built-in role's defaults (a new module's) then gives it to
-- databases seeded before it, once, while a permission an administrator removed stays removed
-- (auth::seed_builtin_roles runs at every start).
ALTER TABLE role ADD COLUMN builtin_granted TEXT;
-- What a built-in role holds now is the best record of what it was given until now.
UPDATE role SET builtin_granted = permissions WHERE builtin = 1;
