-- Who wrote each revision (the account, as the server names it) and which sections of the
-- plan it changed (comma-separated `validation::Section` keys): the outline shows who last
-- edited each section, and a stale edit that is refused names the colleague who came first.
ALTER TABLE plan_revisions ADD COLUMN IF NOT EXISTS author TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_revisions ADD COLUMN IF NOT EXISTS sections TEXT NOT NULL DEFAULT '';

-- The accounts made by the admin (the account that set the database up). An account with an
-- agency is a department's: it may change only the tasks that agency leads (see 0003). The
-- agency is kept by its name in the plan's directory, which stays the same from one year's
-- plan to the next, where ids need not.
CREATE TABLE IF NOT EXISTS accounts (
    account    TEXT PRIMARY KEY,
    full_name  TEXT NOT NULL,
    agency     TEXT,
    created_at TEXT NOT NULL
);
