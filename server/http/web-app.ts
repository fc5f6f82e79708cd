import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** Where `npm run build` puts the staff app (vite build --config web/vite.config.ts). */
export const WEB_ROOT = path.resolve(import.meta.dirname, "../../dist/web");

export type WebAppOptions = { root?: string };

const PUBLIC = { config: { audience: "public" as const } };

/** No inline script or style anywhere in the app; nothing may frame it. */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Front Office: staff app not built</title></head>
<body>
<main>
<h1>The staff app has not been built yet</h1>
<p>The server is running, but the web app's files are missing from <code>dist/web</code>.</p>
<p>Run <code>npm run build</code> in the Front Office folder, then reload this page.</p>
</main>
</body>
</html>
`;

/**
 * Serves the staff app at /app/: hashed assets cached for a year, index.html never cached, every
 * other /app/* path answered with index.html (client-side routes), and / redirected to /app/.
 * A missing build answers 503 with instructions instead of failing at startup.
 */
export async function webApp(app: FastifyInstance, opts: WebAppOptions = {}): Promise<void> {
  const root = opts.root ?? WEB_ROOT;
  const indexFile = path.join(root, "index.html");
  if (!existsSync(indexFile)) app.log.warn({ root }, "web app: dist/web is missing; /app/ answers 503 until `npm run build`");

  app.addHook("onSend", async (_req, reply) => {
    reply
      .header("content-security-policy", WEB_APP_CSP)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "same-origin")
      .header("x-frame-options", "DENY")
      .header("cross-origin-opener-policy", "same-origin")
      .header("permissions-policy", "camera=(), microphone=(), geolocation=()");
  });

  await app.register(fastifyStatic, {
    root: path.join(root, "assets"),
    prefix: "/app/assets/",
    decorateReply: false,
    index: false,
    wildcard: true,
    immutable: true,
    maxAge: "365d",
    lastModified: false,
    suppressWarning: true,
    allowedPath: (pathName) => !pathName.split("/").some((seg) => seg.startsWith(".")),
  });

  const sendIndex = async (reply: FastifyReply) => {
    const html = await readFile(indexFile).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw err;
    });
    reply.header("cache-control", "no-cache").type("text/html; charset=utf-8");
    if (!html) return reply.status(503).header("cache-control", "no-store").header("retry-after", "60").send(NOT_BUILT);
    return reply.send(html);
  };

  app.get("/", PUBLIC, async (_req, reply) => reply.redirect("/app/", 302));
  app.get("/app", PUBLIC, async (req, reply) => {
    const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
    return reply.redirect(`/app/${query}`, 302);
  });
  app.get("/app/*", PUBLIC, async (_req, reply) => sendIndex(reply));
}
