-- The guards hold whatever an account does in its own session (issue 23). Before, a
-- department's account could switch the guard off with `CREATE TEMP TABLE accounts(…)` (the
-- guard looked tables up through the caller's search_path, where pg_temp comes first), move
-- `revision` anywhere (then wipe the history, or make every later save fail), write a plan
-- with no history row, or rewrite old history rows.
--
-- 1. Every guard function looks tables up in this schema only, with pg_temp last, and app
--    accounts may not create temporary tables at all.
-- 2. Any UPDATE of a plan, by anyone: the id and creation time never change, the revision is
--    the old one plus one, and by the end of the transaction a history row of that revision
--    holds exactly the stored document.
-- 3. History rows are never updated; an app account (a drafter or a department: a row of
--    `accounts`) inserts one only as a save does (its own name, the plan's current revision
--    and document) or, for a plan written in the same transaction (copied up with its
--    history), in ascending order up to its revision; it deletes only past the kept
--    revisions, or with the plan itself.
-- 4. Only the admin (an account not made by dxplan_create_account) deletes a whole plan.
-- 5. A document with a key twice ({"vision": "X", …, "vision": "Y"}) is refused: the guard
--    (jsonb, last key wins) and the app (which refuses it) would read two different plans.

DO $$
DECLARE
    here TEXT := current_schema();
    f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['dxplan_groups_without_tasks(jsonb)', 'dxplan_tasks_of_others(jsonb, text[])',
                             'dxplan_department_guard()', 'dxplan_kept_revisions()',
                             'dxplan_department_history_guard()', 'dxplan_create_account(text, text, text, text)']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, here);
    END LOOP;
    BEGIN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'TEMPORARY not revoked: run this migration as the database owner';
    END;
END $$;

-- The one way every guard refuses: SQLSTATE 42501 with the sentence the window shows.
CREATE OR REPLACE FUNCTION dxplan_refuse(message TEXT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = message;
END $$;

-- Whether a JSON text has an object with the same key twice, at any depth (the `json`
-- type keeps every key as written, unlike `jsonb`).
CREATE OR REPLACE FUNCTION dxplan_duplicate_keys(j JSON) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE json_typeof(j)
        WHEN 'object' THEN
            (SELECT count(*) <> count(DISTINCT k) FROM json_object_keys(j) AS k)
            OR EXISTS (SELECT 1 FROM json_each(j) AS e WHERE dxplan_duplicate_keys(e.value))
        WHEN 'array' THEN
            EXISTS (SELECT 1 FROM json_array_elements(j) AS e WHERE dxplan_duplicate_keys(e))
        ELSE false
    END
$$;

CREATE OR REPLACE FUNCTION dxplan_document_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF dxplan_duplicate_keys(NEW.document::json) THEN
        PERFORM dxplan_refuse(format('Tài khoản %s: nội dung kế hoạch có một mục ghi hai lần, máy chủ không nhận. Thay đổi này không được lưu.', session_user));
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS plans_document_guard ON plans;
CREATE TRIGGER plans_document_guard BEFORE INSERT OR UPDATE ON plans
    FOR EACH ROW EXECUTE FUNCTION dxplan_document_guard();
DROP TRIGGER IF EXISTS plan_revisions_document_guard ON plan_revisions;
CREATE TRIGGER plan_revisions_document_guard BEFORE INSERT ON plan_revisions
    FOR EACH ROW EXECUTE FUNCTION dxplan_document_guard();

CREATE OR REPLACE FUNCTION dxplan_plan_delete_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM accounts a WHERE a.account = session_user) THEN
        PERFORM dxplan_refuse(format('Tài khoản %s không xóa được kế hoạch trên máy chủ dùng chung: chỉ tài khoản quản trị mới xóa được (cùng toàn bộ lịch sử). Kế hoạch vẫn còn nguyên.', session_user));
    END IF;
    RETURN OLD;
END $$;

DROP TRIGGER IF EXISTS plans_delete_guard ON plans;
CREATE TRIGGER plans_delete_guard BEFORE DELETE ON plans
    FOR EACH ROW EXECUTE FUNCTION dxplan_plan_delete_guard();

