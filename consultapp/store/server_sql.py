"""What the PostgreSQL server itself enforces for a practice: its functions and triggers (PL/pgSQL).

Installed in the practice's schema by migration 0013 (and again by ``consultapp practice upgrade``),
owned by the role that runs the migrations: the practice's owner. The owner (or a superuser) is
*trusted*: it owns the tables and could switch any trigger off, so the triggers leave its sessions to
the app. Every other login (a consultant's) is held by the server:

- ``consultapp_stamp`` (before each write): created_by / updated_by name her, whatever she sent;
- ``consultapp_audit_row`` (deferred, at commit): a write to a record that no audit entry of the same
  transaction covers (same record, visit or client) gets one, naming her login - so ``UPDATE visit``
  typed into psql is audited;
- ``consultapp_audit_append``: the only way to add an entry (consultants cannot write the audit
  tables); it keys the entry's hash with the practice's audit key (HMAC-SHA-256), which only the
  owner can read, and names the login that asked, never a name she claims;
- ``consultapp_audit_check``: whether each keyed entry's hash is right (nothing forgeable is returned);
- ``consultapp_save_consultant`` / ``consultapp_create_login`` / ``consultapp_disable_consultant``:
  the consultant table and the logins change only through these, for an admin of *this* practice.

The HMAC message is the text of a jsonb array (``audit.keyed_message`` builds the same bytes in Python).
"""

from __future__ import annotations

RECORD_TABLES = (
    "practice",
    "client",
    "baby",
    "visit",
    "baby_assessment",
    "feeding_observation",
    "breast_map_finding",
    "breast_side_exam",
    "plan_step",
    "visit_amendment",
    "issued_document",
    "practice_handout",
    "care_contact",
)
"""Tables whose writes the server audits (drafts and code lists are not history)."""
STAMPED_TABLES = (*RECORD_TABLES, "visit_draft", "practice_code_list", "consultant")
AUDIT_TYPES = {"issued_document": "document", "practice_handout": "handout"}
"""The record type an audit entry names for a table (others: the table's name), as the app names them."""

_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION consultapp_group(kind text) RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT CASE WHEN p ~ '^[a-z_][a-z0-9_]*$' AND length(p) <= 40 THEN p ELSE 'cap_' || substr(md5(p), 1, 16) END
         || '_' || kind
  FROM (SELECT CASE WHEN current_schema() = 'public' THEN current_database()::text
                    ELSE current_database() || '_' || current_schema() END AS p) AS s
$f$;

CREATE OR REPLACE FUNCTION consultapp_trusted() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $f$
  SELECT session_user = current_user OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$f$;

CREATE OR REPLACE FUNCTION consultapp_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $f$
  SELECT consultapp_trusted() OR pg_has_role(session_user, consultapp_group('admin'), 'MEMBER')
$f$;

