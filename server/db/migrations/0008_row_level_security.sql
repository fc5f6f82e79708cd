-- Row-level security as defence in depth (issue 6). Every table with a district_id column, and districts itself,
-- admits only the rows of the district named by the transaction setting app.district_id, for the role
-- frontoffice_tenant. Tenant transactions (server/db/tenant.ts) take that role and set the district; without the
-- setting they see and change nothing. The connecting role (the tables' owner) keeps its own access for migrations,
-- cross-district jobs and the composition root. Tables added later must get the same policy: server/db/rls.test.ts
-- fails for any that does not.
DO $$
BEGIN
  CREATE ROLE frontoffice_tenant NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- the role is cluster-wide: another database of the cluster created it
END
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO frontoffice_tenant;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO frontoffice_tenant;--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO frontoffice_tenant;--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'district_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.table_name);
    EXECUTE format(
      'CREATE POLICY district_isolation ON %I TO frontoffice_tenant USING (district_id = nullif(current_setting(''app.district_id'', true), '''')::uuid) WITH CHECK (district_id = nullif(current_setting(''app.district_id'', true), '''')::uuid)',
      t.table_name
    );
  END LOOP;
END
$$;--> statement-breakpoint
ALTER TABLE districts ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE districts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY district_isolation ON districts TO frontoffice_tenant USING (id = nullif(current_setting('app.district_id', true), '')::uuid) WITH CHECK (id = nullif(current_setting('app.district_id', true), '')::uuid);
