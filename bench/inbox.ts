/**
 * The inbox over a large district's history (issue 6): the first page (50 rows) of the main views and full-text
 * searches in English and Spanish, through the whole app, p50/p95. Goals: p95 under 50 ms for the inbox, 100 ms
 * for search, with 1,000,000 conversations.
 */
import { buildApp } from "../server/app.js";
import type { AppDeps } from "../server/http/context.js";
import { timeGets, type HistoryFixture } from "./reports.js";

export async function benchInbox(h: HistoryFixture, deps: AppDeps, opts: { rounds: number }): Promise<void> {
  const app = await buildApp(deps);
  await app.ready();
  const inbox = [
    ["all_open", "/api/conversations?limit=50"],
    ["all", "/api/conversations?view=all&limit=50"],
    ["department", `/api/conversations?view=all_open&departmentId=${h.departmentIds[2]}&limit=50`],
    ["past_due", "/api/conversations?view=past_due&limit=50"],
    ["newest_created", "/api/conversations?view=all&sort=created_desc&limit=50"],
  ];
  const search = [
    ["search_en", `/api/conversations?view=all&q=${encodeURIComponent("bus late")}&limit=50`],
    ["search_es", `/api/conversations?view=all&q=${encodeURIComponent("alergia cafetería")}&limit=50`],
    ["search_rare", `/api/conversations?view=all&q=${encodeURIComponent("chromebook cracked")}&limit=50`],
    ["search_reference", `/api/conversations?view=all&q=BUSD-${Math.round(h.conversations / 2)}&limit=50`],
  ];
  for (const [kind, list, goal] of [["inbox", inbox, 50], ["search", search, 100]] as const) {
    for (const [name, url] of list) {
      const t = await timeGets(app, url!, h.token, opts.rounds);
      process.stdout.write(`${JSON.stringify({ bench: `${kind}_query`, engine: "postgres", conversations: h.conversations, query: name, ...t, goal_ms: goal, met: t.p95_ms < goal })}\n`);
    }
  }
  await app.close();
}
