-- Report rollups (issue 5, server/domain/reports/rollup.ts, docs/METRICS.md "Rollups"). Per district, local day and
-- dimension (all, department, school, topic, channel, kind, language): the counts and histograms the headline
-- figures are made of, and the same per month. A trigger on conversations appends the local days each change
-- touches to report_dirty_days (inserts only: concurrent submissions never wait on each other); the report-rollups
-- job recomputes those days and their months; queries read the conversations themselves for days still dirty, so
-- every figure is exact at any moment. The existing history is marked dirty here and computed by the job.
CREATE TABLE "report_dirty_days" (
  "district_id" uuid NOT NULL REFERENCES "districts"("id") ON DELETE CASCADE,
  "id" bigint GENERATED ALWAYS AS IDENTITY,
  "day" date NOT NULL,
  PRIMARY KEY ("district_id", "id")
);--> statement-breakpoint
CREATE INDEX "report_dirty_days_day_idx" ON "report_dirty_days" ("district_id", "day");--> statement-breakpoint
CREATE TABLE "report_days" (
  "district_id" uuid NOT NULL REFERENCES "districts"("id") ON DELETE CASCADE,
  "dim" text NOT NULL,
  "key" text NOT NULL,
  "day" date NOT NULL,
  "conversations" integer NOT NULL,
  "compliments" integer NOT NULL,
  "anonymous" integer NOT NULL,
  "unanswered" integer NOT NULL,
  "decided" integer NOT NULL,
  "within" integer NOT NULL,
  "unstamped" integer NOT NULL,
  "fr" jsonb NOT NULL,
  "res" jsonb NOT NULL,
  "frb" jsonb NOT NULL,
  "resb" jsonb NOT NULL,
  "resolved" integer NOT NULL,
  "resolved_unstamped" integer NOT NULL,
  "resolved_minutes" jsonb NOT NULL,
  "rated" integer NOT NULL,
  "accuracy_sum" integer NOT NULL,
  "accuracy_n" integer NOT NULL,
  "timeliness_sum" integer NOT NULL,
  "timeliness_n" integer NOT NULL,
  "courtesy_sum" integer NOT NULL,
  "courtesy_n" integer NOT NULL,
  "rating_total" integer NOT NULL,
  "requested" integer NOT NULL,
  "rated_high" integer NOT NULL,
  PRIMARY KEY ("district_id", "dim", "key", "day")
);--> statement-breakpoint
-- every key of a dimension over a range of days (trending, "answered"), their counts read from the index alone
CREATE INDEX "report_days_dim_day_idx" ON "report_days" ("district_id", "dim", "day") INCLUDE ("key", "conversations", "resolved");--> statement-breakpoint
CREATE TABLE "report_months" (LIKE "report_days" INCLUDING ALL);--> statement-breakpoint
ALTER TABLE "report_months" RENAME COLUMN "day" TO "month";--> statement-breakpoint
ALTER TABLE "report_months" ADD FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE CASCADE;--> statement-breakpoint
-- a histogram of integer values as a jsonb object {"value": count}
CREATE FUNCTION report_hist(vals integer[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(v, n), '{}'::jsonb) FROM (SELECT v, count(*) AS n FROM unnest(vals) AS v WHERE v IS NOT NULL GROUP BY v) h
$$;--> statement-breakpoint
-- every change a report can see marks the local days it touches: the day the conversation was created, the days it
-- was (and is) resolved on, and when it moves to another department, school, topic, channel, kind or language, the
-- days its ratings were requested and submitted on (they count under the conversation's current values)
CREATE FUNCTION report_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT time_zone INTO tz FROM districts WHERE id = OLD.district_id;
    IF NOT FOUND THEN
      RETURN OLD; -- the district itself is being deleted, its rollups with it
    END IF;
    INSERT INTO report_dirty_days (district_id, day) VALUES (OLD.district_id, (OLD.created_at AT TIME ZONE tz)::date);
    IF OLD.resolved_at IS NOT NULL THEN
      INSERT INTO report_dirty_days (district_id, day) VALUES (OLD.district_id, (OLD.resolved_at AT TIME ZONE tz)::date);
    END IF;
    RETURN OLD;
  END IF;
  SELECT time_zone INTO tz FROM districts WHERE id = NEW.district_id;
  INSERT INTO report_dirty_days (district_id, day) VALUES (NEW.district_id, (NEW.created_at AT TIME ZONE tz)::date);
  IF NEW.resolved_at IS NOT NULL THEN
    INSERT INTO report_dirty_days (district_id, day) VALUES (NEW.district_id, (NEW.resolved_at AT TIME ZONE tz)::date);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.resolved_at IS NOT NULL AND OLD.resolved_at IS DISTINCT FROM NEW.resolved_at THEN
    INSERT INTO report_dirty_days (district_id, day) VALUES (OLD.district_id, (OLD.resolved_at AT TIME ZONE tz)::date);
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.department_id, OLD.school_id, OLD.topic_id, OLD.channel, OLD.kind, OLD.language)
      IS DISTINCT FROM (NEW.department_id, NEW.school_id, NEW.topic_id, NEW.channel, NEW.kind, NEW.language) THEN
    INSERT INTO report_dirty_days (district_id, day)
      SELECT NEW.district_id, (r.requested_at AT TIME ZONE tz)::date FROM ratings r WHERE r.district_id = NEW.district_id AND r.conversation_id = NEW.id
      UNION SELECT NEW.district_id, (r.submitted_at AT TIME ZONE tz)::date FROM ratings r
        WHERE r.district_id = NEW.district_id AND r.conversation_id = NEW.id AND r.submitted_at IS NOT NULL;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER conversations_report_dirty AFTER INSERT OR DELETE ON conversations FOR EACH ROW EXECUTE FUNCTION report_mark_dirty();--> statement-breakpoint
CREATE TRIGGER conversations_report_dirty_update AFTER UPDATE ON conversations FOR EACH ROW
  WHEN ((OLD.district_id, OLD.created_at, OLD.status, OLD.first_response_at, OLD.resolved_at, OLD.department_id, OLD.school_id, OLD.topic_id,
         OLD.channel, OLD.kind, OLD.language, OLD.contact_id, OLD.sla_breached, OLD.first_response_business_minutes, OLD.resolution_business_minutes)
    IS DISTINCT FROM (NEW.district_id, NEW.created_at, NEW.status, NEW.first_response_at, NEW.resolved_at, NEW.department_id, NEW.school_id, NEW.topic_id,
         NEW.channel, NEW.kind, NEW.language, NEW.contact_id, NEW.sla_breached, NEW.first_response_business_minutes, NEW.resolution_business_minutes))
  EXECUTE FUNCTION report_mark_dirty();--> statement-breakpoint
-- a rating marks the days it was requested and submitted on
CREATE FUNCTION report_mark_rating_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  tz text;
BEGIN
  FOR r IN SELECT OLD.district_id AS district_id, OLD.requested_at AS requested_at, OLD.submitted_at AS submitted_at WHERE TG_OP <> 'INSERT'
    UNION ALL SELECT NEW.district_id, NEW.requested_at, NEW.submitted_at WHERE TG_OP <> 'DELETE'
  LOOP
    SELECT time_zone INTO tz FROM districts WHERE id = r.district_id;
    CONTINUE WHEN NOT FOUND; -- the district itself is being deleted
    INSERT INTO report_dirty_days (district_id, day) VALUES (r.district_id, (r.requested_at AT TIME ZONE tz)::date);
    IF r.submitted_at IS NOT NULL THEN
      INSERT INTO report_dirty_days (district_id, day) VALUES (r.district_id, (r.submitted_at AT TIME ZONE tz)::date);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER ratings_report_dirty AFTER INSERT OR DELETE ON ratings FOR EACH ROW EXECUTE FUNCTION report_mark_rating_dirty();--> statement-breakpoint
CREATE TRIGGER ratings_report_dirty_update AFTER UPDATE ON ratings FOR EACH ROW
  WHEN ((OLD.district_id, OLD.conversation_id, OLD.requested_at, OLD.submitted_at, OLD.accuracy, OLD.timeliness, OLD.courtesy)
    IS DISTINCT FROM (NEW.district_id, NEW.conversation_id, NEW.requested_at, NEW.submitted_at, NEW.accuracy, NEW.timeliness, NEW.courtesy))
  EXECUTE FUNCTION report_mark_rating_dirty();--> statement-breakpoint
-- a district's days are local days: a new time zone makes every day of its history to be recomputed
CREATE FUNCTION report_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_days WHERE district_id = NEW.id;
  DELETE FROM report_months WHERE district_id = NEW.id;
  INSERT INTO report_dirty_days (district_id, day)
    SELECT DISTINCT NEW.id, (created_at AT TIME ZONE NEW.time_zone)::date FROM conversations WHERE district_id = NEW.id
    UNION SELECT NEW.id, (resolved_at AT TIME ZONE NEW.time_zone)::date FROM conversations WHERE district_id = NEW.id AND resolved_at IS NOT NULL
    UNION SELECT NEW.id, (requested_at AT TIME ZONE NEW.time_zone)::date FROM ratings WHERE district_id = NEW.id
    UNION SELECT NEW.id, (submitted_at AT TIME ZONE NEW.time_zone)::date FROM ratings WHERE district_id = NEW.id AND submitted_at IS NOT NULL;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER districts_report_zone AFTER UPDATE OF time_zone ON districts FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION report_zone_changed();--> statement-breakpoint
-- the history so far: every day with a conversation created or resolved on it is computed by the rollup job
INSERT INTO report_dirty_days (district_id, day)
  SELECT DISTINCT c.district_id, (c.created_at AT TIME ZONE d.time_zone)::date FROM conversations c JOIN districts d ON d.id = c.district_id
  UNION SELECT c.district_id, (c.resolved_at AT TIME ZONE d.time_zone)::date FROM conversations c JOIN districts d ON d.id = c.district_id WHERE c.resolved_at IS NOT NULL
  UNION SELECT r.district_id, (r.requested_at AT TIME ZONE d.time_zone)::date FROM ratings r JOIN districts d ON d.id = r.district_id
  UNION SELECT r.district_id, (r.submitted_at AT TIME ZONE d.time_zone)::date FROM ratings r JOIN districts d ON d.id = r.district_id WHERE r.submitted_at IS NOT NULL;--> statement-breakpoint
-- conversations awaiting a first response within its standard (few at any time): "decided" at a report's snapshot
CREATE INDEX "conversations_awaiting_idx" ON "conversations" ("district_id", "created_at") WHERE "first_response_at" IS NULL AND NOT ('first_response' = ANY ("sla_breached"));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON report_dirty_days, report_days, report_months TO frontoffice_tenant;--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['report_dirty_days', 'report_days', 'report_months'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY district_isolation ON %I TO frontoffice_tenant USING (district_id = nullif(current_setting(''app.district_id'', true), '''')::uuid) WITH CHECK (district_id = nullif(current_setting(''app.district_id'', true), '''')::uuid)',
      t);
  END LOOP;
END
$$;
