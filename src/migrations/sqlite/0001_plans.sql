-- A plan is stored as one JSON document (the same shape as the plan file's "plan"), with
-- the columns the plan list needs. Every edit bumps `revision` and keeps the previous
-- document in plan_revisions (history, undo, recovery).
CREATE TABLE IF NOT EXISTS plans (
    id          TEXT PRIMARY KEY,
    province    TEXT NOT NULL,
    year        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    document    TEXT NOT NULL CHECK (json_valid(document))
);

CREATE TABLE IF NOT EXISTS plan_revisions (
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    summary     TEXT NOT NULL,
    document    TEXT NOT NULL CHECK (json_valid(document)),
    PRIMARY KEY (plan_id, revision)
);

CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
