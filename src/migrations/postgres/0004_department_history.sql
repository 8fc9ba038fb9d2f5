-- A department's account writes history rows only as the app does when it saves an edit: the
-- row it adds must be the plan as it now stands (the guard of 0003 has already checked that
-- change), under its own name; and it may delete only rows past the kept history, as the app
-- prunes them. Otherwise it could forge a revision that a drafter's undo would later restore,
-- sign one with a colleague's name, or wipe the plan's history.

-- How many revisions of a plan are kept: `store::KEEP_REVISIONS` (a test checks they agree).
CREATE OR REPLACE FUNCTION dxplan_kept_revisions() RETURNS BIGINT
LANGUAGE sql IMMUTABLE AS $$ SELECT 200::bigint $$;

CREATE OR REPLACE FUNCTION dxplan_department_history_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    agency_name TEXT;
    current_revision BIGINT;
    current_document TEXT;
BEGIN
    SELECT a.agency INTO agency_name FROM accounts a WHERE a.account = session_user;
    IF agency_name IS NULL THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT p.revision, p.document INTO current_revision, current_document
        FROM plans p WHERE p.id = NEW.plan_id;
        IF NEW.author = session_user AND NEW.revision = current_revision
           AND NEW.document = current_document THEN
            RETURN NEW;
        END IF;
    ELSE
        SELECT p.revision INTO current_revision FROM plans p WHERE p.id = OLD.plan_id;
        IF OLD.revision <= current_revision - dxplan_kept_revisions() THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION USING
        ERRCODE = '42501',
        MESSAGE = format('Tài khoản %s của %s không được tự ghi hay xóa lịch sử sửa đổi của kế hoạch; lịch sử chỉ ghi theo các thay đổi được lưu. Thay đổi này không được lưu.', session_user, agency_name);
END $$;

DROP TRIGGER IF EXISTS plan_revisions_department_guard ON plan_revisions;
CREATE TRIGGER plan_revisions_department_guard BEFORE INSERT OR DELETE ON plan_revisions
    FOR EACH ROW EXECUTE FUNCTION dxplan_department_history_guard();
