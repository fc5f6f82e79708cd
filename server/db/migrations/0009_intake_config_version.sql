-- A district's intake configuration has a version (issue 6): every change to what a submission reads on its way in
-- (topics, schools, departments' names, alert categories, routing rules, service standards) bumps
-- districts.config_version in the changing transaction, whichever process, job, CLI or psql session makes it. App
-- processes keep that configuration in memory while the district row they read says the same version
-- (server/domain/conversations/intake-config.ts), so a submission no longer reads it all again.
-- Versions come from a sequence, which no rollback gives back: a version a rolled-back change had taken (and a
-- process may have seen inside that transaction) is never reused for other content.
ALTER TABLE "districts" ADD COLUMN "config_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS fo_config_version_seq;--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON SEQUENCE fo_config_version_seq TO frontoffice_tenant;--> statement-breakpoint
CREATE OR REPLACE FUNCTION fo_bump_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE districts SET config_version = nextval('fo_config_version_seq')
  WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.district_id ELSE NEW.district_id END);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER topics_config_version AFTER INSERT OR UPDATE OR DELETE ON topics FOR EACH ROW EXECUTE FUNCTION fo_bump_config_version();--> statement-breakpoint
CREATE TRIGGER schools_config_version AFTER INSERT OR UPDATE OR DELETE ON schools FOR EACH ROW EXECUTE FUNCTION fo_bump_config_version();--> statement-breakpoint
CREATE TRIGGER alert_categories_config_version AFTER INSERT OR UPDATE OR DELETE ON alert_categories FOR EACH ROW EXECUTE FUNCTION fo_bump_config_version();--> statement-breakpoint
CREATE TRIGGER routing_rules_config_version AFTER INSERT OR UPDATE OR DELETE ON routing_rules FOR EACH ROW EXECUTE FUNCTION fo_bump_config_version();--> statement-breakpoint
CREATE TRIGGER sla_policies_config_version AFTER INSERT OR UPDATE OR DELETE ON sla_policies FOR EACH ROW EXECUTE FUNCTION fo_bump_config_version();--> statement-breakpoint
-- only a department's name is kept (the routing explanation names it); its round-robin cursor moves on every
-- assignment and must not invalidate anything
CREATE TRIGGER departments_config_version AFTER INSERT OR DELETE OR UPDATE OF name ON departments FOR EACH ROW EXECUTE FUNCTION fo_bump_config_version();
