-- Rules Prisma's schema language cannot express. Kept in their own migration
-- so that the init migration stays exactly what `prisma migrate diff` emits;
-- test/integration/db/migrations.test.ts allows these objects and no others.

-- The audit trail is append-only (SECURITY.md 3.9): refuse any change or removal.
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_seq_positive" CHECK ("seq" > 0);

-- Issuers are https URLs: AWS refuses any other scheme (CreateOpenIDConnectProvider,
-- CLOUDS.md 2.1) and GCP and Entra fetch discovery over https (CLOUDS.md 1.4, 3.2).
ALTER TABLE "issuer" ADD CONSTRAINT "issuer_url_https" CHECK ("issuer_url" ~ '^https://');
