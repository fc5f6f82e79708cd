CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fo_search_vector(body text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT to_tsvector('english', unaccent(coalesce(body, ''))) || to_tsvector('spanish', unaccent(coalesce(body, '')))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fo_search_query(q text) RETURNS tsquery
LANGUAGE sql STABLE AS $$
  SELECT websearch_to_tsquery('english', unaccent(q)) || websearch_to_tsquery('spanish', unaccent(q))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fo_conversations_search_trg() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.search := setweight(fo_search_vector(NEW.subject || ' ' || NEW.reference), 'A') || coalesce(NEW.search, ''::tsvector);
  ELSIF NEW.subject IS DISTINCT FROM OLD.subject THEN
    NEW.search := setweight(fo_search_vector(NEW.subject || ' ' || NEW.reference), 'A') || coalesce(OLD.search, ''::tsvector);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_search_bi BEFORE INSERT OR UPDATE OF subject ON conversations
FOR EACH ROW EXECUTE FUNCTION fo_conversations_search_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fo_messages_search_trg() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations
     SET search = coalesce(search, ''::tsvector) || fo_search_vector(left(NEW.body, 20000))
   WHERE id = NEW.conversation_id AND district_id = NEW.district_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER messages_search_ai AFTER INSERT ON messages
FOR EACH ROW EXECUTE FUNCTION fo_messages_search_trg();