CREATE OR REPLACE FUNCTION consultapp_actor(claimed text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $f$
  SELECT left(CASE WHEN consultapp_trusted() THEN coalesce(claimed, '') ELSE coalesce(
    (SELECT c.name || CASE WHEN c.credentials <> '' THEN ', ' || c.credentials ELSE '' END
            || ' (' || session_user || ')' FROM consultant c WHERE c.db_role = session_user LIMIT 1),
    session_user::text) END, 200)
$f$;

CREATE OR REPLACE FUNCTION consultapp_hmac(k bytea, msg bytea) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE ipad bytea; opad bytea;
BEGIN
  IF length(k) > 64 THEN k := sha256(k); END IF;
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  ipad := k; opad := k;
  FOR i IN 0..63 LOOP
    ipad := set_byte(ipad, i, get_byte(k, i) # 54);
    opad := set_byte(opad, i, get_byte(k, i) # 92);
  END LOOP;
  RETURN encode(sha256(opad || sha256(ipad || msg)), 'hex');
END $f$;

CREATE OR REPLACE FUNCTION consultapp_audit_message(
  n integer, t timestamptz, u text, a text, rt text, rid text, cid text, d jsonb, prev text
) RETURNS bytea LANGUAGE sql IMMUTABLE AS $f$
  SELECT convert_to(jsonb_build_array(n, to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00',
                                      u, a, rt, rid, cid, coalesce(d, '{{}}'::jsonb), prev)::text, 'UTF8')
$f$;

CREATE OR REPLACE FUNCTION consultapp_audit_append(
  p_action text, p_type text, p_record text, p_client text, p_detail jsonb, p_claimed text
) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
DECLARE h_seq integer; h_hash text; k bytea; n integer; digest text;
        t timestamptz := date_trunc('microseconds', clock_timestamp());
        u text := consultapp_actor(p_claimed);
        d jsonb := coalesce(p_detail, '{{}}'::jsonb);
BEGIN
  SELECT seq, hash INTO h_seq, h_hash FROM audit_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
    h_seq := 0; h_hash := repeat('0', 64);
  END IF;
  SELECT key INTO k FROM audit_key WHERE id = 1;
  IF k IS NULL THEN RAISE EXCEPTION 'the audit key of this practice is missing' USING ERRCODE = 'P0001'; END IF;
  n := h_seq + 1;
  digest := consultapp_hmac(k, consultapp_audit_message(n, t, u, p_action, p_type, coalesce(p_record, ''),
                                                        p_client, d, h_hash));
  INSERT INTO audit_entry (seq, at, "user", action, record_type, record_id, client_id, detail, prev_hash, hash, alg)
  VALUES (n, t, u, p_action, p_type, coalesce(p_record, ''), p_client, d::json, h_hash, digest, 'hmac-sha256');
  UPDATE audit_head SET seq = n, hash = digest WHERE id = 1;
  DELETE FROM audit_tx WHERE xid <> pg_current_xact_id();
  INSERT INTO audit_tx (xid, record_id, client_id) VALUES (pg_current_xact_id(), coalesce(p_record, ''), p_client);
  RETURN n;
END $f$;

CREATE OR REPLACE FUNCTION consultapp_audit_check() RETURNS TABLE (seq integer, ok boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
  SELECT e.seq, CASE WHEN e.alg = 'hmac-sha256' THEN coalesce(consultapp_hmac(k.key, consultapp_audit_message(
           e.seq, e.at, e."user", e.action, e.record_type, e.record_id, e.client_id, e.detail::jsonb, e.prev_hash))
           = e.hash, false) END
  FROM audit_entry e LEFT JOIN audit_key k ON k.id = 1 ORDER BY e.seq
$f$;

CREATE OR REPLACE FUNCTION consultapp_stamp() RETURNS trigger LANGUAGE plpgsql
SET search_path = {schema}, pg_temp AS $f$
BEGIN
  IF consultapp_trusted() THEN RETURN NEW; END IF;
  NEW.updated_by := consultapp_actor(NULL);
  IF TG_OP = 'INSERT' THEN NEW.created_by := NEW.updated_by; ELSE NEW.created_by := OLD.created_by; END IF;
  RETURN NEW;
END $f$;

CREATE OR REPLACE FUNCTION consultapp_audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $f$
DECLARE r jsonb; rid text; cid text; vid text; act text;
BEGIN
  IF consultapp_trusted() THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
  rid := r ->> 'id';
  cid := CASE WHEN TG_TABLE_NAME = 'client' THEN rid ELSE r ->> 'client_id' END;
  vid := CASE WHEN TG_TABLE_NAME = 'visit' THEN rid ELSE r ->> 'visit_id' END;
  IF TG_TABLE_NAME = 'feeding_observation' THEN
    SELECT visit_id::text INTO vid FROM baby_assessment WHERE id = (r ->> 'assessment_id')::uuid;
  END IF;
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME <> 'visit' AND vid IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM visit WHERE id = vid::uuid) THEN
    RETURN NULL;  -- removed with its visit: the visit's own entry says so
  END IF;
  IF cid IS NULL AND vid IS NOT NULL THEN SELECT client_id::text INTO cid FROM visit WHERE id = vid::uuid; END IF;
  IF EXISTS (SELECT 1 FROM audit_tx x WHERE x.xid = pg_current_xact_id()
             AND (x.record_id IN (rid, vid) OR x.client_id = cid OR x.record_id = cid)) THEN
    RETURN NULL;
  END IF;
  act := CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END;
  IF TG_TABLE_NAME = 'issued_document' AND act = 'create' THEN act := 'issue'; END IF;
  PERFORM consultapp_audit_append(act, TG_ARGV[0], rid, cid, '{{}}'::jsonb, NULL);
  RETURN NULL;
END $f$;

CREATE OR REPLACE FUNCTION consultapp_practice_login(p_login text) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
  SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                 JOIN pg_roles u ON u.oid = m.member
                 WHERE u.rolname = p_login AND g.rolname IN (consultapp_group('admin'), consultapp_group('consultant'),
                                                             consultapp_group('reviewer')))
$f$;

CREATE OR REPLACE FUNCTION consultapp_save_consultant(
  p_id uuid, p_name text, p_credentials text, p_role text, p_db_role text, p_active boolean
) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
DECLARE who text := consultapp_actor(NULL);
BEGIN
  IF NOT consultapp_is_admin() THEN
    RAISE EXCEPTION 'Only an admin of this practice can change its consultants.' USING ERRCODE = 'P0001';
  END IF;
  INSERT INTO consultant (id, name, credentials, role, db_role, active, created_at, updated_at, version,
                          created_by, updated_by)
  VALUES (p_id, p_name, p_credentials, p_role, p_db_role, p_active, now(), now(), 1, who, who)
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, credentials = excluded.credentials, role = excluded.role,
    db_role = excluded.db_role, active = excluded.active, updated_at = now(), version = consultant.version + 1,
    updated_by = who;
  PERFORM consultapp_audit_append('update', 'consultant', p_id::text, NULL,
                                  jsonb_build_object('role', p_role, 'active', p_active), NULL);
END $f$;

CREATE OR REPLACE FUNCTION consultapp_create_login(
  p_login text, p_verifier text, p_kind text, p_idle text, p_idle_tx text
) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
DECLARE r record; g text;
        can_create boolean := (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user);
BEGIN
  IF NOT consultapp_is_admin() THEN
    RAISE EXCEPTION 'Only an admin of this practice can give a consultant a login.' USING ERRCODE = 'P0001';
  END IF;
  IF p_kind NOT IN ('admin', 'consultant', 'reviewer') OR p_login !~ '^[a-z_][a-z0-9_]{{0,62}}$' THEN
    RAISE EXCEPTION 'Not a login or role this practice gives.' USING ERRCODE = 'P0001';
  END IF;
  IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:' THEN
    RAISE EXCEPTION 'A password reaches the server only as a SCRAM-SHA-256 verifier.' USING ERRCODE = 'P0001';
  END IF;
  SELECT * INTO r FROM pg_roles WHERE rolname = p_login;
  IF FOUND THEN
    -- Only a login already in one of this practice's groups, with no other power, is taken on.
    IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
       OR p_login IN (current_user, session_user::text) OR NOT consultapp_practice_login(p_login)
       OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles gr ON gr.oid = m.roleid
                  WHERE m.member = r.oid AND gr.rolname NOT IN (consultapp_group('admin'),
                        consultapp_group('consultant'), consultapp_group('reviewer'))
                  AND gr.rolname NOT LIKE 'consultapp\_%') THEN
      RAISE EXCEPTION 'The login % already exists on the server and is not one of this practice''s; %',
        p_login, 'choose a new login name.' USING ERRCODE = 'P0001';
    END IF;
    IF NOT r.rolcanlogin AND can_create THEN EXECUTE format('ALTER ROLE %I LOGIN', p_login); END IF;
  ELSIF can_create THEN
    EXECUTE format('CREATE ROLE %I LOGIN', p_login);
  ELSE
    RAISE EXCEPTION 'This practice''s owner cannot create logins (no CREATEROLE); %',
      format('ask the server administrator to run: CREATE ROLE %I LOGIN; GRANT %I TO %I; then add her again.',
             p_login, consultapp_group(p_kind), p_login) USING ERRCODE = 'P0001';
  END IF;
  IF p_verifier IS NOT NULL THEN
    IF NOT can_create THEN
      RAISE EXCEPTION 'This practice''s owner cannot set passwords (no CREATEROLE); %',
        'she sets her own with \password in psql, or the server administrator does.' USING ERRCODE = 'P0001';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
  END IF;
  FOREACH g IN ARRAY ARRAY['admin', 'consultant', 'reviewer'] LOOP
    IF g <> p_kind AND pg_has_role(p_login, consultapp_group(g), 'MEMBER') THEN
      EXECUTE format('REVOKE %I FROM %I', consultapp_group(g), p_login);
    END IF;
  END LOOP;
  IF NOT pg_has_role(p_login, consultapp_group(p_kind), 'MEMBER') THEN
    EXECUTE format('GRANT %I TO %I', consultapp_group(p_kind), p_login);
  END IF;
  IF can_create THEN  -- (without it, setup sets the timeouts on the whole database)
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET idle_session_timeout = %L', p_login, current_database(), p_idle);
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET idle_in_transaction_session_timeout = %L',
                   p_login, current_database(), p_idle_tx);
  END IF;