CREATE OR REPLACE FUNCTION dxplan_plan_row_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at OR NEW.revision <> OLD.revision + 1 THEN
        PERFORM dxplan_refuse(format('Tài khoản %s: mỗi lần lưu kế hoạch là một phiên bản mới kế tiếp (%s), không được đổi mã, ngày tạo hay số phiên bản. Thay đổi này không được lưu.', session_user, OLD.revision + 1));
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS plans_row_guard ON plans;
CREATE TRIGGER plans_row_guard BEFORE UPDATE ON plans
    FOR EACH ROW EXECUTE FUNCTION dxplan_plan_row_guard();

-- Checked at commit, so the order of the UPDATE and the INSERT does not matter.
CREATE OR REPLACE FUNCTION dxplan_plan_has_history() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM plan_revisions r
                   WHERE r.plan_id = NEW.id AND r.revision = NEW.revision AND r.document = NEW.document) THEN
        PERFORM dxplan_refuse(format('Tài khoản %s: thay đổi kế hoạch phải được ghi vào lịch sử sửa đổi cùng lúc. Thay đổi này không được lưu.', session_user));
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS plans_have_history ON plans;
CREATE CONSTRAINT TRIGGER plans_have_history AFTER INSERT OR UPDATE ON plans
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION dxplan_plan_has_history();

CREATE OR REPLACE FUNCTION dxplan_history_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    app_account BOOLEAN;
    current_revision BIGINT;
    current_document TEXT;
    created_now BOOLEAN;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM dxplan_refuse(format('Tài khoản %s: lịch sử sửa đổi của kế hoạch không được sửa lại. Thay đổi này không được lưu.', session_user));
    END IF;
    app_account := EXISTS (SELECT 1 FROM accounts a WHERE a.account = session_user);
    IF NOT app_account THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT p.revision, p.document, p.xmin::text = pg_current_xact_id()::xid::text
        INTO current_revision, current_document, created_now
        FROM plans p WHERE p.id = NEW.plan_id;
        -- A save: its own name, the revision and document just stored.
        IF NEW.author = session_user AND NEW.revision = current_revision
           AND NEW.document = current_document THEN
            RETURN NEW;
        END IF;
        -- A plan written in this transaction (copied up with its history): its rows come in
        -- ascending order and never past the plan's revision, so no future or pruned
        -- revision can be slipped in beside a save.
        IF created_now AND NEW.revision <= current_revision
           AND NOT EXISTS (SELECT 1 FROM plan_revisions r
                           WHERE r.plan_id = NEW.plan_id AND r.revision >= NEW.revision) THEN
            RETURN NEW;
        END IF;
    ELSE
        SELECT p.revision INTO current_revision FROM plans p WHERE p.id = OLD.plan_id;
        -- No plan row: the plan itself is being deleted, its history with it.
        IF current_revision IS NULL OR OLD.revision <= current_revision - dxplan_kept_revisions() THEN
            RETURN OLD;
        END IF;
    END IF;
    PERFORM dxplan_refuse(format('Tài khoản %s không được tự ghi hay xóa lịch sử sửa đổi của kế hoạch; lịch sử chỉ ghi theo các thay đổi được lưu. Thay đổi này không được lưu.', session_user));
END $$;

-- One history guard for every account, replacing the departments' own.
DROP TRIGGER IF EXISTS plan_revisions_department_guard ON plan_revisions;
DROP TRIGGER IF EXISTS plan_revisions_guard ON plan_revisions;
CREATE TRIGGER plan_revisions_guard BEFORE INSERT OR UPDATE OR DELETE ON plan_revisions
    FOR EACH ROW EXECUTE FUNCTION dxplan_history_guard();

DO $$
DECLARE
    here TEXT := current_schema();
    f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['dxplan_refuse(text)', 'dxplan_plan_row_guard()', 'dxplan_plan_has_history()', 'dxplan_history_guard()',
                             'dxplan_duplicate_keys(json)', 'dxplan_document_guard()', 'dxplan_plan_delete_guard()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, here);
    END LOOP;
END $$;
