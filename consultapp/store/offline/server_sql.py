"""What the PostgreSQL server enforces for offline copies: the laptops and their revocation (PL/pgSQL).

``offline_device`` is read by every group and written only by these functions (users.PROTECTED_TABLES):

- ``consultapp_device_register(id, label)``: the calling login's laptop takes (or refreshes) a copy;
  refused for a revoked laptop or another consultant's;
- ``consultapp_device_contact(id, touch)``: ``ok``, ``revoked``, ``expired`` (out of contact longer than
  ``practice.offline_max_days``) or ``unknown``; with ``touch`` and ``ok``, the contact time moves on.
  A sync calls it in every transaction that uploads, so a revoked laptop's uploads are refused;
- ``consultapp_device_revoke(id)``: an admin of this practice revokes a laptop (audited).

And on ``practice`` (migration 0016), the trigger ``consultapp_offline_limit``: only an admin of the
practice (or its owner) changes ``offline_max_days`` (or ``created_at``, which orders the rows), removes
the practice's row or adds a second one; another login adds only the first, with the default 14.
A column privilege cannot do this: the groups hold UPDATE on the whole table (users._grant).
"""

from __future__ import annotations

_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION consultapp_device_contact(p_id uuid, p_touch boolean) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
DECLARE r record; limit_days integer;
BEGIN
  SELECT * INTO r FROM offline_device WHERE id = p_id;
  IF NOT FOUND OR (r.login <> session_user AND NOT consultapp_trusted()) THEN RETURN 'unknown'; END IF;
  IF r.revoked_at IS NOT NULL THEN RETURN 'revoked'; END IF;
  SELECT offline_max_days INTO limit_days FROM practice ORDER BY created_at LIMIT 1;
  IF now() - r.last_contact_at > make_interval(days => coalesce(limit_days, 14)) THEN RETURN 'expired'; END IF;
  IF p_touch THEN UPDATE offline_device SET last_contact_at = now() WHERE id = p_id; END IF;
  RETURN 'ok';
END $f$;

CREATE OR REPLACE FUNCTION consultapp_device_register(p_id uuid, p_label text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
DECLARE r record; cid uuid;
BEGIN
  SELECT id INTO cid FROM consultant WHERE db_role = session_user AND active LIMIT 1;
  IF cid IS NULL AND NOT consultapp_trusted() THEN
    RAISE EXCEPTION 'Only a consultant of this practice, with her own login, can take an offline copy.'
      USING ERRCODE = 'P0001';
  END IF;
  SELECT * INTO r FROM offline_device WHERE id = p_id;
  IF FOUND THEN
    IF r.login <> session_user THEN
      RAISE EXCEPTION 'This copy belongs to another consultant''s laptop.' USING ERRCODE = 'P0001';
    END IF;
    IF r.revoked_at IS NOT NULL THEN
      RAISE EXCEPTION 'This laptop was revoked by the practice.' USING ERRCODE = 'P0001';
    END IF;
    UPDATE offline_device SET last_contact_at = now(), label = left(coalesce(p_label, ''), 200) WHERE id = p_id;
  ELSE
    INSERT INTO offline_device (id, consultant_id, login, label, taken_at, last_contact_at, revoked_by)
    VALUES (p_id, cid, session_user, left(coalesce(p_label, ''), 200), now(), now(), '');
  END IF;
  PERFORM consultapp_audit_append('take', 'device', p_id::text, NULL, '{{}}'::jsonb, NULL);
END $f$;

CREATE OR REPLACE FUNCTION consultapp_device_revoke(p_id uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
BEGIN
  IF NOT consultapp_is_admin() THEN
    RAISE EXCEPTION 'Only an admin of this practice can revoke a laptop.' USING ERRCODE = 'P0001';
  END IF;
  UPDATE offline_device SET revoked_at = now(), revoked_by = consultapp_actor(NULL) WHERE id = p_id;
  IF NOT FOUND THEN RAISE EXCEPTION 'No laptop with that id.' USING ERRCODE = 'P0001'; END IF;
  PERFORM consultapp_audit_append('revoke', 'device', p_id::text, NULL, '{{}}'::jsonb, NULL);
END $f$;
"""

_LIMIT = r"""
CREATE OR REPLACE FUNCTION consultapp_offline_limit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $f$
BEGIN
  IF consultapp_is_admin() THEN RETURN coalesce(NEW, OLD); END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'Only an admin of this practice can remove the practice''s details.' USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.offline_max_days IS NOT DISTINCT FROM OLD.offline_max_days
     AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.offline_max_days = 14 AND NOT EXISTS (SELECT 1 FROM practice) THEN
    RETURN NEW;  -- the practice's first details, with the default limit
  END IF;
  RAISE EXCEPTION 'Only an admin of this practice can change how many days a laptop may stay offline.'
    USING ERRCODE = 'P0001';
END $f$;

DROP TRIGGER IF EXISTS consultapp_offline_limit ON practice;

CREATE TRIGGER consultapp_offline_limit BEFORE INSERT OR UPDATE OR DELETE ON practice
FOR EACH ROW EXECUTE FUNCTION consultapp_offline_limit()
"""


def limit_statements(schema: str) -> list[str]:
    """The statements that (re)create the trigger keeping ``practice.offline_max_days`` an admin's."""
    quoted = '"' + schema.replace('"', '""') + '"'
    return [s.strip() + ";" for s in _LIMIT.format(schema=quoted).split(";\n\n") if s.strip()]


EXECUTABLE = (
    "consultapp_device_contact(uuid, boolean)",
    "consultapp_device_register(uuid, text)",
    "consultapp_device_revoke(uuid)",
)
"""The device functions a practice's groups may call (each checks who calls it)."""


def install_statements(schema: str) -> list[str]:
    """The statements that (re)create the device functions in ``schema``."""
    quoted = '"' + schema.replace('"', '""') + '"'
    return [s.strip() + ";" for s in _FUNCTIONS.format(schema=quoted).split(";\n\n") if s.strip()]