END $f$;

CREATE OR REPLACE FUNCTION consultapp_disable_consultant(p_id uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $f$
DECLARE login text; g text;
BEGIN
  IF NOT consultapp_is_admin() THEN
    RAISE EXCEPTION 'Only an admin of this practice can disable a consultant.' USING ERRCODE = 'P0001';
  END IF;
  UPDATE consultant SET active = false, updated_at = now(), version = version + 1, updated_by = consultapp_actor(NULL)
  WHERE id = p_id RETURNING db_role INTO login;
  IF login IS NOT NULL AND consultapp_practice_login(login) THEN
    IF (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
      EXECUTE format('ALTER ROLE %I NOLOGIN', login);
    ELSE  -- out of the practice's groups, she may no longer connect to its database
      FOREACH g IN ARRAY ARRAY['admin', 'consultant', 'reviewer'] LOOP
        IF pg_has_role(login, consultapp_group(g), 'MEMBER') THEN
          EXECUTE format('REVOKE %I FROM %I', consultapp_group(g), login);
        END IF;
      END LOOP;
    END IF;
  END IF;
  PERFORM consultapp_audit_append('disable', 'consultant', p_id::text, NULL, '{{}}'::jsonb, NULL);
END $f$;
"""


def install_statements(schema: str) -> list[str]:
    """Every statement that (re)creates the server's functions and triggers in ``schema``."""
    quoted = '"' + schema.replace('"', '""') + '"'
    out = [
        "CREATE TABLE IF NOT EXISTS audit_tx (xid xid8 NOT NULL, record_id text NOT NULL, client_id text)",
        "REVOKE ALL ON audit_tx FROM PUBLIC",
    ]
    out += [s.strip() + ";" for s in _FUNCTIONS.format(schema=quoted).split(";\n\n") if s.strip()]
    for table in STAMPED_TABLES:
        out.append(f'DROP TRIGGER IF EXISTS consultapp_stamp ON "{table}"')
        out.append(
            f'CREATE TRIGGER consultapp_stamp BEFORE INSERT OR UPDATE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION consultapp_stamp()"
        )
    for table in RECORD_TABLES:
        kind = AUDIT_TYPES.get(table, table)
        out.append(f'DROP TRIGGER IF EXISTS consultapp_audit ON "{table}"')
        out.append(
            f'CREATE CONSTRAINT TRIGGER consultapp_audit AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION consultapp_audit_row('{kind}')"
        )
    return out


EXECUTABLE = (
    "consultapp_group(text)",
    "consultapp_trusted()",
    "consultapp_is_admin()",
    "consultapp_actor(text)",
    "consultapp_hmac(bytea, bytea)",
    "consultapp_audit_message(integer, timestamptz, text, text, text, text, text, jsonb, text)",
    "consultapp_audit_append(text, text, text, text, jsonb, text)",
    "consultapp_audit_check()",
    "consultapp_practice_login(text)",
    "consultapp_save_consultant(uuid, text, text, text, text, boolean)",
    "consultapp_create_login(text, text, text, text, text)",
    "consultapp_disable_consultant(uuid)",
)
"""The functions a practice's groups may call (each checks who calls it)."""
