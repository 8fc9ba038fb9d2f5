-- A save's history row says truly how it came about, and when (issue 23). Before, an account
-- could insert its save's history row with a forged `parent_state` (the drafter's next undo
-- then jumped back to revision 1, removing their own work), a kind the app never writes, or
-- any `created_at`/`updated_at` it liked.
--
-- 1. The row of a save (see 0005: the account's own name, the plan's revision and document)
--    continues the revision before it: an edit is its own state, made from the state the
--    previous revision showed; an undo or redo shows again an earlier edit, leaving the state
--    the previous revision showed. No other kind.
--    (0005 took a plan updated in the same transaction for one created in it, so a save's row
--    could be written as if copied up: with any author, kind or step.)
-- 2. Times are the server's: the save's history row and the plan's `updated_at` are stamped
--    with the server clock (the session's time zone, in the app's text form), whatever the
--    account sent. Rows copied up with a plan keep their own times.

CREATE OR REPLACE FUNCTION dxplan_now() RETURNS TEXT
LANGUAGE sql STABLE AS $$
    SELECT to_char(clock_timestamp(), 'YYYY-MM-DD"T"HH24:MI:SS.MSTZH:TZM')
$$;

-- Whether history row `r`, a save of revision r.revision, follows the row before it.
CREATE OR REPLACE FUNCTION dxplan_step_follows(r plan_revisions) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    shown BIGINT;
BEGIN
    SELECT COALESCE(p.state, p.revision) INTO shown
    FROM plan_revisions p WHERE p.plan_id = r.plan_id AND p.revision = r.revision - 1;
    IF r.kind = 'edit' THEN
        RETURN r.state = r.revision AND r.from_state IS NULL
           AND r.parent_state IS NOT DISTINCT FROM shown;
    ELSIF r.kind IN ('undo', 'redo') THEN
        RETURN shown IS NOT NULL AND r.parent_state IS NULL AND r.from_state = shown
           AND EXISTS (SELECT 1 FROM plan_revisions t
                       WHERE t.plan_id = r.plan_id AND t.revision = r.state AND t.revision < r.revision
                         AND t.kind = 'edit');
    END IF;
    RETURN false;
END $$;

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
    IF TG_OP = 'INSERT' THEN
        SELECT p.revision, p.document, p.xmin::text = pg_current_xact_id()::xid::text
        INTO current_revision, current_document, created_now
        FROM plans p WHERE p.id = NEW.plan_id;
        -- Written in this transaction is not enough (an UPDATE writes the row anew too): a
        -- plan created now has no history from an earlier transaction.
        created_now := created_now AND NOT EXISTS (
            SELECT 1 FROM plan_revisions r
            WHERE r.plan_id = NEW.plan_id AND r.xmin::text <> pg_current_xact_id()::xid::text);
        -- A save: its own name, the revision and document just stored, following the row
        -- before it; stamped with the server's time.
        IF NEW.author = session_user AND NEW.revision = current_revision
           AND NEW.document = current_document AND NOT created_now THEN
            IF NOT dxplan_step_follows(NEW) THEN
                PERFORM dxplan_refuse(format('Tài khoản %s: dòng lịch sử của lần lưu phải nối tiếp phiên bản trước (hoàn tác, làm lại đúng như ứng dụng ghi). Thay đổi này không được lưu.', session_user));
            END IF;
            NEW.created_at := dxplan_now();
            RETURN NEW;
        END IF;
        IF NOT app_account THEN
            RETURN NEW;
        END IF;
        -- A plan created by its first save.
        IF NEW.author = session_user AND NEW.revision = 1 AND current_revision = 1 AND created_now
           AND NEW.document = current_document AND dxplan_step_follows(NEW) THEN
            NEW.created_at := dxplan_now();
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
        IF NOT app_account THEN
            RETURN OLD;
        END IF;
        SELECT p.revision INTO current_revision FROM plans p WHERE p.id = OLD.plan_id;
        -- No plan row: the plan itself is being deleted, its history with it.
        IF current_revision IS NULL OR OLD.revision <= current_revision - dxplan_kept_revisions() THEN
            RETURN OLD;
        END IF;
    END IF;
    PERFORM dxplan_refuse(format('Tài khoản %s không được tự ghi hay xóa lịch sử sửa đổi của kế hoạch; lịch sử chỉ ghi theo các thay đổi được lưu. Thay đổi này không được lưu.', session_user));
END $$;

CREATE OR REPLACE FUNCTION dxplan_plan_row_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at OR NEW.revision <> OLD.revision + 1 THEN
        PERFORM dxplan_refuse(format('Tài khoản %s: mỗi lần lưu kế hoạch là một phiên bản mới kế tiếp (%s), không được đổi mã, ngày tạo hay số phiên bản. Thay đổi này không được lưu.', session_user, OLD.revision + 1));
    END IF;
    NEW.updated_at := dxplan_now();
    RETURN NEW;
END $$;

DO $$
DECLARE
    here TEXT := current_schema();
    f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['dxplan_now()', 'dxplan_step_follows(plan_revisions)', 'dxplan_history_guard()',
                             'dxplan_plan_row_guard()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, here);
    END LOOP;
END $$;
