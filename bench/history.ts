/**
 * A large district's history for the benchmarks, made in PostgreSQL with generate_series (a few minutes for
 * 1,000,000 conversations, not hours through the app): departments, schools, topics, staff, contacts, and
 * conversations over the last `years` with the shape of real traffic (school-day hours, answered within hours to
 * days, 3 % never answered but closed, everything older than 45 days resolved, some pending pauses), their status-change and breach events, ratings and alerts.
 * The same shape for a seed (values vary with which pooled connection draws them). Each conversation gets the family's first message; its search vector is
 * filled in the same insert, as the messages trigger would. The stamped business minutes are wall-clock minutes × 45/168 (a
 * 45-hour week), close enough for timing queries, not a calendar.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../server/db/client.js";
import { categories, departments, districts, schools, staff, topics } from "../server/db/schema/index.js";
import { processRollups } from "../server/domain/reports/index.js";

export type History = { districtId: string; conversations: number; departmentIds: string[]; schoolIds: string[]; topicIds: string[]; rolledDays: number; rollupSeconds: number };

const SUBJECTS = [
  "Bus was late again",
  "Bus driver did not stop",
  "Lunch account balance",
  "Allergy in the cafeteria menu",
  "Enrollment for kindergarten",
  "Transfer to another school",
  "Bullying on the playground",
  "Grades not posted",
  "Chromebook broken",
  "Special education meeting",
  "Thank you to the front office",
  "Traffic at drop-off",
  "El autobús llegó tarde",
  "Pregunta sobre la inscripción",
  "Calendario escolar",
  "Field trip permission",
  "After-school program waitlist",
  "Heat in the classroom",
  "Graduation ceremony tickets",
  "Counselor appointment",
];
const BODIES = [
  "The bus on route 14 was 25 minutes late at the Elm Street stop this morning and the children waited in the rain.",
  "My son's lunch account shows a negative balance although I paid online last week, can someone check?",
  "We are moving in August and need to enroll our daughter in kindergarten, which documents do we need?",
  "Mi hija tiene alergia al maní y el menú de la cafetería no indica los ingredientes.",
  "Thank you to Ms. Rivera at the front office, she helped us so kindly with the transfer paperwork.",
  "The drop-off line on Oak Avenue backs up onto the highway every morning, it is dangerous.",
  "My student's Chromebook screen cracked, how do we get it repaired or replaced?",
  "¿Cuándo empieza el programa después de la escuela y cómo nos inscribimos?",
];

export async function generateHistory(database: Database, opts: { districtId: string; conversations: number; years: number; now: Date; seed?: number }): Promise<History> {
  const { db } = database;
  const d = opts.districtId;
  const deps = await db
    .insert(departments)
    .values(Array.from({ length: 14 }, (_, i) => ({ districtId: d, name: `Department ${i + 1}`, slug: `dept-${i + 1}` })))
    .returning({ id: departments.id });
  const sch = await db
    .insert(schools)
    .values(Array.from({ length: 220 }, (_, i) => ({ districtId: d, name: `School ${i + 1}`, code: `S${i + 1}` })))
    .returning({ id: schools.id });
  const [cat] = await db.insert(categories).values({ districtId: d, slug: "all", name: { en: "All topics" } }).returning({ id: categories.id });
  const tps = await db
    .insert(topics)
    .values(Array.from({ length: 60 }, (_, i) => ({ districtId: d, categoryId: cat!.id, departmentId: deps[i % deps.length]!.id, slug: `topic-${i + 1}`, name: { en: `Topic ${i + 1}` } })))
    .returning({ id: topics.id });
  const stf = await db
    .insert(staff)
    .values(Array.from({ length: 400 }, (_, i) => ({ districtId: d, email: `staff${i}@bench.example`, name: `Staff ${i}`, role: i < 20 ? "supervisor" : "agent" })))
    .returning({ id: staff.id });
  const arr = (ids: { id: string }[]) => sql.raw(`ARRAY[${ids.map((x) => `'${x.id}'::uuid`).join(",")}]`);
  const txt = (xs: string[]) => sql.raw(`ARRAY[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(",")}]`);
  const n = opts.conversations;
  const contactsN = Math.max(1, Math.round(n * 0.45));
  const now = opts.now.toISOString();
  const span = `${opts.years * 365} days`;

  await db.execute(sql`select setseed(${opts.seed ?? 0.42})`);
  await db.execute(sql`insert into contacts (id, district_id, name, created_at)
    select overlay(overlay(md5(${d} || 'contact' || g) placing '4' from 13) placing '8' from 17)::uuid, ${d}::uuid, 'Family ' || g, ${now}::timestamptz - ${span}::interval from generate_series(1, ${contactsN}) g`);
  await db.execute(sql`alter table conversations disable trigger conversations_search_bi`);
  await db.execute(sql`alter table conversations disable trigger conversations_report_dirty`); // the days are marked in one statement below
  // r1..r8 drive the choices; created: uniform over the span, moved to 07:00–19:00 Pacific, weekends thinned
  await db.execute(sql`
    insert into conversations (id, district_id, number, reference, subject, kind, requester_role, status, priority, channel, language,
      topic_id, department_id, school_id, assignee_id, contact_id, created_at, updated_at, last_message_at, first_response_at, resolved_at,
      first_response_due_at, sla_breached, first_response_business_minutes, resolution_business_minutes, search)
    select gen_random_uuid(), ${d}::uuid, n, 'BUSD-' || n, s.subject,
      (array['question','concern','comment','suggestion','compliment'])[1 + floor(r1 * r1 * 5)::int],
      (array['parent','parent','parent','student','staff','community'])[1 + floor(r2 * 6)::int],
      s.status,
      case when r3 < 0.03 then 'high' else 'normal' end,
      (array['web_form','web_form','web_form','email','email','sms','phone','facebook'])[1 + floor(r4 * 8)::int],
      case when r5 < 0.23 then 'es' else 'en' end,
      (${arr(tps)})[1 + floor(r6 * ${tps.length})::int],
      (${arr(deps)})[1 + floor(r6 * ${tps.length})::int % ${deps.length}],
      case when r7 < 0.8 then (${arr(sch)})[1 + floor(r7 / 0.8 * ${sch.length})::int] end,
      (${arr(stf)})[1 + floor(r8 * ${stf.length})::int],
      -- a valid version-4 UUID made from the contact's number (the contacts insert above uses the same)
      case when r5 > 0.02 then overlay(overlay(md5(${d} || 'contact' || (1 + floor(r2 * r5 * ${contactsN}))::int) placing '4' from 13) placing '8' from 17)::uuid end,
      s.created, coalesce(s.resolved, s.responded, s.created), coalesce(s.responded, s.created), s.responded, s.resolved,
      s.created + interval '2 days', case when s.responded is null or s.responded > s.created + interval '2 days' then array['first_response'] else array[]::text[] end,
      round(extract(epoch from (s.responded - s.created)) / 60 * 45 / 168), round(extract(epoch from (s.resolved - s.created)) / 60 * 45 / 168),
      setweight(fo_search_vector(s.subject || ' BUSD-' || n), 'A') || fo_search_vector((${txt(BODIES)})[1 + n % ${BODIES.length}])
    from (
      select row_number() over (order by created) as n, r1, r2, r3, r4, r5, r6, r7, r8, created,
        (${txt(SUBJECTS)})[1 + floor(r3 * ${SUBJECTS.length})::int] as subject,
        case when r1 < 0.97 and created + resp < ${now}::timestamptz then created + resp end as responded,
        case when created + resp + res < ${now}::timestamptz - interval '1 hour' and (r2 < 0.97 or created < ${now}::timestamptz - interval '45 days')
             then created + resp + res end as resolved,
        case when created + resp + res < ${now}::timestamptz - interval '1 hour' and (r2 < 0.97 or created < ${now}::timestamptz - interval '45 days') then 'resolved'
             when r1 < 0.97 and created + resp < ${now}::timestamptz then (case when r3 < 0.3 then 'pending' else 'open' end)
             else 'new' end as status
      from (
        select g, r1, r2, r3, r4, r5, r6, r7, r8,
          date_trunc('day', ${now}::timestamptz - random() * ${span}::interval) + interval '15 hours' + random() * interval '12 hours' as created,
          (random() * random() * 72) * interval '1 hour' as resp,
          (random() * random() * 240) * interval '1 hour' as res
        from (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8 from generate_series(1, ${n}) g) x
      ) y
    ) s
    order by n`); // stored in arrival order, numbered by it, as a real district's rows are
  await db.execute(sql`alter table conversations enable trigger conversations_search_bi`);
  await db.execute(sql`alter table conversations enable trigger conversations_report_dirty`);
  const [{ tz }] = (await db.select({ tz: districts.timeZone }).from(districts).where(eq(districts.id, d))) as [{ tz: string }];
  // every local day the history created or resolved a conversation on, for the rollup job (as migration 0011 marks an existing history)
  await db.execute(sql`insert into report_dirty_days (district_id, day)
    select distinct ${d}::uuid, (created_at at time zone ${tz})::date from conversations where district_id = ${d}::uuid
    union select ${d}::uuid, (resolved_at at time zone ${tz})::date from conversations where district_id = ${d}::uuid and resolved_at is not null`);
  // the family's first message (its words are already in the search vector above, as openConversation writes them)
  await db.execute(sql`insert into messages (district_id, conversation_id, direction, channel, body, author_contact_id, created_at)
    select district_id, id, 'inbound', channel, (${txt(BODIES)})[1 + number % ${BODIES.length}], contact_id, created_at from conversations where district_id = ${d}::uuid order by number`);
  await db.execute(sql`update districts set next_number = ${n + 1} where id = ${d}::uuid`).catch(() => undefined);
  // the timeline the reports read: resolutions, pending pauses (a day after the answer, for a day), breaches
  await db.execute(sql`insert into events (district_id, conversation_id, type, actor_kind, data, created_at)
    select district_id, id, 'conversation.status_changed', 'staff', '{"from":"open","to":"resolved"}'::jsonb, resolved_at from conversations where district_id = ${d}::uuid and resolved_at is not null`);
  await db.execute(sql`insert into events (district_id, conversation_id, type, actor_kind, data, created_at)
    select district_id, id, 'conversation.status_changed', 'staff', '{"from":"open","to":"pending"}'::jsonb, first_response_at from conversations
    where district_id = ${d}::uuid and first_response_at is not null and (status = 'pending' or (status = 'resolved' and number % 10 = 0))`);
  await db.execute(sql`insert into events (district_id, conversation_id, type, actor_kind, data, created_at)
    select district_id, id, 'conversation.status_changed', 'staff', '{"from":"pending","to":"open"}'::jsonb, first_response_at + (resolved_at - first_response_at) / 2 from conversations
    where district_id = ${d}::uuid and status = 'resolved' and first_response_at is not null and number % 10 = 0`);
  await db.execute(sql`insert into events (district_id, conversation_id, type, actor_kind, data, created_at)
    select district_id, id, 'sla.breached', 'system', jsonb_build_object('clock', 'first_response', 'dueAt', first_response_due_at), first_response_due_at from conversations
    where district_id = ${d}::uuid and 'first_response' = any(sla_breached) and first_response_due_at < ${now}::timestamptz`);
  // ratings: a link for 60 % of resolutions, answered 35 % of the time; alerts on 0.4 % of conversations
  await db.execute(sql`insert into ratings (district_id, conversation_id, token_hash, requested_at, expires_at, submitted_at, accuracy, timeliness, courtesy)
    select district_id, id, md5('rating' || id::text), resolved_at, resolved_at + interval '30 days',
      case when number % 20 < 7 then resolved_at + interval '1 day' end,
      case when number % 20 < 7 then 4 + (number % 7) end, case when number % 20 < 7 then 3 + (number % 8) end, case when number % 20 < 7 then 5 + (number % 6) end
    from conversations where district_id = ${d}::uuid and resolved_at is not null and number % 5 < 3`);
  await db.execute(sql`insert into alerts (district_id, conversation_id, category, severity, score, status, created_at, acknowledged_at)
    select district_id, id, (array['self_harm','violence','weapons','abuse','harassment'])[1 + number % 5], 'critical', 0.9,
      case when created_at < ${now}::timestamptz - interval '1 day' then 'acknowledged' else 'active' end, created_at,
      case when created_at < ${now}::timestamptz - interval '1 day' then created_at + (number % 50) * interval '1 minute' end
    from conversations where district_id = ${d}::uuid and number % 250 = 0`);
  // the rollups of the whole history, as the report-rollups job computes them after migration 0011 on an existing database
  const r0 = performance.now();
  const rolledDays = await processRollups(db, Number.POSITIVE_INFINITY);
  const rollupSeconds = (performance.now() - r0) / 1000;
  await db.execute(sql`vacuum analyze`); // what autovacuum does to settled history: index-only scans need the visibility map
  return { districtId: d, conversations: n, departmentIds: deps.map((x) => x.id), schoolIds: sch.map((x) => x.id), topicIds: tps.map((x) => x.id), rolledDays, rollupSeconds };
}
