-- The same tables as the SQLite store's migrations 0001 and 0002, for a PostgreSQL server:
-- a plan is one JSON document with the columns the plan list needs; every edit, undo or
-- redo is a row of plan_revisions (see the SQLite migration 0002 for the columns' meaning).
CREATE TABLE IF NOT EXISTS plans (
    id          TEXT PRIMARY KEY,
    province    TEXT NOT NULL,
    year        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,
    revision    BIGINT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    document    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS plan_revisions (
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    revision     BIGINT NOT NULL,
    created_at   TEXT NOT NULL,
    summary      TEXT NOT NULL,
    document     TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT 'edit',
    state        BIGINT,
    parent_state BIGINT,
    from_state   BIGINT,
    PRIMARY KEY (plan_id, revision)
);

CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
