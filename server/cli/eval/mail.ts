/**
 * `frontoffice eval mail --dir DIR`
 *
 * Runs every `.eml` of a folder (with `manifest.jsonl`: {"file","kind","expected"?}) through the real
 * ingestion path — stored as an inbound delivery of a district's email channel on a scratch embedded
 * database, then the `ingest-inbound-email` job (parse, classify, visible reply, threading, storage) —
 * and scores what came out: a conversation message is "message"; bounces, auto-replies and feedback
 * reports are what the delivery's outcome says. Prints the confusion matrix and misses, then LAST one
 * JSON line {"n","crashed","kind_accuracy","false_inquiries","field_mismatches","max_ms"}.
 * false_inquiries counts automatic mail (expected kind not "message") that opened or joined a conversation.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, eq } from "drizzle-orm";
import { evaluateEmailCorpus, type ProcessedEmail } from "../../channels/email/eval-corpus.js";
import { createMailer } from "../../channels/email/mailer.js";
import { migrateDatabase, openDatabase, type Database } from "../../db/client.js";
import { attachments, contactIdentities, conversations, inboundDeliveries, messages } from "../../db/schema/index.js";
import { createChannel, storeInboundDelivery, type ChannelRow } from "../../domain/channels/index.js";
import { createDistrict } from "../../domain/districts/index.js";
import type { Ctx } from "../../domain/shared/ctx.js";
import { createJobRunner, type JobRunner } from "../../jobs/runner.js";
import { createLogger } from "../../lib/logger.js";

const r4 = (x: number) => Math.round(x * 10000) / 10000;

async function scratch(): Promise<{ database: Database; jobs: JobRunner; channel: ChannelRow }> {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const log = createLogger("silent");
  const jobs = createJobRunner(database, { database, publicUrl: "http://localhost", mailer: createMailer(undefined) }, log);
  await jobs.init();
  const district = await createDistrict(database.db, {
    slug: "eval",
    name: "Evaluation District",
    referencePrefix: "EVAL",
    replyDomain: "eval.example",
    fromEmail: "letstalk@eval.example",
  });
  const { channel } = await createChannel({ db: database.db, districtId: district.id }, { type: "email", address: district.fromEmail, name: "eval" });
  return { database, jobs, channel };
}

/** One message through storage and the ingestion job; reads back what the inbox now shows. */
async function ingest(env: Awaited<ReturnType<typeof scratch>>, raw: Buffer, file: string): Promise<ProcessedEmail> {
  const { database, jobs, channel } = env;
  const deliveryId = await database.db.transaction(async (tx) => {
    const ctx: Ctx = {
      db: tx,
      districtId: channel.districtId,
      actor: { kind: "system", reason: "eval" },
      now: () => new Date(),
      log: createLogger("silent"),
      enqueue: jobs.enqueue,
      app: { publicUrl: "http://localhost" },
    };
    // One delivery per file: copies of a message in the corpus are each evaluated.
    const r = await storeInboundDelivery(ctx, channel, { providerMessageId: `eval:${file}`, source: "eval", raw });
    return r.delivery!.id;
  });
  await jobs.drain();
  const [delivery] = await database.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.id, deliveryId));
  if (!delivery || delivery.status !== "processed") throw new Error(delivery?.error ?? "not processed");
  const outcome = delivery.outcome as { kind: string; messageId?: string; conversationId?: string };
  if (outcome.kind === "bounce" || outcome.kind === "auto_reply" || outcome.kind === "feedback_report") {
    return { kind: outcome.kind, subject: null, from: null, text: null, attachments: [] };
  }
  if (outcome.kind !== "recorded" && outcome.kind !== "duplicate") {
    // "ignored" (no sender, or the district's own address): not an inquiry either.
    return { kind: "message", subject: null, from: null, text: null, attachments: [] };
  }
  const where = outcome.messageId ? eq(messages.id, outcome.messageId) : eq(messages.conversationId, outcome.conversationId!);
  const [msg] = await database.db.select().from(messages).where(where).limit(1);
  const [conv] = await database.db.select().from(conversations).where(eq(conversations.id, msg!.conversationId));
  const [from] = msg!.authorContactId
    ? await database.db
        .select({ value: contactIdentities.value })
        .from(contactIdentities)
        .where(and(eq(contactIdentities.contactId, msg!.authorContactId), eq(contactIdentities.kind, "email")))
    : [];
  const files = await database.db.select({ filename: attachments.filename }).from(attachments).where(eq(attachments.messageId, msg!.id));
  return {
    kind: "message",
    subject: conv!.subject,
    from: from?.value ?? null,
    text: [msg!.body, msg!.quotedText].filter(Boolean).join("\n"),
    attachments: files.map((f) => f.filename),
  };
}

export async function run(argv: string[]): Promise<number> {
  const i = argv.indexOf("--dir");
  const dir = i >= 0 ? argv[i + 1] : undefined;
  if (!dir) {
    process.stderr.write("usage: frontoffice eval mail --dir DIR (a folder of .eml files with manifest.jsonl)\n");
    return 2;
  }
  const env = await scratch();
  try {
    const scores = await evaluateEmailCorpus(path.resolve(dir), (raw, file) => ingest(env, raw, file));
    process.stdout.write(`confusion (expected → got): ${JSON.stringify(scores.confusion)}\n`);
    for (const r of scores.results) {
      if (r.error) process.stdout.write(`crash ${r.file}: ${r.error.slice(0, 160)}\n`);
      else if (r.kind !== r.expectedKind) process.stdout.write(`kind ${r.file}: expected ${r.expectedKind}, got ${r.kind}\n`);
      else if (r.mismatches.length > 0) process.stdout.write(`fields ${r.file}: ${r.mismatches.join(", ")}\n`);
    }
    const { n, crashed, kind_accuracy, false_inquiries, field_mismatches, max_ms } = scores;
    process.stdout.write(
      `${JSON.stringify({ n, crashed, kind_accuracy: r4(kind_accuracy), false_inquiries, field_mismatches, max_ms: Math.round(max_ms) })}\n`,
    );
    return crashed > 0 ? 1 : 0;
  } finally {
    await env.jobs.stop();
    await env.database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
