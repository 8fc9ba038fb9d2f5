-- Who wrote each revision and which sections it changed; the accounts table exists so that
-- the store's SQL is the same on both engines, but on a personal file it stays empty (see the
-- PostgreSQL migration 0002).
ALTER TABLE plan_revisions ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_revisions ADD COLUMN sections TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS accounts (
    account    TEXT PRIMARY KEY,
    full_name  TEXT NOT NULL,
    agency     TEXT,
    created_at TEXT NOT NULL
);
