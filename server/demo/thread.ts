import type { Language } from "../../common/enums.js";
import type { contactIdentities, contacts, conversations, events, messages, ratings } from "../db/schema/index.js";
import { EventCatalog, type EventPayload, type EventType } from "../events/catalog.js";

export type ContactInsert = typeof contacts.$inferInsert;
export type IdentityInsert = typeof contactIdentities.$inferInsert;
export type ConversationInsert = typeof conversations.$inferInsert;
export type MessageInsert = typeof messages.$inferInsert;
export type EventInsert = typeof events.$inferInsert;
export type RatingInsert = typeof ratings.$inferInsert;

export type DemoActor = { kind: "staff"; id: string } | { kind: "contact"; id: string | null };

/** Everything the demo writes, collected in memory and inserted in bulk afterwards. */
export type DemoActivity = {
  contacts: ContactInsert[];
  identities: IdentityInsert[];
  conversations: ConversationInsert[];
  messages: MessageInsert[];
  /** In the order they happened (the events table's seq follows insertion order). */
  events: EventInsert[];
  ratings: RatingInsert[];
};

type Timed = { row: EventInsert; t: number; k: number };

/** Collects one district's events across conversations, then orders them by time. */
export function createEventLog(districtId: string) {
  const timed: Timed[] = [];
  let k = 0;
  return {
    emit<T extends EventType>(conversationId: string, at: Date, type: T, actor: DemoActor, payload: EventPayload<T>): void {
      const data = EventCatalog[type].parse(payload) as Record<string, unknown>;
      timed.push({
        row: { districtId, conversationId, type, actorKind: actor.kind, actorId: actor.id, data, createdAt: at },
        t: at.getTime(),
        k: k++,
      });
    },
    sorted(): EventInsert[] {
      return timed.sort((a, b) => a.t - b.t || a.k - b.k).map((x) => x.row);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;

/** The domain's subject line: the topic's name and the first line of the message, shortened. */
export function subjectFor(topicName: { en: string; es?: string | undefined }, lang: Language, message: string): string {
  const name = (lang === "es" ? topicName.es : undefined) ?? topicName.en;
  const firstLine = message.split(/\r?\n/).find((l) => l.trim())?.trim() ?? "";
  const excerpt = firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine;
  return excerpt ? `${name}: ${excerpt}` : name;
}
