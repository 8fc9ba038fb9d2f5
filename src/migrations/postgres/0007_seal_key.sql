-- The key that seals workbooks sent to agencies (proposals/seal.rs; issue 23). It must not be
-- readable by a department's account — with it, Sở Xây dựng could seal a workbook as Sở
-- TT&TT's — so it lives in a table no account reads directly, and `dxplan_seal_key` (run with
-- its owner's rights) hands it to the admin and the drafters only, making it on first use
-- from the random key the caller proposes.

CREATE TABLE IF NOT EXISTS seal_key (
    only_one BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_one),
    key      TEXT NOT NULL
);
REVOKE ALL ON seal_key FROM PUBLIC;

CREATE OR REPLACE FUNCTION dxplan_seal_key(proposed TEXT) RETURNS TEXT
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    found TEXT;
BEGIN
    IF EXISTS (SELECT 1 FROM accounts a WHERE a.account = session_user AND a.agency IS NOT NULL) THEN
        PERFORM dxplan_refuse(format('Tài khoản %s của một cơ quan không gửi hay nhận tệp của các cơ quan khác: việc này do người soạn thảo làm.', session_user));
    END IF;
    IF length(proposed) < 32 THEN
        PERFORM dxplan_refuse('Khóa niêm phong tệp quá ngắn.');
    END IF;
    INSERT INTO seal_key (key) VALUES (proposed) ON CONFLICT (only_one) DO NOTHING;
    SELECT s.key INTO found FROM seal_key s;
    RETURN found;
END $$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION dxplan_seal_key(text) SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE ALL ON FUNCTION dxplan_seal_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dxplan_seal_key(text) TO PUBLIC;
