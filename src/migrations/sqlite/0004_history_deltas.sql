-- A history that stays small (see src/store/deltas.rs): when `base` is set, `document` holds
-- a JSON Patch (RFC 6902) that turns revision `base`'s plan into this revision's. The newest
-- revision, and one in every 50, keep the whole plan. Existing rows are turned into patches
-- by the application when it opens the file (a patch cannot be computed in SQL).
ALTER TABLE plan_revisions ADD COLUMN base INTEGER;
