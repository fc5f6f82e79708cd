import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { categories, topics } from "../../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

// @fastify/compress is not installed, so responses go out uncompressed here; a reverse proxy (or the
// package, later) gzips them. The budgets measure what gzip makes of the exact bytes we serve.
const gz = (b: string | Buffer) => gzipSync(b, { level: 9 }).length;
const PAGE_BUDGET = 30 * 1024;
const EMBED_BUDGET = 10 * 1024;

let t: TestApp;
let d: TestDistrict;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
  // A realistic district: 6 categories of 5 topics, each with a bilingual description.
  for (let c = 0; c < 6; c++) {
    const [cat] = await t.database.db
      .insert(categories)
      .values({ districtId: d.district.id, slug: `cat-${c}`, name: { en: `Category ${c}`, es: `Categoría ${c}` }, position: c + 2 })
      .returning();
    await t.database.db.insert(topics).values(
      Array.from({ length: 5 }, (_, i) => ({
        districtId: d.district.id,
        categoryId: cat!.id,
        slug: `topic-${c}-${i}`,
        name: { en: `Topic ${c}.${i} about enrollment and records`, es: `Tema ${c}.${i} sobre inscripción y expedientes` },
        description: { en: "Questions about this subject, answered by the team that owns it.", es: "Preguntas sobre este tema, respondidas por el equipo responsable." },
      })),
    );
  }
});
afterAll(() => t.close());

async function weigh(url: string) {
  const res = await t.app.inject({ url });
  expect(res.statusCode).toBe(200);
  const cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(res.body)![1]!;
  const css = await t.app.inject({ url: cssUrl });
  expect(css.statusCode).toBe(200);
  return { html: gz(res.body), css: gz(css.rawPayload), total: gz(res.body) + gz(css.rawPayload) };
}

describe("page weight budgets (gzip)", () => {
  it("keeps the landing page with its stylesheet under 30 KB", async () => {
    const w = await weigh(`/d/${d.district.slug}`);
    console.info(`landing: html ${w.html} B + css ${w.css} B = ${w.total} B gzipped`);
    expect(w.total).toBeLessThan(PAGE_BUDGET);
  });

  it("keeps the bus topic form with its stylesheet under 30 KB", async () => {
    const w = await weigh(`/d/${d.district.slug}/topics/bus-concern`);
    console.info(`topic form: html ${w.html} B + css ${w.css} B = ${w.total} B gzipped`);
    expect(w.total).toBeLessThan(PAGE_BUDGET);
  });

  it("keeps embed.js under 10 KB gzipped", async () => {
    const res = await t.app.inject({ url: "/embed.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("javascript");
    const size = gz(res.rawPayload);
    console.info(`embed.js: ${res.rawPayload.length} B raw, ${size} B gzipped`);
    expect(size).toBeLessThan(EMBED_BUDGET);
  });

  it("serves the stylesheet at a versioned URL with a year-long cache and an ETag", async () => {
    const page = await t.app.inject({ url: `/d/${d.district.slug}` });
    const cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)![1]!;
    expect(cssUrl).toMatch(/^\/assets\/public\.css\?v=[A-Za-z0-9_-]{10}$/);
    const css = await t.app.inject({ url: cssUrl });
    expect(css.headers["content-type"]).toContain("text/css");
    expect(css.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const again = await t.app.inject({ url: cssUrl, headers: { "if-none-match": String(css.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
