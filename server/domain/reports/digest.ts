/**
 * The weekly digest to district leaders (issue 5): last week's headline figures with the change against the week
 * before, the trending topics, and links to the dashboard and the board report. Figures and topic names only: no
 * family's words, no contact details. Sent once per district and week (a district-level timeline event records it
 * in the same transaction as the queued emails).
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { ReportSummary, ReportTrending } from "../../../common/contract/reports.js";
import { events, staff } from "../../db/schema/index.js";
import { emit } from "../../events/emit.js";
import { getDistrict } from "../districts/index.js";
import { escapeEmailHtml, queueEmail } from "../mail/index.js";
import type { Ctx } from "../shared/ctx.js";
import { reportSummary } from "./summary.js";
import { addDays, localDateOf, mondayOf } from "./time.js";
import { reportTrending } from "./topics.js";

/** Leaders: active people (not service accounts) who read reports and did not turn staff emails off. */
async function leaders(ctx: Ctx): Promise<{ email: string; name: string }[]> {
  return ctx.db
    .select({ email: staff.email, name: staff.name })
    .from(staff)
    .where(
      and(
        eq(staff.districtId, ctx.districtId),
        eq(staff.active, true),
        eq(staff.isService, false),
        inArray(staff.role, ["admin", "supervisor", "viewer"]),
        ne(staff.notifyEmail, "off"),
      ),
    )
    .orderBy(staff.email);
}

const pctText = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)} %`);
const numText = (x: number | null, unit = "") => (x === null ? "—" : `${x}${unit}`);

/** "up 12 % from the week before" in words, so the change never depends on colour or an arrow glyph. */
function changeText(change: number | null): string {
  if (change === null) return "no comparison";
  if (change === 0) return "same as the week before";
  return `${change > 0 ? "up" : "down"} ${Math.abs(Math.round(change * 100))} % from the week before`;
}

export type DigestContent = { subject: string; text: string; html: string };

const esc = escapeEmailHtml;

export function renderLeaderDigest(districtName: string, s: ReportSummary, trending: ReportTrending, links: { dashboard: string; board: string }, weekLabel: string): DigestContent {
  const rows: [string, string, string][] = [
    ["Conversations", numText(s.conversations), changeText(s.change.conversations)],
    ["Median first response (business hours)", numText(s.firstResponseMedianBusinessHours, " h"), changeText(s.change.firstResponseMedianBusinessHours)],
    ["Answered within the standard", pctText(s.withinStandardShare), changeText(s.change.withinStandardShare)],
    ["Past due now", numText(s.pastDue), changeText(s.change.pastDue)],
    ["Open now", numText(s.open), changeText(s.change.open)],
    ["Customer-experience score (1–10)", numText(s.cxScore), changeText(s.change.cxScore)],
    ["Compliments", pctText(s.complimentShare), changeText(s.change.complimentShare)],
    ["Critical alerts", numText(s.criticalAlerts), changeText(s.change.criticalAlerts)],
  ];
  const topics = trending.rows.slice(0, 5).map((t) => `${t.label}: ${t.count} (usually ${t.baseline})`);
  const subject = `Front Office weekly: ${s.conversations} conversations, ${pctText(s.withinStandardShare)} answered within the standard (${weekLabel})`;
  const text = [
    `${districtName} — the week of ${weekLabel}`,
    "",
    ...rows.map(([k, v, c]) => `${k}: ${v} (${c})`),
    "",
    topics.length ? `Trending topics:\n${topics.map((t) => `- ${t}`).join("\n")}` : "No topic is trending this week.",
    "",
    `Dashboard: ${links.dashboard}`,
    `Board report: ${links.board}`,
    "",
    "— Front Office. You receive this weekly as a district leader; turn staff emails off in your profile to stop it.",
    "",
  ].join("\n");
  const html = `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
<h1 style="font-size:20px">${esc(districtName)} — the week of ${esc(weekLabel)}</h1>
<table style="border-collapse:collapse"><caption style="text-align:left;font-weight:bold">Headline figures</caption>
<thead><tr><th scope="col" style="text-align:left;padding:4px 8px">Figure</th><th scope="col" style="text-align:right;padding:4px 8px">This week</th><th scope="col" style="text-align:left;padding:4px 8px">Change</th></tr></thead>
<tbody>${rows.map(([k, v, c]) => `<tr><th scope="row" style="text-align:left;padding:4px 8px;font-weight:normal">${esc(k)}</th><td style="text-align:right;padding:4px 8px">${esc(v)}</td><td style="padding:4px 8px">${esc(c)}</td></tr>`).join("")}</tbody></table>
${topics.length ? `<h2 style="font-size:18px">Trending topics</h2><ul>${topics.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>` : "<p>No topic is trending this week.</p>"}
<p><a href="${esc(links.dashboard)}">Open the dashboard</a> · <a href="${esc(links.board)}">Board report</a></p>
<p style="color:#555;font-size:14px">— Front Office. You receive this weekly as a district leader; turn staff emails off in your profile to stop it.</p>
</body></html>`;
  return { subject, text, html };
}

/**
 * Queues last week's digest (the local Monday-to-Monday week before `ctx.now()`) to every leader, unless it was
 * already sent for that week.
 */
export async function sendWeeklyLeaderDigest(ctx: Ctx): Promise<{ emails: number; from: string; to: string }> {
  const district = await getDistrict(ctx);
  const to = mondayOf(localDateOf(district.timeZone, ctx.now()));
  const from = addDays(to, -7);
  const [sent] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.districtId, ctx.districtId), eq(events.type, "reports.weekly_digest_sent"), sql`${events.data}->>'from' = ${from}`));
  if (sent!.n > 0) return { emails: 0, from, to };
  const people = await leaders(ctx);
  if (people.length) {
    const summary = await reportSummary(ctx, { from, to });
    const trending = await reportTrending(ctx, { from, to });
    const q = `from=${from}&to=${to}`;
    const base = ctx.app.publicUrl;
    const content = renderLeaderDigest(district.name, summary, trending, { dashboard: `${base}/app/reports?${q}`, board: `${base}/app/reports/board?${q}` }, `${from} to ${addDays(to, -1)}`);
    for (const p of people) {
      await queueEmail(ctx, { purpose: "staff", to: p.email, from: `Front Office · ${district.name} <${district.fromEmail}>`, ...content, domain: district.replyDomain });
    }
  }
  await emit(ctx, "reports.weekly_digest_sent", { from, to, recipients: people.length });
  return { emails: people.length, from, to };
}
