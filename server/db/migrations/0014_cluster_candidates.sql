-- Incident detection (clusters/index.ts) reads a topic's newest unresolved reports of the last 12 hours, newest first,
-- up to 300: without this index PostgreSQL read every unresolved conversation of the district (all topics, all
-- months) through conversations_inbox_idx and sorted them. The id makes the order total (ties on created_at).
CREATE INDEX "conversations_topic_created_idx" ON "conversations" USING btree ("district_id","topic_id","created_at","id");
