ALTER TABLE "conversations" ADD COLUMN "first_response_business_minutes" integer;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_business_minutes" integer;