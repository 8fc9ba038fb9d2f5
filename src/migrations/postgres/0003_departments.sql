-- Department accounts, enforced by the server itself: whatever program a department's
-- account connects with, an UPDATE of a plan that changes anything but the tasks its agency
-- leads is refused (SQLSTATE 42501, with the sentence the window shows). A task is the
-- agency's when its `lead` names the directory entry with the account's agency name; the
-- agency may change, add or remove such tasks, and nothing else: not the other tasks (nor
-- their order or group), not the groups, not any other section. Drafters (the admin, and
-- accounts made without an agency) are not checked. Departments are granted no INSERT or
-- DELETE on plans, so they cannot make or remove a plan either.

-- The groups with their tasks taken out, in order.
CREATE OR REPLACE FUNCTION dxplan_groups_without_tasks(doc JSONB) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(jsonb_agg(g - 'tasks' ORDER BY i), '[]'::jsonb)
    FROM jsonb_array_elements(COALESCE(doc->'groups', '[]'::jsonb)) WITH ORDINALITY AS x(g, i)
$$;

-- Every task no agency of `own` leads, with its group's id, in plan order.
CREATE OR REPLACE FUNCTION dxplan_tasks_of_others(doc JSONB, own TEXT[]) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(jsonb_agg(jsonb_build_array(g->'id', t) ORDER BY gi, ti), '[]'::jsonb)
    FROM jsonb_array_elements(COALESCE(doc->'groups', '[]'::jsonb)) WITH ORDINALITY AS gx(g, gi),
         jsonb_array_elements(COALESCE(g->'tasks', '[]'::jsonb)) WITH ORDINALITY AS tx(t, ti)
    WHERE NOT (COALESCE(t->'lead', '[]'::jsonb) ?| own)
$$;

CREATE OR REPLACE FUNCTION dxplan_department_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    agency_name TEXT;
    old_doc JSONB;
    new_doc JSONB;
    own TEXT[];
BEGIN
    -- session_user: the account that logged in, which SET ROLE cannot change.
    SELECT a.agency INTO agency_name FROM accounts a WHERE a.account = session_user;
    IF agency_name IS NULL THEN
        RETURN NEW;
    END IF;
    old_doc := OLD.document::jsonb;
    new_doc := NEW.document::jsonb;
    own := ARRAY(SELECT d->>'id' FROM jsonb_array_elements(COALESCE(old_doc->'directory', '[]'::jsonb)) d
                 WHERE d->>'name' = agency_name);
    IF NEW.id <> OLD.id OR NEW.province <> OLD.province OR NEW.year <> OLD.year
       OR NEW.title <> OLD.title OR NEW.status <> OLD.status
       OR (old_doc - 'groups') <> (new_doc - 'groups')
       OR dxplan_groups_without_tasks(old_doc) <> dxplan_groups_without_tasks(new_doc)
       OR dxplan_tasks_of_others(old_doc, own) <> dxplan_tasks_of_others(new_doc, own) THEN
        RAISE EXCEPTION USING
            ERRCODE = '42501',
            MESSAGE = format('Tài khoản %s chỉ được sửa các nhiệm vụ do %s chủ trì; phần còn lại của kế hoạch chỉ được xem. Thay đổi này không được lưu.', session_user, agency_name);
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS plans_department_guard ON plans;
CREATE TRIGGER plans_department_guard BEFORE UPDATE ON plans
    FOR EACH ROW EXECUTE FUNCTION dxplan_department_guard();

-- Makes an account (a database role that logs in) with the rights of a drafter (`agency`
-- NULL) or of a department; run by the admin, who must be allowed to create roles. Through
-- format(%I, %L) so that a name or password is never read as SQL.
CREATE OR REPLACE FUNCTION dxplan_create_account(p_account TEXT, p_password TEXT, p_full_name TEXT, p_agency TEXT)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_account, p_password);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), p_account);
    IF p_agency IS NULL THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON plans, plan_revisions, settings TO %I', p_account);
    ELSE
        EXECUTE format('GRANT SELECT, UPDATE ON plans TO %I', p_account);
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON plan_revisions TO %I', p_account);
        EXECUTE format('GRANT SELECT ON settings TO %I', p_account);
    END IF;
    EXECUTE format('GRANT SELECT ON accounts, _sqlx_migrations TO %I', p_account);
    INSERT INTO accounts (account, full_name, agency, created_at)
    VALUES (p_account, p_full_name, p_agency, to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS.MSOF'));
END $$;
