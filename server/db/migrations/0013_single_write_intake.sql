-- events_district_seq_idx was (district_id, seq): the primary key's own index; every event paid for both
DROP INDEX "events_district_seq_idx";--> statement-breakpoint
-- A message's words reach conversations.search from the app now (store-message.ts): openConversation writes the
-- first message's words with the conversation, so it is written once, and storeMessage adds any later message's.
-- The trigger had updated the conversation again for every message, the first one included.
DROP TRIGGER IF EXISTS messages_search_ai ON messages;--> statement-breakpoint
DROP FUNCTION IF EXISTS fo_messages_search_trg();
