-- Undo/redo over an append-only history. For each revision:
--   kind          'edit' (a change by the planner), 'undo' or 'redo'
--   state         the revision whose content this one shows (an 'edit' or the creation)
--   parent_state  for an edit: the state it was made from (what undo goes back to)
--   from_state    for an undo/redo: the state it left
ALTER TABLE plan_revisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'edit';
ALTER TABLE plan_revisions ADD COLUMN state INTEGER;
ALTER TABLE plan_revisions ADD COLUMN parent_state INTEGER;
ALTER TABLE plan_revisions ADD COLUMN from_state INTEGER;
UPDATE plan_revisions SET state = revision, parent_state = CASE WHEN revision > 1 THEN revision - 1 END;
