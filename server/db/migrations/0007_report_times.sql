ALTER TABLE "conversations" ADD COLUMN "first_response_business_minutes" integer;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_business_minutes" integer;--> statement-breakpoint
CREATE INDEX "conversations_resolved_idx" ON "conversations" USING btree ("district_id","resolved_at");--> statement-breakpoint
CREATE INDEX "events_type_created_idx" ON "events" USING btree ("district_id","type","created_at");--> statement-breakpoint
CREATE INDEX "ratings_requested_idx" ON "ratings" USING btree ("district_id","requested_at");