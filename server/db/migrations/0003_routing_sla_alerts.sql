CREATE TABLE "alert_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" jsonb NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"phrases" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"severity" text DEFAULT 'high' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_categories_severity_ck" CHECK ("alert_categories"."severity" in ('critical','high'))
);
--> statement-breakpoint
CREATE TABLE "alert_responders" (
	"district_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	CONSTRAINT "alert_responders_category_id_staff_id_pk" PRIMARY KEY("category_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"score" real NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"downgraded_by" uuid,
	"downgraded_at" timestamp with time zone,
	"downgrade_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_severity_ck" CHECK ("alerts"."severity" in ('critical','high')),
	CONSTRAINT "alerts_status_ck" CHECK ("alerts"."status" in ('active','acknowledged','downgraded'))
);
--> statement-breakpoint
CREATE TABLE "conversation_watchers" (
	"district_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_watchers_conversation_id_staff_id_pk" PRIMARY KEY("conversation_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "incident_clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"topic_id" uuid,
	"department_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_clusters_status_ck" CHECK ("incident_clusters"."status" in ('open','resolved'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"type" text NOT NULL,
	"conversation_id" uuid,
	"actor_staff_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_type_ck" CHECK ("notifications"."type" in ('assigned','mentioned','family_replied','alert','sla_warning','sla_breach','triage','escalated'))
);
--> statement-breakpoint
CREATE TABLE "routing_models" (
	"district_id" uuid PRIMARY KEY NOT NULL,
	"model" jsonb NOT NULL,
	"examples" integer NOT NULL,
	"trained_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stop_processing" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"name" text NOT NULL,
	"topic_id" uuid,
	"priority" text,
	"first_response_minutes" integer,
	"next_response_minutes" integer,
	"resolution_minutes" integer,
	"warn_at_percent" integer DEFAULT 75 NOT NULL,
	"escalation" jsonb DEFAULT '{"notifySupervisors":true,"raisePriority":false,"reassignToStaffId":null}'::jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_priority_ck" CHECK ("sla_policies"."priority" is null or "sla_policies"."priority" in ('critical','high','normal','low')),
	CONSTRAINT "sla_policies_warn_ck" CHECK ("sla_policies"."warn_at_percent" between 1 and 99)
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "assignment_policy" text DEFAULT 'round_robin' NOT NULL;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "owner_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "round_robin_cursor" uuid;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "holidays" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "routing_threshold" real;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "owner_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "out_of_office_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "out_of_office_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "delegate_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "working_hours" jsonb;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "notify_email" text DEFAULT 'instant' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "tags" text[] DEFAULT ARRAY[]::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "routing" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "in_triage" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_policy_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "next_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_warned" text[] DEFAULT ARRAY[]::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_breached" text[] DEFAULT ARRAY[]::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_next_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "alert_status" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "cluster_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "incident_terms" text[];--> statement-breakpoint
ALTER TABLE "alert_categories" ADD CONSTRAINT "alert_categories_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_responders" ADD CONSTRAINT "alert_responders_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_responders" ADD CONSTRAINT "alert_responders_category_id_alert_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."alert_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_responders" ADD CONSTRAINT "alert_responders_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_staff_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_downgraded_by_staff_id_fk" FOREIGN KEY ("downgraded_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_watchers" ADD CONSTRAINT "conversation_watchers_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_watchers" ADD CONSTRAINT "conversation_watchers_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_watchers" ADD CONSTRAINT "conversation_watchers_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_clusters" ADD CONSTRAINT "incident_clusters_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_clusters" ADD CONSTRAINT "incident_clusters_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_clusters" ADD CONSTRAINT "incident_clusters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_staff_id_staff_id_fk" FOREIGN KEY ("actor_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_models" ADD CONSTRAINT "routing_models_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_categories_district_key_uq" ON "alert_categories" USING btree ("district_id","key");--> statement-breakpoint
CREATE INDEX "alert_responders_district_idx" ON "alert_responders" USING btree ("district_id","staff_id");--> statement-breakpoint
CREATE INDEX "alerts_conversation_idx" ON "alerts" USING btree ("district_id","conversation_id");--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("district_id","status","created_at");--> statement-breakpoint
CREATE INDEX "conversation_watchers_staff_idx" ON "conversation_watchers" USING btree ("district_id","staff_id");--> statement-breakpoint
CREATE INDEX "incident_clusters_district_idx" ON "incident_clusters" USING btree ("district_id","status","last_at");--> statement-breakpoint
CREATE INDEX "notifications_staff_idx" ON "notifications" USING btree ("district_id","staff_id","created_at");--> statement-breakpoint
CREATE INDEX "routing_rules_district_idx" ON "routing_rules" USING btree ("district_id","position");--> statement-breakpoint
CREATE INDEX "sla_policies_district_idx" ON "sla_policies" USING btree ("district_id");--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_owner_staff_id_staff_id_fk" FOREIGN KEY ("owner_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_owner_staff_id_staff_id_fk" FOREIGN KEY ("owner_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_delegate_staff_id_staff_id_fk" FOREIGN KEY ("delegate_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_sla_policy_id_sla_policies_id_fk" FOREIGN KEY ("sla_policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_cluster_id_incident_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."incident_clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_sla_check_idx" ON "conversations" USING btree ("sla_next_check_at");--> statement-breakpoint
CREATE INDEX "conversations_triage_idx" ON "conversations" USING btree ("district_id","in_triage","status");--> statement-breakpoint
CREATE INDEX "conversations_cluster_idx" ON "conversations" USING btree ("district_id","cluster_id");--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_assignment_policy_ck" CHECK ("departments"."assignment_policy" in ('round_robin','least_load','queue'));--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_notify_email_ck" CHECK ("staff"."notify_email" in ('instant','daily','off'));--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_alert_status_ck" CHECK ("conversations"."alert_status" is null or "conversations"."alert_status" in ('active','acknowledged','downgraded'));