DROP INDEX "conversations_created_idx";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_response_business_minutes" integer;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_business_minutes" integer;--> statement-breakpoint
CREATE INDEX "conversations_inbox_latest_idx" ON "conversations" USING btree ("district_id",(case when alert_status = 'active' then 0 else 1 end),"last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_inbox_created_idx" ON "conversations" USING btree ("district_id",(case when alert_status = 'active' then 0 else 1 end),"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_resolved_idx" ON "conversations" USING btree ("district_id","resolved_at");--> statement-breakpoint
CREATE INDEX "conversations_reference_lower_idx" ON "conversations" USING btree (lower(reference));--> statement-breakpoint
CREATE INDEX "events_type_created_idx" ON "events" USING btree ("district_id","type","created_at");--> statement-breakpoint
CREATE INDEX "ratings_requested_idx" ON "ratings" USING btree ("district_id","requested_at");--> statement-breakpoint
-- Written by hand (drizzle cannot declare INCLUDE): the period index of the reports, replacing conversations_created_idx,
-- carrying every column the report queries read so that their scans of a period are index-only.
CREATE INDEX "conversations_report_idx" ON "conversations" USING btree ("district_id","created_at") INCLUDE ("status","topic_id","department_id","school_id","assignee_id","contact_id","channel","kind","language","requester_role","first_response_at","resolved_at","first_response_business_minutes","resolution_business_minutes","first_response_due_at","sla_breached");
