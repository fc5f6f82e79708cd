import { asc, eq, sql } from "drizzle-orm";
import { createMailer } from "../channels/email/mailer.js";
import type { Database } from "../db/client.js";
import { events, messages } from "../db/schema/index.js";
import { changeStatus, createInquiry, replyToConversation } from "../domain/conversations/index.js";
import { buildCtx, type AppDeps } from "../http/context.js";
import { createJobRunner } from "../jobs/runner.js";
import { createLogger } from "../lib/logger.js";
import { buildDistrict, buildStaff, type TestDistrict } from "./factories.js";

// A small district with a little history, for the backup and restore tests: five inquiries (acknowledgements
// delivered), one answered by staff and resolved.

export type SmallDistrict = { d: TestDistrict; conversationId: string; references: string[] };

export async function seedSmallDistrict(database: Database): Promise<SmallDistrict> {
  const log = createLogger("silent");
  const publicUrl = "http://frontoffice.test";
  const jobs = createJobRunner(database, { database, publicUrl, mailer: createMailer(undefined) }, log);
  await jobs.init();
  try {
    const deps: AppDeps = { database, jobs, log, now: () => new Date(), publicUrl, devOutbox: true };
    const d = await buildDistrict({ database });
    const admin = await buildStaff({ database }, d.district.id, { role: "admin", name: "Dana Admin" });
    const references: string[] = [];
    let conversationId = "";
    for (let i = 0; i < 5; i++) {
      const created = await database.db.transaction((tx) =>
        createInquiry(buildCtx(deps, tx, d.district.id, { kind: "contact", contactId: null }), {
          topic: d.topics.bus,
          fields: { school: d.schools[0]!.id, bus_number: String(10 + i) },
          message: `Bus ${10 + i} was late on Elm Street.`,
          name: `Parent ${i}`,
          email: `parent${i}@example.com`,
          language: i % 2 ? "es" : "en",
          channel: "web_form",
        }),
      );
      references.push(created.reference);
      conversationId ||= created.conversation.id;
    }
    await database.db.transaction((tx) => replyToConversation(buildCtx(deps, tx, d.district.id, admin.actor), conversationId, "Thank you, we called the bus company."));
    await database.db.transaction((tx) => changeStatus(buildCtx(deps, tx, d.district.id, admin.actor), conversationId, "resolved"));
    await jobs.drain();
    return { d, conversationId, references };
  } finally {
    await jobs.stop();
  }
}

/** Row counts of every table of the app's schema and of the job queue, by table name. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.raw(
    "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows as { name: string }[]) {
    const [schema, table] = name.split(".") as [string, string];
    const res = await database.raw(`SELECT count(*)::int AS n FROM "${schema}"."${table}"`);
    counts[name] = Number(res.rows[0]!.n);
  }
  return counts;
}

/** One conversation's timeline and messages, as the staff app shows them. */
export async function timelineOf(database: Database, conversationId: string) {
  const timeline = await database.db
    .select({ seq: events.seq, type: events.type, actorKind: events.actorKind, actorId: events.actorId, data: events.data, at: events.createdAt })
    .from(events)
    .where(eq(events.conversationId, conversationId))
    .orderBy(asc(events.seq));
  const bodies = await database.db
    .select({ direction: messages.direction, body: messages.body, status: messages.deliveryStatus, at: messages.createdAt })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const [search] = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE search @@ fo_search_query('Elm')`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
  return { timeline, messages: bodies, searchHits: search?.n ?? 0 };
}
